// Training scenarios that start from a ticket: the [ticket] section (good and
// bad, with positions), the qualification first, and each ticket penalty.
#include "test_training_fixture.hpp"

#include <regex>

using namespace diagdesk::engine;
using test::play;
using test::TrainingFixture;

namespace {

const std::string ticket_section = test::mini_ticket_section;

std::string ticket_scenario(const std::string& section = ticket_section) { return std::string(test::dns_scenario) + section; }

/// `section` with `key = ...` replaced by `line` (or removed when `line` is empty).
std::string with(const std::string& key, const std::string& line, const std::string& section = ticket_section) {
  return std::regex_replace(section, std::regex("\n" + key + " = [^\n]*"), line.empty() ? std::string() : "\n" + line);
}

/// The 1-based line of the first line of `text` that starts with `start`
/// (after the line starting with `after`, when given).
int line_of(const std::string& text, const std::string& start, const std::string& after = {}) {
  int line = 1;
  bool past = after.empty();
  for (std::size_t at = 0; at < text.size(); ++line) {
    if (!past && text.compare(at, after.size(), after) == 0) past = true;
    if (past && text.compare(at, start.size(), start) == 0) return line;
    const auto nl = text.find('\n', at);
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return 0;
}

const Diagnostic* find(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

/// The run's penalty codes, space-separated, in order.
std::string penalty_codes(const Score& s) {
  std::string out;
  for (const auto& p : s.penalties) out += (out.empty() ? "" : " ") + p.code;
  return out;
}

/// True when a line of the run's debrief findings in `lang` contains every one of `parts`.
bool debrief_says(const TrainingRun& run, Lang lang, std::initializer_list<std::string> parts) {
  for (const auto& line : run.debrief(lang).findings) {
    bool all = true;
    for (const auto& p : parts) all = all && line.find(p) != std::string::npos;
    if (all) return true;
  }
  return false;
}

/// The expert's play of the fixture ticket, up to (not including) how the call ends.
const char* expert_ticket = "type=incident,impact=low,urgency=high,priority=3,tree=t.net,=,=,=,kb=net.dns,verify,document";

}  // namespace

// [Loading] -----------------------------------------------------------------------------------

TEST_CASE("a [ticket] section loads the call, its qualification and how it ends") {
  TrainingFixture f(ticket_scenario());
  CHECK(test::codes(f.lint()).empty());
  const Scenario& s = f.scenario();
  REQUIRE(s.ticket.has_value());
  const ScenarioTicket& t = *s.ticket;
  CHECK(t.opened_as == TicketKind::incident);
  CHECK(t.caller.fr == "Marie Dupont");
  CHECK(t.caller.en == "Marie Dupont");
  CHECK(t.title.en == "No more web sites");
  CHECK(t.says.fr == "Plus rien ne s'ouvre sur Internet.");
  CHECK(t.type == TicketKind::incident);
  CHECK(t.impact == Level::low);
  CHECK(t.urgency == Level::high);
  CHECK(t.priority == 3);
  CHECK(t.escalation == 0);
  CHECK(t.outcome == Disposition::resolved);
  CHECK(s.where("ticket.priority").line == line_of(ticket_scenario(), "priority = 3"));
}

TEST_CASE("a scenario without [ticket] still loads as before") {
  TrainingFixture f;
  CHECK(test::codes(f.lint()).empty());
  CHECK_FALSE(f.scenario().ticket.has_value());
}

TEST_CASE("a ticket scenario may leave impact, urgency and the complaint to [ticket]") {
  std::string text = std::regex_replace(ticket_scenario(), std::regex("\nimpact = \"low\"\nurgency = \"high\"\narticles"), "\narticles");
  text = std::regex_replace(text, std::regex("\ncomplaint = [^\n]*"), "");
  TrainingFixture f(text);
  CHECK(test::codes(f.lint()).empty());
  const Scenario& s = f.scenario();
  CHECK(s.impact == Level::low);
  CHECK(s.urgency == Level::high);
  CHECK(s.complaint.en == "Nothing opens on the Internet.");
}

TEST_CASE("a ticket priority other than the matrix's is an error at the priority") {
  const std::string text = ticket_scenario(with("priority", "priority = 2"));
  TrainingFixture f(text);
  const Diagnostic* d = find(f.set.diagnostics, "scenario.ticket_priority");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::error);
  CHECK(d->pos.file.find("s.toml") != std::string::npos);
  CHECK(d->pos.line == line_of(text, "priority = 2"));
  CHECK(d->pos.column == 12);
  CHECK(d->message.find("P2") != std::string::npos);
  CHECK(d->message.find("P3") != std::string::npos);
  CHECK(d->message.find("impact low x urgency high") != std::string::npos);
}

TEST_CASE("ticket priorities are checked against the matrix given to the loader") {
  TrainingFixture f(ticket_scenario());
  PriorityGrid team;
  team.cells[0][2] = 2;  // a team that makes low impact x high urgency a P2
  team.source = "team/service/priority.toml";
  ScenarioSet set = load_scenarios({f.dir.path() / "scenarios"}, f.knowledge->facts(), team);
  const Diagnostic* d = find(set.diagnostics, "scenario.ticket_priority");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("team/service/priority.toml") != std::string::npos);
  ScenarioSet ok;
  ok.priorities = team;
  load_scenario_text(ticket_scenario(with("priority", "priority = \"P2\"")), "s.toml", f.knowledge->facts(), ok);
  CHECK(test::codes(ok.diagnostics).empty());
  REQUIRE(ok.find("s.dns"));
  CHECK(ok.find("s.dns")->ticket->priority == 2);
}

