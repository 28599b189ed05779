// Cost-aware guidance in the GUI (issue 16), headless through the real
// presenter and panels: the author tab's simulation equals the engine's
// figures, guided mode shows the best step and follows an alternative taken
// instead, "Why this step?" bars sum to 100 %, the guided conclusion shows
// the probabilities, FR and EN labels, the learned priors and the N2 rights.
//
// [SECTION] The author tab's simulation
// [SECTION] Guided mode: best step, Why this step?, conclusion, FR/EN
// [SECTION] Learned priors and operator rights
#include "fixture.hpp"

#include "app/guide_presenter.hpp"

#include <diagdesk/engine/guide_policies.hpp>
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/workspace/model_learn.hpp>

#include <filesystem>
#include <fstream>
#include <numeric>

using namespace diagdesk;
using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;

namespace {

constexpr const char* modelled_tree = "net.vpn_fails";

/// Opens the author tab on `tree` and its Simulation view.
void open_simulation(HeadlessApp& app, const std::string& tree) {
  app.presenter->apply(Intent{IntentKind::select_tree, tree});
  app.frames(2);
  // The first click after the tab appears only focuses the window.
  app.click("view/simulation");
  if (app.ui.author.view != 2) app.click("view/simulation");
  REQUIRE(app.ui.author.view == 2);
  app.frames(2);
}

/// Starts `tree` and turns guided mode on with its checkbox.
void start_guided(HeadlessApp& app, const std::string& tree) {
  app.presenter->apply(Intent{IntentKind::start_tree, tree});
  app.frames(2);
  REQUIRE(app.vm().question.active);
  REQUIRE(app.vm().question.guide.available);
  CHECK_FALSE(app.vm().question.guide.on);
  app.click("guide/toggle");
  app.frame();
  REQUIRE(app.vm().question.guide.on);
}

double sum(const std::vector<CauseBarVm>& bars) {
  return std::accumulate(bars.begin(), bars.end(), 0.0, [](double s, const CauseBarVm& b) { return s + b.probability; });
}

std::vector<std::string> ranking(HeadlessApp& app) {
  std::vector<std::string> ids;
  for (const auto& s : app.vm().question.guide.steps) ids.push_back(s.id);
  return ids;
}

/// The posterior bar of `leaf` ("" the other cause), -1 when absent.
double bar_of(const GuideVm& g, const std::string& leaf) {
  for (const auto& c : g.posterior) {
    if (c.leaf == leaf) return c.probability;
  }
  return -1;
}

}  // namespace

// [SECTION] The author tab's simulation

TEST_CASE("the author tab's simulation table shows the engine's figures for a bundled tree") {
  HeadlessApp app;
  open_simulation(app, modelled_tree);
  const SimulationVm& s = app.vm().author.simulation;
  REQUIRE(s.tree == modelled_tree);
  REQUIRE(s.ready);
  CHECK_FALSE(s.running);

  const engine::Tree* tree = app.presenter->workspace().knowledge()->find_tree(modelled_tree);
  REQUIRE(tree != nullptr);
  const engine::TreeSimulation e = engine::simulate_policies(*tree);
  const TreeSimulationVm& t = s.current;
  CHECK(t.has_model);
  CHECK(t.causes == e.model.causes.size());
  CHECK(t.tests == e.model.tests.size());
  REQUIRE(t.policies.size() == 3);
  const engine::PolicyFigures* want[] = {&e.authored, &e.guided, &e.optimum};
  for (int i = 0; i < 3; ++i) {
    INFO(t.policies[i].key);
    CHECK(t.policies[i].minutes == want[i]->minutes);
    CHECK(t.policies[i].steps == want[i]->steps);
    CHECK(t.policies[i].exact == want[i]->exact);
    CHECK(t.policies[i].gap == engine::policy_gap(want[i]->minutes, e.optimum.minutes));
  }
  CHECK(t.policies[2].gap == 0);
  CHECK(t.saving == engine::guided_saving(e));
  // The slowest causes are the engine's, slowest first; the chart has every cause.
  const auto slow = engine::slowest_causes(e, 3);
  REQUIRE(t.slowest.size() == slow.size());
  for (std::size_t i = 0; i < slow.size(); ++i) {
    CHECK(t.slowest[i].leaf == e.model.causes[slow[i]].leaf);
    CHECK(t.slowest[i].authored == e.authored.cause_minutes[slow[i]]);
  }
  CHECK(t.causes_minutes.size() == e.model.causes.size());
  CHECK(t.policies[0].name == "authored order");
}

