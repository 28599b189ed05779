// Quotes: the rounding of docs/quotes.md on awkward numbers, VAT per rate to
// the cent, the numbering (DEV-YYYY-NNNN, never reused) and the SQLite store.
#include "backends.hpp"
#include "store_fixture.hpp"

#include <diagdesk/service/quote.hpp>
#include <diagdesk/service/quote_sqlite.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::service;

namespace {

QuoteLine line(std::int64_t qty, std::int64_t price, std::int64_t vat, std::int64_t discount = 0) {
  return {"REF", "label", "piece", qty, price, discount, vat};
}

Quote draft(const std::string& customer) {
  Quote q;
  q.year = 2026;
  q.issued_on = {2026, 12, 7};
  q.customer.name = customer;
  q.operator_name = "marie";
  q.created_at = q.updated_at = 1000;
  return q;
}

}  // namespace

TEST_CASE("a line total is rounded half up once, after quantity, price and discount") {
  struct Row { const char* why; QuoteLine l; std::int64_t want; };
  const Row rows[] = {
      {"plain", line(100, 7990, 2000), 7990},
      {"1.5 h at 55.00", line(150, 5500, 2000), 8250},
      {"1.5 x 33.33 = 49.995 rounds up", line(150, 3333, 2000), 5000},
      {"1.33 x 0.15 = 0.1995 rounds up", line(133, 15, 2000), 20},
      {"0.01 x 0.49 = 0.0049 rounds down", line(1, 49, 2000), 0},
      {"0.01 x 0.50 = 0.005 rounds up", line(1, 50, 2000), 1},
      {"3 x 0.10 less 33.33 % = 0.20001", line(300, 10, 2000, 3333), 20},
      {"12.5 % off 19.99 = 17.49125", line(100, 1999, 2000, 1250), 1749},
      {"free: 100 % off", line(250, 89900, 2000, 10000), 0},
      {"big: 999 x 99,999.99", line(99900, 9999999, 2000), 9989999001},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.why));
    CHECK(line_total(r.l) == r.want);
  }
}

TEST_CASE("VAT is computed once per rate on the sum of its lines") {
  SUBCASE("the failing disk: SSD 79.90 and 1.5 h of workshop labour at 55.00") {
    const Totals t = compute_totals({line(100, 7990, 2000), line(150, 5500, 2000)});
    CHECK(t.ht == 16240);
    REQUIRE(t.vat.size() == 1);
    CHECK(t.vat[0].rate == 2000);
    CHECK(t.vat[0].base == 16240);
    CHECK(t.vat[0].amount == 3248);
    CHECK(t.ttc == 19488);
  }
  SUBCASE("ten lines of 0.09 at 5.5 %: 0 cent each line, 5 cents on the sum") {
    std::vector<QuoteLine> lines(10, line(100, 9, 550));
    const Totals t = compute_totals(lines);
    CHECK(t.ht == 90);
    CHECK(t.vat.at(0).amount == 5);  // 0.0495 rounded once
    CHECK(t.ttc == 95);
  }
  SUBCASE("several rates, highest first, each rounded half up") {
    const Totals t = compute_totals({line(100, 5, 1000), line(100, 1999, 2000), line(300, 333, 550), line(100, 1, 210)});
    REQUIRE(t.vat.size() == 4);
    CHECK(t.vat[0].rate == 2000);
    CHECK(t.vat[0].amount == 400);   // 19.99 x 20 % = 3.998
    CHECK(t.vat[1].rate == 1000);
    CHECK(t.vat[1].amount == 1);     // 0.05 x 10 % = 0.005, half up
    CHECK(t.vat[2].rate == 550);
    CHECK(t.vat[2].base == 999);
    CHECK(t.vat[2].amount == 55);    // 9.99 x 5.5 % = 0.54945
    CHECK(t.vat[3].amount == 0);     // 0.01 x 2.1 %
    CHECK(t.ht == 5 + 1999 + 999 + 1);
    CHECK(t.ttc == t.ht + 400 + 1 + 55);
  }
  SUBCASE("no line") {
    const Totals t = compute_totals({});
    CHECK(t.ht == 0);
    CHECK(t.vat.empty());
    CHECK(t.ttc == 0);
  }
}

