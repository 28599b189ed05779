// The Dashboard tab, headless: the view-model built from the supervisor's
// figures, the bars the panel draws (their probed rectangles), and the tab
// through the real presenter on a ticket database.
#include "fixture.hpp"

#include "app/dashboard_build.hpp"
#include "app/tickets_presenter.hpp"

#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/workspace/service_desk.hpp>

using namespace diagdesk;
using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;
namespace sv = diagdesk::service;

namespace {

/// 2026-05-22 (a Friday) 10:00 in Paris.
constexpr sv::Time friday_10h = 1779436800;
constexpr int key_f6 = keys::f1 + 5;

/// Two open P1, one open P2, one P3 resolved at N1 after 30 minutes, on 22 May.
sv::Stats figures() {
  std::vector<sv::TicketRecord> records;
  auto open = [&](int priority, sv::Time at) -> sv::TicketRecord& {
    sv::TicketRecord r;
    r.ticket.number = sv::format_number(sv::TicketType::incident, 2026, static_cast<std::int64_t>(records.size() + 1));
    r.ticket.title = "No network";
    r.ticket.caller_name = "Paul";
    sv::Edit e{"marie", at, {}};
    REQUIRE(sv::open_ticket(r.ticket, e, {}) == sv::CreateError::none);
    r.ticket.priority = priority;
    r.history = e.events;
    records.push_back(std::move(r));
    return records.back();
  };
  open(1, friday_10h - 3600);
  open(1, friday_10h - 600);
  open(2, friday_10h - 600);
  sv::TicketRecord& done = open(3, friday_10h - 3600);
  sv::Edit e{"marie", friday_10h - 1800, {}};
  REQUIRE(sv::resolve(done.ticket, e, "Cable plugged back") == sv::ResolveError::none);
  done.history.insert(done.history.end(), e.events.begin(), e.events.end());
  sv::StatsOptions o;
  o.now = friday_10h;
  return sv::compute_stats(records, sv::SlaPolicy{}, sv::Calendar{}, o);
}

const DashboardChart& chart(const DashboardVm& vm, const std::string& id) {
  for (const auto& c : vm.charts) {
    if (c.id == id) return c;
  }
  FAIL("no chart " << id);
  return vm.charts.front();
}

float width(const std::map<std::string, ProbeRect>& rects, const std::string& name) {
  const auto it = rects.find(name);
  REQUIRE_MESSAGE(it != rects.end(), "no bar probed as " << name);
  return it->second.x1 - it->second.x0;
}

}  // namespace

TEST_CASE("the dashboard's view-model holds the figures as bars, in French") {
  const DashboardVm vm = build_dashboard_vm(figures(), sv::Calendar{}, engine::Lang::fr);
  REQUIRE(vm.available);
  CHECK(vm.title == "Tableau de bord du superviseur, 2026-05-22 10:00");
  CHECK(vm.summary[0] == "Tickets ouverts : 3");
  CHECK(vm.summary[2] == "Résolus au premier contact (N1, sans escalade) : 1 sur 1 résolus (100,0 %)");
  const DashboardChart& p = chart(vm, "open_priority");
  REQUIRE(p.bars.size() == 5);
  CHECK(p.bars[0].value == 2);
  CHECK(p.bars[0].alert);
  CHECK(p.bars[1].value == 1);
  CHECK(p.max == 2);
  const DashboardChart& days = chart(vm, "per_day");
  CHECK(days.vertical);
  REQUIRE(days.bars.size() == 30);
  CHECK(days.bars.back().value == 4);
  CHECK(days.bars.back().label == "22");
  const DashboardChart& resolve = chart(vm, "resolve");
  CHECK(resolve.bars[2].value == 1800);
  CHECK(resolve.bars[2].text == "30m / 30m (1)");
  CHECK(chart(vm, "rates").bars[0].text == "100,0 %");
}

TEST_CASE("the dashboard panel draws each bar to the length of its value") {
  ImGuiContextFixture f;
  const DashboardVm vm = build_dashboard_vm(figures(), sv::Calendar{}, engine::Lang::en);
  Labels l;
  for (int frame = 0; frame < 2; ++frame) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1280, 800));
    ImGui::Begin("t");
    const Intent i = draw_dashboard_panel(vm, l);
    CHECK_FALSE(i);
    ImGui::End();
    ImGui::Render();
  }
  // Two open P1 draw twice as long as the one P2.
  CHECK(width(f.rects, "dashboard/open_priority/0") == doctest::Approx(2 * width(f.rects, "dashboard/open_priority/1")));
  // The days stand as 30 columns, today's the tallest.
  const auto today = f.rects.at("dashboard/per_day/29");
  const auto before = f.rects.at("dashboard/per_day/28");
  CHECK(today.y1 - today.y0 > before.y1 - before.y0);
  CHECK(today.x0 > before.x0);
}

TEST_CASE("F6 opens the Dashboard tab on the ticket database") {
  HeadlessApp app;
  app.press(key_f6);
  CHECK(app.vm().tab == Tab::dashboard);
  REQUIRE_MESSAGE(app.presenter->tickets().opened(), app.vm().dashboard.error);
  workspace::ServiceDesk& desk = *app.presenter->tickets().desk();
  desk.set_clock([] { return friday_10h; });
  workspace::NewTicket n;
  n.title = "No Internet on the laptop";
  n.caller_name = "Paul Martin";
  workspace::TicketView v;
  REQUIRE(desk.create(n, "marie", v).ok());
  app.presenter->apply({IntentKind::set_tab, {}, {}, static_cast<int>(Tab::dashboard)});
  app.frames(2);
  const DashboardVm& vm = app.vm().dashboard;
  REQUIRE_MESSAGE(vm.available, vm.error);
  CHECK(vm.summary[0] == "Open tickets: 1");
  CHECK(app.rects.count("dashboard/per_day/29") == 1);
}
