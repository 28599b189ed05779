// The PostgreSQL store of problem records (pg_store.hpp, PgProblemStore):
// schema 2's problems, their append-only problem_events and the links to
// incidents, over a PgStore's connection and transactions. Mirrors
// problem_sqlite.cpp; the shared suite (test_problem_store.cpp) runs on both.
//
// [SECTION] Helpers
// [SECTION] Reading
// [SECTION] Writing
// [SECTION] Links
#include <diagdesk/service/pg_store.hpp>

#include "pg_internal.hpp"

namespace diagdesk::service {

using namespace pg_detail;

// [SECTION] Helpers ---------------------------------------------------------------------

namespace {

const char* const problem_select =
    "SELECT id, number, title, description, status, root_cause, workaround, solution, error_codes, tree, conclusion, "
    "asset_model, owner, created_at, updated_at, version FROM problems";

ProblemRecord read_problem(const Result& r, int row) {
  ProblemRecord p;
  p.id = r.integer(row, 0);
  p.number = r.text(row, 1);
  p.title = r.text(row, 2);
  p.description = r.text(row, 3);
  p.status = parse_problem_status(r.text(row, 4)).value_or(ProblemStatus::open);
  p.root_cause = r.text(row, 5);
  p.workaround = r.text(row, 6);
  p.solution = r.text(row, 7);
  p.error_codes = error_codes_from_column(r.text(row, 8));
  p.tree = r.text(row, 9);
  p.conclusion = r.text(row, 10);
  p.asset_model = r.text(row, 11);
  p.owner = r.text(row, 12);
  p.created_at = r.integer(row, 13);
  p.updated_at = r.integer(row, 14);
  p.version = r.integer(row, 15);
  return p;
}

/// The problem's fields as $1..$13 in the order of the INSERT and UPDATE below.
Params problem_fields(const ProblemRecord& p) {
  Params q;
  q.add(p.title).add(p.description).add(name(p.status)).add(p.root_cause).add(p.workaround).add(p.solution);
  q.add(error_codes_column(p.error_codes)).add(p.tree).add(p.conclusion).add(p.asset_model).add(p.owner);
  q.add(p.created_at).add(p.updated_at);
  return q;
}

std::optional<Result> insert_problem_event(PGconn* c, std::int64_t problem_id, ProblemEvent& e) {
  Params p;
  p.add(problem_id).add(e.at).add(e.actor).add(name(e.kind)).add(e.field).add(e.old_value).add(e.new_value).add(e.note);
  Result r = p.run(c, "INSERT INTO problem_events (problem_id, at, actor, kind, field, old_value, new_value, note) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id");
  if (!r.ok()) return r;
  e.problem_id = problem_id;
  e.id = r.integer(0, 0);
  return std::nullopt;
}


}  // namespace

// [SECTION] Reading ---------------------------------------------------------------------

StoreStatus PgProblemStore::get_problem(std::string_view number, ProblemRecord& out) {
  if (auto s = m_store.reachable(); !s.ok()) return s;
  PGconn* c = m_store.m_conn;
  Result r = Params().add(number).run(c, (std::string(problem_select) + " WHERE number = $1").c_str());
  if (!r.ok()) return from_pg(c, r, m_store.m_where, "cannot read problem " + std::string(number));
  if (r.rows() == 0) return {StoreError::not_found, "no problem " + std::string(number)};
  out = read_problem(r, 0);
  return {};
}

StoreStatus PgProblemStore::list_problems(const ProblemFilter& f, std::vector<ProblemRecord>& out) {
  out.clear();
  if (auto s = m_store.reachable(); !s.ok()) return s;
  PGconn* c = m_store.m_conn;
  Params p;
  std::string sql = problem_select;
  if (f.status) {
    sql += " WHERE status = $1";
    p.add(name(*f.status));
  }
  sql += " ORDER BY created_at DESC, id DESC";
  Result r = p.run(c, sql.c_str());
  if (!r.ok()) return from_pg(c, r, m_store.m_where, "cannot list problems");
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_problem(r, i));
  return {};
}

