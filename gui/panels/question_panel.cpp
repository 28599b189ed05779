// The current question: warnings first (acknowledged before answering), the
// question in a large font, numbered choices (keys 1-9), Back (Backspace),
// Don't know (D), Why? (W), commands to run, and a note field.
#include "panels/panels.hpp"
#include "vm/keys.hpp"

#include <imgui.h>

#include <string>

namespace diagdesk::gui {

namespace {

ImVec4 warning_colour(WarningKindVm k) {
  switch (k) {
    case WarningKindVm::electrical: return ImVec4(0.80f, 0.10f, 0.10f, 1);
    case WarningKindVm::esd: return ImVec4(0.85f, 0.45f, 0.05f, 1);
    case WarningKindVm::data_loss: return ImVec4(0.80f, 0.25f, 0.05f, 1);
    case WarningKindVm::security: return ImVec4(0.65f, 0.10f, 0.45f, 1);
    case WarningKindVm::other: return ImVec4(0.75f, 0.50f, 0.00f, 1);
  }
  return ImVec4(0.8f, 0.1f, 0.1f, 1);
}

/// The number key pressed this frame (1-9, top row or keypad), or 0.
int number_key_pressed() {
  for (int n = 1; n <= 9; ++n) {
    if (ImGui::IsKeyPressed(keys::digit(n), false) || ImGui::IsKeyPressed(keys::keypad(n), false)) return n;
  }
  return 0;
}

/// Warnings in a framed, coloured box that cannot be missed; returns true
/// once they are acknowledged.
bool draw_warnings(const QuestionVm& vm, const Labels& l, QuestionUi& ui, const std::string& step_key) {
  if (vm.warnings.empty()) return true;
  bool acknowledged = ui.acknowledged == step_key;
  const float pulse = ui.flash > 0 ? 3.0f : 2.0f;
  for (std::size_t i = 0; i < vm.warnings.size(); ++i) {
    const WarningVm& w = vm.warnings[i];
    const ImVec4 colour = warning_colour(w.kind);
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(colour.x, colour.y, colour.z, 0.16f));
    ImGui::PushStyleColor(ImGuiCol_Border, colour);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, pulse);
    const float wrap_w = ImGui::GetContentRegionAvail().x - 24;
    const float text_h = ImGui::CalcTextSize(w.text.c_str(), nullptr, false, wrap_w).y;
    const float h = text_h + ImGui::GetTextLineHeightWithSpacing() * 1.2f + ImGui::GetStyle().WindowPadding.y * 2;
    ImGui::BeginChild("warning", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
    if (fonts().bold) ImGui::PushFont(fonts().bold);
    ImGui::TextColored(colour, "\xE2\x9A\xA0 %s", w.title.c_str());  // ⚠
    if (fonts().bold) ImGui::PopFont();
    ImGui::TextWrapped("%s", w.text.c_str());
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    ImGui::PopID();
  }
  if (!acknowledged) {
    if (ui.flash > 0) ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s", l("gui.read_warning_first"));
    if (ImGui::Checkbox(l("gui.warning_ack"), &acknowledged) && acknowledged) ui.acknowledged = step_key;
    probe("warning_ack");
  }
  return acknowledged;
}

/// Commands with their system, aligned, each with a Copy button.
Intent draw_commands(const std::vector<CommandVm>& commands, const Labels& l, int id_base) {
  Intent out;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const auto& c = commands[i];
    ImGui::PushID(id_base + static_cast<int>(i));
    // Commands line up after the widest system name.
    const float x = ImGui::GetCursorPosX();
    ImGui::TextDisabled("%s", c.os.c_str());
    ImGui::SameLine(x + ImGui::CalcTextSize("windows").x + ImGui::GetFontSize());
    if (fonts().mono) ImGui::PushFont(fonts().mono);
    ImGui::TextUnformatted(c.cmd.c_str());
    if (fonts().mono) ImGui::PopFont();
    ImGui::SameLine();
    if (ImGui::SmallButton(l("gui.copy"))) {
      ImGui::SetClipboardText(c.cmd.c_str());
      out = Intent{IntentKind::copy_text, c.cmd};
    }
    ImGui::PopID();
  }
  return out;
}

}  // namespace

