// End-to-end: the diagdesk program on a temporary KB.
#include "run.hpp"

#include <doctest/doctest.h>

#include <fstream>

using test::diagdesk;

namespace {

struct Fixture {
  test::TempDir kb;
  test::TempDir home;
  std::string data;
  Fixture() {
    test::write_mini_kb_with_articles(kb);
    data = "--data " + test::quote(kb.path().string()) + " ";
  }
};

}  // namespace

TEST_CASE("trees lists the trees as text and JSON") {
  Fixture f;
  auto r = diagdesk(f.home, f.data + "trees");
  CHECK(r.rc == 0);
  CHECK(r.out.find("t.net") != std::string::npos);
  CHECK(r.out.find("No network") != std::string::npos);
  r = diagdesk(f.home, f.data + "--lang fr trees --json");
  CHECK(r.rc == 0);
  CHECK(r.out.find("\"title\": \"Pas de réseau\"") != std::string::npos);
  CHECK(r.out.find("\"competency\": 5") != std::string::npos);
}

TEST_CASE("lint is clean on good data and fails with file positions on bad data") {
  Fixture f;
  auto r = diagdesk(f.home, f.data + "lint");
  CHECK_MESSAGE(r.rc == 0, std::string(r.out + r.err));
  const auto bad = f.kb.write("extra/broken.toml", "schema_version = 1\nid = \"oops\n");
  r = diagdesk(f.home, f.data + "lint " + test::quote(bad.string()));
  CHECK(r.rc == 1);
  CHECK(r.out.find(bad.string() + ":2:") != std::string::npos);
  r = diagdesk(f.home, f.data + "lint /no/such/file.toml");
  CHECK(r.rc == 2);
  CHECK(r.err.find("no such file") != std::string::npos);
}

TEST_CASE("scripted diagnose prints the state as JSON") {
  Fixture f;
  auto r = diagdesk(f.home, f.data + "diagnose t.net --answers on --json");
  CHECK(r.rc == 0);
  CHECK(r.out.find("\"status\": \"question\"") != std::string::npos);
  CHECK(r.out.find("\"id\": \"a_ip\"") != std::string::npos);
  r = diagdesk(f.home, f.data + "diagnose t.net --answers 1,169.254.9.9 --json");
  CHECK(r.rc == 0);
  CHECK(r.out.find("\"status\": \"concluded\"") != std::string::npos);
  CHECK(r.out.find("\"outcome\": \"escalate_l2\"") != std::string::npos);
  CHECK(r.out.find("\"kind\": \"skipped\"") != std::string::npos);
  CHECK(r.out.find("\"source\": \"rule\"") != std::string::npos);
}

TEST_CASE("scripted diagnose matches the golden transcript") {
  Fixture f;
  auto r = diagdesk(f.home, f.data + "--lang en diagnose t.net --fact os=linux --answers on,192.168.1.20,?,timeout");
  CHECK(r.rc == 0);
  CHECK(r.out == test::read(std::filesystem::path(GOLDEN_DIR) / "t.net-dns.en.txt"));
  r = diagdesk(f.home, f.data + "--lang fr diagnose t.net --fact os=linux --answers on,192.168.1.20,?,timeout");
  CHECK(r.out == test::read(std::filesystem::path(GOLDEN_DIR) / "t.net-dns.fr.txt"));
}

TEST_CASE("bad arguments give one line and a non-zero exit") {
  Fixture f;
  struct Row {
    const char* args;
    const char* message;
  };
  const Row rows[] = {
      {"diagnose t.nope --answers 1", "unknown tree 't.nope'"},
      {"diagnose t.net --fact os=amiga --answers 1", "bad fact 'os=amiga'"},
      {"diagnose t.net --fact nonsense --answers 1", "expected key=value"},
      {"diagnose t.net --answers purple", "answer 1 'purple' is not a choice of t.net:q_link (choices: 1=on, 2=off"},
      {"diagnose t.net --answers on,300.1.1.1", "needs an IPv4 address"},
      {"diagnose t.net --answers off,1", "already concluded"},
      {"diagnose --resume /no/such/session.toml", "cannot read /no/such/session.toml: no such file"},
  };
  for (const Row& row : rows) {
    const std::string args = row.args;
    CAPTURE(args);
    auto r = diagdesk(f.home, f.data + row.args);
    CHECK(r.rc == 2);
    CHECK(r.err.find(row.message) != std::string::npos);
    CHECK(r.err.find('\n') == r.err.size() - 1);  // one line
  }
}

