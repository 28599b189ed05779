#pragma once
/// The SQLite store: one file, <data_dir>/service.sqlite, in WAL mode with
/// foreign keys on, a `schema_version` table and numbered migrations
/// applied in order when the file is opened.
///
///     StoreStatus status;
///     auto store = SqliteStore::open(data_dir / "service.sqlite", {}, status);
///     if (!store) tell(status.detail);      // corrupt, read-only, too new...

#include <diagdesk/service/store.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace diagdesk::service {

/// The newest schema this build knows.
int latest_schema_version();

/// How to open.
struct OpenOptions {
  int migrate_to = 0;      ///< 0: the latest; tests stop at an older schema
  /// Never write. Also chosen, whoever runs us (root included), for a file
  /// or a folder with no write bit. In WAL mode a reader still creates the
  /// -shm file, so a read-only folder as a plain user gives read_only.
  bool read_only = false;
  /// How long a write waits for another connection's write lock before
  /// StoreError::locked. 5 s: a CLI and a GUI sharing the file never see it;
  /// tests use a few milliseconds.
  int busy_timeout_ms = 5000;
  /// Tests: caps the file at this many pages (PRAGMA max_page_count) to play
  /// a full disk; 0 leaves it alone.
  int max_page_count = 0;
};

/// Why a backup target is refused before anything is written.
enum class BackupRefusal {
  none,           ///< it can take the backup
  symbolic_link,  ///< never written through: it could point anywhere
  not_a_file,     ///< a folder or a device
  the_database,   ///< the live database itself (renaming over it would cut it from open connections)
  no_folder       ///< its folder does not exist
};

class SqliteStore final : public Store {
 public:
  /// Opens (creating it and its folder when missing, the file readable and
  /// writable by its owner only, 0600) and migrates. Returns nullptr with
  /// `status` set on failure: corrupt, too_new, read_only (when the file must
  /// be created or migrated), locked, io (a symbolic link, a folder or a
  /// device at `file`: never written through, never opened). Every detail
  /// starts with the file's path.
  static std::unique_ptr<SqliteStore> open(const std::filesystem::path& file, OpenOptions options,
                                           StoreStatus& status);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  StoreStatus create(Ticket& ticket, int year, std::vector<Event>& events) override;
  StoreStatus update(Ticket& ticket, std::vector<Event>& events) override;
  StoreStatus get(std::string_view number, Ticket& out) override;
  StoreStatus list(const TicketFilter& filter, std::vector<Ticket>& out) override;
  StoreStatus history(std::int64_t ticket_id, std::vector<Event>& out) override;
  StoreStatus import_tickets(std::vector<TicketRecord>& records) override;  // sqlite_import.cpp
  // Assets (sqlite_assets.cpp); before schema 3 (tests only) they say io.
  StoreStatus create_asset(Asset& asset, std::vector<AssetEvent>& events) override;
  StoreStatus update_asset(Asset& asset, std::vector<AssetEvent>& events) override;
  StoreStatus get_asset(std::string_view tag, Asset& out) override;
  StoreStatus find_asset_by_serial(std::string_view serial, Asset& out) override;
  StoreStatus list_assets(const AssetFilter& filter, std::vector<Asset>& out) override;
  StoreStatus asset_history(std::int64_t asset_id, std::vector<AssetEvent>& out) override;
  // Failures of the database itself (locked, full, corrupt, read_only, io)
  // have a detail starting with the file's path; stale and not_found do not.

  /// The schema version of the open file.
  int schema_version() const { return m_schema; }
  /// True when opened read-only.
  bool read_only() const { return m_read_only; }
  /// The file's path (every failure detail starts with it).
  const std::string& path() const { return m_path; }
  /// The open connection, for the SQLite stores of the other service parts
  /// (problems, quotes, privacy: sqlite_problems.cpp...) that share the file,
  /// its transactions and its batches. Not for front ends.
  sqlite3* handle() { return m_db; }
  /// Copies the live database to `target` with SQLite's online backup API
  /// (other connections may keep writing) and sets `tickets` (when given) to
  /// the number of tickets in the copy. The copy is one self-contained file
  /// (no -wal beside it), owner-only (0600), written to a temporary file in
  /// the target's folder and renamed over `target` at the end, so a failed
  /// backup leaves the old file as it was. Refused (io, nothing written):
  /// a symbolic link, a folder or a device at `target`, the database itself,
  /// a missing folder. read_only / full when the folder cannot be written.
  /// Every detail starts with the target's path.
  StoreStatus backup(const std::filesystem::path& target, std::int64_t* tickets = nullptr);
  /// What backup() would refuse `target` for (front ends use it to word the refusal).
  BackupRefusal backup_refusal(const std::filesystem::path& target) const;
  /// PRAGMA integrity_check: empty when fine, else SQLite's findings.
  StoreStatus check(std::vector<std::string>& findings);

  // [Batches] As Store says; one fsync for the batch instead of one per change.
  StoreStatus begin_batch() override;
  StoreStatus commit_batch() override;
  void rollback_batch() override;

 private:
  SqliteStore(sqlite3* db, std::string path, bool read_only, int schema);
  /// An SQLite failure as a status whose detail starts with the file's path.
  StoreStatus fault(int rc, const std::string& what) const;
  sqlite3* m_db;
  std::string m_path;
  bool m_read_only;
  int m_schema;
};

}  // namespace diagdesk::service
