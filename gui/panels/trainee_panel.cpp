// Trainee mode: the scenario list by competency (best scores, weakest first),
// the simulated call (guided: the operator's question panel with the simulated
// reply; free: the catalogue of every question and test, each with its time
// cost), the closing of the ticket, and the debrief beside the expert's path.
// Draws a TraineeScreenVm (vm/trainee_vm.hpp); returns IntentKind::trainee.
//
// [SECTION] Helpers
// [SECTION] The list
// [SECTION] The call
// [SECTION] Closing the ticket
// [SECTION] The debrief
#include "panels/panels.hpp"
#include "panels/quote_trainee.hpp"
#include "vm/trainee_vm.hpp"

#include <imgui.h>

#include <string>

namespace diagdesk::gui {

namespace {

// [SECTION] Helpers -------------------------------------------------------------------------

Intent trainee(const char* verb, std::string arg = {}) { return Intent{IntentKind::trainee, verb, std::move(arg)}; }

void heading(const char* text) {
  if (fonts().heading) ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted(text);
  if (fonts().heading) ImGui::PopFont();
}

bool button(const char* label, const std::string& probe_name, bool enabled = true) {
  if (!enabled) ImGui::BeginDisabled();
  const bool clicked = ImGui::Button(label);
  if (probing()) probe(probe_name);
  if (!enabled) ImGui::EndDisabled();
  return clicked && enabled;
}

/// The user's words, in a tinted box.
void speech(const char* who, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.25f, 0.50f, 0.85f, 0.12f));
  const float wrap_w = ImGui::GetContentRegionAvail().x - 24;
  const float h = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap_w).y + ImGui::GetTextLineHeightWithSpacing() * 1.6f;
  ImGui::BeginChild(who, ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  if (fonts().bold) ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted(who);
  if (fonts().bold) ImGui::PopFont();
  ImGui::TextWrapped("« %s »", text.c_str());
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

// [SECTION] The list ------------------------------------------------------------------------

Intent draw_list(const TraineeScreenVm& s, const Labels& l) {
  Intent out;
  heading(l("gui.tab_trainee"));
  ImGui::TextDisabled("%s: %s", l("train.gui_trainee"), s.trainee.c_str());
  if (!s.notice.empty()) ImGui::TextColored(ImVec4(0.85f, 0.45f, 0.05f, 1), "%s", s.notice.c_str());
  ImGui::Spacing();
  const float left_w = ImGui::GetContentRegionAvail().x * 0.58f;
  ImGui::BeginChild("scenarios", ImVec2(left_w, 0), true);
  for (const auto& c : s.competencies) {
    ImGui::PushID(c.competency);
    ImGui::Text("C%d  %s", c.competency, c.name.c_str());
    if (c.weak) {
      ImGui::SameLine();
      ImGui::TextColored(ImVec4(0.85f, 0.45f, 0.05f, 1), "(%s)", l("train.gui_practise"));
    }
    const std::string bar = std::to_string(c.mastery) + " %";
    ImGui::ProgressBar(static_cast<float>(c.mastery) / 100.0f, ImVec2(-1, 0), bar.c_str());
    for (const auto& sc : c.scenarios) {
      std::string label = std::string(static_cast<std::size_t>(sc.difficulty), '*') + "  " + sc.title;
      if (sc.best >= 0) label += "   [" + std::string(l("train.best")) + " " + std::to_string(sc.best) + "]";
      if (sc.suggested) label += "   <- " + std::string(l("train.next"));
      label += "##" + sc.id;
      if (ImGui::Selectable(label.c_str(), sc.id == s.selected)) out = trainee("select", sc.id);
      if (probing()) probe("trainee/scenario/" + sc.id);
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("selected", ImVec2(0, 0), true);
  if (!s.selected.empty()) {
    if (fonts().heading) ImGui::PushFont(fonts().heading);
    ImGui::TextWrapped("%s", s.selected_title.c_str());
    if (fonts().heading) ImGui::PopFont();
    ImGui::TextDisabled("%s", s.selected_detail.c_str());
    ImGui::Spacing();
    speech(l("train.user_says"), s.complaint);
    ImGui::Spacing();
    ImGui::TextUnformatted(l("train.mode"));
    for (const char* m : {"guided", "free"}) {
      ImGui::SameLine();
      if (ImGui::RadioButton(l(std::string("train.mode_") + m), s.mode == m)) out = trainee("mode", m);
      if (probing()) probe(std::string("trainee/mode/") + m);
    }
    ImGui::TextWrapped("%s", l(s.mode == "free" ? "train.gui_free_help" : "train.gui_guided_help"));
    ImGui::Spacing();
    if (button(l("train.gui_start"), "trainee/start")) out = trainee("start");
  }
  ImGui::EndChild();
  return out;
}

// [SECTION] The call -----------------------------------------------------------------------

Intent draw_guided(const TraineeScreenVm& s, const Labels& l, TraineeUi& ui) {
  Intent out;
  if (s.choosing_tree) {
    ImGui::TextUnformatted(l("cli.choose_tree"));
    ImGui::BeginChild("trees", ImVec2(0, 0), false);
    for (const auto& t : s.trees) {
      const std::string label = t.title + "  [" + t.id + "]##" + t.id;
      if (ImGui::Selectable(label.c_str())) out = trainee("act", "tree=" + t.id);
      if (probing()) probe("trainee/tree/" + t.id);
    }
    ImGui::EndChild();
    return out;
  }
  if (!s.reply.empty()) speech(s.reply_label.c_str(), s.reply);
  // The operator's own question panel; its answers become training actions.
  // It will not answer before the warnings are acknowledged, so say so.
  const Intent q = draw_question_panel(s.question, l, ui.question);
  const std::string ack = s.question.warnings.empty() ? "" : "ack,";
  switch (q.kind) {
    case IntentKind::answer: out = trainee("act", ack + std::to_string(q.n)); break;
    case IntentKind::answer_value: out = trainee("act", ack + q.a); break;
    case IntentKind::dont_know: out = trainee("act", ack + "?"); break;
    case IntentKind::copy_text: out = q; break;
    default: break;  // back and why are not part of a training call
  }
  if (!s.question.error.empty()) ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s", s.question.error.c_str());
  return out;
}

void catalogue_item(const TraineeCatalogueItemVm& item, const std::string& verb, Intent& out) {
  ImGui::PushID(item.ref.c_str());
  std::string label = item.cost > 0 ? "(" + std::to_string(item.cost) + ") " : std::string();
  if (item.warning) label += "\xE2\x9A\xA0 ";  // ⚠
  label += item.text + "   [" + item.tree_title + "]";
  if (item.done) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  // Full width of the list, whatever the text's length, so the row is the target.
  if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(ImGui::GetContentRegionAvail().x, 0))) {
    out = trainee("act", verb + item.ref);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", item.text.c_str(), item.ref.c_str());
  if (item.done) ImGui::PopStyleColor();
  if (probing()) probe((verb.empty() ? "trainee/step/" : "trainee/diagnose/") + item.ref);
  ImGui::PopID();
}

Intent draw_free(const TraineeScreenVm& s, const Labels& l, TraineeUi& ui) {
  Intent out;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##filter", l("train.gui_filter"), ui.filter.data(), ui.filter.size())) {
    out = trainee("filter", ui.filter.data());
  }
  if (probing()) probe("trainee/filter");
  bool armed = s.ack_armed;
  if (ImGui::Checkbox(l("train.gui_ack"), &armed) && armed) out = trainee("act", "ack");
  if (probing()) probe("trainee/ack");
  const float h = ImGui::GetContentRegionAvail().y;
  ImGui::TextDisabled("%s", l("train.gui_steps"));
  ImGui::BeginChild("catalogue", ImVec2(0, h * 0.62f), true);
  for (const auto& item : s.catalogue) catalogue_item(item, "", out);
  ImGui::EndChild();
  ImGui::TextDisabled("%s", l("train.gui_conclusions"));
  ImGui::BeginChild("conclusions", ImVec2(0, 0), true);
  for (const auto& item : s.conclusions) catalogue_item(item, "diagnosis=", out);
  ImGui::EndChild();
  return out;
}

// [SECTION] Closing the ticket --------------------------------------------------------------

Intent draw_closing_tail(const TraineeScreenVm& s, const Labels& l, TraineeUi& ui, Intent out);

/// `pattern` with "{1}" replaced by `arg`.
std::string format_label(const char* pattern, const std::string& arg) {
  std::string text = pattern;
  if (const auto at = text.find("{1}"); at != std::string::npos) text.replace(at, 3, arg);
  return text;
}

Intent draw_closing(const TraineeScreenVm& s, const Labels& l, TraineeUi& ui) {
  Intent out;
  // Buttons first: the column must never push them out of sight.
  if (button(l("train.gui_finish"), "trainee/finish")) out = trainee("finish");
  ImGui::SameLine();
  if (button(l("train.gui_abandon"), "trainee/list")) out = trainee("list");
  if (button(l("train.gui_backup"), "trainee/backup", !s.backed_up)) out = trainee("act", "backup");
  ImGui::SameLine();
  if (button(l("train.gui_verify"), "trainee/verify", s.diagnosed && !s.verified)) out = trainee("act", "verify");
  ImGui::SameLine();
  if (button(l("train.gui_document"), "trainee/document", s.diagnosed && !s.documented)) out = trainee("act", "document");
  ImGui::Separator();

  auto levels = [&](const char* key, const char* what, const std::string& current) {
    ImGui::TextUnformatted(l(key));
    for (const char* level : {"low", "medium", "high"}) {
      ImGui::SameLine();
      ImGui::PushID(what);
      if (ImGui::RadioButton(l(std::string("train.level_") + level), current == level)) out = trainee("act", std::string(what) + "=" + level);
      if (probing()) probe(std::string("trainee/") + what + "/" + level);
      ImGui::PopID();
    }
  };
  if (s.ticket) {
    // A ticket is qualified first: type, impact, urgency, priority.
    ImGui::TextDisabled("%s", l("train.ticket.gui_qualify"));
    ImGui::TextUnformatted(l("train.ticket.gui_type"));
    for (const char* kind : {"incident", "request"}) {
      ImGui::SameLine();
      if (ImGui::RadioButton(l(std::string("train.ticket.kind_") + kind), s.ticket_type == kind)) {
        out = trainee("act", std::string("type=") + kind);
      }
      if (probing()) probe(std::string("trainee/type/") + kind);
    }
  }
  levels("train.gui_impact", "impact", s.impact);
  levels("train.gui_urgency", "urgency", s.urgency);
  if (s.ticket) {
    ImGui::TextUnformatted(l("train.ticket.gui_priority"));
    for (int p = 1; p <= 5; ++p) {
      ImGui::SameLine();
      const std::string label = "P" + std::to_string(p);
      if (ImGui::RadioButton(label.c_str(), s.ticket_priority == p)) out = trainee("act", "priority=" + std::to_string(p));
      if (probing()) probe("trainee/priority/" + std::to_string(p));
    }
    ImGui::Separator();
    // How the call ends, once qualified: resolve, pending, or escalate with a level.
    ImGui::TextUnformatted(l("train.ticket.gui_close_call"));
    if (!s.qualified) ImGui::BeginDisabled();
    const std::pair<std::string, std::string> endings[] = {
        {"resolve", l("train.ticket.gui_resolve")},
        {"pending", l("train.ticket.gui_pending")},
        {"n2", format_label(l("train.ticket.gui_escalate"), "N2")},
        {"n3", format_label(l("train.ticket.gui_escalate"), "N3")}};
    for (const auto& [token, label] : endings) {
      if (token != "resolve" && token != "n2") ImGui::SameLine();  // two rows: level 1's, then the escalations
      if (ImGui::RadioButton((label + "##" + token).c_str(), s.disposition == token)) {
        out = trainee("act", token == "resolve" || token == "pending" ? token : "escalate=" + token);
      }
      if (probing()) probe("trainee/close/" + token);
    }
    if (!s.qualified) ImGui::EndDisabled();
    ImGui::Separator();
    return draw_closing_tail(s, l, ui, out);
  }
  ImGui::TextUnformatted(l("report.outcome"));
  if (!s.diagnosis_outcome.empty() && s.outcome.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", s.diagnosis_outcome.c_str());
  }
  for (const char* o : {"resolved", "escalate_l2", "hardware_return", "refer_vendor", "proposal"}) {
    if (ImGui::RadioButton(l(std::string("outcome.") + o), s.outcome == o)) out = trainee("act", std::string("outcome=") + o);
    if (probing()) probe(std::string("trainee/outcome/") + o);
  }
  ImGui::Separator();
  return draw_closing_tail(s, l, ui, out);
}

/// The articles to consult and the call's log, under the closing choices.
Intent draw_closing_tail(const TraineeScreenVm& s, const Labels& l, TraineeUi& ui, Intent out) {
  // Proposal scenarios: the quote step (panels/quote_trainee.cpp). Its text fields
  // live here, beside ImGui's own widget state, until TraineeUi can take them.
  static TraineeQuoteUi quote_ui;
  if (Intent q = draw_trainee_quote(s, l, quote_ui); q.kind != IntentKind::none) out = q;
  if (!s.articles.empty()) {
    ImGui::TextDisabled("%s", l("cli.articles"));
    for (const auto& a : s.articles) {
      ImGui::SameLine();
      if (button(a.topic.c_str(), "trainee/kb/" + a.topic, a.available)) out = trainee("act", "kb=" + a.topic);
    }
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  ImGui::InputTextWithHint("##topic", l("train.gui_topic"), ui.topic.data(), ui.topic.size());
  ImGui::SameLine();
  if (button(l("train.gui_consult"), "trainee/consult", ui.topic[0] != 0)) {
    out = trainee("act", std::string("kb=") + ui.topic.data());
    ui.topic[0] = 0;
  }

  ImGui::TextDisabled("%s", l("train.gui_call_log"));
  ImGui::BeginChild("log", ImVec2(0, 0), true);
  for (const auto& line : s.log) {
    ImGui::TextWrapped("%s%s", line.what.c_str(), line.cost > 0 ? ("  (" + std::to_string(line.cost) + ")").c_str() : "");
    if (!line.reply.empty()) ImGui::TextColored(ImVec4(0.20f, 0.45f, 0.80f, 1), "   « %s »", line.reply.c_str());
  }
  if (!s.log.empty()) ImGui::SetScrollHereY(1.0f);  // the latest line in view
  ImGui::EndChild();
  return out;
}

Intent draw_play(const TraineeScreenVm& s, const Labels& l, TraineeUi& ui) {
  Intent out;
  heading(s.title.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("   %s %d %s", l("train.gui_clock"), s.clock, l("train.units"));
  for (const auto* fields : {&s.context, &s.ticket_fields}) {
    for (const auto& [label, value] : *fields) {
      ImGui::TextDisabled("%s:", label.c_str());
      ImGui::SameLine();
      ImGui::TextUnformatted(value.c_str());
    }
  }
  speech(l("train.user_says"), s.complaint);
  if (!s.error.empty()) ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s", s.error.c_str());
  const float left_w = ImGui::GetContentRegionAvail().x * 0.6f;
  ImGui::BeginChild("call", ImVec2(left_w, 0), true);
  if (!s.qualified) {
    // The engine refuses to diagnose an unqualified ticket: say what comes first.
    ImGui::TextWrapped("%s", l("train.ticket.qualify_first"));
  } else if (s.diagnosed) {
    heading(l("report.conclusion"));
    ImGui::TextWrapped("%s", s.diagnosis.c_str());
    ImGui::TextDisabled("%s: %s", l("report.outcome"), s.diagnosis_outcome.c_str());
    ImGui::Spacing();
    ImGui::TextWrapped("%s", l("train.gui_after_diagnosis"));
  } else if (s.mode == "free") {
    out = draw_free(s, l, ui);
  } else {
    out = draw_guided(s, l, ui);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("closing", ImVec2(0, 0), true);
  if (Intent c = draw_closing(s, l, ui)) out = c;
  ImGui::EndChild();
  return out;
}

// [SECTION] The debrief ---------------------------------------------------------------------

Intent draw_debrief(const TraineeScreenVm& s, const Labels& l) {
  Intent out;
  heading((std::string(l("train.debrief")) + " — " + s.title).c_str());
  if (fonts().large) ImGui::PushFont(fonts().large);
  ImGui::Text("%s: %d/100", l("train.score"), s.total);
  if (fonts().large) ImGui::PopFont();
  if (s.recorded) ImGui::TextDisabled("%s", l("train.gui_recorded"));
  if (!s.notice.empty()) ImGui::TextColored(ImVec4(0.85f, 0.45f, 0.05f, 1), "%s", s.notice.c_str());
  ImGui::TextWrapped("%s: %s", l("train.hidden_fault"), s.hidden_fault.c_str());
  if (button(l("train.gui_again"), "trainee/again")) out = trainee("again");
  ImGui::SameLine();
  if (button(l("train.gui_back_list"), "trainee/list")) out = trainee("list");
  ImGui::Spacing();
  if (ImGui::BeginTable("points", 2, ImGuiTableFlags_SizingFixedFit)) {
    for (const auto& p : s.score_lines) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(p.label.c_str());
      ImGui::TableNextColumn();
      if (p.max > 0) ImGui::Text("%d/%d", p.got, p.max);
      else ImGui::Text("%d", p.got);
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::TextWrapped("%s", l("train.paths"));
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("rows", 5, flags, ImVec2(0, ImGui::GetContentRegionAvail().y * 0.6f))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 18);
    ImGui::TableSetupColumn(l("cli.step"));
    ImGui::TableSetupColumn(l("train.you"));
    ImGui::TableSetupColumn(l("train.expert"));
    ImGui::TableSetupColumn("");
    ImGui::TableHeadersRow();
    for (const auto& r : s.rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.mark.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", r.step.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", r.trainee.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", r.expert.c_str());
      ImGui::TableNextColumn();
      if (!r.explanation.empty()) ImGui::TextColored(ImVec4(0.80f, 0.35f, 0.05f, 1), "%s", r.explanation.c_str());
    }
    ImGui::EndTable();
  }
  // Efficiency against the optimum (issue 16): the minutes beside the optimal sequence.
  ImGui::TextUnformatted(l("train.efficiency.title"));
  ImGui::TextWrapped("%s", s.efficiency.c_str());
  if (!s.optimum_steps.empty()) {
    ImGui::TextDisabled("%s", l("train.efficiency.sequence"));
    for (std::size_t i = 0; i < s.optimum_steps.size(); ++i) ImGui::TextWrapped("%zu. %s", i + 1, s.optimum_steps[i].c_str());
  }
  ImGui::TextUnformatted(l("train.method"));
  for (const auto& m : s.method) ImGui::TextWrapped("%s", m.c_str());
  ImGui::TextUnformatted(l("train.findings"));
  for (const auto& f : s.findings) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", f.c_str());
  }
  draw_trainee_quote_debrief(s, l);  // proposal scenarios: the quote line by line
  return out;
}

}  // namespace

Intent draw_trainee_panel(const TraineeVm& vm, const Labels& l, TraineeUi& ui) {
  if (!vm.available || !vm.screen) {
    ImGui::Spacing();
    heading(l("gui.tab_trainee"));
    ImGui::TextWrapped("%s", vm.message.empty() ? l("gui.trainee_soon") : vm.message.c_str());
    return {};
  }
  const TraineeScreenVm& s = *vm.screen;
  switch (s.view) {
    case TraineeViewVm::list: return draw_list(s, l);
    case TraineeViewVm::play: return draw_play(s, l, ui);
    case TraineeViewVm::debrief: return draw_debrief(s, l);
  }
  return {};
}

}  // namespace diagdesk::gui
