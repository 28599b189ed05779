// A tree drawn as a diagram from the Graphviz layout in the view-model:
// boxes per node kind, labelled arrows, the session's node highlighted; mouse
// wheel zooms around the pointer, drag pans, click selects a node, F fits.
#include "panels/panels.hpp"
#include "vm/keys.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace diagdesk::gui {

namespace {

ImU32 node_fill(const std::string& kind, bool dark) {
  const float a = dark ? 0.55f : 1.0f;
  if (kind == "question") return dark ? IM_COL32(45, 70, 110, 255) : IM_COL32(219, 232, 251, 255);
  if (kind == "action") return dark ? IM_COL32(105, 85, 35, 255) : IM_COL32(253, 240, 207, 255);
  if (kind == "conclusion") return dark ? IM_COL32(35, 95, 55, 255) : IM_COL32(215, 242, 220, 255);
  (void)a;
  return dark ? IM_COL32(80, 60, 105, 255) : IM_COL32(236, 226, 247, 255);
}

/// Fits the whole tree, or (`readable`) keeps the text legible and shows the
/// top of the tree, centred on its first node.
void fit(const DiagramVm& vm, DiagramUi& ui, ImVec2 size, bool readable) {
  if (vm.width <= 0 || vm.height <= 0) return;
  const float whole = std::min((size.x - 20) / vm.width, (size.y - 20) / vm.height);
  ui.zoom = readable ? std::clamp(whole, 0.75f, 1.0f) : std::clamp(whole, 0.1f, 1.5f);
  float centre_x = vm.width / 2;
  if (readable) {
    const DiagramNodeVm* top = nullptr;
    for (const auto& n : vm.nodes) {
      if (!top || n.y < top->y) top = &n;
    }
    if (top) centre_x = top->x;
  }
  ui.pan_x = centre_x - size.x / 2 / ui.zoom;
  ui.pan_y = -10 / ui.zoom;
}

}  // namespace

