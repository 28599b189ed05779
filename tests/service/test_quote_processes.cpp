// kill -9 while saving quotes: a child process creates quotes in a loop and
// says on a pipe each number the store gave; the parent kills it after a
// varying number of reports (no sleeping), reopens the file and checks that
// every reported quote is there with its lines, that the numbers are 1..N
// without a gap or a repeat, and that the next quote gets N + 1: a number is
// never reused, even when the program died in the middle of saving one.
#include "fixture.hpp"

#include <diagdesk/service/quote_sqlite.hpp>

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

using namespace diagdesk::service;
namespace fs = std::filesystem;

namespace {

Quote new_quote(int i) {
  Quote q;
  q.year = 2026;
  q.issued_on = {2026, 12, 7};
  q.customer.name = "Client " + std::to_string(i);
  q.customer.address = std::string(100 + (i * 53) % 700, 'a');  // varying sizes: some saves span pages
  q.created_at = q.updated_at = 1000 + i;
  for (int k = 0; k < 1 + i % 4; ++k) q.lines.push_back({"REF-" + std::to_string(k), "label", "piece", 100, 999, 0, 2000});
  return q;
}

[[noreturn]] void writer(const fs::path& file, int round, int fd) {
  StoreStatus status;
  auto store = SqliteStore::open(file, {}, status);
  if (!store) ::_exit(1);
  SqliteQuoteStore quotes(*store);
  for (int i = round * 1000;; ++i) {
    Quote q = new_quote(i);
    std::vector<QuoteEvent> events{{0, 0, q.created_at, "anna", "created", "", q.customer.name, ""}};
    if (!quotes.create_quote(q, events).ok()) ::_exit(1);
    const std::string l = q.number + "\n";
    if (::write(fd, l.data(), l.size()) != static_cast<ssize_t>(l.size())) ::_exit(3);
  }
}

}  // namespace

TEST_CASE("kill -9 while saving quotes never reuses nor loses a quote number") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  std::set<std::string> reported;
  const int rounds = 12;
  for (int round = 0; round < rounds; ++round) {
    CAPTURE(round);
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      ::close(fds[0]);
      writer(file, round, fds[1]);
    }
    ::close(fds[1]);
    const int wanted = 1 + (round * 5) % 13;
    std::string buffer;
    int got = 0;
    while (got < wanted) {
      char chunk[256];
      const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
      if (n <= 0) break;
      buffer.append(chunk, static_cast<std::size_t>(n));
      for (auto nl = buffer.find('\n'); nl != std::string::npos; nl = buffer.find('\n')) {
        CHECK(reported.insert(buffer.substr(0, nl)).second);  // never the same number twice
        buffer.erase(0, nl + 1);
        ++got;
      }
    }
    ::kill(child, SIGKILL);
    int ws = 0;
    REQUIRE(::waitpid(child, &ws, 0) == child);
    ::close(fds[0]);
    REQUIRE(got >= wanted);

    StoreStatus status;
    auto store = SqliteStore::open(file, {}, status);
    REQUIRE(store);
    SqliteQuoteStore quotes(*store);
    std::vector<Quote> all;
    REQUIRE(quotes.list_quotes({}, all).ok());
    std::set<std::string> numbers;
    for (const Quote& q : all) {
      CHECK(numbers.insert(q.number).second);
      CHECK_FALSE(q.lines.empty());  // never a quote without its lines
      std::vector<QuoteEvent> history;
      REQUIRE(quotes.quote_history(q.id, history).ok());
      CHECK(history.size() == 1);
    }
    for (const auto& r : reported) CHECK(numbers.count(r) == 1);
    // 1..N with no gap: the counter and the quote moved together.
    const std::size_t n = numbers.size();
    CHECK(*numbers.rbegin() == format_quote_number(2026, static_cast<std::int64_t>(n)));
    Quote next = new_quote(0);
    std::vector<QuoteEvent> events{{0, 0, 1000, "anna", "created", "", "next", ""}};
    REQUIRE(quotes.create_quote(next, events).ok());
    CHECK(next.number == format_quote_number(2026, static_cast<std::int64_t>(n + 1)));
    reported.insert(next.number);
  }
  MESSAGE("killed " << rounds << " writers, " << reported.size() << " quotes numbered");
}
