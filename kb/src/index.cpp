// The index on disk: opening, incremental sync by content hash, rebuilds
// (missing, stale, corrupt, requested) and the write lock.
//
// [SECTION] Names
// [SECTION] Impl
// [SECTION] Rebuild
// [SECTION] Incremental update
// [SECTION] Unwritable folders
// [SECTION] sync

#include <diagdesk/kb/index.hpp>

#include "index_internal.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <future>
#include <optional>
#include <map>
#include <system_error>
#include <unordered_map>

#include <sys/stat.h>
#include <unistd.h>

namespace diagdesk::kb {

namespace fs = std::filesystem;

// [SECTION] Names ------------------------------------------------------------

const char* to_string(IndexAction a) {
  switch (a) {
    case IndexAction::up_to_date: return "up_to_date";
    case IndexAction::created: return "created";
    case IndexAction::updated: return "updated";
    case IndexAction::rebuilt: return "rebuilt";
    case IndexAction::read_only: return "read_only";
    case IndexAction::failed: return "failed";
  }
  return "?";
}

const char* to_string(RebuildReason r) {
  switch (r) {
    case RebuildReason::none: return "none";
    case RebuildReason::stale: return "stale";
    case RebuildReason::corrupt: return "corrupt";
    case RebuildReason::requested: return "requested";
  }
  return "?";
}

const char* to_string(IndexError e) {
  switch (e) {
    case IndexError::none: return "none";
    case IndexError::locked: return "locked";
    case IndexError::io: return "io";
    case IndexError::other: return "other";
  }
  return "?";
}

// [SECTION] Impl -------------------------------------------------------------

Index::Index(fs::path dir) : m_impl(std::make_unique<Impl>()) {
  m_impl->dir = dir;
  m_impl->requested = std::move(dir);
}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

const fs::path& Index::dir() const { return m_impl->dir; }
bool Index::read_only() const { return m_impl->read_only; }

void Index::set_synonyms(const Synonyms& synonyms) {
  m_impl->synonyms = detail::prepare_synonyms(synonyms, m_impl->stems);
}

std::size_t Index::size() {
  return m_impl->read_figure<std::size_t>([](Xapian::Database& db) { return db.get_doccount(); });
}

std::uint64_t Index::revision() {
  return m_impl->read_figure<std::uint64_t>([](Xapian::Database& db) { return db.get_revision(); });
}

namespace {

using Clock = std::chrono::steady_clock;

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// [SECTION] Rebuild ----------------------------------------------------------

// Files Xapian keeps in a database folder (glass, and older backends so a
// stale index of another format is replaced too).
bool is_xapian_file(const std::string& name) {
  static const char* exact[] = {"iamglass", "iamchert", "iamflint", "flintlock", "uuid"};
  for (const char* e : exact)
    if (name == e) return true;
  for (const char* ext : {".glass", ".DB", ".baseA", ".baseB", ".tmp"})
    if (name.size() > std::strlen(ext) && name.ends_with(ext)) return true;
  return false;
}

// A rebuild replaces the folder: refuse one holding anything else.
bool only_xapian_files(const fs::path& dir, std::string& stranger) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec) || !is_xapian_file(it->path().filename().string())) {
      stranger = it->path().string();
      return false;
    }
  }
  return true;
}

// The documents to index, one per id, as references the loader turns into
// documents; what the loading found on the way goes to the report.
struct Source {
  const std::vector<DocumentRef>& refs;
  std::vector<std::size_t> unique;  // indexes into refs, one per id, in first-seen order
  const DocumentLoader& load;
  const SyncProgress& progress;
};

// Loads refs[i] into `out`; false (with a warning) when the loader cannot.
bool load_one(const Source& src, std::size_t i, Document& out, std::vector<std::string>& warnings,
              std::vector<SyncReport::Cut>& cut) {
  std::optional<Document> d = src.load(i);
  if (!d) {
    warnings.push_back("document '" + src.refs[i].id + "' could not be read again; it is left out of the index");
    return false;
  }
  if (d->cut_from) cut.push_back({d->id, d->source.empty() ? d->id : d->source, d->cut_from});
  out = std::move(*d);
  return true;
}

