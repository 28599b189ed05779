// The Quotes tab: on the left the status filter and the list, the "New
// quote" form and the catalogue picker; on the right the selected quote's
// editor (lines with quantity and discount edits and remove buttons, the
// totals, Send / Accept / Refuse, the PDF row, the history). Probes:
// "quotes/new", "quotes/create", "quotes/row/<number>", "quotes/search",
// "quotes/item/<ref>", "quotes/add", "quotes/set/<n>", "quotes/remove/<n>",
// "quotes/send", "quotes/accept", "quotes/refuse", "quotes/pdf", "quotes/customer_header", "quotes/customer".
#include "panels/panels.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace diagdesk::gui {

namespace {

const ImVec4 error_colour(0.85f, 0.1f, 0.1f, 1);
const ImVec4 ok_colour(0.1f, 0.55f, 0.2f, 1);

Intent quote_intent(const std::string& verb, const std::string& number,
                    std::vector<std::pair<std::string, std::string>> fields = {}, int n = 0) {
  Intent i{IntentKind::quote, verb, number, n};
  i.fields = std::move(fields);
  return i;
}

void status_filter(const QuotesVm& vm, const Labels& l, QuotesUi& ui, std::vector<Intent>& out) {
  std::string shown = l("gui.quotes.any_status");
  for (const auto& [id, words] : vm.statuses)
    if (id == vm.status) shown = words;
  ImGui::SetNextItemWidth(140);
  if (ImGui::BeginCombo(l("gui.quotes.filter_status"), shown.c_str())) {
    if (ImGui::Selectable(l("gui.quotes.any_status"), vm.status.empty())) out.push_back(quote_intent("filter", "", {{"status", ""}}));
    for (const auto& [id, words] : vm.statuses)
      if (ImGui::Selectable(words.c_str(), vm.status == id)) out.push_back(quote_intent("filter", "", {{"status", id}}));
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (probed_button(ui.form_open ? l("gui.quotes.form_close") : l("gui.quotes.new"), "quotes/new")) ui.form_open = !ui.form_open;
}

void list(const QuotesVm& vm, const Labels& l, std::vector<Intent>& out) {
  ImGui::TextDisabled("%s", vm.count.c_str());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  const float h = std::min((static_cast<float>(vm.rows.size()) + 1.5f) * ImGui::GetFrameHeight(), 220.0f);
  if (!ImGui::BeginTable("quotes", 5, flags, ImVec2(0, h))) return;
  ImGui::TableSetupColumn(l("quote.number"), ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("DEV-2026-0000").x);
  for (const char* c : {"quote.customer", "quote.status", "quote.total_ttc", "quote.valid_until"}) ImGui::TableSetupColumn(l(c));
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableHeadersRow();
  for (const auto& r : vm.rows) {
    ImGui::PushID(r.number.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(r.number.c_str(), r.selected, ImGuiSelectableFlags_SpanAllColumns))
      out.push_back(quote_intent("select", r.selected ? "" : r.number));
    if (probing()) probe("quotes/row/" + r.number);
    for (const std::string* s : {&r.customer, &r.status, &r.total}) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s->c_str());
    }
    ImGui::TableNextColumn();
    if (r.past_validity) ImGui::TextColored(error_colour, "%s", r.valid_until.c_str());
    else ImGui::TextUnformatted(r.valid_until.c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void new_quote_form(const QuotesVm& vm, const Labels& l, QuotesUi& ui, std::vector<Intent>& out) {
  if (ui.saved != vm.saved) {  // created: the form is done
    ui.saved = vm.saved;
    ui.form_open = false;
    ui.name.clear(), ui.address.clear(), ui.email.clear(), ui.phone.clear(), ui.ticket.clear();
  }
  if (!ui.form_open) return;
  ImGui::InputText(l("gui.quotes.name"), &ui.name);
  ImGui::InputText(l("gui.quotes.address"), &ui.address);
  ImGui::InputText(l("gui.quotes.email"), &ui.email);
  ImGui::InputText(l("gui.quotes.phone"), &ui.phone);
  ImGui::RadioButton("fr", &ui.language, 0);
  ImGui::SameLine();
  ImGui::RadioButton("en", &ui.language, 1);
  ImGui::SameLine();
  ImGui::TextDisabled("%s", l("gui.quotes.language"));
  ImGui::InputTextWithHint(l("gui.quotes.ticket"), "INC-...", &ui.ticket);
  if (probed_button(l("gui.quotes.create"), "quotes/create"))
    out.push_back(quote_intent("create", "", {{"name", ui.name}, {"address", ui.address}, {"email", ui.email},
                                              {"phone", ui.phone}, {"language", ui.language == 0 ? "fr" : "en"},
                                              {"ticket", ui.ticket}}));
}

void picker(const QuotesVm& vm, const Labels& l, QuotesUi& ui, std::vector<Intent>& out) {
  ImGui::TextUnformatted(l("gui.quotes.catalogue"));
  if (vm.catalogue_example) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", l("quote.example"));
  }
  if (!vm.catalogue_message.empty()) ImGui::TextColored(error_colour, "%s", vm.catalogue_message.c_str());
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##search", l("gui.quotes.search_hint"), &ui.search)) out.push_back(quote_intent("search", "", {{"words", ui.search}}));
  if (probing()) probe("quotes/search");
  if (ImGui::BeginChild("catalogue", ImVec2(0, 160), true)) {
    for (const auto& c : vm.catalogue) {
      ImGui::PushID(c.ref.c_str());
      const std::string text = c.ref + "  " + c.label + "  " + c.price;
      if (ImGui::Selectable(text.c_str(), ui.pick == c.ref)) ui.pick = c.ref;
      if (probing()) probe("quotes/item/" + c.ref);
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  const bool can = vm.editor.open && vm.editor.editable && !ui.pick.empty();
  ImGui::SetNextItemWidth(60);
  ImGui::InputText(l("quote.col.qty"), &ui.qty);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(60);
  ImGui::InputText(l("gui.quotes.discount_pct"), &ui.discount);
  ImGui::SameLine();
  if (probed_button(l("gui.quotes.add"), "quotes/add", can))
    out.push_back(quote_intent("add_line", vm.editor.number, {{"ref", ui.pick}, {"qty", ui.qty}, {"discount", ui.discount}}));
  if (!vm.editor.open || !vm.editor.editable) ImGui::TextDisabled("%s", l("gui.quotes.pick_draft"));
}

void lines(const QuoteEditorVm& ed, const Labels& l, QuotesUi& ui, std::vector<Intent>& out) {
  // What the edit fields were filled from: refill them when the quote changed.
  std::string seen = ed.number;
  for (const auto& line : ed.lines) seen += "|" + line.quantity + "/" + line.discount;
  if (seen != ui.lines_seen) {
    ui.lines_seen = seen;
    ui.edits.clear();
    for (const auto& line : ed.lines) ui.edits.push_back({line.quantity, line.discount});
  }
  const int cols = ed.editable ? 8 : 7;
  if (!ImGui::BeginTable("lines", cols, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit))
    return;
  for (const char* c : {"gui.quotes.col_ref", "quote.col.label", "quote.col.qty", "quote.col.unit_price", "quote.col.discount",
                        "quote.col.vat", "quote.col.total"})
    ImGui::TableSetupColumn(l(c), std::string_view(c) == "quote.col.label" ? ImGuiTableColumnFlags_WidthStretch : 0);
  if (ed.editable) ImGui::TableSetupColumn("");
  ImGui::TableHeadersRow();
  for (std::size_t n = 0; n < ed.lines.size() && n < ui.edits.size(); ++n) {
    const QuoteLineVm& line = ed.lines[n];
    const std::string pos = std::to_string(line.position);
    ImGui::PushID(static_cast<int>(n));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(line.ref.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(line.label.c_str());
    bool apply = false;
    ImGui::TableNextColumn();
    if (ed.editable) {
      ImGui::SetNextItemWidth(45);
      apply |= ImGui::InputText("##qty", &ui.edits[n].first, ImGuiInputTextFlags_EnterReturnsTrue);
    } else {
      ImGui::TextUnformatted(line.quantity.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(line.unit_price.c_str());
    ImGui::TableNextColumn();
    if (ed.editable) {
      ImGui::SetNextItemWidth(38);
      apply |= ImGui::InputText("% ##discount", &ui.edits[n].second, ImGuiInputTextFlags_EnterReturnsTrue);
    } else {
      ImGui::Text("%s %%", line.discount.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(line.vat.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(line.total.c_str());
    if (ed.editable) {
      ImGui::TableNextColumn();
      apply |= ImGui::SmallButton(l("gui.quotes.apply"));
      if (probing()) probe("quotes/set/" + pos);
      ImGui::SameLine();
      if (ImGui::SmallButton(l("gui.quotes.remove"))) out.push_back(quote_intent("remove_line", ed.number, {}, static_cast<int>(line.position)));
      if (probing()) probe("quotes/remove/" + pos);
    }
    if (apply)
      out.push_back(quote_intent("set_line", ed.number, {{"qty", ui.edits[n].first}, {"discount", ui.edits[n].second}},
                                 static_cast<int>(line.position)));
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (ed.lines.empty()) ImGui::TextDisabled("%s", l("gui.quotes.no_lines"));
}

void totals(const QuoteEditorVm& ed, const Labels& l) {
  if (!ImGui::BeginTable("totals", 2, ImGuiTableFlags_SizingFixedFit)) return;
  auto row = [](const std::string& label, const std::string& value, bool strong) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label.c_str());
    ImGui::TableNextColumn();
    if (strong) ImGui::TextColored(ok_colour, "%s", value.c_str());
    else ImGui::TextUnformatted(value.c_str());
  };
  row(l("quote.total_ht"), ed.total_ht, false);
  for (const auto& [label, amount] : ed.vat) row(label, amount, false);
  row(l("quote.total_ttc"), ed.total_ttc, true);
  ImGui::EndTable();
}

void actions(const QuoteEditorVm& ed, const Labels& l, QuotesUi& ui, std::vector<Intent>& out) {
  if (probed_button(l("gui.quotes.send"), "quotes/send", ed.can_send)) out.push_back(quote_intent("send", ed.number));
  ImGui::SameLine();
  if (probed_button(l("gui.quotes.accept"), "quotes/accept", ed.can_accept))
    out.push_back(quote_intent("accept", ed.number, {{"request", ui.open_request ? "1" : ""}}));
  ImGui::SameLine();
  ImGui::Checkbox(l("gui.quotes.open_request"), &ui.open_request);
  ImGui::SetNextItemWidth(240);
  ImGui::InputTextWithHint("##reason", l("gui.quotes.reason_hint"), &ui.reason);
  ImGui::SameLine();
  if (probed_button(l("gui.quotes.refuse"), "quotes/refuse", ed.can_refuse))
    out.push_back(quote_intent("refuse", ed.number, {{"reason", ui.reason}}));
  // The PDF: the default path filled for each quote shown.
  if (ui.pdf_for != ed.number) ui.pdf_for = ed.number, ui.pdf_path = ed.pdf_default;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.7f);
  ImGui::InputText("##pdf", &ui.pdf_path);
  ImGui::SameLine();
  if (probed_button(l("gui.quotes.pdf"), "quotes/pdf")) out.push_back(quote_intent("pdf", ed.number, {{"path", ui.pdf_path}}));
  if (!ed.pdf_written.empty()) ImGui::TextColored(ok_colour, "%s %s", l("gui.quotes.pdf_written"), ed.pdf_written.c_str());
}

/// A draft's customer, edited and saved field by field.
void customer_form(const QuoteEditorVm& ed, const Labels& l, QuotesUi& ui, std::vector<Intent>& out) {
  std::string seen = ed.number;
  for (const auto& [field, value] : ed.customer_fields) seen += "|" + value;
  if (seen != ui.customer_seen) {
    ui.customer_seen = seen;
    ui.customer.clear();
    for (const auto& f : ed.customer_fields) ui.customer.push_back(f.second);
  }
  const bool open = ImGui::CollapsingHeader(l("gui.quotes.edit_customer"));
  if (probing()) probe("quotes/customer_header");
  if (!open) return;
  for (std::size_t n = 0; n < ed.customer_fields.size() && n < ui.customer.size(); ++n) {
    const std::string& field = ed.customer_fields[n].first;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
    ImGui::InputText(field == "language" ? l("gui.quotes.language") : l(("gui.quotes." + field).c_str()), &ui.customer[n]);
  }
  if (probed_button(l("gui.quotes.save_customer"), "quotes/customer")) {
    Intent i = quote_intent("set_customer", ed.number);
    for (std::size_t n = 0; n < ed.customer_fields.size() && n < ui.customer.size(); ++n)
      i.fields.emplace_back(ed.customer_fields[n].first, ui.customer[n]);
    out.push_back(std::move(i));
  }
}

void editor(const QuoteEditorVm& ed, const Labels& l, QuotesUi& ui, std::vector<Intent>& out) {
  ImGui::TextUnformatted(ed.title.c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton(l("gui.quotes.close"))) out.push_back(quote_intent("select", ""));
  if (!ed.customer.empty()) ImGui::TextDisabled("%s", ed.customer.c_str());
  ImGui::TextDisabled("%s %s", l("quote.valid_until"), ed.valid_until.c_str());
  if (!ed.ticket.empty()) ImGui::TextDisabled("%s %s", l("quote.ticket"), ed.ticket.c_str());
  if (!ed.request.empty()) ImGui::TextColored(ok_colour, "%s %s", l("gui.quotes.request"), ed.request.c_str());
  if (ed.editable) customer_form(ed, l, ui, out);
  draw_quote_summary(ed, l, ui, out);
  ImGui::Separator();
  lines(ed, l, ui, out);
  totals(ed, l);
  ImGui::Separator();
  actions(ed, l, ui, out);
  if (ImGui::CollapsingHeader(l("gui.quotes.history")))
    for (const auto& h : ed.history) ImGui::TextUnformatted(h.c_str());
}

}  // namespace

std::vector<Intent> draw_quotes_panel(const QuotesVm& vm, const Labels& l, QuotesUi& ui) {
  std::vector<Intent> out;
  if (!vm.available) {
    ImGui::TextColored(error_colour, "%s", vm.error.c_str());
    return out;
  }
  if (!vm.message.empty())
    ImGui::TextColored(vm.message_error ? error_colour : ok_colour, "%s", vm.message.c_str());
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);  // empty fields show in the light theme
  if (ImGui::BeginTable("quotes_layout", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("left", ImGuiTableColumnFlags_WidthStretch, 0.38f);
    ImGui::TableSetupColumn("right", ImGuiTableColumnFlags_WidthStretch, 0.62f);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    status_filter(vm, l, ui, out);
    new_quote_form(vm, l, ui, out);
    list(vm, l, out);
    ImGui::Separator();
    picker(vm, l, ui, out);
    ImGui::TableNextColumn();
    if (vm.editor.open) editor(vm.editor, l, ui, out);
    else ImGui::TextDisabled("%s", l("gui.quotes.pick"));
    ImGui::EndTable();
  }
  ImGui::PopStyleVar();
  return out;
}

}  // namespace diagdesk::gui
