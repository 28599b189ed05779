// What an operator feels with a large KB (not run by ctest). On a generated
// bilingual corpus of N articles (default 100,000) in a team layer beside the
// bundled KB, each figure is printed beside a reference measured in the same
// run:
//   - one `diagdesk search` call from the shell (an up-to-date index): wall
//     time and peak resident memory, against a `quest` call on the same index;
//   - start to first result in one process (Workspace, Search, first query);
//   - query latency over the same 1,000 queries: Diagdesk's Index::search
//     against a reference that opens the same Xapian database once and runs a
//     plain Xapian::QueryParser query (same stemmer and term prefix, no
//     synonyms, no second language, no snippets), fetching the hits' data.
//
// Usage: bench_kb_open [--docs N] [--queries N] [--dir DIR] [--keep]
//                      [--diagdesk PATH] [--runs N]

#include "bench_util.hpp"
#include "corpus.hpp"
#include "index_internal.hpp"  // the fold stemmers and term prefixes, for the reference

#include <diagdesk/kb/article.hpp>
#include <diagdesk/workspace/search.hpp>

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace diagdesk;

namespace {

using kbbench::load_average;
using kbbench::status_mb;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }



struct Run {
  int status = -1;
  double seconds = 0;
  double peak_mb = 0;  // the child's own peak RSS
};

