// The ticket command line's shared pieces: opening the desk with its clock,
// errors and exit codes, and showing tickets to people and to scripts.
//
// [SECTION] Opening the desk, errors
// [SECTION] Words
// [SECTION] JSON
// [SECTION] Terminal
#include "ticket_cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/training_sim.hpp>
#include <diagdesk/service/problem_record.hpp>

#include <cstdlib>
#include <iostream>

namespace diagdesk::cli::ticket {

using engine::Lang;
using engine::tr;
using nlohmann::json;

// [SECTION] Opening the desk, errors ----------------------------------------------------

namespace {

bool all_digits(const std::string& s) {
  if (s.empty() || s.size() > 12) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

int open_desk(const Globals& g, Desk& out) {
  out.lang = g.language();
  out.ws = open_workspace(g);
  workspace::DeskError err;
  out.desk = workspace::ServiceDesk::open(*out.ws, err);
  if (!out.desk) {
    if (err.code.empty()) err.code = "io";
    return desk_fail(err);
  }
  if (const char* env = std::getenv("DIAGDESK_NOW"); env && *env) {
    const std::string text = env;
    std::optional<service::Time> at;
    if (all_digits(text)) at = std::stoll(text);
    else at = out.desk->config().calendar.parse_local(text);
    if (!at) return fail(say("cli.ticket.bad_now", out.lang, {text}));
    const service::Time fixed = *at;
    out.desk->set_clock([fixed] { return fixed; });
  }
  return exit_ok;
}

int desk_fail(const workspace::DeskError& e, const std::string& subject) {
  const bool input = e.code == "not_found" || e.code == "bad_value" || e.code == "bad_move" || e.code == "stale" ||
                     e.code == "duplicate";
  std::string message = e.message.empty() ? e.code : e.message;
  if (!subject.empty()) {
    // The desk's messages may start with the number already (followed by
    // ": " in English, " : " in French): say it once.
    // Kept with the subject: an update names the field and the value refused.
    const std::string number = subject.substr(0, subject.find(' '));
    std::string sep = ": ";
    for (const std::string said : {": ", " : "}) {
      if (message.rfind(number + said, 0) == 0) {
        message.erase(0, number.size() + said.size());
        sep = said;
        break;
      }
    }
    message = subject + sep + message;
  }
  return fail(message, input ? exit_usage : exit_failed);
}

int check_number(const std::string& number, Lang lang) {
  if (service::valid_number(number)) return exit_ok;
  return fail("'" + number + "': " + tr("desk.bad_number", lang));
}

std::string actor_name(const std::string& given) {
  if (!given.empty()) return given;
  for (const char* var : {"DIAGDESK_OPERATOR", "USER"}) {
    if (const char* v = std::getenv(var); v && *v) return v;
  }
  return "operator";
}

// [SECTION] Words --------------------------------------------------------------------------

std::string command_name(service::TicketType type) {
  return type == service::TicketType::request ? "request" : "incident";
}

std::string shell_quote(const std::string& text) {
  const bool plain = !text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                              "0123456789-_.,/:=@+") == std::string::npos;
  if (plain) return text;
  std::string q = "'";
  for (char c : text) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string say(const std::string& key, Lang lang, const std::vector<std::string>& args) {
  return engine::format_text(tr(key, lang), args);
}

namespace {

std::string colon(Lang lang) { return tr("punct.colon", lang); }
/// The colon ending a heading, with no blank after it.
std::string heading(const std::string& key, Lang lang) {
  std::string h = tr(key, lang) + colon(lang);
  while (!h.empty() && h.back() == ' ') h.pop_back();
  return h;
}
/// "; " in English, " ; " in French typography.
std::string semicolon(Lang lang) { return lang == Lang::fr ? " ; " : "; "; }

std::string status_text(std::string_view status, Lang lang) { return tr("ticket.status." + std::string(status), lang); }

/// `what` is "impact" or "urgency" (French adjectives agree: impact élevé, urgence élevée).
std::string grade_text(const char* what, service::Grade g, Lang lang) {
  return tr("cli.ticket." + std::string(what) + "." + std::string(service::name(g)), lang);
}

/// Display width of UTF-8 text: its code points (accents count once).
std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > width(s) ? w - width(s) : 1, ' '); }

/// The first line of a note, cut at 100 characters: the escalation event's
/// note is the whole packet, shown by `escalate` and in JSON.
std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (width(line) > 100) {
    std::size_t bytes = 0, chars = 0;
    while (bytes < line.size() && chars < 100) {
      ++bytes;
      while (bytes < line.size() && (static_cast<unsigned char>(line[bytes]) & 0xC0) == 0x80) ++bytes;
      ++chars;
    }
    line = line.substr(0, bytes) + "…";
  }
  return line + (line.size() < text.size() && text.find('\n') != std::string::npos ? " …" : "");
}

std::string clock_text(const std::string& label, const service::SlaClock& c, const service::Calendar& cal, Lang lang) {
  std::string s = tr(label, lang) + colon(lang);
  if (c.met_at) s += tr("ticket.sla.met", lang) + " " + cal.format_local(*c.met_at);
  else if (c.paused) s += tr("ticket.sla.paused", lang);
  else if (c.due) s += tr("ticket.sla.due", lang) + " " + cal.format_local(*c.due);
  if (c.late) s += " (" + tr("ticket.sla.late", lang) + ")";
  else if (c.at_risk) s += " (" + tr("ticket.sla.at_risk", lang) + ")";
  return s;
}

}  // namespace

