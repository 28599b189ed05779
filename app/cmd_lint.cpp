// diagdesk lint [PATH...]: checks the bundled data or the given files.
#include "cli.hpp"

#include <iostream>

namespace diagdesk::cli {

Runner add_lint(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("lint", "Check trees, rules, facts and links; exit 1 on errors");
  static std::vector<std::string> paths;
  cmd->add_option("paths", paths, "Files or folders to check (default: every loaded layer)");
  cmd->add_flag("--json", g.json, "Print JSON");
  return [&g] {
    for (const auto& p : paths) {
      std::error_code ec;
      if (!std::filesystem::exists(p, ec)) return fail("lint: " + p + ": no such file or folder");
    }
    auto ws = workspace::Workspace::open(g.options());
    std::vector<std::filesystem::path> fs_paths(paths.begin(), paths.end());
    const auto diagnostics = ws.lint(fs_paths);
    const std::size_t errors = engine::count_errors(diagnostics);
    if (g.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& d : diagnostics) {
        out.push_back({{"severity", d.severity == engine::Severity::error ? "error" : "warning"},
                       {"code", d.code}, {"file", d.pos.file}, {"line", d.pos.line}, {"column", d.pos.column},
                       {"message", d.message}});
      }
      print_json(out);
    } else {
      for (const auto& d : diagnostics) std::cout << engine::format(d) << '\n';
      std::cerr << "diagdesk lint: " << errors << " error(s), " << (diagnostics.size() - errors) << " warning(s) in "
                << ws.knowledge()->trees().size() << " trees, " << ws.knowledge()->rules().size() << " rules\n";
    }
    return errors == 0 ? exit_ok : exit_failed;
  };
}

}  // namespace diagdesk::cli
