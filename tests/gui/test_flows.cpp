// Whole flows through the real panels, headless: keys and clicks frame by
// frame, assertions on the view-models and the session.
#include "fixture.hpp"

#include <diagdesk/workspace/settings.hpp>

#include <fstream>
#include <sstream>

using namespace diagdesk;
using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;

namespace {

/// Answers choice `n` with its number key, acknowledging a warning first.
void answer_with_key(HeadlessApp& app, int n) {
  if (!app.vm().question.warnings.empty()) app.press(key_enter);
  app.press(keys::digit(n));
}

}  // namespace

TEST_CASE("search imprimante, Enter, answer 1 three times, Backspace: the path has two answers") {
  HeadlessApp app("fr");
  app.press(keys::letter('K'), true);  // Ctrl+K focuses the search field
  app.type("imprimante");
  app.frame();
  REQUIRE_FALSE(app.vm().search.trees.empty());
  CHECK(app.vm().search.trees.front().id == "prn.not_printing");
  CHECK(app.ui.search.open);

  app.press(key_enter);
  REQUIRE(app.presenter->session() != nullptr);
  CHECK(app.session().start_tree() == "prn.not_printing");
  CHECK(app.vm().question.active);
  CHECK(app.vm().tab == Tab::diagnosis);
  CHECK_FALSE(app.ui.search.open);

  std::vector<std::string> asked;
  for (int i = 0; i < 3; ++i) {
    asked.push_back(app.vm().question.node);
    answer_with_key(app, 1);
  }
  REQUIRE(app.session().answers().size() == 3);
  CHECK(app.answered_nodes() == asked);

  app.press(key_backspace);
  CHECK(app.session().answers().size() == 2);
  CHECK(app.answered_nodes() == std::vector<std::string>(asked.begin(), asked.begin() + 2));
  CHECK(app.vm().question.node == asked[2]);  // back at the third question
  CHECK(app.vm().question.step_number == 3);
  CHECK(app.vm().transcript.entries.size() >= 2);
  // The symptom typed in the search bar goes into the report.
  const std::string report = engine::render_report(app.session(), engine::Lang::fr, {"", "imprimante", 0});
  CHECK(report.find("imprimante") != std::string::npos);
}

TEST_CASE("number keys typed into a text field do not answer") {
  HeadlessApp app;
  app.presenter->apply({IntentKind::start_tree, "prn.not_printing"});
  app.frame();
  app.press(keys::letter('K'), true);  // the search field takes the keys now
  app.press(keys::digit(1));
  CHECK(app.session().answers().empty());
}

TEST_CASE("switching the language changes labels, question and search results") {
  HeadlessApp app("en");
  CHECK(std::string(app.vm().labels("gui.tab_diagnosis")) == "Diagnosis");
  app.presenter->apply({IntentKind::start_tree, "prn.not_printing"});
  app.frame();
  const std::string english = app.vm().question.text;

  SUBCASE("with Ctrl+L") { app.press(keys::letter('L'), true); }
  SUBCASE("by clicking FR in the menu bar") {
    app.frame();
    app.click("lang/fr");
  }
  app.frame();
  CHECK(app.vm().lang == "fr");
  CHECK(std::string(app.vm().labels("gui.tab_diagnosis")) == "Diagnostic");
  CHECK(std::string(app.vm().labels("gui.back")).find("Retour") != std::string::npos);
  CHECK(app.vm().question.text != english);
  CHECK(app.session().lang() == engine::Lang::fr);
  // Kept in the settings.
  CHECK(workspace::load_settings(app.home.path).settings.lang == "fr");
}

TEST_CASE("choices answer with a click too, and Why? explains the question") {
  HeadlessApp app;
  app.presenter->apply({IntentKind::start_tree, "prn.not_printing"});
  app.frames(2);
  const std::string first = app.vm().question.node;
  app.click("choice/2");
  REQUIRE(app.session().answers().size() == 1);
  CHECK(app.session().answers()[0].node == first);
  CHECK(app.session().answers()[0].choice == app.session().knowledge().find_node(first, "prn.not_printing")->choices[1].id);

  app.press(keys::letter('W'));
  CHECK(app.vm().question.why_open);
  CHECK_FALSE(app.vm().question.why.empty());
  app.click("why");
  CHECK_FALSE(app.vm().question.why_open);
}