StoreStatus PgProblemStore::problem_history(std::int64_t problem_id, std::vector<ProblemEvent>& out) {
  out.clear();
  if (auto s = m_store.reachable(); !s.ok()) return s;
  PGconn* c = m_store.m_conn;
  Result r = Params().add(problem_id).run(c, "SELECT id, problem_id, at, actor, kind, field, old_value, new_value, note "
                                             "FROM problem_events WHERE problem_id = $1 ORDER BY id");
  if (!r.ok()) return from_pg(c, r, m_store.m_where, "cannot read the history of the problem");
  for (int i = 0; i < r.rows(); ++i) {
    ProblemEvent e;
    e.id = r.integer(i, 0);
    e.problem_id = r.integer(i, 1);
    e.at = r.integer(i, 2);
    e.actor = r.text(i, 3);
    e.kind = parse_problem_event_kind(r.text(i, 4)).value_or(ProblemEventKind::note);
    e.field = r.text(i, 5);
    e.old_value = r.text(i, 6);
    e.new_value = r.text(i, 7);
    e.note = r.text(i, 8);
    out.push_back(std::move(e));
  }
  return {};
}

// [SECTION] Writing ---------------------------------------------------------------------

namespace {

const char* const problem_insert =
    "INSERT INTO problems (title, description, status, root_cause, workaround, solution, error_codes, tree, "
    "conclusion, asset_model, owner, created_at, updated_at, number, version) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id";

}  // namespace

StoreStatus PgProblemStore::create_problem(ProblemRecord& problem, int year, std::vector<ProblemEvent>& events) {
  PgStore::Tx tx(m_store);
  if (!tx.begun.ok()) return tx.begun;
  PGconn* c = m_store.m_conn;
  const std::string& where = m_store.m_where;
  ProblemRecord p = problem;
  p.version = 1;
  // As tickets (pg_store.cpp): saved under a provisional number, numbered last.
  Result ins = problem_fields(p).add("~" + std::to_string(PQbackendPID(c))).add(p.version).run(c, problem_insert);
  if (!ins.ok()) return from_pg(c, ins, where, "cannot save the problem");
  p.id = ins.integer(0, 0);
  std::vector<ProblemEvent> saved = events;
  for (ProblemEvent& e : saved)
    if (auto bad = insert_problem_event(c, p.id, e)) return from_pg(c, *bad, where, "cannot save the history");
  Result seq = take_number(c, problem_prefix, year);
  if (!seq.ok()) return from_pg(c, seq, where, "cannot number the problem");
  p.number = format_problem_number(year, seq.integer(0, 0));
  Result named = Params().add(p.number).add(p.id).run(c, "UPDATE problems SET number = $1 WHERE id = $2");
  if (!named.ok()) return from_pg(c, named, where, "cannot number the problem");
  if (auto s = tx.commit("cannot save the problem"); !s.ok()) return s;
  problem = std::move(p);
  events = std::move(saved);
  return {};
}

StoreStatus PgProblemStore::update_problem(ProblemRecord& p, std::vector<ProblemEvent>& events) {
  PgStore::Tx tx(m_store);
  if (!tx.begun.ok()) return tx.begun;
  PGconn* c = m_store.m_conn;
  const std::string& where = m_store.m_where;
  Result upd = problem_fields(p).add(p.id).add(p.version).run(
      c, "UPDATE problems SET title = $1, description = $2, status = $3, root_cause = $4, workaround = $5, "
         "solution = $6, error_codes = $7, tree = $8, conclusion = $9, asset_model = $10, owner = $11, "
         "created_at = $12, updated_at = $13, version = version + 1 WHERE id = $14 AND version = $15");
  if (!upd.ok()) return from_pg(c, upd, where, "cannot save " + p.number);
  if (upd.changed() == 0) return moved_on(c, where, "problems", p.id, p.number, p.version, "no " + p.number);
  std::vector<ProblemEvent> saved = events;
  for (ProblemEvent& e : saved)
    if (auto bad = insert_problem_event(c, p.id, e)) return from_pg(c, *bad, where, "cannot save the history");
  if (auto s = tx.commit("cannot save " + p.number); !s.ok()) return s;
  ++p.version;
  events = std::move(saved);
  return {};
}

