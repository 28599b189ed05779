// Expected cost of whole policies over the model's causes (diagdesk simulate):
// the authored order of the tree, the guided policy (the best-ranked test at
// each step), and the optimum by memoised search over belief states.
// Each computes, per cause c, V[c] = expected minutes until the diagnosis is
// made when c is the fault; the policy's figure is sum over c of prior(c) V[c].
#include <diagdesk/engine/guide.hpp>

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>

namespace diagdesk::engine {

namespace {

struct Value {
  std::vector<double> minutes;  // per cause
  std::vector<double> steps;    // per cause
};

bool is_leaf(const Node& n) { return n.kind == NodeKind::conclusion || n.kind == NodeKind::jump; }

double weighted(const GuideModel& m, const std::vector<double>& w, const std::vector<double>& v) {
  double total = 0, sum = 0;
  for (std::size_t c = 0; c < m.causes.size(); ++c) {
    total += w[c];
    sum += w[c] * v[c];
  }
  return total > 0 ? sum / total : 0;
}

PolicyFigures figures(const GuideModel& m, const Value& v) {
  PolicyFigures f;
  std::vector<double> prior;
  for (const GuideCause& c : m.causes) prior.push_back(c.prior);
  f.minutes = weighted(m, prior, v.minutes);
  f.steps = weighted(m, prior, v.steps);
  f.cause_minutes = v.minutes;
  return f;
}

/// At least two causes alive in b answer t differently: asking it can change the belief.
bool useful(const GuideModel& m, const Belief& b, int t) {
  if (std::any_of(b.answers.begin(), b.answers.end(), [&](const auto& a) { return a.first == t; })) return false;
  // The gate (first, after): a held step is not a candidate; a step others wait for is, even telling nothing.
  if (m.gated) {
    if (!gate_pending(m, b, t).empty()) return false;
    if (gate_required(m, b, t)) return true;
  }
  int first = -1;
  for (std::size_t c = 0; c < b.weight.size(); ++c) {
    if (b.weight[c] <= 0) continue;
    if (first < 0) {
      first = static_cast<int>(c);
      continue;
    }
    for (int j : m.tests[t].forward) {
      if (likelihood(m, t, first, j) != likelihood(m, t, static_cast<int>(c), j)) return true;
    }
  }
  return false;
}

bool done(const Belief& b) {
  int alive = 0;
  for (std::size_t c = 0; c + 1 < b.weight.size(); ++c) alive += b.weight[c] > 0;
  return alive <= 1;
}

/// Value of asking test t in b, then following `next` (a function of the new belief).
Value ask(const GuideModel& m, const Belief& b, int t, const std::function<Value(const Belief&)>& next) {
  const std::size_t n = m.causes.size();
  Value v{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
  for (std::size_t c = 0; c < n; ++c) {
    if (b.weight[c] > 0) {
      v.minutes[c] = m.tests[t].minutes;
      v.steps[c] = 1;
    }
  }
  for (int j : m.tests[t].forward) {
    const Belief after = observe(m, b, t, j);
    if (std::none_of(after.weight.begin(), after.weight.end(), [](double w) { return w > 0; })) continue;
    const Value sub = next(after);
    for (std::size_t c = 0; c < n; ++c) {
      const double l = likelihood(m, t, static_cast<int>(c), j);
      v.minutes[c] += l * sub.minutes[c];
      v.steps[c] += l * sub.steps[c];
    }
  }
  return v;
}

Value zero(const GuideModel& m) { return Value{std::vector<double>(m.causes.size(), 0.0), std::vector<double>(m.causes.size(), 0.0)}; }

}  // namespace

PolicyFigures simulate_authored(const Tree& tree, const GuideModel& m) {
  std::set<std::string> on_path;
  const std::size_t n = m.causes.size();
  std::function<Value(const std::string&)> from = [&](const std::string& id) -> Value {
    const Node* node = tree.find(id);
    if (!node || is_leaf(*node) || on_path.count(id)) return zero(m);
    on_path.insert(id);
    Value v = zero(m);
    const int t = m.test_index(id);
    if (t >= 0) {
      for (std::size_t c = 0; c < n; ++c) {
        v.minutes[c] = m.tests[t].minutes;
        v.steps[c] = 1;
      }
      for (int j : m.tests[t].forward) {
        const Value sub = from(node->choices[j].next);
        for (std::size_t c = 0; c < n; ++c) {
          const double l = likelihood(m, t, static_cast<int>(c), j);
          v.minutes[c] += l * sub.minutes[c];
          v.steps[c] += l * sub.steps[c];
        }
      }
    } else if (!node->next.empty()) {
      // An input step (the operator types a value): it costs its minutes and tells nothing.
      const double minutes = node->cost.given && node->cost.minutes > 0 ? node->cost.minutes
                             : node->kind == NodeKind::question     ? 1.0
                                                                    : 3.0;
      v = from(node->next);
      for (std::size_t c = 0; c < n; ++c) {
        v.minutes[c] += minutes;
        v.steps[c] += 1;
      }
    }
    on_path.erase(id);
    return v;
  };
  return figures(m, from(tree.start));
}

namespace {

int guided_pick(const GuideModel& m, const Belief& b) {
  int best = -1;
  double best_score = std::numeric_limits<double>::infinity();
  for (std::size_t t = 0; t < m.tests.size(); ++t) {
    if (!useful(m, b, static_cast<int>(t))) continue;
    const double gain = info_gain(m, b, static_cast<int>(t));
    // A step that tells nothing comes only when held steps wait for it (the gate), last.
    if (gain <= 1e-9 && !(m.gated && gate_required(m, b, static_cast<int>(t)))) continue;
    double score = gain > 1e-9 ? m.tests[t].minutes / gain : std::numeric_limits<double>::infinity();
    if (m.gated) {
      // A step others wait for is also worth what it opens: its minutes and a held step's, per bit of both.
      for (std::size_t u = 0; u < m.tests.size(); ++u) {
        const std::vector<int> waits = gate_pending(m, b, static_cast<int>(u));
        if (std::find(waits.begin(), waits.end(), static_cast<int>(t)) == waits.end()) continue;
        const double opened = info_gain(m, b, static_cast<int>(u));
        if (opened > 1e-9) score = std::min(score, (m.tests[t].minutes + m.tests[u].minutes) / (opened + gain));
      }
    }
    if (score < best_score) {
      best_score = score;
      best = static_cast<int>(t);
    }
  }
  return best;
}

}  // namespace

namespace {

/// The greedy policy (best information per minute at each step), as a value per cause.
Value greedy_value(const GuideModel& m, const Belief& b) {
  if (done(b)) return zero(m);
  const int t = guided_pick(m, b);
  if (t < 0) return zero(m);
  return ask(m, b, t, [&m](const Belief& next) { return greedy_value(m, next); });
}

/// The useful test with the lowest expected cost of observation, or -1.
int rollout_pick(const GuideModel& m, const Belief& b) {
  int best = -1;
  double best_cost = std::numeric_limits<double>::infinity();
  for (std::size_t t = 0; t < m.tests.size(); ++t) {
    if (!useful(m, b, static_cast<int>(t))) continue;
    const double cost = observation_cost(m, b, static_cast<int>(t));
    if (cost < best_cost - 1e-12) {
      best_cost = cost;
      best = static_cast<int>(t);
    }
  }
  return best;
}

}  // namespace

double observation_cost(const GuideModel& m, const Belief& b, int test) {
  const Value v = ask(m, b, test, [&m](const Belief& next) { return greedy_value(m, next); });
  return weighted(m, b.weight, v.minutes);
}

PolicyFigures simulate_guided(const GuideModel& m) {
  std::function<Value(const Belief&)> go = [&](const Belief& b) -> Value {
    if (done(b)) return zero(m);
    const int t = rollout_pick(m, b);
    if (t < 0) return zero(m);
    return ask(m, b, t, go);
  };
  return figures(m, go(prior_belief(m)));
}

namespace {

/// The memoised optimum search shared by simulate_optimum and OptimalPolicy: the best
/// value from b, and in `pick` the test it asks first (-1 when none is useful).
/// Belief states are keyed by their sorted answers (the prior is fixed per model).
Value optimum_value(const GuideModel& m, const Belief& b, std::map<std::vector<std::pair<int, int>>, std::pair<Value, int>>& memo,
                    std::size_t state_limit, bool& over, int* pick = nullptr) {
  if (pick) *pick = -1;
  if (over || done(b)) return zero(m);
  auto key = b.answers;
  std::sort(key.begin(), key.end());
  if (auto it = memo.find(key); it != memo.end()) {
    if (pick) *pick = it->second.second;
    return it->second.first;
  }
  if (memo.size() >= state_limit) {
    over = true;
    return zero(m);
  }
  Value chosen = zero(m);
  int chosen_test = -1;
  double chosen_cost = std::numeric_limits<double>::infinity();
  const std::function<Value(const Belief&)> next = [&](const Belief& after) {
    return optimum_value(m, after, memo, state_limit, over);
  };
  for (std::size_t t = 0; t < m.tests.size(); ++t) {
    if (!useful(m, b, static_cast<int>(t))) continue;
    // Branch and bound: a test whose own minutes already exceed the best is skipped.
    if (m.tests[t].minutes >= chosen_cost) continue;
    Value v = ask(m, b, static_cast<int>(t), next);
    const double cost = weighted(m, b.weight, v.minutes);
    if (cost < chosen_cost - 1e-12) {
      chosen_cost = cost;
      chosen = std::move(v);
      chosen_test = static_cast<int>(t);
    }
  }
  memo.emplace(std::move(key), std::pair{chosen, chosen_test});
  if (pick) *pick = chosen_test;
  return chosen;
}

}  // namespace

PolicyFigures simulate_optimum(const GuideModel& m, std::size_t state_limit) {
  std::map<std::vector<std::pair<int, int>>, std::pair<Value, int>> memo;
  bool over = false;
  Value v = optimum_value(m, prior_belief(m), memo, state_limit, over);
  if (over) {
    PolicyFigures f = simulate_guided(m);
    f.exact = false;
    return f;
  }
  return figures(m, v);
}

// [SECTION] The optimum as a policy (training's efficiency figure) ------------------------

struct OptimalPolicy::Memo {
  std::map<std::vector<std::pair<int, int>>, std::pair<Value, int>> states;
};

OptimalPolicy::OptimalPolicy(const GuideModel& m, std::size_t state_limit)
    : m_model(m), m_limit(state_limit), m_memo(std::make_shared<Memo>()) {}

int OptimalPolicy::next(const Belief& b) {
  if (done(b)) return -1;
  if (m_exact) {
    bool over = false;
    int pick = -1;
    optimum_value(m_model, b, m_memo->states, m_limit, over, &pick);
    if (!over) return pick;
    // Beyond the limit the memo holds values computed against truncated subtrees:
    // drop it and answer with the guided policy from now on, as simulate_optimum does.
    m_exact = false;
    m_memo->states.clear();
  }
  return rollout_pick(m_model, b);
}

}  // namespace diagdesk::engine