std::string priority_why(const service::Ticket& t, const workspace::ServiceDesk& desk, Lang lang) {
  return say("cli.ticket.priority_why", lang,
             {service::priority_name(t.priority), grade_text("impact", t.impact, lang), grade_text("urgency", t.urgency, lang),
              desk.config().matrix.source(t.impact, t.urgency)});
}

std::string sla_text(const service::SlaState& sla, const service::Calendar& cal, Lang lang) {
  return clock_text("ticket.sla.take", sla.take_charge, cal, lang) + semicolon(lang) +
         clock_text("ticket.sla.resolve", sla.resolve, cal, lang);
}

// [SECTION] JSON ----------------------------------------------------------------------------

namespace {

json time_json(const std::optional<service::Time>& t, const service::Calendar& cal) {
  if (!t) return nullptr;
  return {{"unix", *t}, {"local", cal.format_local(*t)}};
}

json clock_json(const service::SlaClock& c, const service::Calendar& cal) {
  return {{"target_seconds", c.target}, {"used_seconds", c.used}, {"due", time_json(c.due, cal)},
          {"met_at", time_json(c.met_at, cal)}, {"paused", c.paused}, {"late", c.late}, {"at_risk", c.at_risk}};
}

}  // namespace

json ticket_json(const workspace::TicketView& v, const workspace::ServiceDesk& desk, bool history) {
  const service::Ticket& t = v.ticket;
  const service::Calendar& cal = desk.config().calendar;
  json out{{"number", t.number},
           {"type", std::string(service::name(t.type))},
           {"title", t.title},
           {"description", t.description},
           {"caller", {{"name", t.caller_name}, {"phone", t.caller_phone}, {"email", t.caller_email}, {"site", t.caller_site}}},
           {"category", t.category},
           {"impact", std::string(service::name(t.impact))},
           {"urgency", std::string(service::name(t.urgency))},
           {"priority", service::priority_name(t.priority)},
           {"priority_cell", {{"impact", std::string(service::name(t.impact))},
                              {"urgency", std::string(service::name(t.urgency))},
                              {"source", desk.config().matrix.source(t.impact, t.urgency)}}},
           {"status", std::string(service::name(t.status))},
           {"operator", t.operator_name},
           {"level", std::string(service::name(t.level))},
           {"asset", t.asset_tag},
           {"facts", desk.ticket_facts(t)},
           {"created_at", time_json(t.created_at, cal)},
           {"updated_at", time_json(t.updated_at, cal)},
           {"taken_at", time_json(t.taken_at, cal)},
           {"resolved_at", time_json(t.resolved_at, cal)},
           {"closed_at", time_json(t.closed_at, cal)},
           {"solution", t.solution},
           {"sessions", t.sessions.size()},
           {"version", t.version}};
  out["warranty_end"] = v.warranty_end ? json(service::format_date(*v.warranty_end)) : json(nullptr);
  const std::string problem = service::ticket_problem(v.history);
  out["problem"] = problem.empty() ? json(nullptr) : json(problem);
  out["sla"] = {{"late", v.sla.late()}, {"at_risk", v.sla.at_risk()},
                {"take_charge", clock_json(v.sla.take_charge, cal)}, {"resolve", clock_json(v.sla.resolve, cal)}};
  if (history) {
    out["history"] = json::array();
    for (const auto& e : v.history) {
      out["history"].push_back({{"at", time_json(e.at, cal)}, {"actor", e.actor},
                                {"kind", std::string(service::name(e.kind))}, {"field", e.field},
                                {"old", e.old_value}, {"new", e.new_value}, {"note", e.note}});
    }
  }
  return out;
}

// [SECTION] Terminal ------------------------------------------------------------------------

void print_changed(std::ostream& out, const workspace::TicketView& v, const std::string& what, Lang lang) {
  const service::Ticket& t = v.ticket;
  out << t.number << colon(lang) << what << "\n  " << tr("ticket.field.status", lang) << colon(lang)
      << status_text(service::name(t.status), lang) << " · " << tr("ticket.field.operator", lang) << colon(lang)
      << (t.operator_name.empty() ? "-" : t.operator_name) << " (" << service::name(t.level) << ")\n";
}

