// The trainee mode's presenter: scenarios, the play in progress, progress.
//
// [SECTION] Construction and progress
// [SECTION] Applying intents
// [SECTION] The list
// [SECTION] The call
// [SECTION] The debrief
#include "app/trainee_presenter.hpp"

#include "app/quote_trainee.hpp"

#include <diagdesk/workspace/quote_training.hpp>

#include <diagdesk/engine/i18n.hpp>

#include <algorithm>
#include <chrono>
#include <sstream>

namespace diagdesk::gui {

using engine::Lang;
using engine::tr;

namespace {

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

WarningKindVm warning_kind(engine::WarningKind k) {
  switch (k) {
    case engine::WarningKind::electrical: return WarningKindVm::electrical;
    case engine::WarningKind::esd: return WarningKindVm::esd;
    case engine::WarningKind::data_loss: return WarningKindVm::data_loss;
    case engine::WarningKind::security: return WarningKindVm::security;
    case engine::WarningKind::other: return WarningKindVm::other;
  }
  return WarningKindVm::other;
}

bool article_exists(const workspace::Workspace& ws, const std::string& topic) {
  for (const auto& layer : ws.layers()) {
    for (const char* lang : {"fr", "en"}) {
      std::error_code ec;
      if (std::filesystem::is_regular_file(layer.path / "articles" / lang / (topic + ".md"), ec)) return true;
    }
  }
  return false;
}

}  // namespace

// [SECTION] Construction and progress ----------------------------------------------------------

TraineePresenter::TraineePresenter(const workspace::Workspace& ws, bool record)
    : m_ws(ws), m_record(record), m_set(workspace::load_scenarios(ws)), m_trainee(workspace::default_trainee()) {}

TraineePresenter::~TraineePresenter() = default;

workspace::ProgressStore* TraineePresenter::store() {
  if (!m_record) return nullptr;
  if (!m_store_tried) {
    m_store_tried = true;
    auto opened = workspace::ProgressStore::open(workspace::progress_file(m_ws));
    m_moved_to = opened.moved_to;
    if (!opened.error.empty()) m_notice = opened.error;
    m_store = std::move(opened.store);
  }
  return m_store.get();
}

void TraineePresenter::start() {
  const engine::Scenario* s = m_set.find(m_selected);
  if (!s) {
    m_error = "unknown scenario '" + m_selected + "'";
    return;
  }
  m_run = std::make_unique<engine::TrainingRun>(m_ws.knowledge(), m_set, *s, m_mode, m_ws.options().lang);
  m_run->set_quote_key(workspace::quote_key_for(m_ws, *s));  // proposal scenarios: the quote step
  m_quote_search.clear();
  m_view = TraineeViewVm::play;
  m_filter.clear();
  m_error.clear();
  m_started = now();
  m_recorded = false;
}

void TraineePresenter::finish() {
  if (!m_run) return;
  if (workspace::ProgressStore* s = store()) {
    const std::string err = s->record(workspace::make_attempt(*m_run, m_trainee, now() - m_started, now()));
    m_recorded = err.empty();
    if (!err.empty()) m_notice = err;
  }
  m_view = TraineeViewVm::debrief;
}

// [SECTION] Applying intents -----------------------------------------------------------------

TraineePresenter::Applied TraineePresenter::apply(const Intent& i, Lang lang) {
  Applied out;
  m_error.clear();
  if (i.a == "select") {
    if (m_set.find(i.b)) m_selected = i.b;
  } else if (i.a == "mode") {
    if (auto m = engine::parse_mode(i.b)) m_mode = *m;
  } else if (i.a == "start" || i.a == "again") {
    if (i.a == "again" && m_run) m_selected = m_run->scenario().id;
    start();
  } else if (i.a == "list") {
    m_run.reset();
    m_view = TraineeViewVm::list;
  } else if (i.a == "filter") {
    m_filter = i.b;
  } else if (i.a == "quote_search") {
    m_quote_search = i.b;  // the quote step's catalogue search
  } else if (i.a == "finish") {
    finish();
  } else if (i.a == "act") {
    if (!m_run || m_view != TraineeViewVm::play) {
      m_error = "no scenario in progress";
    } else {
      // One intent may carry several tokens ("ack,2": the panel enforced the warning).
      std::istringstream in(i.b);
      std::string token;
      while (std::getline(in, token, ',')) {
        if (token.rfind("kb=", 0) == 0 && !article_exists(m_ws, token.substr(3))) {
          m_error = tr("train.unknown_article", lang);
          break;
        }
        if (m_run->act(token) != engine::ActionError::none) {
          m_error = tr("train.refused", lang) + std::string(": ") + m_run->last_error();
          break;
        }
        if (token.rfind("kb=", 0) == 0) out.open_article = token.substr(3);
      }
    }
  } else {
    m_error = "unknown trainee action '" + i.a + "'";
  }
  out.error = m_error;
  return out;
}

std::shared_ptr<const TraineeScreenVm> TraineePresenter::build(Lang lang) {
  auto vm = std::make_shared<TraineeScreenVm>();
  vm->trainee = m_trainee;
  vm->notice = !m_moved_to.empty() ? engine::format_text(tr("train.progress_corrupt", lang), {m_moved_to}) : m_notice;
  vm->error = m_error;
  vm->mode = std::string(engine::mode_name(m_mode));
  build_list(*vm, lang);
  if (m_run) build_play(*vm, lang);
  if (m_run && m_view == TraineeViewVm::debrief) build_debrief(*vm, lang);
  vm->view = m_run ? m_view : TraineeViewVm::list;
  return vm;
}

// [SECTION] The list ---------------------------------------------------------------------------

void TraineePresenter::build_list(TraineeScreenVm& vm, Lang lang) {
  workspace::ProgressStore* s = store();
  const auto attempts = s ? s->attempts(m_trainee) : std::vector<workspace::Attempt>{};
  const workspace::Progress p = workspace::compute_progress(attempts, m_set, m_trainee);
  vm.next_scenario = p.next_scenario;
  if (m_selected.empty() && !m_set.scenarios.empty()) m_selected = p.next_scenario.empty() ? m_set.scenarios[0].id : p.next_scenario;
  for (const auto& c : p.competencies) {
    TraineeCompetencyVm cv;
    cv.competency = c.competency;
    cv.name = tr("train.competency_" + std::to_string(c.competency), lang);
    cv.mastery = c.mastery;
    cv.played = c.played;
    cv.weak = std::find(p.weakest.begin(), p.weakest.end(), c.competency) != p.weakest.end();
    for (const auto& sp : p.scenarios) {
      if (sp.competency != c.competency) continue;
      const engine::Scenario* sc = m_set.find(sp.id);
      cv.scenarios.push_back(TraineeScenarioVm{sp.id, sc ? sc->title.get(lang) : sp.id, sp.competency, sp.difficulty,
                                               sp.attempts, sp.best, sp.id == p.next_scenario});
    }
    vm.competencies.push_back(std::move(cv));
  }
  vm.selected = m_selected;
  if (const engine::Scenario* sc = m_set.find(m_selected)) {
    vm.selected_title = sc->title.get(lang);
    std::string best = tr("train.none", lang);
    for (const auto& sp : p.scenarios) {
      if (sp.id == sc->id && sp.best >= 0) best = std::to_string(sp.best);
    }
    vm.selected_detail = "C" + std::to_string(sc->competency) + " · " + tr("train.difficulty", lang) + " " +
                         std::string(static_cast<std::size_t>(std::clamp(sc->difficulty, 1, 3)), '*') + " · " +
                         tr("train.best", lang) + " " + best;
    vm.complaint = sc->complaint.get(lang);
  }
}

// [SECTION] The call ---------------------------------------------------------------------------

void TraineePresenter::build_play(TraineeScreenVm& vm, Lang lang) {
  const engine::TrainingRun& run = *m_run;
  const engine::Scenario& s = run.scenario();
  const engine::Knowledge& k = *m_ws.knowledge();
  const engine::Simulator& sim = run.simulator();
  vm.scenario = s.id;
  vm.title = s.title.get(lang);
  vm.context = {{tr("train.asset", lang), s.context.asset.get(lang)},
                {tr("train.os", lang), s.context.os.get(lang)},
                {tr("train.user", lang), s.context.user.get(lang)},
                {tr("train.site", lang), s.context.site.get(lang)}};
  vm.complaint = s.complaint.get(lang);
  vm.clock = run.time_units();
  vm.diagnosed = run.diagnosed();
  vm.ticket = run.is_ticket();
  vm.qualified = run.qualified();
  if (s.ticket) {
    vm.ticket_fields = {{tr("train.ticket.title", lang), s.ticket->title.get(lang)},
                        {tr("train.ticket.caller", lang), s.ticket->caller.get(lang)},
                        {tr("train.ticket.opened_as", lang),
                         tr("train.ticket.kind_" + std::string(engine::ticket_kind_name(s.ticket->opened_as)), lang)}};
  }

  // The call so far, and the articles its steps point to.
  std::vector<std::string> topics;
  auto add_topics = [&](const engine::Node* n) {
    if (!n) return;
    for (const auto& t : n->articles) {
      if (std::find(topics.begin(), topics.end(), t) == topics.end()) topics.push_back(t);
    }
  };
  using K = engine::TraineeAction::Kind;
  for (const auto& a : run.actions()) {
    TraineeLogVm line;
    line.cost = a.cost;
    const engine::Node* n = a.node.empty() ? nullptr : k.find_node(a.node, a.tree);
    switch (a.kind) {
      case K::tree: {
        const engine::Tree* t = k.find_tree(a.tree);
        line.what = engine::format_text(tr("train.opened_tree", lang), {t ? t->title.get(lang) : a.tree});
        break;
      }
      case K::step:
        line.what = n ? n->text.get(lang) : a.node;
        line.reply = sim.say(a.tree, a.node, a.reply, lang);
        add_topics(n);
        break;
      case K::diagnosis:
        line.what = tr("train.row_diagnosis", lang) + ": " + (n ? n->diagnosis.get(lang) : a.node);
        add_topics(n);
        break;
      default:
        line.what = std::string(engine::action_kind_name(a.kind)) + (a.value.empty() ? "" : ": " + a.value);
        break;
    }
    if (a.kind == K::impact) vm.impact = a.value;
    if (a.kind == K::urgency) vm.urgency = a.value;
    if (a.kind == K::outcome) vm.outcome = a.value;
    if (a.kind == K::type) vm.ticket_type = a.value;
    if (a.kind == K::priority) vm.ticket_priority = std::stoi(a.value);
    if (a.kind == K::resolve) vm.disposition = "resolve";
    if (a.kind == K::pending) vm.disposition = "pending";
    if (a.kind == K::escalate) vm.disposition = a.value;
    if (a.kind == K::backup) vm.backed_up = true;
    if (a.kind == K::verify) vm.verified = true;
    if (a.kind == K::document) vm.documented = true;
    vm.log.push_back(std::move(line));
  }
  if (run.diagnosed()) {
    const engine::Node* c = k.find_node(run.diagnosis());
    vm.diagnosis = c ? c->diagnosis.get(lang) : run.diagnosis();
    if (c) vm.diagnosis_outcome = tr("outcome." + std::string(engine::outcome_name(c->outcome)), lang);
  }
  for (const auto& t : topics) vm.articles.push_back(LinkVm{t, t, article_exists(m_ws, t)});
  build_trainee_quote(run, m_quote_search, vm, lang);  // proposal scenarios: the quote step

  if (run.mode() == engine::Mode::guided) {
    const engine::Session* session = run.session();
    vm.choosing_tree = session == nullptr;
    if (!session) {
      for (const auto& t : m_ws.trees(lang)) vm.trees.push_back(TreeItemVm{t.id, t.title, t.domain});
      return;
    }
    if (run.diagnosed()) return;
    const engine::Step& step = session->step();
    const engine::Node* n = k.find_node(step.node, step.tree);
    QuestionVm& q = vm.question;
    if (!n || (step.kind != engine::StepKind::question && step.kind != engine::StepKind::action &&
               step.kind != engine::StepKind::input)) {
      q.error = step.error;
      return;
    }
    q.active = true;
    q.kind = step.kind == engine::StepKind::input ? StepKindVm::input
             : step.kind == engine::StepKind::action ? StepKindVm::action : StepKindVm::question;
    q.tree = step.tree;
    q.node = step.node;
    const engine::Tree* t = k.find_tree(step.tree);
    q.tree_title = t ? t->title.get(lang) : step.tree;
    q.step_number = 1 + static_cast<int>(std::count_if(run.actions().begin(), run.actions().end(),
                                                       [](const engine::TraineeAction& a) { return a.kind == K::step; }));
    q.text = n->text.get(lang);
    for (const auto& c : n->choices) q.choices.push_back(ChoiceVm{c.id, c.label.get(lang)});
    for (const auto& c : n->commands) q.commands.push_back(CommandVm{c.os, c.cmd});
    for (const auto& w : n->warnings) {
      q.warnings.push_back(WarningVm{warning_kind(w.kind), tr("warning." + std::string(engine::warning_kind_name(w.kind)), lang),
                                     w.text.get(lang)});
    }
    if (!n->input.empty()) {
      const engine::FactDecl* f = k.facts().find(n->input);
      q.input_label = f ? f->label.get(lang) : n->input;
    }
    if (!step.find_out.empty()) q.find_out = n->find_out.empty() ? tr("dont_know.no_hint", lang) : n->find_out.get(lang);
    q.can_back = false;  // a call cannot be taken back
    if (auto r = run.current_reply()) {
      vm.reply_label = tr(n->kind == engine::NodeKind::action ? "train.result" : "train.user", lang);
      vm.reply = sim.say(step.tree, step.node, *r, lang);
    }
    return;
  }

  // Free mode: the catalogue of every tree's questions and tests, filtered.
  vm.filter = m_filter;
  const std::string f = lower(m_filter);
  std::vector<std::string> done;
  for (const auto& a : run.actions()) {
    if (a.kind == K::step) done.push_back(a.tree + ":" + a.node);
  }
  constexpr std::size_t max_items = 120;
  for (const auto& t : k.trees()) {
    for (const auto& n : t.nodes) {
      const bool conclusion = n.kind == engine::NodeKind::conclusion;
      if (!conclusion && n.kind != engine::NodeKind::question && n.kind != engine::NodeKind::action) continue;
      const std::string ref = t.id + ":" + n.id;
      const std::string text = conclusion ? n.diagnosis.get(lang) : n.text.get(lang);
      if (!f.empty() && lower(ref + " " + text + " " + t.title.get(lang)).find(f) == std::string::npos) continue;
      auto& list = conclusion ? vm.conclusions : vm.catalogue;
      if (list.size() >= max_items) continue;
      list.push_back(TraineeCatalogueItemVm{ref, t.title.get(lang), text,
                                            conclusion ? 0 : engine::step_cost(t.id, n, m_set), !n.warnings.empty(),
                                            std::find(done.begin(), done.end(), ref) != done.end()});
    }
  }
  // The run's own flag: `ack` arms the next step.
  for (auto it = run.actions().rbegin(); it != run.actions().rend(); ++it) {
    if (it->kind == K::ack) {
      vm.ack_armed = !run.diagnosed();
      break;
    }
    if (it->kind == K::step || it->kind == K::diagnosis) break;
  }
}

// [SECTION] The debrief ------------------------------------------------------------------------

void TraineePresenter::build_debrief(TraineeScreenVm& vm, Lang lang) {
  const engine::Score s = m_run->score();
  const engine::Debrief d = m_run->debrief(lang);
  vm.total = s.total;
  vm.recorded = m_recorded;
  vm.hidden_fault = d.hidden_fault;
  vm.score_lines = {
      {tr("train.points_diagnosis", lang), s.p_diagnosis, engine::points_diagnosis},
      {tr("train.points_outcome", lang), s.p_outcome, engine::points_outcome},
      {tr("train.points_priority", lang), s.p_priority, engine::points_priority},
      {tr("train.points_efficiency", lang), s.p_efficiency, engine::points_efficiency},
      {tr("train.points_method", lang), s.p_method, 6 * engine::points_method_step},
      {tr("train.points_articles", lang), s.p_articles, engine::points_articles},
      {tr("train.points_penalties", lang), -s.p_penalties, 0},
  };
  for (const auto& r : d.rows) {
    static const char* marks[] = {"=", "!", "+", "-", ">", "*"};
    vm.rows.push_back(TraineeDebriefRowVm{std::string(engine::debrief_kind_name(r.kind)), marks[static_cast<int>(r.kind)],
                                          r.ref, r.step, r.trainee, r.expert, r.explanation});
  }
  vm.method = d.method;
  vm.findings = d.findings;
  build_trainee_quote_debrief(*m_run, s, vm, lang);  // proposal scenarios: the quote line by line
  // Efficiency against the optimum (issue 16).
  vm.efficiency = d.efficiency;
  vm.optimum_steps = d.optimum_steps;
  vm.optimum_percent = s.optimum ? s.optimum->percent : -1;
}

}  // namespace diagdesk::gui
