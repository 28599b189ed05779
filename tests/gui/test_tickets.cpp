// The Tickets tab's panel, headless: the form's live priority, the queue's
// sorting and filters, countdowns, and the intents it returns.
#include "fixture.hpp"

#include "vm/tickets_vm.hpp"

#include <diagdesk/engine/i18n.hpp>

using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;

namespace {

Labels labels(const std::string& lang) {
  Labels l;
  l.lang = lang;
  for (const auto& key : diagdesk::engine::ui_string_keys()) {
    l.text.emplace(key, diagdesk::engine::tr(key, lang == "fr" ? diagdesk::engine::Lang::fr : diagdesk::engine::Lang::en));
  }
  return l;
}

TicketRowVm row(std::string number, int priority, std::int64_t due, std::string status, std::string op = {}) {
  TicketRowVm r;
  r.number = std::move(number);
  r.priority = priority;
  r.due = due;
  r.status = std::move(status);
  r.operator_name = std::move(op);
  return r;
}

std::vector<std::string> numbers(const TicketsVm& vm, const TicketsUi& ui) {
  std::vector<std::string> out;
  for (std::size_t i : visible_rows(vm, ui)) out.push_back(vm.rows[i].number);
  return out;
}

/// Draws the panel alone in a window for one frame.
struct PanelFrame : ImGuiContextFixture {
  Intent draw(const TicketsVm& vm, const Labels& l, TicketsUi& ui) {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1280, 800));
    ImGui::Begin("t");
    Intent i = draw_tickets_panel(vm, l, ui);
    ImGui::End();
    ImGui::Render();
    return i;
  }
};

}  // namespace

TEST_CASE("the new-ticket form's priority follows the desk's matrix as impact and urgency change") {
  TicketsVm vm;
  CHECK(live_priority(vm, 2, 2) == 1);
  CHECK(live_priority(vm, 0, 0) == 5);
  CHECK(live_priority(vm, 2, 1) == 2);
  vm.matrix[2][1] = 1;  // a team layer made high impact + medium urgency P1
  CHECK(live_priority(vm, 2, 1) == 1);
}

TEST_CASE("the queue sorts by priority or by the nearest SLA due time") {
  TicketsVm vm;
  vm.rows = {row("A", 3, 5000, "new"), row("B", 1, 9000, "assigned"), row("C", 2, 0, "pending"), row("D", 3, 1000, "new")};
  TicketsUi ui;
  CHECK(numbers(vm, ui) == std::vector<std::string>{"B", "C", "D", "A"});
  ui.descending = true;
  CHECK(numbers(vm, ui).front() == "D");
  ui.sort = TicketsUi::Sort::due;
  ui.descending = false;
  // No running clock (pending) goes last.
  CHECK(numbers(vm, ui) == std::vector<std::string>{"D", "A", "B", "C"});
}

TEST_CASE("the queue filters by status, operator and lateness") {
  TicketsVm vm;
  vm.rows = {row("A", 3, 1, "new"), row("B", 1, 2, "in_progress", "marie"), row("C", 2, 3, "resolved", "paul"),
             row("D", 4, 4, "pending", "marie")};
  vm.rows[3].late = true;
  vm.rows[0].at_risk = true;
  TicketsUi ui;
  ui.status_filter = "open";
  CHECK(numbers(vm, ui) == std::vector<std::string>{"B", "A", "D"});
  ui.status_filter = "resolved";
  CHECK(numbers(vm, ui) == std::vector<std::string>{"C"});
  ui.status_filter.clear();
  ui.operator_filter = "marie";
  CHECK(numbers(vm, ui) == std::vector<std::string>{"B", "D"});
  ui.operator_filter = "-";
  CHECK(numbers(vm, ui) == std::vector<std::string>{"A"});
  ui.operator_filter.clear();
  ui.late_only = true;
  CHECK(numbers(vm, ui) == std::vector<std::string>{"A", "D"});
}

TEST_CASE("countdowns read as hours and minutes, and as late by in both languages") {
  const Labels en = labels("en"), fr = labels("fr");
  CHECK(format_countdown(2 * 3600 + 10 * 60, en) == "2 h 10");
  CHECK(format_countdown(35 * 60, fr) == "35 min");
  CHECK(format_countdown(-35 * 60, en) == "late by 35 min");
  CHECK(format_countdown(-35 * 60, fr) == "en retard de 35 min");
  CHECK(format_countdown(27 * 3600, fr) == "1 j 3 h");
  CHECK(format_countdown(27 * 3600, en) == "1 d 3 h");
}

TEST_CASE("typing in the new-ticket form and pressing Enter returns a create intent with the fields") {
  PanelFrame f;
  const Labels l = labels("en");
  TicketsVm vm;
  vm.opened = true;
  vm.domains = {"hardware", "network"};
  TicketsUi ui;
  ui.form_open = true;
  ui.form_focus = true;
  ui.impact = 2;
  ui.urgency = 2;
  ui.category = 1;
  Intent got;
  for (int i = 0; i < 3; ++i) f.draw(vm, l, ui);
  ImGui::GetIO().AddInputCharactersUTF8("Imprimante hors ligne");
  f.draw(vm, l, ui);
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[key_enter] = true;
  if (Intent i = f.draw(vm, l, ui)) got = i;
  io.KeysDown[key_enter] = false;
  if (Intent i = f.draw(vm, l, ui)) got = i;
  REQUIRE(got.kind == IntentKind::ticket);
  CHECK(got.a == "create");
  CHECK(got.field("title") == "Imprimante hors ligne");
  CHECK(got.field("impact") == "high");
  CHECK(got.field("urgency") == "high");
  CHECK(got.field("category") == "network");
  CHECK(got.field("type") == "incident");
}

TEST_CASE("a bad ticket database shows its message in the tab and offers a retry") {
  PanelFrame f;
  const Labels l = labels("fr");
  TicketsVm vm;
  vm.error = "the database is corrupt";
  TicketsUi ui;
  f.draw(vm, l, ui);
  CHECK(f.rects.count("tickets/retry") == 1);
  CHECK(f.rects.count("tickets/new") == 0);
}