void print_table(std::ostream& out, const std::vector<workspace::TicketView>& rows, const workspace::ServiceDesk& desk,
                 Lang lang) {
  if (rows.empty()) {
    out << tr("cli.ticket.none", lang) << "\n";
    return;
  }
  const service::Calendar& cal = desk.config().calendar;
  out << pad(tr("ticket.field.number", lang), 17) << pad(tr("cli.ticket.col_priority", lang), 6)
      << pad(tr("ticket.field.status", lang), 12) << pad(tr("ticket.field.operator", lang), 14)
      << pad(tr("cli.ticket.col_sla", lang), 30) << tr("ticket.field.title", lang) << "\n";
  for (const auto& v : rows) {
    const service::Ticket& t = v.ticket;
    std::string sla = "-";
    if (v.sla.late()) sla = tr("ticket.sla.late", lang);
    else if (v.sla.resolve.due) sla = cal.format_local(*v.sla.resolve.due);
    else if (v.sla.resolve.paused && !v.sla.resolve.met_at) sla = tr("ticket.sla.paused", lang);
    if (v.sla.at_risk()) sla += " (" + tr("ticket.sla.at_risk", lang) + ")";
    out << pad(t.number, 17) << pad(service::priority_name(t.priority), 6)
        << pad(status_text(service::name(t.status), lang), 12)
        << pad(t.operator_name.empty() ? "-" : t.operator_name, 14) << pad(sla, 30) << t.title << "\n";
  }
}

void print_ticket(std::ostream& out, const workspace::TicketView& v, const workspace::ServiceDesk& desk, Lang lang) {
  const service::Ticket& t = v.ticket;
  const service::Calendar& cal = desk.config().calendar;
  const std::string c = colon(lang);
  auto line = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) out << "  " << pad(tr(key, lang) + c, 26) << value << "\n";
  };
  auto when = [&](const std::string& key, const std::optional<service::Time>& at) {
    if (at) line(key, cal.format_local(*at));
  };
  out << t.number << " · " << tr("ticket.type." + std::string(service::name(t.type)), lang) << " · " << t.title << "\n";
  line("ticket.field.status", status_text(service::name(t.status), lang));
  line("ticket.field.priority", priority_why(t, desk, lang));
  std::string caller = t.caller_name;
  for (const auto* part : {&t.caller_phone, &t.caller_email}) {
    if (!part->empty()) caller += ", " + *part;
  }
  line("ticket.field.caller", caller);
  line("ticket.field.site", t.caller_site);
  line("ticket.field.category", t.category);
  line("ticket.field.equipment", t.asset_tag);
  if (v.warranty_end) out << "  " << warranty_text(*v.warranty_end, lang) << "\n";
  line("ticket.field.problem", service::ticket_problem(v.history));
  line("ticket.field.operator", (t.operator_name.empty() ? "-" : t.operator_name) + " (" + std::string(service::name(t.level)) + ")");
  std::string facts;
  for (const auto& f : desk.ticket_facts(t)) facts += (facts.empty() ? "" : ", ") + f;
  line("ticket.packet.facts", facts);
  when("ticket.field.created", t.created_at);
  when("ticket.field.taken", t.taken_at);
  when("ticket.field.resolved", t.resolved_at);
  when("ticket.field.closed", t.closed_at);
  line("cli.ticket.solution", t.solution);
  line("cli.ticket.version", std::to_string(t.version));
  if (!t.description.empty()) out << "\n  " << heading("cli.ticket.description", lang) << "\n    " << t.description << "\n";

  out << "\n" << heading("ticket.field.sla", lang) << "\n";
  out << "  " << clock_text("ticket.sla.take", v.sla.take_charge, cal, lang) << "\n";
  out << "  " << clock_text("ticket.sla.resolve", v.sla.resolve, cal, lang) << "\n";

  out << "\n" << heading("cli.ticket.timeline", lang) << "\n";
  for (const auto& e : v.history) {
    const bool status = e.kind == service::EventKind::status;
    std::string what = tr("cli.ticket.event." + std::string(service::name(e.kind)), lang);
    if (!e.field.empty() && e.kind == service::EventKind::field) what += " " + e.field;
    const std::string before = status && !e.old_value.empty() ? status_text(e.old_value, lang) : e.old_value;
    const std::string after = status && !e.new_value.empty() ? status_text(e.new_value, lang) : e.new_value;
    if (!before.empty()) what += c + before + " -> " + after;
    else if (!after.empty()) what += c + after;
    out << "  " << cal.format_local(e.at) << "  " << pad(e.actor, 12) << what;
    if (!e.note.empty()) out << " · " << first_line(desk.event_note(e, lang));
    out << "\n";
  }

  const auto sessions = desk.sessions(t);
  out << "\n" << heading("cli.ticket.sessions", lang) << (sessions.empty() ? " -" : "") << "\n";
  for (const auto& s : sessions) {
    out << "  #" << (s.index + 1) << " ";
    if (!s.session) {
      out << say("cli.ticket.session_broken", lang, {s.error}) << "\n";
      continue;
    }
    const engine::Step& step = s.session->step();
    out << s.session->start_tree() << c;
    if (step.kind == engine::StepKind::conclusion) {
      out << step.diagnosis << " (" << tr("outcome." + std::string(engine::outcome_name(*step.outcome)), lang) << ")";
    } else {
      out << say("cli.ticket.session_open", lang, {step.tree + ":" + step.node});
    }
    if (!s.info.operator_name.empty()) out << " · " << s.info.operator_name;
    out << "\n";
  }
}

}  // namespace diagdesk::cli::ticket
