// End-to-end: diagdesk problem new | candidates | link | unlink | update |
// status | show | list through the real binary, on the bundled KB, with
// refusals exiting 2 in one line.
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

using nlohmann::json;

namespace {

struct Desk {
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

void refused(const Desk& d, const std::string& args, const std::string& part) {
  CAPTURE(args);
  const auto r = d.run(args);
  CHECK(r.rc == 2);
  CAPTURE(r.err);
  CHECK(has(r.err, part));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

}  // namespace

TEST_CASE("a problem groups incidents found as candidates and moves to known error then resolved") {
  Desk d;
  const std::string caller = " --caller 'Paul Martin' --impact low --urgency low --operator marie";
  REQUIRE(d.run("asset add PC-1 --type laptop --manufacturer Dell --model 'Latitude 5520'").rc == 0);
  REQUIRE(d.run("incident new --title 'Imprimante hors ligne au 2e étage'" + caller).rc == 0);
  REQUIRE(d.run("incident new --title 'Écran noir au démarrage' --asset PC-1" + caller).rc == 0);
  REQUIRE(d.run("incident new --title 'Mot de passe oublié'" + caller).rc == 0);
  REQUIRE(d.run("request new --title 'Nouvelle imprimante'" + caller).rc == 0);

  auto r = d.run("--lang fr problem new --title 'Les imprimantes passent hors ligne' --model 'Latitude 5520' "
                 "--error-codes '0x0000007c' --operator marie");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "Problème PRB-2026-000001 ouvert."));

  r = d.run("--lang fr problem candidates PRB-2026-000001");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "INC-2026-000001  Imprimante hors ligne au 2e étage  [texte proche"));
  CHECK(has(r.out, "INC-2026-000002  Écran noir au démarrage  [même modèle (Dell Latitude 5520)]"));
  CHECK_FALSE(has(r.out, "INC-2026-000003"));
  const json c = d.run_json("problem candidates PRB-2026-000001 --days 30");
  REQUIRE(c.size() == 2);
  CHECK(c[0]["reasons"] == json::array({"asset_model"}));

  r = d.run("problem link PRB-2026-000001 INC-2026-000001 --operator marie");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "INC-2026-000001 linked to PRB-2026-000001."));
  // The ticket says its problem, in words and in JSON.
  r = d.run("--lang en incident show INC-2026-000001");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "Problem:"));
  CHECK(has(r.out, "PRB-2026-000001"));
  CHECK(d.run_json("incident show INC-2026-000001")["problem"] == "PRB-2026-000001");
  REQUIRE(d.run("problem new --title 'Another'").rc == 0);
  refused(d, "problem link PRB-2026-000002 INC-2026-000001", "already linked to problem PRB-2026-000001");
  refused(d, "problem link PRB-2026-000001 DEM-2026-000001", "only incidents");
  refused(d, "problem link PRB-2026-000001 INC-2026-000099", "no ticket has that number");
  refused(d, "problem show PRB-2026-000099", "no problem has that number");
  refused(d, "problem show 42", "malformed problem number");
  refused(d, "problem status PRB-2026-000001 known_error", "needs a root cause");
  refused(d, "problem status PRB-2026-000001 finished", "unknown problem status");
  refused(d, "problem update PRB-2026-000001 colour red", "unknown field");
  refused(d, "problem candidates PRB-2026-000001 --days soon", "--days takes a number");

  const json ticket = d.run_json("incident show INC-2026-000001");
  CHECK(ticket["history"].back()["field"] == "problem");

  REQUIRE(d.run("problem update PRB-2026-000001 root_cause 'Firmware 4.2 drops the DHCP lease'").rc == 0);
  REQUIRE(d.run("problem update PRB-2026-000001 workaround 'Give the printers a fixed address'").rc == 0);
  r = d.run("problem status PRB-2026-000001 known_error --note 'cause found'");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "PRB-2026-000001: known error (version 6)"));
  refused(d, "problem status PRB-2026-000001 resolved", "permanent solution");
  refused(d, "problem update PRB-2026-000001 owner bob --version 2", "changed by someone else");
  REQUIRE(d.run("problem update PRB-2026-000001 solution 'Firmware 4.3'").rc == 0);
  REQUIRE(d.run("problem status PRB-2026-000001 resolved").rc == 0);

  const json shown = d.run_json("problem show PRB-2026-000001");
  CHECK(shown["status"] == "resolved");
  CHECK(shown["error_codes"] == json::array({"0x0000007c"}));
  REQUIRE(shown["tickets"].size() == 1);
  CHECK(shown["tickets"][0]["number"] == "INC-2026-000001");
  CHECK(shown["history"].size() == 8);  // created, error codes, link, 2 fields, known error, solution, resolved
  r = d.run("--lang fr problem show PRB-2026-000001");
  CHECK(has(r.out, "PRB-2026-000001 · résolu · Les imprimantes passent hors ligne"));
  CHECK(has(r.out, "INC-2026-000001"));

  const json listed = d.run_json("problem list --status resolved");
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["number"] == "PRB-2026-000001");
  CHECK(d.run_json("problem list").size() == 2);

  // Known error -> article in the user layer: lint accepts it (a warning for the stub), search finds it.
  r = d.run("--lang fr problem article PRB-2026-000001");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "Article ke.prb-2026-000001.fr écrit"));
  CHECK(has(r.out, "Ébauche à traduire ke.prb-2026-000001.en"));
  refused(d, "problem article PRB-2026-000001 --lang fr", "existe déjà");
  r = d.run("lint");
  CHECK_MESSAGE(r.rc == 0, std::string(r.out + r.err));
  CHECK(has(r.out, "[translation.todo]"));
  r = d.run("--lang fr search 'imprimantes hors ligne DHCP'");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "ke.prb-2026-000001.fr"));

  r = d.run("problem unlink PRB-2026-000001 INC-2026-000001");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  refused(d, "problem unlink PRB-2026-000001 INC-2026-000001", "not linked to problem PRB-2026-000001");
  CHECK(d.run_json("incident show INC-2026-000001")["problem"].is_null());
  CHECK_FALSE(has(d.run("--lang en incident show INC-2026-000001").out, "Problem:"));
}
