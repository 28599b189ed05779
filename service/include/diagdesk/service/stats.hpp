#pragma once
/// The supervisor's figures: pure functions over tickets and their history at
/// a given `now` (no store, no clock). Exact definitions in docs/service.md,
/// "Supervisor's figures".
///
///     StatsOptions o;
///     o.now = desk.now();
///     o.since = parse_date("2026-11-01");
///     Stats s = compute_stats(records, config.sla, config.calendar, o);
///     s.open_by_priority[0];   // open P1 tickets
///
/// Rules of the group: the open counts, late and at-risk lists and the
/// per-day counts describe the whole queue; the means, the first-contact and
/// escalation rates and the per-tree figures only count tickets created on
/// or after `since` (local midnight), all tickets when `since` is empty.

#include <diagdesk/service/calendar.hpp>
#include <diagdesk/service/sla.hpp>
#include <diagdesk/service/ticket.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diagdesk::service {

// TicketRecord (ticket.hpp): the figures need `ticket.sessions` to hold the
// attached session texts (Store::get reads them).

/// What to compute.
struct StatsOptions {
  Time now = 0;
  std::optional<Date> since;  ///< local date; none: every ticket
  int days = 30;              ///< length of the per-day series, ending on now's local date
  /// The texts a `session` event carries after "<tree>: " for a session
  /// that did not conclude (workspace: "desk.in_progress" in both languages).
  std::vector<std::string> in_progress_markers;
};

/// A mean duration over `count` tickets, in seconds (0 when count is 0).
struct MeanTime {
  int count = 0;
  double business = 0;  ///< business seconds as the SLA clock counts them (pauses left out)
  double wall = 0;      ///< wall-clock seconds
};

/// Means of one priority.
struct PriorityTimes {
  MeanTime take_charge;  ///< created -> taken_at
  MeanTime resolve;      ///< created -> resolved_at
};

/// An open ticket late or at risk on one of its SLA clocks.
struct FlaggedTicket {
  std::string number;
  int priority = 3;
  Status status = Status::new_;
  std::string clock;        ///< "take_charge" or "resolve": the clock that is late or at risk
  std::optional<Time> due;  ///< that clock's due time (none while paused)
};

/// Tickets opened on one local day.
struct DayCount {
  Date day;
  int created = 0;
};

/// A name and how many times it was seen.
using Count = std::pair<std::string, int>;

/// The figures of one tree (the start tree of attached sessions).
struct TreeFigures {
  std::string tree;
  int tickets = 0;         ///< tickets with at least one session of this tree
  int escalated = 0;       ///< of which escalated at least once
  double escalation_rate = 0;  ///< escalated / tickets
  int sessions = 0;
  int concluded = 0;
  int abandoned = 0;       ///< sessions attached without a conclusion
  std::vector<Count> conclusions;   ///< diagnosis text -> sessions, most first, then by text
  std::vector<Count> abandoned_at;  ///< last answered node ("" before any answer) -> sessions
};

/// Every figure of the dashboard.
struct Stats {
  Time now = 0;
  std::optional<Date> since;
  // [Queue] the whole queue now.
  int open = 0;                          ///< tickets neither resolved nor closed
  std::array<int, 5> open_by_priority{}; ///< index 0 is P1
  /// Open tickets per status: new, assigned, in_progress, pending, escalated.
  std::vector<std::pair<Status, int>> open_by_status;
  std::vector<FlaggedTicket> late;       ///< nearest due first
  std::vector<FlaggedTicket> at_risk;    ///< nearest due first
  std::vector<DayCount> per_day;         ///< oldest first, `days` entries
  // [Window] tickets created since `since`.
  int tickets = 0;                       ///< in the window
  std::array<PriorityTimes, 5> times{};  ///< index 0 is P1
  int resolved = 0;                      ///< resolved or closed
  int first_contact = 0;                 ///< of which resolved at N1 without escalation
  double first_contact_rate = 0;         ///< first_contact / resolved
  int escalated = 0;                     ///< escalated at least once
  double escalation_rate = 0;            ///< escalated / tickets
  std::vector<TreeFigures> trees;        ///< by tree id
};

/// Computes the figures. Never throws; an unreadable session text counts
/// its session with an unknown ("") last node.
Stats compute_stats(const std::vector<TicketRecord>& records, const SlaPolicy& policy, const Calendar& calendar,
                    const StatsOptions& options);

/// True when the history has an escalation (a status event to "escalated").
bool was_escalated(const std::vector<Event>& history);

/// The last answered node of a saved-session TOML text: its `node`, or
/// "<tree>:<node>" when the answer is in another tree than the session's
/// `tree`; "" when there is no answer; nullopt when the text is unreadable.
std::optional<std::string> last_answered_node(std::string_view session_toml);

}  // namespace diagdesk::service
