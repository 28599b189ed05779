// Imports: the importers write the articles; the workspace picks the target
// and keeps the index in step.
#include <diagdesk/workspace/import.hpp>
#include <diagdesk/workspace/search.hpp>

namespace diagdesk::workspace {
namespace {

fs::path canonical_or_same(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? p.lexically_normal() : c;
}

}  // namespace

fs::path user_kb_dir(const Options& options) {
  return (options.data_dir.empty() ? default_data_dir() : options.data_dir) / "kb";
}

ImportResult import_articles(const Options& options, importers::ImportOptions request) {
  ImportResult out;
  if (request.target.empty()) request.target = user_kb_dir(options);
  out.report = importers::run_import(request);
  if (request.dry_run) {
    out.index_note = "index not updated: dry run";
    return out;
  }
  if (out.report.changed_ids.empty()) {
    out.index_note = "index not touched: no article changed";
    return out;
  }
  // The index holds the workspace's layers; it is updated when the target
  // is one of them. Indexing another folder here would be undone by the next
  // update, which only sees the layers.
  Workspace ws = Workspace::open(options);
  const fs::path target = canonical_or_same(request.target);
  bool is_layer = false;
  for (const auto& l : ws.layers()) is_layer |= canonical_or_same(l.path) == target;
  if (!is_layer) {
    out.index_note = "index not updated: '" + request.target.string() +
                     "' is not one of the KB layers searched; add it with --kb " + request.target.string();
    return out;
  }
  Search search(ws);
  kb::SyncReport r = search.update_index();
  out.index_updated = r.action != kb::IndexAction::failed && r.action != kb::IndexAction::read_only;
  out.index_note = describe(r, options.lang);
  return out;
}

}  // namespace diagdesk::workspace
