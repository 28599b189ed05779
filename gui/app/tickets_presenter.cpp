// The Tickets tab's presenter: the desk, the ticket intents, the view-model.
//
// [SECTION] Helpers
// [SECTION] Opening the desk
// [SECTION] Applying intents
// [SECTION] Diagnosis of a ticket
// [SECTION] The queue
// [SECTION] The ticket view
#include "app/tickets_presenter.hpp"

#include "app/tree_search.hpp"

#include <diagdesk/engine/i18n.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <set>

namespace diagdesk::gui {

namespace fs = std::filesystem;
namespace sv = diagdesk::service;
using engine::Lang;
using engine::tr;
using workspace::DeskError;
using workspace::TicketView;

// [SECTION] Helpers ------------------------------------------------------------------------------

namespace {

/// `text` with its first "{}" replaced by `value`.
std::string fill(std::string text, const std::string& value) {
  const auto at = text.find("{}");
  if (at != std::string::npos) text.replace(at, 2, value);
  return text;
}

std::string say(const char* key, const std::string& value, Lang lang) { return fill(tr(key, lang), value); }

std::int64_t to_int(const std::string& s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

sv::SupportLevel level_of(int n) { return static_cast<sv::SupportLevel>(std::clamp(n, 1, 3)); }

std::string status_label(std::string_view id, Lang lang) { return tr("ticket.status." + std::string(id), lang); }

std::string domain_text(const std::string& domain, Lang lang) {
  if (domain.empty()) return {};
  const std::string key = "gui.domain." + domain;
  const std::string& text = tr(key, lang);
  return text == key ? domain : text;
}

/// The first line of a note, at most 160 bytes cut on a character: an
/// escalation's note is the whole packet.
std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > 160) {
    std::size_t cut = 160;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    line = line.substr(0, cut) + "…";
  } else if (line.size() < text.size()) {
    line += " …";
  }
  return line;
}

/// One history event in words: what changed, old → new, and its note
/// (`note`: the event's note as the desk words it).
std::string event_text(const sv::Event& e, const std::string& note, Lang lang) {
  std::string what = tr("cli.ticket.event." + std::string(sv::name(e.kind)), lang);
  if ((e.kind == sv::EventKind::field || e.kind == sv::EventKind::assignment) && !e.field.empty()) {
    // The field in words where the report has a name for it (operator: « Technicien »).
    const std::string key = "ticket.field." + e.field;
    const std::string& name = tr(key, lang);
    what += " (" + (name == key ? e.field : name) + ")";
  }
  const bool status = e.kind == sv::EventKind::status;
  if (!e.old_value.empty() || !e.new_value.empty()) {
    what += tr("punct.colon", lang);
    if (!e.old_value.empty()) what += (status ? status_label(e.old_value, lang) : e.old_value) + " → ";
    what += status ? status_label(e.new_value, lang) : e.new_value;
  }
  if (!note.empty()) what += (e.old_value.empty() && e.new_value.empty() ? tr("punct.colon", lang) : " · ") + first_line(note);
  return what;
}

SlaClockVm clock_vm(const sv::SlaClock& c) {
  SlaClockVm v;
  v.due = c.met_at ? 0 : c.due.value_or(0);
  v.late = c.late;
  v.at_risk = c.at_risk;
  v.paused = c.paused;
  v.met = c.met_at.has_value();
  v.target = sv::format_duration(c.target);
  return v;
}

/// The nearest due time of the clocks still running (0: none).
std::int64_t nearest_due(const sv::SlaState& s) {
  std::int64_t best = 0;
  for (const sv::SlaClock* c : {&s.take_charge, &s.resolve}) {
    if (c->met_at || c->paused || !c->due) continue;
    if (best == 0 || *c->due < best) best = *c->due;
  }
  return best;
}

}  // namespace

std::string operator_or_user(const std::string& configured) {
  if (configured.find_first_not_of(" \t") != std::string::npos) return configured;
  const char* user = std::getenv("USER");
  return user && *user ? std::string(user) : std::string("operator");
}

// [SECTION] Opening the desk ---------------------------------------------------------------------

TicketsPresenter::TicketsPresenter(const workspace::Workspace& ws, std::string operator_name)
    : m_ws(ws), m_operator(operator_or_user(operator_name)) {}

TicketsPresenter::~TicketsPresenter() = default;

