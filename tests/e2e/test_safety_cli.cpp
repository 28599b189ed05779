// End-to-end: the defects of issue 17 found by trying bad input, through the
// real program. Output paths (--save, --transcript, graph -o, exports) are
// written only to regular files or new paths, atomically, never through a
// symbolic link, never to a device, a folder or a FIFO; a failed write names
// the file and leaves the old one; sessions are read only from regular files.
#include "run.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>

namespace {

struct Kb {
  test::TempDir home;
  test::TempDir kb;
  std::string data;
  Kb() : data("--data " + test::quote(kb.path().string()) + " ") { test::write_mini_kb(kb); }
  test::Run run(const std::string& args, const std::string& prefix = "") const {
    return test::diagdesk_from(home, data + args, home.write("stdin.txt", ""), prefix);
  }
  std::string at(const std::string& name) const { return test::quote((home.path() / name).string()); }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("diagnose --save and --transcript refuse a folder, a FIFO, a symbolic link and a device, writing nothing") {
  Kb k;
  const test::fs::path dir = k.home.path() / "folder";
  test::fs::create_directory(dir);
  const auto target = k.home.write("target.toml", "old");
  test::fs::create_symlink(target, k.home.path() / "link.toml");
  REQUIRE(::mkfifo((k.home.path() / "fifo").c_str(), 0600) == 0);
  // A character device of our own (the /dev/full numbers) in the temporary
  // folder: a regression would replace this node, never the real /dev/full.
  const bool device = ::mknod((k.home.path() / "full").c_str(), S_IFCHR | 0600, makedev(1, 7)) == 0;
  for (const char* option : {"--save", "--transcript"}) {
    for (const char* name : {"folder", "fifo", "link.toml", "full"}) {
      if (std::string(name) == "full" && !device) continue;
      CAPTURE(option);
      CAPTURE(name);
      const auto r = k.run("diagnose t.net --answers on " + std::string(option) + " " + k.at(name));
      CHECK(r.rc == 2);
      CHECK(has(r.err, name));
      CHECK((has(r.err, "symbolic link") || has(r.err, "not a regular file")));
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
  }
  CHECK(test::fs::is_directory(dir));
  CHECK(test::fs::is_fifo(k.home.path() / "fifo"));
  CHECK(test::fs::is_symlink(k.home.path() / "link.toml"));
  CHECK(test::read(target) == "old");
  if (device) CHECK(test::fs::is_character_file(k.home.path() / "full"));
  SUBCASE("in French too") {
    const auto r = k.run("--lang fr diagnose t.net --answers on --save " + k.at("link.toml"));
    CHECK(r.rc == 2);
    CHECK(has(r.err, "lien symbolique"));
  }
}

TEST_CASE("a write past the file-size limit is an error naming the file, and the old file stays whole") {
  Kb k;
  const auto saved = k.home.write("report.md", "previous report");
  // ulimit -f 1: writes past 512 bytes fail with EFBIG (SIGXFSZ is ignored);
  // the report is longer, the one-line message on stderr is not.
  const auto r = k.run("diagnose t.net --answers on,169.254.1.1 --transcript " + k.at("report.md"),
                       "sh -c 'ulimit -f 1; exec \"$0\" \"$@\"'");
  CHECK(r.rc == 1);
  CHECK(has(r.err, "report.md"));
  CHECK(has(r.err, "the old file is intact"));
  CHECK(test::read(saved) == "previous report");
  for (const auto& e : test::fs::directory_iterator(k.home.path())) CHECK_FALSE(e.path().filename().string().starts_with(".report"));
  // And a normal write replaces it.
  const auto ok = k.run("diagnose t.net --answers on,169.254.1.1 --transcript " + k.at("report.md"));
  CHECK(ok.rc == 0);
  CHECK(test::read(saved).size() > 512);
}

TEST_CASE("graph -o and the transcript into a missing folder are refused in one line") {
  Kb k;
  auto r = k.run("graph t.net -o " + k.at("missing/graph.dot"));
  CHECK(r.rc == 2);
  CHECK(has(r.err, "graph.dot"));
  r = k.run("graph t.net -o " + k.at("new.dot"));
  CHECK(r.rc == 0);
  test::fs::create_symlink(k.home.path() / "elsewhere.dot", k.home.path() / "g.dot");
  r = k.run("graph t.net -o " + k.at("g.dot"));
  CHECK(r.rc == 2);
  CHECK_FALSE(test::fs::exists(k.home.path() / "elsewhere.dot"));
}

TEST_CASE("--resume reads only a regular file: /dev/zero, a FIFO and a folder are refused at once") {
  Kb k;
  REQUIRE(::mkfifo((k.home.path() / "fifo").c_str(), 0600) == 0);
  for (const std::string& path : {std::string("/dev/zero"), (k.home.path() / "fifo").string(), k.home.path().string()}) {
    CAPTURE(path);
    const auto r = k.run("diagnose --resume " + test::quote(path), "timeout 20");
    CHECK(r.rc == 2);
    CHECK(has(r.err, "not a regular file"));
  }
  // A session file over the limit (1 MiB) is refused before it is read.
  k.home.write("big.toml", std::string(2 * 1024 * 1024, '#'));
  const auto r = k.run("diagnose --resume " + k.at("big.toml"));
  CHECK(r.rc == 2);
  CHECK(has(r.err, "too large"));
}
