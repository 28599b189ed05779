// Two processes on one file. kill -9 in the middle of writes: a child process
// creates tickets and adds follow-ups in a loop, and says on a pipe what the
// store reported saved; the parent kills it with SIGKILL after a varying
// number of reports (no sleeping: it kills once it has read them), reopens the
// file and checks that everything reported is there and that no ticket or
// change is half-written. And the two-writer refusal across processes.
#include "fixture.hpp"

#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/service/sqlite_store.hpp>

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <sstream>

using namespace diagdesk::service;
namespace fs = std::filesystem;

namespace {

void say(int fd, const std::string& line) {
  const std::string l = line + "\n";
  // One write per line, shorter than PIPE_BUF: the parent never reads half a report.
  if (::write(fd, l.data(), l.size()) != static_cast<ssize_t>(l.size())) ::_exit(3);
}

/// The child: never returns. Reports "open", then "c NUMBER" after each
/// ticket the store saved and "u NUMBER VERSION" after each saved follow-up
/// (whose note is "follow-up VERSION").
[[noreturn]] void writer(const fs::path& file, int round, int fd) {
  StoreStatus status;
  auto store = SqliteStore::open(file, {}, status);
  if (!store) {
    say(fd, "E " + status.detail);
    ::_exit(1);
  }
  say(fd, "open");
  for (int i = 0;; ++i) {
    Ticket t;
    t.title = "round " + std::to_string(round) + " ticket " + std::to_string(i);
    t.caller_name = "Marie Dupont";
    t.description = std::string(200 + (i * 37) % 900, 'd');  // varying sizes: some changes span pages
    Edit e{"anna", 1000 + i, {}};
    if (open_ticket(t, e, {}) != CreateError::none) ::_exit(2);
    if (StoreStatus s = store->create(t, 2026, e.events); !s.ok()) {
      say(fd, "E " + s.detail);
      ::_exit(1);
    }
    say(fd, "c " + t.number);
    for (int k = 0; k < 2; ++k) {
      Edit f{"anna", 2000 + i, {}};
      if (add_follow_up(t, f, EventKind::note, "follow-up " + std::to_string(t.version + 1)) != NoteError::none)
        ::_exit(2);
      if (StoreStatus s = store->update(t, f.events); !s.ok()) {
        say(fd, "E " + s.detail);
        ::_exit(1);
      }
      say(fd, "u " + t.number + " " + std::to_string(t.version));
    }
  }
}

/// Reads one line from `fd` (false at the end of the pipe).
bool read_line(int fd, std::string& buffer, std::string& line) {
  for (;;) {
    if (const auto nl = buffer.find('\n'); nl != std::string::npos) {
      line = buffer.substr(0, nl);
      buffer.erase(0, nl + 1);
      return true;
    }
    char chunk[512];
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

}  // namespace

TEST_CASE("kill -9 during writes loses nothing reported saved and leaves no half-written ticket") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  std::map<std::string, std::int64_t> reported;  // ticket number -> highest version reported saved
  const int rounds = 24;
  for (int round = 0; round < rounds; ++round) {
    CAPTURE(round);
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      ::close(pipe_fds[0]);
      writer(file, round, pipe_fds[1]);
    }
    ::close(pipe_fds[1]);
    // 1 to 17 reports: killed right after opening (round 0: just after the
    // migrations), or after a creation, or after one or two follow-ups.
    const int wanted = 1 + (round * 7) % 17;
    std::string buffer, line;
    int got = 0;
    while (got < wanted && read_line(pipe_fds[0], buffer, line)) {
      ++got;
      REQUIRE_MESSAGE(line.rfind("E ", 0) != 0, line);
      std::istringstream in(line);
      std::string kind, number;
      std::int64_t version = 1;
      in >> kind >> number >> version;
      if (kind == "c") reported[number] = std::max<std::int64_t>(reported[number], 1);
      if (kind == "u") reported[number] = std::max(reported[number], version);
    }
    ::kill(child, SIGKILL);
    int wait_status = 0;
    REQUIRE(::waitpid(child, &wait_status, 0) == child);
    ::close(pipe_fds[0]);
    REQUIRE(got == wanted);
    REQUIRE(WIFSIGNALED(wait_status));

    StoreStatus status;
    auto store = SqliteStore::open(file, {}, status);
    INFO(status.detail);
    REQUIRE(store);
    std::vector<std::string> findings;
    REQUIRE(store->check(findings).ok());
    CHECK(findings.empty());
    for (const auto& [number, version] : reported) {
      CAPTURE(number);
      Ticket t;
      REQUIRE(store->get(number, t).ok());
      CHECK(t.version >= version);
    }
    std::vector<Ticket> all;
    REQUIRE(store->list({}, all).ok());
    CHECK(all.size() >= reported.size());
    for (const Ticket& t : all) {
      CAPTURE(t.number);
      std::vector<Event> history;
      REQUIRE(store->history(t.id, history).ok());
      // Never half a ticket: its 'created' event came with it...
      REQUIRE_FALSE(history.empty());
      CHECK(history.front().kind == EventKind::created);
      // ...and never half a change: each saved version has its one follow-up.
      std::int64_t notes = 0;
      for (const Event& e : history) {
        if (e.kind != EventKind::note) continue;
        ++notes;
        CHECK(e.note == "follow-up " + std::to_string(notes + 1));
      }
      CHECK(notes == t.version - 1);
    }
  }
  MESSAGE("killed " << rounds << " writers, " << reported.size() << " tickets reported saved");
  CHECK(reported.size() >= static_cast<std::size_t>(rounds / 2));
}

