// Batches: many changes in one transaction (imports), each a savepoint.
#include "store_fixture.hpp"

using namespace diagdesk::service;

namespace {

StoreStatus add_asset(Store& store, const std::string& tag, const std::string& serial = "") {
  Asset a;
  a.tag = tag;
  a.serial = serial;
  a.type = AssetType::laptop;
  std::vector<AssetEvent> events;
  return store.create_asset(a, events);
}

std::size_t asset_count(Store& store) {
  std::vector<Asset> all;
  REQUIRE(store.list_assets({}, all).ok());
  return all.size();
}

}  // namespace

TEST_CASE("a committed batch saves every change, a refused change is undone alone") {
  test::TempDir dir;
  auto store = test::open_store(dir.path() / "service.sqlite");
  REQUIRE(store->begin_batch().ok());
  CHECK(add_asset(*store, "PC-0001", "SN1").ok());
  CHECK(add_asset(*store, "PC-0002", "SN2").ok());
  CHECK(add_asset(*store, "PC-0001").error == StoreError::duplicate);  // refused inside the batch
  CHECK(add_asset(*store, "PC-0003").ok());
  CHECK(store->begin_batch().error == StoreError::io);  // batches do not nest
  REQUIRE(store->commit_batch().ok());
  // Another connection sees the three assets: they are on disk.
  auto other = test::open_store(dir.path() / "service.sqlite");
  CHECK(asset_count(*other) == 3);
  CHECK(store->commit_batch().error == StoreError::io);  // none open any more
}

TEST_CASE("a batch rolled back, or never committed, leaves nothing") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  {
    auto store = test::open_store(file);
    Ticket t;
    REQUIRE(test::add(*store, "Kept before the batch", t).ok());
    REQUIRE(store->begin_batch().ok());
    CHECK(add_asset(*store, "PC-0001").ok());
    REQUIRE(test::add(*store, "Inside the batch", t).ok());
    store->rollback_batch();
    CHECK(asset_count(*store) == 0);
    CHECK(test::count(*store) == 1);
    REQUIRE(store->begin_batch().ok());
    CHECK(add_asset(*store, "PC-0002").ok());
    // Closed with the batch open: as if the program had stopped mid-import.
  }
  auto store = test::open_store(file);
  CHECK(asset_count(*store) == 0);
  CHECK(test::count(*store) == 1);
}
