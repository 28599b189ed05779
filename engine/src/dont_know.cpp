// "Don't know" as a real answer: where the session goes when the operator
// cannot answer a step (the three moves of data/README.md, "Don't know").
#include <diagdesk/engine/session.hpp>

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/wording.hpp>

#include <deque>
#include <limits>
#include <set>

namespace diagdesk::engine {

std::string_view unknown_move_name(UnknownMove move) {
  switch (move) {
    case UnknownMove::branch: return "branch";
    case UnknownMove::skip: return "skip";
    case UnknownMove::assume: return "assume";
  }
  return "branch";
}

namespace {

using Distances = std::map<std::string, std::size_t, std::less<>>;

/// The nodes of `tree` reachable from `from` without passing through `avoid`
/// (the step being answered), with their distance in steps. Conclusions and
/// jumps end a path: what lies behind a jump is another tree.
Distances reach(const Tree& tree, const std::string& from, std::string_view avoid) {
  Distances dist;
  if (from == avoid || !tree.find(from)) return dist;
  std::deque<std::string> queue{from};
  dist[from] = 0;
  while (!queue.empty()) {
    const std::string id = queue.front();
    queue.pop_front();
    const Node* n = tree.find(id);
    if (!n || n->kind == NodeKind::conclusion || n->kind == NodeKind::jump) continue;
    auto push = [&](const std::string& next) {
      if (next.empty() || next == avoid || dist.count(next) || !tree.find(next)) return;
      dist[next] = dist[id] + 1;
      queue.push_back(next);
    };
    for (const Choice& c : n->choices) push(c.next);
    push(n->next);
    push(n->dont_know);
  }
  return dist;
}

struct UnknownRoute {
  UnknownMove move = UnknownMove::branch;
  std::string next;
  const Choice* choice = nullptr;  ///< assume: the choice taken
};

/// Where "don't know" at `node` leads. `visited`: the nodes of `tree` the
/// session has already passed, never a target (so a loop cannot trap it).
UnknownRoute route_unknown(const Tree& tree, const Node& node, const std::set<std::string, std::less<>>& visited) {
  // 1. The author's own unknown branch.
  if (!node.dont_know.empty()) return {UnknownMove::branch, node.dont_know, nullptr};
  // A typed value nobody knows: go on, the fact stays unknown.
  if (node.choices.empty()) return {UnknownMove::skip, node.next, nullptr};

  // What each choice can lead to. A choice that only comes back here (a
  // "try again") leads nowhere new and is left out.
  std::vector<std::pair<const Choice*, Distances>> ways;
  for (const Choice& c : node.choices) {
    Distances d = reach(tree, c.next, node.id);
    if (!d.empty()) ways.emplace_back(&c, std::move(d));
  }
  if (ways.empty()) return {UnknownMove::assume, node.choices.front().next, &node.choices.front()};

  // 2. The nearest later question or test that every choice can lead to:
  // whatever the answer, the diagnosis would get there. Nearest = the fewest
  // steps on the longest way, then the fewest in all, then the tree's order.
  const Node* best = nullptr;
  std::size_t best_max = std::numeric_limits<std::size_t>::max();
  std::size_t best_sum = best_max;
  for (const auto& [id, first] : ways.front().second) {
    const Node* n = tree.find(id);
    if (!n || n->kind == NodeKind::conclusion || visited.count(id)) continue;
    std::size_t longest = first, sum = first;
    bool everywhere = true;
    for (std::size_t i = 1; i < ways.size() && everywhere; ++i) {
      auto it = ways[i].second.find(id);
      if (it == ways[i].second.end()) {
        everywhere = false;
      } else {
        longest = std::max(longest, it->second);
        sum += it->second;
      }
    }
    if (!everywhere) continue;
    const bool better = !best || longest < best_max || (longest == best_max && sum < best_sum) ||
                        (longest == best_max && sum == best_sum && tree.node_index.at(id) < tree.node_index.at(best->id));
    if (better) {
      best = n;
      best_max = longest;
      best_sum = sum;
    }
  }
  if (best) return {UnknownMove::skip, best->id, nullptr};

  // 3. The most likely branch: the choice that leads to the most conclusions
  // and jumps (it keeps the most diagnoses open), the first on a tie, one
  // leading to a step not yet passed when there is such a choice.
  const Choice* pick = nullptr;
  std::size_t pick_ends = 0;
  bool pick_fresh = false;
  for (const auto& [c, d] : ways) {
    std::size_t ends = 0;
    for (const auto& [id, dist] : d) {
      const Node* n = tree.find(id);
      if (n && (n->kind == NodeKind::conclusion || n->kind == NodeKind::jump)) ++ends;
    }
    const bool fresh = !visited.count(c->next);
    if (!pick || (fresh && !pick_fresh) || (fresh == pick_fresh && ends > pick_ends)) {
      pick = c;
      pick_ends = ends;
      pick_fresh = fresh;
    }
  }
  return {UnknownMove::assume, pick->next, pick};
}

}  // namespace

void Session::apply_dont_know(const Node& node, std::int64_t time) {
  const Tree* tree = m_knowledge->find_tree(m_tree);
  std::set<std::string, std::less<>> visited{m_node};
  for (const PathEntry& e : m_path) {
    if (e.tree == m_tree) visited.insert(e.node);
  }
  const UnknownRoute route = tree ? route_unknown(*tree, node, visited) : UnknownRoute{UnknownMove::branch, node.dont_know, nullptr};
  PathEntry e{PathEntry::Kind::dont_know, m_tree, m_node, {}, {}, {}, {}, time};
  e.move = route.move;
  e.to = route.next;
  e.assumed = route.choice != nullptr;
  if (route.choice) e.choice = route.choice->id;
  m_path.push_back(std::move(e));
  const std::string origin = m_tree + ":" + m_node;
  m_node = route.next;
  m_hint = false;
  if (route.choice) {
    for (const auto& [key, value] : route.choice->set) set_fact(key, value, FactSource::answer, origin, true);
    run_rules();
  }
}

std::string unknown_answer_text(const Knowledge& k, const PathEntry& e, Lang lang) {
  std::string how;
  switch (e.move) {
    case UnknownMove::branch: how = tr("explain.unknown_branch", lang); break;
    case UnknownMove::skip: how = tr("explain.unknown_skip", lang); break;
    case UnknownMove::assume: {
      const Node* node = k.find_node(e.node, e.tree);
      const Choice* c = node ? node->find_choice(e.choice) : nullptr;
      how = tr("explain.assumed", lang) + tr("punct.colon", lang) + (c ? c->label.get(lang) : e.choice);
      break;
    }
  }
  return tr("answer.dont_know", lang) + " (" + how + ")";
}

std::vector<std::string> Session::unknowns(Lang lang) const {
  std::vector<std::string> out;
  for (const PathEntry& e : m_path) {
    if (e.kind != PathEntry::Kind::dont_know) continue;
    const Node* node = m_knowledge->find_node(e.node, e.tree);
    out.push_back(node ? fill_placeholders(node->text.get(lang), m_facts, *m_knowledge, lang) : e.node);
  }
  return out;
}

std::vector<std::string> Session::assumptions(Lang lang) const {
  std::vector<std::string> out;
  for (const PathEntry& e : m_path) {
    if (e.kind != PathEntry::Kind::dont_know || e.move != UnknownMove::assume) continue;
    const Node* node = m_knowledge->find_node(e.node, e.tree);
    const Choice* c = node ? node->find_choice(e.choice) : nullptr;
    out.push_back((node ? fill_placeholders(node->text.get(lang), m_facts, *m_knowledge, lang) : e.node) + " -> " +
                  (c ? fill_placeholders(c->label.get(lang), m_facts, *m_knowledge, lang) : e.choice));
  }
  return out;
}

bool Session::legacy_hint(const std::vector<Answer>& answers, std::size_t i) const {
  // Sessions saved before "don't know" moved on hold a "don't know" that only
  // showed the find-out hint, followed by the real answer at the same step.
  const Answer& a = answers[i];
  if (!a.dont_know || i + 1 >= answers.size() || a.tree != m_tree || a.node != m_node) return false;
  const Answer& b = answers[i + 1];
  const Node* n = m_knowledge->find_node(a.node, a.tree);
  return b.tree == a.tree && b.node == a.node && n && n->dont_know.empty();
}

}  // namespace diagdesk::engine
