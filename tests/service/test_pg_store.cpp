// What only the PostgreSQL store has (the shared suite is in
// test_store_contract.cpp): connection strings and their passwords, a server
// that is not there or refuses the login, a schema from a newer Diagdesk or
// tables that are not Diagdesk's, a connection lost between two calls, two
// Diagdesks creating the schema at once. On the test cluster ctest starts.
#include "backends.hpp"
#include "store_fixture.hpp"

#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/service/pg_store.hpp>
#include <diagdesk/service/problem_store.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <thread>

using namespace diagdesk::service;

namespace {

std::unique_ptr<PgStore> open_pg(const std::string& conninfo, StoreStatus& status, PgOptions options = {}) {
  options.connect_timeout_s = 3;
  return PgStore::open(conninfo, options, status);
}

/// A loopback port nothing listens on (bound then closed: free at that moment).
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t len = sizeof a;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  ::close(fd);
  return ntohs(a.sin_port);
}

Ticket new_ticket(Store& store, const std::string& title) {
  Ticket t;
  t.title = title;
  t.caller_name = "Paul Martin";
  Edit e{"anna", 1000, {}};
  REQUIRE(open_ticket(t, e, {}) == CreateError::none);
  const StoreStatus s = store.create(t, 2026, e.events);
  INFO(s.detail);
  REQUIRE(s.ok());
  return t;
}

}  // namespace

TEST_CASE("a connection string is shown without its password") {
  CHECK(without_password("postgresql://anna:s3cret@desk.example:5432/diagdesk?sslmode=require") ==
        "postgresql://anna:***@desk.example:5432/diagdesk?sslmode=require");
  CHECK(without_password("postgres://anna@desk.example/diagdesk?password=s3cret&sslmode=require") ==
        "postgres://anna@desk.example/diagdesk?password=***&sslmode=require");
  CHECK(without_password("host=desk.example user=anna password=s3cret dbname=diagdesk") ==
        "host=desk.example user=anna password=*** dbname=diagdesk");
  CHECK(without_password("host=desk.example password = 'with space' dbname=x") ==
        "host=desk.example password = *** dbname=x");
  CHECK(without_password("service=diagdesk") == "service=diagdesk");
  CHECK(is_pg_connection_string("postgresql://desk.example/diagdesk"));
  CHECK(is_pg_connection_string("service=diagdesk"));
  CHECK_FALSE(is_pg_connection_string("/var/lib/diagdesk/service.sqlite"));
  CHECK_FALSE(is_pg_connection_string("postgresql.sqlite"));
}

TEST_CASE("a wrong password or an unknown login is refused as denied, and the password is never shown") {
  test::PgDatabase db;
  StoreStatus status;
  CHECK_FALSE(open_pg(db.tcp("diagdesk_admin", "not-the-password"), status));
  CHECK(status.error == StoreError::denied);
  CHECK(status.detail.find("not-the-password") == std::string::npos);
  CHECK(status.detail.find("password authentication failed") != std::string::npos);
  CHECK(status.detail.find("127.0.0.1") != std::string::npos);  // says which server
  CHECK_FALSE(open_pg(db.tcp("nobody_here", "x"), status));
  CHECK(status.error == StoreError::denied);
  // The right password opens it.
  CHECK(open_pg(db.tcp("diagdesk_admin", test::pg_state("admin_password")), status));
  INFO(status.detail);
  CHECK(status.ok());
}

TEST_CASE("no server at that address is unreachable, a missing database says so") {
  test::PgDatabase db;
  StoreStatus status;
  const std::string nowhere = "postgresql://diagdesk_admin:x@127.0.0.1:" + std::to_string(closed_port()) + "/diagdesk";
  CHECK_FALSE(open_pg(nowhere, status));
  CHECK(status.error == StoreError::unreachable);
  CHECK(status.detail.find("cannot reach the server") != std::string::npos);
  CHECK(status.detail.find(":***@") != std::string::npos);
  CHECK_FALSE(open_pg(test::pg_admin() + " dbname=no_such_database_here", status));
  CHECK(status.error == StoreError::io);
  CHECK(status.detail.find("does not exist") != std::string::npos);
  CHECK_FALSE(open_pg("postgresql://[broken", status));
  CHECK_FALSE(status.ok());
}

