// The team server's administration (pg_team.hpp): schema and roles, logins,
// and the copy of a desk's SQLite database to the server.
#include <diagdesk/service/pg_team.hpp>

#include <diagdesk/service/pg_store.hpp>

#include "pg_internal.hpp"

#include <memory>

namespace diagdesk::service {

using namespace pg_detail;

namespace {

#include "pg_roles.sql.hpp"

/// A connection closed on destruction.
struct Conn {
  PGconn* c = nullptr;
  ~Conn() { PQfinish(c); }
};

/// `s` as a quoted identifier or literal for SQL text ("" when libpq refuses it).
std::string quoted(PGconn* c, std::string_view s, bool identifier) {
  char* q = identifier ? PQescapeIdentifier(c, s.data(), s.size()) : PQescapeLiteral(c, s.data(), s.size());
  if (!q) return "";
  std::string out = q;
  PQfreemem(q);
  return out;
}

bool roles_exist(PGconn* c) {
  Result r = run(c, "SELECT count(*) FROM pg_roles WHERE rolname IN ('diagdesk_operator', 'diagdesk_supervisor', "
                    "'diagdesk_author', 'diagdesk_trainee')");
  return r.ok() && r.integer(0, 0) == 4;
}

}  // namespace

std::string_view name(TeamRole r) {
  switch (r) {
    case TeamRole::operator_: return "operator";
    case TeamRole::supervisor: return "supervisor";
    case TeamRole::author: return "author";
    case TeamRole::trainee: return "trainee";
  }
  return "?";
}

std::optional<TeamRole> parse_team_role(std::string_view s) {
  for (TeamRole r : {TeamRole::operator_, TeamRole::supervisor, TeamRole::author, TeamRole::trainee}) {
    if (s == name(r)) return r;
  }
  return std::nullopt;
}

std::string server_role(TeamRole r) { return "diagdesk_" + std::string(name(r)); }

StoreStatus team_init(const std::string& connection) {
  StoreStatus status;
  auto store = PgStore::open(connection, {}, status);
  if (!store) return status;
  PGconn* c = store->handle();
  const std::string& where = store->where();
  // Roles belong to the whole cluster: a team init of another database at
  // the same moment may create them first (duplicate_object); try again once.
  for (int attempt = 0;; ++attempt) {
    if (Result b = run(c, "BEGIN"); !b.ok()) return from_pg(c, b, where, "cannot start");
    Result roles = run(c, pg_roles_sql);
    if (roles.ok()) break;
    if (attempt == 0 && (roles.state() == "42710" || roles.state() == "23505")) {
      run(c, "ROLLBACK");
      continue;
    }
    StoreStatus s = from_pg(c, roles, where, "cannot create the roles and their rights");
    run(c, "ROLLBACK");
    if (s.error == StoreError::denied)
      s.detail += " (team init needs the database owner's login with the right to create roles: a superuser, or "
                  "CREATEROLE)";
    return s;
  }
  if (Result done = run(c, "COMMIT"); !done.ok()) return from_pg(c, done, where, "cannot save the roles");
  return {};
}

std::string check_login_name(std::string_view login) {
  if (login.empty() || login.size() > 63) return "a login name has 1 to 63 characters";
  if (!(login[0] >= 'a' && login[0] <= 'z')) return "a login name starts with a lower-case letter (a-z)";
  for (char ch : login) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-';
    if (!ok) return "a login name holds only a-z, 0-9, '_', '.' and '-'";
  }
  if (login.rfind("pg_", 0) == 0) return "names starting with pg_ are PostgreSQL's own";
  if (login.rfind("diagdesk_", 0) == 0) return "names starting with diagdesk_ are the team's group roles";
  return "";
}

