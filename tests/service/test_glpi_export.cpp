// Exchange with GLPI (glpi_export.hpp) and the ticket import of the store
// (Store::import_tickets): GLPI's numbers for our values, the CSV columns,
// assets export -> import, tickets restored with their numbers and history.
#include "store_fixture.hpp"

#include <diagdesk/service/asset_csv.hpp>
#include <diagdesk/service/glpi_export.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::service;

namespace {

// The cells of one CSV line (no quoted separators in these rows).
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ';') out.emplace_back();
    else if (c != '\r') out.back() += c;
  }
  return out;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find("\r\n", start)) != std::string::npos; start = nl + 2)
    out.push_back(text.substr(start, nl - start));
  return out;
}

}  // namespace

TEST_CASE("GLPI's numbers for statuses, grades, priorities and types") {
  // GLPI 10 CommonITILObject: INCOMING 1, ASSIGNED 2, PLANNED 3, WAITING 4, SOLVED 5, CLOSED 6.
  const std::vector<std::pair<Status, int>> statuses{{Status::new_, 1},     {Status::assigned, 2},
                                                     {Status::in_progress, 2}, {Status::pending, 4},
                                                     {Status::escalated, 2}, {Status::resolved, 5},
                                                     {Status::closed, 6}};
  for (const auto& [s, n] : statuses) {
    CAPTURE(name(s));
    CHECK(glpi_status(s) == n);
  }
  CHECK(glpi_grade(Grade::low) == 2);
  CHECK(glpi_grade(Grade::medium) == 3);
  CHECK(glpi_grade(Grade::high) == 4);
  for (int p = 1; p <= 5; ++p) CHECK(glpi_priority(p) == 6 - p);
  CHECK(glpi_type(TicketType::incident) == 1);
  CHECK(glpi_type(TicketType::request) == 2);
  CHECK(glpi_time(0) == "1970-01-01 00:00:00");
  CHECK(glpi_time(1796610391) == "2026-12-07 02:26:31");
}

TEST_CASE("tickets become GLPI ticket CSV with its columns, numbers and quoting") {
  Ticket t;
  t.number = "INC-2026-000007";
  t.title = "Printer offline";
  t.description = "Says \"jammed\"; again";
  t.status = Status::pending;
  t.urgency = Grade::high;
  t.impact = Grade::low;
  t.priority = 2;
  t.caller_name = "Marie Dupont";
  t.category = "hardware";
  t.created_at = 1796610391;
  t.resolved_at = 1796610391 + 3600;
  t.operator_name = "paul";
  t.asset_tag = "PRN-01";
  const std::string csv = tickets_glpi_csv({t});
  const auto rows = lines(csv);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "Titre;Description;Statut;Urgence;Impact;Priorité;Type;Demandeur;Catégorie;Date d'ouverture;"
                   "Date de résolution;Date de clôture;Technicien;Solution;Éléments associés;Référence externe");
  CHECK(split(rows[0]) == glpi_ticket_columns());
  CHECK(rows[1] == "Printer offline;\"Says \"\"jammed\"\"; again\";4;4;2;4;1;Marie Dupont;hardware;"
                   "2026-12-07 02:26:31;2026-12-07 03:26:31;;paul;;PRN-01;INC-2026-000007");
}

TEST_CASE("assets exported as GLPI CSV are read back field for field by the asset importer") {
  Asset a;
  a.tag = "PC-0042";
  a.type = AssetType::laptop;
  a.manufacturer = "Dell";
  a.model = "Latitude 5440";
  a.serial = "SN123";
  a.user = "pmartin";
  a.site = "Lyon";
  a.room = "B12";
  a.os = "windows11";
  a.os_version = "23H2";
  a.ip = "10.0.0.5";
  a.mac = "aa:bb:cc:dd:ee:ff";
  a.purchase_date = Date{2024, 3, 1};
  a.warranty_end = Date{2027, 3, 31};
  a.status = AssetStatus::in_repair;
  a.notes = "Screen; hinge \"loose\"";
  Asset b;
  b.tag = "SW-01";
  b.type = AssetType::switch_;
  b.status = AssetStatus::in_stock;
  Asset c;
  c.tag = "AP-2";
  c.type = AssetType::access_point;
  c.os = "linux";
  c.os_version = "OpenWrt 23";
  const std::string csv = assets_glpi_csv({a, b, c});
  CHECK(split(lines(csv)[0]) == glpi_asset_columns());
  const auto back = parse_asset_csv(csv);
  CHECK(back.report.rejected.empty());
  CHECK(back.report.warnings.empty());
  REQUIRE(back.rows.size() == 3);
  const std::vector<Asset> want{a, b, c};
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(want[i].tag);
    CHECK(back.rows[i].asset.tag == want[i].tag);
    for (const auto& f : asset_fields()) {
      CAPTURE(f);
      CHECK(asset_field_text(back.rows[i].asset, f) == asset_field_text(want[i], f));
    }
  }
}

