// The article catalogue: entries without bodies, a manifest beside the index
// so a start parses only the files that changed, and articles read on demand.
//
// [SECTION] Manifest text
// [SECTION] Reading the manifest
// [SECTION] Scan
// [SECTION] Save and open

#include <diagdesk/kb/catalogue.hpp>

#include "layers_internal.hpp"

#include <diagdesk/base/safe_file.hpp>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <cstdio>
#include <unordered_map>

#include <sys/stat.h>

namespace diagdesk::kb {

namespace fs = std::filesystem;

const ArticleEntry* Catalogue::find_id(std::string_view id) const { return detail::find_sorted_id(articles, id); }

const ArticleEntry* Catalogue::find(std::string_view topic_or_id, std::string_view lang) const {
  return detail::find_topic(articles, topic_or_id, lang);
}

namespace {

// Format of the manifest: a first line "diagdesk-article-catalogue\t1", then
// per file an F line and its diagnostics as D lines; fields separated by
// tabs, with \\ \t \n \r escaped.
constexpr std::string_view manifest_magic = "diagdesk-article-catalogue";
constexpr std::string_view manifest_version = "1";

// [SECTION] Manifest text ----------------------------------------------------

void put(std::string& out, std::string_view field) {
  out += '\t';
  for (char c : field) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

void put(std::string& out, std::uint64_t n) { put(out, std::to_string(n)); }

// Splits into `fields`, reusing its strings (a manifest has 100,000 lines).
void split_line(std::string_view line, std::vector<std::string>& fields, std::size_t& count) {
  count = 1;
  if (fields.empty()) fields.emplace_back();
  fields[0].clear();
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\t') {
      if (count == fields.size()) fields.emplace_back();
      fields[count++].clear();
    } else if (c == '\\' && i + 1 < line.size()) {
      char n = line[++i];
      fields[count - 1] += n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n;
    } else {
      fields[count - 1] += c;
    }
  }

}

template <class N>
bool number(const std::string& s, N& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

// What identifies a file's state without reading it.
struct Stamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  bool operator==(const Stamp&) const = default;
};

bool stamp_of(const fs::path& p, Stamp& s) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return false;
  s.size = static_cast<std::uint64_t>(st.st_size);
  s.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  s.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
  s.inode = static_cast<std::uint64_t>(st.st_ino);
  return true;
}

// [SECTION] Reading the manifest ---------------------------------------------

// The records in the order they were written (the scan's order, so a scan
// meets them in turn), and by path for the others.
struct Manifest {
  std::vector<FileRecord> records;
  std::unordered_map<std::string_view, std::size_t> by_path;  // built at the first record out of turn
  std::vector<bool> used;
  bool empty() const { return records.empty(); }
  std::size_t size() const { return records.size(); }
};

// Reads the manifest; on any malformed line, an empty manifest and `problem`.
Manifest read_manifest(const fs::path& file, std::string& problem) {
  Manifest out;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) return out;
  std::string text;
  if (base::FileStatus s = base::read_file(file, text, 1024u * 1024u * 1024u); !s) {
    problem = s.message;
    return out;
  }
  std::size_t line_no = 0;
  FileRecord* current = nullptr;
  auto fail = [&](const char* why) {
    problem = file.string() + ":" + std::to_string(line_no) + ": " + why;
    return Manifest{};
  };
  std::size_t files = 0;
  for (std::size_t at = text.find("\nF\t"); at != std::string::npos; at = text.find("\nF\t", at + 1)) ++files;
  out.records.reserve(files);
  std::size_t pos = 0;
  std::vector<std::string> f;
  std::size_t nf = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) return fail("the last line is cut (the file was not written to the end)");
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    split_line(line, f, nf);
    if (line_no == 1) {
      if (nf != 2 || f[0] != manifest_magic) return fail("not an article catalogue");
      if (f[1] != manifest_version) return fail("a catalogue of another Diagdesk version");
      continue;
    }
    if (f[0] == "F") {
      // F path layer size mtime ctime inode racy ok [id topic title lang domain competency translation updated h0 h1]
      FileRecord r;
      if (nf != 9 && nf != 19) return fail("a file line with the wrong number of fields");
      r.path = f[1];
      r.layer = f[2];
      if (!number(f[3], r.size) || !number(f[4], r.mtime_ns) || !number(f[5], r.ctime_ns) || !number(f[6], r.inode))
        return fail("a file line whose size, time or inode is not a number");
      r.racy = f[7] == "1";
      if (f[8] == "1") {
        if (nf != 19) return fail("an article line without its fields");
        ArticleEntry e;
        e.path = f[1];
        e.layer = f[2];
        e.id = f[9];
        e.topic = f[10];
        e.title = f[11];
        e.lang = f[12];
        e.domain = f[13];
        e.translation = f[15];
        if (!f[16].empty()) {
          e.updated = parse_date(f[16]);
          if (!e.updated) return fail("a bad date");
        }
        if (!number(f[14], e.competency) || !number(f[17], e.hash_current) || !number(f[18], e.hash_out_of_date))
          return fail("an article line whose competency or hash is not a number");
        if (e.id.empty()) return fail("an article without an id");
        r.entry = std::make_unique<ArticleEntry>(std::move(e));
      } else if (f[8] != "0") {
        return fail("a file line that is neither an article nor an error");
      }
      out.records.push_back(std::move(r));
      current = &out.records.back();
    } else if (f[0] == "D") {
      // D severity code line column message
      if (!current || nf != 6) return fail("a diagnostic line out of place");
      Diagnostic d;
      d.severity = f[1] == "e" ? Severity::error : Severity::warning;
      d.code = f[2];
      d.file = current->path;
      d.message = f[5];
      if (!number(f[3], d.line) || !number(f[4], d.column)) return fail("a diagnostic whose position is not a number");
      current->diagnostics.push_back(std::move(d));
    } else {
      return fail("an unknown line");
    }
  }
  if (line_no == 0) return fail("the file is empty");
  std::vector<std::string_view> paths;
  paths.reserve(out.records.size());
  for (const auto& r : out.records) paths.push_back(r.path);
  std::sort(paths.begin(), paths.end());
  if (std::adjacent_find(paths.begin(), paths.end()) != paths.end()) return fail("a file listed twice");
  return out;
}

