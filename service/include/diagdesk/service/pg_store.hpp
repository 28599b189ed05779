#pragma once
/// The PostgreSQL store: tickets and assets of a whole service centre on one
/// team server (PostgreSQL 15, through libpq). Same contract as the SQLite
/// store (store.hpp; one test suite runs against both), plus what a server
/// adds: roles enforced by the server (docs/team.md, `diagdesk team init`)
/// and a connection that can be lost and comes back.
///
///     StoreStatus status;
///     auto store = PgStore::open("postgresql://anna@desk.example/diagdesk?sslmode=require", {}, status);
///     if (!store) tell(status.detail);     // unreachable, denied, too_new...
///
/// The connection string is libpq's: a URI (postgresql://...) or key=value
/// words (service=diagdesk), with libpq's environment (PGHOST, PGSERVICE...),
/// ~/.pgpass and sslmode. Diagdesk never writes a password anywhere: details
/// name the server as where() says it (user@host:port/database, no password).
///
/// Rules beside store.hpp's: numbers are unique and without gaps under
/// concurrent creation (the counter row is locked by the creating
/// transaction); `update` of a version changed meanwhile by another operator
/// is `stale` (checked inside the UPDATE, so two concurrent updates never
/// both pass); events cannot be changed or deleted by anyone, owner included
/// (a trigger). A lost connection is tried again once at the next call;
/// meanwhile calls say `unreachable`.

#include <diagdesk/service/problem_store.hpp>
#include <diagdesk/service/quote.hpp>
#include <diagdesk/service/store.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;

namespace diagdesk::service {

/// The newest PostgreSQL schema this build knows.
int latest_pg_schema_version();

/// True when `s` is meant for PostgreSQL: a postgresql:// or postgres:// URI,
/// or libpq key=value words (host=..., service=..., dbname=...).
bool is_pg_connection_string(std::string_view s);

/// How to open.
struct PgOptions {
  int migrate_to = 0;          ///< 0: the latest; tests stop at an older schema
  /// Create the schema (or upgrade it) when the database is empty or older.
  /// Needs a login allowed to create tables (the database owner): operators'
  /// logins cannot, and get `denied` with what to run instead.
  bool migrate = true;
  int connect_timeout_s = 5;   ///< unless the connection string sets connect_timeout
  /// How long a statement waits for a row another transaction holds (lock_timeout) before `locked`.
  int lock_timeout_ms = 5000;
};

class PgStore final : public Store {
 public:
  /// Connects and checks (or creates, or upgrades) the schema. nullptr with
  /// `status` set on failure: unreachable (no server, wrong host or port),
  /// denied (wrong password, no such login, no right on the database or its
  /// tables), too_new (a schema from a newer Diagdesk), corrupt (tables that
  /// are not Diagdesk's), io. Every detail starts with where() or, before
  /// the connection is made, with the connection string without its password.
  static std::unique_ptr<PgStore> open(const std::string& connection, PgOptions options, StoreStatus& status);
  ~PgStore() override;
  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  StoreStatus create(Ticket& ticket, int year, std::vector<Event>& events) override;
  StoreStatus update(Ticket& ticket, std::vector<Event>& events) override;
  StoreStatus get(std::string_view number, Ticket& out) override;
  StoreStatus list(const TicketFilter& filter, std::vector<Ticket>& out) override;
  StoreStatus history(std::int64_t ticket_id, std::vector<Event>& out) override;
  StoreStatus import_tickets(std::vector<TicketRecord>& records) override;
  StoreStatus create_asset(Asset& asset, std::vector<AssetEvent>& events) override;
  StoreStatus update_asset(Asset& asset, std::vector<AssetEvent>& events) override;
  StoreStatus get_asset(std::string_view tag, Asset& out) override;
  StoreStatus find_asset_by_serial(std::string_view serial, Asset& out) override;
  StoreStatus list_assets(const AssetFilter& filter, std::vector<Asset>& out) override;
  StoreStatus asset_history(std::int64_t asset_id, std::vector<AssetEvent>& out) override;
  StoreStatus begin_batch() override;
  StoreStatus commit_batch() override;
  void rollback_batch() override;

