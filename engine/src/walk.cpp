// Walking every answer sequence of a tree.
#include <diagdesk/engine/walk.hpp>

#include <algorithm>
#include <charconv>
#include <deque>
#include <set>

namespace diagdesk::engine {

std::vector<std::string> input_candidates(const Knowledge& k, const std::string& fact) {
  std::vector<std::string> out;
  auto add = [&](std::string v) {
    if (std::find(out.begin(), out.end(), v) == out.end() && k.facts().normalise(fact, v)) out.push_back(std::move(v));
  };
  const FactDecl* decl = k.facts().find(fact);
  for (const Rule& r : k.rules()) {
    for (const Condition& c : r.when) {
      if (c.fact != fact || c.values.empty()) continue;
      if (c.op == Op::in_cidr) {
        if (auto block = parse_cidr(c.values[0])) {
          const std::uint32_t a = block->first + (block->second < 32 ? 7u : 0u);
          add(std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." + std::to_string((a >> 8) & 255) +
              "." + std::to_string(a & 255));
        }
      } else if (c.op == Op::lt || c.op == Op::le || c.op == Op::gt || c.op == Op::ge) {
        long long n = 0;
        if (std::from_chars(c.values[0].data(), c.values[0].data() + c.values[0].size(), n).ec == std::errc{}) {
          add(std::to_string(n - 1));
          add(std::to_string(n));
          add(std::to_string(n + 1));
        }
      } else {
        for (const auto& v : c.values) add(v);
      }
    }
  }
  if (decl) {
    switch (decl->type) {
      case FactType::enum_: for (const auto& v : decl->values) add(v); break;
      case FactType::bool_: add("true"); add("false"); break;
      case FactType::int_: add("50"); break;
      case FactType::ipv4: add("10.20.30.40"); break;
      case FactType::text: add("example"); break;
    }
  }
  return out;
}

Walk walk_tree(std::shared_ptr<const Knowledge> knowledge, const std::string& tree_id, std::size_t max_states) {
  Walk w;
  const Tree* tree = knowledge->find_tree(tree_id);
  if (!tree) return w;
  struct Item {
    std::vector<std::string> answers;
  };
  // Breadth first, so every node is met early even when fact combinations
  // multiply; each node is explored with at most a few distinct fact sets.
  std::deque<Item> queue{Item{}};
  std::set<std::string> seen_states;
  std::map<std::string, int> visits;
  constexpr int max_visits_per_node = 12;
  while (!queue.empty() && w.sessions < max_states) {
    Item item = std::move(queue.front());
    queue.pop_front();
    Session s(knowledge, tree_id);
    bool ok = true;
    for (const auto& a : item.answers) {
      if ((a == "?" ? s.dont_know() : s.answer(a)) != AnswerError::none) {
        ok = false;
        break;
      }
    }
    ++w.sessions;
    if (!ok) continue;
    const Step& step = s.step();
    if (step.kind == StepKind::error) {
      w.errors.emplace_back(step.error, item.answers);
      continue;
    }
    if (step.kind == StepKind::conclusion) {
      w.reached.emplace(step.tree + ":" + step.node, item.answers);
      continue;
    }
    // The same node with the same facts behaves the same: explore it once.
    const std::string where = step.tree + ":" + step.node + (step.find_out.empty() ? "" : "?");
    std::string key = where;
    for (const auto& [fk, fv] : s.facts()) key += "|" + fk + "=" + fv.value;
    if (!seen_states.insert(key).second || ++visits[where] > max_visits_per_node) continue;
    std::vector<std::string> options;
    if (step.kind == StepKind::input) {
      options = input_candidates(*knowledge, step.input_fact);
    } else {
      for (const auto& c : step.choices) options.push_back(c.id);
    }
    const Node* node = knowledge->find_node(step.node, step.tree);
    if (node && !node->dont_know.empty()) options.push_back("?");
    for (const auto& option : options) {
      Item next = item;
      next.answers.push_back(option);
      queue.push_back(std::move(next));
    }
  }
  for (const Node& n : tree->nodes) {
    if (n.kind == NodeKind::conclusion && !w.reached.count(tree->id + ":" + n.id)) w.unreached.push_back(tree->id + ":" + n.id);
  }
  return w;
}

}  // namespace diagdesk::engine