// Runs argv with stdout and stderr to /dev/null; wall time and peak RSS.
Run run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  Run r;
  const auto t0 = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  rusage ru{};
  ::wait4(pid, &status, 0, &ru);
  r.seconds = since(t0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.peak_mb = ru.ru_maxrss / 1024.0;
  return r;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n_docs = 100000, n_queries = 1000, runs = 7;
  fs::path dir;
  std::string diagdesk_bin = DIAGDESK_BIN;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--docs" && i + 1 < argc) n_docs = std::stoul(argv[++i]);
    else if (a == "--queries" && i + 1 < argc) n_queries = std::stoul(argv[++i]);
    else if (a == "--runs" && i + 1 < argc) runs = std::stoul(argv[++i]);
    else if (a == "--dir" && i + 1 < argc) dir = argv[++i];
    else if (a == "--diagdesk" && i + 1 < argc) diagdesk_bin = argv[++i];
    else if (a == "--keep") keep = true;
    else {
      std::cerr << "usage: bench_kb_open [--docs N] [--queries N] [--runs N] [--dir DIR] [--diagdesk PATH] [--keep]\n";
      return 2;
    }
  }
  if (dir.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "diagdesk-bench-open-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return 1;
    dir = tmpl;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf("kb open benchmark: %zu articles in a team layer beside the bundled KB, in %s\n", n_docs, dir.c_str());
  std::printf("load average at start: %s (this machine: %u cores)\n", load_average().c_str(),
              std::thread::hardware_concurrency());

  // 1. The corpus, as a team layer (not measured).
  kbbench::CorpusGenerator gen;
  std::printf("vocabulary: %s\n", gen.vocabulary().c_str());
  const fs::path team = dir / "team", home = dir / "home";
  std::uintmax_t bytes = 0;
  if (!fs::exists(team / "articles")) {
    for (std::size_t i = 0; i < n_docs; ++i) {
      kb::Article a = gen.article(i);
      fs::path p = team / "articles" / a.lang / (a.topic + ".md");
      if (i < 2) fs::create_directories(p.parent_path());
      std::string text = kb::write_article(a);
      bytes += text.size();
      std::ofstream(p, std::ios::binary) << text;
    }
    std::printf("corpus: %.0f MB of Markdown (%.0f bytes/article)\n", bytes / 1e6, double(bytes) / n_docs);
  }
  const std::vector<std::string> common = {diagdesk_bin, "--data", DIAGDESK_DATA_DIR, "--kb", team.string(),
                                           "--data-dir", home.string()};
  auto cli = [&](std::vector<std::string> more) {
    std::vector<std::string> args = common;
    args.insert(args.end(), more.begin(), more.end());
    return run(args);
  };

  // 2. First start: every file parsed, the index built (not the figure asked,
  // printed for the record), then a second one that finds it up to date.
  Run first = cli({"index"});
  std::printf("diagdesk index, first time    %7.2f s   peak %5.0f MB   (exit %d: parses every file, builds the index)\n",
              first.seconds, first.peak_mb, first.status);
  Run again = cli({"index"});
  std::printf("diagdesk index, up to date    %7.2f s   peak %5.0f MB   (exit %d)\n", again.seconds, again.peak_mb,
              again.status);

  // 3. One search from the shell against one quest call on the same index.
  kbbench::Rng rng(7);
  std::vector<double> dd_s, dd_mb, quest_s, quest_mb;
  const std::string index_dir = (home / "index").string();
  int quest_status = 0;
  for (std::size_t i = 0; i < runs; ++i) {
    const std::string q = gen.query(rng);
    Run d = cli({"search", q});
    dd_s.push_back(d.seconds);
    dd_mb.push_back(d.peak_mb);
    // quest: same database, the French stemmer, unprefixed words as French terms.
    Run x = run({"quest", "-d", index_dir, "-s", "french", "--prefix=:ZF", "-m", "10", q});
    quest_status = x.status;
    quest_s.push_back(x.seconds);
    quest_mb.push_back(x.peak_mb);
  }
  const double dd_med = median(dd_s), quest_med = median(quest_s);
  std::printf("one search from the shell, median of %zu:\n", runs);
  std::printf("  diagdesk search  %7.3f s   peak %5.0f MB (max %5.0f)\n", dd_med, median(dd_mb),
              *std::max_element(dd_mb.begin(), dd_mb.end()));
  std::printf("  quest            %7.3f s   peak %5.0f MB   (exit %d)\n", quest_med, median(quest_mb), quest_status);
  std::printf("  ratio diagdesk / quest: %.1fx   (aim <= 3x);  CLI memory aim <= 150 MB\n", dd_med / quest_med);

  // 4. Start to first result in this process.
  workspace::Options o;
  o.bundled = DIAGDESK_DATA_DIR;
  o.layers = {team};
  o.data_dir = home;
  const double rss0 = status_mb("VmRSS");
  auto t0 = Clock::now();
  std::optional<workspace::Workspace> ws = workspace::Workspace::open(o);
  const double t_ws = since(t0);
  workspace::Search search(*ws);
  const double t_scan = since(t0) - t_ws;
  kb::SearchQuery sq;
  sq.text = "imprimante ne répond plus";
  sq.ui_lang = "fr";
  kb::SearchResults first_hits = search.search(sq);
  const double t_first = since(t0);
  std::printf("start to first result in one process: %.3f s (workspace %.3f s, article scan %.3f s, %zu of %zu files parsed, "
              "index %s, first query %.3f s)   aim <= 1 s\n",
              t_first, t_ws, t_scan, search.files_parsed(), search.articles().files,
              kb::to_string(search.last_update().action), t_first - t_ws - t_scan);
  std::printf("  resident memory after it: %.0f MB (%.0f MB before)   %zu hits\n", status_mb("VmRSS"), rss0,
              first_hits.hits.size());

  // 5. Query latency against the plain QueryParser reference.
  std::vector<std::string> queries;
  for (std::size_t i = 0; i < n_queries + 100; ++i) queries.push_back(gen.query(rng));
  Xapian::Database db(index_dir);
  kb::detail::Stems stems;
  Xapian::Enquire enquire(db);
  auto reference = [&](const std::string& text, const std::string& lang) {
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(stems.get(lang));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    qp.add_prefix("", kb::detail::word_prefix(lang));
    Xapian::Query query;
    try {
      query = qp.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT);
    } catch (const Xapian::QueryParserError&) {
      return std::size_t(0);
    }
    enquire.set_query(query);
    Xapian::MSet m = enquire.get_mset(0, 10);
    std::size_t n = 0;
    for (auto it = m.begin(); it != m.end(); ++it) n += it.get_document().get_data().size() > 0;
    return n;
  };
  for (std::size_t i = 0; i < 100; ++i) {  // warm-up of both
    sq.text = queries[n_queries + i];
    search.search(sq);
    reference(queries[n_queries + i], "fr");
  }
  std::vector<double> dd_ms, ref_ms;
  for (std::size_t i = 0; i < n_queries; ++i) {
    const std::string lang = i % 2 ? "en" : "fr";
    sq.text = queries[i];
    sq.ui_lang = lang;
    // Alternate which runs first, so neither always finds the cache warmed by the other.
    for (int k = 0; k < 2; ++k) {
      auto tq = Clock::now();
      if ((k == 0) == (i % 2 == 0)) {
        search.search(sq);
        dd_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - tq).count());
      } else {
        reference(queries[i], lang);
        ref_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - tq).count());
      }
    }
  }
  std::printf("query latency over the same %zu queries (ms):\n", n_queries);
  std::printf("  diagdesk   p50 %7.3f  p90 %7.3f  p99 %7.3f\n", pct(dd_ms, .5), pct(dd_ms, .9), pct(dd_ms, .99));
  std::printf("  reference  p50 %7.3f  p90 %7.3f  p99 %7.3f   (plain QueryParser, same stemmer, no synonyms)\n",
              pct(ref_ms, .5), pct(ref_ms, .9), pct(ref_ms, .99));
  std::printf("  ratio p50 %.2fx (aim <= 1.5x), p99 %.2fx (aim <= 2x)\n", pct(dd_ms, .5) / pct(ref_ms, .5),
              pct(dd_ms, .99) / pct(ref_ms, .99));
  std::printf("  examples: \"%s\", \"%s\", \"%s\"\n", queries[0].c_str(), queries[1].c_str(), queries[2].c_str());
  std::printf("load average at end: %s\n", load_average().c_str());
  if (!keep) fs::remove_all(dir);
  else std::printf("kept %s\n", dir.c_str());
  return 0;
}