ArticleEntry entry_of(const Article& a, std::uint64_t h0, std::uint64_t h1) {
  ArticleEntry e;
  e.id = a.id;
  e.topic = a.topic;
  e.title = a.title;
  e.lang = a.lang;
  e.domain = a.domain;
  e.competency = a.competency;
  e.translation = a.translation;
  e.updated = a.updated;
  e.layer = a.layer;
  e.path = a.path.string();
  e.hash_current = h0;
  e.hash_out_of_date = h1;
  return e;
}

}  // namespace

// [SECTION] Scan ---------------------------------------------------------------

Catalogue scan_layers(const std::vector<Layer>& layers, const fs::path& manifest_file) {
  Catalogue cat;
  // Files modified from one clock tick before the scan on may change again
  // unseen (same size and times): remembered as racy, parsed next time. The
  // change time is compared too, so a file replaced with its old
  // modification time kept (tar, rsync -t, cp -p) is parsed again.
  timespec now {}, res {};
  ::clock_gettime(CLOCK_REALTIME_COARSE, &now);
  ::clock_getres(CLOCK_REALTIME_COARSE, &res);
  const std::int64_t racy_from = static_cast<std::int64_t>(now.tv_sec - res.tv_sec) * 1000000000 + (now.tv_nsec - res.tv_nsec);
  Manifest manifest = read_manifest(manifest_file, cat.manifest_problem);
  manifest.used.assign(manifest.records.size(), false);
  cat.records.reserve(manifest.records.size());
  cat.changed = manifest.empty();
  std::size_t remembered_used = 0, next_record = 0;
  detail::LayerResolver<ArticleEntry> resolver(cat.diagnostics);
  std::unordered_map<std::string, std::size_t> doc_of_path;  // parsed documents by file
  std::unordered_map<std::string, std::size_t> record_of_path;  // built at the first override
  for (const Layer& layer : layers) {
    if (!detail::layer_folder_exists(layer, cat.diagnostics)) continue;
    resolver.begin_layer();
    for (const auto& file : detail::article_file_names(layer.path)) {
      ++cat.files;
      FileRecord rec;
      rec.path = file;
      rec.layer = layer.name;
      Stamp stamp;
      const bool stamped = stamp_of(file, stamp);
      rec.size = stamp.size;
      rec.mtime_ns = stamp.mtime_ns;
      rec.ctime_ns = stamp.ctime_ns;
      rec.inode = stamp.inode;
      rec.racy = stamp.mtime_ns >= racy_from;
      FileRecord* known = nullptr;
      if (next_record < manifest.records.size() && manifest.records[next_record].path == rec.path) {
        known = &manifest.records[next_record++];
      } else if (!manifest.empty()) {
        if (manifest.by_path.empty())
          for (std::size_t i = 0; i < manifest.records.size(); ++i) manifest.by_path.emplace(manifest.records[i].path, i);
        if (auto it = manifest.by_path.find(rec.path); it != manifest.by_path.end()) {
          known = &manifest.records[it->second];
          next_record = it->second + 1;
        }
      }
      if (stamped && known && !manifest.used[static_cast<std::size_t>(known - manifest.records.data())] && !known->racy &&
          known->layer == layer.name && Stamp{known->size, known->mtime_ns, known->ctime_ns, known->inode} == stamp) {
        manifest.used[static_cast<std::size_t>(known - manifest.records.data())] = true;
        ++remembered_used;
        rec.entry = std::move(known->entry);
        rec.diagnostics = std::move(known->diagnostics);
        if (rec.racy) cat.changed = true;  // saved again once it settles
      } else {
        ++cat.parsed;
        cat.changed = true;
        ArticleResult r = read_article(file);
        rec.diagnostics = std::move(r.diagnostics);
        if (r.article) {
          r.article->layer = layer.name;
          Document d = to_document(*r.article);
          d.out_of_date = false;
          const std::uint64_t h0 = content_hash(d);
          d.out_of_date = true;
          const std::uint64_t h1 = content_hash(d);
          doc_of_path[rec.path] = cat.parsed_documents.size();
          cat.parsed_documents.push_back(std::move(d));
          rec.entry = std::make_unique<ArticleEntry>(entry_of(*r.article, h0, h1));
        }
      }
      cat.diagnostics.insert(cat.diagnostics.end(), rec.diagnostics.begin(), rec.diagnostics.end());
      if (rec.entry) {
        // The entry goes to the resolver; the record keeps its id only,
        // unless the entry comes back (refused, or replaced later).
        rec.listed = true;
        rec.listed_id = rec.entry->id;
        std::optional<ArticleEntry> back = resolver.add(std::move(*rec.entry), layer, file);
        rec.entry.reset();
        if (back && back->path == rec.path) {
          rec.entry = std::make_unique<ArticleEntry>(std::move(*back));
          rec.listed = false;
        } else if (back) {
          if (record_of_path.empty())
            for (std::size_t i = 0; i < cat.records.size(); ++i) record_of_path.emplace(cat.records[i].path, i);
          if (auto it = record_of_path.find(back->path); it != record_of_path.end()) {
            FileRecord& owner = cat.records[it->second];
            owner.entry = std::make_unique<ArticleEntry>(std::move(*back));
            owner.listed = false;
          }
        }
      }
      // A file that cannot be stat'ed is parsed again next time.
      if (stamped) {
        if (!record_of_path.empty()) record_of_path.emplace(rec.path, cat.records.size());
        cat.records.push_back(std::move(rec));
      }
    }
  }
  if (remembered_used != manifest.size()) cat.changed = true;  // files removed or moved
  cat.articles = resolver.finish();
  // Keep the documents of the winning files only, with out_of_date as resolved.
  std::vector<Document> kept;
  for (const auto& e : cat.articles) {
    auto it = doc_of_path.find(e.path);
    if (it == doc_of_path.end()) continue;
    Document& d = cat.parsed_documents[it->second];
    if (d.id != e.id) continue;
    d.out_of_date = e.out_of_date;
    kept.push_back(std::move(d));
  }
  cat.parsed_documents = std::move(kept);
  return cat;
}

