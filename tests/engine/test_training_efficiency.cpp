// Training's efficiency against the optimum (issue 16): the optimal policy's next
// test on a model small enough to enumerate by hand, the optimal sequence for a
// scenario's hidden fault, the trainee's minutes, the percent and the points.
#include "fixture.hpp"
#include "efficiency_fixture.hpp"
#include "test_training_fixture.hpp"

#include <diagdesk/engine/guide.hpp>
#include <diagdesk/engine/training_efficiency.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::engine;

namespace {

struct EffFixture {
  test::TempDir dir;
  std::shared_ptr<const Knowledge> knowledge;
  ScenarioSet set;
  EffFixture() {
    test::write_mini_kb(dir);
    dir.write("trees/network/t.eff.toml", test::eff_tree);
    dir.write("scenarios/s.toml", test::eff_scenario);
    auto loaded = load_knowledge({dir.path()});
    REQUIRE(count_errors(loaded.diagnostics) == 0);
    knowledge = loaded.knowledge;
    set = load_scenarios({dir.path() / "scenarios"}, knowledge->facts());
    REQUIRE(set.find("s.eff"));
  }
  const Scenario& scenario() const { return *set.find("s.eff"); }
};

}  // namespace

TEST_CASE("the optimal policy's next test on a model enumerated by hand") {
  EffFixture f;
  const GuideModel m = build_guide_model(*f.knowledge->find_tree("t.eff"));
  const int where = m.test_index("q_where"), retry = m.test_index("a_retry"), ping = m.test_index("a_ping");
  // By hand, from the prior (done = at most one leaf cause left):
  //   q_where first (1 min): desk leaves app (+ other): done; net leaves link, dns: then
  //   a_ping (2). Per cause app 1, link 3, dns 3, other 1 + 2/2 = 2:
  //   .50*1 + .30*3 + .15*3 + .05*2 = 1.95 min.
  //   a_ping first (2 min): each answer leaves app with link or dns: q_where (1) after.
  //   Every cause 3 min: 3.00.
  //   a_retry first: app answers ok or still like every other cause: it tells nothing.
  OptimalPolicy opt(m);
  const Belief prior = prior_belief(m);
  CHECK(opt.next(prior) == where);
  CHECK(simulate_optimum(m).minutes == doctest::Approx(1.95));
  CHECK(opt.next(observe(m, prior, where, 0)) == -1);   // desk: the application is singled out
  CHECK(opt.next(observe(m, prior, where, 1)) == ping);  // net: ping splits link from DNS
  CHECK(opt.next(observe(m, observe(m, prior, where, 1), ping, 1)) == -1);
  CHECK(opt.exact());
  (void)retry;

  SUBCASE("a limit too small for the search falls back to the guided pick and says so") {
    OptimalPolicy small(m, 0);
    CHECK(small.next(prior) == where);  // the guided policy agrees here
    CHECK_FALSE(small.exact());
  }
}

TEST_CASE("the optimal sequence for the hidden fault, the trainee's minutes and the efficiency points") {
  EffFixture f;
  const Scenario& s = f.scenario();
  // The expert follows the tree: q_where (1) then the confirmation a_retry (5): 6 min.
  // The optimum for the application fault: q_where (1) alone.
  const ExpertPath e = play_expert(f.knowledge, s, f.set);
  REQUIRE(e.conclusion == "t.eff:c_app");
  const auto plan = plan_optimum(*f.knowledge, s, e);
  REQUIRE(plan);
  REQUIRE(plan->sequence.size() == 1);
  CHECK(plan->sequence[0].node == "q_where");
  CHECK(plan->sequence[0].minutes == doctest::Approx(1));
  CHECK(plan->sequence[0].answer.en == "This desk");
  CHECK(plan->minutes == doctest::Approx(1));
  CHECK(plan->expert_minutes == doctest::Approx(6));
  CHECK(plan->exact);

  SUBCASE("guided, like the expert: 6 min against 1, 16 %, full efficiency points") {
    TrainingRun run(f.knowledge, f.set, s, Mode::guided, Lang::en);
    test::play(run, "tree=t.eff,=,=");
    const Score sc = run.score();
    REQUIRE(sc.optimum);
    CHECK(sc.optimum->trainee_minutes == doctest::Approx(6));
    CHECK(sc.optimum->percent == 16);          // 100 * 1 / 6, rounded down
    CHECK(sc.optimum->points_percent == 100);  // the tree's own path never loses points
    CHECK(sc.p_efficiency == points_efficiency);
    const Debrief en = run.debrief(Lang::en);
    CHECK(en.efficiency ==
          "Your steps: 6 min; the optimum for this fault: 1 min: Is the trouble on this desk or on the network? (1 min) "
          "(efficiency 16%).");
    CHECK(en.optimum_steps == std::vector<std::string>{"Is the trouble on this desk or on the network? (1 min)"});
    const Debrief fr = run.debrief(Lang::fr);
    CHECK(fr.efficiency ==
          "Vos étapes : 6 min ; l'optimum pour cette panne : 1 min : Le souci est-il sur ce poste ou sur le réseau ? "
          "(1 min) (efficacité 16 %).");
  }
  SUBCASE("free, the optimum itself: 1 min, 100 %") {
    TrainingRun run(f.knowledge, f.set, s, Mode::free, Lang::en);
    test::play(run, "t.eff:q_where,diagnosis=t.eff:c_app");
    const Score sc = run.score();
    REQUIRE(sc.optimum);
    CHECK(sc.optimum->trainee_minutes == doctest::Approx(1));
    CHECK(sc.optimum->percent == 100);
    CHECK(sc.p_efficiency == points_efficiency);
  }
  SUBCASE("free, with a detour: 2 + 1 + 5 = 8 min, 12 % of the optimum, 75 % of the points reference") {
    TrainingRun run(f.knowledge, f.set, s, Mode::free, Lang::en);
    test::play(run, "t.eff:a_ping,t.eff:q_where,t.eff:a_retry,diagnosis=t.eff:c_app");
    const Score sc = run.score();
    REQUIRE(sc.optimum);
    CHECK(sc.optimum->trainee_minutes == doctest::Approx(8));
    CHECK(sc.optimum->percent == 12);         // 100 * 1 / 8 = 12.5, rounded down
    CHECK(sc.optimum->points_percent == 75);  // 100 * max(1, 6) / 8
    CHECK(sc.p_efficiency == points_efficiency * 75 / 100);  // 11
    // A step of another tree (t.net has no model) counts at its kind's default: q_link 1 min.
    TrainingRun other(f.knowledge, f.set, s, Mode::free, Lang::en);
    test::play(other, "t.net:q_link,t.eff:q_where,diagnosis=t.eff:c_app");
    CHECK(other.score().optimum->trainee_minutes == doctest::Approx(2));
  }
  SUBCASE("a wrong diagnosis keeps the figure but earns no efficiency points") {
    TrainingRun run(f.knowledge, f.set, s, Mode::free, Lang::en);
    test::play(run, "t.eff:q_where,diagnosis=t.eff:c_dns");
    const Score sc = run.score();
    REQUIRE(sc.optimum);
    CHECK(sc.optimum->percent == 100);
    CHECK(sc.p_efficiency == 0);
  }
}

