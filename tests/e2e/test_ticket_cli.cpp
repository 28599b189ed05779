// End-to-end: diagdesk incident|request, from the call to the closure, on the
// mini KB, with the desk's clock set by DIAGDESK_NOW.
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

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
  /// diagdesk ARGS at local time `now` (Friday 22 May 2026, an open day, by default).
  test::Run run(const std::string& args, const std::string& now = "2026-05-22T10:00") const {
    return test::diagdesk_at(home, data + args, now);
  }
  json run_json(const std::string& args, const std::string& now = "2026-05-22T10:00") const {
    const auto r = run(args + " --json", now);
    REQUIRE_MESSAGE(r.rc == 0, std::string(args + " -> " + r.err));
    return json::parse(r.out);
  }
  /// Opens an incident and returns its number.
  std::string open(const std::string& impact, const std::string& urgency, const std::string& title = "No network",
                   const std::string& now = "2026-05-22T10:00", const std::string& type = "incident") const {
    return run_json(type + " new --title " + test::quote(title) + " --caller 'Paul Martin' --impact " + impact +
                        " --urgency " + urgency + " --category network",
                    now)["number"];
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The command is refused: exit 2 and one line on stderr that contains `part`.
void refused(const Desk& d, const std::string& args, const std::string& part) {
  CAPTURE(args);
  const auto r = d.run(args);
  CHECK(r.rc == 2);
  CHECK(has(r.err, part));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

std::vector<std::string> numbers(const json& list) {
  std::vector<std::string> out;
  for (const auto& t : list) out.push_back(t["number"]);
  return out;
}

}  // namespace

TEST_CASE("an incident goes from the call to the closure with a diagnosis, a packet and a PDF report") {
  Desk d;
  auto r = d.run("incident new --title 'Laptop has no network' --caller 'Paul Martin' --phone 0601020304 "
                 "--email paul.martin@example.org --site Lyon --impact medium --urgency high --category network "
                 "--asset PC-0042 --description 'Since this morning, nothing loads' --fact os=windows11 --operator marie");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "INC-2026-000001"));
  CHECK(has(r.out, "P2"));
  CHECK(has(r.out, "impact medium × urgency high"));
  const std::string n = "INC-2026-000001";

  json t = d.run_json("incident assign " + n + " marie --level N1");
  CHECK(t["status"] == "assigned");
  CHECK(t["operator"] == "marie");

  // The link light is on, the address is APIPA: the tree escalates to N2.
  json diag = d.run_json("incident diagnose " + n + " t.net --answers on,169.254.9.9 --operator marie", "2026-05-22T10:20");
  CHECK(diag["status"] == "concluded");
  CHECK(diag["proposal"]["outcome"] == "escalate_l2");
  CHECK(diag["proposal"]["level"] == "N2");
  CHECK(has(diag["next"], "diagdesk incident escalate " + n + " --level 2 --reason "));
  CHECK(diag["facts"]["os"]["value"] == "windows11");  // pre-filled from the ticket
  CHECK(diag["ticket"]["sessions"] == 1);

  const auto packet = d.home.path() / "packet.md";
  r = d.run("incident escalate " + n + " --level 2 --reason 'DHCP server does not answer' --packet " +
                test::quote(packet.string()),
            "2026-05-22T10:30");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, packet.string()));
  const std::string p = test::read(packet);
  CHECK(has(p, n));
  CHECK(has(p, "Since this morning, nothing loads"));

  t = d.run_json("incident resolve " + n + " --solution 'Restarted the DHCP service'", "2026-05-22T11:00");
  CHECK(t["status"] == "resolved");
  t = d.run_json("incident close " + n + " --note 'User confirmed'", "2026-05-22T11:05");
  CHECK(t["status"] == "closed");

  const auto pdf = d.home.path() / "report.pdf";
  const auto md = d.home.path() / "report.md";
  r = d.run("incident report " + n + " --pdf " + test::quote(pdf.string()) + " --md " + test::quote(md.string()));
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(test::read(md), n));
  CHECK(has(test::read(md), "Paul Martin"));
  const auto text = d.home.path() / "report.txt";
  REQUIRE(std::system(("pdftotext " + test::quote(pdf.string()) + " " + test::quote(text.string())).c_str()) == 0);
  CHECK(has(test::read(text), n));
  CHECK(has(test::read(text), "Paul Martin"));

  json shown = d.run_json("incident show " + n);
  CHECK(shown["status"] == "closed");
  CHECK(shown["solution"] == "Restarted the DHCP service");
  CHECK(shown["attached_sessions"].size() == 1);
  CHECK(shown["history"].size() >= 6);
  r = d.run("incident show " + n);
  CHECK(r.rc == 0);
  CHECK(has(r.out, "Timeline"));
  CHECK(has(r.out, "t.net"));
  CHECK(has(r.out, "2026-05-22 10:00"));  // local time
}

