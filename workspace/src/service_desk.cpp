// The service desk: ticket moves over the store, diagnoses attached to
// tickets. The documents (escalation packet, intervention report) are in
// service_desk_documents.cpp.
//
// [SECTION] Messages
// [SECTION] Opening
// [SECTION] Reading tickets
// [SECTION] Changing tickets
// [SECTION] Diagnoses
#include "service_desk_text.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session_file.hpp>
#include <diagdesk/engine/training_sim.hpp>  // format_text
#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/service/pg_store.hpp>
#include <diagdesk/workspace/model_learn.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>

namespace diagdesk::workspace {

using engine::tr;
namespace sv = diagdesk::service;

// [SECTION] Messages --------------------------------------------------------------------

std::string fill_braces(std::string text, const std::string& value) {
  const auto at = text.find("{}");
  if (at != std::string::npos) text.replace(at, 2, value);
  return text;
}

/// "INC-2026-000001 : message" in the desk's language.
DeskError refuse(const std::string& code, const std::string& move, const std::string& number, const std::string& text,
                 Lang lang) {
  return {code, move, (number.empty() ? "" : number + tr("punct.colon", lang)) + text};
}

DeskError store_error(const sv::StoreStatus& s, const std::string& number, Lang lang) {
  const std::string code(sv::name(s.error));
  return refuse(code, "", number, tr("desk.store." + code, lang) + (s.detail.empty() ? "" : " (" + s.detail + ")"), lang);
}

namespace {

/// A refused lifecycle move: code bad_move (bad_value for what the operator
/// typed), the move's error name, and its sentence.
template <class E>
DeskError move_error(E e, const std::string& number, Lang lang) {
  if (e == E{}) return {};
  const std::string move(sv::name(e));
  const bool typed = move == "bad_value" || move == "unknown_field" || move == "empty_value" || move == "empty_title" ||
                     move == "empty_caller" || move == "no_operator" || move == "empty_note";
  return refuse(typed ? "bad_value" : "bad_move", move, number, tr("desk.move." + move, lang), lang);
}

std::vector<std::string> domains(const Workspace& ws) {
  std::set<std::string> set;
  for (const auto& t : ws.trees(Lang::en)) {
    if (!t.domain.empty()) set.insert(t.domain);
  }
  return {set.begin(), set.end()};
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

/// The automatic update of the learned priors after a move that may change
/// what the ticket confirms; its failure never undoes the move, it is reported.
DeskError learned(DeskError done, const ServiceDesk& desk, const Workspace& ws, const TicketView& v) {
  if (!done.ok()) return done;
  if (auto err = learn_ticket(desk, ws, v.ticket); !err.empty()) {
    done.warning = tr("model.auto_failed", ws.options().lang) + tr("punct.colon", ws.options().lang) + err;
  }
  return done;
}

/// The earliest due time of a clock still running, for sorting the queue.
std::optional<sv::Time> next_due(const sv::SlaState& s) {
  std::optional<sv::Time> due;
  for (const sv::SlaClock* c : {&s.take_charge, &s.resolve}) {
    if (c->met_at || !c->due) continue;
    if (!due || *c->due < *due) due = c->due;
  }
  return due;
}

}  // namespace

// [SECTION] Opening ---------------------------------------------------------------------

ServiceDesk::ServiceDesk(const Workspace& ws, std::unique_ptr<sv::Store> store, sv::SqliteStore* sqlite,
                         std::string where, sv::ServiceConfig config)
    : m_ws(ws), m_store(std::move(store)), m_sqlite(sqlite), m_where(std::move(where)), m_config(std::move(config)) {}

ServiceDesk::~ServiceDesk() = default;

fs::path ServiceDesk::database_path(const Workspace& ws) { return ws.options().data_dir / "service.sqlite"; }

std::string ServiceDesk::store_connection(const Workspace& ws) {
  if (!ws.options().store.empty()) return ws.options().store;
  const char* env = std::getenv("DIAGDESK_STORE");
  return env ? env : "";
}

std::unique_ptr<ServiceDesk> ServiceDesk::open(const Workspace& ws, DeskError& error, sv::OpenOptions options) {
  error = {};
  sv::StoreStatus status;
  std::unique_ptr<sv::Store> store;
  sv::SqliteStore* sqlite = nullptr;
  std::string where;
  if (const std::string server = store_connection(ws); !server.empty()) {
    // Operators' logins cannot create or upgrade the schema: `diagdesk team init` does, as the owner.
    sv::PgOptions pg;
    pg.migrate = false;
    auto team = sv::PgStore::open(server, pg, status);
    if (team) where = team->where();
    store = std::move(team);
  } else {
    auto file = sv::SqliteStore::open(database_path(ws), options, status);
    sqlite = file.get();
    if (file) where = file->path();
    store = std::move(file);
  }
  if (!store) {
    error = store_error(status, "", ws.options().lang);
    return nullptr;
  }
  std::vector<fs::path> roots;
  for (const auto& layer : ws.layers()) roots.push_back(layer.path);
  std::unique_ptr<ServiceDesk> desk(
      new ServiceDesk(ws, std::move(store), sqlite, std::move(where), sv::load_service_config(roots)));
  desk->load_asset_facts();
  if (!sqlite) desk->m_pending = desk->attach_pending();
  return desk;
}

sv::Time ServiceDesk::now() const {
  if (m_clock) return m_clock();
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// [SECTION] Reading tickets -------------------------------------------------------------

namespace {

/// Reads a ticket by number: bad_value for a malformed number, not_found.
DeskError load(sv::Store& store, const std::string& number, sv::Ticket& t, Lang lang) {
  if (!sv::valid_number(number)) return refuse("bad_value", "", number, tr("desk.bad_number", lang), lang);
  const auto s = store.get(number, t);
  if (s.error == sv::StoreError::not_found) return refuse("not_found", "", number, tr("desk.not_found", lang), lang);
  if (!s.ok()) return store_error(s, number, lang);
  return {};
}

}  // namespace

DeskError ServiceDesk::view_of(sv::Ticket t, TicketView& out) {
  const Lang lang = m_ws.options().lang;
  out = {};
  out.ticket = std::move(t);
  if (const auto s = m_store->history(out.ticket.id, out.history); !s.ok()) return store_error(s, out.ticket.number, lang);
  out.sla = sv::compute_sla(out.ticket, out.history, m_config.sla, m_config.calendar, now());
  fill_warranty(out);
  return {};
}

DeskError ServiceDesk::get(const std::string& number, TicketView& out) {
  sv::Ticket t;
  if (auto e = load(*m_store, number, t, m_ws.options().lang); !e.ok()) return e;
  return view_of(std::move(t), out);
}

DeskError ServiceDesk::list(const TicketQuery& query, std::vector<TicketView>& out) {
  out.clear();
  std::vector<sv::Ticket> tickets;
  if (const auto s = m_store->list(query.filter, tickets); !s.ok()) return store_error(s, "", m_ws.options().lang);
  for (auto& t : tickets) {
    if (query.open_only && (t.status == sv::Status::resolved || t.status == sv::Status::closed)) continue;
    TicketView v;
    if (auto e = view_of(std::move(t), v); !e.ok()) return e;
    if (query.late_only && !v.sla.late()) continue;
    if (query.at_risk_only && !v.sla.at_risk()) continue;
    out.push_back(std::move(v));
  }
  if (query.sort == TicketQuery::Sort::due) {
    // Tickets with a running clock first, the nearest due time first; the
    // store's priority order breaks ties.
    std::stable_sort(out.begin(), out.end(), [](const TicketView& a, const TicketView& b) {
      const auto da = next_due(a.sla), db = next_due(b.sla);
      if (da.has_value() != db.has_value()) return da.has_value();
      return da && *da < *db;
    });
  }
  return {};
}

// [SECTION] Changing tickets ------------------------------------------------------------

DeskError ServiceDesk::create(const NewTicket& n, const std::string& actor, TicketView& out) {
  const Lang lang = m_ws.options().lang;
  if (!n.category.empty()) {
    const auto known = domains(m_ws);
    if (std::find(known.begin(), known.end(), n.category) == known.end()) {
      return refuse("bad_value", "", "", n.category + tr("punct.colon", lang) + fill_braces(tr("desk.bad_category", lang), join(known, ", ")), lang);
    }
  }
  std::string fact_error;
  const auto facts = m_ws.parse_facts(n.facts, &fact_error);
  if (!facts) return refuse("bad_value", "", "", tr("desk.bad_fact", lang) + tr("punct.colon", lang) + fact_error, lang);

  sv::Ticket t;
  t.type = n.type;
  t.title = n.title;
  t.description = n.description;
  t.caller_name = n.caller_name;
  t.caller_phone = n.caller_phone;
  t.caller_email = n.caller_email;
  t.caller_site = n.caller_site;
  t.category = n.category;
  t.impact = n.impact;
  t.urgency = n.urgency;
  t.asset_tag = n.asset_tag;
  sv::Edit e{actor, now(), {}};
  if (auto err = move_error(sv::open_ticket(t, e, m_config.matrix), "", lang); !err.ok()) return err;
  if (!facts->empty()) {
    // The facts known at the call, for the ticket's diagnoses (ticket_facts).
    std::vector<std::string> lines;
    for (const auto& [k, v] : *facts) lines.push_back(k + "=" + v);
    sv::Event ev;
    ev.at = e.at;
    ev.actor = actor;
    ev.kind = sv::EventKind::field;
    ev.field = "facts";
    ev.new_value = join(lines, "\n");
    e.events.push_back(std::move(ev));
  }
  const int year = m_config.calendar.local(e.at).first.year;
  if (const auto s = m_store->create(t, year, e.events); !s.ok()) return store_error(s, "", lang);
  return view_of(std::move(t), out);
}

DeskError ServiceDesk::change(const std::string& number, const std::string& actor, std::int64_t expected_version,
                              TicketView& out, const std::function<DeskError(sv::Ticket&, sv::Edit&)>& move) {
  const Lang lang = m_ws.options().lang;
  sv::Ticket t;
  if (auto e = load(*m_store, number, t, lang); !e.ok()) return e;
  if (expected_version != 0 && t.version != expected_version) {
    return refuse("stale", "", number, tr("desk.stale", lang), lang);
  }
  sv::Edit edit{actor, now(), {}};
  if (auto e = move(t, edit); !e.ok()) return e;
  const auto s = m_store->update(t, edit.events);
  if (s.error == sv::StoreError::stale) return refuse("stale", "", number, tr("desk.stale", lang), lang);
  if (!s.ok()) return store_error(s, number, lang);
  return view_of(std::move(t), out);
}

DeskError ServiceDesk::update(const std::string& number, const std::string& field, const std::string& value,
                              const std::string& actor, TicketView& out, std::int64_t expected_version) {
  const Lang lang = m_ws.options().lang;
  return change(number, actor, expected_version, out, [&](sv::Ticket& t, sv::Edit& e) -> DeskError {
    if (field == "category" && !value.empty()) {
      const auto known = domains(m_ws);
      if (std::find(known.begin(), known.end(), value) == known.end()) {
        return refuse("bad_value", "", number, value + tr("punct.colon", lang) + fill_braces(tr("desk.bad_category", lang), join(known, ", ")), lang);
      }
    }
    return move_error(sv::set_field(t, e, field, value, m_config.matrix), number, lang);
  });
}

DeskError ServiceDesk::assign(const std::string& number, const std::string& operator_name, sv::SupportLevel level,
                              const std::string& actor, TicketView& out, std::int64_t expected_version) {
  return change(number, actor, expected_version, out, [&](sv::Ticket& t, sv::Edit& e) {
    return move_error(sv::assign(t, e, operator_name, level), number, m_ws.options().lang);
  });
}

DeskError ServiceDesk::set_status(const std::string& number, sv::Status to, const std::string& note,
                                  const std::string& actor, TicketView& out, std::int64_t expected_version) {
  return change(number, actor, expected_version, out, [&](sv::Ticket& t, sv::Edit& e) {
    return move_error(sv::set_status(t, e, to, note), number, m_ws.options().lang);
  });
}

DeskError ServiceDesk::resolve(const std::string& number, const std::string& solution, const std::string& actor,
                               TicketView& out, std::int64_t expected_version) {
  auto done = change(number, actor, expected_version, out, [&](sv::Ticket& t, sv::Edit& e) {
    return move_error(sv::resolve(t, e, solution), number, m_ws.options().lang);
  });
  return learned(std::move(done), *this, m_ws, out);
}

DeskError ServiceDesk::close(const std::string& number, const std::string& note, const std::string& actor,
                             TicketView& out, std::int64_t expected_version) {
  auto done = change(number, actor, expected_version, out, [&](sv::Ticket& t, sv::Edit& e) {
    return move_error(sv::close(t, e, note), number, m_ws.options().lang);
  });
  return learned(std::move(done), *this, m_ws, out);
}

DeskError ServiceDesk::reopen(const std::string& number, const std::string& reason, const std::string& actor,
                              TicketView& out, std::int64_t expected_version) {
  auto done = change(number, actor, expected_version, out, [&](sv::Ticket& t, sv::Edit& e) {
    return move_error(sv::reopen(t, e, reason), number, m_ws.options().lang);
  });
  return learned(std::move(done), *this, m_ws, out);
}

DeskError ServiceDesk::follow_up(const std::string& number, sv::EventKind kind, const std::string& text,
                                 const std::string& actor, TicketView& out, std::int64_t expected_version) {
  return change(number, actor, expected_version, out, [&](sv::Ticket& t, sv::Edit& e) {
    return move_error(sv::add_follow_up(t, e, kind, text), number, m_ws.options().lang);
  });
}

DeskError ServiceDesk::escalate(const std::string& number, sv::SupportLevel level, const std::string& reason,
                                const std::string& actor, TicketView& out, std::int64_t expected_version) {
  return change(number, actor, expected_version, out, [&](sv::Ticket& t, sv::Edit& e) -> DeskError {
    const Lang lang = m_ws.options().lang;
    if (auto err = move_error(sv::escalate(t, e, level, reason), number, lang); !err.ok()) return err;
    // The packet as level 2 receives it: the ticket as escalated, with the
    // history so far and this escalation's events.
    TicketView v;
    v.ticket = t;
    if (const auto s = m_store->history(t.id, v.history); !s.ok()) return store_error(s, number, lang);
    v.history.insert(v.history.end(), e.events.begin(), e.events.end());
    v.sla = sv::compute_sla(v.ticket, v.history, m_config.sla, m_config.calendar, e.at);
    sv::Event packet;
    packet.at = e.at;
    packet.actor = actor;
    packet.kind = sv::EventKind::note;
    packet.field = "escalation_packet";
    packet.new_value = std::string(sv::name(level));
    packet.note = escalation_packet(v, lang);
    e.events.push_back(std::move(packet));
    return {};
  });
}

// [SECTION] Diagnoses -------------------------------------------------------------------

std::vector<std::string> ServiceDesk::ticket_facts(const sv::Ticket& t) const {
  std::vector<std::pair<std::string, std::string>> facts;
  sv::Asset asset;
  if (!t.asset_tag.empty() && m_store->get_asset(t.asset_tag, asset).ok()) {
    for (const auto& f : asset_facts(asset)) {
      const auto eq = f.find('=');
      facts.emplace_back(f.substr(0, eq), f.substr(eq + 1));
    }
  }
  std::vector<sv::Event> history;
  if (t.id != 0) m_store->history(t.id, history);
  for (const auto& ev : history) {
    if (ev.kind != sv::EventKind::field || ev.field != "facts") continue;
    std::size_t from = 0;
    while (from <= ev.new_value.size()) {
      const auto to = std::min(ev.new_value.find('\n', from), ev.new_value.size());
      const std::string line = ev.new_value.substr(from, to - from);
      if (const auto eq = line.find('='); eq != std::string::npos) {
        const std::string key = line.substr(0, eq);
        // A later event wins, and the ticket's own facts win over its asset's.
        std::erase_if(facts, [&](const auto& f) { return f.first == key; });
        facts.emplace_back(key, line.substr(eq + 1));
      }
      from = to + 1;
    }
  }
  std::vector<std::string> out;
  for (const auto& [k, v] : facts) out.push_back(k + "=" + v);
  return out;
}

Started ServiceDesk::start_diagnosis(const std::string& number, const std::string& tree_id,
                                     const std::vector<std::string>& extra_facts, engine::Lang lang) const {
  sv::Ticket t;
  if (auto e = load(*m_store, number, t, m_ws.options().lang); !e.ok()) return {std::nullopt, e.message};
  auto facts = ticket_facts(t);
  for (const auto& extra : extra_facts) {
    // A fact typed now overrides the ticket's own.
    const std::string key = extra.substr(0, extra.find('='));
    std::erase_if(facts, [&](const std::string& f) { return f.substr(0, f.find('=')) == key; });
    facts.push_back(extra);
  }
  return m_ws.start(tree_id, facts, lang);
}

DeskError ServiceDesk::attach_diagnosis(const std::string& number, const engine::Session& session,
                                        const engine::ReportInfo& info, const std::string& actor, TicketView& out,
                                        DiagnosisProposal* proposal, std::int64_t expected_version) {
  const Lang lang = m_ws.options().lang;
  auto done = change(number, actor, expected_version, out, [&](sv::Ticket& t, sv::Edit& e) -> DeskError {
    if (t.status == sv::Status::closed) return refuse("bad_move", "closed", number, tr("desk.move.closed", lang), lang);
    if (t.status == sv::Status::new_ && t.operator_name.empty()) {
      // Whoever diagnoses a new ticket has taken it in charge.
      if (auto err = move_error(sv::assign(t, e, actor, t.level), number, lang); !err.ok()) return err;
      if (auto err = move_error(sv::set_status(t, e, sv::Status::in_progress, ""), number, lang); !err.ok()) return err;
    }
    engine::ReportInfo stored = info;
    if (stored.operator_name.empty()) stored.operator_name = actor;
    if (stored.date == 0) stored.date = e.at;
    if (auto err = move_error(sv::attach_session(t, e, engine::session_to_toml(session, stored)), number, lang); !err.ok()) {
      return err;
    }
    // The timeline shows which script and where it ended, not the whole file.
    const auto& step = session.step();
    e.events.back().new_value =
        session.start_tree() + ": " + (session.concluded() ? step.diagnosis : tr("desk.in_progress", lang));
    return {};
  });
  if (done.code == "unreachable" && !m_sqlite && !m_flushing) {
    // The team server went away during the diagnosis: nothing is lost.
    engine::ReportInfo stored = info;
    if (stored.operator_name.empty()) stored.operator_name = actor;
    if (stored.date == 0) stored.date = now();
    if (std::string kept = keep_pending(number, actor, engine::session_to_toml(session, stored)); !kept.empty())
      done.message = engine::format_text(tr("desk.diagnosis_kept", lang), {number, kept});
    return done;
  }
  if (done.ok() && proposal) *proposal = propose(session, lang);
  // A diagnosis attached to a resolved ticket corrects the cause it confirms.
  return learned(std::move(done), *this, m_ws, out);
}

std::vector<AttachedSession> ServiceDesk::sessions(const sv::Ticket& t) const {
  std::vector<AttachedSession> out;
  for (std::size_t i = 0; i < t.sessions.size(); ++i) {
    auto loaded = engine::parse_session(m_ws.knowledge(), t.sessions[i], t.number + "#" + std::to_string(i + 1));
    AttachedSession a;
    a.index = i;
    a.session = std::move(loaded.session);
    a.info = std::move(loaded.info);
    a.error = std::move(loaded.error);
    out.push_back(std::move(a));
  }
  return out;
}

DiagnosisProposal ServiceDesk::propose(const engine::Session& session, engine::Lang lang) {
  DiagnosisProposal p;
  if (!session.concluded()) return p;
  const auto& step = session.step();
  p.concluded = true;
  p.outcome = step.outcome;
  const auto outcome = step.outcome.value_or(engine::Outcome::resolved);
  // Sentences end with their full stop, whatever the tree author wrote.
  auto sentence = [](std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
    if (!s.empty() && s.back() != '.' && s.back() != '!' && s.back() != '?') s += '.';
    return s;
  };
  const std::string diagnosis = sentence(step.diagnosis);
  // A proposal (pre-sales tree) ends the call like a fix: the offer is the answer; its quote follows.
  if (outcome == engine::Outcome::resolved || outcome == engine::Outcome::proposal) {
    std::vector<std::string> remedy;
    for (const auto& r : step.remedy) remedy.push_back(sentence(r));
    p.solution = fill_braces(fill_braces(tr("desk.solution", lang), diagnosis), join(remedy, " "));
    return p;
  }
  // Level 3 is the experts and the vendors; a hardware return and an
  // escalation go to the level 2 specialists first.
  p.level = outcome == engine::Outcome::refer_vendor ? sv::SupportLevel::n3 : sv::SupportLevel::n2;
  p.escalation_reason = fill_braces(fill_braces(tr("desk.escalation_reason", lang), diagnosis),
                                    tr("outcome." + std::string(engine::outcome_name(outcome)), lang));
  return p;
}

}  // namespace diagdesk::workspace
