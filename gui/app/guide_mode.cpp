// Guided mode in a diagnosis: a GuidedSession beside the authored session
// (engine/guide_session.hpp does the walk; this file only routes the
// operator's acts to it and turns its state into view-models).
#include "app/guide_presenter.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/workspace/model_learn.hpp>

namespace diagdesk::gui {

using engine::Lang;
using engine::tr;

bool GuidePresenter::has_model(const engine::Knowledge& k, const std::string& tree) {
  const engine::Tree* t = k.find_tree(tree);
  return t && t->model.present;
}

void GuidePresenter::reset() {
  m_guided.reset();
  m_chosen.clear();
  m_why_open = false;
}

void GuidePresenter::set_lang(Lang lang) {
  if (m_guided) m_guided->set_lang(lang);
}

std::string GuidePresenter::toggle(const engine::Session* session, const workspace::Workspace& ws, Lang lang) {
  if (m_guided) {
    reset();
    return {};
  }
  std::shared_ptr<const engine::Knowledge> knowledge = ws.knowledge();
  if (!session || !knowledge) return {};
  engine::GuidedStart start;
  start.facts = session->start_facts();
  start.lang = lang;
  // Priors learned from the closed tickets when there are any, as `diagnose
  // --guided` takes them (docs/guidance.md); a bad file: the authored ones.
  engine::FactMap known;
  for (const auto& [k, v] : start.facts) known[k] = engine::FactValue{v, engine::FactSource::start, {}, false};
  m_learn_error.clear();
  start.learned = workspace::learned_priors(ws, session->start_tree(), "", known, &m_learn_error);
  start.operator_n2 = m_n2;  // N1: steps needing N2 rights are escalations
  engine::GuidedSession g(std::move(knowledge), session->start_tree(), start);
  if (!g.state().error.empty()) return g.state().error;
  // The answers given so far become guided acts, as far as they fit (an
  // input value tells the model nothing; a step in a tree jumped to may not).
  for (const auto& a : session->answers()) {
    if (!a.value.empty()) continue;
    g.acknowledge(a.node);
    const auto e = a.dont_know ? g.dont_know(a.node, a.time) : g.answer(a.node, a.choice, a.time);
    if (e != engine::GuidedError::none) break;
  }
  m_guided = std::move(g);
  m_guided_knowledge = ws.knowledge();
  m_chosen.clear();
  return {};
}

void GuidePresenter::set_operator_n2(bool n2) {
  m_n2 = n2;
  if (!m_guided || m_guided->start().operator_n2 == n2) return;
  // The same acts with the other rights: only the escalation marks change.
  engine::GuidedStart start = m_guided->start();
  start.operator_n2 = n2;
  std::string error;
  auto g = engine::GuidedSession::replay(m_guided_knowledge, m_guided->start_tree(), std::move(start),
                                         m_guided->acts(), &error);
  if (g) m_guided = std::move(*g);
}

const engine::GuidedOption* GuidePresenter::chosen() const {
  if (!m_guided) return nullptr;
  for (const auto& o : m_guided->state().options) {
    if (o.rank.id == m_chosen) return &o;
  }
  return m_guided->best();
}

std::string GuidePresenter::act(const Intent& i, Lang lang, std::int64_t now) {
  if (!m_guided) return {};
  if (i.kind == IntentKind::guide) {
    if (i.a == "why") m_why_open = !m_why_open;
    if (i.a == "take") m_chosen = i.b;
    return {};
  }
  if (i.kind == IntentKind::back) {
    const auto e = m_guided->back();
    m_chosen.clear();
    return e == engine::GuidedError::none ? std::string() : std::string(engine::guided_error_name(e));
  }
  const engine::GuidedOption* o = chosen();
  if (!o) return {};
  const std::string id = o->rank.id;
  // The panel lets an answer through only once the warnings were shown and
  // acknowledged there: tell the session so.
  if (!o->acknowledged) m_guided->acknowledge(id);
  engine::GuidedError e = engine::GuidedError::none;
  if (i.kind == IntentKind::dont_know) {
    e = m_guided->dont_know(id, now);
  } else if (i.kind == IntentKind::answer) {
    e = m_guided->answer(id, std::to_string(i.n), now);
  } else if (i.kind == IntentKind::answer_value) {
    e = m_guided->answer(id, i.a, now);
  }
  if (e != engine::GuidedError::none) {
    return tr("gui.answer_refused", lang) + std::string(" (") + std::string(engine::guided_error_name(e)) + ")";
  }
  m_chosen.clear();  // the ranking follows the answer: back to its best step
  return {};
}

engine::Step GuidePresenter::step() const {
  engine::Step s;
  if (!m_guided) return s;
  const auto& st = m_guided->state();
  if (st.concluded) return st.conclusion;
  s.tree = st.tree;
  if (!st.error.empty()) {
    s.kind = engine::StepKind::error;
    s.error = st.error;
    return s;
  }
  const engine::GuidedOption* o = chosen();
  if (!o) return s;
  const engine::Knowledge& k = m_guided->knowledge();
  const engine::Node* node = o->rank.kind == engine::GuideStepKind::test ? k.find_node(o->rank.id, st.tree) : nullptr;
  s.kind = node && node->kind == engine::NodeKind::question ? engine::StepKind::question : engine::StepKind::action;
  s.node = o->rank.id;
  s.text = o->text;
  s.choices = o->choices;
  s.warnings = o->warnings;
  s.commands = o->commands;
  s.articles = o->articles;
  return s;
}

void GuidePresenter::build_guide(GuideVm& vm, const engine::Knowledge& k, const std::string& tree) const {
  vm.available = has_model(k, tree);
  vm.on = m_guided.has_value();
  vm.n2 = m_n2;
  if (!m_guided) return;
  const auto& st = m_guided->state();
  vm.why_open = m_why_open;
  vm.error = st.error;
  vm.settled = st.concluded;
  vm.has_model = has_model(k, st.tree);
  const engine::GuidedOption* taken = chosen();
  for (const auto& o : st.options) {
    GuideStepVm s;
    s.id = o.rank.id;
    s.repair = o.rank.kind == engine::GuideStepKind::repair;
    s.text = o.text;
    s.minutes = o.rank.minutes;
    s.reason = o.rank.reason.get(m_guided->lang());
    s.escalation = o.rank.escalation;
    s.warn_first = o.rank.warn_first;
    s.current = &o == taken;
    s.takeable = true;
    vm.steps.push_back(std::move(s));
  }
  for (const auto& c : st.causes) vm.posterior.push_back({c.leaf, c.name, c.posterior});
}

void GuidePresenter::build_transcript(TranscriptVm& vm) const {
  if (!m_guided) return;
  const engine::Knowledge& k = m_guided->knowledge();
  const Lang lang = m_guided->lang();
  for (const auto& a : m_guided->acts()) {
    TranscriptEntryVm t;
    t.node = a.step;
    t.kind = a.kind == engine::GuidedAct::Kind::dont_know ? "dont_know" : "asked";
    const engine::Node* node = k.find_node(a.step, a.tree);
    t.question = node ? node->text.get(lang) : a.step;
    for (const auto& r : m_guided->model().repairs) {
      if (!node && r.id == a.step) t.question = r.text.get(lang);
    }
    switch (a.kind) {
      case engine::GuidedAct::Kind::choice:
        t.answer = a.choice;
        if (const engine::Choice* c = node ? node->find_choice(a.choice) : nullptr) t.answer = c->label.get(lang);
        break;
      case engine::GuidedAct::Kind::dont_know: t.answer = tr("answer.dont_know", lang); break;
      case engine::GuidedAct::Kind::repair_fixed: t.answer = tr("gui.guide.fixed", lang); break;
      case engine::GuidedAct::Kind::repair_not_fixed: t.answer = tr("gui.guide.not_fixed", lang); break;
    }
    vm.entries.push_back(std::move(t));
  }
}

void GuidePresenter::build_conclusion(ConclusionVm& c, Lang lang) const {
  if (!m_guided || !m_guided->concluded()) return;
  for (const auto& p : m_guided->state().causes) c.probabilities.push_back({p.leaf, p.name, p.posterior});
  std::vector<ExplainLineVm> how;
  for (const auto& l : m_guided->how(lang)) how.push_back({static_cast<int>(l.kind), l.text});
  c.how = std::move(how);
}

}  // namespace diagdesk::gui
