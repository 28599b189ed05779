// diagdesk asset import FILE [--map FILE] [--dry-run] [--json]: GLPI or OCS
// Inventory CSV into the asset inventory. The parsing and the merge are the
// service library's (asset_csv.hpp); this file reads, saves and says.
#include "asset_import_cli.hpp"
#include "exchange_cli.hpp"
#include "ticket_cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/service/asset_csv.hpp>
#include <diagdesk/workspace/asset_import.hpp>

#include <algorithm>
#include <iostream>

namespace diagdesk::cli {
namespace {

using engine::Lang;
using nlohmann::json;
using ticket::say;

struct ImportOpts {
  std::string file;
  std::string map;
  std::string actor;
  bool dry_run = false;
};

std::string rejection_text(const service::CsvRejection& r, const service::AssetCsvReport& rep, Lang lang) {
  return workspace::import_rejection_text(r, rep, lang);
}

std::string file_error_text(const service::CsvFileError& e, const std::string& file, Lang lang) {
  return workspace::import_file_error_text(e, file, lang);
}

json rows_json(const std::vector<service::ImportRow>& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    json row{{"line", r.line}, {"outcome", service::name(r.outcome)}, {"tag", r.asset.tag}};
    if (!r.matched_by.empty()) row["matched_by"] = r.matched_by;
    if (!r.changes.empty()) {
      row["changes"] = json::array();
      for (const auto& c : r.changes) row["changes"].push_back({{"field", c.field}, {"old", c.old_value}, {"new", c.new_value}});
    }
    if (!r.code.empty()) row["code"] = r.code, row["reason"] = r.reason;
    out.push_back(std::move(row));
  }
  return out;
}

int run_import(const Globals& g, const ImportOpts& o) {
  const Lang lang = g.language();
  // An `asset export --json` file goes back as it was written (cmd_export.cpp).
  if (o.file.ends_with(".json")) return import_assets_json(g, o.file, ticket::actor_name(o.actor));
  std::optional<service::ColumnMap> map;
  if (!o.map.empty()) {
    std::string error;
    map = service::load_column_map(o.map, error);
    if (!map) return fail(say("cli.asset_import.bad_map", lang, {error}));
  }
  const service::AssetCsvResult parsed = service::read_asset_csv(o.file, map ? &*map : nullptr);
  const auto& rep = parsed.report;
  const bool truncated = !rep.errors.empty() && rep.errors.front().code == "csv.truncated";
  if (!rep.errors.empty() && !truncated) {
    if (g.json) {
      print_json({{"file", o.file}, {"saved", false},
                  {"errors", {{{"line", rep.errors.front().line}, {"code", rep.errors.front().code},
                               {"message", file_error_text(rep.errors.front(), o.file, lang)}}}}});
      return exit_usage;
    }
    return fail(file_error_text(rep.errors.front(), o.file, lang));
  }

  ticket::Desk d;
  if (int rc = ticket::open_desk(g, d); rc != exit_ok) return rc;
  // The lookup, merge and saves are the workspace's (asset_import.hpp), shared with the GUI.
  workspace::AssetImportResult saved = workspace::save_asset_import(*d.desk, parsed, ticket::actor_name(o.actor), o.dry_run);
  if (!saved.error.ok()) {
    if (saved.error.code == "store") return fail(o.file + ": " + saved.error.message, exit_failed);
    return ticket::desk_fail(saved.error, o.file);
  }
  std::vector<service::ImportRow>& rows = saved.rows;
  const service::ImportCounts n = service::count(rows);
  const int rc = n.rejected > 0 || truncated ? exit_failed : exit_ok;

  if (g.json) {
    json out{{"file", o.file}, {"encoding", service::name(rep.encoding)}, {"separator", std::string(1, rep.separator)},
             {"saved", !o.dry_run}, {"rows", rows_json(rows)}, {"warnings", rep.warnings}};
    out["mapping"] = json::array();
    for (const auto& [header, field] : rep.mapping) out["mapping"].push_back({{"header", header}, {"field", field}});
    out["counts"] = {{"added", n.added}, {"updated", n.updated}, {"unchanged", n.unchanged}, {"rejected", n.rejected}};
    out["errors"] = json::array();
    for (const auto& e : rep.errors)
      out["errors"].push_back({{"line", e.line}, {"code", e.code}, {"message", file_error_text(e, o.file, lang)}});
    print_json(out);
    return rc;
  }
  std::cout << say("cli.asset_import.read", lang,
                   {o.file, std::string(service::name(rep.encoding)), rep.separator == '\t' ? "tab" : std::string(1, rep.separator),
                    std::to_string(rep.data_rows)})
            << "\n";
  std::size_t next_rejection = 0;
  for (const auto& r : rows) {
    if (r.outcome == service::ImportOutcome::updated) {
      std::string fields;
      for (const auto& c : r.changes) fields += (fields.empty() ? "" : ", ") + c.field;
      std::cout << "  " << say("cli.asset_import.updated", lang, {std::to_string(r.line), r.asset.tag, fields}) << "\n";
    } else if (r.outcome == service::ImportOutcome::rejected) {
      // The parser's rejections are said from their code; the merge's and the desk's keep their sentence.
      const service::CsvRejection* pr = nullptr;
      for (std::size_t i = next_rejection; i < rep.rejected.size() && !pr; ++i)
        if (rep.rejected[i].line == r.line && rep.rejected[i].code == r.code) pr = &rep.rejected[i], next_rejection = i + 1;
      std::cout << "  " << (pr ? rejection_text(*pr, rep, lang) : r.reason) << "\n";
    }
  }
  for (const auto& e : rep.errors) std::cout << "  " << file_error_text(e, o.file, lang) << "\n";
  if (!rep.warnings.empty()) std::cout << "  " << say("cli.asset_import.warnings", lang, {std::to_string(rep.warnings.size())}) << "\n";
  std::cout << say("cli.asset_import.summary", lang,
                   {o.file, std::to_string(n.added), std::to_string(n.updated), std::to_string(n.unchanged),
                    std::to_string(n.rejected)})
            << "\n";
  if (o.dry_run) std::cout << say("cli.asset_import.dry_run", lang) << "\n";
  return rc;
}

}  // namespace

CLI::App* add_asset_import(CLI::App& asset, Globals& g, Runner& run) {
  static ImportOpts o;
  auto* s = asset.add_subcommand("import", "Import assets from a GLPI or OCS Inventory CSV export (re-import updates by tag or serial)");
  s->add_option("file", o.file, "The CSV file")->required();
  s->add_option("--map", o.map, "TOML mapping file: [columns] \"CSV header\" = \"asset field\"");
  s->add_flag("--dry-run", o.dry_run, "Say what would be added and updated, save nothing");
  s->add_option("--operator", o.actor, "Who imports (default: $DIAGDESK_OPERATOR, then $USER)");
  s->add_flag("--json", g.json, "Print the report as JSON");
  run = [&g] { return run_import(g, o); };
  return s;
}

}  // namespace diagdesk::cli
