// Civil dates, Easter, French holidays, the business calendar and its TOML file.
//
// [SECTION] Civil dates and Easter
// [SECTION] Calendar: time zone
// [SECTION] Calendar: opening hours and business time
// [SECTION] Loading calendar.toml
#include <diagdesk/service/calendar.hpp>

#include "toml_file.hpp"

#include <algorithm>
#include <cstdio>

namespace diagdesk::service {

// [SECTION] Civil dates and Easter ----------------------------------------------------

std::int64_t days_from_civil(Date date) {
  // Howard Hinnant's days_from_civil.
  std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), m, d};
}

int weekday(Date d) {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  const std::int64_t w = (days_from_civil(d) + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

Date easter_sunday(int y) {
  // Anonymous Gregorian algorithm (Meeus, Jones, Butcher).
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return {y, month, day};
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<Date> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  const std::string str(s);
  if (s.size() != 10 || std::sscanf(str.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  const Date date{y, m, d};
  if (m < 1 || m > 12 || d < 1 || civil_from_days(days_from_civil(date)) != date) return std::nullopt;
  return date;
}

std::optional<int> easter_offset(std::string_view name) {
  if (name == "good_friday") return -2;
  if (name == "easter_monday") return 1;
  if (name == "ascension") return 39;
  if (name == "whit_monday") return 50;
  return std::nullopt;
}

namespace {
const std::vector<std::pair<int, int>> french_fixed = {{1, 1}, {5, 1}, {5, 8}, {7, 14}, {8, 15}, {11, 1}, {11, 11}, {12, 25}};
const std::vector<int> french_easter = {1, 39, 50};
}  // namespace

std::set<Date> french_public_holidays(int year) {
  std::set<Date> out;
  for (auto [m, d] : french_fixed) out.insert({year, m, d});
  const std::int64_t easter = days_from_civil(easter_sunday(year));
  for (int off : french_easter) out.insert(civil_from_days(easter + off));
  return out;
}

// [SECTION] Calendar: time zone -------------------------------------------------------

namespace {

constexpr std::int64_t day_seconds = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

/// The last Sunday of `month` (31-day months only: March, October).
Date last_sunday(int year, int month) {
  const Date last{year, month, 31};
  return {year, month, 31 - (weekday(last) + 1) % 7};
}

}  // namespace

Calendar::Calendar() {
  for (int d = 0; d < 5; ++d) m_week[d] = {{8 * 60, 18 * 60}};
  m_fixed = french_fixed;
  m_easter = french_easter;
}

int Calendar::utc_offset(Time t) const {
  if (!m_eu_summer) return m_offset;
  // EU rule: summer time from the last Sunday of March to the last Sunday of
  // October, both at 01:00 UTC.
  const int year = civil_from_days(floor_div(t, day_seconds)).year;
  const Time start = days_from_civil(last_sunday(year, 3)) * day_seconds + 3600;
  const Time end = days_from_civil(last_sunday(year, 10)) * day_seconds + 3600;
  return (t >= start && t < end) ? m_offset + 3600 : m_offset;
}

std::pair<Date, int> Calendar::local(Time t) const {
  const Time lt = t + utc_offset(t);
  const std::int64_t days = floor_div(lt, day_seconds);
  return {civil_from_days(days), static_cast<int>(lt - days * day_seconds)};
}

Time Calendar::from_local(Date d, int seconds) const {
  const Time local_seconds = days_from_civil(d) * day_seconds + seconds;
  Time t = local_seconds - m_offset;
  t = local_seconds - utc_offset(t);
  return local_seconds - utc_offset(t);
}

std::string Calendar::format_local(Time t) const {
  const auto [date, secs] = local(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d", format_date(date).c_str(), secs / 3600, secs / 60 % 60);
  return buf;
}

std::optional<Time> Calendar::parse_local(std::string_view s) const {
  if (s.size() < 16 || (s[10] != ' ' && s[10] != 'T')) return std::nullopt;
  const auto date = parse_date(s.substr(0, 10));
  if (!date) return std::nullopt;
  int h = 0, m = 0, sec = 0;
  const std::string rest(s.substr(11));
  char tail = 0;
  const int got = std::sscanf(rest.c_str(), "%2d:%2d:%2d%c", &h, &m, &sec, &tail);
  if (!(got == 2 && rest.size() == 5) && !(got == 3 && rest.size() == 8)) return std::nullopt;
  if (h > 23 || m > 59 || sec > 59 || h < 0 || m < 0 || sec < 0) return std::nullopt;
  return from_local(*date, h * 3600 + m * 60 + sec);
}

// [SECTION] Calendar: opening hours and business time ----------------------------------

bool Calendar::holiday(Date d) const {
  for (auto [m, day] : m_fixed) {
    if (d.month == m && d.day == day) return true;
  }
  const std::int64_t from_easter = days_from_civil(d) - days_from_civil(easter_sunday(d.year));
  if (std::find(m_easter.begin(), m_easter.end(), from_easter) != m_easter.end()) return true;
  return m_extra.count(d) > 0;
}

bool Calendar::closed(Date d) const { return holiday(d) || m_week[weekday(d)].empty(); }

std::vector<Calendar::Span> Calendar::hours(Date d) const {
  if (holiday(d)) return {};
  return m_week[weekday(d)];
}

std::int64_t Calendar::business_seconds(Time from, Time to) const {
  if (to <= from) return 0;
  std::int64_t total = 0;
  const std::int64_t first = days_from_civil(local(from).first);
  const std::int64_t last = days_from_civil(local(to).first);
  for (std::int64_t day = first; day <= last; ++day) {
    const Date d = civil_from_days(day);
    for (const Span& span : hours(d)) {
      const Time a = std::max(from, from_local(d, span.from * 60));
      const Time b = std::min(to, from_local(d, span.to * 60));
      if (b > a) total += b - a;
    }
  }
  return total;
}

std::optional<Time> Calendar::add_business(Time from, std::int64_t seconds) const {
  const bool any_hours = std::any_of(m_week.begin(), m_week.end(), [](const auto& spans) { return !spans.empty(); });
  if (!any_hours) return std::nullopt;
  const std::int64_t first = days_from_civil(local(from).first);
  // Ten years of closed days would be a broken calendar: stop there.
  for (std::int64_t day = first; day < first + 3660; ++day) {
    const Date d = civil_from_days(day);
    for (const Span& span : hours(d)) {
      const Time a = std::max(from, from_local(d, span.from * 60));
      const Time b = from_local(d, span.to * 60);
      if (a >= b) continue;
      if (seconds <= b - a) return a + seconds;
      seconds -= b - a;
    }
  }
  return std::nullopt;
}

void Calendar::set_week(int day, std::vector<Span> spans) { m_week.at(static_cast<std::size_t>(day)) = std::move(spans); }
void Calendar::set_offset(int standard_offset_seconds, bool eu_summer_time) {
  m_offset = standard_offset_seconds;
  m_eu_summer = eu_summer_time;
}
void Calendar::set_fixed_holidays(std::vector<std::pair<int, int>> month_day) { m_fixed = std::move(month_day); }
void Calendar::set_easter_holidays(std::vector<int> offsets) { m_easter = std::move(offsets); }
void Calendar::add_extra_closed(Date d) { m_extra.insert(d); }

// [SECTION] Loading calendar.toml ---------------------------------------------------------

namespace {

const char* const day_names[7] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

struct Reader {
  std::string path;
  std::vector<Problem>& problems;
  void problem(const toml::node& n, std::string message) { problems.push_back(detail::problem_at(path, n, std::move(message))); }
};

/// "08:00-12:30" in minutes, or nullopt.
std::optional<Calendar::Span> parse_span(const std::string& s) {
  int h1 = 0, m1 = 0, h2 = 0, m2 = 0;
  char tail = 0;
  if (s.size() != 11 || std::sscanf(s.c_str(), "%2d:%2d-%2d:%2d%c", &h1, &m1, &h2, &m2, &tail) != 4) return std::nullopt;
  const int from = h1 * 60 + m1, to = h2 * 60 + m2;
  if (m1 > 59 || m2 > 59 || from < 0 || to > 24 * 60 || from >= to) return std::nullopt;
  return Calendar::Span{from, to};
}

void read_week(const toml::table& week, Calendar& cal, Reader& r) {
  for (int d = 0; d < 7; ++d) cal.set_week(d, {});
  for (const auto& [key, node] : week) {
    const auto* found = std::find(std::begin(day_names), std::end(day_names), key.str());
    const toml::array* list = node.as_array();
    if (found == std::end(day_names) || !list) {
      r.problem(node, "unknown day '" + std::string(key.str()) + "' (monday ... sunday, each a list of \"HH:MM-HH:MM\")");
      continue;
    }
    std::vector<Calendar::Span> spans;
    for (const auto& item : *list) {
      const auto text = item.value<std::string>();
      const auto span = text ? parse_span(*text) : std::nullopt;
      if (!span) {
        r.problem(item, "opening hours are \"HH:MM-HH:MM\", start before end");
        continue;
      }
      if (!spans.empty() && span->from < spans.back().to) {
        r.problem(item, "opening hours must be in order and must not overlap");
        continue;
      }
      spans.push_back(*span);
    }
    cal.set_week(static_cast<int>(found - std::begin(day_names)), std::move(spans));
  }
}

void read_holidays(const toml::table& h, Calendar& cal, Reader& r) {
  if (const toml::array* fixed = h["fixed"].as_array()) {
    std::vector<std::pair<int, int>> days;
    for (const auto& item : *fixed) {
      const auto text = item.value<std::string>();
      const auto date = text ? parse_date("2000-" + *text) : std::nullopt;  // 2000 is a leap year: 02-29 passes
      if (!date) r.problem(item, "a fixed holiday is \"MM-DD\"");
      else days.emplace_back(date->month, date->day);
    }
    cal.set_fixed_holidays(std::move(days));
  }
  if (const toml::array* easter = h["easter"].as_array()) {
    std::vector<int> offsets;
    for (const auto& item : *easter) {
      const auto text = item.value<std::string>();
      const auto off = text ? easter_offset(*text) : std::nullopt;
      if (!off) r.problem(item, "an Easter holiday is good_friday, easter_monday, ascension or whit_monday");
      else offsets.push_back(*off);
    }
    cal.set_easter_holidays(std::move(offsets));
  }
  if (const toml::array* closed = h["closed"].as_array()) {
    for (const auto& item : *closed) {
      const auto text = item.value<std::string>();
      const auto date = text ? parse_date(*text) : std::nullopt;
      if (!date) r.problem(item, "a closed day is \"YYYY-MM-DD\"");
      else cal.add_extra_closed(*date);
    }
  }
}

void read_timezone(const toml::table& tz, Calendar& cal, Reader& r) {
  int offset = 3600;
  if (const auto* node = tz.get("utc_offset")) {
    const auto text = node->value<std::string>();
    int h = 0, m = 0;
    char sign = 0, tail = 0;
    if (!text || text->size() != 6 || std::sscanf(text->c_str(), "%c%2d:%2d%c", &sign, &h, &m, &tail) != 3 ||
        (sign != '+' && sign != '-') || h > 14 || m > 59) {
      r.problem(*node, "utc_offset is \"+HH:MM\" or \"-HH:MM\"");
    } else {
      offset = (sign == '-' ? -1 : 1) * (h * 3600 + m * 60);
    }
  }
  cal.set_offset(offset, tz["eu_summer_time"].value_or(false));
}

}  // namespace

LoadedCalendar load_calendar(const std::vector<std::filesystem::path>& files) {
  LoadedCalendar out;
  for (const auto& file : files) {
    auto root = detail::read_service_toml(file, out.problems);
    if (!root) continue;
    Reader r{file.string(), out.problems};
    if (const auto* tz = (*root)["timezone"].as_table()) read_timezone(*tz, out.calendar, r);
    if (const auto* week = (*root)["week"].as_table()) read_week(*week, out.calendar, r);
    if (const auto* h = (*root)["holidays"].as_table()) read_holidays(*h, out.calendar, r);
  }
  return out;
}

}  // namespace diagdesk::service
