// End-to-end: diagdesk privacy export lists a caller's data, erase says what
// it changed, export afterwards finds nothing, the report shows the
// pseudonym; retention from a team layer's privacy.toml.
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

using nlohmann::json;

namespace {

struct Desk {
  test::TempDir home;
  std::string kb;
  test::Run run(const std::string& args, const std::string& now = "2026-12-07T10:00") const {
    return test::diagdesk_at(home, "--data " + test::quote(DIAGDESK_DATA_DIR) + kb + " " + args, now);
  }
  void ok(const std::string& args, const std::string& now = "2026-12-07T10:00") const {
    const auto r = run(args, now);
    REQUIRE_MESSAGE(r.rc == 0, std::string(args + " -> " + r.err));
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void fill(const Desk& d) {
  d.ok("incident new --title 'Printer offline' --caller 'Marie Dupont' --phone '01 23 45 67 89' "
       "--email marie.dupont@example.fr --impact high --urgency high --category hardware "
       "--description 'DUPONT Marie says it jams' --operator anna");
  d.ok("incident note INC-2026-000001 'rappelé Mme Dupönt Marie au 01.23.45.67.89' --kind call --operator paul");
  d.ok("incident escalate INC-2026-000001 --reason fuser --operator paul");
  d.ok("incident new --title 'No network' --caller 'Bob Martin' --impact low --urgency medium");
  d.ok("asset add PC-0042 --type laptop --user 'Marie Dupont'");
}

}  // namespace

TEST_CASE("privacy export lists, erase says its counts, export then finds nothing, the report shows the pseudonym") {
  Desk d;
  fill(d);
  auto r = d.run("privacy export --person 'marie dupont' --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  const json found = json::parse(r.out);
  CHECK(found["phones"] == json::array({"01 23 45 67 89"}));
  std::set<std::string> places;
  for (const auto& i : found["items"]) places.insert(i["place"].get<std::string>() + ":" + i["field"].get<std::string>());
  for (const char* p : {"ticket:caller_name", "ticket:caller_phone", "ticket:caller_email", "ticket:description",
                        "ticket_event:note", "asset:user_name"}) {
    CAPTURE(p);
    CHECK(places.count(p) == 1);
  }
  for (const auto& i : found["items"]) CHECK(i["key"] != "INC-2026-000002");

  r = d.run("--lang fr privacy export --person 'Marie Dupont'");
  CHECK(has(r.out, "Marie Dupont : "));
  CHECK(has(r.out, "ticket INC-2026-000001 · caller_name : Marie Dupont"));

  SUBCASE("without --yes and nothing typed, nothing is erased") {
    r = d.run("privacy erase --person 'Marie Dupont'");
    CHECK(r.rc == 2);
    CHECK(has(r.err, "nothing was erased"));
    CHECK(has(d.run("privacy export --person 'Marie Dupont'").out, "caller_name"));
  }
  SUBCASE("erase") {
    r = d.run("--lang fr privacy erase --person 'Marie Dupont' --yes");
    REQUIRE_MESSAGE(r.rc == 0, r.err);
    CHECK(has(r.out, "Marie Dupont remplacé(e) par Personne-"));
    CHECK(has(r.out, "  ticket : 1 ligne(s), 4 champ(s)"));
    CHECK(has(r.out, "  équipement : 1 ligne(s), 1 champ(s)"));
    const std::string pseudonym = r.out.substr(r.out.find("Personne-"), 15);
    r = d.run("privacy export --person 'Marie Dupont'");
    CHECK(r.rc == 0);
    CHECK(has(r.out, "Nothing is held about Marie Dupont."));
    CHECK(d.run("privacy export --person 'Marie Dupont' --json").out.find("\"count\": 0") != std::string::npos);
    d.ok("incident report INC-2026-000001 --md " + test::quote((d.home.path() / "r.md").string()));
    const std::string report = test::read(d.home.path() / "r.md");
    CHECK(has(report, pseudonym));
    CHECK_FALSE(has(report, "Dupont"));
    CHECK_FALSE(has(report, "67 89"));
    CHECK(has(d.run("incident show INC-2026-000002").out, "Bob Martin"));
  }
}

TEST_CASE("privacy retention follows the team layer's retention_days") {
  Desk d;
  fill(d);
  d.ok("incident resolve INC-2026-000001 --solution 'fuser replaced' --operator paul");
  d.ok("incident close INC-2026-000001 --note done --operator paul");
  auto r = d.run("privacy retention");
  CHECK(r.rc == 0);
  CHECK(has(r.out, "No retention period"));
  test::TempDir team;
  team.write("service/privacy.toml", "schema_version = 1\nretention_days = 30\n");
  d.kb = " --kb " + test::quote(team.path().string());
  r = d.run("privacy retention --dry-run", "2027-01-20T10:00");
  CHECK(has(r.out, "1 closed ticket(s) would be anonymised INC-2026-000001"));
  r = d.run("privacy retention", "2026-12-20T10:00");
  CHECK(has(r.out, "0 closed ticket(s)"));
  r = d.run("privacy retention", "2027-01-20T10:00");
  CHECK(has(r.out, "1 closed ticket(s) anonymised INC-2026-000001"));
  CHECK_FALSE(has(d.run("incident show INC-2026-000001").out, "Dupont"));
  team.write("service/privacy.toml", "schema_version = 1\nretention_days = \"long\"\n");
  r = d.run("privacy retention");
  CHECK(r.rc == 2);
  CHECK(has(r.err, "privacy.toml:2:"));
}
