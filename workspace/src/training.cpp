// Training in the workspace: scenario folders, the lint hook, SQLite progress.
//
// [SECTION] Scenarios and lint
// [SECTION] Progress database: opening, moving a damaged file aside
// [SECTION] Progress database: reading and writing
// [SECTION] Progress summary
#include <diagdesk/workspace/training.hpp>

#include <diagdesk/engine/training_lint.hpp>
#include <diagdesk/service/priority.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

namespace diagdesk::workspace {

// [SECTION] Scenarios and lint ----------------------------------------------------------

std::vector<fs::path> scenario_dirs(const Workspace& ws) {
  std::vector<fs::path> out;
  for (const auto& layer : ws.layers()) {
    std::error_code ec;
    if (fs::is_directory(layer.path / "scenarios", ec)) out.push_back(layer.path / "scenarios");
  }
  return out;
}

engine::PriorityGrid priority_grid(const std::vector<fs::path>& roots) {
  std::vector<fs::path> files;
  for (const auto& root : roots) {
    std::error_code ec;
    if (fs::is_regular_file(root / "service" / "priority.toml", ec)) files.push_back(root / "service" / "priority.toml");
  }
  engine::PriorityGrid grid;
  if (files.empty()) return grid;
  // A bad matrix file is the service linter's to report; here its good cells still count.
  const service::LoadedMatrix loaded = service::load_priority_matrix(files);
  for (int i = 0; i < 3; ++i) {
    for (int u = 0; u < 3; ++u) {
      grid.cells[i][u] = loaded.matrix.priority(static_cast<service::Grade>(i), static_cast<service::Grade>(u));
    }
  }
  grid.source = files.size() == 1 ? files.front().string() : "the matrix of " + files.back().string() + " over the other layers";
  return grid;
}

engine::ScenarioSet load_scenarios(const Workspace& ws) {
  std::vector<fs::path> roots;
  for (const auto& layer : ws.layers()) roots.push_back(layer.path);
  return engine::load_scenarios(scenario_dirs(ws), ws.knowledge()->facts(), priority_grid(roots));
}

bool is_scenario_path(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return path.filename() == "scenarios" || (path.filename().empty() && path.parent_path().filename() == "scenarios");
  if (path.extension() != ".toml" || !fs::is_regular_file(path, ec)) return false;
  if (path.parent_path().filename() == "scenarios") return true;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("[expected]", 0) == 0 || line.rfind("[parts.", 0) == 0) return true;
  }
  return false;
}

void lint_training(std::shared_ptr<const engine::Knowledge> knowledge, const std::vector<fs::path>& roots,
                   const std::vector<std::string>& article_topics, std::vector<engine::Diagnostic>& out) {
  std::vector<fs::path> paths;
  for (const auto& root : roots) {
    std::error_code ec;
    if (is_scenario_path(root)) paths.push_back(root);
    else if (fs::is_directory(root / "scenarios", ec)) paths.push_back(root / "scenarios");
  }
  if (paths.empty()) return;
  engine::ScenarioSet set = engine::load_scenarios(paths, knowledge->facts(), priority_grid(roots));
  for (auto& d : set.diagnostics) out.push_back(std::move(d));
  engine::lint_scenarios(knowledge, set, out, &article_topics);
  if (!set.scenarios.empty()) engine::lint_tree_coverage(std::move(knowledge), set, out);
}

// [SECTION] Progress database: opening, moving a damaged file aside --------------------------

std::string default_trainee() {
  for (const char* var : {"DIAGDESK_TRAINEE", "USER", "LOGNAME"}) {
    if (const char* v = std::getenv(var); v && *v) return v;
  }
  return "trainee";
}

fs::path progress_file(const fs::path& data_dir) { return data_dir / "training.sqlite"; }
fs::path progress_file(const Workspace& ws) { return progress_file(ws.options().data_dir); }

