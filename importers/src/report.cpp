// The import report for people, and the progress line.
#include <diagdesk/importers/import.hpp>

#include <cstdio>

namespace diagdesk::importers {
namespace {

namespace fs = std::filesystem;

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

std::string counts(const Counts& c) {
  return std::to_string(c.imported) + " imported, " + std::to_string(c.updated) + " updated, " +
         std::to_string(c.unchanged) + " unchanged, " + std::to_string(c.skipped) + " skipped, " +
         std::to_string(c.failed) + " failed";
}

std::string pad(std::string s, std::size_t n) {
  if (s.size() < n) s.resize(n, ' ');
  return s;
}

}  // namespace

std::string format_report(const ImportReport& r, bool verbose) {
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
    out += pad(to_string(f.status), 10) + shown_path(f.path);
    bool single = f.articles.size() == 1 && f.articles[0].key.empty() && !f.articles[0].id.empty();
    std::string info;
    if (single) info = " -> " + f.articles[0].id;
    else if (!f.articles.empty())
      info = ": " + std::to_string(f.articles.size()) + (f.articles.size() == 1 ? " article" : " articles");
    out += info;
    std::string details;
    if (f.format != Format::automatic) details += to_string(f.format);
    if (!f.encoding.empty()) details += (details.empty() ? "" : ", ") + f.encoding;
    if (single && !f.articles[0].lang.empty())
      details += (details.empty() ? "" : ", ") + f.articles[0].lang + " from " + f.articles[0].lang_from;
    if (!details.empty()) out += " (" + details + ")";
    out += '\n';
    if (!f.reason.empty()) out += "          " + f.reason + "\n";
    if (!single) {
      for (const ArticleOutcome& a : f.articles) {
        bool problem = a.status == Status::failed || a.status == Status::skipped;
        if (!verbose && !problem) continue;
        // The file's reason already shows its first problem.
        if (problem && f.reason.starts_with(a.reason.substr(0, 40)) && !a.reason.empty()) continue;
        out += "          " + pad(to_string(a.status), 10);
        std::string what = a.id.empty() ? std::string() : a.id + " (" + a.lang + " from " + a.lang_from + ")";
        if (what.empty() && a.reason.find("line ") == std::string::npos && a.line) what = "line " + std::to_string(a.line);
        out += what;
        if (problem && !a.reason.empty()) out += (what.empty() ? "" : ": ") + a.reason;
        out += '\n';
      }
    }
    for (const auto& d : f.diagnostics) {
      if (d.severity != kb::Severity::warning) continue;
      out += "          warning: ";
      if (d.line > 0) out += "line " + std::to_string(d.line) + (d.column > 0 ? ", column " + std::to_string(d.column) : "") + ": ";
      out += d.message + "\n";
    }
  }
  // Articles whose source file is gone, one line each, whatever `verbose`.
  for (const MissingArticle& m : r.missing)
    out += pad("gone", 10) + shown_path(m.source) + " -> " + m.id + ": " + to_string(m.action) + "\n";
  if (quiet_unchanged) out += std::to_string(quiet_unchanged) + " unchanged files not listed\n";
  if (quiet_unsupported)
    out += std::to_string(quiet_unsupported) + " files of other formats skipped (images, XML...), not listed\n";
  if (!r.error.empty()) out += "error: " + r.error + "\n";
  const std::size_t n = r.file_counts.total();
  char speed[128];
  double s = r.seconds > 0 ? r.seconds : 1e-9;
  std::snprintf(speed, sizeof speed, "%.2f s, %.0f files/s, %.1f MB/s read", r.seconds, static_cast<double>(n) / s,
                static_cast<double>(r.bytes_read) / (1024.0 * 1024.0) / s);
  out += "Files: " + std::to_string(n) + " (" + counts(r.file_counts) + ")\n";
  out += "Articles: " + counts(r.article_counts);
  if (r.removed) out += ", " + std::to_string(r.removed) + (r.dry_run ? " to remove" : " removed");
  if (!r.missing.empty()) out += " (" + std::to_string(r.missing.size()) + " of sources gone)";
  out += "\n";
  out += std::string(r.dry_run ? "Dry run, nothing written; target " : "Target ") + r.target.string() + " (" + speed + ")\n";
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