TEST_CASE("bad [ticket] sections are reported with their file, line and column") {
  struct Row {
    const char* what;
    std::string section;
    const char* code;
    const char* at;  // the start of the line reported; "[ticket]" for a missing key
  };
  const Row rows[] = {
      {"unknown type", with("type", "type = \"bug\""), "scenario.bad_value", "type = "},
      {"unknown opening type", with("opened_as", "opened_as = \"problem\""), "scenario.bad_value", "opened_as = "},
      {"level word not in English", with("impact", "impact = \"faible\""), "scenario.bad_value", "impact = "},
      {"priority out of range", with("priority", "priority = 7"), "scenario.bad_value", "priority = "},
      {"escalation to level 1", with("outcome", "outcome = \"escalated\"\nescalation = \"n1\""), "scenario.bad_value",
       "escalation = "},
      {"escalated with no level", with("outcome", "outcome = \"escalated\""), "scenario.contradiction", "outcome = "},
      {"a level with a resolved outcome", with("outcome", "outcome = \"resolved\"\nescalation = \"n2\""),
       "scenario.contradiction", "escalation = "},
      {"unknown outcome", with("outcome", "outcome = \"closed\""), "scenario.bad_value", "outcome = "},
      {"caller's words missing", with("says", ""), "scenario.missing", "[ticket]"},
      {"title in one language", with("title", "title = \"No web\""), "scenario.translation", "title = "},
      {"unknown key", ticket_section + "sla = 4\n", "key.unknown", "sla = "},
  };
  for (const Row& r : rows) {
    SUBCASE(r.what) {
      const std::string text = ticket_scenario(r.section);
      TrainingFixture f(text);
      const Diagnostic* d = find(f.set.diagnostics, r.code);
      REQUIRE_MESSAGE(d != nullptr, test::codes(f.set.diagnostics));
      CHECK(d->pos.file.find("s.toml") != std::string::npos);
      CHECK(d->pos.line == line_of(text, r.at, "[ticket]"));
      CHECK(d->pos.column >= 1);
    }
  }
}

TEST_CASE("[expected] impact or urgency unlike the ticket's is a contradiction") {
  const std::string text = std::regex_replace(ticket_scenario(), std::regex("\nurgency = \"high\"\narticles"),
                                              "\nurgency = \"medium\"\narticles");
  TrainingFixture f(text);
  const Diagnostic* d = find(f.set.diagnostics, "scenario.contradiction");
  REQUIRE(d != nullptr);
  CHECK(d->pos.line == line_of(text, "urgency = \"medium\""));
}

TEST_CASE("the linter wants the ticket's ending to agree with the expected outcome") {
  // Escalated to N2, but the expected conclusion resolves.
  const std::string text = ticket_scenario(with("outcome", "outcome = \"escalated\"\nescalation = \"n2\""));
  TrainingFixture f(text);
  CHECK(test::codes(f.set.diagnostics).empty());
  const auto ds = f.lint();
  const Diagnostic* d = find(ds, "scenario.contradiction");
  REQUIRE(d != nullptr);
  CHECK(d->pos.line == line_of(text, "outcome = \"escalated\""));
}

// [Playing] -----------------------------------------------------------------------------------

