#pragma once
/// Training scenarios: a simulated call with a hidden fault, the ground truth
/// of the simulated machine and user, and what an expert would conclude.
/// Format in data/README.md ("Training scenarios"), rules in docs/training.md.
///
///     auto set = diagdesk::engine::load_scenarios({"data/scenarios"}, knowledge->facts());
///     for (auto& d : set.diagnostics) std::cerr << format(d) << '\n';
///     const Scenario* s = set.find("net.apipa_dhcp_down");

#include <diagdesk/engine/diagnostic.hpp>
#include <diagdesk/engine/knowledge.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace diagdesk::engine {

// [Qualification] ITIL impact, urgency and the 3x3 priority matrix. ---------------

/// Impact or urgency of an incident.
enum class Level { low, medium, high };
/// "low", "medium", "high".
std::string_view level_name(Level level);
/// Parses "low" / "medium" / "high" (also "faible"/"moyen"/"moyenne"/"haut"/"haute"/"elevee").
std::optional<Level> parse_level(std::string_view text);

/// The ITIL priority of impact x urgency, as a value of the `priority` fact:
/// high/high "p1_critical"; high/medium and medium/high "p2_high";
/// high/low, medium/medium, low/high "p3_medium"; medium/low and low/medium
/// "p4_low"; low/low "p5_planning".
std::string priority_of(Level impact, Level urgency);

// [Scenarios] ---------------------------------------------------------------------

/// Who and what the call is about, as shown to the trainee. A plain string in
/// the file is language-neutral (a host name) and fills both languages.
struct ScenarioContext {
  LText asset;
  LText os;
  LText user;
  LText site;
};

/// One training scenario (data/scenarios/<id>.toml). Values are canonical
/// (normalised against the fact catalogue) where the fact is known.
struct Scenario {
  std::string id;
  LText title;
  int competency = 0;  ///< 1-11, see JOB.md
  int difficulty = 1;  ///< 1 easy, 2 medium, 3 hard
  LText complaint;     ///< the user's opening words, plain language
  ScenarioContext context;
  LText hidden_fault;  ///< revealed in the debrief
  /// Ground truth of the simulated machine and user: fact key -> value.
  std::map<std::string, std::string, std::less<>> facts;
  /// Ground-truth facts the trainee knows from the start (the ticket form).
  std::vector<std::string> given;
  /// Observations a fact does not determine: "tree:node" -> choice id (or a
  /// typed value for input nodes).
  std::map<std::string, std::string, std::less<>> answers;
  /// "tree:node" the user would answer "I don't know".
  std::vector<std::string> dont_know;
  /// Optional words of the user for a step ("tree:node" -> text).
  std::map<std::string, LText, std::less<>> replies;
  std::string tree;       ///< the tree an expert opens
  std::string diagnosis;  ///< expected conclusion, "tree:node"
  Outcome outcome = Outcome::resolved;
  Level impact = Level::low;
  Level urgency = Level::low;
  std::vector<std::string> articles;      ///< article topics an expert consults
  std::vector<std::string> faulty_parts;  ///< part ids really faulty
  std::vector<std::string> risky_steps;   ///< "tree:node" needing a backup first
  SourcePos pos;
  /// Where each field was written ("facts.scope", "answers.net.x:a_y", "expected.diagnosis"...).
  std::map<std::string, SourcePos, std::less<>> at;

  /// The ground-truth value of `key`, or nullptr.
  const std::string* fact(std::string_view key) const;
  /// The start facts: `given` keys with their ground-truth values.
  std::vector<std::pair<std::string, std::string>> start_facts() const;
  /// The position of field `key`, else the scenario's.
  const SourcePos& where(std::string_view key) const;
};

/// A replaceable part and the tree steps that replace it: swap tests (action
/// nodes) and fixes (conclusions). Declared in data/scenarios/catalogue.toml.
struct Part {
  std::string id;
  LText label;
  std::vector<std::string> steps;  ///< "tree:node"
  SourcePos pos;
};

/// Every scenario and part found, with the problems met while loading.
struct ScenarioSet {
  std::vector<Scenario> scenarios;  ///< sorted by competency, difficulty, id
  std::vector<Part> parts;
  /// Tree steps that back up the user's data ("tree:node"), from the catalogue.
  std::vector<std::string> backup_steps;
  SourcePos backup_steps_pos;
  std::vector<Diagnostic> diagnostics;

  const Scenario* find(std::string_view id) const;
  const Part* find_part(std::string_view id) const;
  /// The part a step replaces ("tree:node"), or nullptr.
  const Part* part_of_step(std::string_view ref) const;
  bool is_backup_step(std::string_view ref) const;
};

/// Loads scenario files and folders (each folder: its *.toml files, not
/// recursive). A file with `[parts.*]` or `backup_steps` and no `id` is the
/// training catalogue (data/scenarios/catalogue.toml).
/// Malformed files are reported with their position and skipped. Values are
/// normalised with `facts`; unknown keys are left for lint_scenarios.
ScenarioSet load_scenarios(const std::vector<std::filesystem::path>& paths, const FactCatalog& facts);
/// Same, from text (tests); `source_name` is used in diagnostics.
void load_scenario_text(std::string_view text, const std::string& source_name, const FactCatalog& facts,
                        ScenarioSet& into);

// [Costs] Time units of each kind of step (docs/training.md). ------------------------

inline constexpr int cost_question = 1;       ///< asking the user
inline constexpr int cost_observation = 2;    ///< a test without a command (look, listen)
inline constexpr int cost_command = 3;        ///< a test with a command to run
inline constexpr int cost_part_swap = 10;     ///< swapping a part to test it
inline constexpr int cost_article = 1;        ///< reading a KB article
inline constexpr int cost_backup = 5;         ///< backing up the user's data
inline constexpr int cost_verify = 1;         ///< checking the fix with the user
inline constexpr int cost_document = 1;       ///< writing up the ticket

/// The time cost of doing `node` (a question or action) of `tree`.
int step_cost(const std::string& tree, const Node& node, const ScenarioSet& catalogue);

}  // namespace diagdesk::engine
