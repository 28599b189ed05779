// End-to-end: the efficiency against the optimum in diagdesk train's debrief (FR and
// EN) and --json, and in the recorded progress, on the modelled tree t.eff of
// tests/engine/efficiency_fixture.hpp (expert 6 min, optimum 1 min for the fault).
#include "efficiency_fixture.hpp"
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using test::diagdesk;

namespace {

struct EffKb {
  test::TempDir kb;
  test::TempDir home;
  std::string data;
  EffKb() {
    test::write_mini_kb_with_articles(kb);
    kb.write("trees/network/t.eff.toml", test::eff_tree);
    kb.write("scenarios/s.eff.toml", test::eff_scenario);
    data = "--data " + test::quote(kb.path().string()) + " ";
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string like_expert = "tree=t.eff,=,=,impact=low,urgency=low,verify,document";

}  // namespace

TEST_CASE("the train debrief shows the minutes against the optimal sequence, in English and French") {
  EffKb f;
  auto r = diagdesk(f.home, f.data + "train s.eff --no-record --actions " + test::quote(like_expert));
  REQUIRE_MESSAGE(r.rc == 0, std::string(r.err));
  CHECK(has(r.out, "Against the optimum\n  Your steps: 6 min; the optimum for this fault: 1 min: "
                   "Is the trouble on this desk or on the network? (1 min) (efficiency 16%)."));
  CHECK(has(r.out, "Score: 100/100"));  // the tree's own path keeps the efficiency points
  r = diagdesk(f.home, f.data + "--lang fr train s.eff --no-record --actions " + test::quote(like_expert));
  REQUIRE_MESSAGE(r.rc == 0, std::string(r.err));
  CHECK(has(r.out, "Face à l'optimum\n  Vos étapes : 6 min ; l'optimum pour cette panne : 1 min : "
                   "Le souci est-il sur ce poste ou sur le réseau ? (1 min) (efficacité 16 %)."));
}

TEST_CASE("train --json gives the figure, the optimal sequence and the debrief line, and the progress keeps it") {
  EffKb f;
  const std::string detour = "t.eff:a_ping,t.eff:q_where,t.eff:a_retry,diagnosis=t.eff:c_app,impact=low,urgency=low,verify,document";
  auto r = diagdesk(f.home, f.data + "train s.eff --mode free --trainee marie --json --actions " + test::quote(detour));
  REQUIRE_MESSAGE(r.rc == 0, std::string(r.err));
  const auto j = nlohmann::json::parse(r.out);
  const auto& o = j["score"]["efficiency"]["optimum"];
  REQUIRE(o.is_object());
  CHECK(o["minutes"].get<double>() == doctest::Approx(1));
  CHECK(o["trainee_minutes"].get<double>() == doctest::Approx(8));
  CHECK(o["expert_minutes"].get<double>() == doctest::Approx(6));
  CHECK(o["percent"].get<int>() == 12);
  CHECK(o["points_percent"].get<int>() == 75);
  CHECK(o["exact"].get<bool>());
  REQUIRE(o["sequence"].size() == 1);
  CHECK(o["sequence"][0]["node"] == "q_where");
  CHECK(o["sequence"][0]["answer"] == "This desk");
  CHECK(j["score"]["efficiency"]["points"].get<int>() == 11);  // 15 x 75 / 100
  CHECK(has(j["debrief"]["efficiency"].get<std::string>(), "Your steps: 8 min; the optimum for this fault: 1 min"));
  CHECK(j["recorded"] == true);  // with the figure: tests/workspace/test_training_progress_optimum.cpp reads it back
}

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

}  // namespace

TEST_CASE("a scenario whose tree has no model has a null figure and the debrief says why") {
  EffKb f;
  // The same tree without its [model] section, and the same scenario on it.
  f.kb.write("trees/network/t.plain.toml",
             replace_all(replace_all(test::eff_tree, "[model]\nother = 0.05\n", ""), "t.eff", "t.plain"));
  f.kb.write("scenarios/s.plain.toml", replace_all(replace_all(test::eff_scenario, "t.eff", "t.plain"), "s.eff", "s.plain"));
  auto r = diagdesk(f.home, f.data + "train s.plain --no-record --json --actions " +
                                test::quote(replace_all(like_expert, "t.eff", "t.plain")));
  REQUIRE_MESSAGE(r.rc == 0, std::string(r.err));
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["score"]["efficiency"]["optimum"].is_null());
  CHECK(has(j["debrief"]["efficiency"].get<std::string>(), "No cost model for this scenario's tree"));
  r = diagdesk(f.home, f.data + "--lang fr train s.plain --no-record --actions " +
                           test::quote(replace_all(like_expert, "t.eff", "t.plain")));
  CHECK(has(r.out, "Face à l'optimum\n  Pas de modèle de coûts pour l'arbre de ce scénario"));
}
