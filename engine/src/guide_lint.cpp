// The linter's checks of the cost and probability model (data/README.md,
// "Cost and probability model"): priors sum with `other` to 1 (± 0.02), each
// prior in (0, 1], minutes > 0, repairs name existing leaves with p in (0, 1],
// every leaf of a modelled tree has a prior, every cause reachable through
// answers from the start, model keys only where they mean something.
#include "guide_load.hpp"

#include <diagdesk/engine/knowledge.hpp>

#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace diagdesk::engine::detail {

namespace {

constexpr double sum_tolerance = 0.02;

bool is_leaf(const Node& n) { return n.kind == NodeKind::conclusion || n.kind == NodeKind::jump; }

std::string percent_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

struct ModelLinter {
  const Knowledge& k;
  const Tree& t;
  std::vector<Diagnostic>& out;

  void error(const SourcePos& pos, std::string code, std::string message) {
    out.push_back(Diagnostic{Severity::error, std::move(code), pos, std::move(message)});
  }
  void warning(const SourcePos& pos, std::string code, std::string message) {
    out.push_back(Diagnostic{Severity::warning, std::move(code), pos, std::move(message)});
  }

  void check_probability(const SourcePos& pos, double p, const std::string& who) {
    if (!(p > 0 && p <= 1)) error(pos, "model.prior", who + " is " + percent_text(p) + ": a probability must be in (0, 1]");
  }

  void check_cost(const StepCost& c, const std::string& who) {
    if (c.given && !(c.minutes > 0)) {
      error(c.pos, "model.cost", who + ": cost minutes is " + percent_text(c.minutes) + ", it must be more than 0");
    }
  }

  /// Leaves reachable from the start through answers (choices and `next`):
  /// a cause reached only through "don't know" has no outcome to be diagnosed by.
  std::set<std::string> reachable_by_answers() const {
    std::set<std::string> seen;
    std::vector<std::string> stack{t.start};
    while (!stack.empty()) {
      const std::string id = stack.back();
      stack.pop_back();
      const Node* n = t.find(id);
      if (!n || !seen.insert(id).second) continue;
      for (const Choice& c : n->choices) stack.push_back(c.next);
      if (!n->next.empty()) stack.push_back(n->next);
    }
    return seen;
  }

  void check_misplaced() {
    for (const Node& n : t.nodes) {
      const std::string who = "node '" + t.id + ":" + n.id + "'";
      if (!is_leaf(n) && (n.prior || !n.prior_when.empty())) {
        warning(n.pos, "model.misplaced", who + " is a " + std::string(node_kind_name(n.kind)) +
                                              ": 'prior' belongs on conclusions and jumps, it is ignored here");
      }
      if (is_leaf(n) && n.cost.pos.line > 0) {
        warning(n.cost.pos, "model.misplaced", who + " is a " + std::string(node_kind_name(n.kind)) +
                                                   ": 'cost' belongs on questions and actions, it is ignored here");
      }
      if (!t.model.present && (n.prior || !n.prior_when.empty() || n.cost.pos.line > 0)) {
        warning(n.pos, "model.absent", who + " has model keys but tree '" + t.id + "' has no [model] table: they are ignored");
      }
    }
  }

