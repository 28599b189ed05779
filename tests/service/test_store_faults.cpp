// The SQLite store under faults: a write lock held too long, a full disk,
// owner-only files, and a table of bad things found at the database path.
#include "store_fixture.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <optional>

using namespace diagdesk::service;
namespace fs = std::filesystem;
using test::add;
using test::count;
using test::mode_of;
using test::open_store;

TEST_CASE("a write lock held longer than the busy timeout gives locked and saves nothing") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  OpenOptions quick;
  quick.busy_timeout_ms = 10;
  auto store = open_store(file, quick);
  Ticket t;
  REQUIRE(add(*store, "before the lock", t).ok());

  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  Ticket blocked;
  const StoreStatus s = add(*store, "while locked", blocked);
  CHECK(s.error == StoreError::locked);
  CHECK(s.detail.starts_with(file.string() + ": "));
  CHECK(s.detail.find("write lock") != std::string::npos);
  Ticket seen;  // WAL: reading goes on while the other connection writes
  CHECK(store->get(t.number, seen).ok());
  Edit e{"anna", 2000, {}};
  REQUIRE(assign(t, e, "anna", SupportLevel::n1) == AssignError::none);
  CHECK(store->update(t, e.events).error == StoreError::locked);
  CHECK(t.version == 1);  // not bumped by the refused change
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);

  CHECK(count(*store) == 1);
  CHECK(store->update(t, e.events).ok());  // once released, the same change goes through
  CHECK(add(*store, "after the lock", blocked).ok());
}

TEST_CASE("a full disk gives full and leaves the earlier tickets intact") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  std::size_t saved = 0;
  {
    auto store = open_store(file);
    Ticket t;
    for (int i = 0; i < 3; ++i) REQUIRE(add(*store, "kept " + std::to_string(i), t).ok());
    saved = count(*store);
  }
  sqlite3* probe = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &probe) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(probe, "PRAGMA page_count", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const int pages = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(probe);

  OpenOptions capped;
  capped.max_page_count = pages;  // not one more page
  auto store = open_store(file, capped);
  const std::string big(20000, 'x');  // needs new pages
  Ticket t;
  StoreStatus s = add(*store, big, t);
  CHECK(s.error == StoreError::full);
  CHECK(s.detail.starts_with(file.string() + ": "));
  CHECK(s.detail.find("disk is full") != std::string::npos);
  CHECK(count(*store) == saved);
  std::vector<std::string> findings;
  REQUIRE(store->check(findings).ok());
  CHECK(findings.empty());
  store.reset();
  auto roomy = open_store(file);
  CHECK(count(*roomy) == saved);
  CHECK(add(*roomy, big, t).ok());
  CHECK(t.number == "INC-2026-000004");  // the refused ticket used no number
}

TEST_CASE("the database and its wal and shm files are readable and writable by their owner only") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  const mode_t old = ::umask(0);  // even with a permissive umask
  auto store = open_store(file);
  ::umask(old);
  Ticket t;
  REQUIRE(add(*store, "private", t).ok());
  CHECK(mode_of(file) == 0600);
  REQUIRE(fs::exists(file.string() + "-wal"));
  CHECK(mode_of(file.string() + "-wal") == 0600);
  CHECK(mode_of(file.string() + "-shm") == 0600);
}

TEST_CASE("each bad thing at the database path gives its error and names the file") {
  struct Row {
    const char* what;
    std::function<fs::path(const test::TempDir&)> make;  // returns the path to open
    StoreError expected;
    const char* says;  // part of the detail
  };
  const auto good_db = [](const test::TempDir& dir) {
    const auto file = dir.path() / "service.sqlite";
    Ticket t;
    auto store = open_store(file);
    for (int i = 0; i < 30; ++i) REQUIRE(add(*store, std::string(500, 'a' + i % 26), t).ok());
    return file;
  };
  const std::vector<Row> rows = {
      {"random bytes", [](const test::TempDir& d) { return d.write("service.sqlite", std::string(8192, '\x5a')); },
       StoreError::corrupt, "service.sqlite"},
      {"a truncated file",
       [&](const test::TempDir& d) {
         const auto f = good_db(d);
         fs::resize_file(f, 50);  // cut inside the 100-byte header
         return f;
       },
       StoreError::corrupt, "service.sqlite"},
      {"a newer schema",
       [&](const test::TempDir& d) {
         const auto f = good_db(d);
         sqlite3* db = nullptr;
         sqlite3_open(f.c_str(), &db);
         sqlite3_exec(db, "UPDATE schema_version SET version = 42", nullptr, nullptr, nullptr);
         sqlite3_close(db);
         return f;
       },
       StoreError::too_new, "schema 42"},
      {"a folder", [](const test::TempDir& d) {
         fs::create_directories(d.path() / "service.sqlite");
         return d.path() / "service.sqlite";
       },
       StoreError::io, "not a regular file"},
      {"a device", [](const test::TempDir&) { return fs::path("/dev/null"); }, StoreError::io, "/dev/null"},
      {"a symbolic link",
       [&](const test::TempDir& d) {
         const auto f = good_db(d);
         fs::create_symlink(f, d.path() / "link.sqlite");
         return d.path() / "link.sqlite";
       },
       StoreError::io, "symbolic link"},
      // An empty file is what a crash between creating the file and its first
      // write leaves: it opens as a new database.
      {"an empty file", [](const test::TempDir& d) { return d.write("service.sqlite", ""); }, StoreError::none, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    test::TempDir dir;
    const fs::path file = row.make(dir);
    StoreStatus status;
    auto store = SqliteStore::open(file, {}, status);
    CAPTURE(status.detail);
    CHECK(status.error == row.expected);
    if (row.expected == StoreError::none) {
      REQUIRE(store);
      Ticket t;
      CHECK(add(*store, "first", t).ok());
      continue;
    }
    CHECK_FALSE(store);
    CHECK(status.detail.find(file.filename().string()) != std::string::npos);
    CHECK(status.detail.find(row.says) != std::string::npos);
  }
}

TEST_CASE("an upgrade that cannot get the write lock gives locked and leaves the old schema") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  OpenOptions first;
  first.migrate_to = 1;
  open_store(file, first).reset();
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  OpenOptions quick;
  quick.busy_timeout_ms = 10;
  StoreStatus status;
  CHECK_FALSE(SqliteStore::open(file, quick, status));
  CHECK(status.error == StoreError::locked);
  CHECK(status.detail.starts_with(file.string() + ": "));
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  CHECK(open_store(file)->schema_version() == latest_schema_version());
}

