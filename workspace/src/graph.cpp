// Trees as diagrams through Graphviz's library (gvc + cgraph, layout "dot").
//
// [SECTION] Text helpers
// [SECTION] DOT generation
// [SECTION] Layout (read positions back)
// [SECTION] Rendering
#include <diagdesk/workspace/graph.hpp>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <sstream>

namespace diagdesk::workspace {

namespace {

// Graphviz has global state (the error handler, the layout plugins): one lock
// for every use, and one context kept for the life of the process, because
// creating one loads the plugin configuration from disk.
std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}

GVC_t* graphviz_context() {
  static GVC_t* gvc = [] {
    // Keep Graphviz's own warnings ("no hard-coded metrics"...) off stderr.
    agseterr(AGMAX);
    return gvContext();
  }();
  return gvc;
}

std::string last_graphviz_error() {
  // aglasterr() returns a malloc'd copy of the last messages: ours to free.
  char* e = aglasterr();
  std::string s = e ? e : "";
  std::free(e);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s.empty() ? std::string("Graphviz could not lay the graph out") : s;
}

// [SECTION] Text helpers ---------------------------------------------------------------

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

/// Escapes a string for a double-quoted DOT id or label.
std::string dot_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + '"';
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

const char* fill_colour(engine::NodeKind kind) {
  switch (kind) {
    case engine::NodeKind::question: return "#dbe8fb";
    case engine::NodeKind::action: return "#fdf0cf";
    case engine::NodeKind::conclusion: return "#d7f2dc";
    case engine::NodeKind::jump: return "#ece2f7";
  }
  return "#ffffff";
}

/// The label of a node, wrapped.
std::vector<std::string> node_lines(const engine::Node& n, const engine::Knowledge& k, const DiagramOptions& o) {
  std::string text;
  switch (n.kind) {
    case engine::NodeKind::question:
    case engine::NodeKind::action: text = n.text.get(o.lang); break;
    case engine::NodeKind::conclusion: text = n.diagnosis.get(o.lang); break;
    case engine::NodeKind::jump: {
      const engine::Tree* t = k.find_tree(n.jump_tree);
      text = "\xE2\x86\x92 " + (t ? t->title.get(o.lang) : n.jump_tree);  // "→ "
      break;
    }
  }
  if (text.empty()) text = n.id;
  return wrap_words(text, o.wrap);
}

struct EdgeSpec {
  std::string from, to, label;
  DiagramEdge::Kind kind = DiagramEdge::Kind::choice;
};

std::vector<EdgeSpec> edges_of(const engine::Tree& tree, const DiagramOptions& o) {
  std::vector<EdgeSpec> out;
  const std::string dont_know = o.lang == engine::Lang::fr ? "je ne sais pas" : "don't know";
  for (const auto& n : tree.nodes) {
    for (const auto& c : n.choices) {
      if (c.next.empty() || !tree.find(c.next)) continue;
      out.push_back({n.id, c.next, join_lines(wrap_words(c.label.get(o.lang), 22)), DiagramEdge::Kind::choice});
    }
    if (!n.next.empty() && tree.find(n.next)) {
      out.push_back({n.id, n.next, n.input.empty() ? std::string() : n.input, DiagramEdge::Kind::next});
    }
    if (!n.dont_know.empty() && tree.find(n.dont_know)) {
      out.push_back({n.id, n.dont_know, dont_know, DiagramEdge::Kind::dont_know});
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> wrap_words(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_len = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != '\t') ++j;
    if (j == i) break;
    const std::string_view word = text.substr(i, j - i);
    const std::size_t len = utf8_length(word);
    if (line_len > 0 && line_len + 1 + len > width) {
      lines.push_back(std::move(line));
      line.clear();
      line_len = 0;
    }
    if (line_len > 0) {
      line += ' ';
      ++line_len;
    }
    line += word;
    line_len += len;
    i = j;
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

// [SECTION] DOT generation ----------------------------------------------------------------

std::string tree_dot(const engine::Tree& tree, const engine::Knowledge& knowledge, const DiagramOptions& o) {
  std::ostringstream dot;
  dot << "digraph " << dot_quote(tree.id) << " {\n";
  dot << "  graph [rankdir=TB, nodesep=0.35, ranksep=0.5, fontname=\"Helvetica\", label="
      << dot_quote(tree.title.get(o.lang) + " (" + tree.id + ")") << ", labelloc=t, fontsize=16];\n";
  // Past large_diagram_nodes, dot's crossing minimisation and network simplex
  // grow much faster than the tree (a 1,000-node tree took a minute): bound
  // their iterations and draw straight edges, a readable enough layout.
  if (tree.nodes.size() > large_diagram_nodes)
    dot << "  graph [mclimit=0.1, nslimit=2, nslimit1=2, searchsize=10, remincross=false, splines=line];\n";
  dot << "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, margin=\"0.12,0.06\"];\n";
  dot << "  edge [fontname=\"Helvetica\", fontsize=" << o.edge_font_size << ", color=\"#555555\"];\n";
  for (const auto& n : tree.nodes) {
    const auto lines = node_lines(n, knowledge, o);
    const std::string label = join_lines(lines);
    dot << "  " << dot_quote(n.id) << " [label=" << dot_quote(label) << ", fillcolor=\"" << fill_colour(n.kind) << "\"";
    if (n.kind == engine::NodeKind::conclusion) dot << ", peripheries=2";
    if (n.kind == engine::NodeKind::jump) dot << ", shape=cds, style=filled";
    if (n.kind == engine::NodeKind::action) dot << ", style=filled";
    if (n.id == tree.start) dot << ", penwidth=2";
    if (o.measure) {
      const auto [w, h] = o.measure(label);
      dot << ", fixedsize=true, width=" << (w + 2 * o.padding) / 72.0 << ", height=" << (h + o.padding) / 72.0;
    }
    dot << "];\n";
  }
  const auto edges = edges_of(tree, o);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const auto& e = edges[i];
    dot << "  " << dot_quote(e.from) << " -> " << dot_quote(e.to) << " [id=\"e" << i << "\"";
    if (!e.label.empty()) dot << ", label=" << dot_quote(e.label);
    if (e.kind == DiagramEdge::Kind::dont_know) dot << ", style=dashed";
    dot << "];\n";
  }
  dot << "}\n";
  return dot.str();
}

// [SECTION] Layout (read positions back) ---------------------------------------------------

Diagram layout_tree(const engine::Tree& tree, const engine::Knowledge& knowledge, const DiagramOptions& o) {
  Diagram d;
  d.tree = tree.id;
  const std::string dot = tree_dot(tree, knowledge, o);
  const auto specs = edges_of(tree, o);
  std::map<std::string, const engine::Node*> by_id;
  for (const auto& n : tree.nodes) by_id[n.id] = &n;

  std::lock_guard lock(graphviz_mutex());
  GVC_t* gvc = graphviz_context();
  Agraph_t* g = agmemread(dot.c_str());
  if (!g) {
    d.error = last_graphviz_error();
    return d;
  }
  if (gvLayout(gvc, g, "dot") != 0) {
    d.error = last_graphviz_error();
    agclose(g);
    return d;
  }
  const boxf bb = GD_bb(g);
  d.width = bb.UR.x - bb.LL.x;
  d.height = bb.UR.y - bb.LL.y;
  // Graphviz's y axis points up; ours points down from the top-left corner.
  auto flip = [&](pointf p) { return DiagramPoint{p.x - bb.LL.x, bb.UR.y - p.y}; };

  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) {
    DiagramNode dn;
    dn.id = agnameof(n);
    if (auto it = by_id.find(dn.id); it != by_id.end()) {
      dn.kind = it->second->kind;
      dn.lines = node_lines(*it->second, knowledge, o);
    }
    const DiagramPoint c = flip(ND_coord(n));
    dn.x = c.x;
    dn.y = c.y;
    dn.width = ND_width(n) * 72.0;
    dn.height = ND_height(n) * 72.0;
    d.nodes.push_back(std::move(dn));

    for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e)) {
      DiagramEdge de;
      de.from = agnameof(agtail(e));
      de.to = agnameof(aghead(e));
      const char* id = agget(e, const_cast<char*>("id"));
      if (id && id[0] == 'e') {
        const std::size_t i = std::strtoul(id + 1, nullptr, 10);
        if (i < specs.size()) {
          de.label = specs[i].label;
          de.kind = specs[i].kind;
        }
      }
      if (const splines* spl = ED_spl(e); spl && spl->size > 0) {
        const bezier& bz = spl->list[0];
        for (int k = 0; k < bz.size; ++k) de.spline.push_back(flip(bz.list[k]));
        if (bz.eflag) {
          de.has_arrow = true;
          de.arrow_tip = flip(bz.ep);
        }
      }
      if (textlabel_t* l = ED_label(e); l && l->set) {
        de.has_label = true;
        de.label_pos = flip(l->pos);
      }
      d.edges.push_back(std::move(de));
    }
  }
  gvFreeLayout(gvc, g);
  agclose(g);
  return d;
}

// [SECTION] Rendering -----------------------------------------------------------------------

Rendered render_dot(const std::string& dot, const std::string& format) {
  Rendered out;
  std::lock_guard lock(graphviz_mutex());
  GVC_t* gvc = graphviz_context();
  Agraph_t* g = agmemread(dot.c_str());
  if (!g) {
    out.error = last_graphviz_error();
    return out;
  }
  if (gvLayout(gvc, g, "dot") != 0) {
    out.error = last_graphviz_error();
    agclose(g);
    return out;
  }
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(gvc, g, format.c_str(), &data, &length) != 0 || !data) {
    out.error = "Graphviz cannot render the format '" + format + "'";
  } else {
    out.text.assign(data, length);
  }
  if (data) gvFreeRenderData(data);
  gvFreeLayout(gvc, g);
  agclose(g);
  return out;
}

}  // namespace diagdesk::workspace
