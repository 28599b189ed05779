#pragma once
/// The business calendar of the service centre: opening hours per weekday,
/// public holidays (fixed dates and those computed from Easter), the local
/// time zone (a fixed offset, optionally with the EU summer-time rule), and
/// business-time arithmetic used by the SLA.
///
///     auto loaded = load_calendar({"data/service/calendar.toml"});
///     Time due = loaded.calendar.add_business(created, 4 * 3600);   // 4 business hours later

#include <diagdesk/service/problem.hpp>
#include <diagdesk/service/ticket.hpp>

#include <array>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diagdesk::service {

// [Civil dates] Proleptic Gregorian calendar, no time zone.

/// A calendar date.
struct Date {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
  auto operator<=>(const Date&) const = default;
};

/// Days since 1970-01-01 (negative before).
std::int64_t days_from_civil(Date d);
/// The date `days` days after 1970-01-01.
Date civil_from_days(std::int64_t days);
/// 0 = Monday ... 6 = Sunday.
int weekday(Date d);
/// Easter Sunday of `year` (Gregorian computus).
Date easter_sunday(int year);
/// "YYYY-MM-DD".
std::string format_date(Date d);
/// Parses "YYYY-MM-DD"; nullopt when malformed or not a real date.
std::optional<Date> parse_date(std::string_view s);

/// The French public holidays of `year` as a set of dates: 1 January, Easter
/// Monday, 1 May, 8 May, Ascension (Easter + 39), Whit Monday (Easter + 50),
/// 14 July, 15 August, 1 November, 11 November, 25 December.
std::set<Date> french_public_holidays(int year);

/// Opening hours, holidays and time zone. Default: Monday to Friday
/// 08:00-18:00, French public holidays, Europe/Paris (UTC+1, EU summer time).
class Calendar {
 public:
  /// A span of opening hours within a day, in minutes from midnight.
  struct Span {
    int from = 0;
    int to = 0;
  };

  Calendar();

  /// Local offset from UTC, in seconds, at instant `t`.
  int utc_offset(Time t) const;
  /// Local date and seconds-from-midnight of `t`.
  std::pair<Date, int> local(Time t) const;
  /// The UTC instant of a local date and time (seconds from midnight).
  Time from_local(Date d, int seconds) const;
  /// "YYYY-MM-DD HH:MM" in local time.
  std::string format_local(Time t) const;
  /// Parses "YYYY-MM-DD HH:MM" (or "YYYY-MM-DDTHH:MM[:SS]") as local time.
  std::optional<Time> parse_local(std::string_view s) const;

  /// True when `d` is a closed day: a holiday or a day with no opening hours.
  bool closed(Date d) const;
  /// True when `d` is a public or extra holiday.
  bool holiday(Date d) const;
  /// Opening spans of date `d` (empty on closed days).
  std::vector<Span> hours(Date d) const;

  /// Business seconds in [from, to) (0 when to <= from).
  std::int64_t business_seconds(Time from, Time to) const;
  /// The instant when `seconds` business seconds have passed after `from`.
  /// With 0 seconds, `from` itself if open, else the next opening.
  /// Returns nullopt when the calendar never opens (no hours at all).
  std::optional<Time> add_business(Time from, std::int64_t seconds) const;

  // [Setting up] used by the loader and tests.
  void set_week(int weekday, std::vector<Span> spans);  ///< 0 = Monday
  void set_offset(int standard_offset_seconds, bool eu_summer_time);
  void set_fixed_holidays(std::vector<std::pair<int, int>> month_day);
  void set_easter_holidays(std::vector<int> offsets_from_easter);
  void add_extra_closed(Date d);

 private:
  std::array<std::vector<Span>, 7> m_week;
  int m_offset = 3600;
  bool m_eu_summer = true;
  std::vector<std::pair<int, int>> m_fixed;  ///< month, day
  std::vector<int> m_easter;                 ///< days from Easter Sunday
  std::set<Date> m_extra;
};

/// A calendar and what was wrong in the files.
struct LoadedCalendar {
  Calendar calendar;
  std::vector<Problem> problems;
};

/// Reads `files` in order over the default calendar; each table a later file
/// has ([week], [holidays], [timezone]) replaces the earlier one's. A missing
/// file is skipped. Format in docs/service.md.
LoadedCalendar load_calendar(const std::vector<std::filesystem::path>& files);

/// Day of the Easter-based holiday name ("good_friday", "easter_monday",
/// "ascension", "whit_monday"), as days from Easter Sunday.
std::optional<int> easter_offset(std::string_view name);

}  // namespace diagdesk::service
