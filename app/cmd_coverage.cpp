// diagdesk coverage [--json]: trees, articles and scenarios per competency.
#include "cli.hpp"

#include <diagdesk/workspace/coverage.hpp>

#include <iostream>

namespace diagdesk::cli {

Runner add_coverage(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("coverage", "Trees, articles and scenarios per competency; thin ones flagged");
  cmd->add_flag("--json", g.json, "Print JSON");
  return [&g] {
    auto ws = open_workspace(g);
    const auto rows = workspace::coverage(*ws, g.language());
    if (g.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& r : rows) {
        out.push_back({{"competency", r.competency}, {"name", r.name}, {"trees", r.trees}, {"articles", r.articles},
                       {"scenarios", r.scenarios}, {"thin", r.thin}});
      }
      print_json(out);
    } else {
      std::cout << workspace::render_coverage(rows, g.language());
    }
    return exit_ok;
  };
}

}  // namespace diagdesk::cli
