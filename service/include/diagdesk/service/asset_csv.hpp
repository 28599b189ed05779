#pragma once
/// Importing assets from CSV: GLPI's computer list export (French or
/// English headers, `;` or `,`) and OCS Inventory's, in UTF-8 (with or
/// without BOM), Windows-1252 or UTF-16 with a BOM. A pure parser: bytes
/// in, `Asset` values and a report out; no storage. Then a pure merge step
/// classifies each row against the assets already stored (added / updated /
/// unchanged / rejected).
///
///     AssetCsvResult r = read_asset_csv("parc.csv");
///     if (!r.report.errors.empty() && r.rows.empty()) tell(r.report.errors[0].message);
///     auto merged = merge_assets(r, [&](const std::string& tag, const std::string& serial) {
///       return store.find_asset(tag, serial);   // std::optional<Asset>
///     });
///     for (const ImportRow& row : merged) if (row.outcome == ImportOutcome::added) save(row.asset);

#include <diagdesk/service/asset.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::service {

/// How the file's bytes were read (UTF-16 with its BOM: Excel's "Unicode text").
enum class CsvEncoding { utf8, utf8_bom, windows1252, utf16le, utf16be };
/// "utf-8", "utf-8-bom", "windows-1252", "utf-16le", "utf-16be".
std::string_view name(CsvEncoding e);

/// A column mapping: CSV header -> asset field. Fields are those of
/// `asset_fields()` plus `tag` and `name` (the device name, used as the tag
/// when the tag cell is empty) and `ignore`. Headers compare without case,
/// accents or punctuation ("Numéro de série" = "numero de serie").
struct ColumnMap {
  std::vector<std::pair<std::string, std::string>> columns;  ///< header, field; in file order
};

/// The fields a mapping may name (asset fields, `tag`, `name`, `ignore`).
const std::vector<std::string>& csv_mapping_fields();

/// Reads a mapping file (`schema_version = 1`, a `[columns]` table of
/// `"header" = "field"`). On error returns nullopt and sets `error` to one
/// line "file:line:column: reason" (missing file, syntax, unknown field).
std::optional<ColumnMap> load_column_map(const std::filesystem::path& file, std::string& error);

/// A row left out, with its physical line in the file (a quoted field
/// spanning lines counts them all) and why. `code` is stable for front
/// ends: csv.missing_key, csv.duplicate_tag, csv.bad_date, csv.bad_ip,
/// csv.bad_mac, csv.column_count, csv.warranty_before_purchase, csv.invalid;
/// `column` and `value` name the offending cell when there is one (for
/// csv.column_count, `value` is the row's cell count); `other_line` is the
/// earlier line of a duplicated tag; `message` is an English sentence.
struct CsvRejection {
  int line = 0;
  std::string code;
  std::string column;
  std::string value;
  std::string message;
  int other_line = 0;
};

/// A file-level problem. `code`: csv.unreadable, csv.binary, csv.empty,
/// csv.missing_column, csv.bad_mapping (no rows kept) or csv.truncated (an
/// unterminated quote at the end: the rows before it are kept).
struct CsvFileError {
  int line = 0;
  std::string code;
  std::string message;  ///< English, names the file when it was read from one
  /// For front ends that say it in words: the header line (missing_column),
  /// the mapped header the file lacks (bad_mapping), "byte 0x.. at offset N" (binary).
  std::string detail;
};

/// What the parser found besides the assets.
struct AssetCsvReport {
  std::string file;                                          ///< path when read from a file
  CsvEncoding encoding = CsvEncoding::utf8;
  char separator = ';';
  std::vector<std::pair<std::string, std::string>> mapping;  ///< header -> field actually used, file order
  int data_rows = 0;                                         ///< rows after the header, blank lines excluded
  int header_columns = 0;                                    ///< cells of the header line
  std::vector<CsvRejection> rejected;                        ///< in file order
  std::vector<std::string> warnings;                         ///< "line N: ..." kept rows with a value not understood (kept as written or default)
  std::vector<CsvFileError> errors;
};

