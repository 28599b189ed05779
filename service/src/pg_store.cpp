// The PostgreSQL store of tickets and their history (pg_store.hpp).
//
// [SECTION] Connection strings
// [SECTION] Opening and the schema
// [SECTION] Transactions and batches
// [SECTION] Tickets: reading
// [SECTION] Tickets: writing
#include <diagdesk/service/pg_store.hpp>

#include "pg_internal.hpp"

#include <algorithm>
#include <cctype>

namespace diagdesk::service {

using namespace pg_detail;

namespace {

#include "pg_schema.sql.hpp"
constexpr int pg_schema_count = static_cast<int>(sizeof pg_migrations / sizeof pg_migrations[0]);

}  // namespace

int latest_pg_schema_version() { return pg_schema_count; }

// [SECTION] Connection strings -----------------------------------------------------------

bool is_pg_connection_string(std::string_view s) {
  if (s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0) return true;
  // libpq's key=value words: the first word is a known key followed by '='.
  for (std::string_view key : {"host=", "hostaddr=", "dbname=", "service=", "user=", "port="}) {
    if (s.rfind(key, 0) == 0) return true;
  }
  return false;
}

std::string without_password(std::string_view connection) {
  std::string s(connection);
  const bool uri = s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
  if (uri) {
    const std::size_t start = s.find("://") + 3;
    const std::size_t end = s.find_first_of("/?", start);
    const std::size_t at = s.rfind('@', end == std::string::npos ? s.size() : end);
    if (at != std::string::npos && at >= start) {
      const std::size_t colon = s.find(':', start);
      if (colon != std::string::npos && colon < at) s.replace(colon + 1, at - colon - 1, "***");
    }
    // ...?password=secret&sslmode=require
    for (std::size_t q = s.find("password=", start); q != std::string::npos; q = s.find("password=", q + 1)) {
      if (s[q - 1] != '?' && s[q - 1] != '&') continue;
      const std::size_t v = q + 9;
      const std::size_t stop = s.find('&', v);
      s.replace(v, (stop == std::string::npos ? s.size() : stop) - v, "***");
    }
    return s;
  }
  // key=value words: password=secret or password='with spaces'
  for (std::size_t q = s.find("password"); q != std::string::npos; q = s.find("password", q + 1)) {
    if (q > 0 && !std::isspace(static_cast<unsigned char>(s[q - 1]))) continue;
    std::size_t v = q + 8;
    while (v < s.size() && std::isspace(static_cast<unsigned char>(s[v]))) ++v;
    if (v >= s.size() || s[v] != '=') continue;
    ++v;
    while (v < s.size() && std::isspace(static_cast<unsigned char>(s[v]))) ++v;
    std::size_t stop = v;
    if (stop < s.size() && s[stop] == '\'') {
      ++stop;
      while (stop < s.size() && s[stop] != '\'') stop += s[stop] == '\\' ? 2 : 1;
      stop = std::min(stop + 1, s.size());
    } else {
      while (stop < s.size() && !std::isspace(static_cast<unsigned char>(s[stop]))) ++stop;
    }
    s.replace(v, stop - v, "***");
  }
  return s;
}

// [SECTION] Opening and the schema -------------------------------------------------------

namespace {

void quiet(void*, const char*) {}  // NOTICEs ("relation exists, skipping") are not for the operator


/// Session settings, after connecting and after every reconnection.
void configure(PGconn* c, int lock_timeout_ms) {
  PQsetNoticeProcessor(c, quiet, nullptr);
  Params().add(std::to_string(lock_timeout_ms) + "ms").run(c, "SELECT set_config('lock_timeout', $1, false)");
  run(c, "SET client_encoding = 'UTF8'");
}

/// The schema version: 0 for an empty database, -1 for tables that are not
/// Diagdesk's, -2 with `status` set on failure.
int read_pg_schema(PGconn* c, const std::string& where, StoreStatus& status) {
  Result has = run(c, "SELECT to_regclass('schema_version') IS NOT NULL, "
                      "(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())");
  if (!has.ok()) {
    status = from_pg(c, has, where, "cannot read the schema");
    return -2;
  }
  if (!has.boolean(0, 0)) return has.integer(0, 1) == 0 ? 0 : -1;
  Result v = run(c, "SELECT version FROM schema_version");
  if (!v.ok()) {
    status = from_pg(c, v, where, "cannot read the schema version");
    return -2;
  }
  if (v.rows() != 1) {
    status = {StoreError::corrupt, where + ": the schema_version table holds " + std::to_string(v.rows()) +
                                       " rows instead of one"};
    return -2;
  }
  return static_cast<int>(v.integer(0, 0));
}

}  // namespace

namespace pg_detail {

/// Why a connection was not made, as a status (libpq gives no SQLSTATE there).
StoreStatus connect_failure(PGconn* c, const std::string& shown) {
  std::string says = c ? PQerrorMessage(c) : "out of memory";
  while (!says.empty() && (says.back() == '\n' || says.back() == ' ')) says.pop_back();
  for (auto& ch : says) {
    if (ch == '\n') ch = ' ';
  }
  const bool auth = says.find("password authentication failed") != std::string::npos ||
                    says.find("no password supplied") != std::string::npos ||
                    says.find("authentication failed") != std::string::npos ||
                    (says.find("role \"") != std::string::npos && says.find("does not exist") != std::string::npos) ||
                    says.find("permission denied") != std::string::npos ||
                    says.find("pg_hba.conf") != std::string::npos;
  if (auth) return {StoreError::denied, shown + ": the server refuses this login (" + says + ")"};
  if (says.find("database \"") != std::string::npos && says.find("does not exist") != std::string::npos)
    return {StoreError::io, shown + ": " + says + " (create it, or run `diagdesk team init` on it)"};
  if (says.find("invalid") != std::string::npos || says.find("missing") != std::string::npos)
    return {StoreError::io, shown + ": not a usable connection string (" + says + ")"};
  return {StoreError::unreachable, shown + ": cannot reach the server (" + says + ")"};
}

PGconn* connect(const std::string& connection, int timeout_s, StoreStatus& status) {
  const std::string timeout = std::to_string(std::max(1, timeout_s));
  // Our defaults first: the connection string's own words, expanded from
  // dbname, come after and win (a connect_timeout in the URI is kept).
  const char* keys[] = {"fallback_application_name", "connect_timeout", "dbname", nullptr};
  const char* values[] = {"diagdesk", timeout.c_str(), connection.c_str(), nullptr};
  PGconn* c = PQconnectdbParams(keys, values, 1);
  if (!c || PQstatus(c) != CONNECTION_OK) {
    status = connect_failure(c, without_password(connection));
    PQfinish(c);
    return nullptr;
  }
  PQsetNoticeProcessor(c, quiet, nullptr);
  return c;
}

std::string describe(PGconn* c) {
  const char* user = PQuser(c);
  const char* host = PQhost(c);
  const char* port = PQport(c);
  const char* db = PQdb(c);
  return std::string("postgresql://") + (user ? user : "") + "@" + (host ? host : "") + ":" + (port ? port : "") +
         "/" + (db ? db : "");
}

}  // namespace pg_detail

PgStore::PgStore(PGconn* conn, std::string where, std::string login, int schema, int lock_timeout_ms)
    : m_conn(conn), m_where(std::move(where)), m_login(std::move(login)), m_schema(schema),
      m_lock_timeout_ms(lock_timeout_ms) {}

PgStore::~PgStore() { PQfinish(m_conn); }

std::unique_ptr<PgStore> PgStore::open(const std::string& connection, PgOptions options, StoreStatus& status) {
  status = {};
  PGconn* c = connect(connection, options.connect_timeout_s, status);
  if (!c) return nullptr;
  configure(c, options.lock_timeout_ms);
  const std::string where = describe(c);
  const std::string login = PQuser(c) ? PQuser(c) : "";
  auto fail = [&](StoreStatus s) {
    status = std::move(s);
    PQfinish(c);
    return std::unique_ptr<PgStore>();
  };
  const int target =
      options.migrate_to > 0 && options.migrate_to < pg_schema_count ? options.migrate_to : pg_schema_count;
  StoreStatus read_status;
  int version = read_pg_schema(c, where, read_status);
  if (version == -2) return fail(read_status);
  if (version == -1)
    return fail({StoreError::corrupt, where + ": not a Diagdesk service database (tables, but no schema_version)"});
  if (version > pg_schema_count) {
    return fail({StoreError::too_new, where + ": made by a newer Diagdesk (schema " + std::to_string(version) +
                                          "; this one knows up to " + std::to_string(pg_schema_count) + ")"});
  }
  if (version < target && !options.migrate) {
    return fail({StoreError::io, where + ": the database needs its schema " +
                                     (version == 0 ? std::string("created") : "upgraded from " + std::to_string(version)) +
                                     " (run `diagdesk team init` with the database owner's login)"});
  }
  while (version < target) {
    // One migration per transaction, under an advisory lock so that two
    // Diagdesks starting on an empty database do not both create it.
    if (Result b = run(c, "BEGIN"); !b.ok()) return fail(from_pg(c, b, where, "cannot start the upgrade"));
    auto abort = [&](const Result& r, const std::string& what) {
      StoreStatus s = from_pg(c, r, where, what);
      run(c, "ROLLBACK");
      if (s.error == StoreError::denied)
        s.detail += " (creating or upgrading the schema needs the database owner's login: `diagdesk team init`)";
      return fail(std::move(s));
    };
    if (Result l = run(c, "SELECT pg_advisory_xact_lock(7349125)"); !l.ok()) return abort(l, "cannot lock the schema");
    StoreStatus again;
    const int now = read_pg_schema(c, where, again);
    if (now == -2) {
      run(c, "ROLLBACK");
      return fail(again);
    }
    if (now != version) {  // another Diagdesk upgraded it meanwhile
      run(c, "ROLLBACK");
      if (now < 0 || now > pg_schema_count) return fail({StoreError::corrupt, where + ": the schema changed while opening"});
      version = now;
      continue;
    }
    const int next = version + 1;
    if (Result m = run(c, pg_migrations[next - 1]); !m.ok())
      return abort(m, "upgrade to schema " + std::to_string(next) + " failed");
    if (Result set = Params().add(next).run(c, "UPDATE schema_version SET version = $1"); !set.ok())
      return abort(set, "cannot record schema " + std::to_string(next));
    if (Result done = run(c, "COMMIT"); !done.ok())
      return fail(from_pg(c, done, where, "upgrade to schema " + std::to_string(next) + " failed"));
    version = next;
  }
  return std::unique_ptr<PgStore>(new PgStore(c, where, login, version, options.lock_timeout_ms));
}

// [SECTION] Transactions and batches -----------------------------------------------------

StoreStatus PgStore::reachable() {
  if (PQstatus(m_conn) == CONNECTION_OK) return {};
  if (m_in_batch) {
    m_in_batch = false;
    return {StoreError::unreachable, m_where + ": the connection to the server was lost during the batch; nothing of "
                                               "it was saved"};
  }
  PQreset(m_conn);
  if (PQstatus(m_conn) != CONNECTION_OK) {
    return {StoreError::unreachable, m_where + ": cannot reach the server (the connection was lost); nothing was "
                                               "saved, try again when it is back"};
  }
  configure(m_conn, m_lock_timeout_ms);
  return {};
}

StoreStatus PgStore::begin_batch() {
  if (m_in_batch) return {StoreError::io, m_where + ": a batch is already open"};
  if (auto s = reachable(); !s.ok()) return s;
  Result r = run(m_conn, "BEGIN");
  if (!r.ok()) return from_pg(m_conn, r, m_where, "cannot start the batch");
  m_in_batch = true;
  return {};
}

StoreStatus PgStore::commit_batch() {
  if (!m_in_batch) return {StoreError::io, m_where + ": no batch is open"};
  m_in_batch = false;
  if (PQstatus(m_conn) != CONNECTION_OK)
    return {StoreError::unreachable, m_where + ": the connection to the server was lost during the batch; nothing of "
                                               "it was saved"};
  Result r = run(m_conn, "COMMIT");
  if (r.ok()) return {};
  StoreStatus s = from_pg(m_conn, r, m_where, "cannot save the batch (nothing of it was saved)");
  run(m_conn, "ROLLBACK");
  return s;
}

void PgStore::rollback_batch() {
  if (!m_in_batch) return;
  m_in_batch = false;
  run(m_conn, "ROLLBACK");
}

// [SECTION] Tickets: reading -------------------------------------------------------------

namespace {

const char* const ticket_select =
    "SELECT id, number, type, title, description, caller_name, caller_phone, caller_email, caller_site, category, "
    "impact, urgency, priority, status, operator, level, asset_tag, created_at, updated_at, taken_at, resolved_at, "
    "closed_at, solution, version FROM tickets";

Ticket read_ticket(const Result& r, int row) {
  Ticket t;
  t.id = r.integer(row, 0);
  t.number = r.text(row, 1);
  t.type = parse_ticket_type(r.text(row, 2)).value_or(TicketType::incident);
  t.title = r.text(row, 3);
  t.description = r.text(row, 4);
  t.caller_name = r.text(row, 5);
  t.caller_phone = r.text(row, 6);
  t.caller_email = r.text(row, 7);
  t.caller_site = r.text(row, 8);
  t.category = r.text(row, 9);
  t.impact = parse_grade(r.text(row, 10)).value_or(Grade::medium);
  t.urgency = parse_grade(r.text(row, 11)).value_or(Grade::medium);
  t.priority = static_cast<int>(r.integer(row, 12));
  t.status = parse_status(r.text(row, 13)).value_or(Status::new_);
  t.operator_name = r.text(row, 14);
  t.level = parse_level(r.text(row, 15)).value_or(SupportLevel::n1);
  t.asset_tag = r.text(row, 16);
  t.created_at = r.integer(row, 17);
  t.updated_at = r.integer(row, 18);
  t.taken_at = r.maybe(row, 19);
  t.resolved_at = r.maybe(row, 20);
  t.closed_at = r.maybe(row, 21);
  t.solution = r.text(row, 22);
  t.version = r.integer(row, 23);
  return t;
}

}  // namespace

StoreStatus PgStore::get(std::string_view number, Ticket& out) {
  if (auto s = reachable(); !s.ok()) return s;
  Result r = Params().add(number).run(m_conn, (std::string(ticket_select) + " WHERE number = $1").c_str());
  if (!r.ok()) return from_pg(m_conn, r, m_where, "cannot read ticket " + std::string(number));
  if (r.rows() == 0) return {StoreError::not_found, "no ticket " + std::string(number)};
  out = read_ticket(r, 0);
  Result sessions =
      Params().add(out.id).run(m_conn, "SELECT session FROM ticket_sessions WHERE ticket_id = $1 ORDER BY position");
  if (!sessions.ok()) return from_pg(m_conn, sessions, m_where, "cannot read the sessions of " + out.number);
  for (int i = 0; i < sessions.rows(); ++i) out.sessions.push_back(sessions.text(i, 0));
  return {};
}

StoreStatus PgStore::list(const TicketFilter& f, std::vector<Ticket>& out) {
  out.clear();
  if (auto s = reachable(); !s.ok()) return s;
  std::string sql = std::string(ticket_select) + " WHERE true";
  Params p;
  int n = 0;
  auto cond = [&](const char* column, auto value) {
    sql += std::string(" AND ") + column + " = $" + std::to_string(++n);
    p.add(value);
  };
  if (f.status) cond("status", name(*f.status));
  if (f.priority) cond("priority", *f.priority);
  if (f.operator_name) cond("operator", *f.operator_name);
  if (f.type) cond("type", name(*f.type));
  if (f.asset_tag) cond("asset_tag", *f.asset_tag);
  sql += " ORDER BY priority, created_at, id";
  Result r = p.run(m_conn, sql.c_str());
  if (!r.ok()) return from_pg(m_conn, r, m_where, "cannot list tickets");
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_ticket(r, i));
  return {};
}

