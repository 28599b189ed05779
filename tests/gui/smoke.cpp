// Smoke tests of the real diagdesk-gui:
//   gui_smoke GUI SCRIPT OUTDIR   runs it under xvfb-run (Mesa software GL) with
//                                 a scripted session; checks the screenshot is a
//                                 real render (1280x800, many colours, not blank)
//                                 and that the session was autosaved.
//   gui_smoke --no-display GUI    runs it without DISPLAY: exit code 3 and a
//                                 message pointing to `diagdesk diagnose`.
// Exit 77 (skipped) when xvfb-run is not installed (scripts/deps.sh test installs it).
#include "xvfb_run.hpp"

#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <iostream>
#include <map>
#include <string>

namespace fs = std::filesystem;

namespace {

using diagdesk::gui::testing::fail;
using diagdesk::gui::testing::run;

int no_display(const std::string& gui) {
  std::string out;
  const int code = run("env -u DISPLAY -u WAYLAND_DISPLAY '" + gui + "'", &out);
  if (code != 3) return fail("expected exit code 3 without a display, got " + std::to_string(code));
  if (out.find("no display") == std::string::npos || out.find("diagdesk diagnose") == std::string::npos) {
    return fail("the message does not point to 'diagdesk diagnose'");
  }
  std::cout << "OK: no display handled\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--no-display") return no_display(argv[2]);
  if (argc != 4) {
    std::cerr << "usage: gui_smoke GUI SCRIPT OUTDIR | gui_smoke --no-display GUI\n";
    return 2;
  }
  const std::string gui = argv[1], script = argv[2];
  const fs::path out = argv[3];
  if (!diagdesk::gui::testing::xvfb_available()) return 77;
  std::error_code ec;
  fs::remove_all(out, ec);
  fs::create_directories(out / "home");
  const fs::path png = out / "smoke.png";
  const std::string command = "DIAGDESK_HOME='" + (out / "home").string() +
                              "' timeout 90 xvfb-run -a -s '-screen 0 1280x800x24' '" + gui +
                              "' --size 1280x800 --lang fr --script '" + script + "' --screenshot '" + png.string() +
                              "' --frames 5";
  std::cout << command << '\n';
  if (const int code = run(command); code != 0) return fail("diagdesk-gui exited with " + std::to_string(code));

  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load(png.string().c_str(), &w, &h, &n, 3);
  if (!pixels) return fail("no readable screenshot at " + png.string());
  std::map<unsigned, std::size_t> colours;
  for (int i = 0; i < w * h; ++i) {
    const unsigned char* p = pixels + 3 * i;
    ++colours[(unsigned(p[0]) << 16) | (unsigned(p[1]) << 8) | p[2]];
  }
  stbi_image_free(pixels);
  std::size_t most = 0;
  for (const auto& [c, count] : colours) most = std::max(most, count);
  const double background = static_cast<double>(most) / (static_cast<double>(w) * h);
  std::cout << "screenshot " << w << "x" << h << ", " << colours.size() << " colours, background "
            << static_cast<int>(background * 100) << "%\n";
  if (w != 1280 || h != 800) return fail("expected a 1280x800 screenshot");
  if (colours.size() < 16) return fail("too few colours: not a real render");
  if (background > 0.97) return fail("the screenshot is almost blank");
  // The script answered twice: the autosave holds two answers.
  std::ifstream saved(out / "home" / "sessions" / "autosave.toml");
  std::stringstream text;
  text << saved.rdbuf();
  std::size_t answers = 0;
  for (auto at = text.str().find("choice = "); at != std::string::npos; at = text.str().find("choice = ", at + 1)) ++answers;
  if (answers != 2) return fail("expected the autosaved session to hold 2 answers, found " + std::to_string(answers));
  std::cout << "OK: real render, session with 2 answers autosaved\n";
  return 0;
}