TEST_CASE("the all-trees simulation runs off the UI thread and lists every modelled tree") {
  HeadlessApp app("fr", /*async=*/true);
  open_simulation(app, modelled_tree);
  app.click("simulation/all");
  app.frame();
  CHECK(app.vm().author.simulation.all_requested);
  app.presenter->wait_background();
  app.frames(2);
  const SimulationVm& s = app.vm().author.simulation;
  REQUIRE(s.all_ready);
  CHECK_FALSE(s.running);
  std::size_t modelled = 0;
  for (const auto& t : app.presenter->workspace().knowledge()->trees()) modelled += t.model.present;
  REQUIRE(s.all.size() == modelled);
  CHECK(modelled >= 15);
  double gaps = 0;
  for (const auto& r : s.all) {
    gaps += r.gap;
    auto cached = app.presenter->guide().simulation(r.tree);
    REQUIRE(cached != nullptr);
    CHECK(r.guided == cached->guided.minutes);
    CHECK(r.optimum == cached->optimum.minutes);
    CHECK(r.gap >= -1e-9);  // the optimum is never beaten
  }
  CHECK(s.average_gap == doctest::Approx(gaps / static_cast<double>(modelled)));
  // The selected tree's figures came from the same cache: shown at once.
  app.click("simulation/tree");
  app.frame();
  CHECK(app.vm().author.simulation.ready);
  CHECK(app.vm().author.simulation.current.policies[0].name == "ordre de l'arbre");
}

// [SECTION] Guided mode: best step, Why this step?, conclusion, FR/EN

TEST_CASE("guided mode shows the best step, and after taking an alternative the ranking follows") {
  HeadlessApp app;
  start_guided(app, "net.no_internet");
  const QuestionVm& q = app.vm().question;
  REQUIRE(q.guide.steps.size() >= 3);
  CHECK(q.guide.steps.size() <= 4);  // the best and two or three alternatives
  const GuideStepVm best = q.guide.steps[0];
  CHECK(q.node == best.id);  // the question shown is the suggested step
  CHECK(best.current);
  CHECK_FALSE(best.reason.empty());
  CHECK(best.minutes > 0);
  CHECK(q.step_number == 1);
  const std::vector<std::string> before = ranking(app);
  const std::vector<CauseBarVm> prior = q.guide.posterior;

  // Take the first alternative instead: it is shown, then answered.
  const std::string alternative = q.guide.steps[1].id;
  app.click("guide/take/" + alternative);
  CHECK(app.vm().question.node == alternative);
  CHECK(app.vm().question.guide.steps[1].current);
  CHECK_FALSE(app.vm().question.guide.steps[0].current);
  app.presenter->apply(Intent{IntentKind::answer, {}, {}, 1});
  app.frame();
  const auto* g = app.presenter->guide().guided_session();
  REQUIRE(g != nullptr);
  REQUIRE(g->acts().size() == 1);
  CHECK(g->acts()[0].step == alternative);
  CHECK(app.vm().question.step_number == 2);
  CHECK(app.vm().transcript.entries.size() == 1);

  // The ranking follows the answer: the alternative is gone, the order changed,
  // the probabilities moved, and the best step is shown again.
  const std::vector<std::string> after = ranking(app);
  CHECK(after != before);
  CHECK(std::find(after.begin(), after.end(), alternative) == after.end());
  CHECK(app.vm().question.node == after.front());
  bool moved = false;
  for (const auto& p : prior) {
    for (const auto& c : app.vm().question.guide.posterior) {
      if (c.leaf == p.leaf && std::abs(c.probability - p.probability) > 1e-6) moved = true;
    }
  }
  CHECK(moved);

  // Back undoes it; the authored session was not touched meanwhile.
  app.presenter->apply(Intent{IntentKind::back});
  app.frame();
  CHECK(g->acts().empty());
  CHECK(ranking(app) == before);
  CHECK(app.session().answers().empty());
  // Off again: the authored walk, as it was.
  app.click("guide/toggle");
  CHECK_FALSE(app.vm().question.guide.on);
  CHECK(app.vm().question.node == app.session().step().node);
}

