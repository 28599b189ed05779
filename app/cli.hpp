#pragma once
// Shared pieces of the `diagdesk` command line: global options, the command
// registry, and output helpers. Each sub-command lives in its own cmd_*.cpp.

#include <diagdesk/kb/index.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace diagdesk::cli {

/// Options every sub-command accepts (before or after its name).
struct Globals {
  std::string data;                  ///< --data: bundled KB folder
  std::vector<std::string> kb;       ///< --kb: extra layers
  std::string data_dir;              ///< --data-dir: per-user state
  std::string lang;                  ///< --lang fr|en
  std::string store;                 ///< --store: the team server (PostgreSQL), else the SQLite file
  std::string team_index;            ///< --team-index HOST:PORT: the team KB's remote index
  bool json = false;                 ///< --json where supported

  workspace::Options options() const;
  engine::Lang language() const;
};

/// Exit codes: 0 fine, 1 findings / failure of the task, 2 bad usage or input.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1;
inline constexpr int exit_usage = 2;

/// A sub-command: registers its options and returns the function to run.
using Runner = std::function<int()>;
using Registrar = Runner (*)(CLI::App& app, Globals& globals);

/// Opens the workspace; prints load errors to stderr (not warnings) and
/// returns nullopt when `strict` and any error was found.
std::optional<workspace::Workspace> open_workspace(const Globals& g, bool strict = false);

/// Prints a one-line error "diagdesk: message" and returns exit_usage.
int fail(const std::string& message, int code = exit_usage);

/// A progress line for index updates on the terminal (stderr, redrawn in
/// place), for updates of at least 500 documents; nothing when stderr is
/// not a terminal.
kb::SyncProgress terminal_progress(engine::Lang lang);

// Rendering a step for people and for scripts.
void print_step(std::ostream& out, const engine::Session& s, engine::Lang lang);
void print_explanation(std::ostream& out, const std::string& title, const std::vector<engine::ExplainLine>& lines);
nlohmann::json step_json(const engine::Session& s);
/// Prints `value` on stdout as indented JSON ending with a newline; bytes that
/// are not UTF-8 (file names, pasted text) become U+FFFD instead of throwing.
void print_json(const nlohmann::json& value);
/// `value` as indented JSON text, invalid UTF-8 replaced (for JSON files).
std::string json_text(const nlohmann::json& value);
/// Writes `content` to `file` atomically, only to a regular file or a new path
/// in an existing folder (safe_output.cpp); prints the failure in `lang`
/// naming the file and returns exit_usage for a refused target (symbolic
/// link, folder, device, FIFO, missing folder), exit_failed for a failed
/// write (disk full...: the old file is intact), else exit_ok.
int write_output(const std::string& file, std::string_view content, engine::Lang lang);
/// write_output's check alone, before a change that must not happen when the
/// file cannot be written: exit_ok, or the refusal printed and exit_usage.
int check_output(const std::string& file, engine::Lang lang);

// Sub-commands (one file each).
Runner add_trees(CLI::App& app, Globals& g);
Runner add_lint(CLI::App& app, Globals& g);
Runner add_diagnose(CLI::App& app, Globals& g);
Runner add_coverage(CLI::App& app, Globals& g);
Runner add_train(CLI::App& app, Globals& g);
Runner add_import(CLI::App& app, Globals& g);
Runner add_search(CLI::App& app, Globals& g);
Runner add_show(CLI::App& app, Globals& g);
Runner add_index(CLI::App& app, Globals& g);
Runner add_graph(CLI::App& app, Globals& g);
/// `diagdesk incident ...` and `diagdesk request ...` (cmd_ticket.cpp): one
/// set of sub-commands, the ticket type given by the command's name.
Runner add_incident(CLI::App& app, Globals& g);
Runner add_request(CLI::App& app, Globals& g);
/// `diagdesk db backup FILE | check` (cmd_db.cpp).
Runner add_db(CLI::App& app, Globals& g);
/// `diagdesk team init | add-user | roles` (cmd_team.cpp): the team server.
Runner add_team(CLI::App& app, Globals& g);
/// `diagdesk stats [--since DATE] [--json | --csv]` (cmd_stats.cpp): the supervisor's figures.
Runner add_stats(CLI::App& app, Globals& g);
/// `diagdesk asset add | update | show | list` (cmd_asset.cpp): the asset inventory.
Runner add_asset(CLI::App& app, Globals& g);
/// `diagdesk problem ...` (cmd_problem.cpp): problems and known errors.
Runner add_problem(CLI::App& app, Globals& g);
/// `diagdesk quote ...` (cmd_quote.cpp): quotes (devis) and the price catalogue.
Runner add_quote(CLI::App& app, Globals& g);
/// `diagdesk privacy export | erase --person NAME` (cmd_privacy.cpp): personal data.
Runner add_privacy(CLI::App& app, Globals& g);
/// `diagdesk simulate TREE | --all [--json]` (cmd_simulate.cpp): expected cost of the policies.
Runner add_simulate(CLI::App& app, Globals& g);
/// `diagdesk model learn | show TREE | reset [TREE]` (cmd_model.cpp): priors learned from closed tickets.
Runner add_model(CLI::App& app, Globals& g);

// The answer handling of `diagdesk diagnose`, shared with the tickets' diagnose (cmd_diagnose.cpp).
/// Applies comma-separated answers (choice id or 1-based number, a typed value,
/// ? for don't know) at time `at`; prints one line and returns exit_usage at
/// the first refused answer, else exit_ok.
int apply_answers(engine::Session& s, const std::string& answers, std::int64_t at);
/// Reads a line from stdin without its surrounding blanks; false at end of input.
bool read_line(std::string& line);
/// Why answer_keys() returned.
enum class KeysEnd { done, end_of_input, save, quit };
/// The interactive loop of `diagdesk diagnose` on stdin: prompts, then applies
/// b (back), ? (why), d (don't know), n (note) and answers, dated by `clock`,
/// until the session concludes or breaks (done), stdin ends (end_of_input,
/// said on stdout), or s (save) or q (quit) is typed, left to the caller.
KeysEnd answer_keys(engine::Session& s, engine::Lang lang, const std::function<std::int64_t()>& clock);

/// `diagdesk diagnose --symptom`: picks the tree that best matches `symptom`,
/// prints which and why (to stderr when `json`), sets `tree` and, when given,
/// `match` (the chosen tree, its score, the runners-up); returns an exit code.
int choose_tree_by_symptom(const workspace::Workspace& ws, const std::string& symptom, engine::Lang lang, bool json,
                           std::string& tree, nlohmann::json* match = nullptr);

}  // namespace diagdesk::cli
