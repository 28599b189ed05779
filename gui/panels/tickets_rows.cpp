// The Tickets tab's queue without drawing: which rows show, in which order,
// the form's live priority and the SLA countdowns (declared in panels.hpp;
// pure functions, tested headless in tests/gui/test_tickets.cpp).
#include "panels/panels.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>

namespace diagdesk::gui {

std::vector<std::size_t> visible_rows(const TicketsVm& vm, const TicketsUi& ui) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < vm.rows.size(); ++i) {
    const TicketRowVm& r = vm.rows[i];
    if (ui.status_filter == "open") {
      if (r.status == "resolved" || r.status == "closed") continue;
    } else if (!ui.status_filter.empty() && r.status != ui.status_filter) {
      continue;
    }
    if (ui.operator_filter == "-") {
      if (!r.operator_name.empty()) continue;
    } else if (!ui.operator_filter.empty() && r.operator_name != ui.operator_filter) {
      continue;
    }
    if (ui.late_only && !r.late && !r.at_risk) continue;
    out.push_back(i);
  }
  auto key_due = [&](const TicketRowVm& r) {
    // Tickets with no running clock go last, whatever the direction.
    return r.due == 0 ? INT64_MAX : r.due;
  };
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    const TicketRowVm& x = vm.rows[a];
    const TicketRowVm& y = vm.rows[b];
    if (ui.sort == TicketsUi::Sort::due) {
      const auto dx = key_due(x), dy = key_due(y);
      if (dx != dy) {
        if (dx == INT64_MAX || dy == INT64_MAX) return dx < dy;
        return ui.descending ? dx > dy : dx < dy;
      }
      return x.priority < y.priority;
    }
    if (x.priority != y.priority) return ui.descending ? x.priority > y.priority : x.priority < y.priority;
    const auto dx = key_due(x), dy = key_due(y);
    if (dx != dy) return dx < dy;
    return x.created_at < y.created_at;
  });
  return out;
}

int live_priority(const TicketsVm& vm, int impact, int urgency) {
  impact = std::clamp(impact, 0, 2);
  urgency = std::clamp(urgency, 0, 2);
  return vm.matrix[impact][urgency];
}

std::string format_countdown(std::int64_t seconds_left, const Labels& l) {
  const bool late = seconds_left < 0;
  // Round to the minute the operator reads: up while time is left, so
  // "1 min" shows until the due time passes.
  std::int64_t s = late ? -seconds_left : seconds_left;
  std::int64_t minutes = late ? s / 60 : (s + 59) / 60;
  if (late && minutes == 0) minutes = 1;
  char buf[64];
  if (minutes >= 24 * 60) {
    std::snprintf(buf, sizeof buf, "%lld %s %lld h", static_cast<long long>(minutes / (24 * 60)),
                  l("gui.tickets.day_abbrev"), static_cast<long long>(minutes % (24 * 60) / 60));
  } else if (minutes >= 60) {
    std::snprintf(buf, sizeof buf, "%lld h %02lld", static_cast<long long>(minutes / 60),
                  static_cast<long long>(minutes % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%lld min", static_cast<long long>(minutes));
  }
  if (!late) return buf;
  std::string text = l("gui.tickets.late_by");
  const auto at = text.find("{}");
  return at == std::string::npos ? text + " " + buf : text.replace(at, 2, buf);
}

}  // namespace diagdesk::gui
