// kill -9 at random moments while the real diagdesk saves a session
// (diagnose --save) and opens tickets (incident new, in a loop): what it
// reported as saved or created is there and whole, a session file is always
// one whole version, the ticket database passes `db check`, and the next
// run goes on. Same harness as test_crash_kill.cpp (crash.hpp).
#include "crash.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace test::crash;

/// A session file without its clock readings (`started = ...`, `time = ...`).
std::string unstarted(const std::string& text) {
  std::string out, line;
  std::istringstream in(text);
  while (std::getline(in, line))
    if (!line.starts_with("started = ") && !line.starts_with("time = ")) out += line + '\n';
  return text.empty() ? text : out;
}

}  // namespace

TEST_CASE("kill -9 during diagnose --save: the session file is absent or one whole version, never half-written") {
  Desk d;
  const fs::path folder = d.home.path() / "sessions";
  fs::create_directories(folder);
  const fs::path file = folder / "call.toml";
  const std::vector<std::string> answers{"on", "on,169.254.1.1", "off"};
  auto save_args = [&](int v) {
    return std::vector<std::string>{"diagnose", "t.net", "--answers", answers[v], "--save", file.string()};
  };
  // Each version's file, from a clean save.
  std::vector<std::string> version;
  std::size_t points = 0, out_bytes = 0;
  for (int v = 0; v < 3; ++v) {
    points = std::max(points, count_points(d.spec(save_args(v)), d.home.path()));
    const auto end = d.run(save_args(v));
    REQUIRE(end.rc == 0);
    out_bytes = std::max(out_bytes, end.out.size());
    version.push_back(unstarted(test::read(file)));
  }
  REQUIRE(version[0] != version[1]);
  auto rng = generator("session save");
  Tally tally;
  Range range{points};
  for (std::size_t i = 0; tally.kills() < kills_wanted && i < 3 * kills_wanted; ++i) {
    const int v = static_cast<int>(draw(rng, 0, 2));
    const Kill k = draw_kill(rng, i, range.hi, out_bytes);
    const auto end = run_killed(d.spec(save_args(v)), k, d.home.path());
    tally.add(k, end);
    range.after(k, end);
    CAPTURE(i);
    CAPTURE(k.n);
    const std::string now = unstarted(test::read(file));
    if (end.out.find("Session saved to " + file.string()) != std::string::npos) CHECK(now == version[v]);
    const bool whole = now == version[0] || now == version[1] || now == version[2];
    CHECK(whole);
    tally.temporaries = std::max(tally.temporaries, files_under(folder, true).size());
    if (i % check_every == check_every - 1) {
      // The saved file resumes.
      const auto resumed = d.run({"diagnose", "--resume", file.string(), "--answers", "", "--json"});
      INFO(resumed.err);
      CHECK(resumed.rc == 0);
    }
  }
  tally.print("session save");
  CHECK(tally.kills() >= kills_wanted);
  // Temporaries left by kills are never taken for sessions: the folder's
  // only session is the file, and it resumes.
  const auto resumed = d.run({"diagnose", "--resume", file.string(), "--answers", "", "--json"});
  CHECK(resumed.rc == 0);
}

TEST_CASE("kill -9 during incident new in a loop: every ticket reported as created is there, db check passes") {
  Desk d(true);
  auto new_args = [](std::size_t i) {
    return std::vector<std::string>{"incident", "new", "--title", "Printer offline " + std::to_string(i),
                                    "--caller", "Marie Dupont", "--impact", "low", "--urgency", "high",
                                    "--description", "Paper tray " + std::to_string(i) + " is stuck."};
  };
  REQUIRE(d.run(new_args(0)).rc == 0);  // the database exists before the first kill
  const std::size_t points = count_points(d.spec(new_args(0)), d.home.path());
  const std::size_t out_bytes = d.run(new_args(0)).out.size();
  const std::regex created(R"(Ticket (INC-[0-9]+-[0-9]+) created)");
  std::map<std::string, std::string> reported;  // number -> title
  auto check_store = [&] {
    const auto check = d.run({"db", "check"});
    INFO(check.out);
    INFO(check.err);
    CHECK(check.rc == 0);
    const auto list = d.run({"incident", "list", "--json"});
    REQUIRE(list.rc == 0);
    std::map<std::string, std::string> there;
    for (const auto& t : nlohmann::json::parse(list.out)) {
      const std::string number = t.at("number");
      CHECK(there.count(number) == 0);
      there[number] = t.at("title");
    }
    for (const auto& [number, title] : reported) {
      CAPTURE(number);
      REQUIRE(there.count(number));
      CHECK(there.at(number) == title);
    }
  };
  auto rng = generator("incident new");
  Tally tally;
  Range range{points};
  for (std::size_t i = 1; tally.kills() < kills_wanted && i < 3 * kills_wanted; ++i) {
    const Kill k = draw_kill(rng, i, range.hi, out_bytes);
    const auto end = run_killed(d.spec(new_args(i)), k, d.home.path());
    tally.add(k, end);
    range.after(k, end);
    CAPTURE(i);
    CAPTURE(k.n);
    for (const auto& number : matches(end.out, created)) reported[number] = "Printer offline " + std::to_string(i);
    tally.temporaries = std::max(tally.temporaries, files_under(d.data_dir(), true).size());
    if (i % check_every == 0) check_store();
  }
  tally.print("incident new");
  CHECK(tally.kills() >= kills_wanted);
  CHECK(reported.size() > 0);
  check_store();
}
