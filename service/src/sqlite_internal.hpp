#pragma once
// What the SQLite store's source files share (sqlite_store.cpp for tickets,
// sqlite_assets.cpp for assets): the statement and transaction wrappers and
// the mapping of SQLite's codes to StoreStatus. Internal: not installed.
#include <diagdesk/service/store.hpp>

#include <sqlite3.h>

#include <optional>
#include <string>

namespace diagdesk::service::sqlite_detail {

inline constexpr const char* read_only_why =
    "the database is open read only (the file or its folder has no write permission); nothing was saved";

inline StoreStatus from_sqlite(int rc, sqlite3* db, const std::string& what) {
  const std::string sqlite_says = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  StoreStatus s;
  switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW: return s;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      s.error = StoreError::locked;
      s.detail = what + ": another program (a Diagdesk window or command?) has held the database's write lock "
                        "longer than the wait; nothing was saved, try again";
      return s;
    case SQLITE_READONLY: s.error = StoreError::read_only; break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: s.error = StoreError::corrupt; break;
    case SQLITE_FULL:
      s.error = StoreError::full;
      s.detail = what + ": the disk is full; nothing of this change was saved, free some space and try again";
      return s;
    default: s.error = StoreError::io; break;
  }
  s.detail = what + ": " + sqlite_says;
  return s;
}

/// Asks Stmt to keep its statement prepared for the next use on the same
/// connection (reset instead of finalised): for the few statements an import
/// runs thousands of times. `sql` must be a string literal (the cache's key
/// is its address) and the statement must not be in use twice at once.
struct Cached {};

/// The statement kept for (db, sql), prepared on first use; nullptr with `rc`
/// set when it does not prepare. forget_statements() finalises a
/// connection's statements: SqliteStore calls it before closing.
sqlite3_stmt* cached_statement(sqlite3* db, const char* sql, int& rc);
void forget_statements(sqlite3* db);

/// A prepared statement, finalised on destruction (or, Cached, reset and
/// kept for the next use). Binds are 1-based.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : m_db(db) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_st, nullptr); }
  Stmt(sqlite3* db, const char* sql, Cached) : m_db(db), m_cached(true) { m_st = cached_statement(db, sql, m_rc); }
  ~Stmt() {
    if (!m_cached) {
      sqlite3_finalize(m_st);
    } else if (m_st) {
      sqlite3_reset(m_st);
      sqlite3_clear_bindings(m_st);
    }
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return m_rc == SQLITE_OK; }
  int prepare_rc() const { return m_rc; }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(m_st, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(m_st, i, v);
    return *this;
  }
  Stmt& bind_null(int i) {
    sqlite3_bind_null(m_st, i);
    return *this;
  }
  Stmt& bind(int i, const std::optional<Time>& v) {
    if (v) sqlite3_bind_int64(m_st, i, *v);
    else sqlite3_bind_null(m_st, i);
    return *this;
  }
  /// SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return ok() ? sqlite3_step(m_st) : m_rc; }
  std::string text(int col) const {
    const unsigned char* t = sqlite3_column_text(m_st, col);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(m_st, col)))
             : std::string();
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(m_st, col); }
  std::optional<Time> maybe(int col) const {
    if (sqlite3_column_type(m_st, col) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_int64(m_st, col);
  }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_st = nullptr;
  int m_rc = SQLITE_OK;
  bool m_cached = false;
};

inline int exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

/// A write transaction: BEGIN IMMEDIATE takes the write lock at once, so two
/// writers wait for each other (busy timeout) instead of failing mid-way.
/// Rolls back unless committed. Inside a batch (SqliteStore::begin_batch, a
/// transaction already open) it is a savepoint: a refused change is undone
/// alone and the batch goes on; the batch's commit makes them all durable.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : m_db(db), m_nested(sqlite3_get_autocommit(db) == 0) {
    m_rc = exec(db, m_nested ? "SAVEPOINT change" : "BEGIN IMMEDIATE");
  }
  ~Transaction() {
    if (m_rc != SQLITE_OK || m_done) return;
    if (m_nested) {
      exec(m_db, "ROLLBACK TO change");
      exec(m_db, "RELEASE change");
    } else {
      exec(m_db, "ROLLBACK");
    }
  }
  int begin_rc() const { return m_rc; }
  int commit() {
    m_done = true;
    if (m_nested) {
      const int rc = exec(m_db, "RELEASE change");
      if (rc != SQLITE_OK) {
        exec(m_db, "ROLLBACK TO change");
        exec(m_db, "RELEASE change");
      }
      return rc;
    }
    const int rc = exec(m_db, "COMMIT");
    if (rc != SQLITE_OK) exec(m_db, "ROLLBACK");
    return rc;
  }

 private:
  sqlite3* m_db;
  bool m_nested;
  int m_rc;
  bool m_done = false;
};

}  // namespace diagdesk::service::sqlite_detail
