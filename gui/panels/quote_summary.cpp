// The Quotes tab's editor, two parts: the options a diagnosis proposed
// (repair, or replace beside it when the device is past its value) and the
// plain-words summary to read out to the customer, in the customer's
// language, with a Copy button putting it on the clipboard.
#include "panels/panels.hpp"

#include <imgui.h>

namespace diagdesk::gui {

void draw_quote_summary(const QuoteEditorVm& ed, const Labels& l, QuotesUi& ui, std::vector<Intent>& out) {
  if (!ed.options.empty()) {
    ImGui::TextUnformatted(l("gui.quotes.options"));
    for (const auto& o : ed.options) {
      ImGui::PushID(o.kind.c_str());
      ImGui::BulletText("%s: %s %s", o.label.c_str(), o.total_ht.c_str(), l("quote.col.total"));
      ImGui::SameLine();
      if (o.current) {
        ImGui::TextDisabled("(%s)", l("gui.quotes.option_current"));
      } else if (probed_button(l("gui.quotes.option_make"), "quotes/option/" + o.kind)) {
        Intent i{IntentKind::quote, "option", ed.number};
        i.fields = {{"kind", o.kind}};
        out.push_back(std::move(i));
      }
      ImGui::PopID();
    }
    if (!ed.present_value.empty()) ImGui::TextDisabled("%s %s", l("gui.quotes.present_value"), ed.present_value.c_str());
    if (!ed.proposal_note.empty()) ImGui::TextWrapped("%s", ed.proposal_note.c_str());
  }
  if (ed.summary.empty()) return;
  const bool open = ImGui::CollapsingHeader(l("gui.quotes.summary"), ImGuiTreeNodeFlags_DefaultOpen);
  if (probing()) probe("quotes/summary_header");
  if (!open) return;
  ImGui::TextDisabled("%s %s", l("gui.quotes.summary_lang"), ed.summary_lang.c_str());
  ImGui::TextWrapped("%s", ed.summary.c_str());
  if (probed_button(l("gui.quotes.copy"), "quotes/copy_summary")) {
    ImGui::SetClipboardText(ed.summary.c_str());
    ui.copied = ed.summary;
  }
  if (!ui.copied.empty() && ui.copied == ed.summary) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", l("gui.quotes.copied"));
  }
}

}  // namespace diagdesk::gui
