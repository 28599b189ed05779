// diagdesk index [--rebuild] [--out DIR]: brings the search index in line with
// the KB files (incremental; rebuilt when missing, stale or corrupt) and says
// what it did. With --out, the index of the --kb layers alone is built in DIR,
// for xapian-tcpsrv to serve to the team (docs/team.md).
#include "cli.hpp"

#include <diagdesk/workspace/search.hpp>

#include <filesystem>
#include <iostream>
#include <optional>

namespace diagdesk::cli {

Runner add_index(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("index", "Update the search index from the KB files (--rebuild: from scratch)");
  static bool rebuild = false;
  static std::string out;
  cmd->add_flag("--rebuild", rebuild, "Throw the index away and build it again");
  cmd->add_option("--out", out, "Build the index of the --kb layers alone in DIR (the team index xapian-tcpsrv serves)");
  cmd->add_flag("--json", g.json, "Print JSON");
  return [&g] {
    const engine::Lang lang = g.language();
    if (!out.empty() && g.kb.empty()) return fail(workspace::search_label("index.out_needs_kb", lang));
    auto ws = open_workspace(g);
    if (!ws) return exit_failed;
    std::optional<workspace::Search> made;
    if (out.empty()) made.emplace(*ws);
    else made.emplace(*ws, workspace::Search::Place{std::filesystem::absolute(out)});
    workspace::Search& search = *made;
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
