// The desk's asset inventory: add, update, show and list; a ticket on an
// asset starts its diagnoses with the asset's facts (the ticket's own
// facts winning) and shows a running warranty.
#include "fixture.hpp"

#include <diagdesk/workspace/service_desk.hpp>

#include <doctest/doctest.h>

using namespace diagdesk;
using workspace::AssetView;
using workspace::DeskError;
namespace sv = diagdesk::service;

namespace {

/// 2026-12-07 12:00 UTC.
constexpr sv::Time december_7 = 1796644800;

/// A desk over the bundled KB in a temporary data folder, clock fixed.
struct AssetDesk {
  test::TempDir home;
  workspace::Workspace ws;
  std::unique_ptr<workspace::ServiceDesk> desk;

  explicit AssetDesk(engine::Lang lang = engine::Lang::en)
      : ws(workspace::Workspace::open({DIAGDESK_DATA_DIR, {}, home.path(), lang})) {
    DeskError err;
    desk = workspace::ServiceDesk::open(ws, err);
    REQUIRE_MESSAGE(desk, err.message);
    desk->set_clock([] { return december_7; });
  }

  AssetView add(const std::string& tag, const std::vector<std::pair<std::string, std::string>>& fields) {
    AssetView v;
    const DeskError e = desk->add_asset(tag, fields, "marie", v);
    REQUIRE_MESSAGE(e.ok(), e.message);
    return v;
  }

  workspace::TicketView ticket_on(const std::string& tag, std::vector<std::string> facts = {}) {
    workspace::NewTicket n;
    n.title = "The laptop does not start";
    n.caller_name = "Paul Martin";
    n.asset_tag = tag;
    n.facts = std::move(facts);
    workspace::TicketView v;
    const DeskError e = desk->create(n, "marie", v);
    REQUIRE_MESSAGE(e.ok(), e.message);
    return v;
  }
};

}  // namespace

TEST_CASE("the bundled asset-to-fact mapping loads without problems") {
  AssetDesk d;
  for (const auto& p : d.desk->config().problems) FAIL_CHECK(sv::format(p));
  CHECK(d.desk->asset_fact_rules().size() >= 3);
}

TEST_CASE("an asset is added, changed, shown with its history and tickets, and listed") {
  AssetDesk d;
  AssetView v = d.add("PC-0042", {{"type", "laptop"}, {"os", "windows11"}, {"site", "Lyon"}, {"user", "pmartin"},
                                  {"mac", "AA-BB-CC-DD-EE-FF"}, {"warranty_end", "2027-03-31"}});
  CHECK(v.asset.type == sv::AssetType::laptop);
  CHECK(v.asset.mac == "aa:bb:cc:dd:ee:ff");
  CHECK(v.under_warranty);
  REQUIRE(v.history.size() == 7);
  CHECK(v.history[0].kind == sv::EventKind::created);
  CHECK(v.history[1].field == "type");

  d.ticket_on("PC-0042");
  AssetView changed;
  REQUIRE(d.desk->update_asset("PC-0042", "site", "Paris", "bob", changed, v.asset.version).ok());
  CHECK(changed.asset.site == "Paris");
  CHECK(changed.asset.version == 2);
  CHECK(changed.history.back().old_value == "Lyon");
  REQUIRE(changed.tickets.size() == 1);
  CHECK(changed.tickets[0].asset_tag == "PC-0042");

  d.add("PRN-1", {{"type", "printer"}, {"site", "Lyon"}, {"warranty_end", "2026-12-20"}});
  d.add("PC-0001", {{"type", "desktop"}, {"warranty_end", "2026-12-01"}});  // ended
  workspace::AssetQuery q;
  std::vector<sv::Asset> list;
  REQUIRE(d.desk->list_assets(q, list).ok());
  CHECK(list.size() == 3);
  q.warranty_within_days = 30;
  REQUIRE(d.desk->list_assets(q, list).ok());
  REQUIRE(list.size() == 1);
  CHECK(list[0].tag == "PRN-1");
  q = {};
  q.filter.type = sv::AssetType::laptop;
  REQUIRE(d.desk->list_assets(q, list).ok());
  REQUIRE(list.size() == 1);
  CHECK(list[0].tag == "PC-0042");
}

