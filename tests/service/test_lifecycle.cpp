// The lifecycle of a ticket: each move, each illegal move, and the history
// every change leaves.
#include <diagdesk/service/lifecycle.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::service;

namespace {

/// An incident opened by "anna" at t = 1000.
Ticket opened(Edit& e, const PriorityMatrix& m = {}) {
  Ticket t;
  t.title = "Printer offline";
  t.caller_name = "Marie Dupont";
  t.impact = Grade::medium;
  t.urgency = Grade::high;
  e.actor = "anna";
  e.at = 1000;
  REQUIRE(open_ticket(t, e, m) == CreateError::none);
  return t;
}

}  // namespace

TEST_CASE("a new ticket gets its priority from the matrix and says why") {
  Edit e;
  const Ticket t = opened(e);
  CHECK(t.status == Status::new_);
  CHECK(t.priority == 2);
  CHECK(t.created_at == 1000);
  REQUIRE(e.events.size() == 2);
  CHECK(e.events[0].kind == EventKind::created);
  CHECK(e.events[1].kind == EventKind::priority);
  CHECK(e.events[1].new_value == "P2");
  CHECK(e.events[1].note == "impact medium x urgency high = P2 (default)");
  Ticket blank;
  Edit e2;
  CHECK(open_ticket(blank, e2, {}) == CreateError::empty_title);
  blank.title = "x";
  CHECK(open_ticket(blank, e2, {}) == CreateError::empty_caller);
  CHECK(e2.events.empty());
}

TEST_CASE("changing impact or urgency recomputes the priority and records why") {
  Edit e;
  Ticket t = opened(e);
  Edit change{"bob", 2000, {}};
  REQUIRE(set_field(t, change, "impact", "high", {}) == UpdateError::none);
  CHECK(t.priority == 1);
  REQUIRE(change.events.size() == 2);
  CHECK(change.events[0].field == "impact");
  CHECK(change.events[0].old_value == "medium");
  CHECK(change.events[0].new_value == "high");
  CHECK(change.events[1].kind == EventKind::priority);
  CHECK(change.events[1].old_value == "P2");
  CHECK(change.events[1].new_value == "P1");
  CHECK(change.events[1].note == "impact medium -> high: impact high x urgency high = P1 (default)");
  CHECK(change.events[1].actor == "bob");
  SUBCASE("bad values and unknown fields are refused") {
    Edit bad{"bob", 3000, {}};
    CHECK(set_field(t, bad, "urgency", "urgent", {}) == UpdateError::bad_value);
    CHECK(set_field(t, bad, "colour", "red", {}) == UpdateError::unknown_field);
    CHECK(set_field(t, bad, "title", "  ", {}) == UpdateError::empty_value);
    CHECK(set_field(t, bad, "impact", "high", {}) == UpdateError::unchanged);
    CHECK(set_field(t, bad, "email", "not-an-address", {}) == UpdateError::bad_value);
    CHECK(bad.events.empty());
  }
}

TEST_CASE("a ticket goes from new to closed and every move is in the history") {
  Edit e;
  Ticket t = opened(e);
  Edit work{"anna", 2000, {}};
  REQUIRE(assign(t, work, "anna", SupportLevel::n1) == AssignError::none);
  CHECK(t.status == Status::assigned);
  CHECK(t.taken_at == 2000);
  REQUIRE(set_status(t, work, Status::in_progress, "") == StatusError::none);
  REQUIRE(set_status(t, work, Status::pending, "waiting for the user to reboot") == StatusError::none);
  REQUIRE(set_status(t, work, Status::in_progress, "user called back") == StatusError::none);
  REQUIRE(add_follow_up(t, work, EventKind::call, "Called the user back") == NoteError::none);
  REQUIRE(resolve(t, work, "Cleared the print queue") == ResolveError::none);
  CHECK(t.status == Status::resolved);
  CHECK(t.resolved_at == 2000);
  REQUIRE(close(t, work, "user confirmed") == CloseError::none);
  CHECK(t.status == Status::closed);
  std::vector<std::string> statuses;
  for (const Event& ev : work.events) {
    if (ev.kind == EventKind::status) statuses.push_back(ev.old_value + ">" + ev.new_value);
  }
  CHECK(statuses == std::vector<std::string>{"new>assigned", "assigned>in_progress", "in_progress>pending",
                                             "pending>in_progress", "in_progress>resolved", "resolved>closed"});
}