  /// The gate: `after` names tests of the same tree, never the node itself, and the
  /// `after` links and `first` flags never wait on each other in a circle.
  void check_gate() {
    auto is_test = [](const Node& n) {
      return (n.kind == NodeKind::question || n.kind == NodeKind::action) && !n.choices.empty();
    };
    for (const Node& n : t.nodes) {
      const std::string who = "node '" + t.id + ":" + n.id + "'";
      if ((n.first || !n.after.empty()) && !is_test(n)) {
        warning(n.gate_pos, "model.misplaced", who + " is not a question or action with choices: 'first' and 'after' are ignored here");
      }
      for (const std::string& a : n.after) {
        const Node* r = t.find(a);
        if (!r) error(n.gate_pos, "gate.unknown", who + " 'after' names '" + a + "', which is not a node of tree '" + t.id + "'");
        else if (a == n.id) error(n.gate_pos, "gate.self", who + " 'after' names the node itself");
        else if (!is_test(*r)) error(n.gate_pos, "gate.not_a_step", who + " 'after' names '" + a + "', which is not a question or action with choices");
        else if (n.first && !r->first) {
          error(n.gate_pos, "gate.cycle", who + " is 'first' but waits for '" + a + "', which is not: it can never come first");
        }
      }
    }
    // A circle of `after` links would hold every step of it back forever.
    std::map<std::string, int> state;  // 1 visiting, 2 done
    std::function<bool(const Node&, std::string&)> circle = [&](const Node& n, std::string& chain) {
      int& s = state[n.id];
      if (s == 2) return false;
      if (s == 1) {
        chain = n.id;
        return true;
      }
      s = 1;
      for (const std::string& a : n.after) {
        const Node* r = t.find(a);
        if (r && r != &n && circle(*r, chain)) {
          chain = n.id + " -> " + chain;
          return true;
        }
      }
      s = 2;
      return false;
    };
    for (const Node& n : t.nodes) {
      std::string chain;
      if (!n.after.empty() && state[n.id] == 0 && circle(n, chain)) {
        error(n.gate_pos, "gate.cycle", "tree '" + t.id + "': 'after' links wait on each other in a circle (" + chain + ")");
      }
    }
  }

  void check() {
    check_misplaced();
    check_gate();
    if (!t.model.present) return;
    const TreeModel& m = t.model;
    if (!(m.other >= 0 && m.other < 1)) {
      error(m.pos, "model.other", "tree '" + t.id + "': [model] other is " + percent_text(m.other) + ", it must be in [0, 1)");
    }
    double sum = m.other;
    bool all_given = true;
    const std::set<std::string> reachable = reachable_by_answers();
    std::set<std::string> leaves;
    for (const Node& n : t.nodes) {
      const std::string who = "node '" + t.id + ":" + n.id + "'";
      if (!is_leaf(n)) {
        check_cost(n.cost, who);
        continue;
      }
      leaves.insert(n.id);
      if (n.prior) {
        check_probability(n.pos, *n.prior, who + " prior");
        sum += *n.prior;
      } else {
        all_given = false;
        warning(n.pos, "model.no_prior", who + " has no 'prior' in a modelled tree: it shares what the others leave");
      }
      for (const PriorWhen& w : n.prior_when) {
        check_probability(w.pos, w.prior, who + " prior_when prior");
        for (const auto& [key, value] : w.facts) {
          std::string why;
          if (!k.facts().find(key)) {
            error(w.pos, "fact.undeclared", who + " prior_when names fact '" + key + "', which is not declared in data/facts/");
          } else if (!k.facts().normalise(key, value, &why)) {
            error(w.pos, "fact.value", who + " prior_when: " + why);
          }
        }
      }
      if (!reachable.count(n.id)) {
        error(n.pos, "model.unreachable", "cause '" + t.id + ":" + n.id + "' is not reachable from the start '" + t.start +
                                              "' through answers, so the model cannot diagnose it");
      }
    }
    if (all_given ? std::fabs(sum - 1) > sum_tolerance : sum > 1 + sum_tolerance) {
      error(m.pos, "model.prior_sum", "tree '" + t.id + "': the priors and other sum to " + percent_text(sum) +
                                          (all_given ? ", not 1 (± 0.02)" : ", more than 1 (± 0.02)"));
    }
    std::set<std::string> ids;
    for (const Repair& r : m.repairs) {
      const std::string who = "repair '" + r.id + "' of tree '" + t.id + "'";
      if (!r.id.empty() && !ids.insert(r.id).second) error(r.pos, "id.duplicate", who + " is defined twice");
      if (!r.id.empty() && t.find(r.id)) error(r.pos, "id.duplicate", who + " has the id of a node");
      check_cost(r.cost, who);
      if (r.fixes.empty()) error(r.fixes_pos, "model.fixes", who + " fixes no cause");
      for (const auto& [leaf, p] : r.fixes) {
        if (!leaves.count(leaf)) {
          error(r.fixes_pos, "model.fixes", who + " fixes '" + leaf + "', which is not a conclusion or jump of the tree");
        }
        check_probability(r.fixes_pos, p, who + " fixes." + leaf);
      }
    }
  }
};

}  // namespace

void lint_model(const Knowledge& k, const Tree& t, std::vector<Diagnostic>& out) {
  ModelLinter{k, t, out}.check();
}

}  // namespace diagdesk::engine::detail