TEST_CASE("a diagnosis that resolves proposes its solution and resolve --from-diagnosis takes it") {
  Desk d;
  const std::string n = d.open("low", "medium");
  auto r = d.run("incident diagnose " + n + " t.net --answers off");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "Proposed solution"));
  CHECK(has(r.out, "diagdesk incident resolve " + n + " --from-diagnosis"));
  json t = d.run_json("incident resolve " + n + " --from-diagnosis");
  CHECK(t["status"] == "resolved");
  CHECK_FALSE(t["solution"].get<std::string>().empty());
}

TEST_CASE("a diagnosis stopped midway is attached and a refused answer attaches nothing") {
  Desk d;
  const std::string n = d.open("low", "low");
  json diag = d.run_json("incident diagnose " + n + " t.net --answers on");
  CHECK(diag["status"] == "question");
  CHECK(diag["proposal"]["concluded"] == false);
  CHECK(diag["ticket"]["sessions"] == 1);
  refused(d, "incident diagnose " + n + " t.net --answers nope", "'nope' is not a choice");
  CHECK(d.run_json("incident show " + n)["sessions"] == 1);
  // Interactive, then q: attached as it stands.
  const auto r = test::diagdesk_from(d.home, d.data + "incident diagnose " + n + " t.net", d.home.write("keys.txt", "1\nq\n"),
                          "DIAGDESK_NOW=2026-05-22T10:00");
  CHECK_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "attached to ticket " + n));
  CHECK(d.run_json("incident show " + n)["sessions"] == 2);
}

TEST_CASE("each illegal move exits 2 with a message") {
  Desk d;
  const std::string n = d.open("medium", "medium");
  refused(d, "incident close " + n, "never resolved");
  refused(d, "incident resolve " + n, "solution");
  CHECK(d.run("incident escalate " + n + " --level 2 --reason 'needs N2'").rc == 0);
  refused(d, "incident escalate " + n + " --level 1 --reason 'back'", "level");
  CHECK(d.run("incident resolve " + n + " --solution fixed").rc == 0);
  CHECK(d.run("incident close " + n).rc == 0);
  refused(d, "incident reopen " + n + " --reason 'again'", "closed");
  refused(d, "incident status " + n + " pending --note 'waiting'", "closed");
  refused(d, "incident diagnose " + n + " t.net --answers off", "closed");
}

TEST_CASE("bad numbers, unknown tickets, fields and values exit 2 naming the bad value") {
  Desk d;
  const std::string n = d.open("high", "high");
  struct Row {
    std::string args;
    std::string message;
  };
  const Row rows[] = {
      {"incident show INC-12", "'INC-12'"},
      {"incident show INC-2026-999999", "INC-2026-999999"},
      {"incident update " + n + " colour red", "unknown field"},
      {"incident update " + n + " impact huge", "'huge'"},
      {"incident new --title T --caller C --impact huge --urgency low", "'huge'"},
      {"incident new --title T --caller C --urgency low", "--impact"},
      {"incident new --title T --caller C --impact low --urgency low --category plumbing", "category"},
      {"incident list --priority P9", "'P9'"},
      {"incident list --status done", "'done'"},
      {"incident assign " + n + " marie --level N7", "'N7'"},
      {"incident note " + n + " hello --kind fax", "'fax'"},
      {"incident report " + n, "--pdf"},
  };
  for (const auto& row : rows) refused(d, row.args, row.message);
  const auto r = d.run("incident list", "tomorrow");
  CHECK(r.rc == 2);
  CHECK(has(r.err, "DIAGDESK_NOW 'tomorrow'"));
}

