// diagdesk index [--rebuild]: brings the search index in line with the KB
// files (incremental; rebuilt when missing, stale or corrupt) and says what it did.
#include "cli.hpp"

#include <diagdesk/workspace/search.hpp>

#include <iostream>

namespace diagdesk::cli {

Runner add_index(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("index", "Update the search index from the KB files (--rebuild: from scratch)");
  static bool rebuild = false;
  cmd->add_flag("--rebuild", rebuild, "Throw the index away and build it again");
  cmd->add_flag("--json", g.json, "Print JSON");
  return [&g] {
    const engine::Lang lang = g.language();
    auto ws = open_workspace(g);
    workspace::Search search(*ws);
    const kb::SyncReport r = search.update_index(rebuild ? kb::SyncMode::rebuild : kb::SyncMode::incremental,
                                                 g.json ? kb::SyncProgress{} : terminal_progress(lang));
    const std::size_t problems = kb::count_errors(search.diagnostics());
    if (g.json) {
      print_json(nlohmann::json{{"action", kb::to_string(r.action)}, {"reason", kb::to_string(r.reason)},
                                  {"error", kb::to_string(r.error)}, {"added", r.added}, {"changed", r.changed},
                                  {"removed", r.removed}, {"unchanged", r.unchanged}, {"total", r.total},
                                  {"seconds", r.seconds}, {"message", r.message}, {"warnings", r.warnings},
                                  {"path", search.index_dir().string()}, {"article_errors", problems},
                                  {"notices", workspace::sync_notices(r, lang)}});
    } else {
      std::cout << workspace::describe(r, lang) << "\n  " << search.index_dir().string() << '\n';
      for (const auto& w : r.warnings) std::cerr << "diagdesk: " << w << '\n';
      for (const auto& n : workspace::sync_notices(r, lang)) std::cerr << "diagdesk: " << n << '\n';
      for (const auto& d : search.diagnostics())
        if (d.severity == kb::Severity::error) std::cerr << kb::format(d) << '\n';
    }
    return r.action == kb::IndexAction::failed || r.action == kb::IndexAction::read_only ? exit_failed : exit_ok;
  };
}

}  // namespace diagdesk::cli
