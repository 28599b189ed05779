// End-to-end: `diagdesk team init | add-user | roles` and `diagdesk db
// migrate --to` against the throw-away PostgreSQL cluster ctest starts
// (pg_fixture.hpp): exits, messages in both languages, the password never
// printed, the login able to connect with it, the desk's tickets on the server.
#include "pg_fixture.hpp"
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using test::diagdesk;

TEST_CASE("team init, add-user and roles set up a team server, bad input is refused with exit 2") {
  test::TempDir home;
  test::PgDatabase db;
  const std::string server = test::quote(db.admin());
  auto r = diagdesk(home, "--lang en team init " + server);
  INFO(r.err);
  REQUIRE(r.rc == 0);
  CHECK(r.out.find("ready") != std::string::npos);
  r = diagdesk(home, "--lang fr team init " + server);  // again: safe
  CHECK(r.rc == 0);
  CHECK(r.out.find("prêt") != std::string::npos);

  const std::string login = "anna_" + std::to_string(::getpid());
  r = diagdesk(home, "team add-user " + login + " --role operator --store " + server + " --password-stdin --json",
               "Tr0ub4dor&3\n");
  INFO(r.err);
  REQUIRE(r.rc == 0);
  const auto out = nlohmann::json::parse(r.out);
  CHECK(out["status"] == "created");
  CHECK(r.out.find("Tr0ub4dor") == std::string::npos);
  CHECK(r.err.find("Tr0ub4dor") == std::string::npos);
  // The login works with that password, over TCP.
  CHECK(test::pg_value(db.tcp(login, "Tr0ub4dor&3"), "SELECT current_user") == login);
  r = diagdesk(home, "--lang en team roles " + login + " --store " + server);
  CHECK(r.rc == 0);
  CHECK(r.out.find(login + ": operator") != std::string::npos);

  r = diagdesk(home, "--lang en team add-user bob --role boss --store " + server + " --no-password");
  CHECK(r.rc == 2);
  CHECK(r.err.find("'boss' is not a role") != std::string::npos);
  r = diagdesk(home, "--lang fr team add-user 'Bob Smith' --role operator --store " + server + " --no-password");
  CHECK(r.rc == 2);
  CHECK(r.err.find("nom de connexion") != std::string::npos);
  r = diagdesk(home, "--lang en team add-user bob --role operator --store " + server);  // stdin is no terminal
  CHECK(r.rc == 2);
  CHECK(r.err.find("--password-stdin") != std::string::npos);
  r = diagdesk(home, "--lang en team add-user bob --role operator --store " + server + " --password-stdin", "");
  CHECK(r.rc == 2);
  CHECK(test::pg_value(db.admin(), "SELECT count(*) FROM pg_roles WHERE rolname = 'bob'") == "0");

  r = diagdesk(home, "--lang en team init 'postgresql://x:hunter2@127.0.0.1:1/team'");
  CHECK(r.rc == 1);
  CHECK(r.err.find("cannot be reached") != std::string::npos);
  CHECK(r.err.find("hunter2") == std::string::npos);
  test::pg_exec(test::pg_state("conninfo"), "DROP ROLE IF EXISTS " + login);
}

TEST_CASE("db migrate copies the desk's tickets to the team server, counted, and refuses a second copy") {
  test::TempDir home;
  test::PgDatabase db;
  const std::string data = "--data " + test::quote(DIAGDESK_DATA_DIR) + " --lang en ";
  for (const char* title : {"Imprimante HS", "VPN coupé"}) {
    const auto r = diagdesk(home, data + "incident new --title " + test::quote(title) +
                                      " --caller 'Marie Dupont' --impact medium --urgency high");
    INFO(r.err);
    REQUIRE(r.rc == 0);
  }
  REQUIRE(diagdesk(home, "team init " + test::quote(db.admin())).rc == 0);
  auto r = diagdesk(home, data + "db migrate --to " + test::quote(db.admin()) + " --json");
  INFO(r.err);
  REQUIRE(r.rc == 0);
  const auto out = nlohmann::json::parse(r.out);
  CHECK(out["copied"]["tickets"] == 2);
  CHECK(out["copied"]["events"] == out["source"]["events"]);
  CHECK(test::pg_value(db.admin(), "SELECT string_agg(number || ' ' || title, ', ' ORDER BY number) FROM tickets") ==
        "INC-2026-000001 Imprimante HS, INC-2026-000002 VPN coupé");
  r = diagdesk(home, data + "db migrate --to " + test::quote(db.admin()));
  CHECK(r.rc == 1);
  CHECK(r.err.find("nothing was copied") != std::string::npos);
  CHECK(test::pg_value(db.admin(), "SELECT count(*) FROM tickets") == "2");
  r = diagdesk(home, data + "db migrate --to " + test::quote((home.path() / "other.sqlite").string()));
  CHECK(r.rc == 2);
  CHECK(r.err.find("not the address of a PostgreSQL server") != std::string::npos);
}

namespace {

/// A team database with logins; `store(login)` is the --store option of that login.
struct TeamServer {
  test::PgDatabase db;
  std::vector<std::string> logins;
  TeamServer(test::TempDir& home, const std::vector<std::pair<std::string, std::string>>& people) {
    REQUIRE(diagdesk(home, "team init " + test::quote(db.admin())).rc == 0);
    for (const auto& [who, role] : people) {
      const std::string login = who + "_" + std::to_string(::getpid());
      const auto r = diagdesk(home, "team add-user " + login + " --role " + role + " --store " + test::quote(db.admin()) +
                                        " --password-stdin", "pw-" + login + "\n");
      INFO(r.err);
      REQUIRE(r.rc == 0);
      logins.push_back(login);
    }
  }
  ~TeamServer() {
    for (const auto& l : logins) test::pg_exec(test::pg_state("conninfo"), "DROP ROLE IF EXISTS " + l);
  }
  std::string store(std::size_t i) const { return "--store " + test::quote(db.tcp(logins[i], "pw-" + logins[i])) + " "; }
};

}  // namespace