Intent draw_question_panel(const QuestionVm& vm, const Labels& l, QuestionUi& ui) {
  Intent out;
  if (!vm.active) return out;
  ImGuiIO& io = ImGui::GetIO();
  if (ui.flash > 0) ui.flash -= io.DeltaTime;
  const std::string step_key = vm.tree + ":" + vm.node;

  ImGui::TextDisabled("%s  ·  %s %d", vm.tree_title.c_str(), l("gui.step"), vm.step_number);
  if (vm.guide.available) {
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    if (Intent i = draw_guide_toggle(vm.guide, l)) out = i;
  }
  const bool acknowledged = draw_warnings(vm, l, ui, step_key);

  // The question, large and clear.
  ImGui::Spacing();
  if (fonts().large) ImGui::PushFont(fonts().large);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(vm.text.c_str());
  ImGui::PopTextWrapPos();
  if (fonts().large) ImGui::PopFont();
  ImGui::Spacing();

  if (!vm.commands.empty() || !vm.other_commands.empty()) {
    if (vm.commands_os.empty()) {
      ImGui::TextDisabled("%s", l("gui.commands"));
    } else {
      ImGui::TextDisabled("%s %s", l("cli.commands_for"), vm.commands_os.c_str());
    }
    if (Intent i = draw_commands(vm.commands, l, 0)) out = i;
    // The other systems' commands stay folded: the OS in front of the
    // operator is known, they are there only for an odd case.
    if (!vm.other_commands.empty()) {
      const std::string header = std::string(l("gui.other_systems")) + " (" + std::to_string(vm.other_commands.size()) + ")###other_systems";
      if (ImGui::CollapsingHeader(header.c_str())) {
        if (Intent i = draw_commands(vm.other_commands, l, 1000)) out = i;
      }
      probe("other_systems");
    }
    ImGui::Spacing();
  }

  // Answers.
  const float button_w = ImGui::GetContentRegionAvail().x;
  const bool keys = ui.keys_enabled && !io.WantTextInput;
  if (!acknowledged) ImGui::BeginDisabled();
  if (vm.kind == StepKindVm::input) {
    ImGui::TextUnformatted(vm.input_label.c_str());
    ImGui::SetNextItemWidth(button_w * 0.5f);
    const bool enter = ImGui::InputText("##value", ui.value.data(), ui.value.size(), ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(l("gui.ok")) || enter) && ui.value[0]) {
      out = Intent{IntentKind::answer_value, ui.value.data()};
      ui.value[0] = 0;
    }
  } else {
    for (std::size_t i = 0; i < vm.choices.size(); ++i) {
      ImGui::PushID(vm.choices[i].id.c_str());
      const std::string label = (i < 9 ? std::to_string(i + 1) + "   " : std::string("    ")) + vm.choices[i].label;
      ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
      if (ImGui::Button(label.c_str(), ImVec2(button_w, ImGui::GetFrameHeight() * 1.4f))) {
        out = Intent{IntentKind::answer, {}, {}, static_cast<int>(i) + 1};
      }
      if (probing()) probe("choice/" + std::to_string(i + 1));
      ImGui::PopStyleVar();
      ImGui::PopID();
    }
  }
  if (!acknowledged) ImGui::EndDisabled();

  ImGui::Spacing();
  if (!vm.can_back) ImGui::BeginDisabled();
  if (ImGui::Button(l("gui.back"))) out = Intent{IntentKind::back};
  probe("back");
  if (!vm.can_back) ImGui::EndDisabled();
  ImGui::SameLine();
  if (!acknowledged) ImGui::BeginDisabled();
  if (ImGui::Button(l("gui.dont_know"))) out = Intent{IntentKind::dont_know};
  probe("dont_know");
  if (!acknowledged) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(vm.why_open ? l("gui.hide_why") : l("gui.why"))) out = Intent{IntentKind::toggle_why};
  probe("why");

  // Keyboard: one key per answer while on the phone.
  if (keys) {
    if (const int n = number_key_pressed(); n > 0 && n <= static_cast<int>(vm.choices.size())) {
      if (acknowledged) {
        out = Intent{IntentKind::answer, {}, {}, n};
      } else {
        ui.flash = 2.0f;
      }
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace), false) && vm.can_back) out = Intent{IntentKind::back};
    if (ImGui::IsKeyPressed(keys::letter('D'), false)) {
      if (acknowledged) {
        out = Intent{IntentKind::dont_know};
      } else {
        ui.flash = 2.0f;
      }
    }
    if (ImGui::IsKeyPressed(keys::letter('W'), false)) out = Intent{IntentKind::toggle_why};
    if (!acknowledged && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) ui.acknowledged = step_key;
  }

  if (Intent i = draw_guide_panel(vm.guide, l)) out = i;

  if (!vm.find_out.empty()) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.20f, 0.45f, 0.80f, 1));
    ImGui::TextWrapped("%s %s", l("gui.find_out"), vm.find_out.c_str());
    ImGui::PopStyleColor();
  }
  if (!vm.error.empty()) ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s", vm.error.c_str());

  if (vm.why_open) {
    ImGui::Spacing();
    ImGui::Separator();
    if (fonts().bold) ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(l("explain.why_title"));
    if (fonts().bold) ImGui::PopFont();
    for (const auto& line : vm.why) {
      if (line.kind == 0) {
        ImGui::TextWrapped("%s", line.text.c_str());
      } else {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", line.text.c_str());
      }
    }
  }

  if (!vm.recommendations.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", l("gui.recommended"));
    for (const auto& [id, title] : vm.recommendations) {
      ImGui::PushID(id.c_str());
      if (ImGui::SmallButton(title.c_str())) out = Intent{IntentKind::start_tree, id};
      ImGui::PopID();
    }
  }

  // Note for the report.
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 8);
  const bool note_enter = ImGui::InputTextWithHint("##note", l("gui.note_hint"), ui.note.data(), ui.note.size(),
                                                   ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button(l("gui.add_note")) || note_enter) && ui.note[0]) {
    out = Intent{IntentKind::add_note, ui.note.data()};
    ui.note[0] = 0;
  }
  return out;
}

}  // namespace diagdesk::gui
