#pragma once
/// A diagnosis session: a tree, the facts given at start, and the list of
/// answers. Everything else (current step, known facts, path, explanations)
/// is derived by replaying that list, so back, save and resume are exact.
///
///     Session s(knowledge, "net.no_internet", {{"os", "windows11"}});
///     Step step = s.step();                 // the current question
///     s.answer(step.choices[0].id);          // or "1" (1-based number)
///     s.back();                              // undo it, facts retracted
///     auto why = s.why(Lang::en);

#include <diagdesk/engine/knowledge.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace diagdesk::engine {

/// One recorded answer. Exactly one of choice / value / dont_know is used.
struct Answer {
  std::string tree;
  std::string node;
  std::string choice;  ///< choice id
  std::string value;   ///< typed value of an input node
  bool dont_know = false;
  std::int64_t time = 0;  ///< Unix seconds
};

/// A free-text note taken by the operator at a step.
struct Note {
  std::string tree;
  std::string node;
  std::string text;
  std::int64_t time = 0;
};

/// How a "don't know" moved the session on (see data/README.md, "Don't know").
enum class UnknownMove {
  branch,  ///< to the node's own unknown branch (`dont_know` in the tree)
  skip,    ///< to the nearest later step every choice can lead to; no fact is set
  assume,  ///< along the most likely choice, whose facts are then marked assumed
};
/// "branch", "skip", "assume".
std::string_view unknown_move_name(UnknownMove move);

struct PathEntry;
/// A "don't know" answer in words: "Don't know (assumed: Yes)", "Don't know
/// (left open, ...)" or "Don't know (the script's own route ...)".
std::string unknown_answer_text(const Knowledge& knowledge, const PathEntry& entry, Lang lang);

/// What happened along the way, in order: the session's path.
struct PathEntry {
  enum class Kind { asked, skipped, dont_know, jumped, rule, concluded };
  Kind kind = Kind::asked;
  std::string tree;
  std::string node;
  std::string choice;      ///< chosen choice id (asked, skipped)
  std::string value;       ///< typed value (input nodes)
  std::string rule;        ///< rule id (rule)
  std::string fact;        ///< fact that caused a skip
  std::int64_t time = 0;   ///< answer time (asked, dont_know)
  UnknownMove move = UnknownMove::branch;  ///< dont_know: how it moved on
  std::string to{};        ///< dont_know: the node it moved to
  bool assumed = false;    ///< dont_know (assume), or a skip that rests on an assumed fact
};
std::string_view path_kind_name(PathEntry::Kind kind);

enum class StepKind { question, action, input, conclusion, error };

/// A choice as shown to the operator.
struct StepChoice {
  std::string id;
  std::string label;
};

/// The current step, as plain data for the CLI, the GUI and the tests.
/// Texts, labels and commands have their `{fact}` placeholders filled in
/// (see wording.hpp).
struct Step {
  StepKind kind = StepKind::question;
  std::string tree;
  std::string node;
  std::string text;                       ///< question or instruction
  std::vector<StepChoice> choices;
  /// Commands to show: the known OS's (and "any") first, or all when the
  /// `os` fact is unknown. Placeholders are filled with known facts.
  std::vector<Command> commands;
  std::vector<Command> other_commands;    ///< for other systems, folded
  std::string commands_os;                ///< the `os` value the split is for ("" unknown)
  std::string input_fact;                 ///< for input steps
  std::vector<Warning> warnings;          ///< node warnings, shown before the step
  std::vector<std::string> rule_warnings; ///< warnings added by rules, localised
  std::vector<std::string> articles;      ///< article topics of this step
  std::vector<std::string> recommendations;  ///< trees suggested by rules
  std::string find_out;                   ///< how to find out, after a first "don't know" (DontKnow::hint_first)
  /// The steps answered "don't know" so far, as their question texts, in order.
  std::vector<std::string> unknowns;
  /// Answers assumed after a "don't know" ("question: assumed answer"). When
  /// not empty, this step, and a conclusion above all, rests on an assumption.
  std::vector<std::string> assumptions;
  // conclusion
  std::string diagnosis;
  std::vector<std::string> remedy;
  std::optional<Outcome> outcome;
  std::string concluded_by_rule;          ///< rule id when a rule concluded
  std::string error;                      ///< for error steps (broken data, rule loop)
};

/// Result of an operation on a live session.
enum class AnswerError {
  none,
  not_a_choice,     ///< the answer matches no choice id or number
  bad_value,        ///< the typed value does not fit the fact's type
  no_question,      ///< the session is concluded or broken
  nothing_to_undo,
};
std::string_view answer_error_name(AnswerError error);

/// One line of an explanation.
struct ExplainLine {
  enum class Kind { purpose, start_fact, answer, skip, rule, jump, fact, assumption };
  Kind kind = Kind::answer;
  std::string text;
};

