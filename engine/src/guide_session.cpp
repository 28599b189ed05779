// A guided diagnosis (guide_session.hpp): acts replayed into a model, a belief
// and the ranked options; the conclusion when settled; jumps to other trees.
//
// [SECTION] Names
// [SECTION] Construction and replay
// [SECTION] Acts
// [SECTION] Settling and the state
#include <diagdesk/engine/guide_session.hpp>

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/wording.hpp>

#include <algorithm>
#include <charconv>

namespace diagdesk::engine {

// [SECTION] Names -----------------------------------------------------------------------

std::string_view guided_act_name(GuidedAct::Kind kind) {
  switch (kind) {
    case GuidedAct::Kind::choice: return "choice";
    case GuidedAct::Kind::dont_know: return "dont_know";
    case GuidedAct::Kind::repair_fixed: return "repair_fixed";
    case GuidedAct::Kind::repair_not_fixed: return "repair_not_fixed";
  }
  return "choice";
}

std::optional<GuidedAct::Kind> parse_guided_act(std::string_view name) {
  for (auto k : {GuidedAct::Kind::choice, GuidedAct::Kind::dont_know, GuidedAct::Kind::repair_fixed,
                 GuidedAct::Kind::repair_not_fixed}) {
    if (guided_act_name(k) == name) return k;
  }
  return std::nullopt;
}

std::string_view guided_error_name(GuidedError error) {
  switch (error) {
    case GuidedError::none: return "none";
    case GuidedError::unknown_step: return "unknown_step";
    case GuidedError::not_a_choice: return "not_a_choice";
    case GuidedError::warnings_first: return "warnings_first";
    case GuidedError::gated: return "gated";
    case GuidedError::already_taken: return "already_taken";
    case GuidedError::concluded: return "concluded";
    case GuidedError::nothing_to_undo: return "nothing_to_undo";
  }
  return "none";
}

namespace {

constexpr int max_jumps = 20;  // the linter refuses circles of jumps; this bounds broken data

bool answered_in(const Belief& b, int t) {
  return std::any_of(b.answers.begin(), b.answers.end(), [&](const auto& a) { return a.first == t; }) ||
         std::find(b.unknown.begin(), b.unknown.end(), t) != b.unknown.end();
}

/// A choice id, or a 1-based number among `n` choices; -1 when neither.
int choice_index(const std::vector<std::string>& ids, std::string_view given) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == given) return static_cast<int>(i);
  }
  std::size_t number = 0;
  auto [ptr, ec] = std::from_chars(given.data(), given.data() + given.size(), number);
  if (ec != std::errc{} || ptr != given.data() + given.size() || number < 1 || number > ids.size()) return -1;
  return static_cast<int>(number - 1);
}

const std::vector<std::string>& repair_choice_ids() {
  static const std::vector<std::string> ids{"fixed", "not_fixed"};
  return ids;
}

}  // namespace

// [SECTION] Construction and replay -------------------------------------------------------

GuidedSession::GuidedSession(std::shared_ptr<const Knowledge> knowledge, std::string tree_id, GuidedStart start)
    : m_knowledge(std::move(knowledge)), m_start_tree(std::move(tree_id)), m_start(std::move(start)) {
  restart();
  build_state();
}

std::optional<GuidedSession> GuidedSession::replay(std::shared_ptr<const Knowledge> knowledge, std::string tree_id,
                                                   GuidedStart start, std::vector<GuidedAct> acts, std::string* error) {
  GuidedSession g(std::move(knowledge), std::move(tree_id), std::move(start));
  if (!g.m_error.empty()) {
    if (error) *error = g.m_error;
    return std::nullopt;
  }
  for (std::size_t i = 0; i < acts.size(); ++i) {
    std::string why;
    if (!g.apply(acts[i], &why)) {
      if (error) *error = "act " + std::to_string(i + 1) + " does not fit: " + why;
      return std::nullopt;
    }
  }
  g.build_state();
  return g;
}

