// The supervisor's figures (stats.hpp). Definitions: docs/service.md,
// "Supervisor's figures".
#include <diagdesk/service/stats.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <map>

namespace diagdesk::service {

namespace {

bool is_open(Status s) { return s != Status::resolved && s != Status::closed; }

int priority_index(int priority) { return std::clamp(priority, 1, 5) - 1; }

/// Running sums behind a MeanTime.
struct Sum {
  int count = 0;
  double business = 0;
  double wall = 0;
  void add(std::int64_t b, std::int64_t w) {
    ++count;
    business += static_cast<double>(b);
    wall += static_cast<double>(w);
  }
  MeanTime mean() const {
    if (count == 0) return {};
    return {count, business / count, wall / count};
  }
};

/// A map of counts as a list, most first, then by name.
std::vector<Count> ranked(const std::map<std::string, int>& counts) {
  std::vector<Count> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(), [](const Count& a, const Count& b) { return a.second > b.second; });
  return out;
}

/// Adds `t` to `list` when `clock` is flagged.
void flag(std::vector<FlaggedTicket>& list, const Ticket& t, const SlaClock& clock, const char* name) {
  list.push_back({t.number, t.priority, t.status, name, clock.due});
}

void by_due(std::vector<FlaggedTicket>& list) {
  // No due time (paused) goes last; equal dues keep the queue's order.
  std::stable_sort(list.begin(), list.end(), [](const FlaggedTicket& a, const FlaggedTicket& b) {
    if (a.due.has_value() != b.due.has_value()) return a.due.has_value();
    return a.due && *a.due < *b.due;
  });
}

/// What one tree has gathered while reading the tickets.
struct TreeSums {
  int tickets = 0;
  int escalated = 0;
  int sessions = 0;
  int concluded = 0;
  int abandoned = 0;
  std::map<std::string, int> conclusions;
  std::map<std::string, int> abandoned_at;
};

/// Reads the ticket's session events into the per-tree sums.
void add_sessions(const TicketRecord& r, bool escalated, const StatsOptions& o, std::map<std::string, TreeSums>& trees) {
  std::vector<std::string> seen;
  std::size_t index = 0;
  for (const Event& e : r.history) {
    if (e.kind != EventKind::session) continue;
    const std::size_t i = index++;
    // "<tree>: <diagnosis>", written by the desk when it attaches the session.
    const auto colon = e.new_value.find(": ");
    const std::string tree = e.new_value.substr(0, colon);
    const std::string text = colon == std::string::npos ? "" : e.new_value.substr(colon + 2);
    if (tree.empty()) continue;
    TreeSums& sums = trees[tree];
    if (std::find(seen.begin(), seen.end(), tree) == seen.end()) {
      seen.push_back(tree);
      ++sums.tickets;
      if (escalated) ++sums.escalated;
    }
    ++sums.sessions;
    const bool unfinished =
        text.empty() || std::find(o.in_progress_markers.begin(), o.in_progress_markers.end(), text) !=
                            o.in_progress_markers.end();
    if (!unfinished) {
      ++sums.concluded;
      ++sums.conclusions[text];
      continue;
    }
    ++sums.abandoned;
    std::string node;
    if (i < r.ticket.sessions.size()) node = last_answered_node(r.ticket.sessions[i]).value_or("");
    ++sums.abandoned_at[node];
  }
}

}  // namespace

bool was_escalated(const std::vector<Event>& history) {
  return std::any_of(history.begin(), history.end(), [](const Event& e) {
    return e.kind == EventKind::status && e.new_value == name(Status::escalated);
  });
}

