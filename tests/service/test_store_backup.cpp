// The online backup: a self-contained, owner-only copy put in place by a
// rename, and the targets it refuses (nothing written through a link, onto a
// folder or a device, or over the live database); the integrity check on a
// damaged file.
#include "store_fixture.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace diagdesk::service;
namespace fs = std::filesystem;

namespace {

using test::open_store;

void add(Store& store, const std::string& title) {
  Ticket t;
  REQUIRE(test::add(store, title, t, std::string(3000, 'x')).ok());
}

/// Files in `dir` whose name contains `part`.
std::size_t files_with(const fs::path& dir, const std::string& part) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename().string().find(part) != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("a backup is one owner-only file holding every ticket, put in place by a rename") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  auto store = open_store(file);
  auto other = open_store(file);  // a second program, still open and writing
  add(*store, "one");
  add(*other, "two");
  const auto copy = dir.path() / "saved" / "backup.sqlite";
  dir.write("saved/backup.sqlite", "an older copy to replace");
  const mode_t old = ::umask(0);
  std::int64_t tickets = -1;
  const StoreStatus s = store->backup(copy, &tickets);
  ::umask(old);
  INFO(s.detail);
  REQUIRE(s.ok());
  CHECK(tickets == 2);
  CHECK(test::mode_of(copy) == 0600);
  // Self-contained: nothing beside it, and no temporary file left.
  CHECK(files_with(copy.parent_path(), "backup.sqlite") == 1);
  add(*other, "three");  // after the backup: not in it
  auto restored = open_store(copy);
  std::vector<Ticket> list;
  REQUIRE(restored->list({}, list).ok());
  CHECK(list.size() == 2);
  std::vector<std::string> findings{"not cleared"};
  REQUIRE(restored->check(findings).ok());
  CHECK(findings.empty());
}

TEST_CASE("a backup refuses a link, a folder, a device, the database itself and a missing folder") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  auto store = open_store(file);
  add(*store, "one");
  const auto precious = dir.write("precious.txt", "do not overwrite");
  fs::create_symlink(precious, dir.path() / "link.sqlite");
  fs::create_directories(dir.path() / "folder.sqlite");
  fs::create_symlink(file, dir.path() / "live-link.sqlite");
  struct Row {
    fs::path target;
    const char* says;
  };
  const std::vector<Row> rows = {
      {dir.path() / "link.sqlite", "is a symbolic link"},
      {dir.path() / "live-link.sqlite", "is a symbolic link"},
      {dir.path() / "folder.sqlite", "is a folder or a device"},
      {"/dev/null", "is a folder or a device"},
      {file, "is the database itself"},
      {dir.path() / "." / "service.sqlite", "is the database itself"},
      {dir.path() / "no" / "such" / "b.sqlite", "does not exist"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.target);
    const StoreStatus s = store->backup(row.target);
    CHECK(s.error == StoreError::io);
    CHECK(s.detail.starts_with(row.target.string() + ": "));
    CHECK(s.detail.find(row.says) != std::string::npos);
  }
  CHECK(test::read(precious) == "do not overwrite");
  CHECK(fs::is_symlink(dir.path() / "link.sqlite"));
  CHECK(fs::is_directory(dir.path() / "folder.sqlite"));
  CHECK(files_with(dir.path(), ".tmp-") == 0);
  std::vector<Ticket> list;
  REQUIRE(store->list({}, list).ok());
  CHECK(list.size() == 1);  // the live database was not touched
}

TEST_CASE("the integrity check reports the damage of a file whose pages were overwritten") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  {
    auto store = open_store(file);
    for (int i = 0; i < 40; ++i) add(*store, "ticket " + std::to_string(i));
  }
  const auto size = fs::file_size(file);
  REQUIRE(size > 16 * 4096);
  {
    // Scribble over the middle of the file, past the schema on page 1.
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2));
    const std::string junk(3 * 4096, '\x7f');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  StoreStatus status;
  auto store = SqliteStore::open(file, {}, status);
  INFO(status.detail);
  REQUIRE(store);  // page 1 is intact: it opens...
  std::vector<std::string> findings;
  const StoreStatus s = store->check(findings);
  // ...and the check says what is wrong (as findings, or as corrupt itself).
  CHECK((!findings.empty() || s.error == StoreError::corrupt));
  if (!s.ok()) CHECK(s.detail.starts_with(file.string() + ": "));
}

TEST_CASE("the integrity check lists an index that no longer matches its table") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  {
    auto store = open_store(file);
    for (int i = 0; i < 3; ++i) add(*store, "ticket " + std::to_string(i));
  }
  // Rewrite the index's definition in the schema (page 1) to another column
  // of the same length: its entries no longer match the rows.
  std::string bytes = test::read(file);
  const std::string was = "events(ticket_id, id)";
  const auto at = bytes.find(was);
  REQUIRE(at != std::string::npos);
  bytes.replace(at, was.size(), "events(old_value, id)");
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  auto store = open_store(file);
  std::vector<std::string> findings;
  REQUIRE(store->check(findings).ok());
  REQUIRE_FALSE(findings.empty());
  CHECK(findings.front().find("events_by_ticket") != std::string::npos);
}
