#pragma once
/// Where tickets live. The domain logic talks to this interface only, so a
/// PostgreSQL store can follow the SQLite one (sqlite_store.hpp).
///
/// Rules of the group: every call returns a StoreStatus (never throws); a
/// change is one transaction (the ticket row and its events together, or
/// nothing); `update` refuses a ticket whose version is not the stored one
/// (someone else saved a change since it was read: StoreError::stale).
///
///     Edit e{"marie", now};
///     open_ticket(t, e, matrix);
///     if (auto s = store.create(t, 2026, e.events); !s.ok()) tell(s.detail);

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
  io           ///< any other failure (detail says which)
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
};

}  // namespace diagdesk::service
