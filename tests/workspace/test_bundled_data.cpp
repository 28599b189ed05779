// The bundled knowledge base: loads clean, lints clean, every conclusion reachable.
#include "bundled.hpp"

#include <diagdesk/engine/walk.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <doctest/doctest.h>

#include <set>

using namespace diagdesk;

using test::bundled;

TEST_CASE("every bundled file loads with zero diagnostics") {
  for (const auto& d : bundled().diagnostics()) MESSAGE(engine::format(d));
  CHECK(bundled().diagnostics().empty());
}

TEST_CASE("the linter is clean on the bundled data, links included") {
  const auto findings = bundled().lint({});
  for (const auto& d : findings) MESSAGE(engine::format(d));
  CHECK(findings.empty());
}

TEST_CASE("every bundled tree can be walked to each of its conclusions") {
  const auto& ws = bundled();
  std::size_t conclusions = 0;
  for (const auto& t : ws.knowledge()->trees()) {
    CAPTURE(t.id);
    const auto walk = engine::walk_tree(ws.knowledge(), t.id);
    for (const auto& u : walk.unreached) MESSAGE("unreached conclusion: " << u);
    for (const auto& [error, answers] : walk.errors) MESSAGE("error step: " << error);
    CHECK(walk.unreached.empty());
    CHECK(walk.errors.empty());
    conclusions += walk.reached.size();
  }
  MESSAGE("conclusions reached: " << conclusions);
  CHECK(conclusions > 0);
}

TEST_CASE("the bundled trees cover every competency and every domain") {
  std::set<int> competencies;
  std::set<std::string> domains;
  for (const auto& t : bundled().knowledge()->trees()) {
    competencies.insert(t.competency);
    domains.insert(t.domain);
  }
  CHECK(bundled().knowledge()->trees().size() >= 40);
  CHECK(competencies.size() == 11);
  CHECK(domains.size() == engine::known_domains().size());
}
