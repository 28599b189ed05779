// The business calendar: civil dates, Easter, French holidays, time zone,
// business-time arithmetic and calendar.toml.
#include "fixture.hpp"

#include <diagdesk/service/calendar.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::service;

namespace {
Time local(const Calendar& c, const char* text) {
  const auto t = c.parse_local(text);
  REQUIRE(t.has_value());
  return *t;
}
}  // namespace

TEST_CASE("civil dates round-trip and weekdays are right") {
  for (std::int64_t day = -800000; day < 800000; day += 997) CHECK(days_from_civil(civil_from_days(day)) == day);
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(weekday({1970, 1, 1}) == 3);    // Thursday
  CHECK(weekday({2026, 12, 6}) == 6);   // Sunday
  CHECK(weekday({2026, 4, 3}) == 4);    // Friday
  CHECK(parse_date("2026-02-29") == std::nullopt);
  CHECK(parse_date("2028-02-29") == Date{2028, 2, 29});
  CHECK(parse_date("2026-13-01") == std::nullopt);
  CHECK(format_date({2026, 4, 6}) == "2026-04-06");
}

TEST_CASE("Easter Sunday is computed for past and future years") {
  struct Row {
    int year;
    Date easter;
  };
  const Row rows[] = {{2000, {2000, 4, 23}}, {2019, {2019, 4, 21}}, {2024, {2024, 3, 31}}, {2025, {2025, 4, 20}},
                      {2026, {2026, 4, 5}},  {2027, {2027, 3, 28}}, {2038, {2038, 4, 25}}, {2285, {2285, 3, 22}}};
  for (const Row& r : rows) {
    CAPTURE(r.year);
    CHECK(easter_sunday(r.year) == r.easter);
    CHECK(weekday(easter_sunday(r.year)) == 6);
  }
}

TEST_CASE("the French public holidays include Easter Monday, Ascension and Whit Monday") {
  const auto h2026 = french_public_holidays(2026);
  CHECK(h2026.size() == 11);
  CHECK(h2026.count({2026, 4, 6}));    // Easter Monday
  CHECK(h2026.count({2026, 5, 14}));   // Ascension Thursday
  CHECK(h2026.count({2026, 5, 25}));   // Whit Monday
  CHECK(h2026.count({2026, 7, 14}));
  const auto h2027 = french_public_holidays(2027);
  CHECK(h2027.count({2027, 3, 29}));
  CHECK(h2027.count({2027, 5, 6}));
  CHECK(h2027.count({2027, 5, 17}));
  const Calendar c;
  CHECK(c.holiday({2027, 5, 17}));
  CHECK(c.closed({2026, 12, 6}));       // a Sunday
  CHECK_FALSE(c.closed({2026, 12, 7}));
  CHECK(c.closed({2026, 12, 25}));
}

TEST_CASE("local time follows the EU summer-time rule") {
  const Calendar c;
  // 2026: summer time from 29 March to 25 October, at 01:00 UTC.
  CHECK(c.format_local(days_from_civil({2026, 1, 15}) * 86400 + 9 * 3600) == "2026-01-15 10:00");
  CHECK(c.format_local(days_from_civil({2026, 7, 1}) * 86400 + 10 * 3600) == "2026-07-01 12:00");
  CHECK(c.utc_offset(days_from_civil({2026, 3, 29}) * 86400 + 3600 - 1) == 3600);
  CHECK(c.utc_offset(days_from_civil({2026, 3, 29}) * 86400 + 3600) == 7200);
  CHECK(c.utc_offset(days_from_civil({2026, 10, 25}) * 86400 + 3600) == 3600);
  CHECK(c.format_local(local(c, "2026-04-03 17:30")) == "2026-04-03 17:30");
  CHECK(c.format_local(local(c, "2026-11-03T08:05:00")) == "2026-11-03 08:05");
  CHECK_FALSE(c.parse_local("2026-11-03 25:00"));
  CHECK_FALSE(c.parse_local("yesterday"));
}

