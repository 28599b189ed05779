// Loading and linting the cost and probability model keys of a tree.
#include "fixture.hpp"
#include "guide_fixture.hpp"

#include <diagdesk/engine/knowledge_cache.hpp>
#include <diagdesk/engine/lint.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::engine;

namespace {

struct Checked {
  LoadResult loaded;
  std::vector<Diagnostic> all;
};

Checked check_model(const std::string& tree) {
  test::TempDir dir;
  dir.write("facts/guide.toml", test::guide_facts);
  dir.write("trees/network/t.guide.toml", tree);
  Checked c{load_knowledge({dir.path()}), {}};
  c.all = c.loaded.diagnostics;
  const std::vector<std::string> topics{"x.y"};
  lint(*c.loaded.knowledge, c.all, &topics);
  return c;
}

std::vector<std::string> codes(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.code);
  return out;
}

bool has(const std::vector<Diagnostic>& ds, const std::string& code) {
  return std::any_of(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code; });
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a tree with a model loads its priors, costs and repairs with no warning") {
  auto c = check_model(test::guide_tree);
  CHECK(codes(c.all).empty());
  const Tree* t = c.loaded.knowledge->find_tree("t.guide");
  REQUIRE(t);
  CHECK(t->model.present);
  CHECK(t->model.other == doctest::Approx(0.05));
  REQUIRE(t->model.repairs.size() == 1);
  CHECK(t->model.repairs[0].cost.minutes == doctest::Approx(4));
  CHECK(t->model.repairs[0].fixes.size() == 2);
  CHECK(t->find("c_isp")->prior.value_or(0) == doctest::Approx(0.30));
  REQUIRE(t->find("c_power")->prior_when.size() == 1);
  CHECK(t->find("c_power")->prior_when[0].prior == doctest::Approx(0.40));
  CHECK(t->find("a_cable")->cost.needs_n2);
  CHECK(t->find("a_sync")->cost.minutes == doctest::Approx(2));
  CHECK(!t->find("q_lights")->cost.needs_n2);
}

TEST_CASE("the model survives the binary knowledge cache") {
  test::TempDir dir;
  dir.write("facts/guide.toml", test::guide_facts);
  dir.write("trees/network/t.guide.toml", test::guide_tree);
  CacheUse use{};
  (void)load_knowledge_cached({dir.path()}, dir.path() / "cache.bin", &use);
  CHECK(use == CacheUse::miss);
  auto again = load_knowledge_cached({dir.path()}, dir.path() / "cache.bin", &use);
  CHECK(use == CacheUse::hit);
  const Tree* t = again.knowledge->find_tree("t.guide");
  REQUIRE(t);
  CHECK(t->model.present);
  CHECK(t->model.repairs.at(0).fixes.at(0).second == doctest::Approx(0.9));
  CHECK(t->find("c_power")->prior_when.at(0).facts.at(0).second == "laptop");
  CHECK(t->find("a_cable")->cost.needs_n2);
}

TEST_CASE("the linter checks the model's numbers and names") {
  SUBCASE("priors that do not sum to 1") {
    auto c = check_model(replaced(test::guide_tree, "prior = 0.30", "prior = 0.50"));
    CHECK(has(c.all, "model.prior_sum"));
  }
  SUBCASE("a prior outside (0, 1]") {
    auto c = check_model(replaced(test::guide_tree, "prior = 0.05", "prior = 0"));
    CHECK(has(c.all, "model.prior"));
  }
  SUBCASE("minutes not above 0") {
    auto c = check_model(replaced(test::guide_tree, "cost = { minutes = 2 }", "cost = { minutes = -1 }"));
    CHECK(has(c.all, "model.cost"));
  }
  SUBCASE("rights other than n1 or n2, with the position") {
    auto c = check_model(replaced(test::guide_tree, "rights = \"n2\"", "rights = \"admin\""));
    auto it = std::find_if(c.all.begin(), c.all.end(), [](const Diagnostic& d) { return d.code == "model.rights"; });
    REQUIRE(it != c.all.end());
    CHECK(it->pos.line > 1);
    CHECK(it->pos.file.find("t.guide.toml") != std::string::npos);
  }
  SUBCASE("a repair fixing a leaf that does not exist or with p out of range") {
    auto c = check_model(replaced(test::guide_tree, "c_isp = 0.2", "c_nope = 0.2, c_cable = 1.5"));
    CHECK(std::count_if(c.all.begin(), c.all.end(), [](const Diagnostic& d) { return d.code == "model.fixes"; }) == 1);
    CHECK(has(c.all, "model.prior"));
  }
  SUBCASE("a leaf without prior is a warning") {
    auto c = check_model(replaced(test::guide_tree, "prior = 0.05\n", ""));
    CHECK(has(c.all, "model.no_prior"));
    CHECK(count_errors(c.all) == 0);
  }
  SUBCASE("a prior_when naming an undeclared fact") {
    auto c = check_model(replaced(test::guide_tree, "device_type = \"laptop\"", "colour = \"red\""));
    CHECK(has(c.all, "fact.undeclared"));
  }
  SUBCASE("model keys on a tree without [model] are ignored with a warning") {
    auto c = check_model(replaced(test::guide_tree, "[model]\nother = 0.05\n\n[[model.repairs]]", "[[unused]]"));
    CHECK(has(c.all, "model.absent"));
  }
  SUBCASE("an unknown key in a cost is a warning") {
    auto c = check_model(replaced(test::guide_tree, "cost = { minutes = 1 }", "cost = { minutes = 1, price = 3 }"));
    CHECK(has(c.all, "key.unknown"));
  }
}