StoreStatus add_user(const std::string& connection, std::string_view login, TeamRole role,
                     const std::optional<std::string>& password, bool* created) {
  if (created) *created = false;
  if (const std::string why = check_login_name(login); !why.empty())
    return {StoreError::io, "'" + std::string(login) + "': " + why};
  StoreStatus status;
  Conn conn{connect(connection, 5, status)};
  if (!conn.c) return status;
  PGconn* c = conn.c;
  const std::string where = describe(c);
  if (!roles_exist(c))
    return {StoreError::io, where + ": the team's roles do not exist yet (run `diagdesk team init` first)"};
  const std::string user = quoted(c, login, true);
  const std::string group = quoted(c, server_role(role), true);
  std::string password_clause;
  if (password) {
    // The server gets a SCRAM verifier computed here, never the password itself.
    char* verifier = PQencryptPasswordConn(c, password->c_str(), std::string(login).c_str(), "scram-sha-256");
    if (!verifier) return {StoreError::io, where + ": cannot encrypt the password (" + PQerrorMessage(c) + ")"};
    password_clause = " PASSWORD " + quoted(c, verifier, false);
    PQfreemem(verifier);
  }
  Result exists = Params().add(login).run(c, "SELECT 1 FROM pg_roles WHERE rolname = $1");
  if (!exists.ok()) return from_pg(c, exists, where, "cannot read the logins");
  const bool is_new = exists.rows() == 0;
  if (Result b = run(c, "BEGIN"); !b.ok()) return from_pg(c, b, where, "cannot start");
  std::vector<std::string> statements;
  if (is_new) {
    statements.push_back("CREATE ROLE " + user + " LOGIN" + password_clause + " IN ROLE " + group);
  } else {
    statements.push_back("GRANT " + group + " TO " + user);
    if (password) statements.push_back("ALTER ROLE " + user + password_clause);
  }
  for (const std::string& sql : statements) {
    Result r = run(c, sql.c_str());
    if (!r.ok()) {
      StoreStatus s = from_pg(c, r, where, "cannot create the login " + std::string(login));
      run(c, "ROLLBACK");
      return s;
    }
  }
  if (Result done = run(c, "COMMIT"); !done.ok()) return from_pg(c, done, where, "cannot save the login");
  if (created) *created = is_new;
  return {};
}

StoreStatus user_roles(const std::string& connection, std::string_view login, std::vector<TeamRole>& out) {
  out.clear();
  StoreStatus status;
  Conn conn{connect(connection, 5, status)};
  if (!conn.c) return status;
  Result r = Params().add(login).run(conn.c, "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = "
                                             "m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = $1 "
                                             "ORDER BY g.rolname");
  if (!r.ok()) return from_pg(conn.c, r, describe(conn.c), "cannot read the roles of " + std::string(login));
  for (int i = 0; i < r.rows(); ++i) {
    const std::string g = r.text(i, 0);
    if (g.rfind("diagdesk_", 0) == 0) {
      if (auto role = parse_team_role(std::string_view(g).substr(9))) out.push_back(*role);
    }
  }
  return {};
}

namespace {

/// The server's totals, as the owner sees them (row security does not apply to it).
StoreStatus server_counts(PGconn* c, const std::string& where, MigrationCounts& n) {
  Result r = run(c, "SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM events), "
                    "(SELECT count(*) FROM assets), (SELECT count(*) FROM asset_events), "
                    "(SELECT count(*) FROM problems), (SELECT count(*) FROM problem_events), "
                    "(SELECT count(*) FROM problem_links), (SELECT count(*) FROM quotes), "
                    "(SELECT count(*) FROM quote_events)");
  if (!r.ok()) return from_pg(c, r, where, "cannot count what the server holds");
  n = {r.integer(0, 0), r.integer(0, 1), r.integer(0, 2), r.integer(0, 3), r.integer(0, 4),
       r.integer(0, 5), r.integer(0, 6), r.integer(0, 7), r.integer(0, 8)};
  return {};
}

MigrationCounts minus(const MigrationCounts& a, const MigrationCounts& b) {
  return {a.tickets - b.tickets,   a.events - b.events,
          a.assets - b.assets,     a.asset_events - b.asset_events,
          a.problems - b.problems, a.problem_events - b.problem_events,
          a.problem_links - b.problem_links, a.quotes - b.quotes,
          a.quote_events - b.quote_events};
}

bool same(const MigrationCounts& a, const MigrationCounts& b) {
  return a.tickets == b.tickets && a.events == b.events && a.assets == b.assets && a.asset_events == b.asset_events &&
         a.problems == b.problems && a.problem_events == b.problem_events && a.problem_links == b.problem_links &&
         a.quotes == b.quotes && a.quote_events == b.quote_events;
}

/// A problem of the desk with what goes with it.
struct ProblemCopy {
  ProblemRecord problem;
  std::vector<ProblemEvent> events;
  std::vector<ProblemLink> links;
};

struct QuoteCopy {
  Quote quote;
  std::vector<QuoteEvent> events;
};

/// The desk's problems and quotes (none when `from` has no such store).
StoreStatus read_problems_and_quotes(Store& from, std::vector<ProblemCopy>& problems, std::vector<QuoteCopy>& quotes,
                                     MigrationCounts& source) {
  if (auto store = problem_store_for(from)) {
    std::vector<ProblemRecord> all;
    if (auto s = store->list_problems({}, all); !s.ok()) return s;
    for (ProblemRecord& p : all) {
      ProblemCopy copy{std::move(p), {}, {}};
      if (auto s = store->problem_history(copy.problem.id, copy.events); !s.ok()) return s;
      if (auto s = store->problem_links(copy.problem.id, copy.links); !s.ok()) return s;
      source.problem_events += static_cast<std::int64_t>(copy.events.size());
      source.problem_links += static_cast<std::int64_t>(copy.links.size());
      problems.push_back(std::move(copy));
    }
    source.problems = static_cast<std::int64_t>(problems.size());
  }
  if (auto store = quote_store_for(from)) {
    std::vector<Quote> all;
    if (auto s = store->list_quotes({}, all); !s.ok()) return s;
    for (Quote& q : all) {
      QuoteCopy copy{std::move(q), {}};
      if (auto s = store->quote_history(copy.quote.id, copy.events); !s.ok()) return s;
      source.quote_events += static_cast<std::int64_t>(copy.events.size());
      quotes.push_back(std::move(copy));
    }
    source.quotes = static_cast<std::int64_t>(quotes.size());
  }
  return {};
}

}  // namespace

