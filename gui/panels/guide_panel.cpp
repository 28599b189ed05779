// Guided mode in the question panel: the Guided toggle, the suggested step
// with its reason, two or three alternatives the operator can take instead,
// escalation and warnings-first marks, and "Why this step?": the posterior
// over the causes as horizontal bars with percentages.
#include "panels/panels.hpp"

#include <imgui.h>

#include <algorithm>

namespace diagdesk::gui {

namespace {

const ImVec4 best_colour(0.15f, 0.58f, 0.32f, 1);
const ImVec4 escalation_colour(0.85f, 0.45f, 0.05f, 1);
const ImVec4 warning_colour(0.80f, 0.25f, 0.05f, 1);

void marks(const GuideStepVm& s, const Labels& l) {
  ImGui::TextDisabled("%s min", guide_number(s.minutes, s.minutes < 10 ? 1 : 0, l).c_str());
  if (s.escalation) {
    ImGui::SameLine();
    ImGui::TextColored(escalation_colour, "\xE2\x87\xA7 %s", l("gui.guide.escalation"));  // ⇧
  }
  if (s.warn_first) {
    ImGui::SameLine();
    ImGui::TextColored(warning_colour, "\xE2\x9A\xA0 %s", l("gui.guide.warn_first"));  // ⚠
  }
}

}  // namespace

void draw_cause_bars(const std::vector<CauseBarVm>& causes, const Labels& l) {
  // The bar with its percentage first, then the whole name wrapped beside it:
  // the side column is narrow and a cause's name is a sentence.
  const float bar_w = ImGui::GetFontSize() * 7;
  for (std::size_t i = 0; i < causes.size(); ++i) {
    const auto& c = causes[i];
    ImGui::PushID(static_cast<int>(i));
    guide_bar(static_cast<float>(c.probability), i == 0 ? best_colour : ImVec4(0.35f, 0.50f, 0.72f, 1),
              guide_percent(c.probability, l, false), bar_w);
    if (probing()) probe("guide/bar/" + (c.leaf.empty() ? std::string("other") : c.leaf));
    ImGui::SameLine();
    ImGui::TextWrapped("%s", c.name.c_str());
    ImGui::PopID();
  }
}

Intent draw_guide_toggle(const GuideVm& vm, const Labels& l) {
  Intent out;
  if (!vm.available) return out;
  bool on = vm.on;
  if (ImGui::Checkbox(l("gui.guide.toggle"), &on)) out = Intent{IntentKind::guide, "toggle"};
  probe("guide/toggle");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", l("gui.guide.toggle_help"));
  ImGui::SameLine();
  bool n2 = vm.n2;
  if (ImGui::Checkbox(l("gui.guide.n2"), &n2)) out = Intent{IntentKind::guide, "rights", {}, n2 ? 1 : 0};
  probe("guide/n2");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", l("gui.guide.n2_help"));
  return out;
}

Intent draw_guide_panel(const GuideVm& vm, const Labels& l) {
  Intent out;
  if (!vm.on || vm.steps.empty()) return out;
  const GuideStepVm& best = vm.steps.front();

  // The suggested step, framed in green; its reason in plain words.
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Border, best_colour);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(best_colour.x, best_colour.y, best_colour.z, 0.10f));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 2.0f);
  const float wrap_w = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().WindowPadding.x * 2;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float h = ImGui::CalcTextSize(best.text.c_str(), nullptr, false, wrap_w).y +
                  ImGui::CalcTextSize(best.reason.c_str(), nullptr, false, wrap_w).y + line * 3.2f;
  ImGui::BeginChild("guide_best", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  if (fonts().bold) ImGui::PushFont(fonts().bold);
  ImGui::TextColored(best_colour, "\xE2\x98\x85 %s", l("guide.best"));  // ★
  if (fonts().bold) ImGui::PopFont();
  ImGui::SameLine();
  marks(best, l);
  ImGui::SameLine();
  if (ImGui::SmallButton(vm.why_open ? l("gui.guide.hide_why") : l("gui.guide.why"))) out = Intent{IntentKind::guide, "why"};
  probe("guide/why");
  if (!best.current) {
    ImGui::SameLine();
    if (ImGui::SmallButton(l("gui.guide.back_to_best"))) out = Intent{IntentKind::guide, "take", best.id};
    probe("guide/take/" + best.id);
  }
  ImGui::TextWrapped("%s", best.text.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", best.reason.c_str());
  ImGui::PopStyleColor();
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
  probe("guide/best");

  // The alternatives, one line each (the reason on hover): each may be taken
  // instead, and the ranking follows its answer.
  if (vm.steps.size() > 1) {
    ImGui::TextDisabled("%s", l("guide.alternatives"));
    for (std::size_t i = 1; i < vm.steps.size(); ++i) {
      const GuideStepVm& s = vm.steps[i];
      ImGui::PushID(s.id.c_str());
      if (s.current) {
        ImGui::TextColored(best_colour, "\xE2\x96\xB6");  // ▶ shown above
      } else {
        if (ImGui::SmallButton(l("gui.guide.take"))) out = Intent{IntentKind::guide, "take", s.id};
        if (probing()) probe("guide/take/" + s.id);
      }
      ImGui::SameLine();
      marks(s, l);
      ImGui::SameLine();
      ImGui::TextWrapped("%s", s.text.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.reason.c_str());
      ImGui::PopID();
    }
  }
  return out;
}

void draw_guide_why(const GuideVm& vm, const Labels& l) {
  if (!vm.on || !vm.why_open) return;
  if (!vm.steps.empty()) {
    ImGui::TextWrapped("%s", vm.steps.front().reason.c_str());
    ImGui::Spacing();
  }
  if (!vm.has_model) ImGui::TextDisabled("%s", l("guide.no_model"));
  draw_cause_bars(vm.posterior, l);
}

}  // namespace diagdesk::gui