TEST_CASE("a ticket scenario starts with its qualification") {
  TrainingFixture f(ticket_scenario());
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
  CHECK(run.is_ticket());
  CHECK_FALSE(run.qualified());
  CHECK(run.act("tree=t.net") == ActionError::not_qualified);
  CHECK(run.last_error().find("type, impact, urgency, priority") != std::string::npos);
  CHECK(run.act("resolve") == ActionError::not_qualified);
  play(run, "type=incident,impact=low,urgency=high");
  CHECK(run.act("tree=t.net") == ActionError::not_qualified);
  CHECK(run.last_error().find("priority") != std::string::npos);
  CHECK(run.act("priority=9") == ActionError::bad_value);
  CHECK(run.act("type=bug") == ActionError::bad_value);
  play(run, "priority=P3");
  CHECK(run.qualified());
  CHECK(run.act("escalate") == ActionError::bad_value);
  CHECK(run.act("escalate=n1") == ActionError::bad_value);
  CHECK(run.act("tree=t.net") == ActionError::none);

  TrainingRun free(f.knowledge, f.set, f.scenario(), Mode::free, Lang::en);
  CHECK(free.act("t.net:q_link") == ActionError::not_qualified);
  CHECK(free.act("diagnosis=t.net:c_dns") == ActionError::not_qualified);
  CHECK(free.act("kb=net.dns") == ActionError::none);  // reading is not diagnosing
}

TEST_CASE("ticket actions are refused in a scenario without [ticket]") {
  TrainingFixture f;
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
  for (const char* token : {"type=incident", "priority=3", "resolve", "pending", "escalate=n2", "escalate"}) {
    INFO(token);
    CHECK(run.act(token) == ActionError::not_a_ticket);
  }
  CHECK(run.actions().empty());
  CHECK(run.act("tree=t.net") == ActionError::none);  // no qualification needed
}

TEST_CASE("a ticket handled like the expert scores 100 with no ticket penalty") {
  TrainingFixture f(ticket_scenario());
  for (Mode mode : {Mode::guided, Mode::free}) {
    TrainingRun run(f.knowledge, f.set, f.scenario(), mode, Lang::en);
    if (mode == Mode::guided) play(run, std::string(expert_ticket) + ",resolve");
    else play(run, "type=incident,impact=low,urgency=high,priority=3,t.net:q_link,t.net:a_ip,t.net:q_dns,"
                   "diagnosis=t.net:c_dns,kb=net.dns,verify,document,resolve");
    const Score s = run.score();
    CHECK(s.ticket);
    CHECK(s.type_ok);
    CHECK(s.priority_ok);
    CHECK(s.ticket_priority == 3);
    CHECK(s.disposition == Disposition::resolved);
    CHECK(s.disposition_ok);
    CHECK(s.outcome_ok);
    CHECK(penalty_codes(s).empty());
    CHECK(s.total == 100);
  }
}