TEST_CASE("a schema from a newer Diagdesk, and tables that are not Diagdesk's, are refused untouched") {
  {
    test::PgDatabase db;
    StoreStatus status;
    REQUIRE(open_pg(db.admin(), status));
    db.sql("UPDATE schema_version SET version = 99");
    CHECK_FALSE(open_pg(db.admin(), status));
    CHECK(status.error == StoreError::too_new);
    CHECK(status.detail.find("schema 99") != std::string::npos);
    CHECK(test::pg_value(db.admin(), "SELECT version FROM schema_version") == "99");
  }
  {
    test::PgDatabase db;
    db.sql("CREATE TABLE invoices (id int)");
    StoreStatus status;
    CHECK_FALSE(open_pg(db.admin(), status));
    CHECK(status.error == StoreError::corrupt);
    CHECK(status.detail.find("not a Diagdesk service database") != std::string::npos);
    CHECK(test::pg_value(db.admin(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "1");
  }
  {
    test::PgDatabase db;
    StoreStatus status;
    PgOptions no_migration;
    no_migration.migrate = false;
    CHECK_FALSE(open_pg(db.admin(), status, no_migration));
    CHECK(status.detail.find("diagdesk team init") != std::string::npos);
  }
}

TEST_CASE("a connection lost between two calls: the call says unreachable, the next one reconnects") {
  test::PgBackend b;
  auto store = b.open_pg();
  const Ticket t = new_ticket(*store, "Before the cut");
  // The server ends this connection (as a restart or a network cut would),
  // and pg_terminate_backend waits until the backend is gone (its timeout argument).
  const std::string pid = test::pg_value(b.database().admin(), "SELECT pid FROM pg_stat_activity WHERE datname = '" +
                                                                    b.database().name() + "' AND application_name = 'diagdesk'");
  CHECK(test::pg_exec(b.database().admin(), "SELECT pg_terminate_backend(" + pid + ", 10000)").empty());
  Ticket back;
  const StoreStatus lost = store->get(t.number, back);
  CHECK(lost.error == StoreError::unreachable);
  CHECK(lost.detail.find(store->where()) == 0);
  // The next call connects again by itself, and nothing was lost.
  const StoreStatus again = store->get(t.number, back);
  INFO(again.detail);
  REQUIRE(again.ok());
  CHECK(back.title == "Before the cut");
  CHECK(new_ticket(*store, "After the cut").number == "INC-2026-000002");
}

TEST_CASE("a batch cut by a lost connection saves nothing of it") {
  test::PgBackend b;
  auto store = b.open_pg();
  new_ticket(*store, "Kept");
  REQUIRE(store->begin_batch().ok());
  Asset a;
  a.tag = "PC-1";
  std::vector<AssetEvent> none;
  REQUIRE(store->create_asset(a, none).ok());
  const std::string pid = test::pg_value(b.database().admin(), "SELECT pid FROM pg_stat_activity WHERE datname = '" +
                                                                    b.database().name() + "' AND application_name = 'diagdesk'");
  CHECK(test::pg_exec(b.database().admin(), "SELECT pg_terminate_backend(" + pid + ", 10000)").empty());
  Asset c;
  c.tag = "PC-2";
  CHECK(store->create_asset(c, none).error == StoreError::unreachable);
  // The batch went with the connection: committing it says so, then there is none.
  const StoreStatus commit = store->commit_batch();
  CHECK((commit.error == StoreError::unreachable || commit.error == StoreError::io));
  CHECK(store->commit_batch().error == StoreError::io);
  std::vector<Asset> all;
  REQUIRE(store->list_assets({}, all).ok());  // reconnected
  CHECK(all.empty());
  std::vector<Ticket> tickets;
  REQUIRE(store->list({}, tickets).ok());
  CHECK(tickets.size() == 1);
}

TEST_CASE("two Diagdesks opening an empty database at once create its schema once") {
  test::PgDatabase db;
  std::vector<StoreStatus> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results) {
    threads.emplace_back([&db, &r] {
      auto store = PgStore::open(db.admin(), {}, r);
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) {
    INFO(r.detail);
    CHECK(r.ok());
  }
  CHECK(test::pg_value(db.admin(), "SELECT version FROM schema_version") == std::to_string(latest_pg_schema_version()));
  CHECK(test::pg_value(db.admin(), "SELECT count(*) FROM schema_version") == "1");
}

TEST_CASE("a schema-1 team database upgrades to problems and quotes and keeps its tickets, operators wait for the owner") {
  test::PgDatabase db;
  Ticket t;
  {
    StoreStatus s;
    PgOptions first;
    first.migrate_to = 1;
    auto old = PgStore::open(db.admin(), first, s);
    INFO(s.detail);
    REQUIRE(old);
    CHECK(old->schema_version() == 1);
    REQUIRE(test::add(*old, "Before problems", t).ok());
  }
  // A desk's login never upgrades (migrate = false): told to run team init.
  StoreStatus s;
  PgOptions desk;
  desk.migrate = false;
  CHECK_FALSE(PgStore::open(db.admin(), desk, s));
  CHECK(s.detail.find("upgraded from 1") != std::string::npos);
  CHECK(s.detail.find("team init") != std::string::npos);
  auto now = PgStore::open(db.admin(), {}, s);
  INFO(s.detail);
  REQUIRE(now);
  CHECK(now->schema_version() == latest_pg_schema_version());
  Ticket read;
  REQUIRE(now->get(t.number, read).ok());
  CHECK(read.title == "Before problems");
  std::vector<ProblemRecord> problems;
  CHECK(problem_store_for(*now)->list_problems({}, problems).ok());
  CHECK(problems.empty());
}

TEST_CASE("libpq's conventions work: a service file (PGSERVICEFILE, service=) and a password file (PGPASSFILE)") {
  test::PgDatabase db;
  test::TempDir dir;
  const std::string port = test::pg_state("port");
  const std::string password = test::pg_state("admin_password");
  // ~/.pg_service.conf, here through PGSERVICEFILE: the connection string names the service only.
  const auto services = dir.write("pg_service.conf", "[team]\nhost=127.0.0.1\nport=" + port +
                                                         "\nuser=diagdesk_admin\ndbname=" + db.name() + "\n");
  // ~/.pgpass, here through PGPASSFILE (libpq wants it 0600): no password in any Diagdesk string.
  const auto pass = dir.write("pgpass", "127.0.0.1:" + port + ":*:diagdesk_admin:" + password + "\n");
  std::filesystem::permissions(pass, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  ::setenv("PGSERVICEFILE", services.c_str(), 1);
  ::setenv("PGPASSFILE", pass.c_str(), 1);
  StoreStatus status;
  auto store = open_pg("service=team", status);
  INFO(status.detail);
  CHECK(store);
  if (store) CHECK(store->where().find(db.name()) != std::string::npos);
  auto by_uri = open_pg("postgresql://diagdesk_admin@127.0.0.1:" + port + "/" + db.name() + "?sslmode=disable", status);
  INFO(status.detail);
  CHECK(by_uri);
  // sslmode=require against a server without TLS: refused, said so.
  CHECK_FALSE(open_pg("postgresql://diagdesk_admin@127.0.0.1:" + port + "/" + db.name() + "?sslmode=require", status));
  CHECK(status.detail.find("SSL") != std::string::npos);
  ::unsetenv("PGSERVICEFILE");
  ::unsetenv("PGPASSFILE");
}
