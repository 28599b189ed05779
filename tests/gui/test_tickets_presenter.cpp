// The Tickets tab through the real presenter and panels, headless: intents
// and keys -> the ServiceDesk's state -> the view-model.
#include "fixture.hpp"

#include "app/tickets_presenter.hpp"

#include <diagdesk/workspace/service_desk.hpp>

#include <fstream>

using namespace diagdesk;
using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;
namespace sv = diagdesk::service;

namespace {

/// 2026-05-22 (a Friday) 10:00 in Paris.
constexpr sv::Time friday_10h = 1779436800;
constexpr int key_tab = 258;
constexpr int key_f5 = keys::f1 + 4;

/// The whole program with the Tickets tab shown and the desk's clock fixed.
struct TicketsApp : HeadlessApp {
  explicit TicketsApp(std::string lang = "en") : HeadlessApp(std::move(lang)) {
    press(key_f5);
    REQUIRE_MESSAGE(presenter->tickets().opened(), vm().tickets.error);
    presenter->tickets().desk()->set_clock([] { return friday_10h; });
  }
  workspace::ServiceDesk& desk() { return *presenter->tickets().desk(); }
  const TicketsVm& tickets() { return vm().tickets; }
  void act(const std::string& verb, const std::string& number, std::vector<std::pair<std::string, std::string>> fields = {},
           int n = 0) {
    Intent i{IntentKind::ticket, verb, number, n};
    i.fields = std::move(fields);
    presenter->apply(i);
    frame();
  }
  workspace::TicketView get(const std::string& number) {
    workspace::TicketView v;
    const auto e = desk().get(number, v);
    REQUIRE_MESSAGE(e.ok(), e.message);
    return v;
  }
  /// A ticket made straight through the desk (facts the form does not ask for).
  std::string make(std::vector<std::string> facts = {}) {
    workspace::NewTicket n;
    n.title = "No Internet on the laptop";
    n.caller_name = "Paul Martin";
    n.category = "network";
    n.facts = std::move(facts);
    workspace::TicketView v;
    const auto e = desk().create(n, "marie", v);
    REQUIRE_MESSAGE(e.ok(), e.message);
    act("select", v.ticket.number);
    return v.ticket.number;
  }
  /// Answers the first choice (don't know for a typed value) until the session concludes.
  void answer_to_the_end() {
    for (int i = 0; i < 40 && presenter->session() && !session().concluded(); ++i) {
      const bool input = session().step().kind == engine::StepKind::input;
      presenter->apply(input ? Intent{IntentKind::dont_know} : Intent{IntentKind::answer, {}, {}, 1});
    }
    frame();
  }
};

/// The tree that concludes "resolved" in the fewest first-choice answers, with `facts`.
std::string short_resolving_tree(const workspace::Workspace& ws, const std::vector<std::string>& facts) {
  std::string best;
  std::size_t fewest = 1000;
  for (const auto& t : ws.trees(engine::Lang::en)) {
    auto started = ws.start(t.id, facts, engine::Lang::en);
    if (!started.session) continue;
    engine::Session& s = *started.session;
    for (int i = 0; i < 40 && !s.concluded(); ++i) {
      if (s.step().kind == engine::StepKind::error) break;
      if ((s.step().kind == engine::StepKind::input ? s.dont_know() : s.answer("1")) != engine::AnswerError::none) break;
    }
    if (s.concluded() && s.step().outcome == engine::Outcome::resolved && s.answers().size() < fewest) {
      fewest = s.answers().size();
      best = t.id;
    }
  }
  return best;
}

bool has_event(const workspace::TicketView& v, sv::EventKind kind) {
  for (const auto& e : v.history) {
    if (e.kind == kind) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("F5 opens the ticket database, and Ctrl+N, typing and Enter create a ticket the queue shows") {
  HeadlessApp app("en");
  CHECK_FALSE(app.presenter->tickets().opened());  // not before the tab is shown
  app.press(key_f5);
  CHECK(app.vm().tab == Tab::tickets);
  REQUIRE(app.vm().tickets.opened);
  CHECK(fs::exists(app.home.path / "service.sqlite"));
  CHECK(app.vm().tickets.rows.empty());
  CHECK(app.vm().tickets.domains.front().empty());  // no category until one is picked

  app.press(keys::letter('N'), true);
  CHECK(app.ui.tickets.form_open);
  app.frames(2);
  app.type("Printer offline");
  app.press(key_tab);
  app.type("Paul Martin");
  app.press(key_enter);
  const TicketsVm& t = app.vm().tickets;
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].title == "Printer offline");
  CHECK(t.rows[0].caller == "Paul Martin");
  CHECK(t.rows[0].priority == 3);
  CHECK(t.rows[0].status == "new");
  CHECK(t.rows[0].due > 0);  // the take-charge clock runs
  CHECK_FALSE(t.message_error);
  CHECK(t.message == "Ticket " + t.rows[0].number + " created.");
  REQUIRE(t.detail.open);  // the new ticket is shown
  CHECK(t.detail.number == t.rows[0].number);
  CHECK_FALSE(app.ui.tickets.form_open);
  CHECK(app.ui.tickets.title[0] == '\0');  // the form is cleared for the next call
  CHECK_FALSE(t.detail.events.empty());
  CHECK(t.detail.operator_name.empty());
}

TEST_CASE("the ticket actions go through the desk, and refusals show in the tab's language") {
  TicketsApp app("fr");  // the workspace speaks English: the tab still says it in French
  const std::string number = app.make();
  REQUIRE(app.tickets().detail.number == number);
  auto version = [&] { return std::to_string(app.tickets().detail.version); };

  app.act("close", number, {{"version", version()}});
  CHECK(app.tickets().message_error);
  CHECK(app.tickets().message.find(number) == 0);
  CHECK(app.tickets().message.find("jamais été résolu") != std::string::npos);

  app.act("in_progress", number, {{"version", version()}});  // Take charge: assigns to the operator first
  auto v = app.get(number);
  CHECK(v.ticket.status == sv::Status::in_progress);
  CHECK(v.ticket.operator_name == app.tickets().operator_name);
  CHECK_FALSE(app.tickets().operator_name.empty());
  CHECK(app.tickets().detail.status_label == "En cours");
  CHECK(app.tickets().detail.take_charge.met);

  app.act("pending", number, {{"version", version()}, {"text", ""}});
  CHECK(app.tickets().message_error);  // waiting for whom?
  app.act("pending", number, {{"version", version()}, {"text", "Waiting for the user to reboot"}});
  CHECK(app.get(number).ticket.status == sv::Status::pending);
  CHECK(app.tickets().detail.resolve.paused);

  app.act("note", number, {{"version", version()}, {"text", "Called back the user"}});
  CHECK(has_event(app.get(number), sv::EventKind::note));
  CHECK(app.tickets().detail.events.back().text.find("Called back the user") != std::string::npos);

  const std::string stale = "1";
  app.act("resolve", number, {{"version", stale}, {"text", "Rebooted the switch"}});
  CHECK(app.tickets().message_error);
  CHECK(app.tickets().message.find("modifié par quelqu'un d'autre") != std::string::npos);
  CHECK(app.get(number).ticket.status == sv::Status::pending);

  app.act("resolve", number, {{"version", version()}, {"text", "Rebooted the switch"}});
  CHECK_FALSE(app.tickets().message_error);
  CHECK(app.get(number).ticket.solution == "Rebooted the switch");
  CHECK(app.tickets().detail.resolved_now);

  app.act("escalate", number, {{"version", version()}, {"text", "too hard"}}, 2);
  CHECK(app.tickets().message_error);  // a resolved ticket is not escalated
  app.act("close", number, {{"version", version()}, {"text", ""}});
  CHECK(app.get(number).ticket.status == sv::Status::closed);
  CHECK(app.tickets().detail.closed_final);

  const fs::path pdf = app.home.path / "out" / "fiche.pdf";
  app.act("report_pdf", number, {{"path", pdf.string()}});
  CHECK_FALSE(app.tickets().message_error);
  CHECK(fs::file_size(pdf) > 1000);
  CHECK(app.tickets().pdf_written == pdf.string());
  CHECK(app.tickets().pdf_default == (app.home.path / "reports" / (number + ".pdf")).string());
}

TEST_CASE("Diagnose opens the Diagnosis tab with the ticket's facts, and the conclusion fills the Resolve form") {
  TicketsApp app("en");
  const std::string tree = short_resolving_tree(app.presenter->workspace(), {"os=windows11"});
  REQUIRE_FALSE(tree.empty());
  const std::string number = app.make({"os=windows11"});
  REQUIRE(!app.tickets().detail.trees.empty());
  CHECK(app.tickets().detail.trees.front().first.rfind("net.", 0) == 0);  // the ticket's domain first

  app.act("diagnose", number, {{"tree", tree}});
  CHECK(app.vm().tab == Tab::diagnosis);
  CHECK(app.presenter->tickets().diagnosing() == number);
  REQUIRE(app.presenter->session() != nullptr);
  CHECK(app.session().start_tree() == tree);
  REQUIRE(app.session().facts().count("os"));
  CHECK(app.session().facts().at("os").value == "windows11");
  CHECK(app.vm().status.find(number) != std::string::npos);

  app.answer_to_the_end();
  REQUIRE(app.session().concluded());
  auto v = app.get(number);
  REQUIRE(v.ticket.sessions.size() == 1);  // attached at the conclusion
  CHECK(v.ticket.status == sv::Status::in_progress);
  const TicketProposalVm& p = app.vm().tickets.proposal;
  CHECK(p.serial == 1);
  CHECK(p.number == number);
  CHECK(p.solution.find(app.session().step().diagnosis) != std::string::npos);

  app.press(key_f5);  // back to the ticket
  app.frames(2);
  CHECK(app.get(number).ticket.sessions.size() == 1);  // not attached twice
  CHECK(app.ui.tickets.action == "resolve");
  CHECK(std::string(app.ui.tickets.text.data()) == p.solution);
  REQUIRE(app.vm().tickets.detail.sessions.size() == 1);
  CHECK(app.vm().tickets.detail.sessions[0].state.find(app.session().step().diagnosis) != std::string::npos);
  app.click("tickets/confirm");
  v = app.get(number);
  CHECK(v.ticket.status == sv::Status::resolved);
  CHECK(v.ticket.solution == p.solution);
}

TEST_CASE("going back to the ticket before the conclusion attaches the diagnosis in progress, once per change") {
  TicketsApp app("en");
  const std::string number = app.make();
  app.act("diagnose", number, {{"tree", "net.no_internet"}});
  REQUIRE(app.presenter->session() != nullptr);
  app.presenter->apply({IntentKind::answer, {}, {}, 1});
  app.press(key_f5);
  CHECK(app.get(number).ticket.sessions.size() == 1);
  CHECK(app.vm().tickets.detail.diagnosis_running);
  app.press(keys::f1);
  app.press(key_f5);
  CHECK(app.get(number).ticket.sessions.size() == 1);  // nothing new to attach
  app.press(keys::f1);
  app.presenter->apply({IntentKind::start_over});  // replaced: what was new is attached, the link is gone
  CHECK(app.presenter->tickets().diagnosing().empty());
  CHECK(app.get(number).ticket.sessions.size() == 1);
}

TEST_CASE("a damaged ticket database is said in the tab, and the rest of the program goes on") {
  HeadlessApp app("en");
  std::ofstream(app.home.path / "service.sqlite") << "this is not a database, just some words long enough to be read";
  app.press(key_f5);
  app.frames(2);
  CHECK_FALSE(app.vm().tickets.opened);
  CHECK_FALSE(app.vm().tickets.error.empty());
  CHECK(app.rects.count("tickets/retry") == 1);
  CHECK(app.rects.count("tickets/new") == 0);
  app.click("tickets/retry");  // still damaged: still said, no crash
  CHECK_FALSE(app.vm().tickets.error.empty());
  app.presenter->apply({IntentKind::start_tree, "prn.not_printing"});
  app.frame();
  CHECK(app.vm().question.active);
}

TEST_CASE("a diagnosis that ends on level 2 fills the Escalate form with its reason and level") {
  TicketsApp app("en");
  const std::string number = app.make();
  app.act("diagnose", number, {{"tree", "dir.join_domain"}});
  app.answer_to_the_end();
  REQUIRE(app.session().concluded());
  REQUIRE(app.session().step().outcome == engine::Outcome::escalate_l2);
  const TicketProposalVm p = app.vm().tickets.proposal;
  CHECK(p.solution.empty());
  CHECK(p.reason.find(app.session().step().diagnosis) != std::string::npos);
  CHECK(p.level == 2);
  app.press(key_f5);
  app.frames(2);
  CHECK(app.ui.tickets.action == "escalate");
  CHECK(app.ui.tickets.level == 1);  // N2
  CHECK(std::string(app.ui.tickets.text.data()) == p.reason);
  app.click("tickets/confirm");
  const auto v = app.get(number);
  CHECK(v.ticket.status == sv::Status::escalated);
  CHECK(v.ticket.level == sv::SupportLevel::n2);
  app.frame();
  CHECK(app.ui.tickets.action.empty());  // the form closed once saved
}

TEST_CASE("the queue marks a ticket late once its SLA time has run out, as the clock moves") {
  TicketsApp app("en");
  sv::Time clock = friday_10h;
  app.desk().set_clock([&] { return clock; });
  workspace::NewTicket n;
  n.title = "Whole floor without network";
  n.caller_name = "Paul Martin";
  n.impact = sv::Grade::high;
  n.urgency = sv::Grade::high;
  workspace::TicketView v;
  REQUIRE(app.desk().create(n, "marie", v).ok());
  app.act("refresh", "");
  REQUIRE(app.tickets().rows.size() == 1);
  CHECK(app.tickets().rows[0].priority == 1);
  CHECK_FALSE(app.tickets().rows[0].late);
  CHECK(app.tickets().rows[0].due == friday_10h + 15 * 60);  // P1: taken in charge within 15 min
  clock += 20 * 60;
  app.frames(2);  // the minute changed: rebuilt without any intent
  CHECK(app.tickets().now == clock);
  CHECK(app.tickets().rows[0].late);
  CHECK(format_countdown(app.tickets().rows[0].due - app.tickets().now, app.vm().labels) == "late by 5 min");
}
