// The author tab's Simulation view: for the selected tree, the three policies
// (expected minutes, steps, gap to the optimum, `*` when the optimum is a
// bound), a bar per policy, the slowest causes and the minutes per cause;
// and the "all modelled trees" table. Computed off the UI thread: the view
// asks for it when shown and draws a progress bar meanwhile.
#include "panels/panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace diagdesk::gui {

// [Shared with guided mode] -------------------------------------------------------------

std::string guide_number(double v, int decimals, const Labels& l) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (l.lang == "fr") std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string guide_percent(double fraction, const Labels& l, bool sign) {
  // Gaps and savings to a tenth (they are small), probabilities to the unit.
  const std::string n = guide_number(fraction * 100, sign ? 1 : 0, l);
  return (sign && fraction >= 0 ? "+" : "") + n + " %";
}

void guide_bar(float fraction, const ImVec4& colour, const std::string& text, float width) {
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour);
  ImGui::ProgressBar(std::clamp(fraction, 0.0f, 1.0f), ImVec2(width, ImGui::GetTextLineHeight() * 1.25f), text.c_str());
  ImGui::PopStyleColor();
}

namespace {

ImVec4 policy_colour(const std::string& key) {
  if (key == "authored") return ImVec4(0.45f, 0.55f, 0.70f, 1);
  if (key == "guided") return ImVec4(0.20f, 0.62f, 0.35f, 1);
  return ImVec4(0.55f, 0.40f, 0.75f, 1);
}

void heading(const char* text) {
  ImGui::Spacing();
  if (fonts().bold) ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted(text);
  if (fonts().bold) ImGui::PopFont();
}

void draw_tree(const TreeSimulationVm& s, const Labels& l) {
  ImGui::TextDisabled("%s  ·  %zu %s, %zu %s", s.title.c_str(), s.causes, l("gui.guide.causes"), s.tests, l("gui.guide.tests"));
  if (!s.has_model) ImGui::TextColored(ImVec4(0.80f, 0.50f, 0.0f, 1), "%s", l("guide.no_model"));
  bool bound = false;
  if (ImGui::BeginTable("policies", 4, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(l("simulate.policy"), 0, 2.2f);
    ImGui::TableSetupColumn(l("simulate.minutes"), 0, 1.2f);
    ImGui::TableSetupColumn(l("simulate.steps"), 0, 1.0f);
    ImGui::TableSetupColumn(l("simulate.gap"), 0, 1.0f);
    ImGui::TableHeadersRow();
    for (const auto& p : s.policies) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(policy_colour(p.key), "\xE2\x96\xA0");  // ■
      ImGui::SameLine();
      ImGui::TextUnformatted(p.name.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%s%s", guide_number(p.minutes, 2, l).c_str(), p.exact ? "" : "*");
      bound = bound || !p.exact;
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(guide_number(p.steps, 2, l).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(guide_percent(p.gap, l, true).c_str());
    }
    ImGui::EndTable();
  }
  if (bound) ImGui::TextDisabled("%s", l("gui.guide.bound_note"));
  ImGui::Text("%s%s%s", l("simulate.saving"), l("punct.colon"), guide_percent(s.saving, l, true).c_str());

  // One bar per policy, to the scale of the slowest.
  heading(l("gui.guide.chart_policies"));
  double most = 0;
  for (const auto& p : s.policies) most = std::max(most, p.minutes);
  const float label_w = ImGui::GetFontSize() * 14;
  const float bar_w = std::max(ImGui::GetContentRegionAvail().x - label_w, ImGui::GetFontSize() * 8);
  for (const auto& p : s.policies) {
    ImGui::TextUnformatted(p.name.c_str());
    ImGui::SameLine(label_w);
    guide_bar(most > 0 ? static_cast<float>(p.minutes / most) : 0, policy_colour(p.key),
              guide_number(p.minutes, 2, l) + " min" + (p.exact ? "" : "*"), bar_w);
  }

  heading(l("simulate.slowest"));
  for (const auto& c : s.slowest) {
    ImGui::Bullet();  // wrapped: a cause's name is a sentence
    ImGui::TextWrapped("%s (%s min, p %s)", c.name.c_str(), guide_number(c.authored, 1, l).c_str(), guide_percent(c.prior, l, false).c_str());
  }

  // Minutes per cause: the authored order's bar above the guided one.
  heading(l("gui.guide.chart_causes"));
  ImGui::TextColored(policy_colour("authored"), "\xE2\x96\xA0");
  ImGui::SameLine();
  ImGui::TextUnformatted(l("simulate.authored"));
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  ImGui::TextColored(policy_colour("guided"), "\xE2\x96\xA0");
  ImGui::SameLine();
  ImGui::TextUnformatted(l("simulate.guided"));
  double slowest = 0;
  for (const auto& c : s.causes_minutes) slowest = std::max({slowest, c.authored, c.guided});
  if (ImGui::BeginTable("causes", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("cause", 0, 1.0f);
    ImGui::TableSetupColumn("bars", 0, 1.6f);
    for (std::size_t i = 0; i < s.causes_minutes.size(); ++i) {
      const auto& c = s.causes_minutes[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", c.name.c_str());
      ImGui::TextDisabled("p %s", guide_percent(c.prior, l, false).c_str());
      ImGui::TableNextColumn();
      const float w = ImGui::GetContentRegionAvail().x;
      const auto frac = [&](double m) { return slowest > 0 ? static_cast<float>(m / slowest) : 0.0f; };
      guide_bar(frac(c.authored), policy_colour("authored"), guide_number(c.authored, 1, l) + " min", w);
      guide_bar(frac(c.guided), policy_colour("guided"), guide_number(c.guided, 1, l) + " min", w);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

void draw_all(const SimulationVm& s, const Labels& l) {
  bool bound = false;
  if (ImGui::BeginTable("all_trees", 6, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp |
                                            ImGuiTableFlags_ScrollY,
                        ImVec2(0, ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 3))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(l("simulate.col.tree"), 0, 3.0f);
    for (const char* key : {"simulate.col.authored", "simulate.col.guided", "simulate.col.optimum", "simulate.col.gap", "simulate.col.saving"}) {
      ImGui::TableSetupColumn(l(key), 0, 1.0f);
    }
    ImGui::TableHeadersRow();
    for (const auto& r : s.all) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.title.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.tree.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(guide_number(r.authored, 2, l).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(guide_number(r.guided, 2, l).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%s%s", guide_number(r.optimum, 2, l).c_str(), r.exact ? "" : "*");
      bound = bound || !r.exact;
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(guide_percent(r.gap, l, true).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(guide_percent(r.saving, l, true).c_str());
    }
    ImGui::EndTable();
  }
  if (!s.all.empty()) {
    ImGui::Text("%s (%zu %s)%s%s %s, %s %s", l("simulate.average"), s.all.size(), l("simulate.trees"), l("punct.colon"),
                l("simulate.gap"), guide_percent(s.average_gap, l, true).c_str(), l("simulate.saving"),
                guide_percent(s.average_saving, l, true).c_str());
  }
  if (bound) ImGui::TextDisabled("%s", l("gui.guide.bound_note"));
}

}  // namespace

Intent draw_guide_simulation(const AuthorVm& vm, const Labels& l, AuthorUi& ui) {
  Intent out;
  const SimulationVm& s = vm.simulation;
  if (ImGui::RadioButton(l("gui.guide.this_tree"), !ui.simulation_all)) ui.simulation_all = false;
  probe("simulation/tree");
  ImGui::SameLine();
  if (ImGui::RadioButton(l("gui.guide.all_trees"), ui.simulation_all)) ui.simulation_all = true;
  probe("simulation/all");
  if (s.running) {
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    const float t = static_cast<float>(ImGui::GetTime() * 0.5 - static_cast<int>(ImGui::GetTime() * 0.5));
    const bool all = ui.simulation_all && s.progress >= 0;
    ImGui::ProgressBar(all ? s.progress : t, ImVec2(ImGui::GetFontSize() * 10, 0), all ? nullptr : "…");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", l("gui.guide.simulating"));
  }
  ImGui::Separator();
  ImGui::BeginChild("simulation");
  if (ui.simulation_all) {
    if (!s.all_requested) out = Intent{IntentKind::guide, "simulate_all"};
    draw_all(s, l);
  } else if (vm.tree.empty()) {
    ImGui::TextDisabled("%s", l("gui.no_tree_selected"));
  } else if (s.tree != vm.tree) {
    out = Intent{IntentKind::guide, "simulate", vm.tree};
  } else if (s.ready) {
    draw_tree(s.current, l);
  }
  ImGui::EndChild();
  return out;
}

}  // namespace diagdesk::gui
