// Loaders of user files read through the one safe read (base::read_file):
// a FIFO or a device given as the file is refused at once (never a hang),
// a file over the limit is refused before it is read (issue 17).
#include <diagdesk/service/asset_csv.hpp>

#include <doctest/doctest.h>

#include "fixture.hpp"

#include <sys/stat.h>

#include <filesystem>

using namespace diagdesk::service;
namespace fs = std::filesystem;

TEST_CASE("the asset CSV and its column map refuse a FIFO and a device without blocking") {
  test::TempDir dir;
  const fs::path fifo = dir.path() / "map.toml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // no writer: a plain open would wait for ever
  std::string err;
  CHECK_FALSE(load_column_map(fifo, err));
  CHECK(err.find("map.toml") != std::string::npos);
  CHECK(err.find("FIFO") != std::string::npos);

  const AssetCsvResult csv = read_asset_csv(fifo);
  REQUIRE(csv.report.errors.size() == 1);
  CHECK(csv.report.errors[0].code == "csv.unreadable");
  CHECK(csv.report.errors[0].message.find("FIFO") != std::string::npos);

  // /dev/zero never ends: read_file refuses any device before reading.
  const AssetCsvResult zero = read_asset_csv("/dev/zero");
  REQUIRE(zero.report.errors.size() == 1);
  CHECK(zero.report.errors[0].code == "csv.unreadable");
  CHECK(zero.report.errors[0].message.find("/dev/zero") != std::string::npos);
  CHECK(zero.rows.empty());
  CHECK_FALSE(load_column_map("/dev/zero", err));
  CHECK(err.find("device") != std::string::npos);
}

TEST_CASE("an asset CSV over its limit is refused before it is read, naming the limit") {
  test::TempDir dir;
  const fs::path big = dir.path() / "big.csv";
  dir.write("big.csv", "Nom;Numéro de série\n");
  fs::resize_file(big, max_asset_csv_bytes + 1);  // sparse: no disk used
  const AssetCsvResult r = read_asset_csv(big);
  REQUIRE(r.report.errors.size() == 1);
  CHECK(r.report.errors[0].code == "csv.unreadable");
  CHECK(r.report.errors[0].message.find("big.csv") != std::string::npos);
  CHECK(r.report.errors[0].message.find("limit") != std::string::npos);

  const fs::path map = dir.path() / "big.toml";
  dir.write("big.toml", "schema_version = 1\n");
  fs::resize_file(map, 17u * 1024u * 1024u);
  std::string err;
  CHECK_FALSE(load_column_map(map, err));
  CHECK(err.find("big.toml") != std::string::npos);
  CHECK(err.find("limit") != std::string::npos);
}
