// The Tickets tab: the queue (sortable by priority and SLA due time, filtered
// by status, operator and lateness; late rows red, at-risk rows amber, the
// due time as a countdown), the new-ticket form (priority shown live from the
// desk's matrix as impact and urgency change; Enter creates) and the ticket
// view (fields, SLA clocks in colour, timeline, attached sessions, actions).
// The rows' order and filters and the countdowns are in panels/tickets_rows.cpp.
// Draws a TicketsVm (vm/tickets_vm.hpp); returns IntentKind::ticket.
//
// [SECTION] Helpers
// [SECTION] The queue
// [SECTION] The new-ticket form
// [SECTION] The ticket view
#include "panels/panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace diagdesk::gui {

namespace {

// [SECTION] Helpers -------------------------------------------------------------------------

const ImVec4 red(0.85f, 0.12f, 0.10f, 1);
const ImVec4 amber(0.90f, 0.55f, 0.05f, 1);
const ImVec4 green(0.15f, 0.60f, 0.25f, 1);

constexpr const char* grades[] = {"low", "medium", "high"};
constexpr const char* statuses[] = {"new", "assigned", "in_progress", "pending", "escalated", "resolved", "closed"};

template <std::size_t N>
void set_text(std::array<char, N>& buf, const std::string& text) {
  const std::size_t n = std::min(text.size(), N - 1);
  std::memcpy(buf.data(), text.data(), n);
  buf[n] = '\0';
}

template <std::size_t N>
void clear(std::array<char, N>& buf) {
  buf[0] = '\0';
}

Intent ticket(const char* verb, std::string number = {}) { return Intent{IntentKind::ticket, verb, std::move(number)}; }

void bold(const char* text) {
  if (fonts().bold) ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted(text);
  if (fonts().bold) ImGui::PopFont();
}

std::string status_label(const Labels& l, const std::string& id) { return l("gui.tickets.status." + id); }
std::string grade_label(const Labels& l, const std::string& id) { return l("gui.tickets.grade." + id); }

/// A labelled combo over `count` items named by `name(i)`; true when changed.
template <typename Name>
bool combo(const char* label, int& index, int count, Name name, const std::string& probe_name) {
  bool changed = false;
  const std::string preview = index >= 0 && index < count ? name(index) : std::string();
  if (ImGui::BeginCombo(label, preview.c_str())) {
    for (int i = 0; i < count; ++i) {
      ImGui::PushID(i);
      if (ImGui::Selectable(name(i).c_str(), i == index)) {
        index = i;
        changed = true;
      }
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  if (probing()) probe(probe_name);
  return changed;
}

// [SECTION] The queue ------------------------------------------------------------------------

Intent draw_filters(const TicketsVm& vm, const Labels& l, TicketsUi& ui) {
  // Status: all, open, then each status.
  std::vector<std::string> ids = {"", "open"};
  for (const char* s : statuses) ids.emplace_back(s);
  int index = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) if (ids[i] == ui.status_filter) index = static_cast<int>(i);
  auto status_name = [&](int i) -> std::string {
    if (i == 0) return l("gui.tickets.all");
    if (i == 1) return l("gui.tickets.open_only");
    return status_label(l, ids[static_cast<std::size_t>(i)]);
  };
  ImGui::SetNextItemWidth(150);
  if (combo(l("gui.tickets.filter_status"), index, static_cast<int>(ids.size()), status_name, "tickets/filter_status")) {
    ui.status_filter = ids[static_cast<std::size_t>(index)];
  }
  ImGui::SameLine();
  std::vector<std::string> ops = {"", "-"};
  for (const auto& o : vm.operators) ops.push_back(o);
  int op = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) if (ops[i] == ui.operator_filter) op = static_cast<int>(i);
  auto op_name = [&](int i) -> std::string {
    if (i == 0) return l("gui.tickets.all");
    if (i == 1) return l("gui.tickets.unassigned");
    return ops[static_cast<std::size_t>(i)];
  };
  ImGui::SetNextItemWidth(130);
  if (combo(l("gui.tickets.filter_operator"), op, static_cast<int>(ops.size()), op_name, "tickets/filter_operator")) {
    ui.operator_filter = ops[static_cast<std::size_t>(op)];
  }
  ImGui::SameLine();
  ImGui::Checkbox(l("gui.tickets.late_only"), &ui.late_only);
  if (probing()) probe("tickets/late_only");
  return {};
}

std::string due_text(const TicketsVm& vm, const TicketRowVm& r, const Labels& l) {
  if (r.due == 0) return r.status == "pending" ? l("gui.tickets.paused") : "-";
  return format_countdown(r.due - vm.now, l);
}

Intent draw_queue(const TicketsVm& vm, const Labels& l, TicketsUi& ui) {
  Intent out;
  if (probed_button(l("gui.tickets.new"), "tickets/new")) {
    ui.form_open = true;
    ui.form_focus = true;
  }
  ImGui::SameLine();
  if (probed_button(l("gui.tickets.refresh"), "tickets/refresh")) out = ticket("refresh");
  const std::vector<std::size_t> rows = visible_rows(vm, ui);
  ImGui::SameLine();
  ImGui::TextDisabled("%zu / %zu %s", rows.size(), vm.rows.size(), l("gui.tickets.count"));
  draw_filters(vm, l, ui);
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("queue", 6, flags, ImGui::GetContentRegionAvail())) return out;
  ImGui::TableSetupScrollFreeze(0, 1);
  // Fixed columns as wide as what they show (the sort arrow too); the title takes the rest.
  const float pad = ImGui::GetStyle().CellPadding.x * 2 + 4;
  float status_w = ImGui::CalcTextSize(l("gui.tickets.col_status")).x;
  for (const char* st : statuses) status_w = std::max(status_w, ImGui::CalcTextSize(status_label(l, st).c_str()).x);
  ImGui::TableSetupColumn(l("gui.tickets.col_priority"), ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize(l("gui.tickets.col_priority")).x + ImGui::GetFontSize() + pad);
  ImGui::TableSetupColumn(l("gui.tickets.col_number"), ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("DEM-0000-000000").x + pad);
  ImGui::TableSetupColumn(l("gui.tickets.col_title"), ImGuiTableColumnFlags_NoSort, 3.0f);
  ImGui::TableSetupColumn(l("gui.tickets.col_status"), ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed, status_w + pad);
  ImGui::TableSetupColumn(l("gui.tickets.col_operator"), ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize(l("gui.tickets.col_operator")).x + pad);
  ImGui::TableSetupColumn(l("gui.tickets.col_due"), ImGuiTableColumnFlags_WidthFixed,
                          std::max(ImGui::CalcTextSize(l("gui.tickets.col_due")).x + ImGui::GetFontSize(),
                                   ImGui::CalcTextSize(format_countdown(-(23 * 3600 + 59 * 60), l).c_str()).x) + pad);
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
    if (specs->SpecsCount > 0) {
      const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
      ui.sort = s.ColumnIndex == 5 ? TicketsUi::Sort::due : TicketsUi::Sort::priority;
      ui.descending = s.SortDirection == ImGuiSortDirection_Descending;
    }
    specs->SpecsDirty = false;
  }
  for (std::size_t i : rows) {
    const TicketRowVm& r = vm.rows[i];
    ImGui::TableNextRow();
    const bool colour = r.late || r.at_risk;
    if (colour) {
      const ImVec4 c = r.late ? red : amber;
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, 0.22f)));
    }
    ImGui::TableNextColumn();
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, r.late ? red : amber);
    const std::string label = "P" + std::to_string(r.priority) + "##" + r.number;
    if (ImGui::Selectable(label.c_str(), vm.detail.open && vm.detail.number == r.number,
                          ImGuiSelectableFlags_SpanAllColumns)) {
      out = ticket("select", r.number);
    }
    if (probing()) probe("tickets/row/" + r.number);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.number.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.title.c_str());
    const bool title_hovered = ImGui::IsItemHovered();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.status_label.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.operator_name.empty() ? "-" : r.operator_name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(due_text(vm, r, l).c_str());
    if (colour) ImGui::PopStyleColor();
    // A long title is clipped by its column: the whole of it, and the caller, on hover.
    if (title_hovered) ImGui::SetTooltip("%s\n%s", r.title.c_str(), r.caller.c_str());
  }
  ImGui::EndTable();
  return out;
}

