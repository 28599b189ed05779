// End-to-end: assets round trip. asset export --csv and --json, each imported
// into an empty data dir (asset import takes both), give back every field;
// a JSON import of tags already there is refused whole.
#include "run.hpp"

#include <doctest/doctest.h>

namespace {

struct Desk {
  test::TempDir home;
  test::Run run(const std::string& args) const {
    return test::diagdesk_at(home, "--data " + test::quote(DIAGDESK_DATA_DIR) + " " + args, "2026-12-07T10:00");
  }
  void ok(const std::string& args) const {
    const auto r = run(args);
    REQUIRE_MESSAGE(r.rc == 0, std::string(args + " -> " + r.out + r.err));
  }
  std::string file(const std::string& name) const { return test::quote((home.path() / name).string()); }
  std::string read(const std::string& name) const { return test::read(home.path() / name); }
};

}  // namespace

TEST_CASE("assets exported as CSV and as JSON come back with every field in an empty database") {
  Desk a;
  a.ok("asset add PC-0042 --type laptop --manufacturer Dell --model 'Latitude 5540' --serial SN123 "
       "--user 'Marie Dupont' --site Lyon --room 'B 204' --os windows11 --os-version 23H2 --ip 10.0.0.42 "
       "--mac aa:bb:cc:dd:ee:ff --purchase-date 2025-03-31 --warranty-end 2028-03-31 --status in_repair "
       "--notes 'écran; \"rayé\"'");
  a.ok("asset add PRN-7 --type printer");
  a.ok("asset export --json " + a.file("assets.json"));
  a.ok("asset export --csv " + a.file("assets.csv"));
  const std::string exported = a.read("assets.json");
  CHECK(exported.find("\"kind\": \"diagdesk.assets\"") != std::string::npos);
  CHECK(exported.find("\"warranty_end\": \"2028-03-31\"") != std::string::npos);

  for (const char* format : {"assets.json", "assets.csv"}) {
    CAPTURE(format);
    Desk b;
    std::filesystem::copy_file(a.home.path() / format, b.home.path() / format);
    b.ok("asset import " + b.file(format));
    b.ok("asset export --json " + b.file("again.json"));
    CHECK(b.read("again.json") == exported);
  }

  SUBCASE("asset show says the history's fields and values in words") {
    a.ok("asset update PC-0042 warranty_end 2029-01-01");
    a.ok("asset update PC-0042 status in_use");
    const auto r = a.run("--lang fr asset show PC-0042");
    CHECK(r.out.find("Fin de garantie : 2028-03-31 -> 2029-01-01") != std::string::npos);
    CHECK(r.out.find("Statut : en réparation -> en service") != std::string::npos);
    CHECK(r.out.find("warranty_end") == std::string::npos);
    CHECK(a.run("asset show PC-0042").out.find("Warranty end: 2028-03-31 -> 2029-01-01") != std::string::npos);
  }
  SUBCASE("importing the JSON again is refused whole") {
    const auto r = a.run("asset import " + a.file("assets.json"));
    CHECK(r.rc == 2);
    CHECK(r.err.find("PC-0042") != std::string::npos);
  }
  SUBCASE("a bad value names the file, the asset and the field") {
    a.home.write("bad.json", "{\"schema_version\": 1, \"kind\": \"diagdesk.assets\", \"assets\": [{\"tag\": \"X-1\"}]}");
    const auto r = a.run("asset import " + a.file("bad.json"));
    CHECK(r.rc == 2);
    CHECK(r.err.find("asset 1: field 'type' is missing") != std::string::npos);
  }
}
