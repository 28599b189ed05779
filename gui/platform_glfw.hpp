#pragma once
// The one platform file: a GLFW window with an OpenGL 3 context, ImGui's
// GLFW + OpenGL3 backends (from Debian's libimgui.a), the frame loop, and
// screenshots (glReadPixels + stb_image_write) for tests and docs.

#include "app/presenter.hpp"
#include "app/script.hpp"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace diagdesk::gui {

struct PlatformOptions {
  int width = 1280;
  int height = 800;
  bool maximized = false;
  float font_scale = 1.0f;
  std::string ini_file;                 ///< ImGui layout file ("" = none)
  std::vector<ScriptCommand> script;    ///< test-only scripted input
  bool scripted = false;
  std::string screenshot;               ///< save the last frame here, then exit
  int frames = 0;                       ///< frames to run after the script (0: until closed)
  bool print_timing = false;            ///< print start-to-first-frame, CPU per frame, memory
  double started = 0;                   ///< steady-clock seconds at main() entry
  const std::atomic<double>* workspace_ready = nullptr;  ///< steady-clock seconds when the presenter was built
};

/// Seconds on the steady clock (for PlatformOptions::started).
double steady_seconds();

/// Exit code when no display can be opened.
inline constexpr int exit_no_display = 3;

/// Opens the window and runs until it is closed (or the script and frames
/// are done). `presenter` is called once the window and fonts are ready and
/// may block: the workspace loads on another thread meanwhile. Returns the
/// process exit code; prints errors to stderr.
int run_window(const std::function<Presenter&()>& presenter, const PlatformOptions& options);

/// The message printed when there is no display.
std::string no_display_message(const std::string& detail);

}  // namespace diagdesk::gui