// [SECTION] The new-ticket form ----------------------------------------------------------------

Intent create_intent(const TicketsVm& vm, const TicketsUi& ui) {
  Intent i = ticket("create");
  const std::string category =
      ui.category >= 0 && static_cast<std::size_t>(ui.category) < vm.domains.size() ? vm.domains[static_cast<std::size_t>(ui.category)] : "";
  i.fields = {{"type", ui.type == 1 ? "request" : "incident"},
              {"title", ui.title.data()},
              {"caller_name", ui.caller_name.data()},
              {"caller_phone", ui.caller_phone.data()},
              {"caller_email", ui.caller_email.data()},
              {"caller_site", ui.caller_site.data()},
              {"category", category},
              {"impact", grades[std::clamp(ui.impact, 0, 2)]},
              {"urgency", grades[std::clamp(ui.urgency, 0, 2)]},
              {"asset", ui.asset.data()},
              {"description", ui.description.data()}};
  return i;
}

Intent draw_form(const TicketsVm& vm, const Labels& l, TicketsUi& ui) {
  Intent out;
  bold(l("gui.tickets.new_title"));
  ImGui::Separator();
  bool enter = false;
  const ImGuiInputTextFlags f = ImGuiInputTextFlags_EnterReturnsTrue;
  ImGui::RadioButton(l("gui.tickets.type_incident"), &ui.type, 0);
  if (probing()) probe("tickets/form/incident");
  ImGui::SameLine();
  ImGui::RadioButton(l("gui.tickets.type_request"), &ui.type, 1);
  if (probing()) probe("tickets/form/request");
  const float w = ImGui::GetContentRegionAvail().x * 0.62f;
  ImGui::SetNextItemWidth(w);
  if (ui.form_focus) {
    ImGui::SetKeyboardFocusHere();
    ui.form_focus = false;
  }
  enter |= ImGui::InputText(l("gui.tickets.field_title"), ui.title.data(), ui.title.size(), f);
  if (probing()) probe("tickets/form/title");
  ImGui::SetNextItemWidth(w);
  enter |= ImGui::InputText(l("gui.tickets.field_caller"), ui.caller_name.data(), ui.caller_name.size(), f);
  if (probing()) probe("tickets/form/caller");
  ImGui::SetNextItemWidth(w);
  enter |= ImGui::InputText(l("gui.tickets.field_phone"), ui.caller_phone.data(), ui.caller_phone.size(), f);
  ImGui::SetNextItemWidth(w);
  enter |= ImGui::InputText(l("gui.tickets.field_email"), ui.caller_email.data(), ui.caller_email.size(), f);
  ImGui::SetNextItemWidth(w);
  enter |= ImGui::InputText(l("gui.tickets.field_site"), ui.caller_site.data(), ui.caller_site.size(), f);
  ImGui::SetNextItemWidth(w);
  combo(l("gui.tickets.field_category"), ui.category, static_cast<int>(vm.domains.size()),
        [&](int i) {
          const std::string& d = vm.domains[static_cast<std::size_t>(i)];
          return d.empty() ? std::string("-") : domain_label(l, d);
        },
        "tickets/form/category");
  auto grade_name = [&](int i) { return grade_label(l, grades[i]); };
  ImGui::SetNextItemWidth(w * 0.5f);
  combo(l("gui.tickets.field_impact"), ui.impact, 3, grade_name, "tickets/form/impact");
  ImGui::SetNextItemWidth(w * 0.5f);
  combo(l("gui.tickets.field_urgency"), ui.urgency, 3, grade_name, "tickets/form/urgency");
  // The priority as the matrix gives it, updated as impact and urgency change.
  const int p = live_priority(vm, ui.impact, ui.urgency);
  ImGui::TextUnformatted(l("gui.tickets.priority_is"));
  ImGui::SameLine();
  ImGui::TextColored(p <= 2 ? red : (p == 3 ? amber : green), "P%d", p);
  if (probing()) probe("tickets/form/priority");
  ImGui::SetNextItemWidth(w);
  enter |= ImGui::InputText(l("gui.tickets.field_asset"), ui.asset.data(), ui.asset.size(), f);
  ImGui::TextUnformatted(l("gui.tickets.field_description"));
  ImGui::InputTextMultiline("##description", ui.description.data(), ui.description.size(), ImVec2(-1, 90));
  if (probed_button(l("gui.tickets.create"), "tickets/form/create") || enter) out = create_intent(vm, ui);
  ImGui::SameLine();
  if (probed_button(l("gui.tickets.cancel"), "tickets/form/cancel")) ui.form_open = false;
  ImGui::TextDisabled("%s", l("gui.tickets.form_keys"));
  return out;
}

