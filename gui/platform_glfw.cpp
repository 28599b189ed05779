// GLFW + OpenGL 3 shell: window, frame loop, idle waiting, screenshots.
#include "platform_glfw.hpp"

#include "panels/panels.hpp"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <stb_image_write.h>

#include <chrono>
#include <future>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>
#include <map>
#include <vector>

namespace diagdesk::gui {

namespace {

std::string g_glfw_error;

void on_glfw_error(int code, const char* description) {
  g_glfw_error = std::to_string(code) + ": " + (description ? description : "");
}

/// Saves the back buffer (what was just rendered) as a PNG.
bool save_screenshot(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows go bottom-up; PNG's top-down.
  stbi_flip_vertically_on_write(1);
  const int ok = stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4);
  stbi_flip_vertically_on_write(0);
  return ok != 0;
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

/// VmRSS / VmHWM in MiB from /proc/self/status.
double proc_status_mib(const char* field) {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  double kib = 0;
  const std::size_t n = std::strlen(field);
  while (std::fgets(line, sizeof line, f)) {
    if (std::strncmp(line, field, n) == 0) kib = std::atof(line + n + 1);
  }
  std::fclose(f);
  return kib / 1024.0;
}

}  // namespace

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string no_display_message(const std::string& detail) {
  return "diagdesk-gui: no display available" + (detail.empty() ? std::string() : " (" + detail + ")") +
         ".\nThe desktop program needs a graphical session (X11 or Wayland with XWayland).\n"
         "Use the guided diagnosis in the terminal instead:  diagdesk diagnose\n"
         "(or 'diagdesk trees' to list the troubleshooting scripts).";
}

int run_window(const std::function<Presenter&()>& presenter_ready, const PlatformOptions& o) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    std::cerr << no_display_message(g_glfw_error) << '\n';
    return exit_no_display;
  }
  // The monitor's scale is known before the window exists: rasterise the
  // fonts on another thread while the window and its GL context open.
  float xscale = 1, yscale = 1;
  if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) glfwGetMonitorContentScale(monitor, &xscale, &yscale);
  const float scale = std::max(1.0f, xscale) * o.font_scale;
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = o.ini_file.empty() ? nullptr : o.ini_file.c_str();
  auto atlas = std::async(std::launch::async, [scale] {
    const bool found = load_fonts(scale);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    return found;
  });

  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_MAXIMIZED, o.maximized && !o.scripted ? GLFW_TRUE : GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(o.width, o.height, "Diagdesk", nullptr, nullptr);
  const bool fonts_found = atlas.get();
  if (!window) {
    std::cerr << no_display_message("cannot create an OpenGL 3 window: " + g_glfw_error) << '\n';
    ImGui::DestroyContext();
    glfwTerminate();
    return exit_no_display;
  }
  glfwMakeContextCurrent(window);
  const double window_ready = steady_seconds();
  // Scripted runs go as fast as they can; interactive ones follow the screen.
  glfwSwapInterval(o.scripted ? 0 : 1);
  if (!fonts_found) std::cerr << "diagdesk-gui: DejaVu fonts not found (install fonts-dejavu-core); using ImGui's default font\n";
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  const double ui_ready = steady_seconds();
  // The workspace has been loading on another thread while the window opened.
  Presenter& presenter = presenter_ready();
  bool dark = presenter.vm().dark;
  apply_theme(dark, scale);

  ScriptPlayer player(o.script);
  // Scripted runs record the panels' widgets so `press NAME` can click them.
  std::map<std::string, ProbeRect> probes;
  if (o.scripted) {
    set_probe(&probes);
    player.set_probes(&probes);
  }
  AppUi ui;
  int frames_after_script = 0;
  int busy_frames = 4;
  int exit_code = 0;
  long frame_count = 0;
  double cpu_in_frames = 0;
  double cpu_in_gl = 0;
  while (!glfwWindowShouldClose(window) && !presenter.quit_requested()) {
    // Idle: wait for input (at most 4 times a second, for background progress).
    // After input, draw a few frames at full speed so ImGui settles.
    if (o.scripted || busy_frames > 0) {
      glfwPollEvents();
      --busy_frames;
    } else {
      const double before = glfwGetTime();
      glfwWaitEventsTimeout(0.25);
      if (glfwGetTime() - before < 0.24) busy_frames = 3;
    }
    const double cpu0 = thread_cpu_seconds();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    std::string shot;
    if (o.scripted) {
      // Scripted runs are deterministic: each input waits for the background
      // work (search, index, article loading) the previous one started.
      presenter.wait_background();
      shot = player.apply(io);
      probes.clear();  // this frame records them afresh
    }
    ImGui::NewFrame();

    presenter.poll();
    const AppVm& vm = presenter.vm();
    if (vm.dark != dark) {
      dark = vm.dark;
      apply_theme(dark, scale);
    }
    const std::uint64_t before_rev = vm.revision;
    const auto intents = draw_app(vm, ui);
    ImGui::Render();
    const double cpu_gl0 = thread_cpu_seconds();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    const double gl_cpu = thread_cpu_seconds() - cpu_gl0;
    presenter.apply_all(intents);
    // The first frame builds the font texture and compiles shaders: reported apart.
    if (frame_count > 0) {
      cpu_in_gl += gl_cpu;
      cpu_in_frames += thread_cpu_seconds() - cpu0;
    }
    if (++frame_count == 1 && o.print_timing) {
      glFinish();  // the first frame is on screen, not just queued
      const double now = steady_seconds();
      std::fprintf(stderr,
                   "diagdesk-gui: first frame %.0f ms after start (window + GL context %.0f ms, fonts + backends %.0f ms, "
                   "workspace ready %.0f ms after start on its own thread, first frame %.0f ms)\n",
                   (now - o.started) * 1000, (window_ready - o.started) * 1000, (ui_ready - window_ready) * 1000,
                   o.workspace_ready ? (o.workspace_ready->load() - o.started) * 1000 : 0.0,
                   (now - std::max(ui_ready, o.workspace_ready ? o.workspace_ready->load() : 0.0)) * 1000);
    }
    if (!intents.empty() || presenter.vm().revision != before_rev) busy_frames = std::max(busy_frames, 3);

    if (!shot.empty() && !save_screenshot(shot, fb_w, fb_h)) {
      std::cerr << "diagdesk-gui: cannot write " << shot << '\n';
      exit_code = 1;
    }
    if (!player.error().empty()) {
      std::cerr << "diagdesk-gui: script " << player.error() << '\n';
      exit_code = 1;
      break;
    }
    const bool script_done = !o.scripted || player.done();
    if (script_done && o.frames > 0 && ++frames_after_script >= o.frames) {
      if (!o.screenshot.empty()) {
        if (!save_screenshot(o.screenshot, fb_w, fb_h)) {
          std::cerr << "diagdesk-gui: cannot write " << o.screenshot << '\n';
          exit_code = 1;
        }
      }
      glfwSwapBuffers(window);
      break;
    }
    glfwSwapBuffers(window);
  }

  if (o.print_timing && frame_count > 0) {
    const double n = static_cast<double>(std::max(1L, frame_count - 1));
    std::fprintf(stderr,
                 "diagdesk-gui: %ld frames after the first, UI-thread CPU per frame %.3f ms = panels + presenter %.3f ms + OpenGL "
                 "calls %.3f ms; RSS %.1f MiB, peak %.1f MiB\n",
                 frame_count - 1, cpu_in_frames / n * 1000, (cpu_in_frames - cpu_in_gl) / n * 1000, cpu_in_gl / n * 1000,
                 proc_status_mib("VmRSS:"), proc_status_mib("VmHWM:"));
  }
  int w = 0, h = 0;
  glfwGetWindowSize(window, &w, &h);
  if (!o.scripted) presenter.set_window(w, h, glfwGetWindowAttrib(window, GLFW_MAXIMIZED) == GLFW_TRUE);

  set_probe(nullptr);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace diagdesk::gui
