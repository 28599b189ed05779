// The team server's roles, enforced by PostgreSQL itself (pg_roles.sql.hpp):
// each test connects over TCP with a password as an operator, a supervisor,
// a trainee and an author (logins made by add_user), and checks what the
// server lets each do and what it refuses, through the store and in raw SQL
// (a modified client gets no more). Also: team init run twice, login names,
// copying a desk's SQLite database to the server.
#include "backends.hpp"

#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/service/pg_store.hpp>
#include <diagdesk/service/pg_team.hpp>
#include <diagdesk/service/problem_store.hpp>
#include <diagdesk/service/quote.hpp>

using namespace diagdesk::service;

namespace {

/// A team database with one login per role ("<role>_<pid>", cluster-wide
/// names, so that tests running at once never share one), dropped at the end.
class Team {
 public:
  Team() {
    const StoreStatus s = team_init(m_db.admin());
    INFO(s.detail);
    REQUIRE(s.ok());
    for (TeamRole r : {TeamRole::operator_, TeamRole::supervisor, TeamRole::trainee, TeamRole::author}) {
      const std::string login = std::string(name(r)) + "_" + std::to_string(::getpid()) + "_" + m_db.name().substr(8);
      bool created = false;
      const StoreStatus added = add_user(m_db.admin(), login, r, "pw-" + login, &created);
      INFO(added.detail);
      REQUIRE(added.ok());
      CHECK(created);
      m_logins.push_back(login);
    }
  }
  Team(const Team&) = delete;
  Team& operator=(const Team&) = delete;

  const std::string& login(TeamRole r) const { return m_logins[index(r)]; }
  /// The connection of `r`'s login: TCP, password.
  std::string as(TeamRole r) const { return m_db.tcp(login(r), "pw-" + login(r)); }
  std::unique_ptr<PgStore> store(TeamRole r) const {
    StoreStatus s;
    auto store = PgStore::open(as(r), {}, s);
    INFO(s.detail);
    REQUIRE(store);
    return store;
  }
  /// Raw SQL as `r`'s login: "" or the server's refusal.
  std::string sql(TeamRole r, const std::string& statement) const { return test::pg_exec(as(r), statement); }
  const test::PgDatabase& db() const { return m_db; }


 private:
  static std::size_t index(TeamRole r) {
    switch (r) {
      case TeamRole::operator_: return 0;
      case TeamRole::supervisor: return 1;
      case TeamRole::trainee: return 2;
      case TeamRole::author: return 3;
    }
    return 0;
  }
  /// Drops the logins (cluster-wide) after the database is dropped.
  struct Logins : std::vector<std::string> {
    ~Logins() {
      for (const auto& l : *this) test::pg_exec(test::pg_state("conninfo"), "DROP ROLE IF EXISTS " + l);
    }
  };
  Logins m_logins;      // declared first, destroyed last
  test::PgDatabase m_db;
};

StoreStatus open_ticket_in(Store& store, const std::string& title, Ticket& t) {
  t = {};
  t.title = title;
  t.caller_name = "Paul Martin";
  Edit e{"anna", 1000, {}};
  REQUIRE(open_ticket(t, e, {}) == CreateError::none);
  return store.create(t, 2026, e.events);
}

/// The two events of linking `ticket` to `problem`: on the problem, and on the ticket.
std::pair<ProblemEvent, Event> link_events(const std::string& problem, const std::string& ticket, Time at,
                                           const std::string& actor) {
  ProblemEvent pe{0, 0, at, actor, ProblemEventKind::link, "ticket", "", ticket, ""};
  Event te;
  te.at = at;
  te.actor = actor;
  te.kind = EventKind::field;
  te.field = std::string(ticket_problem_field);
  te.new_value = problem;
  return {pe, te};
}

bool refused(const std::string& server_says) {
  return server_says.find("permission denied") != std::string::npos ||
         server_says.find("must be owner") != std::string::npos ||
         server_says.find("row-level security") != std::string::npos ||
         server_says.find("append-only") != std::string::npos;
}

}  // namespace

