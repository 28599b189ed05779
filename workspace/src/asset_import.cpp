// Saving an asset CSV import through the desk (asset_import.hpp): the
// lookup, the merge and the saves that `diagdesk asset import` and the GUI's
// Assets tab share.
#include <diagdesk/workspace/asset_import.hpp>

#include <algorithm>

namespace diagdesk::workspace {
namespace {

// engine::tr with {1}..{n} replaced.
std::string say(const std::string& key, engine::Lang lang, const std::vector<std::string>& args) {
  std::string text = engine::tr(key, lang);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string mark = "{" + std::to_string(i + 1) + "}";
    for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + args[i].size()))
      text.replace(at, mark.size(), args[i]);
  }
  return text;
}

std::string short_code(const std::string& code) { return code.rfind("csv.", 0) == 0 ? code.substr(4) : code; }

}  // namespace

std::string import_rejection_text(const service::CsvRejection& r, const service::AssetCsvReport& rep, engine::Lang lang) {
  static const std::vector<std::string> known{"missing_key", "duplicate_tag", "bad_date", "bad_ip", "bad_mac",
                                              "column_count", "warranty_before_purchase"};
  const std::string c = short_code(r.code);
  if (std::find(known.begin(), known.end(), c) == known.end()) return r.message;
  return say("cli.asset_import." + c, lang,
             {std::to_string(r.line), r.column, r.value, std::to_string(r.other_line), std::to_string(rep.header_columns)});
}

std::string import_row_text(const service::ImportRow& row, const service::AssetCsvReport& rep, engine::Lang lang) {
  for (const auto& r : rep.rejected)
    if (r.line == row.line && r.code == row.code) return import_rejection_text(r, rep, lang);
  return row.reason;
}

std::string import_file_error_text(const service::CsvFileError& e, const std::string& file, engine::Lang lang) {
  const std::string c = short_code(e.code);
  std::string text = say("cli.asset_import." + c, lang, {file, std::to_string(e.line), e.detail});
  if (c == "missing_column" && e.detail.find_first_of(";,\t") == std::string::npos)
    text += say("cli.asset_import.one_column", lang, {});
  return text;
}

AssetImportResult save_asset_import(ServiceDesk& desk, const service::AssetCsvResult& parsed, const std::string& actor,
                                    bool dry_run, const ImportProgress& progress) {
  AssetImportResult out;
  service::StoreStatus lookup_failure;
  auto lookup = [&](const std::string& tag, const std::string& serial) -> std::optional<service::Asset> {
    service::Asset a;
    for (auto [key, by_serial] : {std::pair{&tag, false}, std::pair{&serial, true}}) {
      if (key->empty()) continue;
      auto s = by_serial ? desk.store().find_asset_by_serial(*key, a) : desk.store().get_asset(*key, a);
      if (s.ok()) return a;
      if (s.error != service::StoreError::not_found && lookup_failure.ok()) lookup_failure = s;
    }
    return std::nullopt;
  };
  out.rows = service::merge_assets(parsed, lookup);
  if (!lookup_failure.ok()) {
    out.error = {"store", "", lookup_failure.detail};
    return out;
  }
  // The whole import is one batch: one transaction and one fsync instead of
  // one per asset (22 s per 10,000 new assets before), and an import stopped
  // by a failure (disk full, killed) saves nothing rather than half the file.
  // A refused asset is undone alone (a savepoint) and reported as rejected.
  if (!dry_run) {
    if (const auto s = desk.store().begin_batch(); !s.ok()) {
      out.error = {std::string(service::name(s.error)), "", s.detail};
      return out;
    }
  }
  const std::size_t total = out.rows.size();
  std::size_t done = 0;
  for (auto& r : out.rows) {
    AssetView view;
    DeskError e;
    if (!dry_run && r.outcome == service::ImportOutcome::added) {
      e = desk.add_asset(r.asset, actor, nullptr);  // no read-back: the report needs none
    } else if (!dry_run && r.outcome == service::ImportOutcome::updated) {
      for (const auto& c : r.changes) {
        e = desk.update_asset(r.asset.tag, c.field, c.new_value, actor, view);
        if (!e.ok()) break;
      }
    }
    if (!e.ok()) {
      if (e.code != "bad_value" && e.code != "duplicate" && e.code != "not_found" && e.code != "stale") {
        desk.store().rollback_batch();
        out.error = e;
        return out;
      }
      r.outcome = service::ImportOutcome::rejected;
      r.code = "desk." + e.code;
      r.reason = "line " + std::to_string(r.line) + ": " + e.message;
    }
    if (progress) progress(++done, total);
  }
  if (!dry_run) {
    if (const auto s = desk.store().commit_batch(); !s.ok()) out.error = {std::string(service::name(s.error)), "", s.detail};
  }
  return out;
}

std::string asset_change_text(const service::AssetEvent& e, engine::Lang lang) {
  const auto& known = service::asset_fields();
  const bool labelled = std::find(known.begin(), known.end(), e.field) != known.end();
  auto value = [&](const std::string& v) {
    if (v.empty()) return std::string("-");
    if (e.field == "type" || e.field == "status") return engine::tr("cli.asset." + e.field + "." + v, lang);
    return v;
  };
  const std::string label = labelled ? engine::tr("cli.asset.field." + e.field, lang) : e.field;
  return label + engine::tr("punct.colon", lang) + value(e.old_value) + " -> " + value(e.new_value);
}

}  // namespace diagdesk::workspace
