// Importing assets from CSV: GLPI (French and English), OCS Inventory,
// encodings, an explicit mapping, each bad input, and the re-import merge.
#include <diagdesk/service/asset_csv.hpp>

#include <doctest/doctest.h>

#include "fixture.hpp"

#include <fstream>
#include <map>

using namespace diagdesk::service;

namespace {

std::filesystem::path sample(const std::string& name) {
  return std::filesystem::path(__FILE__).parent_path() / "data" / name;
}

std::string field_of(const std::vector<std::pair<std::string, std::string>>& mapping, const std::string& header) {
  for (const auto& [h, f] : mapping)
    if (h == header) return f;
  return {};
}

}  // namespace

TEST_CASE("a GLPI French export in UTF-8 with BOM and semicolons gives its computers") {
  const AssetCsvResult r = read_asset_csv(sample("glpi_computers_fr.csv"));
  CHECK(r.report.errors.empty());
  CHECK(r.report.rejected.empty());
  CHECK(r.report.encoding == CsvEncoding::utf8_bom);
  CHECK(r.report.separator == ';');
  CHECK(r.report.data_rows == 4);
  CHECK(field_of(r.report.mapping, "Numéro d'inventaire") == "tag");
  CHECK(field_of(r.report.mapping, "Nom") == "name");
  CHECK(field_of(r.report.mapping, "Ports réseau - Adresse MAC") == "mac");
  CHECK(field_of(r.report.mapping, "Dernière modification").empty());
  REQUIRE(r.rows.size() == 4);

  const Asset& pc = r.rows[0].asset;
  CHECK(r.rows[0].line == 2);
  CHECK(pc.tag == "INV-2023-0042");
  CHECK(pc.type == AssetType::laptop);
  CHECK(pc.status == AssetStatus::in_use);
  CHECK(pc.manufacturer == "Dell Inc.");
  CHECK(pc.model == "Latitude 5420");
  CHECK(pc.serial == "5CG1234XYZ");
  CHECK(pc.user == "Martine Dupont");  // the GLPI user before the alternate username
  CHECK(pc.site == "Paris");
  CHECK(pc.room == "Bâtiment A > Salle 12");
  CHECK(pc.os == "windows11");
  CHECK(pc.os_version == "23H2");
  CHECK(pc.ip == "192.168.10.21");
  CHECK(pc.mac == "aa:bb:cc:00:11:22");
  CHECK(pc.purchase_date == Date{2023, 3, 15});
  CHECK(pc.warranty_end == Date{2026, 3, 15});
  CHECK(pc.notes == "Écran changé; clavier \"AZERTY\" neuf");

  const Asset& rh = r.rows[1].asset;
  CHECK(rh.type == AssetType::desktop);
  CHECK(rh.os == "linux");
  CHECK(rh.os_version == "Debian GNU/Linux 12 (bookworm)");
  CHECK(rh.user == "Karim Benali");
  CHECK(rh.notes == "Carte réseau remplacée\nle 12/01/2025");
  CHECK(rh.warranty_end == Date{2025, 9, 1});

  // The quoted note spans lines 3 and 4: the server starts on line 5.
  const AssetCsvRow& srv = r.rows[2];
  CHECK(srv.line == 5);
  CHECK(srv.asset.type == AssetType::server);
  CHECK(srv.asset.status == AssetStatus::in_repair);
  CHECK(srv.asset.os == "Windows Server 2022 Standard");  // no os fact value: kept as written
  CHECK(srv.asset.ip == "10.0.0.5");                      // GLPI's multi-value cell, IPv6 left out
  CHECK(srv.asset.purchase_date == Date{2021, 1, 20});

  // No inventory number: the device's name is the tag.
  const AssetCsvRow& mac = r.rows[3];
  CHECK(mac.line == 6);
  CHECK(mac.asset.tag == "MAC-DIR-01");
  CHECK(mac.asset.os == "macos");
  CHECK(mac.asset.status == AssetStatus::in_stock);
  CHECK(mac.asset.user.empty());
}

