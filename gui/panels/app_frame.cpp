// The whole window: menu bar (language, theme), the search bar, the tabs
// (diagnosis, article, author, trainee), the side column (transcript, facts,
// linked articles) and the status line. Global keys: Ctrl+K search, F1-F8 tabs, Ctrl+N new ticket.
#include "panels/panels.hpp"
#include "vm/keys.hpp"

#include <imgui.h>

namespace diagdesk::gui {

namespace {

void push(std::vector<Intent>& out, Intent i) {
  if (i) out.push_back(std::move(i));
}

void draw_menu(const AppVm& vm, std::vector<Intent>& out) {
  const Labels& l = vm.labels;
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu(l("gui.menu_file"))) {
    if (ImGui::MenuItem(l("gui.start_over"), nullptr, false, vm.question.active || vm.conclusion.active)) push(out, {IntentKind::start_over});
    if (ImGui::MenuItem(l("gui.export_report"), nullptr, false, vm.question.active || vm.conclusion.active)) push(out, {IntentKind::export_report});
    if (ImGui::MenuItem(l("gui.export_escalation"), nullptr, false, vm.question.active || vm.conclusion.active)) push(out, {IntentKind::export_escalation});
    ImGui::Separator();
    if (ImGui::MenuItem(l("gui.quit"), "Ctrl+Q")) push(out, {IntentKind::quit});
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(l("gui.menu_view"))) {
    if (ImGui::MenuItem(l("gui.theme_light"), nullptr, !vm.dark)) push(out, {IntentKind::set_theme, "light"});
    if (ImGui::MenuItem(l("gui.theme_dark"), nullptr, vm.dark)) push(out, {IntentKind::set_theme, "dark"});
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(l("gui.menu_help"))) {
    ImGui::TextUnformatted(l("gui.keys_help"));
    ImGui::TextUnformatted(l("gui.tickets.keys_help"));
    ImGui::EndMenu();
  }
  // Language switch, always visible on the right.
  const float w = ImGui::CalcTextSize("FR EN").x + ImGui::GetStyle().FramePadding.x * 4 + ImGui::GetStyle().ItemSpacing.x * 2;
  ImGui::SetCursorPosX(ImGui::GetWindowWidth() - w - ImGui::GetStyle().WindowPadding.x);
  if (ImGui::MenuItem("FR", nullptr, vm.lang == "fr")) push(out, {IntentKind::set_lang, "fr"});
  probe("lang/fr");
  if (ImGui::MenuItem("EN", nullptr, vm.lang == "en")) push(out, {IntentKind::set_lang, "en"});
  probe("lang/en");
  ImGui::EndMenuBar();
}

void section_title(const char* text) {
  if (fonts().bold) ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted(text);
  if (fonts().bold) ImGui::PopFont();
  ImGui::Separator();
}

void draw_diagnosis_tab(const AppVm& vm, AppUi& ui, bool keys, std::vector<Intent>& out) {
  const Labels& l = vm.labels;
  if (!ImGui::BeginTable("diagnosis", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupColumn("main", ImGuiTableColumnFlags_WidthStretch, 1.0f - ui.side_width);
  ImGui::TableSetupColumn("side", ImGuiTableColumnFlags_WidthStretch, ui.side_width);
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::BeginChild("main_view");
  if (vm.conclusion.active) {
    push(out, draw_conclusion_panel(vm.conclusion, l));
  } else if (vm.question.active) {
    ui.question.keys_enabled = keys;
    push(out, draw_question_panel(vm.question, l, ui.question));
  } else {
    push(out, draw_home_panel(vm.home, l));
  }
  ImGui::EndChild();

  ImGui::TableNextColumn();
  ImGui::BeginChild("side_view");
  const bool session = vm.question.active || vm.conclusion.active;
  if (vm.question.active && vm.question.guide.on && vm.question.guide.why_open) {
    section_title(l("gui.guide.why"));  // the posterior behind the suggested step
    draw_guide_why(vm.question.guide, l);
    ImGui::Spacing();
  }
  if (session) {
    section_title(l("gui.transcript"));
    push(out, draw_transcript_panel(vm.transcript, l));
    ImGui::Spacing();
  }
  section_title(l("gui.known_facts"));
  push(out, draw_facts_panel(vm.facts, l, ui.facts));
  ImGui::Spacing();
  if (session) {
    section_title(l("gui.linked_articles"));
    push(out, draw_links_panel(vm.links, l));
  }
  ImGui::EndChild();
  ImGui::EndTable();
}

}  // namespace

std::vector<Intent> draw_app(const AppVm& vm, AppUi& ui) {
  std::vector<Intent> out;
  const Labels& l = vm.labels;
  ImGuiIO& io = ImGui::GetIO();

  if (vm.clipboard_serial != ui.clipboard_serial) {
    ui.clipboard_serial = vm.clipboard_serial;
    ImGui::SetClipboardText(vm.clipboard.c_str());
  }

  // Global keys.
  if (io.KeyCtrl && ImGui::IsKeyPressed(keys::letter('K'), false)) ui.search.focus_request = true;
  if (io.KeyCtrl && ImGui::IsKeyPressed(keys::letter('Q'), false)) push(out, {IntentKind::quit});
  if (io.KeyCtrl && ImGui::IsKeyPressed(keys::letter('L'), false)) push(out, {IntentKind::set_lang, vm.lang == "fr" ? "en" : "fr"});
  if (io.KeyCtrl && ImGui::IsKeyPressed(keys::letter('N'), false)) {
    ui.search.open = false;
    ui.tickets.form_open = true;
    ui.tickets.form_focus = true;
    push(out, {IntentKind::set_tab, {}, {}, static_cast<int>(Tab::tickets)});
  }
  for (int t = 0; t < keys::tab_count; ++t) {
    if (ImGui::IsKeyPressed(keys::f1 + t, false)) {
      ui.search.open = false;
      push(out, {IntentKind::set_tab, {}, {}, t});
    }
  }

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::Begin("Diagdesk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  draw_menu(vm, out);

  push(out, draw_search_bar(vm.search, l, ui.search));
  const float status_h = ImGui::GetFrameHeightWithSpacing();
  const ImVec2 body(0, ImGui::GetContentRegionAvail().y - status_h);

  if (vm.tab != ui.last_vm_tab) {
    ui.last_vm_tab = vm.tab;
    ui.tab_request = true;
  }
  ImGui::BeginChild("body", body, false, ImGuiWindowFlags_NoScrollbar);
  const bool results = ui.search.open && !vm.search.query.empty();
  if (results) {
    ImGui::BeginChild("results");
    push(out, draw_search_results(vm.search, l, ui.search));
    ImGui::EndChild();
  } else if (ImGui::BeginTabBar("tabs")) {
    const char* names[] = {l("gui.tab_diagnosis"), l("gui.tab_article"), l("gui.tab_author"), l("gui.tab_trainee"),
                           l("gui.tickets.tab"), l("gui.dashboard.tab"), l("gui.assets.tab"), l("gui.quotes.tab")};
    for (int t = 0; t < keys::tab_count; ++t) {
      const Tab tab = static_cast<Tab>(t);
      const ImGuiTabItemFlags flags = ui.tab_request && vm.tab == tab ? ImGuiTabItemFlags_SetSelected : 0;
      // "###" keeps the tab's identity when the language changes its label.
      const std::string label = std::string(names[t]) + "###tab" + std::to_string(t);
      const bool open = ImGui::BeginTabItem(label.c_str(), nullptr, flags);
      if (probing()) probe("tab/" + std::to_string(t));
      if (!open) continue;
      ui.shown = tab;
      if (ui.tab_request && tab == vm.tab) {
        ui.tab_request = false;
      } else if (!ui.tab_request && tab != vm.tab) {
        push(out, {IntentKind::set_tab, {}, {}, t});  // the user clicked this tab
      }
      const bool keys = tab == vm.tab && !ui.tab_request;
      switch (tab) {
        case Tab::diagnosis: draw_diagnosis_tab(vm, ui, keys, out); break;
        case Tab::article: push(out, draw_article_panel(vm.article, l)); break;
        case Tab::author: {
          if (vm.author.node != ui.author_node) {
            ui.author_node = vm.author.node;
            ui.author.scroll_to = vm.author.node;
            ui.author.diagram.center_on = vm.author.node;
          }
          push(out, draw_author_panel(vm.author, l, ui.author));
          break;
        }
        case Tab::trainee: push(out, draw_trainee_panel(vm.trainee, l, ui.trainee)); break;
        case Tab::tickets: push(out, draw_tickets_panel(vm.tickets, l, ui.tickets)); break;
        case Tab::dashboard: push(out, draw_dashboard_panel(vm.dashboard, l)); break;
        case Tab::assets:
          for (auto& i : draw_assets_panel(vm.assets, l, ui.assets)) push(out, std::move(i));
          break;
        case Tab::quotes:
          for (auto& i : draw_quotes_panel(vm.quotes, l, ui.quotes)) push(out, std::move(i));
          break;
      }
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();

  // Status line.
  ImGui::Separator();
  if (!vm.status.empty()) {
    ImGui::TextColored(vm.status_error ? ImVec4(0.85f, 0.1f, 0.1f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s",
                       vm.status.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) push(out, {IntentKind::dismiss_status});
    ImGui::SameLine();
  }
  if (!vm.load_problems.empty()) {
    ImGui::TextColored(ImVec4(0.85f, 0.45f, 0.05f, 1), "%s", vm.load_problems.c_str());
    ImGui::SameLine();
  }
  ImGui::TextDisabled("%s", l("gui.status_keys"));
  ImGui::End();
  return out;
}

}  // namespace diagdesk::gui
