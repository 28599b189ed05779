// GUI benchmark (not run by ctest). Measures, in one run:
//   - UI-thread CPU time per frame (median, p95) of the real panels drawn
//     headless, on: the home screen, search results over a large index, a
//     diagnosis of the largest bundled tree, its diagram in author mode, the
//     longest article; against two baselines of the same run: an empty ImGui
//     frame and ImGui's own demo window;
//   - start to first frame (ImGui context + fonts + workspace + first frame),
//     headless, and for the real program under Xvfb when --gui is given;
//   - search latency on the worker thread, index opening time;
//   - resident memory.
// The article corpus (bench/kb's generator) is written once to --dir and
// reused by later runs.
//
// Usage: bench_gui [--articles N] [--frames N] [--dir DIR] [--gui PATH]

#include "corpus.hpp"

#include "app/presenter.hpp"
#include "app/script.hpp"
#include "panels/panels.hpp"

#include <diagdesk/kb/article.hpp>

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace diagdesk;
using namespace diagdesk::gui;

namespace {

double wall() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double thread_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double status_mib(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::atof(line.c_str() + std::strlen(field)) / 1024.0;
  }
  return 0;
}

struct Figures {
  double median_ms = 0, p95_ms = 0;
};

/// Runs `frame` n times; CPU time of this thread per call.
Figures measure(int n, const std::function<void()>& frame) {
  for (int i = 0; i < 10; ++i) frame();  // warm up: layouts settle, caches fill
  std::vector<double> t;
  t.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double c0 = thread_cpu();
    frame();
    t.push_back((thread_cpu() - c0) * 1000);
  }
  std::sort(t.begin(), t.end());
  return {t[t.size() / 2], t[std::min(t.size() - 1, t.size() * 95 / 100)]};
}

/// Writes `n` generated articles (half fr, half en) under `layer`/articles once.
void ensure_corpus(const fs::path& layer, std::size_t n) {
  const fs::path stamp = layer / ("corpus-" + std::to_string(n) + ".done");
  if (fs::exists(stamp)) return;
  fs::remove_all(layer);
  const double t0 = wall();
  kbbench::CorpusGenerator gen;
  for (std::size_t i = 0; i < n; ++i) {
    kb::Article a = gen.article(i);
    const fs::path dir = layer / "articles" / a.lang / ("g" + std::to_string(i / 2000));
    fs::create_directories(dir);
    std::ofstream(dir / (a.topic + ".md")) << kb::write_article(a);
  }
  std::ofstream(stamp) << "ok\n";
  std::printf("corpus: %zu articles written in %.1f s\n", n, wall() - t0);
}

struct App {
  std::map<std::string, ProbeRect> rects;
  std::unique_ptr<Presenter> presenter;
  AppUi ui;

  void frame() {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    presenter->poll();
    auto intents = draw_app(presenter->vm(), ui);
    ImGui::Render();
    presenter->apply_all(intents);
  }
  void click(const std::string& name) {
    auto it = rects.find(name);
    if (it == rects.end()) {
      std::fprintf(stderr, "bench_gui: no widget %s\n", name.c_str());
      return;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((it->second.x0 + it->second.x1) / 2, (it->second.y0 + it->second.y1) / 2);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-1, -1);
  }
};

