// An import run: collect files, read each with its reader, complete the
// articles, write what changed, remember what was done.
//
// Walking the inputs and guarding the target folder are in walk.cpp; this
// file keeps the run's rules (ids, languages, ownership of existing files,
// the state cache), which only make sense together, hence its length.
//
// [SECTION] Helpers
// [SECTION] The run (class Run)
// [SECTION] One file
// [SECTION] One article
// [SECTION] Links
// [SECTION] run_import

#include <diagdesk/importers/csv.hpp>
#include <diagdesk/importers/html.hpp>
#include <diagdesk/importers/ids.hpp>
#include <diagdesk/importers/import.hpp>
#include <diagdesk/importers/language.hpp>
#include <diagdesk/importers/links.hpp>
#include <diagdesk/importers/mallard.hpp>
#include <diagdesk/importers/markdown.hpp>
#include <diagdesk/importers/text.hpp>

#include "missing.hpp"
#include "safe_journal.hpp"
#include "state.hpp"
#include "walk.hpp"

#include <diagdesk/kb/file_io.hpp>
#include <diagdesk/kb/text.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace diagdesk::importers {

namespace fs = std::filesystem;
using detail::absolute_clean;
using detail::collect;
using detail::ImportState;
using detail::inside;
using detail::Item;
using detail::remove_stale_temps;
using detail::TargetLock;
using detail::unwritable;
using detail::OutputRecord;
using detail::SourceRecord;
using detail::Stamp;

// Bump when a reader's output changes: every source is then read again
// (and rewritten only where the text really differs).
constexpr std::string_view importer_version = "importers-3";  // 3: ISO-8859-15 and Mac Roman

const char* to_string(Status s) {
  switch (s) {
    case Status::imported: return "imported";
    case Status::updated: return "updated";
    case Status::unchanged: return "unchanged";
    case Status::skipped: return "skipped";
    case Status::failed: return "failed";
  }
  return "?";
}

const char* to_string(MissingAction a) {
  switch (a) {
    case MissingAction::removed: return "removed";
    case MissingAction::would_remove: return "would be removed";
    case MissingAction::kept: return "kept (--keep-missing)";
    case MissingAction::kept_edited: return "kept (edited since its import)";
    case MissingAction::kept_unrecorded: return "kept (no import record; --force removes it)";
  }
  return "?";
}