TEST_CASE("a GLPI English export with commas and quoted commas") {
  const AssetCsvResult r = read_asset_csv(sample("glpi_computers_en.csv"));
  CHECK(r.report.errors.empty());
  CHECK(r.report.encoding == CsvEncoding::utf8);
  CHECK(r.report.separator == ',');
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0].asset.tag == "UK-0017");
  CHECK(r.rows[0].asset.model == "ThinkPad T14, Gen 3");
  CHECK(r.rows[0].asset.os == "windows10");
  CHECK(r.rows[0].asset.type == AssetType::laptop);
  CHECK(r.rows[0].asset.site == "London");
  CHECK(r.rows[0].asset.room == "Floor 2");
  CHECK(r.rows[1].asset.type == AssetType::desktop);
  CHECK(r.rows[1].asset.status == AssetStatus::in_stock);
  CHECK(r.rows[1].asset.os == "linux");
  CHECK(r.rows[1].asset.os_version == "Ubuntu 22.04 LTS");
}

TEST_CASE("an OCS Inventory export maps NAME, SSN, OSNAME and TAG") {
  const AssetCsvResult r = read_asset_csv(sample("ocs_inventory.csv"));
  CHECK(r.report.errors.empty());
  REQUIRE(r.rows.size() == 2);
  const Asset& a = r.rows[0].asset;
  CHECK(a.tag == "WS-0101");
  CHECK(a.site == "PARIS");  // OCS's TAG is the administrative tag of a group of machines
  CHECK(a.os == "windows11");
  CHECK(a.os_version == "10.0.22631");
  CHECK(a.ip == "192.168.1.101");
  CHECK(a.user == "jmartin");
  CHECK(a.manufacturer == "Dell Inc.");
  CHECK(a.model == "OptiPlex 7090");
  CHECK(a.serial == "8XYZ123");
  CHECK(r.rows[1].asset.os == "linux");
  CHECK(r.rows[1].asset.os_version == "Debian GNU/Linux 12 (bookworm) 6.1.0-26-amd64");
}

TEST_CASE("a Windows-1252 file is read with its accents and the euro sign") {
  const std::string bytes =
      "Num\xE9ro d'inventaire;Num\xE9ro de s\xE9rie;Lieu;Utilisateur;Commentaires\r\n"
      "PC-001;SN1;B\xE2timent \xC9toile;H\xE9l\xE8ne Lef\xE8vre;Co\xFBt 1200 \x80\r\n";
  const AssetCsvResult r = parse_asset_csv(bytes);
  CHECK(r.report.encoding == CsvEncoding::windows1252);
  CHECK(r.report.errors.empty());
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].asset.site == "Bâtiment Étoile");
  CHECK(r.rows[0].asset.user == "Hélène Lefèvre");
  CHECK(r.rows[0].asset.notes == "Coût 1200 €");
}

TEST_CASE("Excel's Unicode text (UTF-16 with BOM, tabs) and old Mac line ends are read") {
  // "Numéro d'inventaire\tLieu\r\nPC-1\tBâtiment\r\n" in UTF-16LE, then in UTF-16BE.
  const std::string text = "Num\xC3\xA9ro d'inventaire\tLieu\r\nPC-1\tB\xC3\xA2timent \xF0\x9F\x8F\xA2\r\n";
  for (bool little : {true, false}) {
    std::string bytes = little ? "\xFF\xFE" : "\xFE\xFF";
    for (std::size_t i = 0; i < text.size();) {
      // Encode the UTF-8 sample as UTF-16 by hand (BMP, plus one surrogate pair).
      const auto c = static_cast<unsigned char>(text[i]);
      char32_t cp = c;
      std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (n == 2) cp = (c & 0x1F) << 6 | (text[i + 1] & 0x3F);
      if (n == 4) cp = (c & 0x07) << 18 | (text[i + 1] & 0x3F) << 12 | (text[i + 2] & 0x3F) << 6 | (text[i + 3] & 0x3F);
      i += n;
      auto put = [&](char16_t u) {
        const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
        bytes += little ? lo : hi;
        bytes += little ? hi : lo;
      };
      if (cp >= 0x10000) {
        put(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
        put(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
      } else {
        put(static_cast<char16_t>(cp));
      }
    }
    const AssetCsvResult r = parse_asset_csv(bytes);
    CAPTURE(little);
    CHECK(r.report.encoding == (little ? CsvEncoding::utf16le : CsvEncoding::utf16be));
    CHECK(r.report.errors.empty());
    CHECK(r.report.separator == '\t');
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].asset.site == "Bâtiment \xF0\x9F\x8F\xA2");
  }
  const AssetCsvResult mac = parse_asset_csv("Inventory number;Location\rA-1;Paris\rA-2;Lyon\r");
  REQUIRE(mac.rows.size() == 2);
  CHECK(mac.rows[1].line == 3);
  CHECK(mac.rows[1].asset.site == "Lyon");
}

