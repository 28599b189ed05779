// The quote desk: the bundled commerce files load clean; a failing-disk
// diagnosis attached to a ticket proposes its lines right to the cent; an old
// laptop (its present value under twice the repair) gets "replace" beside
// "repair", a recent one does not; the lifecycle refusals.
#include "fixture.hpp"

#include <diagdesk/workspace/quote_desk.hpp>

#include <doctest/doctest.h>

using namespace diagdesk;
using workspace::DeskError;
namespace sv = diagdesk::service;

namespace {

constexpr sv::Time december_7 = 1796644800;  // 2026-12-07 12:00 UTC

const char* shop_catalogue = R"(currency = "EUR"
vat_rates = ["20"]
[issuer]
name = "Atelier Test SARL"
address = "5 quai du Test, 69002 Lyon"
siret = "11122233300044"
validity_days = 15
[policy]
repair_threshold = "0.5"
[[device_value]]
type = "laptop"
new_price = "899.00"
lifetime_years = 5
replacement = "PC-LAPTOP-14"
[[item]]
ref = "SSD-SATA-1TB"
kind = "part"
label = { fr = "SSD SATA 1 To", en = "1 TB SATA SSD" }
unit = "piece"
price = "79.90"
vat = "20"
[[item]]
ref = "LAB-WORKSHOP"
kind = "labour"
label = { fr = "Main-d'œuvre atelier", en = "Workshop labour" }
unit = "hour"
price = "55.00"
vat = "20"
[[item]]
ref = "PC-LAPTOP-14"
kind = "device"
label = { fr = "Portable 14 pouces", en = "14-inch laptop" }
unit = "piece"
price = "749.00"
vat = "20"
)";

const char* shop_proposals = R"([[proposal]]
tree = "hw.disk_failing"
conclusion = "c_replace_disk"
lines = [ { ref = "SSD-SATA-1TB", quantity = "1" }, { ref = "LAB-WORKSHOP", quantity = "1.5" } ]
replace = [ { ref = "PC-LAPTOP-14", quantity = "1" }, { ref = "LAB-WORKSHOP", quantity = "1" } ]
)";

struct Shop {
  test::TempDir home;
  workspace::Workspace ws;
  std::unique_ptr<workspace::ServiceDesk> desk;
  std::unique_ptr<workspace::QuoteDesk> quotes;

  Shop()
      : ws((home.write("shop/commerce/catalogue.toml", shop_catalogue),
            home.write("shop/commerce/proposals.toml", shop_proposals),
            workspace::Workspace::open({DIAGDESK_DATA_DIR, {home.path() / "shop"}, home.path() / "data", engine::Lang::en}))) {
    DeskError err;
    desk = workspace::ServiceDesk::open(ws, err);
    REQUIRE_MESSAGE(desk, err.message);
    desk->set_clock([] { return december_7; });
    quotes = std::make_unique<workspace::QuoteDesk>(ws, *desk);
  }

  /// A ticket on a laptop bought on `purchase`, with a failing-disk diagnosis attached.
  std::string disk_ticket(const std::string& tag, const std::string& purchase) {
    workspace::AssetView a;
    REQUIRE(desk->add_asset(tag, {{"type", "laptop"}, {"purchase_date", purchase}}, "marie", a).ok());
    workspace::NewTicket n;
    n.title = "The disk clicks";
    n.caller_name = "Paul Martin";
    n.asset_tag = tag;
    workspace::TicketView t;
    REQUIRE(desk->create(n, "marie", t).ok());
    auto started = desk->start_diagnosis(t.ticket.number, "hw.disk_failing", {}, engine::Lang::en);
    REQUIRE(started.session);
    REQUIRE(started.session->answer("noise") == engine::AnswerError::none);
    REQUIRE(started.session->answer("yes") == engine::AnswerError::none);
    REQUIRE(started.session->concluded());
    REQUIRE(desk->attach_diagnosis(t.ticket.number, *started.session, {}, "marie", t).ok());
    return t.ticket.number;
  }
};

}  // namespace

TEST_CASE("the bundled catalogue and proposals load with no problem") {
  test::TempDir home;
  auto ws = workspace::Workspace::open({DIAGDESK_DATA_DIR, {}, home.path(), engine::Lang::en});
  DeskError err;
  auto desk = workspace::ServiceDesk::open(ws, err);
  REQUIRE(desk);
  workspace::QuoteDesk quotes(ws, *desk);
  for (const auto& p : quotes.problems()) FAIL_CHECK(sv::format(p));
  CHECK(quotes.catalogue().example);
  CHECK(quotes.catalogue().items.size() >= 20);
  CHECK(sv::find_proposal(quotes.proposals(), "hw.disk_failing", "c_replace_disk"));
}

