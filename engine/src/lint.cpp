// The linter: references, reachability, dead ends, cycles, facts, rule loops.
//
// [SECTION] Helpers
// [SECTION] Per tree: references and choices
// [SECTION] Per tree: reachability and exits
// [SECTION] Facts
// [SECTION] Rules
#include <diagdesk/engine/lint.hpp>
#include <diagdesk/engine/wording.hpp>

#include "guide_load.hpp"
#include "safe_lint.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace diagdesk::engine {

namespace {

// [SECTION] Helpers ---------------------------------------------------------------

struct Linter {
  const Knowledge& k;
  std::vector<Diagnostic>& out;
  const std::vector<std::string>* topics;

  void error(const SourcePos& pos, std::string code, std::string message) {
    out.push_back(Diagnostic{Severity::error, std::move(code), pos, std::move(message)});
  }
  void warning(const SourcePos& pos, std::string code, std::string message) {
    out.push_back(Diagnostic{Severity::warning, std::move(code), pos, std::move(message)});
  }

  /// Checks a fact = value pair set by a choice or a rule.
  void check_fact_value(const SourcePos& pos, const std::string& key, const std::string& value, const std::string& who) {
    std::string why;
    if (!k.facts().find(key)) {
      error(pos, "fact.undeclared", who + " sets fact '" + key + "', which is not declared in data/facts/");
    } else if (!k.facts().normalise(key, value, &why)) {
      error(pos, "fact.value", who + ": " + why);
    }
  }

  void check_articles(const SourcePos& pos, const std::vector<std::string>& articles, const std::string& who) {
    if (!topics) return;
    for (const auto& a : articles) {
      if (!std::binary_search(topics->begin(), topics->end(), a)) {
        error(pos, "ref.unknown_article", who + " links article '" + a + "', which does not exist in both languages");
      }
    }
  }

  /// Every `{name}` placeholder of a tree's texts and commands names a declared fact.
  void check_placeholders(const Tree& t) {
    for (const Node& n : t.nodes) {
      const std::string who = "node '" + t.id + ":" + n.id + "'";
      auto check = [&](const std::string& text, const char* where) {
        for (const auto& name : placeholder_names(text)) {
          if (!k.facts().find(name)) {
            error(n.pos, "text.placeholder", who + " " + where + ": placeholder '{" + name +
                                                 "}' names no declared fact (see data/facts/)");
          }
        }
      };
      auto check_l = [&](const LText& text, const char* where) {
        check(text.fr, where);
        check(text.en, where);
      };
      check_l(n.text, "text");
      check_l(n.find_out, "find_out");
      check_l(n.diagnosis, "diagnosis");
      for (const auto& r : n.remedy) check_l(r, "remedy");
      for (const auto& w : n.warnings) check_l(w.text, "warning");
      for (const auto& c : n.choices) check_l(c.label, "choice label");
      for (const auto& c : n.commands) check(c.cmd, "command");
    }
  }

  // [SECTION] Per tree: references and choices ---------------------------------------

  void check_ref(const Tree& t, const SourcePos& pos, const std::string& target, const std::string& who) {
    if (target.empty()) return;
    if (!t.find(target)) error(pos, "ref.unknown_node", who + " leads to '" + target + "', which is not a node of tree '" + t.id + "'");
  }