void TicketsPresenter::ensure_open() {
  if (m_desk || m_open_tried) return;
  m_open_tried = true;
  DeskError err;
  m_desk = workspace::ServiceDesk::open(m_ws, err);
  m_open_error = m_desk ? std::string() : (err.message.empty() ? err.code : err.message);
  m_dirty = true;
  if (!m_desk) return;
  // DIAGDESK_NOW fixes the desk's clock, as for the CLI: demos, screenshots, tests.
  if (const char* fixed = std::getenv("DIAGDESK_NOW"); fixed && *fixed) {
    const std::string s = fixed;
    std::optional<sv::Time> t;
    if (s.find_first_not_of("0123456789") == std::string::npos) t = to_int(s);
    else t = m_desk->config().calendar.parse_local(s);
    if (t) {
      m_desk->set_clock([at = *t] { return at; });
    } else {
      std::string text = tr("cli.ticket.bad_now", m_ws.options().lang);
      if (const auto at = text.find("{1}"); at != std::string::npos) text.replace(at, 3, s);
      m_message = text;
      m_message_error = true;
    }
  }
}

std::string TicketsPresenter::desk_message(const DeskError& e, const std::string& number, Lang lang) const {
  // The desk speaks the workspace's language; the tab may have switched to
  // the other one since: say the same thing from the stable codes.
  if (lang == m_ws.options().lang || e.message.empty()) return e.message.empty() ? e.code : e.message;
  std::string text;
  if (e.code == "stale") text = tr("desk.stale", lang);
  else if (e.code == "not_found") text = tr("desk.not_found", lang);
  else if (!e.move.empty()) text = tr("desk.move." + e.move, lang);
  else if (e.code != "bad_value") text = tr("desk.store." + e.code, lang);
  if (text.empty() || text.starts_with("desk.")) return e.message;
  return (number.empty() ? std::string() : number + tr("punct.colon", lang)) + text;
}

void TicketsPresenter::fail(const DeskError& e, const std::string& number, Lang lang) {
  m_message = desk_message(e, number, lang);
  m_message_error = true;
  m_dirty = true;
}

void TicketsPresenter::done(const TicketView& v, const std::string& message) {
  ++m_saved_serial;
  m_selected = v.ticket.number;
  m_message = message;
  m_message_error = false;
  m_dirty = true;
}

// [SECTION] Applying intents ---------------------------------------------------------------------

TicketsPresenter::Applied TicketsPresenter::apply(const Intent& i, Lang lang) {
  Applied out;
  m_dirty = true;
  if (i.a == "refresh") {
    if (!m_desk) m_open_tried = false;  // Try again.
    ensure_open();
    m_message.clear();
    return out;
  }
  ensure_open();
  if (!m_desk) return out;
  const std::string& number = i.b;
  const std::int64_t version = to_int(i.field("version"));
  const std::string text = i.field("text");
  TicketView v;
  DeskError e;
  auto saved = [&] { return say("gui.tickets.msg_saved", number, lang); };

  if (i.a == "select") {
    if (m_selected != number) m_pdf_written.clear();
    m_selected = number;
    m_message.clear();
  } else if (i.a == "create") {
    workspace::NewTicket n;
    n.type = i.field("type") == "request" ? sv::TicketType::request : sv::TicketType::incident;
    n.title = i.field("title");
    n.description = i.field("description");
    n.caller_name = i.field("caller_name");
    n.caller_phone = i.field("caller_phone");
    n.caller_email = i.field("caller_email");
    n.caller_site = i.field("caller_site");
    n.category = i.field("category");
    n.impact = sv::parse_grade(i.field("impact")).value_or(sv::Grade::medium);
    n.urgency = sv::parse_grade(i.field("urgency")).value_or(sv::Grade::medium);
    n.asset_tag = i.field("asset");
    if (e = m_desk->create(n, m_operator, v); e.ok()) {
      ++m_created_serial;
      m_pdf_written.clear();
      done(v, say("gui.tickets.msg_created", v.ticket.number, lang));
    }
  } else if (i.a == "assign") {
    const std::string who = i.field("operator");
    if (e = m_desk->assign(number, who, level_of(i.n), m_operator, v, version); e.ok()) done(v, saved());
  } else if (i.a == "in_progress") {
    // Taking charge of a ticket nobody has: it becomes the operator's first.
    if (e = m_desk->get(number, v); e.ok() && v.ticket.operator_name.empty()) {
      e = m_desk->assign(number, m_operator, v.ticket.level, m_operator, v, version);
    }
    if (e.ok()) e = m_desk->set_status(number, sv::Status::in_progress, "", m_operator, v);
    if (e.ok()) done(v, saved());
  } else if (i.a == "pending") {
    if (e = m_desk->set_status(number, sv::Status::pending, text, m_operator, v, version); e.ok()) done(v, saved());
  } else if (i.a == "note") {
    if (e = m_desk->follow_up(number, sv::EventKind::note, text, m_operator, v, version); e.ok()) done(v, saved());
  } else if (i.a == "escalate") {
    if (e = m_desk->escalate(number, level_of(i.n), text, m_operator, v, version); e.ok()) done(v, saved());
  } else if (i.a == "resolve") {
    if (e = m_desk->resolve(number, text, m_operator, v, version); e.ok()) done(v, saved());
  } else if (i.a == "close") {
    if (e = m_desk->close(number, text, m_operator, v, version); e.ok()) done(v, saved());
  } else if (i.a == "reopen") {
    if (e = m_desk->reopen(number, text, m_operator, v, version); e.ok()) done(v, saved());
  } else if (i.a == "diagnose") {
    if (e = m_desk->get(number, v); e.ok()) {
      auto started = m_desk->start_diagnosis(number, i.field("tree"), {}, lang);
      if (started.session) {
        out.number = number;
        out.symptom = v.ticket.title;
        done(v, say("gui.tickets.msg_diagnosing", number, lang));
      } else {
        m_message = started.error;
        m_message_error = true;
      }
      out.diagnosis = std::move(started);
    }
  } else if (i.a == "report_pdf") {
    const fs::path path = i.field("path");
    if (e = m_desk->get(number, v); e.ok()) {
      std::error_code ec;
      if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
      if (const std::string err = m_desk->report_pdf(v, lang, path); err.empty()) {
        m_pdf_written = path.string();
        done(v, tr("gui.tickets.pdf_written", lang) + " " + path.string());
      } else {
        m_message = err;
        m_message_error = true;
      }
    }
  }
  if (!e.ok()) fail(e, number, lang);
  return out;
}

