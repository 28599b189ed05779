// End-to-end: exchange with GLPI and between databases. incident export
// --json then import into an empty data dir gives back every field and event;
// --csv writes GLPI's ticket columns; asset export --csv then asset import
// gives back every asset; bad files exit 2 in one line with nothing saved.
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

using nlohmann::json;

namespace {

struct Desk {
  test::TempDir home;
  test::Run run(const std::string& args) const {
    return test::diagdesk_at(home, "--data " + test::quote(DIAGDESK_DATA_DIR) + " " + args, "2026-12-07T10:00");
  }
  void ok(const std::string& args) const {
    const auto r = run(args);
    REQUIRE_MESSAGE(r.rc == 0, std::string(args + " -> " + r.err));
  }
  std::string file(const std::string& name) const { return test::quote((home.path() / name).string()); }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void refused(const Desk& d, const std::string& args, const std::string& part) {
  CAPTURE(args);
  const auto r = d.run(args);
  CHECK(r.rc == 2);
  CAPTURE(r.err);
  CHECK(has(r.err, part));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

/// Two incidents, one taken, noted, escalated and resolved; one request.
void fill(const Desk& d) {
  d.ok("incident new --title 'Printer offline' --caller 'Marie Dupont' --impact high --urgency high "
       "--category hardware --description 'Says \"jammed\"; again' --operator anna");
  d.ok("incident assign INC-2026-000001 paul");
  d.ok("incident note INC-2026-000001 'called back' --kind call --operator paul");
  d.ok("incident escalate INC-2026-000001 --reason 'fuser' --operator paul");
  d.ok("incident resolve INC-2026-000001 --solution 'fuser replaced' --operator paul");
  d.ok("incident new --title 'No network' --caller Bob --impact low --urgency medium");
  d.ok("request new --title 'New mouse' --caller Bob --impact low --urgency low");
}

}  // namespace

TEST_CASE("incident export --json then import into an empty data dir keeps every field and event") {
  Desk a;
  fill(a);
  auto r = a.run("incident export --json " + a.file("inc.json"));
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "2 ticket(s) written to"));
  const json exported = json::parse(test::read(a.home.path() / "inc.json"));
  REQUIRE(exported["tickets"].size() == 2);
  CHECK(exported["tickets"][0]["history"].size() >= 5);

  Desk b;
  std::filesystem::copy_file(a.home.path() / "inc.json", b.home.path() / "inc.json");
  r = b.run("--lang fr incident import " + b.file("inc.json"));
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "2 ticket(s) importé(s)"));
  b.ok("incident export --json " + b.file("again.json"));
  CHECK(json::parse(test::read(b.home.path() / "again.json")) == exported);
  // The desk reads the imported ticket as any other.
  CHECK(has(b.run("incident show INC-2026-000001").out, "fuser replaced"));

  SUBCASE("the next incident follows the imported numbers") {
    r = b.run("incident new --title Third --caller Eve --impact low --urgency low");
    CHECK(has(r.out, "INC-2026-000003"));
  }
  SUBCASE("importing the same file again is refused, nothing added") {
    refused(b, "incident import " + b.file("inc.json"), "INC-2026-000001 exists already");
  }
  SUBCASE("request export holds only the requests") {
    b.ok("request export --json " + b.file("req.json"));
    CHECK(json::parse(test::read(b.home.path() / "req.json"))["tickets"].empty());
    a.ok("request export --json " + a.file("req.json"));
    CHECK(json::parse(test::read(a.home.path() / "req.json"))["tickets"][0]["number"] == "DEM-2026-000001");
  }
}

