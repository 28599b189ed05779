#pragma once
// Running the real diagdesk-gui from a test program: a shell command with its
// output echoed and kept, whether a program is installed, and a failure line.
// Used by gui_smoke and gui_tickets_flow (exit 77 = skipped when xvfb-run is missing).

#include <cstdio>
#include <iostream>
#include <string>
#include <sys/wait.h>

namespace diagdesk::gui::testing {

/// Runs `command` with stderr merged; echoes and returns its output in `output`; the exit code (-1 if killed).
inline int run(const std::string& command, std::string* output = nullptr) {
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  std::string out;
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  const int status = pclose(p);
  std::cout << out;
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// True when `program` is on the PATH.
inline bool in_path(const std::string& program) { return run("command -v " + program + " >/dev/null") == 0; }

/// Prints "FAILED: why" and returns 1 (the test's exit code).
inline int fail(const std::string& why) {
  std::cerr << "FAILED: " << why << '\n';
  return 1;
}

/// True when xvfb-run and xauth are installed; else says the test is skipped.
inline bool xvfb_available() {
  if (in_path("xvfb-run") && in_path("xauth")) return true;
  std::cout << "SKIPPED: xvfb-run / xauth not installed (scripts/deps.sh test installs them)\n";
  return false;
}

}  // namespace diagdesk::gui::testing
