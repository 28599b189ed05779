// Benchmark: loading + linting a generated 10,000-node knowledge base, and
// one answer step. Baselines in the same run: toml++ parsing the same files
// alone (the floor for loading), and replaying a session from scratch (what
// a naive "recompute everything" step would cost).
//
//   build/bench/engine/bench_engine [trees=100] [nodes_per_tree=100]
#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/engine/knowledge_cache.hpp>
#include <diagdesk/engine/lint.hpp>
#include <diagdesk/engine/session.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace diagdesk::engine;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

/// A chain of questions: each has 3 choices, one goes on, two conclude.
void generate(const fs::path& dir, int trees, int nodes) {
  fs::create_directories(dir / "facts");
  fs::create_directories(dir / "trees");
  fs::create_directories(dir / "rules");
  std::ofstream(dir / "facts/f.toml") << "schema_version = 1\n[facts.step]\ntype = \"int\"\nlabel = { fr = \"Étape\", en = \"Step\" }\n"
                                         "[facts.slow]\ntype = \"bool\"\nlabel = { fr = \"Lent\", en = \"Slow\" }\n";
  std::ofstream rules(dir / "rules/r.toml");
  rules << "schema_version = 1\n";
  for (int r = 0; r < 20; ++r) {
    rules << "[[rules]]\nid = \"r" << r << "\"\nwhen = [ { fact = \"step\", op = \"ge\", value = " << r * 5
          << " } ]\nassert = { slow = true }\nexplain = { fr = \"x\", en = \"x\" }\n";
  }
  for (int t = 0; t < trees; ++t) {
    std::ofstream out(dir / "trees" / ("t" + std::to_string(t) + ".toml"));
    out << "schema_version = 1\nid = \"gen.t" << t << "\"\ndomain = \"os\"\ncompetency = 3\nstart = \"q0\"\n"
        << "title = { fr = \"Arbre " << t << "\", en = \"Tree " << t << "\" }\n"
        << "symptoms = { fr = [\"symptôme " << t << "\"], en = [\"symptom " << t << "\"] }\n";
    const int questions = nodes / 2;
    for (int q = 0; q < questions; ++q) {
      out << "[[nodes]]\nid = \"q" << q << "\"\nkind = \"question\"\n"
          << "text = { fr = \"Question " << q << " ?\", en = \"Question " << q << "?\" }\n"
          << "why = { fr = \"Parce que.\", en = \"Because.\" }\n";
      const std::string next = q + 1 < questions ? "q" + std::to_string(q + 1) : "c" + std::to_string(q);
      out << "  [[nodes.choices]]\n  id = \"go\"\n  label = { fr = \"Suite\", en = \"Next\" }\n  set = { step = " << q
          << " }\n  next = \"" << next << "\"\n";
      out << "  [[nodes.choices]]\n  id = \"stop\"\n  label = { fr = \"Stop\", en = \"Stop\" }\n  next = \"c" << q << "\"\n";
      out << "  [[nodes.choices]]\n  id = \"other\"\n  label = { fr = \"Autre\", en = \"Other\" }\n  next = \"c" << q << "\"\n";
    }
    for (int c = 0; c < nodes - questions; ++c) {
      out << "[[nodes]]\nid = \"c" << c << "\"\nkind = \"conclusion\"\n"
          << "diagnosis = { fr = \"Diagnostic " << c << "\", en = \"Diagnosis " << c << "\" }\n"
          << "remedy = [ { fr = \"Faire ceci.\", en = \"Do this.\" } ]\noutcome = \"resolved\"\narticles = [\"a.b\"]\n";
    }
  }
}

template <typename F>
double best_of(int runs, F&& f) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    f();
    best = std::min(best, ms_since(t0));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const int trees = argc > 1 ? std::atoi(argv[1]) : 100;
  const int nodes = argc > 2 ? std::atoi(argv[2]) : 100;
  const fs::path dir = fs::temp_directory_path() / ("diagdesk-bench-engine-" + std::to_string(::getpid()));
  generate(dir, trees, nodes);
  std::vector<fs::path> files;
  for (auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() == ".toml") files.push_back(e.path());
  }
  std::printf("generated: %d trees x %d nodes = %d nodes, %zu files\n", trees, nodes, trees * nodes, files.size());

  // Baseline: toml++ parsing alone.
  const double parse_ms = best_of(5, [&] {
    for (const auto& f : files) (void)toml::parse_file(f.string());
  });
  std::shared_ptr<Knowledge> k;
  std::size_t diagnostics = 0;
  const double load_ms = best_of(5, [&] {
    auto loaded = load_knowledge({dir});
    k = loaded.knowledge;
    diagnostics = loaded.diagnostics.size();
  });
  std::vector<std::string> topics{"a.b"};
  const double lint_ms = best_of(5, [&] {
    std::vector<Diagnostic> out;
    lint(*k, out, &topics);
    diagnostics += out.size();
  });
  std::printf("baseline toml++ parse only : %8.2f ms\n", parse_ms);
  std::printf("load (parse + model)       : %8.2f ms  (%.2fx baseline)\n", load_ms, load_ms / parse_ms);
  std::printf("lint                       : %8.2f ms\n", lint_ms);
  std::printf("cold load + lint           : %8.2f ms  (aim < 100 ms)  %s  diagnostics=%zu\n", load_ms + lint_ms,
              load_ms + lint_ms < 100 ? "OK" : "MISSED", diagnostics);
  // Warm: the files are unchanged, the binary cache answers (what every start
  // after the first does).
  const fs::path cache = dir / "cache.bin";
  load_knowledge_cached({dir}, cache);
  CacheUse use{};
  const double warm_ms = best_of(5, [&] { k = load_knowledge_cached({dir}, cache, &use).knowledge; });
  std::printf("warm load (cache hit=%d)   : %8.2f ms  (%.2fx baseline)\n", use == CacheUse::hit, warm_ms, warm_ms / parse_ms);
  std::printf("warm load + lint           : %8.2f ms  (aim < 100 ms)  %s\n", warm_ms + lint_ms,
              warm_ms + lint_ms < 100 ? "OK" : "MISSED");

  // One answer step, deep in a tree so the path is long.
  Session s(k, "gen.t0");
  const int depth = nodes / 2 - 2;
  for (int i = 0; i < depth; ++i) s.answer("go");
  const int reps = 20000;
  // answer alone: measure many fresh sessions answering the first question.
  std::vector<Session> sessions(reps, Session(k, "gen.t1"));
  auto t0 = Clock::now();
  for (auto& x : sessions) x.answer("go");
  const double answer_us = ms_since(t0) * 1000.0 / reps;
  // Baseline: replaying a whole session of `depth` answers (what back() does).
  const int replays = 200;
  t0 = Clock::now();
  for (int i = 0; i < replays; ++i) {
    s.back();
    s.answer("go");
  }
  const double replay_us = ms_since(t0) * 1000.0 / replays;
  std::printf("one answer step            : %8.3f us  (aim < 10 us)  %s\n", answer_us, answer_us < 10 ? "OK" : "MISSED");
  std::printf("baseline replay of %3d answers (back + answer): %8.3f us  (step = %.3fx of replay)\n", depth, replay_us,
              answer_us / replay_us);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
