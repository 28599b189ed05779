// "Don't know" on the bundled knowledge: answering it to every step ends every tree.
#include "bundled.hpp"

#include <diagdesk/engine/session.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace diagdesk;

using test::bundled;

namespace {

/// Answers "don't know" to every question, test and typed value until the
/// session ends. Returns the number of answers given and the allowed bound:
/// the node count of the start tree plus that of every tree jumped into.
struct AllUnknown {
  std::size_t steps = 0;
  std::size_t bound = 0;
  engine::StepKind end = engine::StepKind::question;
  std::string where;
  std::string error;
};

AllUnknown answer_dont_know_everywhere(const engine::Knowledge& k, engine::Session& s) {
  AllUnknown out;
  std::set<std::string> entered;
  auto enter = [&](const std::string& tree) {
    if (!entered.insert(tree).second) return;
    if (const engine::Tree* t = k.find_tree(tree)) out.bound += t->nodes.size();
  };
  enter(s.start_tree());
  // A hard stop far above any bound, so a loop fails the test instead of hanging it.
  constexpr std::size_t hard_stop = 2000;
  while (out.steps < hard_stop) {
    const engine::Step& step = s.step();
    enter(step.tree);
    for (const auto& p : s.path()) enter(p.tree);
    if (step.kind == engine::StepKind::conclusion || step.kind == engine::StepKind::error) break;
    if (s.dont_know() != engine::AnswerError::none) {
      out.error = "don't know refused at " + step.tree + ":" + step.node;
      break;
    }
    ++out.steps;
  }
  out.end = s.step().kind;
  out.where = s.step().tree + ":" + s.step().node;
  if (s.step().kind == engine::StepKind::error) out.error = s.step().error;
  return out;
}

}  // namespace

TEST_CASE("answering don't know to every step ends every bundled tree within its node count") {
  const auto& ws = bundled();
  const auto k = ws.knowledge();
  REQUIRE(k->trees().size() > 0);
  std::size_t assumed = 0, most_steps = 0;
  std::map<engine::UnknownMove, std::size_t> moves;
  for (const auto& t : k->trees()) {
    CAPTURE(t.id);
    engine::Session s(k, t.id, {}, engine::Lang::en);
    const AllUnknown run = answer_dont_know_everywhere(*k, s);
    CAPTURE(run.where);
    CAPTURE(run.error);
    CHECK(run.error.empty());
    CHECK(run.end == engine::StepKind::conclusion);
    CHECK(run.steps <= run.bound);
    if (s.concluded() && !s.step().assumptions.empty()) ++assumed;
    // Every "don't know" is on the path and the conclusion lists it.
    std::size_t unknown = 0;
    for (const auto& e : s.path()) {
      if (e.kind != engine::PathEntry::Kind::dont_know) continue;
      ++unknown;
      ++moves[e.move];
    }
    most_steps = std::max(most_steps, run.steps);
    CHECK(unknown == run.steps);
    if (s.concluded()) CHECK(s.step().unknowns.size() == run.steps);
  }
  MESSAGE("bundled trees concluded on an assumption: " << assumed << " of " << k->trees().size() << ", moves: "
                                                        << moves[engine::UnknownMove::branch] << " branch, "
                                                        << moves[engine::UnknownMove::skip] << " skip, "
                                                        << moves[engine::UnknownMove::assume] << " assume, longest run "
                                                        << most_steps << " steps");
}

TEST_CASE("an all don't know session on every bundled tree replays to the same place") {
  const auto& ws = bundled();
  const auto k = ws.knowledge();
  for (const auto& t : k->trees()) {
    CAPTURE(t.id);
    engine::Session s(k, t.id, {}, engine::Lang::fr);
    answer_dont_know_everywhere(*k, s);
    std::string error;
    auto again = engine::Session::replay(k, t.id, {}, s.answers(), {}, engine::Lang::fr, &error);
    CAPTURE(error);
    REQUIRE(again.has_value());
    CHECK(again->step().tree == s.step().tree);
    CHECK(again->step().node == s.step().node);
    CHECK(again->path().size() == s.path().size());
    CHECK(again->step().assumptions == s.step().assumptions);
  }
}
