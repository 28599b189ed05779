// Imports: the importers write the articles; the workspace picks the target
// and keeps the index in step.
#include <diagdesk/workspace/import.hpp>

namespace diagdesk::workspace {

fs::path user_kb_dir(const Options& options) {
  return (options.data_dir.empty() ? default_data_dir() : options.data_dir) / "kb";
}

ImportResult import_articles(const Options& options, importers::ImportOptions request) {
  ImportResult out;
  if (request.target.empty()) request.target = user_kb_dir(options);
  out.report = importers::run_import(request);
  if (request.dry_run) {
    out.index_note = "index not updated: dry run";
  } else if (out.report.changed_ids.empty()) {
    out.index_note = "index up to date: no article changed";
  } else {
    // TODO(index): call the workspace's index sync once it exists (kb::Index::sync
    // needs every document, trees included, which only the workspace assembles).
    // Until then the index picks the new articles up on its next sync.
    out.index_note = std::to_string(out.report.changed_ids.size()) +
                     " articles changed; the search index takes them in on its next update";
  }
  return out;
}

}  // namespace diagdesk::workspace
