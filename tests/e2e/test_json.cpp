// End-to-end: every sub-command's --json output is one valid JSON document on
// stdout ending with a newline, messages go to stderr, and nothing waits for
// a keyboard (issue 11).
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using test::diagdesk;
using test::quote;
using nlohmann::json;

namespace {

struct Fixture {
  test::TempDir kb;
  test::TempDir home;
  std::string data;
  std::string bundled = "--data " + quote(DIAGDESK_DATA_DIR) + " ";
  Fixture() {
    test::write_mini_kb_with_articles(kb);
    data = "--data " + quote(kb.path().string()) + " ";
  }
};

/// The whole of stdout parsed as one JSON document (fails the test otherwise).
json parse_stdout(const test::Run& r) {
  INFO("stdout: " << r.out.substr(0, 400));
  INFO("stderr: " << r.err.substr(0, 400));
  REQUIRE(!r.out.empty());
  CHECK(r.out.back() == '\n');
  json j = json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(j.is_discarded());
  CHECK(r.out.find("diagdesk: ") == std::string::npos);  // messages belong to stderr
  return j;
}

/// Runs `diagdesk ARGS` with a stdin that stays open and never sends a byte
/// (the write end of a FIFO is held here). A command that reads stdin would
/// wait forever: `timeout` ends it with 124, which the caller checks. No
/// duration is measured.
test::Run run_with_silent_stdin(const test::TempDir& home, const std::string& args) {
  const auto fifo = home.path() / "silent.fifo";
  ::unlink(fifo.c_str());
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const int keep_open = ::open(fifo.c_str(), O_RDWR);  // a writer that never writes
  REQUIRE(keep_open >= 0);
  test::Run r = test::diagdesk_from(home, args, fifo, "timeout 60");
  ::close(keep_open);
  return r;
}

}  // namespace

TEST_CASE("diagnose with --json and no answers prints the first question and never reads stdin") {
  Fixture f;
  auto r = run_with_silent_stdin(f.home, f.data + "diagnose t.net --json");
  REQUIRE(r.rc == 0);  // 124 would mean it waited for a keyboard
  json j = parse_stdout(r);
  CHECK(j["status"] == "question");
  CHECK(j["question"]["id"] == "q_link");
  CHECK(j["path"].empty());

  SUBCASE("an empty --answers means no answers") {
    r = run_with_silent_stdin(f.home, f.data + "diagnose t.net --answers '' --json");
    REQUIRE(r.rc == 0);
    CHECK(parse_stdout(r)["question"]["id"] == "q_link");
    r = run_with_silent_stdin(f.home, f.data + "--lang en diagnose t.net --answers ''");
    REQUIRE(r.rc == 0);
    CHECK(r.out.find("Is the link light on?") != std::string::npos);
  }
  SUBCASE("without a tree, --json asks for one instead of showing a menu") {
    r = run_with_silent_stdin(f.home, f.data + "diagnose --json");
    CHECK(r.rc == 2);
    CHECK(r.err.find("--json needs a tree id") != std::string::npos);
  }
}

TEST_CASE("diagnose --symptom with --json prints the chosen tree, its score, the runners-up and the first question") {
  Fixture f;
  auto r = run_with_silent_stdin(f.home, f.bundled + "--lang fr diagnose --symptom \"je n'ai plus internet\" --json");
  REQUIRE(r.rc == 0);
  json j = parse_stdout(r);
  REQUIRE(j.contains("symptom_match"));
  const json& m = j["symptom_match"];
  CHECK(m["tree"] == j["tree"]);
  CHECK(m["percent"].get<int>() > 0);
  CHECK(m["others"].is_array());
  CHECK(j["status"] == "question");
  CHECK(r.err.find(m["tree"].get<std::string>()) != std::string::npos);  // the human sentence went to stderr
}

TEST_CASE("a closed stdin ends the interactive mode at once with exit 0") {
  Fixture f;
  auto r = diagdesk(f.home, f.data + "--lang en diagnose t.net");  // stdin is an empty file
  CHECK(r.rc == 0);
  CHECK(r.out.find("Is the link light on?") != std::string::npos);
  CHECK(r.out.find("End of input") != std::string::npos);
}

TEST_CASE("every sub-command with --json prints one JSON document and nothing else on stdout") {
  Fixture f;
  const auto session = f.home.path() / "s.toml";
  const auto import_dir = f.home.write("notes/vpn.md", "# VPN error 809\n\nThe VPN client shows error 809: open UDP 500 and 4500 on the box.\n");
  const auto import_to = f.home.path() / "kbout";
  struct Row {
    std::string args;
    int rc;
    const char* key;  // a key the document must have
  };
  const std::vector<Row> rows = {
      {f.data + "trees --json", 0, ""},
      {f.data + "lint --json", 0, ""},
      {f.data + "diagnose t.net --answers on --json --save " + quote(session.string()), 0, "question"},
      {f.data + "diagnose --resume " + quote(session.string()) + " --json", 0, "question"},
      {f.data + "diagnose t.net --answers 1,169.254.9.9 --json", 0, "conclusion"},
      {f.data + "index --json", 0, "action"},
      {f.data + "search réseau --json", 0, "hits"},
      {f.data + "search $'\\xff\\xfe' --json", 1, "hits"},  // bytes that are not UTF-8
      {f.data + "show net.cable.en --json", 0, "markdown"},
      {f.data + "import " + quote(import_dir.parent_path().string()) + " --to " + quote(import_to.string()) + " --json", 0, ""},
      {f.data + "import " + quote(import_dir.parent_path().string()) + " --to " + quote(import_to.string()) + " --dry-run --json", 0, ""},
      {f.bundled + "coverage --json", 0, ""},
      {f.bundled + "train --list --json --trainee t1", 0, ""},
      {f.bundled + "train --progress --json --trainee t1", 0, ""},
      {f.bundled + "train net.apipa_dhcp_down --expert --json", 0, ""},
      {f.bundled + "train net.apipa_dhcp_down --json --trainee t1", 0, "complaint"},
      {f.bundled + "train net.apipa_dhcp_down --json --trainee t1 --no-record --actions tree=net.no_internet,=", 0, "score"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.args);
    auto r = run_with_silent_stdin(f.home, row.args);
    CHECK(r.rc == row.rc);
    json j = parse_stdout(r);
    if (*row.key) CHECK(j.contains(row.key));
  }
}

TEST_CASE("lint --json on a broken file is still JSON, with the position, and exits 1") {
  Fixture f;
  const auto bad = f.kb.write("extra/broken.toml", "schema_version = 1\nid = \"oops\n");
  auto r = diagdesk(f.home, f.data + "lint --json " + quote(bad.string()));
  CHECK(r.rc == 1);
  json j = parse_stdout(r);
  CHECK(j.dump().find("broken.toml") != std::string::npos);
}