void GuidedSession::set_lang(Lang lang) {
  m_start.lang = lang;
  build_state();
}

void GuidedSession::restart() {
  m_tree = m_start_tree;
  m_error.clear();
  m_facts.clear();
  m_path.clear();
  m_after.clear();
  m_segment_begin = 0;
  m_segment_node.clear();
  m_fixed = false;
  m_concluded = false;
  m_leaf.clear();
  const Tree* tree = m_knowledge->find_tree(m_tree);
  if (!tree) {
    m_error = "unknown tree '" + m_tree + "'";
    return;
  }
  // The start facts as the authored walk sees them: normalised, with what the rules deduce.
  const Session start(m_knowledge, m_tree, m_start.facts, m_start.lang);
  m_facts = start.facts();
  std::vector<GuidedAct> acts;
  acts.swap(m_acts);
  recompute();
  settle();
  for (const GuidedAct& a : acts) apply(a, nullptr);
}

/// The model of the current tree for the current facts, and the belief after the
/// acts of the current segment (since the start or the last jump).
void GuidedSession::recompute() {
  const Tree* tree = m_knowledge->find_tree(m_tree);
  if (!tree) {
    m_error = "unknown tree '" + m_tree + "'";
    return;
  }
  const bool first_tree = m_segment_begin == 0 && m_tree == m_start_tree;
  static const std::vector<std::pair<std::string, double>> none;
  if (!m_segment_node.empty() && m_segment_node != tree->start) {
    Tree from = *tree;  // a jump to a node: the model starts there
    from.start = m_segment_node;
    m_model = build_guide_model(from, m_facts, first_tree ? m_start.learned : none);
  } else {
    m_model = build_guide_model(*tree, m_facts, first_tree ? m_start.learned : none);
  }
  m_belief = prior_belief(m_model);
  // A question whose fact is known answers itself, as in the authored walk.
  m_skipped.clear();
  for (std::size_t t = 0; t < m_model.tests.size(); ++t) {
    const Node* n = tree->find(m_model.tests[t].node);
    if (!n || n->fact.empty()) continue;
    auto known = m_facts.find(n->fact);
    if (known == m_facts.end() || known->second.source == FactSource::answer) continue;
    for (std::size_t j = 0; j < n->choices.size(); ++j) {
      const auto& set = n->choices[j].set;
      if (std::any_of(set.begin(), set.end(), [&](const auto& kv) { return kv.first == n->fact && kv.second == known->second.value; })) {
        m_belief = observe(m_model, m_belief, static_cast<int>(t), static_cast<int>(j));
        m_skipped.push_back(n->id);
        break;
      }
    }
  }
  for (std::size_t i = m_segment_begin; i < m_acts.size(); ++i) {
    const GuidedAct& a = m_acts[i];
    const int t = m_model.test_index(a.step);
    if (a.kind == GuidedAct::Kind::choice && t >= 0) {
      const Node* n = tree->find(a.step);
      for (std::size_t j = 0; n && j < n->choices.size(); ++j) {
        if (n->choices[j].id == a.choice) m_belief = observe(m_model, m_belief, t, static_cast<int>(j));
      }
    } else if (a.kind == GuidedAct::Kind::dont_know && t >= 0) {
      m_belief.unknown.push_back(t);
    } else {
      for (std::size_t r = 0; r < m_model.repairs.size(); ++r) {
        if (m_model.repairs[r].id != a.step) continue;
        const bool fixed = a.kind == GuidedAct::Kind::repair_fixed;
        for (std::size_t c = 0; c < m_belief.weight.size(); ++c) {
          const double p = m_model.repairs[r].fixes[c];
          m_belief.weight[c] *= fixed ? p : 1 - p;
        }
        if (fixed) m_fixed = true;
        else m_belief.tried.push_back(static_cast<int>(r));
      }
    }
  }
}

// [SECTION] Acts -----------------------------------------------------------------------

