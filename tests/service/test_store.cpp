// The SQLite store: migrations, backup, integrity check and each bad
// database case. (Round trips, numbering, filters and the two-writer refusal
// are in the shared suite, test_store_contract.cpp, run on both backends.)
#include "store_fixture.hpp"

#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/service/sqlite_store.hpp>

#include <doctest/doctest.h>
#include <sqlite3.h>

using namespace diagdesk::service;

namespace {

std::unique_ptr<SqliteStore> open_ok(const std::filesystem::path& file, OpenOptions options = {}) {
  StoreStatus status;
  auto store = SqliteStore::open(file, options, status);
  INFO(status.detail);
  REQUIRE(store);
  REQUIRE(status.ok());
  return store;
}

StoreStatus open_fails(const std::filesystem::path& file, OpenOptions options = {}) {
  StoreStatus status;
  auto store = SqliteStore::open(file, options, status);
  CHECK_FALSE(store);
  CHECK_FALSE(status.ok());
  return status;
}

/// Runs raw SQL on the file (to fake an old, foreign or newer database).
void raw_sql(const std::filesystem::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("a database made by the first schema is upgraded and keeps its tickets") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  {
    OpenOptions first;
    first.migrate_to = 1;
    auto v1 = open_ok(file, first);
    CHECK(v1->schema_version() == 1);
    test::create_ticket(*v1, "Made by schema 1");
  }
  SUBCASE("read only, it cannot be upgraded and says so") {
    OpenOptions ro;
    ro.read_only = true;
    const StoreStatus s = open_fails(file, ro);
    CHECK(s.error == StoreError::read_only);
    CHECK(s.detail.find("needs an upgrade (schema 1 to") != std::string::npos);
  }
  SUBCASE("opened by this build, it is upgraded") {
    auto store = open_ok(file);
    CHECK(store->schema_version() == latest_schema_version());
    Ticket t;
    REQUIRE(store->get("INC-2026-000001", t).ok());
    CHECK(t.title == "Made by schema 1");
    Edit e{"anna", 2000, {}};
    REQUIRE(attach_session(t, e, "s1.toml") == NoteError::none);
    REQUIRE(store->update(t, e.events).ok());
    Ticket again;
    REQUIRE(store->get("INC-2026-000001", again).ok());
    CHECK(again.sessions == std::vector<std::string>{"s1.toml"});
    CHECK(test::create_ticket(*store, "next").number == "INC-2026-000002");
    // Schema 2 makes the history append-only in the database itself.
    store.reset();
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE events SET note = 'rewritten'", nullptr, nullptr, nullptr) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "DELETE FROM events", nullptr, nullptr, nullptr) != SQLITE_OK);
    sqlite3_close(db);
  }
}

TEST_CASE("bad database files give a clear error, not a crash") {
  test::TempDir dir;
  SUBCASE("a file that is not a database") {
    const auto file = dir.write("service.sqlite", std::string(4096, 'x'));
    const StoreStatus s = open_fails(file);
    CHECK(s.error == StoreError::corrupt);
    CHECK(s.detail.find("service.sqlite") != std::string::npos);
  }
  SUBCASE("a database of another program") {
    const auto file = dir.path() / "other.sqlite";
    raw_sql(file, "CREATE TABLE music (title TEXT)");
    const StoreStatus s = open_fails(file);
    CHECK(s.error == StoreError::corrupt);
    CHECK(s.detail.find("not a Diagdesk service database") != std::string::npos);
  }
  SUBCASE("a database from a newer Diagdesk") {
    const auto file = dir.path() / "service.sqlite";
    open_ok(file).reset();
    raw_sql(file, "UPDATE schema_version SET version = 99");
    const StoreStatus s = open_fails(file);
    CHECK(s.error == StoreError::too_new);
    CHECK(s.detail.find("newer Diagdesk (schema 99") != std::string::npos);
  }
  SUBCASE("a read-only file opens for reading and refuses changes") {
    const auto file = dir.path() / "service.sqlite";
    {
      auto store = open_ok(file);
      test::create_ticket(*store, "kept");
    }
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::group_read);
    auto store = open_ok(file);
    CHECK(store->read_only());
    Ticket t;
    REQUIRE(store->get("INC-2026-000001", t).ok());
    Edit e{"anna", 2000, {}};
    REQUIRE(assign(t, e, "anna", SupportLevel::n1) == AssignError::none);
    CHECK(store->update(t, e.events).error == StoreError::read_only);
    std::vector<Event> none;
    Ticket fresh;
    fresh.title = "x";
    CHECK(store->create(fresh, 2026, none).error == StoreError::read_only);
  }
  SUBCASE("a missing file opened read only") {
    OpenOptions ro;
    ro.read_only = true;
    CHECK(open_fails(dir.path() / "none.sqlite", ro).error == StoreError::read_only);
  }
}

TEST_CASE("the online backup copies the live database and the integrity check passes") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  auto store = open_ok(file);
  auto other = open_ok(file);
  test::create_ticket(*store, "one");
  test::create_ticket(*other, "two");
  const auto copy = dir.path() / "backup.sqlite";
  dir.write("backup.sqlite", "an older copy to replace");
  REQUIRE(store->backup(copy).ok());
  CHECK_FALSE(std::filesystem::exists(copy.string() + ".tmp"));
  auto restored = open_ok(copy);
  std::vector<Ticket> list;
  REQUIRE(restored->list({}, list).ok());
  CHECK(list.size() == 2);
  std::vector<std::string> findings{"stale"};
  REQUIRE(store->check(findings).ok());
  CHECK(findings.empty());
  CHECK(store->backup(dir.path() / "no/such/folder/b.sqlite").error != StoreError::none);
}
