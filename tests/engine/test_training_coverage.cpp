// Training coverage: which trees the scenarios let a trainee practise, and the
// linter's warning for a tree no scenario uses.
#include "test_training_fixture.hpp"

#include <regex>

using namespace diagdesk::engine;
using test::TrainingFixture;

namespace {

/// The fixture scenario with DNS working: the expert path jumps from t.net
/// (j_other) into t.other and ends at t.other:c_done.
std::string jump_scenario() {
  std::string s = std::regex_replace(test::dns_scenario, std::regex("s\\.dns"), "s.jump");
  s = std::regex_replace(s, std::regex("dns_ok = false"), "dns_ok = true");
  s = std::regex_replace(s, std::regex("t\\.net:c_dns"), "t.other:c_done");
  s = std::regex_replace(s, std::regex("outcome = \"resolved\""), "outcome = \"refer_vendor\"");
  return std::regex_replace(s, std::regex("articles = \\[\"net\\.dns\"\\]"), "articles = [\"app.reinstall\"]");
}

std::vector<Diagnostic> coverage(const TrainingFixture& f) {
  std::vector<Diagnostic> out;
  lint_tree_coverage(f.knowledge, f.set, out);
  return out;
}

}  // namespace

TEST_CASE("a tree no scenario uses gets a warning at its own file") {
  TrainingFixture f;  // s.dns stays in t.net
  CHECK(trees_used_by_scenarios(f.knowledge, f.set) == std::set<std::string>{"t.net"});
  const auto ds = coverage(f);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].severity == Severity::warning);
  CHECK(ds[0].code == "tree.no_scenario");
  CHECK(ds[0].pos.file.find("trees/network/t.other.toml") != std::string::npos);
  CHECK(ds[0].pos.line == 1);
  CHECK(ds[0].message.find("'t.other'") != std::string::npos);
}

TEST_CASE("a tree reached by a jump along an expert path counts as used") {
  TrainingFixture f(jump_scenario());
  CHECK(test::codes(f.lint()).empty());  // the jump scenario itself is sound
  CHECK(trees_used_by_scenarios(f.knowledge, f.set) == std::set<std::string>{"t.net", "t.other"});
  CHECK(coverage(f).empty());
}

TEST_CASE("a scenario whose expert path misses its diagnosis uses no tree") {
  // Link off: the expert path ends at t.net:c_cable, not the expected c_dns.
  TrainingFixture f(std::regex_replace(test::dns_scenario, std::regex("link = true"), "link = false"));
  CHECK(test::has_code(f.lint(), "scenario.wrong_diagnosis"));
  CHECK(trees_used_by_scenarios(f.knowledge, f.set).empty());
  const auto ds = coverage(f);
  CHECK(ds.size() == 2);
}

TEST_CASE("with no scenario at all every tree is reported") {
  TrainingFixture f;
  ScenarioSet empty;
  std::vector<Diagnostic> out;
  lint_tree_coverage(f.knowledge, empty, out);
  CHECK(out.size() == f.knowledge->trees().size());
}
