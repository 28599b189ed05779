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
  bool read_only = false;  ///< never write (also chosen for a file with no write permission)
};

class SqliteStore final : public Store {
 public:
  /// Opens (creating it and its folder when missing) and migrates. Returns
  /// nullptr with `status` set on failure: corrupt, too_new, read_only
  /// (when the file must be created or migrated), locked, io.
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

  /// The schema version of the open file.
  int schema_version() const { return m_schema; }
  /// True when opened read-only.
  bool read_only() const { return m_read_only; }
  /// Copies the live database to `target` with SQLite's online backup API
  /// (other connections may keep writing). `target` is replaced.
  StoreStatus backup(const std::filesystem::path& target);
  /// PRAGMA integrity_check: empty when fine, else SQLite's findings.
  StoreStatus check(std::vector<std::string>& findings);

 private:
  SqliteStore(sqlite3* db, bool read_only, int schema);
  sqlite3* m_db;
  bool m_read_only;
  int m_schema;
};

}  // namespace diagdesk::service