// Adds every document to an empty database. Loading and term generation
// (most of the work) run in a second thread, one chunk ahead of the Xapian
// writes.
void add_all(Xapian::WritableDatabase& db, const Source& src, SyncReport& r) {
  struct Built {
    std::vector<Xapian::Document> docs;
    std::vector<std::vector<std::string>> spelling;
    std::vector<std::string> warnings;
    std::vector<SyncReport::Cut> cut;
  };
  constexpr std::size_t chunk = 256;
  const std::size_t n = src.unique.size();
  detail::Stems worker_stems;  // stemmers are not thread-safe: the worker has its own
  detail::DocIndexer indexer(worker_stems);
  // Only one chunk is built at a time, so the indexer and the loader are never shared.
  auto build = [&](std::size_t begin) {
    Built out;
    std::size_t end = std::min(n, begin + chunk);
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t i = src.unique[k];
      Document d;
      if (!load_one(src, i, d, out.warnings, out.cut)) continue;
      std::vector<std::string> spelling;
      out.docs.push_back(indexer.build(d, src.refs[i].hash, spelling));
      out.spelling.push_back(std::move(spelling));
    }
    return out;
  };
  std::future<Built> next;
  if (n) next = std::async(std::launch::async, build, 0);
  std::size_t added = 0;
  for (std::size_t begin = 0; begin < n; begin += chunk) {
    Built built = next.get();
    if (begin + chunk < n) next = std::async(std::launch::async, build, begin + chunk);
    for (std::size_t k = 0; k < built.docs.size(); ++k) {
      db.add_document(built.docs[k]);
      for (const auto& w : built.spelling[k]) db.add_spelling(w);
    }
    added += built.docs.size();
    r.warnings.insert(r.warnings.end(), built.warnings.begin(), built.warnings.end());
    r.cut.insert(r.cut.end(), built.cut.begin(), built.cut.end());
    if (src.progress) src.progress(std::min(n, begin + chunk), n);
  }
  db.set_metadata(detail::metadata_schema, std::to_string(index_schema_version));
  db.commit();
  r.added = added;
  r.total = added;
}

