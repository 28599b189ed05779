#pragma once
/// Saving an asset CSV import through the desk: the step both front ends
/// share after service::read_asset_csv. Looks each parsed row up in the
/// desk's store (by tag, then serial), classifies it with
/// service::merge_assets and, unless `dry_run`, saves the added assets and
/// each changed field through ServiceDesk, so every change has its history
/// event. A row the desk refuses (a serial another asset has, a bad value,
/// a stale version) becomes rejected with code "desk.<code>".
///
///     service::AssetCsvResult parsed = service::read_asset_csv("parc.csv");
///     AssetImportResult r = save_asset_import(desk, parsed, "marie", false);
///     if (!r.error.ok()) tell(r.error.message);   // the database failed
///     service::ImportCounts n = service::count(r.rows);
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/service/asset_csv.hpp>
#include <diagdesk/workspace/service_desk.hpp>

#include <functional>
#include <string>
#include <vector>

namespace diagdesk::workspace {

/// The rows with their final outcome, and a database failure if one stopped
/// the import (rows before it are saved; `rows` is then what was classified).
struct AssetImportResult {
  std::vector<service::ImportRow> rows;
  DeskError error;  ///< empty code: no database failure
};

/// Called after each row is handled: rows done, rows in all.
using ImportProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Classifies and (unless `dry_run`) saves `parsed` as `actor`, in one
/// store batch: the import is saved whole (refused rows aside) or not at
/// all. Never throws for bad rows; a store failure while looking up or
/// saving ends the import with `error` set (code "store", or the desk's
/// code) and nothing of it saved.
AssetImportResult save_asset_import(ServiceDesk& desk, const service::AssetCsvResult& parsed, const std::string& actor,
                                    bool dry_run, const ImportProgress& progress = {});

}  // namespace diagdesk::workspace

namespace diagdesk::workspace {

// [Words] The report in the operator's language (strings cli.asset_import.*).
/// A parser rejection in `lang` from its code; its English message for a code
/// without a string.
std::string import_rejection_text(const service::CsvRejection& r, const service::AssetCsvReport& rep, engine::Lang lang);
/// A rejected row in `lang`: the parser's rejection on that line with that
/// code when there is one, else the row's own sentence (merge, desk).
std::string import_row_text(const service::ImportRow& row, const service::AssetCsvReport& rep, engine::Lang lang);
/// A file error in `lang`, naming `file`.
std::string import_file_error_text(const service::CsvFileError& e, const std::string& file, engine::Lang lang);

/// One change of an asset's history in words of `lang`: the field's label
/// (cli.asset.field.*) and, for the type and the status, the values' names:
/// "Statut : en service -> en réparation". An id outside asset_fields() is kept as it is.
std::string asset_change_text(const service::AssetEvent& e, engine::Lang lang);

}  // namespace diagdesk::workspace
