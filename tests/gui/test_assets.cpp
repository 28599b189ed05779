// The Assets tab (F7) through the real presenter and panels, headless: a CSV
// imported in the background, the report, the filters, an asset's card.
#include "fixture.hpp"

#include "app/assets_presenter.hpp"
#include "app/tickets_presenter.hpp"

#include <diagdesk/workspace/service_desk.hpp>

#include <fstream>

using namespace diagdesk;
using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;
namespace sv = diagdesk::service;

namespace {

/// 2026-05-22 (a Friday) 10:00 in Paris.
constexpr sv::Time friday_10h = 1779436800;
constexpr int key_f7 = keys::f1 + 6;

// Four rows: two laptops (one in Lyon for user jdupont, warranty to
// 2026-06-10), a desktop in Paris with no warranty end, and a row with a bad date.
const char* const csv =
    "Name,Status,Manufacturer,Serial number,Type,Model,Location,Inventory number,User,Warranty expiration date\n"
    "LAPTOP-1,In use,Lenovo,SN-001,Laptop,ThinkPad T14,Lyon,PC-0001,jdupont,2026-06-10\n"
    "LAPTOP-2,In use,Dell,SN-002,Laptop,Latitude 5440,Paris,PC-0002,mmartin,2028-01-31\n"
    "DESK-3,In use,HP,SN-003,Desktop,EliteDesk,Paris,PC-0003,mmartin,\n"
    "DESK-4,In use,HP,SN-004,Desktop,EliteDesk,Paris,PC-0004,pdurand,31/02/2027\n";

struct AssetsApp : HeadlessApp {
  explicit AssetsApp(std::string lang = "en") : HeadlessApp(std::move(lang)) {
    press(key_f7);
    REQUIRE(vm().tab == Tab::assets);
    REQUIRE_MESSAGE(presenter->tickets().opened(), vm().assets.error);
    presenter->tickets().desk()->set_clock([] { return friday_10h; });
  }
  const AssetsVm& assets() { return vm().assets; }
  void act(const std::string& verb, const std::string& tag, std::vector<std::pair<std::string, std::string>> fields = {}) {
    Intent i{IntentKind::asset, verb, tag};
    i.fields = std::move(fields);
    presenter->apply(i);
    frame();
  }
  /// Types the path in the import field, clicks Import, waits for the job.
  void import_file(const std::string& path) {
    ui.assets.path = path;
    frame();
    click("assets/import");
    presenter->assets().wait();
    frames(2);
  }
  std::vector<std::string> tags() {
    std::vector<std::string> out;
    for (const auto& r : assets().rows) out.push_back(r.tag);
    return out;
  }
};

std::string write_csv(const TempDir& dir, const std::string& text) {
  const auto path = dir.path / "parc.csv";
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE("the Assets tab imports a CSV in the background and shows the rows and the rejected one") {
  AssetsApp app;
  TempDir dir;
  app.import_file(write_csv(dir, csv));
  const AssetImportVm& r = app.assets().import;
  CHECK_FALSE(r.running);
  REQUIRE(r.done);
  CHECK_FALSE(r.failed);
  CHECK(r.added == 3);
  CHECK(r.rejected == 1);
  CHECK(r.summary.find("3 added, 0 updated, 0 unchanged, 1 rejected") != std::string::npos);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0].find("line 5") != std::string::npos);
  CHECK(r.lines[0].find("31/02/2027") != std::string::npos);
  CHECK(app.tags() == std::vector<std::string>{"PC-0001", "PC-0002", "PC-0003"});
  CHECK(app.rects.count("assets/row/PC-0002") == 1);

  SUBCASE("a re-import after a change updates that row and leaves the others") {
    std::string changed = csv;
    changed.replace(changed.find("Latitude 5440,Paris"), 19, "Latitude 5440,Lyon");
    app.import_file(write_csv(dir, changed));
    const AssetImportVm& again = app.assets().import;
    CHECK(again.updated == 1);
    CHECK(again.unchanged == 2);
    REQUIRE(again.lines.size() == 2);
    CHECK(again.lines[0] == "line 3: PC-0002 updated (site)");
  }
  SUBCASE("in French the report is in French") {
    app.presenter->apply({IntentKind::set_lang, "fr"});
    app.import_file(write_csv(dir, csv));
    CHECK(app.assets().import.summary.find("3 inchangé(s), 1 rejeté(s)") != std::string::npos);
    REQUIRE(app.assets().import.lines.size() == 1);
    CHECK(app.assets().import.lines[0].find("n'est pas une date") != std::string::npos);
  }
}

