// Scoring a training run, and the debrief beside the expert path.
//
// [SECTION] Score
// [SECTION] Debrief: aligning the two paths
// [SECTION] Debrief: rows and findings
#include <diagdesk/engine/training_run.hpp>

#include <diagdesk/engine/i18n.hpp>

#include "training_internal.hpp"

#include <algorithm>

namespace diagdesk::engine {

std::string_view debrief_kind_name(DebriefRow::Kind kind) {
  switch (kind) {
    case DebriefRow::Kind::same: return "same";
    case DebriefRow::Kind::misread: return "misread";
    case DebriefRow::Kind::trainee_only: return "trainee_only";
    case DebriefRow::Kind::expert_only: return "expert_only";
    case DebriefRow::Kind::tree: return "tree";
    case DebriefRow::Kind::diagnosis: return "diagnosis";
  }
  return "same";
}

// [SECTION] Score ------------------------------------------------------------------------

Score TrainingRun::score() const {
  using K = TraineeAction::Kind;
  Score sc;
  sc.diagnosis = m_diagnosis;
  sc.expected_diagnosis = m_scenario.diagnosis;
  sc.diagnosis_ok = !m_diagnosis.empty() && m_diagnosis == m_scenario.diagnosis;

  // The last word counts for qualification and outcome.
  std::optional<Outcome> outcome_override;
  for (const auto& a : m_actions) {
    if (a.kind == K::impact) sc.impact = parse_level(a.value);
    if (a.kind == K::urgency) sc.urgency = parse_level(a.value);
    if (a.kind == K::outcome) outcome_override = parse_outcome(a.value);
  }
  if (outcome_override) {
    sc.outcome = outcome_override;
  } else if (const Node* c = m_diagnosis.empty() ? nullptr : m_knowledge->find_node(m_diagnosis)) {
    sc.outcome = c->outcome;
  }
  sc.expected_outcome = m_scenario.outcome;
  sc.outcome_ok = diagnosed() && sc.outcome && *sc.outcome == m_scenario.outcome;
  sc.expected_impact = m_scenario.impact;
  sc.expected_urgency = m_scenario.urgency;
  sc.expected_priority = priority_of(m_scenario.impact, m_scenario.urgency);
  if (sc.impact && sc.urgency) sc.priority = priority_of(*sc.impact, *sc.urgency);
  sc.priority_ok = sc.priority == sc.expected_priority;

  // Efficiency: diagnostic steps only (questions, tests, swaps).
  sc.expert_cost = m_expert.cost;
  for (const auto& a : m_actions) {
    if (a.kind == K::step) sc.trainee_cost += a.cost;
  }
  sc.efficiency = sc.trainee_cost == 0 ? 100 : std::min(100, 100 * sc.expert_cost / sc.trainee_cost);
  // Efficiency against the optimum, in minutes, where the scenario's tree has a model.
  detail::score_optimum(*m_knowledge, m_actions, optimum_plan(), sc);

  for (const auto& a : m_actions) {
    if (a.kind == K::article && std::find(sc.articles_read.begin(), sc.articles_read.end(), a.value) == sc.articles_read.end()) {
      sc.articles_read.push_back(a.value);
    }
  }
  for (const auto& topic : m_scenario.articles) {
    if (std::find(sc.articles_read.begin(), sc.articles_read.end(), topic) != sc.articles_read.end()) ++sc.articles_hit;
    else sc.articles_missed.push_back(topic);
  }
  sc.time_units = time_units();
  // The expert backs up only when their own path meets a risky step.
  const auto& risky = m_scenario.risky_steps;
  auto is_risky = [&](const std::string& ref) { return std::find(risky.begin(), risky.end(), ref) != risky.end(); };
  bool expert_backs_up = false, expert_risky = is_risky(m_scenario.diagnosis);
  for (const auto& e : m_expert.steps) {
    const std::string ref = e.tree + ":" + e.node;
    if (m_catalogue.is_backup_step(ref)) expert_backs_up = true;
    if (is_risky(ref) && !expert_backs_up) expert_risky = true;
  }
  sc.expert_time_units = m_expert.cost + cost_article * static_cast<int>(m_scenario.articles.size()) +
                         (expert_risky && !expert_backs_up ? cost_backup : 0) + cost_verify + cost_document;

  // A ticket scenario scores its type, its stated priority and how the call ends.
  if (m_scenario.ticket) detail::score_ticket(m_scenario, m_actions, sc);

  // The six steps of the method.
  const TraineeAction* first_test = nullptr;
  const TraineeAction* first_tree = nullptr;
  bool question_before_test = false;
  bool verify = false, document = false, safety_ok = true;
  for (const auto& a : m_actions) {
    if (a.kind == K::tree && !first_tree) first_tree = &a;
    if (a.kind == K::step) {
      const Node* n = m_knowledge->find_node(a.node, a.tree);
      const bool is_test = n && n->kind == NodeKind::action;
      if (is_test && !first_test) first_test = &a;
      if (!is_test && !first_test) question_before_test = true;
    }
    if (a.kind == K::verify) verify = true;
    if (a.kind == K::document) document = true;
    if (a.warning_skipped || a.backup_missing) safety_ok = false;
  }
  const auto& trees = m_expert.trees;
  auto expert_tree = [&](const std::string& t) { return std::find(trees.begin(), trees.end(), t) != trees.end(); };
  bool expert_has_test = false;
  for (const auto& e : m_expert.steps) {
    const Node* n = m_knowledge->find_node(e.node, e.tree);
    if (n && n->kind == NodeKind::action) expert_has_test = true;
  }
  sc.method.identify = question_before_test;
  if (first_test) sc.method.theory = expert_tree(first_test->tree);
  else if (m_mode == Mode::guided) sc.method.theory = first_tree && expert_tree(first_tree->tree);
  else sc.method.theory = diagnosed() && expert_tree(m_diagnosis.substr(0, m_diagnosis.find(':')));
  sc.method.test = first_test != nullptr || (!expert_has_test && diagnosed());
  sc.method.implement = sc.outcome_ok && safety_ok;
  sc.method.verify = verify;
  sc.method.document = document;

  for (const auto& a : m_actions) {
    const std::string ref = a.tree + ":" + a.node;
    if (!a.wrong_part.empty()) sc.penalties.push_back(Penalty{"wrong_part", ref, penalty_wrong_part});
    if (a.backup_missing) sc.penalties.push_back(Penalty{"backup_missing", ref, penalty_backup_missing});
    if (a.warning_skipped) sc.penalties.push_back(Penalty{"warning_skipped", ref, penalty_warning_skipped});
    if (a.redundant) sc.penalties.push_back(Penalty{"redundant_step", ref, penalty_redundant});
  }

  sc.p_diagnosis = sc.diagnosis_ok ? points_diagnosis : 0;
  sc.p_outcome = sc.outcome_ok ? points_outcome : 0;
  sc.p_priority = sc.priority_ok ? points_priority : 0;
  sc.p_efficiency = sc.diagnosis_ok ? points_efficiency * (sc.optimum ? sc.optimum->points_percent : sc.efficiency) / 100 : 0;
  sc.p_method = points_method_step * sc.method.count();
  sc.p_articles = m_scenario.articles.empty()
                      ? points_articles
                      : points_articles * sc.articles_hit / static_cast<int>(m_scenario.articles.size());
  for (const auto& p : sc.penalties) sc.p_penalties += p.points;
  int sum = sc.p_diagnosis + sc.p_outcome + sc.p_priority + sc.p_efficiency + sc.p_method + sc.p_articles;
  // Proposal scenarios with a quote key: the parts above make 85, the quote 15.
  if (is_proposal() && m_quote_key) {
    sc.quote = score_quote(*m_quote_key, quote());
    sc.p_quote = sc.quote.points;
    sum = sum * (100 - points_quote) / 100 + sc.p_quote;
  }
  sc.total = std::clamp(sum - sc.p_penalties, 0, 100);
  return sc;
}

// [SECTION] Debrief: aligning the two paths ------------------------------------------------

namespace {

/// Longest common subsequence of two lists of refs: matched index pairs, in order.
std::vector<std::pair<std::size_t, std::size_t>> align(const std::vector<std::string>& a,
                                                       const std::vector<std::string>& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> len(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      len[i][j] = a[i] == b[j] ? len[i + 1][j + 1] + 1 : std::max(len[i + 1][j], len[i][j + 1]);
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (a[i] == b[j]) {
      out.emplace_back(i++, j++);
    } else if (len[i + 1][j] >= len[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace

// [SECTION] Debrief: rows and findings --------------------------------------------------------

Debrief TrainingRun::debrief(Lang lang) const {
  using K = TraineeAction::Kind;
  using R = DebriefRow::Kind;
  Debrief d;
  d.scenario = m_scenario.title.get(lang);
  d.hidden_fault = m_scenario.hidden_fault.get(lang);
  const Knowledge& k = *m_knowledge;
  auto node_text = [&](const std::string& tree, const std::string& node) {
    const Node* n = k.find_node(node, tree);
    if (!n) return tree + ":" + node;
    return n->kind == NodeKind::conclusion ? n->diagnosis.get(lang) : n->text.get(lang);
  };
  auto tree_title = [&](const std::string& id) {
    const Tree* t = k.find_tree(id);
    return t ? t->title.get(lang) : id;
  };
  auto fact_label = [&](const std::string& key) {
    const FactDecl* f = k.facts().find(key);
    return f && !f->label.empty() ? f->label.get(lang) : key;
  };
  auto recorded_text = [&](const TraineeAction& a) -> std::string {
    if (m_mode == Mode::free) return m_sim.say(a.tree, a.node, a.reply, lang);
    if (a.recorded_dont_know) return tr("train.recorded_dont_know", lang);
    const Node* n = k.find_node(a.node, a.tree);
    if (n) {
      if (const Choice* c = n->find_choice(a.value)) return c->label.get(lang);
    }
    return a.value;
  };
  auto safety_notes = [&](const TraineeAction& a) {
    std::vector<std::string> out;
    if (a.warning_skipped) out.push_back(tr("train.why_warning_skipped", lang));
    if (a.backup_missing) out.push_back(tr("train.why_backup_missing", lang));
    if (!a.wrong_part.empty()) {
      const Part* p = m_catalogue.find_part(a.wrong_part);
      out.push_back(format_text(tr("train.why_wrong_part", lang), {p ? p->label.get(lang) : a.wrong_part}));
    }
    return out;
  };
  const auto& trees = m_expert.trees;
  auto expert_tree = [&](const std::string& t) { return std::find(trees.begin(), trees.end(), t) != trees.end(); };

  // The trainee's path (trees opened and steps) against the expert's steps.
  std::vector<const TraineeAction*> mine;
  std::vector<std::string> mine_refs;
  for (const auto& a : m_actions) {
    if (a.kind != K::step && a.kind != K::tree) continue;
    mine.push_back(&a);
    mine_refs.push_back(a.kind == K::step ? a.tree + ":" + a.node : std::string("\x01tree"));
  }
  std::vector<std::string> expert_refs;
  for (const auto& e : m_expert.steps) expert_refs.push_back(e.tree + ":" + e.node);
  const auto matches = align(mine_refs, expert_refs);

  auto trainee_row = [&](const TraineeAction& a) {
    DebriefRow row;
    if (a.kind == K::tree) {
      row.kind = R::tree;
      row.ref = a.tree;
      row.step = tree_title(a.tree);
      row.trainee = format_text(tr("train.opened_tree", lang), {tree_title(a.tree)});
      if (!expert_tree(a.tree)) {
        std::vector<std::string> titles;
        for (const auto& t : trees) titles.push_back(tree_title(t));
        row.explanation = format_text(tr("train.why_tree_not_expert", lang), {join(titles, ", ")});
      }
      return row;
    }
    row.kind = R::trainee_only;
    row.ref = a.tree + ":" + a.node;
    row.step = node_text(a.tree, a.node);
    row.trainee = recorded_text(a);
    std::vector<std::string> why;
    if (a.redundant) {
      why.push_back(a.redundant_fact.empty() ? tr("train.why_repeated", lang)
                                             : format_text(tr("train.why_redundant_fact", lang), {fact_label(a.redundant_fact)}));
    }
    if (a.off_topic) why.push_back(tr("train.why_off_topic", lang));
    if (!a.redundant && !a.off_topic) {
      why.push_back(expert_tree(a.tree) ? tr("train.why_extra", lang)
                                        : format_text(tr("train.why_other_tree", lang), {tree_title(a.tree)}));
    }
    for (auto& s : safety_notes(a)) why.push_back(std::move(s));
    row.explanation = join(why, " ");
    return row;
  };
  auto expert_row = [&](const ExpertStep& e) {
    DebriefRow row;
    row.kind = R::expert_only;
    row.ref = e.tree + ":" + e.node;
    row.step = node_text(e.tree, e.node);
    row.expert = m_sim.say(e.tree, e.node, e.reply, lang);
    row.explanation = format_text(tr("train.why_missed", lang), {row.expert});
    return row;
  };
  std::size_t i = 0, j = 0;
  auto flush_until = [&](std::size_t ti, std::size_t ej) {
    for (; i < ti; ++i) d.rows.push_back(trainee_row(*mine[i]));
    for (; j < ej; ++j) d.rows.push_back(expert_row(m_expert.steps[j]));
  };
  for (const auto& [ti, ej] : matches) {
    flush_until(ti, ej);
    const TraineeAction& a = *mine[ti];
    const ExpertStep& e = m_expert.steps[ej];
    DebriefRow row;
    row.ref = expert_refs[ej];
    row.step = node_text(e.tree, e.node);
    row.trainee = recorded_text(a);
    row.expert = m_sim.say(e.tree, e.node, e.reply, lang);
    std::vector<std::string> why;
    if (a.misread) {
      row.kind = R::misread;
      why.push_back(format_text(tr("train.why_misread", lang), {m_sim.say(a.tree, a.node, a.reply, lang), row.trainee}));
    } else {
      row.kind = R::same;
    }
    if (a.redundant) {
      why.push_back(a.redundant_fact.empty() ? tr("train.why_repeated", lang)
                                             : format_text(tr("train.why_redundant_fact", lang), {fact_label(a.redundant_fact)}));
    }
    for (auto& s : safety_notes(a)) why.push_back(std::move(s));
    row.explanation = join(why, " ");
    d.rows.push_back(std::move(row));
    ++i;
    ++j;
  }
  flush_until(mine.size(), m_expert.steps.size());

  // The conclusion, side by side.
  DebriefRow dx;
  dx.kind = R::diagnosis;
  dx.ref = m_diagnosis;
  dx.step = tr("train.row_diagnosis", lang);
  dx.trainee = m_diagnosis.empty() ? tr("train.none", lang)
                                   : node_text(m_diagnosis.substr(0, m_diagnosis.find(':')),
                                               m_diagnosis.substr(m_diagnosis.find(':') + 1));
  const auto colon = m_scenario.diagnosis.find(':');
  dx.expert = colon == std::string::npos ? m_scenario.diagnosis
                                         : node_text(m_scenario.diagnosis.substr(0, colon), m_scenario.diagnosis.substr(colon + 1));
  std::vector<std::string> dx_why;
  if (m_diagnosis.empty()) dx_why.push_back(format_text(tr("train.why_no_diagnosis", lang), {d.hidden_fault}));
  else if (m_diagnosis != m_scenario.diagnosis) dx_why.push_back(format_text(tr("train.why_wrong_diagnosis", lang), {d.hidden_fault}));
  for (const auto& a : m_actions) {
    if (a.kind == K::diagnosis) {
      for (auto& s : safety_notes(a)) dx_why.push_back(std::move(s));
    }
  }
  dx.explanation = join(dx_why, " ");
  d.rows.push_back(std::move(dx));

  // Method and findings.
  const Score sc = score();
  auto line = [&](bool ok, const char* step, const char* hint) {
    std::string l = std::string(ok ? "[x] " : "[ ] ") + tr(step, lang);
    if (!ok) l += " " + tr(hint, lang);
    return l;
  };
  d.method.push_back(line(sc.method.identify, "train.method_identify", "train.hint_identify"));
  d.method.push_back(line(sc.method.theory, "train.method_theory", "train.hint_theory"));
  d.method.push_back(line(sc.method.test, "train.method_test", "train.hint_test"));
  d.method.push_back(line(sc.method.implement, "train.method_implement", "train.hint_implement"));
  d.method.push_back(line(sc.method.verify, "train.method_verify", "train.hint_verify"));
  d.method.push_back(line(sc.method.document, "train.method_document", "train.hint_document"));

  auto outcome_text = [&](std::optional<Outcome> o) {
    return o ? tr("outcome." + std::string(outcome_name(*o)), lang) : tr("train.none", lang);
  };
  auto level_text = [&](std::optional<Level> l) {
    return l ? tr("train.level_" + std::string(level_name(*l)), lang) : tr("train.none", lang);
  };
  auto priority_text = [&](const std::string& p) { return p.empty() ? tr("train.none", lang) : tr("train.priority_" + p, lang); };
  if (sc.ticket) {
    detail::ticket_findings(sc, lang, d.findings);
  } else {
    d.findings.push_back(format_text(tr(sc.outcome_ok ? "train.finding_outcome_ok" : "train.finding_outcome_bad", lang),
                                     {outcome_text(sc.outcome), outcome_text(sc.expected_outcome)}));
    d.findings.push_back(format_text(
        tr(sc.priority_ok ? "train.finding_priority_ok" : "train.finding_priority_bad", lang),
        {level_text(sc.impact), level_text(sc.urgency), priority_text(sc.priority), level_text(sc.expected_impact),
         level_text(sc.expected_urgency), priority_text(sc.expected_priority)}));
  }
  d.findings.push_back(format_text(tr(sc.diagnosis_ok ? "train.finding_efficiency" : "train.finding_efficiency_void", lang),
                                   {std::to_string(sc.trainee_cost), std::to_string(sc.expert_cost),
                                    std::to_string(sc.efficiency)}));
  detail::efficiency_debrief(sc, lang, d);  // efficiency against the optimum, in minutes
  d.findings.push_back(format_text(tr("train.finding_articles", lang),
                                   {sc.articles_read.empty() ? tr("train.none", lang) : join(sc.articles_read, ", "),
                                    sc.articles_missed.empty() ? tr("train.none", lang) : join(sc.articles_missed, ", ")}));
  d.findings.push_back(format_text(tr("train.finding_time", lang),
                                   {std::to_string(sc.time_units), std::to_string(sc.expert_time_units)}));
  if (sc.quote.scored) detail::quote_findings(sc.quote, *m_quote_key, lang, d.findings);
  for (const auto& p : sc.penalties) {
    if (detail::is_ticket_penalty(p.code)) continue;  // explained with the ticket findings above
    d.findings.push_back(format_text(tr("train.penalty_" + p.code, lang), {p.ref, std::to_string(p.points)}));
  }
  return d;
}

}  // namespace diagdesk::engine
