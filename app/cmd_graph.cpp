// diagdesk graph TREE [--format dot|svg] [-o FILE]: a tree as a diagram for
// documentation, laid out by Graphviz (the same diagram as the GUI's author mode).
#include "cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session_file.hpp>
#include <diagdesk/engine/training_sim.hpp>
#include <diagdesk/workspace/graph.hpp>

#include <iostream>

namespace diagdesk::cli {

Runner add_graph(CLI::App& app, Globals& g) {
  struct Options {
    std::string tree;
    std::string format = "dot";
    std::string output;
    std::size_t wrap = 30;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("graph", "Export a troubleshooting tree as a diagram (Graphviz DOT or SVG)");
  cmd->add_option("tree", o->tree, "Tree id (see 'diagdesk trees')")->required();
  cmd->add_option("--format,-f", o->format, "dot (text, for Graphviz tools) or svg (laid out)")
      ->check(CLI::IsMember({"dot", "svg"}));
  cmd->add_option("--output,-o", o->output, "Write to FILE instead of the standard output");
  cmd->add_option("--wrap", o->wrap, "Characters per label line (default 30)")->check(CLI::Range(10, 200));
  return [&g, o] {
    auto ws = open_workspace(g);
    const engine::Tree* tree = ws->knowledge()->find_tree(o->tree);
    if (!tree) return fail("unknown tree '" + o->tree + "' (see 'diagdesk trees')");
    if (tree->nodes.size() > workspace::max_diagram_nodes)
      return fail(engine::format_text(engine::tr("safety.graph.too_big", g.language()),
                                      {o->tree, std::to_string(tree->nodes.size()),
                                       std::to_string(workspace::max_diagram_nodes)}));
    workspace::DiagramOptions options;
    options.lang = g.language();
    options.wrap = o->wrap;
    std::string text = workspace::tree_dot(*tree, *ws->knowledge(), options);
    if (o->format == "svg") {
      auto svg = workspace::render_dot(text, "svg");
      if (!svg.error.empty()) return fail(svg.error, exit_failed);
      text = std::move(svg.text);
    }
    if (o->output.empty()) {
      std::cout << text;
      return exit_ok;
    }
    return write_output(o->output, text, options.lang);
  };
}

}  // namespace diagdesk::cli
