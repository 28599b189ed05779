// diagdesk-gui: the desktop front end. Parses the options, checks for a
// display, opens the workspace through the presenter, and runs the window.
#include "app/presenter.hpp"
#include "app/script.hpp"
#include "panels/panels.hpp"
#include "platform_glfw.hpp"

#include <CLI/CLI.hpp>

#include <atomic>
#include <cstdlib>
#include <future>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  using namespace diagdesk;
  const double started = gui::steady_seconds();
  CLI::App app{"Diagdesk: guided troubleshooting and knowledge base for IT help desks (desktop)"};
  app.set_version_flag("--version", "diagdesk-gui 0.1.0");
  std::string data, data_dir, lang, script_file, screenshot, size;
  std::vector<std::string> kb;
  int frames = 0;
  bool print_timing = false;
  app.add_option("--data", data, "Bundled knowledge-base folder")->envname("DIAGDESK_DATA");
  app.add_option("--kb", kb, "Extra knowledge-base folder (team or user layer); repeatable");
  app.add_option("--data-dir", data_dir, "Per-user data folder (settings, sessions, index)")->envname("DIAGDESK_HOME");
  app.add_option("--lang", lang, "Language: fr or en (default: settings, then $LANG)")->check(CLI::IsMember({"fr", "en"}));
  app.add_option("--size", size, "Window size WIDTHxHEIGHT (default: as last time)");
  // Test-only options: play scripted input, save a screenshot, exit.
  app.add_option("--script", script_file, "Play scripted input from FILE (tests; see gui/app/script.hpp)");
  app.add_option("--screenshot", screenshot, "Save a PNG of the last frame and exit (tests, docs)");
  app.add_option("--frames", frames, "Frames to draw (after the script) before the screenshot / exit");
  app.add_flag("--print-timing", print_timing, "Print start-to-first-frame, CPU per frame and memory (benchmarks)");
  CLI11_PARSE(app, argc, argv);

  // No display: say so before anything else, and point to the terminal.
  const char* x11 = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((!x11 || !*x11) && (!wayland || !*wayland)) {
    std::cerr << gui::no_display_message("neither DISPLAY nor WAYLAND_DISPLAY is set") << '\n';
    return gui::exit_no_display;
  }

  gui::PlatformOptions platform;
  if (!script_file.empty()) {
    std::ifstream in(script_file);
    if (!in) {
      std::cerr << "diagdesk-gui: cannot read the script " << script_file << '\n';
      return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    std::string error;
    if (!gui::parse_script(text.str(), platform.script, error)) {
      std::cerr << "diagdesk-gui: " << script_file << ": " << error << '\n';
      return 2;
    }
    platform.scripted = true;
  }
  platform.screenshot = screenshot;
  platform.print_timing = print_timing;
  platform.started = started;
  platform.frames = frames > 0 ? frames : (!screenshot.empty() || platform.scripted ? 3 : 0);

  gui::PresenterOptions options;
  if (!data.empty()) options.workspace.bundled = data;
  for (const auto& k : kb) options.workspace.layers.emplace_back(k);
  if (!data_dir.empty()) options.workspace.data_dir = data_dir;
  options.workspace.lang = workspace::default_lang();
  options.lang = lang;
  options.measure_label = gui::measure_label;

  // The window geometry comes from the settings now; the presenter (which
  // loads the workspace, the slow part) is built on another thread while
  // the window and its OpenGL context open.
  const std::filesystem::path home = data_dir.empty() ? workspace::default_data_dir() : std::filesystem::path(data_dir);
  const auto s = workspace::load_settings(home).settings;
  platform.width = s.window_width;
  platform.height = s.window_height;
  platform.maximized = s.window_maximized;
  platform.font_scale = s.font_scale;
  if (!size.empty()) {
    int w = 0, h = 0;
    if (std::sscanf(size.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240) {
      std::cerr << "diagdesk-gui: --size expects WIDTHxHEIGHT, e.g. 1280x800\n";
      return 2;
    }
    platform.width = w;
    platform.height = h;
    platform.maximized = false;
  }
  // Scripted runs keep the user's layout file out of the way.
  static std::string ini;
  if (!platform.scripted && screenshot.empty()) {
    ini = (home / "imgui.ini").string();
    std::error_code ec;
    std::filesystem::create_directories(home, ec);
    platform.ini_file = ini;
  }

  static std::atomic<double> workspace_ready{0};
  platform.workspace_ready = &workspace_ready;
  auto pending = std::async(std::launch::async, [options = std::move(options)]() mutable {
    auto p = std::make_unique<gui::Presenter>(std::move(options));
    workspace_ready = gui::steady_seconds();
    return p;
  });
  std::unique_ptr<gui::Presenter> owned;
  auto ready = [&]() -> gui::Presenter& {
    if (!owned) owned = pending.get();
    return *owned;
  };

  const int code = gui::run_window(ready, platform);
  gui::Presenter& presenter = ready();
  if (code == 0 && !platform.scripted && screenshot.empty()) {
    if (auto err = presenter.save_settings(); !err.empty()) std::cerr << "diagdesk-gui: " << err << '\n';
  }
  if (presenter.busy()) {
    // Do not keep a closed window's process alive until an index build ends:
    // everything the user did is already saved (autosave after each answer,
    // settings above), and Xapian keeps its last committed revision.
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(code);
  }
  return code;
}