TEST_CASE("each ticket penalty fires when it should and not otherwise") {
  SUBCASE("a request treated as an incident") {
    TrainingFixture f(ticket_scenario(with("type", "type = \"request\"")));
    TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::fr);
    play(run, std::string(expert_ticket) + ",resolve");  // type=incident
    const Score s = run.score();
    CHECK_FALSE(s.type_ok);
    CHECK(penalty_codes(s) == "wrong_type");
    CHECK(s.p_penalties == penalty_wrong_type);
    CHECK(s.total == 100 - penalty_wrong_type);
    CHECK(debrief_says(run, Lang::fr, {"demande de service traitée comme incident"}));
    CHECK(debrief_says(run, Lang::en, {"a service request treated as incident"}));
  }
  SUBCASE("the right type is no penalty, the last word counts") {
    TrainingFixture f(ticket_scenario());
    TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
    play(run, "type=request," + std::string(expert_ticket) + ",resolve");
    CHECK(penalty_codes(run.score()).empty());
  }
  SUBCASE("a wrong priority") {
    TrainingFixture f(ticket_scenario());
    TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
    // A VIP is no reason to raise the impact: impact high, urgency high, P1.
    play(run, std::string(expert_ticket) + ",impact=high,priority=1,resolve");
    const Score s = run.score();
    CHECK_FALSE(s.priority_ok);
    CHECK(s.p_priority == 0);
    CHECK(penalty_codes(s) == "wrong_priority");
    CHECK(s.total == 100 - points_priority - penalty_wrong_priority);
    CHECK(debrief_says(run, Lang::en, {"The matrix gives P3 for impact low and urgency high; you gave P1", "whatever their rank"}));
  }
  SUBCASE("a missing escalation, and a P1's one explained as a major incident") {
    TrainingFixture f(ticket_scenario(with("outcome", "outcome = \"escalated\"\nescalation = \"n2\"")));
    TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::fr);
    play(run, std::string(expert_ticket) + ",resolve");
    const Score s = run.score();
    CHECK_FALSE(s.disposition_ok);
    CHECK(s.p_outcome == 0);
    CHECK(penalty_codes(s) == "escalation_missing");
    CHECK(s.total == 100 - points_outcome - points_method_step - penalty_escalation_missing);  // "implement" unmet
    CHECK(debrief_says(run, Lang::fr, {"escalade manquante"}));
    CHECK_FALSE(debrief_says(run, Lang::fr, {"incident majeur"}));

    // A P1 (high x high) that was not escalated: the major incident procedure is recalled.
    const std::string p1 = with("outcome", "outcome = \"escalated\"\nescalation = \"n2\"",
                                with("priority", "priority = 1", with("urgency", "urgency = \"high\"", with("impact", "impact = \"high\""))));
    TrainingFixture major(ticket_scenario(p1));
    TrainingRun missed(major.knowledge, major.set, major.scenario(), Mode::guided, Lang::fr);
    play(missed, "type=incident,impact=high,urgency=high,priority=1,tree=t.net,=,=,=,resolve");
    CHECK(penalty_codes(missed.score()) == "escalation_missing");
    CHECK(debrief_says(missed, Lang::fr, {"Un incident majeur (P1) s'escalade tout de suite au N2"}));
    CHECK(debrief_says(missed, Lang::en, {"A major incident (P1) goes to N2 at once"}));
  }
  SUBCASE("escalating to the expected level is no penalty") {
    TrainingFixture f(ticket_scenario(with("outcome", "outcome = \"escalated\"\nescalation = \"n2\"")));
    TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
    play(run, std::string(expert_ticket) + ",escalate=N2");
    const Score s = run.score();
    CHECK(s.escalation == 2);
    CHECK(s.disposition_ok);
    CHECK(penalty_codes(s).empty());
  }
  SUBCASE("escalation to the wrong level") {
    TrainingFixture f(ticket_scenario(with("outcome", "outcome = \"escalated\"\nescalation = \"n2\"")));
    TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
    play(run, std::string(expert_ticket) + ",escalate=n3");
    const Score s = run.score();
    CHECK_FALSE(s.disposition_ok);
    CHECK(penalty_codes(s) == "escalation_wrong_level");
    CHECK(debrief_says(run, Lang::en, {"expected N2, given N3"}));
  }
  SUBCASE("a needless escalation") {
    TrainingFixture f(ticket_scenario());
    TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
    play(run, std::string(expert_ticket) + ",escalate=n2");
    const Score s = run.score();
    CHECK(penalty_codes(s) == "escalation_needless");
    CHECK(s.p_penalties == penalty_escalation_needless);
    CHECK(debrief_says(run, Lang::en, {"needless escalation"}));
  }
  SUBCASE("a pending ticket resolved instead is no escalation penalty but the wrong ending") {
    TrainingFixture f(ticket_scenario(with("outcome", "outcome = \"pending\"")));
    TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
    play(run, std::string(expert_ticket) + ",resolve");
    const Score s = run.score();
    CHECK_FALSE(s.disposition_ok);
    CHECK(penalty_codes(s).empty());
    CHECK(debrief_says(run, Lang::en, {"the SLA clock stops"}));
    TrainingRun right(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
    play(right, std::string(expert_ticket) + ",pending");
    CHECK(right.score().total == 100);
  }
}

TEST_CASE("ticket values parse in both languages") {
  CHECK(parse_ticket_kind("demande") == TicketKind::request);
  CHECK(parse_ticket_kind("Incident") == TicketKind::incident);
  CHECK_FALSE(parse_ticket_kind("bug").has_value());
  CHECK(parse_priority("P1") == 1);
  CHECK(parse_priority("5") == 5);
  CHECK_FALSE(parse_priority("P6").has_value());
  CHECK(parse_support_level("N3") == 3);
  CHECK(parse_support_level("2") == 2);
  CHECK_FALSE(parse_support_level("n4").has_value());
  CHECK(parse_disposition("attente") == Disposition::pending);
  const PriorityGrid itil;
  for (Level i : {Level::low, Level::medium, Level::high}) {
    for (Level u : {Level::low, Level::medium, Level::high}) {
      INFO(level_name(i) << " x " << level_name(u));
      CHECK("p" + std::to_string(itil.priority(i, u)) == priority_of(i, u).substr(0, 2));
    }
  }
}