Attempt make_attempt(const engine::TrainingRun& run, const std::string& trainee, std::int64_t seconds,
                     std::int64_t finished_at) {
  const engine::Score s = run.score();
  Attempt a;
  a.trainee = trainee;
  a.scenario = run.scenario().id;
  a.competency = run.scenario().competency;
  a.mode = std::string(engine::mode_name(run.mode()));
  a.score = s.total;
  a.diagnosis_ok = s.diagnosis_ok;
  a.outcome_ok = s.outcome_ok;
  a.priority_ok = s.priority_ok;
  a.efficiency = s.efficiency;
  a.method = s.method.count();
  a.time_units = s.time_units;
  a.seconds = seconds;
  a.finished_at = finished_at;
  for (const auto& t : run.tokens()) a.actions += (a.actions.empty() ? "" : ",") + t;
  if (s.optimum) {
    a.optimum_percent = s.optimum->percent;
    a.minutes = s.optimum->trainee_minutes;
    a.optimum_minutes = s.optimum->plan.minutes;
  }
  return a;
}

namespace {

constexpr int progress_schema = 1;

const char* const schema_sql = R"SQL(
CREATE TABLE IF NOT EXISTS attempts (
  id INTEGER PRIMARY KEY,
  trainee TEXT NOT NULL,
  scenario TEXT NOT NULL,
  competency INTEGER NOT NULL,
  mode TEXT NOT NULL,
  score INTEGER NOT NULL,
  diagnosis_ok INTEGER NOT NULL,
  outcome_ok INTEGER NOT NULL,
  priority_ok INTEGER NOT NULL,
  efficiency INTEGER NOT NULL,
  method INTEGER NOT NULL,
  time_units INTEGER NOT NULL,
  seconds INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  actions TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_trainee ON attempts(trainee, competency);
)SQL";

/// Columns added after schema 1, nullable, so files stay readable both ways: a file
/// from before them gets them on open, and a Diagdesk without them ignores them.
const char* const added_columns[][2] = {
    {"optimum_percent", "INTEGER"},  // efficiency against the optimum (issue 16)
    {"minutes", "REAL"},
    {"optimum_minutes", "REAL"},
};

/// Adds the missing added_columns. Returns "" or the SQLite error.
std::string add_columns(sqlite3* db) {
  for (const auto& [name, type] : added_columns) {
    sqlite3_stmt* st = nullptr;
    const std::string probe = std::string("SELECT ") + name + " FROM attempts LIMIT 0";
    const bool present = sqlite3_prepare_v2(db, probe.c_str(), -1, &st, nullptr) == SQLITE_OK;
    sqlite3_finalize(st);
    if (present) continue;
    const std::string alter = std::string("ALTER TABLE attempts ADD COLUMN ") + name + " " + type;
    char* err = nullptr;
    if (sqlite3_exec(db, alter.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string e = err ? err : "unknown error";
      sqlite3_free(err);
      return e;
    }
  }
  return {};
}

/// The single value of a one-row query, or nullopt on any SQLite error.
std::optional<std::string> query_value(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) return std::nullopt;
  std::optional<std::string> out;
  const int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(st, 0);
    out = text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
  } else if (rc == SQLITE_DONE) {
    out = std::string();
  }
  sqlite3_finalize(st);
  return out;
}

std::string utc_stamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

/// Why the file cannot be used as it is: "" when fine, "too new: ..." when
/// made by a newer program, any other sentence when damaged.
std::string check_file(sqlite3* db) {
  auto check = query_value(db, "PRAGMA quick_check");
  if (!check) return std::string("SQLite cannot read it (") + sqlite3_errmsg(db) + ")";
  if (*check != "ok") return "its integrity check failed (" + *check + ")";
  auto version = query_value(db, "PRAGMA user_version");
  if (!version) return std::string("SQLite cannot read it (") + sqlite3_errmsg(db) + ")";
  if (std::atoi(version->c_str()) > progress_schema) {
    return "too new: it was written by a newer Diagdesk (schema " + *version + ")";
  }
  auto table = query_value(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'attempts'");
  if (!table) return std::string("SQLite cannot read it (") + sqlite3_errmsg(db) + ")";
  if (!table->empty()) {
    // A table from elsewhere with our name but not our columns is as good as damaged.
    sqlite3_stmt* st = nullptr;
    const bool ok = sqlite3_prepare_v2(db, "SELECT trainee, scenario, competency, mode, score, diagnosis_ok, outcome_ok, "
                                           "priority_ok, efficiency, method, time_units, seconds, finished_at, actions "
                                           "FROM attempts LIMIT 0", -1, &st, nullptr) == SQLITE_OK;
    sqlite3_finalize(st);
    if (!ok) return "its 'attempts' table has unexpected columns";
  }
  return {};
}

}  // namespace