class Session {
 public:
  /// Starts on `tree_id` with `facts` given at start (already normalised).
  /// An unknown tree yields a session whose step is an error.
  Session(std::shared_ptr<const Knowledge> knowledge, std::string tree_id,
          std::vector<std::pair<std::string, std::string>> start_facts = {},
          Lang lang = Lang::en);

  // [Asking] -----------------------------------------------------------------
  /// The current step (cheap: computed once per change).
  const Step& step() const { return m_step; }
  bool concluded() const { return m_step.kind == StepKind::conclusion; }
  /// True when the path took an assumed answer after a "don't know".
  bool assumed() const { return !m_step.assumptions.empty(); }
  /// The question texts answered "don't know", in order, in `lang`.
  std::vector<std::string> unknowns(Lang lang) const;
  /// The answers assumed after "don't know" ("question -> answer"), in `lang`.
  std::vector<std::string> assumptions(Lang lang) const;

  // [Answering] Call these while the step is a question, action or input. ---
  /// Answers with a choice id, a 1-based choice number, or a typed value for
  /// input steps. Returns the error and leaves the session unchanged on failure.
  AnswerError answer(std::string_view choice_or_value, std::int64_t time = 0);
  /// "Don't know" is an answer: it is recorded and the session moves on, to
  /// the node's own unknown branch, else to the nearest later step every
  /// choice can lead to, else along the most likely choice (the one leading
  /// to the most conclusions, the first on a tie), whose facts are assumed.
  /// With `DontKnow::hint_first` at a step that says how to find out and has
  /// no unknown branch, the first call only shows that hint (`Step::find_out`,
  /// nothing recorded) so the operator may go and check; the next call moves on.
  enum class DontKnow { move_on, hint_first };
  AnswerError dont_know(std::int64_t time = 0, DontKnow mode = DontKnow::move_on);
  /// Undoes the last `n` answers; facts they asserted are retracted.
  AnswerError back(std::size_t n = 1);
  /// Attaches a note to the current step.
  void add_note(std::string text, std::int64_t time = 0);

  // [Explaining] ---------------------------------------------------------------
  /// Why the current question is asked: its purpose, then the path of answers,
  /// facts and rules that led here.
  std::vector<ExplainLine> why(Lang lang) const;
  /// How the conclusion was reached: the chain of answers, facts and rules.
  std::vector<ExplainLine> how(Lang lang) const;

  // [State] ------------------------------------------------------------------
  const std::string& start_tree() const { return m_start_tree; }
  const std::vector<std::pair<std::string, std::string>>& start_facts() const { return m_start_facts; }
  const std::vector<Answer>& answers() const { return m_answers; }
  const std::vector<Note>& notes() const { return m_notes; }
  const std::vector<PathEntry>& path() const { return m_path; }
  const FactMap& facts() const { return m_facts; }
  const std::vector<std::string>& fired_rules() const { return m_fired; }
  Lang lang() const { return m_lang; }
  void set_lang(Lang lang);
  const Knowledge& knowledge() const { return *m_knowledge; }
  std::shared_ptr<const Knowledge> knowledge_ptr() const { return m_knowledge; }

  /// Rebuilds a session from recorded answers (resume). Returns nullopt with
  /// `error` set when an answer does not fit the tree (foreign or stale file).
  static std::optional<Session> replay(std::shared_ptr<const Knowledge> knowledge,
                                       std::string tree_id,
                                       std::vector<std::pair<std::string, std::string>> start_facts,
                                       std::vector<Answer> answers, std::vector<Note> notes,
                                       Lang lang, std::string* error);

 private:
  struct Cursor;
  void restart();
  bool apply(const Answer& a, std::string* error);
  void settle();
  void run_rules();
  void set_fact(const std::string& key, const std::string& value, FactSource source,
                const std::string& origin, bool assumed = false);
  void apply_dont_know(const Node& node, std::int64_t time);
  bool legacy_hint(const std::vector<Answer>& answers, std::size_t i) const;
  void build_step();
  void explain_path(Lang lang, std::vector<ExplainLine>& out) const;

  std::shared_ptr<const Knowledge> m_knowledge;
  std::string m_start_tree;
  std::vector<std::pair<std::string, std::string>> m_start_facts;
  std::vector<Answer> m_answers;
  std::vector<Note> m_notes;
  Lang m_lang = Lang::en;

  // Derived by replay.
  std::string m_tree;
  std::string m_node;
  bool m_hint = false;  ///< the find-out hint is shown (not recorded, cleared by any change)
  FactMap m_facts;
  std::vector<PathEntry> m_path;
  std::vector<std::string> m_fired;
  std::vector<std::string> m_recommend;
  std::vector<std::string> m_rule_warnings;  ///< rule ids whose warning applies
  std::string m_concluded_by;                ///< rule id
  std::string m_error;
  Step m_step;
};

}  // namespace diagdesk::engine