TEST_CASE("an operator creates and updates tickets but can neither delete them nor rewrite their history") {
  Team team;
  auto op = team.store(TeamRole::operator_);
  Ticket t;
  REQUIRE(open_ticket_in(*op, "No network", t).ok());
  Edit e{"anna", 2000, {}};
  REQUIRE(add_follow_up(t, e, EventKind::call, "called") == NoteError::none);
  const StoreStatus upd = op->update(t, e.events);
  INFO(upd.detail);
  CHECK(upd.ok());
  Asset a;
  a.tag = "PC-1";
  std::vector<AssetEvent> none;
  CHECK(op->create_asset(a, none).ok());
  // What the client never does, the server refuses anyway.
  CHECK(refused(team.sql(TeamRole::operator_, "DELETE FROM tickets")));
  CHECK(refused(team.sql(TeamRole::operator_, "UPDATE events SET note = 'rewritten'")));
  CHECK(refused(team.sql(TeamRole::operator_, "DELETE FROM events")));
  CHECK(refused(team.sql(TeamRole::operator_, "TRUNCATE events")));
  CHECK(refused(team.sql(TeamRole::operator_, "DROP TABLE tickets")));
  CHECK(refused(team.sql(TeamRole::operator_, "CREATE TABLE mine (id int)")));
  CHECK(refused(team.sql(TeamRole::operator_, "UPDATE schema_version SET version = 1")));
  // Not even the owner rewrites history.
  CHECK(refused(test::pg_exec(team.db().admin(), "UPDATE events SET note = 'rewritten'")));
  std::vector<Event> history;
  REQUIRE(op->history(t.id, history).ok());
  CHECK(history.back().note == "called");
  CHECK(test::pg_value(team.db().admin(), "SELECT count(*) FROM tickets") == "1");
}

TEST_CASE("a trainee sees and changes only training tickets, operators do not see them, supervisors see all") {
  Team team;
  auto op = team.store(TeamRole::operator_);
  auto trainee = team.store(TeamRole::trainee);
  auto sup = team.store(TeamRole::supervisor);
  Ticket real, practice;
  REQUIRE(open_ticket_in(*op, "Real call", real).ok());
  const StoreStatus made = open_ticket_in(*trainee, "Practice call", practice);
  INFO(made.detail);
  REQUIRE(made.ok());
  CHECK(test::pg_value(team.db().admin(), "SELECT training FROM tickets WHERE number = '" + practice.number + "'") == "t");
  CHECK(test::pg_value(team.db().admin(), "SELECT training FROM tickets WHERE number = '" + real.number + "'") == "f");

  std::vector<Ticket> seen;
  REQUIRE(trainee->list({}, seen).ok());
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].title == "Practice call");
  Ticket t;
  CHECK(trainee->get(real.number, t).error == StoreError::not_found);
  std::vector<Event> history;
  REQUIRE(trainee->history(real.id, history).ok());
  CHECK(history.empty());  // nor its events
  // Changing a real ticket: it is not there for the trainee.
  Edit e{"trainee", 2000, {}};
  REQUIRE(add_follow_up(real, e, EventKind::note, "not mine") == NoteError::none);
  CHECK(trainee->update(real, e.events).error == StoreError::not_found);
  CHECK(team.sql(TeamRole::trainee, "UPDATE tickets SET title = 'x'").empty());  // no error, no row
  CHECK(test::pg_value(team.db().admin(), "SELECT title FROM tickets WHERE number = '" + real.number + "'") ==
        "Real call");
  // Nor can a trainee add an event to a real ticket, or read the assets' writes.
  CHECK(refused(team.sql(TeamRole::trainee, "INSERT INTO events (ticket_id, at, actor, kind, field, old_value, "
                                            "new_value, note) VALUES (" + std::to_string(real.id) +
                                            ", 1, 'x', 'note', '', '', '', 'sneaky')")));
  Asset a;
  a.tag = "PC-9";
  std::vector<AssetEvent> none;
  CHECK(trainee->create_asset(a, none).error == StoreError::denied);

  REQUIRE(op->list({}, seen).ok());
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].title == "Real call");
  REQUIRE(sup->list({}, seen).ok());
  CHECK(seen.size() == 2);  // the dashboard of everyone
}

