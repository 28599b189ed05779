// SLA clocks over the business calendar: due times, the pause while pending,
// late and at risk, sla.toml.
#include "fixture.hpp"

#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/service/sla.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::service;

namespace {

struct Clocked {
  Calendar cal;
  SlaPolicy policy;
  Ticket t;
  std::vector<Event> history;

  Time at(const char* local) const {
    const auto t = cal.parse_local(local);
    REQUIRE(t.has_value());
    return *t;
  }
  /// Runs `move` as "anna" at local time `when`, keeping its events.
  template <class Move>
  void step(const char* when, Move move) {
    Edit e{"anna", at(when), {}};
    move(e);
    REQUIRE_FALSE(e.events.empty());
    history.insert(history.end(), e.events.begin(), e.events.end());
  }
  SlaState sla(const char* now) const { return compute_sla(t, history, policy, cal, at(now)); }
};

/// A P3 incident (impact medium, urgency medium) opened at `when`.
void open_p3(Clocked& c, const char* when) {
  c.t.title = "Slow PC";
  c.t.caller_name = "Luc";
  c.step(when, [&](Edit& e) { REQUIRE(open_ticket(c.t, e, {}) == CreateError::none); });
  REQUIRE(c.t.priority == 3);
}

}  // namespace

TEST_CASE("a P3 ticket created on Friday at 17:30 before Easter Monday is due on Tuesday") {
  Clocked c;
  open_p3(c, "2026-04-03 17:30");
  const SlaState s = c.sla("2026-04-03 17:45");
  // P3: take charge in 2 h, resolve in 20 h of business time.
  REQUIRE(s.take_charge.due);
  CHECK(c.cal.format_local(*s.take_charge.due) == "2026-04-07 09:30");
  REQUIRE(s.resolve.due);
  // 30 min on Friday, 10 h on Tuesday, 9 h 30 on Wednesday.
  CHECK(c.cal.format_local(*s.resolve.due) == "2026-04-08 17:30");
  CHECK(s.take_charge.used == 15 * 60);
  CHECK_FALSE(s.late());
  SUBCASE("nobody took it over the long weekend: still on time on Monday, at risk on Tuesday at 09:00, late at 09:31") {
    CHECK_FALSE(c.sla("2026-04-06 17:00").late());
    CHECK_FALSE(c.sla("2026-04-06 17:00").take_charge.at_risk);
    CHECK(c.sla("2026-04-07 09:00").take_charge.at_risk);
    CHECK(c.sla("2026-04-07 09:31").take_charge.late);
    CHECK(c.sla("2026-04-07 09:31").late());
  }
  SUBCASE("taken on Tuesday at 09:00 meets the take-charge target") {
    c.step("2026-04-07 09:00", [&](Edit& e) { REQUIRE(assign(c.t, e, "anna", SupportLevel::n1) == AssignError::none); });
    const SlaState later = c.sla("2026-04-07 12:00");
    CHECK(later.take_charge.met_at == c.at("2026-04-07 09:00"));
    CHECK_FALSE(later.take_charge.late);
    CHECK(later.take_charge.used == 90 * 60);
  }
}

