// Disk full and read-only folders (issue 17): the real diagdesk under a
// file-size limit (RLIMIT_FSIZE set in the child, SIGXFSZ ignored, so a
// write past it fails with EFBIG as on a full disk), in a small tmpfs (a
// real ENOSPC, when the test may mount one), and as an unprivileged uid on a
// 0555 folder. Each write must fail with a message naming the file, a
// non-zero exit, and leave what was there before whole.
#include "child.hpp"

#include <doctest/doctest.h>
#include <sys/mount.h>
#include <sys/stat.h>

namespace {

namespace fs = std::filesystem;

struct Desk {
  test::TempDir kb, home;
  Desk() { test::write_mini_kb_with_articles(kb); }
  fs::path data_dir() const { return home.path() / "userdata"; }
  test::ChildEnd run(std::vector<std::string> args, rlim_t limit = RLIM_INFINITY, const std::string& data = "") const {
    test::ChildSpec s;
    s.args = {"--data", data.empty() ? kb.path().string() : data, "--lang", "en"};
    s.args.insert(s.args.end(), args.begin(), args.end());
    s.data_dir = data_dir();
    s.max_file_size = limit;
    return test::run_child(s, home.path());
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("disk full during import: a failed exit naming the article, no partial article, the next import completes") {
  Desk d;
  const fs::path src = d.home.write("src/a.md", "# Toner low\n\nThe toner of the printer is low; replace the cartridge.\n").parent_path();
  d.home.write("src/b.md", "# Paper jam\n\nOpen the tray and remove the jammed paper sheet carefully.\n");
  const auto full = d.run({"import", src.string()}, 64);
  INFO(full.out);
  INFO(full.err);
  CHECK(full.exited);
  CHECK(full.rc != 0);
  CHECK(has(full.out + full.err, (d.data_dir() / "kb" / "articles" / "en").string()));
  for (const auto& e : fs::recursive_directory_iterator(d.data_dir() / "kb"))
    CHECK_FALSE(e.path().extension() == ".md");  // none half-written
  const auto again = d.run({"import", src.string()});
  CHECK(again.rc == 0);
  CHECK(fs::exists(d.data_dir() / "kb" / "articles" / "en" / "src.a.md"));
  const auto found = d.run({"search", "cartridge", "--json"});
  CHECK(has(found.out, "\"src.a.en\""));
}

TEST_CASE("disk full during index sync: a failed exit, and the next search rebuilds the index") {
  Desk d;
  const auto full = d.run({"index", "--rebuild"}, 4096);
  INFO(full.err);
  CHECK(full.exited);
  CHECK(full.rc != 0);
  const auto found = d.run({"search", "t.net"});
  CHECK(found.rc == 0);
}

TEST_CASE("disk full during diagnose --save and --transcript: a failed exit naming the file, the old file intact") {
  Desk d;
  const fs::path session = d.home.path() / "call.toml";
  const fs::path report = d.home.path() / "call.md";
  REQUIRE(d.run({"diagnose", "t.net", "--answers", "on", "--save", session.string(), "--transcript", report.string()}).rc == 0);
  const std::string before = test::read(session);
  const std::string report_before = test::read(report);
  auto r = d.run({"diagnose", "t.net", "--answers", "on,169.254.1.1", "--save", session.string()}, 64);
  INFO(r.err);
  CHECK(r.rc != 0);
  CHECK(has(r.err, session.string()));
  CHECK(test::read(session) == before);
  r = d.run({"diagnose", "t.net", "--answers", "on,169.254.1.1", "--transcript", report.string()}, 64);
  CHECK(r.rc != 0);
  CHECK(has(r.err, report.string()));
  CHECK(test::read(report) == report_before);
  // /dev/full: refused as a device, or its failed write reported.
  r = d.run({"diagnose", "t.net", "--answers", "on", "--save", "/dev/full"});
  CHECK(r.rc != 0);
  CHECK(has(r.err, "/dev/full"));
}

TEST_CASE("disk full during incident new: a failed exit, earlier tickets intact, db check passes") {
  Desk d;
  auto add = [&](const std::string& title, rlim_t limit) {
    return d.run({"incident", "new", "--title", title, "--caller", "Marie Dupont", "--impact", "low", "--urgency", "high"},
                 limit, DIAGDESK_DATA_DIR);
  };
  REQUIRE(add("Printer offline", RLIM_INFINITY).rc == 0);
  const auto full = add("Scanner offline", 1024);
  INFO(full.err);
  CHECK(full.exited);
  CHECK(full.rc != 0);
  CHECK(has(full.err, "service.sqlite"));
  const auto check = d.run({"db", "check"}, RLIM_INFINITY, DIAGDESK_DATA_DIR);
  CHECK(check.rc == 0);
  const auto list = d.run({"incident", "list"}, RLIM_INFINITY, DIAGDESK_DATA_DIR);
  CHECK(has(list.out, "Printer offline"));
  CHECK_FALSE(has(list.out, "Scanner offline"));
}

TEST_CASE("a read-only folder: import and --save fail with a message naming it, nothing written") {
  Desk d;
  const fs::path ro = d.home.path() / "ro";
  fs::create_directories(ro);
  const fs::path src = d.home.write("src/a.md", "# Toner low\n\nThe toner of the printer is low.\n").parent_path();
  test::ChildSpec s;
  s.data_dir = d.home.path() / "nobody-data";
  if (::geteuid() == 0) {
    // Root ignores permissions: run the child as nobody (65534).
    s.uid = 65534;
    fs::create_directories(s.data_dir);
    REQUIRE(::chown(s.data_dir.c_str(), 65534, 65534) == 0);
    ::chmod(d.home.path().c_str(), 0755);
    ::chmod(d.kb.path().c_str(), 0755);
    // The build tree may sit where nobody cannot reach it (a clone in /root,
    // mode 0700): nobody runs a copy of the binary (its data is embedded).
    s.exe = d.home.path() / "bin" / "diagdesk";
    fs::create_directories(s.exe.parent_path());
    fs::copy_file(DIAGDESK_BIN, s.exe);
    fs::permissions(s.exe, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
    ::chmod(s.exe.parent_path().c_str(), 0755);
  }
  ::chmod(ro.c_str(), 0555);
  s.args = {"--data", d.kb.path().string(), "--lang", "en", "import", src.string(), "--to", ro.string()};
  auto r = test::run_child(s, d.home.path());
  INFO(r.out);
  INFO(r.err);
  CHECK(r.exited);
  CHECK(r.rc != 0);
  CHECK(has(r.out + r.err, ro.string()));
  CHECK(fs::is_empty(ro));
  s.args = {"--data", d.kb.path().string(), "--lang", "en", "diagnose", "t.net", "--answers", "on", "--save", (ro / "s.toml").string()};
  r = test::run_child(s, d.home.path());
  CHECK(r.rc != 0);
  CHECK(has(r.err, (ro / "s.toml").string()));
  CHECK(fs::is_empty(ro));
  ::chmod(ro.c_str(), 0755);
}

TEST_CASE("a full tmpfs (a real ENOSPC): --save fails naming the file and keeps the old one") {
  Desk d;
  const fs::path mnt = d.home.path() / "small";
  fs::create_directories(mnt);
  if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=64k") != 0) {
    MESSAGE("skipped: cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN)");
    return;
  }
  struct Unmount {
    fs::path p;
    ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
  } unmount{mnt};
  const fs::path session = mnt / "call.toml";
  REQUIRE(d.run({"diagnose", "t.net", "--answers", "on", "--save", session.string()}).rc == 0);
  const std::string before = test::read(session);
  {
    std::ofstream fill(mnt / "filler", std::ios::binary);
    const std::string block(4096, 'x');
    for (int i = 0; i < 64 && fill; ++i) fill << block;
  }
  const auto r = d.run({"diagnose", "t.net", "--answers", "on,169.254.1.1", "--save", session.string()});
  INFO(r.err);
  CHECK(r.rc != 0);
  CHECK(has(r.err, session.string()));
  CHECK(test::read(session) == before);
}