  /// The schema version of the database.
  int schema_version() const { return m_schema; }
  /// "postgresql://user@host:port/database": never the password.
  const std::string& where() const { return m_where; }
  /// The server's login of this connection.
  const std::string& login() const { return m_login; }

  /// The open connection, for the PostgreSQL parts that share it (team
  /// administration, tests). Not for front ends.
  pg_conn* handle() { return m_conn; }

 private:
  PgStore(pg_conn* conn, std::string where, std::string login, int schema, int lock_timeout_ms);
  friend class PgProblemStore;
  friend class PgQuoteStore;
  struct Tx;
  /// Before a call: the connection, tried again once when it was lost
  /// (never inside a batch: its changes went with the connection).
  StoreStatus reachable();
  pg_conn* m_conn;
  std::string m_where;
  std::string m_login;
  int m_schema;
  int m_lock_timeout_ms;
  bool m_in_batch = false;
};

/// The problem records of a PgStore (schema 2): same connection, same
/// transactions and batches, same rules as SqliteProblemStore (one suite runs
/// on both). The PgStore must outlive it.
class PgProblemStore final : public ProblemStore {
 public:
  explicit PgProblemStore(PgStore& store) : m_store(store) {}
  StoreStatus create_problem(ProblemRecord& p, int year, std::vector<ProblemEvent>& events) override;
  StoreStatus update_problem(ProblemRecord& p, std::vector<ProblemEvent>& events) override;
  StoreStatus get_problem(std::string_view number, ProblemRecord& out) override;
  StoreStatus list_problems(const ProblemFilter& filter, std::vector<ProblemRecord>& out) override;
  StoreStatus problem_history(std::int64_t problem_id, std::vector<ProblemEvent>& out) override;
  StoreStatus link_ticket(ProblemRecord& p, Ticket& ticket, ProblemEvent& problem_event,
                          Event& ticket_event) override;
  StoreStatus unlink_ticket(ProblemRecord& p, Ticket& ticket, ProblemEvent& problem_event,
                            Event& ticket_event) override;
  StoreStatus problem_links(std::int64_t problem_id, std::vector<ProblemLink>& out) override;
  StoreStatus ticket_problem(std::int64_t ticket_id, std::optional<ProblemLink>& out) override;
  /// Copies a problem of another store as it is (number, version, history)
  /// with its links, each to the ticket of that number here (`db migrate`);
  /// the PRB counter never goes back. duplicate when the number exists.
  StoreStatus import_problem(ProblemRecord& p, std::vector<ProblemEvent>& events, const std::vector<ProblemLink>& links);

 private:
  StoreStatus relink(ProblemRecord& p, Ticket& ticket, ProblemEvent& pe, Event& te, bool link);
  PgStore& m_store;
};

/// The quotes of a PgStore (schema 2), as SqliteQuoteStore. The PgStore must outlive it.
class PgQuoteStore final : public QuoteStore {
 public:
  explicit PgQuoteStore(PgStore& store) : m_store(store) {}
  StoreStatus create_quote(Quote& quote, std::vector<QuoteEvent>& events) override;
  StoreStatus update_quote(Quote& quote, std::vector<QuoteEvent>& events) override;
  StoreStatus get_quote(const std::string& number, Quote& out) override;
  StoreStatus list_quotes(const QuoteFilter& filter, std::vector<Quote>& out) override;
  StoreStatus quote_history(std::int64_t quote_id, std::vector<QuoteEvent>& out) override;
  /// Copies a quote of another store as it is (number, version, lines,
  /// history; `db migrate`); the DEV counter never goes back. duplicate when
  /// the number exists.
  StoreStatus import_quote(Quote& quote, std::vector<QuoteEvent>& events);

 private:
  PgStore& m_store;
};

/// The connection string as it can be shown: any password (in a URI's
/// user:password@ part or a password=... word) replaced by "***".
std::string without_password(std::string_view connection);

}  // namespace diagdesk::service
