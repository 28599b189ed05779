#pragma once
// The presenter: owns the workspace, the session in progress and the state of
// every screen; applies the panels' intents through the workspace / engine
// API (the same calls the CLI makes) and rebuilds the view-models. Nothing
// thrown below it reaches a frame: apply() catches and shows a status.
//
//     Presenter p({.workspace = {}, .data_dir = dir});
//     for (;;) {
//       p.poll();                                   // background results
//       for (auto& i : draw_app(p.vm(), ui)) p.apply(i);
//     }

#include "app/background.hpp"
#include "app/kb_tasks.hpp"
#include "vm/view_models.hpp"

#include <diagdesk/engine/session_file.hpp>
#include <diagdesk/workspace/graph.hpp>
#include <diagdesk/workspace/session_store.hpp>
#include <diagdesk/workspace/settings.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace diagdesk::gui {

class TraineePresenter;  // app/trainee_presenter.hpp
class TicketsPresenter;  // app/tickets_presenter.hpp
class AssetsPresenter;   // app/assets_presenter.hpp
class QuotesPresenter;   // app/quotes_presenter.hpp
class GuidePresenter;    // app/guide_presenter.hpp

struct PresenterOptions {
  workspace::Options workspace;   ///< bundled KB, layers, data dir, language
  bool persist = true;            ///< read and write settings.toml, autosave sessions
  bool async = true;              ///< search and jobs off the UI thread (tests may turn it off)
  std::string lang;               ///< "fr" / "en": overrides the settings
  /// Measures a diagram label in pixels (the GUI's font); null: Graphviz estimates.
  std::function<std::pair<double, double>(std::string_view)> measure_label;
};

class Presenter {
 public:
  explicit Presenter(PresenterOptions options);
  ~Presenter();
  Presenter(const Presenter&) = delete;
  Presenter& operator=(const Presenter&) = delete;

  /// The view-models, rebuilt when something changed since the last call.
  const AppVm& vm();
  /// Applies one intent. Never throws: failures become the status line.
  void apply(const Intent& intent) noexcept;
  void apply_all(const std::vector<Intent>& intents) noexcept;
  /// Picks up results of background work (search, jobs). Cheap; call each frame.
  void poll() noexcept;
  /// Blocks until no background work is pending (tests, benchmarks).
  void wait_background();

  bool quit_requested() const { return m_quit; }
  /// True while background work runs (search, index, import, lint).
  bool busy() const;
  const workspace::Workspace& workspace() const { return m_ws; }
  const engine::Session* session() const { return m_session ? &*m_session : nullptr; }
  /// The Tickets tab's presenter (tests: its desk and clock).
  TicketsPresenter& tickets() { return *m_tickets; }
  /// The Assets tab's presenter (tests: wait for its import).
  AssetsPresenter& assets() { return *m_assets; }
  /// The Quotes tab's presenter (tests: its QuoteDesk).
  QuotesPresenter& quotes() { return *m_quotes; }
  /// Guidance: the author tab's simulation and guided mode (tests: wait for a simulation).
  GuidePresenter& guide() { return *m_guide; }
  workspace::Settings& settings() { return m_settings; }
  /// Records the window geometry (saved with the settings at exit).
  void set_window(int width, int height, bool maximized);
  /// Writes settings.toml (when persisting). Returns "" or an error.
  std::string save_settings();

 private:
  // Applying intents (presenter.cpp).
  void do_apply(const Intent& i);
  void start_tree(const std::string& id);
  /// Puts the current session aside and shows `started` (or says why it did not start).
  bool install_session(workspace::Started started, const std::string* symptom = nullptr);
  void after_change();
  void set_lang(engine::Lang lang);
  void set_start_fact(const std::string& key, const std::string& value);
  void open_article(const std::string& target, bool record_history = true);
  void run_search();
  void run_lint();
  void export_text(bool escalation);
  void archive_session();
  void refresh_home();
  engine::ReportInfo report_info() const;
  void status(std::string text, bool error = false);

  // Building view-models (presenter_build.cpp).
  void rebuild();
  void build_labels();
  void build_question(AppVm& vm);
  void build_facts(AppVm& vm);
  void build_conclusion(AppVm& vm);
  void build_article(AppVm& vm);
  void build_author(AppVm& vm);
  void build_home(AppVm& vm);

