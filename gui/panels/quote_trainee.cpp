// Trainee mode, the quote step of proposal scenarios: the catalogue search,
// quantity and discount, the option the lines go to (repair or offer, or
// replace), the lines with their live totals; and the quote line by line in
// the debrief. Draws TraineeScreenVm's quote fields; every change is an "act"
// intent carrying the same tokens as `diagdesk train --actions`.
#include "panels/quote_trainee.hpp"

#include <imgui.h>

#include <string>

namespace diagdesk::gui {

namespace {

Intent act(std::string token) { return Intent{IntentKind::trainee, "act", std::move(token)}; }

void lines_table(const char* id, const TraineeQuoteOptionVm& o, const Labels& l, bool debrief, Intent* out) {
  const int columns = debrief ? 5 : 4;
  if (!ImGui::BeginTable(id, columns, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn(l("train.quote.col_ref"));
  ImGui::TableSetupColumn(l("train.quote.col_yours"));
  if (debrief) ImGui::TableSetupColumn(l("train.quote.col_expected"));
  ImGui::TableSetupColumn(debrief ? l("train.quote.col_status") : "");
  ImGui::TableSetupColumn("");
  ImGui::TableHeadersRow();
  for (const auto& line : o.lines) {
    ImGui::PushID(line.ref.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s  %s", line.ref.c_str(), line.label.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%s %s", line.quantity.empty() ? "-" : line.quantity.c_str(), line.discount.c_str());
    if (debrief) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(line.expected_quantity.empty() ? "-" : line.expected_quantity.c_str());
      ImGui::TableNextColumn();
      const bool ok = line.status == "ok";
      ImGui::TextColored(ok ? ImVec4(0.15f, 0.55f, 0.20f, 1) : ImVec4(0.80f, 0.35f, 0.05f, 1), "%s", line.verdict.c_str());
    } else {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(line.total.c_str());
    }
    ImGui::TableNextColumn();
    if (debrief) {
      ImGui::TextUnformatted(line.total.c_str());
    } else if (out && probed_button(l("train.quote.remove"), "trainee/quote/remove/" + o.kind + "/" + line.ref)) {
      *out = act("quote-option=" + o.kind + ",quote-=" + line.ref);
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

Intent draw_trainee_quote(const TraineeScreenVm& s, const Labels& l, TraineeQuoteUi& ui) {
  Intent out;
  if (!s.quote_step) return out;
  ImGui::Separator();
  ImGui::TextUnformatted(l("train.quote.yours"));
  // The option lines go to.
  ImGui::TextUnformatted(l("train.quote.option"));
  for (const auto& o : s.quote_options) {
    ImGui::SameLine();
    if (ImGui::RadioButton(o.name.c_str(), s.quote_current == o.kind)) out = act("quote-option=" + o.kind);
    probe("trainee/quote/option/" + o.kind);
  }
  // Search, quantity and discount, then a result's Add.
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  if (ImGui::InputTextWithHint("##quote_search", l("train.quote.search"), ui.search.data(), ui.search.size())) {
    out = Intent{IntentKind::trainee, "quote_search", ui.search.data()};
  }
  probe("trainee/quote/search");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(60);
  ImGui::InputText(l("train.quote.quantity"), ui.quantity.data(), ui.quantity.size());
  probe("trainee/quote/quantity");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(60);
  ImGui::InputText(l("train.quote.discount"), ui.discount.data(), ui.discount.size());
  probe("trainee/quote/discount");
  for (const auto& item : s.quote_results) {
    if (probed_button(l("train.quote.add"), "trainee/quote/add/" + item.ref)) {
      std::string tokens = "quote=" + item.ref + ":" + (ui.quantity[0] ? ui.quantity.data() : "1");
      if (ui.discount[0]) tokens += ",discount=" + item.ref + ":" + ui.discount.data();
      out = act(tokens);
    }
    ImGui::SameLine();
    ImGui::TextWrapped("%s  %s  %s", item.ref.c_str(), item.price.c_str(), item.label.c_str());
  }
  // The lines so far, with live totals.
  for (const auto& o : s.quote_options) {
    if (o.lines.empty()) continue;
    ImGui::TextDisabled("%s", o.name.c_str());
    lines_table(("quote_" + o.kind).c_str(), o, l, false, &out);
    ImGui::TextWrapped("%s", o.totals.c_str());
  }
  return out;
}

void draw_trainee_quote_debrief(const TraineeScreenVm& s, const Labels& l) {
  if (s.quote_debrief.empty()) return;
  ImGui::TextUnformatted(l("train.quote.debrief"));
  for (const auto& o : s.quote_debrief) {
    std::string title = o.name;
    if (!o.offered) title += std::string(" (") + l("train.quote.not_offered") + ")";
    if (!o.expected) title += std::string(" (") + l("train.quote.not_expected") + ")";
    ImGui::TextDisabled("%s", title.c_str());
    lines_table(("quote_debrief_" + o.kind).c_str(), o, l, true, nullptr);
    if (o.offered) ImGui::TextWrapped("%s: %s", l("train.quote.yours"), o.totals.c_str());
    if (o.expected) ImGui::TextWrapped("%s: %s", l("train.quote.expected"), o.expected_totals.c_str());
  }
}

}  // namespace diagdesk::gui