StoreStatus PgStore::history(std::int64_t ticket_id, std::vector<Event>& out) {
  out.clear();
  if (auto s = reachable(); !s.ok()) return s;
  Result r = Params().add(ticket_id).run(m_conn, "SELECT id, ticket_id, at, actor, kind, field, old_value, new_value, "
                                                 "note FROM events WHERE ticket_id = $1 ORDER BY id");
  if (!r.ok()) return from_pg(m_conn, r, m_where, "cannot read the history");
  read_history(r, &Event::ticket_id, EventKind::note, out);
  return {};
}

// [SECTION] Tickets: writing -------------------------------------------------------------

namespace {

/// The ticket's fields as $1..$21 in the order of the INSERT and UPDATE below.
Params ticket_fields(const Ticket& t) {
  Params p;
  p.add(name(t.type)).add(t.title).add(t.description).add(t.caller_name).add(t.caller_phone);
  p.add(t.caller_email).add(t.caller_site).add(t.category).add(name(t.impact)).add(name(t.urgency));
  p.add(t.priority).add(name(t.status)).add(t.operator_name).add(static_cast<int>(t.level)).add(t.asset_tag);
  p.add(t.created_at).add(t.updated_at).add(t.taken_at).add(t.resolved_at).add(t.closed_at).add(t.solution);
  return p;
}

const char* const ticket_insert =
    "INSERT INTO tickets (type, title, description, caller_name, caller_phone, caller_email, caller_site, category, "
    "impact, urgency, priority, status, operator, level, asset_tag, created_at, updated_at, taken_at, resolved_at, "
    "closed_at, solution, number, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
    "$16, $17, $18, $19, $20, $21, $22, $23) RETURNING id";

/// Saves `events` for the ticket, giving each its id; a failed result or none.
std::optional<Result> insert_events(PGconn* c, std::int64_t ticket_id, std::vector<Event>& events) {
  return insert_history(c, "INSERT INTO events (ticket_id, at, actor, kind, field, old_value, new_value, note) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                        ticket_id, &Event::ticket_id, events);
}

std::optional<Result> write_sessions(PGconn* c, const Ticket& t) {
  Result clear = Params().add(t.id).run(c, "DELETE FROM ticket_sessions WHERE ticket_id = $1");
  if (!clear.ok()) return clear;
  for (std::size_t i = 0; i < t.sessions.size(); ++i) {
    Result r = Params().add(t.id).add(static_cast<std::int64_t>(i)).add(t.sessions[i])
                   .run(c, "INSERT INTO ticket_sessions (ticket_id, position, session) VALUES ($1, $2, $3)");
    if (!r.ok()) return r;
  }
  return std::nullopt;
}

}  // namespace

StoreStatus PgStore::create(Ticket& ticket, int year, std::vector<Event>& events) {
  Tx tx(*this);
  if (!tx.begun.ok()) return tx.begun;
  Ticket t = ticket;
  t.version = 1;
  // The ticket and its history first, under a provisional number of this
  // transaction's own (no one else sees it before the commit)...
  Result ins = ticket_fields(t).add("~" + std::to_string(PQbackendPID(m_conn))).add(t.version).run(m_conn, ticket_insert);
  if (!ins.ok()) return from_pg(m_conn, ins, m_where, "cannot save the ticket");
  t.id = ins.integer(0, 0);
  std::vector<Event> saved = events;
  if (auto bad = insert_events(m_conn, t.id, saved)) return from_pg(m_conn, *bad, m_where, "cannot save the history");
  if (auto bad = write_sessions(m_conn, t)) return from_pg(m_conn, *bad, m_where, "cannot save the sessions");
  // ...then the number, last: the counter row stays locked from here to the
  // commit, so operators creating at once get consecutive numbers and a
  // refused creation gives its number back (no gap), while the wait on that
  // row covers two statements and the commit only (bench_team_load).
  Result seq = take_number(m_conn, number_prefix(t.type), year);
  if (!seq.ok()) return from_pg(m_conn, seq, m_where, "cannot number the ticket");
  t.number = format_number(t.type, year, seq.integer(0, 0));
  Result named = Params().add(t.number).add(t.id).run(m_conn, "UPDATE tickets SET number = $1 WHERE id = $2");
  if (!named.ok()) return from_pg(m_conn, named, m_where, "cannot number the ticket");
  if (auto s = tx.commit("cannot save the ticket"); !s.ok()) return s;
  ticket = std::move(t);
  events = std::move(saved);
  return {};
}

StoreStatus PgStore::update(Ticket& ticket, std::vector<Event>& events) {
  Tx tx(*this);
  if (!tx.begun.ok()) return tx.begun;
  // The version is checked inside the UPDATE: of two concurrent updates of
  // one version, the second waits for the first's row lock, then finds the
  // version moved on and changes nothing.
  Result upd = ticket_fields(ticket).add(ticket.id).add(ticket.version).run(
      m_conn,
      "UPDATE tickets SET type = $1, title = $2, description = $3, caller_name = $4, caller_phone = $5, "
      "caller_email = $6, caller_site = $7, category = $8, impact = $9, urgency = $10, priority = $11, status = $12, "
      "operator = $13, level = $14, asset_tag = $15, created_at = $16, updated_at = $17, taken_at = $18, "
      "resolved_at = $19, closed_at = $20, solution = $21, version = version + 1 WHERE id = $22 AND version = $23");
  if (!upd.ok()) return from_pg(m_conn, upd, m_where, "cannot save " + ticket.number);
  if (upd.changed() == 0)
    return moved_on(m_conn, m_where, "tickets", ticket.id, ticket.number, ticket.version, "no ticket " + ticket.number);
  std::vector<Event> saved = events;
  if (auto bad = insert_events(m_conn, ticket.id, saved)) return from_pg(m_conn, *bad, m_where, "cannot save the history");
  if (auto bad = write_sessions(m_conn, ticket)) return from_pg(m_conn, *bad, m_where, "cannot save the sessions");
  if (auto s = tx.commit("cannot save " + ticket.number); !s.ok()) return s;
  ++ticket.version;
  events = std::move(saved);
  return {};
}

StoreStatus PgStore::import_tickets(std::vector<TicketRecord>& records) {
  for (const TicketRecord& r : records) {
    if (!valid_number(r.ticket.number)) return {StoreError::io, "'" + r.ticket.number + "' is not a ticket number"};
  }
  Tx tx(*this);
  if (!tx.begun.ok()) return tx.begun;
  std::vector<TicketRecord> saved = records;
  for (TicketRecord& r : saved) {
    Ticket& t = r.ticket;
    Result exists = Params().add(t.number).run(m_conn, "SELECT 1 FROM tickets WHERE number = $1");
    if (!exists.ok()) return from_pg(m_conn, exists, m_where, "cannot read ticket " + t.number);
    if (exists.rows() > 0) return {StoreError::duplicate, "ticket " + t.number + " exists already; nothing was imported"};
    Result ins = ticket_fields(t).add(t.number).add(t.version).run(m_conn, ticket_insert);
    if (!ins.ok()) return from_pg(m_conn, ins, m_where, "cannot import " + t.number);
    t.id = ins.integer(0, 0);
    if (auto bad = insert_events(m_conn, t.id, r.history))
      return from_pg(m_conn, *bad, m_where, "cannot import the history of " + t.number);
    if (auto bad = write_sessions(m_conn, t)) return from_pg(m_conn, *bad, m_where, "cannot import the sessions of " + t.number);
    // Counters never go back: the next created ticket follows the imported ones.
    Result raise = raise_counter(m_conn, number_prefix(t.type), t.number);
    if (!raise.ok()) return from_pg(m_conn, raise, m_where, "cannot number " + t.number);
  }
  if (auto s = tx.commit("cannot save the import"); !s.ok()) return s;
  records = std::move(saved);
  return {};
}

}  // namespace diagdesk::service
