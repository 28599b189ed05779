// End-to-end: "don't know" moves the diagnosis on, in scripts and at the terminal.
#include "run.hpp"

#include <doctest/doctest.h>

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

TEST_CASE("a single question mark per step in --answers reaches an assumed conclusion") {
  Fixture f;
  // q_link (assumed: on), a_ip (typed value left open), q_kind (assumed: normal
  // address), q_dns (the tree's own unknown branch), a_nslookup (assumed), then
  // t.other's q_os (assumed).
  auto r = diagdesk(f.home, f.data + "diagnose t.net --answers ?,?,?,?,?,? --json");
  CHECK_MESSAGE(r.rc == 0, r.err);
  CHECK(r.out.find("\"status\": \"concluded\"") != std::string::npos);
  CHECK(r.out.find("\"id\": \"c_done\"") != std::string::npos);
  CHECK(r.out.find("\"assumed\": true") != std::string::npos);
  CHECK(r.out.find("\"move\": \"assume\"") != std::string::npos);
  CHECK(r.out.find("\"move\": \"skip\"") != std::string::npos);
  CHECK(r.out.find("\"move\": \"branch\"") != std::string::npos);
  CHECK(r.out.find("\"unknowns\": [") != std::string::npos);

  const auto report = f.home.path() / "r.md";
  r = diagdesk(f.home, f.data + "--lang fr diagnose t.net --answers ?,?,?,?,?,? --transcript " + test::quote(report.string()));
  CHECK(r.rc == 0);
  CHECK(r.out.find("Conclusion supposée") != std::string::npos);
  CHECK(r.out.find("Le voyant est-il allumé ? -> Je ne sais pas (hypothèse : Oui)") != std::string::npos);
  const std::string md = test::read(report);
  CHECK(md.find("**Conclusion supposée**") != std::string::npos);
  CHECK(md.find("**Réponses inconnues**") != std::string::npos);
  CHECK(md.find("Je ne sais pas (laissé ouvert") != std::string::npos);
}

TEST_CASE("at the terminal d shows the find-out hint once and then moves on") {
  Fixture f;
  // on, an address, d at q_dns (its branch: a_nslookup), d (the hint), d (moves on).
  auto r = diagdesk(f.home, f.data + "--lang en diagnose t.net", "1\n192.168.0.9\nd\nd\nd\n");
  CHECK(r.rc == 0);
  CHECK(r.out.find("Type nslookup example.com.") != std::string::npos);
  CHECK(r.out.find("Answer \"Don't know\" again to go on without this answer.") != std::string::npos);
  CHECK(r.out.find("Run nslookup. -> Don't know (assumed: Answer)") != std::string::npos);
  CHECK(r.out.find("Which OS?") != std::string::npos);
}

TEST_CASE("a session saved with don't know answers resumes at the same step") {
  Fixture f;
  const auto session = f.home.path() / "s.toml";
  auto r = diagdesk(f.home, f.data + "diagnose t.net --answers ?,? --save " + test::quote(session.string()));
  CHECK(r.rc == 0);
  r = diagdesk(f.home, f.data + "diagnose --resume " + test::quote(session.string()) + " --json --answers \"\"");
  CHECK_MESSAGE(r.rc == 0, r.err);
  CHECK(r.out.find("\"id\": \"q_kind\"") != std::string::npos);
  CHECK(r.out.find("\"assumed\": true") != std::string::npos);
}
