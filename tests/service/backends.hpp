#pragma once
// The store backends of the shared suite (test_store_contract.cpp and the
// other store tests): every test written with each_backend() runs once on
// SQLite (a file in a temporary folder) and once on PostgreSQL (a fresh
// database in the throw-away cluster that ctest starts before the service
// tests: scripts/pg_cluster.sh, tests/service/CMakeLists.txt).
//
//     test::each_backend([](test::Backend& b) {
//       auto cli = b.open(), gui = b.open();   // two connections to the same data
//       ...
//     });

#include "fixture.hpp"
#include "pg_fixture.hpp"

#include <diagdesk/service/pg_store.hpp>
#include <diagdesk/service/sqlite_store.hpp>

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <functional>
#include <memory>
#include <string>

namespace test {

/// One backend of the shared suite.
class Backend {
 public:
  virtual ~Backend() = default;
  /// A new connection to this backend's data; the test stops when it cannot open.
  virtual std::unique_ptr<diagdesk::service::Store> open() = 0;
  virtual std::string name() const = 0;
  /// Runs SQL on the data behind the store's back, as its owner (the file's
  /// user, the database's administrator): "" or the database's error.
  virtual std::string raw_sql(const std::string& sql) = 0;
};

class SqliteBackend final : public Backend {
 public:
  std::unique_ptr<diagdesk::service::Store> open() override {
    diagdesk::service::StoreStatus status;
    auto store = diagdesk::service::SqliteStore::open(m_dir.path() / "service.sqlite", {}, status);
    INFO(status.detail);
    REQUIRE(store);
    return store;
  }
  std::string name() const override { return "sqlite"; }
  std::string raw_sql(const std::string& sql) override {
    sqlite3* db = nullptr;
    std::string error;
    if (sqlite3_open((m_dir.path() / "service.sqlite").c_str(), &db) != SQLITE_OK) error = sqlite3_errmsg(db);
    else if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) error = sqlite3_errmsg(db);
    sqlite3_close(db);
    return error;
  }

 private:
  TempDir m_dir;
};

class PgBackend final : public Backend {
 public:
  std::unique_ptr<diagdesk::service::Store> open() override { return open_pg(); }
  std::unique_ptr<diagdesk::service::PgStore> open_pg(diagdesk::service::PgOptions options = {}) {
    diagdesk::service::StoreStatus status;
    auto store = diagdesk::service::PgStore::open(m_db.admin(), options, status);
    INFO(status.detail);
    REQUIRE(store);
    return store;
  }
  std::string name() const override { return "postgresql"; }
  std::string raw_sql(const std::string& sql) override { return pg_exec(m_db.admin(), sql); }
  const PgDatabase& database() const { return m_db; }

 private:
  PgDatabase m_db;
};

/// Runs `body` once per backend, each in its own doctest subcase.
inline void each_backend(const std::function<void(Backend&)>& body) {
  for (const char* kind : {"sqlite", "postgresql"}) {
    SUBCASE(kind) {
      std::unique_ptr<Backend> b;
      if (std::string(kind) == "sqlite") b = std::make_unique<SqliteBackend>();
      else b = std::make_unique<PgBackend>();
      body(*b);
    }
  }
}

}  // namespace test