TEST_CASE("incident export --csv writes GLPI's ticket columns and numbers") {
  Desk a;
  fill(a);
  a.ok("incident export --csv " + a.file("inc.csv"));
  const std::string csv = test::read(a.home.path() / "inc.csv");
  CHECK(csv.rfind("Titre;Description;Statut;Urgence;Impact;Priorité;Type;Demandeur;Catégorie;Date d'ouverture;", 0) == 0);
  // Resolved 5, urgency high 4, impact high 4, P1 -> 5, incident 1.
  CHECK(has(csv, "\r\nPrinter offline;\"Says \"\"jammed\"\"; again\";5;4;4;5;1;Marie Dupont;hardware;2026-12-07 09:00:00;"));
  CHECK(has(csv, ";INC-2026-000001\r\n"));
  // New 1, urgency medium 3, impact low 2.
  CHECK(has(csv, "\r\nNo network;;1;3;2;"));
}

TEST_CASE("asset export --csv then asset import into an empty data dir gives every asset back") {
  Desk a;
  a.ok("asset add PC-0042 --type laptop --manufacturer Dell --model 'Latitude 5440' --serial SN1 --os windows11 "
       "--os-version 23H2 --user pmartin --site Lyon --room B12 --ip 10.0.0.5 --mac AA-BB-CC-DD-EE-FF "
       "--purchase-date 2024-03-01 --warranty-end 2027-03-31 --status in_repair --notes 'hinge; loose'");
  a.ok("asset add SW-01 --type switch --site Paris --status in_stock");
  auto r = a.run("asset export --csv " + a.file("parc.csv"));
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "2 asset(s) written to"));
  Desk b;
  std::filesystem::copy_file(a.home.path() / "parc.csv", b.home.path() / "parc.csv");
  b.ok("asset import " + b.file("parc.csv"));
  for (const char* tag : {"PC-0042", "SW-01"}) {
    CAPTURE(tag);
    json x = json::parse(a.run(std::string("asset show ") + tag + " --json").out);
    json y = json::parse(b.run(std::string("asset show ") + tag + " --json").out);
    for (const char* f : {"type", "manufacturer", "model", "serial", "user", "site", "room", "os", "os_version", "ip",
                          "mac", "purchase_date", "warranty_end", "status", "notes"}) {
      CAPTURE(f);
      CHECK(x[f] == y[f]);
    }
  }
}

TEST_CASE("bad import files and symbolic links exit 2 in one line and save or write nothing") {
  Desk d;
  d.home.write("junk.json", "not json");
  refused(d, "incident import " + d.file("junk.json"), "not a Diagdesk ticket JSON export");
  refused(d, "incident import " + d.file("missing.json"), "cannot read the file");
  d.home.write("old.json", R"({"schema_version": 9, "tickets": []})");
  refused(d, "incident import " + d.file("old.json"), "schema_version");
  d.home.write("bad.json", R"({"schema_version": 1, "tickets": [{"number": "INC-2026-000001", "type": "incident"}]})");
  refused(d, "incident import " + d.file("bad.json"), "ticket 1: field 'title' is missing");
  refused(d, "--lang fr incident import " + d.file("bad.json"), "ticket n° 1 : champ « title » absent");

  Desk a;
  fill(a);
  a.ok("incident export --json " + a.file("inc.json"));
  std::string text = test::read(a.home.path() / "inc.json");
  const auto at = text.find("\"kind\": \"call\"");
  REQUIRE(at != std::string::npos);
  d.home.write("kind.json", text.replace(at, 14, "\"kind\": \"fax\""));
  refused(d, "incident import " + d.file("kind.json"), "field 'kind': bad value 'fax'");
  CHECK(d.run("incident export --json " + d.file("none.json")).rc == 0);
  CHECK(json::parse(test::read(d.home.path() / "none.json"))["tickets"].empty());

  d.home.write("target.txt", "keep");
  std::filesystem::create_symlink(d.home.path() / "target.txt", d.home.path() / "link.csv");
  refused(d, "incident export --csv " + d.file("link.csv"), "is a symbolic link");
  CHECK(test::read(d.home.path() / "target.txt") == "keep");
  const auto both = d.run("incident export --csv a.csv --json b.json");  // CLI11's usage error
  CHECK(both.rc == 2);
  CHECK(has(both.err, "--csv excludes --json"));
}
