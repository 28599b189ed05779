#pragma once
/// Imports for both front ends: files and folders in other formats become
/// articles of a KB folder (by default the user's own layer), then the
/// search index is brought up to date.
///
///     diagdesk::importers::ImportOptions o;
///     o.inputs = {"~/notes"};
///     auto done = diagdesk::workspace::import_articles(ws_options, o);
///     std::cout << diagdesk::importers::format_report(done.report);
///     return done.report.failed() ? 1 : 0;

#include <diagdesk/importers/import.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <string>

namespace diagdesk::workspace {

/// The user's own KB layer, where imports go by default: `<data_dir>/kb`
/// (data_dir from `options`, else default_data_dir()).
fs::path user_kb_dir(const Options& options);

/// An import and what followed it.
struct ImportResult {
  importers::ImportReport report;
  bool index_updated = false;  ///< the search index took the changes in
  /// What happened to the search index, one sentence ("not updated: dry run"...).
  std::string index_note;
};

/// Runs an import into `request.target`, or into user_kb_dir(options) when
/// it is empty, then, when articles changed and the target is one of the
/// workspace's KB layers, updates the search index (Search::update_index).
/// Never throws; see importers::run_import for the rules of a run.
ImportResult import_articles(const Options& options, importers::ImportOptions request);

}  // namespace diagdesk::workspace