TEST_CASE("list filters by status, priority, operator, late and at risk, with the clock of DIAGDESK_NOW") {
  Desk d;
  const std::string p1 = d.open("high", "high", "Whole site down");
  const std::string p2 = d.open("high", "medium", "Team cannot print");
  const std::string p5 = d.open("low", "low", "New mouse wanted");
  const std::string req = d.open("low", "low", "New account", "2026-05-22T10:00", "request");
  CHECK(req.rfind("DEM-2026-", 0) == 0);
  CHECK(d.run("incident assign " + p2 + " marie").rc == 0);

  CHECK(numbers(d.run_json("incident list")) == std::vector<std::string>{p1, p2, p5});  // by priority, no request
  CHECK(numbers(d.run_json("request list")) == std::vector<std::string>{req});
  CHECK(numbers(d.run_json("incident list --priority P5")) == std::vector<std::string>{p5});
  CHECK(numbers(d.run_json("incident list --priority 1")) == std::vector<std::string>{p1});
  CHECK(numbers(d.run_json("incident list --status assigned")) == std::vector<std::string>{p2});
  CHECK(numbers(d.run_json("incident list --operator marie")) == std::vector<std::string>{p2});
  // At 10:25, P1 has used 25 of its 15 minutes to take charge: late. P2 was
  // taken at 10:00; its 8 h to resolve are not at risk. Nothing late at 10:05.
  CHECK(numbers(d.run_json("incident list --late", "2026-05-22T10:25")) == std::vector<std::string>{p1});
  CHECK(numbers(d.run_json("incident list --late", "2026-05-22T10:05")).empty());
  CHECK(numbers(d.run_json("incident list --at-risk", "2026-05-22T10:13")) == std::vector<std::string>{p1});
  // Unix seconds work too: 2026-05-22 10:25 in Paris (UTC+2) is 08:25 UTC.
  CHECK(numbers(d.run_json("incident list --late", "1779438300")) == std::vector<std::string>{p1});

  CHECK(d.run("incident resolve " + p5 + " --solution 'Mouse given'").rc == 0);
  CHECK(numbers(d.run_json("incident list --open")) == std::vector<std::string>{p1, p2});
  const json due = d.run_json("incident list --sort due");
  CHECK(due.size() == 3);
  CHECK(due[0]["number"] == p1);

  auto r = d.run("incident list", "2026-05-22T10:25");
  CHECK(r.rc == 0);
  CHECK(has(r.out, p1));
  CHECK(has(r.out, "late"));
  // show and update take any number, whichever command is used.
  CHECK(d.run_json("incident show " + req)["type"] == "request");
}

TEST_CASE("a change made on a stale version is refused") {
  Desk d;
  const std::string n = d.open("medium", "medium");
  const std::int64_t v = d.run_json("incident show " + n)["version"];
  json t = d.run_json("incident update " + n + " impact high --version " + std::to_string(v));
  CHECK(t["priority"] == "P2");
  CHECK(t["version"] == v + 1);
  refused(d, "incident update " + n + " title 'Another title' --version " + std::to_string(v), "someone else");
  CHECK(d.run_json("incident show " + n)["title"] == "No network");
}

TEST_CASE("messages are in French and in English") {
  Desk d;
  const std::string n = d.open("medium", "medium");
  refused(d, "--lang fr incident close " + n, "jamais été résolu");
  refused(d, "--lang en incident close " + n, "never resolved");
  refused(d, "--lang fr incident new --title T --caller C --impact énorme --urgency low", "--impact « énorme » invalide");
  const auto r = d.run("--lang fr incident new --title 'Pas de réseau' --caller 'Paul Martin' --impact high --urgency high --category network");
  CHECK(r.rc == 0);
  CHECK(has(r.out, "créé"));
  CHECK(has(r.out, "impact élevé × urgence élevée"));
}

TEST_CASE("a damaged ticket database gives one line and exit 1, and is left as it was") {
  Desk d;
  const auto db = d.home.write("userdata/service.sqlite", std::string(4096, 'x'));
  auto r = d.run("incident list");
  CHECK(r.rc == 1);
  CHECK(has(r.err, "damaged"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  r = d.run("incident new --title T --caller C --impact low --urgency low");
  CHECK(r.rc == 1);
  CHECK(test::read(db) == std::string(4096, 'x'));
}
