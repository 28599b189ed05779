#pragma once
/// Training's efficiency against the optimum (issue 16, docs/training.md
/// "Efficiency against the optimum"): the optimal sequence of steps for a
/// scenario's hidden fault, in the trees' model minutes, and the trainee's
/// steps in the same minutes. Score::optimum holds the figure of one play.
///
///     ExpertPath e = play_expert(knowledge, scenario, set);
///     std::optional<OptimumPlan> plan = plan_optimum(*knowledge, scenario, e);
///     if (plan) for (const OptimumStep& s : plan->sequence) ...  // s.text, s.minutes

#include <diagdesk/engine/training_sim.hpp>

#include <optional>
#include <string>
#include <vector>

namespace diagdesk::engine {

/// One step of the optimal sequence for a scenario's hidden fault.
struct OptimumStep {
  std::string tree;
  std::string node;
  LText text;                ///< the question or test
  double minutes = 0;        ///< the model's minutes (a node without cost: its kind's default)
  LText answer;              ///< what the hidden fault answers there
  bool from_expert = false;  ///< a tree without a model: the expert's own step stands in
};

/// The optimal policy (guide.hpp OptimalPolicy) of each tree the expert path goes
/// through (the scenario's tree first, then the trees it jumps to), followed with the
/// answers the hidden fault gives (the simulator's replies, else the fault's own
/// outcome in the model) until the model has singled the fault out. Questions the
/// expert's session skipped because their fact was known on entering a tree are known
/// to the optimum too. A tree without a model contributes the expert's own steps.
struct OptimumPlan {
  std::vector<OptimumStep> sequence;
  double minutes = 0;         ///< sum of the sequence's minutes
  double expert_minutes = 0;  ///< the expert path's steps in minutes
  bool exact = true;          ///< false: a search limit was hit, the guided order stands in (a bound)
};

/// The trainee's steps in minutes against the plan.
struct OptimumFigure {
  OptimumPlan plan;
  double trainee_minutes = 0;  ///< the trainee's questions, tests and swaps, in minutes
  int percent = 0;             ///< 100 * optimum / trainee minutes, rounded down, capped at 100 (100 when 0 spent)
  int points_percent = 0;      ///< the same against the longer of the optimum and the expert path: the points follow it
};

/// Minutes of a question or action: its `cost` minutes, else 1 (question) or 3 (action).
double step_minutes(const Node& node);

/// The plan for `scenario`; nullopt when its tree has no [model] or the expert path is
/// stuck. Runs the optimum search of each modelled tree on the path (about a second for
/// the largest bundled tree, where the search limit is hit and the plan is a bound).
std::optional<OptimumPlan> plan_optimum(const Knowledge& knowledge, const Scenario& scenario, const ExpertPath& expert);

}  // namespace diagdesk::engine
