// The SQLite store's asset inventory: the upgrade of a schema-2 database.
// (Round trip, unique tag and serial, the version check, filters, tickets of
// an asset and the append-only history are in the shared suite,
// test_store_contract.cpp, run on both backends.)
#include "store_fixture.hpp"

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

}  // namespace

TEST_CASE("a schema-2 database with tickets is upgraded to the asset inventory and keeps them") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  {
    OpenOptions two;
    two.migrate_to = 2;
    auto v2 = open_store(file, two);
    CHECK(v2->schema_version() == 2);
    test::ticket_on(*v2, "Made by schema 2", "PC-1");
    Asset a = test::make_asset("PC-1", AssetType::laptop);
    std::vector<AssetEvent> none;
    CHECK(v2->create_asset(a, none).error == StoreError::io);  // no assets table yet
  }
  auto store = open_store(file);
  CHECK(store->schema_version() == latest_schema_version());
  CHECK(latest_schema_version() >= 3);
  Ticket t;
  REQUIRE(store->get("INC-2026-000001", t).ok());
  CHECK(t.title == "Made by schema 2");
  test::saved_asset(*store, test::make_asset("PC-1", AssetType::laptop));
  std::vector<Ticket> tickets;
  REQUIRE(store->asset_tickets("PC-1", tickets).ok());
  CHECK(tickets.size() == 1);
  CHECK(test::ticket_on(*store, "next", "PC-1").number == "INC-2026-000002");
}
