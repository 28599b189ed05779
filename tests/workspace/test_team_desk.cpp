// The service desk on the team server (PostgreSQL test cluster, pg_fixture.hpp):
// a diagnosis whose ticket cannot be reached when it ends is kept on the desk
// and attached at the next start that reaches the server; a kept file that is
// not Diagdesk's is left alone and reported.
#include "fixture.hpp"
#include "pg_fixture.hpp"

#include <diagdesk/service/pg_team.hpp>
#include <diagdesk/workspace/service_desk.hpp>

#include <doctest/doctest.h>

#include <fstream>

using namespace diagdesk;
using workspace::DeskError;
using workspace::ServiceDesk;
using workspace::TicketView;

namespace {

struct TeamDesk {
  test::TempDir home;
  test::PgDatabase db;
  workspace::Workspace ws;
  TeamDesk() : ws(open_ws(home, db)) {}
  static workspace::Workspace open_ws(const test::TempDir& home, const test::PgDatabase& db) {
    const auto s = service::team_init(db.admin());
    INFO(s.detail);
    REQUIRE(s.ok());
    workspace::Options o{DIAGDESK_DATA_DIR, {}, home.path(), engine::Lang::en};
    o.store = db.admin();
    return workspace::Workspace::open(o);
  }
  std::unique_ptr<ServiceDesk> open() {
    DeskError err;
    auto desk = ServiceDesk::open(ws, err);
    INFO(err.message);
    REQUIRE(desk);
    return desk;
  }
  /// Ends the desk's connection from the server's side (a restart, a network
  /// cut), and waits until its backend is gone (PostgreSQL 14+'s timeout
  /// argument): without it the next statement could still reach the backend
  /// under load, and the test would not see the cut.
  void cut() {
    test::pg_exec(db.admin(), "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = '" + db.name() +
                                  "' AND application_name = 'diagdesk'");
  }
};

}  // namespace

TEST_CASE("a diagnosis that cannot reach the team server is kept on the desk and attached at the next start") {
  TeamDesk t;
  std::string number;
  {
    auto desk = t.open();
    CHECK(desk->sqlite_store() == nullptr);
    workspace::NewTicket n;
    n.title = "Pas d'accès Internet";
    n.caller_name = "Marie Dupont";
    TicketView v;
    REQUIRE(desk->create(n, "anna", v).ok());
    number = v.ticket.number;
    auto started = desk->start_diagnosis(number, "net.no_internet", {}, engine::Lang::fr);
    REQUIRE(started.session);
    for (int i = 0; i < 40 && !started.session->concluded(); ++i) {
      if (started.session->answer("1") != engine::AnswerError::none) started.session->dont_know();
    }
    t.cut();  // the server goes away while the operator answers
    TicketView after;
    const DeskError e = desk->attach_diagnosis(number, *started.session, {}, "anna", after);
    CHECK(e.code == "unreachable");
    CHECK(e.message.find("kept on this desk") != std::string::npos);
    CHECK(e.message.find(ServiceDesk::pending_dir(t.ws).string()) != std::string::npos);
  }
  std::size_t kept = 0;
  for ([[maybe_unused]] const auto& f : std::filesystem::directory_iterator(ServiceDesk::pending_dir(t.ws))) ++kept;
  CHECK(kept == 1);
  // A file dropped there that is not a kept diagnosis: left alone, reported.
  std::ofstream(ServiceDesk::pending_dir(t.ws) / "zz-foreign.toml") << "rm -rf /\n";

  auto desk = t.open();  // the server is reachable: the kept diagnosis goes to its ticket
  CHECK(desk->pending_report().attached == 1);
  CHECK(desk->pending_report().left == 1);
  REQUIRE(desk->pending_report().problems.size() == 1);
  CHECK(desk->pending_report().problems[0].find("zz-foreign.toml") != std::string::npos);
  TicketView v;
  REQUIRE(desk->get(number, v).ok());
  CHECK(v.ticket.sessions.size() == 1);
  CHECK(v.ticket.operator_name == "anna");  // taken in charge by whoever diagnosed it
  CHECK(std::filesystem::exists(ServiceDesk::pending_dir(t.ws) / "zz-foreign.toml"));
  kept = 0;
  for ([[maybe_unused]] const auto& f : std::filesystem::directory_iterator(ServiceDesk::pending_dir(t.ws))) ++kept;
  CHECK(kept == 1);  // only the foreign file
  // Opening again attaches nothing twice.
  auto again = t.open();
  CHECK(again->pending_report().attached == 0);
  REQUIRE(again->get(number, v).ok());
  CHECK(v.ticket.sessions.size() == 1);
}
