// The Dashboard tab: the supervisor's figures as bar charts drawn with
// ImDrawList. Every bar is an ImGui item (a Dummy of the bar's size) so it
// has a tooltip and tests can read its rectangle ("dashboard/<chart>/<i>").
#include "panels/panels.hpp"

#include <imgui.h>

#include <algorithm>

namespace diagdesk::gui {

namespace {

ImU32 bar_colour(bool alert) {
  return alert ? IM_COL32(200, 60, 50, 255) : ImGui::GetColorU32(ImGuiCol_PlotHistogram);
}

void hover(const DashboardBar& bar) {
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", (bar.label + "  " + bar.text).c_str());
}

/// Labels on the left, bars growing right, the value in words after each.
void horizontal(const DashboardChart& c, float width) {
  float label_w = 0;
  for (const auto& b : c.bars) label_w = std::max(label_w, ImGui::CalcTextSize(b.label.c_str()).x);
  const float room = std::max(40.0f, width * 0.45f);
  const float h = ImGui::GetTextLineHeight();
  for (std::size_t i = 0; i < c.bars.size(); ++i) {
    const DashboardBar& b = c.bars[i];
    ImGui::TextUnformatted(b.label.c_str());
    ImGui::SameLine(label_w + ImGui::GetStyle().ItemSpacing.x * 2);
    const float len = std::max(1.0f, static_cast<float>(b.value / c.max) * room);
    ImGui::Dummy(ImVec2(len, h));
    ImGui::GetWindowDrawList()->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), bar_colour(b.alert), 2.0f);
    if (probing()) probe("dashboard/" + c.id + "/" + std::to_string(i));
    hover(b);
    ImGui::SameLine();
    ImGui::TextUnformatted(b.text.c_str());
  }
}

/// Columns standing on a base line; one label every five columns.
void vertical(const DashboardChart& c, float width) {
  if (c.bars.empty()) return;
  const float height = 110.0f;
  const float gap = 2.0f;
  const float w = std::max(3.0f, (width - gap * static_cast<float>(c.bars.size())) / static_cast<float>(c.bars.size()));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float base = origin.y + height;
  draw->AddLine(ImVec2(origin.x, base), ImVec2(origin.x + (w + gap) * static_cast<float>(c.bars.size()), base),
                ImGui::GetColorU32(ImGuiCol_Border));
  for (std::size_t i = 0; i < c.bars.size(); ++i) {
    const DashboardBar& b = c.bars[i];
    const float len = std::max(1.0f, static_cast<float>(b.value / c.max) * height);
    const float x = origin.x + static_cast<float>(i) * (w + gap);
    ImGui::SetCursorScreenPos(ImVec2(x, base - len));
    ImGui::PushID(static_cast<int>(i));
    ImGui::Dummy(ImVec2(w, len));
    ImGui::PopID();
    draw->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), bar_colour(b.alert));
    if (probing()) probe("dashboard/" + c.id + "/" + std::to_string(i));
    hover(b);
    if (i % 5 == 0 || i + 1 == c.bars.size()) {
      draw->AddText(ImVec2(x, base + 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), b.label.c_str());
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, base + ImGui::GetTextLineHeightWithSpacing() + 4));
  ImGui::Dummy(ImVec2(0, 0));
}

void draw_chart(const DashboardChart& c) {
  const float width = ImGui::GetContentRegionAvail().x;
  if (fonts().bold) ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted(c.title.c_str());
  if (fonts().bold) ImGui::PopFont();
  ImGui::PushID(c.id.c_str());
  if (c.vertical) vertical(c, width);
  else horizontal(c, width);
  ImGui::PopID();
  ImGui::Spacing();
}

}  // namespace

Intent draw_dashboard_panel(const DashboardVm& vm, const Labels& l) {
  Intent out;
  if (!vm.available) {
    ImGui::TextWrapped("%s", vm.error.empty() ? l("gui.dashboard.unavailable") : vm.error.c_str());
    return out;
  }
  ImGui::BeginChild("dashboard");
  if (fonts().large) ImGui::PushFont(fonts().large);
  ImGui::TextUnformatted(vm.title.c_str());
  if (fonts().large) ImGui::PopFont();
  for (const auto& line : vm.summary) ImGui::TextUnformatted(line.c_str());
  ImGui::Separator();
  // Two columns of charts; the days' columns take a whole row of their own.
  if (ImGui::BeginTable("charts", 2, ImGuiTableFlags_SizingStretchSame)) {
    for (const auto& c : vm.charts) {
      if (c.vertical) continue;
      ImGui::TableNextColumn();
      draw_chart(c);
    }
    ImGui::EndTable();
  }
  for (const auto& c : vm.charts) {
    if (c.vertical) draw_chart(c);
  }
  if (!vm.flagged.empty() && ImGui::CollapsingHeader(l("gui.dashboard.flagged"), ImGuiTreeNodeFlags_DefaultOpen)) {
    for (const auto& line : vm.flagged) ImGui::TextUnformatted(line.c_str());
  }
  if (!vm.trees.empty() && ImGui::CollapsingHeader(l("stats.trees"), ImGuiTreeNodeFlags_DefaultOpen)) {
    for (const auto& t : vm.trees) {
      ImGui::TextUnformatted(t.summary.c_str());
      ImGui::Indent();
      for (const auto& d : t.details) ImGui::TextDisabled("%s", d.c_str());
      ImGui::Unindent();
    }
  }
  ImGui::EndChild();
  return out;
}

}  // namespace diagdesk::gui
