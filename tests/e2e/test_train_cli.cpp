// End-to-end: diagdesk train on a temporary KB with one scenario, progress in
// a temporary data dir (including a damaged progress file).
#include "run.hpp"

#include <doctest/doctest.h>

#include <regex>

using test::diagdesk;

namespace {

namespace fs = std::filesystem;

// The scenario of tests/engine/test_training_fixture.hpp: mini tree t.net,
// DNS down; expert path q_link > a_ip > q_dns, cost 5.
const char* scenario = R"(schema_version = 1
id = "s.dns"
title = { fr = "Plus de sites web", en = "No more web sites" }
competency = 5
difficulty = 1
tree = "t.net"
complaint = { fr = "Internet ne marche plus.", en = "Internet is broken." }
hidden_fault = { fr = "Le serveur DNS est tombé.", en = "The DNS server is down." }
risky_steps = ["t.net:a_nslookup"]

[context]
asset = "PC-1"
os = "Windows 11"
user = { fr = "Marie, comptable", en = "Marie, accountant" }
site = { fr = "Lyon", en = "Lyon" }

[facts]
link = true
ip_address = "192.168.1.20"
ip_config = "dhcp_ok"
dns_ok = false
os = "windows11"

[expected]
diagnosis = "t.net:c_dns"
outcome = "resolved"
impact = "low"
urgency = "high"
articles = ["net.dns"]
)";

struct Fixture {
  test::TempDir kb;
  test::TempDir home;
  std::string data;
  Fixture() {
    test::write_mini_kb_with_articles(kb);
    kb.write("scenarios/s.dns.toml", scenario);
    data = "--data " + test::quote(kb.path().string()) + " ";
  }
  fs::path progress() const { return home.path() / "userdata" / "training.sqlite"; }
};

const std::string perfect = "tree=t.net,=,=,=,impact=low,urgency=high,kb=net.dns,verify,document";
const std::string wasteful =
    "t.net:a_ip,t.net:q_link,t.net:q_link,t.net:q_kind,t.net:a_nslookup,t.net:q_dns,t.other:q_os,"
    "diagnosis=t.net:c_dns,impact=low,urgency=high,kb=net.dns,verify,document";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("train lists the scenarios and shows the expert path") {
  Fixture f;
  auto r = diagdesk(f.home, f.data + "train --list");
  CHECK(r.rc == 0);
  CHECK(has(r.out, "s.dns"));
  CHECK(has(r.out, "No more web sites"));
  r = diagdesk(f.home, f.data + "--lang fr train --list --json");
  CHECK(r.rc == 0);
  CHECK(has(r.out, "\"title\": \"Plus de sites web\""));
  CHECK(has(r.out, "\"best\": null"));
  r = diagdesk(f.home, f.data + "train s.dns --expert --json");
  CHECK(r.rc == 0);
  CHECK(has(r.out, "\"conclusion\": \"t.net:c_dns\""));
  CHECK(has(r.out, "\"cost\": 5"));
}

TEST_CASE("a scripted guided run scores 100 and is recorded in the progress") {
  Fixture f;
  auto r = diagdesk(f.home, f.data + "train s.dns --trainee marie --json --actions " + test::quote(perfect));
  REQUIRE_MESSAGE(r.rc == 0, std::string(r.err));
  CHECK(has(r.out, "\"total\": 100"));
  CHECK(has(r.out, "\"recorded\": true"));
  CHECK(has(r.out, "\"expected\": \"p3_medium\""));
  CHECK(fs::exists(f.progress()));
  r = diagdesk(f.home, f.data + "train --progress --trainee marie --json");
  CHECK(r.rc == 0);
  CHECK(has(r.out, "\"attempts\": 1"));
  CHECK(has(r.out, "\"mastery\": 100"));
  CHECK(has(r.out, "\"best\": 100"));
  r = diagdesk(f.home, f.data + "train --progress --trainee paul");
  CHECK(r.rc == 0);
  CHECK(has(r.out, "Progress of paul (0 attempts)"));
  CHECK(has(r.out, "diagdesk train s.dns"));
}

