#pragma once
/// The simulator: answers any question or test of the trees from a scenario's
/// ground truth, and plays the expert path. It never improvises: a step the
/// ground truth does not determine is `undetermined`, which the scenario
/// linter reports when the expert needs it.
///
///     Simulator sim(knowledge, scenario);
///     Reply r = sim.reply("net.no_internet", "q_scope");   // choice "only_me"
///     ExpertPath e = play_expert(knowledge_ptr, scenario, set);
///     if (!e.error.empty() || e.conclusion != scenario.diagnosis) ...

#include <diagdesk/engine/session.hpp>
#include <diagdesk/engine/training.hpp>

#include <memory>
#include <string>
#include <vector>

namespace diagdesk::engine {

/// What the simulated user or machine answers at one step.
enum class ReplyKind {
  choice,        ///< one choice of the node (`choice`)
  value,         ///< a typed value for an input node (`value`)
  dont_know,     ///< the user does not know
  undetermined,  ///< the ground truth says nothing about this step
  ambiguous,     ///< several choices fit the ground truth (authoring error)
};
std::string_view reply_kind_name(ReplyKind kind);

struct Reply {
  ReplyKind kind = ReplyKind::undetermined;
  std::string choice;   ///< choice id (choice)
  std::string value;    ///< typed value (value)
  /// Why: "answers" (explicit override), "dont_know" (listed), "fact:<key>"
  /// (a choice's `set` matches the ground truth), "" when undetermined.
  std::string source;
  std::vector<std::string> candidates;  ///< matching choice ids (ambiguous)
};

/// Answers from one scenario's ground truth. Holds references: the knowledge
/// and the scenario must outlive it.
class Simulator {
 public:
  Simulator(const Knowledge& knowledge, const Scenario& scenario);

  /// The reply at `tree`:`node` (a question or action). Order: explicit
  /// `answers` override, `dont_know` list, input fact, then the one choice
  /// whose `set` fits the ground truth (all keys equal; else the one with
  /// some keys equal and none different).
  Reply reply(std::string_view tree, std::string_view node) const;

  /// The reply in words, as the trainee hears or sees it: the scenario's
  /// `replies` text when given, else the choice label or the value; "I don't
  /// know" and "nothing to observe" come from the UI strings.
  std::string say(std::string_view tree, std::string_view node, const Reply& reply, Lang lang) const;

  const Scenario& scenario() const { return m_scenario; }

 private:
  const Knowledge& m_knowledge;
  const Scenario& m_scenario;
};

/// One step of the expert path (skipped questions are not steps).
struct ExpertStep {
  std::string tree;
  std::string node;
  Reply reply;
  int cost = 0;
};

/// The expert's way through the scenario: the expert tree played with the
/// simulator's replies, from the scenario's start facts.
struct ExpertPath {
  std::vector<ExpertStep> steps;
  std::vector<std::string> trees;  ///< trees visited, in order (jumps included)
  std::string conclusion;          ///< "tree:node" reached, empty when stuck
  int cost = 0;                    ///< sum of step costs
  std::string error;               ///< why the path stopped early (one sentence)
  std::string error_ref;           ///< "tree:node" where it stopped
  /// The expert session's path (asked, skipped, jumped, concluded...): where the
  /// path leaves each tree and which questions known facts skipped (efficiency figure).
  std::vector<PathEntry> path;
};

/// Plays the expert path. Stops with `error` at a step the simulator cannot
/// answer, an ambiguous step, a "don't know" with nowhere to go, an answer
/// the tree refuses, broken data, or after 500 steps.
ExpertPath play_expert(std::shared_ptr<const Knowledge> knowledge, const Scenario& scenario,
                       const ScenarioSet& catalogue);

/// Replaces "{1}", "{2}"... in `pattern` with `args` (for localised messages).
std::string format_text(std::string pattern, const std::vector<std::string>& args);

}  // namespace diagdesk::engine
