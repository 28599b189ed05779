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

/// A priority matrix as the training engine sees it: impact x urgency -> 1..5
/// (1 = P1, the highest). Starts as the ITIL default, which is also what
/// data/service/priority.toml ships; the workspace fills it from the layers'
/// service/priority.toml so a team's matrix is the one scenarios are checked on.
struct PriorityGrid {
  /// cells[impact][urgency], indices in Level order (low, medium, high).
  int cells[3][3] = {{5, 4, 3}, {4, 3, 2}, {3, 2, 1}};
  /// Where the cells come from, for messages ("the ITIL default", a file name).
  std::string source = "the ITIL default matrix";
  /// The priority (1..5) of impact x urgency.
  int priority(Level impact, Level urgency) const;
};

// [Tickets] Scenarios that start from a ticket (docs/training.md "Ticket scenarios"). --

/// The type of a ticket: an incident (a service broken or degraded) or a
/// service request (something new: an account, a software, an access).
enum class TicketKind { incident, request };
/// "incident", "request".
std::string_view ticket_kind_name(TicketKind kind);
/// Parses "incident" / "request" (also "demande", "service_request", "i", "r", "d").
std::optional<TicketKind> parse_ticket_kind(std::string_view text);

/// What the ticket becomes at the end of the call: resolved by level 1,
/// pending (waiting for the user), or escalated to a higher level.
enum class Disposition { resolved, pending, escalated };
/// "resolved", "pending", "escalated".
std::string_view disposition_name(Disposition d);
/// Parses "resolved" / "pending" / "escalated" (also "resolve", "resolu", "attente", "escalate"...).
std::optional<Disposition> parse_disposition(std::string_view text);
/// Parses a support level "n2", "N2", "l2", "2" (1..3) into 1..3.
std::optional<int> parse_support_level(std::string_view text);
/// Parses a priority "1".."5", "p1".."p5", "P1" into 1..5.
std::optional<int> parse_priority(std::string_view text);

/// The `[ticket]` section of a scenario: the call as the ticket opens, and
/// how an expert qualifies and closes it.
struct ScenarioTicket {
  // The ticket as it opens.
  TicketKind opened_as = TicketKind::incident;  ///< the type the caller (or the portal) gave
  LText caller;   ///< who calls (a plain string fills both languages)
  LText title;    ///< the ticket's title as logged
  LText says;     ///< what the caller says (also the scenario's complaint when it has none)
  // What the expert does with it.
  TicketKind type = TicketKind::incident;  ///< the right type
  Level impact = Level::low;
  Level urgency = Level::low;
  int priority = 5;        ///< 1..5; the loader checks it against the priority matrix
  int escalation = 0;      ///< the level to escalate to (2 or 3), 0 for none
  Disposition outcome = Disposition::resolved;
};

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
  /// Set for a scenario that starts from a ticket; its impact and urgency are
  /// then also `impact` and `urgency` above.
  std::optional<ScenarioTicket> ticket;
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
  /// The matrix the tickets' priorities were checked against (given to the loader).
  PriorityGrid priorities;

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
/// normalised with `facts`; unknown keys are left for lint_scenarios. A
/// `[ticket]` whose priority is not `priorities`(impact, urgency) is an error
/// at the priority's position (code "scenario.ticket_priority").
ScenarioSet load_scenarios(const std::vector<std::filesystem::path>& paths, const FactCatalog& facts,
                           const PriorityGrid& priorities = {});
/// Same, from text (tests); `source_name` is used in diagnostics; checks
/// tickets against `into.priorities`.
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