TEST_CASE("a scripted wasteful free run gets its exact score and debrief") {
  Fixture f;
  auto r = diagdesk(f.home, f.data + "train s.dns --mode free --no-record --actions " + test::quote(wasteful));
  REQUIRE_MESSAGE(r.rc == 0, std::string(r.err));
  CHECK(has(r.out, "Score: 69/100"));
  CHECK(has(r.out, "Already done: the result could not change."));
  CHECK(has(r.out, "Penalty: no backup before the risky step t.net:a_nslookup (−10)."));
  CHECK(has(r.out, "[ ] Identify the problem"));
  CHECK_FALSE(fs::exists(f.progress()));  // --no-record
  r = diagdesk(f.home, f.data + "train s.dns --mode free --no-record --json --actions " + test::quote(wasteful));
  CHECK(has(r.out, "\"total\": 69"));
  CHECK(has(r.out, "\"penalty_points\": 19"));
}

TEST_CASE("train refuses bad scenarios and bad actions with a clear message") {
  Fixture f;
  auto r = diagdesk(f.home, f.data + "train s.nope --actions =");
  CHECK(r.rc == 2);
  CHECK(has(r.err, "unknown scenario 's.nope'"));
  r = diagdesk(f.home, f.data + "train s.dns --actions tree=t.net,maybe");
  CHECK(r.rc == 2);
  CHECK(has(r.err, "action 2 'maybe' refused"));
  r = diagdesk(f.home, f.data + "train s.dns --actions tree=t.net,kb=no.such.article");
  CHECK(r.rc == 2);
  CHECK(has(r.err, "no such article"));
  r = diagdesk(f.home, f.data + "train --mode sideways s.dns");
  CHECK(r.rc == 2);
}

TEST_CASE("interactive train reads its answers from a pipe") {
  Fixture f;
  const std::string input = "tree=t.net\n=\n=\n=\nkb net.dns\nimpact=low\nurgency=high\nverify\ndocument\ndone\n";
  auto r = diagdesk(f.home, f.data + "train s.dns --trainee zoe", input);
  REQUIRE_MESSAGE(r.rc == 0, std::string(r.err));
  CHECK(has(r.out, "The user calls: « Internet is broken. »"));
  CHECK(has(r.out, "User: « Yes »"));
  CHECK(has(r.out, "Score: 100/100"));
  CHECK(has(r.out, "Result recorded in zoe's progress."));
  // End of input also ends the play, with a debrief.
  r = diagdesk(f.home, f.data + "--lang fr train s.dns --mode free --no-record", "list dns\nt.net:q_dns\n");
  CHECK(r.rc == 0);
  CHECK(has(r.out, "t.net:q_dns"));
  CHECK(has(r.out, "Score : "));
}

TEST_CASE("a damaged progress file is kept aside and a fresh one started") {
  Fixture f;
  const std::string garbage = "this is not an SQLite database, just words\n";
  f.home.write("userdata/training.sqlite", garbage);
  auto r = diagdesk(f.home, f.data + "train s.dns --trainee marie --json --actions " + test::quote(perfect));
  REQUIRE(r.rc == 0);
  CHECK(has(r.err, "the progress file was damaged: it was kept as "));
  CHECK(has(r.out, "\"notice\""));
  CHECK(has(r.out, "\"recorded\": true"));
  // The damaged file is still there, untouched, under a new name.
  std::string aside;
  for (const auto& e : fs::directory_iterator(f.home.path() / "userdata")) {
    if (e.path().filename().string().rfind("training.sqlite.corrupt-", 0) == 0) aside = e.path().string();
  }
  REQUIRE_FALSE(aside.empty());
  CHECK(std::regex_search(aside, std::regex("corrupt-[0-9]{8}-[0-9]{6}$")));
  CHECK(test::read(aside) == garbage);
  // The fresh file works: the attempt is there, and no further notice.
  r = diagdesk(f.home, f.data + "train --progress --trainee marie --json");
  CHECK(r.rc == 0);
  CHECK(has(r.out, "\"attempts\": 1"));
  CHECK_FALSE(has(r.err, "damaged"));
}

