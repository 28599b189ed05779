// Cost-aware guidance on the hand-computable model of guide_fixture.hpp.
#include "fixture.hpp"
#include "guide_fixture.hpp"

#include <diagdesk/engine/guide.hpp>
#include <diagdesk/engine/knowledge.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::engine;

namespace {

struct Loaded {
  LoadResult loaded;
  const Tree* tree = nullptr;
};

Loaded load_guide() {
  test::TempDir dir;
  dir.write("facts/guide.toml", test::guide_facts);
  dir.write("trees/network/t.guide.toml", test::guide_tree);
  Loaded l{load_knowledge({dir.path()}), nullptr};
  l.tree = l.loaded.knowledge->find_tree("t.guide");
  REQUIRE(l.tree);
  return l;
}

double p_of(const GuideModel& m, const Belief& b, const char* leaf) { return b.posterior()[m.cause_index(leaf)]; }

}  // namespace

TEST_CASE("the model of a tree: causes with priors, tests with the outcome of each cause") {
  auto l = load_guide();
  const GuideModel m = build_guide_model(*l.tree);
  REQUIRE(m.causes.size() == 6);  // five leaves + other
  CHECK(m.causes.back().leaf.empty());
  CHECK(m.causes[m.cause_index("c_isp")].prior == doctest::Approx(0.30));
  REQUIRE(m.tests.size() == 3);
  const int sync = m.test_index("a_sync");
  CHECK(m.tests[sync].outcome[m.cause_index("c_isp")] == std::vector<int>{0});
  CHECK(m.tests[sync].outcome[m.cause_index("c_power")].empty());  // not on its path
  CHECK(m.tests[m.test_index("a_cable")].needs_n2);
}

TEST_CASE("prior_when with a known fact replaces the prior and the model renormalises") {
  auto l = load_guide();
  FactMap facts;
  facts["device_type"] = FactValue{"laptop", FactSource::start, ""};
  const GuideModel m = build_guide_model(*l.tree, facts);
  // c_power 0.40 instead of 0.20: total 1.20, so 0.40 / 1.20 and 0.30 / 1.20.
  CHECK(m.causes[m.cause_index("c_power")].prior == doctest::Approx(0.40 / 1.20));
  CHECK(m.causes[m.cause_index("c_isp")].prior == doctest::Approx(0.30 / 1.20));
}

TEST_CASE("posterior after each answer, checked against Bayes' rule by hand") {
  auto l = load_guide();
  const GuideModel m = build_guide_model(*l.tree);
  Belief b = observe(m, prior_belief(m), m.test_index("q_lights"), 1);  // red
  // Likelihood of "red": c_isp 1, c_box 1, other 1/3 (uniform over off, red, ok), the rest 0.
  // Weights 0.30, 0.25, 0.05 / 3 = 0.016667; total 0.566667.
  const double total = 0.30 + 0.25 + 0.05 / 3;
  CHECK(p_of(m, b, "c_isp") == doctest::Approx(0.30 / total));   // 0.5294
  CHECK(p_of(m, b, "c_box") == doctest::Approx(0.25 / total));   // 0.4412
  CHECK(p_of(m, b, "c_power") == doctest::Approx(0.0));
  CHECK(b.posterior().back() == doctest::Approx((0.05 / 3) / total));
  b = observe(m, b, m.test_index("a_sync"), 0);  // no sync
  // c_isp 0.30 * 1, c_box 0, other 0.016667 * 1/2 = 0.008333; total 0.308333.
  CHECK(p_of(m, b, "c_isp") == doctest::Approx(0.30 / (0.30 + 0.05 / 6)));  // 0.973
  CHECK(settled(m, b));
}

TEST_CASE("the ranking: the test that splits the likeliest causes first, with its reason in both languages") {
  auto l = load_guide();
  const GuideModel m = build_guide_model(*l.tree);
  auto steps = rank_steps(m, prior_belief(m), false);
  REQUIRE(steps.size() >= 3);
  CHECK(steps[0].kind == GuideStepKind::test);
  CHECK(steps[0].id == "q_lights");
  CHECK(steps[0].reason.en.find("1 min") != std::string::npos);
  CHECK(steps[0].reason.fr.find("1 min") != std::string::npos);
  // After "lights normal", only a_cable helps: it has warnings and needs n2 rights.
  const Belief ok = observe(m, prior_belief(m), m.test_index("q_lights"), 2);
  auto next = rank_steps(m, ok, false);
  REQUIRE(!next.empty());
  CHECK(next[0].id == "a_cable");
  CHECK(next[0].warn_first);
  CHECK(next[0].escalation);
  CHECK(next[0].reason.en.find("Read its warnings first") != std::string::npos);
  // Posterior: cable 0.15, config 0.05, other 0.05 / 3; total 0.21667: 69 % and 23 %.
  CHECK(next[0].reason.en.find("separates the two likeliest causes: Cable (69 %) and Configuration (23 %)") != std::string::npos);
  CHECK(!rank_steps(m, ok, true)[0].escalation);
}