// [SECTION] Diagnosis of a ticket ----------------------------------------------------------------

void TicketsPresenter::link(const std::string& number) {
  m_diagnosing = number;
  m_attached.clear();
  m_dirty = true;
}

void TicketsPresenter::session_update(const engine::Session& s, const engine::ReportInfo& info, bool force,
                                      bool leaving, Lang lang) {
  if (m_diagnosing.empty()) return;
  const std::string number = m_diagnosing;
  if (leaving) {
    m_diagnosing.clear();
    m_dirty = true;
  }
  if (!force && !leaving && !s.concluded()) return;
  if (s.answers().empty() && !s.concluded()) return;
  const std::string state = std::to_string(s.answers().size()) + "|" + s.step().tree + ":" + s.step().node;
  if (state == m_attached) return;
  ensure_open();
  if (!m_desk) return;
  TicketView v;
  if (const DeskError e = m_desk->attach_diagnosis(number, s, info, m_operator, v); !e.ok()) {
    fail(e, number, lang);
    return;
  }
  m_attached = state;
  m_selected = number;
  const workspace::DiagnosisProposal p = workspace::ServiceDesk::propose(s, lang);
  if (p.concluded) {
    ++m_proposal.serial;
    m_proposal.number = number;
    m_proposal.solution = p.solution;
    m_proposal.reason = p.escalation_reason;
    m_proposal.level = static_cast<int>(p.level);
  }
  done(v, say(p.concluded ? "gui.tickets.msg_proposal" : "gui.tickets.msg_attached", number, lang));
}

// [SECTION] The queue ----------------------------------------------------------------------------

bool TicketsPresenter::tick() const { return m_desk && m_desk->now() / 60 != m_built_minute; }

const TicketsVm& TicketsPresenter::build(Lang lang, bool session_running) {
  if (!m_dirty && lang == m_built_lang && session_running == m_built_running && !tick()) return m_vm;
  TicketsVm vm;
  vm.opened = m_desk != nullptr;
  vm.error = m_open_error;
  vm.database = workspace::ServiceDesk::database_path(m_ws).string();
  vm.operator_name = m_operator;
  vm.message = m_message;
  vm.message_error = m_message_error;
  vm.created_serial = m_created_serial;
  vm.saved_serial = m_saved_serial;
  vm.proposal = m_proposal;
  vm.pdf_written = m_pdf_written;
  std::set<std::string> seen;
  vm.domains.push_back("");  // no category until the operator picks one
  for (const auto& t : m_ws.trees(lang)) {
    if (!t.domain.empty() && seen.insert(t.domain).second) vm.domains.push_back(t.domain);
  }
  if (m_desk) {
    vm.now = m_desk->now();
    const sv::PriorityMatrix& m = m_desk->config().matrix;
    for (int impact = 0; impact < 3; ++impact) {
      for (int urgency = 0; urgency < 3; ++urgency) {
        vm.matrix[impact][urgency] = m.priority(static_cast<sv::Grade>(impact), static_cast<sv::Grade>(urgency));
      }
    }
    build_rows(vm, lang);
    build_detail(vm, lang, session_running);
  }
  m_vm = std::move(vm);
  m_dirty = false;
  m_built_lang = lang;
  m_built_running = session_running;
  m_built_minute = m_desk ? m_desk->now() / 60 : -1;
  return m_vm;
}

