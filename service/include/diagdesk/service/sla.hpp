#pragma once
/// Service levels: per priority, a time to take charge and a time to resolve,
/// counted in business time over the Calendar. The clock stops while the
/// ticket is pending (waiting for the user or a supplier) and while it is
/// resolved or closed; a reopened ticket's clock goes on from where it was.
///
///     auto sla = load_sla({"data/service/sla.toml"});
///     SlaState s = compute_sla(ticket, history, sla.policy, calendar, now);
///     if (s.resolve.late) ...

#include <diagdesk/service/calendar.hpp>
#include <diagdesk/service/problem.hpp>
#include <diagdesk/service/ticket.hpp>

#include <array>
#include <filesystem>
#include <optional>
#include <vector>

namespace diagdesk::service {

/// Targets per priority, in business seconds.
struct SlaTarget {
  std::int64_t take_charge = 0;
  std::int64_t resolve = 0;
};

/// The SLA of every priority, and when a ticket counts as at risk.
struct SlaPolicy {
  std::array<SlaTarget, 5> targets{};  ///< index 0 is P1
  int at_risk_percent = 75;            ///< at risk once this share of the time is used
  SlaPolicy();                         ///< the defaults of data/service/sla.toml
  const SlaTarget& target(int priority) const;  ///< priority clamped to 1..5
};

/// A policy and what was wrong in the files.
struct LoadedSla {
  SlaPolicy policy;
  std::vector<Problem> problems;
};

/// Reads `files` in order over the defaults (later files win per priority).
/// Durations are "30m", "4h", "1h30m" of business time.
LoadedSla load_sla(const std::vector<std::filesystem::path>& files);
/// Parses "30m", "4h", "1h30m", "90" (minutes) into seconds; nullopt if malformed.
std::optional<std::int64_t> parse_duration(std::string_view s);
/// "1h30m", "45m", "0m".
std::string format_duration(std::int64_t seconds);

/// One SLA clock (take charge, or resolve).
struct SlaClock {
  std::int64_t target = 0;     ///< business seconds allowed
  std::int64_t used = 0;       ///< business seconds counted so far (or until met)
  std::optional<Time> due;     ///< when the time runs out; none while paused
  std::optional<Time> met_at;  ///< when the clock stopped for good (taken charge, resolved)
  bool paused = false;         ///< pending, or resolved (the clock waits)
  bool late = false;           ///< used > target (also when met late)
  bool at_risk = false;        ///< not met, not late, at_risk_percent of the time used
};

/// Both clocks of a ticket at instant `now`.
struct SlaState {
  SlaClock take_charge;
  SlaClock resolve;
  bool late() const { return take_charge.late || resolve.late; }
  bool at_risk() const { return !late() && (take_charge.at_risk || resolve.at_risk); }
};

/// Intervals [from, to) during which the ticket's clock was stopped, from its
/// status events (pending, resolved, closed). The last `to` is nullopt while
/// the ticket is still stopped.
std::vector<std::pair<Time, std::optional<Time>>> stopped_intervals(const std::vector<Event>& history);

/// Computes both clocks from the ticket, its history (status events) and the
/// calendar, at `now`.
SlaState compute_sla(const Ticket& ticket, const std::vector<Event>& history, const SlaPolicy& policy,
                     const Calendar& calendar, Time now);

}  // namespace diagdesk::service
