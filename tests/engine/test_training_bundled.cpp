// Training: every bundled scenario lints clean, its expert path reaches the
// expected diagnosis, and playing like the expert scores full marks.
#include "test_training_fixture.hpp"

#include <algorithm>
#include <set>

using namespace diagdesk::engine;

namespace {

namespace fs = std::filesystem;

struct Bundled {
  std::shared_ptr<const Knowledge> knowledge;
  ScenarioSet set;
  std::vector<std::string> topics;
  std::string load_errors;

  Bundled() {
    const fs::path data = DIAGDESK_DATA_DIR;
    auto loaded = load_knowledge({data});
    for (const auto& d : loaded.diagnostics) {
      if (d.severity == Severity::error) load_errors += format(d) + "\n";
    }
    knowledge = loaded.knowledge;
    set = load_scenarios({data / "scenarios"}, knowledge->facts());
    // Topics present in both languages, as the workspace computes them.
    std::set<std::string> fr, en;
    for (auto [lang, into] : {std::pair{"fr", &fr}, std::pair{"en", &en}}) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(data / "articles" / lang, ec)) {
        if (e.path().extension() == ".md") into->insert(e.path().stem().string());
      }
    }
    std::set_intersection(fr.begin(), fr.end(), en.begin(), en.end(), std::back_inserter(topics));
  }

  static const Bundled& get() {
    static const Bundled b;
    return b;
  }
};

bool risky(const Scenario& s, const std::string& ref) {
  return std::find(s.risky_steps.begin(), s.risky_steps.end(), ref) != s.risky_steps.end();
}

/// A ticket scenario starts with the qualification an expert gives it.
void qualify_like_expert(TrainingRun& run, const Scenario& s) {
  if (!s.ticket) return;
  const ScenarioTicket& t = *s.ticket;
  test::play(run, "type=" + std::string(ticket_kind_name(t.type)) + ",impact=" + std::string(level_name(t.impact)) +
                      ",urgency=" + std::string(level_name(t.urgency)) + ",priority=" + std::to_string(t.priority));
}

/// Closing actions an expert takes after reaching the diagnosis.
void close_like_expert(TrainingRun& run, const Scenario& s, const Knowledge& k) {
  const Node* c = k.find_node(s.diagnosis);
  REQUIRE(c != nullptr);
  if (!c->warnings.empty()) test::play(run, "ack");
  if (risky(s, s.diagnosis)) test::play(run, "backup");
  if (c->outcome != s.outcome) test::play(run, "outcome=" + std::string(outcome_name(s.outcome)));
  test::play(run, "impact=" + std::string(level_name(s.impact)) + ",urgency=" + std::string(level_name(s.urgency)));
  for (const auto& a : s.articles) test::play(run, "kb=" + a);
  test::play(run, "verify,document");
  if (s.ticket) {
    const ScenarioTicket& t = *s.ticket;
    test::play(run, t.outcome == Disposition::resolved  ? std::string("resolve")
                    : t.outcome == Disposition::pending ? std::string("pending")
                                                        : "escalate=n" + std::to_string(t.escalation));
  }
}

}  // namespace

TEST_CASE("the bundled scenarios load and lint without errors") {
  const Bundled& b = Bundled::get();
  REQUIRE_MESSAGE(b.load_errors.empty(), b.load_errors);
  std::vector<Diagnostic> ds = b.set.diagnostics;
  lint_scenarios(b.knowledge, b.set, ds, &b.topics);
  std::string errors;
  for (const auto& d : ds) {
    if (d.severity == Severity::error) errors += format(d) + "\n";
  }
  CHECK_MESSAGE(errors.empty(), errors);
}

TEST_CASE("at least 30 bundled scenarios cover all eleven competencies") {
  const Bundled& b = Bundled::get();
  CHECK(b.set.scenarios.size() >= 30);
  std::set<int> competencies;
  for (const auto& s : b.set.scenarios) competencies.insert(s.competency);
  for (int c = 1; c <= 11; ++c) {
    INFO("competency " << c);
    CHECK(competencies.count(c) == 1);
  }
}