TEST_CASE("quote numbers and validity") {
  CHECK(format_quote_number(2026, 1) == "DEV-2026-0001");
  CHECK(format_quote_number(2026, 12345) == "DEV-2026-12345");
  CHECK(valid_quote_number("DEV-2026-0001"));
  CHECK_FALSE(valid_quote_number("INC-2026-0001"));
  CHECK_FALSE(valid_quote_number("DEV-2026-00x1"));
  Quote q = draft("Paul");
  q.issued_on = {2026, 12, 20};
  q.validity_days = 30;
  CHECK(valid_until(q) == Date{2027, 1, 19});
  CHECK_FALSE(past_validity(q, {2027, 1, 19}));
  CHECK(past_validity(q, {2027, 1, 20}));
  q.status = QuoteStatus::accepted;
  CHECK_FALSE(past_validity(q, {2027, 6, 1}));
}

TEST_CASE("the store numbers quotes per year and never reuses a number") {
  test::each_backend([](test::Backend& backend) {
  auto store = backend.open();
  auto quote_store = quote_store_for(*store);
  REQUIRE(quote_store);
  QuoteStore& quotes = *quote_store;
  std::vector<QuoteEvent> events{{0, 0, 1000, "marie", "created", "", "Paul", ""}};
  Quote a = draft("Paul Martin");
  a.lines = {line(100, 7990, 2000), line(150, 5500, 2000)};
  a.lines[0].ref = "SSD-SATA-1TB";
  REQUIRE(quotes.create_quote(a, events).ok());
  CHECK(a.number == "DEV-2026-0001");
  CHECK(a.version == 1);
  CHECK(events[0].id > 0);

  // A refused draft keeps its number: the next one moves on.
  Quote b = draft("Anne Leroy");
  std::vector<QuoteEvent> none;
  REQUIRE(quotes.create_quote(b, none).ok());
  CHECK(b.number == "DEV-2026-0002");
  b.status = QuoteStatus::refused;
  std::vector<QuoteEvent> refused{{0, 0, 1100, "marie", "refused", "draft", "refused", "too dear"}};
  REQUIRE(quotes.update_quote(b, refused).ok());
  CHECK(b.version == 2);
  Quote c = draft("Jean Petit");
  REQUIRE(quotes.create_quote(c, none).ok());
  CHECK(c.number == "DEV-2026-0003");
  Quote next_year = draft("Jean Petit");
  next_year.year = 2027;
  REQUIRE(quotes.create_quote(next_year, none).ok());
  CHECK(next_year.number == "DEV-2027-0001");
  // Ticket numbers have their own counters.
  Ticket t;
  REQUIRE(test::add(*store, "Disk clicks", t).ok());
  CHECK(t.number == "INC-2026-000001");

  Quote read;
  REQUIRE(quotes.get_quote("DEV-2026-0001", read).ok());
  CHECK(read.customer.name == "Paul Martin");
  REQUIRE(read.lines.size() == 2);
  CHECK(read.lines[0].ref == "SSD-SATA-1TB");
  CHECK(read.lines[1].quantity == 150);
  CHECK(read.lines[1].unit_price == 5500);
  CHECK(compute_totals(read.lines).ttc == 19488);
  CHECK(quotes.get_quote("DEV-2026-0099", read).error == StoreError::not_found);

  // A stale copy is refused.
  Quote stale = a;
  a.customer.phone = "06 00 00 00 00";
  REQUIRE(quotes.update_quote(a, none).ok());
  stale.customer.phone = "07";
  CHECK(quotes.update_quote(stale, none).error == StoreError::stale);

  std::vector<Quote> all;
  REQUIRE(quotes.list_quotes({}, all).ok());
  CHECK(all.size() == 4);
  REQUIRE(quotes.list_quotes({QuoteStatus::refused, std::nullopt}, all).ok());
  REQUIRE(all.size() == 1);
  CHECK(all[0].number == "DEV-2026-0002");
  std::vector<QuoteEvent> history;
  REQUIRE(quotes.quote_history(b.id, history).ok());
  REQUIRE(history.size() == 1);
  CHECK(history[0].note == "too dear");
  REQUIRE(quotes.list_quotes({}, all).ok());
  CHECK(all[0].number == "DEV-2027-0001");  // newest first
  REQUIRE(all.back().lines.size() == 2);    // lines come with each listed quote
  CHECK(all.back().lines[0].ref == "SSD-SATA-1TB");

  // A quote's events cannot be rewritten, its rows not deleted through the history.
  quote_store.reset();
  store.reset();
  CHECK(backend.raw_sql("UPDATE quote_events SET note = 'cheap'") != "");
  CHECK(backend.raw_sql("DELETE FROM quote_events") != "");
  });
}
