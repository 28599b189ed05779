// Known facts: editable before the first answer (device type, OS...), then
// shown read-only with where each value came from.
#include "panels/panels.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace diagdesk::gui {

namespace {

Intent edit_fact(const FactVm& f, const Labels& l, FactsUi& ui) {
  Intent out;
  const char* none = "\xE2\x80\x94";  // —
  ImGui::PushID(f.key.c_str());
  ImGui::SetNextItemWidth(-1);
  switch (f.type) {
    case FactTypeVm::enum_:
    case FactTypeVm::bool_: {
      // Values in words (oui/non, the fact's labels); the raw value is the id.
      auto shown = [&](const std::string& v) -> std::string {
        for (std::size_t i = 0; i < f.values.size() && i < f.value_labels.size(); ++i) {
          if (f.values[i] == v) return f.value_labels[i];
        }
        if (f.type == FactTypeVm::bool_) return v == "true" ? l("gui.yes") : l("gui.no");
        return v;
      };
      std::vector<std::string> values = f.values;
      if (f.type == FactTypeVm::bool_ && values.empty()) values = {"true", "false"};
      const std::string current = f.value.empty() ? none : shown(f.value);
      if (ImGui::BeginCombo("##v", current.c_str())) {
        if (ImGui::Selectable(none, f.value.empty())) out = Intent{IntentKind::set_start_fact, f.key, ""};
        for (const auto& v : values) {
          if (ImGui::Selectable(shown(v).c_str(), v == f.value)) out = Intent{IntentKind::set_start_fact, f.key, v};
        }
        ImGui::EndCombo();
      }
      break;
    }
    default: {
      auto it = ui.edits.try_emplace(f.key, f.value).first;
      bool submit = ImGui::InputTextWithHint("##v", none, &it->second, ImGuiInputTextFlags_EnterReturnsTrue);
      submit = submit || ImGui::IsItemDeactivatedAfterEdit();
      if (submit && it->second != f.value) {
        out = Intent{IntentKind::set_start_fact, f.key, it->second};
      } else if (!submit && !ImGui::IsItemActive()) {
        it->second = f.value;  // follow the model (a refused value comes back)
      }
      break;
    }
  }
  ImGui::PopID();
  return out;
}

}  // namespace

Intent draw_facts_panel(const FactsVm& vm, const Labels& l, FactsUi& ui) {
  Intent out;
  if (vm.editable) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", l("gui.facts_editable"));
    ImGui::PopStyleColor();
  }
  if (vm.facts.empty()) ImGui::TextDisabled("%s", l("report.none"));
  if (!ImGui::BeginTable("facts", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) return out;
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  for (const auto& f : vm.facts) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextWrapped("%s", f.label.c_str());
    ImGui::TableNextColumn();
    if (vm.editable) {
      if (Intent i = edit_fact(f, l, ui)) out = i;
    } else {
      ImGui::TextWrapped("%s", (f.value_text.empty() ? f.value : f.value_text).c_str());
      if (!f.source.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.source.c_str());
    }
  }
  ImGui::EndTable();
  return out;
}

Intent draw_links_panel(const std::vector<LinkVm>& vm, const Labels& l) {
  Intent out;
  if (vm.empty()) ImGui::TextDisabled("%s", l("report.none"));
  const ImVec4 link_colour(0.20f, 0.45f, 0.85f, 1);
  for (const auto& link : vm) {
    ImGui::PushID(link.topic.c_str());
    if (!link.available) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::TextWrapped("\xE2\x96\xA1 %s (%s)", link.title.c_str(), l("gui.article_missing"));
      ImGui::PopStyleColor();
    } else {
      // Titles are long: wrapped text that behaves like a link.
      ImGui::PushStyleColor(ImGuiCol_Text, link_colour);
      ImGui::TextWrapped("\xE2\x96\xA1 %s", link.title.c_str());
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("%s", link.topic.c_str());
      }
      if (ImGui::IsItemClicked()) out = Intent{IntentKind::open_article, link.topic};
      if (probing()) probe("link/" + link.topic);
    }
    ImGui::PopID();
  }
  return out;
}

}  // namespace diagdesk::gui
