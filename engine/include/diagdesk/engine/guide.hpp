#pragma once
/// Cost-aware guidance (issue 16, docs/guidance.md): a tree's causes and tests
/// as a probability model, the posterior after answers, the ranking of next
/// steps with their reasons, and the expected cost of whole policies.
///
///   GuideModel m = build_guide_model(tree, session_facts);
///   Belief b = prior_belief(m);
///   b = observe(m, b, test_index, choice_index);
///   std::vector<GuideStep> steps = rank_steps(m, b, /*operator_n2=*/false);
///   // steps[0] is the best step; steps[0].reason(lang) says why.

#include <diagdesk/engine/facts.hpp>
#include <diagdesk/engine/tree.hpp>

#include <memory>
#include <string>
#include <vector>

namespace diagdesk::engine {

/// One cause: a leaf of the tree (conclusion or jump), or "other" (leaf empty, last).
struct GuideCause {
  std::string leaf;
  LText name;          ///< the diagnosis, or "continue in <tree>" for a jump
  double prior = 0;    ///< after prior_when and renormalisation
};

/// One test: a question or action node. `outcome[c]` holds, for cause c, the
/// choices its paths take at this test; empty means the test is not on the
/// cause's paths (every forward choice equally likely for it).
struct GuideTest {
  std::string node;
  LText text;
  double minutes = 1;
  bool needs_n2 = false;
  bool on_site = false;
  bool has_warnings = false;
  std::vector<LText> choices;
  std::vector<std::vector<int>> outcome;  ///< per cause
  std::vector<int> forward;               ///< choices on some path to a leaf (loops back excluded)
  bool first = false;                     ///< gate: comes before every step without `first`
  std::vector<int> after;                 ///< gate: tests to take before this one
  /// Implicit gate: a question every way in to which comes from an action reads
  /// that action's result ("What kind of address is it?" after "type ipconfig"):
  /// it waits until one of these actions was answered, or none can be reached.
  std::vector<int> reads;
  std::vector<std::vector<int>> next;     ///< per choice, the tests it leads to directly (through input nodes)
};

struct GuideRepair {
  std::string id;
  LText text;
  double minutes = 3;
  bool needs_n2 = false;
  std::vector<double> fixes;  ///< per cause
};

/// A tree's model. Built from the tree alone: causes = leaves + other, tests = question
/// and action nodes with choices, outcomes from every simple path from `start`.
struct GuideModel {
  std::string tree;
  std::vector<GuideCause> causes;
  std::vector<GuideTest> tests;
  std::vector<GuideRepair> repairs;
  std::vector<int> entry;   ///< the tests the start leads to directly
  bool gated = false;       ///< some test has `first`, `after` or `reads`
  int test_index(std::string_view node) const;  ///< -1 if none
  int cause_index(std::string_view leaf) const;  ///< -1 if none
};

/// Builds the model of `tree` (it need not have a [model]: defaults then apply, uniform
/// priors). `facts` selects prior_when entries (answers and rule-asserted facts).
/// `learned`, when not empty, gives priors per leaf id that replace the authored ones.
GuideModel build_guide_model(const Tree& tree, const FactMap& facts = {},
                             const std::vector<std::pair<std::string, double>>& learned = {});

/// Unnormalised weights per cause plus the answers seen, as (test, choice).
struct Belief {
  std::vector<double> weight;
  std::vector<std::pair<int, int>> answers;
  std::vector<int> unknown;  ///< tests answered "don't know": set aside, not ranked again
  std::vector<int> tried;    ///< repairs tried and reported not fixed: not ranked again
  std::vector<double> posterior() const;  ///< normalised (all zero if no weight)
};

Belief prior_belief(const GuideModel& m);
/// P(choice | cause) for the model's single-fault assumption.
double likelihood(const GuideModel& m, int test, int cause, int choice);
/// The belief after `choice` was observed at `test` (Bayes' rule).
Belief observe(const GuideModel& m, const Belief& b, int test, int choice);
/// Expected information gain (bits) of asking `test` in `b`, over the causes.
double info_gain(const GuideModel& m, const Belief& b, int test);
/// Expected cost of observation of `test` in `b`: its minutes plus the expected minutes
/// to finish the diagnosis after each answer with the greedy policy (best information
/// per minute): the one-step look-ahead the ranking and the guided policy use.
double observation_cost(const GuideModel& m, const Belief& b, int test);
/// True when at most one leaf cause keeps weight (the diagnosis is made) or no test helps.
bool settled(const GuideModel& m, const Belief& b);

/// The gate (`first`, `after` on nodes, and the implicit `reads`): the tests still to
/// take before `test` in `b`. A required test is pending while it was not answered (a
/// "don't know" leaves it pending) and it can still be reached from the start given
/// the answers so far; `reads` is released by any one of its actions answered.
std::vector<int> gate_pending(const GuideModel& m, const Belief& b, int test);
/// True when `test` can be reached from the start given the answers in `b`.
bool reachable(const GuideModel& m, const Belief& b, int test);
/// True when `test` tells nothing itself but must be taken now: a gated useful test
/// waits for it and its own gate is open.
bool gate_required(const GuideModel& m, const Belief& b, int test);

enum class GuideStepKind { test, repair };

/// One proposed step and the numbers behind it.
struct GuideStep {
  GuideStepKind kind = GuideStepKind::test;
  int index = 0;            ///< into tests or repairs
  std::string id;           ///< node id or repair id
  double minutes = 0;
  double score = 0;         ///< tests: expected cost of observation in minutes (lower first); repairs: p / c
  double info_bits = 0;     ///< tests: expected information gain
  double success = 0;       ///< repairs: probability it fixes the fault
  bool escalation = false;  ///< needs n2 rights the operator lacks
  bool warn_first = false;  ///< has warnings: show them before the step
  LText reason;             ///< in plain words, both languages
};

/// The ranked next steps (best first): tests by expected cost of observation (one-step
/// look-ahead: minutes + expected remaining cost with the greedy policy, observation_cost), repairs by p / c
/// when their p / c beats the best test's; escalations keep their place and are marked.
std::vector<GuideStep> rank_steps(const GuideModel& m, const Belief& b, bool operator_n2 = true);

/// A figure of the reasons with one decimal at most, in the language's form:
/// 1.5 -> "1.5" (en), "1,5" (fr, decimal comma); 2.0 -> "2".
std::string decimal_text(double v, Lang lang);

/// Expected cost and steps of a policy over the causes weighted by their priors.
struct PolicyFigures {
  double minutes = 0;
  double steps = 0;
  bool exact = true;          ///< false when the optimum search hit its limit (minutes is then a bound)
  std::vector<double> cause_minutes;  ///< per cause, expected minutes when it is the fault
};

PolicyFigures simulate_authored(const Tree& tree, const GuideModel& m);
PolicyFigures simulate_guided(const GuideModel& m);
/// Exact optimum by memoised search over belief states up to `state_limit` states;
/// beyond it, `exact` is false and the guided figure is given as the upper bound.
PolicyFigures simulate_optimum(const GuideModel& m, std::size_t state_limit = 200000);

/// The optimum as a policy: the test it asks next in a belief (training's efficiency
/// figure follows it with one fault's answers). The same memoised search as
/// simulate_optimum, its memo kept across calls, so following one path costs one search.
/// Holds a reference to `m`, which must outlive it.
///
///   OptimalPolicy opt(m);
///   for (Belief b = prior_belief(m); (t = opt.next(b)) >= 0;) b = observe(m, b, t, answer_of(t));
class OptimalPolicy {
 public:
  explicit OptimalPolicy(const GuideModel& m, std::size_t state_limit = 200000);
  /// The optimum's next test in `b` (whose answers were observed from the prior), or -1
  /// when at most one leaf cause is left or no test can change `b`. Once the search
  /// hits its limit, it answers with the guided policy's pick (exact() is then false).
  int next(const Belief& b);
  /// False once the search limit was hit: the picks are then the guided policy's (a bound).
  bool exact() const { return m_exact; }

 private:
  struct Memo;
  const GuideModel& m_model;
  std::size_t m_limit;
  bool m_exact = true;
  std::shared_ptr<Memo> m_memo;
};

}  // namespace diagdesk::engine