// [SECTION] The ticket view --------------------------------------------------------------------

void draw_clock(const TicketsVm& vm, const SlaClockVm& c, const char* name, const Labels& l) {
  ImGui::TextUnformatted(name);
  ImGui::SameLine();
  if (c.met) {
    ImGui::TextColored(c.late ? red : green, "%s", l(c.late ? "gui.tickets.met_late" : "gui.tickets.met"));
  } else if (c.paused || c.due == 0) {
    ImGui::TextDisabled("%s", l("gui.tickets.paused"));
  } else {
    const std::string text = format_countdown(c.due - vm.now, l);
    ImGui::TextColored(c.late ? red : (c.at_risk ? amber : green), "%s", text.c_str());
  }
  if (!c.target.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%s %s)", l("gui.tickets.target"), c.target.c_str());
  }
}

void field_row(const char* name, const std::string& value) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", name);
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", value.empty() ? "-" : value.c_str());
}

Intent with_version(Intent i, const TicketDetailVm& d) {
  i.fields.emplace_back("version", std::to_string(d.version));
  return i;
}

Intent draw_actions(const TicketsVm& vm, const Labels& l, TicketsUi& ui) {
  const TicketDetailVm& d = vm.detail;
  Intent out;
  const bool open = !d.closed_final && !d.resolved_now;
  struct Action {
    const char* id;
    const char* label;
    bool enabled;
  };
  const Action actions[] = {
      {"assign", "gui.tickets.assign", open},       {"take", "gui.tickets.take", open && d.status != "in_progress"},
      {"pending", "gui.tickets.pending", open},     {"diagnose", "gui.tickets.diagnose", open && !d.trees.empty()},
      {"escalate", "gui.tickets.escalate", open},   {"resolve", "gui.tickets.resolve", open},
      {"close", "gui.tickets.close", d.resolved_now}, {"reopen", "gui.tickets.reopen", d.resolved_now},
      {"note", "gui.tickets.note", !d.closed_final}, {"report", "gui.tickets.report_pdf", true},
      {"quote", "gui.quotes.from_ticket", true},
  };
  // The buttons wrap to the next line rather than run off a narrow view.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  bool first = true;
  for (const Action& a : actions) {
    const float w = ImGui::CalcTextSize(l(a.label)).x + style.FramePadding.x * 2;
    if (!first && ImGui::GetItemRectMax().x + style.ItemSpacing.x + w < right) ImGui::SameLine();
    first = false;
    if (probed_button(l(a.label), std::string("tickets/action/") + a.id, a.enabled)) {
      if (std::string(a.id) == "take") {
        out = with_version(ticket("in_progress", d.number), d);
      } else if (std::string(a.id) == "quote") {
        out = Intent{IntentKind::quote, "from_ticket", d.number};  // what `quote from-ticket` does, in the Quotes tab
      } else {
        ui.action = a.id;
        clear(ui.text);
      }
    }
  }
  if (ui.action.empty()) return out;

  ImGui::Spacing();
  const std::string& act = ui.action;
  auto text_field = [&](const char* hint_key, float h) {
    ImGui::TextUnformatted(l(hint_key));
    ImGui::InputTextMultiline("##action_text", ui.text.data(), ui.text.size(), ImVec2(-1, h));
    if (probing()) probe("tickets/action_text");
  };
  auto level_name = [](int i) { return std::string("N") + std::to_string(i + 1); };
  const char* confirm = l("gui.tickets.confirm");
  if (act == "assign") {
    ImGui::SetNextItemWidth(200);
    ImGui::InputText(l("gui.tickets.field_operator"), ui.operator_name.data(), ui.operator_name.size());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(70);
    combo(l("gui.tickets.field_level"), ui.level, 3, level_name, "tickets/level");
    if (probed_button(confirm, "tickets/confirm")) {
      out = with_version(ticket("assign", d.number), d);
      out.n = ui.level + 1;
      out.fields.emplace_back("operator", ui.operator_name.data());
    }
  } else if (act == "diagnose") {
    ImGui::SetNextItemWidth(-1);
    combo("##tree", ui.tree, static_cast<int>(d.trees.size()),
          [&](int i) { return d.trees[static_cast<std::size_t>(i)].second; }, "tickets/tree");
    ImGui::TextDisabled("%s", l("gui.tickets.diagnose_help"));
    if (probed_button(confirm, "tickets/confirm", ui.tree >= 0 && static_cast<std::size_t>(ui.tree) < d.trees.size())) {
      out = ticket("diagnose", d.number);
      out.fields.emplace_back("tree", d.trees[static_cast<std::size_t>(ui.tree)].first);
    }
  } else if (act == "escalate") {
    ImGui::SetNextItemWidth(70);
    combo(l("gui.tickets.field_level"), ui.level, 3, level_name, "tickets/level");
    text_field("gui.tickets.field_reason", 90);
    if (probed_button(confirm, "tickets/confirm")) {
      out = with_version(ticket("escalate", d.number), d);
      out.n = ui.level + 1;
      out.fields.emplace_back("text", ui.text.data());
    }
  } else if (act == "report") {
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##pdf", ui.pdf_path.data(), ui.pdf_path.size());
    if (probing()) probe("tickets/pdf_path");
    if (probed_button(l("gui.tickets.write_pdf"), "tickets/confirm", ui.pdf_path[0] != '\0')) {
      out = ticket("report_pdf", d.number);
      out.fields.emplace_back("path", ui.pdf_path.data());
    }
    if (!vm.pdf_written.empty()) ImGui::TextDisabled("%s %s", l("gui.tickets.pdf_written"), vm.pdf_written.c_str());
  } else {
    const char* hint = act == "resolve" ? "gui.tickets.field_solution"
                       : act == "pending" ? "gui.tickets.field_waiting"
                       : act == "close" ? "gui.tickets.field_close_note"
                       : act == "reopen" ? "gui.tickets.field_reopen_reason"
                                         : "gui.tickets.field_note";
    text_field(hint, act == "resolve" ? 120.0f : 70.0f);
    if (probed_button(confirm, "tickets/confirm")) {
      out = with_version(ticket(act.c_str(), d.number), d);
      out.fields.emplace_back("text", ui.text.data());
    }
  }
  ImGui::SameLine();
  if (probed_button(l("gui.tickets.cancel"), "tickets/action_cancel")) ui.action.clear();
  return out;
}