namespace {

// [SECTION] Helpers ----------------------------------------------------------

std::string megabytes(std::uintmax_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

std::string humanize(std::string_view stem) {
  std::string s;
  for (char c : stem) s += (c == '-' || c == '_' || c == '.') ? ' ' : c;
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s.empty() ? "Untitled" : s;
}

kb::Date date_of(std::int64_t mtime_ns) {
  std::time_t t = static_cast<std::time_t>(mtime_ns / 1000000000);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string location(const kb::Diagnostic& d) {
  if (d.line <= 0) return d.message;
  return "line " + std::to_string(d.line) + (d.column > 0 ? ", column " + std::to_string(d.column) : "") + ": " +
         d.message;
}

constexpr std::array<std::string_view, 8> known_domains = {"hardware", "os",       "network", "directory",
                                                           "office",   "security", "service",  "commercial"};

// The reader of `format`.
ReadResult read_any(Format format, const SourceText& src, const ReadOptions& ro) {
  switch (format) {
    case Format::markdown: return read_markdown(src);
    case Format::html: return read_html(src);
    case Format::csv: return read_csv(src, ro.csv);
    case Format::mallard: return read_mallard(src, ro);
    default: return read_text(src);
  }
}

// [SECTION] The run (class Run) ---------------------------------------------------

class Run {
 public:
  Run(const ImportOptions& o, fs::path target) : m_o(o), m_target(std::move(target)) {}

  ImportReport go();

 private:
  FileOutcome file(const Item& item);
  bool fast_path(const Item& item, const Stamp& st, std::uint64_t opts, FileOutcome& f);
  void article(const Item& item, FileOutcome& f, Draft& d, std::int64_t mtime_ns,
               std::vector<ArticleOutcome>& out);
  std::optional<std::string> resolve_link(const Item& item, Format format, const std::string& lang,
                                          std::string_view target);
  std::string link_title(const Item& item, const std::string& xref);
  std::string link_language(const fs::path& file, const PathTopic& pt, const std::string& linking_lang);
  std::string file_language(const fs::path& file);
  void dep(const fs::path& p, const Stamp& s) { m_deps[p.string()] = s; }
  std::string folder_problem(const fs::path& dir);
  std::uint64_t options_hash(const Item& item) const;

  const ImportOptions& m_o;
  fs::path m_target;
  ImportReport m_report;
  ImportState m_state;
  std::vector<fs::path> m_roots;
  std::map<std::string, std::string> m_ids;  ///< id -> source that produced it in this run
  std::string m_target_problem;              ///< set when the target cannot be written
  std::map<fs::path, std::string> m_folder_problems;
  std::map<std::string, std::string> m_titles;  ///< Mallard page path -> title (cache)
  std::map<std::string, std::string> m_file_langs;  ///< link target file -> its language (cache)
  // Per file being read:
  std::map<std::string, Stamp> m_deps;
  SourceRecord* m_previous = nullptr;
  detail::WriteJournal m_journal;  ///< articles written since the last saved state
  std::set<std::string> m_handled;  ///< their paths (relative), for the journal
  std::vector<OutputRecord> m_outputs;
  bool m_outputs_complete = true;
};

std::uint64_t Run::options_hash(const Item& item) const {
  std::string s(importer_version);
  s += '\n' + std::string(to_string(m_o.format)) + '\n' + m_o.lang + '\n' + m_o.domain + '\n' + item.root.string();
  for (const auto& [f, c] : m_o.csv.fields) s += '\n' + f + '=' + c;
  return detail::hash64(s);
}

std::string Run::folder_problem(const fs::path& dir) {
  if (!m_target_problem.empty()) return m_target_problem;
  auto it = m_folder_problems.find(dir);
  if (it == m_folder_problems.end()) it = m_folder_problems.emplace(dir, unwritable(dir)).first;
  return it->second;
}

ImportReport Run::go() {
  auto t0 = std::chrono::steady_clock::now();
  m_report.target = m_target;
  m_report.dry_run = m_o.dry_run;
  auto finish = [&] {
    m_report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return std::move(m_report);
  };

  if (m_o.inputs.empty()) {
    m_report.error = "nothing to import: give files or folders";
    return finish();
  }
  if (!m_o.lang.empty() && m_o.lang != "fr" && m_o.lang != "en") {
    m_report.error = "language '" + m_o.lang + "' is not supported: use fr or en (or leave it out to detect it)";
    return finish();
  }
  if (!m_o.domain.empty() &&
      std::find(known_domains.begin(), known_domains.end(), m_o.domain) == known_domains.end()) {
    m_report.error = "unknown domain '" + m_o.domain +
                     "' (expected hardware, os, network, directory, office, security or service)";
    return finish();
  }
  if (m_target.empty()) {
    m_report.error = "no target folder given";
    return finish();
  }

  TargetLock lock;
  if (!m_o.dry_run) {
    std::error_code ec;
    fs::create_directories(m_target, ec);
    if (ec) m_target_problem = "cannot create the target folder '" + m_target.string() + "': " + ec.message();
    else m_target_problem = unwritable(m_target);
    if (m_target_problem.empty() && !lock.acquire(m_target)) {
      m_report.error = "another import into '" + m_target.string() + "' is running; try again when it is done";
      return finish();
    }
    if (m_target_problem.empty()) remove_stale_temps(m_target);
  }
  m_state = ImportState::load(m_target);
  m_journal.open(m_target);

  detail::Collected walk = collect(m_o, m_target);
  std::vector<Item>& items = walk.items;
  m_report.foreign_pages = walk.foreign_pages;
  m_report.foreign_languages.assign(walk.foreign_languages.begin(), walk.foreign_languages.end());
  m_report.aliases = walk.aliases;
  for (const auto& in : m_o.inputs) {
    fs::path abs = absolute_clean(in);
    std::error_code ec;
    if (fs::is_directory(abs, ec)) m_roots.push_back(abs);
  }

  // Sources gone from the folders of this run: settled before the files are
  // read, so a renamed file's new article does not clash with its old one.
  {
    detail::MissingContext mc;
    mc.target = m_target;
    for (const auto& r : m_roots)
      if (std::none_of(items.begin(), items.end(), [&](const Item& i) { return i.file == r && !i.problem.empty(); }))
        mc.roots.push_back(r);  // a folder that could not be listed proves nothing
    for (const auto& i : items) mc.seen.insert(i.file);
    mc.can_write = !m_o.dry_run && m_target_problem.empty();
    mc.keep = m_o.keep_missing;
    mc.force = m_o.force;
    m_report.missing = detail::settle_missing(m_state, mc);
    for (const auto& m : m_report.missing) {
      if (m.action != MissingAction::removed && m.action != MissingAction::would_remove) continue;
      ++m_report.removed;
      m_report.changed_ids.push_back(m.id);
    }
  }

  auto last_save = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (m_o.on_progress) m_o.on_progress({i, items.size(), items[i].file});
    FileOutcome f = file(items[i]);
    Counts& fc = m_report.file_counts;
    switch (f.status) {
      case Status::imported: ++fc.imported; break;
      case Status::updated: ++fc.updated; break;
      case Status::unchanged: ++fc.unchanged; break;
      case Status::skipped: ++fc.skipped; break;
      case Status::failed: ++fc.failed; break;
    }
    for (const auto& a : f.articles) {
      Counts& ac = m_report.article_counts;
      switch (a.status) {
        case Status::imported: ++ac.imported; break;
        case Status::updated: ++ac.updated; break;
        case Status::unchanged: ++ac.unchanged; break;
        case Status::skipped: ++ac.skipped; break;
        case Status::failed: ++ac.failed; break;
      }
      if (a.status == Status::imported || a.status == Status::updated) m_report.changed_ids.push_back(a.id);
    }
    m_report.files.push_back(std::move(f));
    // Save the state now and then, so an interrupted run restarts quickly.
    if (!m_o.dry_run && m_target_problem.empty() &&
        std::chrono::steady_clock::now() - last_save > std::chrono::seconds(5)) {
      if (m_state.save(m_target)) m_journal.settle(m_handled);
      last_save = std::chrono::steady_clock::now();
    }
  }
  if (m_o.on_progress) m_o.on_progress({items.size(), items.size(), {}});
  if (!m_o.dry_run && m_target_problem.empty()) {
    if (auto s = m_state.save(m_target); !s) m_report.error = "could not save the import state: " + s.message;
    else m_journal.settle(m_handled);
  }
  return finish();
}

// [SECTION] One file --------------------------------------------------------------

bool Run::fast_path(const Item& item, const Stamp& st, std::uint64_t opts, FileOutcome& f) {
  auto it = m_state.sources.find(item.file.string());
  if (it == m_state.sources.end() || m_o.force) return false;
  const SourceRecord& r = it->second;
  if (!(r.stamp == st) || r.options != opts || r.outputs.empty()) return false;
  for (const auto& o : r.outputs) {
    if (!(detail::stamp_of(m_target / o.rel) == o.stamp)) return false;
    if (m_ids.count(o.id)) return false;  // let the slow path report the clash
  }
  for (const auto& [p, s] : r.deps)
    if (!(detail::stamp_of(p) == s)) return false;
  f.status = Status::unchanged;
  f.format = parse_format(r.format).value_or(Format::automatic);
  f.encoding = r.encoding;
  for (const auto& o : r.outputs) {
    m_ids[o.id] = item.file.string();
    ArticleOutcome a;
    a.id = o.id;
    a.title = o.title;
    a.lang = kb::lang_of(o.id);
    a.lang_from = o.lang_from;
    a.key = o.key;
    a.line = o.line;
    a.path = m_target / o.rel;
    a.status = Status::unchanged;
    f.articles.push_back(std::move(a));
  }
  return true;
}

FileOutcome Run::file(const Item& item) {
  FileOutcome f;
  f.path = item.file;
  auto fail = [&](std::string reason) {
    f.status = Status::failed;
    f.reason = std::move(reason);
    return f;
  };
  if (!item.problem.empty()) return fail(item.problem);
  if (!item.refused.empty()) {
    f.status = Status::skipped;
    f.reason = item.refused;
    f.reason_key = "safety.import.reason.symlink";
    f.reason_args = {item.refused_target};
    f.diagnostics.push_back({kb::Severity::warning, "safety.import.symlink", item.file.string(), 0, 0, item.refused});
    return f;
  }
  if (item.walked_unsupported) {
    f.status = Status::skipped;
    std::string ext = item.file.extension().string();
    f.reason = "not a supported format (" + (ext.empty() ? std::string("no extension") : ext) + ")";
    f.reason_key = ext.empty() ? "safety.import.reason.no_extension" : "safety.import.reason.unsupported";
    f.reason_args = {ext};
    return f;
  }
  f.format = m_o.format != Format::automatic ? m_o.format : format_from_extension(item.file);
  Stamp st = detail::stamp_of(item.file);
  if (st.size < 0) return fail("cannot read the file: " + std::string(std::strerror(errno)));
  f.bytes = static_cast<std::uintmax_t>(st.size);
  if (f.bytes > m_o.max_bytes && !item.root.empty()) {
    // Met while walking a folder: skipped, so the rest of the folder is a success.
    f.status = Status::skipped;
    f.reason = "the file is " + megabytes(f.bytes) + ", over the " + megabytes(m_o.max_bytes) +
               " import limit; not read (import it alone with --max-size to take it)";
    f.reason_key = "safety.import.reason.too_big_walk";
    f.reason_args = {megabytes(f.bytes), megabytes(m_o.max_bytes)};
    return f;
  }
  if (f.bytes > m_o.max_bytes) {
    f.reason_key = "safety.import.reason.too_big";
    f.reason_args = {megabytes(f.bytes), megabytes(m_o.max_bytes)};
    return fail("the file is " + megabytes(f.bytes) + ", over the " + megabytes(m_o.max_bytes) +
                " import limit; split it or import it with a higher limit");
  }

  const std::uint64_t opts = options_hash(item);
  if (fast_path(item, st, opts, f)) return f;

  std::string bytes;
  if (kb::FileStatus s = kb::read_file(item.file, bytes); !s) return fail(s.message);
  m_report.bytes_read += bytes.size();
  if (bytes.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    f.status = Status::skipped;
    f.reason = bytes.empty() ? "empty file: nothing to import" : "only blank lines: nothing to import";
    f.reason_key = bytes.empty() ? "safety.import.reason.empty" : "safety.import.reason.blank";
    return f;
  }
  Decoded dec = decode(bytes);
  bytes.clear();
  bytes.shrink_to_fit();
  if (!dec.error.empty()) {
    f.diagnostics.push_back({kb::Severity::error, dec.code, item.file.string(), dec.line, dec.column, dec.error});
    return fail(dec.error);
  }
  f.encoding = to_string(dec.encoding);
  Format fmt = m_o.format != Format::automatic ? m_o.format : format_from_extension(item.file);
  if (fmt == Format::automatic) fmt = sniff_format(dec.text);
  f.format = fmt;

  m_deps.clear();
  m_outputs.clear();
  m_outputs_complete = true;
  auto prev = m_state.sources.find(item.file.string());
  m_previous = prev == m_state.sources.end() ? nullptr : &prev->second;

  SourceText src{item.file, std::move(dec.text)};
  ReadOptions ro;
  ro.csv = m_o.csv;
  ro.link_title = [&](const std::string& xref) { return link_title(item, xref); };
  ReadResult rr = read_any(fmt, src, ro);
  src.text.clear();
  f.diagnostics.insert(f.diagnostics.end(), rr.diagnostics.begin(), rr.diagnostics.end());

  if (rr.drafts.empty()) {
    const kb::Diagnostic* first = nullptr;
    for (const auto& d : rr.diagnostics)
      if (d.severity == kb::Severity::error && !first) first = &d;
    return fail(first ? location(*first) : "nothing could be read from the file");
  }
  // CSV rows that could not be read are failed articles of the file.
  if (fmt == Format::csv) {
    for (const auto& d : rr.diagnostics) {
      if (d.severity != kb::Severity::error) continue;
      ArticleOutcome a;
      a.line = d.line;
      a.status = Status::failed;
      a.reason = d.message;  // names the row and its line
      f.articles.push_back(std::move(a));
      m_outputs_complete = false;
    }
  }
  for (auto& d : rr.drafts) article(item, f, d, st.mtime_ns, f.articles);

  // The file's status sums up its articles': failed > updated > imported > unchanged > skipped.
  bool any_failed = false, any_updated = false, any_imported = false, any_unchanged = false;
  const ArticleOutcome* first_problem = nullptr;
  for (const auto& a : f.articles) {
    any_failed |= a.status == Status::failed;
    any_updated |= a.status == Status::updated;
    any_imported |= a.status == Status::imported;
    any_unchanged |= a.status == Status::unchanged;
    if ((a.status == Status::failed || a.status == Status::skipped) && !first_problem) first_problem = &a;
  }
  if (any_failed) f.status = Status::failed;
  else if (any_updated) f.status = Status::updated;
  else if (any_imported) f.status = Status::imported;
  else if (any_unchanged) f.status = Status::unchanged;
  else f.status = Status::skipped;
  if (first_problem) {
    std::size_t n = 0;
    for (const auto& a : f.articles) n += a.status == Status::failed || a.status == Status::skipped;
    f.reason = first_problem->reason;
    if (first_problem->line && f.reason.find("line " + std::to_string(first_problem->line)) == std::string::npos)
      f.reason = "line " + std::to_string(first_problem->line) + ": " + f.reason;
    if (n > 1) f.reason += " (and " + std::to_string(n - 1) + " more)";
  }

  // Articles this source produced before and no longer does: delete them
  // (a removed or renamed CSV row), unless edited by hand since.
  if (m_previous && f.status != Status::failed) {
    std::set<std::string> now;
    for (const auto& a : f.articles) now.insert(a.id);
    for (const auto& old : m_previous->outputs) {
      if (now.count(old.id)) continue;
      fs::path p = m_target / old.rel;
      std::string text;
      if (!kb::read_file(p, text)) continue;
      if (detail::hash64(text) != old.hash) {
        f.diagnostics.push_back({kb::Severity::warning, "import.kept", p.string(), 0, 0,
                                 "'" + old.id + "' is no longer produced by this file but was edited since; kept"});
        continue;
      }
      if (!detail::symlink_on_the_way(m_target, p).empty()) continue;  // never delete through a link
      if (!m_o.dry_run && m_target_problem.empty() && folder_problem(p.parent_path()).empty()) {
        std::error_code ec;
        fs::remove(p, ec);
        if (ec) continue;
      }
      ++m_report.removed;
      m_report.changed_ids.push_back(old.id);
      f.diagnostics.push_back({kb::Severity::warning, "import.removed", p.string(), 0, 0,
                               "'" + old.id + "' is no longer produced by this file: removed"});
    }
  }

  // Remember the source only when all went well: problems are looked at again next time.
  if (!m_o.dry_run && m_outputs_complete && f.status != Status::failed && f.status != Status::skipped) {
    SourceRecord r;
    r.stamp = st;
    r.options = opts;
    r.format = to_string(fmt);
    r.encoding = f.encoding;
    r.outputs = std::move(m_outputs);
    for (auto& [p, s] : m_deps) r.deps.emplace_back(p, s);
    m_state.sources[item.file.string()] = std::move(r);
  } else if (!m_o.dry_run && (m_previous || !m_outputs.empty())) {
    // Keep what the source produced, so that its articles are still known
    // (edits, a source that goes away), with a stamp that never matches a
    // file: it is read again next time.
    SourceRecord r = m_previous ? *m_previous : SourceRecord{};
    for (auto& o : m_outputs) {
      auto same = std::find_if(r.outputs.begin(), r.outputs.end(), [&](const OutputRecord& x) { return x.id == o.id; });
      if (same != r.outputs.end()) *same = std::move(o);
      else r.outputs.push_back(std::move(o));
    }
    r.stamp = {};
    r.deps.clear();
    m_state.sources[item.file.string()] = std::move(r);
  } else if (!m_o.dry_run) {
    m_state.sources.erase(item.file.string());
  }
  m_previous = nullptr;
  return f;
}

// [SECTION] One article --------------------------------------------------------------

void Run::article(const Item& item, FileOutcome& f, Draft& d, std::int64_t mtime_ns,
                  std::vector<ArticleOutcome>& out) {
  kb::Article& a = d.article;
  ArticleOutcome res;
  res.key = d.key;
  res.line = d.line;
  auto done = [&](Status s, std::string reason = {}) {
    res.status = s;
    res.reason = std::move(reason);
    if (s == Status::failed || s == Status::skipped) m_outputs_complete = false;
    out.push_back(std::move(res));
  };
  PathTopic pt = topic_for(item.root, item.file);

  // Language: the option, else what the file says, else its path, else its words.
  std::string lang;
  if (!m_o.lang.empty()) {
    lang = m_o.lang;
    res.lang_from = "option";
  } else if (!a.lang.empty()) {
    lang = a.lang;
    res.lang_from = d.lang_from.empty() ? "file" : d.lang_from;
  } else if (!pt.lang_hint.empty()) {
    lang = pt.lang_hint;
    res.lang_from = "path " + pt.hint_from;
  } else {
    LanguageGuess g = detect_language(a.title + "\n" + kb::markdown_to_text(a.body));
    std::string evidence = "fr " + std::to_string(g.fr_hits) + ", en " + std::to_string(g.en_hits);
    if (!g.lang.empty()) {
      lang = g.lang;
      res.lang_from = "detected (" + evidence + ")";
    } else if (g.words >= 40 && (g.fr_hits + g.en_hits) * 20 < g.words) {
      res.title = a.title;
      return done(Status::skipped, "the text does not look French or English (" + evidence + " stop words in " +
                                       std::to_string(g.words) + " words); give --lang to import it anyway");
    } else {
      lang = g.fr_hits > g.en_hits ? "fr" : "en";
      res.lang_from = "guessed (" + evidence + ": too little text to be sure)";
    }
  }
  res.lang = lang;
  res.title = a.title;
  if (lang != "fr" && lang != "en")
    return done(Status::skipped, "language '" + lang + "' (" + res.lang_from +
                                     ") is not supported: only fr and en; give --lang to force one");

  // Id: the file's own Diagdesk id, else from the path (and the CSV row).
  std::string topic;
  if (!a.id.empty()) {
    topic = kb::topic_of(a.id);
    if (a.id.find('/') != std::string::npos || a.id.find("..") != std::string::npos ||
        a.id.find('\\') != std::string::npos)
      return done(Status::failed, "id '" + a.id + "' would write outside the target folder; not imported");
    if (!is_valid_topic(topic))
      return done(Status::failed, "id '" + a.id + "' is not a valid article id (dotted lower-case names)");
  } else {
    topic = pt.topic;
    if (!d.key.empty()) topic += "." + d.key;
  }
  res.id = topic + "." + lang;
  fs::path path = (m_target / "articles" / lang / (topic + ".md")).lexically_normal();
  res.path = path;
  if (!inside(m_target, path))
    return done(Status::failed, "'" + path.string() + "' would be outside the target folder; not imported");
  if (auto other = m_ids.find(res.id); other != m_ids.end())
    return done(Status::failed, "id '" + res.id + "' is also produced by " + other->second +
                                    "; rename one of the files or import them separately");
  m_ids[res.id] = item.file.string() + (d.key.empty() ? "" : " (" + d.key + ")");

  // Complete the article.
  a.id = res.id;
  a.topic = topic;
  a.lang = lang;
  if (!a.translation.empty() && kb::lang_of(a.translation) == lang) a.translation.clear();
  if (a.title.empty()) a.title = humanize(d.key.empty() ? item.file.stem().string() : d.key);
  res.title = a.title;
  if (!m_o.domain.empty()) {
    a.domain = m_o.domain;
  } else if (!a.domain.empty() &&
             std::find(known_domains.begin(), known_domains.end(), a.domain) == known_domains.end()) {
    // kb would warn on every load: say it once here and leave it out.
    f.diagnostics.push_back({kb::Severity::warning, "field.value", item.file.string(), d.line, 0,
                             "domain '" + a.domain +
                                 "' is not one of hardware, os, network, directory, office, security, service: left out"});
    a.domain.clear();
  }
  if (a.source.empty() || a.source == "bundled")
    a.source = item.file.string() + (d.key.empty() ? "" : "#" + d.key);
  if (!a.updated) a.updated = date_of(mtime_ns);
  a.body = rewrite_links(a.body, [&](std::string_view t) { return resolve_link(item, f.format, lang, t); });
  a.path.clear();
  a.layer.clear();
  std::string text = kb::write_article(a);

  // What we write must read back as an article (kb's own checks).
  kb::ArticleResult check = kb::parse_article(path, text);
  if (!check.article) {
    std::string why = check.diagnostics.empty() ? "unknown reason" : check.diagnostics.front().message;
    return done(Status::failed, "the converted article does not read back: " + why);
  }

  // Compare with what is there; respect hand edits and other owners.
  std::string existing;
  bool exists = kb::read_file(path, existing) ? true : false;
  OutputRecord rec;
  rec.id = res.id;
  rec.rel = path.lexically_relative(m_target).string();
  rec.hash = detail::hash64(text);
  rec.title = a.title;
  rec.lang_from = res.lang_from;
  rec.key = d.key;
  rec.line = d.line;
  if (exists && existing == text) {
    rec.stamp = detail::stamp_of(path);
    m_handled.insert(rec.rel);
    m_outputs.push_back(std::move(rec));
    return done(Status::unchanged);
  }
  if (exists && !m_o.force) {
    const OutputRecord* before = nullptr;
    if (m_previous)
      for (const auto& o : m_previous->outputs)
        if (o.id == res.id) before = &o;
    // Not an edit when a run killed before it saved the state wrote it.
    const std::uint64_t now = detail::hash64(existing);
    if (before && now != before->hash && !m_journal.wrote(rec.rel, now))
      return done(Status::skipped, "'" + path.string() +
                                       "' was edited after its last import; not overwritten (use --force to replace it)");
    std::string owner = detail::front_matter_string(existing, "source");
    if (!before && owner != a.source)
      return done(Status::skipped, "'" + path.string() + "' already exists" +
                                       (owner.empty() ? std::string() : " (source: " + owner + ")") +
                                       " and did not come from this file; not overwritten (use --force to replace it)");
  }
  if (!m_o.dry_run) {
    std::string problem = folder_problem(path.parent_path());
    // The language folder, then the folders above it up to the target.
    for (fs::path up = path.parent_path().parent_path(); problem.empty() && inside(m_target, up) ; up = up.parent_path())
      problem = folder_problem(up);
    if (problem.empty()) problem = folder_problem(m_target);
    if (fs::path link = detail::symlink_on_the_way(m_target, path); problem.empty() && !link.empty())
      problem = "'" + link.string() + "' is a symbolic link; Diagdesk never writes through one";
    if (!problem.empty()) return done(Status::failed, "cannot write '" + path.string() + "': " + problem);
    if (!m_journal.record(rec.rel, rec.hash))
      return done(Status::failed, "cannot write '" + path.string() + "': the import journal in '" + m_target.string() +
                                      "' cannot be written: " + std::strerror(errno));
    if (kb::FileStatus s = kb::write_file_atomic(path, text); !s) return done(Status::failed, s.message);
    rec.stamp = detail::stamp_of(path);
  }
  m_handled.insert(rec.rel);
  m_outputs.push_back(std::move(rec));
  done(exists ? Status::updated : Status::imported);
}

// [SECTION] Links --------------------------------------------------------------------

std::string Run::link_title(const Item& item, const std::string& xref) {
  fs::path page = item.file.parent_path() / (xref + ".page");
  std::string key = page.string();
  Stamp s = detail::stamp_of(page);
  dep(page, s);
  auto it = m_titles.find(key);
  if (it != m_titles.end()) return it->second;
  std::string title;
  std::string text;
  if (s.size >= 0 && s.size < static_cast<std::int64_t>(m_o.max_bytes) && kb::read_file(page, text)) {
    Decoded dec = decode(text);
    if (dec.error.empty()) title = mallard_title(dec.text);
  }
  m_titles.emplace(key, title);
  return title;
}

std::optional<std::string> Run::resolve_link(const Item& item, Format format, const std::string& lang,
                                             std::string_view target) {
  if (target.empty() || target.front() == '#' || target.front() == '/' || has_scheme(target)) return std::nullopt;
  std::string path_part(target.substr(0, target.find_first_of("#?")));
  std::string fragment;
  if (auto h = target.find('#'); h != std::string_view::npos) fragment = std::string(target.substr(h));
  // Percent-encoded spaces and accents in file links.
  std::string decoded;
  for (std::size_t i = 0; i < path_part.size(); ++i) {
    if (path_part[i] == '%' && i + 2 < path_part.size() && std::isxdigit(static_cast<unsigned char>(path_part[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(path_part[i + 2]))) {
      decoded += static_cast<char>(std::stoi(path_part.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      decoded += path_part[i];
    }
  }
  if (decoded.empty()) return std::nullopt;
  fs::path candidate = (item.file.parent_path() / decoded).lexically_normal();
  // A Mallard xref names a page id: the file <id>.page next to this one.
  if (format == Format::mallard && decoded.find('/') == std::string::npos && fs::path(decoded).extension().empty())
    candidate = item.file.parent_path() / (decoded + ".page");
  Format f = format_from_extension(candidate);
  if (f == Format::automatic || f == Format::csv) return std::nullopt;
  Stamp s = detail::stamp_of(candidate);
  dep(candidate, s);
  if (s.size < 0) return std::nullopt;
  // The target's topic, as if it were imported from the same command line.
  fs::path root;
  if (!item.root.empty() && inside(item.root, candidate)) {
    root = item.root;
  } else if (!item.root.empty()) {
    for (const auto& r : m_roots)
      if (inside(r, candidate)) root = r;
    if (root.empty()) return std::nullopt;
  }
  PathTopic pt = topic_for(root, candidate);
  return std::string(article_link_scheme) + pt.topic + "." + link_language(candidate, pt, lang) + fragment;
}

// The language of the article a link points to: the option or the target's
// locale folder when there is one; else the language that exists when only
// one does (made in this run, recorded for that file, or in the target);
// else, when none exists yet, what the target's own words give; else the
// linking article's language.
std::string Run::link_language(const fs::path& file, const PathTopic& pt, const std::string& linking_lang) {
  auto recorded = m_state.sources.find(file.string());
  auto exists = [&](const char* l) {
    const std::string id = pt.topic + "." + l;
    if (m_ids.count(id)) return true;
    if (recorded != m_state.sources.end())
      for (const auto& o : recorded->second.outputs)
        if (o.id == id) return true;
    std::error_code ec;
    return fs::exists(m_target / "articles" / l / (pt.topic + ".md"), ec);
  };
  // A language forced or given by a locale folder is what that file's
  // import gives, even when its article is not written yet (fr/ after C/).
  if (!m_o.lang.empty()) return m_o.lang;
  if (pt.lang_hint == "fr" || pt.lang_hint == "en") return pt.lang_hint;
  const bool fr = exists("fr"), en = exists("en");
  if (fr != en) return fr ? "fr" : "en";
  if (!fr) {
    std::string l = file_language(file);
    if (!l.empty()) return l;
  }
  return linking_lang;
}

// What a file declares or its words say, read once per run; empty when unsure.
std::string Run::file_language(const fs::path& file) {
  auto it = m_file_langs.find(file.string());
  if (it != m_file_langs.end()) return it->second;
  std::string lang;
  std::string bytes;
  Stamp s = detail::stamp_of(file);
  if (s.size > 0 && s.size < static_cast<std::int64_t>(m_o.max_bytes) && kb::read_file(file, bytes)) {
    Decoded dec = decode(bytes);
    Format f = format_from_extension(file);
    if (dec.error.empty() && f != Format::automatic && f != Format::csv) {
      ReadResult rr = read_any(f, SourceText{file, std::move(dec.text)}, ReadOptions{});
      if (!rr.drafts.empty()) {
        const kb::Article& a = rr.drafts.front().article;
        lang = a.lang.empty() ? detect_language(a.title + "\n" + kb::markdown_to_text(a.body)).lang : a.lang;
      }
    }
  }
  if (lang != "fr" && lang != "en") lang.clear();
  m_file_langs.emplace(file.string(), lang);
  return lang;
}

}  // namespace

// [SECTION] run_import ------------------------------------------------------------------

ImportReport run_import(const ImportOptions& options) {
  fs::path target = options.target.empty() ? fs::path() : absolute_clean(options.target);
  try {
    Run run(options, target);
    return run.go();
  } catch (const std::exception& e) {
    // Nothing should throw; if something does (out of memory), say so.
    ImportReport r;
    r.target = target;
    r.error = std::string("import stopped: ") + e.what();
    return r;
  }
}

}  // namespace diagdesk::importers
