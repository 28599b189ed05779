// The Assets tab: filters over the inventory list, the selected asset's card
// (fields, warranty, its tickets, history) and the CSV import with its
// progress bar and report. Probes: "assets/row/<tag>", "assets/ticket/<number>",
// "assets/filter", "assets/import", "assets/progress".
#include "panels/panels.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace diagdesk::gui {

namespace {

const ImVec4 error_colour(0.85f, 0.1f, 0.1f, 1);
const ImVec4 ok_colour(0.1f, 0.55f, 0.2f, 1);

void filters(const AssetsVm& vm, const Labels& l, AssetsUi& ui, std::vector<Intent>& out) {
  const ImGuiInputTextFlags enter = ImGuiInputTextFlags_EnterReturnsTrue;
  bool apply = false;
  ImGui::SetNextItemWidth(160);
  std::string shown = l("gui.assets.any_type");
  for (const auto& [id, words] : vm.types)
    if (id == ui.type) shown = words;
  if (ImGui::BeginCombo(l("gui.assets.filter_type"), shown.c_str())) {
    if (ImGui::Selectable(l("gui.assets.any_type"), ui.type.empty())) ui.type.clear(), apply = true;
    for (const auto& [id, words] : vm.types) {
      ImGui::PushID(id.c_str());
      if (ImGui::Selectable(words.c_str(), ui.type == id)) ui.type = id, apply = true;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  apply |= ImGui::InputText(l("gui.assets.filter_site"), &ui.site, enter);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  apply |= ImGui::InputText(l("gui.assets.filter_user"), &ui.user, enter);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(60);
  apply |= ImGui::InputText(l("gui.assets.filter_days"), &ui.days, enter);
  ImGui::SameLine();
  apply |= ImGui::Button(l("gui.assets.filter"));
  if (probing()) probe("assets/filter");
  if (apply) {
    Intent i{IntentKind::asset, "filter"};
    i.fields = {{"type", ui.type}, {"site", ui.site}, {"user", ui.user}, {"days", ui.days}};
    out.push_back(std::move(i));
  }
}

void list(const AssetsVm& vm, const Labels& l, std::vector<Intent>& out) {
  ImGui::TextDisabled("%s", vm.count.c_str());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  const float rows_h = (static_cast<float>(vm.rows.size()) + 1.5f) * ImGui::GetFrameHeight();
  const float h = std::min(rows_h, ImGui::GetContentRegionAvail().y * 0.5f);
  if (!ImGui::BeginTable("assets", 6, flags, ImVec2(0, h))) return;
  for (const char* h : {"gui.assets.col_tag", "gui.assets.col_type", "gui.assets.col_model", "gui.assets.col_user",
                        "gui.assets.col_site", "gui.assets.col_warranty"})
    ImGui::TableSetupColumn(l(h));
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableHeadersRow();
  for (const auto& r : vm.rows) {
    ImGui::PushID(r.tag.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(r.tag.c_str(), r.selected, ImGuiSelectableFlags_SpanAllColumns))
      out.push_back({IntentKind::asset, "select", r.selected ? "" : r.tag});
    if (probing()) probe("assets/row/" + r.tag);
    for (const std::string* s : {&r.type, &r.model, &r.user, &r.site}) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s->c_str());
    }
    ImGui::TableNextColumn();
    if (r.under_warranty) ImGui::TextColored(ok_colour, "%s", r.warranty.c_str());
    else ImGui::TextDisabled("%s", r.warranty.empty() ? "-" : r.warranty.c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void card(const AssetCardVm& c, const Labels& l, std::vector<Intent>& out) {
  ImGui::TextUnformatted(c.title.c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton(l("gui.assets.close"))) out.push_back({IntentKind::asset, "select", ""});
  if (!c.warranty.empty()) ImGui::TextColored(ok_colour, "%s", c.warranty.c_str());
  // Two columns: its tickets and history (what happened to the device), then its fields.
  if (!ImGui::BeginTable("card", 2, ImGuiTableFlags_BordersInnerV)) return;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(l("gui.assets.tickets"));
  if (c.tickets.empty()) ImGui::TextDisabled("%s", l("gui.assets.no_tickets"));
  for (const auto& t : c.tickets) {
    ImGui::PushID(t.number.c_str());
    if (ImGui::Selectable(t.text.c_str())) {
      // Open it in the Tickets tab.
      out.push_back({IntentKind::ticket, "select", t.number});
      out.push_back({IntentKind::set_tab, {}, {}, static_cast<int>(Tab::tickets)});
    }
    if (probing()) probe("assets/ticket/" + t.number);
    ImGui::PopID();
  }
  ImGui::Separator();
  ImGui::TextUnformatted(l("gui.assets.history"));
  for (const auto& h : c.history) ImGui::TextUnformatted(h.c_str());
  ImGui::TableNextColumn();
  if (ImGui::BeginTable("card_fields", 2, ImGuiTableFlags_SizingFixedFit)) {
    for (const auto& [label, value] : c.fields) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", label.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(value.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::EndTable();
}

void import_row(const AssetImportVm& r, const Labels& l, AssetsUi& ui, std::vector<Intent>& out) {
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  bool go = ImGui::InputTextWithHint("##import_path", l("gui.assets.path_hint"), &ui.path, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::BeginDisabled(r.running);
  go |= ImGui::Button(l("gui.assets.import"));
  ImGui::EndDisabled();
  if (probing()) probe("assets/import");
  if (go && !r.running) {
    Intent i{IntentKind::asset, "import"};
    i.fields = {{"path", ui.path}};
    out.push_back(std::move(i));
  }
  if (r.running) {
    ImGui::ProgressBar(r.progress < 0 ? 0.0f : r.progress, ImVec2(-1, 0), r.progress_text.c_str());
    if (probing()) probe("assets/progress");
  } else if (r.done) {
    ImGui::TextColored(r.failed || r.rejected > 0 ? error_colour : ok_colour, "%s", r.summary.c_str());
    for (const auto& line : r.lines) ImGui::BulletText("%s", line.c_str());
  }
}

}  // namespace

std::vector<Intent> draw_assets_panel(const AssetsVm& vm, const Labels& l, AssetsUi& ui) {
  std::vector<Intent> out;
  if (!vm.available) {
    ImGui::TextColored(error_colour, "%s", vm.error.c_str());
    return out;
  }
  // Fields framed, so empty ones show in the light theme too.
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
  import_row(vm.import, l, ui, out);
  ImGui::Separator();
  filters(vm, l, ui, out);
  ImGui::PopStyleVar();
  if (!vm.message.empty())
    ImGui::TextColored(vm.message_error ? error_colour : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s", vm.message.c_str());
  list(vm, l, out);
  if (vm.card.open) {
    ImGui::Separator();
    ImGui::BeginChild("asset_card");
    card(vm.card, l, out);
    ImGui::EndChild();
  } else {
    ImGui::TextDisabled("%s", l("gui.assets.pick"));
  }
  return out;
}

}  // namespace diagdesk::gui