TEST_CASE("Why this step shows the causes as bars that sum to 100 percent") {
  HeadlessApp app;
  start_guided(app, "net.no_internet");
  app.click("guide/why");
  app.frame();  // the side column draws the bars
  const GuideVm& g = app.vm().question.guide;
  REQUIRE(g.why_open);
  REQUIRE(g.posterior.size() >= 2);
  CHECK(sum(g.posterior) == doctest::Approx(1.0));
  for (std::size_t i = 1; i < g.posterior.size(); ++i) CHECK(g.posterior[i - 1].probability >= g.posterior[i].probability);
  for (const auto& c : g.posterior) {
    INFO(c.leaf);
    CHECK(app.rects.count("guide/bar/" + (c.leaf.empty() ? std::string("other") : c.leaf)) == 1);
  }
  // After an answer they still sum to 100 %.
  app.presenter->apply(Intent{IntentKind::answer, {}, {}, 1});
  app.frame();
  CHECK(sum(app.vm().question.guide.posterior) == doctest::Approx(1.0));
}

TEST_CASE("a guided diagnosis concludes and How was this concluded shows the probabilities") {
  HeadlessApp app;
  start_guided(app, "net.vpn_fails");
  for (int i = 0; i < 40 && !app.vm().conclusion.active; ++i) {
    app.presenter->apply(Intent{IntentKind::answer, {}, {}, 1});
    app.frame();
    REQUIRE(app.vm().question.error.empty());
  }
  const ConclusionVm& c = app.vm().conclusion;
  REQUIRE(c.active);
  CHECK_FALSE(c.diagnosis.empty());
  REQUIRE_FALSE(c.probabilities.empty());
  CHECK(sum(c.probabilities) == doctest::Approx(1.0));
  bool percent = false;
  for (const auto& l : c.how) percent = percent || l.text.find('%') != std::string::npos;
  CHECK(percent);
  app.click("how");
  app.frame();
  CHECK(app.rects.count("guide/bar/" + (c.probabilities[0].leaf.empty() ? std::string("other") : c.probabilities[0].leaf)) == 1);
  // The report is the guided session's: the steps it took, how it was concluded.
  const std::string diagnosis = c.diagnosis;
  app.click("export_report");
  const std::string path = app.vm().conclusion.exported;
  REQUIRE_FALSE(path.empty());
  std::ifstream in(path);
  const std::string md((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(md.find("# Intervention report") == 0);
  CHECK(md.find("guided mode") != std::string::npos);
  CHECK(md.find("## How the diagnosis was concluded") != std::string::npos);
  CHECK(md.find(diagnosis) != std::string::npos);
  CHECK(app.vm().clipboard == md);
}

TEST_CASE("guided mode speaks French and English") {
  for (const std::string lang : {"fr", "en"}) {
    CAPTURE(lang);
    HeadlessApp app(lang);
    start_guided(app, "net.no_internet");
    const AppVm& vm = app.vm();
    const std::string reason = vm.question.guide.steps[0].reason;
    CHECK(std::string(vm.labels("gui.guide.toggle")) == (lang == "fr" ? "Guidé" : "Guided"));
    CHECK(std::string(vm.labels("gui.guide.why")) == (lang == "fr" ? "Pourquoi cette étape ?" : "Why this step?"));
    CHECK(reason.find(lang == "fr" ? "ensuite" : "next") != std::string::npos);
    // Every label the guided view and the simulation use exists in both languages.
    int keys = 0;
    for (const auto& key : engine::ui_string_keys()) {
      if (!key.starts_with("gui.guide.")) continue;
      INFO(key);
      ++keys;
      CHECK(engine::tr(key, engine::Lang::fr) != key);
      CHECK(engine::tr(key, engine::Lang::en) != key);
    }
    CHECK(keys >= 15);
    for (const char* key : {"gui.guide.take", "gui.guide.all_trees", "gui.guide.escalation", "gui.guide.chart_causes"}) {
      CHECK(engine::tr(key, engine::Lang::fr) != engine::tr(key, engine::Lang::en));
    }
  }
}

TEST_CASE("a tree without a model shows no Guided toggle") {
  HeadlessApp app;
  const auto k = app.presenter->workspace().knowledge();
  const engine::Tree* plain = nullptr;
  for (const auto& t : k->trees()) {
    if (!t.model.present) plain = &t;
  }
  if (!plain) return;  // every bundled tree has a model
  app.presenter->apply(Intent{IntentKind::start_tree, plain->id});
  app.frame();
  REQUIRE(app.vm().question.active);
  CHECK_FALSE(app.vm().question.guide.available);
  CHECK(app.rects.count("guide/toggle") == 0);
}

// [SECTION] Learned priors and operator rights

TEST_CASE("guided mode uses the priors learned from closed tickets when the workspace has them") {
  HeadlessApp app;
  start_guided(app, modelled_tree);
  const GuideVm authored = app.vm().question.guide;
  REQUIRE(authored.posterior.size() >= 2);
  // The least likely named cause: 40 closed tickets confirmed it.
  std::string rare;
  for (const auto& c : authored.posterior) {
    if (!c.leaf.empty()) rare = c.leaf;
  }
  REQUIRE_FALSE(rare.empty());
  workspace::LearnedStore store;
  for (int i = 1; i <= 40; ++i) {
    const std::string number = "T-" + std::to_string(1000 + i);
    store.tickets[number] = workspace::LearnedTicket{number, "", {{modelled_tree, rare}}};
  }
  store.count();
  REQUIRE(workspace::save_learned(app.presenter->workspace(), store).empty());
  REQUIRE(workspace::learned_priors(app.presenter->workspace(), modelled_tree).size() == authored.posterior.size());

  // Off and on again: the new guided session starts from the learned priors.
  app.click("guide/toggle");
  REQUIRE_FALSE(app.vm().question.guide.on);
  app.click("guide/toggle");
  REQUIRE(app.vm().question.guide.on);
  const GuideVm& learned = app.vm().question.guide;
  MESSAGE(rare << ": authored " << bar_of(authored, rare) << ", learned " << bar_of(learned, rare));
  CHECK(bar_of(learned, rare) > bar_of(authored, rare) + 0.2);
  CHECK(learned.posterior.front().leaf == rare);
  CHECK(sum(learned.posterior) == doctest::Approx(1.0));
  const auto* g = app.presenter->guide().guided_session();
  REQUIRE(g != nullptr);
  CHECK_FALSE(g->start().learned.empty());
  CHECK(app.presenter->guide().learn_error().empty());

  SUBCASE("a bad learned file: the authored priors, and the status says why") {
    REQUIRE(std::filesystem::exists(workspace::learned_file(app.home.path)));
    {
      std::ofstream(workspace::learned_file(app.home.path)) << "schema_version = = 1\n";
    }
    app.click("guide/toggle");
    app.click("guide/toggle");
    REQUIRE(app.vm().question.guide.on);
    CHECK(bar_of(app.vm().question.guide, rare) == doctest::Approx(bar_of(authored, rare)));
    CHECK(app.presenter->guide().learn_error().find("learned_priors.toml:1:") != std::string::npos);
  }
}

TEST_CASE("the N2 rights toggle: a step needing N2 is an escalation for N1 and not for N2") {
  HeadlessApp app;
  start_guided(app, "net.voip_problem");  // q_sip_alg: cost rights = "n2"
  REQUIRE(app.rects.count("guide/n2") == 1);
  CHECK_FALSE(app.vm().question.guide.n2);
  const auto escalation = [&](const std::string& id) {
    const auto* g = app.presenter->guide().guided_session();
    REQUIRE(g != nullptr);
    const auto o = g->option(id);
    REQUIRE(o.has_value());
    // Where the step is among the ranked ones shown, the panel marks it the same way.
    for (const auto& s : app.vm().question.guide.steps) {
      if (s.id == id) CHECK(s.escalation == o->rank.escalation);
    }
    return o->rank.escalation;
  };
  CHECK(escalation("q_sip_alg"));
  // An answer first: the rights change keeps it (the session is replayed).
  app.presenter->apply(Intent{IntentKind::answer, {}, {}, 1});
  app.frame();
  const std::string answered = app.presenter->guide().guided_session()->acts().at(0).step;

  app.click("guide/n2");
  app.frame();
  CHECK(app.vm().question.guide.n2);
  CHECK(app.presenter->guide().operator_n2());
  CHECK(app.presenter->guide().guided_session()->start().operator_n2);
  REQUIRE(app.presenter->guide().guided_session()->acts().size() == 1);
  CHECK(app.presenter->guide().guided_session()->acts()[0].step == answered);
  if (answered != "q_sip_alg") CHECK_FALSE(escalation("q_sip_alg"));
  for (const auto& s : app.vm().question.guide.steps) CHECK_FALSE(s.escalation);

  // Back to N1, and a new guided session keeps the operator's choice.
  app.click("guide/n2");
  app.frame();
  CHECK_FALSE(app.vm().question.guide.n2);
  if (answered != "q_sip_alg") CHECK(escalation("q_sip_alg"));
  app.click("guide/n2");
  app.click("guide/toggle");
  app.click("guide/toggle");
  REQUIRE(app.vm().question.guide.on);
  CHECK(app.presenter->guide().guided_session()->start().operator_n2);
  CHECK(app.presenter->guide().guided_session()->acts().empty());
}