StoreStatus PgProblemStore::import_problem(ProblemRecord& problem, std::vector<ProblemEvent>& events,
                                          const std::vector<ProblemLink>& links) {
  if (!valid_problem_number(problem.number)) return {StoreError::io, "'" + problem.number + "' is not a problem number"};
  PgStore::Tx tx(m_store);
  if (!tx.begun.ok()) return tx.begun;
  PGconn* c = m_store.m_conn;
  const std::string& where = m_store.m_where;
  ProblemRecord p = problem;
  Result ins = problem_fields(p).add(p.number).add(p.version).run(c, problem_insert);
  if (!ins.ok()) {
    StoreStatus s = from_pg(c, ins, where, "cannot copy " + p.number);
    if (s.error == StoreError::duplicate) s.detail = "problem " + p.number + " exists already";
    return s;
  }
  p.id = ins.integer(0, 0);
  std::vector<ProblemEvent> saved = events;
  for (ProblemEvent& e : saved)
    if (auto bad = insert_problem_event(c, p.id, e)) return from_pg(c, *bad, where, "cannot copy the history of " + p.number);
  for (const ProblemLink& l : links) {
    Result r = Params().add(p.id).add(l.ticket_number).add(l.linked_at).add(l.actor).run(
        c, "INSERT INTO problem_links (problem_id, ticket_id, linked_at, actor) "
           "SELECT $1, id, $3, $4 FROM tickets WHERE number = $2");
    if (!r.ok()) return from_pg(c, r, where, "cannot copy the link of " + l.ticket_number + " to " + p.number);
    if (r.changed() != 1) return {StoreError::not_found, where + ": " + p.number + " is linked to " + l.ticket_number +
                                                             ", which the server does not hold"};
  }
  Result raise = raise_counter(c, problem_prefix, p.number);
  if (!raise.ok()) return from_pg(c, raise, where, "cannot number " + p.number);
  if (auto s = tx.commit("cannot copy " + p.number); !s.ok()) return s;
  problem = std::move(p);
  events = std::move(saved);
  return {};
}

// [SECTION] Links -----------------------------------------------------------------------