TEST_CASE("an author has no right on tickets or assets, what is refused says denied") {
  Team team;
  auto author = team.store(TeamRole::author);
  std::vector<Ticket> seen;
  const StoreStatus listed = author->list({}, seen);
  CHECK(listed.error == StoreError::denied);
  CHECK(listed.detail.find("permission denied") != std::string::npos);
  Ticket t;
  CHECK(open_ticket_in(*author, "Not mine", t).error == StoreError::denied);
  std::vector<Asset> assets;
  CHECK(author->list_assets({}, assets).error == StoreError::denied);
  CHECK(test::pg_value(team.db().admin(), "SELECT count(*) FROM tickets") == "0");
}

TEST_CASE("problems and quotes: operators run them, authors read problems, trainees see neither, history stays") {
  Team team;
  auto op = team.store(TeamRole::operator_);
  auto problems = problem_store_for(*op);
  auto quotes = quote_store_for(*op);
  REQUIRE(problems);
  REQUIRE(quotes);
  ProblemRecord p;
  p.title = "Printers drop off";
  std::vector<ProblemEvent> pev;
  REQUIRE(open_problem(p, "anna", 1000, pev) == ProblemError::none);
  const StoreStatus made = problems->create_problem(p, 2026, pev);
  INFO(made.detail);
  REQUIRE(made.ok());
  CHECK(p.number == "PRB-2026-000001");
  Quote q;
  q.year = 2026;
  q.customer.name = "Paul Martin";
  q.lines = {{"SSD", "SSD 1 To", "piece", 100, 7990, 0, 2000}};
  std::vector<QuoteEvent> qev{{0, 0, 1000, "anna", "created", "", "Paul Martin", ""}};
  const StoreStatus quoted = quotes->create_quote(q, qev);
  INFO(quoted.detail);
  REQUIRE(quoted.ok());
  CHECK(q.number == "DEV-2026-0001");
  // Linking a real incident works; the link of a training ticket is not the operator's to see.
  Ticket real;
  REQUIRE(open_ticket_in(*op, "Printer offline", real).ok());
  auto [pe, te] = link_events(p.number, real.number, 2000, "anna");
  const StoreStatus linked = problems->link_ticket(p, real, pe, te);
  INFO(linked.detail);
  CHECK(linked.ok());

  CHECK(refused(team.sql(TeamRole::operator_, "DELETE FROM quotes")));
  CHECK(refused(team.sql(TeamRole::operator_, "DELETE FROM problems")));
  CHECK(refused(team.sql(TeamRole::operator_, "UPDATE problem_events SET note = 'rewritten'")));
  CHECK(refused(team.sql(TeamRole::operator_, "DELETE FROM quote_events")));

  // A supervisor sees them too, and links a trainee's practice ticket: the
  // operator's view of the problem does not name it.
  auto sup = team.store(TeamRole::supervisor);
  std::vector<Quote> seen_quotes;
  REQUIRE(quote_store_for(*sup)->list_quotes({}, seen_quotes).ok());
  CHECK(seen_quotes.size() == 1);
  auto trainee = team.store(TeamRole::trainee);
  Ticket practice;
  REQUIRE(open_ticket_in(*trainee, "Practice printer", practice).ok());
  auto sup_problems = problem_store_for(*sup);
  ProblemRecord sp;
  REQUIRE(sup_problems->get_problem(p.number, sp).ok());
  Ticket sup_copy;
  REQUIRE(sup->get(practice.number, sup_copy).ok());
  auto [pe2, te2] = link_events(p.number, practice.number, 3000, "chef");
  REQUIRE(sup_problems->link_ticket(sp, sup_copy, pe2, te2).ok());
  std::vector<ProblemLink> links;
  REQUIRE(sup_problems->problem_links(p.id, links).ok());
  CHECK(links.size() == 2);
  REQUIRE(problems->problem_links(p.id, links).ok());
  REQUIRE(links.size() == 1);
  CHECK(links[0].ticket_number == real.number);

  // An author reads problems (known errors become articles), changes none, sees no quote.
  auto author = team.store(TeamRole::author);
  auto author_problems = problem_store_for(*author);
  ProblemRecord read;
  REQUIRE(author_problems->get_problem(p.number, read).ok());
  CHECK(read.title == "Printers drop off");
  read.title = "Renamed";
  std::vector<ProblemEvent> none;
  CHECK(author_problems->update_problem(read, none).error == StoreError::denied);
  CHECK(quote_store_for(*author)->list_quotes({}, seen_quotes).error == StoreError::denied);

  // A trainee sees neither problems nor quotes (customers' personal data).
  std::vector<ProblemRecord> seen_problems;
  CHECK(problem_store_for(*trainee)->list_problems({}, seen_problems).error == StoreError::denied);
  Quote mine;
  mine.year = 2026;
  std::vector<QuoteEvent> no_events;
  CHECK(quote_store_for(*trainee)->create_quote(mine, no_events).error == StoreError::denied);
  CHECK(test::pg_value(team.db().admin(), "SELECT count(*) FROM quotes") == "1");
  CHECK(test::pg_value(team.db().admin(), "SELECT last FROM counters WHERE prefix = 'DEV'") == "1");
}