StoreStatus migrate_to_server(Store& from, const std::string& connection, MigrationCounts& source,
                              MigrationCounts& copied) {
  source = {};
  copied = {};
  // Everything of the desk, read first: the copy is one transaction on the server.
  std::vector<Ticket> tickets;
  if (auto s = from.list({}, tickets); !s.ok()) return s;
  std::vector<TicketRecord> records;
  records.reserve(tickets.size());
  for (const Ticket& listed : tickets) {
    TicketRecord r;
    if (auto s = from.get(listed.number, r.ticket); !s.ok()) return s;  // with its sessions
    if (auto s = from.history(r.ticket.id, r.history); !s.ok()) return s;
    source.events += static_cast<std::int64_t>(r.history.size());
    records.push_back(std::move(r));
  }
  source.tickets = static_cast<std::int64_t>(records.size());
  std::vector<Asset> assets;
  if (auto s = from.list_assets({}, assets); !s.ok()) return s;
  std::vector<std::vector<AssetEvent>> asset_events(assets.size());
  for (std::size_t i = 0; i < assets.size(); ++i) {
    if (auto s = from.asset_history(assets[i].id, asset_events[i]); !s.ok()) return s;
    source.asset_events += static_cast<std::int64_t>(asset_events[i].size());
  }
  source.assets = static_cast<std::int64_t>(assets.size());
  std::vector<ProblemCopy> problems;
  std::vector<QuoteCopy> quotes;
  if (auto s = read_problems_and_quotes(from, problems, quotes, source); !s.ok()) return s;

  StoreStatus status;
  auto server = PgStore::open(connection, {}, status);
  if (!server) return status;
  PGconn* c = server->handle();
  const std::string& where = server->where();
  MigrationCounts before, after;
  if (auto s = server_counts(c, where, before); !s.ok()) return s;
  if (auto s = server->begin_batch(); !s.ok()) return s;
  auto refuse = [&](StoreStatus s) {
    server->rollback_batch();
    if (s.detail.find("nothing was") == std::string::npos) s.detail += " (nothing was copied)";
    return s;
  };
  if (auto s = server->import_tickets(records); !s.ok()) return refuse(s);
  for (std::size_t i = 0; i < assets.size(); ++i) {
    Asset a = assets[i];
    const std::int64_t version = a.version;
    if (auto s = server->create_asset(a, asset_events[i]); !s.ok()) return refuse(s);
    // create_asset starts at version 1: the copy keeps the desk's.
    Result v = Params().add(version).add(a.id).run(c, "UPDATE assets SET version = $1 WHERE id = $2");
    if (!v.ok()) return refuse(from_pg(c, v, where, "cannot copy asset " + a.tag));
  }
  // Oldest first, so that the copies' ids follow the desk's order.
  PgProblemStore server_problems(*server);
  for (auto it = problems.rbegin(); it != problems.rend(); ++it)
    if (auto s = server_problems.import_problem(it->problem, it->events, it->links); !s.ok()) return refuse(s);
  PgQuoteStore server_quotes(*server);
  for (auto it = quotes.rbegin(); it != quotes.rend(); ++it)
    if (auto s = server_quotes.import_quote(it->quote, it->events); !s.ok()) return refuse(s);
  if (auto s = server_counts(c, where, after); !s.ok()) return refuse(s);
  const MigrationCounts added = minus(after, before);
  if (!same(added, source)) {
    return refuse({StoreError::io, where + ": the server would hold " + std::to_string(added.tickets) + " tickets, " +
                                       std::to_string(added.events) + " events, " + std::to_string(added.assets) +
                                       " assets, " + std::to_string(added.asset_events) + " asset events, " +
                                       std::to_string(added.problems) + " problems and " +
                                       std::to_string(added.quotes) + " quotes more, not what the desk has"});
  }
  if (auto s = server->commit_batch(); !s.ok()) return s;
  copied = added;
  return {};
}

}  // namespace diagdesk::service
