// Presenter: building the view-models from the workspace and the session.
//
// [SECTION] Rebuild and labels
// [SECTION] Guided diagnosis
// [SECTION] Facts, links, conclusion
// [SECTION] Home, article, author
#include "app/presenter.hpp"
#include "app/guide_presenter.hpp"
#include "app/quotes_presenter.hpp"
#include "app/trainee_presenter.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/wording.hpp>

#include <algorithm>
#include <ctime>

namespace diagdesk::gui {

using engine::Lang;
using engine::tr;

namespace {

std::string stamp(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

StepKindVm step_kind(engine::StepKind k) {
  switch (k) {
    case engine::StepKind::question: return StepKindVm::question;
    case engine::StepKind::action: return StepKindVm::action;
    case engine::StepKind::input: return StepKindVm::input;
    case engine::StepKind::conclusion: return StepKindVm::conclusion;
    case engine::StepKind::error: return StepKindVm::error;
  }
  return StepKindVm::none;
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

FactTypeVm fact_type(engine::FactType t) {
  switch (t) {
    case engine::FactType::enum_: return FactTypeVm::enum_;
    case engine::FactType::bool_: return FactTypeVm::bool_;
    case engine::FactType::int_: return FactTypeVm::int_;
    case engine::FactType::text: return FactTypeVm::text;
    case engine::FactType::ipv4: return FactTypeVm::ipv4;
  }
  return FactTypeVm::text;
}

std::vector<ExplainLineVm> explain(const std::vector<engine::ExplainLine>& lines) {
  std::vector<ExplainLineVm> out;
  for (const auto& l : lines) out.push_back({static_cast<int>(l.kind), l.text});
  return out;
}

std::string tree_title(const engine::Knowledge& k, const std::string& id, Lang lang) {
  const engine::Tree* t = k.find_tree(id);
  return t ? t->title.get(lang) : id;
}

}  // namespace

// [SECTION] Rebuild and labels ---------------------------------------------------------------

const AppVm& Presenter::vm() {
  if (m_dirty || m_labels_dirty) rebuild();
  return m_vm;
}

void Presenter::build_labels() {
  m_labels = Labels{};
  m_labels.lang = std::string(engine::lang_code(m_lang));
  for (const auto& key : engine::ui_string_keys()) m_labels.text.emplace(key, tr(key, m_lang));
  m_labels_dirty = false;
}

void Presenter::rebuild() {
  // Never let a broken model escape into a frame: keep the last good view-model.
  try {
    if (m_labels_dirty) build_labels();
    AppVm vm;
    vm.revision = m_vm.revision + 1;
    vm.lang = std::string(engine::lang_code(m_lang));
    vm.dark = m_settings.theme == "dark";
    vm.labels = m_labels;
    vm.tab = m_tab;
    vm.search = m_search;
    vm.search.domain_filter = m_domain_filter;
    vm.search.lang_filter = m_lang_filter;
    vm.search.busy = m_search.busy;
    if (const std::size_t total = m_kb->index_total, done = m_kb->index_done; m_search.busy && total && done < total) {
      vm.search.progress = workspace::progress_text(done, total, m_lang);
      vm.search.progress_fraction = static_cast<float>(done) / static_cast<float>(total);
    }
    vm.search.domains = engine::known_domains();
    vm.search.articles_available = m_index_usable;
    build_home(vm);
    build_question(vm);
    build_facts(vm);
    build_conclusion(vm);
    build_article(vm);
    build_author(vm);
    vm.trainee.available = m_trainee && m_trainee->available();
    if (vm.trainee.available) vm.trainee.screen = m_trainee->build(m_lang);
    build_tickets(vm);
    build_dashboard(vm);
    build_assets(vm);
    build_quotes(vm);
    vm.status = m_status;
    vm.status_error = m_status_error;
    if (const std::size_t errors = m_ws.error_count(); errors > 0) {
      vm.load_problems = std::to_string(errors) + " " + tr("gui.load_errors", m_lang);
    }
    vm.clipboard = m_clipboard;
    vm.clipboard_serial = m_clipboard_serial;
    m_vm = std::move(vm);
  } catch (const std::exception& e) {
    m_vm.status = std::string("internal error: ") + e.what();
    m_vm.status_error = true;
  }
  m_dirty = false;
}

// [SECTION] Guided diagnosis -----------------------------------------------------------------

void Presenter::build_question(AppVm& vm) {
  if (!m_session) return;
  const engine::Session& s = *m_session;
  const engine::Knowledge& k = s.knowledge();
  // In guided mode the step is the guided session's (the best one or the one
  // taken instead), drawn like an authored step.
  const bool guided = m_guide->guided();
  const engine::Step guided_step = guided ? m_guide->step() : engine::Step{};
  const engine::Step& step = guided ? guided_step : s.step();
  m_guide->build_guide(vm.question.guide, k, s.start_tree());

  // Transcript.
  if (guided) m_guide->build_transcript(vm.transcript);
  for (const auto& e : guided ? std::vector<engine::PathEntry>{} : s.path()) {
    TranscriptEntryVm t;
    t.kind = std::string(engine::path_kind_name(e.kind));
    t.node = e.node;
    const engine::Node* node = k.find_node(e.node, e.tree);
    switch (e.kind) {
      case engine::PathEntry::Kind::asked:
      case engine::PathEntry::Kind::skipped:
      case engine::PathEntry::Kind::dont_know: {
        t.question = node ? engine::fill_placeholders(node->text.get(m_lang), s.facts(), k, m_lang) : e.node;
        if (e.kind == engine::PathEntry::Kind::dont_know) {
          t.answer = tr("answer.dont_know", m_lang);
        } else if (const engine::Choice* c = node ? node->find_choice(e.choice) : nullptr) {
          t.answer = engine::fill_placeholders(c->label.get(m_lang), s.facts(), k, m_lang);
        } else {
          t.answer = e.value.empty() ? e.choice : e.fact.empty() ? e.value : engine::fact_value_text(k, e.fact, e.value, m_lang);
        }
        if (e.kind == engine::PathEntry::Kind::skipped) t.answer += " (" + tr("report.skipped", m_lang) + ")";
        break;
      }
      case engine::PathEntry::Kind::jumped:
        t.question = tr("report.jump", m_lang) + " " + (node ? tree_title(k, node->jump_tree, m_lang) : e.node);
        break;
      case engine::PathEntry::Kind::rule:
        for (const auto& r : k.rules()) {
          if (r.id == e.rule) t.question = engine::rule_sentence(k, r, m_lang);
        }
        break;
      case engine::PathEntry::Kind::concluded: continue;
    }
    vm.transcript.entries.push_back(std::move(t));
  }
  for (const auto& n : s.notes()) vm.transcript.notes.push_back(n.text);

  // Linked articles of this step.
  for (const auto& topic : step.articles) {
    LinkVm link;
    link.topic = topic;
    link.title = topic;
    if (auto it = m_titles.find(topic); it != m_titles.end()) {
      const auto& [fr, en] = it->second;
      link.title = m_lang == Lang::fr ? (fr.empty() ? en : fr) : (en.empty() ? fr : en);
      link.available = true;
    }
    vm.links.push_back(std::move(link));
  }

  if (step.kind == engine::StepKind::conclusion) return;
  QuestionVm& q = vm.question;
  q.active = true;
  q.kind = step_kind(step.kind);
  q.tree = step.tree;
  q.tree_title = tree_title(k, step.tree, m_lang);
  q.node = step.node;
  const std::size_t done = guided ? m_guide->guided_session()->acts().size() : s.answers().size();
  q.step_number = static_cast<int>(done) + 1;
  q.text = step.kind == engine::StepKind::error ? step.error : step.text;
  for (const auto& c : step.choices) q.choices.push_back({c.id, c.label});
  for (const auto& c : step.commands) q.commands.push_back({c.os, c.cmd});
  for (const auto& c : step.other_commands) q.other_commands.push_back({c.os, c.cmd});
  if (!step.commands_os.empty()) q.commands_os = engine::fact_value_text(k, "os", step.commands_os, m_lang);
  for (const auto& w : step.warnings) {
    q.warnings.push_back({warning_kind(w.kind), tr("warning." + std::string(engine::warning_kind_name(w.kind)), m_lang),
                          w.text.get(m_lang)});
  }
  for (const auto& w : step.rule_warnings) q.warnings.push_back({WarningKindVm::other, tr("warning.other", m_lang), w});
  if (!step.input_fact.empty()) {
    const engine::FactDecl* d = k.facts().find(step.input_fact);
    q.input_label = d ? d->label.get(m_lang) : step.input_fact;
  }
  q.find_out = step.find_out;
  for (const auto& r : step.recommendations) q.recommendations.emplace_back(r, tree_title(k, r, m_lang));
  q.can_back = done > 0;
  q.why_open = m_why_open;
  if (m_why_open) q.why = explain(guided ? m_guide->guided_session()->why(m_lang) : s.why(m_lang));
  q.error = m_step_error;
}

// [SECTION] Facts, links, conclusion ---------------------------------------------------------

void Presenter::build_facts(AppVm& vm) {
  const engine::Knowledge& k_all = *m_ws.knowledge();
  const engine::FactCatalog& catalog = k_all.facts();
  vm.facts.editable = !m_session || m_session->answers().empty();
  auto fact_vm = [&](const engine::FactDecl& d, const std::string& value) {
    FactVm f;
    f.key = d.key;
    f.label = d.label.get(m_lang);
    f.type = fact_type(d.type);
    f.values = d.type == engine::FactType::bool_ ? std::vector<std::string>{"true", "false"} : d.values;
    for (const auto& v : f.values) f.value_labels.push_back(engine::fact_value_text(k_all, d.key, v, m_lang));
    f.value = value;
    f.value_text = value.empty() ? std::string() : engine::fact_value_text(k_all, d.key, value, m_lang);
    return f;
  };
  if (vm.facts.editable) {
    // The facts shared by every area (facts/common.toml) plus any already given.
    for (const auto& [key, d] : catalog.all()) {
      auto it = std::find_if(m_start_facts.begin(), m_start_facts.end(), [&](const auto& kv) { return kv.first == key; });
      const bool common = d.pos.file.ends_with("common.toml");
      if (!common && it == m_start_facts.end()) continue;
      vm.facts.facts.push_back(fact_vm(d, it == m_start_facts.end() ? std::string() : it->second));
    }
    return;
  }
  for (const auto& [key, value] : m_session->facts()) {
    const engine::FactDecl* d = catalog.find(key);
    FactVm f;
    if (d) {
      f = fact_vm(*d, value.value);
    } else {
      f.key = f.label = key;
      f.value = f.value_text = value.value;
    }
    // Where the value came from, in words (the answer's question, a rule...).
    f.source = engine::fact_source_text(k_all, value, m_lang, &m_session->facts());
    vm.facts.facts.push_back(std::move(f));
  }
}

void Presenter::build_conclusion(AppVm& vm) {
  if (!m_session) return;
  const bool guided = m_guide->guided();
  if (guided ? !m_guide->guided_session()->concluded() : !m_session->concluded()) return;
  const engine::Step guided_step = guided ? m_guide->step() : engine::Step{};
  const engine::Step& step = guided ? guided_step : m_session->step();
  ConclusionVm& c = vm.conclusion;
  c.active = true;
  c.tree_title = tree_title(m_session->knowledge(), m_session->start_tree(), m_lang);
  c.diagnosis = step.diagnosis;
  if (step.outcome) {
    c.outcome = std::string(engine::outcome_name(*step.outcome));
    c.outcome_label = tr("outcome." + c.outcome, m_lang);
  }
  c.remedy = step.remedy;
  c.remedy_done = m_remedy_done;
  c.remedy_done.resize(c.remedy.size(), false);
  c.how = explain(m_session->how(m_lang));
  c.exported = m_exported;
  if (guided) {
    m_guide->build_conclusion(c, m_lang);  // its "how" with the probabilities
  } else {
    c.quotable = m_quotes->proposes(*m_session);
  }
}

// [SECTION] Home, article, author -------------------------------------------------------------

void Presenter::build_home(AppVm& vm) {
  HomeVm& h = vm.home;
  h.resume_offered = m_resume_offered;
  h.resume_title = m_resume_title;
  h.resume_detail = m_resume_detail;
  for (const auto& e : m_recent) {
    RecentVm r;
    r.path = e.path.string();
    r.title = tree_title(*m_ws.knowledge(), e.tree, m_lang);
    r.when = e.started ? stamp(e.started) : std::string();
    r.state = !e.error.empty() ? e.error
              : e.concluded    ? "\xE2\x9C\x93 " + e.conclusion
                               : std::to_string(e.answers) + " " + tr("gui.answers", m_lang);
    h.recent.push_back(std::move(r));
  }
  for (const auto& t : m_ws.trees(m_lang)) h.trees.push_back({t.id, t.title, t.domain});
  vm.author.trees = h.trees;
}

void Presenter::build_article(AppVm& vm) {
  vm.article = m_article;
  vm.article.can_back = m_history_pos > 0 && !m_history.empty();
  vm.article.can_forward = m_history_pos + 1 < m_history.size();
}

void Presenter::build_author(AppVm& vm) {
  AuthorVm& a = vm.author;
  a.can_import = true;
  a.can_index = true;
  a.lint_done = m_lint_done;
  auto job_vm = [](const char* name, const Job::State& st) {
    return JobVm{name, {}, st.running, st.finished, st.failed, st.progress, st.message};
  };
  a.index_job = job_vm("index", m_index_job.state());
  a.import_job = job_vm("import", m_import_job.state());
  m_guide->build_simulation(a.simulation, *m_ws.knowledge(), m_lang);
  if (const auto lint = m_lint_job.state(); lint.running) a.index_job = job_vm("lint", lint);
  const engine::Knowledge& k = *m_ws.knowledge();

  // Findings, each attached to a tree and node by file and line.
  for (const auto& d : m_lint_done ? m_findings : std::vector<engine::Diagnostic>{}) {
    FindingVm f;
    f.error = d.severity == engine::Severity::error;
    f.code = d.code;
    f.message = d.message;
    f.location = engine::format(d);
    for (const auto& t : k.trees()) {
      if (t.pos.file != d.pos.file) continue;
      f.tree = t.id;
      int best = 0;
      for (const auto& n : t.nodes) {
        if (n.pos.line <= d.pos.line && n.pos.line > best) {
          best = n.pos.line;
          f.node = n.id;
        }
      }
    }
    (f.error ? a.errors : a.warnings) += 1;
    a.findings.push_back(std::move(f));
  }

  const engine::Tree* tree = k.find_tree(m_author_tree);
  if (!tree) return;
  a.tree = tree->id;
  a.tree_title = tree->title.get(m_lang);
  a.node = m_author_node;
  for (const auto& n : tree->nodes) {
    OutlineNodeVm o;
    o.id = n.id;
    o.kind = std::string(engine::node_kind_name(n.kind));
    o.start = n.id == tree->start;
    switch (n.kind) {
      case engine::NodeKind::conclusion:
        o.text = n.diagnosis.get(m_lang) + "  [" + tr("outcome." + std::string(engine::outcome_name(n.outcome)), m_lang) + "]";
        break;
      case engine::NodeKind::jump: o.text = "\xE2\x86\x92 " + tree_title(k, n.jump_tree, m_lang); break;
      default: o.text = n.text.get(m_lang); break;
    }
    for (const auto& c : n.choices) o.exits.emplace_back(c.label.get(m_lang), c.next);
    if (!n.next.empty()) o.exits.emplace_back(n.input.empty() ? std::string("next") : n.input, n.next);
    if (!n.dont_know.empty()) o.exits.emplace_back(tr("answer.dont_know", m_lang), n.dont_know);
    for (const auto& f : a.findings) {
      if (f.tree == tree->id && f.node == n.id) (f.error ? o.errors : o.warnings) += 1;
    }
    a.outline.push_back(std::move(o));
  }

  // The diagram, laid out once per tree, language and lint run.
  const std::string key = tree->id + "|" + std::string(engine::lang_code(m_lang)) + "|" + std::to_string(m_findings.size());
  if (m_diagram.key != key) {
    workspace::DiagramOptions opts;
    opts.lang = m_lang;
    opts.measure = m_options.measure_label;
    // DejaVu Sans is about 10% wider than the Helvetica metrics Graphviz uses.
    opts.edge_font_size = 13;
    const workspace::Diagram d = workspace::layout_tree(*tree, k, opts);
    DiagramVm dv;
    dv.tree = tree->id;
    dv.width = static_cast<float>(d.width);
    dv.height = static_cast<float>(d.height);
    dv.error = d.error;
    dv.edge_font = 11.5f;
    for (const auto& n : d.nodes) {
      DiagramNodeVm nv;
      nv.id = n.id;
      nv.kind = std::string(engine::node_kind_name(n.kind));
      nv.lines = n.lines;
      nv.x = static_cast<float>(n.x);
      nv.y = static_cast<float>(n.y);
      nv.w = static_cast<float>(n.width);
      nv.h = static_cast<float>(n.height);
      for (const auto& o : a.outline) {
        if (o.id == n.id) nv.problem = o.errors + o.warnings > 0;
      }
      dv.nodes.push_back(std::move(nv));
    }
    for (const auto& e : d.edges) {
      DiagramEdgeVm ev;
      for (const auto& p : e.spline) ev.spline.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
      ev.has_arrow = e.has_arrow;
      ev.arrow_tip = {static_cast<float>(e.arrow_tip.x), static_cast<float>(e.arrow_tip.y)};
      ev.label = e.label;
      ev.label_pos = {static_cast<float>(e.label_pos.x), static_cast<float>(e.label_pos.y)};
      ev.dashed = e.kind == workspace::DiagramEdge::Kind::dont_know;
      dv.edges.push_back(std::move(ev));
    }
    m_diagram = {key, std::move(dv)};
  }
  a.diagram = m_diagram.vm;
  // Highlight the node the session in progress is at.
  if (m_session && m_session->step().tree == tree->id) {
    for (auto& n : a.diagram.nodes) n.current = n.id == m_session->step().node;
  }
}

}  // namespace diagdesk::gui