TEST_CASE("the clock stops while the ticket is pending and goes on afterwards") {
  Clocked c;
  open_p3(c, "2026-12-07 09:00");  // a Monday
  c.step("2026-12-07 09:30", [&](Edit& e) { REQUIRE(assign(c.t, e, "anna", SupportLevel::n1) == AssignError::none); });
  // Without a pause, 20 business hours from Monday 09:00 (9 h on Monday, 10 h on Tuesday) end on Wednesday at 09:00.
  CHECK(c.cal.format_local(*c.sla("2026-12-07 09:45").resolve.due) == "2026-12-09 09:00");
  c.step("2026-12-07 10:00", [&](Edit& e) {
    REQUIRE(set_status(c.t, e, Status::pending, "waiting for the supplier's part") == StatusError::none);
  });
  SUBCASE("while pending there is no due time and the used time does not grow") {
    const SlaState s = c.sla("2026-12-08 16:00");
    CHECK(s.resolve.paused);
    CHECK_FALSE(s.resolve.due);
    CHECK(s.resolve.used == 3600);
    CHECK_FALSE(s.late());
    CHECK(c.sla("2026-12-21 16:00").resolve.used == 3600);  // weeks later, still one hour
  }
  SUBCASE("back to work on Wednesday at 10:00: the 19 hours left end on Friday at 09:00") {
    c.step("2026-12-09 10:00", [&](Edit& e) {
      REQUIRE(set_status(c.t, e, Status::in_progress, "part delivered") == StatusError::none);
    });
    const SlaState s = c.sla("2026-12-09 11:00");
    CHECK_FALSE(s.resolve.paused);
    CHECK(s.resolve.used == 2 * 3600);
    REQUIRE(s.resolve.due);
    CHECK(c.cal.format_local(*s.resolve.due) == "2026-12-11 09:00");
    CHECK_FALSE(c.sla("2026-12-11 08:59").resolve.late);
    CHECK(c.sla("2026-12-11 09:01").resolve.late);
    CHECK(c.sla("2026-12-10 14:00").resolve.at_risk);  // 15 h of 20 used
  }
  SUBCASE("resolved then reopened: the resolved time is not counted") {
    c.step("2026-12-07 11:00", [&](Edit& e) { REQUIRE(set_status(c.t, e, Status::in_progress, "back") == StatusError::none); });
    c.step("2026-12-07 12:00", [&](Edit& e) { REQUIRE(resolve(c.t, e, "replaced the part") == ResolveError::none); });
    CHECK(c.sla("2026-12-08 12:00").resolve.met_at == c.at("2026-12-07 12:00"));
    CHECK(c.sla("2026-12-08 12:00").resolve.used == 2 * 3600);
    c.step("2026-12-08 09:00", [&](Edit& e) { REQUIRE(reopen(c.t, e, "fails again") == ReopenError::none); });
    const SlaState s = c.sla("2026-12-08 10:00");
    CHECK_FALSE(s.resolve.met_at);
    CHECK(s.resolve.used == 3 * 3600);
  }
}

TEST_CASE("a resolution after the due time is late for good") {
  Clocked c;
  open_p3(c, "2026-12-07 09:00");
  c.step("2026-12-07 09:10", [&](Edit& e) { REQUIRE(assign(c.t, e, "anna", SupportLevel::n1) == AssignError::none); });
  c.step("2026-12-10 09:00", [&](Edit& e) { REQUIRE(resolve(c.t, e, "done") == ResolveError::none); });
  const SlaState s = c.sla("2026-12-14 09:00");
  CHECK(s.resolve.late);
  CHECK_FALSE(s.take_charge.late);
  CHECK_FALSE(s.resolve.at_risk);
}

TEST_CASE("sla.toml sets the targets and the bundled file equals the defaults") {
  const auto bundled = load_sla({std::filesystem::path(DIAGDESK_DATA_DIR) / "service/sla.toml"});
  CHECK(bundled.problems.empty());
  const SlaPolicy def;
  for (int p = 1; p <= 5; ++p) {
    CAPTURE(p);
    CHECK(bundled.policy.target(p).take_charge == def.target(p).take_charge);
    CHECK(bundled.policy.target(p).resolve == def.target(p).resolve);
  }
  CHECK(bundled.policy.at_risk_percent == def.at_risk_percent);
  test::TempDir dir;
  const auto team = dir.write("sla.toml", "schema_version = 1\n[priority.P1]\nresolve = \"2h30m\"\n[priority.P9]\nresolve = \"1h\"\n[priority.P2]\ntake_charge = \"soon\"\n");
  const auto loaded = load_sla({std::filesystem::path(DIAGDESK_DATA_DIR) / "service/sla.toml", team});
  CHECK(loaded.policy.target(1).resolve == 9000);
  CHECK(loaded.policy.target(1).take_charge == 15 * 60);
  CHECK(loaded.problems.size() == 2);
}

TEST_CASE("durations parse and print") {
  CHECK(parse_duration("30m") == 1800);
  CHECK(parse_duration("4h") == 14400);
  CHECK(parse_duration("1h30m") == 5400);
  CHECK(parse_duration("90") == 5400);
  CHECK_FALSE(parse_duration("h"));
  CHECK_FALSE(parse_duration("3d"));
  CHECK_FALSE(parse_duration("30m4h"));
  CHECK_FALSE(parse_duration(""));
  CHECK(format_duration(5400) == "1h30m");
  CHECK(format_duration(3600) == "1h");
  CHECK(format_duration(45 * 60) == "45m");
  CHECK(format_duration(-600) == "-10m");
}
