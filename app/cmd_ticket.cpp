// diagdesk incident|request SUB-COMMAND: tickets from the call to the closure.
// Both commands have the same sub-commands: the command's name gives the type
// of a `new` ticket and filters `list`; every other sub-command works on any
// well-formed number, INC-... or DEM-... (docs/service.md, "Command line").
// The CLI parses, calls workspace::ServiceDesk and prints: no rule lives here.
//
// [SECTION] Options
// [SECTION] Parsing values
// [SECTION] Sub-commands
// [SECTION] Registration
#include "exchange_cli.hpp"
#include "ticket_cli.hpp"

#include <diagdesk/engine/i18n.hpp>

#include <iostream>

namespace diagdesk::cli {

using engine::Lang;
using engine::tr;
using nlohmann::json;
using namespace ticket;

namespace {

// [SECTION] Options ---------------------------------------------------------------------

/// Every option of every sub-command of one command (incident or request).
struct Opts {
  service::TicketType type = service::TicketType::incident;
  std::string number;
  std::string actor;              ///< --operator on the sub-commands that change a ticket
  std::int64_t version = 0;       ///< --version: refuse when the ticket has moved on
  // new
  std::string title, caller, phone, email, site, impact, urgency, category, asset, description;
  std::vector<std::string> facts;
  // list
  std::string status, priority, list_operator, sort;
  bool late = false, at_risk = false, open = false;
  // update, assign, status, note
  std::string field, value, operator_name, level, to, note, text, kind;
  // diagnose
  std::string tree, symptom, answers;
  // escalate, resolve, reopen, report
  std::string reason, packet, solution, pdf, md;
  bool from_diagnosis = false;
};

using Handler = int (*)(const Globals&, Opts&, CLI::App&);

// [SECTION] Parsing values --------------------------------------------------------------

int bad(const std::string& key, Lang lang, const std::vector<std::string>& args) { return fail(say(key, lang, args)); }

std::optional<int> parse_priority(std::string s) {
  if (!s.empty() && (s[0] == 'P' || s[0] == 'p')) s.erase(0, 1);
  if (s.size() == 1 && s[0] >= '1' && s[0] <= '5') return s[0] - '0';
  return std::nullopt;
}

/// Reads the ticket, for the sub-commands that need its current state.
int read_ticket(Desk& d, const std::string& number, workspace::TicketView& v) {
  if (auto e = d->get(number, v); !e.ok()) return desk_fail(e, number);
  return exit_ok;
}

/// After a change: the error, or the ticket as JSON, or one line saying what changed.
int changed(const Globals& g, Desk& d, const workspace::DeskError& e, const workspace::TicketView& v,
            const std::string& number, const std::string& what) {
  if (!e.ok()) return desk_fail(e, number);
  // The move is saved; what failed beside it (the learned priors) is said on stderr.
  if (!e.warning.empty()) std::cerr << "diagdesk: " << number << tr("punct.colon", d.lang) << e.warning << "\n";
  if (g.json) print_json(ticket_json(v, *d.desk));
  else print_changed(std::cout, v, what, d.lang);
  return exit_ok;
}

/// Checks the number, then opens the desk.
int open_for(const Globals& g, const Opts& o, Desk& d) {
  if (int rc = check_number(o.number, g.language()); rc != exit_ok) return rc;
  return open_desk(g, d);
}

/// A move on one ticket: checks the number, opens the desk, makes the move
/// (`move(desk, view)` returns the desk's answer) and says `what` changed.
template <class Move>
int move_ticket(const Globals& g, Opts& o, const std::string& what, Move move) {
  Desk d;
  if (int rc = open_for(g, o, d); rc != exit_ok) return rc;
  workspace::TicketView v;
  const workspace::DeskError e = move(*d.desk, v);
  return changed(g, d, e, v, o.number, what);
}

// [SECTION] Sub-commands ----------------------------------------------------------------

int run_new(const Globals& g, Opts& o, CLI::App&) {
  const Lang lang = g.language();
  workspace::NewTicket n;
  n.type = o.type;
  n.title = o.title;
  n.description = o.description;
  n.caller_name = o.caller;
  n.caller_phone = o.phone;
  n.caller_email = o.email;
  n.caller_site = o.site;
  n.category = o.category;
  n.asset_tag = o.asset;
  n.facts = o.facts;
  for (auto [option, text, grade] : {std::tuple{"--impact", &o.impact, &n.impact}, std::tuple{"--urgency", &o.urgency, &n.urgency}}) {
    if (text->empty()) return bad("cli.ticket.missing", lang, {option});
    auto parsed = service::parse_grade(*text);
    if (!parsed) return bad("cli.ticket.bad_grade", lang, {option, *text});
    *grade = *parsed;
  }
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  workspace::TicketView v;
  if (auto e = d->create(n, actor_name(o.actor), v); !e.ok()) return desk_fail(e);
  if (g.json) {
    print_json(ticket_json(v, *d.desk));
    return exit_ok;
  }
  std::cout << say("cli.ticket.created", lang, {v.ticket.number}) << "\n  " << tr("ticket.field.priority", lang)
            << tr("punct.colon", lang) << priority_why(v.ticket, *d.desk, lang) << "\n  "
            << sla_text(v.sla, d->config().calendar, lang) << "\n";
  return exit_ok;
}

int run_list(const Globals& g, Opts& o, CLI::App&) {
  const Lang lang = g.language();
  workspace::TicketQuery q;
  q.filter.type = o.type;
  if (!o.status.empty()) {
    q.filter.status = service::parse_status(o.status);
    if (!q.filter.status) {
      return bad("cli.ticket.bad_status", lang, {o.status, "new, assigned, in_progress, pending, escalated, resolved, closed"});
    }
  }
  if (!o.priority.empty()) {
    q.filter.priority = parse_priority(o.priority);
    if (!q.filter.priority) return bad("cli.ticket.bad_priority", lang, {o.priority});
  }
  if (!o.list_operator.empty()) q.filter.operator_name = o.list_operator;
  if (o.sort == "due") q.sort = workspace::TicketQuery::Sort::due;
  else if (!o.sort.empty() && o.sort != "priority") return bad("cli.ticket.bad_sort", lang, {o.sort});
  q.late_only = o.late;
  q.at_risk_only = o.at_risk;
  q.open_only = o.open;
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  std::vector<workspace::TicketView> rows;
  if (auto e = d->list(q, rows); !e.ok()) return desk_fail(e);
  if (g.json) {
    json out = json::array();
    for (const auto& v : rows) out.push_back(ticket_json(v, *d.desk, false));
    print_json(out);
  } else {
    print_table(std::cout, rows, *d.desk, lang);
  }
  return exit_ok;
}

int run_show(const Globals& g, Opts& o, CLI::App&) {
  Desk d;
  if (int rc = open_for(g, o, d); rc != exit_ok) return rc;
  workspace::TicketView v;
  if (int rc = read_ticket(d, o.number, v); rc != exit_ok) return rc;
  if (!g.json) {
    print_ticket(std::cout, v, *d.desk, d.lang);
    return exit_ok;
  }
  json out = ticket_json(v, *d.desk);
  out["attached_sessions"] = json::array();
  for (const auto& s : d->sessions(v.ticket)) {
    json j{{"index", s.index}, {"operator", s.info.operator_name}};
    if (s.session) {
      j["session"] = step_json(*s.session);
    } else {
      j["error"] = s.error;
    }
    out["attached_sessions"].push_back(std::move(j));
  }
  print_json(out);
  return exit_ok;
}

int run_update(const Globals& g, Opts& o, CLI::App&) {
  Desk d;
  if (int rc = open_for(g, o, d); rc != exit_ok) return rc;
  workspace::TicketView v;
  auto e = d->update(o.number, o.field, o.value, actor_name(o.actor), v, o.version);
  if (!e.ok()) return desk_fail(e, o.number + " " + o.field + " '" + o.value + "'");
  std::string what = say("cli.ticket.updated", d.lang, {o.field, o.value});
  if (o.field == "impact" || o.field == "urgency") what += ", " + priority_why(v.ticket, *d.desk, d.lang);
  return changed(g, d, e, v, o.number, what);
}

/// assign and escalate: checks the number and --level, opens the desk, and
/// gives --level, or else the ticket's level plus `up` (at most N3: the desk
/// refuses a level that is not higher).
int open_at_level(const Globals& g, const Opts& o, int up, Desk& d, workspace::TicketView& v,
                  service::SupportLevel& level) {
  const Lang lang = g.language();
  if (int rc = check_number(o.number, lang); rc != exit_ok) return rc;
  const auto given = service::parse_level(o.level);
  if (!o.level.empty() && !given) return bad("cli.ticket.bad_level", lang, {o.level});
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  if (given) {
    level = *given;
    return exit_ok;
  }
  if (int rc = read_ticket(d, o.number, v); rc != exit_ok) return rc;
  level = static_cast<service::SupportLevel>(std::min(3, static_cast<int>(v.ticket.level) + up));
  return exit_ok;
}

int run_assign(const Globals& g, Opts& o, CLI::App&) {
  const Lang lang = g.language();
  Desk d;
  workspace::TicketView v;
  service::SupportLevel level{};
  if (int rc = open_at_level(g, o, 0, d, v, level); rc != exit_ok) return rc;
  auto e = d->assign(o.number, o.operator_name, level, actor_name(o.actor), v, o.version);
  return changed(g, d, e, v, o.number, say("cli.ticket.assigned", lang, {o.operator_name, std::string(service::name(level))}));
}

int run_status(const Globals& g, Opts& o, CLI::App&) {
  const Lang lang = g.language();
  auto to = service::parse_status(o.to);
  if (!to || (*to != service::Status::in_progress && *to != service::Status::pending)) {
    if (int rc = check_number(o.number, lang); rc != exit_ok) return rc;
    return bad("cli.ticket.bad_status", lang, {o.to, "in_progress, pending"});
  }
  return move_ticket(g, o, say("cli.ticket.status_set", lang, {tr("ticket.status." + o.to, lang)}),
                     [&](workspace::ServiceDesk& desk, workspace::TicketView& v) {
                       return desk.set_status(o.number, *to, o.note, actor_name(o.actor), v, o.version);
                     });
}

int run_note(const Globals& g, Opts& o, CLI::App&) {
  const Lang lang = g.language();
  const std::string kind = o.kind.empty() ? "note" : o.kind;
  auto k = service::parse_event_kind(kind);
  if (kind != "note" && kind != "call" && kind != "email") k.reset();
  if (!k) return bad("cli.ticket.bad_kind", lang, {kind});
  return move_ticket(g, o, say("cli.ticket.note_added", lang, {tr("cli.ticket.event." + kind, lang)}),
                     [&](workspace::ServiceDesk& desk, workspace::TicketView& v) {
                       return desk.follow_up(o.number, *k, o.text, actor_name(o.actor), v, o.version);
                     });
}

int run_diagnose_cmd(const Globals& g, Opts& o, CLI::App& sub) {
  if (int rc = check_number(o.number, g.language()); rc != exit_ok) return rc;
  DiagnoseArgs a{o.number, o.tree, o.symptom, o.facts, o.answers, sub.count("--answers") > 0, actor_name(o.actor)};
  return run_diagnose(g, a);
}

int run_escalate(const Globals& g, Opts& o, CLI::App&) {
  const Lang lang = g.language();
  Desk d;
  workspace::TicketView v;
  service::SupportLevel level{};
  if (int rc = open_at_level(g, o, 1, d, v, level); rc != exit_ok) return rc;
  // A packet file that cannot be written is refused before the ticket moves.
  if (!o.packet.empty()) {
    if (int rc = check_output(o.packet, lang); rc != exit_ok) return rc;
  }
  if (auto e = d->escalate(o.number, level, o.reason, actor_name(o.actor), v, o.version); !e.ok()) return desk_fail(e, o.number);
  const std::string packet = d->escalation_packet(v, lang);
  if (!o.packet.empty()) {
    if (int rc = write_output(o.packet, packet, lang); rc != exit_ok) return rc;
  }
  if (g.json) {
    json out = ticket_json(v, *d.desk);
    out["packet"] = packet;
    if (!o.packet.empty()) out["packet_file"] = o.packet;
    print_json(out);
    return exit_ok;
  }
  print_changed(std::cout, v, say("cli.ticket.escalated", lang, {std::string(service::name(level))}), lang);
  if (o.packet.empty()) std::cout << "\n" << packet << (packet.empty() || packet.back() == '\n' ? "" : "\n");
  else std::cout << say("cli.ticket.packet_written", lang, {o.packet}) << "\n";
  return exit_ok;
}

int run_resolve(const Globals& g, Opts& o, CLI::App&) {
  const Lang lang = g.language();
  if (int rc = check_number(o.number, lang); rc != exit_ok) return rc;
  if (o.from_diagnosis && !o.solution.empty()) return bad("cli.ticket.solution_or_diagnosis", lang, {});
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  workspace::TicketView v;
  std::string solution = o.solution;
  if (o.from_diagnosis) {
    if (int rc = read_ticket(d, o.number, v); rc != exit_ok) return rc;
    const auto sessions = d->sessions(v.ticket);
    if (sessions.empty()) return fail(o.number + ": " + tr("desk.no_session", lang));
    const auto& last = sessions.back();
    if (!last.session) return fail(o.number + ": " + say("cli.ticket.session_broken", lang, {last.error}));
    const auto p = workspace::ServiceDesk::propose(*last.session, lang);
    if (p.solution.empty()) {
      const std::string outcome = p.outcome ? tr("outcome." + std::string(engine::outcome_name(*p.outcome)), lang)
                                            : tr("desk.in_progress", lang);
      return bad("cli.ticket.no_proposed_solution", lang, {o.number, outcome});
    }
    solution = p.solution;
  }
  auto e = d->resolve(o.number, solution, actor_name(o.actor), v, o.version);
  return changed(g, d, e, v, o.number, tr("cli.ticket.resolved", lang));
}

int run_close(const Globals& g, Opts& o, CLI::App&) {
  return move_ticket(g, o, tr("cli.ticket.closed", g.language()), [&](workspace::ServiceDesk& desk, workspace::TicketView& v) {
    return desk.close(o.number, o.note, actor_name(o.actor), v, o.version);
  });
}

int run_reopen(const Globals& g, Opts& o, CLI::App&) {
  return move_ticket(g, o, tr("cli.ticket.reopened", g.language()), [&](workspace::ServiceDesk& desk, workspace::TicketView& v) {
    return desk.reopen(o.number, o.reason, actor_name(o.actor), v, o.version);
  });
}

int run_report(const Globals& g, Opts& o, CLI::App&) {
  const Lang lang = g.language();
  if (int rc = check_number(o.number, lang); rc != exit_ok) return rc;
  if (o.pdf.empty() && o.md.empty()) return bad("cli.ticket.report_needs_file", lang, {});
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  workspace::TicketView v;
  if (int rc = read_ticket(d, o.number, v); rc != exit_ok) return rc;
  json out{{"number", v.ticket.number}, {"lang", std::string(engine::lang_code(lang))}};
  if (!o.md.empty()) {
    if (int rc = write_output(o.md, d->report_markdown(v, lang), lang); rc != exit_ok) return rc;
    out["md"] = o.md;
  }
  if (!o.pdf.empty()) {
    if (auto err = d->report_pdf(v, lang, o.pdf); !err.empty()) {
      return fail(say("cli.ticket.write_failed", lang, {o.pdf, err}), exit_failed);
    }
    out["pdf"] = o.pdf;
  }
  if (g.json) {
    print_json(out);
  } else {
    for (const char* key : {"md", "pdf"}) {
      if (out.contains(key)) std::cout << say("cli.ticket.report_written", lang, {out[key].get<std::string>()}) << "\n";
    }
  }
  return exit_ok;
}

// [SECTION] Registration ----------------------------------------------------------------

Runner add_ticket_command(CLI::App& app, Globals& g, service::TicketType type) {
  const bool incident = type == service::TicketType::incident;
  auto* cmd = app.add_subcommand(incident ? "incident" : "request",
                                 incident ? "Incidents (INC-...): new, list, show, update, assign, status, note, "
                                            "diagnose, escalate, resolve, close, reopen, report"
                                          : "Service requests (DEM-...): the same sub-commands as 'incident'");
  cmd->require_subcommand(1);
  static Opts storage[2];
  Opts& o = storage[incident ? 0 : 1];
  o.type = type;
  auto handlers = std::make_shared<std::vector<std::pair<CLI::App*, Handler>>>();
  auto sub = [&](const char* name, const char* help, Handler h) {
    auto* s = cmd->add_subcommand(name, help);
    s->add_flag("--json", g.json, "Print the result as JSON");
    handlers->emplace_back(s, h);
    return s;
  };
  auto number = [&](CLI::App* s) { s->add_option("number", o.number, "Ticket number (INC-YYYY-NNNNNN or DEM-YYYY-NNNNNN)")->required(); };
  auto changes = [&](CLI::App* s) {
    s->add_option("--operator", o.actor, "Who makes the change (default: $DIAGDESK_OPERATOR, then $USER)");
    s->add_option("--version", o.version, "Refuse if the ticket is no longer at this version (someone changed it)");
  };

  auto* s = sub("new", "Open a ticket: prints its number and its priority", &run_new);
  s->add_option("--title", o.title, "What the caller reports, in a line");
  s->add_option("--caller", o.caller, "Caller's name");
  s->add_option("--phone", o.phone, "Caller's phone");
  s->add_option("--email", o.email, "Caller's e-mail");
  s->add_option("--site", o.site, "Caller's site");
  s->add_option("--impact", o.impact, "low | medium | high");
  s->add_option("--urgency", o.urgency, "low | medium | high");
  s->add_option("--category", o.category, "A tree domain (network, hardware, os...)");
  s->add_option("--asset", o.asset, "Asset tag of the equipment");
  s->add_option("--description", o.description, "The caller's words");
  s->add_option("--fact", o.facts, "Known fact key=value for its diagnoses (repeatable)");
  s->add_option("--operator", o.actor, "Who takes the call (default: $DIAGDESK_OPERATOR, then $USER)");

  s = sub("list", "The queue, filtered and sorted", &run_list);
  s->add_option("--status", o.status, "new | assigned | in_progress | pending | escalated | resolved | closed");
  s->add_option("--priority", o.priority, "1..5 or P1..P5");
  s->add_option("--operator", o.list_operator, "Assigned operator");
  s->add_flag("--late", o.late, "Only tickets late on an SLA clock");
  s->add_flag("--at-risk", o.at_risk, "Only tickets at risk (not yet late)");
  s->add_flag("--open", o.open, "Leave out resolved and closed tickets");
  s->add_option("--sort", o.sort, "priority (default) | due");

  number(sub("show", "Fields, SLA, timeline and attached diagnoses of a ticket", &run_show));

  s = sub("update", "Change one field: title, description, caller, phone, email, site, category, asset, impact, urgency", &run_update);
  number(s);
  s->add_option("field", o.field, "Field name")->required();
  s->add_option("value", o.value, "New value")->required();
  changes(s);

  s = sub("assign", "Assign to an operator, at a level", &run_assign);
  number(s);
  s->add_option("operator", o.operator_name, "Operator name")->required();
  s->add_option("--level", o.level, "N1 | N2 | N3 (or 1..3); default: the ticket's level");
  s->add_option("--as", o.actor, "Who makes the change (default: $DIAGDESK_OPERATOR, then $USER)");
  s->add_option("--version", o.version, "Refuse if the ticket is no longer at this version (someone changed it)");

  s = sub("status", "Move to in_progress, or pending (with --note: waiting for whom)", &run_status);
  number(s);
  s->add_option("status", o.to, "in_progress | pending")->required();
  s->add_option("--note", o.note, "Why (needed for pending)");
  changes(s);

  s = sub("note", "Add a follow-up: a note, a call or an e-mail", &run_note);
  number(s);
  s->add_option("text", o.text, "What was said or done")->required();
  s->add_option("--kind", o.kind, "note (default) | call | email");
  changes(s);

  s = sub("diagnose", "Guided diagnosis attached to the ticket (interactive, or --answers / --json)", &run_diagnose_cmd);
  number(s);
  s->add_option("tree", o.tree, "Tree id; default: the tree matching the ticket's title and description");
  s->add_option("--symptom", o.symptom, "Start the tree that best matches this symptom");
  s->add_option("--fact", o.facts, "Extra fact key=value (repeatable)");
  s->add_option("--answers", o.answers, "Comma-separated answers (choice id or 1-based number; ? = don't know)");
  s->add_option("--operator", o.actor, "Who runs the diagnosis (default: $DIAGDESK_OPERATOR, then $USER)");

  s = sub("escalate", "Escalate to a higher level with a reason; prints or writes the escalation packet", &run_escalate);
  number(s);
  s->add_option("--level", o.level, "2 | 3 (or N2, N3); default: one level up");
  s->add_option("--reason", o.reason, "Why it escalates");
  s->add_option("--packet", o.packet, "Write the escalation packet (Markdown) to this file");
  changes(s);

  s = sub("resolve", "Resolve with a solution", &run_resolve);
  number(s);
  s->add_option("--solution", o.solution, "What solved it");
  s->add_flag("--from-diagnosis", o.from_diagnosis, "The solution proposed by the last attached diagnosis");
  changes(s);

  s = sub("close", "Close a resolved ticket", &run_close);
  number(s);
  s->add_option("--note", o.note, "Closing note");
  changes(s);

  s = sub("reopen", "Reopen a resolved ticket", &run_reopen);
  number(s);
  s->add_option("--reason", o.reason, "Why it is reopened");
  changes(s);

  s = sub("report", "The intervention report as PDF and/or Markdown (in --lang)", &run_report);
  number(s);
  s->add_option("--pdf", o.pdf, "Write the PDF here");
  s->add_option("--md", o.md, "Write the Markdown here");

  // export and import (cmd_export.cpp): GLPI CSV, JSON round trip.
  auto exchange = add_ticket_exchange(*cmd, g, type);

  return [&g, &o, handlers, exchange] {
    if (auto rc = exchange()) return *rc;
    for (auto& [s, h] : *handlers) {
      if (s->parsed()) return h(g, o, *s);
    }
    return exit_usage;
  };
}

}  // namespace

Runner add_incident(CLI::App& app, Globals& g) { return add_ticket_command(app, g, service::TicketType::incident); }
Runner add_request(CLI::App& app, Globals& g) { return add_ticket_command(app, g, service::TicketType::request); }

}  // namespace diagdesk::cli
