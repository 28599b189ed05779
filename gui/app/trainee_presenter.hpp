#pragma once
// The trainee mode's presenter: the scenarios of the workspace, the play in
// progress (an engine::TrainingRun fed with the same action tokens as
// `diagdesk train --actions`), and the trainee's progress in the SQLite
// database under the user data dir. The main Presenter owns one and forwards
// IntentKind::trainee to it; it never throws into a frame (the Presenter
// catches).
//
//     TraineePresenter t(ws, true);
//     auto r = t.apply({IntentKind::trainee, "select", "net.apipa_dhcp_down"}, Lang::en);
//     t.apply({IntentKind::trainee, "start"}, Lang::en);
//     auto screen = t.build(Lang::en);   // -> AppVm::trainee.screen

#include "vm/trainee_vm.hpp"

#include <diagdesk/engine/training_run.hpp>
#include <diagdesk/workspace/training.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace diagdesk::gui {

class TraineePresenter {
 public:
  /// `record`: keep progress in <data_dir>/training.sqlite.
  TraineePresenter(const workspace::Workspace& ws, bool record);
  ~TraineePresenter();

  /// What applying an intent asks of the main presenter.
  struct Applied {
    std::string error;         ///< one sentence for the status line, "" when fine
    std::string open_article;  ///< topic to show in the article tab
  };
  Applied apply(const Intent& intent, engine::Lang lang);

  /// The screen's view-model (a fresh one each call).
  std::shared_ptr<const TraineeScreenVm> build(engine::Lang lang);
  bool available() const { return !m_set.scenarios.empty(); }
  /// The play in progress (tests), or nullptr.
  const engine::TrainingRun* run() const { return m_run.get(); }

 private:
  workspace::ProgressStore* store();
  void start();
  void finish();
  void build_list(TraineeScreenVm& vm, engine::Lang lang);
  void build_play(TraineeScreenVm& vm, engine::Lang lang);
  void build_debrief(TraineeScreenVm& vm, engine::Lang lang);

  const workspace::Workspace& m_ws;
  bool m_record = true;
  engine::ScenarioSet m_set;
  std::string m_trainee;
  std::unique_ptr<workspace::ProgressStore> m_store;
  bool m_store_tried = false;
  std::string m_notice;    ///< progress database problem, in English
  std::string m_moved_to;  ///< a damaged progress file was kept here
  TraineeViewVm m_view = TraineeViewVm::list;
  std::string m_selected;
  engine::Mode m_mode = engine::Mode::guided;
  std::unique_ptr<engine::TrainingRun> m_run;
  std::string m_filter;
  std::string m_error;
  std::int64_t m_started = 0;
  bool m_recorded = false;
  std::string m_quote_search;  ///< the quote step's catalogue search (proposal scenarios)
};

}  // namespace diagdesk::gui
