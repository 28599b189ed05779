// Training: the scenario loader and linter on bad input.
#include "test_training_fixture.hpp"

#include <regex>

using namespace diagdesk::engine;
using test::codes;
using test::has_code;
using test::TrainingFixture;

namespace {

/// The fixture scenario with `from` replaced by `to` (must occur once).
std::string edit(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

std::string scenario_with(const std::string& from, const std::string& to) { return edit(test::dns_scenario, from, to); }

const Diagnostic* find_code(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a good scenario loads and lints clean") {
  TrainingFixture f;
  const auto ds = f.lint();
  CHECK_MESSAGE(ds.empty(), codes(ds));
  const Scenario& s = f.scenario();
  CHECK(s.title.fr == "Plus de sites web");
  CHECK(s.context.asset.fr == "PC-1");  // a plain string fills both languages
  CHECK(s.context.asset.en == "PC-1");
  CHECK(s.facts.at("link") == "true");
  CHECK(s.competency == 5);
  CHECK(s.outcome == Outcome::resolved);
  CHECK(s.urgency == Level::high);
  REQUIRE(f.set.parts.size() == 1);
  CHECK(f.set.part_of_step("t.net:c_cable")->id == "cable");
}

TEST_CASE("unknown facts, values, trees, nodes and choices are reported with their line") {
  struct Row {
    const char* from;
    const char* to;
    const char* code;
    int line;
  };
  // Lines are those of the edited dns_scenario (1-based).
  const Row rows[] = {
      {"dns_ok = false\n", "dns_ok = false\nwifi_bars = 3\n", "scenario.unknown_fact", 22},
      {"link = true\n", "link = \"blinking\"\n", "scenario.bad_value", 18},
      {"tree = \"t.net\"", "tree = \"t.nope\"", "scenario.unknown_tree", 6},
      {"diagnosis = \"t.net:c_dns\"", "diagnosis = \"t.net:c_nope\"", "scenario.unknown_node", 25},
      {"diagnosis = \"t.net:c_dns\"", "diagnosis = \"t.net:q_dns\"", "scenario.not_a_conclusion", 25},
      {"[facts]\n", "[answers]\n\"t.net:q_link\" = \"blinking\"\n\n[facts]\n", "scenario.unknown_choice", 18},
      {"[facts]\n", "[answers]\n\"t.nope:q_link\" = \"on\"\n\n[facts]\n", "scenario.unknown_tree", 18},
      {"risky_steps = [\"t.net:a_nslookup\"]", "risky_steps = [\"t.net:a_nope\"]", "scenario.unknown_node", 9},
      {"risky_steps = [\"t.net:a_nslookup\"]", "faulty_parts = [\"flux_capacitor\"]", "scenario.unknown_part", 9},
      {"articles = [\"net.dns\"]", "articles = [\"net.nope\"]", "scenario.unknown_article", 29},
      {"competency = 5", "competency = 12", "scenario.bad_value", 4},
      {"outcome = \"resolved\"", "outcome = \"fixed\"", "scenario.bad_value", 26},
      {"urgency = \"high\"", "urgency = \"urgent\"", "scenario.bad_value", 28},
  };
  for (const auto& r : rows) {
    INFO(r.code << " from " << r.to);
    TrainingFixture f(scenario_with(r.from, r.to));
    const auto ds = f.lint();
    const Diagnostic* d = find_code(ds, r.code);
    REQUIRE_MESSAGE(d != nullptr, codes(ds));
    CHECK(d->severity == Severity::error);
    CHECK(d->pos.line == r.line);
    CHECK(d->pos.file.find("scenarios/s.toml") != std::string::npos);
  }
}

TEST_CASE("contradictory ground truth is an error") {
  SUBCASE("an override asserting another value than the facts") {
    TrainingFixture f(scenario_with("[facts]\n", "[answers]\n\"t.net:q_link\" = \"off\"\n\n[facts]\n"));
    const auto ds = f.lint();
    const Diagnostic* d = find_code(ds, "scenario.contradiction");
    REQUIRE_MESSAGE(d != nullptr, codes(ds));
    CHECK(d->message.find("link = false but the ground truth says link = true") != std::string::npos);
  }
  SUBCASE("a rule deducing another value from the other facts") {
    TrainingFixture f(scenario_with("ip_address = \"192.168.1.20\"", "ip_address = \"169.254.3.3\""));
    const auto ds = f.lint();
    const Diagnostic* d = find_code(ds, "scenario.contradiction");
    REQUIRE_MESSAGE(d != nullptr, codes(ds));
    CHECK(d->message.find("rule 'r.apipa'") != std::string::npos);
    CHECK(d->pos.line == 20);
  }
  SUBCASE("a step both answered and not known") {
    TrainingFixture f(edit(scenario_with("[facts]\n", "[answers]\n\"t.net:q_dns\" = \"no\"\n\n[facts]\n"),
                           "risky_steps", "dont_know = [\"t.net:q_dns\"]\nrisky_steps"));
    CHECK(has_code(f.lint(), "scenario.contradiction"));
  }
  SUBCASE("a typed value unlike the fact it types") {
    TrainingFixture f(scenario_with("[facts]\n", "[answers]\n\"t.net:a_ip\" = \"192.168.1.99\"\n\n[facts]\n"));
    CHECK(has_code(f.lint(), "scenario.contradiction"));
  }
  SUBCASE("an expected fix replacing a part not listed as faulty") {
    TrainingFixture f(edit(scenario_with("diagnosis = \"t.net:c_dns\"", "diagnosis = \"t.net:c_cable\""), "link = true", "link = false"));
    const auto ds = f.lint();
    CHECK(has_code(ds, "scenario.contradiction"));
    CHECK_FALSE(has_code(ds, "scenario.wrong_diagnosis"));
  }
  SUBCASE("an expected outcome unlike the conclusion's is only a warning") {
    TrainingFixture f(scenario_with("outcome = \"resolved\"", "outcome = \"escalate_l2\""));
    const auto ds = f.lint();
    const Diagnostic* d = find_code(ds, "scenario.outcome_differs");
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::warning);
    CHECK(count_errors(ds) == 0);
  }
}

TEST_CASE("the linter plays the expert path") {
  SUBCASE("a step the scenario cannot answer") {
    TrainingFixture f(scenario_with("dns_ok = false\n", ""));
    const auto ds = f.lint();
    const Diagnostic* d = find_code(ds, "scenario.expert_path");
    REQUIRE_MESSAGE(d != nullptr, codes(ds));
    CHECK(d->message.find("t.net:q_dns") != std::string::npos);
  }
  SUBCASE("a path that reaches another conclusion") {
    TrainingFixture f(scenario_with("diagnosis = \"t.net:c_dns\"", "diagnosis = \"t.net:c_dhcp\""));
    const auto ds = f.lint();
    const Diagnostic* d = find_code(ds, "scenario.wrong_diagnosis");
    REQUIRE_MESSAGE(d != nullptr, codes(ds));
    CHECK(d->message.find("reaches 't.net:c_dns', not the expected 't.net:c_dhcp'") != std::string::npos);
    CHECK(d->message.find("q_link=on > a_ip=192.168.1.20 > q_dns=no") != std::string::npos);
  }
  SUBCASE("given facts must be in the ground truth") {
    TrainingFixture f(scenario_with("risky_steps", "given = [\"os\", \"dns_ok\", \"ip_config\", \"wifi\"]\nrisky_steps"));
    const auto ds = f.lint();
    const Diagnostic* d = find_code(ds, "scenario.given_unknown");
    REQUIRE(d != nullptr);
    CHECK(d->message.find("'wifi'") != std::string::npos);
  }
}

TEST_CASE("a missing translation is reported") {
  SUBCASE("a language left out") {
    TrainingFixture f(scenario_with("hidden_fault = { fr = \"Le serveur DNS est tombé.\", en = \"The DNS server is down.\" }",
                                    "hidden_fault = { fr = \"Le serveur DNS est tombé.\" }"));
    const auto ds = f.lint();
    const Diagnostic* d = find_code(ds, "scenario.translation");
    REQUIRE_MESSAGE(d != nullptr, codes(ds));
    CHECK(d->message.find("hidden_fault lacks en") != std::string::npos);
    CHECK(d->pos.line == 8);
  }
  SUBCASE("a plain string where both languages are needed") {
    TrainingFixture f(scenario_with("complaint = { fr = \"Internet ne marche plus.\", en = \"Internet is broken.\" }",
                                    "complaint = \"Internet ne marche plus.\""));
    CHECK(has_code(f.lint(), "scenario.translation"));
  }
  SUBCASE("a reply in one language") {
    TrainingFixture f(scenario_with("[facts]\n", "[replies]\n\"t.net:q_link\" = { en = \"Sure.\" }\n\n[facts]\n"));
    CHECK(has_code(f.lint(), "scenario.translation"));
  }
  SUBCASE("a part label in one language") {
    TrainingFixture f(test::dns_scenario, "schema_version = 1\n[parts.cable]\nlabel = { fr = \"Câble\" }\nsteps = [\"t.net:c_cable\"]\n");
    CHECK(has_code(f.lint(), "part.translation"));
  }
}

TEST_CASE("broken files are reported and the rest still loads") {
  TrainingFixture f;
  f.dir.write("scenarios/broken.toml", "schema_version = 1\nid = \"oops\n");
  f.dir.write("scenarios/future.toml", "schema_version = 2\nid = \"s.future\"\n");
  f.dir.write("scenarios/empty.toml", "schema_version = 1\nid = \"s.empty\"\n");
  f.dir.write("scenarios/twin.toml", test::dns_scenario);
  f.dir.write("scenarios/parts2.toml", "schema_version = 1\n[parts.bad]\nlabel = { fr = \"X\", en = \"X\" }\nsteps = [\"t.net:q_link\", \"t.zzz:c\"]\n");
  f.reload();
  const auto ds = f.lint();
  const Diagnostic* syntax = find_code(ds, "toml.syntax");
  REQUIRE(syntax != nullptr);
  CHECK(syntax->pos.file.find("broken.toml") != std::string::npos);
  CHECK(syntax->pos.line == 2);
  CHECK(has_code(ds, "schema.too_new"));
  CHECK(has_code(ds, "scenario.missing"));
  CHECK(has_code(ds, "id.duplicate"));
  CHECK(has_code(ds, "part.bad_step"));
  CHECK(has_code(ds, "scenario.unknown_tree"));
  CHECK(f.set.find("s.dns") != nullptr);  // the good one is still there
}

TEST_CASE("backup steps of the catalogue count as a backup") {
  TrainingFixture f(test::dns_scenario, "schema_version = 1\nbackup_steps = [\"t.net:a_ip\"]\n");
  CHECK(f.lint().empty());
  CHECK(f.set.is_backup_step("t.net:a_ip"));
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::free, Lang::en);
  test::play(run, "t.net:a_ip,ack,t.net:a_nslookup");
  CHECK_FALSE(run.actions().back().backup_missing);
}