TEST_CASE("a step with a safety warning cannot be answered before the warning is acknowledged") {
  HeadlessApp app;
  // Find a tree whose start question carries a warning, or reach one.
  const auto& k = *app.presenter->workspace().knowledge();
  std::string tree_id;
  for (const auto& t : k.trees()) {
    const auto* n = t.find(t.start);
    if (n && !n->warnings.empty() && !n->choices.empty()) tree_id = t.id;
  }
  if (tree_id.empty()) {
    // No start node has one: craft the situation through the panel alone.
    QuestionVm vm;
    vm.active = true;
    vm.kind = StepKindVm::question;
    vm.tree = "t";
    vm.node = "n";
    vm.text = "Open the case?";
    vm.choices = {{"yes", "Yes"}, {"no", "No"}};
    vm.warnings = {{WarningKindVm::electrical, "Electrical hazard", "Unplug first."}};
    Labels labels;
    QuestionUi ui;
    auto draw = [&] {
      ImGui::NewFrame();
      ImGui::Begin("q");
      Intent i = draw_question_panel(vm, labels, ui);
      ImGui::End();
      ImGui::Render();
      return i;
    };
    draw();
    ImGui::GetIO().KeysDown[keys::digit(1)] = true;
    Intent blocked = draw();
    ImGui::GetIO().KeysDown[keys::digit(1)] = false;
    draw();
    CHECK_FALSE(blocked);
    CHECK(ui.flash > 0);
    ImGui::GetIO().KeysDown[key_enter] = true;
    draw();
    ImGui::GetIO().KeysDown[key_enter] = false;
    draw();
    CHECK(ui.acknowledged == "t:n");
    ImGui::GetIO().KeysDown[keys::digit(1)] = true;
    Intent answered = draw();
    ImGui::GetIO().KeysDown[keys::digit(1)] = false;
    CHECK(answered.kind == IntentKind::answer);
    CHECK(answered.n == 1);
    return;
  }
  app.presenter->apply({IntentKind::start_tree, tree_id});
  app.frame();
  REQUIRE_FALSE(app.vm().question.warnings.empty());
  app.press(keys::digit(1));
  CHECK(app.session().answers().empty());
  CHECK(app.ui.question.flash > 0);
  app.press(key_enter);  // "I have read the warning"
  app.press(keys::digit(1));
  CHECK(app.session().answers().size() == 1);
}

TEST_CASE("a conclusion shows the remedy checklist and exports the report and the escalation summary") {
  HeadlessApp app;
  app.presenter->apply({IntentKind::start_tree, "prn.not_printing"});
  app.frame();
  // Answer the first choice until a conclusion (bounded).
  for (int i = 0; i < 40 && !app.vm().conclusion.active; ++i) {
    if (app.vm().question.kind == StepKindVm::input) {
      app.presenter->apply({IntentKind::answer_value, "192.168.1.20"});
      app.frame();
      continue;
    }
    answer_with_key(app, 1);
  }
  REQUIRE(app.vm().conclusion.active);
  CHECK_FALSE(app.vm().conclusion.diagnosis.empty());
  REQUIRE_FALSE(app.vm().conclusion.remedy.empty());
  app.frame();
  app.click("remedy/0");
  CHECK(app.vm().conclusion.remedy_done.at(0));

  app.click("export_report");
  const std::string report_path = app.vm().conclusion.exported;
  REQUIRE_FALSE(report_path.empty());
  std::ifstream report(report_path);
  std::stringstream text;
  text << report.rdbuf();
  CHECK(text.str().find("# Intervention report") == 0);
  CHECK(app.vm().clipboard == text.str());

  app.click("export_escalation");
  CHECK(app.vm().conclusion.exported.find("escalation") != std::string::npos);
  CHECK(app.vm().clipboard.find("# Level-2 escalation summary") == 0);

  // The concluded session is in the recent list; start over goes home.
  app.click("start_over");
  CHECK_FALSE(app.vm().question.active);
  CHECK_FALSE(app.vm().conclusion.active);
  REQUIRE_FALSE(app.vm().home.recent.empty());
  CHECK(app.vm().home.recent.front().state.find("\xE2\x9C\x93") == 0);
}

TEST_CASE("the session in progress is saved after each answer and offered again after a restart") {
  HeadlessApp app;
  app.presenter->apply({IntentKind::start_tree, "prn.not_printing"});
  app.frame();
  answer_with_key(app, 1);
  answer_with_key(app, 1);
  const auto answered = app.answered_nodes();
  CHECK(std::filesystem::exists(app.home.path / "sessions" / "autosave.toml"));

  // "Crash": the presenter goes away without any goodbye, a new one starts.
  app.open("en");
  CHECK(app.presenter->session() == nullptr);
  CHECK(app.vm().home.resume_offered);
  CHECK(app.vm().home.resume_detail.find("2 answers") == 0);
  app.click("resume");
  REQUIRE(app.presenter->session() != nullptr);
  CHECK(app.answered_nodes() == answered);
  CHECK(app.vm().question.step_number == 3);

  SUBCASE("putting it aside keeps it in the recent list instead") {
    app.open("en");
    REQUIRE(app.vm().home.resume_offered);
    app.presenter->apply({IntentKind::discard_autosave});
    app.frame();
    CHECK_FALSE(app.vm().home.resume_offered);
    CHECK_FALSE(std::filesystem::exists(app.home.path / "sessions" / "autosave.toml"));
    REQUIRE(app.vm().home.recent.size() == 1);
    app.presenter->apply({IntentKind::open_recent, app.vm().home.recent[0].path});
    CHECK(app.answered_nodes() == answered);
  }
}