TEST_CASE("a scenario whose tree has no model has no figure, says so, and scores as before") {
  test::TrainingFixture f;  // t.net has no [model]
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
  test::play(run, "tree=t.net,=,=,=");
  const Score sc = run.score();
  CHECK_FALSE(sc.optimum);
  CHECK(sc.p_efficiency == points_efficiency * sc.efficiency / 100);
  CHECK(run.debrief(Lang::en).efficiency.find("No cost model") == 0);
  CHECK(run.debrief(Lang::en).optimum_steps.empty());
  CHECK(run.debrief(Lang::fr).efficiency.find("Pas de modèle de coûts") == 0);
}

TEST_CASE("the bundled net.apipa_dhcp_down on net.no_internet, played well and played badly") {
  auto loaded = load_knowledge({std::filesystem::path(DIAGDESK_DATA_DIR)});
  const auto knowledge = loaded.knowledge;
  const ScenarioSet set = load_scenarios({std::filesystem::path(DIAGDESK_DATA_DIR) / "scenarios"}, knowledge->facts());
  const Scenario* s = set.find("net.apipa_dhcp_down");
  REQUIRE(s);
  // Played well: the tree's path, guided, as the expert does.
  TrainingRun well(knowledge, set, *s, Mode::guided, Lang::en);
  test::play(well, "tree=net.no_internet");
  for (int guard = 0; !well.diagnosed() && guard < 30; ++guard) test::play(well, "=");
  REQUIRE(well.diagnosis() == s->diagnosis);
  const Score good = well.score();
  REQUIRE(good.optimum);
  const OptimumPlan& plan = good.optimum->plan;
  REQUIRE_FALSE(plan.sequence.empty());
  CHECK(plan.minutes > 0);
  CHECK(plan.minutes <= plan.expert_minutes + 1e-9);  // no slower than the tree for this fault
  CHECK(good.optimum->trainee_minutes == doctest::Approx(plan.expert_minutes));
  CHECK(good.p_efficiency == points_efficiency);
  double sum = 0;
  for (const OptimumStep& st : plan.sequence) {
    CHECK(st.tree == "net.no_internet");
    CHECK_FALSE(st.text.en.empty());
    CHECK_FALSE(st.text.fr.empty());
    sum += st.minutes;
  }
  CHECK(sum == doctest::Approx(plan.minutes));
  CHECK(well.debrief(Lang::fr).efficiency.find("Vos étapes : ") == 0);
  MESSAGE("net.apipa_dhcp_down: expert " << plan.expert_minutes << " min, optimum " << plan.minutes << " min over "
                                         << plan.sequence.size() << " steps, exact " << plan.exact);

  // Played badly, free mode: the expert's steps plus detours before them, same diagnosis.
  TrainingRun badly(knowledge, set, *s, Mode::free, Lang::en);
  std::string tokens = "net.dns_resolution:a_flush,net.dns_resolution:a_dns_test,";
  for (const ExpertStep& e : well.expert().steps) tokens += e.tree + ":" + e.node + ",";
  test::play(badly, tokens + "diagnosis=" + s->diagnosis);
  const Score bad = badly.score();
  REQUIRE(bad.optimum);
  CHECK(bad.optimum->trainee_minutes > good.optimum->trainee_minutes);
  CHECK(bad.optimum->percent < good.optimum->percent);
  CHECK(bad.p_efficiency < good.p_efficiency);
}
