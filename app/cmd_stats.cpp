// diagdesk stats [--since YYYY-MM-DD] [--json | --csv]: the supervisor's
// figures (docs/service.md, "Supervisor's figures"), computed by
// service::compute_stats through workspace::ServiceDesk::stats. The desk's
// clock follows DIAGDESK_NOW as for the ticket commands.
// Exit codes: 0 fine; 2 a malformed --since or DIAGDESK_NOW; 1 a bad database.
#include "ticket_cli.hpp"

#include <diagdesk/engine/i18n.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace diagdesk::cli {

namespace {

using engine::Lang;
using engine::tr;
using nlohmann::json;
using ticket::say;
namespace sv = diagdesk::service;

/// A figure for scripts: integers as integers, others with 6 significant digits.
std::string number(double v) {
  std::ostringstream out;
  out << std::setprecision(v == static_cast<double>(static_cast<std::int64_t>(v)) ? 15 : 6) << v;
  return out.str();
}

std::string percent(double rate, Lang lang) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << rate * 100;
  std::string text = out.str();
  if (lang == Lang::fr) std::replace(text.begin(), text.end(), '.', ',');  // 12,5 %
  return say("stats.percent", lang, {text});
}

/// `text` padded with spaces to `width` characters (UTF-8: counts code points, not bytes).
std::string padded(const std::string& text, std::size_t width) {
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return text + std::string(width > chars ? width - chars : 0, ' ');
}

std::string due_text(const std::optional<sv::Time>& due, const sv::Calendar& cal) {
  return due ? cal.format_local(*due) : "";
}

// [JSON] ----------------------------------------------------------------------------

json flagged_json(const std::vector<sv::FlaggedTicket>& list, const sv::Calendar& cal) {
  json out = json::array();
  for (const auto& f : list) {
    out.push_back({{"number", f.number}, {"priority", sv::priority_name(f.priority)},
                   {"status", std::string(sv::name(f.status))}, {"clock", f.clock},
                   {"due", f.due ? json(due_text(f.due, cal)) : json(nullptr)}});
  }
  return out;
}

json mean_json(const sv::MeanTime& m) {
  return {{"count", m.count}, {"business_seconds", m.business}, {"wall_seconds", m.wall}};
}

json counts_json(const std::vector<sv::Count>& counts, const char* name) {
  json out = json::array();
  for (const auto& [what, n] : counts) out.push_back({{name, what}, {"sessions", n}});
  return out;
}

json stats_json(const sv::Stats& s, const sv::Calendar& cal) {
  json out;
  out["now"] = cal.format_local(s.now);
  out["since"] = s.since ? json(sv::format_date(*s.since)) : json(nullptr);
  json by_priority, by_status;
  for (int p = 1; p <= 5; ++p) by_priority[sv::priority_name(p)] = s.open_by_priority[static_cast<std::size_t>(p - 1)];
  for (const auto& [st, n] : s.open_by_status) by_status[std::string(sv::name(st))] = n;
  out["open"] = {{"total", s.open}, {"by_priority", by_priority}, {"by_status", by_status}};
  out["late"] = flagged_json(s.late, cal);
  out["at_risk"] = flagged_json(s.at_risk, cal);
  out["per_day"] = json::array();
  for (const auto& d : s.per_day) out["per_day"].push_back({{"day", sv::format_date(d.day)}, {"created", d.created}});
  out["tickets"] = s.tickets;
  out["times"] = json::array();
  for (int p = 1; p <= 5; ++p) {
    const auto& t = s.times[static_cast<std::size_t>(p - 1)];
    out["times"].push_back({{"priority", sv::priority_name(p)}, {"take_charge", mean_json(t.take_charge)},
                            {"resolve", mean_json(t.resolve)}});
  }
  out["first_contact"] = {{"resolved", s.resolved}, {"first_contact", s.first_contact}, {"rate", s.first_contact_rate}};
  out["escalation"] = {{"tickets", s.tickets}, {"escalated", s.escalated}, {"rate", s.escalation_rate}};
  out["trees"] = json::array();
  for (const auto& t : s.trees) {
    out["trees"].push_back({{"tree", t.tree}, {"tickets", t.tickets}, {"escalated", t.escalated},
                            {"escalation_rate", t.escalation_rate}, {"sessions", t.sessions},
                            {"concluded", t.concluded}, {"abandoned", t.abandoned},
                            {"conclusions", counts_json(t.conclusions, "diagnosis")},
                            {"abandoned_at", counts_json(t.abandoned_at, "node")}});
  }
  return out;
}

