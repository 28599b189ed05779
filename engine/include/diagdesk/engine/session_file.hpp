#pragma once
/// Saving and resuming sessions, and the intervention report.

#include <diagdesk/base/safe_file.hpp>
#include <diagdesk/engine/session.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace diagdesk::engine {

/// Who and what the report is about, beyond the session itself.
struct ReportInfo {
  std::string operator_name;
  std::string symptom;      ///< the user's words, if known
  std::int64_t date = 0;    ///< Unix seconds; 0: now
  /// Remedy lines the operator confirmed as done (by index). The report lists
  /// the remedy as proposed unless every line is confirmed.
  std::vector<bool> remedy_done;
};

/// Serialises a session (TOML, `format = "diagdesk-session"`).
std::string session_to_toml(const Session& session, const ReportInfo& info = {});

/// Writes a session to `path` atomically (temporary file, then rename).
/// Returns an empty string or an error sentence.
std::string save_session(const Session& session, const std::filesystem::path& path,
                         const ReportInfo& info = {});

/// Result of loading a saved session.
struct LoadedSession {
  std::optional<Session> session;
  ReportInfo info;
  std::string error;  ///< "file:line:column: message" when refused
};

/// Loads and replays a saved session. A corrupt, foreign, too new or stale
/// file is refused with a clear message; the file is never modified.
LoadedSession load_session(std::shared_ptr<const Knowledge> knowledge,
                           const std::filesystem::path& path);
LoadedSession parse_session(std::shared_ptr<const Knowledge> knowledge, std::string_view text,
                            const std::string& source_name);

/// The transcript as a Markdown intervention report (fiche d'intervention):
/// facts and answers in words, the operator's values in the commands (only
/// the known OS's), the warnings that were shown, the remedy as proposed or done.
std::string render_report(const Session& session, Lang lang, const ReportInfo& info = {});

/// `t` (Unix seconds; 0: now) in local time with strftime's `fmt`, as reports print it.
std::string report_time_text(std::int64_t t, const char* fmt = "%Y-%m-%d %H:%M");

/// A report section: "## heading", then the items as a bulleted list ("none" when empty).
std::string list_section_markdown(const std::string& heading, const std::vector<std::string>& items, Lang lang);

/// A conclusion's remedy as report Markdown: "Remedy applied" when every line was
/// confirmed done in `info`, else "Proposed remedy", each line marked; then its articles.
std::string remedy_markdown(const Node& end, const ReportInfo& info, Lang lang,
                            const std::function<std::string(const std::string&)>& fill);

/// Writes `content` to `path` atomically through base::write_file_atomic
/// (only a regular file or a new path, never through a symbolic link, never a
/// device, folder or FIFO; a failed write leaves the old file). Returns "" or
/// the failure in `lang`, naming the file (file_error_text).
std::string write_file_atomic(const std::filesystem::path& path, std::string_view content, Lang lang = Lang::en);

/// A failed read or write (`writing`) in `lang`, naming the file and the reason
/// (strings safety.write.* and safety.read.*).
std::string file_error_text(const base::FileStatus& status, Lang lang, bool writing = true);

/// The largest saved session read back (1 MiB; a real one is a few kilobytes).
inline constexpr std::uintmax_t max_session_bytes = 1024u * 1024u;

}  // namespace diagdesk::engine
