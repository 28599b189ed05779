// Problem records: the moves of a problem's life, and their SQLite store:
// numbering, the version check, the append-only history, links to
// incidents (an incident in at most one problem, events on both sides),
// and the upgrade of a schema-3 database keeping its tickets.
#include "backends.hpp"
#include "store_fixture.hpp"

#include <diagdesk/service/problem_store.hpp>

#include <sqlite3.h>

using namespace diagdesk::service;

namespace {

ProblemRecord saved_problem(ProblemStore& store, const std::string& title, int year = 2026) {
  ProblemRecord p;
  p.title = title;
  std::vector<ProblemEvent> ev;
  REQUIRE(open_problem(p, "marie", 2000, ev) == ProblemError::none);
  const auto s = store.create_problem(p, year, ev);
  INFO(s.detail);
  REQUIRE(s.ok());
  return p;
}

}  // namespace

TEST_CASE("a problem moves to known error only with a root cause and a workaround, to resolved with a solution") {
  ProblemRecord p;
  p.title = "Printers drop off";
  std::vector<ProblemEvent> ev;
  REQUIRE(open_problem(p, "marie", 10, ev) == ProblemError::none);
  CHECK(move_problem(p, ProblemStatus::known_error, "marie", 11, "", ev) == ProblemError::needs_root_cause);
  CHECK(set_problem_field(p, "root_cause", "firmware 4.2", "marie", 12, ev) == ProblemError::none);
  CHECK(move_problem(p, ProblemStatus::known_error, "marie", 13, "", ev) == ProblemError::needs_workaround);
  CHECK(set_problem_field(p, "workaround", "fixed IP", "marie", 14, ev) == ProblemError::none);
  CHECK(move_problem(p, ProblemStatus::closed, "marie", 15, "", ev) == ProblemError::not_allowed);
  CHECK(move_problem(p, ProblemStatus::known_error, "marie", 15, "", ev) == ProblemError::none);
  CHECK(move_problem(p, ProblemStatus::resolved, "marie", 16, "", ev) == ProblemError::needs_solution);
  CHECK(set_problem_field(p, "solution", "firmware 4.3", "marie", 17, ev) == ProblemError::none);
  CHECK(move_problem(p, ProblemStatus::resolved, "marie", 18, "", ev) == ProblemError::none);
  CHECK(move_problem(p, ProblemStatus::closed, "marie", 19, "", ev) == ProblemError::none);
  CHECK(set_problem_field(p, "title", "x", "marie", 20, ev) == ProblemError::closed);
  CHECK(set_problem_field(p, "colour", "x", "marie", 20, ev) == ProblemError::closed);
  CHECK(ev.size() == 7);  // created, 3 fields, 3 moves: refusals appended nothing
  ProblemRecord q;
  CHECK(set_problem_field(q, "colour", "x", "marie", 20, ev) == ProblemError::unknown_field);
  CHECK(set_problem_field(q, "conclusion", "c_x", "marie", 20, ev) == ProblemError::conclusion_without_tree);
  CHECK(set_problem_field(q, "error_codes", "0x1, ,0x2", "marie", 20, ev) == ProblemError::none);
  CHECK(q.error_codes == std::vector<std::string>{"0x1", "0x2"});
  CHECK(valid_problem_number("PRB-2026-000001"));
  CHECK_FALSE(valid_problem_number("INC-2026-000001"));
}

TEST_CASE("problems are numbered PRB per year, read back, listed by status and refused when stale") {
  test::each_backend([](test::Backend& backend) {
  auto sql = backend.open();
  auto problems = problem_store_for(*sql);
  REQUIRE(problems);
  ProblemStore& store = *problems;
  ProblemRecord a = saved_problem(store, "First");
  ProblemRecord b = saved_problem(store, "Second");
  ProblemRecord c = saved_problem(store, "Next year", 2027);
  CHECK(a.number == "PRB-2026-000001");
  CHECK(b.number == "PRB-2026-000002");
  CHECK(c.number == "PRB-2027-000001");
  CHECK(a.version == 1);

  ProblemRecord copy;
  REQUIRE(store.get_problem(a.number, copy).ok());
  CHECK(copy.title == "First");
  CHECK(store.get_problem("PRB-2026-000099", copy).error == StoreError::not_found);

  ProblemRecord mine = copy, theirs = copy;
  std::vector<ProblemEvent> ev;
  REQUIRE(set_problem_field(mine, "error_codes", "0x80070005, E-42", "anna", 3000, ev) == ProblemError::none);
  REQUIRE(store.update_problem(mine, ev).ok());
  CHECK(mine.version == 2);
  ev.clear();
  REQUIRE(set_problem_field(theirs, "owner", "bob", "bob", 3001, ev) == ProblemError::none);
  CHECK(store.update_problem(theirs, ev).error == StoreError::stale);

  REQUIRE(store.get_problem(a.number, copy).ok());
  CHECK(copy.error_codes == std::vector<std::string>{"0x80070005", "E-42"});
  std::vector<ProblemEvent> history;
  REQUIRE(store.problem_history(copy.id, history).ok());
  REQUIRE(history.size() == 2);
  CHECK(history[0].kind == ProblemEventKind::created);
  CHECK(history[1].field == "error_codes");

  ev.clear();
  REQUIRE(set_problem_field(copy, "root_cause", "r", "anna", 4000, ev) == ProblemError::none);
  REQUIRE(set_problem_field(copy, "workaround", "w", "anna", 4000, ev) == ProblemError::none);
  REQUIRE(move_problem(copy, ProblemStatus::known_error, "anna", 4000, "", ev) == ProblemError::none);
  REQUIRE(store.update_problem(copy, ev).ok());
  std::vector<ProblemRecord> rows;
  REQUIRE(store.list_problems({ProblemStatus::known_error}, rows).ok());
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].number == a.number);
  REQUIRE(store.list_problems({}, rows).ok());
  CHECK(rows.size() == 3);

  // A second connection (another operator) sees the same problems and numbers on.
  auto other = backend.open();
  auto theirs_store = problem_store_for(*other);
  ProblemRecord d = saved_problem(*theirs_store, "From the other desk");
  CHECK(d.number == "PRB-2026-000003");
  REQUIRE(theirs_store->get_problem(a.number, copy).ok());
  CHECK(copy.status == ProblemStatus::known_error);

  // The history is append-only in the database itself, for its owner too.
  problems.reset();
  sql.reset();
  CHECK(backend.raw_sql("UPDATE problem_events SET note = 'rewritten'") != "");
  CHECK(backend.raw_sql("DELETE FROM problem_events") != "");
  });
}

