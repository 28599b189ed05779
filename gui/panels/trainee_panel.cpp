// Trainee mode: the place reserved in the layout for the training issue.
// The training engineer fills TraineeVm (scenarios per competency, scoring on
// method and result, progress) in the presenter and draws it here; the tab,
// the view-model slot and the intent plumbing already exist.
#include "panels/panels.hpp"

#include <imgui.h>

namespace diagdesk::gui {

Intent draw_trainee_panel(const TraineeVm& vm, const Labels& l) {
  // Reserved for the training issue: scenarios per competency, scoring on
  // method and result, progress. It receives a TraineeVm and returns intents
  // like every other panel.
  ImGui::Spacing();
  if (fonts().heading) ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted(l("gui.tab_trainee"));
  if (fonts().heading) ImGui::PopFont();
  ImGui::TextWrapped("%s", vm.message.empty() ? l("gui.trainee_soon") : vm.message.c_str());
  return {};
}

}  // namespace diagdesk::gui
