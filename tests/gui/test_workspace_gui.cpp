// The workspace pieces the GUI added: diagrams (Graphviz), settings,
// session store and escalation summary.
#include "fixture.hpp"

#include <diagdesk/workspace/graph.hpp>
#include <diagdesk/workspace/session_store.hpp>
#include <diagdesk/workspace/settings.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <fstream>

using namespace diagdesk;
using namespace diagdesk::gui::testing;

namespace {

const workspace::Workspace& bundled() {
  static const workspace::Workspace ws = workspace::Workspace::open({});
  return ws;
}

}  // namespace

TEST_CASE("every bundled tree lays out with Graphviz, one box per node") {
  const auto& k = *bundled().knowledge();
  REQUIRE_FALSE(k.trees().empty());
  for (const auto& t : k.trees()) {
    CAPTURE(t.id);
    const auto d = workspace::layout_tree(t, k, {});
    REQUIRE(d.error.empty());
    CHECK(d.nodes.size() == t.nodes.size());
    CHECK(d.width > 0);
    CHECK(d.height > 0);
    for (const auto& n : d.nodes) {
      CHECK(n.x >= 0);
      CHECK(n.x <= d.width + 1);
      CHECK(n.y >= 0);
      CHECK(n.y <= d.height + 1);
    }
    for (const auto& e : d.edges) {
      CHECK(e.spline.size() >= 4);
      CHECK((e.spline.size() - 1) % 3 == 0);
    }
  }
}

TEST_CASE("measured labels give nodes exactly their size plus padding") {
  const auto& k = *bundled().knowledge();
  const auto* t = k.find_tree("prn.not_printing");
  REQUIRE(t);
  workspace::DiagramOptions o;
  o.measure = [](std::string_view) { return std::pair<double, double>{100.0, 40.0}; };
  o.padding = 10;
  const auto d = workspace::layout_tree(*t, k, o);
  REQUIRE(d.error.empty());
  for (const auto& n : d.nodes) {
    // Conclusions have a second outline (peripheries=2): 4 points more each side.
    const double extra = n.kind == engine::NodeKind::conclusion ? 8.0 : 0.0;
    CHECK(n.width == doctest::Approx(120.0 + extra).epsilon(0.02));
    CHECK(n.height == doctest::Approx(50.0 + extra).epsilon(0.02));
  }
}

TEST_CASE("DOT and SVG exports name every node, in the chosen language") {
  const auto& k = *bundled().knowledge();
  const auto* t = k.find_tree("prn.not_printing");
  REQUIRE(t);
  workspace::DiagramOptions fr;
  fr.lang = engine::Lang::fr;
  const std::string dot = workspace::tree_dot(*t, k, fr);
  CHECK(dot.rfind("digraph \"prn.not_printing\"", 0) == 0);
  for (const auto& n : t->nodes) CHECK(dot.find("\"" + n.id + "\" [label=") != std::string::npos);
  CHECK(dot.find(workspace::wrap_words(t->title.fr, 1000)[0]) != std::string::npos);
  const auto svg = workspace::render_dot(dot, "svg");
  REQUIRE(svg.error.empty());
  CHECK(svg.text.find("<svg") != std::string::npos);
  CHECK(workspace::render_dot("digraph { a -> }", "svg").error.size() > 0);
  CHECK(workspace::render_dot(dot, "no-such-format").error.size() > 0);
}

TEST_CASE("wrap_words counts characters, not bytes") {
  const auto lines = workspace::wrap_words("Éteindre l'écran œuvre très bien", 10);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "Éteindre");
  CHECK(lines[1] == "l'écran");
  CHECK(lines[2] == "œuvre très");
  CHECK(workspace::wrap_words("", 10) == std::vector<std::string>{""});
}

TEST_CASE("settings round-trip, malformed files give defaults and a message") {
  TempDir dir;
  workspace::Settings s;
  s.lang = "fr";
  s.theme = "dark";
  s.window_width = 1600;
  s.window_height = 900;
  s.operator_name = "Camille « Cam » Dupré";
  REQUIRE(workspace::save_settings(s, dir.path).empty());
  const auto loaded = workspace::load_settings(dir.path);
  CHECK(loaded.error.empty());
  CHECK(loaded.settings == s);

  std::ofstream(workspace::settings_file(dir.path)) << "lang = \"fr\"\ntheme = \n";
  const auto bad = workspace::load_settings(dir.path);
  CHECK(bad.error.find("settings.toml:2") != std::string::npos);
  CHECK(bad.settings == workspace::Settings{});

  std::ofstream(workspace::settings_file(dir.path)) << "lang = \"de\"\nwindow_width = 5\ntheme = \"neon\"\n";
  const auto odd = workspace::load_settings(dir.path);
  CHECK(odd.settings.lang.empty());
  CHECK(odd.settings.window_width == 640);
  CHECK(odd.settings.theme == "light");
}

TEST_CASE("the session store autosaves, archives and lists recent sessions") {
  TempDir dir;
  const auto& ws = bundled();
  workspace::SessionStore store(dir.path / "sessions");
  auto started = ws.start("prn.not_printing", {}, engine::Lang::en);
  REQUIRE(started.session);
  auto& s = *started.session;
  CHECK_FALSE(store.has_autosave());
  s.answer("1");
  REQUIRE(store.autosave(s, {"op", "printer", 1700000000}).empty());
  CHECK(store.has_autosave());
  auto back = store.load_autosave(ws.knowledge());
  REQUIRE(back.session);
  CHECK(back.session->answers().size() == 1);
  CHECK(back.info.symptom == "printer");

  std::filesystem::path saved;
  REQUIRE(store.archive(s, {"op", "printer", 1700000000}, &saved).empty());
  CHECK_FALSE(store.has_autosave());
  std::filesystem::path again;
  REQUIRE(store.archive(s, {"op", "printer", 1700000000}, &again).empty());
  CHECK(again != saved);  // same second: a second file, not an overwrite
  const auto recent = store.recent(ws.knowledge(), 10);
  REQUIRE(recent.size() == 2);
  CHECK(recent[0].tree == "prn.not_printing");
  CHECK(recent[0].answers == 1);

  std::ofstream(dir.path / "sessions" / "20990101-000000-broken.toml") << "not toml [";
  const auto with_broken = store.recent(ws.knowledge(), 10);
  REQUIRE(with_broken.size() == 3);
  CHECK_FALSE(with_broken[0].error.empty());
}

TEST_CASE("the escalation summary lists what was observed and where the diagnosis stands") {
  const auto& ws = bundled();
  auto started = ws.start("prn.not_printing", {"os=windows11"}, engine::Lang::fr);
  REQUIRE(started.session);
  auto& s = *started.session;
  s.answer("1");
  s.add_note("L'utilisatrice a déjà redémarré.");
  const std::string md = workspace::escalation_summary(s, engine::Lang::fr, {"Cam", "imprimante", 0});
  CHECK(md.rfind("# Escalade au niveau 2", 0) == 0);
  CHECK(md.find("imprimante") != std::string::npos);
  CHECK(md.find("windows11") != std::string::npos);
  CHECK(md.find("déjà redémarré") != std::string::npos);
  CHECK(md.find(s.step().text) != std::string::npos);
}
