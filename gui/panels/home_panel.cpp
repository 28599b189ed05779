// The diagnosis tab before a session: resume offer, how to start, the trees
// by domain, and the recent sessions.
#include "panels/panels.hpp"

#include <imgui.h>

namespace diagdesk::gui {

Intent draw_home_panel(const HomeVm& vm, const Labels& l) {
  Intent out;
  if (vm.resume_offered) {
    const ImVec4 accent(0.20f, 0.45f, 0.85f, 1);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(accent.x, accent.y, accent.z, 0.12f));
    ImGui::PushStyleColor(ImGuiCol_Border, accent);
    ImGui::BeginChild("resume", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 3.2f), true, ImGuiWindowFlags_NoScrollbar);
    if (fonts().bold) ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(l("gui.resume_title"));
    if (fonts().bold) ImGui::PopFont();
    ImGui::Text("%s  ·  %s", vm.resume_title.c_str(), vm.resume_detail.c_str());
    if (ImGui::Button(l("gui.resume"))) out = Intent{IntentKind::resume_autosave};
    probe("resume");
    ImGui::SameLine();
    if (ImGui::Button(l("gui.discard"))) out = Intent{IntentKind::discard_autosave};
    ImGui::EndChild();
    ImGui::PopStyleColor(2);
    ImGui::Spacing();
  }

  if (fonts().large) ImGui::PushFont(fonts().large);
  ImGui::TextWrapped("%s", l("gui.home_title"));
  if (fonts().large) ImGui::PopFont();
  ImGui::TextDisabled("%s", l("gui.home_hint"));
  ImGui::Spacing();

  if (!vm.recent.empty() && ImGui::CollapsingHeader(l("gui.recent_sessions"), ImGuiTreeNodeFlags_DefaultOpen)) {
    for (const auto& r : vm.recent) {
      ImGui::PushID(r.path.c_str());
      if (ImGui::Selectable(r.title.c_str())) out = Intent{IntentKind::open_recent, r.path};
      ImGui::SameLine();
      ImGui::TextDisabled("%s · %s", r.when.c_str(), r.state.c_str());
      ImGui::PopID();
    }
  }

  if (ImGui::CollapsingHeader(l("gui.all_trees"), ImGuiTreeNodeFlags_DefaultOpen)) {
    std::string domain;
    bool open = false;
    for (const auto& t : vm.trees) {
      if (t.domain != domain) {
        if (open) ImGui::TreePop();
        domain = t.domain;
        open = ImGui::TreeNodeEx(domain.c_str(), ImGuiTreeNodeFlags_DefaultOpen, "%s", domain_label(l, domain).c_str());
      }
      if (!open) continue;
      ImGui::PushID(t.id.c_str());
      if (ImGui::Selectable(t.title.c_str())) out = Intent{IntentKind::start_tree, t.id};
      if (probing()) probe("tree/" + t.id);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.id.c_str());
      ImGui::PopID();
    }
    if (open) ImGui::TreePop();
  }
  return out;
}

}  // namespace diagdesk::gui