TEST_CASE("bad asset values are refused with the field and nothing is saved") {
  AssetDesk d(engine::Lang::fr);
  AssetView v;
  DeskError e = d.desk->add_asset("PC-1", {{"ip", "300.1.1.1"}}, "marie", v);
  CHECK(e.code == "bad_value");
  CHECK(e.message.find("ip") != std::string::npos);
  CHECK(e.message.find("300.1.1.1") != std::string::npos);
  CHECK(e.message.find("valeur refusée") != std::string::npos);
  CHECK(d.desk->get_asset("PC-1", v).code == "not_found");
  CHECK(d.desk->add_asset("PC 1", {}, "marie", v).code == "bad_value");
  CHECK(d.desk->add_asset("PC-1", {{"colour", "red"}}, "marie", v).message.find("champ d'équipement inconnu") !=
        std::string::npos);
  d.add("PC-1", {{"serial", "SN-1"}});
  CHECK(d.desk->add_asset("PC-1", {}, "marie", v).code == "duplicate");
  e = d.desk->add_asset("PC-2", {{"serial", "SN-1"}}, "marie", v);
  CHECK(e.code == "duplicate");
  CHECK(e.message.find("numéro de série") != std::string::npos);
  CHECK(d.desk->update_asset("PC-1", "mac", "zz", "marie", v).code == "bad_value");
  CHECK(d.desk->update_asset("PC-1", "serial", "SN-2", "marie", v, 7).code == "stale");
  CHECK(d.desk->update_asset("PC-9", "serial", "SN-2", "marie", v).code == "not_found");
  workspace::AssetQuery q;
  q.warranty_within_days = -1;
  std::vector<sv::Asset> list;
  CHECK(d.desk->list_assets(q, list).code == "bad_value");
}

TEST_CASE("a ticket on a laptop under Windows 11 starts its diagnosis with the asset's facts") {
  AssetDesk d;
  d.add("PC-0042", {{"type", "laptop"}, {"os", "windows11"}, {"warranty_end", "2027-03-31"}});
  const auto t = d.ticket_on("PC-0042");
  const auto facts = d.desk->ticket_facts(t.ticket);
  CHECK(std::find(facts.begin(), facts.end(), "os=windows11") != facts.end());
  CHECK(std::find(facts.begin(), facts.end(), "device=laptop") != facts.end());
  CHECK(std::find(facts.begin(), facts.end(), "asset_tag=PC-0042") != facts.end());
  CHECK(std::find(facts.begin(), facts.end(), "hw_under_warranty=true") != facts.end());
  auto started = d.desk->start_diagnosis(t.ticket.number, "net.no_internet", {}, engine::Lang::en);
  REQUIRE_MESSAGE(started.session, started.error);
  REQUIRE(started.session->facts().count("os"));
  CHECK(started.session->facts().at("os").value == "windows11");
  REQUIRE(started.session->facts().count("device"));
  CHECK(started.session->facts().at("device").value == "laptop");

  SUBCASE("the ticket's own fact wins over the asset's") {
    const auto own = d.ticket_on("PC-0042", {"os=windows10"});
    const auto f = d.desk->ticket_facts(own.ticket);
    CHECK(std::find(f.begin(), f.end(), "os=windows10") != f.end());
    CHECK(std::find(f.begin(), f.end(), "os=windows11") == f.end());
    CHECK(std::find(f.begin(), f.end(), "device=laptop") != f.end());
  }
  SUBCASE("an OS the fact does not know gives no os fact") {
    AssetView v;
    REQUIRE(d.desk->update_asset("PC-0042", "os", "Windows 11 Pro N", "marie", v).ok());
    const auto f = d.desk->ticket_facts(t.ticket);
    for (const auto& x : f) CHECK(x.rfind("os=", 0) != 0);
  }
}

TEST_CASE("a warranty still running shows on the ticket, an ended one does not") {
  AssetDesk d;
  d.add("PC-1", {{"type", "laptop"}, {"warranty_end", "2026-12-07"}});  // ends today: still running
  d.add("PC-2", {{"type", "laptop"}, {"warranty_end", "2026-12-06"}});
  d.add("PC-3", {{"type", "laptop"}});
  CHECK(d.ticket_on("PC-1").warranty_end == sv::Date{2026, 12, 7});
  CHECK_FALSE(d.ticket_on("PC-2").warranty_end);
  CHECK_FALSE(d.ticket_on("PC-3").warranty_end);
  CHECK_FALSE(d.ticket_on("NOT-IN-INVENTORY").warranty_end);
  const auto f = d.desk->ticket_facts(d.ticket_on("PC-2").ticket);
  CHECK(std::find(f.begin(), f.end(), "hw_under_warranty=false") != f.end());
  workspace::TicketView again;
  REQUIRE(d.desk->get(d.ticket_on("PC-1").ticket.number, again).ok());
  CHECK(again.warranty_end == sv::Date{2026, 12, 7});
}