Intent draw_detail(const TicketsVm& vm, const Labels& l, TicketsUi& ui) {
  const TicketDetailVm& d = vm.detail;
  Intent out;
  if (ui.shown != d.number) {
    // Another ticket: fresh fields, the suggested tree, the default PDF path.
    ui.shown = d.number;
    ui.action.clear();
    clear(ui.text);
    set_text(ui.operator_name, vm.operator_name);
    set_text(ui.pdf_path, vm.pdf_default);
    ui.level = 0;
    ui.tree = 0;
    for (std::size_t i = 0; i < d.trees.size(); ++i) if (d.trees[i].first == d.suggested_tree) ui.tree = static_cast<int>(i);
  }
  if (vm.saved_serial != ui.saved_serial) {
    // The desk saved the last action: its form closes.
    ui.saved_serial = vm.saved_serial;
    ui.action.clear();
    clear(ui.text);
  }
  if (vm.proposal.serial != ui.proposal_serial) {
    // A diagnosis of this ticket concluded: its proposal fills the form.
    ui.proposal_serial = vm.proposal.serial;
    if (vm.proposal.number == d.number) {
      if (!vm.proposal.solution.empty()) {
        ui.action = "resolve";
        set_text(ui.text, vm.proposal.solution);
      } else if (!vm.proposal.reason.empty()) {
        ui.action = "escalate";
        ui.level = std::clamp(vm.proposal.level - 1, 0, 2);
        set_text(ui.text, vm.proposal.reason);
      }
    }
  }
  if (fonts().heading) ImGui::PushFont(fonts().heading);
  ImGui::TextWrapped("%s  P%d  %s", d.number.c_str(), d.priority, d.title.c_str());
  if (fonts().heading) ImGui::PopFont();
  ImGui::TextDisabled("%s · %s · %s %s", l(d.type == "request" ? "gui.tickets.type_request" : "gui.tickets.type_incident"),
                      d.status_label.c_str(), d.level.c_str(), d.operator_name.c_str());
  draw_clock(vm, d.take_charge, l("gui.tickets.sla_take"), l);
  draw_clock(vm, d.resolve, l("gui.tickets.sla_resolve"), l);
  if (d.diagnosis_running) ImGui::TextColored(amber, "%s", l("gui.tickets.diagnosis_running"));
  if (!vm.message.empty()) ImGui::TextColored(vm.message_error ? red : green, "%s", vm.message.c_str());
  ImGui::Separator();
  out = draw_actions(vm, l, ui);
  ImGui::Separator();

  ImGui::BeginChild("ticket_body");
  if (ImGui::BeginTable("fields", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(l("gui.tickets.field_asset")).x + 8);
    ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
    const std::string caller = d.caller_name + (d.caller_phone.empty() ? "" : "  · " + d.caller_phone) +
                               (d.caller_email.empty() ? "" : "  · " + d.caller_email);
    field_row(l("gui.tickets.field_caller"), caller);
    field_row(l("gui.tickets.field_site"), d.caller_site);
    field_row(l("gui.tickets.field_category"), d.category_label);
    field_row(l("gui.tickets.impact_urgency"), grade_label(l, d.impact) + " / " + grade_label(l, d.urgency));
    field_row(l("gui.tickets.field_asset"), d.asset_tag);
    field_row(l("gui.tickets.field_description"), d.description);
    field_row(l("gui.tickets.created"), d.created);
    if (!d.resolved.empty()) field_row(l("gui.tickets.resolved"), d.resolved);
    if (!d.closed.empty()) field_row(l("gui.tickets.closed"), d.closed);
    if (!d.solution.empty()) field_row(l("gui.tickets.field_solution"), d.solution);
    ImGui::EndTable();
  }
  ImGui::Spacing();
  bold(l("gui.tickets.sessions"));
  if (d.sessions.empty()) ImGui::TextDisabled("%s", l("gui.tickets.no_session"));
  for (const auto& s : d.sessions) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s — %s", s.tree_title.c_str(), s.state.c_str());
  }
  ImGui::Spacing();
  bold(l("gui.tickets.timeline"));
  for (std::size_t i = d.events.size(); i-- > 0;) {
    const TicketEventVm& e = d.events[i];
    ImGui::TextDisabled("%s  %s", e.when.c_str(), e.actor.c_str());
    ImGui::SameLine();
    ImGui::TextWrapped("%s", e.text.c_str());
  }
  ImGui::EndChild();
  return out;
}

