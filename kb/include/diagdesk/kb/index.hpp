#pragma once
/// The search index: a Xapian database in a folder of the user data
/// directory, derived from documents and rebuilt on its own when missing,
/// stale (older index schema) or corrupt. Losing it loses nothing.
///
///     diagdesk::kb::Index index(data_dir / "index");
///     index.set_synonyms(diagdesk::kb::load_synonyms("data/synonyms.toml").synonyms);
///     auto report = index.sync(documents);     // incremental by content hash
///     std::cout << report.message << '\n';      // "index updated: 2 added, 1 changed..."
///     auto results = index.search({.text = "reseau lent", .ui_lang = "fr"});
///
/// An Index is not thread-safe: use one per thread (each opens its own
/// reader). Several processes may search the same folder; one writes at a time.

#include <diagdesk/kb/document.hpp>
#include <diagdesk/kb/search.hpp>
#include <diagdesk/kb/synonyms.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::kb {

/// Version of the term scheme; an index written by another version is
/// "stale" and rebuilt by sync().
inline constexpr int index_schema_version = 5;

enum class SyncMode {
  incremental,  ///< re-index only what changed (the index is rebuilt if unusable)
  rebuild,      ///< throw the index away and build it again
};

/// What sync() did.
enum class IndexAction {
  up_to_date,  ///< nothing had changed
  created,     ///< there was no index: built from scratch
  updated,     ///< changed documents re-indexed, deleted ones removed
  rebuilt,     ///< built from scratch again (see RebuildReason)
  read_only,   ///< another process holds the write lock: index left as it was
  failed,      ///< could not write the index (see IndexError and message)
};

enum class RebuildReason { none, stale, corrupt, requested };

/// Why sync() could not write (Xapian's exceptions stop inside kb). A
/// corrupt or stale index is not an error: sync() rebuilds it.
enum class IndexError {
  none,
  locked,  ///< another process holds the write lock (action read_only)
  io,      ///< the folder cannot be written or holds other files
  other,   ///< any other Xapian error (see message)
};

/// The outcome of sync(): counts, timing, and a sentence saying what happened.
struct SyncReport {
  IndexAction action = IndexAction::up_to_date;
  RebuildReason reason = RebuildReason::none;
  IndexError error = IndexError::none;
  std::size_t added = 0;      ///< documents new to the index
  std::size_t changed = 0;    ///< documents re-indexed because their content hash changed
  std::size_t removed = 0;    ///< documents no longer given, deleted from the index
  std::size_t unchanged = 0;
  std::size_t total = 0;      ///< documents in the index afterwards
  double seconds = 0;
  std::string message;        ///< English, one or two sentences
  std::vector<std::string> warnings;  ///< e.g. a document id given twice (the later one is kept)
  /// Set when the index folder cannot be written (permission denied, a
  /// read-only file system): the index was built and kept in this private
  /// temporary folder instead, search uses it, nothing is lost; `unwritable`
  /// gives the system's reason, `unwritable_dir` the folder. The action then
  /// says what was done there.
  std::filesystem::path fallback_dir;
  std::string unwritable;
  std::filesystem::path unwritable_dir;
  /// Documents whose text was longer than max_indexed_text_bytes(): only
  /// their beginning is indexed (`source` names the file, `size` its text).
  struct Cut {
    std::string id;
    std::string source;
    std::size_t size = 0;
  };
  std::vector<Cut> cut;
};

/// Stable names ("up_to_date", "corrupt"...), for --json output.
const char* to_string(IndexAction action);
const char* to_string(RebuildReason reason);
const char* to_string(IndexError error);

/// A document the caller can produce when the index needs it: its id and
/// its content_hash(). sync() reads the body of no document whose hash the
/// index already holds.
struct DocumentRef {
  std::string id;
  std::uint64_t hash = 0;
};
/// Builds the document of refs[i]; nullopt when it can no longer be had (a
/// file that vanished): that document is left out, with a warning. Called
/// from sync()'s indexing thread, one call at a time.
using DocumentLoader = std::function<std::optional<Document>(std::size_t i)>;
/// How far a rebuild has got (documents indexed, documents in all), called
/// from sync() now and then so a front end can draw a progress bar.
using SyncProgress = std::function<void(std::size_t done, std::size_t total)>;

/// The team knowledge base's index served by `xapian-tcpsrv` (read only):
/// searched in the same query as the local index, its results saying their
/// own layer (the one the index was built with, "team").
struct RemoteIndex {
  std::string host;
  unsigned port = 0;
  int timeout_ms = 3000;          ///< for each exchange with the server
  int connect_timeout_ms = 1000;  ///< for the connection
  /// While the server cannot be reached, searches use the local index alone
  /// and try the server again after this long.
  int retry_after_ms = 5000;
  /// A connection is opened again after this long. The indexing machine
  /// rebuilds the team index into a new folder that takes the old one's place,
  /// and the server keeps each connection on the database it opened: the
  /// new connection sees the new index.
  int refresh_after_ms = 10000;
};

/// "host:port" (or "[ipv6]:port") as a RemoteIndex; nullopt when malformed.
std::optional<RemoteIndex> parse_remote_index(std::string_view text);

class Index {
 public:
  /// Nothing is opened yet: sync() creates or repairs the database, search()
  /// opens it read-only. `dir` should be dedicated to the index: a rebuild
  /// removes the Xapian files in it (and only those).
  explicit Index(std::filesystem::path dir);
  ~Index();
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;

  /// Brings the index in line with `docs` (one entry per id; for a repeated
  /// id the later one wins, with a warning). Missing, stale or corrupt
  /// indexes are rebuilt, and the report says so. When another process holds
  /// the write lock, nothing is written, the report says read_only, and
  /// search() keeps working on the existing index. When the folder cannot be
  /// written at all (permission, read-only file system), the index is kept in
  /// a private temporary folder instead (SyncReport::fallback_dir). Never throws.
  SyncReport sync(const std::vector<Document>& docs, SyncMode mode = SyncMode::incremental);

  /// The same from references: only the documents new to the index or whose
  /// hash changed are loaded (all of them for a rebuild). `progress`, when
  /// set, is told how far the documents loaded have got.
  SyncReport sync(const std::vector<DocumentRef>& refs, const DocumentLoader& load,
                  SyncMode mode = SyncMode::incremental, const SyncProgress& progress = {});

  /// Searches the index; see SearchQuery and SearchResults. Never throws.
  SearchResults search(const SearchQuery& query);

  /// Replaces the synonym groups used by search().
  void set_synonyms(const Synonyms& synonyms);
  /// Adds the team's remote index to every search (nullopt removes it). A
  /// server down or unreachable never fails a search: the results come from
  /// the local index with SearchNotice::team_offline, and the server is tried
  /// again on its own (RemoteIndex::retry_after_ms). size() and revision()
  /// stay the local index's.
  void set_remote(std::optional<RemoteIndex> remote);
  /// The remote index set, and whether the last search reached it.
  const std::optional<RemoteIndex>& remote() const;
  bool remote_online() const;

  /// Documents in the index (0 when it cannot be opened).
  std::size_t size();
  /// The database's revision (bumped by every commit that wrote something),
  /// 0 when it cannot be opened. Lets a caller prove a sync wrote nothing.
  std::uint64_t revision();
  /// True when the last sync() found the index locked by another writer.
  bool read_only() const;
  const std::filesystem::path& dir() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace diagdesk::kb
