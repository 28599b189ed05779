// SqliteStore::import_tickets (store.hpp): restores exported tickets with
// their numbers, times and history, in one transaction. Kept apart from
// sqlite_store.cpp, sharing Stmt / Transaction through sqlite_internal.hpp.
#include "sqlite_internal.hpp"

#include <diagdesk/service/sqlite_store.hpp>

#include <charconv>

namespace diagdesk::service {

using namespace sqlite_detail;

namespace {

// "INC-2026-000123" -> 2026, 123 (the number was checked by valid_number).
std::pair<std::int64_t, std::int64_t> year_and_sequence(const std::string& number) {
  std::int64_t year = 0, seq = 0;
  const auto dash = number.find('-');
  const auto dash2 = number.find('-', dash + 1);
  std::from_chars(number.data() + dash + 1, number.data() + dash2, year);
  std::from_chars(number.data() + dash2 + 1, number.data() + number.size(), seq);
  return {year, seq};
}

// Counters never go back: the next created ticket follows the imported ones.
int raise_counter(sqlite3* db, const Ticket& t) {
  const auto [year, seq] = year_and_sequence(t.number);
  Stmt s(db, "INSERT INTO counters (prefix, year, last) VALUES (?, ?, ?) "
             "ON CONFLICT (prefix, year) DO UPDATE SET last = MAX(last, excluded.last)");
  return s.bind(1, std::string(number_prefix(t.type))).bind(2, year).bind(3, seq).step();
}

int insert_ticket(sqlite3* db, Ticket& t) {
  Stmt s(db,
         "INSERT INTO tickets (number, type, title, description, caller_name, caller_phone, caller_email, "
         "caller_site, category, impact, urgency, priority, status, operator, level, asset_tag, created_at, "
         "updated_at, taken_at, resolved_at, closed_at, solution, version) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, t.number).bind(2, std::string(name(t.type))).bind(3, t.title).bind(4, t.description);
  s.bind(5, t.caller_name).bind(6, t.caller_phone).bind(7, t.caller_email).bind(8, t.caller_site);
  s.bind(9, t.category).bind(10, std::string(name(t.impact))).bind(11, std::string(name(t.urgency)));
  s.bind(12, static_cast<std::int64_t>(t.priority)).bind(13, std::string(name(t.status)));
  s.bind(14, t.operator_name).bind(15, static_cast<std::int64_t>(t.level)).bind(16, t.asset_tag);
  s.bind(17, t.created_at).bind(18, t.updated_at).bind(19, t.taken_at).bind(20, t.resolved_at);
  s.bind(21, t.closed_at).bind(22, t.solution).bind(23, t.version);
  const int rc = s.step();
  if (rc == SQLITE_DONE) t.id = sqlite3_last_insert_rowid(db);
  return rc;
}

int insert_history(sqlite3* db, const Ticket& t, std::vector<Event>& events) {
  for (Event& e : events) {
    Stmt s(db, "INSERT INTO events (ticket_id, at, actor, kind, field, old_value, new_value, note) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, t.id).bind(2, e.at).bind(3, e.actor).bind(4, std::string(name(e.kind)));
    s.bind(5, e.field).bind(6, e.old_value).bind(7, e.new_value).bind(8, e.note);
    if (const int rc = s.step(); rc != SQLITE_DONE) return rc;
    e.ticket_id = t.id;
    e.id = sqlite3_last_insert_rowid(db);
  }
  for (std::size_t i = 0; i < t.sessions.size(); ++i) {
    Stmt s(db, "INSERT INTO ticket_sessions (ticket_id, position, session) VALUES (?, ?, ?)");
    const int rc = s.bind(1, t.id).bind(2, static_cast<std::int64_t>(i)).bind(3, t.sessions[i]).step();
    if (rc != SQLITE_DONE) return rc;
  }
  return SQLITE_DONE;
}

}  // namespace

StoreStatus SqliteStore::import_tickets(std::vector<TicketRecord>& records) {
  if (m_read_only) return {StoreError::read_only, m_path + ": " + read_only_why};
  for (const TicketRecord& r : records) {
    if (!valid_number(r.ticket.number)) return {StoreError::io, "'" + r.ticket.number + "' is not a ticket number"};
  }
  Transaction tx(m_db);
  if (tx.begin_rc() != SQLITE_OK) return fault(tx.begin_rc(), "cannot start the import");
  std::vector<TicketRecord> saved = records;
  for (TicketRecord& r : saved) {
    Stmt exists(m_db, "SELECT 1 FROM tickets WHERE number = ?");
    const int found = exists.bind(1, r.ticket.number).step();
    if (found == SQLITE_ROW) return {StoreError::duplicate, "ticket " + r.ticket.number + " exists already; nothing was imported"};
    if (found != SQLITE_DONE) return fault(found, "cannot read ticket " + r.ticket.number);
    int rc = insert_ticket(m_db, r.ticket);
    if (rc != SQLITE_DONE) return fault(rc, "cannot import " + r.ticket.number);
    if ((rc = insert_history(m_db, r.ticket, r.history)) != SQLITE_DONE) return fault(rc, "cannot import the history of " + r.ticket.number);
    if ((rc = raise_counter(m_db, r.ticket)) != SQLITE_DONE) return fault(rc, "cannot number " + r.ticket.number);
  }
  if (const int rc = tx.commit(); rc != SQLITE_OK) return fault(rc, "cannot save the import");
  records = std::move(saved);
  return {};
}

}  // namespace diagdesk::service
