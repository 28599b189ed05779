// SLA targets (sla.toml) and the two clocks of a ticket.
#include <diagdesk/service/sla.hpp>

#include "toml_file.hpp"

#include <algorithm>
#include <cctype>

namespace diagdesk::service {

SlaPolicy::SlaPolicy() {
  // Keep in step with data/service/sla.toml (a test compares them).
  targets = {{{15 * 60, 4 * 3600}, {30 * 60, 8 * 3600}, {2 * 3600, 20 * 3600}, {4 * 3600, 40 * 3600}, {8 * 3600, 80 * 3600}}};
}

const SlaTarget& SlaPolicy::target(int priority) const {
  return targets[static_cast<std::size_t>(std::clamp(priority, 1, 5) - 1)];
}

std::optional<std::int64_t> parse_duration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return std::stoll(std::string(s)) * 60;
  }
  std::int64_t total = 0, number = 0;
  bool digits = false, any = false;
  char last_unit = 0;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      number = number * 10 + (c - '0');
      digits = true;
      if (number > 1'000'000) return std::nullopt;
    } else if ((c == 'h' && last_unit == 0) || (c == 'm' && last_unit != 'm')) {
      if (!digits) return std::nullopt;
      total += number * (c == 'h' ? 3600 : 60);
      number = 0;
      digits = false;
      any = true;
      last_unit = c;
    } else {
      return std::nullopt;
    }
  }
  if (digits || !any) return std::nullopt;
  return total;
}

std::string format_duration(std::int64_t seconds) {
  const bool negative = seconds < 0;
  if (negative) seconds = -seconds;
  const std::int64_t minutes = (seconds + 59) / 60;
  std::string out = negative ? "-" : "";
  if (minutes >= 60) out += std::to_string(minutes / 60) + "h";
  if (minutes % 60 != 0 || minutes < 60) out += std::to_string(minutes % 60) + "m";
  return out;
}

LoadedSla load_sla(const std::vector<std::filesystem::path>& files) {
  LoadedSla out;
  for (const auto& file : files) {
    auto loaded = detail::read_service_toml(file, out.problems);
    if (!loaded) continue;
    const toml::table& root = *loaded;
    const std::string path = file.string();
    auto problem = [&](const toml::node& n, std::string message) {
      out.problems.push_back(detail::problem_at(path, n, std::move(message)));
    };
    if (const auto* risk = root.get("at_risk_percent")) {
      // Integers only: toml++ 3.3's value<int64_t>() on a float casts out of range (undefined) before checking.
      const auto v = risk->is_integer() ? risk->value<int64_t>() : std::nullopt;
      if (!v || *v < 1 || *v > 100) problem(*risk, "at_risk_percent is a number from 1 to 100");
      else out.policy.at_risk_percent = static_cast<int>(*v);
    }
    const toml::table* priorities = root["priority"].as_table();
    if (!priorities) continue;
    for (const auto& [key, node] : *priorities) {
      const std::string k(key.str());
      const toml::table* row = node.as_table();
      if (!row || k.size() != 2 || k[0] != 'P' || k[1] < '1' || k[1] > '5') {
        problem(node, "unknown priority '" + k + "' (P1 ... P5, each with take_charge and resolve)");
        continue;
      }
      SlaTarget& target = out.policy.targets[static_cast<std::size_t>(k[1] - '1')];
      for (const char* field : {"take_charge", "resolve"}) {
        const toml::node* n = row->get(field);
        if (!n) continue;
        const auto text = n->value<std::string>();
        const auto seconds = text ? parse_duration(*text) : std::nullopt;
        if (!seconds || *seconds <= 0) {
          problem(*n, std::string(field) + " is a business-time duration such as \"30m\", \"4h\" or \"1h30m\"");
          continue;
        }
        (std::string_view(field) == "take_charge" ? target.take_charge : target.resolve) = *seconds;
      }
      if (target.take_charge > target.resolve) problem(node, "take_charge is longer than resolve");
    }
  }
  return out;
}

std::vector<std::pair<Time, std::optional<Time>>> stopped_intervals(const std::vector<Event>& history) {
  std::vector<std::pair<Time, std::optional<Time>>> out;
  auto stopping = [](const std::string& s) { return s == "pending" || s == "resolved" || s == "closed"; };
  bool stopped = false;
  for (const Event& e : history) {
    if (e.kind != EventKind::status) continue;
    const bool now_stopped = stopping(e.new_value);
    if (!stopped && now_stopped) out.emplace_back(e.at, std::nullopt);
    if (stopped && !now_stopped) out.back().second = e.at;
    stopped = now_stopped;
  }
  return out;
}

namespace {

/// One clock from `start`, stopped for good at `stop` (if any), paused over
/// `pauses`, at `now`.
SlaClock run_clock(Time start, std::optional<Time> stop, const std::vector<std::pair<Time, std::optional<Time>>>& pauses,
                   std::int64_t target, int at_risk_percent, const Calendar& cal, Time now) {
  SlaClock c;
  c.target = target;
  c.met_at = stop;
  const Time until = stop ? std::min(*stop, now) : now;
  // The running intervals: [start, +inf) minus the pauses.
  std::vector<std::pair<Time, std::optional<Time>>> running;
  Time cursor = start;
  bool open_end = true;
  for (const auto& [from, to] : pauses) {
    if (to && *to <= cursor) continue;
    if (from > cursor) running.emplace_back(cursor, from);
    if (!to) {
      open_end = false;
      break;
    }
    cursor = std::max(cursor, *to);
  }
  if (open_end) running.emplace_back(cursor, std::nullopt);
  c.paused = !stop && !open_end;

  std::int64_t remaining = target;
  for (const auto& [from, to] : running) {
    if (from < until) c.used += cal.business_seconds(from, to ? std::min(*to, until) : until);
    if (c.due) continue;
    if (!to) {
      c.due = cal.add_business(from, remaining);
      continue;
    }
    const std::int64_t span = cal.business_seconds(from, *to);
    if (span >= remaining) c.due = cal.add_business(from, remaining);
    else remaining -= span;
  }
  c.late = c.used > target || (!stop && c.due && now > *c.due);
  c.at_risk = !stop && !c.late && c.used * 100 >= static_cast<std::int64_t>(at_risk_percent) * target;
  return c;
}

}  // namespace

SlaState compute_sla(const Ticket& t, const std::vector<Event>& history, const SlaPolicy& policy, const Calendar& cal,
                     Time now) {
  const auto pauses = stopped_intervals(history);
  const SlaTarget& target = policy.target(t.priority);
  SlaState s;
  s.take_charge = run_clock(t.created_at, t.taken_at, pauses, target.take_charge, policy.at_risk_percent, cal, now);
  std::optional<Time> resolved = t.resolved_at;
  if (t.status == Status::closed && !resolved) resolved = t.closed_at;
  s.resolve = run_clock(t.created_at, resolved, pauses, target.resolve, policy.at_risk_percent, cal, now);
  // A resolved ticket's clock has stopped; a reopened one (resolved_at
  // cleared) runs again from where it was, the resolved time paused.
  return s;
}

}  // namespace diagdesk::service
