// diagdesk simulate through the real program, on the hand-computed model of
// tests/engine/guide_fixture.hpp (expected cost 2.78333 min, see test_guide.cpp).
#include "run.hpp"

#include "../engine/guide_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

TEST_CASE("simulate --json gives the three policies with their numbers, and bad usage exits 2") {
  test::TempDir home;
  home.write("kb/facts/guide.toml", test::guide_facts);
  home.write("kb/trees/network/t.guide.toml", test::guide_tree);
  const std::string data = "--data " + test::quote((home.path() / "kb").string()) + " ";
  auto r = test::diagdesk(home, data + "simulate t.guide --json");
  REQUIRE(r.rc == 0);
  const auto j = nlohmann::json::parse(r.out);
  const double authored = 0.2 * 1 + 0.3 * 3 + 0.25 * 3 + 0.15 * 4 + 0.05 * 4 + 0.05 * (1 + 2.0 / 3 + 1);
  CHECK(j["authored"]["minutes"].get<double>() == doctest::Approx(authored));
  CHECK(j["optimum"]["exact"].get<bool>());
  CHECK(j["guided"]["gap_to_optimum"].get<double>() == doctest::Approx(0.0));
  CHECK(j["slowest_causes"].size() == 3);
  auto all = test::diagdesk(home, data + "simulate --all --json");
  REQUIRE(all.rc == 0);
  CHECK(nlohmann::json::parse(all.out)["count"].get<int>() == 1);
  auto human = test::diagdesk(home, data + "--lang fr simulate t.guide");
  CHECK(human.rc == 0);
  CHECK(human.out.find("ordre de l'arbre") != std::string::npos);
  CHECK(test::diagdesk(home, data + "simulate nope").rc == 2);
  CHECK(test::diagdesk(home, data + "simulate").rc == 2);
}
