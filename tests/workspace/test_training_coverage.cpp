// Training coverage of the bundled knowledge: every tree can be practised in
// at least one scenario, every competency of JOB.md has at least three.
#include "fixture.hpp"

#include <diagdesk/engine/training_sim.hpp>
#include <diagdesk/workspace/training.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <doctest/doctest.h>

#include <map>
#include <set>

using namespace diagdesk;

namespace {

struct Bundled {
  test::TempDir home;
  workspace::Workspace ws = workspace::Workspace::open({DIAGDESK_DATA_DIR, {}, home.path(), engine::Lang::en});
  engine::ScenarioSet set = workspace::load_scenarios(ws);

  static const Bundled& get() {
    static const Bundled b;
    return b;
  }
};

}  // namespace

TEST_CASE("every bundled tree is the expert tree of a scenario or reached by a jump on its expert path") {
  const auto& b = Bundled::get();
  REQUIRE(!b.set.scenarios.empty());
  // Played here, not through the linter, so that a linter bug cannot hide a gap.
  std::map<std::string, std::string> used_by;  // tree -> first scenario using it
  for (const auto& s : b.set.scenarios) {
    CAPTURE(s.id);
    const engine::ExpertPath e = engine::play_expert(b.ws.knowledge(), s, b.set);
    CHECK_MESSAGE(e.error.empty(), e.error);
    CHECK(e.conclusion == s.diagnosis);
    if (!e.error.empty() || e.conclusion != s.diagnosis) continue;
    CHECK(!e.trees.empty());
    CHECK(e.trees.front() == s.tree);
    for (const auto& t : e.trees) used_by.emplace(t, s.id);
  }
  std::size_t unused = 0;
  for (const auto& t : b.ws.knowledge()->trees()) {
    if (!used_by.count(t.id)) {
      MESSAGE("no scenario uses tree " << t.id << " (" << t.pos.file << ")");
      ++unused;
    }
  }
  CHECK(unused == 0);
  CHECK(used_by.size() == b.ws.knowledge()->trees().size());
}

TEST_CASE("every competency from 1 to 11 has at least three bundled scenarios") {
  const auto& b = Bundled::get();
  std::map<int, int> per_competency;
  for (const auto& s : b.set.scenarios) ++per_competency[s.competency];
  for (int c = 1; c <= 11; ++c) {
    CAPTURE(c);
    MESSAGE("competency " << c << ": " << per_competency[c] << " scenarios");
    CHECK(per_competency[c] >= 3);
  }
  for (const auto& [c, n] : per_competency) {
    CAPTURE(c);
    CHECK(c >= 1);
    CHECK(c <= 11);
  }
}

TEST_CASE("the linter finds no bundled tree without a scenario") {
  const auto findings = Bundled::get().ws.lint({});
  for (const auto& d : findings) {
    CAPTURE(engine::format(d));
    CHECK(d.code != "tree.no_scenario");
  }
}