namespace {

/// What a plain user sees: when we run as root (who writes through every
/// permission), runs `probe` in a child process turned into the user nobody
/// (the test folder handed to it first) and returns what it answered;
/// std::nullopt when we are not root (the test itself is then the plain user).
std::optional<std::string> as_plain_user(const test::TempDir& dir, const std::function<std::string()>& probe) {
  if (::geteuid() != 0) return std::nullopt;
  const uid_t nobody = 65534;
  for (const auto& e : fs::recursive_directory_iterator(dir.path())) REQUIRE(::lchown(e.path().c_str(), nobody, nobody) == 0);
  REQUIRE(::chown(dir.path().c_str(), nobody, nobody) == 0);
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    if (::setgid(nobody) != 0 || ::setuid(nobody) != 0) ::_exit(1);
    const std::string answer = probe();
    if (::write(fds[1], answer.data(), answer.size()) < 0) ::_exit(1);
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string answer;
  char chunk[512];
  ssize_t n;
  while ((n = ::read(fds[0], chunk, sizeof chunk)) > 0) answer.append(chunk, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return answer;
}

/// Opens `file` and tries a change: "<open error> <change error> <detail>".
std::string open_and_change(const fs::path& file) {
  StoreStatus status;
  auto store = SqliteStore::open(file, {}, status);
  if (!store) return std::string(name(status.error)) + " - " + status.detail;
  std::vector<Ticket> all;
  if (!store->list({}, all).ok() || all.size() != 1) return "io - cannot read";
  Ticket t;
  t.title = "refused";
  t.caller_name = "Marie Dupont";
  Edit e{"anna", 1000, {}};
  open_ticket(t, e, {});
  const StoreStatus s = store->create(t, 2026, e.events);
  return std::string(name(status.error)) + " " + std::string(name(s.error)) + " " + s.detail;
}

}  // namespace

TEST_CASE("a database file without write permission (0400) is read but never changed") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  {
    auto store = open_store(file);
    Ticket t;
    REQUIRE(add(*store, "kept", t).ok());
  }
  fs::permissions(file, fs::perms::owner_read, fs::perm_options::replace);
  REQUIRE(mode_of(file) == 0400);
  // Root could write it: the missing write bit is what counts, for anyone.
  const std::string answer = open_and_change(file);
  CHECK(answer.starts_with("none read_only " + file.string() + ": the database is open read only"));
  if (auto plain = as_plain_user(dir, [&] { return open_and_change(file); })) CHECK(*plain == answer);
  CHECK(mode_of(file) == 0400);
  auto store = open_store(file);
  CHECK(count(*store) == 1);
}

TEST_CASE("a read-only folder: root reads the database without changing it, a plain user is told why not") {
  test::TempDir dir;
  const auto folder = dir.path() / "ro";
  const auto file = folder / "service.sqlite";
  {
    auto store = open_store(file);
    Ticket t;
    REQUIRE(add(*store, "kept", t).ok());
  }
  REQUIRE_FALSE(fs::exists(file.string() + "-wal"));  // the last close removes it
  fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec, fs::perm_options::replace);
  // As a plain user: WAL readers must create service.sqlite-shm beside the
  // file, which the folder forbids, so even reading is refused, with the reason.
  const std::string plain_says = "read_only - " + file.string() + ": its folder cannot be written";
  if (::geteuid() == 0) {
    // The plain user first: root's reader leaves a -shm file a later reader could use.
    const auto plain = as_plain_user(dir, [&] { return open_and_change(file); });
    REQUIRE(plain);
    CHECK(plain->starts_with(plain_says));
    CHECK(open_and_change(file).starts_with("none read_only " + file.string() + ": the database is open read only"));
  } else {
    CHECK(open_and_change(file).starts_with(plain_says));
  }
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace);
  CHECK(count(*open_store(file)) == 1);
}
