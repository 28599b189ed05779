#pragma once
/// A trainee playing a scenario, and the score and debrief of that play.
/// The run is its list of actions (like a Session is its answers): the CLI,
/// the GUI and the tests feed the same actions and get the same score.
///
///     TrainingRun run(knowledge, set, *set.find("net.apipa_dhcp_down"), Mode::guided, Lang::fr);
///     run.act("tree=net.no_internet");   // guided: open a tree
///     run.act("=");                      // record the simulated user's reply
///     run.act("impact=low");
///     Score s = run.score();             // exact, deterministic
///     Debrief d = run.debrief(Lang::fr); // trainee path beside the expert path
///
/// Actions (`act`), one token each; the same tokens as `diagdesk train --actions`:
///   tree=ID            guided: open (or switch to) a tree; facts learned carry over
///   CHOICE | N         guided: record this answer at the current step (choice id or number)
///   =                  guided: record the simulator's reply as the answer
///   ?                  guided: record "don't know"
///   TREE:NODE          free: ask that question or run that test
///   diagnosis=TREE:NODE  free: state the diagnosis (a conclusion)
///   ack                acknowledge the safety warnings of the next step (guided: the current step)
///   backup             back up the user's data
///   kb=TOPIC           consult a knowledge-base article
///   impact=L, urgency=L  qualify the incident (low, medium, high)
///   outcome=O          override the conclusion's outcome (resolved, escalate_l2, hardware_return, refer_vendor, proposal)
///   verify             check the fix with the user (after the diagnosis)
///   document           write up the ticket (after the diagnosis)
/// Ticket scenarios only (scenario.ticket set; refused with not_a_ticket otherwise):
///   type=T             qualify the ticket's type: incident or request
///   priority=N         the priority given to the ticket, 1..5 (or P1..P5)
///   resolve | pending  close the call: resolved at level 1, or pending (waiting for the user)
///   escalate=L         close the call by escalating to level L (n2 or n3)
/// A ticket scenario starts with its qualification: tree=, TREE:NODE,
/// diagnosis=, resolve, pending and escalate= are refused (not_qualified)
/// until type, impact, urgency and priority have each been given.
/// Proposal scenarios only (expected outcome proposal; refused with
/// not_a_proposal otherwise, not_diagnosed before the diagnosis, no_quote_key
/// when the run has no quote key), the quote step (training_quote.hpp):
///   quote=REF:QTY      add a line to the current option, or change its quantity (QTY decimal, default 1)
///   quote-=REF         remove that line from the current option
///   discount=REF:PCT   the discount of that line of the current option, percent (decimal)
///   quote-option=O     the option lines now go to: repair or offer (the main one), replace

#include <diagdesk/engine/training_quote.hpp>
#include <diagdesk/engine/training_efficiency.hpp>
#include <diagdesk/engine/training_sim.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace diagdesk::engine {

enum class Mode { guided, free };
std::string_view mode_name(Mode mode);
std::optional<Mode> parse_mode(std::string_view name);

/// One thing the trainee did, with what the scoring found about it.
struct TraineeAction {
  enum class Kind {
    tree, step, diagnosis, ack, backup, article, impact, urgency, outcome, verify, document,
    type, priority, resolve, pending, escalate,  ///< ticket scenarios
    quote  ///< proposal scenarios: a quote token (value: the token as recorded)
  };
  Kind kind = Kind::step;
  std::string tree;      ///< tree (tree, step, diagnosis)
  std::string node;      ///< node (step, diagnosis)
  std::string value;     ///< topic, level, outcome name; the recorded choice or value (guided step)
  bool recorded_dont_know = false;  ///< guided: the trainee recorded "don't know"
  Reply reply;           ///< the simulator's reply (step)
  int cost = 0;          ///< time units
  // Findings (step and diagnosis).
  bool redundant = false;         ///< could tell nothing new (done before, or its result was already known)
  std::string redundant_fact;     ///< the fact already known, when that is why
  bool off_topic = false;         ///< the ground truth has nothing to show for it
  bool misread = false;           ///< guided: recorded answer differs from the reply
  bool warning_skipped = false;   ///< had safety warnings and no `ack` before it
  bool backup_missing = false;    ///< a risky step with no backup before it
  std::string wrong_part;         ///< part replaced that was not faulty
};
std::string_view action_kind_name(TraineeAction::Kind kind);

