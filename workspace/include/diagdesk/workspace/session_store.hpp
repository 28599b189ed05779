#pragma once
/// Sessions kept under <data_dir>/sessions: the autosave of the session in
/// progress (written after every answer, offered for resumption at start)
/// and the archive of finished or put-aside sessions (the "recent" list).
/// Every write is atomic (temporary file, then rename).
///
///     SessionStore store(ws.sessions_dir());
///     store.autosave(session, info);              // after each answer
///     if (store.has_autosave()) auto resumed = store.load_autosave(ws.knowledge());
///     store.archive(session, info);               // at the end; clears the autosave
///     for (auto& e : store.recent(ws.knowledge(), 8)) ...

#include <diagdesk/engine/session_file.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace diagdesk::workspace {

/// One archived session, as listed in "recent sessions".
struct SessionEntry {
  std::filesystem::path path;
  std::string tree;            ///< start tree id
  std::int64_t started = 0;    ///< Unix seconds
  std::size_t answers = 0;
  bool concluded = false;
  std::string conclusion;      ///< diagnosis text when concluded (session language)
  std::string error;           ///< set when the file no longer loads
};

class SessionStore {
 public:
  /// `dir` is usually Workspace::sessions_dir(); created on first write.
  explicit SessionStore(std::filesystem::path dir);

  const std::filesystem::path& dir() const { return m_dir; }
  /// <dir>/autosave.toml
  std::filesystem::path autosave_path() const;

  /// Saves the session in progress. Returns "" or an error sentence.
  std::string autosave(const engine::Session& session, const engine::ReportInfo& info = {}) const;
  bool has_autosave() const;
  /// Loads the autosave; `error` is set when it is stale or corrupt.
  engine::LoadedSession load_autosave(std::shared_ptr<const engine::Knowledge> knowledge) const;
  /// Removes the autosave (after the operator declined to resume, or archived it).
  void clear_autosave() const;

  /// Saves the session as <dir>/<YYYYmmdd-HHMMSS>-<tree>.toml and clears the
  /// autosave. Returns "" or an error sentence; `saved` receives the path.
  std::string archive(const engine::Session& session, const engine::ReportInfo& info = {},
                      std::filesystem::path* saved = nullptr) const;

  /// The `max` most recent archived sessions, newest first (reads the files).
  std::vector<SessionEntry> recent(std::shared_ptr<const engine::Knowledge> knowledge,
                                   std::size_t max = 10) const;

 private:
  std::filesystem::path m_dir;
};

/// A short Markdown handover for a level-2 technician: what the user
/// reported, the facts, what was tried and observed, the operator's notes,
/// and the current or final diagnosis. Lighter than the full report.
std::string escalation_summary(const engine::Session& session, engine::Lang lang,
                               const engine::ReportInfo& info = {});

}  // namespace diagdesk::workspace