// [CSV] One figure per row: figure,group,key,value (RFC 4180 quoting).

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void print_csv(std::ostream& out, const sv::Stats& s, const sv::Calendar& cal) {
  auto row = [&](const std::string& figure, const std::string& group, const std::string& key, const std::string& value) {
    out << csv_field(figure) << ',' << csv_field(group) << ',' << csv_field(key) << ',' << csv_field(value) << "\r\n";
  };
  row("figure", "group", "key", "value");
  row("now", "", "", cal.format_local(s.now));
  row("since", "", "", s.since ? sv::format_date(*s.since) : "");
  row("open", "", "total", std::to_string(s.open));
  for (int p = 1; p <= 5; ++p) {
    row("open_by_priority", "", sv::priority_name(p), std::to_string(s.open_by_priority[static_cast<std::size_t>(p - 1)]));
  }
  for (const auto& [st, n] : s.open_by_status) row("open_by_status", "", std::string(sv::name(st)), std::to_string(n));
  for (const auto& f : s.late) row("late", f.number, f.clock, due_text(f.due, cal));
  for (const auto& f : s.at_risk) row("at_risk", f.number, f.clock, due_text(f.due, cal));
  for (const auto& d : s.per_day) row("created_per_day", "", sv::format_date(d.day), std::to_string(d.created));
  row("tickets", "", "", std::to_string(s.tickets));
  for (int p = 1; p <= 5; ++p) {
    const auto& t = s.times[static_cast<std::size_t>(p - 1)];
    for (const auto& [name, m] : {std::pair{"take_charge", t.take_charge}, std::pair{"resolve", t.resolve}}) {
      row(std::string(name) + "_count", "", sv::priority_name(p), std::to_string(m.count));
      row(std::string(name) + "_business_seconds", "", sv::priority_name(p), number(m.business));
      row(std::string(name) + "_wall_seconds", "", sv::priority_name(p), number(m.wall));
    }
  }
  row("first_contact", "", "resolved", std::to_string(s.resolved));
  row("first_contact", "", "first_contact", std::to_string(s.first_contact));
  row("first_contact", "", "rate", number(s.first_contact_rate));
  row("escalation", "", "tickets", std::to_string(s.tickets));
  row("escalation", "", "escalated", std::to_string(s.escalated));
  row("escalation", "", "rate", number(s.escalation_rate));
  for (const auto& t : s.trees) {
    row("tree", t.tree, "tickets", std::to_string(t.tickets));
    row("tree", t.tree, "escalated", std::to_string(t.escalated));
    row("tree", t.tree, "escalation_rate", number(t.escalation_rate));
    row("tree", t.tree, "sessions", std::to_string(t.sessions));
    row("tree", t.tree, "concluded", std::to_string(t.concluded));
    row("tree", t.tree, "abandoned", std::to_string(t.abandoned));
    for (const auto& [what, n] : t.conclusions) row("conclusion", t.tree, what, std::to_string(n));
    for (const auto& [node, n] : t.abandoned_at) row("abandoned_at", t.tree, node, std::to_string(n));
  }
}

// [People] Short tables in the user's language.

void print_flagged(std::ostream& out, const std::vector<sv::FlaggedTicket>& list, const sv::Calendar& cal, Lang lang) {
  for (const auto& f : list) {
    out << "  " << f.number << "  " << sv::priority_name(f.priority) << "  "
        << tr("ticket.status." + std::string(sv::name(f.status)), lang) << "  " << tr("stats.clock." + f.clock, lang)
        << "  " << (f.due ? say("stats.due", lang, {cal.format_local(*f.due)}) : tr("stats.paused", lang)) << '\n';
  }
}

std::string mean_text(const sv::MeanTime& m) {
  if (m.count == 0) return "-";
  return sv::format_duration(static_cast<std::int64_t>(m.business + 0.5)) + " / " +
         sv::format_duration(static_cast<std::int64_t>(m.wall + 0.5)) + " (" + std::to_string(m.count) + ")";
}

