// The SQLite store's asset inventory: round trip, unique tag and serial,
// the version check, filters, tickets of an asset, the append-only history,
// and the upgrade of a schema-2 database.
#include "fixture.hpp"

#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/service/sqlite_store.hpp>

#include <doctest/doctest.h>
#include <sqlite3.h>

using namespace diagdesk::service;

namespace {

std::unique_ptr<SqliteStore> open_store(const std::filesystem::path& file, OpenOptions options = {}) {
  StoreStatus status;
  auto store = SqliteStore::open(file, options, status);
  INFO(status.detail);
  REQUIRE(store);
  return store;
}

Asset make_asset(const std::string& tag, AssetType type, const std::string& serial = "") {
  Asset a;
  a.tag = tag;
  a.type = type;
  a.serial = serial;
  a.created_at = a.updated_at = 1000;
  return a;
}

Asset saved_asset(Store& store, Asset a) {
  std::vector<AssetEvent> events(1);
  events[0].kind = EventKind::created;
  events[0].actor = "anna";
  events[0].at = a.created_at;
  const auto s = store.create_asset(a, events);
  INFO(s.detail);
  REQUIRE(s.ok());
  return a;
}

Ticket ticket_on(Store& store, const std::string& title, const std::string& tag) {
  Ticket t;
  t.title = title;
  t.caller_name = "Marie Dupont";
  t.asset_tag = tag;
  Edit e{"anna", 1000, {}};
  REQUIRE(open_ticket(t, e, PriorityMatrix{}) == CreateError::none);
  REQUIRE(store.create(t, 2026, e.events).ok());
  return t;
}

}  // namespace

