// Presenter: applying intents through the workspace and the engine.
//
// [SECTION] Construction and settings
// [SECTION] Applying intents
// [SECTION] Sessions (start, autosave, archive, export)
// [SECTION] Search
// [SECTION] Articles
// [SECTION] Author mode
#include "app/presenter.hpp"

#include "app/markdown.hpp"
#include "app/assets_presenter.hpp"
#include "app/guide_presenter.hpp"
#include "app/quotes_presenter.hpp"
#include "app/tickets_presenter.hpp"
#include "app/trainee_presenter.hpp"
#include <diagdesk/workspace/import.hpp>
#include "app/tree_search.hpp"

#include <diagdesk/engine/i18n.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>

namespace diagdesk::gui {

namespace fs = std::filesystem;
using engine::Lang;
using engine::tr;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

namespace {

std::string stamp(std::int64_t t, const char* fmt) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

}  // namespace

// [SECTION] Construction and settings ------------------------------------------------------

namespace {

/// Imports go to the user's own layer (<data_dir>/kb): make it part of the
/// workspace, so what is imported is found and shown.
PresenterOptions with_user_layer(PresenterOptions o) {
  if (!o.persist) return o;
  const fs::path user = workspace::user_kb_dir(o.workspace);
  std::error_code ec;
  fs::create_directories(user, ec);
  if (!ec && std::find(o.workspace.layers.begin(), o.workspace.layers.end(), user) == o.workspace.layers.end()) {
    o.workspace.layers.push_back(user);
  }
  return o;
}

}  // namespace

Presenter::Presenter(PresenterOptions options)
    : m_options(with_user_layer(std::move(options))),
      m_ws(workspace::Workspace::open(m_options.workspace)),
      m_store(m_ws.sessions_dir()) {
  if (m_options.persist) {
    auto loaded = workspace::load_settings(m_ws.options().data_dir);
    m_settings = loaded.settings;
    if (!loaded.error.empty()) status("settings ignored: " + loaded.error, true);
  }
  m_lang = m_options.workspace.lang;
  if (auto l = engine::parse_lang(m_settings.lang)) m_lang = *l;
  if (auto l = engine::parse_lang(m_options.lang)) m_lang = *l;
  m_settings.lang = std::string(engine::lang_code(m_lang));

  // Offer to resume a session left in progress (crash, closed window).
  if (m_options.persist && m_store.has_autosave()) {
    auto loaded = m_store.load_autosave(m_ws.knowledge());
    if (loaded.session && !loaded.session->concluded()) {
      m_resume_offered = true;
    } else if (!loaded.session) {
      status(tr("gui.resume_failed", m_lang) + std::string(" ") + loaded.error, true);
    }
  }
  refresh_home();
  m_trainee = std::make_unique<TraineePresenter>(m_ws, m_options.persist);
  m_tickets = std::make_unique<TicketsPresenter>(m_ws, m_settings.operator_name);
  m_assets = std::make_unique<AssetsPresenter>(m_ws, *m_tickets, m_settings.operator_name);
  m_quotes = std::make_unique<QuotesPresenter>(m_ws, *m_tickets, m_settings.operator_name);
  m_guide = std::make_unique<GuidePresenter>(m_options.async);
  // Open the search in the background (loads the articles, brings the index
  // up to date) so the first keystroke finds it ready.
  reload_kb();
}

Presenter::~Presenter() = default;

void Presenter::set_window(int width, int height, bool maximized) {
  if (!maximized && width > 0 && height > 0) {
    m_settings.window_width = width;
    m_settings.window_height = height;
  }
  m_settings.window_maximized = maximized;
}

std::string Presenter::save_settings() {
  if (!m_options.persist) return {};
  return workspace::save_settings(m_settings, m_ws.options().data_dir);
}

void Presenter::status(std::string text, bool error) {
  m_status = std::move(text);
  m_status_error = error;
  m_dirty = true;
}

engine::ReportInfo Presenter::report_info() const {
  // The report lists the remedy as done only for the lines the operator ticked.
  return engine::ReportInfo{m_settings.operator_name, m_symptom, m_started, m_remedy_done};
}

// [SECTION] Applying intents -----------------------------------------------------------------

void Presenter::apply_all(const std::vector<Intent>& intents) noexcept {
  for (const auto& i : intents) apply(i);
}

void Presenter::apply(const Intent& intent) noexcept {
  try {
    do_apply(intent);
  } catch (const std::exception& e) {
    status(std::string("internal error: ") + e.what(), true);
  } catch (...) {
    status("internal error", true);
  }
  m_dirty = true;
}

void Presenter::do_apply(const Intent& i) {
  auto answered = [&](engine::AnswerError e) {
    m_step_error = e == engine::AnswerError::none ? std::string() : tr("gui.answer_refused", m_lang) + std::string(" (") +
                                                                        std::string(engine::answer_error_name(e)) + ")";
    if (e == engine::AnswerError::none) after_change();
  };
  switch (i.kind) {
    case IntentKind::none: break;
    // search
    case IntentKind::search_changed:
      m_query = i.a;
      run_search();
      break;
    case IntentKind::search_filter:
      m_domain_filter = i.a;
      m_lang_filter = i.b;
      run_search();
      break;
    case IntentKind::open_result:
      if (i.a == "tree") {
        m_symptom = m_query;
        start_tree(i.b);
      } else {
        open_article(i.b);
      }
      break;
    // starting and resuming
    case IntentKind::start_tree: start_tree(i.a); break;
    case IntentKind::set_start_fact: set_start_fact(i.a, i.b); break;
    case IntentKind::resume_autosave: {
      auto loaded = m_store.load_autosave(m_ws.knowledge());
      m_resume_offered = false;
      if (!loaded.session) {
        status(tr("gui.resume_failed", m_lang) + std::string(" ") + loaded.error, true);
        break;
      }
      m_session = std::move(loaded.session);
      m_guide->reset();
      m_session->set_lang(m_lang);
      m_symptom = loaded.info.symptom;
      m_started = loaded.info.date;
      m_start_facts = m_session->start_facts();
      m_archive_path.clear();
      m_remedy_done.assign(m_session->step().remedy.size(), false);
      m_tab = Tab::diagnosis;
      status(tr("gui.resumed", m_lang));
      break;
    }
    case IntentKind::discard_autosave:
      // Keep the abandoned session in the recent list rather than losing it.
      if (auto loaded = m_store.load_autosave(m_ws.knowledge()); loaded.session) {
        m_store.archive(*loaded.session, loaded.info);
      } else {
        m_store.clear_autosave();
      }
      m_resume_offered = false;
      refresh_home();
      break;
    case IntentKind::open_recent: {
      auto loaded = engine::load_session(m_ws.knowledge(), i.a);
      if (!loaded.session) {
        status(loaded.error, true);
        break;
      }
      archive_session();
      m_session = std::move(loaded.session);
      m_guide->reset();
      m_session->set_lang(m_lang);
      m_symptom = loaded.info.symptom;
      m_started = loaded.info.date;
      m_start_facts = m_session->start_facts();
      m_archive_path = i.a;
      m_remedy_done.assign(m_session->step().remedy.size(), false);
      m_tab = Tab::diagnosis;
      break;
    }
    // guided diagnosis (in guided mode, the guided session's acts)
    case IntentKind::answer:
    case IntentKind::answer_value:
    case IntentKind::dont_know:
    case IntentKind::back:
      if (!m_session) break;
      if (m_guide->guided()) {
        m_step_error = m_guide->act(i, m_lang, now_seconds());
      } else if (i.kind == IntentKind::answer) {
        answered(m_session->answer(std::to_string(i.n), now_seconds()));
      } else if (i.kind == IntentKind::answer_value) {
        answered(m_session->answer(i.a, now_seconds()));
      } else if (i.kind == IntentKind::dont_know) {
        answered(m_session->dont_know(now_seconds()));
      } else {
        answered(m_session->back());
      }
      break;
    case IntentKind::toggle_why: m_why_open = !m_why_open; break;
    case IntentKind::add_note:
      if (m_session && !i.a.empty()) {
        m_session->add_note(i.a, now_seconds());
        after_change();
        status(tr("cli.note_saved", m_lang));
      }
      break;
    // conclusion
    case IntentKind::toggle_remedy:
      if (m_guide->guided() && m_remedy_done.size() < m_guide->step().remedy.size()) m_remedy_done.resize(m_guide->step().remedy.size(), false);
      if (i.n >= 0 && static_cast<std::size_t>(i.n) < m_remedy_done.size()) m_remedy_done[i.n] = !m_remedy_done[i.n];
      break;
    case IntentKind::export_report: export_text(false); break;
    case IntentKind::export_escalation: export_text(true); break;
    case IntentKind::start_over:
      archive_session();
      m_session.reset();
      m_guide->reset();
      m_symptom.clear();
      m_why_open = false;
      m_step_error.clear();
      m_exported.clear();
      m_tab = Tab::diagnosis;
      break;
    // articles
    case IntentKind::open_article: open_article(i.a); break;
    case IntentKind::article_back:
      if (m_history_pos > 0) open_article(m_history[--m_history_pos], false);
      break;
    case IntentKind::article_forward:
      if (m_history_pos + 1 < m_history.size()) open_article(m_history[++m_history_pos], false);
      break;
    // author mode
    case IntentKind::select_tree:
      m_author_tree = i.a;
      m_author_node = i.b;
      m_tab = Tab::author;
      break;
    case IntentKind::select_node: m_author_node = i.a; break;
    case IntentKind::run_lint: run_lint(); break;
    case IntentKind::rebuild_index: rebuild_index(); break;
    case IntentKind::run_import: run_import(i.a); break;
    // application
    case IntentKind::set_tab:
      if (i.n >= 0 && i.n <= static_cast<int>(Tab::quotes)) m_tab = static_cast<Tab>(i.n);
      if (m_tab == Tab::tickets) ticket_session(true, false);  // back to the ticket: attach the diagnosis
      break;
    case IntentKind::set_lang:
      if (auto l = engine::parse_lang(i.a)) set_lang(*l);
      break;
    case IntentKind::set_theme:
      m_settings.theme = i.a == "dark" ? "dark" : "light";
      save_settings();
      break;
    case IntentKind::copy_text: status(tr("gui.copied", m_lang)); break;
    case IntentKind::dismiss_status: m_status.clear(); break;
    case IntentKind::quit: m_quit = true; break;
    case IntentKind::ticket: apply_ticket(i); break;
    case IntentKind::asset: m_assets->apply(i, m_lang); break;
    case IntentKind::quote:
      // From a diagnosis or a ticket: the draft opens in the Quotes tab.
      if (i.a == "from_session") {
        if (m_session) m_quotes->from_session(*m_session, m_lang);
      } else {
        m_quotes->apply(i, m_lang);
      }
      if (i.a == "from_session" || i.a == "from_ticket") m_tab = Tab::quotes;
      break;
    case IntentKind::guide:
      if (i.a == "simulate" || i.a == "simulate_all") {
        m_guide->apply_simulation(i, m_ws.knowledge());
      } else if (i.a == "rights") {
        m_guide->set_operator_n2(i.n != 0);
      } else if (i.a == "toggle") {
        if (auto err = m_guide->toggle(m_session ? &*m_session : nullptr, m_ws, m_lang); !err.empty()) {
          status(err, true);
        } else if (!m_guide->learn_error().empty()) {
          status(m_guide->learn_error(), true);
        }
        m_step_error.clear();
      } else {
        m_guide->act(i, m_lang, now_seconds());
      }
      break;
    case IntentKind::trainee: {
      const auto applied = m_trainee->apply(i, m_lang);
      if (!applied.error.empty()) status(applied.error, true);
      if (!applied.open_article.empty()) open_article(applied.open_article);
      break;
    }
  }
}

void Presenter::set_lang(Lang lang) {
  m_lang = lang;
  m_settings.lang = std::string(engine::lang_code(lang));
  if (auto err = save_settings(); !err.empty()) status(err, true);
  if (m_session) m_session->set_lang(lang);
  m_guide->set_lang(lang);
  m_labels_dirty = true;
  refresh_home();
  run_search();
  // Show the open article in the new language when it exists.
  if (m_article.open) open_article(m_article.topic, false);
}

// [SECTION] Sessions (start, autosave, archive, export) -----------------------------------------

void Presenter::start_tree(const std::string& id) {
  std::vector<std::string> facts;
  for (const auto& [k, v] : m_start_facts) facts.push_back(k + "=" + v);
  install_session(m_ws.start(id, facts, m_lang));
}

bool Presenter::install_session(workspace::Started started, const std::string* symptom) {
  archive_session();
  if (!started.session) {
    status(started.error, true);
    return false;
  }
  m_session = std::move(started.session);
  m_guide->reset();
  if (symptom) m_symptom = *symptom;
  m_started = now_seconds();
  m_archive_path.clear();
  m_why_open = false;
  m_step_error.clear();
  m_exported.clear();
  m_remedy_done.clear();
  m_resume_offered = false;
  m_tab = Tab::diagnosis;
  after_change();
  return true;
}

void Presenter::after_change() {
  if (!m_session) return;
  ticket_session(false, false);  // a concluded diagnosis of a ticket goes back to it
  m_remedy_done.resize(m_session->step().remedy.size(), false);
  if (!m_options.persist || !m_settings.autosave) return;
  if (m_session->concluded()) {
    // A concluded session goes to the archive (recent list) at once; going
    // back and concluding again rewrites the same file.
    engine::Session copy = *m_session;
    if (m_archive_path.empty()) {
      fs::path saved;
      if (auto err = m_store.archive(copy, report_info(), &saved); !err.empty()) status(err, true);
      m_archive_path = saved;
    } else {
      if (auto err = engine::save_session(copy, m_archive_path, report_info()); !err.empty()) status(err, true);
      m_store.clear_autosave();
    }
    refresh_home();
    return;
  }
  if (auto err = m_store.autosave(*m_session, report_info()); !err.empty()) status(err, true);
}

void Presenter::archive_session() {
  // Put a session with answers aside before another one replaces it.
  ticket_session(false, true);
  if (!m_session || !m_options.persist) return;
  if (m_session->answers().empty() && m_session->notes().empty()) {
    m_store.clear_autosave();
    return;
  }
  if (m_archive_path.empty()) {
    fs::path saved;
    m_store.archive(*m_session, report_info(), &saved);
  } else {
    engine::save_session(*m_session, m_archive_path, report_info());
    m_store.clear_autosave();
  }
  refresh_home();
}

void Presenter::export_text(bool escalation) {
  if (!m_session) return;
  const auto info = report_info();
  // A guided diagnosis reports the steps it took, in its order, with the probabilities.
  const engine::GuidedSession* guided = m_guide->guided_session();
  const std::string text = escalation ? workspace::escalation_summary(*m_session, m_lang, info)
                           : guided   ? engine::render_guided_report(*guided, m_lang, info)
                                      : engine::render_report(*m_session, m_lang, info);
  const fs::path path = m_ws.options().data_dir / "reports" /
                        (stamp(m_started ? m_started : now_seconds(), "%Y%m%d-%H%M%S") + "-" + m_session->start_tree() +
                         (escalation ? "-escalation" : "-report") + ".md");
  if (auto err = engine::write_file_atomic(path, text); !err.empty()) {
    status(err, true);
    return;
  }
  m_exported = path.string();
  m_clipboard = text;
  ++m_clipboard_serial;
  status(tr(escalation ? "gui.escalation_written" : "gui.report_written", m_lang) + std::string(" ") + path.string());
}

void Presenter::set_start_fact(const std::string& key, const std::string& value) {
  if (m_session && !m_session->answers().empty()) {
    status(tr("gui.facts_locked", m_lang), true);
    return;
  }
  std::string why;
  std::optional<std::string> normalised;
  if (!value.empty()) {
    normalised = m_ws.knowledge()->facts().normalise(key, value, &why);
    if (!normalised) {
      status(why, true);
      return;
    }
  }
  std::erase_if(m_start_facts, [&](const auto& kv) { return kv.first == key; });
  if (normalised) m_start_facts.emplace_back(key, *normalised);
  if (m_session) {
    // No answer yet: restart the same script with the new facts.
    const std::string tree = m_session->start_tree();
    const std::string symptom = m_symptom;
    m_session.reset();
    start_tree(tree);
    m_symptom = symptom;
  }
}

void Presenter::refresh_home() {
  m_recent = m_options.persist ? m_store.recent(m_ws.knowledge(), 8) : std::vector<workspace::SessionEntry>{};
  if (m_resume_offered) {
    auto loaded = m_store.load_autosave(m_ws.knowledge());
    if (loaded.session) {
      const engine::Tree* t = m_ws.knowledge()->find_tree(loaded.session->start_tree());
      m_resume_title = t ? t->title.get(m_lang) : loaded.session->start_tree();
      m_resume_detail = std::to_string(loaded.session->answers().size()) + " " + tr("gui.answers", m_lang) + " · " +
                        stamp(loaded.info.date ? loaded.info.date : now_seconds(), "%Y-%m-%d %H:%M");
    }
  }
  m_dirty = true;
}

// [SECTION] Search ----------------------------------------------------------------------------------

void Presenter::post_kb(std::string key, std::function<void(KbState&, Mailbox&)> task) {
  // The task holds shared pointers only (and the workspace, which outlives
  // the worker), so it may finish after this frame.
  auto run = [kb = m_kb, box = m_mailbox, task = std::move(task)] { task(*kb, *box); };
  if (m_options.async) {
    m_worker.post(std::move(key), std::move(run));
  } else {
    run();
    poll();
  }
}

void Presenter::reload_kb() {
  // After an index rebuild or an import: reopen the search, refresh titles.
  post_kb("reload", [ws = &m_ws](KbState& kb, Mailbox& box) {
    kb.search.reset();
    kb.error.clear();
    auto titles = titles_task(kb, *ws);
    std::lock_guard lock(box.mutex);
    box.titles = std::move(titles);
  });
}

void Presenter::run_search() {
  const std::uint64_t seq = ++m_search_sequence;
  if (m_query.find_first_not_of(" \t") == std::string::npos) {
    m_search = SearchVm{};
    return;
  }
  m_search.busy = true;
  SearchRequest request{m_query, m_domain_filter, m_lang_filter, m_lang};
  post_kb("search", [ws = &m_ws, request, seq](KbState& kb, Mailbox& box) {
    SearchVm r = search_task(kb, *ws, request);
    std::lock_guard lock(box.mutex);
    box.search_sequence = seq;
    box.search = std::move(r);
  });
}

void Presenter::poll() noexcept {
  try {
    {
      std::lock_guard lock(m_mailbox->mutex);
      // Only the newest request's results are shown.
      if (m_mailbox->search) {
        if (m_mailbox->search_sequence == m_search_sequence) {
          m_search = std::move(*m_mailbox->search);
          m_index_usable = m_search.articles_available;
          m_dirty = true;
        }
        m_mailbox->search.reset();
      }
      if (m_mailbox->article) {
        if (m_mailbox->article_sequence == m_article_sequence) {
          m_article = std::move(*m_mailbox->article);
          if (!m_article.open) {
            m_article.error = tr("gui.article_not_found", m_lang) + std::string(" ") + m_article.error;
          } else if (!m_article.id.ends_with(std::string(".") + std::string(engine::lang_code(m_lang)))) {
            m_article.error = tr("gui.article_other_lang", m_lang);
          }
          m_dirty = true;
        }
        m_mailbox->article.reset();
      }
      if (m_mailbox->titles) {
        m_titles = std::move(*m_mailbox->titles);
        m_mailbox->titles.reset();
        if (!m_titles.empty()) m_index_usable = true;
        m_dirty = true;
      }
    }
    if (m_lint_pending && !m_lint_job.state().running) {
      m_lint_pending = false;
      m_findings = std::move(*m_lint_result);
      m_lint_done = true;
      m_diagram.key.clear();  // findings mark diagram nodes
      m_dirty = true;
    }
    for (auto [job, pending] : {std::pair{&m_index_job, &m_index_pending}, std::pair{&m_import_job, &m_import_pending}}) {
      if (*pending && !job->state().running) {
        *pending = false;
        const auto st = job->state();
        status(st.message, st.failed);
        reload_kb();
        run_search();
      }
    }
    if (m_lint_job.state().running || m_index_job.state().running || m_import_job.state().running) m_dirty = true;
    if ((m_tab == Tab::tickets || m_tab == Tab::dashboard) && m_tickets->tick()) m_dirty = true;  // the countdowns move
    if (m_assets->poll()) m_dirty = true;  // the import's progress, then its report
    if (m_guide->poll()) m_dirty = true;   // a simulation finished, or the next tree of "all"
  } catch (...) {
    status("internal error while polling background work", true);
  }
}

bool Presenter::busy() const {
  return !m_worker.idle() || m_lint_job.state().running || m_index_job.state().running || m_import_job.state().running ||
         m_assets->importing() || m_guide->busy();
}

void Presenter::wait_background() {
  m_worker.wait_idle();
  m_lint_job.wait();
  m_index_job.wait();
  m_import_job.wait();
  m_assets->wait();
  m_guide->wait();
  poll();
}

// [SECTION] Articles ---------------------------------------------------------------------------------

void Presenter::open_article(const std::string& target, bool record_history) {
  const std::string topic = link_topic(target);
  m_tab = Tab::article;
  if (record_history) {
    if (!m_history.empty() && m_history_pos + 1 < m_history.size()) m_history.resize(m_history_pos + 1);
    if (m_history.empty() || m_history.back() != topic) m_history.push_back(topic);
    m_history_pos = m_history.size() - 1;
  }
  const std::uint64_t seq = ++m_article_sequence;
  post_kb("article", [ws = &m_ws, topic, lang = m_lang, seq](KbState& kb, Mailbox& box) {
    ArticleVm a = article_task(kb, *ws, topic, lang);
    if (!a.open) a = article_task(kb, *ws, topic, engine::other(lang));
    std::lock_guard lock(box.mutex);
    box.article_sequence = seq;
    box.article = std::move(a);
  });
}

// [SECTION] Author mode -------------------------------------------------------------------------------

void Presenter::run_lint() {
  if (m_lint_job.state().running) return;
  m_lint_result = std::make_shared<std::vector<engine::Diagnostic>>();
  auto task = [this, out = m_lint_result](Progress& p) {
    p.set(-1, tr("gui.linting", m_lang));
    *out = m_ws.lint({});
    return std::to_string(engine::count_errors(*out)) + " " + tr("gui.errors", m_lang);
  };
  if (m_options.async) {
    m_lint_job.start(task);
  } else {
    Progress p;
    task(p);
  }
  m_lint_pending = true;
  if (!m_options.async) poll();
}

void Presenter::rebuild_index() {
  if (m_index_job.state().running) return;
  auto task = [this, lang = m_lang](Progress& p) {
    p.set(-1, tr("gui.indexing", lang));
    workspace::Search search(m_ws);
    const kb::SyncReport report = search.update_index(kb::SyncMode::rebuild, [&p, lang](std::size_t done, std::size_t total) {
      p.set(static_cast<float>(done) / static_cast<float>(total), workspace::progress_text(done, total, lang));
    });
    if (report.action == kb::IndexAction::failed) throw std::runtime_error(workspace::describe(report, lang));
    return workspace::describe(report, lang);
  };
  m_index_pending = true;
  if (m_options.async) {
    m_index_job.start(task);
  } else {
    Progress p;
    try {
      status(task(p));
    } catch (const std::exception& e) {
      status(e.what(), true);
    }
    m_index_pending = false;
    reload_kb();
  }
}

void Presenter::run_import(const std::string& path) {
  if (m_import_job.state().running || path.empty()) return;
  auto task = [this, path, lang = m_lang](Progress& p) {
    importers::ImportOptions o;
    o.inputs = {fs::path(path)};
    o.on_progress = [&p](const importers::Progress& ip) {
      p.set(ip.total ? static_cast<float>(ip.done) / static_cast<float>(ip.total) : -1.0f,
            std::to_string(ip.done) + "/" + std::to_string(ip.total) + "  " + ip.current.filename().string());
    };
    const auto done = workspace::import_articles(m_ws.options(), o);
    if (!done.report.error.empty()) throw std::runtime_error(done.report.error);
    // Bring the index in line so the new articles are found at once.
    p.set(-1, tr("gui.indexing", lang));
    workspace::Search search(m_ws);
    search.update_index(kb::SyncMode::incremental, [&p, lang](std::size_t n, std::size_t total) {
      p.set(static_cast<float>(n) / static_cast<float>(total), workspace::progress_text(n, total, lang));
    });
    const auto& c = done.report.article_counts;
    return tr("gui.import_done", lang) + " " + std::to_string(c.imported) + " + " + std::to_string(c.updated) +
           " / " + std::to_string(c.total()) + " (" + std::to_string(done.report.file_counts.failed) + " " +
           tr("gui.errors", lang) + ")";
  };
  m_import_pending = true;
  if (m_options.async) {
    m_import_job.start(task);
  } else {
    Progress p;
    try {
      status(task(p));
    } catch (const std::exception& e) {
      status(e.what(), true);
    }
    m_import_pending = false;
    reload_kb();
  }
}

}  // namespace diagdesk::gui
