// Safe tree ids and cycles between trees through jumps (safe_lint.hpp).
#include "safe_lint.hpp"

#include <diagdesk/engine/knowledge.hpp>

#include <map>
#include <set>
#include <string>
#include <utility>

namespace diagdesk::engine::detail {

bool safe_tree_id(std::string_view id) {
  if (id.empty() || id.size() > 100 || id.find("..") != std::string_view::npos) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(id.front())) return false;
  for (char c : id) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

namespace {

using Place = std::pair<const Tree*, const Node*>;

/// Where a node leads: its choices, next, don't-know, and for a jump the
/// target tree's node (or start).
std::vector<Place> successors(const Knowledge& k, const Tree& t, const Node& n) {
  std::vector<Place> s;
  auto local = [&](const std::string& id) {
    if (const Node* m = t.find(id)) s.emplace_back(&t, m);
  };
  for (const Choice& c : n.choices) local(c.next);
  local(n.next);
  local(n.dont_know);
  if (n.kind == NodeKind::jump) {
    if (const Tree* target = k.find_tree(n.jump_tree)) {
      const Node* m = target->find(n.jump_node.empty() ? target->start : n.jump_node);
      if (m) s.emplace_back(target, m);
    }
  }
  return s;
}

std::string name(const Place& p) { return p.first->id + ":" + p.second->id; }

}  // namespace

void lint_tree_cycles(const Knowledge& k, std::vector<Diagnostic>& out) {
  // Every node that can reach a conclusion over the whole knowledge (jumps
  // followed), by fixpoint; a broken reference is the reference check's.
  std::set<Place> exits;
  std::map<Place, std::vector<Place>> next;
  for (const Tree& t : k.trees()) {
    for (const Node& n : t.nodes) {
      const Place p{&t, &n};
      if (n.kind == NodeKind::conclusion) exits.insert(p);
      if (n.kind == NodeKind::jump && (!k.find_tree(n.jump_tree) || successors(k, t, n).empty())) exits.insert(p);
      next[p] = successors(k, t, n);
    }
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [p, succ] : next) {
      if (exits.count(p)) continue;
      for (const Place& s : succ) {
        if (exits.count(s)) {
          exits.insert(p);
          grew = true;
          break;
        }
      }
    }
  }
  // A jump with no way out whose own tree had one without it: the loop goes
  // through other trees (a loop inside one tree is flow.cycle's).
  for (const Tree& t : k.trees()) {
    for (const Node& n : t.nodes) {
      const Place p{&t, &n};
      if (n.kind != NodeKind::jump || exits.count(p)) continue;
      // The chain: the jumps met from here, in order, until one comes back.
      std::string chain = name(p);
      std::set<Place> seen{p};
      std::vector<Place> todo = next[p];
      std::size_t shown = 0;
      while (!todo.empty() && shown < 12) {
        Place q = todo.front();
        todo.erase(todo.begin());
        if (!seen.insert(q).second) continue;
        if (q.second->kind == NodeKind::jump || q.first != p.first) {
          if (q.second->kind == NodeKind::jump) {
            chain += " -> " + name(q);
            ++shown;
          }
        }
        for (const Place& s : next[q]) todo.push_back(s);
      }
      out.push_back(Diagnostic{Severity::error, "flow.tree_cycle", n.pos,
                               "node '" + name(p) + "' jumps into a loop between trees that never reaches a conclusion (" +
                                   chain + " -> ...)"});
    }
  }
}

}  // namespace diagdesk::engine::detail