TEST_CASE("competency 9 has at least six ticket scenarios, with a major incident and a service request") {
  const Bundled& b = Bundled::get();
  int tickets = 0;
  bool major = false, request = false, pending = false, n2_after_checks = false, urgency_raised = false;
  for (const auto& s : b.set.scenarios) {
    if (!s.ticket || s.competency != 9) continue;
    ++tickets;
    const ScenarioTicket& t = *s.ticket;
    major |= t.priority == 1 && t.escalation == 2;
    request |= t.type == TicketKind::request && t.escalation == 0;
    pending |= t.outcome == Disposition::pending;
    n2_after_checks |= t.escalation == 2 && t.priority > 1;
    urgency_raised |= t.impact == Level::low && t.urgency == Level::high && t.escalation == 0;
  }
  CHECK(tickets >= 6);
  CHECK(major);
  CHECK(request);
  CHECK(pending);
  CHECK(n2_after_checks);
  CHECK(urgency_raised);
}

TEST_CASE("every bundled scenario's expert path reaches its diagnosis") {
  const Bundled& b = Bundled::get();
  for (const auto& s : b.set.scenarios) {
    INFO("scenario " << s.id);
    const ExpertPath e = play_expert(b.knowledge, s, b.set);
    CHECK_MESSAGE(e.error.empty(), e.error);
    CHECK(e.conclusion == s.diagnosis);
    CHECK_FALSE(e.steps.empty());
  }
}

TEST_CASE("playing a bundled scenario like the expert scores full marks in both modes") {
  const Bundled& b = Bundled::get();
  for (const auto& s : b.set.scenarios) {
    INFO("scenario " << s.id);
    const ExpertPath e = play_expert(b.knowledge, s, b.set);
    if (!e.error.empty()) continue;  // reported by the test above

    // Guided: open the expert tree, acknowledge warnings, back up before risky
    // steps, and record the simulator's replies.
    TrainingRun guided(b.knowledge, b.set, s, Mode::guided, Lang::fr);
    qualify_like_expert(guided, s);
    test::play(guided, "tree=" + s.tree);
    for (int guard = 0; !guided.diagnosed() && guard < 200; ++guard) {
      const Step& st = guided.session()->step();
      const Node* n = b.knowledge->find_node(st.node, st.tree);
      REQUIRE(n != nullptr);
      if (!n->warnings.empty()) test::play(guided, "ack");
      if (risky(s, st.tree + ":" + st.node)) test::play(guided, "backup");
      test::play(guided, "=");
    }
    REQUIRE(guided.diagnosed());
    close_like_expert(guided, s, *b.knowledge);
    const Score g = guided.score();
    CHECK(g.diagnosis_ok);
    CHECK(g.outcome_ok);
    CHECK(g.priority_ok);
    CHECK(g.efficiency == 100);
    CHECK(g.penalties.empty());
    CHECK(g.total >= 100 - points_method_step);  // "identify" needs a question before the first test

    // Free: the expert's steps, in the expert's order, then the diagnosis.
    TrainingRun free(b.knowledge, b.set, s, Mode::free, Lang::en);
    qualify_like_expert(free, s);
    for (const auto& st : e.steps) {
      const std::string ref = st.tree + ":" + st.node;
      if (!b.knowledge->find_node(st.node, st.tree)->warnings.empty()) test::play(free, "ack");
      if (risky(s, ref)) test::play(free, "backup");
      test::play(free, ref);
    }
    test::play(free, "diagnosis=" + s.diagnosis);
    close_like_expert(free, s, *b.knowledge);
    const Score f = free.score();
    CHECK(f.diagnosis_ok);
    CHECK(f.efficiency == 100);
    CHECK(f.penalties.empty());
    CHECK(f.total == g.total);
  }
}
