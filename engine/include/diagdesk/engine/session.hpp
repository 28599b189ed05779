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
  std::string find_out;                   ///< shown after "don't know" with no target
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
  enum class Kind { purpose, start_fact, answer, skip, rule, jump, fact };
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

  // [Answering] Call these while the step is a question, action or input. ---
  /// Answers with a choice id, a 1-based choice number, or a typed value for
  /// input steps. Returns the error and leaves the session unchanged on failure.
  AnswerError answer(std::string_view choice_or_value, std::int64_t time = 0);
  /// "Don't know": goes where the node says, or shows how to find out.
  AnswerError dont_know(std::int64_t time = 0);
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
                const std::string& origin);
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
  bool m_hint = false;  ///< "don't know" pressed with no target at this node
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
