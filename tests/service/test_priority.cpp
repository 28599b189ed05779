// The priority matrix: the ITIL default, the bundled file, team overrides.
#include "fixture.hpp"

#include <diagdesk/service/priority.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::service;

TEST_CASE("the default matrix is the ITIL 3x3 matrix from P1 to P5") {
  const PriorityMatrix m;
  struct Row {
    Grade impact, urgency;
    int priority;
  };
  const Row rows[] = {
      {Grade::high, Grade::high, 1},   {Grade::high, Grade::medium, 2}, {Grade::high, Grade::low, 3},
      {Grade::medium, Grade::high, 2}, {Grade::medium, Grade::medium, 3}, {Grade::medium, Grade::low, 4},
      {Grade::low, Grade::high, 3},    {Grade::low, Grade::medium, 4},  {Grade::low, Grade::low, 5},
  };
  for (const Row& r : rows) {
    CAPTURE(name(r.impact));
    CAPTURE(name(r.urgency));
    CHECK(m.priority(r.impact, r.urgency) == r.priority);
  }
}

TEST_CASE("the bundled priority file loads with no problem and equals the ITIL default") {
  const auto loaded = load_priority_matrix({std::filesystem::path(DIAGDESK_DATA_DIR) / "service/priority.toml"});
  CHECK(loaded.problems.empty());
  const PriorityMatrix itil;
  for (Grade i : {Grade::low, Grade::medium, Grade::high}) {
    for (Grade u : {Grade::low, Grade::medium, Grade::high}) CHECK(loaded.matrix.priority(i, u) == itil.priority(i, u));
  }
  CHECK(loaded.matrix.source(Grade::low, Grade::low).find("priority.toml") != std::string::npos);
}

TEST_CASE("a team layer overrides single cells and later files win") {
  test::TempDir dir;
  const auto bundled = std::filesystem::path(DIAGDESK_DATA_DIR) / "service/priority.toml";
  const auto team = dir.write("team/priority.toml", "schema_version = 1\n[impact.low]\nhigh = 2\n");
  const auto user = dir.write("user/priority.toml", "schema_version = 1\n[impact.low]\nhigh = 1\n");
  SUBCASE("one override") {
    const auto loaded = load_priority_matrix({bundled, team});
    CHECK(loaded.problems.empty());
    CHECK(loaded.matrix.priority(Grade::low, Grade::high) == 2);
    CHECK(loaded.matrix.priority(Grade::low, Grade::medium) == 4);  // untouched cell
    CHECK(loaded.matrix.source(Grade::low, Grade::high) == team.string());
  }
  SUBCASE("the last file wins") {
    const auto loaded = load_priority_matrix({bundled, team, user});
    CHECK(loaded.matrix.priority(Grade::low, Grade::high) == 1);
  }
  SUBCASE("a missing file is skipped") {
    const auto loaded = load_priority_matrix({bundled, dir.path() / "none.toml"});
    CHECK(loaded.problems.empty());
  }
}

TEST_CASE("bad priority files are reported with their position and change nothing") {
  test::TempDir dir;
  SUBCASE("a priority out of range") {
    const auto f = dir.write("p.toml", "schema_version = 1\n[impact.high]\nhigh = 7\n");
    const auto loaded = load_priority_matrix({f});
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].line == 3);
    CHECK(loaded.matrix.priority(Grade::high, Grade::high) == 1);
  }
  SUBCASE("an unknown urgency") {
    const auto f = dir.write("p.toml", "schema_version = 1\n[impact.high]\nsevere = 1\n");
    CHECK(load_priority_matrix({f}).problems.size() == 1);
  }
  SUBCASE("a syntax error") {
    const auto f = dir.write("p.toml", "schema_version = 1\n[impact.high\n");
    const auto loaded = load_priority_matrix({f});
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].line == 2);
  }
  SUBCASE("a wrong schema version") {
    const auto f = dir.write("p.toml", "schema_version = 9\n");
    CHECK(load_priority_matrix({f}).problems.size() == 1);
  }
}
