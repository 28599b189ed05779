// The conclusion: diagnosis, outcome, remedy as a checklist, how it was
// reached, and the exports (report, level-2 escalation) and start over.
#include "panels/panels.hpp"

#include <imgui.h>

namespace diagdesk::gui {

namespace {

ImVec4 outcome_colour(const std::string& outcome) {
  if (outcome == "resolved") return ImVec4(0.15f, 0.60f, 0.25f, 1);
  if (outcome == "escalate_l2") return ImVec4(0.85f, 0.45f, 0.05f, 1);
  if (outcome == "hardware_return") return ImVec4(0.55f, 0.30f, 0.75f, 1);
  if (outcome == "proposal") return ImVec4(0.10f, 0.55f, 0.55f, 1);
  return ImVec4(0.20f, 0.45f, 0.80f, 1);
}

}  // namespace

Intent draw_conclusion_panel(const ConclusionVm& vm, const Labels& l) {
  Intent out;
  if (!vm.active) return out;
  ImGui::TextDisabled("%s  ·  %s", vm.tree_title.c_str(), l("report.conclusion"));
  const ImVec4 colour = outcome_colour(vm.outcome);
  ImGui::PushStyleColor(ImGuiCol_Button, colour);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colour);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, colour);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::SmallButton(vm.outcome_label.c_str());
  ImGui::PopStyleColor(4);

  if (fonts().large) ImGui::PushFont(fonts().large);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(vm.diagnosis.c_str());
  ImGui::PopTextWrapPos();
  if (fonts().large) ImGui::PopFont();
  ImGui::Spacing();

  int done = 0;
  for (bool d : vm.remedy_done) done += d;
  if (fonts().bold) ImGui::PushFont(fonts().bold);
  ImGui::Text("%s (%d/%d)", l("report.remedy"), done, static_cast<int>(vm.remedy.size()));
  if (fonts().bold) ImGui::PopFont();
  for (std::size_t i = 0; i < vm.remedy.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    bool checked = i < vm.remedy_done.size() && vm.remedy_done[i];
    if (ImGui::Checkbox("##done", &checked)) out = Intent{IntentKind::toggle_remedy, {}, {}, static_cast<int>(i)};
    if (probing()) probe("remedy/" + std::to_string(i));
    ImGui::SameLine();
    if (checked) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", vm.remedy[i].c_str());
    if (checked) ImGui::PopStyleColor();
    ImGui::PopID();
  }

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  const bool escalate = vm.outcome == "escalate_l2";
  if (ImGui::Button(l("gui.export_report"))) out = Intent{IntentKind::export_report};
  probe("export_report");
  ImGui::SameLine();
  if (escalate) {
    ImGui::PushStyleColor(ImGuiCol_Button, outcome_colour("escalate_l2"));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  }
  if (ImGui::Button(l("gui.export_escalation"))) out = Intent{IntentKind::export_escalation};
  probe("export_escalation");
  if (escalate) ImGui::PopStyleColor(2);
  ImGui::SameLine();
  if (ImGui::Button(l("gui.start_over"))) out = Intent{IntentKind::start_over};
  probe("start_over");
  if (vm.quotable) {
    ImGui::SameLine();
    if (ImGui::Button(l("gui.quotes.make_quote"))) out = Intent{IntentKind::quote, "from_session"};
    probe("make_quote");
  }
  if (!vm.exported.empty()) {
    ImGui::TextDisabled("%s", l("gui.exported_to"));
    ImGui::SameLine();
    ImGui::TextWrapped("%s", vm.exported.c_str());
  }

  ImGui::Spacing();
  const bool how_open = ImGui::CollapsingHeader(l("explain.how_title"));
  probe("how");
  if (how_open) {
    for (const auto& line : vm.how) {
      ImGui::Bullet();
      ImGui::TextWrapped("%s", line.text.c_str());
    }
    // A guided diagnosis: the causes' probabilities it ended on.
    if (!vm.probabilities.empty()) {
      ImGui::Spacing();
      ImGui::TextDisabled("%s", l("guide.posterior"));
      draw_cause_bars(vm.probabilities, l);
    }
  }
  return out;
}

}  // namespace diagdesk::gui
