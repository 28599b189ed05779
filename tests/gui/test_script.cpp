// The test-only input script of diagdesk-gui.
#include "fixture.hpp"

using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;

TEST_CASE("scripts parse, with line numbers in errors") {
  std::vector<ScriptCommand> c;
  std::string error;
  REQUIRE(parse_script("# start\nwait 2\nkey ctrl+k\ntype l'imprimante\nkey 1\nkey backspace\nclick 10 20\n"
                       "wheel -1\nscreenshot out.png\n",
                       c, error));
  REQUIRE(c.size() == 8);
  CHECK(c[1].ctrl);
  CHECK(c[1].key == keys::letter('K'));
  CHECK(c[2].text == "l'imprimante");
  CHECK(c[3].key == keys::digit(1));
  CHECK(c[4].key == key_backspace);
  CHECK(c[5].x == 10);
  CHECK(c[7].text == "out.png");
  c.clear();
  CHECK_FALSE(parse_script("wait 1\nkey nosuchkey\n", c, error));
  CHECK(error == "line 2: unknown key 'nosuchkey'");
  CHECK_FALSE(parse_script("jump 3\n", c, error));
  CHECK(error.find("line 1") == 0);
}

TEST_CASE("a played script drives the application like a user") {
  HeadlessApp app;
  std::vector<ScriptCommand> c;
  std::string error;
  REQUIRE(parse_script("key ctrl+k\nwait 1\ntype imprimante\nwait 2\nkey enter\nwait 2\nkey 1\nwait 1\n", c, error));
  ScriptPlayer player(c);
  for (int i = 0; i < 40 && !player.done(); ++i) {
    ImGuiIO& io = ImGui::GetIO();
    CHECK(player.apply(io).empty());
    app.frame();
  }
  CHECK(player.done());
  REQUIRE(app.presenter->session());
  CHECK(app.session().start_tree() == "prn.not_printing");
  CHECK(app.session().answers().size() == 1);
}

TEST_CASE("press clicks a widget by its probe name, and a widget that never shows fails the script with its line") {
  HeadlessApp app;
  std::vector<ScriptCommand> c;
  std::string error;
  REQUIRE(parse_script("key f5\nwait 2\npress tickets/new\nwait 1\npress no/such/widget\n", c, error));
  REQUIRE(c.size() == 5);
  CHECK(c[2].kind == ScriptCommand::Kind::press);
  CHECK(c[2].text == "tickets/new");
  CHECK_FALSE(parse_script("press\n", c, error));
  CHECK(error == "line 1: press needs a widget name");
  ScriptPlayer player(c);
  player.set_probes(&app.rects);
  for (int i = 0; i < 200 && !player.done(); ++i) {
    player.apply(ImGui::GetIO());
    app.frame();
  }
  CHECK(player.done());
  CHECK(app.ui.tickets.form_open);  // "New ticket" was clicked
  CHECK(player.error() == "line 5: no widget 'no/such/widget'");
}