Intent draw_diagram_panel(const DiagramVm& vm, const std::string& selected, const Labels& l, DiagramUi& ui) {
  Intent out;
  if (!vm.error.empty()) {
    ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s", vm.error.c_str());
    return out;
  }
  if (vm.nodes.empty()) {
    ImGui::TextDisabled("%s", l("gui.no_tree_selected"));
    return out;
  }
  if (ImGui::SmallButton(l("gui.fit"))) ui.fit_request = true;
  ImGui::SameLine();
  if (ImGui::SmallButton("+")) ui.zoom = std::min(ui.zoom * 1.25f, 4.0f);
  ImGui::SameLine();
  if (ImGui::SmallButton("-")) ui.zoom = std::max(ui.zoom / 1.25f, 0.1f);
  ImGui::SameLine();
  ImGui::TextDisabled("%d%%  ·  %s", static_cast<int>(ui.zoom * 100 + 0.5f), l("gui.diagram_help"));

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 50.0f);
  size.y = std::max(size.y, 50.0f);
  if (ui.tree != vm.tree) {
    ui.tree = vm.tree;
    fit(vm, ui, size, true);
    ui.fit_request = false;
  }
  if (ui.fit_request) {
    fit(vm, ui, size, false);
    ui.fit_request = false;
  }
  if (!ui.center_on.empty()) {
    for (const auto& n : vm.nodes) {
      if (n.id != ui.center_on) continue;
      ui.zoom = std::max(ui.zoom, 0.6f);
      ui.pan_x = n.x - size.x / 2 / ui.zoom;
      ui.pan_y = n.y - size.y / 2 / ui.zoom;
    }
    ui.center_on.clear();
  }

  ImGui::InvisibleButton("canvas", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
  const bool hovered = ImGui::IsItemHovered();
  probe("diagram");
  ImGuiIO& io = ImGui::GetIO();
  if (hovered && io.MouseWheel != 0) {
    // Zoom around the mouse pointer.
    const float mx = (io.MousePos.x - origin.x) / ui.zoom + ui.pan_x;
    const float my = (io.MousePos.y - origin.y) / ui.zoom + ui.pan_y;
    ui.zoom = std::clamp(ui.zoom * std::pow(1.15f, io.MouseWheel), 0.1f, 4.0f);
    ui.pan_x = mx - (io.MousePos.x - origin.x) / ui.zoom;
    ui.pan_y = my - (io.MousePos.y - origin.y) / ui.zoom;
  }
  if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Left) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
    ui.pan_x -= io.MouseDelta.x / ui.zoom;
    ui.pan_y -= io.MouseDelta.y / ui.zoom;
  }
  if (hovered && !io.WantTextInput && ImGui::IsKeyPressed(keys::letter('F'), false)) ui.fit_request = true;

  auto to_screen = [&](float x, float y) { return ImVec2(origin.x + (x - ui.pan_x) * ui.zoom, origin.y + (y - ui.pan_y) * ui.zoom); };
  const bool clicked = ImGui::IsItemDeactivated() && hovered && ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).x == 0 &&
                       ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).y == 0;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  const bool dark = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg).x < 0.5f;
  dl->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), dark ? IM_COL32(25, 27, 32, 255) : IM_COL32(255, 255, 255, 255));
  ImFont* font = ImGui::GetFont();
  const float font_px = font->FontSize * ui.zoom;
  const bool show_text = font_px >= 5.0f;
  const ImU32 text_col = dark ? IM_COL32(230, 230, 230, 255) : IM_COL32(20, 20, 20, 255);
  const ImU32 edge_col = dark ? IM_COL32(160, 160, 170, 255) : IM_COL32(85, 85, 85, 255);
  const ImU32 dashed_col = dark ? IM_COL32(200, 150, 60, 255) : IM_COL32(190, 120, 20, 255);
  const float edge_label_px = vm.edge_font * ui.zoom;

  for (const auto& e : vm.edges) {
    if (e.spline.empty()) continue;
    const ImU32 col = e.dashed ? dashed_col : edge_col;
    dl->PathLineTo(to_screen(e.spline[0].first, e.spline[0].second));
    for (std::size_t i = 1; i + 2 < e.spline.size(); i += 3) {
      dl->PathBezierCubicCurveTo(to_screen(e.spline[i].first, e.spline[i].second),
                                 to_screen(e.spline[i + 1].first, e.spline[i + 1].second),
                                 to_screen(e.spline[i + 2].first, e.spline[i + 2].second));
    }
    dl->PathStroke(col, 0, std::max(1.0f, 1.4f * ui.zoom));
    if (e.has_arrow) {
      const ImVec2 tip = to_screen(e.arrow_tip.first, e.arrow_tip.second);
      const ImVec2 base = to_screen(e.spline.back().first, e.spline.back().second);
      const float dx = tip.x - base.x, dy = tip.y - base.y;
      const float len = std::sqrt(dx * dx + dy * dy);
      if (len > 0.01f) {
        const float nx = -dy / len * len * 0.45f, ny = dx / len * len * 0.45f;
        dl->AddTriangleFilled(tip, ImVec2(base.x + nx, base.y + ny), ImVec2(base.x - nx, base.y - ny), col);
      }
    }
    if (show_text && !e.label.empty()) {
      const ImVec2 c = to_screen(e.label_pos.first, e.label_pos.second);
      const ImVec2 ts = font->CalcTextSizeA(edge_label_px, FLT_MAX, 0, e.label.c_str());
      // A veil behind the label keeps it legible where it crosses a line.
      const ImU32 veil = dark ? IM_COL32(25, 27, 32, 200) : IM_COL32(255, 255, 255, 200);
      dl->AddRectFilled(ImVec2(c.x - ts.x / 2 - 2, c.y - ts.y / 2), ImVec2(c.x + ts.x / 2 + 2, c.y + ts.y / 2), veil, 3.0f);
      dl->AddText(font, edge_label_px, ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), e.dashed ? dashed_col : text_col, e.label.c_str());
    }
  }

  std::string hit;
  for (const auto& n : vm.nodes) {
    const ImVec2 a = to_screen(n.x - n.w / 2, n.y - n.h / 2);
    const ImVec2 b = to_screen(n.x + n.w / 2, n.y + n.h / 2);
    if (b.x < origin.x || b.y < origin.y || a.x > origin.x + size.x || a.y > origin.y + size.y) continue;
    const float r = (n.kind == "action" || n.kind == "jump") ? 0.0f : 8.0f * ui.zoom;
    dl->AddRectFilled(a, b, node_fill(n.kind, dark), r);
    ImU32 border = edge_col;
    float thick = 1.0f;
    if (n.problem) border = IM_COL32(210, 30, 30, 255), thick = 2.0f;
    if (n.id == selected) border = IM_COL32(40, 110, 230, 255), thick = 3.0f;
    if (n.current) {
      dl->AddRect(ImVec2(a.x - 4, a.y - 4), ImVec2(b.x + 4, b.y + 4), IM_COL32(245, 140, 0, 255), r + 4, 0, 4.0f);
    }
    dl->AddRect(a, b, border, r, 0, thick);
    if (n.kind == "conclusion") dl->AddRect(ImVec2(a.x + 3, a.y + 3), ImVec2(b.x - 3, b.y - 3), border, r, 0, 1.0f);
    if (show_text) {
      float y = (a.y + b.y) / 2 - font_px * static_cast<float>(n.lines.size()) / 2;
      for (const auto& line : n.lines) {
        const ImVec2 ts = font->CalcTextSizeA(font_px, FLT_MAX, 0, line.c_str());
        dl->AddText(font, font_px, ImVec2((a.x + b.x) / 2 - ts.x / 2, y), text_col, line.c_str());
        y += font_px;
      }
    }
    if (probing()) {
      ImGui::SetCursorScreenPos(a);  // give the probe an item rect: a dummy of the node's size
      ImGui::Dummy(ImVec2(b.x - a.x, b.y - a.y));
      probe("node/" + n.id);
    }
    if (hovered && io.MousePos.x >= a.x && io.MousePos.x <= b.x && io.MousePos.y >= a.y && io.MousePos.y <= b.y) {
      hit = n.id;
    }
  }
  dl->PopClipRect();
  if (!hit.empty()) {
    ImGui::SetTooltip("%s", hit.c_str());
    if (clicked) out = Intent{IntentKind::select_node, hit};
  }
  return out;
}

}  // namespace diagdesk::gui