GuidedError GuidedSession::check(std::string_view step_id, bool repair_ok) const {
  if (m_concluded || !m_error.empty()) return GuidedError::concluded;
  const int t = m_model.test_index(step_id);
  if (t < 0) {
    const bool repair = std::any_of(m_model.repairs.begin(), m_model.repairs.end(), [&](const GuideRepair& r) { return r.id == step_id; });
    if (!repair || !repair_ok) return GuidedError::unknown_step;
    for (std::size_t r = 0; r < m_model.repairs.size(); ++r) {
      if (m_model.repairs[r].id == step_id &&
          std::find(m_belief.tried.begin(), m_belief.tried.end(), static_cast<int>(r)) != m_belief.tried.end()) {
        return GuidedError::already_taken;
      }
    }
    return GuidedError::none;
  }
  if (answered_in(m_belief, t)) return GuidedError::already_taken;
  if (!gate_pending(m_model, m_belief, t).empty()) return GuidedError::gated;
  return GuidedError::none;
}

bool GuidedSession::apply(const GuidedAct& a, std::string* error) {
  auto refuse = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  if (a.tree != m_tree) return refuse("expected a step of tree '" + m_tree + "', found one of '" + a.tree + "'");
  const bool repair = a.kind == GuidedAct::Kind::repair_fixed || a.kind == GuidedAct::Kind::repair_not_fixed;
  if (GuidedError e = check(a.step, repair); e != GuidedError::none) {
    return refuse("step '" + a.step + "' of tree '" + m_tree + "': " + std::string(guided_error_name(e)));
  }
  if (a.kind == GuidedAct::Kind::choice) {
    const Node* n = m_knowledge->find_node(a.step, m_tree);
    const Choice* ch = n ? n->find_choice(a.choice) : nullptr;
    if (!ch) return refuse("'" + a.choice + "' is not a choice of " + m_tree + ":" + a.step);
    for (const auto& [key, value] : ch->set) m_facts[key] = FactValue{value, FactSource::answer, m_tree + ":" + a.step, false};
    if (!ch->set.empty()) {
      // What the rules deduce from the answer, as in the authored walk: prior_when and
      // the questions whose fact becomes known follow it. A fact already known stays.
      std::vector<std::pair<std::string, std::string>> known;
      for (const auto& [key, value] : m_facts) known.emplace_back(key, value.value);
      const Session derived(m_knowledge, m_tree, known, m_start.lang);
      for (const auto& [key, value] : derived.facts()) {
        if (value.source == FactSource::rule && !m_facts.count(key)) m_facts.emplace(key, value);
      }
    }
  }
  m_acts.push_back(a);
  m_acknowledged.clear();
  recompute();
  std::vector<CauseProbability> after;
  const std::vector<double> p = m_belief.posterior();
  for (std::size_t c = 0; c < m_model.causes.size(); ++c) {
    after.push_back(CauseProbability{m_model.causes[c].leaf, m_model.causes[c].name.get(m_start.lang), m_model.causes[c].prior, p[c]});
  }
  m_after.push_back(std::move(after));
  settle();
  return true;
}

GuidedError GuidedSession::acknowledge(std::string_view step_id) {
  const bool repair = m_model.test_index(step_id) < 0;
  if (GuidedError e = check(step_id, repair); e != GuidedError::none && e != GuidedError::gated) return e;
  const std::string key = m_tree + ":" + std::string(step_id);
  if (std::find(m_acknowledged.begin(), m_acknowledged.end(), key) == m_acknowledged.end()) m_acknowledged.push_back(key);
  build_state();
  return GuidedError::none;
}

