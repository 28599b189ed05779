// The SQLite store of problem records (problem_store.hpp): the problems
// table, its append-only problem_events and the links to incidents
// (schema 4), over the connection of a SqliteStore.
//
// [SECTION] Helpers
// [SECTION] Reading
// [SECTION] Writing
// [SECTION] Links
#include <diagdesk/service/problem_store.hpp>
#include <diagdesk/service/sqlite_store.hpp>

#include "sqlite_internal.hpp"

namespace diagdesk::service {

using namespace sqlite_detail;

// [SECTION] Helpers ---------------------------------------------------------------------

namespace {

const char* const problem_columns =
    "id, number, title, description, status, root_cause, workaround, solution, error_codes, tree, conclusion, "
    "asset_model, owner, created_at, updated_at, version";

const char* const too_old = "the database is older than problem management (schema 4)";

ProblemRecord read_problem(const Stmt& s) {
  ProblemRecord p;
  p.id = s.integer(0);
  p.number = s.text(1);
  p.title = s.text(2);
  p.description = s.text(3);
  p.status = parse_problem_status(s.text(4)).value_or(ProblemStatus::open);
  p.root_cause = s.text(5);
  p.workaround = s.text(6);
  p.solution = s.text(7);
  p.error_codes = error_codes_from_column(s.text(8));
  p.tree = s.text(9);
  p.conclusion = s.text(10);
  p.asset_model = s.text(11);
  p.owner = s.text(12);
  p.created_at = s.integer(13);
  p.updated_at = s.integer(14);
  p.version = s.integer(15);
  return p;
}

/// Binds the problem's fields 1..13 in the order of the INSERT and UPDATE below.
void bind_problem(Stmt& s, const ProblemRecord& p) {
  s.bind(1, p.title)
      .bind(2, p.description)
      .bind(3, std::string(name(p.status)))
      .bind(4, p.root_cause)
      .bind(5, p.workaround)
      .bind(6, p.solution)
      .bind(7, error_codes_column(p.error_codes))
      .bind(8, p.tree)
      .bind(9, p.conclusion)
      .bind(10, p.asset_model)
      .bind(11, p.owner)
      .bind(12, p.created_at)
      .bind(13, p.updated_at);
}

int insert_problem_event(sqlite3* db, std::int64_t problem_id, ProblemEvent& e) {
  Stmt s(db, "INSERT INTO problem_events (problem_id, at, actor, kind, field, old_value, new_value, note) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, problem_id).bind(2, e.at).bind(3, e.actor).bind(4, std::string(name(e.kind)));
  s.bind(5, e.field).bind(6, e.old_value).bind(7, e.new_value).bind(8, e.note);
  const int rc = s.step();
  if (rc != SQLITE_DONE) return rc;
  e.problem_id = problem_id;
  e.id = sqlite3_last_insert_rowid(db);
  return SQLITE_OK;
}

int insert_problem_events(sqlite3* db, std::int64_t problem_id, std::vector<ProblemEvent>& events) {
  for (ProblemEvent& e : events)
    if (const int rc = insert_problem_event(db, problem_id, e); rc != SQLITE_OK) return rc;
  return SQLITE_OK;
}

/// The stale or not_found refusal after an UPDATE ... WHERE version = ? changed nothing.
StoreStatus moved_on(sqlite3* db, const char* table, std::int64_t id, const std::string& number,
                     std::int64_t version) {
  Stmt now(db, (std::string("SELECT version FROM ") + table + " WHERE id = ?").c_str());
  if (now.bind(1, id).step() != SQLITE_ROW) return {StoreError::not_found, "no " + number};
  return {StoreError::stale, number + " was changed by someone else since it was read (saved version " +
                                 std::to_string(now.integer(0)) + ", this copy is version " +
                                 std::to_string(version) + "): show it again, then redo the change"};
}

}  // namespace

// [SECTION] Reading ---------------------------------------------------------------------

namespace {

/// io before schema 4 (a database opened at an older schema: tests only).
StoreStatus schema_check(const SqliteStore& store) {
  if (store.schema_version() < 4) return {StoreError::io, store.path() + ": " + too_old};
  return {};
}

StoreStatus fault(SqliteStore& store, int rc, const std::string& what) {
  return from_sqlite(rc, store.handle(), store.path() + ": " + what);
}

}  // namespace

StoreStatus SqliteProblemStore::get_problem(std::string_view number, ProblemRecord& out) {
  if (auto s = schema_check(m_store); !s.ok()) return s;
  Stmt s(m_store.handle(), (std::string("SELECT ") + problem_columns + " FROM problems WHERE number = ?").c_str());
  const int rc = s.bind(1, std::string(number)).step();
  if (rc == SQLITE_DONE) return {StoreError::not_found, "no problem " + std::string(number)};
  if (rc != SQLITE_ROW) return fault(m_store, rc, "cannot read problem " + std::string(number));
  out = read_problem(s);
  return {};
}

StoreStatus SqliteProblemStore::list_problems(const ProblemFilter& f, std::vector<ProblemRecord>& out) {
  out.clear();
  if (auto s = schema_check(m_store); !s.ok()) return s;
  std::string sql = std::string("SELECT ") + problem_columns + " FROM problems";
  if (f.status) sql += " WHERE status = ?";
  sql += " ORDER BY created_at DESC, id DESC";
  Stmt s(m_store.handle(), sql.c_str());
  if (f.status) s.bind(1, std::string(name(*f.status)));
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_problem(s));
  if (rc != SQLITE_DONE) return fault(m_store, rc, "cannot list problems");
  return {};
}

StoreStatus SqliteProblemStore::problem_history(std::int64_t problem_id, std::vector<ProblemEvent>& out) {
  out.clear();
  if (auto s = schema_check(m_store); !s.ok()) return s;
  Stmt s(m_store.handle(), "SELECT id, problem_id, at, actor, kind, field, old_value, new_value, note "
                           "FROM problem_events WHERE problem_id = ? ORDER BY id");
  s.bind(1, problem_id);
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    ProblemEvent e;
    e.id = s.integer(0);
    e.problem_id = s.integer(1);
    e.at = s.integer(2);
    e.actor = s.text(3);
    e.kind = parse_problem_event_kind(s.text(4)).value_or(ProblemEventKind::note);
    e.field = s.text(5);
    e.old_value = s.text(6);
    e.new_value = s.text(7);
    e.note = s.text(8);
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return fault(m_store, rc, "cannot read the history of the problem");
  return {};
}

// [SECTION] Writing ---------------------------------------------------------------------

StoreStatus SqliteProblemStore::create_problem(ProblemRecord& problem, int year, std::vector<ProblemEvent>& events) {
  if (m_store.read_only()) return {StoreError::read_only, m_store.path() + ": " + read_only_why};
  if (auto s = schema_check(m_store); !s.ok()) return s;
  sqlite3* db = m_store.handle();
  Transaction tx(db);
  if (tx.begin_rc() != SQLITE_OK) return fault(m_store, tx.begin_rc(), "cannot start a change");
  const std::string prefix(problem_prefix);
  std::int64_t sequence = 1;
  {
    Stmt last(db, "SELECT last FROM counters WHERE prefix = ? AND year = ?");
    const int rc = last.bind(1, prefix).bind(2, static_cast<std::int64_t>(year)).step();
    if (rc == SQLITE_ROW) sequence = last.integer(0) + 1;
    else if (rc != SQLITE_DONE) return fault(m_store, rc, "cannot number the problem");
    Stmt save(db, rc == SQLITE_ROW ? "UPDATE counters SET last = ? WHERE prefix = ? AND year = ?"
                                   : "INSERT INTO counters (last, prefix, year) VALUES (?, ?, ?)");
    const int rc2 = save.bind(1, sequence).bind(2, prefix).bind(3, static_cast<std::int64_t>(year)).step();
    if (rc2 != SQLITE_DONE) return fault(m_store, rc2, "cannot number the problem");
  }
  ProblemRecord p = problem;
  p.number = format_problem_number(year, sequence);
  p.version = 1;
  Stmt insert(db, "INSERT INTO problems (title, description, status, root_cause, workaround, solution, error_codes, "
                  "tree, conclusion, asset_model, owner, created_at, updated_at, number, version) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_problem(insert, p);
  insert.bind(14, p.number).bind(15, p.version);
  int rc = insert.step();
  if (rc != SQLITE_DONE) return fault(m_store, rc, "cannot save the problem");
  p.id = sqlite3_last_insert_rowid(db);
  std::vector<ProblemEvent> saved = events;
  if ((rc = insert_problem_events(db, p.id, saved)) != SQLITE_OK) return fault(m_store, rc, "cannot save the history");
  if ((rc = tx.commit()) != SQLITE_OK) return fault(m_store, rc, "cannot save the problem");
  problem = std::move(p);
  events = std::move(saved);
  return {};
}

StoreStatus SqliteProblemStore::update_problem(ProblemRecord& p, std::vector<ProblemEvent>& events) {
  if (m_store.read_only()) return {StoreError::read_only, m_store.path() + ": " + read_only_why};
  if (auto s = schema_check(m_store); !s.ok()) return s;
  sqlite3* db = m_store.handle();
  Transaction tx(db);
  if (tx.begin_rc() != SQLITE_OK) return fault(m_store, tx.begin_rc(), "cannot start a change");
  Stmt upd(db, "UPDATE problems SET title = ?, description = ?, status = ?, root_cause = ?, workaround = ?, "
               "solution = ?, error_codes = ?, tree = ?, conclusion = ?, asset_model = ?, owner = ?, created_at = ?, "
               "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?");
  bind_problem(upd, p);
  upd.bind(14, p.id).bind(15, p.version);
  int rc = upd.step();
  if (rc != SQLITE_DONE) return fault(m_store, rc, "cannot save " + p.number);
  if (sqlite3_changes(db) == 0) return moved_on(db, "problems", p.id, p.number, p.version);
  std::vector<ProblemEvent> saved = events;
  if ((rc = insert_problem_events(db, p.id, saved)) != SQLITE_OK) return fault(m_store, rc, "cannot save the history");
  if ((rc = tx.commit()) != SQLITE_OK) return fault(m_store, rc, "cannot save " + p.number);
  ++p.version;
  events = std::move(saved);
  return {};
}

// [SECTION] Links -----------------------------------------------------------------------

StoreStatus SqliteProblemStore::relink(ProblemRecord& p, Ticket& t, ProblemEvent& pe, Event& te, bool link) {
  if (m_store.read_only()) return {StoreError::read_only, m_store.path() + ": " + read_only_why};
  if (auto s = schema_check(m_store); !s.ok()) return s;
  sqlite3* db = m_store.handle();
  Transaction tx(db);
  if (tx.begin_rc() != SQLITE_OK) return fault(m_store, tx.begin_rc(), "cannot start a change");
  const Time at = pe.at;
  Stmt up(db, "UPDATE problems SET updated_at = ?, version = version + 1 WHERE id = ? AND version = ?");
  int rc = up.bind(1, at).bind(2, p.id).bind(3, p.version).step();
  if (rc != SQLITE_DONE) return fault(m_store, rc, "cannot save " + p.number);
  if (sqlite3_changes(db) == 0) return moved_on(db, "problems", p.id, p.number, p.version);
  Stmt ut(db, "UPDATE tickets SET updated_at = ?, version = version + 1 WHERE id = ? AND version = ?");
  rc = ut.bind(1, at).bind(2, t.id).bind(3, t.version).step();
  if (rc != SQLITE_DONE) return fault(m_store, rc, "cannot save " + t.number);
  if (sqlite3_changes(db) == 0) return moved_on(db, "tickets", t.id, t.number, t.version);
  if (link) {
    Stmt ins(db, "INSERT INTO problem_links (problem_id, ticket_id, linked_at, actor) VALUES (?, ?, ?, ?)");
    rc = ins.bind(1, p.id).bind(2, t.id).bind(3, at).bind(4, pe.actor).step();
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
      std::optional<ProblemLink> other;
      (void)ticket_problem(t.id, other);
      return {StoreError::duplicate,
              t.number + " is already linked to " + (other ? other->problem_number : std::string("a problem"))};
    }
    if (rc != SQLITE_DONE) return fault(m_store, rc, "cannot link " + t.number);
  } else {
    Stmt del(db, "DELETE FROM problem_links WHERE problem_id = ? AND ticket_id = ?");
    rc = del.bind(1, p.id).bind(2, t.id).step();
    if (rc != SQLITE_DONE) return fault(m_store, rc, "cannot unlink " + t.number);
    if (sqlite3_changes(db) == 0) return {StoreError::not_found, t.number + " is not linked to " + p.number};
  }
  ProblemEvent saved_pe = pe;
  if ((rc = insert_problem_event(db, p.id, saved_pe)) != SQLITE_OK) return fault(m_store, rc, "cannot save the history");
  Event saved_te = te;
  Stmt ev(db, "INSERT INTO events (ticket_id, at, actor, kind, field, old_value, new_value, note) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  ev.bind(1, t.id).bind(2, saved_te.at).bind(3, saved_te.actor).bind(4, std::string(name(saved_te.kind)));
  ev.bind(5, saved_te.field).bind(6, saved_te.old_value).bind(7, saved_te.new_value).bind(8, saved_te.note);
  if ((rc = ev.step()) != SQLITE_DONE) return fault(m_store, rc, "cannot save the history of " + t.number);
  saved_te.ticket_id = t.id;
  saved_te.id = sqlite3_last_insert_rowid(db);
  if ((rc = tx.commit()) != SQLITE_OK) return fault(m_store, rc, "cannot save " + p.number);
  ++p.version;
  p.updated_at = at;
  ++t.version;
  t.updated_at = at;
  pe = std::move(saved_pe);
  te = std::move(saved_te);
  return {};
}

StoreStatus SqliteProblemStore::link_ticket(ProblemRecord& p, Ticket& t, ProblemEvent& pe, Event& te) {
  return relink(p, t, pe, te, true);
}

StoreStatus SqliteProblemStore::unlink_ticket(ProblemRecord& p, Ticket& t, ProblemEvent& pe, Event& te) {
  return relink(p, t, pe, te, false);
}

namespace {

const char* const link_select =
    "SELECT l.problem_id, p.number, l.ticket_id, t.number, l.linked_at, l.actor FROM problem_links l "
    "JOIN problems p ON p.id = l.problem_id JOIN tickets t ON t.id = l.ticket_id ";

ProblemLink read_link(const Stmt& s) {
  return {s.integer(0), s.text(1), s.integer(2), s.text(3), s.integer(4), s.text(5)};
}

}  // namespace

StoreStatus SqliteProblemStore::problem_links(std::int64_t problem_id, std::vector<ProblemLink>& out) {
  out.clear();
  if (auto s = schema_check(m_store); !s.ok()) return s;
  Stmt s(m_store.handle(), (std::string(link_select) + "WHERE l.problem_id = ? ORDER BY l.linked_at, t.id").c_str());
  s.bind(1, problem_id);
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_link(s));
  if (rc != SQLITE_DONE) return fault(m_store, rc, "cannot read the links of the problem");
  return {};
}

StoreStatus SqliteProblemStore::ticket_problem(std::int64_t ticket_id, std::optional<ProblemLink>& out) {
  out.reset();
  if (auto s = schema_check(m_store); !s.ok()) return s;
  Stmt s(m_store.handle(), (std::string(link_select) + "WHERE l.ticket_id = ?").c_str());
  const int rc = s.bind(1, ticket_id).step();
  if (rc == SQLITE_ROW) out = read_link(s);
  else if (rc != SQLITE_DONE) return fault(m_store, rc, "cannot read the problem of the ticket");
  return {};
}

}  // namespace diagdesk::service