TEST_CASE("save, resume and transcript work in scripted mode") {
  Fixture f;
  const auto session = f.home.path() / "s.toml";
  const auto report = f.home.path() / "report.md";
  auto r = diagdesk(f.home, f.data + "diagnose t.net --answers on --save " + test::quote(session.string()) + " --json");
  REQUIRE(r.rc == 0);
  r = diagdesk(f.home, f.data + "diagnose --resume " + test::quote(session.string()) + " --answers 169.254.1.1 --transcript " +
                           test::quote(report.string()) + " --operator Chloé --json");
  CHECK(r.rc == 0);
  CHECK(r.out.find("\"status\": \"concluded\"") != std::string::npos);
  const std::string md = test::read(report);
  CHECK(md.find("Chloé") != std::string::npos);
  CHECK(md.find("DHCP does not answer.") != std::string::npos);
}

TEST_CASE("a corrupt session file is refused and not modified") {
  Fixture f;
  const auto session = f.home.write("corrupt.toml", "format = \"diagdesk-session\"\nschema_version = 1\ntree = \"t.net\"\n[[answers]\n");
  const std::string before = test::read(session);
  auto r = diagdesk(f.home, f.data + "diagnose --resume " + test::quote(session.string()) + " --answers 1 --save " + test::quote(session.string()));
  CHECK(r.rc == 2);
  CHECK(r.err.find(session.string() + ":4:") != std::string::npos);
  CHECK(test::read(session) == before);
}

TEST_CASE("the interactive mode reads answers, back, why, notes and don't know from a pipe") {
  Fixture f;
  const auto report = f.home.path() / "r.md";
  auto r = diagdesk(f.home, f.data + "--lang en diagnose t.net --transcript " + test::quote(report.string()),
                    "?\n1\nb\n1\n192.168.0.9\nn checked the socket\nd\nd\n2\n");
  CHECK(r.rc == 0);
  CHECK(r.out.find("Why this question?") != std::string::npos);
  CHECK(r.out.find("Separates the cable from the rest.") != std::string::npos);
  CHECK(r.out.find("Type nslookup example.com.") != std::string::npos);
  CHECK(r.out.find("!!! WARNING (Data-loss risk): Nothing to lose.") != std::string::npos);
  CHECK(r.out.find("DNS is down.") != std::string::npos);
  CHECK(r.out.find("Diagnosis finished.") != std::string::npos);
  CHECK(test::read(report).find("checked the socket") != std::string::npos);
}

TEST_CASE("quitting the interactive mode offers to save and saves") {
  Fixture f;
  const auto session = f.home.path() / "q.toml";
  auto r = diagdesk(f.home, f.data + "--lang fr diagnose t.net", "1\nq\no\n" + session.string() + "\n");
  CHECK(r.rc == 0);
  CHECK(r.out.find("Enregistrer la session avant de quitter") != std::string::npos);
  CHECK(std::filesystem::exists(session));
  r = diagdesk(f.home, f.data + "diagnose --resume " + test::quote(session.string()) + " --json --answers 10.0.0.1");
  CHECK(r.out.find("\"id\": \"q_kind\"") != std::string::npos);  // no rule for 10/8: asked
}

TEST_CASE("without a tree, diagnose offers the list of scripts") {
  Fixture f;
  auto r = diagdesk(f.home, f.data + "--lang en diagnose", "1\n2\n");
  CHECK(r.rc == 0);
  CHECK(r.out.find("Choose a troubleshooting script") != std::string::npos);
  CHECK(r.out.find("Cable unplugged.") != std::string::npos);
}

TEST_CASE("data/COVERAGE.md is the current output of diagdesk coverage") {
  test::TempDir home;
  auto r = diagdesk(home, "--data " + test::quote(DIAGDESK_DATA_DIR) + " --lang en coverage");
  CHECK(r.rc == 0);
  const std::string checked_in = test::read(std::filesystem::path(DIAGDESK_DATA_DIR) / "COVERAGE.md");
  CHECK_MESSAGE(r.out == checked_in, "regenerate it: build/app/diagdesk --lang en coverage > data/COVERAGE.md");
  r = diagdesk(home, "--data " + test::quote(DIAGDESK_DATA_DIR) + " --lang fr coverage --json");
  CHECK(r.out.find("\"name\": \"Intervenir sur le matériel d'un équipement\"") != std::string::npos);
}