/// One accepted row: its starting line and the asset it describes (id,
/// times and version left 0). `fields` lists the asset fields the file gave
/// a non-empty value for in this row: the merge changes only those.
struct AssetCsvRow {
  int line = 0;
  Asset asset;
  std::vector<std::string> fields;
};

/// The assets in file order and the report.
struct AssetCsvResult {
  std::vector<AssetCsvRow> rows;
  AssetCsvReport report;
};

// [Parsing] Never throws; rejected rows never stop the others.
/// Parses CSV bytes. With `map`, only its columns are read (a header it
/// names that the file lacks is csv.bad_mapping); without, the columns are
/// detected from GLPI's and OCS Inventory's headers in French and English.
AssetCsvResult parse_asset_csv(std::string_view bytes, const ColumnMap* map = nullptr);
/// The largest asset CSV read_asset_csv takes: 64 MiB (hundreds of thousands
/// of rows), checked before reading.
inline constexpr std::uintmax_t max_asset_csv_bytes = 64u * 1024u * 1024u;
/// Reads `file` (a regular file within max_asset_csv_bytes, else the error
/// csv.unreadable with the reason) then parses it; messages start with the
/// file's path.
AssetCsvResult read_asset_csv(const std::filesystem::path& file, const ColumnMap* map = nullptr);

// [Cell values] Exposed for tests and other importers.
/// YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY, optionally followed by " HH:MM[:SS]"; nullopt if not a real date.
std::optional<Date> parse_csv_date(std::string_view s);
/// The `os` fact value for an OS name when clear ("Microsoft Windows 11 Pro" -> windows11,
/// "Debian GNU/Linux 12" -> linux, "macOS" -> macos), else nullopt.
std::optional<std::string> os_fact_value(std::string_view os_name);
/// The type for GLPI's "Type" ("Portable", "Laptop" -> laptop; "Ordinateur de bureau", "Desktop" -> desktop...).
std::optional<AssetType> csv_asset_type(std::string_view s);
/// The status for GLPI's "Statut" ("En service" -> in_use, "En stock", "En réparation", "Rebut"...).
std::optional<AssetStatus> csv_asset_status(std::string_view s);

// [Merge] Pure: the caller looks assets up and saves the result.
/// What happens to one row.
enum class ImportOutcome { added, updated, unchanged, rejected };
/// "added", "updated", "unchanged", "rejected".
std::string_view name(ImportOutcome o);

/// One changed field: its name (as in `asset_fields()`, or `tag`) and values as text.
struct FieldChange {
  std::string field;
  std::string old_value;
  std::string new_value;
};

/// One row's outcome. For added, `asset` is the new asset; for updated and
/// unchanged, the existing asset (id, version and tag kept: the tag is the
/// stored key, even when the row found it by serial under another tag) with
/// the file's values applied; for rejected, the parsed asset. `changes` lists
/// what an update changes (never the tag); `reason` / `code` say why a row
/// is rejected.
struct ImportRow {
  int line = 0;
  ImportOutcome outcome = ImportOutcome::rejected;
  std::string matched_by;  ///< "tag" or "serial" for updated and unchanged rows
  Asset asset;
  std::vector<FieldChange> changes;
  std::string code;
  std::string reason;
};

/// Finds the stored asset with this tag, else with this serial (either may
/// be empty); nullopt when there is none.
using AssetLookup = std::function<std::optional<Asset>(const std::string& tag, const std::string& serial)>;

/// Classifies every row of `parsed`, rejected ones included, in line order.
/// An existing asset is matched by tag first, then by serial; only the
/// fields the row fills are compared (an empty cell keeps the stored value).
/// A row whose tag is empty gets its serial as tag when added. Two rows
/// that reach the same stored asset: the second is rejected (csv.duplicate_asset).
std::vector<ImportRow> merge_assets(const AssetCsvResult& parsed, const AssetLookup& lookup);

/// Counts per outcome.
struct ImportCounts {
  int added = 0, updated = 0, unchanged = 0, rejected = 0;
};
ImportCounts count(const std::vector<ImportRow>& rows);

/// An asset field as text (dates YYYY-MM-DD, type and status by name); "" for an unknown field.
std::string asset_field_text(const Asset& a, std::string_view field);

}  // namespace diagdesk::service
