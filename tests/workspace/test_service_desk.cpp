// The service desk over the bundled KB: a ticket from the call to the
// closure, a diagnosis attached with the ticket's facts, the escalation
// packet, the intervention report, and the refusals (illegal moves, stale
// copies, bad values, a bad database).
#include "fixture.hpp"

#include <diagdesk/workspace/service_desk.hpp>

#include <doctest/doctest.h>

#include <fstream>

using namespace diagdesk;
using workspace::DeskError;
using workspace::NewTicket;
using workspace::ServiceDesk;
using workspace::TicketView;
namespace sv = diagdesk::service;

namespace {

/// 2026-05-22 (a Friday) 10:00 in Paris (UTC+2 in summer).
constexpr sv::Time friday_10h = 1779436800;

struct Desk {
  test::TempDir home;
  workspace::Workspace ws;
  std::unique_ptr<ServiceDesk> desk;
  sv::Time clock = friday_10h;

  explicit Desk(engine::Lang lang = engine::Lang::en)
      : ws(workspace::Workspace::open({DIAGDESK_DATA_DIR, {}, home.path(), lang})) {
    DeskError err;
    desk = ServiceDesk::open(ws, err);
    REQUIRE_MESSAGE(desk, err.message);
    desk->set_clock([this] { return clock; });
  }

