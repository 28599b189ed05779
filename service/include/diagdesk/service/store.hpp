#pragma once
/// Where tickets and assets live. The domain logic talks to this interface
/// only: the SQLite store (sqlite_store.hpp, one file per desk) and the
/// PostgreSQL store (pg_store.hpp, a team server) pass the same test suite
/// (tests/service/test_store_contract.cpp).
///
/// Rules of the group: every call returns a StoreStatus (never throws); a
/// change is one transaction (the ticket row and its events together, or
/// nothing); `update` refuses a ticket whose version is not the stored one
/// (someone else saved a change since it was read: StoreError::stale).
///
///     Edit e{"marie", now};
///     open_ticket(t, e, matrix);
///     if (auto s = store.create(t, 2026, e.events); !s.ok()) tell(s.detail);

#include <diagdesk/service/asset.hpp>
#include <diagdesk/service/ticket.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::service {

/// What went wrong with the store.
enum class StoreError {
  none,
  not_found,   ///< no ticket with that number
  stale,       ///< the ticket was changed by someone else since it was read
  corrupt,     ///< the file is not a database, or is damaged
  read_only,   ///< the file (or its folder) cannot be written
  locked,      ///< another process holds the database too long
  full,        ///< the disk is full
  too_new,     ///< made by a newer Diagdesk (a higher schema version)
  duplicate,   ///< an asset with that tag, or that serial number, exists already
  io,          ///< any other failure (detail says which)
  denied,      ///< the server refused: this login's role has no right to do that (PostgreSQL)
  unreachable  ///< the server cannot be reached or the connection was lost (PostgreSQL); nothing was saved
};

/// Stable name of an error ("stale"...).
std::string_view name(StoreError e);

/// The outcome of a store call: an error and a sentence in English for logs
/// (front ends translate from the error and `detail`).
struct StoreStatus {
  StoreError error = StoreError::none;
  std::string detail;
  bool ok() const { return error == StoreError::none; }
};

/// Which tickets `list` returns (every set field must match).
struct TicketFilter {
  std::optional<Status> status;
  std::optional<int> priority;
  std::optional<std::string> operator_name;
  std::optional<TicketType> type;
  std::optional<std::string> asset_tag;  ///< the tickets of one asset
};

/// Which assets `list_assets` returns (every set field must match).
struct AssetFilter {
  std::optional<AssetType> type;
  std::optional<std::string> site;
  std::optional<std::string> user;
  /// Warranty ending on or after this date (assets with no warranty end never match)...
  std::optional<Date> warranty_from;
  /// ...and before this one: "ending within 30 days" is [today, today + 30).
  std::optional<Date> warranty_before;
};

/// The store interface.
class Store {
 public:
  virtual ~Store() = default;

  /// Saves a new ticket: gives it its id, its number (the next of its type
  /// for `year`) and version 1, and saves `events` with it.
  virtual StoreStatus create(Ticket& ticket, int year, std::vector<Event>& events) = 0;
  /// Saves a changed ticket and its new events if `ticket.version` is still
  /// the stored version; then bumps `ticket.version`. Else `stale`.
  virtual StoreStatus update(Ticket& ticket, std::vector<Event>& events) = 0;
  /// The ticket with that number (`not_found` when none).
  virtual StoreStatus get(std::string_view number, Ticket& out) = 0;
  /// Tickets matching `filter`, by priority then creation time.
  virtual StoreStatus list(const TicketFilter& filter, std::vector<Ticket>& out) = 0;
  /// A ticket's events, oldest first.
  virtual StoreStatus history(std::int64_t ticket_id, std::vector<Event>& out) = 0;

  /// Restores exported tickets as they were: numbers, times, version,
  /// statuses, sessions and every event with its time, all in one
  /// transaction (all or nothing). Gives each ticket and event its new id;
  /// raises the number counters past the imported numbers. `duplicate` when a
  /// number exists already (nothing saved).
  virtual StoreStatus import_tickets(std::vector<TicketRecord>& records) = 0;

  // [Assets] Same rules as tickets: one transaction with the events, a
  // version check on update (stale), `duplicate` for a tag or a serial
  // number already taken, `not_found` when no asset matches.
  /// Saves a new asset (check_asset() first): gives it its id and version 1,
  /// and saves `events` with it.
  virtual StoreStatus create_asset(Asset& asset, std::vector<AssetEvent>& events) = 0;
  /// Saves a changed asset if `asset.version` is still the stored one, then bumps it.
  virtual StoreStatus update_asset(Asset& asset, std::vector<AssetEvent>& events) = 0;
  /// The asset with that tag.
  virtual StoreStatus get_asset(std::string_view tag, Asset& out) = 0;
  /// The asset with that serial number (never matches an empty serial).
  virtual StoreStatus find_asset_by_serial(std::string_view serial, Asset& out) = 0;
  /// Assets matching `filter`, by tag.
  virtual StoreStatus list_assets(const AssetFilter& filter, std::vector<Asset>& out) = 0;
  /// An asset's events, oldest first.
  virtual StoreStatus asset_history(std::int64_t asset_id, std::vector<AssetEvent>& out) = 0;
  // [Batches] Many changes in one transaction (an import): between
  // begin_batch and commit_batch every change is a savepoint (a refused one
  // is undone alone), nothing is durable before commit_batch, and
  // rollback_batch (or closing the store) undoes them all. Batches do not nest.
  virtual StoreStatus begin_batch() = 0;
  virtual StoreStatus commit_batch() = 0;
  virtual void rollback_batch() = 0;

  /// The tickets opened on an asset (Ticket::asset_tag), by priority then creation time.
  StoreStatus asset_tickets(std::string_view tag, std::vector<Ticket>& out) {
    TicketFilter f;
    f.asset_tag = std::string(tag);
    return list(f, out);
  }
};

}  // namespace diagdesk::service
