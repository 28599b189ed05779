// The training progress keeps the efficiency against the optimum (issue 16) in
// nullable columns: a file from before them gains them on open and its rows read
// with no figure; new rows keep it.
#include "fixture.hpp"

#include <diagdesk/workspace/training.hpp>

#include <doctest/doctest.h>
#include <sqlite3.h>

using namespace diagdesk;

TEST_CASE("a progress file from before the optimum columns gains them and keeps its rows") {
  test::TempDir home;
  const auto file = home.path() / "training.sqlite";
  {
    // Schema 1 exactly as it was, with one attempt.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    const char* sql = R"SQL(
CREATE TABLE attempts (id INTEGER PRIMARY KEY, trainee TEXT NOT NULL, scenario TEXT NOT NULL,
  competency INTEGER NOT NULL, mode TEXT NOT NULL, score INTEGER NOT NULL, diagnosis_ok INTEGER NOT NULL,
  outcome_ok INTEGER NOT NULL, priority_ok INTEGER NOT NULL, efficiency INTEGER NOT NULL, method INTEGER NOT NULL,
  time_units INTEGER NOT NULL, seconds INTEGER NOT NULL, finished_at INTEGER NOT NULL, actions TEXT NOT NULL);
INSERT INTO attempts VALUES (1, 'marie', 'net.apipa_dhcp_down', 5, 'guided', 88, 1, 1, 1, 100, 5, 12, 300, 1700000000, 'tree=net.no_internet');
PRAGMA user_version = 1;
)SQL";
    REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto opened = workspace::ProgressStore::open(file);
  REQUIRE(opened.store);
  CHECK(opened.notice.empty());
  auto rows = opened.store->attempts();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].score == 88);
  CHECK_FALSE(rows[0].optimum_percent);
  CHECK_FALSE(rows[0].minutes);

  workspace::Attempt a = rows[0];
  a.optimum_percent = 91;
  a.minutes = 6;
  a.optimum_minutes = 5.5;
  CHECK(opened.store->record(a).empty());
  workspace::Attempt plain = rows[0];  // a scenario without a model: no figure
  CHECK(opened.store->record(plain).empty());
  opened.store.reset();

  auto again = workspace::ProgressStore::open(file);
  REQUIRE(again.store);
  rows = again.store->attempts("marie");
  REQUIRE(rows.size() == 3);
  REQUIRE(rows[1].optimum_percent);
  CHECK(*rows[1].optimum_percent == 91);
  CHECK(*rows[1].minutes == doctest::Approx(6));
  CHECK(*rows[1].optimum_minutes == doctest::Approx(5.5));
  CHECK_FALSE(rows[2].optimum_percent);
  CHECK_FALSE(rows[2].optimum_minutes);
}
