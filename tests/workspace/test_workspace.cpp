// The workspace API: facts from arguments, starting sessions, data directories.
#include "fixture.hpp"

#include <diagdesk/workspace/workspace.hpp>

#include <doctest/doctest.h>

#include <cstdlib>

using namespace diagdesk;

namespace {
struct Mini {
  test::TempDir kb;
  test::TempDir home;
  workspace::Workspace ws;
  Mini() : ws((test::write_mini_kb(kb), workspace::Workspace::open({kb.path(), {}, home.path(), engine::Lang::en}))) {}
};
}  // namespace

TEST_CASE("facts given as key=value are checked against the catalogue") {
  Mini m;
  std::string error;
  auto ok = m.ws.parse_facts({"os=Windows11", "link=oui"}, &error);
  REQUIRE(ok);
  CHECK((*ok)[0].second == "windows11");
  CHECK((*ok)[1].second == "true");
  CHECK(!m.ws.parse_facts({"os"}, &error));
  CHECK(error.find("expected key=value") != std::string::npos);
  CHECK(!m.ws.parse_facts({"colour=red"}, &error));
  CHECK(error.find("unknown fact 'colour'") != std::string::npos);
  CHECK(!m.ws.parse_facts({"ip_address=1.2.3"}, &error));
  CHECK(error.find("IPv4") != std::string::npos);
}

TEST_CASE("start refuses an unknown tree and starts a known one with facts") {
  Mini m;
  auto bad = m.ws.start("t.none", {}, engine::Lang::en);
  CHECK(!bad.session);
  CHECK(bad.error.find("unknown tree") != std::string::npos);
  auto good = m.ws.start("t.net", {"link=false"}, engine::Lang::fr);
  REQUIRE(good.session);
  CHECK(good.session->concluded());
  CHECK(good.session->step().diagnosis == "Câble débranché.");
}

TEST_CASE("a team layer adds trees on top of the bundled one") {
  Mini m;
  test::TempDir team;
  std::string other = test::other_tree;
  other.replace(other.find("t.other"), 7, "t.team");
  team.write("trees/t.team.toml", other);
  auto ws = workspace::Workspace::open({m.kb.path(), {team.path()}, m.home.path(), engine::Lang::en});
  CHECK(ws.diagnostics().empty());
  bool found = false;
  for (const auto& t : ws.trees(engine::Lang::en)) {
    if (t.id == "t.team") {
      found = true;
      CHECK(t.layer == "team");
    }
  }
  CHECK(found);
}

TEST_CASE("user data goes to DIAGDESK_HOME, then XDG_DATA_HOME, then ~/.local/share") {
  ::setenv("DIAGDESK_HOME", "/tmp/dd-home", 1);
  CHECK(workspace::default_data_dir() == "/tmp/dd-home");
  ::unsetenv("DIAGDESK_HOME");
  ::setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
  CHECK(workspace::default_data_dir() == "/tmp/xdg/diagdesk");
  ::unsetenv("XDG_DATA_HOME");
  ::setenv("HOME", "/home/tech", 1);
  CHECK(workspace::default_data_dir() == "/home/tech/.local/share/diagdesk");
}

TEST_CASE("the user's own layer under the data dir is loaded on top when it exists") {
  Mini m;
  std::string other = test::other_tree;
  other.replace(other.find("t.other"), 7, "t.mine");
  m.home.write("kb/trees/t.mine.toml", other);
  auto ws = workspace::Workspace::open({m.kb.path(), {}, m.home.path(), engine::Lang::en});
  REQUIRE(ws.layers().size() == 2);
  CHECK(ws.layers().back().name == "user");
  CHECK(ws.knowledge()->find_tree("t.mine"));
}
