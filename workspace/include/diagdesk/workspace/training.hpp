#pragma once
/// Training in the workspace: the scenarios of every layer, their place in
/// `diagdesk lint`, and each trainee's progress kept in an SQLite database
/// under the user data directory (<data_dir>/training.sqlite).
///
///     auto set = diagdesk::workspace::load_scenarios(ws);
///     auto opened = ProgressStore::open(progress_file(ws));
///     if (!opened.notice.empty()) tell_user(opened.notice);   // corrupt file moved aside
///     opened.store->record(attempt);
///     Progress p = compute_progress(opened.store->attempts("marie"), set, "marie");

#include <diagdesk/engine/training_run.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace diagdesk::workspace {

// [Scenarios] -----------------------------------------------------------------------

/// The scenario folders of the layers that have one: <layer>/scenarios.
std::vector<fs::path> scenario_dirs(const Workspace& ws);
/// The priority matrix of `roots` (each root's service/priority.toml, later
/// roots winning cell by cell, over the ITIL default) as the training engine's
/// grid, so ticket scenarios are checked on the matrix the service desk uses.
engine::PriorityGrid priority_grid(const std::vector<fs::path>& roots);
/// Every layer's scenarios and parts, normalised against the workspace's facts;
/// ticket priorities checked against the layers' priority matrix.
engine::ScenarioSet load_scenarios(const Workspace& ws);

/// True for what `diagdesk lint` hands to the scenario linter rather than to
/// the knowledge loader: a folder named "scenarios", or a .toml file that is
/// inside one or has an `[expected]` or `[parts.*]` table.
bool is_scenario_path(const fs::path& path);

/// Called by Workspace::lint: loads the scenarios found in `roots` (a layer
/// folder contributes its scenarios/ folder; scenario folders and files count
/// as themselves) and lints them against `knowledge`; when there is at least
/// one scenario, also warns about each tree no scenario uses
/// (engine::lint_tree_coverage). Appends to `out`.
void lint_training(std::shared_ptr<const engine::Knowledge> knowledge, const std::vector<fs::path>& roots,
                   const std::vector<std::string>& article_topics, std::vector<engine::Diagnostic>& out);

// [Progress] ------------------------------------------------------------------------

/// One finished play of a scenario.
struct Attempt {
  std::string trainee;
  std::string scenario;
  int competency = 0;
  std::string mode;         ///< "guided" / "free"
  int score = 0;            ///< 0..100
  bool diagnosis_ok = false;
  bool outcome_ok = false;
  bool priority_ok = false;
  int efficiency = 0;       ///< percent
  int method = 0;           ///< method steps met, 0..6
  int time_units = 0;
  std::int64_t seconds = 0; ///< wall-clock time spent
  std::int64_t finished_at = 0;  ///< Unix seconds
  std::string actions;      ///< the run's tokens, comma-separated (replayable)
  // Efficiency against the optimum (issue 16): set when the scenario's tree has a model,
  // stored in nullable columns (a file from before them reads as nullopt).
  std::optional<int> optimum_percent;     ///< 100 * optimum / trainee minutes, capped at 100
  std::optional<double> minutes;          ///< the trainee's steps, in the model's minutes
  std::optional<double> optimum_minutes;  ///< the optimal sequence for the hidden fault
};

/// An attempt from a finished run.
Attempt make_attempt(const engine::TrainingRun& run, const std::string& trainee, std::int64_t seconds,
                     std::int64_t finished_at);

/// The default trainee name: $DIAGDESK_TRAINEE, else $USER, else "trainee".
std::string default_trainee();

/// <data_dir>/training.sqlite.
fs::path progress_file(const Workspace& ws);
fs::path progress_file(const fs::path& data_dir);

/// The progress database. Move-only; closes on destruction.
class ProgressStore {
 public:
  /// What opening produced: a store, or an error. `notice` tells the user
  /// when a damaged file was moved aside (renamed <file>.corrupt-<UTC time>)
  /// and a fresh one started; nothing is deleted.
  struct Opened {
    std::unique_ptr<ProgressStore> store;
    std::string notice;     ///< one sentence, empty when all was well
    std::string moved_to;   ///< where the damaged file went
    std::string error;      ///< one sentence when no store could be opened
  };
  /// Opens or creates the database (and its folder). A file SQLite cannot
  /// read, or one failing its integrity check, is moved aside; a file made
  /// by a newer Diagdesk is refused (error) and left alone.
  static Opened open(const fs::path& file);

  ~ProgressStore();
  ProgressStore(const ProgressStore&) = delete;
  ProgressStore& operator=(const ProgressStore&) = delete;

  /// Adds an attempt. Returns "" or an error sentence.
  std::string record(const Attempt& attempt);
  /// Attempts of `trainee` (all trainees when empty), oldest first.
  std::vector<Attempt> attempts(const std::string& trainee = {}) const;
  /// Trainee names, sorted.
  std::vector<std::string> trainees() const;
  const fs::path& file() const { return m_file; }

 private:
  ProgressStore(sqlite3* db, fs::path file) : m_db(db), m_file(std::move(file)) {}
  sqlite3* m_db = nullptr;
  fs::path m_file;
};

/// A trainee's results on one scenario.
struct ScenarioProgress {
  std::string id;
  int competency = 0;
  int difficulty = 1;
  int attempts = 0;
  int best = -1;  ///< -1 when never played
  int last = -1;
};

/// A trainee's results on one competency.
struct CompetencyProgress {
  int competency = 0;
  int scenarios = 0;   ///< bundled scenarios for it
  int played = 0;      ///< of which played at least once
  int attempts = 0;
  /// Mean of the best score of each scenario, unplayed ones counting 0.
  int mastery = 0;
};

struct Progress {
  std::string trainee;
  std::vector<CompetencyProgress> competencies;  ///< 1..11, those with scenarios
  std::vector<ScenarioProgress> scenarios;       ///< in the set's order
  std::vector<int> weakest;                      ///< up to 3 competencies, weakest first
  std::string next_scenario;                     ///< suggested next: in the weakest competency
};

/// Sums up `attempts` (of one trainee) over `set`. Weakest: lowest mastery,
/// then lowest competency number. Next scenario: the weakest competency's
/// unplayed scenario of lowest difficulty, else its lowest best score.
Progress compute_progress(const std::vector<Attempt>& attempts, const engine::ScenarioSet& set,
                          const std::string& trainee);

}  // namespace diagdesk::workspace