TEST_CASE("an asset is saved, read by tag and by serial, with its history") {
  test::TempDir dir;
  auto store = open_store(dir.path() / "service.sqlite");
  Asset a = make_asset("PC-0042", AssetType::laptop, "SN-1");
  a.manufacturer = "Dell";
  a.model = "Latitude 5440";
  a.user = "mdupont";
  a.site = "Lyon";
  a.room = "B204";
  a.os = "windows11";
  a.os_version = "23H2";
  a.ip = "10.0.0.12";
  a.mac = "aa:bb:cc:dd:ee:ff";
  a.purchase_date = Date{2024, 3, 1};
  a.warranty_end = Date{2027, 3, 1};
  a.status = AssetStatus::in_use;
  a.notes = "écran 14 pouces";
  a = saved_asset(*store, a);
  CHECK(a.id > 0);
  CHECK(a.version == 1);

  Asset back;
  REQUIRE(store->get_asset("PC-0042", back).ok());
  CHECK(back.type == AssetType::laptop);
  CHECK(back.manufacturer == "Dell");
  CHECK(back.model == "Latitude 5440");
  CHECK(back.serial == "SN-1");
  CHECK(back.user == "mdupont");
  CHECK(back.site == "Lyon");
  CHECK(back.room == "B204");
  CHECK(back.os == "windows11");
  CHECK(back.os_version == "23H2");
  CHECK(back.ip == "10.0.0.12");
  CHECK(back.mac == "aa:bb:cc:dd:ee:ff");
  CHECK(back.purchase_date == Date{2024, 3, 1});
  CHECK(back.warranty_end == Date{2027, 3, 1});
  CHECK(back.notes == "écran 14 pouces");
  CHECK(back.version == 1);
  Asset by_serial;
  REQUIRE(store->find_asset_by_serial("SN-1", by_serial).ok());
  CHECK(by_serial.tag == "PC-0042");
  CHECK(store->find_asset_by_serial("", by_serial).error == StoreError::not_found);
  CHECK(store->get_asset("PC-9999", back).error == StoreError::not_found);

  std::vector<AssetEvent> events;
  REQUIRE(set_asset_field(back, "site", "Paris", "bob", 2000, events).empty());
  REQUIRE(store->update_asset(back, events).ok());
  CHECK(back.version == 2);
  std::vector<AssetEvent> history;
  REQUIRE(store->asset_history(back.id, history).ok());
  REQUIRE(history.size() == 2);
  CHECK(history[0].kind == EventKind::created);
  CHECK(history[1].field == "site");
  CHECK(history[1].old_value == "Lyon");
  CHECK(history[1].new_value == "Paris");
  CHECK(history[1].actor == "bob");

  // The history is append-only in the database itself.
  store.reset();
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((dir.path() / "service.sqlite").c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE asset_events SET note = 'rewritten'", nullptr, nullptr, nullptr) != SQLITE_OK);
  CHECK(sqlite3_exec(db, "DELETE FROM asset_events", nullptr, nullptr, nullptr) != SQLITE_OK);
  sqlite3_close(db);
}

TEST_CASE("a tag or a serial number already taken is refused as duplicate, an empty serial never") {
  test::TempDir dir;
  auto store = open_store(dir.path() / "service.sqlite");
  saved_asset(*store, make_asset("PC-1", AssetType::desktop, "SN-1"));
  saved_asset(*store, make_asset("PC-2", AssetType::desktop));
  saved_asset(*store, make_asset("PC-3", AssetType::desktop));  // two empty serials are fine
  std::vector<AssetEvent> none;
  Asset same_tag = make_asset("PC-1", AssetType::laptop);
  StoreStatus s = store->create_asset(same_tag, none);
  CHECK(s.error == StoreError::duplicate);
  CHECK(s.detail.find("PC-1 exists already") != std::string::npos);
  Asset same_serial = make_asset("PC-4", AssetType::laptop, "SN-1");
  s = store->create_asset(same_serial, none);
  CHECK(s.error == StoreError::duplicate);
  CHECK(s.detail.find("serial number SN-1") != std::string::npos);
  Asset two;
  REQUIRE(store->get_asset("PC-2", two).ok());
  std::vector<AssetEvent> events;
  REQUIRE(set_asset_field(two, "serial", "SN-1", "anna", 2000, events).empty());
  CHECK(store->update_asset(two, events).error == StoreError::duplicate);
  std::vector<AssetEvent> history;
  REQUIRE(store->asset_history(two.id, history).ok());
  CHECK(history.size() == 1);  // nothing of the refused change
  std::vector<Asset> all;
  REQUIRE(store->list_assets({}, all).ok());
  CHECK(all.size() == 3);
}

TEST_CASE("an asset changed by someone else since it was read is stale") {
  test::TempDir dir;
  auto cli = open_store(dir.path() / "service.sqlite");
  auto gui = open_store(dir.path() / "service.sqlite");
  saved_asset(*cli, make_asset("PC-1", AssetType::desktop));
  Asset in_cli, in_gui;
  REQUIRE(cli->get_asset("PC-1", in_cli).ok());
  REQUIRE(gui->get_asset("PC-1", in_gui).ok());
  std::vector<AssetEvent> first, second;
  REQUIRE(set_asset_field(in_cli, "user", "anna", "anna", 2000, first).empty());
  REQUIRE(cli->update_asset(in_cli, first).ok());
  REQUIRE(set_asset_field(in_gui, "user", "bob", "bob", 2001, second).empty());
  const StoreStatus s = gui->update_asset(in_gui, second);
  CHECK(s.error == StoreError::stale);
  CHECK(s.detail.find("saved version 2, this copy is version 1") != std::string::npos);
  Asset now;
  REQUIRE(gui->get_asset("PC-1", now).ok());
  CHECK(now.user == "anna");
}

TEST_CASE("assets are listed by tag and filtered by type, site, user and warranty end") {
  test::TempDir dir;
  auto store = open_store(dir.path() / "service.sqlite");
  Asset a = make_asset("PC-2", AssetType::laptop);
  a.site = "Lyon";
  a.user = "anna";
  a.warranty_end = Date{2026, 12, 20};
  saved_asset(*store, a);
  Asset b = make_asset("PC-1", AssetType::laptop);
  b.site = "Paris";
  b.warranty_end = Date{2027, 6, 1};
  saved_asset(*store, b);
  Asset c = make_asset("PRN-1", AssetType::printer);
  c.site = "Lyon";
  saved_asset(*store, c);

  auto tags = [&](const AssetFilter& f) {
    std::vector<Asset> out;
    REQUIRE(store->list_assets(f, out).ok());
    std::vector<std::string> t;
    for (const auto& x : out) t.push_back(x.tag);
    return t;
  };
  using V = std::vector<std::string>;
  CHECK(tags({}) == V{"PC-1", "PC-2", "PRN-1"});
  AssetFilter f;
  f.type = AssetType::laptop;
  CHECK(tags(f) == V{"PC-1", "PC-2"});
  f = {};
  f.site = "Lyon";
  CHECK(tags(f) == V{"PC-2", "PRN-1"});
  f = {};
  f.user = "anna";
  CHECK(tags(f) == V{"PC-2"});
  f = {};
  f.warranty_from = Date{2026, 12, 7};
  f.warranty_before = Date{2027, 1, 6};  // within 30 days of 2026-12-07
  CHECK(tags(f) == V{"PC-2"});
  f.warranty_from = Date{2026, 12, 21};  // PC-2's has ended
  CHECK(tags(f).empty());
}

TEST_CASE("the tickets of an asset are those opened with its tag") {
  test::TempDir dir;
  auto store = open_store(dir.path() / "service.sqlite");
  saved_asset(*store, make_asset("PC-1", AssetType::laptop));
  ticket_on(*store, "Écran noir", "PC-1");
  ticket_on(*store, "Imprimante", "PRN-1");
  ticket_on(*store, "Clavier", "PC-1");
  std::vector<Ticket> tickets;
  REQUIRE(store->asset_tickets("PC-1", tickets).ok());
  REQUIRE(tickets.size() == 2);
  CHECK(tickets[0].title == "Écran noir");
  CHECK(tickets[1].title == "Clavier");
}

TEST_CASE("a schema-2 database with tickets is upgraded to the asset inventory and keeps them") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  {
    OpenOptions two;
    two.migrate_to = 2;
    auto v2 = open_store(file, two);
    CHECK(v2->schema_version() == 2);
    ticket_on(*v2, "Made by schema 2", "PC-1");
    Asset a = make_asset("PC-1", AssetType::laptop);
    std::vector<AssetEvent> none;
    CHECK(v2->create_asset(a, none).error == StoreError::io);  // no assets table yet
  }
  auto store = open_store(file);
  CHECK(store->schema_version() == latest_schema_version());
  CHECK(latest_schema_version() >= 3);
  Ticket t;
  REQUIRE(store->get("INC-2026-000001", t).ok());
  CHECK(t.title == "Made by schema 2");
  saved_asset(*store, make_asset("PC-1", AssetType::laptop));
  std::vector<Ticket> tickets;
  REQUIRE(store->asset_tickets("PC-1", tickets).ok());
  CHECK(tickets.size() == 1);
  CHECK(ticket_on(*store, "next", "PC-1").number == "INC-2026-000002");
}
