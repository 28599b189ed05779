// The search bar (Ctrl+K) and its results, grouped into trees and articles.
#include "panels/panels.hpp"

#include <imgui.h>

#include <cstring>

namespace diagdesk::gui {

namespace {

int hit_count(const SearchVm& vm) { return static_cast<int>(vm.trees.size() + vm.articles.size()); }

const SearchHitVm* hit_at(const SearchVm& vm, int i) {
  if (i < 0) return nullptr;
  if (i < static_cast<int>(vm.trees.size())) return &vm.trees[static_cast<std::size_t>(i)];
  i -= static_cast<int>(vm.trees.size());
  if (i < static_cast<int>(vm.articles.size())) return &vm.articles[static_cast<std::size_t>(i)];
  return nullptr;
}

Intent open_hit(const SearchVm& vm, SearchUi& ui, int i) {
  const SearchHitVm* h = hit_at(vm, i);
  if (!h) return {};
  ui.open = false;
  return Intent{IntentKind::open_result, h->type, h->id};
}

/// "the **printer** is" -> "the printer is" (the marks are for emphasis only).
std::string strip_marks(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '*' && i + 1 < s.size() && s[i + 1] == '*') {
      ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

void move_selection(const SearchVm& vm, SearchUi& ui) {
  const int n = hit_count(vm);
  if (n == 0) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) ui.selected = (ui.selected + 1) % n;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) ui.selected = (ui.selected + n - 1) % n;
}

}  // namespace

Intent draw_search_bar(const SearchVm& vm, const Labels& l, SearchUi& ui) {
  Intent out;
  const float filters_w = ImGui::GetFontSize() * 18 + ImGui::GetStyle().ItemSpacing.x * 2;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - filters_w);
  if (ui.focus_request) {
    ImGui::SetKeyboardFocusHere();
    ui.focus_request = false;
    ui.open = ui.buffer[0] != 0;
  }
  const bool enter = ImGui::InputTextWithHint("##search", l("gui.search_hint"), ui.buffer.data(), ui.buffer.size(),
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  const bool active = ImGui::IsItemActive();
  const std::string text = ui.buffer.data();
  if (text != ui.sent) {
    ui.sent = text;
    ui.open = !text.empty();
    ui.selected = 0;
    out = Intent{IntentKind::search_changed, text};
  }
  if (active) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ui.open = false;
    if (ui.open) move_selection(vm, ui);
  }
  if (enter && !out) {
    // Results may still be on their way for the last keystroke (or the index
    // is opening): open the best one as soon as they are in.
    const bool current = !vm.busy && vm.query == text;
    if (current && hit_count(vm) > 0) {
      out = open_hit(vm, ui, ui.selected);
    } else {
      ui.enter_pending = !text.empty() && !current;
      ui.open = !text.empty();
    }
  } else if (ui.enter_pending && !out) {
    if (text != vm.query && !vm.busy) {
      ui.enter_pending = false;  // the text changed since: forget it
    } else if (!vm.busy && vm.query == text) {
      ui.enter_pending = false;
      if (hit_count(vm) > 0) out = open_hit(vm, ui, 0);
    }
  }

  // Filters: domain and language.
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
  const std::string current = vm.domain_filter.empty() ? l("gui.all_domains") : domain_label(l, vm.domain_filter);
  if (ImGui::BeginCombo("##domain", current.c_str())) {
    if (ImGui::Selectable(l("gui.all_domains"), vm.domain_filter.empty())) out = Intent{IntentKind::search_filter, "", vm.lang_filter};
    for (const auto& d : vm.domains) {
      ImGui::PushID(d.c_str());
      if (ImGui::Selectable(domain_label(l, d).c_str(), d == vm.domain_filter)) out = Intent{IntentKind::search_filter, d, vm.lang_filter};
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  const char* lang_label = vm.lang_filter == "fr" ? "FR" : vm.lang_filter == "en" ? "EN" : l("gui.both_langs");
  if (ImGui::BeginCombo("##lang_filter", lang_label)) {
    if (ImGui::Selectable(l("gui.both_langs"), vm.lang_filter.empty())) out = Intent{IntentKind::search_filter, vm.domain_filter, ""};
    if (ImGui::Selectable("FR", vm.lang_filter == "fr")) out = Intent{IntentKind::search_filter, vm.domain_filter, "fr"};
    if (ImGui::Selectable("EN", vm.lang_filter == "en")) out = Intent{IntentKind::search_filter, vm.domain_filter, "en"};
    ImGui::EndCombo();
  }
  return out;
}

Intent draw_search_results(const SearchVm& vm, const Labels& l, SearchUi& ui) {
  Intent out;
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput) {
    move_selection(vm, ui);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) out = open_hit(vm, ui, ui.selected);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ui.open = false;
  }
  ImGui::TextDisabled("%s \"%s\"%s", l("gui.results_for"), vm.query.c_str(), vm.busy ? " …" : "");
  if (!vm.progress.empty()) ImGui::ProgressBar(vm.progress_fraction, ImVec2(-1, 0), vm.progress.c_str());
  const float close_w = ImGui::CalcTextSize(l("gui.close")).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - close_w - ImGui::GetStyle().ScrollbarSize);
  if (ImGui::SmallButton(l("gui.close"))) ui.open = false;
  if (!vm.notice.empty()) ImGui::TextColored(ImVec4(0.85f, 0.55f, 0.10f, 1), "%s", vm.notice.c_str());
  ImGui::Separator();

  int index = 0;
  auto group = [&](const char* title, const std::vector<SearchHitVm>& hits, const char* empty) {
    if (fonts().bold) ImGui::PushFont(fonts().bold);
    ImGui::Text("%s (%d)", title, static_cast<int>(hits.size()));
    if (fonts().bold) ImGui::PopFont();
    if (hits.empty()) ImGui::TextDisabled("%s", empty);
    for (const auto& h : hits) {
      ImGui::PushID(index);
      const bool selected = index == ui.selected;
      const std::string label = (h.type == "tree" ? "\xE2\x96\xB6 " : "\xE2\x96\xA1 ") + h.title;  // ▶ / □
      if (ImGui::Selectable(label.c_str(), selected)) out = open_hit(vm, ui, index);
      if (probing()) probe("hit/" + h.id);
      if (selected && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
      ImGui::SameLine();
      ImGui::TextDisabled("%s · %s%s%s", domain_label(l, h.domain).c_str(), h.lang.c_str(), h.layer.empty() ? "" : " · ",
                          h.layer.c_str());
      if (!h.snippet.empty()) {
        ImGui::Indent();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", strip_marks(h.snippet).c_str());
        ImGui::PopStyleColor();
        ImGui::Unindent();
      }
      ImGui::PopID();
      ++index;
    }
    ImGui::Spacing();
  };
  group(l("gui.group_trees"), vm.trees, l("gui.no_tree_found"));
  group(l("gui.group_articles"), vm.articles, vm.articles_available ? l("gui.no_article_found") : l("gui.no_index"));
  return out;
}

}  // namespace diagdesk::gui
