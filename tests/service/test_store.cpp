// The SQLite store: round trips, numbering, the two-writer refusal,
// migrations, backup, integrity check and each bad database case.
#include "fixture.hpp"

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

/// Creates an incident (or request) with `title`, opened by "anna" at `at`.
Ticket create(Store& store, const std::string& title, int year = 2026, TicketType type = TicketType::incident,
              Time at = 1000) {
  Ticket t;
  t.type = type;
  t.title = title;
  t.caller_name = "Marie Dupont";
  t.category = "network";
  Edit e{"anna", at, {}};
  REQUIRE(open_ticket(t, e, {}) == CreateError::none);
  const StoreStatus s = store.create(t, year, e.events);
  INFO(s.detail);
  REQUIRE(s.ok());
  return t;
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

TEST_CASE("tickets and their history round-trip through the store") {
  test::TempDir dir;
  auto store = open_ok(dir.path() / "sub/service.sqlite");
  CHECK(store->schema_version() == latest_schema_version());
  Ticket t = create(*store, "No network on PC-0421");
  CHECK(t.number == "INC-2026-000001");
  CHECK(t.version == 1);
  CHECK(t.id > 0);
  Edit e{"anna", 2000, {}};
  REQUIRE(assign(t, e, "anna", SupportLevel::n1) == AssignError::none);
  REQUIRE(attach_session(t, e, "sessions/net-0421.toml") == NoteError::none);
  REQUIRE(store->update(t, e.events).ok());
  CHECK(t.version == 2);

  Ticket back;
  REQUIRE(store->get("INC-2026-000001", back).ok());
  CHECK(back.title == "No network on PC-0421");
  CHECK(back.status == Status::assigned);
  CHECK(back.operator_name == "anna");
  CHECK(back.taken_at == 2000);
  CHECK_FALSE(back.resolved_at.has_value());
  CHECK(back.sessions == std::vector<std::string>{"sessions/net-0421.toml"});
  CHECK(back.version == 2);
  std::vector<Event> history;
  REQUIRE(store->history(back.id, history).ok());
  REQUIRE(history.size() == 5);  // created, priority, assignment, status, session
  CHECK(history[0].kind == EventKind::created);
  CHECK(history[3].kind == EventKind::status);
  CHECK(history[3].new_value == "assigned");
  CHECK(history[4].new_value == "sessions/net-0421.toml");
  CHECK(store->get("INC-2026-000099", back).error == StoreError::not_found);
}

TEST_CASE("numbers count per type and per year") {
  test::TempDir dir;
  auto store = open_ok(dir.path() / "service.sqlite");
  CHECK(create(*store, "a").number == "INC-2026-000001");
  CHECK(create(*store, "b").number == "INC-2026-000002");
  CHECK(create(*store, "c", 2026, TicketType::request).number == "DEM-2026-000001");
  CHECK(create(*store, "d", 2027).number == "INC-2027-000001");
  CHECK(create(*store, "e").number == "INC-2026-000003");
  std::vector<Ticket> list;
  REQUIRE(store->list({}, list).ok());
  CHECK(list.size() == 5);
  TicketFilter requests;
  requests.type = TicketType::request;
  REQUIRE(store->list(requests, list).ok());
  REQUIRE(list.size() == 1);
  CHECK(list[0].title == "c");
}

TEST_CASE("list filters by status, priority and operator, most urgent first") {
  test::TempDir dir;
  auto store = open_ok(dir.path() / "service.sqlite");
  create(*store, "p3 first", 2026, TicketType::incident, 1000);
  Ticket major = create(*store, "major", 2026, TicketType::incident, 2000);
  Edit e{"anna", 3000, {}};
  REQUIRE(set_field(major, e, "impact", "high", {}) == UpdateError::none);
  REQUIRE(set_field(major, e, "urgency", "high", {}) == UpdateError::none);
  REQUIRE(assign(major, e, "paul", SupportLevel::n2) == AssignError::none);
  REQUIRE(store->update(major, e.events).ok());
  std::vector<Ticket> list;
  REQUIRE(store->list({}, list).ok());
  REQUIRE(list.size() == 2);
  CHECK(list[0].title == "major");
  TicketFilter f;
  f.status = Status::new_;
  REQUIRE(store->list(f, list).ok());
  REQUIRE(list.size() == 1);
  CHECK(list[0].title == "p3 first");
  f = {};
  f.priority = 1;
  f.operator_name = "paul";
  REQUIRE(store->list(f, list).ok());
  CHECK(list.size() == 1);
}

TEST_CASE("a change made on a stale copy is refused when two connections share the file") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  auto cli = open_ok(file);
  auto gui = open_ok(file);
  create(*cli, "Printer jams");
  Ticket in_cli, in_gui;
  REQUIRE(cli->get("INC-2026-000001", in_cli).ok());
  REQUIRE(gui->get("INC-2026-000001", in_gui).ok());

  Edit first{"anna", 2000, {}};
  REQUIRE(assign(in_cli, first, "anna", SupportLevel::n1) == AssignError::none);
  REQUIRE(cli->update(in_cli, first.events).ok());

  Edit second{"bob", 2100, {}};
  REQUIRE(assign(in_gui, second, "bob", SupportLevel::n1) == AssignError::none);
  const StoreStatus refused = gui->update(in_gui, second.events);
  CHECK(refused.error == StoreError::stale);
  CHECK(refused.detail.find("changed by someone else") != std::string::npos);
  CHECK(refused.detail.find("saved version 2, this copy is version 1") != std::string::npos);

  Ticket saved;
  REQUIRE(gui->get("INC-2026-000001", saved).ok());
  CHECK(saved.operator_name == "anna");  // the first change was not lost
  std::vector<Event> history;
  REQUIRE(gui->history(saved.id, history).ok());
  for (const Event& ev : history) CHECK(ev.actor != "bob");  // nor half of the refused one saved

  // Read again, redo: accepted.
  Edit redo{"bob", 2200, {}};
  REQUIRE(assign(saved, redo, "bob", SupportLevel::n1) == AssignError::none);
  CHECK(gui->update(saved, redo.events).ok());
}

TEST_CASE("a database made by the first schema is upgraded and keeps its tickets") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  {
    OpenOptions first;
    first.migrate_to = 1;
    auto v1 = open_ok(file, first);
    CHECK(v1->schema_version() == 1);
    create(*v1, "Made by schema 1");
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
    CHECK(create(*store, "next").number == "INC-2026-000002");
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
      create(*store, "kept");
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
  create(*store, "one");
  create(*other, "two");
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
