// The transcript so far: questions and answers in order, plus notes.
#include "panels/panels.hpp"

#include <imgui.h>

namespace diagdesk::gui {

Intent draw_transcript_panel(const TranscriptVm& vm, const Labels& l) {
  Intent out;
  if (vm.entries.empty()) ImGui::TextDisabled("%s", l("gui.transcript_empty"));
  int n = 0;
  for (std::size_t i = 0; i < vm.entries.size(); ++i) {
    const auto& e = vm.entries[i];
    ImGui::PushID(static_cast<int>(i));
    if (e.kind == "asked" || e.kind == "dont_know" || e.kind == "skipped") {
      ImGui::TextDisabled("%d.", ++n);
      ImGui::SameLine();
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(e.question.c_str());
      ImGui::PopTextWrapPos();
      ImGui::Indent();
      const ImVec4 colour = e.kind == "dont_know" ? ImVec4(0.85f, 0.55f, 0.10f, 1)
                            : e.kind == "skipped" ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)
                                                  : ImVec4(0.15f, 0.55f, 0.25f, 1);
      ImGui::PushStyleColor(ImGuiCol_Text, colour);
      ImGui::TextWrapped("\xE2\x86\x92 %s", e.answer.c_str());  // →
      ImGui::PopStyleColor();
      ImGui::Unindent();
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::TextWrapped("%s", e.question.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::PopID();
  }
  if (!vm.notes.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", l("report.notes"));
    for (const auto& note : vm.notes) {
      ImGui::Bullet();
      ImGui::TextWrapped("%s", note.c_str());
    }
  }
  return out;
}

}  // namespace diagdesk::gui