  void check_tree_refs(const Tree& t) {
    if (!t.start.empty() && !t.find(t.start)) {
      error(t.pos, "ref.unknown_node", "tree '" + t.id + "' starts at '" + t.start + "', which is not one of its nodes");
    }
    for (const Node& n : t.nodes) {
      const std::string who = "node '" + n.id + "'";
      check_articles(n.pos, n.articles, who);
      switch (n.kind) {
        case NodeKind::conclusion:
          if (n.remedy.empty()) error(n.pos, "conclusion.remedy", "conclusion '" + n.id + "' has no remedy steps");
          if (n.articles.empty()) error(n.pos, "conclusion.articles", "conclusion '" + n.id + "' links no article");
          break;
        case NodeKind::jump: {
          const Tree* target = k.find_tree(n.jump_tree);
          if (!target) {
            error(n.pos, "ref.unknown_tree", who + " jumps to tree '" + n.jump_tree + "', which does not exist");
          } else if (!n.jump_node.empty() && !target->find(n.jump_node)) {
            error(n.pos, "ref.unknown_node", who + " jumps to '" + n.jump_tree + ":" + n.jump_node + "', which does not exist");
          }
          break;
        }
        case NodeKind::question:
        case NodeKind::action: {
          check_ref(t, n.pos, n.dont_know, who + " (dont_know)");
          if (!n.input.empty()) {
            if (!k.facts().find(n.input)) error(n.pos, "fact.undeclared", who + " asks for fact '" + n.input + "', which is not declared in data/facts/");
            if (n.next.empty()) error(n.pos, "node.dead_end", who + " takes an input but has no 'next'");
            check_ref(t, n.pos, n.next, who);
            if (!n.choices.empty()) error(n.pos, "node.input_choices", who + " has both 'input' and choices");
            break;
          }
          if (n.choices.empty()) error(n.pos, "node.dead_end", who + " has no choices: the script stops there");
          if (n.choices.size() > 9) warning(n.pos, "node.many_choices", who + " has more than 9 choices (keys 1-9)");
          if (!n.fact.empty() && !k.facts().find(n.fact)) {
            error(n.pos, "fact.undeclared", who + " is bound to fact '" + n.fact + "', which is not declared in data/facts/");
          }
          std::set<std::string> ids;
          for (const Choice& c : n.choices) {
            const std::string cwho = who + " choice '" + c.id + "'";
            if (!ids.insert(c.id).second) error(c.pos, "id.duplicate", who + ": choice id '" + c.id + "' is used twice");
            if (c.next.empty()) error(c.pos, "choice.no_next", cwho + " leads nowhere (no 'next')");
            check_ref(t, c.next_pos, c.next, cwho);
            for (const auto& [key, value] : c.set) check_fact_value(c.pos, key, value, cwho);
            if (!n.fact.empty() && std::none_of(c.set.begin(), c.set.end(), [&](const auto& kv) { return kv.first == n.fact; })) {
              error(c.pos, "fact.binding", cwho + " does not set fact '" + n.fact + "' that the question is bound to");
            }
          }
          break;
        }
      }
    }
  }

  // [SECTION] Per tree: reachability and exits -----------------------------------------

  std::vector<std::string> successors(const Tree& t, const Node& n) const {
    std::vector<std::string> s;
    for (const Choice& c : n.choices) {
      if (t.find(c.next)) s.push_back(c.next);
    }
    if (t.find(n.next)) s.push_back(n.next);
    if (t.find(n.dont_know)) s.push_back(n.dont_know);
    return s;
  }

  void check_tree_flow(const Tree& t) {
    if (!t.find(t.start)) return;
    std::set<std::string> reachable;
    std::vector<std::string> stack{t.start};
    while (!stack.empty()) {
      std::string id = stack.back();
      stack.pop_back();
      if (!reachable.insert(id).second) continue;
      for (auto& s : successors(t, *t.find(id))) stack.push_back(s);
    }
    for (const Node& n : t.nodes) {
      if (!reachable.count(n.id)) error(n.pos, "node.unreachable", "node '" + n.id + "' cannot be reached from the start '" + t.start + "'");
    }
    // Nodes that can reach an exit (conclusion or jump), by fixpoint over predecessors.
    std::set<std::string> exits;
    for (const Node& n : t.nodes) {
      if (n.kind == NodeKind::conclusion || n.kind == NodeKind::jump) exits.insert(n.id);
    }
    bool grew = true;
    while (grew) {
      grew = false;
      for (const Node& n : t.nodes) {
        if (exits.count(n.id)) continue;
        for (const auto& s : successors(t, n)) {
          if (exits.count(s)) {
            exits.insert(n.id);
            grew = true;
            break;
          }
        }
      }
    }
    for (const Node& n : t.nodes) {
      if (!reachable.count(n.id) || exits.count(n.id)) continue;
      const auto succ = successors(t, n);
      if (!succ.empty()) {
        error(n.pos, "flow.cycle", "node '" + n.id + "' is in a cycle with no exit: no path from it reaches a conclusion");
      }
    }
    // A choice that loops back without any fact changing still has an exit
    // elsewhere, which is fine: the operator can answer differently.
  }

  // [SECTION] Facts -------------------------------------------------------------------

