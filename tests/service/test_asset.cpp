// The asset inventory's values: names, MAC and IPv4 forms, checks, and one
// field set from text with its history event.
#include <diagdesk/service/asset.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::service;

TEST_CASE("asset types and statuses have stable names that parse back") {
  for (const auto t : {AssetType::desktop, AssetType::laptop, AssetType::printer, AssetType::phone, AssetType::tablet,
                       AssetType::monitor, AssetType::switch_, AssetType::access_point, AssetType::router,
                       AssetType::server, AssetType::other}) {
    CHECK(parse_asset_type(name(t)) == t);
  }
  CHECK(name(AssetType::switch_) == "switch");
  CHECK(name(AssetType::access_point) == "access_point");
  CHECK_FALSE(parse_asset_type("Laptop"));
  for (const auto s : {AssetStatus::in_use, AssetStatus::in_stock, AssetStatus::in_repair, AssetStatus::retired}) {
    CHECK(parse_asset_status(name(s)) == s);
  }
  CHECK_FALSE(parse_asset_status("broken"));
}

TEST_CASE("MAC addresses are normalised from the usual spellings and refused otherwise") {
  struct Row {
    const char* in;
    const char* out;  // "" when refused
  };
  const Row rows[] = {
      {"aa:bb:cc:dd:ee:ff", "aa:bb:cc:dd:ee:ff"},
      {"AA-BB-CC-DD-EE-FF", "aa:bb:cc:dd:ee:ff"},  // Windows ipconfig
      {"aabb.ccdd.eeff", "aa:bb:cc:dd:ee:ff"},     // Cisco
      {"AABBCCDDEEFF", "aa:bb:cc:dd:ee:ff"},
      {"aa:bb:cc:dd:ee", ""},                      // five bytes
      {"aa:bb:cc:dd:ee:fg", ""},
      {"aa:bb-cc:dd:ee:ff", ""},                   // mixed separators
      {"a:abb:cc:dd:ee:ff", ""},                   // grouped wrongly
      {"", ""},
  };
  for (const auto& r : rows) {
    CAPTURE(r.in);
    const auto m = normalise_mac(r.in);
    if (*r.out) CHECK(m == std::string(r.out));
    else CHECK_FALSE(m);
  }
}

TEST_CASE("IPv4 addresses are dotted quads of 0 to 255") {
  for (const char* ok : {"192.168.1.20", "0.0.0.0", "255.255.255.255", "10.0.0.1"}) CHECK(valid_ipv4(ok));
  for (const char* bad : {"", "192.168.1", "192.168.1.256", "1.2.3.4.5", "01.2.3.4", "a.b.c.d", "1..2.3", "1.2.3.4 "}) {
    CAPTURE(bad);
    CHECK_FALSE(valid_ipv4(bad));
  }
}

TEST_CASE("check_asset names the bad field") {
  Asset a;
  a.tag = "PC-0042";
  CHECK(check_asset(a).empty());
  SUBCASE("empty tag") {
    a.tag.clear();
    CHECK(check_asset(a).find("tag") != std::string::npos);
  }
  SUBCASE("a tag with a space") {
    a.tag = "PC 42";
    CHECK(check_asset(a).find("PC 42") != std::string::npos);
  }
  SUBCASE("bad IPv4") {
    a.ip = "300.1.1.1";
    CHECK(check_asset(a).find("ip '300.1.1.1'") != std::string::npos);
  }
  SUBCASE("a MAC not normalised") {
    a.mac = "AA-BB-CC-DD-EE-FF";
    CHECK(check_asset(a).find("mac") != std::string::npos);
  }
  SUBCASE("warranty before purchase") {
    a.purchase_date = Date{2025, 6, 1};
    a.warranty_end = Date{2024, 6, 1};
    CHECK(check_asset(a).find("before purchase_date") != std::string::npos);
  }
}

TEST_CASE("set_asset_field changes one field, records it, and refuses bad values untouched") {
  Asset a;
  a.tag = "PC-0042";
  a.version = 1;
  std::vector<AssetEvent> events;
  CHECK(set_asset_field(a, "os", "windows11", "anna", 100, events).empty());
  CHECK(a.os == "windows11");
  CHECK(a.updated_at == 100);
  REQUIRE(events.size() == 1);
  CHECK(events[0].field == "os");
  CHECK(events[0].old_value.empty());
  CHECK(events[0].new_value == "windows11");
  CHECK(events[0].actor == "anna");

  CHECK(set_asset_field(a, "mac", "AA-BB-CC-DD-EE-FF", "anna", 101, events).empty());
  CHECK(a.mac == "aa:bb:cc:dd:ee:ff");
  CHECK(events.back().new_value == "aa:bb:cc:dd:ee:ff");
  CHECK(set_asset_field(a, "warranty_end", "2027-03-31", "anna", 102, events).empty());
  CHECK(a.warranty_end == Date{2027, 3, 31});
  CHECK(set_asset_field(a, "type", "laptop", "anna", 103, events).empty());
  CHECK(a.type == AssetType::laptop);
  CHECK(events.back().old_value == "other");
  CHECK(set_asset_field(a, "status", "in_repair", "anna", 104, events).empty());
  CHECK(a.status == AssetStatus::in_repair);
  const auto count = events.size();

  SUBCASE("the same value again records nothing") {
    CHECK(set_asset_field(a, "os", "windows11", "anna", 105, events).empty());
    CHECK(events.size() == count);
  }
  SUBCASE("bad values are refused and change nothing") {
    const Asset before = a;
    CHECK(set_asset_field(a, "ip", "1.2.3", "anna", 106, events).find("ip '1.2.3'") != std::string::npos);
    CHECK(set_asset_field(a, "mac", "xx", "anna", 106, events).find("mac 'xx'") != std::string::npos);
    CHECK(set_asset_field(a, "purchase_date", "2026-02-30", "anna", 106, events).find("not a date") != std::string::npos);
    CHECK(set_asset_field(a, "purchase_date", "2028-01-01", "anna", 106, events).find("before purchase_date") !=
          std::string::npos);
    CHECK(set_asset_field(a, "type", "toaster", "anna", 106, events).find("toaster") != std::string::npos);
    CHECK(set_asset_field(a, "tag", "X", "anna", 106, events).find("not an asset field") != std::string::npos);
    CHECK(events.size() == count);
    CHECK(a.ip == before.ip);
    CHECK(a.purchase_date == before.purchase_date);
    CHECK(a.updated_at == before.updated_at);
  }
  SUBCASE("an empty date clears it") {
    CHECK(set_asset_field(a, "warranty_end", "", "anna", 107, events).empty());
    CHECK_FALSE(a.warranty_end);
    CHECK(events.back().old_value == "2027-03-31");
  }
  CHECK(asset_fields().size() == 15);
}
