// End-to-end: diagdesk asset add | update | show | list on the bundled KB
// (its fact catalogue and data/service/asset_facts.toml), and a ticket on an
// asset whose diagnosis starts with the asset's facts and warranty.
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

using nlohmann::json;

namespace {

struct Parc {
  test::TempDir home;
  /// diagdesk ARGS on the bundled KB on 7 December 2026, 10:00 local time.
  test::Run run(const std::string& args) const {
    return test::diagdesk_at(home, "--data " + test::quote(DIAGDESK_DATA_DIR) + " " + args, "2026-12-07T10:00");
  }
  json run_json(const std::string& args) const {
    const auto r = run(args + " --json");
    REQUIRE_MESSAGE(r.rc == 0, std::string(args + " -> " + r.err));
    return json::parse(r.out);
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// Refused: exit 2, one line on stderr containing `part`.
void refused(const Parc& p, const std::string& args, const std::string& part) {
  CAPTURE(args);
  const auto r = p.run(args);
  CHECK(r.rc == 2);
  CAPTURE(r.err);
  CHECK(has(r.err, part));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

}  // namespace

TEST_CASE("assets are added, listed with filters, shown with their history and updated") {
  Parc p;
  auto r = p.run("asset add PC-0042 --type laptop --manufacturer Dell --model 'Latitude 5440' --os windows11 "
                 "--user pmartin --site Lyon --mac AA-BB-CC-DD-EE-FF --warranty-end 2027-03-31 --operator marie");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "Asset PC-0042 added."));
  REQUIRE(p.run("asset add PRN-01 --type printer --site Paris --warranty-end 2026-12-20").rc == 0);
  REQUIRE(p.run("asset add PC-0001 --type desktop --site Lyon --warranty-end 2026-01-31").rc == 0);

  auto tags = [&](const std::string& filters) {
    std::vector<std::string> out;
    for (const auto& a : p.run_json("asset list " + filters)) out.push_back(a["tag"]);
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(tags("") == V{"PC-0001", "PC-0042", "PRN-01"});
  CHECK(tags("--type laptop") == V{"PC-0042"});
  CHECK(tags("--site Lyon") == V{"PC-0001", "PC-0042"});
  CHECK(tags("--user pmartin") == V{"PC-0042"});
  CHECK(tags("--warranty-within 30") == V{"PRN-01"});
  r = p.run("asset list --site Lyon");
  CHECK(has(r.out, "Dell Latitude 5440"));
  CHECK(has(p.run("asset list --site Nowhere").out, "No assets."));

  r = p.run("asset update PC-0042 site Paris --version 1 --operator bob");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "PC-0042: site = Paris (version 2)"));
  const json shown = p.run_json("asset show PC-0042");
  CHECK(shown["site"] == "Paris");
  CHECK(shown["mac"] == "aa:bb:cc:dd:ee:ff");
  CHECK(shown["under_warranty"] == true);
  CHECK(shown["history"].front()["kind"] == "created");
  CHECK(shown["history"].back()["old"] == "Lyon");
  CHECK(shown["history"].back()["actor"] == "bob");

  r = p.run("--lang fr asset show PC-0042");
  REQUIRE(r.rc == 0);
  CHECK(has(r.out, "Fabricant :"));
  CHECK(has(r.out, "Sous garantie jusqu'au 31/03/2027 : retour constructeur plutôt que réparation"));
  CHECK(has(r.out, "Site : Lyon -> Paris"));
}

TEST_CASE("bad asset values are refused with exit 2 and one line, nothing saved") {
  Parc p;
  REQUIRE(p.run("asset add PC-1 --type laptop --serial SN-1").rc == 0);
  refused(p, "asset add PC-2", "--type is missing");
  refused(p, "asset add PC-2 --type toaster", "'toaster'");
  refused(p, "asset add PC-2 --type laptop --ip 1.2.3", "ip: '1.2.3'");
  refused(p, "asset add PC-2 --type laptop --mac zz:zz", "mac");
  refused(p, "asset add PC-2 --type laptop --warranty-end 2026-02-30", "warranty_end");
  refused(p, "asset add PC-2 --type laptop --purchase-date 2026-06-01 --warranty-end 2025-06-01", "before the purchase");
  refused(p, "asset add PC-1 --type laptop", "already has that tag");
  refused(p, "asset add PC-2 --type laptop --serial SN-1", "serial number");
  refused(p, "asset update PC-1 colour red", "unknown asset field");
  refused(p, "asset update PC-1 site Paris --version 5", "changed by someone else");
  refused(p, "asset update PC-9 site Paris", "PC-9: no asset has that tag");
  refused(p, "asset show PC-9", "no asset has that tag");
  refused(p, "asset list --type toaster", "unknown asset type");
  refused(p, "asset list --warranty-within soon", "'soon'");
  refused(p, "--lang fr asset add PC-3 --type laptop --ip 300.0.0.1", "valeur refusée pour ip : « 300.0.0.1 »");
  CHECK(p.run_json("asset list").size() == 1);
}

TEST_CASE("a ticket on an asset diagnoses with the asset's facts and says the warranty") {
  Parc p;
  REQUIRE(p.run("asset add PC-0042 --type laptop --os windows11 --warranty-end 2027-03-31").rc == 0);
  const json t = p.run_json("incident new --title 'Pas de réseau' --caller 'Paul Martin' --impact low --urgency medium "
                            "--asset PC-0042");
  const std::string n = t["number"];
  CHECK(t["warranty_end"] == "2027-03-31");

  auto r = p.run("incident show " + n);
  REQUIRE(r.rc == 0);
  CHECK(has(r.out, "Under warranty until 2027-03-31: hardware return rather than repair"));
  CHECK(has(r.out, "device=laptop"));
  CHECK(has(r.out, "os=windows11"));

  r = p.run("incident diagnose " + n + " net.no_internet --answers '?'");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "Under warranty until 2027-03-31: hardware return rather than repair"));
  const json d = p.run_json("incident diagnose " + n + " net.no_internet");
  CHECK(d["facts"]["os"]["value"] == "windows11");
  CHECK(d["facts"]["device"]["value"] == "laptop");
  CHECK(d["facts"]["hw_under_warranty"]["value"] == "true");

  // The ticket's own fact wins over the asset's.
  const json own = p.run_json("incident new --title 'Pas de réseau' --caller 'Paul Martin' --impact low --urgency low "
                              "--asset PC-0042 --fact os=windows10");
  const json d2 = p.run_json("incident diagnose " + std::string(own["number"]) + " net.no_internet");
  CHECK(d2["facts"]["os"]["value"] == "windows10");
  CHECK(d2["facts"]["device"]["value"] == "laptop");

  r = p.run("--lang fr incident show " + n);
  CHECK(has(r.out, "Sous garantie jusqu'au 31/03/2027 : retour constructeur plutôt que réparation"));
  // A ticket on an asset out of warranty says nothing of it.
  REQUIRE(p.run("asset add PC-0001 --type desktop --warranty-end 2026-01-31").rc == 0);
  const json old = p.run_json("incident new --title 'Écran noir' --caller 'Paul Martin' --impact low --urgency low "
                              "--asset PC-0001");
  CHECK(old["warranty_end"].is_null());
  CHECK_FALSE(has(p.run("incident show " + std::string(old["number"])).out, "Under warranty until"));
  // The asset lists its tickets.
  const json shown = p.run_json("asset show PC-0042");
  CHECK(shown["tickets"].size() == 2);
}