  PresenterOptions m_options;
  workspace::Workspace m_ws;
  workspace::SessionStore m_store;
  workspace::Settings m_settings;
  engine::Lang m_lang = engine::Lang::en;

  // Session.
  std::optional<engine::Session> m_session;
  std::vector<std::pair<std::string, std::string>> m_start_facts;
  std::string m_symptom;
  std::int64_t m_started = 0;
  std::filesystem::path m_archive_path;
  bool m_why_open = false;
  std::vector<bool> m_remedy_done;
  std::string m_step_error;
  std::string m_exported;

  // Home.
  bool m_resume_offered = false;
  std::string m_resume_title, m_resume_detail;
  std::vector<workspace::SessionEntry> m_recent;

  // Search and articles: the worker thread owns the KB search (KbState);
  // results come back through the mailbox, newest request only.
  std::string m_query, m_domain_filter, m_lang_filter;
  SearchVm m_search;
  struct Mailbox {
    std::mutex mutex;
    std::uint64_t search_sequence = 0;
    std::optional<SearchVm> search;
    std::uint64_t article_sequence = 0;
    std::optional<ArticleVm> article;
    std::optional<ArticleTitles> titles;
  };
  std::shared_ptr<Mailbox> m_mailbox = std::make_shared<Mailbox>();
  std::shared_ptr<KbState> m_kb = std::make_shared<KbState>();
  std::uint64_t m_search_sequence = 0;
  std::uint64_t m_article_sequence = 0;
  ArticleTitles m_titles;
  bool m_index_usable = false;
  void post_kb(std::string key, std::function<void(KbState&, Mailbox&)> task);
  void reload_kb();

  // Articles: history of topics, current article.
  std::vector<std::string> m_history;
  std::size_t m_history_pos = 0;
  ArticleVm m_article;

  // Author mode.
  std::string m_author_tree, m_author_node;
  std::vector<engine::Diagnostic> m_findings;
  bool m_lint_done = false;
  struct DiagramCache {
    std::string key;
    DiagramVm vm;
  } m_diagram;
  std::shared_ptr<std::vector<engine::Diagnostic>> m_lint_result;
  bool m_lint_pending = false;
  bool m_index_pending = false;
  bool m_import_pending = false;
  void rebuild_index();
  void run_import(const std::string& path);

  // Trainee mode (app/trainee_presenter.cpp).
  std::unique_ptr<TraineePresenter> m_trainee;

  // Tickets tab (app/presenter_tickets.cpp, app/tickets_presenter.cpp).
  std::unique_ptr<TicketsPresenter> m_tickets;
  void apply_ticket(const Intent& i);
  /// Hands the session to the ticket it was started for (TicketsPresenter::session_update).
  void ticket_session(bool force, bool leaving);
  void build_tickets(AppVm& vm);
  /// The Dashboard tab's figures, read from the desk while the tab is shown (app/presenter_dashboard.cpp).
  void build_dashboard(AppVm& vm);

  // Assets tab (app/presenter_assets.cpp, app/assets_presenter.cpp); after
  // m_tickets, whose desk it reads, so it is destroyed first.
  std::unique_ptr<AssetsPresenter> m_assets;
  void build_assets(AppVm& vm);

  // Quotes tab (app/presenter_quotes.cpp, app/quotes_presenter.cpp); after
  // m_tickets, whose desk it uses, so it is destroyed first.
  std::unique_ptr<QuotesPresenter> m_quotes;
  void build_quotes(AppVm& vm);

  // Cost-aware guidance (app/guide_presenter.cpp, app/guide_mode.cpp): the author
  // tab's simulation and guided mode.
  std::unique_ptr<GuidePresenter> m_guide;

  // Status and rebuilding.
  std::string m_status;
  bool m_status_error = false;
  bool m_quit = false;
  std::string m_clipboard;
  std::uint64_t m_clipboard_serial = 0;
  bool m_dirty = true;
  bool m_labels_dirty = true;
  AppVm m_vm;
  Labels m_labels;
  Tab m_tab = Tab::diagnosis;

  // Background work last: destroyed first, so tasks never outlive the state.
  Job m_lint_job;
  Job m_index_job;
  Job m_import_job;
  Worker m_worker;
};

/// Current time in Unix seconds (answers, notes, reports).
std::int64_t now_seconds();

}  // namespace diagdesk::gui