void print_stats(std::ostream& out, const sv::Stats& s, const sv::Calendar& cal, Lang lang) {
  out << say("stats.title", lang, {cal.format_local(s.now)}) << "\n\n";
  out << say("stats.open", lang, {std::to_string(s.open)}) << '\n' << "  " << tr("stats.by_priority", lang);
  for (int p = 1; p <= 5; ++p) {
    out << "  " << sv::priority_name(p) << ' ' << s.open_by_priority[static_cast<std::size_t>(p - 1)];
  }
  out << "\n  " << tr("stats.by_status", lang) << '\n';
  for (const auto& [st, n] : s.open_by_status) {
    out << "    " << padded(tr("ticket.status." + std::string(sv::name(st)), lang), 14) << n << '\n';
  }
  out << say("stats.late", lang, {std::to_string(s.late.size())}) << '\n';
  print_flagged(out, s.late, cal, lang);
  out << say("stats.at_risk", lang, {std::to_string(s.at_risk.size())}) << '\n';
  print_flagged(out, s.at_risk, cal, lang);

  // Only the days with tickets, to keep the table short; JSON and CSV give every day.
  int created = 0;
  for (const auto& d : s.per_day) created += d.created;
  out << '\n' << say("stats.per_day", lang, {std::to_string(s.per_day.size()), std::to_string(created)}) << '\n';
  for (const auto& d : s.per_day) {
    if (d.created == 0) continue;
    out << "  " << sv::format_date(d.day) << ' ' << std::right << std::setw(4) << d.created << "  "
        << std::string(static_cast<std::size_t>(std::min(d.created, 60)), '#') << '\n';
  }

  out << '\n'
      << (s.since ? say("stats.since", lang, {sv::format_date(*s.since), std::to_string(s.tickets)})
                  : say("stats.all", lang, {std::to_string(s.tickets)}))
      << '\n';
  out << tr("stats.times", lang) << '\n';
  for (int p = 1; p <= 5; ++p) {
    const auto& t = s.times[static_cast<std::size_t>(p - 1)];
    out << "  " << sv::priority_name(p) << "  " << tr("stats.take_charge", lang) << ' ' << mean_text(t.take_charge)
        << "  " << tr("stats.resolve", lang) << ' ' << mean_text(t.resolve) << '\n';
  }
  out << say("stats.first_contact", lang,
             {std::to_string(s.first_contact), std::to_string(s.resolved), percent(s.first_contact_rate, lang)})
      << '\n'
      << say("stats.escalation", lang, {std::to_string(s.escalated), std::to_string(s.tickets), percent(s.escalation_rate, lang)})
      << '\n';
  if (s.trees.empty()) return;
  out << '\n' << tr("stats.trees", lang) << '\n';
  for (const auto& t : s.trees) {
    out << "  "
        << say("stats.tree", lang,
               {t.tree, std::to_string(t.tickets), std::to_string(t.escalated), percent(t.escalation_rate, lang),
                std::to_string(t.sessions), std::to_string(t.concluded), std::to_string(t.abandoned)})
        << '\n';
    for (const auto& [what, n] : t.conclusions) out << "    " << say("stats.conclusion", lang, {what, std::to_string(n)}) << '\n';
    for (const auto& [node, n] : t.abandoned_at) {
      out << "    " << say("stats.abandoned_at", lang, {node.empty() ? tr("stats.no_answer", lang) : node, std::to_string(n)})
          << '\n';
    }
  }
}

struct Opts {
  std::string since;
  bool csv = false;
};

int run_stats(const Globals& g, const Opts& o) {
  const Lang lang = g.language();
  std::optional<sv::Date> since;
  if (!o.since.empty()) {
    since = sv::parse_date(o.since);
    if (!since) return fail(say("stats.bad_since", lang, {o.since}));
  }
  ticket::Desk d;
  if (int rc = ticket::open_desk(g, d); rc != exit_ok) return rc;
  sv::Stats s;
  if (auto e = d->stats(since, s); !e.ok()) return ticket::desk_fail(e);
  const sv::Calendar& cal = d->config().calendar;
  if (g.json) print_json(stats_json(s, cal));
  else if (o.csv) print_csv(std::cout, s, cal);
  else print_stats(std::cout, s, cal, lang);
  return exit_ok;
}

}  // namespace

Runner add_stats(CLI::App& app, Globals& g) {
  static Opts o;
  auto* cmd = app.add_subcommand("stats", "The supervisor's figures: queue, late tickets, tickets per day, mean times, "
                                          "first-contact resolution, escalations and sessions per tree");
  cmd->add_option("--since", o.since, "Count the means and rates over tickets created from this date (YYYY-MM-DD)");
  auto* json_flag = cmd->add_flag("--json", g.json, "Print JSON");
  auto* csv_flag = cmd->add_flag("--csv", o.csv, "Print CSV: figure,group,key,value");
  json_flag->excludes(csv_flag);
  return [&g]() { return run_stats(g, o); };
}

}  // namespace diagdesk::cli