TEST_CASE("diagdesk lint checks the scenarios too") {
  Fixture f;
  auto r = diagdesk(f.home, f.data + "lint");
  CHECK_MESSAGE(r.rc == 0, std::string(r.out + r.err));
  std::string bad = scenario;
  bad.replace(bad.find("dns_ok = false"), 14, "wifi_bars = 3");
  const auto file = f.kb.write("scenarios/s.bad.toml", std::regex_replace(bad, std::regex("s\\.dns"), "s.bad"));
  r = diagdesk(f.home, f.data + "lint");
  CHECK(r.rc == 1);
  CHECK(has(r.out, "[scenario.unknown_fact]"));
  CHECK(has(r.out, "[scenario.expert_path]"));
  r = diagdesk(f.home, f.data + "lint " + test::quote(file.string()));
  CHECK(r.rc == 1);
  CHECK(has(r.out, file.string() + ":21:"));
  CHECK_FALSE(has(r.out, "s.dns.toml"));
}

TEST_CASE("lint warns with the tree's path when no scenario uses a tree") {
  Fixture f;  // s.dns stays in t.net (q_link > a_ip > q_dns > c_dns): t.other is unused
  const std::string other = (f.kb.path() / "trees" / "network" / "t.other.toml").string();
  auto r = diagdesk(f.home, f.data + "lint");
  CHECK_MESSAGE(r.rc == 0, std::string(r.out + r.err));  // a warning, not an error
  CHECK(has(r.out, other + ":1:1: warning: tree 't.other' is used by no training scenario"));
  CHECK(has(r.out, "[tree.no_scenario]"));
  CHECK_FALSE(has(r.out, "tree 't.net' is used by no"));
  CHECK(has(r.err, "0 error(s), 1 warning(s)"));

  SUBCASE("the warning is kept when only that tree is linted") {
    r = diagdesk(f.home, f.data + "lint " + test::quote(other));
    CHECK(has(r.out, other + ":1:1: warning:"));
  }
  SUBCASE("the JSON output carries the warning and its file") {
    r = diagdesk(f.home, f.data + "lint --json");
    CHECK(has(r.out, "\"code\": \"tree.no_scenario\""));
    CHECK(has(r.out, "\"file\": \"" + other + "\""));
    CHECK(has(r.out, "\"severity\": \"warning\""));
  }
  SUBCASE("a scenario whose expert path jumps into the tree silences it") {
    // DNS working: the expert path goes t.net:j_other > t.other:q_os > c_done.
    std::string jump = std::regex_replace(scenario, std::regex("s\\.dns"), "s.jump");
    jump = std::regex_replace(jump, std::regex("dns_ok = false"), "dns_ok = true");
    jump = std::regex_replace(jump, std::regex("t\\.net:c_dns"), "t.other:c_done");
    jump = std::regex_replace(jump, std::regex("outcome = \"resolved\""), "outcome = \"refer_vendor\"");
    jump = std::regex_replace(jump, std::regex("articles = \\[\"net\\.dns\"\\]"), "articles = [\"app.reinstall\"]");
    f.kb.write("scenarios/s.jump.toml", jump);
    r = diagdesk(f.home, f.data + "lint");
    CHECK_MESSAGE(r.rc == 0, std::string(r.out + r.err));
    CHECK_FALSE(has(r.out, "tree.no_scenario"));
    CHECK(has(r.err, "0 error(s), 0 warning(s)"));
  }
}

// [Ticket scenarios] -----------------------------------------------------------------------------

namespace {

/// The same call as a ticket (fixture.hpp), with another priority line when asked.
std::string ticket_scenario(const std::string& priority_line = "priority = 3") {
  const std::string s = std::regex_replace(scenario, std::regex("s\\.dns"), "s.ticket");
  return s + std::regex_replace(test::mini_ticket_section, std::regex("priority = 3"), priority_line);
}

struct TicketFixture : Fixture {
  TicketFixture() { kb.write("scenarios/s.ticket.toml", ticket_scenario()); }
};

const std::string ticket_play = "type=incident,impact=low,urgency=high,priority=3,tree=t.net,=,=,=,kb=net.dns,verify,document";

}  // namespace