TEST_CASE("a ticket created on a Friday at 17:30 before a bank-holiday Monday is due on Tuesday") {
  const Calendar c;
  SUBCASE("Easter Monday 2026") {
    const Time created = local(c, "2026-04-03 17:30");
    // 30 minutes on Friday, Saturday, Sunday and Monday closed, the rest on Tuesday.
    CHECK(c.format_local(*c.add_business(created, 2 * 3600)) == "2026-04-07 09:30");
    CHECK(c.format_local(*c.add_business(created, 8 * 3600)) == "2026-04-07 15:30");
    CHECK(c.format_local(*c.add_business(created, 30 * 60)) == "2026-04-03 18:00");
    CHECK(c.business_seconds(created, local(c, "2026-04-07 09:30")) == 2 * 3600);
  }
  SUBCASE("Whit Monday 2027") {
    const Time created = local(c, "2027-05-14 17:30");
    CHECK(c.format_local(*c.add_business(created, 4 * 3600)) == "2027-05-18 11:30");
  }
  SUBCASE("a ticket created at night starts counting at the next opening") {
    CHECK(c.format_local(*c.add_business(local(c, "2026-12-05 23:00"), 0)) == "2026-12-07 08:00");
    CHECK(c.format_local(*c.add_business(local(c, "2026-12-07 06:00"), 3600)) == "2026-12-07 09:00");
  }
}

TEST_CASE("calendar.toml sets hours with a lunch break, holidays and closed days") {
  test::TempDir dir;
  SUBCASE("the bundled file equals the default calendar") {
    const auto loaded = load_calendar({std::filesystem::path(DIAGDESK_DATA_DIR) / "service/calendar.toml"});
    CHECK(loaded.problems.empty());
    const Calendar def;
    const Time from = local(def, "2026-01-01 00:00");
    const Time to = local(def, "2027-01-01 00:00");
    CHECK(loaded.calendar.business_seconds(from, to) == def.business_seconds(from, to));
    // 2026 has 261 weekdays; 9 of its 11 holidays fall on one (15 August and 1 November are a Saturday and a Sunday): 252 days of 10 hours.
    CHECK(def.business_seconds(from, to) == 252LL * 10 * 3600);
  }
  SUBCASE("a team file with a lunch break and a bridge day") {
    const auto f = dir.write("calendar.toml", R"(schema_version = 1
[week]
monday = ["08:30-12:00", "13:30-17:30"]
friday = ["08:30-12:00"]
[holidays]
closed = ["2026-12-07"]
)");
    const auto loaded = load_calendar({std::filesystem::path(DIAGDESK_DATA_DIR) / "service/calendar.toml", f});
    CHECK(loaded.problems.empty());
    const Calendar& c = loaded.calendar;
    CHECK(c.closed({2026, 12, 8}));   // Tuesday left out of the team's week
    CHECK(c.closed({2026, 12, 7}));   // the bridge
    CHECK(c.hours({2026, 12, 14}).size() == 2);
    CHECK(c.format_local(*c.add_business(local(c, "2026-12-14 11:00"), 2 * 3600)) == "2026-12-14 14:30");
  }
  SUBCASE("bad values are reported with their line") {
    const auto f = dir.write("calendar.toml", "schema_version = 1\n[week]\nmonday = [\"18:00-08:00\"]\n[holidays]\neaster = [\"pentecost\"]\n");
    const auto loaded = load_calendar({f});
    REQUIRE(loaded.problems.size() == 2);
    CHECK(loaded.problems[0].line == 3);
    CHECK(loaded.problems[1].line == 5);
  }
  SUBCASE("a calendar with no opening hours never reaches a due time") {
    const auto f = dir.write("calendar.toml", "schema_version = 1\n[week]\n");
    const auto loaded = load_calendar({f});
    CHECK_FALSE(loaded.calendar.add_business(0, 60).has_value());
  }
}