ProgressStore::Opened ProgressStore::open(const fs::path& file) {
  Opened out;
  std::error_code ec;
  if (!file.parent_path().empty()) fs::create_directories(file.parent_path(), ec);
  if (ec) {
    out.error = "cannot create the folder " + file.parent_path().string() + ": " + ec.message();
    return out;
  }
  if (fs::exists(file, ec)) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    std::string problem = rc == SQLITE_OK ? check_file(db) : std::string("SQLite cannot open it (") +
                                                                 (db ? sqlite3_errmsg(db) : "out of memory") + ")";
    sqlite3_close(db);
    if (problem.rfind("too new", 0) == 0) {
      out.error = "progress file " + file.string() + " is " + problem + ": update Diagdesk (the file is left as it is)";
      return out;
    }
    if (!problem.empty()) {
      // Keep the damaged file for inspection; never delete a trainee's history.
      fs::path aside = file;
      aside += ".corrupt-" + utc_stamp();
      for (int n = 2; fs::exists(aside, ec); ++n) {
        aside = file;
        aside += ".corrupt-" + utc_stamp() + "-" + std::to_string(n);
      }
      fs::rename(file, aside, ec);
      if (ec) {
        out.error = "progress file " + file.string() + " is damaged (" + problem + ") and cannot be moved aside: " + ec.message();
        return out;
      }
      for (const char* suffix : {"-journal", "-wal", "-shm"}) {
        fs::path side = file;
        side += suffix;
        if (fs::exists(side, ec)) {
          fs::path side_aside = aside;
          side_aside += suffix;
          fs::rename(side, side_aside, ec);
        }
      }
      out.moved_to = aside.string();
      out.notice = "the training progress file was damaged (" + problem + "): it was kept as " + aside.string() +
                   " and a fresh one was started";
    }
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    out.error = "cannot open the progress file " + file.string() + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return out;
  }
  sqlite3_busy_timeout(db, 3000);
  char* err = nullptr;
  const std::string init = std::string(schema_sql) + "PRAGMA user_version = " + std::to_string(progress_schema) + ";";
  if (sqlite3_exec(db, init.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    out.error = "cannot prepare the progress file " + file.string() + ": " + (err ? err : "unknown error");
    sqlite3_free(err);
    sqlite3_close(db);
    return out;
  }
  if (const std::string e = add_columns(db); !e.empty()) {
    out.error = "cannot prepare the progress file " + file.string() + ": " + e;
    sqlite3_close(db);
    return out;
  }
  out.store.reset(new ProgressStore(db, file));
  return out;
}

ProgressStore::~ProgressStore() { sqlite3_close(m_db); }

// [SECTION] Progress database: reading and writing -----------------------------------------

std::string ProgressStore::record(const Attempt& a) {
  const char* sql =
      "INSERT INTO attempts (trainee, scenario, competency, mode, score, diagnosis_ok, outcome_ok, priority_ok, "
      "efficiency, method, time_units, seconds, finished_at, actions, optimum_percent, minutes, optimum_minutes) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr) != SQLITE_OK) {
    return std::string("cannot record the attempt: ") + sqlite3_errmsg(m_db);
  }
  int i = 0;
  auto text = [&](const std::string& s) { sqlite3_bind_text(st, ++i, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT); };
  auto num = [&](std::int64_t n) { sqlite3_bind_int64(st, ++i, n); };
  text(a.trainee);
  text(a.scenario);
  num(a.competency);
  text(a.mode);
  num(a.score);
  num(a.diagnosis_ok);
  num(a.outcome_ok);
  num(a.priority_ok);
  num(a.efficiency);
  num(a.method);
  num(a.time_units);
  num(a.seconds);
  num(a.finished_at);
  text(a.actions);
  if (a.optimum_percent) num(*a.optimum_percent);
  else sqlite3_bind_null(st, ++i);
  for (const auto& m : {a.minutes, a.optimum_minutes}) {
    if (m) sqlite3_bind_double(st, ++i, *m);
    else sqlite3_bind_null(st, ++i);
  }
  const int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return std::string("cannot record the attempt: ") + sqlite3_errmsg(m_db);
  return {};
}

