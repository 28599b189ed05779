// End-to-end: diagdesk stats over a few tickets made with 'diagdesk incident'
// on the mini KB, the desk's clock set by DIAGDESK_NOW (Friday 22 May 2026).
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using nlohmann::json;

namespace {

struct Desk {
  test::TempDir kb;
  test::TempDir home;
  std::string data;
  Desk() {
    test::write_mini_kb_with_articles(kb);
    data = "--data " + test::quote(kb.path().string()) + " ";
  }
  test::Run run(const std::string& args, const std::string& now) const {
    return test::diagdesk_at(home, data + args, now);
  }
  void ok(const std::string& args, const std::string& now) const {
    const auto r = run(args, now);
    REQUIRE_MESSAGE(r.rc == 0, std::string(args + " -> " + r.err));
  }
  std::string open(const std::string& grade, const std::string& title) const {
    const auto r = run("incident new --json --title " + test::quote(title) + " --caller 'Paul Martin' --impact " +
                           grade + " --urgency " + grade + " --category network",
                       "2026-05-22T10:00");
    REQUIRE_MESSAGE(r.rc == 0, r.err);
    return json::parse(r.out)["number"];
  }
  /// Three incidents opened at 10:00: a P1 taken at 10:10 and resolved at
  /// 10:30; a P3 diagnosed on t.net at 10:20 (concluded: escalate) and
  /// escalated at 10:25; a P5 diagnosed at 10:40 and left after one answer.
  void seed() const {
    const std::string p1 = open("high", "No network at all");
    const std::string p3 = open("medium", "Slow network");
    const std::string p5 = open("low", "Network drops");
    ok("incident assign " + p1 + " marie --level N1", "2026-05-22T10:10");
    ok("incident resolve " + p1 + " --solution 'Cable plugged back' --operator marie", "2026-05-22T10:30");
    ok("incident diagnose " + p3 + " t.net --answers on,169.254.9.9 --operator marie", "2026-05-22T10:20");
    ok("incident escalate " + p3 + " --level 2 --reason 'APIPA address' --operator marie", "2026-05-22T10:25");
    ok("incident diagnose " + p5 + " t.net --answers on --operator marie", "2026-05-22T10:40");
  }
};

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> row;
    std::string cell;
    std::istringstream cells(line);
    while (std::getline(cells, cell, ',')) row.push_back(cell);
    if (!line.empty() && line.back() == ',') row.emplace_back();
    rows.push_back(row);
  }
  return rows;
}

/// The value of the CSV row figure,group,key ("" when there is none).
std::string csv_value(const std::vector<std::vector<std::string>>& rows, const std::string& figure,
                      const std::string& group, const std::string& key) {
  for (const auto& r : rows) {
    if (r.size() == 4 && r[0] == figure && r[1] == group && r[2] == key) return r[3];
  }
  return "";
}

}  // namespace

