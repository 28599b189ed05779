#pragma once
// What the PostgreSQL store's source files share (pg_store.cpp for tickets,
// pg_assets.cpp for assets, pg_team.cpp for roles): results, parameters and
// the mapping of SQLSTATE codes to StoreStatus. Internal: not installed.
#include <diagdesk/service/pg_store.hpp>

#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace diagdesk::service::pg_detail {

/// A query's result, cleared on destruction.
class Result {
 public:
  explicit Result(PGresult* r) : m_r(r) {}
  ~Result() { PQclear(m_r); }
  Result(Result&& o) noexcept : m_r(o.m_r) { o.m_r = nullptr; }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  /// True for a command or a query that succeeded.
  bool ok() const {
    const auto st = m_r ? PQresultStatus(m_r) : PGRES_FATAL_ERROR;
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
  }
  const PGresult* get() const { return m_r; }
  int rows() const { return m_r ? PQntuples(m_r) : 0; }
  /// Rows changed by an UPDATE / INSERT / DELETE.
  std::int64_t changed() const {
    const char* n = m_r ? PQcmdTuples(m_r) : "";
    std::int64_t v = 0;
    std::from_chars(n, n + std::char_traits<char>::length(n), v);
    return v;
  }
  bool null(int row, int col) const { return PQgetisnull(m_r, row, col) != 0; }
  std::string text(int row, int col) const {
    return std::string(PQgetvalue(m_r, row, col), static_cast<std::size_t>(PQgetlength(m_r, row, col)));
  }
  std::int64_t integer(int row, int col) const {
    const char* v = PQgetvalue(m_r, row, col);
    std::int64_t n = 0;
    std::from_chars(v, v + PQgetlength(m_r, row, col), n);
    return n;
  }
  std::optional<Time> maybe(int row, int col) const {
    if (null(row, col)) return std::nullopt;
    return integer(row, col);
  }
  bool boolean(int row, int col) const { return text(row, col) == "t"; }
  /// The SQLSTATE of a failure ("" when none).
  std::string state() const {
    const char* s = m_r ? PQresultErrorField(m_r, PG_DIAG_SQLSTATE) : nullptr;
    return s ? s : "";
  }
  /// The server's one-line message of a failure.
  std::string message() const {
    const char* s = m_r ? PQresultErrorField(m_r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    return s ? s : "";
  }
  /// The constraint a failure names ("" when none).
  std::string constraint() const {
    const char* s = m_r ? PQresultErrorField(m_r, PG_DIAG_CONSTRAINT_NAME) : nullptr;
    return s ? s : "";
  }

 private:
  PGresult* m_r;
};

/// Query parameters in text form; nullopt is SQL NULL.
class Params {
 public:
  Params& add(std::string v) {
    m_values.emplace_back(std::move(v));
    return *this;
  }
  Params& add(std::string_view v) { return add(std::string(v)); }
  Params& add(const char* v) { return add(std::string(v)); }
  Params& add(std::int64_t v) { return add(std::to_string(v)); }
  Params& add(int v) { return add(std::to_string(v)); }
  Params& add(const std::optional<Time>& v) {
    if (v) return add(*v);
    m_values.emplace_back(std::nullopt);
    return *this;
  }
  Params& null() {
    m_values.emplace_back(std::nullopt);
    return *this;
  }
  Result run(PGconn* c, const char* sql) const {
    std::vector<const char*> values;
    values.reserve(m_values.size());
    for (const auto& v : m_values) values.push_back(v ? v->c_str() : nullptr);
    return Result(PQexecParams(c, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
  }

 private:
  std::vector<std::optional<std::string>> m_values;
};

/// Runs `sql` (one statement, or several with no parameters).
inline Result run(PGconn* c, const char* sql) { return Result(PQexec(c, sql)); }

/// A failed result (or a lost connection) as a status: "<where>: <what>: <server's message>".
inline StoreStatus from_pg(PGconn* c, const Result& r, const std::string& where, const std::string& what) {
  StoreStatus s;
  const std::string state = r.state();
  std::string says = r.message();
  if (says.empty()) {
    says = c ? PQerrorMessage(c) : "";
    while (!says.empty() && (says.back() == '\n' || says.back() == ' ')) says.pop_back();
  }
  const std::string head = where + ": " + what + ": ";
  if ((c && PQstatus(c) == CONNECTION_BAD) || state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" ||
      state == "57P03" || (state.empty() && !r.get())) {
    s.error = StoreError::unreachable;
    s.detail = head + "the connection to the server is lost or refused (" + says +
               "); nothing of this change was saved, try again when the server is back";
    return s;
  }
  if (state == "23505") s.error = StoreError::duplicate;
  else if (state == "42501" || state.rfind("28", 0) == 0) s.error = StoreError::denied;
  else if (state == "40001" || state == "40P01" || state == "55P03") {
    s.error = StoreError::locked;
    s.detail = head + "another operator's change holds this row longer than the wait (" + says +
               "); nothing was saved, try again";
    return s;
  } else if (state == "53100") {
    s.error = StoreError::full;
    s.detail = head + "the server's disk is full; nothing of this change was saved";
    return s;
  } else if (state == "25006") s.error = StoreError::read_only;
  else if (state == "XX001" || state == "XX002") s.error = StoreError::corrupt;
  else s.error = StoreError::io;
  s.detail = head + says;
  return s;
}

/// The rows of `SELECT id, <owner>, at, actor, kind, field, old_value,
/// new_value, note` as events (Event for tickets, AssetEvent for assets).
template <class E>
void read_history(const Result& r, std::int64_t E::*owner, EventKind unknown, std::vector<E>& out) {
  for (int i = 0; i < r.rows(); ++i) {
    E e;
    e.id = r.integer(i, 0);
    e.*owner = r.integer(i, 1);
    e.at = r.integer(i, 2);
    e.actor = r.text(i, 3);
    e.kind = parse_event_kind(r.text(i, 4)).value_or(unknown);
    e.field = r.text(i, 5);
    e.old_value = r.text(i, 6);
    e.new_value = r.text(i, 7);
    e.note = r.text(i, 8);
    out.push_back(std::move(e));
  }
}

/// Saves `events` with `insert` (an INSERT ... VALUES ($1..$8) RETURNING id of
/// owner, at, actor, kind, field, old_value, new_value, note), giving each its
/// id and owner; the failed result, or none.
template <class E>
std::optional<Result> insert_history(PGconn* c, const char* insert, std::int64_t owner_id, std::int64_t E::*owner,
                                     std::vector<E>& events) {
  for (E& e : events) {
    Params p;
    p.add(owner_id).add(e.at).add(e.actor).add(name(e.kind)).add(e.field).add(e.old_value).add(e.new_value).add(e.note);
    Result r = p.run(c, insert);
    if (!r.ok()) return r;
    e.*owner = owner_id;
    e.id = r.integer(0, 0);
  }
  return std::nullopt;
}

/// The stale or not_found (`missing`) refusal after an UPDATE ... WHERE
/// version = $n of `table`'s row `id` (shown as `number`) changed nothing.
inline StoreStatus moved_on(PGconn* c, const std::string& where, const char* table, std::int64_t id,
                            const std::string& number, std::int64_t version, const std::string& missing) {
  Result now = Params().add(id).run(c, (std::string("SELECT version FROM ") + table + " WHERE id = $1").c_str());
  if (!now.ok()) return from_pg(c, now, where, "cannot read " + number);
  if (now.rows() == 0) return {StoreError::not_found, missing};
  return {StoreError::stale, number + " was changed by someone else since it was read (saved version " +
                                 std::to_string(now.integer(0, 0)) + ", this copy is version " +
                                 std::to_string(version) + "): show it again, then redo the change"};
}

/// Takes the next number of `prefix` and `year` (counters), locking that row
/// until the transaction ends: a row whose one value is the sequence.
inline Result take_number(PGconn* c, std::string_view prefix, int year) {
  return Params().add(prefix).add(year).run(
      c, "INSERT INTO counters (prefix, year, last) VALUES ($1, $2, 1) "
         "ON CONFLICT (prefix, year) DO UPDATE SET last = counters.last + 1 RETURNING last");
}

/// Moves the counter of a copied number ("PFX-YYYY-NNNN...") up to it, never back.
inline Result raise_counter(PGconn* c, std::string_view prefix, const std::string& number) {
  return Params().add(prefix).add(number.substr(4, 4)).add(number.substr(9)).run(
      c, "INSERT INTO counters (prefix, year, last) VALUES ($1, $2::integer, $3::bigint) "
         "ON CONFLICT (prefix, year) DO UPDATE SET last = GREATEST(counters.last, excluded.last)");
}

/// A new connection (libpq's connection string, `timeout_s` unless it sets
/// connect_timeout), NOTICEs silenced; nullptr with `status` set (denied,
/// unreachable, io) on failure, its detail naming the server without password.
PGconn* connect(const std::string& connection, int timeout_s, StoreStatus& status);
/// Why a connection was not made, as a status (libpq gives no SQLSTATE there).
StoreStatus connect_failure(PGconn* c, const std::string& shown);
/// "postgresql://user@host:port/database" of an open connection: never the password.
std::string describe(PGconn* c);

}  // namespace diagdesk::service::pg_detail

namespace diagdesk::service {

/// One change: a transaction, or a savepoint inside a batch. Rolls back unless committed.
struct PgStore::Tx {
  PgStore& s;
  bool nested;
  StoreStatus begun;
  bool done = false;
  explicit Tx(PgStore& store) : s(store), nested(store.m_in_batch) {
    begun = s.reachable();
    if (!begun.ok()) return;
    pg_detail::Result r = pg_detail::run(s.m_conn, nested ? "SAVEPOINT change" : "BEGIN");
    if (!r.ok()) {
      begun = pg_detail::from_pg(s.m_conn, r, s.m_where, "cannot start a change");
      if (begun.error == StoreError::unreachable) s.m_in_batch = false;  // the batch went with the connection
    }
  }
  ~Tx() {
    if (!begun.ok() || done) return;
    if (nested) {
      pg_detail::run(s.m_conn, "ROLLBACK TO SAVEPOINT change");
      pg_detail::run(s.m_conn, "RELEASE SAVEPOINT change");
    } else {
      pg_detail::run(s.m_conn, "ROLLBACK");
    }
  }
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;
  StoreStatus commit(const std::string& what) {
    done = true;
    pg_detail::Result r = pg_detail::run(s.m_conn, nested ? "RELEASE SAVEPOINT change" : "COMMIT");
    if (r.ok()) return {};
    StoreStatus st = pg_detail::from_pg(s.m_conn, r, s.m_where, what);
    if (nested) {
      pg_detail::run(s.m_conn, "ROLLBACK TO SAVEPOINT change");
      pg_detail::run(s.m_conn, "RELEASE SAVEPOINT change");
    } else {
      pg_detail::run(s.m_conn, "ROLLBACK");
    }
    return st;
  }
};

}  // namespace diagdesk::service