TEST_CASE("a login cannot create the schema, team init runs again safely, add_user checks names and roles") {
  Team team;
  // An operator on an empty database: told to run team init, nothing created.
  test::PgDatabase empty;
  StoreStatus s;
  CHECK_FALSE(PgStore::open(empty.tcp(team.login(TeamRole::operator_), "pw-" + team.login(TeamRole::operator_)), {}, s));
  CHECK(s.error == StoreError::denied);
  CHECK(s.detail.find("team init") != std::string::npos);
  CHECK(test::pg_value(empty.admin(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0");

  const StoreStatus again = team_init(team.db().admin());
  INFO(again.detail);
  CHECK(again.ok());
  bool created = true;
  REQUIRE(add_user(team.db().admin(), team.login(TeamRole::operator_), TeamRole::supervisor, std::nullopt, &created).ok());
  CHECK_FALSE(created);
  std::vector<TeamRole> roles;
  REQUIRE(user_roles(team.db().admin(), team.login(TeamRole::operator_), roles).ok());
  CHECK(roles == std::vector<TeamRole>{TeamRole::operator_, TeamRole::supervisor});

  for (const char* bad : {"", "Anna", "1anna", "an na", "anna;drop", "pg_anna", "diagdesk_operator", "a\"b"}) {
    CAPTURE(bad);
    CHECK_FALSE(check_login_name(bad).empty());
    CHECK(add_user(team.db().admin(), bad, TeamRole::operator_, "x").error == StoreError::io);
  }
  CHECK(check_login_name("marie.dupont-2").empty());
  CHECK(parse_team_role("supervisor") == TeamRole::supervisor);
  CHECK_FALSE(parse_team_role("admin"));
}

TEST_CASE("the password given to add_user reaches the server only as a SCRAM verifier") {
  Team team;
  const std::string stored = test::pg_value(
      test::pg_state("conninfo"), "SELECT rolpassword FROM pg_authid WHERE rolname = '" + team.login(TeamRole::trainee) + "'");
  CHECK(stored.rfind("SCRAM-SHA-256$", 0) == 0);
  CHECK(stored.find("pw-") == std::string::npos);
  StoreStatus s;
  CHECK_FALSE(PgStore::open(team.db().tcp(team.login(TeamRole::trainee), "wrong"), {}, s));
  CHECK(s.error == StoreError::denied);
}

TEST_CASE("a desk's SQLite database is copied to the server with every ticket, event, asset, problem and quote, and counted") {
  test::TempDir dir;
  StoreStatus s;
  auto desk = SqliteStore::open(dir.path() / "service.sqlite", {}, s);
  REQUIRE(desk);
  Ticket a, b;
  REQUIRE(open_ticket_in(*desk, "Printer", a).ok());
  REQUIRE(open_ticket_in(*desk, "VPN", b).ok());
  Edit e{"anna", 2000, {}};
  REQUIRE(attach_session(b, e, "sessions/vpn.toml") == NoteError::none);
  REQUIRE(desk->update(b, e.events).ok());
  Asset pc;
  pc.tag = "PC-7";
  pc.serial = "SN7";
  std::vector<AssetEvent> created(1);
  created[0].kind = EventKind::created;
  created[0].actor = "anna";
  REQUIRE(desk->create_asset(pc, created).ok());
  // Two problems (the second linked to the VPN incident) and a quote with two lines.
  auto desk_problems = problem_store_for(*desk);
  ProblemRecord p1, p2;
  std::vector<ProblemEvent> pev;
  p1.title = "Old printers";
  REQUIRE(open_problem(p1, "anna", 1000, pev) == ProblemError::none);
  REQUIRE(desk_problems->create_problem(p1, 2026, pev).ok());
  pev.clear();
  p2.title = "VPN drops";
  REQUIRE(open_problem(p2, "anna", 1100, pev) == ProblemError::none);
  REQUIRE(desk_problems->create_problem(p2, 2026, pev).ok());
  auto [pe, te] = link_events(p2.number, b.number, 2100, "anna");
  REQUIRE(desk_problems->link_ticket(p2, b, pe, te).ok());
  auto desk_quotes = quote_store_for(*desk);
  Quote q;
  q.year = 2026;
  q.customer.name = "Paul Martin";
  q.lines = {{"SSD", "SSD 1 To", "piece", 100, 7990, 0, 2000}, {"MO", "Main-d'oeuvre", "hour", 150, 5500, 0, 2000}};
  std::vector<QuoteEvent> qev{{0, 0, 1000, "anna", "created", "", "Paul Martin", ""}};
  REQUIRE(desk_quotes->create_quote(q, qev).ok());

  Team team;
  MigrationCounts source, copied;
  const StoreStatus m = migrate_to_server(*desk, team.db().admin(), source, copied);
  INFO(m.detail);
  REQUIRE(m.ok());
  CHECK(source.tickets == 2);
  CHECK(copied.tickets == 2);
  CHECK(copied.events == source.events);
  CHECK(copied.assets == 1);
  CHECK(copied.asset_events == 1);
  CHECK(copied.problems == 2);
  CHECK(copied.problem_events == 3);  // two created, one link
  CHECK(copied.problem_links == 1);
  CHECK(copied.quotes == 1);
  CHECK(copied.quote_events == 1);
  auto op = team.store(TeamRole::operator_);
  auto server_problems = problem_store_for(*op);
  ProblemRecord p2_back;
  REQUIRE(server_problems->get_problem(p2.number, p2_back).ok());
  CHECK(p2_back.title == "VPN drops");
  CHECK(p2_back.version == p2.version);
  std::vector<ProblemLink> links;
  REQUIRE(server_problems->problem_links(p2_back.id, links).ok());
  REQUIRE(links.size() == 1);
  CHECK(links[0].ticket_number == b.number);
  ProblemRecord p3;
  pev.clear();
  p3.title = "After the move";
  REQUIRE(open_problem(p3, "anna", 3000, pev) == ProblemError::none);
  REQUIRE(server_problems->create_problem(p3, 2026, pev).ok());
  CHECK(p3.number == "PRB-2026-000003");  // numbering goes on
  auto server_quotes = quote_store_for(*op);
  Quote q_back;
  REQUIRE(server_quotes->get_quote(q.number, q_back).ok());
  REQUIRE(q_back.lines.size() == 2);
  CHECK(compute_totals(q_back.lines).ttc == compute_totals(q.lines).ttc);
  Quote q2;
  q2.year = 2026;
  std::vector<QuoteEvent> none_q;
  REQUIRE(server_quotes->create_quote(q2, none_q).ok());
  CHECK(q2.number == "DEV-2026-0002");
  Ticket back;
  const StoreStatus got = op->get(b.number, back);
  INFO(got.detail);
  REQUIRE(got.ok());
  CHECK(back.sessions == std::vector<std::string>{"sessions/vpn.toml"});
  CHECK(back.version == b.version);
  Ticket next;
  REQUIRE(open_ticket_in(*op, "After the move", next).ok());
  CHECK(next.number == "INC-2026-000003");  // numbering goes on
  // Copying again is refused whole: nothing doubled.
  const StoreStatus twice = migrate_to_server(*desk, team.db().admin(), source, copied);
  CHECK(twice.error == StoreError::duplicate);
  CHECK(twice.detail.find("nothing was") != std::string::npos);
  CHECK(test::pg_value(team.db().admin(), "SELECT count(*) FROM tickets") == "3");
  CHECK(test::pg_value(team.db().admin(), "SELECT count(*) FROM assets") == "1");
  CHECK(test::pg_value(team.db().admin(), "SELECT count(*) FROM problems") == "3");
  CHECK(test::pg_value(team.db().admin(), "SELECT count(*) FROM quotes") == "2");
}