TEST_CASE("imported tickets keep their numbers, times, sessions and history, and numbering goes on after them") {
  test::TempDir dir;
  auto source = test::open_store(dir.path() / "a.db");
  Ticket t1, t2;
  REQUIRE(test::add(*source, "Printer offline", t1, "jammed").ok());
  REQUIRE(test::add(*source, "No network", t2).ok());
  t1.status = Status::resolved;
  t1.resolved_at = 5000;
  t1.taken_at = 2000;
  t1.operator_name = "paul";
  t1.solution = "paper removed";
  t1.sessions = {"s-1.toml", "s-2.toml"};
  std::vector<Event> ev{{0, t1.id, 2000, "paul", EventKind::status, "status", "new", "resolved", "done"},
                        {0, t1.id, 3000, "paul", EventKind::call, "", "", "", "called back"}};
  REQUIRE(source->update(t1, ev).ok());

  std::vector<TicketRecord> records;
  for (const auto& number : {t1.number, t2.number}) {
    TicketRecord r;
    REQUIRE(source->get(number, r.ticket).ok());
    REQUIRE(source->history(r.ticket.id, r.history).ok());
    records.push_back(r);
  }
  auto target = test::open_store(dir.path() / "b.db");
  auto imported = records;
  REQUIRE(target->import_tickets(imported).ok());

  for (const auto& r : records) {
    Ticket got;
    REQUIRE(target->get(r.ticket.number, got).ok());
    CAPTURE(r.ticket.number);
    Ticket want = r.ticket;
    want.id = got.id;
    CHECK(got.title == want.title);
    CHECK(got.description == want.description);
    CHECK(got.status == want.status);
    CHECK(got.priority == want.priority);
    CHECK(got.created_at == want.created_at);
    CHECK(got.updated_at == want.updated_at);
    CHECK(got.taken_at == want.taken_at);
    CHECK(got.resolved_at == want.resolved_at);
    CHECK(got.closed_at == want.closed_at);
    CHECK(got.solution == want.solution);
    CHECK(got.operator_name == want.operator_name);
    CHECK(got.sessions == want.sessions);
    CHECK(got.version == want.version);
    std::vector<Event> history;
    REQUIRE(target->history(got.id, history).ok());
    REQUIRE(history.size() == r.history.size());
    for (std::size_t i = 0; i < history.size(); ++i) {
      CHECK(history[i].at == r.history[i].at);
      CHECK(history[i].actor == r.history[i].actor);
      CHECK(history[i].kind == r.history[i].kind);
      CHECK(history[i].field == r.history[i].field);
      CHECK(history[i].old_value == r.history[i].old_value);
      CHECK(history[i].new_value == r.history[i].new_value);
      CHECK(history[i].note == r.history[i].note);
    }
  }
  SUBCASE("the next ticket is numbered after the imported ones") {
    Ticket t3;
    REQUIRE(test::add(*target, "Third", t3).ok());
    CHECK(t3.number == "INC-2026-000003");
  }
  SUBCASE("a number already there refuses the whole import") {
    auto again = records;
    const auto s = target->import_tickets(again);
    CHECK(s.error == StoreError::duplicate);
    CHECK(test::count(*target) == 2);
  }
  SUBCASE("a malformed number is refused before anything is written") {
    auto bad = records;
    bad[0].ticket.number = "XYZ-1";
    auto empty = test::open_store(dir.path() / "c.db");
    CHECK_FALSE(empty->import_tickets(bad).ok());
    CHECK(test::count(*empty) == 0);
  }
}
