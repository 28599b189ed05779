// diagdesk show ID: prints an article (Markdown) or a tree summary.
#include "cli.hpp"

#include <diagdesk/workspace/search.hpp>

#include <iostream>

namespace diagdesk::cli {

Runner add_show(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("show", "Print an article (by id or topic) or a summary of a troubleshooting tree");
  static std::string id;
  cmd->add_option("id", id, "Article id (net.apipa.fr), article topic (net.apipa) or tree id")->required();
  cmd->add_flag("--json", g.json, "Print JSON");
  return [&g] {
    const engine::Lang lang = g.language();
    auto ws = open_workspace(g);
    workspace::Search search(*ws);
    auto shown = search.show(id, lang);
    if (!shown) return fail("show: no article or tree '" + id + "' (try 'diagdesk search')", exit_failed);
    if (!shown->error.empty()) return fail("show: " + shown->error, exit_failed);
    if (g.json) {
      print_json(nlohmann::json{{"kind", shown->kind}, {"id", shown->id}, {"title", shown->title},
                                  {"markdown", shown->markdown}});
    } else {
      std::cout << shown->markdown;
    }
    return exit_ok;
  };
}

}  // namespace diagdesk::cli