TEST_CASE("a scripted ticket scenario is qualified, diagnosed and closed") {
  TicketFixture f;
  auto r = diagdesk(f.home, f.data + "train s.ticket --json");  // the call as it opens
  REQUIRE_MESSAGE(r.rc == 0, std::string(r.err));
  CHECK(has(r.out, "\"caller\": \"Marie Dupont\""));
  CHECK(has(r.out, "\"opened_as\": \"incident\""));
  r = diagdesk(f.home, f.data + "train --list --json");
  CHECK(has(r.out, "\"id\": \"s.ticket\",\n    \"ticket\": true"));
  r = diagdesk(f.home, f.data + "train s.ticket --no-record --json --actions " + test::quote(ticket_play + ",resolve"));
  REQUIRE_MESSAGE(r.rc == 0, std::string(r.err));
  CHECK(has(r.out, "\"total\": 100"));
  CHECK(has(r.out, "\"expected_priority\": 3"));
  CHECK(has(r.out, "\"penalties\": []"));

  SUBCASE("a needless escalation and a request type cost their penalties, explained in French") {
    const std::string play = std::regex_replace(ticket_play, std::regex("type=incident"), "type=demande") + ",escalate=n2";
    r = diagdesk(f.home, f.data + "--lang fr train s.ticket --no-record --actions " + test::quote(play));
    REQUIRE_MESSAGE(r.rc == 0, std::string(r.err));
    CHECK(has(r.out, "Score : 63/100"));
    CHECK(has(r.out, "incident traité comme demande de service"));
    CHECK(has(r.out, "escalade inutile"));
    CHECK(has(r.out, "Suite du ticket : escaladé au N2 ; attendu : résolu au niveau 1."));
  }
  SUBCASE("diagnosing before qualifying is refused with exit 2") {
    r = diagdesk(f.home, f.data + "train s.ticket --no-record --actions tree=t.net");
    CHECK(r.rc == 2);
    CHECK(has(r.err, "action 1 'tree=t.net' refused: qualify the ticket first"));
    r = diagdesk(f.home, f.data + "train s.dns --no-record --actions priority=3");
    CHECK(r.rc == 2);
    CHECK(has(r.err, "scenarios that start from a ticket"));
  }
}

TEST_CASE("interactive train asks a ticket's qualification first and how the call ends last") {
  TicketFixture f;
  const std::string input =
      "bug\nincident\nlow\nhigh\n3\ntree=t.net\n=\n=\n=\nkb net.dns\nverify\ndocument\ndone\nn4\nr\n";
  auto r = diagdesk(f.home, f.data + "train s.ticket --no-record", input);
  REQUIRE_MESSAGE(r.rc == 0, std::string(r.err));
  CHECK(has(r.out, "-- Ticket opened --"));
  CHECK(has(r.out, "Caller: Marie Dupont"));
  CHECK(has(r.out, "Ticket type (incident / request) > "));
  CHECK(has(r.out, "Refused: type must be incident or request, not 'bug'"));
  CHECK(has(r.out, "Priority (1 to 5, P1 the highest) > "));
  CHECK(has(r.out, "End of the call: r = resolve"));
  CHECK(has(r.out, "Refused: escalate to n2 or n3, not 'n4'"));
  CHECK(has(r.out, "Score: 100/100"));
  CHECK(has(r.out, "Right way to end the call: resolved at level 1."));
}

TEST_CASE("lint reports a ticket priority the matrix does not give, at its line") {
  TicketFixture f;
  const auto file = f.kb.write("scenarios/s.ticket.toml", ticket_scenario("priority = 1"));
  auto r = diagdesk(f.home, f.data + "lint");
  CHECK(r.rc == 1);
  CHECK(has(r.out, file.string() + ":39:12: error: ticket.priority P1 is not what the priority matrix gives"));
  CHECK(has(r.out, "[scenario.ticket_priority]"));
  // A team layer's matrix is the one that counts.
  f.kb.write("service/priority.toml", "schema_version = 1\n[impact.low]\nhigh = 1\n");
  r = diagdesk(f.home, f.data + "lint");
  CHECK_MESSAGE(r.rc == 0, std::string(r.out + r.err));
}
