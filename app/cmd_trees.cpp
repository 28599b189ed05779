// diagdesk trees [--json]: lists the troubleshooting trees.
#include "cli.hpp"

#include <iomanip>
#include <iostream>

namespace diagdesk::cli {

Runner add_trees(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("trees", "List the troubleshooting trees (id, title, domain, competency)");
  cmd->add_flag("--json", g.json, "Print JSON");
  return [&g] {
    auto ws = open_workspace(g);
    const auto trees = ws->trees(g.language());
    if (g.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& t : trees) {
        out.push_back({{"id", t.id}, {"title", t.title}, {"domain", t.domain}, {"competency", t.competency}, {"layer", t.layer}});
      }
      print_json(out);
      return exit_ok;
    }
    std::size_t width = 4;
    for (const auto& t : trees) width = std::max(width, t.id.size());
    for (const auto& t : trees) {
      std::cout << std::left << std::setw(static_cast<int>(width) + 2) << t.id << std::setw(11) << t.domain << "C"
                << std::setw(4) << t.competency << t.title << '\n';
    }
    return exit_ok;
  };
}

}  // namespace diagdesk::cli