/// Why an action was refused; the run is then unchanged.
enum class ActionError {
  none,
  unknown_action,   ///< not a token of the list above
  wrong_mode,       ///< e.g. TREE:NODE in guided mode, tree= in free mode
  no_tree,          ///< guided: no tree opened yet
  unknown_tree,
  unknown_node,     ///< no such question or test (free), no such conclusion (diagnosis=)
  not_a_choice,     ///< guided: not a choice of the current step, or a bad typed value
  no_step,          ///< guided: the tree is concluded or broken
  already_diagnosed,///< investigation after the diagnosis
  not_diagnosed,    ///< verify / document before the diagnosis
  bad_value,        ///< bad level, outcome, type, priority, escalation level or empty topic
  not_a_ticket,     ///< a ticket action (type=, priority=, resolve...) in a scenario without [ticket]
  not_qualified,    ///< ticket scenario: diagnosis or closing before type, impact, urgency and priority
  not_a_proposal,   ///< a quote action in a scenario whose expected outcome is not proposal
  no_quote_key,     ///< a quote action in a run without a quote key (no catalogue)
};
std::string_view action_error_name(ActionError error);

/// The six steps of the troubleshooting method, each checked on the run.
struct MethodCheck {
  bool identify = false;   ///< asked the user a question before the first test
  bool theory = false;     ///< the first test (or first tree) belongs to a tree the expert used
  bool test = false;       ///< ran a test before concluding (or the expert path has none)
  bool implement = false;  ///< right outcome, no skipped warning, no missing backup
  bool verify = false;     ///< checked the fix after the diagnosis
  bool document = false;   ///< wrote up the ticket after the diagnosis
  int count() const;
};

/// A penalty: what, where, how many points.
struct Penalty {
  std::string code;  ///< wrong_part, redundant_step, warning_skipped, backup_missing
  std::string ref;   ///< "tree:node"
  int points = 0;    ///< positive number, subtracted
};

/// Points (docs/training.md): diagnosis 40, outcome 15, priority 10,
/// efficiency 15 (only with the right diagnosis), method 2 per step (12),
/// articles 8; minus penalties (wrong part 10, missing backup 10, skipped
/// warning 5, redundant step 2); total clamped to 0..100.
inline constexpr int points_diagnosis = 40;
inline constexpr int points_outcome = 15;
inline constexpr int points_priority = 10;
inline constexpr int points_efficiency = 15;
inline constexpr int points_method_step = 2;
inline constexpr int points_articles = 8;
inline constexpr int penalty_wrong_part = 10;
inline constexpr int penalty_backup_missing = 10;
inline constexpr int penalty_warning_skipped = 5;
inline constexpr int penalty_redundant = 2;
/// Ticket scenarios: a request treated as an incident or the reverse.
inline constexpr int penalty_wrong_type = 10;
/// Ticket scenarios: a priority other than the matrix's for the right impact and urgency.
inline constexpr int penalty_wrong_priority = 5;
/// Ticket scenarios: not escalated although it had to be.
inline constexpr int penalty_escalation_missing = 10;
/// Ticket scenarios: escalated although level 1 had to resolve it or put it pending.
inline constexpr int penalty_escalation_needless = 10;
/// Ticket scenarios: escalated, but to another level than the expected one.
inline constexpr int penalty_escalation_wrong_level = 5;