Intent draw_tab(const TicketsVm& vm, const Labels& l, TicketsUi& ui) {
  if (!vm.opened) {
    // A bad database is said here, not a crash; the rest of the program works.
    if (vm.error.empty()) {
      ImGui::TextDisabled("%s", l("gui.tickets.opening"));
    } else {
      ImGui::TextColored(red, "%s", l("gui.tickets.cannot_open"));
      ImGui::TextWrapped("%s", vm.error.c_str());
      if (!vm.database.empty()) ImGui::TextDisabled("%s", vm.database.c_str());
      if (probed_button(l("gui.tickets.retry"), "tickets/retry")) return ticket("refresh");
    }
    return {};
  }
  if (vm.created_serial != ui.created_serial) {
    // A ticket was created from the form: clear it for the next call.
    ui.created_serial = vm.created_serial;
    {
      ui.form_open = false;
      for (auto* b : {&ui.caller_name, &ui.caller_phone, &ui.caller_email, &ui.caller_site}) clear(*b);
      clear(ui.title);
      clear(ui.asset);
      clear(ui.description);
      ui.impact = ui.urgency = 1;
      ui.type = 0;
    }
  }
  Intent out;
  if (!ImGui::BeginTable("tickets", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV, ImGui::GetContentRegionAvail())) {
    return out;
  }
  ImGui::TableSetupColumn("queue", ImGuiTableColumnFlags_WidthStretch, 0.6f);
  ImGui::TableSetupColumn("ticket", ImGuiTableColumnFlags_WidthStretch, 0.4f);
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::BeginChild("queue_view");
  if (Intent i = draw_queue(vm, l, ui)) out = std::move(i);
  ImGui::EndChild();
  ImGui::TableNextColumn();
  ImGui::BeginChild("ticket_view");
  if (ui.form_open) {
    if (Intent i = draw_form(vm, l, ui)) out = std::move(i);
  } else if (vm.detail.open) {
    if (Intent i = draw_detail(vm, l, ui)) out = std::move(i);
  } else {
    ImGui::TextDisabled("%s", l("gui.tickets.pick_one"));
    if (!vm.message.empty()) ImGui::TextColored(vm.message_error ? red : green, "%s", vm.message.c_str());
  }
  ImGui::EndChild();
  ImGui::EndTable();
  return out;
}

}  // namespace

Intent draw_tickets_panel(const TicketsVm& vm, const Labels& l, TicketsUi& ui) {
  // A form full of fields: framed, so empty ones show in the light theme too.
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
  Intent out = draw_tab(vm, l, ui);
  ImGui::PopStyleVar();
  return out;
}

}  // namespace diagdesk::gui
