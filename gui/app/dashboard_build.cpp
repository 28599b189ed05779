// The Dashboard tab's view-model (dashboard_build.hpp). Texts reuse the
// strings of `diagdesk stats` (stats.*) so both front ends say the same.
#include "app/dashboard_build.hpp"

#include <diagdesk/engine/training_sim.hpp>
#include <diagdesk/service/sla.hpp>

#include <algorithm>
#include <cstdio>

namespace diagdesk::gui {

namespace {

using engine::Lang;
using engine::tr;
namespace sv = diagdesk::service;

std::string say(const std::string& key, Lang lang, const std::vector<std::string>& args) {
  return engine::format_text(tr(key, lang), args);
}

std::string percent(double rate, Lang lang) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", rate * 100);
  std::string text = buf;
  if (lang == Lang::fr) std::replace(text.begin(), text.end(), '.', ',');
  return say("stats.percent", lang, {text});
}

DashboardChart chart(std::string id, std::string title, bool vertical = false) {
  DashboardChart c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.vertical = vertical;
  return c;
}

void add(DashboardChart& c, std::string label, double value, std::string text, bool alert = false) {
  c.bars.push_back({std::move(label), value, std::move(text), alert});
  c.max = std::max({c.max, value, 1.0});
}

/// The mean in business time, then wall time and the count: "1h10m / 1h10m (3)".
void add_mean(DashboardChart& c, int priority, const sv::MeanTime& m) {
  const std::string text = m.count == 0 ? "-"
                                        : sv::format_duration(static_cast<std::int64_t>(m.business + 0.5)) + " / " +
                                              sv::format_duration(static_cast<std::int64_t>(m.wall + 0.5)) + " (" +
                                              std::to_string(m.count) + ")";
  add(c, sv::priority_name(priority), m.business, text, priority == 1);
}

std::string flagged_line(const sv::FlaggedTicket& f, const sv::Calendar& cal, const std::string& kind, Lang lang) {
  return kind + "  " + f.number + "  " + sv::priority_name(f.priority) + "  " +
         tr("ticket.status." + std::string(sv::name(f.status)), lang) + "  " + tr("stats.clock." + f.clock, lang) + "  " +
         (f.due ? say("stats.due", lang, {cal.format_local(*f.due)}) : tr("stats.paused", lang));
}

}  // namespace

DashboardVm build_dashboard_vm(const sv::Stats& s, const sv::Calendar& cal, Lang lang) {
  DashboardVm vm;
  vm.available = true;
  vm.title = say("stats.title", lang, {cal.format_local(s.now)});
  vm.summary.push_back(say("stats.open", lang, {std::to_string(s.open)}));
  vm.summary.push_back(say("stats.late", lang, {std::to_string(s.late.size())}) + "    " +
                       say("stats.at_risk", lang, {std::to_string(s.at_risk.size())}));
  vm.summary.push_back(say("stats.first_contact", lang, {std::to_string(s.first_contact), std::to_string(s.resolved),
                                                         percent(s.first_contact_rate, lang)}));
  vm.summary.push_back(
      say("stats.escalation", lang, {std::to_string(s.escalated), std::to_string(s.tickets), percent(s.escalation_rate, lang)}));
  const std::string late = tr("gui.dashboard.late", lang), risk = tr("gui.dashboard.at_risk", lang);
  for (const auto& f : s.late) vm.flagged.push_back(flagged_line(f, cal, late, lang));
  for (const auto& f : s.at_risk) vm.flagged.push_back(flagged_line(f, cal, risk, lang));

  auto priorities = chart("open_priority", tr("gui.dashboard.open_priority", lang));
  for (int p = 1; p <= 5; ++p) {
    const int n = s.open_by_priority[static_cast<std::size_t>(p - 1)];
    add(priorities, sv::priority_name(p), n, std::to_string(n), p == 1 && n > 0);
  }
  auto statuses = chart("open_status", tr("gui.dashboard.open_status", lang));
  for (const auto& [st, n] : s.open_by_status) {
    add(statuses, tr("ticket.status." + std::string(sv::name(st)), lang), n, std::to_string(n));
  }
  auto days = chart("per_day", say("gui.dashboard.per_day", lang, {std::to_string(s.per_day.size())}), true);
  for (const auto& d : s.per_day) {
    char label[8];
    std::snprintf(label, sizeof label, "%02d", d.day.day);
    add(days, label, d.created, sv::format_date(d.day) + tr("punct.colon", lang) + std::to_string(d.created));
  }
  auto take = chart("take_charge", tr("gui.dashboard.take_charge", lang));
  auto resolve = chart("resolve", tr("gui.dashboard.resolve", lang));
  for (int p = 1; p <= 5; ++p) {
    add_mean(take, p, s.times[static_cast<std::size_t>(p - 1)].take_charge);
    add_mean(resolve, p, s.times[static_cast<std::size_t>(p - 1)].resolve);
  }
  auto rates = chart("rates", s.since ? say("stats.since", lang, {sv::format_date(*s.since), std::to_string(s.tickets)})
                                      : say("stats.all", lang, {std::to_string(s.tickets)}));
  add(rates, tr("gui.dashboard.first_contact", lang), s.first_contact_rate, percent(s.first_contact_rate, lang));
  add(rates, tr("gui.dashboard.escalated", lang), s.escalation_rate, percent(s.escalation_rate, lang), true);
  rates.max = 1;
  for (auto* c : {&priorities, &statuses, &days, &take, &resolve, &rates}) vm.charts.push_back(std::move(*c));

  for (const auto& t : s.trees) {
    DashboardTreeVm row;
    row.tree = t.tree;
    row.summary = say("stats.tree", lang, {t.tree, std::to_string(t.tickets), std::to_string(t.escalated),
                                           percent(t.escalation_rate, lang), std::to_string(t.sessions),
                                           std::to_string(t.concluded), std::to_string(t.abandoned)});
    for (const auto& [what, n] : t.conclusions) row.details.push_back(say("stats.conclusion", lang, {what, std::to_string(n)}));
    for (const auto& [node, n] : t.abandoned_at) {
      row.details.push_back(
          say("stats.abandoned_at", lang, {node.empty() ? tr("stats.no_answer", lang) : node, std::to_string(n)}));
    }
    vm.trees.push_back(std::move(row));
  }
  return vm;
}

}  // namespace diagdesk::gui
