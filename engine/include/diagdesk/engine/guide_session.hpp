#pragma once
/// A guided diagnosis (issue 16, docs/guidance.md "Guided mode"): instead of
/// walking the tree in the authored order, the operator is offered the next
/// best steps ranked by rank_steps (guide.hpp) with their reasons and the
/// posterior over the causes, and may take the best step or any other test
/// node of the tree, report a repair as done / not fixed, or say "don't know".
/// Like Session, a guided session is its list of acts: back, save and resume
/// replay it. The authored walk (session.hpp) is unchanged.
///
///     GuidedSession g(knowledge, "net.no_internet", GuidedStart{{{"os", "windows11"}}});
///     const GuidedOption* best = g.best();      // best->rank.reason.get(Lang::en) says why
///     if (!best->takeable()) g.acknowledge(best->rank.id);  // after showing best->warnings
///     g.answer(best->rank.id, "1");              // a choice id or 1-based number
///     g.answer("q_cable", "no");                 // or any other test node of the tree
///     g.dont_know("q_lights");                   // set aside, the ranking follows
///     g.back();                                  // undo the last act
///     if (g.concluded()) for (auto& l : g.how(Lang::fr)) std::cout << l.text << '\n';
///
/// Rules of the group: acts are refused (GuidedError, session unchanged) when
/// the session is concluded, the step is unknown or already taken, its
/// warnings were not acknowledged, or the gate (`first` / `after` on nodes,
/// data/README.md) says other steps must come before it.

#include <diagdesk/engine/guide.hpp>
#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/engine/session.hpp>
#include <diagdesk/engine/session_file.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace diagdesk::engine {

/// How a guided session starts.
struct GuidedStart {
  /// Facts given at start (normalised like Session's); rules run on them once.
  std::vector<std::pair<std::string, std::string>> facts;
  /// Learned priors per leaf id ("other" for the other cause) for the start tree,
  /// as build_guide_model takes them; empty: the authored priors.
  std::vector<std::pair<std::string, double>> learned;
  /// The operator holds N2 rights; without them, steps needing N2 are escalations.
  bool operator_n2 = false;
  Lang lang = Lang::en;
  /// Alternatives shown after the best step.
  std::size_t alternatives = 3;
};

/// One act of the operator, in order. `step` is a node id (tests) or a repair id.
struct GuidedAct {
  enum class Kind { choice, dont_know, repair_fixed, repair_not_fixed };
  Kind kind = Kind::choice;
  std::string tree;
  std::string step;
  std::string choice;  ///< choice id (Kind::choice)
  std::int64_t time = 0;
};
/// "choice", "dont_know", "repair_fixed", "repair_not_fixed".
std::string_view guided_act_name(GuidedAct::Kind kind);
std::optional<GuidedAct::Kind> parse_guided_act(std::string_view name);

/// One step as offered to the operator: the ranking's numbers and reasons
/// (GuideStep) with the texts in the session's language.
struct GuidedOption {
  GuideStep rank;                    ///< kind, id, minutes, score, info_bits, success, escalation, warn_first, reason
  std::string text;                  ///< the node's question / instruction, or the repair's text (placeholders filled)
  std::vector<StepChoice> choices;   ///< a test's choices; a repair: "fixed", "not_fixed"
  std::vector<Warning> warnings;     ///< shown, then acknowledged, before the step is takeable
  std::vector<Command> commands;     ///< the known OS's commands (all when unknown)
  std::vector<std::string> articles;
  bool acknowledged = false;         ///< warnings shown and acknowledged (always true without warnings)
  bool required = false;             ///< offered because a gated step must follow it (it tells nothing itself)
  /// False while warnings are not acknowledged: the step cannot be taken yet.
  bool takeable() const { return !rank.warn_first || acknowledged; }
};

/// A cause with its authored (or learned) prior and its posterior now.
struct CauseProbability {
  std::string leaf;   ///< "" for the other cause
  std::string name;   ///< diagnosis in the session's language
  double prior = 0;
  double posterior = 0;
};

/// The whole state after the last act (cheap: computed once per change).
struct GuidedState {
  std::string tree;                      ///< the tree being diagnosed (after jumps, the target)
  std::vector<GuidedOption> options;     ///< best first, then up to `alternatives` others
  std::vector<CauseProbability> causes;  ///< by decreasing posterior; sums to 1
  /// Steps the gate holds back: "node: after a, b" (node ids), for why().
  std::vector<std::pair<std::string, std::vector<std::string>>> gated;
  bool concluded = false;
  /// When concluded: the leaf with the highest posterior ("" when the other cause
  /// wins), and the conclusion step as the authored walk shows it (diagnosis,
  /// remedy, outcome, warnings, articles; kind conclusion).
  std::string leaf;
  double confidence = 0;  ///< that leaf's posterior
  /// True when at most one cause of the tree is left (or a repair fixed it); false when
  /// the steps left tell nothing or wait on a gate step answered "don't know".
  bool certain = false;
  Step conclusion;
  std::string error;      ///< unknown tree, broken jump: the session cannot go on
};

/// Result of an act on a live guided session.
enum class GuidedError {
  none,
  unknown_step,      ///< no test node or repair of the current tree has this id
  not_a_choice,      ///< the answer matches no choice id or number of the step
  warnings_first,    ///< the step's warnings were not acknowledged (acknowledge())
  gated,             ///< steps that must come first were not taken
  already_taken,     ///< the step was answered (or tried) already
  concluded,         ///< the session is concluded (or broken)
  nothing_to_undo,
};
std::string_view guided_error_name(GuidedError error);