TEST_CASE("two processes change the same ticket: the second, made on a stale copy, is refused") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  std::string number;
  {
    StoreStatus status;
    auto store = SqliteStore::open(file, {}, status);
    REQUIRE(store);
    Ticket t;
    t.title = "Printer jams";
    t.caller_name = "Marie Dupont";
    Edit e{"anna", 1000, {}};
    REQUIRE(open_ticket(t, e, {}) == CreateError::none);
    REQUIRE(store->create(t, 2026, e.events).ok());
    number = t.number;
  }
  int to_parent[2], to_child[2];
  REQUIRE(::pipe(to_parent) == 0);
  REQUIRE(::pipe(to_child) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {  // the GUI: reads the ticket, waits, then saves its change
    ::close(to_parent[0]);
    ::close(to_child[1]);
    StoreStatus status;
    auto store = SqliteStore::open(file, {}, status);
    Ticket t;
    if (!store || !store->get(number, t).ok()) ::_exit(1);
    say(to_parent[1], "read");
    std::string buffer, line;
    if (!read_line(to_child[0], buffer, line)) ::_exit(1);
    Edit e{"bob", 2100, {}};
    if (assign(t, e, "bob", SupportLevel::n1) != AssignError::none) ::_exit(1);
    const StoreStatus s = store->update(t, e.events);
    say(to_parent[1], std::string(name(s.error)) + " " + s.detail);
    ::_exit(0);
  }
  ::close(to_parent[1]);
  ::close(to_child[0]);
  std::string buffer, line;
  REQUIRE(read_line(to_parent[0], buffer, line));
  REQUIRE(line == "read");
  {  // the CLI: reads the same ticket and saves first
    StoreStatus status;
    auto store = SqliteStore::open(file, {}, status);
    REQUIRE(store);
    Ticket t;
    REQUIRE(store->get(number, t).ok());
    Edit e{"anna", 2000, {}};
    REQUIRE(assign(t, e, "anna", SupportLevel::n1) == AssignError::none);
    REQUIRE(store->update(t, e.events).ok());
  }
  say(to_child[1], "go");
  REQUIRE(read_line(to_parent[0], buffer, line));
  int wait_status = 0;
  REQUIRE(::waitpid(child, &wait_status, 0) == child);
  ::close(to_parent[0]);
  ::close(to_child[1]);
  CHECK(WIFEXITED(wait_status));
  CHECK(line.starts_with("stale " + number + " was changed by someone else"));

  StoreStatus status;
  auto store = SqliteStore::open(file, {}, status);
  REQUIRE(store);
  Ticket saved;
  REQUIRE(store->get(number, saved).ok());
  CHECK(saved.operator_name == "anna");  // the first change is kept
  CHECK(saved.version == 2);
  std::vector<Event> history;
  REQUIRE(store->history(saved.id, history).ok());
  for (const Event& ev : history) CHECK(ev.actor != "bob");
}
