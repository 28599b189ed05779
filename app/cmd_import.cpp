// diagdesk import PATH... [--to KB] [--format F] [--lang fr|en|auto] [--domain D]
//                 [--map field=column]... [--dry-run] [--force] [--keep-missing] [--json]:
// brings Markdown, HTML, text, CSV and Mallard files into a KB folder.
#include "cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/training_sim.hpp>  // format_text
#include <diagdesk/workspace/import.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sys/ioctl.h>
#include <unistd.h>

namespace diagdesk::cli {
namespace {

namespace imp = importers;

struct ImportArgs {
  std::vector<std::string> paths;
  std::string to;
  std::string format = "auto";
  std::string lang = "auto";
  std::string domain;
  std::vector<std::string> maps;
  bool dry_run = false;
  bool force = false;
  bool keep_missing = false;
  bool verbose = false;
  double max_mb = 50;
};

int terminal_width() {
  struct winsize ws {};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
  return 80;
}

nlohmann::json diagnostics_json(const std::vector<kb::Diagnostic>& diags) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : diags) {
    out.push_back({{"severity", d.severity == kb::Severity::error ? "error" : "warning"},
                   {"code", d.code},
                   {"file", d.file},
                   {"line", d.line},
                   {"column", d.column},
                   {"message", d.message}});
  }
  return out;
}

nlohmann::json counts_json(const imp::Counts& c) {
  return {{"imported", c.imported}, {"updated", c.updated},  {"unchanged", c.unchanged},
          {"skipped", c.skipped},   {"failed", c.failed},    {"total", c.total()}};
}

nlohmann::json report_json(const workspace::ImportResult& done) {
  const imp::ImportReport& r = done.report;
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : r.files) {
    nlohmann::json articles = nlohmann::json::array();
    for (const auto& a : f.articles) {
      articles.push_back({{"id", a.id},
                          {"title", a.title},
                          {"lang", a.lang},
                          {"lang_from", a.lang_from},
                          {"key", a.key},
                          {"line", a.line},
                          {"path", a.path.string()},
                          {"status", imp::to_string(a.status)},
                          {"reason", a.reason}});
    }
    files.push_back({{"path", f.path.string()},
                     {"format", imp::to_string(f.format)},
                     {"encoding", f.encoding},
                     {"bytes", f.bytes},
                     {"status", imp::to_string(f.status)},
                     {"reason", f.reason},
                     {"articles", articles},
                     {"diagnostics", diagnostics_json(f.diagnostics)}});
  }
  nlohmann::json missing = nlohmann::json::array();
  for (const auto& m : r.missing)
    missing.push_back({{"id", m.id},
                       {"path", m.path.string()},
                       {"source", m.source.string()},
                       {"action", imp::to_string(m.action)},
                       {"removed", m.action == imp::MissingAction::removed}});
  const double s = r.seconds > 0 ? r.seconds : 1e-9;
  return {{"target", r.target.string()},
          {"dry_run", r.dry_run},
          {"files", files},
          {"missing", missing},
          {"totals", {{"files", counts_json(r.file_counts)}, {"articles", counts_json(r.article_counts)}, {"removed", r.removed}, {"missing", r.missing.size()},
                      {"foreign_pages", r.foreign_pages}, {"foreign_languages", r.foreign_languages}, {"aliases", r.aliases}}},
          {"changed_ids", r.changed_ids},
          {"bytes_read", r.bytes_read},
          {"seconds", r.seconds},
          {"files_per_second", static_cast<double>(r.file_counts.total()) / s},
          {"mb_per_second", static_cast<double>(r.bytes_read) / (1024.0 * 1024.0) / s},
          {"index", done.index_note},
          {"error", r.error},
          {"ok", !r.failed()}};
}

}  // namespace

Runner add_import(CLI::App& app, Globals& g) {
  auto args = std::make_shared<ImportArgs>();
  auto* cmd = app.add_subcommand(
      "import", "Import articles from Markdown, HTML, text, CSV or GNOME Mallard files and folders into a KB folder");
  cmd->add_option("paths", args->paths, "Files and folders to import (folders are walked recursively)")->required();
  cmd->add_option("--to", args->to, "KB folder to write to (default: your own KB, <data-dir>/kb)");
  cmd->add_option("--format", args->format, "Reader to use: auto (per file), markdown, html, text, csv, mallard")
      ->check(CLI::IsMember({"auto", "markdown", "html", "text", "csv", "mallard"}));
  cmd->add_option("--lang", args->lang, "Language of the articles: fr, en, or auto to detect it per article")
      ->check(CLI::IsMember({"fr", "en", "auto"}));
  cmd->add_option("--domain", args->domain, "Domain given to every article")
      ->check(CLI::IsMember({"hardware", "os", "network", "directory", "office", "security", "service", "commercial"}));
  cmd->add_option("--map", args->maps, "CSV column for an article field, e.g. --map title=Sujet (repeatable)");
  cmd->add_option("--max-size", args->max_mb, "Largest file to read, in MB (default 50)")->check(CLI::PositiveNumber);
  cmd->add_flag("--dry-run", args->dry_run, "Show what would be imported; write nothing");
  cmd->add_flag("--force", args->force, "Replace articles edited by hand or imported from elsewhere");
  cmd->add_flag("--keep-missing", args->keep_missing,
                "Keep (but list) the articles whose source file is gone from the imported folders");
  cmd->add_flag("--verbose,-v", args->verbose, "List unchanged files and every article");
  cmd->add_flag("--json", g.json, "Print the report as JSON");
  return [args, &g] {
    imp::ImportOptions o;
    for (const auto& p : args->paths) o.inputs.emplace_back(p);
    o.target = args->to;
    o.format = imp::parse_format(args->format).value_or(imp::Format::automatic);
    o.lang = args->lang == "auto" ? "" : args->lang;
    o.domain = args->domain;
    o.dry_run = args->dry_run;
    o.force = args->force;
    o.keep_missing = args->keep_missing;
    o.max_bytes = static_cast<std::uintmax_t>(args->max_mb * 1024 * 1024);
    for (const auto& m : args->maps) {
      auto eq = m.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == m.size())
        return fail("bad --map '" + m + "': expected field=column, e.g. --map title=Sujet");
      o.csv.fields.emplace_back(m.substr(0, eq), m.substr(eq + 1));
    }
    // A progress bar on a terminal, redrawn at most 20 times a second.
    const bool bar = !g.json && ::isatty(STDERR_FILENO);
    auto last = std::chrono::steady_clock::time_point{};
    bool drawn = false;
    if (bar) {
      o.on_progress = [&](const imp::Progress& p) {
        auto now = std::chrono::steady_clock::now();
        if (p.done < p.total && now - last < std::chrono::milliseconds(50)) return;
        last = now;
        if (p.total < 2) return;
        std::fprintf(stderr, "\r%s\033[K", imp::progress_line(p, terminal_width() - 1).c_str());
        drawn = true;
      };
    }
    workspace::ImportResult done = workspace::import_articles(g.options(), std::move(o));
    if (drawn) std::fprintf(stderr, "\r\033[K");
    if (g.json) {
      print_json(report_json(done));
    } else {
      const engine::Lang lang = g.language();
      const imp::ReportWords words = [lang](std::string_view key, const std::vector<std::string>& a) {
        return engine::format_text(engine::tr(key, lang), a);
      };
      std::cout << imp::format_report(done.report, args->verbose, words);
      std::cout << words("safety.import.index", {done.index_note}) << '\n';
    }
    return done.report.failed() ? exit_failed : exit_ok;
  };
}

}  // namespace diagdesk::cli
