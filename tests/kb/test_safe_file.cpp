// The one safe-file helper (diagdesk/base/safe_file.hpp), tested here because
// kb (like engine and service) uses it through its file_io names.
#include "fixtures.hpp"

#include <diagdesk/base/safe_file.hpp>

#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <csignal>
#include <fstream>

namespace fs = std::filesystem;
using namespace diagdesk::base;

namespace {

int entries(const fs::path& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += (void(e), 1);
  return n;
}

}  // namespace

TEST_CASE("write_file_atomic refuses a symlink, a folder, a FIFO and a device and touches none of them") {
  kbtest::TempDir tmp;
  const fs::path target = tmp / "real.txt";
  REQUIRE(write_file_atomic(target, "old"));
  fs::create_symlink(target, tmp / "link.txt");
  fs::create_directory(tmp / "folder");
  REQUIRE(::mkfifo((tmp / "fifo").c_str(), 0600) == 0);
  const bool device = ::mknod((tmp / "full").c_str(), S_IFCHR | 0600, makedev(1, 7)) == 0;

  FileStatus s = write_file_atomic(tmp / "link.txt", "new");
  CHECK(s.error == FileError::symlink);
  CHECK(s.message.find("link.txt") != std::string::npos);
  CHECK(write_file_atomic(tmp / "folder", "new").error == FileError::not_regular);
  CHECK(write_file_atomic(tmp / "fifo", "new").error == FileError::not_regular);
  if (device) CHECK(write_file_atomic(tmp / "full", "new").error == FileError::not_regular);
  CHECK(write_file_atomic(tmp / "missing/x.txt", "new", false).error == FileError::not_found);

  std::string back;
  REQUIRE(read_file(target, back));
  CHECK(back == "old");
  CHECK(fs::is_symlink(tmp / "link.txt"));
  CHECK(fs::is_fifo(tmp / "fifo"));
  if (device) CHECK(fs::is_character_file(tmp / "full"));
  CHECK(entries(tmp.path()) == (device ? 5 : 4));  // no temporary left
}

TEST_CASE("a write that fails (EFBIG past the file-size limit) is no_space and keeps the old file") {
  kbtest::TempDir tmp;
  const fs::path file = tmp / "a.txt";
  REQUIRE(write_file_atomic(file, "old"));
  auto previous = std::signal(SIGXFSZ, SIG_IGN);
  rlimit saved{};
  ::getrlimit(RLIMIT_FSIZE, &saved);
  rlimit small = saved;
  small.rlim_cur = 16;
  ::setrlimit(RLIMIT_FSIZE, &small);
  FileStatus s = write_file_atomic(file, std::string(4096, 'x'));
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous);
  CHECK(s.error == FileError::no_space);
  CHECK(s.path == file.string());
  std::string back;
  REQUIRE(read_file(file, back));
  CHECK(back == "old");
  CHECK(entries(tmp.path()) == 1);
}

TEST_CASE("AtomicFile gives a temporary beside the target and renames it only on commit") {
  kbtest::TempDir tmp;
  const fs::path file = tmp / "r.pdf";
  {
    AtomicFile f;
    REQUIRE(f.open(file));
    CHECK(fs::path(f.temp_path()).parent_path() == tmp.path());
  }
  CHECK(entries(tmp.path()) == 0);  // dropped without commit
  AtomicFile f;
  REQUIRE(f.open(file));
  { std::ofstream(f.temp_path()) << "pdf"; }
  REQUIRE(f.commit());
  std::string back;
  REQUIRE(read_file(file, back));
  CHECK(back == "pdf");
  CHECK(entries(tmp.path()) == 1);
}

TEST_CASE("read_file reads regular files only, within its limit, without blocking on a FIFO") {
  kbtest::TempDir tmp;
  REQUIRE(::mkfifo((tmp / "fifo").c_str(), 0600) == 0);
  std::string out;
  CHECK(read_file(tmp / "fifo", out).error == FileError::not_regular);
  CHECK(read_file("/dev/zero", out).error == FileError::not_regular);
  CHECK(read_file(tmp.path(), out).error == FileError::not_regular);
  REQUIRE(write_file_atomic(tmp / "big", std::string(2000, 'x')));
  FileStatus s = read_file(tmp / "big", out, 1000);
  CHECK(s.error == FileError::too_large);
  CHECK(out.empty());
  CHECK(read_file(tmp / "big", out, 2000));
  CHECK(out.size() == 2000);
}

TEST_CASE("a write removes the temporaries a killed write of the same file left, and nothing else") {
  kbtest::TempDir tmp;
  const fs::path target = tmp / "s.toml";
  auto put = [&](const std::string& name) { std::ofstream(tmp / name) << "x"; };
  put(".s.toml.tmp-Ab12cD");        // stale: removed
  put(".s.toml.tmp-zz99zz");        // stale: removed
  put(".s.toml.tmp-short");         // not our pattern (5 characters)
  put(".other.toml.tmp-Ab12cD");    // another file's
  put("s.toml.tmp-Ab12cD");         // no leading dot
  put("outside.txt");
  fs::create_symlink(tmp / "outside.txt", tmp / ".s.toml.tmp-link00");  // never followed nor removed
  fs::create_directory(tmp / ".s.toml.tmp-dir000");                       // not a regular file
  AtomicFile live;                                                          // being written right now
  REQUIRE(live.open(target));
  const fs::path live_temp = live.temp_path();

  REQUIRE(write_file_atomic(target, "new"));
  CHECK_FALSE(fs::exists(tmp / ".s.toml.tmp-Ab12cD"));
  CHECK_FALSE(fs::exists(tmp / ".s.toml.tmp-zz99zz"));
  for (const char* kept : {".s.toml.tmp-short", ".other.toml.tmp-Ab12cD", "s.toml.tmp-Ab12cD", "outside.txt",
                           ".s.toml.tmp-dir000"}) {
    CHECK_MESSAGE(fs::exists(tmp / kept), kept);
  }
  CHECK(fs::is_symlink(tmp / ".s.toml.tmp-link00"));
  CHECK(fs::exists(live_temp));  // its writer holds the lock
  { std::ofstream(live_temp) << "pdf"; }
  REQUIRE(live.commit());
  std::string back;
  REQUIRE(read_file(target, back));
  CHECK(back == "pdf");
  put(".s.toml.tmp-Zx81Qp");
  CHECK(remove_stale_temps(target) == 1);
}
