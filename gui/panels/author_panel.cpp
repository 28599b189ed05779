// Author mode: the trees, a readable outline of the selected tree with the
// linter's findings (click to jump), the diagram, and the maintenance jobs
// (run the linter, rebuild the index, import) with their progress.
#include "panels/panels.hpp"

#include <imgui.h>

namespace diagdesk::gui {

namespace {

void draw_job(const JobVm& job) {
  if (!job.running && !job.finished) return;
  ImGui::SameLine();
  if (job.running) {
    ImGui::ProgressBar(job.progress < 0 ? static_cast<float>(ImGui::GetTime() * 0.5 - static_cast<int>(ImGui::GetTime() * 0.5))
                                        : job.progress,
                       ImVec2(ImGui::GetFontSize() * 10, 0), job.progress < 0 ? "…" : nullptr);
    ImGui::SameLine();
  }
  const ImVec4 colour = job.failed ? ImVec4(0.85f, 0.1f, 0.1f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
  ImGui::TextColored(colour, "%s", job.message.c_str());
}

Intent draw_toolbar(const AuthorVm& vm, const Labels& l, AuthorUi& ui) {
  Intent out;
  if (ImGui::Button(l("gui.run_lint"))) out = Intent{IntentKind::run_lint};
  probe("run_lint");
  if (vm.lint_done) {
    ImGui::SameLine();
    ImGui::TextColored(vm.errors ? ImVec4(0.85f, 0.1f, 0.1f, 1) : ImVec4(0.15f, 0.6f, 0.25f, 1), "%d %s, %d %s",
                       vm.errors, l("gui.errors"), vm.warnings, l("gui.warnings"));
  }
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  const bool index_busy = vm.index_job.running;
  if (!vm.can_index || index_busy) ImGui::BeginDisabled();
  if (ImGui::Button(l("gui.rebuild_index"))) out = Intent{IntentKind::rebuild_index};
  if (!vm.can_index || index_busy) ImGui::EndDisabled();
  if (!vm.can_index && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", l("gui.no_index"));
  draw_job(vm.index_job);

  const bool import_busy = vm.import_job.running;
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  if (!vm.can_import || import_busy) ImGui::BeginDisabled();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
  ImGui::InputTextWithHint("##import_path", l("gui.import_hint"), ui.import_path.data(), ui.import_path.size());
  ImGui::SameLine();
  if (ImGui::Button(l("gui.import")) && ui.import_path[0]) out = Intent{IntentKind::run_import, ui.import_path.data()};
  if (!vm.can_import || import_busy) ImGui::EndDisabled();
  if (!vm.can_import && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", l("gui.no_importers"));
  draw_job(vm.import_job);
  return out;
}

Intent draw_outline(const AuthorVm& vm, const Labels& l, AuthorUi& ui) {
  Intent out;
  if (vm.outline.empty()) ImGui::TextDisabled("%s", l("gui.no_tree_selected"));
  for (const auto& n : vm.outline) {
    ImGui::PushID(n.id.c_str());
    const bool selected = n.id == vm.node;
    std::string head = n.id + "  (" + n.kind + ")" + (n.start ? std::string("  \xE2\x97\x80 ") + l("gui.start_node") : "");  // ◀
    if (n.errors || n.warnings) head += "  \xE2\x9A\xA0 " + std::to_string(n.errors + n.warnings);
    if (n.errors) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.1f, 0.1f, 1));
    else if (n.warnings) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.50f, 0.0f, 1));
    if (ImGui::Selectable(head.c_str(), selected)) out = Intent{IntentKind::select_node, n.id};
    if (probing()) probe("outline/" + n.id);
    if (n.errors || n.warnings) ImGui::PopStyleColor();
    if (ui.scroll_to == n.id) {
      ImGui::SetScrollHereY(0.2f);
      ui.scroll_to.clear();
    }
    ImGui::Indent();
    ImGui::TextWrapped("%s", n.text.c_str());
    for (std::size_t i = 0; i < n.exits.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::TextDisabled("%s \xE2\x86\x92", n.exits[i].first.c_str());  // →
      ImGui::SameLine();
      if (ImGui::SmallButton(n.exits[i].second.c_str())) out = Intent{IntentKind::select_node, n.exits[i].second};
      ImGui::PopID();
    }
    ImGui::Unindent();
    ImGui::PopID();
  }
  return out;
}

Intent draw_findings(const AuthorVm& vm, const Labels& l) {
  Intent out;
  if (!vm.lint_done) {
    ImGui::TextDisabled("%s", l("gui.lint_not_run"));
    return out;
  }
  if (vm.findings.empty()) ImGui::TextColored(ImVec4(0.15f, 0.6f, 0.25f, 1), "\xE2\x9C\x93 %s", l("gui.no_findings"));  // ✓
  for (std::size_t i = 0; i < vm.findings.size(); ++i) {
    const auto& f = vm.findings[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TextColored(f.error ? ImVec4(0.85f, 0.1f, 0.1f, 1) : ImVec4(0.80f, 0.5f, 0.0f, 1), "%s", f.error ? "\xE2\x9C\x97" : "\xE2\x9A\xA0");
    ImGui::SameLine();
    const std::string label = f.message + "  [" + f.code + "]";
    if (ImGui::Selectable(label.c_str(), false) && !f.tree.empty()) {
      out = Intent{IntentKind::select_tree, f.tree, f.node};
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.location.c_str());
    ImGui::PopID();
  }
  return out;
}

}  // namespace

Intent draw_author_panel(const AuthorVm& vm, const Labels& l, AuthorUi& ui) {
  Intent out;
  if (Intent i = draw_toolbar(vm, l, ui)) out = i;
  ImGui::Separator();

  // Trees and the selected tree above, the linter's findings below. A table
  // grows with its content, so it lives in a child of fixed height.
  const float findings_h = ImGui::GetContentRegionAvail().y * (vm.findings.empty() ? 0.08f : 0.25f);
  ImGui::BeginChild("author_main", ImVec2(0, ImGui::GetContentRegionAvail().y - findings_h));
  if (ImGui::BeginTable("author", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("trees", ImGuiTableColumnFlags_WidthStretch, 0.28f);
    ImGui::TableSetupColumn("tree", ImGuiTableColumnFlags_WidthStretch, 0.72f);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::BeginChild("tree_list");
    std::string domain;
    for (const auto& t : vm.trees) {
      if (t.domain != domain) {
        domain = t.domain;
        ImGui::TextDisabled("%s", domain_label(l, domain).c_str());
      }
      ImGui::PushID(t.id.c_str());
      if (ImGui::Selectable(t.title.c_str(), t.id == vm.tree)) out = Intent{IntentKind::select_tree, t.id};
      if (probing()) probe("author_tree/" + t.id);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", t.title.c_str(), t.id.c_str());
      ImGui::PopID();
    }
    ImGui::EndChild();

    ImGui::TableNextColumn();
    if (ImGui::BeginTabBar("author_views")) {
      if (ImGui::BeginTabItem(l("gui.outline"))) {
        ui.view = 0;
        ImGui::BeginChild("outline");
        if (Intent i = draw_outline(vm, l, ui)) out = i;
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      const bool diagram_open = ImGui::BeginTabItem(l("gui.diagram"));
      probe("view/diagram");
      if (diagram_open) {
        ui.view = 1;
        if (Intent i = draw_diagram_panel(vm.diagram, vm.node, l, ui.diagram)) out = i;
        ImGui::EndTabItem();
      }
      const bool simulation_open = ImGui::BeginTabItem(l("gui.guide.simulation"));
      probe("view/simulation");
      if (simulation_open) {
        ui.view = 2;
        if (Intent i = draw_guide_simulation(vm, l, ui)) out = i;
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::Separator();
  ImGui::BeginChild("findings");
  if (Intent i = draw_findings(vm, l)) out = i;
  ImGui::EndChild();
  return out;
}

}  // namespace diagdesk::gui
