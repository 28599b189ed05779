// Benchmark: importing a generated GLPI export of 100,000 computers (French
// headers, semicolons, UTF-8 with BOM, a quoted multi-line note every 50th
// row): parse, then merge against a store holding half of them (a quarter
// changed). Baseline in the same run: splitting the same bytes on newlines
// (the floor for any reader). Target: under 1 s per 10,000 rows. Then, for
// the database's share of `diagdesk asset import`, the added assets saved
// into a fresh SqliteStore in one batch, as the import saves them; and
// `asset list`: every saved asset read back through the store, against a
// bare SELECT of the same rows (baseline). Target: under 1 s per 10,000.
//
//   build/bench/service/bench_asset_csv [rows=100000]
#include <diagdesk/service/asset_csv.hpp>
#include <diagdesk/service/sqlite_store.hpp>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

using namespace diagdesk::service;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

std::string generate(int rows) {
  static const char* types[] = {"Portable", "Ordinateur de bureau", "Serveur", "Tour"};
  static const char* oses[] = {"Microsoft Windows 11 Professionnel", "Windows 10 Entreprise", "Debian GNU/Linux 12 (bookworm)",
                               "macOS Sonoma"};
  static const char* sites[] = {"Paris > Bâtiment A > Salle 12", "Lyon > Étage 2", "Nantes", "Lille > Accueil"};
  std::string out = "\xEF\xBB\xBFNom;Entité;Statut;Fabricant;Numéro de série;Type;Modèle;Système d'exploitation - Nom;"
                    "Système d'exploitation - Version;Lieu;Numéro d'inventaire;Utilisateur;Ports réseau - IP;"
                    "Ports réseau - Adresse MAC;Date d'achat;Date d'expiration de la garantie;Dernière modification;Commentaires\r\n";
  out.reserve(static_cast<std::size_t>(rows) * 260);
  char buf[512];
  for (int i = 0; i < rows; ++i) {
    const char* note = i % 50 == 0 ? "\"Écran changé;\r\nclavier \"\"AZERTY\"\"\"" : "";
    std::snprintf(buf, sizeof buf,
                  "PC-%06d;Entité racine > Siège;En service;Dell Inc.;SN%08d;%s;Latitude %d;%s;23H2;%s;INV-%06d;"
                  "Utilisateur %d;10.%d.%d.%d;AA-BB-CC-%02X-%02X-%02X;%02d/%02d/20%02d;20%02d-%02d-%02d;2026-11-02 09:14:33;%s\r\n",
                  i, i, types[i % 4], 5400 + i % 30, oses[i % 4], sites[i % 4], i, i % 900, (i >> 16) & 255, (i >> 8) & 255,
                  i & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255, 1 + i % 28, 1 + i % 12, 18 + i % 5, 26 + i % 3,
                  1 + i % 12, 1 + i % 28, note);
    out += buf;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 100000;
  const std::string bytes = generate(rows);
  std::printf("bench_asset_csv: %d rows, %.1f MB\n", rows, static_cast<double>(bytes.size()) / 1e6);

  auto t0 = Clock::now();
  std::vector<std::string_view> lines;
  for (std::size_t start = 0, nl; start < bytes.size(); start = nl + 1) {
    nl = bytes.find('\n', start);
    if (nl == std::string::npos) nl = bytes.size();
    lines.emplace_back(bytes.data() + start, nl - start);
  }
  const double split_ms = ms_since(t0);

  t0 = Clock::now();
  const AssetCsvResult parsed = parse_asset_csv(bytes);
  const double parse_ms = ms_since(t0);
  if (parsed.rows.size() != static_cast<std::size_t>(rows) || !parsed.report.errors.empty() ||
      !parsed.report.rejected.empty()) {
    std::printf("unexpected result: %zu rows, %zu errors, %zu rejected\n", parsed.rows.size(), parsed.report.errors.size(),
                parsed.report.rejected.size());
    return 1;
  }

  // The store: every other asset, a quarter of those with another user.
  std::unordered_map<std::string, Asset> by_tag, by_serial;
  for (std::size_t i = 0; i < parsed.rows.size(); i += 2) {
    Asset a = parsed.rows[i].asset;
    a.id = static_cast<std::int64_t>(i + 1);
    if (i % 4 == 0) a.user = "someone else";
    by_serial[a.serial] = a;
    by_tag[a.tag] = std::move(a);
  }
  t0 = Clock::now();
  const auto merged = merge_assets(parsed, [&](const std::string& tag, const std::string& serial) -> std::optional<Asset> {
    if (auto it = by_tag.find(tag); it != by_tag.end()) return it->second;
    if (auto it = by_serial.find(serial); it != by_serial.end()) return it->second;
    return std::nullopt;
  });
  const double merge_ms = ms_since(t0);
  const ImportCounts c = count(merged);

  const double per_10k = (parse_ms + merge_ms) * 10000.0 / rows;
  std::printf("baseline: split on newlines     : %8.1f ms  (%zu lines)\n", split_ms, lines.size());
  std::printf("parse (decode, records, assets) : %8.1f ms  (%.1fx baseline)\n", parse_ms, parse_ms / split_ms);
  std::printf("merge (lookup, compare fields)  : %8.1f ms  (added %d, updated %d, unchanged %d, rejected %d)\n", merge_ms,
              c.added, c.updated, c.unchanged, c.rejected);
  std::printf("parse + merge per 10,000 rows   : %8.1f ms  (target < 1000 ms: %s)\n", per_10k, per_10k < 1000 ? "ok" : "TOO SLOW");

  // The database's share: saving what the merge added, one transaction per asset.
  std::string pattern = (std::filesystem::temp_directory_path() / "bench-asset-csv-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) return 1;
  const std::filesystem::path dir = pattern;
  StoreStatus status;
  auto store = SqliteStore::open(dir / "service.sqlite", {}, status);
  if (!store) {
    std::printf("cannot open the store: %s\n", status.detail.c_str());
    return 1;
  }
  // Saved in one batch, as `diagdesk asset import` does (workspace::save_asset_import).
  int saved = 0;
  t0 = Clock::now();
  if (!store->begin_batch().ok()) return 1;
  for (const ImportRow& r : merged) {
    if (r.outcome != ImportOutcome::added) continue;
    Asset a = r.asset;
    std::vector<AssetEvent> events(1);
    events[0].kind = EventKind::created;
    events[0].actor = "bench";
    if (!store->create_asset(a, events).ok()) return 1;
    ++saved;
  }
  if (!store->commit_batch().ok()) return 1;
  const double save_ms = ms_since(t0);
  std::printf("save %6d new assets (batch)   : %8.1f ms  (%.1f ms per 10,000)\n", saved, save_ms,
              saved ? save_ms * 10000.0 / saved : 0.0);

  // `asset list`: every asset read back through the store, against a bare
  // SELECT of the same columns stepped to the end on the same file.
  t0 = Clock::now();
  std::int64_t raw_rows = 0;
  {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2((dir / "service.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return 1;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT * FROM assets ORDER BY tag", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int col = 0; col < sqlite3_column_count(st); ++col) (void)sqlite3_column_text(st, col);
      ++raw_rows;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
  const double raw_ms = ms_since(t0);
  t0 = Clock::now();
  std::vector<Asset> listed;
  if (!store->list_assets({}, listed).ok()) return 1;
  const double list_ms = ms_since(t0);
  const double list_10k = listed.empty() ? 0.0 : list_ms * 10000.0 / static_cast<double>(listed.size());
  std::printf("baseline: bare SELECT of assets : %8.1f ms  (%lld rows)\n", raw_ms, static_cast<long long>(raw_rows));
  std::printf("list every asset (store)        : %8.1f ms  (%.1fx baseline; %.1f ms per 10,000, target < 1000 ms: %s)\n",
              list_ms, raw_ms > 0 ? list_ms / raw_ms : 0.0, list_10k, list_10k < 1000 ? "ok" : "TOO SLOW");
  store.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (list_10k >= 1000) return 1;
  return per_10k < 1000 ? 0 : 1;
}