TEST_CASE("start facts are editable before the first answer and skip the matching questions") {
  HeadlessApp app;
  REQUIRE(app.vm().facts.editable);
  bool has_os = false;
  for (const auto& f : app.vm().facts.facts) has_os |= f.key == "os";
  CHECK(has_os);
  app.presenter->apply({IntentKind::set_start_fact, "os", "windows11"});
  app.presenter->apply({IntentKind::set_start_fact, "os", "not-an-os"});
  CHECK(app.vm().status_error);
  app.presenter->apply({IntentKind::start_tree, "prn.not_printing"});
  app.frame();
  CHECK(app.session().facts().at("os").value == "windows11");
  CHECK(app.vm().facts.editable);  // no answer yet: still editable, restarts the script
  app.presenter->apply({IntentKind::set_start_fact, "device", "laptop"});
  CHECK(app.session().facts().at("device").value == "laptop");
  answer_with_key(app, 1);
  CHECK_FALSE(app.vm().facts.editable);
  app.presenter->apply({IntentKind::set_start_fact, "device", "desktop"});
  CHECK(app.vm().status_error);
  CHECK(app.session().facts().at("device").value == "laptop");
}

TEST_CASE("tabs switch with F1-F4 and with a click, the trainee tab included") {
  HeadlessApp app;
  app.press(keys::f1 + 2);
  app.frame();
  CHECK(app.vm().tab == Tab::author);
  CHECK(app.ui.shown == Tab::author);
  app.click("tab/3");
  app.frame();
  CHECK(app.vm().tab == Tab::trainee);
  CHECK(app.ui.shown == Tab::trainee);
  app.click("tab/0");
  app.frame();
  CHECK(app.vm().tab == Tab::diagnosis);
}

TEST_CASE("author mode: outline, lint findings, diagram with the session's node highlighted") {
  HeadlessApp app;
  app.presenter->apply({IntentKind::start_tree, "prn.not_printing"});
  app.frame();
  answer_with_key(app, 1);
  const std::string current = app.vm().question.node;
  app.presenter->apply({IntentKind::select_tree, "prn.not_printing"});
  app.frames(2);
  const AuthorVm& a = app.vm().author;
  CHECK(a.tree == "prn.not_printing");
  const auto* tree = app.presenter->workspace().knowledge()->find_tree("prn.not_printing");
  CHECK(a.outline.size() == tree->nodes.size());
  REQUIRE(a.diagram.error.empty());
  CHECK(a.diagram.nodes.size() == tree->nodes.size());
  CHECK(a.diagram.width > 0);
  int highlighted = 0;
  for (const auto& n : a.diagram.nodes) {
    highlighted += n.current;
    if (n.current) CHECK(n.id == current);
    CHECK(n.w > 0);
  }
  CHECK(highlighted == 1);

  // Clicking a node in the outline selects it and centres the diagram on it.
  const std::string target = tree->nodes.at(1).id;
  app.click("outline/" + target);
  CHECK(app.vm().author.node == target);

  // Clicking a node in the diagram selects it too.
  app.click("view/diagram");
  app.frames(2);
  const std::string start = tree->start;
  app.click("node/" + start);
  CHECK(app.vm().author.node == start);

  app.click("run_lint");
  app.presenter->wait_background();
  app.frame();
  CHECK(app.vm().author.lint_done);
  CHECK(app.vm().author.errors == static_cast<int>(engine::count_errors(app.presenter->workspace().lint({}))));
}

