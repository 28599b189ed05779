#pragma once
// A headless Dear ImGui context driving the real panels and presenter: a
// built font atlas, a display size, frame-by-frame keys and clicks through
// io.KeysDown / io.MousePos / io.MouseDown (ImGui 1.86 has no event API),
// no window and no OpenGL. Each fixture gets its own temporary data dir.

#include "app/presenter.hpp"
#include "app/script.hpp"
#include "panels/panels.hpp"
#include "vm/keys.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <map>
#include <random>
#include <string>

namespace diagdesk::gui::testing {

namespace fs = std::filesystem;

/// A fresh temporary folder, removed at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("diagdesk-gui-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

inline constexpr int key_enter = 257;
inline constexpr int key_escape = 256;
inline constexpr int key_backspace = 259;
inline constexpr int key_down = 264;
inline constexpr int key_left_ctrl = 341;

/// One ImGui context with fonts, for the life of the fixture.
struct ImGuiContextFixture {
  ImGuiContextFixture() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    load_fonts(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas
    set_glfw_key_map(io);
    apply_theme(false, 1.0f);
    set_probe(&rects);
  }
  ~ImGuiContextFixture() {
    set_probe(nullptr);
    ImGui::DestroyContext();
  }
  std::map<std::string, ProbeRect> rects;
};

/// The whole application, headless: presenter + draw_app, frame by frame.
struct HeadlessApp : ImGuiContextFixture {
  TempDir home;
  std::unique_ptr<Presenter> presenter;
  AppUi ui;
  std::vector<Intent> last_intents;

  explicit HeadlessApp(std::string lang = "en", bool async = false) { open(std::move(lang), async); }

  void open(std::string lang = "en", bool async = false) {
    presenter.reset();
    PresenterOptions o;
    o.workspace.data_dir = home.path;
    o.workspace.lang = engine::Lang::en;
    o.lang = std::move(lang);
    o.async = async;
    o.measure_label = measure_label;
    presenter = std::make_unique<Presenter>(std::move(o));
    ui = AppUi{};
    frame();
  }

  /// One frame: new frame, poll, draw, render, apply the intents.
  void frame() {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    presenter->poll();
    last_intents = draw_app(presenter->vm(), ui);
    ImGui::Render();
    presenter->apply_all(last_intents);
  }
  void frames(int n) {
    for (int i = 0; i < n; ++i) frame();
  }

  /// Presses a key for one frame and releases it the next.
  void press(int key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key_left_ctrl] = ctrl;
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    io.KeysDown[key_left_ctrl] = false;
    io.KeyCtrl = false;
    frame();
  }

  void type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frame();
  }

  /// Clicks the centre of a probed widget (drawn in the last frame).
  void click(const std::string& probe_name) {
    auto it = rects.find(probe_name);
    REQUIRE_MESSAGE(it != rects.end(), "no widget probed as " << probe_name);
    const ProbeRect r = it->second;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
  }

  const AppVm& vm() { return presenter->vm(); }
  const engine::Session& session() {
    REQUIRE(presenter->session() != nullptr);
    return *presenter->session();
  }
  /// Node ids of the answered steps, in order.
  std::vector<std::string> answered_nodes() {
    std::vector<std::string> out;
    for (const auto& a : session().answers()) out.push_back(a.node);
    return out;
  }
};

}  // namespace diagdesk::gui::testing