std::vector<Attempt> ProgressStore::attempts(const std::string& trainee) const {
  std::vector<Attempt> out;
  const char* sql =
      "SELECT trainee, scenario, competency, mode, score, diagnosis_ok, outcome_ok, priority_ok, efficiency, method, "
      "time_units, seconds, finished_at, actions, optimum_percent, minutes, optimum_minutes FROM attempts "
      "WHERE ?1 = '' OR trainee = ?1 ORDER BY id";
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr) != SQLITE_OK) return out;
  sqlite3_bind_text(st, 1, trainee.c_str(), static_cast<int>(trainee.size()), SQLITE_TRANSIENT);
  auto text = [&](int col) {
    const unsigned char* t = sqlite3_column_text(st, col);
    return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
  };
  while (sqlite3_step(st) == SQLITE_ROW) {
    Attempt a;
    a.trainee = text(0);
    a.scenario = text(1);
    a.competency = sqlite3_column_int(st, 2);
    a.mode = text(3);
    a.score = sqlite3_column_int(st, 4);
    a.diagnosis_ok = sqlite3_column_int(st, 5) != 0;
    a.outcome_ok = sqlite3_column_int(st, 6) != 0;
    a.priority_ok = sqlite3_column_int(st, 7) != 0;
    a.efficiency = sqlite3_column_int(st, 8);
    a.method = sqlite3_column_int(st, 9);
    a.time_units = sqlite3_column_int(st, 10);
    a.seconds = sqlite3_column_int64(st, 11);
    a.finished_at = sqlite3_column_int64(st, 12);
    a.actions = text(13);
    if (sqlite3_column_type(st, 14) != SQLITE_NULL) a.optimum_percent = sqlite3_column_int(st, 14);
    if (sqlite3_column_type(st, 15) != SQLITE_NULL) a.minutes = sqlite3_column_double(st, 15);
    if (sqlite3_column_type(st, 16) != SQLITE_NULL) a.optimum_minutes = sqlite3_column_double(st, 16);
    out.push_back(std::move(a));
  }
  sqlite3_finalize(st);
  return out;
}

std::vector<std::string> ProgressStore::trainees() const {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(m_db, "SELECT DISTINCT trainee FROM attempts ORDER BY trainee", -1, &st, nullptr) != SQLITE_OK) {
    return out;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
  }
  sqlite3_finalize(st);
  return out;
}

// [SECTION] Progress summary ------------------------------------------------------------------

Progress compute_progress(const std::vector<Attempt>& attempts, const engine::ScenarioSet& set,
                          const std::string& trainee) {
  Progress p;
  p.trainee = trainee;
  std::map<std::string, std::size_t> index;
  for (const auto& s : set.scenarios) {
    index[s.id] = p.scenarios.size();
    p.scenarios.push_back(ScenarioProgress{s.id, s.competency, s.difficulty, 0, -1, -1});
  }
  std::map<int, int> attempts_by_competency;
  for (const auto& a : attempts) {
    if (!trainee.empty() && a.trainee != trainee) continue;
    auto it = index.find(a.scenario);
    if (it == index.end()) continue;  // a scenario since removed: history kept, not counted
    ScenarioProgress& sp = p.scenarios[it->second];
    ++sp.attempts;
    sp.best = std::max(sp.best, a.score);
    sp.last = a.score;
    ++attempts_by_competency[sp.competency];
  }
  for (int c = 1; c <= 11; ++c) {
    CompetencyProgress cp;
    cp.competency = c;
    int sum = 0;
    for (const auto& sp : p.scenarios) {
      if (sp.competency != c) continue;
      ++cp.scenarios;
      if (sp.attempts > 0) {
        ++cp.played;
        sum += sp.best;
      }
    }
    if (cp.scenarios == 0) continue;
    cp.attempts = attempts_by_competency[c];
    cp.mastery = sum / cp.scenarios;
    p.competencies.push_back(cp);
  }
  std::vector<CompetencyProgress> ranked = p.competencies;
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const CompetencyProgress& a, const CompetencyProgress& b) { return a.mastery < b.mastery; });
  for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) p.weakest.push_back(ranked[i].competency);
  if (!p.weakest.empty()) {
    const ScenarioProgress* pick = nullptr;
    for (const auto& sp : p.scenarios) {
      if (sp.competency != p.weakest.front()) continue;
      auto key = [](const ScenarioProgress& s) { return std::tuple(s.attempts > 0, s.attempts > 0 ? s.best : s.difficulty, s.id); };
      if (!pick || key(sp) < key(*pick)) pick = &sp;
    }
    if (pick) p.next_scenario = pick->id;
  }
  return p;
}

}  // namespace diagdesk::workspace