struct Score {
  std::string diagnosis;           ///< trainee's "tree:node", empty when none
  std::string expected_diagnosis;
  bool diagnosis_ok = false;
  std::optional<Outcome> outcome;  ///< trainee's (override, else the conclusion's)
  Outcome expected_outcome = Outcome::resolved;
  bool outcome_ok = false;
  std::optional<Level> impact, urgency;
  Level expected_impact = Level::low, expected_urgency = Level::low;
  std::string priority;            ///< empty when impact or urgency is missing
  std::string expected_priority;
  bool priority_ok = false;
  int expert_cost = 0;             ///< diagnostic steps of the expert path
  int trainee_cost = 0;            ///< diagnostic steps of the trainee (questions, tests, swaps)
  int efficiency = 0;              ///< percent: 100 * expert / trainee, capped at 100 (100 when trainee_cost is 0)
  std::vector<std::string> articles_read;     ///< distinct topics consulted, in order
  std::vector<std::string> articles_missed;   ///< expected topics not consulted
  int articles_hit = 0;
  int time_units = 0;              ///< every action's cost
  int expert_time_units = 0;       ///< expert path + articles + backup when needed + verify + document
  MethodCheck method;
  std::vector<Penalty> penalties;
  // Ticket scenarios only. There `priority_ok` is the priority the trainee gave
  // against [ticket] priority, and `outcome_ok` is `disposition_ok`.
  bool ticket = false;
  std::optional<TicketKind> type;          ///< the trainee's last type=
  TicketKind expected_type = TicketKind::incident;
  bool type_ok = false;
  std::optional<int> ticket_priority;      ///< the trainee's last priority=
  int expected_ticket_priority = 0;
  std::optional<Disposition> disposition;  ///< the trainee's last resolve / pending / escalate=
  int escalation = 0;                      ///< level escalated to, 0 when not escalated
  Disposition expected_disposition = Disposition::resolved;
  int expected_escalation = 0;
  bool disposition_ok = false;             ///< same disposition, and same level when escalated
  // Quote step (proposal scenarios with a quote key, training_quote.hpp). When
  // quote.scored, the six parts above count for (100 - points_quote) % and
  // p_quote is added: total = parts x 85 / 100 (rounded down) + p_quote - penalties.
  QuoteScore quote;
  int p_quote = 0;
  // Efficiency against the optimum (issue 16, training_efficiency.hpp): present when the
  // scenario's tree has a model; the efficiency points then follow optimum->points_percent.
  std::optional<OptimumFigure> optimum;
  // Points.
  int p_diagnosis = 0, p_outcome = 0, p_priority = 0, p_efficiency = 0, p_method = 0, p_articles = 0;
  int p_penalties = 0;
  int total = 0;                   ///< 0..100
};

/// One row of the debrief: the trainee's step beside the expert's.
struct DebriefRow {
  enum class Kind { same, misread, trainee_only, expert_only, tree, diagnosis };
  Kind kind = Kind::same;
  std::string ref;           ///< "tree:node"
  std::string step;          ///< the question or test text
  std::string trainee;       ///< what the trainee did / recorded, empty for expert_only
  std::string expert;        ///< what the expert did / got, empty for trainee_only
  std::string explanation;   ///< why this diverges, empty when it does not
};
std::string_view debrief_kind_name(DebriefRow::Kind kind);

struct Debrief {
  std::string scenario;
  std::string hidden_fault;
  std::vector<DebriefRow> rows;          ///< the two paths side by side, in order
  std::vector<std::string> method;       ///< one line per method step: "[x] ..." / "[ ] ..."
  std::vector<std::string> findings;     ///< penalties, qualification, articles, in words
  // Efficiency against the optimum (issue 16).
  std::string efficiency;                 ///< "Your steps: 14 min; the optimum for this fault: 6 min (42 %): A (2 min) → B (4 min)", or why there is none
  std::vector<std::string> optimum_steps; ///< the optimal sequence, "text (2 min)" per step
};