TEST_CASE("tab-separated and UTF-8 without BOM are detected") {
  const AssetCsvResult r = parse_asset_csv("Inventory number\tSerial number\tMAC address\nA-1\tS-1\taabb.ccdd.eeff\n");
  CHECK(r.report.separator == '\t');
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].asset.mac == "aa:bb:cc:dd:ee:ff");
}

TEST_CASE("an explicit mapping file names the columns") {
  test::TempDir dir;
  const auto map_file = dir.write("map.toml",
                                  "schema_version = 1\n[columns]\n\"Code parc\" = \"tag\"\n\"S/N\" = \"serial\"\n"
                                  "\"Responsable\" = \"user\"\n\"Nom\" = \"ignore\"\n\"Mise en service\" = \"purchase_date\"\n");
  std::string error;
  const auto map = load_column_map(map_file, error);
  REQUIRE_MESSAGE(map, error);
  CHECK(map->columns.size() == 5);
  CHECK(map->columns[0].first == "Code parc");
  const AssetCsvResult r = parse_asset_csv("Code parc;S/N;Responsable;Nom;Mise en service\nP-9;X9;Anne;poste9;02/01/2024\n", &*map);
  CHECK(r.report.errors.empty());
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].asset.tag == "P-9");
  CHECK(r.rows[0].asset.serial == "X9");
  CHECK(r.rows[0].asset.user == "Anne");
  CHECK(r.rows[0].asset.purchase_date == Date{2024, 1, 2});

  SUBCASE("a header the file lacks is a file error") {
    const AssetCsvResult bad = parse_asset_csv("Code parc;S/N\nP-9;X9\n", &*map);
    REQUIRE(bad.report.errors.size() == 1);
    CHECK(bad.report.errors[0].code == "csv.bad_mapping");
    CHECK(bad.report.errors[0].message.find("Responsable") != std::string::npos);
    CHECK(bad.report.errors[0].detail == "Responsable");
    CHECK(bad.rows.empty());
  }
  SUBCASE("an unknown field is refused with its line") {
    const auto f = dir.write("bad.toml", "schema_version = 1\n[columns]\n\"Code\" = \"tag\"\n\"Couleur\" = \"colour\"\n");
    std::string err;
    CHECK_FALSE(load_column_map(f, err));
    CHECK(err.find("bad.toml:4:") != std::string::npos);
    CHECK(err.find("colour") != std::string::npos);
  }
  SUBCASE("a missing file and a syntax error") {
    std::string err;
    CHECK_FALSE(load_column_map(dir.path() / "none.toml", err));
    CHECK(err.find("none.toml") != std::string::npos);
    const auto f = dir.write("syntax.toml", "schema_version = 1\n[columns\n");
    CHECK_FALSE(load_column_map(f, err));
    CHECK(err.find("syntax.toml:2:") != std::string::npos);
  }
}