TEST_CASE("illegal moves are refused with their error and change nothing") {
  Edit e;
  Ticket t = opened(e);
  Edit bad{"anna", 2000, {}};
  SUBCASE("closing a ticket that was never resolved") {
    CHECK(close(t, bad, "") == CloseError::never_resolved);
  }
  SUBCASE("resolving without a solution") {
    CHECK(resolve(t, bad, " ") == ResolveError::missing_solution);
  }
  SUBCASE("pending before anyone took charge, or without a reason") {
    CHECK(set_status(t, bad, Status::pending, "waiting") == StatusError::not_assigned);
    Edit ok{"anna", 2000, {}};
    REQUIRE(assign(t, ok, "anna", SupportLevel::n1) == AssignError::none);
    const Ticket before = t;
    CHECK(set_status(t, bad, Status::pending, "") == StatusError::missing_reason);
    CHECK(set_status(t, bad, Status::assigned, "") == StatusError::same_status);
    CHECK(set_status(t, bad, Status::closed, "") == StatusError::not_allowed);
    CHECK(t.status == before.status);
  }
  SUBCASE("assigning nobody") {
    CHECK(assign(t, bad, "", SupportLevel::n1) == AssignError::no_operator);
  }
  SUBCASE("escalating to the same level or without a reason") {
    CHECK(escalate(t, bad, SupportLevel::n1, "too hard") == EscalateError::level_not_higher);
    CHECK(escalate(t, bad, SupportLevel::n2, "") == EscalateError::missing_reason);
  }
  SUBCASE("reopening a ticket that is not resolved") {
    CHECK(reopen(t, bad, "again") == ReopenError::not_resolved);
  }
  SUBCASE("a closed ticket is final") {
    Edit ok{"anna", 2000, {}};
    REQUIRE(resolve(t, ok, "fixed") == ResolveError::none);
    CHECK(resolve(t, bad, "again") == ResolveError::already_resolved);
    CHECK(assign(t, bad, "bob", SupportLevel::n1) == AssignError::resolved);
    REQUIRE(close(t, ok, "") == CloseError::none);
    CHECK(close(t, bad, "") == CloseError::already_closed);
    CHECK(reopen(t, bad, "it broke again") == ReopenError::closed);
    CHECK(resolve(t, bad, "x") == ResolveError::closed);
    CHECK(set_field(t, bad, "title", "x", {}) == UpdateError::closed);
    CHECK(escalate(t, bad, SupportLevel::n3, "x") == EscalateError::closed);
    // Follow-ups are still allowed: they change nothing but the history.
    Edit note{"anna", 3000, {}};
    CHECK(add_follow_up(t, note, EventKind::email, "Sent the satisfaction survey") == NoteError::none);
    CHECK(add_follow_up(t, bad, EventKind::status, "x") == NoteError::not_a_follow_up);
  }
  CHECK(bad.events.empty());
}

TEST_CASE("escalation hands the ticket to the next level's queue and reopening goes back to work") {
  Edit e;
  Ticket t = opened(e);
  Edit work{"anna", 2000, {}};
  REQUIRE(assign(t, work, "anna", SupportLevel::n1) == AssignError::none);
  REQUIRE(escalate(t, work, SupportLevel::n2, "driver issue, needs admin rights") == EscalateError::none);
  CHECK(t.status == Status::escalated);
  CHECK(t.level == SupportLevel::n2);
  CHECK(t.operator_name.empty());
  CHECK(set_status(t, work, Status::in_progress, "") == StatusError::not_assigned);
  REQUIRE(assign(t, work, "paul", SupportLevel::n2) == AssignError::none);
  CHECK(t.status == Status::assigned);
  CHECK(t.taken_at == 2000);  // the first take-charge counts for the SLA
  REQUIRE(resolve(t, work, "Reinstalled the driver") == ResolveError::none);
  CHECK(reopen(t, work, "") == ReopenError::missing_reason);
  REQUIRE(reopen(t, work, "printing fails again") == ReopenError::none);
  CHECK(t.status == Status::in_progress);
  CHECK_FALSE(t.resolved_at.has_value());
  CHECK(t.solution == "Reinstalled the driver");
}

TEST_CASE("a ticket resolved at the first call is taken by whoever resolves it") {
  Edit e;
  Ticket t = opened(e);
  Edit work{"anna", 1500, {}};
  REQUIRE(resolve(t, work, "Password reset, user signed in") == ResolveError::none);
  CHECK(t.operator_name == "anna");
  CHECK(t.taken_at == 1500);
}

TEST_CASE("names and numbers round-trip") {
  for (auto s : {Status::new_, Status::assigned, Status::in_progress, Status::pending, Status::escalated, Status::resolved,
                 Status::closed}) {
    CHECK(parse_status(name(s)) == s);
  }
  CHECK(parse_level("2") == SupportLevel::n2);
  CHECK(parse_level("N3") == SupportLevel::n3);
  CHECK_FALSE(parse_level("N4"));
  CHECK(format_number(TicketType::incident, 2026, 123) == "INC-2026-000123");
  CHECK(format_number(TicketType::request, 2026, 1) == "DEM-2026-000001");
  CHECK(valid_number("INC-2026-000123"));
  CHECK_FALSE(valid_number("INC-2026"));
  CHECK_FALSE(valid_number("ABC-2026-000123"));
  CHECK_FALSE(valid_number("INC-2026-00012x"));
}