std::optional<std::string> last_answered_node(std::string_view session_toml) {
  toml::table root;
  try {
    root = toml::parse(session_toml, std::string_view{"session"});
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
  const std::string tree = root["tree"].value_or(std::string{});
  const toml::array* answers = root["answers"].as_array();
  if (!answers || answers->empty()) return std::string{};
  const toml::table* last = answers->back().as_table();
  if (!last) return std::nullopt;
  const std::string node = (*last)["node"].value_or(std::string{});
  const std::string in = (*last)["tree"].value_or(tree);
  return in == tree ? node : in + ":" + node;
}

Stats compute_stats(const std::vector<TicketRecord>& records, const SlaPolicy& policy, const Calendar& calendar,
                    const StatsOptions& o) {
  Stats s;
  s.now = o.now;
  s.since = o.since;
  const Status open_statuses[] = {Status::new_, Status::assigned, Status::in_progress, Status::pending,
                                  Status::escalated};
  std::map<Status, int> by_status;

  // The per-day series: `days` local days ending on today.
  const int days = std::max(o.days, 0);
  const std::int64_t today = days_from_civil(calendar.local(o.now).first);
  const std::int64_t first_day = today - days + 1;
  std::vector<int> per_day(static_cast<std::size_t>(days), 0);
  const std::optional<Time> window_start =
      o.since ? std::optional<Time>(calendar.from_local(*o.since, 0)) : std::nullopt;

  std::array<Sum, 5> take_charge{}, resolve{};
  std::map<std::string, TreeSums> trees;
  for (const TicketRecord& r : records) {
    const Ticket& t = r.ticket;
    const SlaState sla = compute_sla(t, r.history, policy, calendar, o.now);
    if (is_open(t.status)) {
      ++s.open;
      ++s.open_by_priority[priority_index(t.priority)];
      ++by_status[t.status];
      if (sla.late()) flag(s.late, t, sla.take_charge.late ? sla.take_charge : sla.resolve,
                           sla.take_charge.late ? "take_charge" : "resolve");
      else if (sla.at_risk()) flag(s.at_risk, t, sla.take_charge.at_risk ? sla.take_charge : sla.resolve,
                                   sla.take_charge.at_risk ? "take_charge" : "resolve");
    }
    const std::int64_t day = days_from_civil(calendar.local(t.created_at).first);
    if (day >= first_day && day <= today) ++per_day[static_cast<std::size_t>(day - first_day)];

    if (window_start && t.created_at < *window_start) continue;
    ++s.tickets;
    const bool escalated = was_escalated(r.history);
    if (escalated) ++s.escalated;
    const int p = priority_index(t.priority);
    if (t.taken_at) take_charge[p].add(sla.take_charge.used, *t.taken_at - t.created_at);
    if (t.resolved_at) resolve[p].add(sla.resolve.used, *t.resolved_at - t.created_at);
    if (t.status == Status::resolved || t.status == Status::closed) {
      ++s.resolved;
      if (!escalated && t.level == SupportLevel::n1) ++s.first_contact;
    }
    add_sessions(r, escalated, o, trees);
  }

  for (Status st : open_statuses) s.open_by_status.emplace_back(st, by_status[st]);
  by_due(s.late);
  by_due(s.at_risk);
  for (int d = 0; d < days; ++d) s.per_day.push_back({civil_from_days(first_day + d), per_day[static_cast<std::size_t>(d)]});
  for (std::size_t p = 0; p < 5; ++p) s.times[p] = {take_charge[p].mean(), resolve[p].mean()};
  if (s.resolved > 0) s.first_contact_rate = static_cast<double>(s.first_contact) / s.resolved;
  if (s.tickets > 0) s.escalation_rate = static_cast<double>(s.escalated) / s.tickets;
  for (auto& [id, sums] : trees) {
    TreeFigures f;
    f.tree = id;
    f.tickets = sums.tickets;
    f.escalated = sums.escalated;
    f.escalation_rate = sums.tickets > 0 ? static_cast<double>(sums.escalated) / sums.tickets : 0;
    f.sessions = sums.sessions;
    f.concluded = sums.concluded;
    f.abandoned = sums.abandoned;
    f.conclusions = ranked(sums.conclusions);
    f.abandoned_at = ranked(sums.abandoned_at);
    s.trees.push_back(std::move(f));
  }
  return s;
}

}  // namespace diagdesk::service
