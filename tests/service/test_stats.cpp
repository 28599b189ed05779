// The supervisor's figures over a generated history whose answers are known:
// 200 tickets, 40 per priority, over the 20 business days ending on Friday
// 2026-12-04, with take-charge and resolve delays inside the opening hours.
#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/service/stats.hpp>

#include <doctest/doctest.h>

#include <set>

using namespace diagdesk::service;

namespace {

constexpr std::int64_t minute = 60;
constexpr std::int64_t hour = 3600;

/// A saved-session text whose answers end on `nodes` (tree/node pairs).
std::string session_text(const std::string& tree, const std::vector<std::pair<std::string, std::string>>& nodes) {
  std::string s = "format = \"diagdesk-session\"\nschema_version = 1\ntree = \"" + tree + "\"\nlang = \"fr\"\n";
  for (const auto& [t, n] : nodes) {
    s += "\n[[answers]]\ntree = \"" + t + "\"\nnode = \"" + n + "\"\nchoice = \"no\"\ntime = 0\n";
  }
  return s;
}

/// The generated history. Ticket i has priority p = i % 5 + 1 and k = i / 5
/// (0..39 per priority); k % 8 says its fate:
///   0..4 taken at p*10 + k%8 minutes, resolved at p*60 + 10*(k%8) minutes
///        (0: then closed; 2: pending 30 minutes in between; 3: escalated to
///        N2 and taken by bob first); 5: in progress (P1: pending); 6: escalated;
///   7: never taken (new).
/// It opens at 09:00 on business day i % 20 (0 = the oldest, 19 = today).
/// Sessions: net.no_internet for k%8 in 0..3 and 6 (concluded), prn.offline
/// for 5 (abandoned at prn.cable) and 6 (abandoned before any answer).
struct History {
  Calendar cal;
  SlaPolicy policy;
  std::vector<Date> days;  ///< the 20 business days, oldest first
  std::vector<TicketRecord> records;
  Time now = 0;

  History() {
    for (auto& t : policy.targets) t = {9 * hour, 100 * hour};
    policy.at_risk_percent = 75;
    std::int64_t d = days_from_civil({2026, 12, 4});
    while (days.size() < 20) {
      if (!cal.closed(civil_from_days(d))) days.insert(days.begin(), civil_from_days(d));
      --d;
    }
    now = cal.from_local({2026, 12, 4}, 17 * 3600);
    for (int i = 0; i < 200; ++i) records.push_back(make(i));
  }

  TicketRecord make(int i) const {
    const int p = i % 5 + 1;
    const int k = i / 5;
    const int fate = k % 8;
    const Time created = cal.from_local(days[static_cast<std::size_t>(i % 20)], 9 * 3600);
    TicketRecord r;
    Ticket& t = r.ticket;
    t.number = format_number(TicketType::incident, 2026, i + 1);
    t.title = "Ticket " + std::to_string(i);
    t.caller_name = "Luc";
    auto step = [&](std::int64_t after, auto move) {
      Edit e{"anna", created + after, {}};
      move(e);
      REQUIRE_FALSE(e.events.empty());
      r.history.insert(r.history.end(), e.events.begin(), e.events.end());
    };
    auto attach = [&](std::int64_t after, const std::string& tree, const std::string& text, const std::string& toml) {
      step(after, [&](Edit& e) {
        REQUIRE(attach_session(t, e, toml) == NoteError::none);
        e.events.back().new_value = tree + ": " + text;
      });
    };
    step(0, [&](Edit& e) { REQUIRE(open_ticket(t, e, {}) == CreateError::none); });
    t.priority = p;
    if (fate == 7) return r;
    const std::int64_t taken = (p * 10 + fate) * minute;
    step(taken, [&](Edit& e) {
      REQUIRE(assign(t, e, "anna", SupportLevel::n1) == AssignError::none);
      if (!(fate == 5 && p == 1)) REQUIRE(set_status(t, e, Status::in_progress, "") == StatusError::none);
    });
    const std::string net = session_text("net.no_internet", {{"net.no_internet", "net.link"}});
    if (fate == 5) {
      if (p == 1) step(taken + minute, [&](Edit& e) { REQUIRE(set_status(t, e, Status::pending, "user away") == StatusError::none); });
      attach(taken + 2 * minute, "prn.offline", "diagnostic en cours",
             session_text("prn.offline", {{"prn.offline", "prn.power"}, {"prn.offline", "prn.cable"}}));
      return r;
    }
    if (fate == 6) {
      attach(taken, "prn.offline", "diagnosis in progress", session_text("prn.offline", {}));
      attach(taken, "net.no_internet", "Switch en panne", net);
      step(taken + minute, [&](Edit& e) { REQUIRE(escalate(t, e, SupportLevel::n2, "switch") == EscalateError::none); });
      return r;
    }
    const char* diagnosis[] = {"Câble débranché", "Câble débranché", "Bail DHCP expiré", "Switch en panne", ""};
    if (fate <= 3) attach(taken, "net.no_internet", diagnosis[fate], net);
    if (fate == 2) {
      step(taken + minute, [&](Edit& e) { REQUIRE(set_status(t, e, Status::pending, "user away") == StatusError::none); });
      step(taken + 31 * minute, [&](Edit& e) { REQUIRE(set_status(t, e, Status::in_progress, "") == StatusError::none); });
    }
    if (fate == 3) {
      step(taken + minute, [&](Edit& e) { REQUIRE(escalate(t, e, SupportLevel::n2, "switch") == EscalateError::none); });
      step(taken + 2 * minute, [&](Edit& e) { REQUIRE(assign(t, e, "bob", SupportLevel::n2) == AssignError::none); });
    }
    const std::int64_t resolved = (p * 60 + 10 * fate) * minute;
    step(resolved, [&](Edit& e) { REQUIRE(resolve(t, e, "fixed") == ResolveError::none); });
    if (fate == 0) step(resolved + minute, [&](Edit& e) { REQUIRE(close(t, e, "") == CloseError::none); });
    return r;
  }

