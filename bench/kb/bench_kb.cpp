// kb benchmark (not run by ctest): generates a bilingual corpus of articles,
// then measures, in one run:
//   - index build throughput, side by side with Xapian's scriptindex on the
//     same text (same fields, same stemming languages);
//   - incremental re-index of the unchanged corpus against the full build;
//   - query latency (p50/p90/p99) over varied help-desk queries;
//   - peak memory (getrusage).
//
// Usage: bench_kb [--docs N] [--queries N] [--dir DIR] [--keep] [--no-scriptindex]

#include "bench_util.hpp"
#include "corpus.hpp"

#include <diagdesk/kb/document.hpp>
#include <diagdesk/kb/index.hpp>
#include <diagdesk/kb/layers.hpp>
#include <diagdesk/kb/synonyms.hpp>
#include <diagdesk/kb/text.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <time.h>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

using kbbench::load_average;
using kbbench::status_mb;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU seconds (user + system) used so far: robust to other processes
// competing for the cores, unlike wall time.
double cpu_seconds(int who = RUSAGE_SELF) {
  rusage ru{};
  getrusage(who, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// CPU time of the calling thread, in nanosecond resolution.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}



// Resets the peak RSS (VmHWM) to the current RSS (Linux 4.0+).
void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

double peak_rss_mb(int who = RUSAGE_SELF) {
  rusage ru{};
  getrusage(who, &ru);
  return ru.ru_maxrss / 1024.0;  // KiB on Linux
}

std::uintmax_t dir_bytes(const fs::path& dir) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

// scriptindex dump format: "field=value", continuation lines start with '='.
// The script mirrors what kb indexes: title, symptoms and tags twice (plain
// and under a prefix), no positions, the same boolean terms, a stored sample
// of the text.
void dump_field(std::ostream& out, const char* name, const std::string& value) {
  out << name << '=';
  for (char c : value) {
    out << c;
    if (c == '\n') out << '=';
  }
  out << '\n';
}

const char* const index_script = R"(id : field=id boolean=Q unique=Q
lang : boolean=L
domain : boolean=XD
competency : boolean=XC
layer : boolean=XY
type : boolean=XT
title : field=title indexnopos=S weight=2 indexnopos
symptoms : indexnopos=S indexnopos
tags : indexnopos=S indexnopos
codes : boolean=XK
body : indexnopos
sample : field=sample
)";

std::string percentile(std::vector<double>& v, double p) {
  std::sort(v.begin(), v.end());
  std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v[k]);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n_docs = 100000, n_queries = 1000;
  fs::path dir;
  bool keep = false, with_scriptindex = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--docs" && i + 1 < argc) n_docs = std::stoul(argv[++i]);
    else if (a == "--queries" && i + 1 < argc) n_queries = std::stoul(argv[++i]);
    else if (a == "--dir" && i + 1 < argc) dir = argv[++i];
    else if (a == "--keep") keep = true;
    else if (a == "--no-scriptindex") with_scriptindex = false;
    else {
      std::cerr << "usage: bench_kb [--docs N] [--queries N] [--dir DIR] [--keep] [--no-scriptindex]\n";
      return 2;
    }
  }
  if (dir.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "diagdesk-bench-kb-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return 1;
    dir = tmpl;
  }
  fs::create_directories(dir);
  // Line-buffered, so a long run can be followed in a log file.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf("kb benchmark: %zu articles, %zu queries, in %s\n", n_docs, n_queries, dir.c_str());
  std::printf("load average at start: %s (this machine: %u cores)\n\n", load_average().c_str(),
              std::thread::hardware_concurrency());

  // 1. Corpus on disk (not measured: it stands for the authors' files).
  kbbench::CorpusGenerator gen;
  auto t0 = Clock::now();
  std::uintmax_t corpus_bytes = 0;
  for (std::size_t i = 0; i < n_docs; ++i) {
    diagdesk::kb::Article a = gen.article(i);
    fs::path p = dir / "kb" / a.lang / (a.topic + ".md");
    if (i < 2) fs::create_directories(p.parent_path());
    std::string text = diagdesk::kb::write_article(a);
    corpus_bytes += text.size();
    std::ofstream(p, std::ios::binary) << text;
  }
  std::printf("corpus generated            %8.2f s   %.1f MB of Markdown (%.0f bytes/article)\n", since(t0),
              corpus_bytes / 1e6, double(corpus_bytes) / n_docs);

  // 2. Loading the layer (parse every file).
  t0 = Clock::now();
  diagdesk::kb::KbContents kb = diagdesk::kb::load_layers({{"bench", dir / "kb", true}});
  double t_load = since(t0);
  std::vector<diagdesk::kb::Document> docs;
  docs.reserve(kb.articles.size());
  for (const auto& a : kb.articles) docs.push_back(diagdesk::kb::to_document(a));
  std::printf("load_layers (parse files)   %8.2f s   %zu articles, %zu errors\n", t_load, kb.articles.size(),
              diagdesk::kb::count_errors(kb.diagnostics));
  kb = {};  // the index works from documents

  // 3. Full build.
  diagdesk::kb::Index index(dir / "index");
  index.set_synonyms(diagdesk::kb::load_synonyms(DIAGDESK_DATA_DIR "/synonyms.toml").synonyms);
  const double rss_corpus = status_mb("VmRSS");
  reset_peak_rss();
  t0 = Clock::now();
  double c0 = cpu_seconds();
  diagdesk::kb::SyncReport full = index.sync(docs, diagdesk::kb::SyncMode::rebuild);
  double t_full = since(t0), c_full = cpu_seconds() - c0;
  std::printf("Index::sync full build      %8.2f s   %8.0f docs/s   (CPU %.2f s)  [%s]\n", t_full,
              docs.size() / t_full, c_full, full.message.c_str());
  const double rss_build_peak = status_mb("VmHWM");

  // 4. scriptindex on the same text.
  double t_script = 0;
  if (with_scriptindex) {
    std::ofstream fr(dir / "fr.dump", std::ios::binary), en(dir / "en.dump", std::ios::binary);
    for (const auto& d : docs) {
      std::ostream& out = d.lang == "fr" ? fr : en;
      dump_field(out, "id", d.id);
      dump_field(out, "lang", d.lang);
      dump_field(out, "domain", d.domain);
      dump_field(out, "competency", std::to_string(d.competency));
      dump_field(out, "layer", d.layer);
      dump_field(out, "type", d.type);
      dump_field(out, "title", d.title.get(d.lang));
      std::string symptoms;
      for (const auto& s : d.symptoms.get(d.lang)) symptoms += s + "\n";
      dump_field(out, "symptoms", symptoms);
      std::string tags;
      for (const auto& t : d.tags) tags += t + " ";
      dump_field(out, "tags", tags);
      for (const auto& c : d.codes) dump_field(out, "codes", c);
      dump_field(out, "body", d.body.get(d.lang));
      dump_field(out, "sample", diagdesk::kb::markdown_to_text(d.body.get(d.lang)).substr(0, 1500));
      out << '\n';
    }
    fr.close();
    en.close();
    std::ofstream(dir / "script.idx") << index_script;
    std::string db = (dir / "scriptindex-db").string();
    // GNU time gives scriptindex's own peak RSS (a child's getrusage would
    // count the pages it shares with this process).
    const std::string time_file = (dir / "scriptindex.rss").string();
    const std::string timer =
        std::system("test -x /usr/bin/time") == 0 ? "/usr/bin/time -a -o '" + time_file + "' -f %M " : "";
    std::string cmd1 = timer + "scriptindex --overwrite -s french '" + db + "' '" + (dir / "script.idx").string() + "' '" +
                       (dir / "fr.dump").string() + "' > /dev/null";
    std::string cmd2 = timer + "scriptindex -s english '" + db + "' '" + (dir / "script.idx").string() + "' '" +
                       (dir / "en.dump").string() + "' > /dev/null";
    t0 = Clock::now();
    double cc0 = cpu_seconds(RUSAGE_CHILDREN);
    int rc = std::system(cmd1.c_str());
    if (rc == 0) rc = std::system(cmd2.c_str());
    t_script = since(t0);
    double c_script = cpu_seconds(RUSAGE_CHILDREN) - cc0;
    if (rc != 0) {
      std::printf("scriptindex failed (exit %d): is xapian-omega installed?\n", rc);
      t_script = 0;
    } else {
      std::printf("scriptindex (xapian-omega)  %8.2f s   %8.0f docs/s   (CPU %.2f s)\n", t_script,
                  docs.size() / t_script, c_script);
      std::printf("  build speed, kb / scriptindex: %.2fx wall time, %.2fx CPU time\n", t_script / t_full,
                  c_script / c_full);
      std::printf("  index size: kb %.0f MB, scriptindex %.0f MB\n", dir_bytes(dir / "index") / 1e6,
                  dir_bytes(db) / 1e6);
      std::ifstream rss(time_file);
      double kb_max = 0, v;
      while (rss >> v) kb_max = std::max(kb_max, v);
      if (kb_max > 0) std::printf("  scriptindex peak RSS: %.0f MB\n", kb_max / 1024);
    }
  }

  // 5. Incremental sync of the unchanged corpus.
  t0 = Clock::now();
  c0 = cpu_seconds();
  diagdesk::kb::SyncReport inc = index.sync(docs);
  double t_inc = since(t0), c_inc = cpu_seconds() - c0;
  std::printf("Index::sync unchanged       %8.3f s   (CPU %.3f s)  [%s]\n", t_inc, c_inc, inc.message.c_str());
  std::printf("  full build / incremental: %.0fx wall, %.0fx CPU;  with loading the files: %.1fx\n",
              t_full / t_inc, c_full / c_inc, (t_load + t_full) / (t_load + t_inc));
  // One article changed.
  docs[docs.size() / 2].body.get(docs[docs.size() / 2].lang) += "\nUne ligne de plus.\n";
  t0 = Clock::now();
  diagdesk::kb::SyncReport one = index.sync(docs);
  std::printf("Index::sync one changed     %8.3f s   [%s]\n", since(t0), one.message.c_str());

  // 6. Query latency.
  kbbench::Rng rng(2024);
  std::vector<std::string> queries;
  for (std::size_t i = 0; i < n_queries + 100; ++i) queries.push_back(gen.query(rng));
  diagdesk::kb::SearchQuery q;
  std::size_t hits = 0, empty = 0, corrected = 0;
  for (std::size_t i = 0; i < 100; ++i) {  // warm-up, not measured
    q.text = queries[n_queries + i];
    index.search(q);
  }
  std::vector<double> ms, cpu_ms;
  ms.reserve(n_queries);
  cpu_ms.reserve(n_queries);
  for (std::size_t i = 0; i < n_queries; ++i) {
    q.text = queries[i];
    q.ui_lang = i % 2 ? "en" : "fr";
    double cq = thread_cpu_ms();
    auto tq = Clock::now();
    diagdesk::kb::SearchResults r = index.search(q);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - tq).count());
    cpu_ms.push_back(thread_cpu_ms() - cq);
    hits += r.hits.size();
    empty += r.hits.empty();
    corrected += !r.did_you_mean.empty();
  }
  double total_ms = 0;
  for (double m : ms) total_ms += m;
  std::printf("queries: %zu (top 10 with snippets), %zu with no hit, %zu corrected\n", n_queries, empty, corrected);
  std::printf("  latency ms (wall): mean %.3f  p50 %s  p90 %s  p99 %s  max %s\n", total_ms / n_queries,
              percentile(ms, 0.50).c_str(), percentile(ms, 0.90).c_str(), percentile(ms, 0.99).c_str(),
              percentile(ms, 1.0).c_str());
  std::printf("  latency ms (CPU):  p50 %s  p90 %s  p99 %s  max %s  (time on a core, without waiting for one)\n",
              percentile(cpu_ms, 0.50).c_str(), percentile(cpu_ms, 0.90).c_str(), percentile(cpu_ms, 0.99).c_str(),
              percentile(cpu_ms, 1.0).c_str());
  std::printf("  examples: \"%s\", \"%s\", \"%s\", \"%s\"\n", queries[0].c_str(), queries[1].c_str(),
              queries[2].c_str(), queries[3].c_str());

  // 6b. A pasted 10,000-character query (cut to the query limit) against the
  // median query of this run: the figure that tests/kb used to time.
  {
    std::string huge;
    while (huge.size() < 10000) huge += "imprimante réseau ";
    q.text = huge;
    q.ui_lang = "fr";
    auto th = Clock::now();
    diagdesk::kb::SearchResults r = index.search(q);
    double huge_ms = std::chrono::duration<double, std::milli>(Clock::now() - th).count();
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    double median = sorted.empty() ? 0 : sorted[sorted.size() / 2];
    std::printf("  10,000-character query: %.3f ms (%zu hits) = %.1fx the median query (%.3f ms)\n", huge_ms,
                r.hits.size(), median > 0 ? huge_ms / median : 0.0, median);
  }

  // 7. Memory.
  std::printf("memory: %.0f MB resident with the corpus loaded (files parsed, documents made),\n"
              "        %.0f MB peak during the full build (+%.0f MB), %.0f MB peak over the whole run\n",
              rss_corpus, rss_build_peak, rss_build_peak - rss_corpus, peak_rss_mb());

  std::printf("load average at end: %s\n", load_average().c_str());
  if (!keep) fs::remove_all(dir);
  else std::printf("kept %s\n", dir.c_str());
  (void)hits;
  return 0;
}