  TicketView open_ticket(NewTicket n = {}) {
    if (n.title.empty()) n.title = "No Internet on the laptop";
    if (n.caller_name.empty()) n.caller_name = "Paul Martin";
    TicketView v;
    const auto e = desk->create(n, "marie", v);
    REQUIRE_MESSAGE(e.ok(), e.message);
    return v;
  }
};

/// Answers the first choice (don't know for a typed value) until the
/// session concludes (at most 40 steps).
void answer_first_until_end(engine::Session& s) {
  for (int i = 0; i < 40 && !s.concluded(); ++i) {
    if (s.step().kind == engine::StepKind::error) break;
    const auto e = s.step().kind == engine::StepKind::input ? s.dont_know() : s.answer("1");
    if (e != engine::AnswerError::none) break;
  }
}

/// A session of `tree` started from the ticket and walked to its end.
engine::Session walked(const ServiceDesk& desk, const std::string& number, const std::string& tree, engine::Lang lang) {
  auto started = desk.start_diagnosis(number, tree, {}, lang);
  REQUIRE_MESSAGE(started.session, started.error);
  answer_first_until_end(*started.session);
  REQUIRE_MESSAGE(started.session->concluded(), tree);
  return std::move(*started.session);
}

bool has_event(const TicketView& v, sv::EventKind kind, const std::string& field = {}) {
  for (const auto& e : v.history) {
    if (e.kind == kind && (field.empty() || e.field == field)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a ticket goes from the call to the closure with its priority, SLA and history") {
  Desk d;
  NewTicket n;
  n.title = "Whole floor without network";
  n.caller_name = "Paul Martin";
  n.caller_phone = "01 23 45 67 89";
  n.category = "network";
  n.impact = sv::Grade::high;
  n.urgency = sv::Grade::high;
  auto v = d.open_ticket(n);
  CHECK(v.ticket.number == "INC-2026-000001");
  CHECK(v.ticket.priority == 1);
  CHECK(v.ticket.status == sv::Status::new_);
  CHECK(v.ticket.version == 1);
  CHECK(has_event(v, sv::EventKind::created));
  CHECK(has_event(v, sv::EventKind::priority));
  REQUIRE(v.sla.take_charge.due);
  CHECK(*v.sla.take_charge.due > friday_10h);

  d.clock += 600;
  REQUIRE(d.desk->assign(v.ticket.number, "marie", sv::SupportLevel::n1, "marie", v).ok());
  CHECK(v.ticket.status == sv::Status::assigned);
  REQUIRE(d.desk->set_status(v.ticket.number, sv::Status::in_progress, "", "marie", v).ok());
  REQUIRE(d.desk->follow_up(v.ticket.number, sv::EventKind::call, "Called back the user", "marie", v).ok());
  REQUIRE(d.desk->resolve(v.ticket.number, "Switch port re-enabled", "marie", v).ok());
  CHECK(v.ticket.status == sv::Status::resolved);
  CHECK(v.ticket.solution == "Switch port re-enabled");
  REQUIRE(d.desk->close(v.ticket.number, "", "marie", v).ok());
  CHECK(v.ticket.status == sv::Status::closed);
  CHECK(v.ticket.closed_at);
  CHECK(v.ticket.version == 6);

  TicketView again;
  REQUIRE(d.desk->get(v.ticket.number, again).ok());
  CHECK(again.history.size() == v.history.size());
  CHECK(has_event(again, sv::EventKind::call));
}

TEST_CASE("a request is numbered DEM and the numbers of each type follow each other") {
  Desk d;
  NewTicket r;
  r.type = sv::TicketType::request;
  r.title = "New account for a trainee";
  r.caller_name = "Lise Petit";
  CHECK(d.open_ticket(r).ticket.number == "DEM-2026-000001");
  CHECK(d.open_ticket().ticket.number == "INC-2026-000001");
  CHECK(d.open_ticket().ticket.number == "INC-2026-000002");
}

TEST_CASE("illegal moves and bad values are refused with their code and a sentence, and change nothing") {
  Desk d;
  auto v = d.open_ticket();
  const auto number = v.ticket.number;
  TicketView after;

  SUBCASE("closing a ticket that was never resolved") {
    const auto e = d.desk->close(number, "", "marie", after);
    CHECK(e.code == "bad_move");
    CHECK(e.move == "never_resolved");
    CHECK(e.message.find(number) == 0);
    CHECK(e.message.find("never resolved") != std::string::npos);
  }
  SUBCASE("resolving without a solution") {
    const auto e = d.desk->resolve(number, "  ", "marie", after);
    CHECK(e.code == "bad_move");
    CHECK(e.move == "missing_solution");
  }
  SUBCASE("escalating without a reason") {
    const auto e = d.desk->escalate(number, sv::SupportLevel::n2, "", "marie", after);
    CHECK(e.move == "missing_reason");
  }
  SUBCASE("an unknown field, a bad impact, an unknown category") {
    CHECK(d.desk->update(number, "colour", "red", "marie", after).code == "bad_value");
    CHECK(d.desk->update(number, "impact", "huge", "marie", after).code == "bad_value");
    CHECK(d.desk->update(number, "category", "plumbing", "marie", after).code == "bad_value");
    NewTicket n;
    n.title = "x";
    n.caller_name = "y";
    n.category = "plumbing";
    TicketView none;
    const auto e = d.desk->create(n, "marie", none);
    CHECK(e.code == "bad_value");
    CHECK(e.message.find("network") != std::string::npos);  // names the known domains
  }
  SUBCASE("a fact the catalogue does not know") {
    NewTicket n;
    n.title = "x";
    n.caller_name = "y";
    n.facts = {"flux_capacitor=on"};
    TicketView none;
    CHECK(d.desk->create(n, "marie", none).code == "bad_value");
  }
  SUBCASE("a malformed number and an unknown one") {
    CHECK(d.desk->get("INC-26-1", after).code == "bad_value");
    CHECK(d.desk->get("INC-2026-000099", after).code == "not_found");
  }
  TicketView same;
  REQUIRE(d.desk->get(number, same).ok());
  CHECK(same.ticket.version == 1);
  CHECK(same.ticket.status == sv::Status::new_);
}

TEST_CASE("a change made on a stale copy is refused and the other change is kept") {
  Desk d;
  auto v = d.open_ticket();
  const auto read_version = v.ticket.version;
  TicketView first, second;
  REQUIRE(d.desk->update(v.ticket.number, "urgency", "high", "marie", first, read_version).ok());
  const auto e = d.desk->update(v.ticket.number, "title", "Other title", "paul", second, read_version);
  CHECK(e.code == "stale");
  TicketView now;
  REQUIRE(d.desk->get(v.ticket.number, now).ok());
  CHECK(now.ticket.urgency == sv::Grade::high);
  CHECK(now.ticket.title == "No Internet on the laptop");
}

TEST_CASE("changing the urgency recomputes the priority and says why") {
  Desk d;
  auto v = d.open_ticket();
  CHECK(v.ticket.priority == 3);
  REQUIRE(d.desk->update(v.ticket.number, "urgency", "high", "marie", v).ok());
  CHECK(v.ticket.priority == 2);
  const auto& last = v.history.back();
  CHECK(last.kind == sv::EventKind::priority);
  CHECK(last.old_value == "P3");
  CHECK(last.new_value == "P2");
  CHECK_FALSE(last.note.empty());
}

TEST_CASE("a diagnosis started from a ticket knows its facts and comes back to the ticket") {
  Desk d;
  NewTicket n;
  n.category = "network";
  n.facts = {"os=windows11"};
  auto v = d.open_ticket(n);
  CHECK(d.desk->ticket_facts(v.ticket) == std::vector<std::string>{"os=windows11"});

  auto started = d.desk->start_diagnosis(v.ticket.number, "net.no_internet", {}, engine::Lang::en);
  REQUIRE_MESSAGE(started.session, started.error);
  REQUIRE(started.session->facts().count("os"));
  CHECK(started.session->facts().at("os").value == "windows11");
  auto s = walked(*d.desk, v.ticket.number, "net.no_internet", engine::Lang::en);

  workspace::DiagnosisProposal p;
  REQUIRE(d.desk->attach_diagnosis(v.ticket.number, s, {}, "marie", v, &p).ok());
  CHECK(p.concluded);
  // A new ticket diagnosed by marie is hers, in progress.
  CHECK(v.ticket.operator_name == "marie");
  CHECK(v.ticket.status == sv::Status::in_progress);
  REQUIRE(v.ticket.sessions.size() == 1);
  CHECK(has_event(v, sv::EventKind::session));

  const auto attached = d.desk->sessions(v.ticket);
  REQUIRE(attached.size() == 1);
  REQUIRE_MESSAGE(attached[0].session, attached[0].error);
  CHECK(attached[0].session->answers().size() == s.answers().size());
  CHECK(attached[0].session->step().node == s.step().node);
  if (p.outcome == engine::Outcome::resolved) {
    CHECK(p.solution.find(s.step().diagnosis) != std::string::npos);
    CHECK(d.desk->resolve(v.ticket.number, p.solution, "marie", v).ok());
  } else {
    CHECK(p.escalation_reason.find(s.step().diagnosis) != std::string::npos);
  }
}

TEST_CASE("a session that ends with level 2 proposes the escalation, and the packet holds what was asked") {
  Desk d;
  NewTicket n;
  n.description = "The user says the Internet box shows a red light since this morning.";
  n.facts = {"os=windows11"};
  auto v = d.open_ticket(n);
  // Walk the bundled trees until one ends on an escalation along first choices.
  std::optional<engine::Session> escalating;
  for (const auto& t : d.ws.trees(engine::Lang::en)) {
    auto started = d.desk->start_diagnosis(v.ticket.number, t.id, {}, engine::Lang::en);
    if (!started.session) continue;
    answer_first_until_end(*started.session);
    if (started.session->concluded() && started.session->step().outcome == engine::Outcome::escalate_l2) {
      escalating = std::move(started.session);
      break;
    }
  }
  REQUIRE(escalating);
  workspace::DiagnosisProposal p;
  REQUIRE(d.desk->attach_diagnosis(v.ticket.number, *escalating, {}, "marie", v, &p).ok());
  CHECK(p.outcome == engine::Outcome::escalate_l2);
  CHECK(p.level == sv::SupportLevel::n2);
  CHECK_FALSE(p.escalation_reason.empty());

  d.clock += 1200;
  REQUIRE(d.desk->escalate(v.ticket.number, p.level, p.escalation_reason, "marie", v).ok());
  CHECK(v.ticket.status == sv::Status::escalated);
  CHECK(v.ticket.level == sv::SupportLevel::n2);
  std::string packet;
  for (const auto& e : v.history) {
    if (e.field == "escalation_packet") packet = e.note;
  }
  REQUIRE_FALSE(packet.empty());
  CHECK(packet.find(v.ticket.number) != std::string::npos);
  CHECK(packet.find("red light") != std::string::npos);              // what the caller said
  CHECK(packet.find("Windows 11") != std::string::npos);             // the facts, in words
  CHECK(packet.find(escalating->step().diagnosis) != std::string::npos);  // the conclusion
  CHECK(packet.find(p.escalation_reason) != std::string::npos);      // why it escalates
  // Every question asked is in the packet.
  const auto& k = escalating->knowledge();
  for (const auto& e : escalating->path()) {
    if (e.kind != engine::PathEntry::Kind::asked) continue;
    const auto* node = k.find_node(e.node, e.tree);
    REQUIRE(node);
    if (node->text.get(engine::Lang::en).find('{') != std::string::npos) continue;  // placeholders are filled
    CHECK_MESSAGE(packet.find(node->text.get(engine::Lang::en)) != std::string::npos, node->id);
  }
}

TEST_CASE("the intervention report in French names the ticket, the caller and the diagnosis") {
  Desk d(engine::Lang::fr);
  NewTicket n;
  n.title = "Imprimante hors ligne";
  n.caller_name = "Hélène Dupré";
  n.asset_tag = "PC-0042";
  n.category = "network";
  auto v = d.open_ticket(n);
  auto s = walked(*d.desk, v.ticket.number, "net.no_internet", engine::Lang::fr);
  REQUIRE_FALSE(s.step().diagnosis.empty());
  REQUIRE(d.desk->attach_diagnosis(v.ticket.number, s, {}, "marie", v).ok());
  REQUIRE(d.desk->resolve(v.ticket.number, "Câble remplacé", "marie", v).ok());
  const auto md = d.desk->report_markdown(v, engine::Lang::fr);
  CHECK(md.find("# Fiche d'intervention") == 0);
  CHECK(md.find(v.ticket.number) != std::string::npos);
  CHECK(md.find("Hélène Dupré") != std::string::npos);
  CHECK(md.find("PC-0042") != std::string::npos);
  CHECK(md.find("Câble remplacé") != std::string::npos);
  CHECK(md.find("Pièces remplacées") != std::string::npos);
  CHECK(md.find("Le technicien") != std::string::npos);
  CHECK(md.find(s.step().diagnosis) != std::string::npos);

  const auto pdf = d.home.path() / "fiche.pdf";
  CHECK(d.desk->report_pdf(v, engine::Lang::fr, pdf) == "");
  std::ifstream in(pdf, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  CHECK(head == "%PDF-");
}

TEST_CASE("the queue filters late tickets and sorts by the nearest due time") {
  Desk d;
  NewTicket low;
  low.impact = sv::Grade::low;
  low.urgency = sv::Grade::low;
  const auto p5 = d.open_ticket(low).ticket.number;
  NewTicket high;
  high.impact = sv::Grade::high;
  high.urgency = sv::Grade::high;
  const auto p1 = d.open_ticket(high).ticket.number;

  workspace::TicketQuery q;
  q.sort = workspace::TicketQuery::Sort::due;
  std::vector<TicketView> out;
  REQUIRE(d.desk->list(q, out).ok());
  REQUIRE(out.size() == 2);
  CHECK(out[0].ticket.number == p1);

  // Two hours later the P1 (15 minutes to take charge) is late, the P5 (8
  // business hours) not yet.
  d.clock = friday_10h + 2 * 3600;
  q.late_only = true;
  REQUIRE(d.desk->list(q, out).ok());
  REQUIRE(out.size() == 1);
  CHECK(out[0].ticket.number == p1);
}

TEST_CASE("a database that is not one is refused at open with a sentence naming the file") {
  test::TempDir home;
  {
    std::ofstream bad(home.path() / "service.sqlite", std::ios::binary);
    bad << "this is not a database, it is a text file written over it";
  }
  const auto ws = workspace::Workspace::open({DIAGDESK_DATA_DIR, {}, home.path(), engine::Lang::en});
  DeskError err;
  auto desk = ServiceDesk::open(ws, err);
  CHECK_FALSE(desk);
  CHECK(err.code == "corrupt");
  CHECK(err.message.find("service.sqlite") != std::string::npos);
}

TEST_CASE("priority notes read in words in each language, with the layer that set the cell") {
  Desk d(engine::Lang::fr);
  auto v = d.open_ticket();
  REQUIRE(d.desk->update(v.ticket.number, "urgency", "high", "marie", v).ok());
  const auto& e = v.history.back();
  REQUIRE(e.kind == sv::EventKind::priority);
  CHECK(d.desk->event_note(e, engine::Lang::fr) ==
        "urgence moyenne → élevée : impact moyen × urgence élevée = P2 (bundled: service/priority.toml)");
  CHECK(d.desk->event_note(e, engine::Lang::en) ==
        "medium urgency → high: medium impact × high urgency = P2 (bundled: service/priority.toml)");
  // Other notes are shown as written.
  REQUIRE(d.desk->follow_up(v.ticket.number, sv::EventKind::call, "Rappelé à 14 h", "marie", v).ok());
  CHECK(d.desk->event_note(v.history.back(), engine::Lang::en) == "Rappelé à 14 h");
}
