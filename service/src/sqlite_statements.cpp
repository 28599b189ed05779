// The statements the store keeps prepared per connection (Stmt with
// Cached{}): an import saving thousands of assets prepares its INSERTs once
// instead of once per asset. One map for every connection of the process,
// behind a mutex (the GUI's background jobs open desks of their own); each
// statement is only used on its own connection.
#include "sqlite_internal.hpp"

#include <map>
#include <mutex>
#include <utility>

namespace diagdesk::service::sqlite_detail {

namespace {

std::mutex cache_mutex;
std::map<std::pair<sqlite3*, const char*>, sqlite3_stmt*>& cache() {
  static std::map<std::pair<sqlite3*, const char*>, sqlite3_stmt*> statements;
  return statements;
}

}  // namespace

sqlite3_stmt* cached_statement(sqlite3* db, const char* sql, int& rc) {
  std::lock_guard lock(cache_mutex);
  auto& statements = cache();
  if (auto it = statements.find({db, sql}); it != statements.end()) {
    rc = SQLITE_OK;
    return it->second;
  }
  sqlite3_stmt* st = nullptr;
  rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(st);
    return nullptr;
  }
  statements.emplace(std::pair{db, sql}, st);
  return st;
}

void forget_statements(sqlite3* db) {
  std::lock_guard lock(cache_mutex);
  auto& statements = cache();
  for (auto it = statements.lower_bound({db, nullptr}); it != statements.end() && it->first.first == db;) {
    sqlite3_finalize(it->second);
    it = statements.erase(it);
  }
}

}  // namespace diagdesk::service::sqlite_detail