TEST_CASE("a step's linked article opens in the viewer, with back and forward") {
  HeadlessApp app("fr");
  app.presenter->apply({IntentKind::start_tree, "prn.not_printing"});
  app.frame();
  // Walk until a step links an article that exists.
  for (int i = 0; i < 10; ++i) {
    bool any = false;
    for (const auto& l : app.vm().links) any |= l.available;
    if (any || !app.vm().question.active) break;
    answer_with_key(app, 1 + (i == 1));  // the second question: network
  }
  std::string topic;
  for (const auto& l : app.vm().links) {
    if (l.available && topic.empty()) topic = l.topic;
  }
  REQUIRE_FALSE(topic.empty());
  app.frame();
  app.click("link/" + topic);
  app.frames(2);
  CHECK(app.vm().tab == Tab::article);
  REQUIRE(app.vm().article.open);
  CHECK(app.vm().article.topic == topic);
  CHECK(app.vm().article.id == topic + ".fr");
  CHECK_FALSE(app.vm().article.doc.blocks.empty());
  CHECK_FALSE(app.vm().article.can_back);

  // A second article, then back and forward through the history.
  app.presenter->apply({IntentKind::open_article, "../en/net.apipa.md"});
  app.frame();
  CHECK(app.vm().article.topic == "net.apipa");
  CHECK(app.vm().article.can_back);
  app.presenter->apply({IntentKind::article_back});
  CHECK(app.vm().article.topic == topic);
  CHECK(app.vm().article.can_forward);
  app.presenter->apply({IntentKind::article_forward});
  CHECK(app.vm().article.topic == "net.apipa");

  // The language switch shows the other translation.
  app.press(keys::letter('L'), true);
  CHECK(app.vm().article.id == "net.apipa.en");

  app.presenter->apply({IntentKind::open_article, "no.such.topic"});
  CHECK_FALSE(app.vm().article.error.empty());
}

TEST_CASE("search results group trees and articles, and Enter on an article opens it") {
  HeadlessApp app("en");
  app.press(keys::letter('K'), true);
  app.type("apipa");
  app.frame();
  REQUIRE_FALSE(app.vm().search.articles.empty());
  CHECK(app.vm().search.articles_available);
  for (const auto& h : app.vm().search.trees) CHECK(h.type == "tree");
  for (const auto& h : app.vm().search.articles) CHECK(h.type == "article");
  // Move the selection to the first article and open it.
  const int trees = static_cast<int>(app.vm().search.trees.size());
  for (int i = 0; i < trees; ++i) app.press(key_down);
  CHECK(app.ui.search.selected == trees);
  const std::string id = app.vm().search.articles.front().id;
  app.press(key_enter);
  app.frame();
  CHECK(app.vm().tab == Tab::article);
  CHECK(app.vm().article.id == id);
}

TEST_CASE("search runs off the UI thread: the frame does not wait, results arrive later") {
  HeadlessApp app("fr", /*async=*/true);
  app.presenter->wait_background();  // the index is opened in the background at start
  app.press(keys::letter('K'), true);
  app.type("pas d'internet");
  CHECK(app.presenter->vm().search.busy);
  app.presenter->wait_background();
  app.frame();
  CHECK_FALSE(app.vm().search.busy);
  bool found = false;
  for (const auto& h : app.vm().search.trees) found |= h.id == "net.no_internet";
  CHECK(found);
}

TEST_CASE("an import from author mode lands in the user's layer and is found by the search bar") {
  HeadlessApp app("en");
  TempDir source;
  std::ofstream(source.path / "vpn-token.md") << "# Resynchronise a VPN hardware token\n\n"
                                                  "When the zorglubtoken code is refused, resynchronise it.\n";
  app.presenter->apply({IntentKind::run_import, source.path.string()});
  app.frame();
  CHECK_FALSE(app.vm().status_error);
  CHECK(app.vm().status.find("1") != std::string::npos);
  CHECK(std::filesystem::exists(app.home.path / "kb"));
  app.press(keys::letter('K'), true);
  app.type("zorglubtoken");
  app.frame();
  REQUIRE(app.vm().search.articles.size() == 1);
  CHECK(app.vm().search.articles[0].title.find("VPN hardware token") != std::string::npos);

  SUBCASE("filters narrow the results") {
    app.presenter->apply({IntentKind::search_filter, "hardware", ""});
    app.frame();
    CHECK(app.vm().search.domain_filter == "hardware");
    CHECK(app.vm().search.articles.empty());
  }
  SUBCASE("rebuilding the index keeps it") {
    app.presenter->apply({IntentKind::rebuild_index});
    app.frame();
    CHECK_FALSE(app.vm().status_error);
    app.presenter->apply({IntentKind::search_changed, "zorglubtoken"});
    app.frame();
    CHECK(app.vm().search.articles.size() == 1);
  }
}

TEST_CASE("index rebuild and linter run as background jobs and report when done") {
  HeadlessApp app("en", /*async=*/true);
  app.presenter->wait_background();
  app.presenter->apply({IntentKind::rebuild_index});
  app.presenter->apply({IntentKind::run_lint});
  app.frame();  // the frame goes on while the jobs run
  app.presenter->wait_background();
  app.frame();
  const AuthorVm& a = app.vm().author;
  CHECK(a.lint_done);
  CHECK(a.index_job.finished);
  CHECK_FALSE(a.index_job.failed);
  CHECK_FALSE(a.index_job.message.empty());
  CHECK_FALSE(app.vm().status_error);
}