TEST_CASE("bad rows are rejected with their line and reason, the others kept") {
  struct Row {
    const char* what;
    std::string csv;
    int line;          // line of the rejected row
    const char* code;  // its code
    const char* says;  // part of the message
  };
  const std::string head = "Numéro d'inventaire;Numéro de série;Date d'achat;Adresse IP;Adresse MAC\n";
  const std::string good = "OK-1;S1;2024-01-02;10.0.0.1;00:11:22:33:44:55\n";
  const Row rows[] = {
      {"missing tag and serial", head + good + ";;2024-01-02;;\n", 3, "csv.missing_key", "no tag and no serial"},
      {"duplicated tag", head + good + "OK-1;S2;;;\n", 3, "csv.duplicate_tag", "already given on line 2"},
      {"bad date", head + good + "B-1;S2;31/02/2024;;\n", 3, "csv.bad_date", "'31/02/2024' is not a date"},
      {"bad date text", head + good + "B-1;S2;demain;;\n", 3, "csv.bad_date", "Date d'achat"},
      {"bad IP", head + good + "B-1;S2;;192.168.1.300;\n", 3, "csv.bad_ip", "192.168.1.300"},
      {"bad MAC", head + good + "B-1;S2;;;ZZ:11:22:33:44:55\n", 3, "csv.bad_mac", "ZZ:11"},
      {"too few cells", head + good + "B-1;S2\n", 3, "csv.column_count", "2 cells, the header has 5"},
      {"too many cells", head + good + "B-1;S2;;;;x\n", 3, "csv.column_count", "6 cells"},
      // A quoted line break before the bad row: its line is the physical one.
      {"line after a multi-line cell", head + "M-1;\"S\nM\";;;\n" + "B-1;S2;;999.1.1.1;\n", 4, "csv.bad_ip", "line 4"},
      {"warranty before purchase",
       "Inventory number;Date of purchase;Warranty expiration date\nW-1;2024-05-01;2023-05-01\n" + std::string("OK-2;;\n"), 2,
       "csv.warranty_before_purchase", "the warranty ends (2023-05-01) before the purchase (2024-05-01)"},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.what));
    const AssetCsvResult r = parse_asset_csv(row.csv);
    CHECK(r.report.errors.empty());
    REQUIRE(r.report.rejected.size() == 1);
    CHECK(r.report.rejected[0].line == row.line);
    CHECK(r.report.rejected[0].code == row.code);
    CHECK_MESSAGE(r.report.rejected[0].message.find(row.says) != std::string::npos, r.report.rejected[0].message);
    CHECK(r.rows.size() == 1);  // the valid row is kept
  }
}

TEST_CASE("bad files give one file-level error") {
  struct Row {
    const char* what;
    std::string bytes;
    const char* code;
    const char* says;
    std::size_t kept;
  };
  const Row rows[] = {
      {"wrong separator", "Nom|Numéro de série|Lieu\nPC1|SN1|Paris\n", "csv.missing_column", "'Nom|Numéro de série|Lieu'", 0},
      {"wrong separator hint", "Nom|Numéro de série|Lieu\nPC1|SN1|Paris\n", "csv.missing_column", "one column only", 0},
      {"missing required column", "Lieu;Fabricant\nParis;Dell\n", "csv.missing_column", "no column for the tag", 0},
      {"empty file", "", "csv.empty", "empty file", 0},
      {"only a BOM and blank lines", "\xEF\xBB\xBF\r\n\r\n", "csv.empty", "empty file", 0},
      {"binary file named .csv", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "csv.binary", "offset 8", 0},
      {"truncated file", "Inventory number;Notes\nT-1;fine\nT-2;\"cut in the mid", "csv.truncated", "line 3", 1},
      {"truncated header", "Inventory number;\"Notes\n", "csv.truncated", "header", 0},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.what));
    const AssetCsvResult r = parse_asset_csv(row.bytes);
    REQUIRE(r.report.errors.size() == 1);
    CHECK(r.report.errors[0].code == row.code);
    CHECK_MESSAGE(r.report.errors[0].message.find(row.says) != std::string::npos, r.report.errors[0].message);
    CHECK(r.rows.size() == row.kept);
  }
  CHECK(parse_asset_csv("Lieu;Fabricant\nParis;Dell\n").report.errors[0].detail == "Lieu;Fabricant");
}

