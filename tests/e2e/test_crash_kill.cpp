// kill -9 at random moments while the real diagdesk writes (issue 17, crash
// safety): importing a folder, syncing the index, saving a session, opening
// tickets. Each run is killed either by its own SIGKILL before its N-th
// durable write (crash_shim.cpp, LD_PRELOAD, N drawn over the run's real
// number of writes) or by the test after a drawn number of stdout bytes.
// After each kill: what the child reported is there and whole, no file is
// half-written, temporaries are ignored, and the next start (the next run
// of the loop) finishes the job; every few kills a clean run checks it all.
// The seed is printed; DIAGDESK_CRASH_SEED=N replays a run.
#include "crash.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace {

namespace fs = std::filesystem;
using namespace test::crash;

// [SECTION] Import of a folder --------------------------------------------------------

constexpr int import_files = 8;

/// The source folder in version `v`: every file's text changes with it.
void write_sources(const fs::path& src, int v) {
  for (int i = 0; i < import_files; ++i) {
    std::ofstream(src / ("a" + std::to_string(i) + ".md"), std::ios::binary)
        << "# Printer jam number " << i << "\n\nThe printer number " << i << " jams with paper kiwi" << i << "v" << v
        << ".\nRestart the spooler and clear tray " << v << ".\n";
  }
}

/// id -> undated text of every article under the KB folder `kb`.
std::map<std::string, std::string> articles_in(const fs::path& kb) {
  std::map<std::string, std::string> out;
  for (const auto& p : files_under(kb / "articles", false))
    out[p.stem().string() + "." + p.parent_path().filename().string()] = undated(test::read(p));
  return out;
}

}  // namespace

TEST_CASE("kill -9 during diagdesk import: reported articles are whole, nothing half-written, the next run finishes") {
  Desk d;
  const fs::path src = d.home.path() / "src";
  fs::create_directories(src);
  const std::vector<std::string> import_args{"import", src.string()};
  // The articles of each version, from clean imports into separate data dirs.
  std::vector<std::map<std::string, std::string>> version;
  std::size_t points = 0, out_bytes = 0;
  for (int v = 0; v < 3; ++v) {
    write_sources(src, v);
    test::ChildSpec s = d.spec(import_args);
    s.data_dir = d.home.path() / ("ref" + std::to_string(v));
    points = std::max(points, count_points(s, d.home.path()));
    const auto end = test::run_child(d.spec({"--data-dir", s.data_dir.string(), "import", src.string(), "--force"}), d.home.path());
    out_bytes = std::max(out_bytes, end.out.size());
    version.push_back(articles_in(s.data_dir / "kb"));
    REQUIRE(version.back().size() == import_files);
  }
  auto rng = generator("import");
  const std::regex reported(R"((?:^|\n)(?:imported|updated|unchanged) +\S+ -> (\S+) \()");
  Tally tally;
  Range range{points};
  int v = 0;
  for (std::size_t i = 0; tally.kills() < kills_wanted && i < 3 * kills_wanted; ++i) {
    v = static_cast<int>(draw(rng, 0, 2));
    write_sources(src, v);
    const Kill k = draw_kill(rng, i, range.hi, out_bytes);
    const auto end = run_killed(d.spec(import_args), k, d.home.path());
    tally.add(k, end);
    range.after(k, end);
    CAPTURE(i);
    CAPTURE(k.n);
    // What it reported is there, in this version.
    const auto now = articles_in(d.data_dir() / "kb");
    for (const auto& id : matches(end.out, reported)) {
      CAPTURE(id);
      REQUIRE(now.count(id));
      CHECK(now.at(id) == version[v].at(id));
    }
    // Every article file is one whole version of itself.
    for (const auto& [id, text] : now) {
      CAPTURE(id);
      const bool whole = text == version[0].at(id) || text == version[1].at(id) || text == version[2].at(id);
      CHECK(whole);
    }
    tally.temporaries = std::max(tally.temporaries, files_under(d.data_dir() / "kb", true).size());
    if (i % check_every == check_every - 1) {
      // The next start finishes the job: a clean run brings every article
      // to this version (none taken for a hand edit), and search finds them.
      const auto clean = d.run(import_args);
      INFO(clean.out);
      INFO(clean.err);
      CHECK(clean.rc == 0);
      CHECK(std::regex_search(clean.out, std::regex("Articles: .* 0 skipped")));
      CHECK(articles_in(d.data_dir() / "kb") == version[v]);
      search_finds(d, "kiwi3v" + std::to_string(v), "src.a3.en");
    }
  }
  tally.print("import");
  CHECK(tally.kills() >= kills_wanted);
  const auto clean = d.run(import_args);
  CHECK(clean.rc == 0);
  CHECK(articles_in(d.data_dir() / "kb") == version[v]);
  CHECK(files_under(d.data_dir() / "kb", true).empty());
  search_finds(d, "kiwi5v" + std::to_string(v), "src.a5.en");
}

// [SECTION] Index sync ----------------------------------------------------------------

namespace {

constexpr int index_articles = 6;

/// The user's own articles, written as an author would, in version `v`.
void write_user_articles(const fs::path& kb, int v) {
  fs::create_directories(kb / "articles" / "en");
  for (int i = 0; i < index_articles; ++i) {
    std::ofstream(kb / "articles" / "en" / ("note" + std::to_string(i) + ".md"), std::ios::binary)
        << "+++\nschema_version = 1\nid = \"note" << i << ".en\"\ntitle = \"Note " << i
        << "\"\nlang = \"en\"\nsource = \"hand\"\nupdated = 2026-11-01\n+++\n\n# Note " << i << "\n\nThe scanner " << i
        << " shows plum" << i << "v" << v << (v == 2 ? " and a longer body with more words in it" : "") << ".\n";
  }
}

}  // namespace

TEST_CASE("kill -9 during diagdesk index: the next search repairs or rebuilds the index and finds the articles") {
  Desk d;
  const fs::path kb = d.data_dir() / "kb";
  write_user_articles(kb, 0);
  const std::size_t points = count_points(d.spec({"index", "--rebuild"}), d.home.path());
  const std::size_t out_bytes = d.run({"index"}).out.size();
  auto rng = generator("index");
  Tally tally;
  Range range{points};
  for (std::size_t i = 0; tally.kills() < kills_wanted && i < 3 * kills_wanted; ++i) {
    const int v = static_cast<int>(draw(rng, 0, 2));
    write_user_articles(kb, v);
    const Kill k = draw_kill(rng, i, range.hi, out_bytes);
    // Now and then from scratch, which replaces the whole index folder.
    const auto end = run_killed(d.spec({"index", draw(rng, 0, 4) == 0 ? "--rebuild" : "--json"}), k, d.home.path());
    tally.add(k, end);
    range.after(k, end);
    CAPTURE(i);
    CAPTURE(k.n);
    tally.temporaries = std::max(tally.temporaries, files_under(d.data_dir() / "index", true).size());
    // The next start: a search syncs the index on its own (repairing or
    // rebuilding it) and finds this version of an article.
    if (i % 4 == 0 || i % check_every == check_every - 1) {
      const int n = static_cast<int>(draw(rng, 0, index_articles - 1));
      search_finds(d, "plum" + std::to_string(n) + "v" + std::to_string(v), "note" + std::to_string(n) + ".en");
    }
  }
  tally.print("index");
  CHECK(tally.kills() >= kills_wanted);
  const auto clean = d.run({"index", "--json"});
  CHECK(clean.rc == 0);
  search_finds(d, "scanner", "note4.en");
}
