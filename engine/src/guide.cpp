// Cost-aware guidance: the model built from a tree, Bayes updates, and the
// ranking of next steps with their reasons (docs/guidance.md).
//
// [SECTION] Building the model
// [SECTION] Belief
// [SECTION] Ranking and reasons
#include <diagdesk/engine/guide.hpp>
#include <diagdesk/engine/i18n.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

namespace diagdesk::engine {

namespace {

bool is_leaf(const Node& n) { return n.kind == NodeKind::conclusion || n.kind == NodeKind::jump; }
bool is_test(const Node& n) { return (n.kind == NodeKind::question || n.kind == NodeKind::action) && !n.choices.empty(); }

double default_minutes(const Node& n) { return n.kind == NodeKind::question ? 1.0 : 3.0; }

/// The prior of a leaf given the facts: the first matching prior_when, else `prior`.
std::optional<double> leaf_prior(const Node& n, const FactMap& facts) {
  for (const PriorWhen& w : n.prior_when) {
    const bool all = std::all_of(w.facts.begin(), w.facts.end(), [&](const auto& kv) {
      auto it = facts.find(kv.first);
      return it != facts.end() && it->second.value == kv.second;
    });
    if (all) return w.prior;
  }
  return n.prior;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

}  // namespace

// [SECTION] Building the model ----------------------------------------------------------

int GuideModel::test_index(std::string_view node) const {
  for (std::size_t i = 0; i < tests.size(); ++i) {
    if (tests[i].node == node) return static_cast<int>(i);
  }
  return -1;
}

int GuideModel::cause_index(std::string_view leaf) const {
  for (std::size_t i = 0; i < causes.size(); ++i) {
    if (causes[i].leaf == leaf) return static_cast<int>(i);
  }
  return -1;
}

GuideModel build_guide_model(const Tree& tree, const FactMap& facts,
                             const std::vector<std::pair<std::string, double>>& learned) {
  GuideModel m;
  m.tree = tree.id;
  std::map<std::string, int, std::less<>> cause_of, test_of;
  double given = 0;
  int missing = 0;
  for (const Node& n : tree.nodes) {
    if (is_leaf(n)) {
      GuideCause c;
      c.leaf = n.id;
      if (n.kind == NodeKind::conclusion) {
        c.name = n.diagnosis;
      } else {
        c.name = LText{replace_all(tr("guide.jump", Lang::fr), "{tree}", n.jump_tree),
                       replace_all(tr("guide.jump", Lang::en), "{tree}", n.jump_tree)};
      }
      const auto p = tree.model.present ? leaf_prior(n, facts) : std::nullopt;
      c.prior = p.value_or(-1);
      if (p) given += *p;
      else ++missing;
      cause_of[n.id] = static_cast<int>(m.causes.size());
      m.causes.push_back(std::move(c));
    } else if (is_test(n)) {
      GuideTest t;
      t.node = n.id;
      t.text = n.text;
      t.minutes = n.cost.given && n.cost.minutes > 0 ? n.cost.minutes : default_minutes(n);
      t.needs_n2 = n.cost.needs_n2;
      t.on_site = n.cost.on_site;
      t.has_warnings = !n.warnings.empty();
      for (const Choice& ch : n.choices) t.choices.push_back(ch.label);
      test_of[n.id] = static_cast<int>(m.tests.size());
      m.tests.push_back(std::move(t));
    }
  }
  const double other = tree.model.present ? std::clamp(tree.model.other, 0.0, 0.99) : 0.05;
  // Leaves without a prior share what the given ones leave (at least 1 % each).
  const double share = missing ? std::max(0.01, (1.0 - other - given) / missing) : 0;
  for (GuideCause& c : m.causes) {
    if (c.prior < 0) c.prior = share;
  }
  m.causes.push_back(GuideCause{"", LText{tr("guide.other", Lang::fr), tr("guide.other", Lang::en)}, other});
  for (const auto& [leaf, p] : learned) {
    const int c = leaf == "other" ? static_cast<int>(m.causes.size()) - 1 : m.cause_index(leaf);
    if (c >= 0 && !m.causes[c].leaf.empty() == (leaf != "other")) m.causes[c].prior = p;
  }
  double total = 0;
  for (const GuideCause& c : m.causes) total += c.prior;
  for (GuideCause& c : m.causes) c.prior = total > 0 ? c.prior / total : 1.0 / m.causes.size();

  // Outcomes from every simple path from start: a choice that loops back to a
  // node already on the path is no cause's outcome. Bounded for pathological graphs.
  for (GuideTest& t : m.tests) t.outcome.assign(m.causes.size(), {});
  std::vector<std::pair<int, int>> path;  // (test, choice)
  std::set<std::string> on_path;
  std::size_t budget = 200000;
  std::function<void(const std::string&)> walk = [&](const std::string& id) {
    if (budget == 0 || on_path.count(id)) return;
    --budget;
    const Node* n = tree.find(id);
    if (!n) return;
    if (is_leaf(*n)) {
      const int c = cause_of[n->id];
      for (const auto& [t, ch] : path) {
        auto& set = m.tests[t].outcome[c];
        if (std::find(set.begin(), set.end(), ch) == set.end()) set.push_back(ch);
      }
      return;
    }
    on_path.insert(id);
    if (is_test(*n)) {
      const int t = test_of[n->id];
      for (std::size_t j = 0; j < n->choices.size(); ++j) {
        path.emplace_back(t, static_cast<int>(j));
        walk(n->choices[j].next);
        path.pop_back();
      }
    } else if (!n->next.empty()) {
      walk(n->next);
    }
    on_path.erase(id);
  };
  walk(tree.start);
  // The gate and the graph between tests (for reachable()): per choice, the tests it
  // leads to directly, through input nodes and actions without choices.
  std::function<void(const std::string&, std::vector<int>&, std::set<std::string>&)> tests_from =
      [&](const std::string& id, std::vector<int>& out, std::set<std::string>& seen) {
        const Node* n = tree.find(id);
        if (!n || !seen.insert(id).second || is_leaf(*n)) return;
        if (is_test(*n)) {
          out.push_back(test_of[n->id]);
        } else if (!n->next.empty()) {
          tests_from(n->next, out, seen);
        }
      };
  {
    std::set<std::string> seen;
    tests_from(tree.start, m.entry, seen);
  }
  for (GuideTest& t : m.tests) {
    const Node* n = tree.find(t.node);
    t.first = n->first;
    for (const std::string& a : n->after) {
      if (const int r = m.test_index(a); r >= 0 && a != t.node) t.after.push_back(r);
    }
    m.gated = m.gated || t.first || !t.after.empty();
    for (const Choice& ch : n->choices) {
      std::set<std::string> seen;
      t.next.emplace_back();
      tests_from(ch.next, t.next.back(), seen);
    }
  }
  // The implicit gate: a question reached only from actions (through input
  // nodes) reads what they showed; the start leading to it directly frees it.
  {
    std::vector<std::vector<int>> parents(m.tests.size());
    for (std::size_t u = 0; u < m.tests.size(); ++u) {
      for (const auto& targets : m.tests[u].next) {
        for (int v : targets) {
          if (v != static_cast<int>(u) && std::find(parents[v].begin(), parents[v].end(), static_cast<int>(u)) == parents[v].end())
            parents[v].push_back(static_cast<int>(u));
        }
      }
    }
    for (std::size_t v = 0; v < m.tests.size(); ++v) {
      const Node* n = tree.find(m.tests[v].node);
      if (n->kind != NodeKind::question || parents[v].empty()) continue;
      if (std::find(m.entry.begin(), m.entry.end(), static_cast<int>(v)) != m.entry.end()) continue;
      const bool from_actions = std::all_of(parents[v].begin(), parents[v].end(), [&](int u) {
        return tree.find(m.tests[u].node)->kind == NodeKind::action;
      });
      if (!from_actions) continue;
      m.tests[v].reads = parents[v];
      m.gated = true;
    }
  }
  for (GuideTest& t : m.tests) {
    std::set<int> fwd;
    for (const auto& set : t.outcome) fwd.insert(set.begin(), set.end());
    if (fwd.empty()) {
      for (std::size_t j = 0; j < t.choices.size(); ++j) fwd.insert(static_cast<int>(j));
    }
    t.forward.assign(fwd.begin(), fwd.end());
    for (auto& set : t.outcome) std::sort(set.begin(), set.end());
  }
  for (const Repair& r : tree.model.repairs) {
    GuideRepair g;
    g.id = r.id;
    g.text = r.text;
    g.minutes = r.cost.given && r.cost.minutes > 0 ? r.cost.minutes : 3.0;
    g.needs_n2 = r.cost.needs_n2;
    g.fixes.assign(m.causes.size(), 0.0);
    for (const auto& [leaf, p] : r.fixes) {
      if (int c = m.cause_index(leaf); c >= 0) g.fixes[c] = std::clamp(p, 0.0, 1.0);
    }
    m.repairs.push_back(std::move(g));
  }
  return m;
}

// [SECTION] Belief -----------------------------------------------------------------

std::vector<double> Belief::posterior() const {
  double total = 0;
  for (double w : weight) total += w;
  std::vector<double> p(weight.size(), 0.0);
  if (total <= 0) return p;
  for (std::size_t i = 0; i < weight.size(); ++i) p[i] = weight[i] / total;
  return p;
}

Belief prior_belief(const GuideModel& m) {
  Belief b;
  for (const GuideCause& c : m.causes) b.weight.push_back(c.prior);
  return b;
}

double likelihood(const GuideModel& m, int test, int cause, int choice) {
  const GuideTest& t = m.tests[test];
  const auto& set = t.outcome[cause];
  const auto& use = set.empty() ? t.forward : set;
  if (std::find(use.begin(), use.end(), choice) == use.end()) return 0;
  return 1.0 / static_cast<double>(use.size());
}

Belief observe(const GuideModel& m, const Belief& b, int test, int choice) {
  Belief out = b;
  for (std::size_t c = 0; c < out.weight.size(); ++c) out.weight[c] *= likelihood(m, test, static_cast<int>(c), choice);
  out.answers.emplace_back(test, choice);
  return out;
}

namespace {

double entropy(const std::vector<double>& p) {
  double h = 0;
  for (double x : p) {
    if (x > 0) h -= x * std::log2(x);
  }
  return h;
}

bool asked(const Belief& b, int t) {
  return std::any_of(b.answers.begin(), b.answers.end(), [&](const auto& a) { return a.first == t; }) ||
         std::find(b.unknown.begin(), b.unknown.end(), t) != b.unknown.end();
}

bool answered(const Belief& b, int t) {
  return std::any_of(b.answers.begin(), b.answers.end(), [&](const auto& a) { return a.first == t; });
}

}  // namespace

/// Expected information gain (bits) of test t in belief b, over the leaf causes and other.
double info_gain(const GuideModel& m, const Belief& b, int t) {
  const std::vector<double> p = b.posterior();
  double after = 0;
  for (int j : m.tests[t].forward) {
    std::vector<double> q(p.size());
    double pj = 0;
    for (std::size_t c = 0; c < p.size(); ++c) {
      q[c] = p[c] * likelihood(m, t, static_cast<int>(c), j);
      pj += q[c];
    }
    if (pj <= 0) continue;
    for (double& x : q) x /= pj;
    after += pj * entropy(q);
  }
  return std::max(0.0, entropy(p) - after);
}

bool settled(const GuideModel& m, const Belief& b) {
  int alive = 0;
  for (std::size_t c = 0; c + 1 < b.weight.size(); ++c) alive += b.weight[c] > 0;
  if (alive <= 1) return true;
  for (std::size_t t = 0; t < m.tests.size(); ++t) {
    if (!asked(b, static_cast<int>(t)) && info_gain(m, b, static_cast<int>(t)) > 1e-9) return false;
  }
  return true;
}

// [SECTION] Ranking and reasons ------------------------------------------------------

std::string decimal_text(double v, Lang lang) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
  if (lang == Lang::fr) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

namespace {

std::string pct(double p) { return std::to_string(static_cast<int>(std::lround(p * 100))) + " %"; }

std::string fill(std::string s, const std::vector<std::pair<std::string, std::string>>& vars) {
  for (const auto& [k, v] : vars) s = replace_all(s, "{" + k + "}", v);
  return s;
}

std::string short_text(const LText& t, Lang lang) {
  std::string s = t.get(lang);
  if (s.size() > 70) {
    std::size_t cut = 67;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s = s.substr(0, cut) + "...";
  }
  return s;
}

}  // namespace

std::vector<GuideStep> rank_steps(const GuideModel& m, const Belief& b, bool operator_n2) {
  const std::vector<double> p = b.posterior();
  // The two likeliest leaf causes, for the reasons.
  std::vector<int> order;
  for (std::size_t c = 0; c + 1 < p.size(); ++c) {
    if (p[c] > 0) order.push_back(static_cast<int>(c));
  }
  std::sort(order.begin(), order.end(), [&](int a, int c) { return p[a] > p[c]; });
  std::vector<GuideStep> tests, repairs;
  for (std::size_t t = 0; t < m.tests.size(); ++t) {
    const int ti = static_cast<int>(t);
    if (asked(b, ti)) continue;
    // The gate: a step waits for the steps that must come before it; a step that
    // tells nothing is offered when a useful one waits for it.
    if (m.gated && !gate_pending(m, b, ti).empty()) continue;
    const double gain = info_gain(m, b, ti);
    const bool required = gain <= 1e-9 && m.gated && gate_required(m, b, ti);
    if (gain <= 1e-9 && !required) continue;
    const GuideTest& test = m.tests[t];
    GuideStep s;
    s.kind = GuideStepKind::test;
    s.index = ti;
    s.id = test.node;
    s.minutes = test.minutes;
    s.info_bits = gain;
    s.score = observation_cost(m, b, ti);
    s.escalation = test.needs_n2 && !operator_n2;
    s.warn_first = test.has_warnings;
    const bool separates = order.size() >= 2 && [&] {
      const auto& a = test.outcome[order[0]];
      const auto& c = test.outcome[order[1]];
      if (a.empty() || c.empty()) return false;
      return std::none_of(a.begin(), a.end(), [&](int x) { return std::find(c.begin(), c.end(), x) != c.end(); });
    }();
    for (Lang lang : {Lang::fr, Lang::en}) {
      std::string r = required ? fill(tr("guide.reason.required", lang), {{"step", short_text(test.text, lang)}, {"min", decimal_text(test.minutes, lang)}})
                      : separates
                          ? fill(tr("guide.reason.separates", lang),
                                 {{"step", short_text(test.text, lang)}, {"min", decimal_text(test.minutes, lang)},
                                  {"a", m.causes[order[0]].name.get(lang)}, {"pa", pct(p[order[0]])},
                                  {"b", m.causes[order[1]].name.get(lang)}, {"pb", pct(p[order[1]])}})
                          : fill(tr("guide.reason.info", lang),
                                 {{"step", short_text(test.text, lang)}, {"min", decimal_text(test.minutes, lang)}, {"bits", decimal_text(gain, lang)}});
      if (s.warn_first) r += ". " + tr("guide.reason.warn_first", lang);
      if (s.escalation) r += (s.warn_first ? " " : ". ") + tr("guide.reason.escalation", lang);
      (lang == Lang::fr ? s.reason.fr : s.reason.en) = r;
    }
    tests.push_back(std::move(s));
  }
  std::stable_sort(tests.begin(), tests.end(), [](const GuideStep& a, const GuideStep& c) { return a.score < c.score; });
  // Nothing, repairs included, comes before a pending `first` step.
  const bool first_pending = m.gated && [&] {
    for (std::size_t t = 0; t < m.tests.size(); ++t) {
      if (m.tests[t].first && !answered(b, static_cast<int>(t)) && reachable(m, b, static_cast<int>(t))) return true;
    }
    return false;
  }();
  for (std::size_t r = 0; r < m.repairs.size() && !first_pending; ++r) {
    const GuideRepair& rep = m.repairs[r];
    if (std::find(b.tried.begin(), b.tried.end(), static_cast<int>(r)) != b.tried.end()) continue;
    double success = 0;
    for (std::size_t c = 0; c < p.size(); ++c) success += p[c] * rep.fixes[c];
    if (success <= 0) continue;
    GuideStep s;
    s.kind = GuideStepKind::repair;
    s.index = static_cast<int>(r);
    s.id = rep.id;
    s.minutes = rep.minutes;
    s.success = success;
    s.score = success / rep.minutes;
    s.escalation = rep.needs_n2 && !operator_n2;
    for (Lang lang : {Lang::fr, Lang::en}) {
      std::string text = fill(tr("guide.reason.repair", lang),
                              {{"step", short_text(rep.text, lang)}, {"min", decimal_text(rep.minutes, lang)}, {"p", pct(success)},
                               {"a", order.empty() ? std::string("-") : m.causes[order[0]].name.get(lang)},
                               {"pa", order.empty() ? std::string("-") : pct(p[order[0]])}});
      if (s.escalation) text += ". " + tr("guide.reason.escalation", lang);
      (lang == Lang::fr ? s.reason.fr : s.reason.en) = text;
    }
    repairs.push_back(std::move(s));
  }
  // Repairs by p / c, highest first.
  std::stable_sort(repairs.begin(), repairs.end(), [](const GuideStep& a, const GuideStep& c) { return a.score > c.score; });
  // A repair goes first when it is likely to end the case at once (p >= 0.5) or no test is left.
  std::vector<GuideStep> out;
  std::size_t ri = 0;
  while (ri < repairs.size() && (repairs[ri].success >= 0.5 || tests.empty())) out.push_back(repairs[ri++]);
  for (auto& s : tests) out.push_back(std::move(s));
  for (; ri < repairs.size(); ++ri) out.push_back(repairs[ri]);
  return out;
}

}  // namespace diagdesk::engine