class GuidedSession {
 public:
  /// Starts on `tree_id`. An unknown tree yields a session whose state has `error` set.
  GuidedSession(std::shared_ptr<const Knowledge> knowledge, std::string tree_id, GuidedStart start = {});

  // [State] -----------------------------------------------------------------------
  const GuidedState& state() const { return m_state; }
  bool concluded() const { return m_state.concluded; }
  /// The best step, or nullptr when concluded.
  const GuidedOption* best() const { return m_state.options.empty() ? nullptr : &m_state.options.front(); }
  /// Any test node or repair of the current tree as an option (ranked or not),
  /// with its numbers when the ranking has it; nullopt when unknown.
  std::optional<GuidedOption> option(std::string_view step_id) const;

  // [Acting] Call these while not concluded. --------------------------------------
  /// Records that the step's warnings were shown and read; not saved (a resumed
  /// session shows them again).
  GuidedError acknowledge(std::string_view step_id);
  /// Answers test node `step_id` with a choice id or 1-based number, or reports
  /// repair `step_id` as "fixed" / "not_fixed" (or 1 / 2).
  GuidedError answer(std::string_view step_id, std::string_view choice, std::int64_t time = 0);
  /// "Don't know" at a step: recorded; the step is set aside and the ranking follows.
  /// A gate's step answered "don't know" stays pending: what must follow it stays held.
  GuidedError dont_know(std::string_view step_id, std::int64_t time = 0);
  /// Undoes the last `n` acts.
  GuidedError back(std::size_t n = 1);

  // [Explaining] ------------------------------------------------------------------
  /// Why the best step: its reason, the alternatives, the causes with their probabilities.
  std::vector<ExplainLine> why(Lang lang) const;
  /// How it was concluded: the start facts, then each act with the posterior after it,
  /// then the conclusion with its probability.
  std::vector<ExplainLine> how(Lang lang) const;

  // [Saved state] -----------------------------------------------------------------
  const std::string& start_tree() const { return m_start_tree; }
  const GuidedStart& start() const { return m_start; }
  const std::vector<GuidedAct>& acts() const { return m_acts; }
  const FactMap& facts() const { return m_facts; }
  Lang lang() const { return m_start.lang; }
  void set_lang(Lang lang);
  const Knowledge& knowledge() const { return *m_knowledge; }
  /// The current tree's model and belief (for simulate-like views and tests).
  const GuideModel& model() const { return m_model; }
  const Belief& belief() const { return m_belief; }

  /// Rebuilds a session from recorded acts (resume). nullopt with `error` set
  /// when an act does not fit (foreign or stale file).
  static std::optional<GuidedSession> replay(std::shared_ptr<const Knowledge> knowledge, std::string tree_id,
                                             GuidedStart start, std::vector<GuidedAct> acts, std::string* error);

 private:
  void restart();
  void recompute();
  bool apply(const GuidedAct& act, std::string* error);
  void settle();
  void build_state();
  GuidedOption make_option(int test, int repair, const GuideStep* rank) const;
  GuidedError check(std::string_view step_id, bool repair_ok) const;

  std::shared_ptr<const Knowledge> m_knowledge;
  std::string m_start_tree;
  GuidedStart m_start;
  std::vector<GuidedAct> m_acts;
  std::vector<std::string> m_acknowledged;  ///< "tree:step", cleared by every act

  // Derived by replay.
  std::string m_tree;
  std::string m_error;
  FactMap m_facts;
  GuideModel m_model;
  Belief m_belief;
  std::size_t m_segment_begin = 0;        ///< first act in the current tree (after the last jump)
  std::string m_segment_node;             ///< the node a jump led to ("" the tree's start)
  std::vector<std::string> m_skipped;     ///< tests answered by known facts in the current tree
  std::vector<GuideStep> m_ranking;
  bool m_fixed = false;                   ///< a repair was reported as fixing it
  bool m_concluded = false;
  std::string m_leaf;
  double m_confidence = 0;
  std::vector<PathEntry> m_path;          ///< jumps, for how()
  /// Per act: the posterior right after it (for how()).
  std::vector<std::vector<CauseProbability>> m_after;
  GuidedState m_state;
};

// [Saving and resuming] ----------------------------------------------------------
// A guided session file is TOML with `format = "diagdesk-guided-session"` and
// `guided = true` (session_file.hpp's authored files say "diagdesk-session").

/// Serialises a guided session.
std::string guided_to_toml(const GuidedSession& session, const ReportInfo& info = {});
/// The intervention report of a guided session as Markdown (render_report's
/// sections): the steps in the order taken with their answers, the warnings
/// shown, the tests with their commands, how it was concluded with the
/// probabilities, the conclusion with its probability and remedy.
std::string render_guided_report(const GuidedSession& session, Lang lang, const ReportInfo& info = {});
/// True when `text` is a guided session file (format = "diagdesk-guided-session").
bool is_guided_session(std::string_view text);

struct LoadedGuided {
  std::optional<GuidedSession> session;
  std::string operator_name;
  std::string symptom;
  std::int64_t date = 0;
  std::string error;  ///< "file:line:column: message" when refused
};
/// Parses and replays a saved guided session; a corrupt, foreign, too new or
/// stale file is refused with a clear message.
LoadedGuided parse_guided(std::shared_ptr<const Knowledge> knowledge, std::string_view text,
                          const std::string& source_name);
/// Reads `path` (a regular file of at most max_session_bytes) and parses it.
LoadedGuided load_guided(std::shared_ptr<const Knowledge> knowledge, const std::filesystem::path& path);

}  // namespace diagdesk::engine