TEST_CASE("errors read from a file name the file") {
  test::TempDir dir;
  const auto f = dir.write("parc.csv", "Lieu;Fabricant\nParis;Dell\n");
  const AssetCsvResult r = read_asset_csv(f);
  REQUIRE(r.report.errors.size() == 1);
  CHECK(r.report.errors[0].message.starts_with(f.string() + ":1: "));
  const AssetCsvResult missing = read_asset_csv(dir.path() / "none.csv");
  REQUIRE(missing.report.errors.size() == 1);
  CHECK(missing.report.errors[0].code == "csv.unreadable");
}

TEST_CASE("cell values: dates, OS names, types and statuses") {
  struct DateRow {
    const char* text;
    std::optional<Date> want;
  };
  const DateRow dates[] = {{"2024-02-29", Date{2024, 2, 29}}, {"29/02/2024", Date{2024, 2, 29}},
                           {"2024-03-15 09:30:00", Date{2024, 3, 15}}, {"15-03-2024", Date{2024, 3, 15}},
                           {"2024-03-15 09:30", Date{2024, 3, 15}}, {"2023-02-29", std::nullopt},
                           {"2024-13-01", std::nullopt}, {"15/03/24", std::nullopt},
                           {"2024-03-15 25:00:00", std::nullopt}, {"", std::nullopt}};
  for (const DateRow& d : dates) {
    CAPTURE(std::string(d.text));
    CHECK(parse_csv_date(d.text) == d.want);
  }
  const std::pair<const char*, const char*> oses[] = {
      {"Microsoft Windows 11 Professionnel", "windows11"}, {"Windows 10 Enterprise", "windows10"},
      {"Debian GNU/Linux 12 (bookworm)", "linux"},         {"Ubuntu 24.04 LTS", "linux"},
      {"macOS Sonoma", "macos"},                           {"Mac OS X", "macos"},
      {"Android 14", "android"},                           {"iPadOS 17", "ios"},
      {"Windows Server 2019", ""},                         {"FreeBSD", ""}};
  for (const auto& [os, want] : oses) {
    CAPTURE(std::string(os));
    CHECK(os_fact_value(os).value_or("") == want);
  }
  CHECK(csv_asset_type("Portable") == AssetType::laptop);
  CHECK(csv_asset_type("Ordinateur de bureau") == AssetType::desktop);
  CHECK(csv_asset_type("Tour") == AssetType::desktop);
  CHECK(csv_asset_type("Imprimante") == AssetType::printer);
  CHECK(csv_asset_type("access_point") == AssetType::access_point);
  CHECK_FALSE(csv_asset_type("Grille-pain"));
  CHECK(csv_asset_status("En service") == AssetStatus::in_use);
  CHECK(csv_asset_status("Au rebut") == AssetStatus::retired);
  CHECK(csv_asset_status("En réparation") == AssetStatus::in_repair);
  CHECK_FALSE(csv_asset_status("Perdu"));
}

TEST_CASE("unknown type and status are kept with a warning") {
  const AssetCsvResult r = parse_asset_csv("Inventory number;Type;Status\nX-1;Grille-pain;Perdu\n");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].asset.type == AssetType::other);
  CHECK(r.rows[0].asset.status == AssetStatus::in_use);
  REQUIRE(r.report.warnings.size() == 2);
  CHECK(r.report.warnings[0].starts_with("line 2: type 'Grille-pain'"));
}

