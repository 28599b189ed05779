// The import report for people, and the progress line.
#include <diagdesk/importers/import.hpp>

#include <cstdio>

namespace diagdesk::importers {
namespace {

namespace fs = std::filesystem;

// The report's English words; data/ui/strings.toml has the same keys in
// French and English for the program (ReportWords).
struct English {
  std::string_view key;
  const char* text;
};
constexpr English english[] = {
    {"safety.import.status.imported", "imported"},
    {"safety.import.status.updated", "updated"},
    {"safety.import.status.unchanged", "unchanged"},
    {"safety.import.status.skipped", "skipped"},
    {"safety.import.status.failed", "failed"},
    {"safety.import.status.gone", "gone"},
    {"safety.import.articles_n", "{1} articles"},
    {"safety.import.article_1", "1 article"},
    {"safety.import.lang_from", "{1} from {2}"},
    {"safety.import.warning", "warning: "},
    {"safety.import.at_line", "line {1}: "},
    {"safety.import.at_line_col", "line {1}, column {2}: "},
    {"safety.import.line", "line {1}"},
    {"safety.import.unchanged_quiet", "{1} unchanged files not listed"},
    {"safety.import.others_quiet", "{1} files of other formats skipped (images, XML...), not listed"},
    {"safety.import.error", "error: {1}"},
    {"safety.import.speed", "{1} s, {2} files/s, {3} MB/s read"},
    {"safety.import.counts", "{1} imported, {2} updated, {3} unchanged, {4} skipped, {5} failed"},
    {"safety.import.files", "Files: {1} ({2})"},
    {"safety.import.articles", "Articles: {1}"},
    {"safety.import.removed", ", {1} removed"},
    {"safety.import.to_remove", ", {1} to remove"},
    {"safety.import.sources_gone", " ({1} of sources gone)"},
    {"safety.import.target", "Target {1} ({2})"},
    {"safety.import.dry_target", "Dry run, nothing written; target {1} ({2})"},
    {"safety.import.missing.removed", "removed"},
    {"safety.import.missing.would_remove", "would be removed"},
    {"safety.import.missing.kept", "kept (--keep-missing)"},
    {"safety.import.missing.kept_edited", "kept (edited since its import)"},
    {"safety.import.missing.kept_unrecorded", "kept (no import record; --force removes it)"},
    {"safety.import.reason.symlink", "a symbolic link to '{1}', outside the imported folder: not followed"},
    {"safety.import.reason.unsupported", "not a supported format ({1})"},
    {"safety.import.reason.no_extension", "not a supported format (no extension)"},
    {"safety.import.reason.too_big_walk",
     "the file is {1}, over the {2} import limit; not read (import it alone with --max-size to take it)"},
    {"safety.import.reason.too_big", "the file is {1}, over the {2} import limit; split it or import it with a higher limit"},
    {"safety.import.reason.empty", "empty file: nothing to import"},
    {"safety.import.reason.blank", "only blank lines: nothing to import"},
    {"safety.import.foreign", "skipped {1} pages in languages Diagdesk does not serve: {2}"},
    {"safety.import.aliases", "{1} aliases skipped (links to pages of the same folder, imported under their own name)"},
};

std::string fill(std::string pattern, const std::vector<std::string>& args) {
  for (std::size_t i = args.size(); i-- > 0;) {
    const std::string mark = "{" + std::to_string(i + 1) + "}";
    for (auto at = pattern.find(mark); at != std::string::npos; at = pattern.find(mark, at + args[i].size()))
      pattern.replace(at, mark.size(), args[i]);
  }
  return pattern;
}

const char* missing_key(MissingAction a) {
  switch (a) {
    case MissingAction::removed: return "safety.import.missing.removed";
    case MissingAction::would_remove: return "safety.import.missing.would_remove";
    case MissingAction::kept: return "safety.import.missing.kept";
    case MissingAction::kept_edited: return "safety.import.missing.kept_edited";
    case MissingAction::kept_unrecorded: return "safety.import.missing.kept_unrecorded";
  }
  return "safety.import.missing.removed";
}

std::string shown_path(const fs::path& p) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (!ec) {
    fs::path rel = p.lexically_relative(cwd);
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
  }
  return p.string();
}

bool quiet_skip(const FileOutcome& f) {
  return f.status == Status::skipped && f.reason.starts_with("not a supported format");
}

template <class W>
std::string counts(const W& w, const Counts& c) {
  return w("safety.import.counts", {std::to_string(c.imported), std::to_string(c.updated), std::to_string(c.unchanged),
                                    std::to_string(c.skipped), std::to_string(c.failed)});
}

std::string pad(std::string s, std::size_t n) {
  if (s.size() < n) s.resize(n, ' ');
  return s;
}

}  // namespace

std::string report_english(std::string_view key) {
  for (const auto& e : english)
    if (e.key == key) return e.text;
  return std::string(key);
}