TEST_CASE("the reasons' figures: a decimal point in English, a decimal comma in French") {
  CHECK(decimal_text(1.5, Lang::en) == "1.5");
  CHECK(decimal_text(1.5, Lang::fr) == "1,5");
  CHECK(decimal_text(2.0, Lang::fr) == "2");
  CHECK(decimal_text(2.34, Lang::fr) == "2,3");
  auto l = load_guide();
  GuideModel m = build_guide_model(*l.tree);
  m.tests[m.test_index("q_lights")].minutes = 1.5;
  const auto steps = rank_steps(m, prior_belief(m), false);
  const auto lights = std::find_if(steps.begin(), steps.end(), [](const GuideStep& s) { return s.id == "q_lights"; });
  REQUIRE(lights != steps.end());
  CHECK(lights->reason.en.find(": 1.5 min") != std::string::npos);
  CHECK(lights->reason.fr.find(" : 1,5 min") != std::string::npos);
  CHECK(lights->reason.fr.find("1.5") == std::string::npos);
}

TEST_CASE("repairs are ordered by probability over cost, and a likely one goes first") {
  auto l = load_guide();
  GuideModel m = build_guide_model(*l.tree);
  GuideRepair cheap;  // 2 min, fixes c_box with 0.4: p = 0.25 * 0.4 = 0.10, p/c = 0.05
  cheap.id = "r_cheap";
  cheap.minutes = 2;
  cheap.fixes.assign(m.causes.size(), 0.0);
  cheap.fixes[m.cause_index("c_box")] = 0.4;
  m.repairs.push_back(cheap);
  // r_restart: p = 0.25 * 0.9 + 0.30 * 0.2 = 0.285, p/c = 0.285 / 4 = 0.07125: before r_cheap.
  auto steps = rank_steps(m, prior_belief(m));
  std::vector<std::string> repairs;
  for (const auto& s : steps) {
    if (s.kind == GuideStepKind::repair) repairs.push_back(s.id);
  }
  CHECK(repairs == std::vector<std::string>{"r_restart", "r_cheap"});
  CHECK(steps[0].kind == GuideStepKind::test);  // p < 0.5: the tests come first
  // After "red": p(r_restart) = 0.4412 * 0.9 + 0.5294 * 0.2 = 0.503: it is proposed first.
  auto red = rank_steps(m, observe(m, prior_belief(m), m.test_index("q_lights"), 1));
  CHECK(red[0].id == "r_restart");
  CHECK(red[0].success == doctest::Approx((0.25 * 0.9 + 0.30 * 0.2) / (0.30 + 0.25 + 0.05 / 3)));
}

TEST_CASE("simulate: authored, guided and the optimum on a model enumerated by hand") {
  auto l = load_guide();
  const GuideModel m = build_guide_model(*l.tree);
  // Authored: q_lights (1) always; red -> a_sync (2); ok -> a_cable (3); off ends.
  // Per cause: power 1, isp 3, box 3, cable 4, config 4, other 1 + 2/3 + 3/3 = 2.6667.
  // Expected: .2*1 + .3*3 + .25*3 + .15*4 + .05*4 + .05*2.6667 = 2.78333.
  const double authored = 0.2 * 1 + 0.3 * 3 + 0.25 * 3 + 0.15 * 4 + 0.05 * 4 + 0.05 * (1 + 2.0 / 3 + 1);
  const PolicyFigures a = simulate_authored(*l.tree, m);
  CHECK(a.minutes == doctest::Approx(authored));
  CHECK(a.cause_minutes[m.cause_index("c_cable")] == doctest::Approx(4));
  // Optimum by hand: starting with a_sync (2 min) leaves power, isp, cable, config
  // alive on "no sync" and still needs q_lights; starting with a_cable costs 3 for
  // everyone. q_lights first, then the one test left in each branch, is optimal.
  const PolicyFigures o = simulate_optimum(m);
  CHECK(o.exact);
  CHECK(o.minutes == doctest::Approx(authored));
  const PolicyFigures g = simulate_guided(m);
  CHECK(g.minutes == doctest::Approx(authored));
  CHECK(g.steps == doctest::Approx(a.steps));
}

TEST_CASE("learned priors change the guided order and the expected cost") {
  auto l = load_guide();
  const GuideModel authored = build_guide_model(*l.tree);
  // A history where the box dominates: restarting it (p = 0.9 * 0.9 + ...) comes first.
  const GuideModel box = build_guide_model(*l.tree, {}, {{"c_box", 0.9}, {"c_power", 0.02}, {"c_isp", 0.03},
                                                         {"c_cable", 0.02}, {"c_config", 0.02}, {"other", 0.01}});
  CHECK(rank_steps(authored, prior_belief(authored))[0].id == "q_lights");
  CHECK(rank_steps(box, prior_belief(box))[0].id == "r_restart");
  // A history where the power cause (diagnosed by the first question) dominates:
  // the expected cost falls from 2.78 to 0.9 * 1 + the rest.
  const GuideModel power = build_guide_model(*l.tree, {}, {{"c_power", 0.9}, {"c_box", 0.02}, {"c_isp", 0.03},
                                                           {"c_cable", 0.02}, {"c_config", 0.02}, {"other", 0.01}});
  const double expected = 0.9 * 1 + 0.02 * 3 + 0.03 * 3 + 0.02 * 4 + 0.02 * 4 + 0.01 * (1 + 2.0 / 3 + 1);
  CHECK(simulate_guided(power).minutes == doctest::Approx(expected));
  CHECK(simulate_guided(power).minutes < simulate_guided(authored).minutes);
}