TEST_CASE("an old laptop's failing disk proposes repair and replace, a recent one repair only") {
  Shop s;
  // The bundled proposals naming refs the shop does not sell are reported, the shop's files are clean.
  for (const auto& p : s.quotes->problems())
    if (p.file.rfind(s.home.path().string(), 0) == 0) FAIL_CHECK(sv::format(p));
  SUBCASE("bought four years ago: worth less than twice the repair") {
    const std::string number = s.disk_ticket("PC-0001", "2023-01-02");
    workspace::QuoteProposal p;
    const DeskError e = s.quotes->propose_for_ticket(number, "fr", p);
    REQUIRE_MESSAGE(e.ok(), e.message);
    REQUIRE(p.found);
    REQUIRE(p.present_value);
    // 899.00 x (1826 - 1435 days) / 1826, rounded half up.
    CHECK(*p.present_value == (2 * 89900 * (1826 - 1435) + 1826) / (2 * 1826));
    REQUIRE(p.options.size() == 2);
    CHECK(p.options[0].kind == "repair");
    CHECK(p.options[0].totals.ht == 16240);
    CHECK(p.options[0].totals.vat.at(0).amount == 3248);
    CHECK(p.options[0].totals.ttc == 19488);
    CHECK(p.options[0].lines[0].label == "SSD SATA 1 To");
    CHECK(p.options[1].kind == "replace");
    CHECK(p.options[1].totals.ht == 74900 + 5500);

    workspace::NewQuote n;
    n.customer.name = "Paul Martin";
    n.ticket_number = number;
    n.found = p.diagnosis;
    workspace::QuoteView v;
    REQUIRE(s.quotes->create(n, p.options[1].lines, "marie", v).ok());
    CHECK(v.quote.number == "DEV-2026-0001");
    CHECK(v.quote.validity_days == 15);
    CHECK(v.valid_until == sv::Date{2026, 12, 22});
    CHECK(v.totals.ttc == 96480);
    CHECK(v.quote.duration == 100);
  }
  SUBCASE("bought six months ago: repair only") {
    const std::string number = s.disk_ticket("PC-0002", "2026-06-01");
    workspace::QuoteProposal p;
    REQUIRE(s.quotes->propose_for_ticket(number, "en", p).ok());
    REQUIRE(p.present_value);
    CHECK(*p.present_value > 2 * 16240);
    REQUIRE(p.options.size() == 1);
    CHECK(p.options[0].lines[0].label == "1 TB SATA SSD");
  }
}

TEST_CASE("the quote desk refuses bad lines and moves out of order") {
  Shop s;
  workspace::NewQuote n;
  workspace::QuoteView v;
  CHECK(s.quotes->create(n, {}, "marie", v).code == "bad_value");  // no customer name
  n.customer.name = "Anne Leroy";
  n.ticket_number = "INC-2026-000099";
  CHECK(s.quotes->create(n, {}, "marie", v).code == "not_found");
  n.ticket_number.clear();
  REQUIRE(s.quotes->create(n, {}, "marie", v).ok());
  const std::string q = v.quote.number;
  CHECK(s.quotes->add_line(q, "NOPE", "1", "", "marie", v).code == "bad_value");
  CHECK(s.quotes->add_line(q, "SSD-SATA-1TB", "0", "", "marie", v).code == "bad_value");
  CHECK(s.quotes->add_line(q, "SSD-SATA-1TB", "-2", "", "marie", v).code == "bad_value");
  CHECK(s.quotes->add_line(q, "SSD-SATA-1TB", "1", "100.01", "marie", v).code == "bad_value");
  CHECK(s.quotes->send(q, "marie", v).code == "bad_move");  // no line yet
  REQUIRE(s.quotes->add_line(q, "SSD-SATA-1TB", "3", "100", "marie", v).ok());
  CHECK(v.totals.ttc == 0);
  CHECK(s.quotes->accept(q, "marie", v).code == "bad_move");  // a draft is sent first
  REQUIRE(s.quotes->send(q, "marie", v).ok());
  CHECK(s.quotes->expire(q, "marie", v).code == "bad_move");  // still valid
  // Past its validity, accepting expires it.
  s.desk->set_clock([] { return december_7 + 16 * 86400; });
  CHECK(s.quotes->accept(q, "marie", v).code == "bad_move");
  REQUIRE(s.quotes->get(q, v).ok());
  CHECK(v.quote.status == sv::QuoteStatus::expired);
  CHECK(v.history.back().kind == "expired");
  CHECK(s.quotes->refuse(q, "late", "marie", v).code == "bad_move");
}