  void check_facts() {
    std::set<std::string> set_somewhere;
    for (const Tree& t : k.trees()) {
      for (const Node& n : t.nodes) {
        if (!n.input.empty()) set_somewhere.insert(n.input);
        for (const Choice& c : n.choices) {
          for (const auto& kv : c.set) set_somewhere.insert(kv.first);
        }
      }
    }
    for (const Rule& r : k.rules()) {
      for (const auto& kv : r.assert_facts) set_somewhere.insert(kv.first);
    }
    for (const Rule& r : k.rules()) {
      const std::string who = "rule '" + r.id + "'";
      for (const Condition& c : r.when) {
        const FactDecl* decl = k.facts().find(c.fact);
        if (!decl) {
          error(c.pos, "fact.undeclared", who + " reads fact '" + c.fact + "', which is not declared in data/facts/");
          continue;
        }
        if (!set_somewhere.count(c.fact)) {
          error(c.pos, "fact.never_set", who + " reads fact '" + c.fact + "', which no choice, input or rule ever sets");
        }
        if (c.op == Op::in_cidr && decl->type != FactType::ipv4) {
          error(c.pos, "rule.op", who + ": in_cidr needs an ipv4 fact, '" + c.fact + "' is " + std::string(fact_type_name(decl->type)));
        }
        if ((c.op == Op::lt || c.op == Op::le || c.op == Op::gt || c.op == Op::ge) && decl->type != FactType::int_) {
          error(c.pos, "rule.op", who + ": " + std::string(op_name(c.op)) + " needs an int fact, '" + c.fact + "' is not");
        }
        if (c.op == Op::eq || c.op == Op::ne || c.op == Op::in) {
          for (const auto& v : c.values) {
            std::string why;
            if (!k.facts().normalise(c.fact, v, &why)) error(c.pos, "fact.value", who + ": " + why);
          }
        }
      }
      for (const auto& [key, value] : r.assert_facts) check_fact_value(r.pos, key, value, who);
    }
  }

  // [SECTION] Rules ---------------------------------------------------------------------

  void check_rules() {
    const auto& rules = k.rules();
    for (const Rule& r : rules) {
      const std::string who = "rule '" + r.id + "'";
      if (!r.recommend.empty() && !k.find_tree(r.recommend)) {
        error(r.pos, "ref.unknown_tree", who + " recommends tree '" + r.recommend + "', which does not exist");
      }
      if (!r.conclude.empty()) {
        const Node* n = r.conclude.find(':') == std::string::npos ? nullptr : k.find_node(r.conclude);
        if (!n) error(r.pos, "ref.unknown_node", who + " concludes with '" + r.conclude + "', which is not a TREE:NODE that exists");
        else if (n->kind != NodeKind::conclusion) error(r.pos, "rule.conclude", who + " concludes with '" + r.conclude + "', which is not a conclusion");
      }
    }
    // Rule loops: rules that feed each other (A asserts a fact B reads and
    // back) while asserting different values for one fact never settle.
    const std::size_t n = rules.size();
    std::vector<std::vector<std::size_t>> edges(n);
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = 0; b < n; ++b) {
        for (const auto& kv : rules[a].assert_facts) {
          // A rule that needs the fact unknown cannot be fed by asserting it.
          if (std::any_of(rules[b].when.begin(), rules[b].when.end(),
                          [&](const Condition& c) { return c.fact == kv.first && c.op != Op::unknown; })) {
            edges[a].push_back(b);
            break;
          }
        }
      }
    }
    // Tarjan's strongly connected components.
    std::vector<int> index(n, -1), low(n, 0);
    std::vector<bool> on_stack(n, false);
    std::vector<std::size_t> stack;
    int counter = 0;
    std::function<void(std::size_t)> visit = [&](std::size_t v) {
      index[v] = low[v] = counter++;
      stack.push_back(v);
      on_stack[v] = true;
      for (std::size_t w : edges[v]) {
        if (index[w] < 0) {
          visit(w);
          low[v] = std::min(low[v], low[w]);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
      }
      if (low[v] != index[v]) return;
      std::vector<std::size_t> component;
      std::size_t w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        component.push_back(w);
      } while (w != v);
      if (component.size() < 2) return;
      std::map<std::string, std::set<std::string>> values;
      for (std::size_t r : component) {
        for (const auto& kv : rules[r].assert_facts) values[kv.first].insert(kv.second);
      }
      for (const auto& [fact, vals] : values) {
        if (vals.size() < 2) continue;
        std::string names;
        for (std::size_t r : component) names += (names.empty() ? "" : ", ") + rules[r].id;
        error(rules[component.back()].pos, "rule.loop",
              "rule loop: rules " + names + " feed each other and assert different values of '" + fact + "'");
        break;
      }
    };
    for (std::size_t v = 0; v < n; ++v) {
      if (index[v] < 0) visit(v);
    }
  }
};

}  // namespace

void lint(const Knowledge& knowledge, std::vector<Diagnostic>& out, const std::vector<std::string>* article_topics) {
  std::vector<std::string> sorted;
  if (article_topics) {
    sorted = *article_topics;
    std::sort(sorted.begin(), sorted.end());
  }
  Linter l{knowledge, out, article_topics ? &sorted : nullptr};
  for (const Tree& t : knowledge.trees()) {
    l.check_tree_refs(t);
    l.check_tree_flow(t);
    l.check_placeholders(t);
    detail::lint_model(knowledge, t, out);
  }
  detail::lint_tree_cycles(knowledge, out);
  l.check_facts();
  l.check_rules();
}

}  // namespace diagdesk::engine
