// A guided session's state as plain data (options, causes, conclusion) and its
// explanations: why this step, how it was concluded, with the probabilities.
//
// [SECTION] Options
// [SECTION] The state
// [SECTION] Why and how
#include <diagdesk/engine/guide_session.hpp>

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/wording.hpp>

#include <algorithm>
#include <cmath>

namespace diagdesk::engine {

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

std::string fill(std::string s, const std::vector<std::pair<std::string, std::string>>& vars) {
  for (const auto& [k, v] : vars) s = replace_all(s, "{" + k + "}", v);
  return s;
}

std::string pct(double p) { return std::to_string(static_cast<int>(std::lround(p * 100))) + " %"; }

/// "A 41 %, B 27 %, C 10 %": the likeliest causes first, at most `n`.
std::string cause_list(std::vector<CauseProbability> causes, std::size_t n = 3) {
  std::stable_sort(causes.begin(), causes.end(), [](const auto& a, const auto& b) { return a.posterior > b.posterior; });
  std::string out;
  for (std::size_t i = 0; i < causes.size() && i < n; ++i) {
    if (causes[i].posterior <= 0) break;
    out += (i ? ", " : "") + causes[i].name + " " + pct(causes[i].posterior);
  }
  return out;
}

}  // namespace

// [SECTION] Options ---------------------------------------------------------------------

GuidedOption GuidedSession::make_option(int test, int repair, const GuideStep* rank) const {
  GuidedOption o;
  const Lang lang = m_start.lang;
  auto filled = [&](const std::string& text) { return fill_placeholders(text, m_facts, *m_knowledge, lang); };
  if (rank) o.rank = *rank;
  if (test >= 0) {
    const GuideTest& t = m_model.tests[test];
    const Node* n = m_knowledge->find_node(t.node, m_tree);
    if (!rank) {
      o.rank.kind = GuideStepKind::test;
      o.rank.index = test;
      o.rank.id = t.node;
      o.rank.minutes = t.minutes;
      o.rank.escalation = t.needs_n2 && !m_start.operator_n2;
      o.rank.warn_first = t.has_warnings;
    }
    if (n) {
      o.text = filled(n->text.get(lang));
      for (const Choice& c : n->choices) o.choices.push_back(StepChoice{c.id, filled(c.label.get(lang))});
      o.warnings = n->warnings;
      for (Warning& w : o.warnings) {
        w.text.fr = fill_placeholders(w.text.fr, m_facts, *m_knowledge, Lang::fr);
        w.text.en = fill_placeholders(w.text.en, m_facts, *m_knowledge, Lang::en);
      }
      CommandSplit split = split_commands(n->commands, m_facts);
      for (Command& c : split.shown) c.cmd = filled(c.cmd);
      o.commands = std::move(split.shown);
      o.articles = n->articles;
    }
    o.required = rank && rank->info_bits <= 1e-9;
  } else if (repair >= 0) {
    const GuideRepair& r = m_model.repairs[repair];
    if (!rank) {
      o.rank.kind = GuideStepKind::repair;
      o.rank.index = repair;
      o.rank.id = r.id;
      o.rank.minutes = r.minutes;
      o.rank.escalation = r.needs_n2 && !m_start.operator_n2;
    }
    o.text = filled(r.text.get(lang));
    o.choices = {StepChoice{"fixed", tr("guide.explain.fixed", lang)}, StepChoice{"not_fixed", tr("guide.explain.not_fixed", lang)}};
  }
  const std::string key = m_tree + ":" + o.rank.id;
  o.acknowledged = o.warnings.empty() || std::find(m_acknowledged.begin(), m_acknowledged.end(), key) != m_acknowledged.end();
  o.rank.warn_first = !o.warnings.empty();
  return o;
}

std::optional<GuidedOption> GuidedSession::option(std::string_view step_id) const {
  for (const GuideStep& s : m_ranking) {
    if (s.id == step_id) {
      return s.kind == GuideStepKind::test ? make_option(s.index, -1, &s) : make_option(-1, s.index, &s);
    }
  }
  if (const int t = m_model.test_index(step_id); t >= 0) return make_option(t, -1, nullptr);
  for (std::size_t r = 0; r < m_model.repairs.size(); ++r) {
    if (m_model.repairs[r].id == step_id) return make_option(-1, static_cast<int>(r), nullptr);
  }
  return std::nullopt;
}

// [SECTION] The state -----------------------------------------------------------------------

void GuidedSession::build_state() {
  GuidedState s;
  const Lang lang = m_start.lang;
  s.tree = m_tree;
  s.error = m_error;
  const std::vector<double> p = m_belief.posterior();
  for (std::size_t c = 0; c < m_model.causes.size() && c < p.size(); ++c) {
    s.causes.push_back(CauseProbability{m_model.causes[c].leaf, m_model.causes[c].name.get(lang), m_model.causes[c].prior, p[c]});
  }
  std::stable_sort(s.causes.begin(), s.causes.end(), [](const auto& a, const auto& b) { return a.posterior > b.posterior; });
  for (std::size_t i = 0; i < m_ranking.size() && i <= m_start.alternatives; ++i) {
    const GuideStep& g = m_ranking[i];
    s.options.push_back(g.kind == GuideStepKind::test ? make_option(g.index, -1, &g) : make_option(-1, g.index, &g));
  }
  if (m_model.gated) {
    for (std::size_t t = 0; t < m_model.tests.size(); ++t) {
      const std::vector<int> waits = gate_pending(m_model, m_belief, static_cast<int>(t));
      if (waits.empty()) continue;
      std::vector<std::string> ids;
      for (int w : waits) ids.push_back(m_model.tests[w].node);
      s.gated.emplace_back(m_model.tests[t].node, std::move(ids));
    }
  }
  s.concluded = m_concluded && m_error.empty();
  if (s.concluded) {
    s.leaf = m_leaf;
    s.confidence = m_confidence;
    int alive = 0;
    for (std::size_t c = 0; c + 1 < p.size(); ++c) alive += p[c] > 0;
    s.certain = m_fixed || alive <= 1;
    Step& step = s.conclusion;
    step.kind = StepKind::conclusion;
    step.tree = m_tree;
    step.node = m_leaf;
    auto filled = [&](const std::string& text) { return fill_placeholders(text, m_facts, *m_knowledge, lang); };
    if (const Node* n = m_leaf.empty() ? nullptr : m_knowledge->find_node(m_leaf, m_tree)) {
      step.diagnosis = filled(n->diagnosis.get(lang));
      for (const auto& r : n->remedy) step.remedy.push_back(filled(r.get(lang)));
      step.outcome = n->outcome;
      step.warnings = n->warnings;
      step.articles = n->articles;
    } else {
      // The other cause: none of the tree's diagnoses fits; hand it on.
      step.diagnosis = tr("guide.other", lang);
      step.outcome = Outcome::escalate_l2;
    }
  }
  m_state = std::move(s);
}