// Builds the whole index in a sibling folder, then swaps it in: readers of
// the old index are never disturbed, and a crash leaves the old one intact.
void full_build(const fs::path& dir, const Source& src, SyncReport& r) {
  std::string stranger;
  std::error_code ec;
  if (fs::exists(dir, ec) && !only_xapian_files(dir, stranger)) {
    r.action = IndexAction::failed;
    r.error = IndexError::io;
    r.message = "refusing to replace " + dir.string() + ": it holds " + stranger +
                ", which is not part of an index; use a folder of its own";
    return;
  }
  fs::path fresh = dir;
  fresh += ".new";
  fs::path old = dir;
  old += ".old";
  fs::remove_all(fresh, ec);
  fs::remove_all(old, ec);
  fs::create_directories(dir.parent_path(), ec);
  {
    // DB_NO_SYNC: the index is a cache; a crash at worst leaves a corrupt
    // index, which the next sync() detects and rebuilds.
    Xapian::WritableDatabase db(fresh.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    add_all(db, src, r);
    db.close();
  }
  if (fs::exists(dir, ec)) fs::rename(dir, old);
  fs::rename(fresh, dir);
  fs::remove_all(old, ec);
}

// [SECTION] Incremental update -----------------------------------------------

void incremental(Xapian::WritableDatabase& db, const Source& src, const detail::Stems& stems, SyncReport& r) {
  // What the index holds: id -> (docid, hash), from two value streams.
  struct Held {
    Xapian::docid docid;
    std::string hash;
  };
  std::unordered_map<std::string, Held> held;
  held.reserve(db.get_doccount());
  for (auto it = db.valuestream_begin(detail::slot_id); it != db.valuestream_end(detail::slot_id); ++it)
    held[*it] = {it.get_docid(), {}};
  std::unordered_map<Xapian::docid, std::string> hashes;
  hashes.reserve(held.size());
  for (auto it = db.valuestream_begin(detail::slot_hash); it != db.valuestream_end(detail::slot_hash); ++it)
    hashes[it.get_docid()] = *it;
  for (auto& [id, h] : held) h.hash = hashes[h.docid];

  auto forget_spelling = [&](Xapian::docid docid) {
    detail::StoredDoc old;
    if (!detail::decode(db.get_document(docid).get_data(), old)) return;
    std::size_t p = 0;
    while (p < old.spelling.size()) {
      std::size_t q = old.spelling.find(' ', p);
      if (q == std::string::npos) q = old.spelling.size();
      db.remove_spelling(old.spelling.substr(p, q - p));
      p = q + 1;
    }
  };

  detail::DocIndexer indexer(stems);
  std::vector<std::string> spelling;
  std::size_t loaded = 0, to_load = 0;
  for (std::size_t i : src.unique) {
    auto it = held.find(src.refs[i].id);
    if (it == held.end() || it->second.hash != detail::hash_value(src.refs[i].hash)) ++to_load;
  }
  for (std::size_t i : src.unique) {
    const std::uint64_t hash = src.refs[i].hash;
    auto it = held.find(src.refs[i].id);
    if (it != held.end() && it->second.hash == detail::hash_value(hash)) {
      ++r.unchanged;
      held.erase(it);
      continue;
    }
    Document d;
    const bool ok = load_one(src, i, d, r.warnings, r.cut);
    if (src.progress && to_load > 1) src.progress(++loaded, to_load);
    if (!ok) continue;  // an older copy the index held is removed below
    Xapian::Document xd = indexer.build(d, hash, spelling);
    if (it != held.end()) {
      forget_spelling(it->second.docid);
      db.replace_document(it->second.docid, xd);
      ++r.changed;
      held.erase(it);
    } else {
      db.add_document(xd);
      ++r.added;
    }
    for (const auto& w : spelling) db.add_spelling(w);
  }
  for (const auto& [id, h] : held) {
    forget_spelling(h.docid);
    db.delete_document(h.docid);
    ++r.removed;
  }
  if (r.added || r.changed || r.removed) {
    db.commit();
    r.action = IndexAction::updated;
  }
  r.total = db.get_doccount();
}

// [SECTION] Unwritable folders ------------------------------------------------

// Why `dir` cannot be written (the system's words), empty when it can: the
// folder, or the nearest existing folder above it when it is not there yet.
std::string unwritable(const fs::path& dir) {
  std::error_code ec;
  fs::path probe = dir;
  while (!probe.empty() && !fs::exists(probe, ec)) {
    if (probe == probe.parent_path()) break;
    probe = probe.parent_path();
  }
  if (probe.empty()) probe = ".";
  if (::access(probe.c_str(), W_OK) == 0) return {};
  const int err = errno;
  if (err != EACCES && err != EROFS && err != EPERM) return {};  // let Xapian say what else is wrong
  return std::strerror(err);
}

// A private folder of this user for the index of `dir`, the same for every
// run (so later runs update it): $TMPDIR/diagdesk-index-UID-HASH, 0700, never
// a symbolic link or someone else's. Empty when it cannot be had.
fs::path fallback_folder(const fs::path& dir) {
  std::error_code ec;
  char name[64];
  std::snprintf(name, sizeof name, "diagdesk-index-%u-%016llx", static_cast<unsigned>(::geteuid()),
                static_cast<unsigned long long>(std::hash<std::string>{}(fs::absolute(dir, ec).string())));
  fs::path tmp = fs::temp_directory_path(ec);
  if (ec) tmp = "/tmp";
  fs::path out = tmp / name;
  ::mkdir(out.c_str(), 0700);
  struct stat st {};
  if (::lstat(out.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()) return {};
  if ((st.st_mode & 077) != 0) ::chmod(out.c_str(), 0700);
  return out;
}

}  // namespace

// [SECTION] sync -------------------------------------------------------------

SyncReport Index::sync(const std::vector<Document>& docs, SyncMode mode) {
  std::vector<DocumentRef> refs;
  refs.reserve(docs.size());
  for (const Document& d : docs) refs.push_back({d.id, content_hash(d)});
  SyncReport r = sync(refs, [&](std::size_t i) { return std::optional<Document>(docs[i]); }, mode);
  // Every document given is at hand: say which are cut, indexed now or not.
  std::unordered_map<std::string_view, const Document*> last;
  for (const Document& d : docs) last[d.id] = &d;
  std::vector<SyncReport::Cut> cut;
  for (const Document& d : docs) {
    const Document* winner = last[d.id];
    if (winner != &d || !d.cut_from) continue;
    cut.push_back({d.id, d.source.empty() ? d.id : d.source, d.cut_from});
  }
  if (r.action != IndexAction::read_only) r.cut = std::move(cut);
  return r;
}

SyncReport Index::sync(const std::vector<DocumentRef>& refs, const DocumentLoader& load, SyncMode mode,
                       const SyncProgress& progress) {
  SyncReport r;
  auto t0 = Clock::now();
  Impl& m = *m_impl;
  m.reader.reset();  // reopened by the next search, after our changes

  // A folder that cannot be written is not "locked": the index goes to a
  // private temporary folder (rebuilt there the first time), search goes on.
  m.dir = m.requested;
  if (std::string why = unwritable(m.requested); !why.empty()) {
    if (fs::path fb = fallback_folder(m.requested); !fb.empty()) {
      m.dir = fb;
      r.fallback_dir = fb;
      r.unwritable = why;
      r.unwritable_dir = m.requested;
    } else {
      r.action = IndexAction::failed;
      r.error = IndexError::io;
      r.unwritable = why;
      r.unwritable_dir = m.requested;
      r.message = "cannot write the index at " + m.requested.string() + ": " + why +
                  ", and no private temporary folder could be made instead";
      return r;
    }
  }

  // One document per id: the later one wins.
  Source src{refs, {}, load, progress};
  {
    std::unordered_map<std::string_view, std::size_t> pos;
    src.unique.reserve(refs.size());
    for (std::size_t i = 0; i < refs.size(); ++i) {
      auto [it, fresh] = pos.emplace(refs[i].id, src.unique.size());
      if (fresh) {
        src.unique.push_back(i);
      } else {
        r.warnings.push_back("document '" + refs[i].id + "' given twice; the later one is indexed");
        src.unique[it->second] = i;
      }
    }
  }

  auto rebuild = [&](RebuildReason why) {
    r.reason = why;
    r.added = r.changed = r.removed = r.unchanged = 0;  // an interrupted incremental pass counted some
    r.cut.clear();
    full_build(m.dir, src, r);
    if (r.action == IndexAction::failed) return;
    r.action = why == RebuildReason::none ? IndexAction::created : IndexAction::rebuilt;
  };

  try {
    if (!m.exists()) {
      rebuild(RebuildReason::none);
    } else {
      std::string why_corrupt;
      bool corrupt = false, stale = false;
      try {
        Xapian::WritableDatabase db(m.dir.string(), Xapian::DB_OPEN);
        if (db.get_metadata(detail::metadata_schema) != std::to_string(index_schema_version)) {
          stale = true;
        } else if (mode == SyncMode::incremental) {
          incremental(db, src, m.stems, r);
        }
        db.close();
      } catch (const Xapian::DatabaseLockError&) {
        throw;
      } catch (const Xapian::DatabaseVersionError& e) {
        stale = true;
        why_corrupt = e.get_msg();
      } catch (const Xapian::Error& e) {
        // Corrupt, unreadable or half-written files (DatabaseCorruptError,
        // DatabaseOpeningError, and whatever garbage makes the reader throw):
        // start again from the documents.
        corrupt = true;
        why_corrupt = e.get_description();
      }
      if (corrupt) rebuild(RebuildReason::corrupt);
      else if (stale) rebuild(RebuildReason::stale);
      else if (mode == SyncMode::rebuild) rebuild(RebuildReason::requested);
      if (corrupt && !why_corrupt.empty()) r.warnings.push_back("index error: " + why_corrupt);
    }
  } catch (const Xapian::DatabaseLockError&) {
    m.read_only = true;
    const fs::path fallback = r.fallback_dir;
    const std::string why = r.unwritable;
    r = SyncReport{};
    r.fallback_dir = fallback;
    r.unwritable = why;
    r.unwritable_dir = fallback.empty() ? fs::path{} : m.requested;
    r.action = IndexAction::read_only;
    r.error = IndexError::locked;
    r.total = size();
    r.message = "the index at " + m.dir.string() +
                " is locked by another process (another Diagdesk indexing?); it was not updated, "
                "searching uses it as it is";
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return r;
  } catch (const Xapian::Error& e) {
    r.action = IndexAction::failed;
    r.error = IndexError::other;
    r.message = "could not write the index at " + m.dir.string() + ": " + e.get_description();
  } catch (const fs::filesystem_error& e) {
    r.action = IndexAction::failed;
    r.error = IndexError::io;
    r.message = std::string("could not write the index: ") + e.what();
  }
  m.read_only = false;
  r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();

  if (r.message.empty()) {
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f s", r.seconds);
    switch (r.action) {
      case IndexAction::up_to_date:
        r.message = "index up to date (" + plural(r.total, "document") + ")";
        break;
      case IndexAction::created:
        r.message = "index created: " + plural(r.total, "document") + " in " + secs;
        break;
      case IndexAction::updated:
        r.message = "index updated: " + std::to_string(r.added) + " added, " +
                    std::to_string(r.changed) + " changed, " + std::to_string(r.removed) +
                    " removed, " + std::to_string(r.unchanged) + " unchanged (" + secs + ")";
        break;
      case IndexAction::rebuilt:
        r.message = std::string("index rebuilt (") +
                    (r.reason == RebuildReason::corrupt   ? "it was corrupt"
                     : r.reason == RebuildReason::stale   ? "it was made by another version"
                                                          : "as requested") +
                    "): " + plural(r.total, "document") + " in " + secs;
        break;
      default:
        break;
    }
  }
  if (!r.fallback_dir.empty()) {
    r.message += "; the index folder " + m.requested.string() + " cannot be written (" + r.unwritable +
                 "): the index is kept in " + r.fallback_dir.string() + " instead, nothing is lost";
  }
  return r;
}

}  // namespace diagdesk::kb
