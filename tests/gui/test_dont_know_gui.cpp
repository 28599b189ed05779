// "Don't know" in the desktop program: the hint once, then the diagnosis moves on.
#include "fixture.hpp"

using namespace diagdesk;
using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;

namespace {

/// A bundled tree whose first step says how to find out, has no unknown
/// branch and no warning to acknowledge ("" when the data has none).
std::string tree_with_find_out_first(const engine::Knowledge& k) {
  for (const auto& t : k.trees()) {
    const engine::Node* n = t.find(t.start);
    if (n && !n->find_out.empty() && n->dont_know.empty() && n->warnings.empty() && n->fact.empty() && !n->choices.empty()) {
      return t.id;
    }
  }
  return {};
}

}  // namespace

TEST_CASE("the D key shows how to find out first, then moves on and the transcript says don't know") {
  HeadlessApp app("en");
  const std::string tree = tree_with_find_out_first(*app.presenter->workspace().knowledge());
  REQUIRE_FALSE(tree.empty());
  app.presenter->apply({IntentKind::start_tree, tree});
  app.frame();
  const std::string first = app.vm().question.node;
  CHECK(app.vm().question.find_out.empty());

  app.press(keys::letter('D'));
  CHECK(app.vm().question.node == first);
  CHECK_FALSE(app.vm().question.find_out.empty());
  CHECK(app.vm().question.find_out.find("again") != std::string::npos);
  CHECK(app.session().answers().empty());

  app.press(keys::letter('D'));
  REQUIRE(app.session().answers().size() == 1);
  CHECK(app.session().answers().front().dont_know);
  CHECK(app.session().step().node != first);
  bool said = false;
  for (const auto& e : app.vm().transcript.entries) {
    if (e.kind == "dont_know") said = e.answer.rfind("Don't know (", 0) == 0;
  }
  CHECK(said);
}
