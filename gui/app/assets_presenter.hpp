#pragma once
// The Assets tab's presenter: applies IntentKind::asset intents through the
// Tickets tab's desk (workspace::ServiceDesk, the same calls `diagdesk asset
// ...` makes) and builds the AssetsVm (vm/assets_vm.hpp). The CSV import runs
// as a background Job on a desk of its own (its own SQLite connection), with
// workspace::save_asset_import, reporting each saved row; its report stays
// shown until the next import. Never throws into a frame.
//
//     AssetsPresenter a(ws, tickets, "marie");
//     Intent i{IntentKind::asset, "import"};
//     i.fields = {{"path", "/tmp/parc.csv"}};
//     a.apply(i, Lang::en);
//     a.wait();                                  // tests: the job has ended
//     const AssetsVm& vm = a.build(Lang::en);    // -> AppVm::assets

#include "app/background.hpp"
#include "vm/view_models.hpp"

#include <diagdesk/workspace/service_desk.hpp>

#include <memory>
#include <mutex>
#include <string>

namespace diagdesk::gui {

class TicketsPresenter;

class AssetsPresenter {
 public:
  /// `tickets` owns the desk (opened the first time either tab is shown).
  AssetsPresenter(const workspace::Workspace& ws, TicketsPresenter& tickets, std::string operator_name);
  ~AssetsPresenter();

  /// Applies one IntentKind::asset intent. a: verb
  ///   filter  fields type, site, user, days ("" any)
  ///   select  b: tag ("" closes the card)
  ///   import  fields path: starts the import unless one runs
  ///   refresh re-reads the list
  void apply(const Intent& intent, engine::Lang lang);
  /// Rebuilds the view-model when something changed.
  const AssetsVm& build(engine::Lang lang);
  /// Picks up the import's progress; true while it runs and when it has just ended.
  bool poll();
  bool importing() const { return m_job.state().running; }
  /// Blocks until the import ends (tests).
  void wait() { m_job.wait(); }

 private:
  struct Report;
  void build_list(AssetsVm& vm, engine::Lang lang);
  void build_card(AssetsVm& vm, engine::Lang lang);
  void start_import(const std::string& path, engine::Lang lang);

  const workspace::Workspace& m_ws;
  TicketsPresenter& m_tickets;
  std::string m_operator;
  std::string m_type, m_site, m_user, m_days;
  std::string m_selected;
  std::string m_message;
  bool m_message_error = false;
  bool m_dirty = true;
  bool m_was_running = false;
  engine::Lang m_built_lang = engine::Lang::en;
  AssetsVm m_vm;
  std::mutex m_report_mutex;
  std::shared_ptr<AssetImportVm> m_report;  ///< written by the job when it ends
  Job m_job;                                ///< last: ends before the state it writes
};

}  // namespace diagdesk::gui
