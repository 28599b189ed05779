#pragma once
/// Trees as diagrams: nodes and labelled arrows, laid out by Graphviz's
/// library ("dot" layout). Used by `diagdesk graph` (DOT / SVG export) and by
/// the GUI's author mode, which draws the laid-out diagram itself.
///
///     const auto* tree = ws.knowledge()->find_tree("prn.not_printing");
///     std::string dot = diagdesk::workspace::tree_dot(*tree, *ws.knowledge(), Lang::fr);
///     auto svg = diagdesk::workspace::render_svg(dot);      // svg.text or svg.error
///     auto d = diagdesk::workspace::layout_tree(*tree, *ws.knowledge(), {});
///     for (auto& n : d.nodes) draw_box(n.x - n.width / 2, n.y - n.height / 2, ...);
///
/// Graphviz keeps global state and is not thread-safe: every function here
/// takes one process-wide lock, so they may be called from any thread.

#include <diagdesk/engine/knowledge.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diagdesk::workspace {

/// A point in diagram coordinates: points (1/72 inch), origin top-left, y down.
struct DiagramPoint {
  double x = 0;
  double y = 0;
};

/// A laid-out node: centre, size, the label's lines, and what it is.
struct DiagramNode {
  std::string id;                  ///< node id in the tree
  engine::NodeKind kind = engine::NodeKind::question;
  std::vector<std::string> lines;  ///< label, already wrapped
  double x = 0, y = 0;             ///< centre
  double width = 0, height = 0;
};

/// A laid-out arrow: a cubic B-spline (1 + 3k points) ending near the head
/// node, where `arrow_tip` is the tip of the arrowhead.
struct DiagramEdge {
  std::string from;
  std::string to;
  std::string label;               ///< choice label, already wrapped with '\n'
  enum class Kind { choice, dont_know, next } kind = Kind::choice;
  std::vector<DiagramPoint> spline;
  bool has_arrow = false;
  DiagramPoint arrow_tip;
  bool has_label = false;
  DiagramPoint label_pos;          ///< centre of the label
};

/// A whole laid-out tree. `error` is set (and the rest empty) when Graphviz failed.
struct Diagram {
  std::string tree;
  double width = 0, height = 0;
  std::vector<DiagramNode> nodes;
  std::vector<DiagramEdge> edges;
  std::string error;
};

/// How to label and size the diagram.
struct DiagramOptions {
  engine::Lang lang = engine::Lang::en;
  /// Characters per label line before wrapping (node texts).
  std::size_t wrap = 30;
  /// Measures a node's label (lines joined by '\n') in points: width, height
  /// without padding. When set, nodes get exactly that size plus `padding`,
  /// so a GUI can lay out with its own font; otherwise Graphviz estimates.
  std::function<std::pair<double, double>(std::string_view)> measure;
  double padding = 12;
  /// Edge label size in points. A GUI drawing labels in a wider font than
  /// Graphviz's Helvetica metrics asks for a little more than it draws.
  double edge_font_size = 9;
};

/// Trees with more nodes than this are laid out with bounded Graphviz
/// iterations and straight edges (docs/reliability.md, Resource limits).
inline constexpr std::size_t large_diagram_nodes = 150;
/// `diagdesk graph` refuses trees with more nodes than this (the layout would
/// take minutes and the picture would be unreadable).
inline constexpr std::size_t max_diagram_nodes = 2000;

/// The tree as DOT text (a digraph named after the tree). Jump nodes point to
/// the target tree's title. Never fails.
std::string tree_dot(const engine::Tree& tree, const engine::Knowledge& knowledge,
                     const DiagramOptions& options);

/// Lays the tree out with Graphviz "dot" and reads the positions back.
Diagram layout_tree(const engine::Tree& tree, const engine::Knowledge& knowledge,
                    const DiagramOptions& options);

/// Output of a rendering: the text, or an error sentence.
struct Rendered {
  std::string text;
  std::string error;
};

/// Renders DOT text with Graphviz into `format` ("svg", "dot" for laid-out
/// DOT, "plain"...).
Rendered render_dot(const std::string& dot, const std::string& format = "svg");

/// Greedy word wrap at `width` characters (UTF-8 aware); words longer than
/// the width stay whole.
std::vector<std::string> wrap_words(std::string_view text, std::size_t width);

}  // namespace diagdesk::workspace