  Stats stats(std::optional<Date> since = std::nullopt) const {
    StatsOptions o;
    o.now = now;
    o.since = since;
    o.in_progress_markers = {"diagnostic en cours", "diagnosis in progress"};
    return compute_stats(records, policy, cal, o);
  }
};

int count_clock(const std::vector<FlaggedTicket>& list, const std::string& clock) {
  int n = 0;
  for (const auto& f : list) n += f.clock == clock;
  return n;
}

}  // namespace

TEST_CASE("the queue figures of a generated history are the known ones") {
  const History h;
  const Stats s = h.stats();
  CHECK(s.open == 75);
  for (int p = 0; p < 5; ++p) CHECK(s.open_by_priority[static_cast<std::size_t>(p)] == 15);
  const std::vector<std::pair<Status, int>> statuses{
      {Status::new_, 25}, {Status::assigned, 0}, {Status::in_progress, 20}, {Status::pending, 5}, {Status::escalated, 25}};
  CHECK(s.open_by_status == statuses);

  SUBCASE("late: the untaken tickets before today and the oldest running ones") {
    CHECK(s.late.size() == 40);
    CHECK(count_clock(s.late, "take_charge") == 20);
    CHECK(count_clock(s.late, "resolve") == 20);
    for (std::size_t i = 1; i < s.late.size(); ++i) CHECK(*s.late[i - 1].due <= *s.late[i].due);
  }
  SUBCASE("at risk: today's untaken P5 and the escalated P1 to P3 of days 10 to 12") {
    CHECK(s.at_risk.size() == 20);
    CHECK(count_clock(s.at_risk, "take_charge") == 5);
    CHECK(count_clock(s.at_risk, "resolve") == 15);
    for (const auto& f : s.at_risk) {
      if (f.clock == "take_charge") CHECK(f.priority == 5);
      if (f.clock == "resolve") CHECK(f.status == Status::escalated);
    }
  }
  SUBCASE("per day: 10 tickets on each business day of the 30 days ending today") {
    REQUIRE(s.per_day.size() == 30);
    CHECK(s.per_day.front().day == Date{2026, 11, 5});
    CHECK(s.per_day.back().day == Date{2026, 12, 4});
    const std::set<Date> open_days(h.days.begin(), h.days.end());
    int total = 0;
    for (const auto& d : s.per_day) {
      CHECK(d.created == (open_days.count(d.day) ? 10 : 0));
      total += d.created;
    }
    CHECK(total == 200);
    CHECK(s.per_day[6].day == Date{2026, 11, 11});  // a public holiday
    CHECK(s.per_day[6].created == 0);
    CHECK(s.per_day[1].created == 10);  // Friday 6 November, the oldest day
  }
}

