// bench_kb_remote: the team index searched through xapian-tcpsrv on loopback
// against the very same index opened locally, in the same run, with the same
// queries (issue 18, docs/team.md). Prints p50 / p99 of both and the ratios.
//
//     build/bench/kb/bench_kb_remote [--docs 100000] [--queries 1000] [--dir DIR] [--keep]
//
// The corpus is bench_kb's (corpus.hpp: Zipf-distributed words from
// wfrench / wamerican when installed, scripts/deps.sh bench). Needs
// xapian-tools (xapian-tcpsrv).
#include "bench_util.hpp"
#include "corpus.hpp"
#include "tcpsrv.hpp"

#include <diagdesk/kb/document.hpp>
#include <diagdesk/kb/index.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

struct Run {
  std::vector<double> ms;
  std::vector<std::vector<std::string>> ids;
  std::size_t errors = 0, offline = 0;
};

Run run_queries(diagdesk::kb::Index& index, const std::vector<std::string>& queries) {
  Run r;
  for (const auto& text : queries) {
    diagdesk::kb::SearchQuery q;
    q.text = text;
    q.ui_lang = "fr";
    q.limit = 10;
    const auto t0 = Clock::now();
    const auto res = index.search(q);
    r.ms.push_back(ms_since(t0));
    if (res.error != diagdesk::kb::SearchError::none) ++r.errors;
    if (res.has(diagdesk::kb::SearchNotice::team_offline)) ++r.offline;
    std::vector<std::string> ids;
    for (const auto& h : res.hits) ids.push_back(h.id);
    r.ids.push_back(std::move(ids));
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n_docs = 100000, n_queries = 1000;
  fs::path dir;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--docs" && i + 1 < argc) n_docs = std::stoul(argv[++i]);
    else if (a == "--queries" && i + 1 < argc) n_queries = std::stoul(argv[++i]);
    else if (a == "--dir" && i + 1 < argc) dir = argv[++i];
    else if (a == "--keep") keep = true;
    else {
      std::cerr << "usage: bench_kb_remote [--docs N] [--queries N] [--dir DIR] [--keep]\n";
      return 2;
    }
  }
  if (dir.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "diagdesk-bench-remote-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return 1;
    dir = tmpl;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf("remote index benchmark: %zu articles, %zu queries, in %s\n", n_docs, n_queries, dir.c_str());
  std::printf("load average at start: %s (this machine: %u cores)\n\n", kbbench::load_average().c_str(),
              std::thread::hardware_concurrency());

  // The team index (not measured: the indexing machine's job).
  kbbench::CorpusGenerator gen;
  std::printf("vocabulary: %s\n", gen.vocabulary().c_str());
  const fs::path team_dir = dir / "team-index";
  if (!fs::exists(team_dir / "iamglass")) {
    std::vector<diagdesk::kb::Document> docs;
    docs.reserve(n_docs);
    for (std::size_t i = 0; i < n_docs; ++i) {
      diagdesk::kb::Document d = diagdesk::kb::to_document(gen.article(i));
      d.layer = "team";
      docs.push_back(std::move(d));
    }
    const auto t0 = Clock::now();
    diagdesk::kb::Index team(team_dir);
    const auto report = team.sync(docs);
    std::printf("team index built             %8.1f s   %zu documents (%s)\n", ms_since(t0) / 1000, report.total,
                report.message.c_str());
    if (report.error != diagdesk::kb::IndexError::none) return 1;
  } else {
    std::printf("team index reused from %s\n", team_dir.c_str());
  }

  kbbench::Rng rng(2024);
  std::vector<std::string> queries;
  for (std::size_t i = 0; i < n_queries + 50; ++i) queries.push_back(gen.query(rng));

  // Reference: the same index opened locally.
  diagdesk::kb::Index local(team_dir);
  run_queries(local, std::vector<std::string>(queries.begin(), queries.begin() + 50));  // warm the page cache
  const Run ref = run_queries(local, std::vector<std::string>(queries.begin() + 50, queries.end()));

  // Measured: an empty local index plus the team index through xapian-tcpsrv.
  kbtest::TcpServer server(team_dir);
  if (!server.start()) {
    std::fprintf(stderr, "bench_kb_remote: %s\n", server.said().c_str());
    return 1;
  }
  const fs::path empty_dir = dir / "empty-local-index";
  diagdesk::kb::Index remote(empty_dir);
  remote.sync(std::vector<diagdesk::kb::Document>{});
  diagdesk::kb::RemoteIndex where;
  where.host = "127.0.0.1";
  where.port = server.port();
  remote.set_remote(where);
  run_queries(remote, std::vector<std::string>(queries.begin(), queries.begin() + 50));  // connect, warm
  const Run got = run_queries(remote, std::vector<std::string>(queries.begin() + 50, queries.end()));
  server.stop();

  std::size_t same = 0;
  for (std::size_t i = 0; i < ref.ids.size(); ++i) same += ref.ids[i] == got.ids[i];
  const double p50l = percentile(ref.ms, 0.50), p99l = percentile(ref.ms, 0.99);
  const double p50r = percentile(got.ms, 0.50), p99r = percentile(got.ms, 0.99);
  std::printf("\n%-34s %10s %10s\n", "", "p50 ms", "p99 ms");
  std::printf("%-34s %10.2f %10.2f\n", "same index opened locally", p50l, p99l);
  std::printf("%-34s %10.2f %10.2f\n", "through xapian-tcpsrv (loopback)", p50r, p99r);
  std::printf("%-34s %9.2fx %9.2fx\n", "ratio remote / local", p50l > 0 ? p50r / p50l : 0, p99l > 0 ? p99r / p99l : 0);
  std::printf("same top 10 for %zu of %zu queries; errors: local %zu, remote %zu; offline notices: %zu\n", same,
              ref.ids.size(), ref.errors, got.errors, got.offline);
  std::printf("load average at end: %s\n", kbbench::load_average().c_str());
  if (!keep) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return got.errors == 0 && got.offline == 0 ? 0 : 1;
}
