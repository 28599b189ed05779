#pragma once
// Helpers of the store tests (test_store_contract.cpp, test_store.cpp,
// test_store_assets.cpp, test_store_faults.cpp, test_store_backup.cpp...).

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

/// Creates an incident (or request) with `title`, caller Marie Dupont,
/// category network, opened by "anna" at `at`; the test stops if refused.
inline diagdesk::service::Ticket create_ticket(diagdesk::service::Store& store, const std::string& title,
                                               int year = 2026,
                                               diagdesk::service::TicketType type = diagdesk::service::TicketType::incident,
                                               diagdesk::service::Time at = 1000) {
  using namespace diagdesk::service;
  Ticket t;
  t.type = type;
  t.title = title;
  t.caller_name = "Marie Dupont";
  t.category = "network";
  Edit e{"anna", at, {}};
  REQUIRE(open_ticket(t, e, {}) == CreateError::none);
  const StoreStatus s = store.create(t, year, e.events);
  INFO(s.detail);
  REQUIRE(s.ok());
  return t;
}

/// An asset not yet saved, created and updated at 1000.
inline diagdesk::service::Asset make_asset(const std::string& tag, diagdesk::service::AssetType type,
                                           const std::string& serial = "") {
  diagdesk::service::Asset a;
  a.tag = tag;
  a.type = type;
  a.serial = serial;
  a.created_at = a.updated_at = 1000;
  return a;
}

/// Saves `a` with its `created` event by anna; the test stops if refused.
inline diagdesk::service::Asset saved_asset(diagdesk::service::Store& store, diagdesk::service::Asset a) {
  using namespace diagdesk::service;
  std::vector<AssetEvent> events(1);
  events[0].kind = EventKind::created;
  events[0].actor = "anna";
  events[0].at = a.created_at;
  const auto s = store.create_asset(a, events);
  INFO(s.detail);
  REQUIRE(s.ok());
  return a;
}

/// Saves a ticket opened on the asset `tag`.
inline diagdesk::service::Ticket ticket_on(diagdesk::service::Store& store, const std::string& title,
                                           const std::string& tag) {
  using namespace diagdesk::service;
  Ticket t;
  t.title = title;
  t.caller_name = "Marie Dupont";
  t.asset_tag = tag;
  Edit e{"anna", 1000, {}};
  REQUIRE(open_ticket(t, e, PriorityMatrix{}) == CreateError::none);
  REQUIRE(store.create(t, 2026, e.events).ok());
  return t;
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
