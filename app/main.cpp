// diagdesk: the command line. One sub-command per cmd_*.cpp file.
#include "cli.hpp"

#include <diagdesk/engine/i18n.hpp>

#include <csignal>
#include <iostream>

namespace diagdesk::cli {

workspace::Options Globals::options() const {
  workspace::Options o;
  if (!data.empty()) o.bundled = data;
  for (const auto& k : kb) o.layers.emplace_back(k);
  if (!data_dir.empty()) o.data_dir = data_dir;
  o.store = store;
  o.team_index = team_index;
  o.lang = language();
  return o;
}

engine::Lang Globals::language() const {
  if (auto l = engine::parse_lang(lang)) return *l;
  return workspace::default_lang();
}

int fail(const std::string& message, int code) {
  std::cerr << "diagdesk: " << message << '\n';
  return code;
}

std::optional<workspace::Workspace> open_workspace(const Globals& g, bool strict) {
  auto ws = workspace::Workspace::open(g.options());
  std::size_t shown = 0;
  for (const auto& d : ws.diagnostics()) {
    if (d.severity != engine::Severity::error) continue;
    if (++shown <= 20) std::cerr << engine::format(d) << '\n';
  }
  if (shown > 20) std::cerr << "diagdesk: ... and " << (shown - 20) << " more errors (run 'diagdesk lint')\n";
  if (strict && shown > 0) return std::nullopt;
  return ws;
}

}  // namespace diagdesk::cli

int main(int argc, char** argv) {
  using namespace diagdesk::cli;
  // Past the file-size limit (ulimit -f) a write must fail with EFBIG and be
  // reported with the file's name, not kill the program half-way.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"Diagdesk: guided troubleshooting and knowledge base for IT help desks"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "diagdesk 0.1.0");
  Globals g;
  app.add_option("--data", g.data, "Bundled knowledge-base folder")->envname("DIAGDESK_DATA");
  app.add_option("--kb", g.kb, "Extra knowledge-base folder (team or user layer); repeatable");
  app.add_option("--data-dir", g.data_dir, "Per-user data folder (index, sessions)")->envname("DIAGDESK_HOME");
  app.add_option("--lang", g.lang, "Language: fr or en")->check(CLI::IsMember({"fr", "en"}));
  app.add_option("--store", g.store,
                 "Team server of tickets and assets (postgresql://USER@HOST/DB; docs/team.md); default: the data folder's SQLite file")
      ->envname("DIAGDESK_STORE");
  app.add_option("--team-index", g.team_index,
                 "The team knowledge base's index served by xapian-tcpsrv, HOST:PORT, searched with the local layers")
      ->envname("DIAGDESK_TEAM_INDEX");
  app.fallthrough();

  std::vector<std::pair<CLI::App*, Runner>> commands;
  for (Registrar add : {&add_trees, &add_lint, &add_diagnose, &add_coverage, &add_import, &add_train, &add_search, &add_show, &add_index, &add_graph, &add_incident, &add_request, &add_db, &add_team, &add_stats, &add_asset, &add_problem, &add_quote, &add_privacy, &add_simulate, &add_model}) {
    const std::size_t before = app.get_subcommands({}).size();
    Runner run = add(app, g);
    commands.emplace_back(app.get_subcommands({}).at(before), std::move(run));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? exit_ok : exit_usage;
  }
  // Nothing may escape main: a bug or a library exception still ends with one
  // clear line on stderr and a non-zero exit, never an abort.
  try {
    for (auto& [sub, run] : commands) {
      if (sub->parsed()) return run();
    }
  } catch (const std::exception& e) {
    return fail(std::string("internal error: ") + e.what(), exit_failed);
  } catch (...) {
    return fail("internal error (unknown exception)", exit_failed);
  }
  return exit_usage;
}