void TicketsPresenter::build_rows(TicketsVm& vm, Lang lang) {
  std::vector<TicketView> views;
  if (const DeskError e = m_desk->list({}, views); !e.ok()) {
    vm.message = desk_message(e, "", lang);
    vm.message_error = true;
    return;
  }
  std::set<std::string> operators;
  for (const auto& v : views) {
    const sv::Ticket& t = v.ticket;
    TicketRowVm r;
    r.number = t.number;
    r.type = std::string(sv::name(t.type));
    r.title = t.title;
    r.caller = t.caller_name;
    r.category_label = domain_text(t.category, lang);
    r.priority = t.priority;
    r.status = std::string(sv::name(t.status));
    r.status_label = status_label(r.status, lang);
    r.operator_name = t.operator_name;
    r.level = std::string(sv::name(t.level));
    r.due = nearest_due(v.sla);
    r.late = v.sla.late();
    r.at_risk = v.sla.at_risk();
    r.created_at = t.created_at;
    if (!t.operator_name.empty()) operators.insert(t.operator_name);
    vm.rows.push_back(std::move(r));
  }
  vm.operators.assign(operators.begin(), operators.end());
}

// [SECTION] The ticket view ----------------------------------------------------------------------

void TicketsPresenter::build_detail(TicketsVm& vm, Lang lang, bool session_running) {
  if (m_selected.empty()) return;
  TicketView v;
  if (const DeskError e = m_desk->get(m_selected, v); !e.ok()) {
    vm.message = desk_message(e, m_selected, lang);
    vm.message_error = true;
    return;
  }
  const sv::Ticket& t = v.ticket;
  const sv::Calendar& cal = m_desk->config().calendar;
  auto when = [&](const std::optional<sv::Time>& at) { return at ? cal.format_local(*at) : std::string(); };
  TicketDetailVm& d = vm.detail;
  d.open = true;
  d.number = t.number;
  d.type = std::string(sv::name(t.type));
  d.title = t.title;
  d.description = t.description;
  d.caller_name = t.caller_name;
  d.caller_phone = t.caller_phone;
  d.caller_email = t.caller_email;
  d.caller_site = t.caller_site;
  d.category = t.category;
  d.category_label = domain_text(t.category, lang);
  d.impact = std::string(sv::name(t.impact));
  d.urgency = std::string(sv::name(t.urgency));
  d.priority = t.priority;
  d.status = std::string(sv::name(t.status));
  d.status_label = status_label(d.status, lang);
  d.operator_name = t.operator_name;
  d.level = std::string(sv::name(t.level));
  d.asset_tag = t.asset_tag;
  d.created = cal.format_local(t.created_at);
  d.updated = cal.format_local(t.updated_at);
  d.resolved = when(t.resolved_at);
  d.closed = when(t.closed_at);
  d.solution = t.solution;
  d.take_charge = clock_vm(v.sla.take_charge);
  d.resolve = clock_vm(v.sla.resolve);
  d.version = t.version;
  d.closed_final = t.status == sv::Status::closed;
  d.resolved_now = t.status == sv::Status::resolved;
  d.diagnosis_running = session_running && m_diagnosing == t.number;
  for (const auto& e : v.history) d.events.push_back({cal.format_local(e.at), e.actor, std::string(sv::name(e.kind)), event_text(e, m_desk->event_note(e, lang), lang)});

  const engine::Knowledge& k = *m_ws.knowledge();
  for (const auto& a : m_desk->sessions(t)) {
    TicketSessionVm s;
    if (!a.session) {
      s.tree_title = "#" + std::to_string(a.index + 1);
      s.state = a.error;
    } else {
      const engine::Tree* tree = k.find_tree(a.session->start_tree());
      s.tree_title = tree ? tree->title.get(lang) : a.session->start_tree();
      const engine::Step& step = a.session->step();
      s.state = a.session->concluded()
                    ? "\xE2\x9C\x93 " + step.diagnosis +
                          (step.outcome ? " (" + tr("outcome." + std::string(engine::outcome_name(*step.outcome)), lang) + ")" : "")
                    : std::to_string(a.session->answers().size()) + " " + tr("gui.answers", lang);
    }
    d.sessions.push_back(std::move(s));
  }

  // The trees of the ticket's domain first, then the others.
  const auto trees = m_ws.trees(lang);
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& item : trees) {
      if ((item.domain == t.category) == (pass == 0)) d.trees.emplace_back(item.id, item.title);
    }
  }
  // The suggestion: the best title match in the domain, then anywhere, then the domain's first tree.
  auto hits = search_trees(k, t.title, lang, t.category, 1);
  if (hits.empty()) hits = search_trees(k, t.title, lang, "", 1);
  if (!hits.empty()) d.suggested_tree = hits.front().id;
  else if (!d.trees.empty()) d.suggested_tree = d.trees.front().first;

  vm.pdf_default = (m_ws.options().data_dir / "reports" / (t.number + ".pdf")).string();
}

}  // namespace diagdesk::gui