TEST_CASE("the Assets tab says why a file cannot be imported") {
  AssetsApp app;
  TempDir dir;
  app.import_file((dir.path / "missing.csv").string());
  CHECK(app.assets().import.failed);
  CHECK(app.assets().import.summary.find("cannot read the file") != std::string::npos);
  CHECK(app.assets().rows.empty());
  app.ui.assets.path.clear();
  app.frame();
  app.click("assets/import");
  CHECK(app.assets().message == "give the CSV file to import");
}

TEST_CASE("the Assets tab filters by type, site, user and warranty end") {
  AssetsApp app;
  TempDir dir;
  app.import_file(write_csv(dir, csv));
  using Tags = std::vector<std::string>;
  SUBCASE("type") {
    app.act("filter", "", {{"type", "desktop"}});
    CHECK(app.tags() == Tags{"PC-0003"});
  }
  SUBCASE("site and user") {
    app.act("filter", "", {{"site", "Paris"}, {"user", "mmartin"}});
    CHECK(app.tags() == Tags{"PC-0002", "PC-0003"});
  }
  SUBCASE("warranty ending within 30 days, typed in the panel") {
    app.ui.assets.days = "30";
    app.frame();
    app.click("assets/filter");
    CHECK(app.assets().days == "30");
    CHECK(app.tags() == Tags{"PC-0001"});
    CHECK(app.assets().count == "1 asset(s)");
  }
  SUBCASE("a bad day count is said and lists nothing") {
    app.act("filter", "", {{"days", "soon"}});
    CHECK(app.assets().message == "the warranty filter takes a number of days, not 'soon'");
    CHECK(app.tags().empty());
  }
}

TEST_CASE("an asset's card shows its fields, warranty, tickets and history, and opens a ticket") {
  AssetsApp app;
  TempDir dir;
  app.import_file(write_csv(dir, csv));
  workspace::ServiceDesk& desk = *app.presenter->tickets().desk();
  workspace::NewTicket n;
  n.title = "Laptop does not start";
  n.caller_name = "Jean Dupont";
  n.asset_tag = "PC-0001";
  workspace::TicketView t;
  REQUIRE(desk.create(n, "marie", t).ok());
  workspace::AssetView v;
  REQUIRE(desk.update_asset("PC-0001", "room", "B12", "marie", v).ok());

  app.act("refresh", "");
  app.click("assets/row/PC-0001");
  const AssetCardVm& c = app.assets().card;
  REQUIRE(c.open);
  CHECK(c.tag == "PC-0001");
  CHECK(c.title == "PC-0001 · laptop");
  CHECK(c.warranty == "Under warranty until 2026-06-10: hardware return rather than repair");
  bool room = false;
  for (const auto& [label, value] : c.fields) room |= label == "Room" && value == "B12";
  CHECK(room);
  REQUIRE(c.tickets.size() == 1);
  CHECK(c.tickets[0].number == t.ticket.number);
  CHECK(c.tickets[0].text.find("Laptop does not start") != std::string::npos);
  REQUIRE(c.history.size() == 2);
  CHECK(c.history[0].find("created") != std::string::npos);
  CHECK(c.history[1].find("Room: - -> B12") != std::string::npos);

  app.frame();  // draws the card
  app.click("assets/ticket/" + t.ticket.number);
  CHECK(app.vm().tab == Tab::tickets);
  CHECK(app.vm().tickets.detail.number == t.ticket.number);
}

TEST_CASE("an asset imported in the Assets tab gives its facts to a diagnosis started from a ticket on it") {
  AssetsApp app;
  TempDir dir;
  app.import_file(write_csv(dir, csv));
  REQUIRE(app.assets().import.added == 3);
  workspace::NewTicket n;
  n.title = "No network";
  n.caller_name = "Marc Martin";
  n.category = "network";
  n.asset_tag = "PC-0002";
  workspace::TicketView v;
  const auto e = app.presenter->tickets().desk()->create(n, "marie", v);
  REQUIRE_MESSAGE(e.ok(), e.message);

  Intent i{IntentKind::ticket, "diagnose", v.ticket.number};
  i.fields = {{"tree", "net.no_internet"}};
  app.presenter->apply(i);
  app.frame();
  CHECK(app.vm().tab == Tab::diagnosis);
  REQUIRE(app.presenter->session() != nullptr);
  const auto& facts = app.presenter->session()->facts();
  REQUIRE(facts.count("device"));
  CHECK(facts.at("device").value == "laptop");  // the CSV's Type "Laptop"
  REQUIRE(facts.count("asset_tag"));
  CHECK(facts.at("asset_tag").value == "PC-0002");
  REQUIRE(facts.count("hw_under_warranty"));
  CHECK(facts.at("hw_under_warranty").value == "true");  // 2028-01-31, after the ticket
}