TEST_CASE("an incident is linked to at most one problem, with an event on the problem and on the ticket") {
  test::each_backend([](test::Backend& b) {
  auto sql = b.open();
  auto problems = problem_store_for(*sql);
  REQUIRE(problems);
  ProblemStore& store = *problems;
  ProblemRecord p = saved_problem(store, "Printers");
  ProblemRecord other = saved_problem(store, "Other");
  Ticket t;
  REQUIRE(test::add(*sql, "Printer offline", t).ok());

  auto events = [&](const std::string& number, bool link) {
    ProblemEvent pe;
    pe.at = 5000;
    pe.actor = "anna";
    pe.kind = link ? ProblemEventKind::link : ProblemEventKind::unlink;
    pe.field = "ticket";
    (link ? pe.new_value : pe.old_value) = t.number;
    Event te;
    te.at = 5000;
    te.actor = "anna";
    te.kind = EventKind::field;
    te.field = std::string(ticket_problem_field);
    (link ? te.new_value : te.old_value) = number;
    return std::pair{pe, te};
  };
  auto [pe, te] = events(p.number, true);
  REQUIRE(store.link_ticket(p, t, pe, te).ok());
  CHECK(p.version == 2);
  CHECK(t.version == 2);
  CHECK(pe.id > 0);
  CHECK(te.id > 0);

  auto [pe2, te2] = events(other.number, true);
  CHECK(store.link_ticket(other, t, pe2, te2).error == StoreError::duplicate);
  std::optional<ProblemLink> link;
  REQUIRE(store.ticket_problem(t.id, link).ok());
  REQUIRE(link);
  CHECK(link->problem_number == p.number);
  std::vector<ProblemLink> links;
  REQUIRE(store.problem_links(p.id, links).ok());
  REQUIRE(links.size() == 1);
  CHECK(links[0].ticket_number == t.number);

  std::vector<Event> th;
  REQUIRE(sql->history(t.id, th).ok());
  CHECK(th.back().field == "problem");
  CHECK(th.back().new_value == p.number);

  // A stale ticket copy is refused; nothing changes.
  Ticket old = t;
  old.version = 1;
  auto [pe3, te3] = events(p.number, false);
  CHECK(store.unlink_ticket(p, old, pe3, te3).error == StoreError::stale);
  auto [pe4, te4] = events(other.number, false);
  CHECK(store.unlink_ticket(other, t, pe4, te4).error == StoreError::not_found);
  REQUIRE(store.unlink_ticket(p, t, pe3, te3).ok());
  REQUIRE(store.ticket_problem(t.id, link).ok());
  CHECK_FALSE(link);
  std::vector<ProblemEvent> ph;
  REQUIRE(store.problem_history(p.id, ph).ok());
  REQUIRE(ph.size() == 3);
  CHECK(ph[1].kind == ProblemEventKind::link);
  CHECK(ph[2].kind == ProblemEventKind::unlink);
  // After a refused link the connection is still usable (no transaction left aborted).
  auto [pe5, te5] = events(other.number, true);
  REQUIRE(store.link_ticket(other, t, pe5, te5).ok());
  REQUIRE(store.ticket_problem(t.id, link).ok());
  REQUIRE(link);
  CHECK(link->problem_number == other.number);
  });
}

TEST_CASE("a schema-3 database upgrades to problems and keeps its tickets") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  {
    auto old = test::open_store(file, OpenOptions{3});
    CHECK(old->schema_version() == 3);
    SqliteProblemStore none(*old);
    ProblemRecord p;
    CHECK(none.get_problem("PRB-2026-000001", p).error == StoreError::io);
    Ticket t;
    REQUIRE(test::add(*old, "Kept across the upgrade", t).ok());
  }
  auto sql = test::open_store(file);
  CHECK(sql->schema_version() == latest_schema_version());
  CHECK(test::count(*sql) == 1);
  SqliteProblemStore store(*sql);
  CHECK(saved_problem(store, "After").number == "PRB-2026-000001");
  Ticket t;
  REQUIRE(sql->get("INC-2026-000001", t).ok());
  CHECK(t.title == "Kept across the upgrade");
}