TEST_CASE("set_line changes a line's quantity and discount in place, with its event, while a draft") {
  Shop s;
  workspace::NewQuote n;
  n.customer.name = "Anne Leroy";
  workspace::QuoteView v;
  REQUIRE(s.quotes->create(n, {}, "marie", v).ok());
  const std::string q = v.quote.number;
  REQUIRE(s.quotes->add_line(q, "SSD-SATA-1TB", "1", "", "marie", v).ok());
  const std::int64_t price = v.quote.lines[0].unit_price;
  REQUIRE(s.quotes->add_line(q, "SSD-SATA-1TB", "1", "", "marie", v).ok());
  REQUIRE(s.quotes->set_line(q, 1, "2", "50", "marie", v).ok());
  REQUIRE(v.quote.lines.size() == 2);
  CHECK(v.quote.lines[0].quantity == 200);
  CHECK(v.quote.lines[0].discount == 5000);
  CHECK(v.totals.ht == price + price);  // 2 x price - 50 %, plus the untouched line
  CHECK(v.history.back().kind == "line_changed");
  const std::int64_t version = v.quote.version;
  CHECK(s.quotes->set_line(q, 1, "0", "", "marie", v).code == "bad_value");
  CHECK(s.quotes->set_line(q, 1, "1", "101", "marie", v).code == "bad_value");
  CHECK(s.quotes->set_line(q, 3, "1", "", "marie", v).code == "bad_value");
  CHECK(s.quotes->set_line(q, 1, "1", "", "marie", v, version - 1).code == "stale");
  REQUIRE(s.quotes->get(q, v).ok());
  CHECK(v.quote.version == version);
  REQUIRE(s.quotes->send(q, "marie", v).ok());
  CHECK(s.quotes->set_line(q, 1, "1", "", "marie", v).code == "bad_move");
}

TEST_CASE("a sent quote past its validity expires on its own at the next read, with an automatic event") {
  Shop s;  // validity_days 15: issued 2026-12-07, valid until 2026-12-22 included
  workspace::NewQuote n;
  n.customer.name = "Anne Leroy";
  workspace::QuoteView v;
  REQUIRE(s.quotes->create(n, {}, "marie", v).ok());
  const std::string sent = v.quote.number;
  REQUIRE(s.quotes->add_line(sent, "SSD-SATA-1TB", "1", "", "marie", v).ok());
  REQUIRE(s.quotes->send(sent, "marie", v).ok());
  REQUIRE(s.quotes->create(n, {}, "marie", v).ok());
  const std::string draft = v.quote.number;

  SUBCASE("on its last valid day it stays sent") {
    s.desk->set_clock([] { return december_7 + 15 * 86400; });
    REQUIRE(s.quotes->get(sent, v).ok());
    CHECK(v.quote.status == sv::QuoteStatus::sent);
    CHECK_FALSE(v.past_validity);
  }
  SUBCASE("the day after, list shows it expired, and the filter sees the new status") {
    s.desk->set_clock([] { return december_7 + 16 * 86400; });
    std::vector<workspace::QuoteView> all;
    sv::QuoteFilter only_sent;
    only_sent.status = sv::QuoteStatus::sent;
    REQUIRE(s.quotes->list(only_sent, all).ok());
    CHECK(all.empty());
    REQUIRE(s.quotes->list({}, all).ok());
    REQUIRE(all.size() == 2);
    for (const auto& q : all) {
      if (q.quote.number == sent) {
        CHECK(q.quote.status == sv::QuoteStatus::expired);
        REQUIRE_FALSE(q.history.empty());
        CHECK(q.history.back().kind == "expired");
        CHECK(q.history.back().actor == "diagdesk");
        CHECK(q.history.back().note == "automatic");
      } else {
        CHECK(q.quote.status == sv::QuoteStatus::draft);  // a draft is never sent: it is not expired
        CHECK(q.past_validity);
      }
    }
    // Read again: one expiry event, not one per read.
    REQUIRE(s.quotes->get(sent, v).ok());
    int expiries = 0;
    for (const auto& e : v.history) expiries += e.kind == "expired";
    CHECK(expiries == 1);
  }
  SUBCASE("accept of it is refused with the validity sentence, and it stays expired") {
    s.desk->set_clock([] { return december_7 + 40 * 86400; });
    const DeskError e = s.quotes->accept(sent, "marie", v);
    CHECK(e.code == "bad_move");
    CHECK(e.message.find("past its validity") != std::string::npos);
    CHECK(e.message.find("2026-12-22") != std::string::npos);
    CHECK(v.quote.status == sv::QuoteStatus::expired);
    REQUIRE(s.quotes->get(sent, v).ok());
    CHECK(v.history.back().kind == "expired");
    CHECK(v.history.back().note == "automatic");
  }
}