// [SECTION] Why and how ---------------------------------------------------------------------

std::vector<ExplainLine> GuidedSession::why(Lang lang) const {
  std::vector<ExplainLine> out;
  const std::vector<GuideStep>& r = m_ranking;
  for (std::size_t i = 0; i < r.size() && i <= m_start.alternatives; ++i) {
    out.push_back({ExplainLine::Kind::purpose,
                   fill(tr(i == 0 ? "guide.explain.best" : "guide.explain.alternative", lang), {{"reason", r[i].reason.get(lang)}})});
  }
  std::vector<CauseProbability> causes;
  const std::vector<double> p = m_belief.posterior();
  for (std::size_t c = 0; c < m_model.causes.size(); ++c) {
    causes.push_back(CauseProbability{m_model.causes[c].leaf, m_model.causes[c].name.get(lang), m_model.causes[c].prior, p[c]});
  }
  out.push_back({ExplainLine::Kind::fact, fill(tr("guide.explain.causes", lang), {{"list", cause_list(causes, causes.size())}})});
  for (const auto& [node, waits] : m_state.gated) {
    std::string list;
    for (const std::string& w : waits) list += (list.empty() ? "" : ", ") + w;
    out.push_back({ExplainLine::Kind::rule, fill(tr("guide.explain.gated", lang), {{"step", node}, {"list", list}})});
  }
  return out;
}

std::vector<ExplainLine> GuidedSession::how(Lang lang) const {
  std::vector<ExplainLine> out;
  const Knowledge& k = *m_knowledge;
  for (const auto& [key, value] : m_start.facts) {
    out.push_back({ExplainLine::Kind::start_fact, fact_phrase(k, key, value, lang) + " (" + tr("explain.source_start", lang) + ")"});
  }
  std::size_t jump = 0;
  std::string tree = m_start_tree;
  for (std::size_t i = 0; i < m_acts.size(); ++i) {
    const GuidedAct& a = m_acts[i];
    while (a.tree != tree && jump < m_path.size()) {
      const Node* j = k.find_node(m_path[jump].node, m_path[jump].tree);
      tree = j ? j->jump_tree : a.tree;
      const Tree* t = k.find_tree(tree);
      out.push_back({ExplainLine::Kind::jump, fill(tr("guide.explain.jump", lang), {{"tree", t ? t->title.get(lang) : tree}})});
      ++jump;
    }
    std::string step = a.step, answer;
    const Node* n = k.find_node(a.step, a.tree);
    if (n) {
      step = n->text.get(lang);
      if (const Choice* c = n->find_choice(a.choice)) answer = c->label.get(lang);
    } else if (const Tree* t = k.find_tree(a.tree)) {
      for (const Repair& r : t->model.repairs) {
        if (r.id == a.step) step = r.text.get(lang);
      }
    }
    const std::string key = a.kind == GuidedAct::Kind::choice       ? "guide.explain.answer"
                            : a.kind == GuidedAct::Kind::dont_know  ? "guide.explain.dont_know"
                            : a.kind == GuidedAct::Kind::repair_fixed ? "guide.explain.repair_fixed"
                                                                      : "guide.explain.repair_not_fixed";
    std::vector<CauseProbability> after = i < m_after.size() ? m_after[i] : std::vector<CauseProbability>{};
    // Names in the asked language (the posterior was stored with the session's).
    if (const Tree* t = k.find_tree(a.tree)) {
      for (CauseProbability& c : after) {
        const Node* leaf = c.leaf.empty() ? nullptr : t->find(c.leaf);
        c.name = leaf && leaf->kind == NodeKind::conclusion ? leaf->diagnosis.get(lang) : c.leaf.empty() ? tr("guide.other", lang) : c.name;
      }
    }
    out.push_back({ExplainLine::Kind::answer, fill(tr(key, lang), {{"step", step}, {"answer", answer}, {"list", cause_list(after)}})});
  }
  if (m_state.concluded) {
    const std::string diagnosis = m_leaf.empty() ? tr("guide.other", lang) : [&] {
      const Node* n = k.find_node(m_leaf, m_tree);
      return n ? n->diagnosis.get(lang) : m_leaf;
    }();
    out.push_back({ExplainLine::Kind::fact, fill(tr(m_state.certain ? "guide.explain.concluded" : "guide.explain.uncertain", lang),
                                                 {{"diagnosis", diagnosis}, {"p", pct(m_confidence)}})});
  }
  return out;
}

}  // namespace diagdesk::engine
