#pragma once
/// An import run: walks the given files and folders, reads each file with
/// its reader, completes the articles (stable ids, language, links to
/// article ids), and writes them as canonical Markdown with front matter
/// into a KB folder, laid out as a KB layer: `<target>/articles/<lang>/<topic>.md`
/// (the layout of data/, see data/README.md). Never touches the index:
/// the report lists what changed so the caller (the workspace) can update it.
///
///     diagdesk::importers::ImportOptions o;
///     o.inputs = {"/usr/share/help/C/gnome-help"};
///     o.target = data_dir / "kb";
///     auto report = diagdesk::importers::run_import(o);
///     std::cout << diagdesk::importers::format_report(report);
///     return report.failed() ? 1 : 0;
///
/// Rules of a run:
/// - Every write goes through kb::write_file_atomic (temporary file, then
///   rename): an interrupted run leaves whole articles only, and the next run
///   finishes the job.
/// - An article is rewritten only when its canonical text changed. A small
///   state file in the target (`.diagdesk-import`) remembers each source's
///   size and date and what it produced, so an unchanged source is not even
///   read again; losing that file only costs time.
/// - An article edited by hand after its import, or an article with the same
///   id that came from elsewhere, is not overwritten without `force`.
/// - Articles a source produced before and no longer produces (a CSV row
///   removed or renamed) are deleted, unless edited since.
/// - Articles whose source file is gone from a folder being imported (the
///   file was deleted or renamed) are listed in `ImportReport::missing` and
///   deleted, unless `keep_missing`, a dry run, or edited since. Only sources
///   inside the folders of this run count: other imports' articles and
///   hand-written ones are never touched.
/// - One bad file never stops the run; each gets its own status and reason.

#include <diagdesk/importers/encoding.hpp>
#include <diagdesk/importers/source.hpp>
#include <diagdesk/kb/diagnostic.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::importers {

/// Files larger than this are refused (ImportOptions::max_bytes).
inline constexpr std::uintmax_t default_max_bytes = 50ull * 1024 * 1024;

/// Progress of a run, for a progress bar: called before each file.
struct Progress {
  std::size_t done = 0;   ///< files finished
  std::size_t total = 0;  ///< files to look at
  std::filesystem::path current;
};

struct ImportOptions {
  std::vector<std::filesystem::path> inputs;  ///< files and folders (walked recursively)
  std::filesystem::path target;               ///< KB layer folder written to (created when missing)
  Format format = Format::automatic;          ///< forced reader, or detect per file
  std::string lang;                           ///< "fr"/"en" forces the language; empty: detect
  std::string domain;                         ///< domain given to every article; empty: keep the file's
  CsvMapping csv;                             ///< CSV column mapping (csv.hpp)
  bool dry_run = false;                       ///< do everything but write
  bool force = false;                         ///< overwrite articles edited or owned elsewhere
  bool keep_missing = false;                  ///< keep (but report) articles whose source file is gone
  std::uintmax_t max_bytes = default_max_bytes;
  std::function<void(const Progress&)> on_progress;  ///< may be null
};

/// What happened to a file or an article.
enum class Status { imported, updated, unchanged, skipped, failed };
/// "imported", "updated", "unchanged", "skipped", "failed".
const char* to_string(Status status);

/// One article produced (or not) by a file.
struct ArticleOutcome {
  std::string id;
  std::string title;
  std::string lang;
  std::string lang_from;   ///< "option", "front matter", "html lang", "path C/", "detected"...
  std::string key;         ///< CSV row key, empty otherwise
  int line = 0;            ///< CSV row line
  std::filesystem::path path;  ///< the article file in the target
  Status status = Status::imported;
  std::string reason;      ///< why skipped or failed
};