TEST_CASE("diagdesk stats gives the figures of a few tickets in JSON and CSV") {
  Desk d;
  d.seed();
  const auto r = d.run("stats --json", "2026-05-22T11:00");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  const json s = json::parse(r.out);
  CHECK(s["now"] == "2026-05-22 11:00");
  CHECK(s["since"].is_null());
  CHECK(s["open"]["total"] == 2);
  CHECK(s["open"]["by_priority"]["P3"] == 1);
  CHECK(s["open"]["by_priority"]["P5"] == 1);
  CHECK(s["open"]["by_status"]["escalated"] == 1);
  CHECK(s["open"]["by_status"]["in_progress"] == 1);
  REQUIRE(s["per_day"].size() == 30);
  CHECK(s["per_day"].back() == json{{"day", "2026-05-22"}, {"created", 3}});
  CHECK(s["per_day"].front()["day"] == "2026-04-23");
  CHECK(s["tickets"] == 3);
  const json& p1 = s["times"][0];
  CHECK(p1["priority"] == "P1");
  CHECK(p1["take_charge"] == json{{"count", 1}, {"business_seconds", 600.0}, {"wall_seconds", 600.0}});
  CHECK(p1["resolve"] == json{{"count", 1}, {"business_seconds", 1800.0}, {"wall_seconds", 1800.0}});
  CHECK(s["times"][2]["take_charge"]["wall_seconds"] == 1200.0);
  CHECK(s["times"][2]["resolve"]["count"] == 0);
  CHECK(s["first_contact"] == json{{"resolved", 1}, {"first_contact", 1}, {"rate", 1.0}});
  CHECK(s["escalation"]["escalated"] == 1);
  CHECK(s["escalation"]["rate"].get<double>() == doctest::Approx(1.0 / 3));
  REQUIRE(s["trees"].size() == 1);
  const json& tree = s["trees"][0];
  CHECK(tree["tree"] == "t.net");
  CHECK(tree["tickets"] == 2);
  CHECK(tree["escalated"] == 1);
  CHECK(tree["sessions"] == 2);
  CHECK(tree["concluded"] == 1);
  CHECK(tree["abandoned"] == 1);
  CHECK(tree["conclusions"].size() == 1);
  CHECK(tree["abandoned_at"] == json::parse(R"([{"node": "q_link", "sessions": 1}])"));

  const auto c = d.run("stats --csv", "2026-05-22T11:00");
  REQUIRE_MESSAGE(c.rc == 0, c.err);
  const auto rows = csv_rows(c.out);
  REQUIRE_FALSE(rows.empty());
  CHECK(rows[0] == std::vector<std::string>{"figure", "group", "key", "value"});
  CHECK(csv_value(rows, "open", "", "total") == "2");
  CHECK(csv_value(rows, "created_per_day", "", "2026-05-22") == "3");
  CHECK(csv_value(rows, "take_charge_business_seconds", "", "P1") == "600");
  CHECK(csv_value(rows, "resolve_wall_seconds", "", "P1") == "1800");
  CHECK(csv_value(rows, "first_contact", "", "rate") == "1");
  CHECK(csv_value(rows, "escalation", "", "rate") == "0.333333");
  CHECK(csv_value(rows, "tree", "t.net", "abandoned") == "1");
  CHECK(csv_value(rows, "abandoned_at", "t.net", "q_link") == "1");
}

TEST_CASE("diagdesk stats --since counts the rates from that day and refuses a bad date") {
  Desk d;
  d.seed();
  const auto later = d.run("stats --json --since 2026-05-23", "2026-05-25T09:00");
  REQUIRE_MESSAGE(later.rc == 0, later.err);
  const json s = json::parse(later.out);
  CHECK(s["since"] == "2026-05-23");
  CHECK(s["tickets"] == 0);
  CHECK(s["open"]["total"] == 2);  // the queue is the whole queue

  const auto bad = d.run("stats --since 2026-02-30", "2026-05-22T11:00");
  CHECK(bad.rc == 2);
  CHECK(bad.err == "diagdesk: --since: bad date '2026-02-30' (expected YYYY-MM-DD)\n");
  CHECK(d.run("stats --json --csv", "2026-05-22T11:00").rc == 2);
  CHECK(d.run("stats", "yesterday").rc == 2);
}

TEST_CASE("diagdesk stats speaks French and English") {
  Desk d;
  d.seed();
  const auto fr = d.run("--lang fr stats", "2026-05-22T11:00");
  REQUIRE_MESSAGE(fr.rc == 0, fr.err);
  CHECK(fr.out.find("Tickets ouverts : 2") != std::string::npos);
  CHECK(fr.out.find("Résolus au premier contact (N1, sans escalade) : 1 sur 1 résolus (100,0 %)") != std::string::npos);
  CHECK(fr.out.find("abandonnée à q_link : 1") != std::string::npos);
  const auto en = d.run("--lang en stats", "2026-05-22T11:00");
  REQUIRE_MESSAGE(en.rc == 0, en.err);
  CHECK(en.out.find("Open tickets: 2") != std::string::npos);
  CHECK(en.out.find("Escalated: 1 of 3 (33.3%)") != std::string::npos);
  CHECK(en.out.find("P1  take charge 10m / 10m (1)  resolution 30m / 30m (1)") != std::string::npos);
}