TEST_CASE("re-importing classifies rows as added, updated by tag or serial, unchanged or rejected") {
  AssetCsvResult parsed = read_asset_csv(sample("glpi_computers_fr.csv"));
  REQUIRE(parsed.rows.size() == 4);
  // The store: the first two and the last as imported before, then changed.
  std::map<std::int64_t, Asset> store;
  std::int64_t next_id = 1;
  for (std::size_t i : {0u, 1u, 3u}) {
    Asset a = parsed.rows[i].asset;
    a.id = next_id++;
    a.version = 3;
    store[a.id] = a;
  }
  store[1].user = "Ancien Utilisateur";  // the file changes the user back
  store[1].notes = "kept";               // not compared: the file's note differs, so it is updated too
  store[2].tag = "OLD-TAG-7";            // found by its serial, the stored tag kept
  store[2].model = "EliteDesk 800 G5";
  store[3].site = "Lyon";                // same as the file: unchanged
  const AssetLookup lookup = [&](const std::string& tag, const std::string& serial) -> std::optional<Asset> {
    for (const auto& [id, a] : store)
      if (!tag.empty() && a.tag == tag) return a;
    for (const auto& [id, a] : store)
      if (!serial.empty() && a.serial == serial) return a;
    return std::nullopt;
  };
  // A rejected row travels with the others.
  parsed.report.rejected.push_back({7, "csv.bad_ip", "Ports réseau - IP", "1.2.3", "line 7: bad"});
  const std::vector<ImportRow> rows = merge_assets(parsed, lookup);
  REQUIRE(rows.size() == 5);

  CHECK(rows[0].outcome == ImportOutcome::updated);
  CHECK(rows[0].asset.id == 1);
  CHECK(rows[0].asset.version == 3);
  REQUIRE(rows[0].changes.size() == 2);
  CHECK(rows[0].changes[0].field == "user");
  CHECK(rows[0].changes[0].old_value == "Ancien Utilisateur");
  CHECK(rows[0].changes[0].new_value == "Martine Dupont");
  CHECK(rows[0].asset.user == "Martine Dupont");

  CHECK(rows[0].matched_by == "tag");
  CHECK(rows[1].outcome == ImportOutcome::updated);
  CHECK(rows[1].matched_by == "serial");
  REQUIRE(rows[1].changes.size() == 1);
  CHECK(rows[1].changes[0].field == "model");
  CHECK(rows[1].changes[0].old_value == "EliteDesk 800 G5");
  CHECK(rows[1].changes[0].new_value == "EliteDesk 800 G6");
  CHECK(rows[1].asset.tag == "OLD-TAG-7");
  CHECK(rows[1].asset.model == "EliteDesk 800 G6");
  CHECK(rows[1].asset.id == 2);

  CHECK(rows[2].outcome == ImportOutcome::added);
  CHECK(rows[2].asset.tag == "INV-2021-0003");
  CHECK(rows[2].line == 5);

  CHECK(rows[3].outcome == ImportOutcome::unchanged);
  CHECK(rows[3].changes.empty());

  CHECK(rows[4].outcome == ImportOutcome::rejected);
  CHECK(rows[4].line == 7);
  CHECK(rows[4].code == "csv.bad_ip");

  const ImportCounts c = count(rows);
  CHECK(c.added == 1);
  CHECK(c.updated == 2);
  CHECK(c.unchanged == 1);
  CHECK(c.rejected == 1);
}

TEST_CASE("merge: an empty cell keeps the stored value, a serial-only row gets its serial as tag") {
  const AssetCsvResult parsed = parse_asset_csv("Inventory number;Serial number;User\nT-1;S-1;\n;S-9;bob\n;S-9;eve\n");
  REQUIRE(parsed.rows.size() == 3);
  Asset stored;
  stored.id = 4;
  stored.tag = "T-1";
  stored.serial = "S-1";
  stored.user = "alice";
  const auto rows = merge_assets(parsed, [&](const std::string& tag, const std::string&) -> std::optional<Asset> {
    if (tag == "T-1") return stored;
    return std::nullopt;
  });
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].outcome == ImportOutcome::unchanged);
  CHECK(rows[0].asset.user == "alice");
  CHECK(rows[1].outcome == ImportOutcome::added);
  CHECK(rows[1].asset.tag == "S-9");
  CHECK(rows[2].outcome == ImportOutcome::rejected);  // the same new device twice
  CHECK(rows[2].code == "csv.duplicate_asset");
  CHECK(rows[2].reason.find("line 3") != std::string::npos);
}