// [SECTION] Save and open ------------------------------------------------------

std::string save_catalogue(const Catalogue& cat, const fs::path& manifest_file) {
  std::string out(manifest_magic);
  put(out, manifest_version);
  out += '\n';
  for (const FileRecord& r : cat.records) {
    out += 'F';
    put(out, r.path);
    put(out, r.layer);
    put(out, r.size);
    put(out, std::to_string(r.mtime_ns));
    put(out, std::to_string(r.ctime_ns));
    put(out, r.inode);
    put(out, r.racy ? "1" : "0");
    const ArticleEntry* e = r.listed ? cat.find_id(r.listed_id) : r.entry.get();
    put(out, e ? "1" : "0");  // (out_of_date is not written: the scan works it out)
    if (e) {
      put(out, e->id);
      put(out, e->topic);
      put(out, e->title);
      put(out, e->lang);
      put(out, e->domain);
      put(out, std::to_string(e->competency));
      put(out, e->translation);
      put(out, e->updated ? to_string(*e->updated) : std::string());
      put(out, e->hash_current);
      put(out, e->hash_out_of_date);
    }
    out += '\n';
    for (const Diagnostic& d : r.diagnostics) {
      out += 'D';
      put(out, d.severity == Severity::error ? "e" : "w");
      put(out, d.code);
      put(out, std::to_string(d.line));
      put(out, std::to_string(d.column));
      put(out, d.message);
      out += '\n';
    }
  }
  if (base::FileStatus s = base::write_file_atomic(manifest_file, out); !s) return s.message;
  return {};
}

ArticleResult open_article(const ArticleEntry& entry) {
  ArticleResult r = read_article(entry.path);
  if (r.article && r.article->id != entry.id) {
    r.diagnostics.push_back({Severity::error, "article.moved", entry.path, 0, 0,
                             "the file no longer holds article '" + entry.id + "' (it now holds '" + r.article->id +
                                 "'): search again to refresh the index"});
    r.article.reset();
  }
  if (r.article) {
    r.article->layer = entry.layer;
    r.article->out_of_date = entry.out_of_date;
  }
  return r;
}

std::optional<Document> load_document(const ArticleEntry& entry) {
  ArticleResult r = open_article(entry);
  if (!r.article) return std::nullopt;
  return to_document(*r.article);
}

}  // namespace diagdesk::kb