StoreStatus PgProblemStore::relink(ProblemRecord& p, Ticket& t, ProblemEvent& pe, Event& te, bool link) {
  PgStore::Tx tx(m_store);
  if (!tx.begun.ok()) return tx.begun;
  PGconn* c = m_store.m_conn;
  const std::string& where = m_store.m_where;
  const Time at = pe.at;
  Result up = Params().add(at).add(p.id).add(p.version).run(
      c, "UPDATE problems SET updated_at = $1, version = version + 1 WHERE id = $2 AND version = $3");
  if (!up.ok()) return from_pg(c, up, where, "cannot save " + p.number);
  if (up.changed() == 0) return moved_on(c, where, "problems", p.id, p.number, p.version, "no " + p.number);
  Result ut = Params().add(at).add(t.id).add(t.version).run(
      c, "UPDATE tickets SET updated_at = $1, version = version + 1 WHERE id = $2 AND version = $3");
  if (!ut.ok()) return from_pg(c, ut, where, "cannot save " + t.number);
  if (ut.changed() == 0) return moved_on(c, where, "tickets", t.id, t.number, t.version, "no " + t.number);
  if (link) {
    // ON CONFLICT: a duplicate must not abort the transaction before it is named.
    Result ins = Params().add(p.id).add(t.id).add(at).add(pe.actor).run(
        c, "INSERT INTO problem_links (problem_id, ticket_id, linked_at, actor) VALUES ($1, $2, $3, $4) "
           "ON CONFLICT DO NOTHING");
    if (!ins.ok()) return from_pg(c, ins, where, "cannot link " + t.number);
    if (ins.changed() == 0) {
      Result other = Params().add(t.id).run(c, "SELECT p.number FROM problem_links l JOIN problems p ON p.id = "
                                               "l.problem_id WHERE l.ticket_id = $1");
      const std::string named = other.ok() && other.rows() > 0 ? other.text(0, 0) : std::string("a problem");
      return {StoreError::duplicate, t.number + " is already linked to " + named};
    }
  } else {
    Result del = Params().add(p.id).add(t.id).run(c, "DELETE FROM problem_links WHERE problem_id = $1 AND ticket_id = $2");
    if (!del.ok()) return from_pg(c, del, where, "cannot unlink " + t.number);
    if (del.changed() == 0) return {StoreError::not_found, t.number + " is not linked to " + p.number};
  }
  ProblemEvent saved_pe = pe;
  if (auto bad = insert_problem_event(c, p.id, saved_pe)) return from_pg(c, *bad, where, "cannot save the history");
  std::vector<Event> saved_te{te};
  if (auto bad = insert_history(c, "INSERT INTO events (ticket_id, at, actor, kind, field, old_value, new_value, note) "
                                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                                t.id, &Event::ticket_id, saved_te))
    return from_pg(c, *bad, where, "cannot save the history of " + t.number);
  if (auto s = tx.commit("cannot save " + p.number); !s.ok()) return s;
  ++p.version;
  p.updated_at = at;
  ++t.version;
  t.updated_at = at;
  pe = std::move(saved_pe);
  te = std::move(saved_te[0]);
  return {};
}

StoreStatus PgProblemStore::link_ticket(ProblemRecord& p, Ticket& t, ProblemEvent& pe, Event& te) {
  return relink(p, t, pe, te, true);
}

StoreStatus PgProblemStore::unlink_ticket(ProblemRecord& p, Ticket& t, ProblemEvent& pe, Event& te) {
  return relink(p, t, pe, te, false);
}

namespace {

const char* const link_select =
    "SELECT l.problem_id, p.number, l.ticket_id, t.number, l.linked_at, l.actor FROM problem_links l "
    "JOIN problems p ON p.id = l.problem_id JOIN tickets t ON t.id = l.ticket_id ";

ProblemLink read_link(const Result& r, int row) {
  return {r.integer(row, 0), r.text(row, 1), r.integer(row, 2), r.text(row, 3), r.integer(row, 4), r.text(row, 5)};
}

}  // namespace

StoreStatus PgProblemStore::problem_links(std::int64_t problem_id, std::vector<ProblemLink>& out) {
  out.clear();
  if (auto s = m_store.reachable(); !s.ok()) return s;
  PGconn* c = m_store.m_conn;
  Result r = Params().add(problem_id).run(c, (std::string(link_select) + "WHERE l.problem_id = $1 ORDER BY l.linked_at, t.id").c_str());
  if (!r.ok()) return from_pg(c, r, m_store.m_where, "cannot read the links of the problem");
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_link(r, i));
  return {};
}

StoreStatus PgProblemStore::ticket_problem(std::int64_t ticket_id, std::optional<ProblemLink>& out) {
  out.reset();
  if (auto s = m_store.reachable(); !s.ok()) return s;
  PGconn* c = m_store.m_conn;
  Result r = Params().add(ticket_id).run(c, (std::string(link_select) + "WHERE l.ticket_id = $1").c_str());
  if (!r.ok()) return from_pg(c, r, m_store.m_where, "cannot read the problem of the ticket");
  if (r.rows() > 0) out = read_link(r, 0);
  return {};
}

}  // namespace diagdesk::service
