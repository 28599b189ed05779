#pragma once
/// Where problem records live: an interface (so a PostgreSQL store can
/// follow) and its SQLite implementation over the service database of
/// SqliteStore (schema 4: problems, problem_events, problem_links).
///
/// Rules of the group: the same as Store's. Every call returns a StoreStatus
/// and never throws; a change is one transaction with its events (inside a
/// SqliteStore batch, one savepoint); an update whose `version` is not the
/// stored one is refused with `stale`; `not_found` when nothing matches.
/// Linking an incident changes both sides at once: the link row, an event on
/// the problem and an event on the ticket (kind field, field "problem"), and
/// both versions move on. An incident is in at most one problem (`duplicate`).
///
///     SqliteProblemStore problems(store);            // store: an open SqliteStore
///     std::vector<ProblemEvent> ev;
///     open_problem(p, "marie", now, ev);
///     if (auto s = problems.create_problem(p, 2026, ev); !s.ok()) tell(s.detail);

#include <diagdesk/service/problem_record.hpp>
#include <diagdesk/service/store.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::service {

class SqliteStore;

/// Which problems `list_problems` returns.
struct ProblemFilter {
  std::optional<ProblemStatus> status;
};

/// A ticket linked to a problem.
struct ProblemLink {
  std::int64_t problem_id = 0;
  std::string problem_number;
  std::int64_t ticket_id = 0;
  std::string ticket_number;
  Time linked_at = 0;
  std::string actor;
};

class ProblemStore {
 public:
  virtual ~ProblemStore() = default;
  /// Saves a new problem: its id, its number (the next PRB of `year`),
  /// version 1, and `events` with it.
  virtual StoreStatus create_problem(ProblemRecord& p, int year, std::vector<ProblemEvent>& events) = 0;
  /// Saves a changed problem and its new events if `p.version` is still the stored one; bumps it.
  virtual StoreStatus update_problem(ProblemRecord& p, std::vector<ProblemEvent>& events) = 0;
  /// The problem with that number.
  virtual StoreStatus get_problem(std::string_view number, ProblemRecord& out) = 0;
  /// Problems matching `filter`, newest number first.
  virtual StoreStatus list_problems(const ProblemFilter& filter, std::vector<ProblemRecord>& out) = 0;
  /// A problem's events, oldest first.
  virtual StoreStatus problem_history(std::int64_t problem_id, std::vector<ProblemEvent>& out) = 0;
  /// Links `ticket` to `p`, saving `problem_event` and `ticket_event` with it;
  /// both versions must be the stored ones (stale), the ticket in no problem
  /// yet (duplicate). Bumps both versions and fills the events' ids.
  virtual StoreStatus link_ticket(ProblemRecord& p, Ticket& ticket, ProblemEvent& problem_event,
                                  Event& ticket_event) = 0;
  /// Removes the link (not_found when the ticket is not linked to `p`), with the two events.
  virtual StoreStatus unlink_ticket(ProblemRecord& p, Ticket& ticket, ProblemEvent& problem_event,
                                    Event& ticket_event) = 0;
  /// The tickets linked to a problem, in the order they were linked.
  virtual StoreStatus problem_links(std::int64_t problem_id, std::vector<ProblemLink>& out) = 0;
  /// The problem a ticket is linked to (`out` empty, status ok, when none).
  virtual StoreStatus ticket_problem(std::int64_t ticket_id, std::optional<ProblemLink>& out) = 0;
};

/// The problems of an open SqliteStore: same file, same transactions and
/// batches. The SqliteStore must outlive it. Before schema 4 (tests only)
/// every call says io.
class SqliteProblemStore final : public ProblemStore {
 public:
  explicit SqliteProblemStore(SqliteStore& store) : m_store(store) {}
  StoreStatus create_problem(ProblemRecord& p, int year, std::vector<ProblemEvent>& events) override;
  StoreStatus update_problem(ProblemRecord& p, std::vector<ProblemEvent>& events) override;
  StoreStatus get_problem(std::string_view number, ProblemRecord& out) override;
  StoreStatus list_problems(const ProblemFilter& filter, std::vector<ProblemRecord>& out) override;
  StoreStatus problem_history(std::int64_t problem_id, std::vector<ProblemEvent>& out) override;
  StoreStatus link_ticket(ProblemRecord& p, Ticket& ticket, ProblemEvent& problem_event,
                          Event& ticket_event) override;
  StoreStatus unlink_ticket(ProblemRecord& p, Ticket& ticket, ProblemEvent& problem_event,
                            Event& ticket_event) override;
  StoreStatus problem_links(std::int64_t problem_id, std::vector<ProblemLink>& out) override;
  StoreStatus ticket_problem(std::int64_t ticket_id, std::optional<ProblemLink>& out) override;

 private:
  /// Shared by link and unlink: both rows' versions, the link change, the two events.
  StoreStatus relink(ProblemRecord& p, Ticket& ticket, ProblemEvent& pe, Event& te, bool link);
  SqliteStore& m_store;
};

/// The problem store over `store`'s own database and connection:
/// SqliteProblemStore for a SqliteStore, PgProblemStore for a PgStore
/// (pg_store.hpp); nullptr for any other Store. `store` must outlive it.
std::unique_ptr<ProblemStore> problem_store_for(Store& store);

}  // namespace diagdesk::service