GuidedError GuidedSession::answer(std::string_view step_id, std::string_view choice, std::int64_t time) {
  const int t = m_model.test_index(step_id);
  if (GuidedError e = check(step_id, true); e != GuidedError::none) return e;
  GuidedAct a{GuidedAct::Kind::choice, m_tree, std::string(step_id), {}, time};
  if (t >= 0) {
    const Node* n = m_knowledge->find_node(step_id, m_tree);
    std::vector<std::string> ids;
    for (const Choice& c : n->choices) ids.push_back(c.id);
    const int j = choice_index(ids, choice);
    if (j < 0) return GuidedError::not_a_choice;
    if (!n->warnings.empty() && std::find(m_acknowledged.begin(), m_acknowledged.end(), m_tree + ":" + std::string(step_id)) == m_acknowledged.end()) {
      return GuidedError::warnings_first;
    }
    a.choice = ids[j];
  } else {
    const int j = choice_index(repair_choice_ids(), choice);
    if (j < 0) return GuidedError::not_a_choice;
    a.kind = j == 0 ? GuidedAct::Kind::repair_fixed : GuidedAct::Kind::repair_not_fixed;
  }
  if (!apply(a, nullptr)) return GuidedError::unknown_step;
  build_state();
  return GuidedError::none;
}

GuidedError GuidedSession::dont_know(std::string_view step_id, std::int64_t time) {
  if (m_model.test_index(step_id) < 0) return m_concluded ? GuidedError::concluded : GuidedError::unknown_step;
  if (GuidedError e = check(step_id, false); e != GuidedError::none) return e;
  if (!apply(GuidedAct{GuidedAct::Kind::dont_know, m_tree, std::string(step_id), {}, time}, nullptr)) return GuidedError::unknown_step;
  build_state();
  return GuidedError::none;
}

GuidedError GuidedSession::back(std::size_t n) {
  if (n == 0 || m_acts.empty()) return GuidedError::nothing_to_undo;
  m_acts.resize(m_acts.size() - std::min(n, m_acts.size()));
  m_acknowledged.clear();
  // The session is its list of acts: undoing is replaying what is left.
  restart();
  build_state();
  return GuidedError::none;
}

// [SECTION] Settling and the state ----------------------------------------------------------

void GuidedSession::settle() {
  for (int jumps = 0; m_error.empty(); ++jumps) {
    const std::vector<double> p = m_belief.posterior();
    int alive = 0;
    for (std::size_t c = 0; c + 1 < p.size(); ++c) alive += p[c] > 0;
    m_ranking = rank_steps(m_model, m_belief, m_start.operator_n2);
    m_concluded = m_fixed || alive <= 1 || m_ranking.empty();
    if (!m_concluded) return;
    m_ranking.clear();
    // The leaf with the highest posterior (the first on a tie); the other cause wins only outright.
    int best = -1;
    for (std::size_t c = 0; c + 1 < p.size(); ++c) {
      if (best < 0 || p[c] > p[best]) best = static_cast<int>(c);
    }
    m_leaf = best >= 0 && p[best] > 0 && p[best] >= p.back() ? m_model.causes[best].leaf : std::string();
    m_confidence = best >= 0 && !m_leaf.empty() ? p[best] : p.empty() ? 0 : p.back();
    const Node* leaf = m_leaf.empty() ? nullptr : m_knowledge->find_node(m_leaf, m_tree);
    if (!leaf || leaf->kind != NodeKind::jump) return;
    if (jumps >= max_jumps) {
      m_error = "too many jumps between trees (at " + m_tree + ":" + m_leaf + ")";
      return;
    }
    const Tree* target = m_knowledge->find_tree(leaf->jump_tree);
    if (!target) {
      m_error = "jump to unknown tree '" + leaf->jump_tree + "'";
      return;
    }
    m_path.push_back(PathEntry{PathEntry::Kind::jumped, m_tree, m_leaf, {}, {}, {}, {}, 0});
    m_tree = target->id;
    m_segment_begin = m_acts.size();
    m_segment_node = leaf->jump_node;
    m_concluded = false;
    m_leaf.clear();
    m_fixed = false;
    recompute();
  }
}

}  // namespace diagdesk::engine
