#pragma once
// Running the real diagdesk program, with a temporary data dir.

#include "fixture.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace test {

struct Run {
  int rc = -1;
  std::string out;
  std::string err;
};

inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Runs `diagdesk ARGS` with stdin read from the file (or FIFO) `stdin_path`,
/// HOME-free user data in `home`; `prefix` goes before the program (e.g.
/// "timeout 60").
inline Run diagdesk_from(const TempDir& home, const std::string& args, const fs::path& stdin_path,
                         const std::string& prefix = "") {
  const auto out = home.path() / "stdout.txt";
  const auto err = home.path() / "stderr.txt";
  const std::string cmd = "env -u LANG -u LC_ALL DIAGDESK_HOME=" + quote((home.path() / "userdata").string()) + " " +
                          prefix + " " + quote(DIAGDESK_BIN) + " " + args + " <" + quote(stdin_path.string()) + " >" +
                          quote(out.string()) + " 2>" + quote(err.string());
  const int status = std::system(cmd.c_str());
  Run r;
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read(out);
  r.err = read(err);
  return r;
}

/// Runs `diagdesk ARGS` with empty stdin and the desk's clock at `now`
/// (DIAGDESK_NOW: Unix seconds or a local "2026-05-22T10:00").
inline Run diagdesk_at(const TempDir& home, const std::string& args, const std::string& now) {
  return diagdesk_from(home, args, home.write("stdin.txt", ""), "DIAGDESK_NOW=" + now);
}

/// Runs `diagdesk ARGS` with stdin from `input`, HOME-free user data in `home`.
inline Run diagdesk(const TempDir& home, const std::string& args, const std::string& input = "") {
  return diagdesk_from(home, args, home.write("stdin.txt", input));
}

/// A knowledge base folder with the mini trees and their articles.
inline void write_mini_kb_with_articles(const TempDir& dir) {
  write_mini_kb(dir);
  for (const auto& topic : mini_topics()) {
    for (const char* lang : {"fr", "en"}) {
      const std::string other = std::string(lang) == "fr" ? "en" : "fr";
      dir.write(std::string("articles/") + lang + "/" + topic + ".md",
                "+++\nschema_version = 1\nid = \"" + topic + "." + lang + "\"\ntitle = \"" + topic + " " + lang +
                    "\"\nlang = \"" + lang + "\"\ndomain = \"network\"\ncompetency = 5\ntranslation = \"" + topic + "." +
                    other + "\"\nsource = \"bundled\"\nupdated = 2026-11-01\n+++\n\n# " + topic + "\n\nBody of " + topic +
                    ".\n");
    }
  }
}

}  // namespace test