TEST_CASE("two operators' diagdesk processes share one queue on the team server, and a stale change is refused") {
  test::TempDir home_anna, home_bob;
  TeamServer team(home_anna, {{"anna", "operator"}, {"bob", "operator"}, {"eve", "trainee"}});
  const std::string data = "--data " + test::quote(DIAGDESK_DATA_DIR) + " --lang en ";
  auto r = diagdesk(home_anna, data + team.store(0) + "incident new --title 'Imprimante HS' --caller 'Marie Dupont' "
                                                      "--impact medium --urgency high --operator anna --json");
  INFO(r.err);
  REQUIRE(r.rc == 0);
  const std::string number = nlohmann::json::parse(r.out)["number"];
  CHECK(number == "INC-2026-000001");
  // Bob, another process with another data folder and login, sees it in his queue and takes it.
  r = diagdesk(home_bob, data + team.store(1) + "incident list --json");
  INFO(r.err);
  REQUIRE(r.rc == 0);
  CHECK(r.out.find("Imprimante HS") != std::string::npos);
  r = diagdesk(home_bob, data + team.store(1) + "incident assign " + number + " bob --as bob --version 1");
  INFO(r.err);
  CHECK(r.rc == 0);
  // Anna still has version 1: her change is refused, Bob's kept.
  r = diagdesk(home_anna, data + team.store(0) + "incident note " + number + " 'rappelé' --operator anna --version 1");
  CHECK(r.rc != 0);
  CHECK(r.err.find("changed by someone else") != std::string::npos);
  r = diagdesk(home_anna, data + team.store(0) + "incident show " + number + " --json");
  REQUIRE(r.rc == 0);
  CHECK(r.out.find("\"bob\"") != std::string::npos);
  // The desk's own SQLite file was never made: the tickets are on the server.
  CHECK_FALSE(std::filesystem::exists(home_anna.path() / "userdata" / "service.sqlite"));
  // A trainee's queue holds no real ticket.
  r = diagdesk(home_anna, data + team.store(2) + "incident list --json");
  REQUIRE(r.rc == 0);
  CHECK(r.out.find("Imprimante HS") == std::string::npos);
  // Problems and quotes are shared too: Anna opens a problem and links the
  // incident, Bob sees both; Bob drafts a quote, Anna finds it.
  r = diagdesk(home_anna, data + team.store(0) + "problem new --title 'Imprimantes hors ligne' --operator anna --json");
  INFO(r.err);
  REQUIRE(r.rc == 0);
  CHECK(r.out.find("PRB-2026-000001") != std::string::npos);
  r = diagdesk(home_anna, data + team.store(0) + "problem link PRB-2026-000001 " + number + " --operator anna");
  INFO(r.err);
  REQUIRE(r.rc == 0);
  r = diagdesk(home_bob, data + team.store(1) + "problem show PRB-2026-000001 --json");
  INFO(r.err);
  REQUIRE(r.rc == 0);
  CHECK(r.out.find(number) != std::string::npos);
  r = diagdesk(home_bob, data + team.store(1) + "quote new --customer 'Marie Dupont' --operator bob --json");
  INFO(r.err);
  REQUIRE(r.rc == 0);
  CHECK(r.out.find("DEV-2026-0001") != std::string::npos);
  r = diagdesk(home_anna, data + team.store(0) + "quote list --json");
  INFO(r.err);
  REQUIRE(r.rc == 0);
  CHECK(r.out.find("Marie Dupont") != std::string::npos);
  // A trainee sees neither: the server refuses, and the message says so.
  r = diagdesk(home_anna, data + team.store(2) + "problem list");
  CHECK(r.rc != 0);
  CHECK(r.err.find("permission denied") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(home_bob.path() / "userdata" / "service.sqlite"));
}

TEST_CASE("the team server unreachable or the login refused: a clear message, exit 1, the password never shown") {
  test::TempDir home;
  test::PgDatabase db;
  const std::string data = "--data " + test::quote(DIAGDESK_DATA_DIR) + " --lang en ";
  auto r = diagdesk(home, data + "--store 'postgresql://anna:hunter2@127.0.0.1:1/diagdesk' incident list");
  CHECK(r.rc == 1);
  CHECK(r.err.find("cannot be reached") != std::string::npos);
  CHECK(r.err.find("hunter2") == std::string::npos);
  r = diagdesk(home, data + "--store " + test::quote(db.tcp("diagdesk_admin", "wrong-one")) + " incident list");
  CHECK(r.rc == 1);
  CHECK(r.err.find("refuses") != std::string::npos);
  CHECK(r.err.find("wrong-one") == std::string::npos);
  // A database without the schema: told to run team init.
  r = diagdesk(home, data + "--store " + test::quote(db.admin()) + " incident list");
  CHECK(r.rc == 1);
  CHECK(r.err.find("team init") != std::string::npos);
  r = diagdesk(home, data + "--store " + test::quote(db.admin()) + " db check");
  CHECK(r.rc == 2);
  CHECK(r.err.find("pg_dump") != std::string::npos);
}
