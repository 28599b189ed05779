#pragma once
// The kill -9 harness shared by test_crash_kill.cpp: where and how a run of
// the real diagdesk is killed, drawn by a random generator (no clock, no
// sleep), and the file checks made after each kill.

#include "child.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <random>
#include <regex>

namespace test::crash {

/// The generator of kill points: seeded from DIAGDESK_CRASH_SEED when set
/// (to replay a run), else from std::random_device; the seed is printed.
inline std::mt19937_64 generator(const char* what) {
  std::uint64_t seed = 0;
  if (const char* s = std::getenv("DIAGDESK_CRASH_SEED")) seed = std::strtoull(s, nullptr, 10);
  else seed = (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
  const std::string line = std::string(what) + ": DIAGDESK_CRASH_SEED=" + std::to_string(seed);
  MESSAGE(line);
  return std::mt19937_64(seed);
}

inline std::size_t draw(std::mt19937_64& rng, std::size_t lo, std::size_t hi) {
  return std::uniform_int_distribution<std::size_t>(lo, std::max(lo, hi))(rng);
}

/// ASAN_OPTIONS as given, plus what a preloaded library needs.
inline std::string asan_options_for_preload() {
  const char* given = std::getenv("ASAN_OPTIONS");
  return std::string("ASAN_OPTIONS=") + (given && *given ? std::string(given) + ":" : "") + "verify_asan_link_order=0";
}

/// Counts the durable-write points of one run (the child is not killed).
inline std::size_t count_points(ChildSpec spec, const fs::path& scratch) {
  const fs::path file = scratch / "crash-count.txt";
  fs::remove(file);
  spec.env.push_back(std::string("LD_PRELOAD=") + CRASH_SHIM);
  spec.env.push_back("DIAGDESK_CRASH_COUNT=" + file.string());
  spec.env.push_back(asan_options_for_preload());
  const ChildEnd end = run_child(spec, scratch);
  INFO(end.err);
  REQUIRE(end.exited);
  REQUIRE(end.rc == 0);
  return static_cast<std::size_t>(std::atol(read(file).c_str()));
}

/// How a run is stopped. `at_point`: the child kills itself before its N-th
/// durable write (crash_shim.cpp); else the test kills it after reading
/// `after_bytes` of its stdout.
struct Kill {
  bool at_point = false;
  std::size_t n = 0;
};

/// Every other kill of each kind: a write point drawn in [1, points], or a
/// number of stdout bytes drawn in [0, out_bytes].
inline Kill draw_kill(std::mt19937_64& rng, std::size_t i, std::size_t points, std::size_t out_bytes) {
  if (i % 2 == 0) return {true, draw(rng, 1, points)};
  return {false, draw(rng, 0, out_bytes)};
}

/// The range write points are drawn from: a run writes less when it has
/// less to do, so a run that ended before its point narrows the range and a
/// kill widens it again, up to the count of a full run.
struct Range {
  std::size_t full;
  std::size_t hi = full;
  void after(const Kill& k, const ChildEnd& end) {
    if (!k.at_point) return;
    if (!end.killed) hi = std::max<std::size_t>(1, k.n - 1);
    else hi = std::min(full, hi + hi / 4 + 1);
  }
};

inline ChildEnd run_killed(ChildSpec spec, const Kill& k, const fs::path& scratch) {
  if (k.at_point) {
    spec.env.push_back(std::string("LD_PRELOAD=") + CRASH_SHIM);
    spec.env.push_back("DIAGDESK_CRASH_AT=" + std::to_string(k.n));
    spec.env.push_back(asan_options_for_preload());
  } else {
    spec.kill_after = k.n;
  }
  ChildEnd end = run_child(spec, scratch);
  // A run ends either killed or on its own (the kill came after its last
  // write or its last byte); never by another signal such as a sanitizer's.
  INFO(end.err);
  CHECK(end.signal == 0);
  if (end.exited) CHECK(end.rc == 0);
  return end;
}

/// Files whose name says they are a writer's temporary (ours: NAME.tmp-XXXXXX
/// and .NAME.tmpPID; SQLite's journals are not temporaries of this kind).
inline bool is_temporary(const fs::path& p) { return p.filename().string().find(".tmp") != std::string::npos; }

/// Regular files under `dir` (recursively), temporaries apart or only.
inline std::vector<fs::path> files_under(const fs::path& dir, bool temporaries) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file() && is_temporary(it->path()) == temporaries) out.push_back(it->path());
  }
  return out;
}

/// The values of one capture group over every match of `re` in `text`.
inline std::vector<std::string> matches(const std::string& text, const std::regex& re, int group = 1) {
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[group].str());
  return out;
}

/// Counts of one operation's kills, printed at the end.
struct Tally {
  std::size_t at_point = 0, at_output = 0, finished = 0, temporaries = 0;
  void add(const Kill& k, const ChildEnd& end) {
    if (!end.killed) ++finished;
    else if (k.at_point) ++at_point;
    else ++at_output;
  }
  std::size_t kills() const { return at_point + at_output; }
  void print(const char* what) const {
    const std::string line = std::string(what) + ": " + std::to_string(kills()) + " kills (" + std::to_string(at_point) +
            " at a write point, " + std::to_string(at_output) + " after some output), " + std::to_string(finished) +
            " runs ended before their kill, " + std::to_string(temporaries) + " temporary files at most in the folder after a kill";
    MESSAGE(line);
  }
};

constexpr std::size_t kills_wanted = 200;  ///< per operation
constexpr std::size_t check_every = 25;    ///< kills between two clean runs

/// A mini KB (or the real bundled data) and a data dir.
struct Desk {
  ::test::TempDir kb, home;
  std::string data = kb.path().string();
  explicit Desk(bool bundled = false) {
    if (bundled) data = DIAGDESK_DATA_DIR;
    else ::test::write_mini_kb_with_articles(kb);
  }
  fs::path data_dir() const { return home.path() / "userdata"; }
  ::test::ChildSpec spec(std::vector<std::string> args) const {
    ::test::ChildSpec s;
    s.args = {"--data", data, "--lang", "en"};
    s.args.insert(s.args.end(), args.begin(), args.end());
    s.data_dir = data_dir();
    return s;
  }
  ::test::ChildEnd run(std::vector<std::string> args) const { return ::test::run_child(spec(std::move(args)), home.path()); }
};

/// An article file without its `updated = DATE` line (the day may turn).
inline std::string undated(const std::string& text) {
  static const std::regex line("\nupdated = [0-9-]+\n");
  return std::regex_replace(text, line, "\n");
}

/// The search finds `word` and the article `id` among the results.
inline void search_finds(const Desk& d, const std::string& word, const std::string& id) {
  const auto end = d.run({"search", word, "--json"});
  INFO(end.err);
  REQUIRE(end.exited);
  CHECK(end.rc == 0);
  CHECK(end.out.find("\"" + id + "\"") != std::string::npos);
}

}  // namespace test::crash
