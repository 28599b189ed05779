#pragma once
// Helpers of the store tests (test_store_faults.cpp, test_store_backup.cpp).

#include "fixture.hpp"

#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/service/sqlite_store.hpp>

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <memory>
#include <string>
#include <vector>

namespace test {

/// Opens `file`; the test stops (with the store's detail) when it cannot.
inline std::unique_ptr<diagdesk::service::SqliteStore> open_store(const fs::path& file,
                                                                  diagdesk::service::OpenOptions options = {}) {
  diagdesk::service::StoreStatus status;
  auto store = diagdesk::service::SqliteStore::open(file, options, status);
  INFO(status.detail);
  REQUIRE(store);
  return store;
}

/// Saves a new incident titled `title` (caller Marie Dupont, opened by anna)
/// into `t` and returns what the store said.
inline diagdesk::service::StoreStatus add(diagdesk::service::Store& store, const std::string& title,
                                          diagdesk::service::Ticket& t, const std::string& description = "") {
  using namespace diagdesk::service;
  t = {};
  t.title = title;
  t.caller_name = "Marie Dupont";
  t.description = description;
  Edit e{"anna", 1000, {}};
  REQUIRE(open_ticket(t, e, {}) == CreateError::none);
  return store.create(t, 2026, e.events);
}

/// How many tickets the store holds.
inline std::size_t count(diagdesk::service::Store& store) {
  std::vector<diagdesk::service::Ticket> all;
  REQUIRE(store.list({}, all).ok());
  return all.size();
}

/// The permission bits of `p`.
inline unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace test