/// One source file.
struct FileOutcome {
  std::filesystem::path path;
  Format format = Format::automatic;
  std::string encoding;    ///< to_string(Encoding), empty when not read
  std::uintmax_t bytes = 0;
  Status status = Status::imported;
  std::string reason;      ///< one sentence for skipped and failed files
  /// The reason as a key of data/ui/strings.toml (safety.import.reason.*)
  /// and its arguments, when it has one: format_report says it in the
  /// caller's language.
  std::string reason_key;
  std::vector<std::string> reason_args;
  std::vector<ArticleOutcome> articles;
  std::vector<kb::Diagnostic> diagnostics;  ///< warnings and errors, with line and column
};

/// What was done with an article whose source file is gone.
enum class MissingAction {
  removed,        ///< deleted from the target
  would_remove,   ///< dry run: would be deleted
  kept,           ///< kept on request (ImportOptions::keep_missing)
  kept_edited,    ///< kept: edited by hand since its import
  kept_unrecorded ///< kept: no import record tells it is unedited (state file lost); `force` deletes it
};
/// "removed", "would be removed", "kept (--keep-missing)", "kept (edited since its import)",
/// "kept (no import record; --force removes it)".
const char* to_string(MissingAction action);

/// An article of the target whose source file no longer exists in the
/// folder it was imported from.
struct MissingArticle {
  std::string id;
  std::filesystem::path path;    ///< the article file in the target
  std::filesystem::path source;  ///< the source file that is gone (without a CSV `#row`)
  MissingAction action = MissingAction::removed;
};

/// Counts by status.
struct Counts {
  std::size_t imported = 0, updated = 0, unchanged = 0, skipped = 0, failed = 0;
  std::size_t total() const { return imported + updated + unchanged + skipped + failed; }
};

/// The whole run.
struct ImportReport {
  std::filesystem::path target;
  bool dry_run = false;
  std::vector<FileOutcome> files;  ///< in the order read
  Counts file_counts;
  Counts article_counts;
  std::size_t removed = 0;         ///< stale articles deleted (rows gone and sources gone)
  /// Articles whose source file is gone, by source then id (see MissingAction).
  std::vector<MissingArticle> missing;
  std::uintmax_t bytes_read = 0;   ///< source bytes actually read
  /// Pages the folder walk left out because a folder or file suffix names
  /// another language than fr/en ("id/", "pt_BR/", "faq.ja.html"), and those
  /// languages as named, sorted: one summary line, not one per file.
  std::size_t foreign_pages = 0;
  std::vector<std::string> foreign_languages;
  /// Links to a page of the same folder that is imported itself: aliases, left out.
  std::size_t aliases = 0;
  double seconds = 0;
  /// Ids written or deleted: what an index must refresh.
  std::vector<std::string> changed_ids;
  /// A problem with the run itself (no input, target not usable); files are
  /// then reported failed with the same reason.
  std::string error;

  bool failed() const { return !error.empty() || file_counts.failed > 0; }
};

/// Runs an import. Never throws.
ImportReport run_import(const ImportOptions& options);

/// The report for people: one line per file that was imported, updated,
/// skipped or failed (unchanged files and unsupported files met while walking
/// a folder are only counted unless `verbose`), its warnings, then totals
/// with files/s and MB/s.
/// Words of the report in the user's language: `key` is a safety.import.*
/// key of data/ui/strings.toml, `args` fill its {1}, {2}... The importers know
/// no language: the program passes its translations (engine::tr); empty, the
/// report is in English.
using ReportWords = std::function<std::string(std::string_view key, const std::vector<std::string>& args)>;
std::string format_report(const ImportReport& report, bool verbose = false, const ReportWords& words = {});
/// The English pattern of a safety.import.* key ({1}, {2}... for arguments),
/// the key itself when unknown; what format_report says without `words`.
std::string report_english(std::string_view key);

/// One line for a terminal progress bar, `width` columns wide:
/// "[#########.........]  120/293  net-wireless-connect.page".
std::string progress_line(const Progress& progress, int width = 80);

}  // namespace diagdesk::importers