TEST_CASE("the means, rates and per-tree figures of a generated history are the known ones") {
  const History h;
  const Stats s = h.stats();
  CHECK(s.tickets == 200);
  for (int p = 1; p <= 5; ++p) {
    CAPTURE(p);
    const PriorityTimes& t = s.times[static_cast<std::size_t>(p - 1)];
    // 35 taken at p*10 + 0..6 minutes: 3 minutes more on average.
    CHECK(t.take_charge.count == 35);
    CHECK(t.take_charge.wall == doctest::Approx((p * 10 + 3) * 60.0));
    CHECK(t.take_charge.business == doctest::Approx((p * 10 + 3) * 60.0));
    // 25 resolved at p*60 + 0..40 minutes, 5 of them pending 30 minutes.
    CHECK(t.resolve.count == 25);
    CHECK(t.resolve.wall == doctest::Approx((p * 60 + 20) * 60.0));
    CHECK(t.resolve.business == doctest::Approx((p * 60 + 14) * 60.0));
  }
  CHECK(s.resolved == 125);
  CHECK(s.first_contact == 100);
  CHECK(s.first_contact_rate == doctest::Approx(0.8));
  CHECK(s.escalated == 50);
  CHECK(s.escalation_rate == doctest::Approx(0.25));

  REQUIRE(s.trees.size() == 2);
  const TreeFigures& net = s.trees[0];
  CHECK(net.tree == "net.no_internet");
  CHECK(net.tickets == 125);
  CHECK(net.escalated == 50);
  CHECK(net.escalation_rate == doctest::Approx(0.4));
  CHECK(net.sessions == 125);
  CHECK(net.concluded == 125);
  CHECK(net.abandoned == 0);
  const std::vector<Count> conclusions{{"Câble débranché", 50}, {"Switch en panne", 50}, {"Bail DHCP expiré", 25}};
  CHECK(net.conclusions == conclusions);
  const TreeFigures& prn = s.trees[1];
  CHECK(prn.tree == "prn.offline");
  CHECK(prn.tickets == 50);
  CHECK(prn.escalated == 25);
  CHECK(prn.escalation_rate == doctest::Approx(0.5));
  CHECK(prn.sessions == 50);
  CHECK(prn.concluded == 0);
  CHECK(prn.abandoned == 50);
  const std::vector<Count> abandoned{{"", 25}, {"prn.cable", 25}};
  CHECK(prn.abandoned_at == abandoned);
}

TEST_CASE("since a date, the means and rates count only the tickets created from that day") {
  const History h;
  const Stats s = h.stats(h.days[10]);
  // Days 10..19 hold the tickets with k % 4 >= 2: fates 2, 3, 6, 7 of each priority.
  CHECK(s.tickets == 100);
  CHECK(s.resolved == 50);
  CHECK(s.first_contact == 25);
  CHECK(s.first_contact_rate == doctest::Approx(0.5));
  CHECK(s.escalated == 50);
  CHECK(s.escalation_rate == doctest::Approx(0.5));
  CHECK(s.times[0].resolve.count == 10);
  // The queue is the whole queue whatever the date.
  CHECK(s.open == 75);
  CHECK(s.per_day.size() == 30);
  const Stats later = h.stats(Date{2026, 12, 5});
  CHECK(later.tickets == 0);
  CHECK(later.first_contact_rate == 0);
  CHECK(later.trees.empty());
}

TEST_CASE("the last answered node of a saved session") {
  CHECK(last_answered_node(session_text("prn.offline", {})) == std::string{});
  CHECK(last_answered_node(session_text("prn.offline", {{"prn.offline", "prn.power"}, {"prn.offline", "prn.cable"}})) ==
        std::string{"prn.cable"});
  // An answer given inside a sub-tree names that tree.
  CHECK(last_answered_node(session_text("net.no_internet", {{"net.dhcp", "dhcp.lease"}})) ==
        std::string{"net.dhcp:dhcp.lease"});
  CHECK_FALSE(last_answered_node("tree = [unclosed").has_value());
}

TEST_CASE("no tickets gives zero figures and an empty per-day series of the asked length") {
  Calendar cal;
  StatsOptions o;
  o.now = cal.from_local({2026, 12, 4}, 12 * 3600);
  o.days = 7;
  const Stats s = compute_stats({}, SlaPolicy{}, cal, o);
  CHECK(s.open == 0);
  CHECK(s.tickets == 0);
  CHECK(s.first_contact_rate == 0);
  CHECK(s.escalation_rate == 0);
  REQUIRE(s.per_day.size() == 7);
  CHECK(s.per_day.front().day == Date{2026, 11, 28});
  CHECK(s.open_by_status.size() == 5);
}