class TrainingRun {
 public:
  /// Starts a run. References `catalogue` and `scenario`: both must outlive it.
  TrainingRun(std::shared_ptr<const Knowledge> knowledge, const ScenarioSet& catalogue, const Scenario& scenario,
              Mode mode, Lang lang = Lang::en);

  // [Acting] Any time; refused actions leave the run unchanged. ---------------------
  ActionError act(std::string_view token);
  /// An English sentence about the last refused action (for the CLI).
  const std::string& last_error() const { return m_error; }

  // [State] ---------------------------------------------------------------------------
  Mode mode() const { return m_mode; }
  const Scenario& scenario() const { return m_scenario; }
  const Simulator& simulator() const { return m_sim; }
  const ExpertPath& expert() const { return m_expert; }
  const std::vector<TraineeAction>& actions() const { return m_actions; }
  /// Guided: the live session of the current tree (nullptr before tree=).
  const Session* session() const { return m_session ? &*m_session : nullptr; }
  /// Guided: the simulator's reply at the current step (nullopt when concluded or no tree).
  std::optional<Reply> current_reply() const;
  /// Facts the trainee has learned (given, then answers), key -> value.
  const std::map<std::string, std::string, std::less<>>& known() const { return m_known; }
  /// The diagnosis reached or stated, "tree:node", empty before.
  const std::string& diagnosis() const { return m_diagnosis; }
  bool diagnosed() const { return !m_diagnosis.empty(); }
  /// The scenario starts from a ticket ([ticket]).
  bool is_ticket() const { return m_scenario.ticket.has_value(); }
  /// Ticket scenario: type, impact, urgency and priority have all been given
  /// (always true for other scenarios).
  bool qualified() const;
  int time_units() const;
  /// Actions as tokens, replayable with act() (for saving a run).
  std::vector<std::string> tokens() const { return m_tokens; }

  // [Quote] Proposal scenarios (training_quote.hpp). -----------------------------------
  /// The expected quote; set before acting. Null leaves the quote unscored.
  void set_quote_key(std::shared_ptr<const QuoteKey> key) { m_quote_key = std::move(key); }
  const QuoteKey* quote_key() const { return m_quote_key.get(); }
  /// The scenario expects a proposal (quote tokens are allowed after the diagnosis).
  bool is_proposal() const;
  /// The trainee's quote so far (replayed from the quote actions).
  TraineeQuote quote() const;

  // [Result] ----------------------------------------------------------------------------
  Score score() const;
  Debrief debrief(Lang lang) const;
  /// The optimal sequence for the hidden fault (computed on first use, then kept).
  const std::optional<OptimumPlan>& optimum_plan() const;

 private:
  ActionError refuse(ActionError e, std::string message);
  ActionError open_tree(const std::string& id);
  ActionError guided_answer(std::string_view token);
  ActionError free_step(const std::string& ref);
  ActionError state_diagnosis(const std::string& ref, bool reached);
  ActionError ticket_action(const std::string& token, bool& handled);
  ActionError quote_action(const std::string& token, bool& handled);
  std::string missing_qualification() const;
  void finish_step(TraineeAction& a, const Node& node);
  void after_guided_change();

  std::shared_ptr<const Knowledge> m_knowledge;
  const ScenarioSet& m_catalogue;
  const Scenario& m_scenario;
  Mode m_mode;
  Lang m_lang;
  Simulator m_sim;
  ExpertPath m_expert;
  std::optional<Session> m_session;
  std::vector<TraineeAction> m_actions;
  std::vector<std::string> m_tokens;
  std::map<std::string, std::string, std::less<>> m_known;
  std::string m_diagnosis;
  bool m_ack_armed = false;
  bool m_backed_up = false;
  std::string m_error;
  // Efficiency against the optimum: the plan, shared by copies, computed once.
  mutable std::shared_ptr<const std::optional<OptimumPlan>> m_optimum;
  std::shared_ptr<const QuoteKey> m_quote_key;  ///< proposal scenarios: the expected quote
};

}  // namespace diagdesk::engine