std::string format_report(const ImportReport& r, bool verbose, const ReportWords& words) {
  auto w = [&](std::string_view key, const std::vector<std::string>& args = {}) {
    return words ? words(key, args) : fill(report_english(key), args);
  };
  auto status = [&](Status s) { return w(std::string("safety.import.status.") + to_string(s)); };
  auto reason = [&](const FileOutcome& f) { return f.reason_key.empty() ? f.reason : w(f.reason_key, f.reason_args); };
  std::string out;
  std::size_t quiet_unchanged = 0, quiet_unsupported = 0;
  for (const FileOutcome& f : r.files) {
    if (!verbose && f.status == Status::unchanged && f.diagnostics.empty()) {
      ++quiet_unchanged;
      continue;
    }
    if (!verbose && quiet_skip(f)) {
      ++quiet_unsupported;
      continue;
    }
    out += pad(status(f.status), 10) + shown_path(f.path);
    bool single = f.articles.size() == 1 && f.articles[0].key.empty() && !f.articles[0].id.empty();
    std::string info;
    if (single) info = " -> " + f.articles[0].id;
    else if (!f.articles.empty())
      info = ": " + (f.articles.size() == 1 ? w("safety.import.article_1")
                                             : w("safety.import.articles_n", {std::to_string(f.articles.size())}));
    out += info;
    std::string details;
    if (f.format != Format::automatic) details += to_string(f.format);
    if (!f.encoding.empty()) details += (details.empty() ? "" : ", ") + f.encoding;
    if (single && !f.articles[0].lang.empty())
      details += (details.empty() ? "" : ", ") + w("safety.import.lang_from", {f.articles[0].lang, f.articles[0].lang_from});
    if (!details.empty()) out += " (" + details + ")";
    out += '\n';
    if (!f.reason.empty()) out += "          " + reason(f) + "\n";
    if (!single) {
      for (const ArticleOutcome& a : f.articles) {
        bool problem = a.status == Status::failed || a.status == Status::skipped;
        if (!verbose && !problem) continue;
        // The file's reason already shows its first problem.
        if (problem && f.reason.starts_with(a.reason.substr(0, 40)) && !a.reason.empty()) continue;
        out += "          " + pad(status(a.status), 10);
        std::string what = a.id.empty() ? std::string() : a.id + " (" + w("safety.import.lang_from", {a.lang, a.lang_from}) + ")";
        if (what.empty() && a.reason.find("line ") == std::string::npos && a.line)
          what = w("safety.import.line", {std::to_string(a.line)});
        out += what;
        if (problem && !a.reason.empty()) out += (what.empty() ? "" : ": ") + a.reason;
        out += '\n';
      }
    }
    for (const auto& d : f.diagnostics) {
      if (d.severity != kb::Severity::warning) continue;
      out += "          " + w("safety.import.warning");
      if (d.line > 0)
        out += d.column > 0 ? w("safety.import.at_line_col", {std::to_string(d.line), std::to_string(d.column)})
                            : w("safety.import.at_line", {std::to_string(d.line)});
      // The refused link's warning says what the file's reason says.
      out += (d.code == "safety.import.symlink" && !f.reason_key.empty() ? reason(f) : d.message) + "\n";
    }
  }
  // Articles whose source file is gone, one line each, whatever `verbose`.
  for (const MissingArticle& m : r.missing)
    out += pad(w("safety.import.status.gone"), 10) + shown_path(m.source) + " -> " + m.id + ": " + w(missing_key(m.action)) + "\n";
  if (quiet_unchanged) out += w("safety.import.unchanged_quiet", {std::to_string(quiet_unchanged)}) + "\n";
  if (quiet_unsupported) out += w("safety.import.others_quiet", {std::to_string(quiet_unsupported)}) + "\n";
  if (r.foreign_pages) {
    std::string langs;
    for (const auto& l : r.foreign_languages) langs += (langs.empty() ? "" : ", ") + l;
    out += w("safety.import.foreign", {std::to_string(r.foreign_pages), langs}) + "\n";
  }
  if (r.aliases) out += w("safety.import.aliases", {std::to_string(r.aliases)}) + "\n";
  if (!r.error.empty()) out += w("safety.import.error", {r.error}) + "\n";
  const std::size_t n = r.file_counts.total();
  char secs[32], files[32], mb[32];
  double s = r.seconds > 0 ? r.seconds : 1e-9;
  std::snprintf(secs, sizeof secs, "%.2f", r.seconds);
  std::snprintf(files, sizeof files, "%.0f", static_cast<double>(n) / s);
  std::snprintf(mb, sizeof mb, "%.1f", static_cast<double>(r.bytes_read) / (1024.0 * 1024.0) / s);
  const std::string speed = w("safety.import.speed", {secs, files, mb});
  out += w("safety.import.files", {std::to_string(n), counts(w, r.file_counts)}) + "\n";
  out += w("safety.import.articles", {counts(w, r.article_counts)});
  if (r.removed) out += w(r.dry_run ? "safety.import.to_remove" : "safety.import.removed", {std::to_string(r.removed)});
  if (!r.missing.empty()) out += w("safety.import.sources_gone", {std::to_string(r.missing.size())});
  out += "\n";
  out += w(r.dry_run ? "safety.import.dry_target" : "safety.import.target", {r.target.string(), speed}) + "\n";
  return out;
}

std::string progress_line(const Progress& p, int width) {
  std::string counter = " " + std::to_string(p.done) + "/" + std::to_string(p.total) + " ";
  int bar = std::max(10, std::min(40, width / 3));
  int filled = p.total ? static_cast<int>(static_cast<double>(p.done) / static_cast<double>(p.total) * bar) : bar;
  std::string out = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                    std::string(static_cast<std::size_t>(bar - filled), '.') + "]" + counter;
  std::string name = p.current.filename().string();
  int room = width - static_cast<int>(out.size()) - 1;
  if (room > 3 && !name.empty()) {
    if (static_cast<int>(name.size()) > room) name = name.substr(0, static_cast<std::size_t>(room - 3)) + "...";
    out += name;
  }
  return out;
}

}  // namespace diagdesk::importers