void row(const char* name, const Figures& f, const Figures& empty, const Figures& demo) {
  std::printf("  %-44s %7.3f ms  p95 %7.3f ms   x%6.1f empty   x%5.2f demo\n", name, f.median_ms, f.p95_ms,
              f.median_ms / std::max(empty.median_ms, 1e-6), f.median_ms / std::max(demo.median_ms, 1e-6));
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t articles = 100000;
  int frames = 300;
  fs::path dir = fs::temp_directory_path() / "diagdesk-bench-gui";
  std::string gui_path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--articles") articles = std::stoul(next());
    else if (a == "--frames") frames = std::stoi(next());
    else if (a == "--dir") dir = next();
    else if (a == "--gui") gui_path = next();
    else {
      std::cerr << "usage: bench_gui [--articles N] [--frames N] [--dir DIR] [--gui PATH]\n";
      return 2;
    }
  }
  const fs::path layer = dir / ("layer-" + std::to_string(articles));
  const fs::path home = dir / ("home-" + std::to_string(articles));
  ensure_corpus(layer, articles);

  // [Start to first frame, headless] -------------------------------------------
  const double start = wall();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280, 800);
  load_fonts(1.0f);
  unsigned char* px = nullptr;
  int tw = 0, th = 0;
  io.Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
  set_glfw_key_map(io);
  apply_theme(false, 1.0f);
  const double fonts_done = wall();

  App app;
  set_probe(&app.rects);
  PresenterOptions o;
  o.workspace.layers = {layer};
  o.workspace.data_dir = home;
  o.lang = "fr";
  o.measure_label = measure_label;
  app.presenter = std::make_unique<Presenter>(std::move(o));
  const double presenter_done = wall();
  app.frame();
  const double first_frame = wall();
  std::printf("diagdesk GUI benchmark: %zu generated articles + bundled KB, %d frames per figure, 1280x800\n\n",
              articles, frames);
  std::printf("start to first frame (headless): %6.1f ms   (fonts + atlas %5.1f ms %dx%d, workspace %5.1f ms, frame %4.1f ms)\n",
              (first_frame - start) * 1000, (fonts_done - start) * 1000, tw, th, (presenter_done - fonts_done) * 1000,
              (first_frame - presenter_done) * 1000);

  // The index opens on the worker thread while frames go on.
  const double idx0 = wall();
  int frames_while_opening = 0;
  double cpu_while_opening = 0;
  while (true) {
    const double c0 = thread_cpu();
    app.frame();
    cpu_while_opening += thread_cpu() - c0;
    ++frames_while_opening;
    if (app.presenter->vm().search.articles_available || wall() - idx0 > 1800) break;
    // Poke the search so articles_available reflects the index.
    if (frames_while_opening == 1) app.presenter->apply({IntentKind::search_changed, "imprimante"});
    app.presenter->wait_background();
  }
  std::printf("index open (load %zu article files, sync Xapian index): %.1f s on the worker thread\n", articles,
              wall() - idx0);

  // [Baselines] -----------------------------------------------------------------
  const Figures empty = measure(frames, [] {
    ImGui::NewFrame();
    ImGui::Render();
  });
  const Figures demo = measure(frames, [] {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1280, 800));
    ImGui::ShowDemoWindow();
    ImGui::Render();
  });

  // [Scenarios] -----------------------------------------------------------------
  std::printf("\nUI-thread CPU per frame (median, p95, ratio to the baselines):\n");
  row("baseline: empty ImGui frame", empty, empty, demo);
  row("baseline: ImGui demo window (1280x800)", demo, empty, demo);
  app.presenter->apply({IntentKind::search_changed, ""});
  app.frame();
  row("home: trees, recent sessions, start facts", measure(frames, [&] { app.frame(); }), empty, demo);

  // Search results over the large index.
  app.ui.search.focus_request = true;
  std::snprintf(app.ui.search.buffer.data(), app.ui.search.buffer.size(), "imprimante hors connexion");
  app.frame();
  app.presenter->wait_background();
  app.frame();
  const auto& s = app.presenter->vm().search;
  const std::string results_label = "search results (" + std::to_string(s.trees.size()) + " trees, " +
                                    std::to_string(s.articles.size()) + " articles)";
  row(results_label.c_str(), measure(frames, [&] { app.frame(); }), empty, demo);

  // Search latency on the worker (what the operator waits for while typing).
  {
    const char* queries[] = {"imprimante", "pas d'internet", "ecran noir", "mot de passe expire", "0x0000007b",
                             "wifi deconnexion", "outlook lent", "bsod", "dhcp", "disque plein"};
    std::vector<double> lat;
    for (int rep = 0; rep < 3; ++rep) {
      for (const char* q : queries) {
        const double t0 = wall();
        app.presenter->apply({IntentKind::search_changed, q});
        app.presenter->wait_background();
        lat.push_back((wall() - t0) * 1000);
      }
    }
    std::sort(lat.begin(), lat.end());
    std::printf("  search latency on the worker thread: median %.1f ms, max %.1f ms (%zu queries)\n",
                lat[lat.size() / 2], lat.back(), lat.size());
  }
  app.ui.search.open = false;
  app.ui.search.buffer[0] = 0;
  app.presenter->apply({IntentKind::search_changed, ""});

  // Diagnosis of the largest tree, mid-session, why open.
  const engine::Tree* largest = nullptr;
  for (const auto& t : app.presenter->workspace().knowledge()->trees()) {
    if (!largest || t.nodes.size() > largest->nodes.size()) largest = &t;
  }
  app.presenter->apply({IntentKind::start_tree, largest->id});
  for (int i = 0; i < 4 && app.presenter->vm().question.active; ++i) {
    app.presenter->apply({IntentKind::answer, {}, {}, 1});
  }
  app.presenter->apply({IntentKind::toggle_why});
  app.frame();
  const std::string diag_label = "diagnosis: " + largest->id + " (" + std::to_string(largest->nodes.size()) + " nodes)";
  row(diag_label.c_str(), measure(frames, [&] { app.frame(); }), empty, demo);

  // Its diagram in author mode.
  const double layout0 = wall();
  app.presenter->apply({IntentKind::select_tree, largest->id});
  app.frame();
  const double layout_ms = (wall() - layout0) * 1000;
  app.frame();
  app.click("view/diagram");
  app.frame();
  const std::string author_label = "author: diagram of " + largest->id + " (Graphviz layout)";
  row(author_label.c_str(), measure(frames, [&] { app.frame(); }), empty, demo);
  std::printf("  (Graphviz layout of that tree, once per tree and language: %.1f ms)\n", layout_ms);

  // The longest bundled article.
  std::string longest;
  std::uintmax_t longest_size = 0;
  for (const auto& e : fs::recursive_directory_iterator(app.presenter->workspace().options().bundled / "articles")) {
    if (e.is_regular_file() && e.path().extension() == ".md" && e.file_size() > longest_size) {
      longest_size = e.file_size();
      longest = e.path().stem().string();
    }
  }
  app.presenter->apply({IntentKind::open_article, longest});
  app.presenter->wait_background();
  app.frame();
  const std::string article_label = "article: " + longest + " (" + std::to_string(longest_size / 1024) + " KiB)";
  row(article_label.c_str(), measure(frames, [&] { app.frame(); }), empty, demo);

  std::printf("\nresident memory: %.1f MiB now, peak %.1f MiB (with the %zu-article search open)\n",
              status_mib("VmRSS:"), status_mib("VmHWM:"), articles);

  // [The real program under Xvfb] -------------------------------------------------
  if (!gui_path.empty()) {
    if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0) {
      std::printf("\nreal program: skipped (xvfb-run not installed)\n");
    } else {
      const std::string cmd = "DIAGDESK_HOME='" + home.string() + "' xvfb-run -a -s '-screen 0 1280x800x24' '" +
                              gui_path + "' --kb '" + layer.string() +
                              "' --size 1280x800 --lang fr --frames 120 --screenshot /dev/null --print-timing 2>&1";
      std::printf("\nreal program under Xvfb (Mesa llvmpipe), 120 frames:\n");
      std::fflush(stdout);
      FILE* p = popen(cmd.c_str(), "r");
      char line[512];
      while (p && std::fgets(line, sizeof line, p)) std::printf("  %s", line);
      if (p) pclose(p);
    }
  }
  set_probe(nullptr);
  app.presenter.reset();
  ImGui::DestroyContext();
  return 0;
}
