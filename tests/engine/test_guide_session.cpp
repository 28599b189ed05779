// The guided session (guide_session.hpp) on the hand-computable model of
// guide_fixture.hpp, the gate keys on variants of it, and a bundled tree.
#include "fixture.hpp"
#include "guide_fixture.hpp"

#include <diagdesk/engine/guide_session.hpp>
#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/engine/session.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>

using namespace diagdesk::engine;

namespace {

std::string with(std::string text, const std::string& after_line, const std::string& added) {
  const auto at = text.find(after_line);
  REQUIRE(at != std::string::npos);
  return text.insert(at + after_line.size(), added);
}

std::shared_ptr<const Knowledge> load_tree(const std::string& tree = test::guide_tree) {
  test::TempDir dir;
  dir.write("facts/guide.toml", test::guide_facts);
  dir.write("trees/network/t.guide.toml", tree);
  auto loaded = load_knowledge({dir.path()});
  for (const auto& d : loaded.diagnostics) CHECK_MESSAGE(d.severity != Severity::error, format(d));
  return loaded.knowledge;
}

double posterior_of(const GuidedState& s, const std::string& leaf) {
  for (const auto& c : s.causes) {
    if (c.leaf == leaf) return c.posterior;
  }
  return -1;
}

bool offered(const GuidedState& s, const std::string& id) {
  return std::any_of(s.options.begin(), s.options.end(), [&](const GuidedOption& o) { return o.rank.id == id; });
}

double total(const GuidedState& s) {
  return std::accumulate(s.causes.begin(), s.causes.end(), 0.0, [](double a, const CauseProbability& c) { return a + c.posterior; });
}

}  // namespace

TEST_CASE("a guided session offers the best step, its alternatives and the posterior") {
  GuidedSession g(load_tree(), "t.guide");
  const GuidedState& s = g.state();
  REQUIRE(s.error.empty());
  CHECK(!s.concluded);
  REQUIRE(g.best());
  CHECK(s.options.size() >= 2);
  CHECK(s.options.size() <= 4);
  CHECK(g.best()->rank.id == "q_lights");
  CHECK(!g.best()->rank.reason.en.empty());
  CHECK(!g.best()->rank.reason.fr.empty());
  CHECK(g.best()->choices.size() == 3);
  CHECK(total(s) == doctest::Approx(1.0));
  CHECK(posterior_of(s, "c_isp") == doctest::Approx(0.30));
  CHECK(s.causes.front().leaf == "c_isp");  // by decreasing posterior
}

TEST_CASE("taking a step other than the best re-ranks the next steps") {
  GuidedSession g(load_tree(), "t.guide");
  REQUIRE(g.best()->rank.id == "q_lights");
  // a_sync is not the best step; the operator takes it anyway.
  REQUIRE(g.answer("a_sync", "up") == GuidedError::none);
  const GuidedState& s = g.state();
  CHECK(!offered(s, "a_sync"));
  // up rules out c_isp (its path says down); c_box keeps 0.25 while the causes off its path halve: 0.25 / 0.475.
  CHECK(posterior_of(s, "c_isp") == doctest::Approx(0.0));
  CHECK(posterior_of(s, "c_box") == doctest::Approx(0.25 / 0.475));
  CHECK(total(s) == doctest::Approx(1.0));
  CHECK(g.answer("a_sync", "down") == GuidedError::already_taken);
  CHECK(g.answer("q_lights", "purple") == GuidedError::not_a_choice);
  CHECK(g.answer("no_such_node", "1") == GuidedError::unknown_step);
  REQUIRE(g.back() == GuidedError::none);
  CHECK(posterior_of(g.state(), "c_isp") == doctest::Approx(0.30));
  CHECK(g.back() == GuidedError::nothing_to_undo);
}

TEST_CASE("a step with warnings is not takeable before they are acknowledged") {
  GuidedSession g(load_tree(), "t.guide");
  auto cable = g.option("a_cable");
  REQUIRE(cable);
  CHECK(cable->rank.warn_first);
  CHECK(!cable->warnings.empty());
  CHECK(!cable->takeable());
  CHECK(g.answer("a_cable", "loose") == GuidedError::warnings_first);
  CHECK(g.acts().empty());
  REQUIRE(g.acknowledge("a_cable") == GuidedError::none);
  CHECK(g.option("a_cable")->takeable());
  CHECK(g.answer("a_cable", "loose") == GuidedError::none);
  CHECK(posterior_of(g.state(), "c_config") == doctest::Approx(0.0));
  CHECK(posterior_of(g.state(), "c_cable") == doctest::Approx(0.15 / 0.55));  // off its path the others halve
}

TEST_CASE("a step needing N2 rights the operator lacks is marked as an escalation") {
  auto k = load_tree();
  GuidedSession n1(k, "t.guide", GuidedStart{{}, {}, false});
  CHECK(n1.option("a_cable")->rank.escalation);
  CHECK(!n1.option("a_sync")->rank.escalation);
  GuidedSession n2(k, "t.guide", GuidedStart{{}, {}, true});
  CHECK(!n2.option("a_cable")->rank.escalation);
  // Ranked, the escalation says so in its reason.
  REQUIRE(n1.answer("q_lights", "ok") == GuidedError::none);
  REQUIRE(n1.best());
  CHECK(n1.best()->rank.id == "a_cable");
  CHECK(n1.best()->rank.escalation);
  CHECK(n1.best()->rank.reason.en.find("N2") != std::string::npos);
}

TEST_CASE("the gate key after holds a step until the steps it follows were taken") {
  // a_sync must come after a_cable: offered only once a_cable was taken or cannot be reached.
  auto k = load_tree(with(test::guide_tree, "text = { fr = \"Regardez la synchro.\", en = \"Check the sync.\" }\n",
                          "after = [\"a_cable\"]\n"));
  REQUIRE(k->find_node("t.guide:a_sync")->after.size() == 1);
  GuidedSession g(k, "t.guide");
  CHECK(!offered(g.state(), "a_sync"));
  CHECK(g.answer("a_sync", "up") == GuidedError::gated);
  REQUIRE(g.state().gated.size() == 1);
  CHECK(g.state().gated[0].first == "a_sync");
  CHECK(g.state().gated[0].second == std::vector<std::string>{"a_cable"});
  SUBCASE("the answers lead around the step it waits for") {
    REQUIRE(g.answer("q_lights", "red") == GuidedError::none);  // a_cable can no longer be reached
    CHECK(g.state().gated.empty());
    CHECK(offered(g.state(), "a_sync"));
  }
  SUBCASE("the step it waits for was taken") {
    REQUIRE(g.acknowledge("a_cable") == GuidedError::none);
    REQUIRE(g.answer("a_cable", "fine") == GuidedError::none);
    CHECK(g.answer("a_sync", "up") != GuidedError::gated);
  }
}

TEST_CASE("the gate key first puts a step before every other, repairs included") {
  auto k = load_tree(with(test::guide_tree, "text = { fr = \"Vérifiez le câble.\", en = \"Check the cable.\" }\n", "first = true\n"));
  GuidedSession g(k, "t.guide", GuidedStart{{}, {}, true});
  REQUIRE(g.state().options.size() == 1);
  CHECK(g.best()->rank.id == "a_cable");
  CHECK(g.answer("q_lights", "ok") == GuidedError::gated);
  CHECK(g.answer("r_restart", "fixed") == GuidedError::none);  // taken by hand, the repair is the operator's call
  CHECK(g.concluded());
}

TEST_CASE("don't know sets a step aside and the ranking follows") {
  GuidedSession g(load_tree(), "t.guide");
  REQUIRE(g.dont_know("q_lights") == GuidedError::none);
  CHECK(!offered(g.state(), "q_lights"));
  CHECK(g.acts().size() == 1);
  CHECK(g.acts()[0].kind == GuidedAct::Kind::dont_know);
  CHECK(posterior_of(g.state(), "c_isp") == doctest::Approx(0.30));
  CHECK(g.dont_know("q_lights") == GuidedError::already_taken);
}

TEST_CASE("repairs: not fixed lowers their causes, fixed concludes") {
  GuidedSession g(load_tree(), "t.guide");
  REQUIRE(g.answer("r_restart", "not_fixed") == GuidedError::none);
  CHECK(posterior_of(g.state(), "c_box") < 0.25);
  CHECK(!offered(g.state(), "r_restart"));
  CHECK(g.answer("r_restart", "fixed") == GuidedError::already_taken);
  GuidedSession h(load_tree(), "t.guide");
  REQUIRE(h.answer("r_restart", "1") == GuidedError::none);
  REQUIRE(h.concluded());
  CHECK(h.state().leaf == "c_box");
  CHECK(h.state().certain);
  CHECK(h.state().conclusion.diagnosis == "Box");
}

TEST_CASE("a guided session concludes on the leaf left and explains how with the probabilities") {
  GuidedSession g(load_tree(), "t.guide", GuidedStart{{}, {}, true, Lang::fr});
  REQUIRE(g.answer("q_lights", "red") == GuidedError::none);
  REQUIRE(g.answer("a_sync", "down") == GuidedError::none);
  REQUIRE(g.concluded());
  CHECK(g.state().leaf == "c_isp");
  CHECK(g.state().conclusion.diagnosis == "Opérateur");
  CHECK(g.state().conclusion.outcome == Outcome::refer_vendor);
  CHECK(g.answer("q_lights", "ok") == GuidedError::concluded);
  const auto fr = g.how(Lang::fr);
  const auto en = g.how(Lang::en);
  REQUIRE(fr.size() == 3);  // two answers and the conclusion
  CHECK(fr[0].text.find("Rouge") != std::string::npos);
  CHECK(fr[0].text.find(" %") != std::string::npos);
  CHECK(en[1].text.find("No sync") != std::string::npos);
  CHECK(en[2].text.find("ISP") != std::string::npos);
  CHECK(en[2].text.find("%") != std::string::npos);
}

TEST_CASE("a guided session is saved, says it is guided, and resumes exactly") {
  auto k = load_tree();
  GuidedSession g(k, "t.guide", GuidedStart{{{"device_type", "laptop"}}, {{"c_box", 0.5}}, true});
  REQUIRE(g.answer("q_lights", "red") == GuidedError::none);
  const std::string text = guided_to_toml(g, ReportInfo{"Alice", {}, 1700000000, {}});
  CHECK(text.find("guided = true") != std::string::npos);
  CHECK(is_guided_session(text));
  auto back = parse_guided(k, text, "g.toml");
  REQUIRE_MESSAGE(back.session, back.error);
  CHECK(back.operator_name == "Alice");
  CHECK(back.session->acts().size() == 1);
  CHECK(back.session->start().learned.size() == 1);
  CHECK(posterior_of(back.session->state(), "c_box") == doctest::Approx(posterior_of(g.state(), "c_box")));
  CHECK(back.session->best()->rank.id == g.best()->rank.id);
  SUBCASE("an authored session file is refused with a clear message") {
    auto refused = parse_guided(k, "format = \"diagdesk-session\"\nschema_version = 1\n", "a.toml");
    CHECK(!refused.session);
    CHECK(refused.error.find("a.toml:1:1") == 0);
    CHECK(refused.error.find("without --guided") != std::string::npos);
  }
  SUBCASE("an act that no longer fits is refused") {
    std::string bad = text;
    const auto at = bad.find("red");  // the act's choice, however toml++ quotes it
    REQUIRE(at != std::string::npos);
    bad.replace(at, 3, "blu");
    auto refused = parse_guided(k, bad, "g.toml");
    CHECK(!refused.session);
    CHECK(refused.error.find("no longer fits") != std::string::npos);
  }
}

TEST_CASE("on a bundled tree the guided conclusion matches the authored one for the same facts and answers") {
  auto loaded = load_knowledge({DIAGDESK_DATA_DIR});
  std::shared_ptr<const Knowledge> k = loaded.knowledge;
  REQUIRE(k->find_tree("dir.account_locked"));
  const std::vector<std::pair<std::string, std::string>> facts{{"os", "windows11"}};
  // The authored walk: locked, user name, identity verified, locked out, first time, unlocked.
  Session s(k, "dir.account_locked", facts);
  for (const char* a : {"locked", "jdupont", "verified", "locked", "no", "ok"}) REQUIRE(s.answer(a) == AnswerError::none);
  REQUIRE(s.concluded());
  GuidedSession g(k, "dir.account_locked", GuidedStart{facts, {}, true});
  // The identity check comes before the account is touched (after = ["a_verify_identity"]).
  CHECK(g.answer("a_get_aduser", "locked") == GuidedError::gated);
  CHECK(g.answer("a_unlock", "ok") == GuidedError::gated);
  for (const auto& [node, choice] : std::vector<std::pair<std::string, std::string>>{
           {"q_symptom", "locked"}, {"a_verify_identity", "verified"}, {"a_get_aduser", "locked"}, {"q_relock", "no"}, {"a_unlock", "ok"}}) {
    if (g.concluded()) break;
    g.acknowledge(node);
    REQUIRE_MESSAGE(g.answer(node, choice) == GuidedError::none, node);
  }
  REQUIRE(g.concluded());
  CHECK(g.state().leaf == s.step().node);
  CHECK(g.state().conclusion.diagnosis == s.step().diagnosis);
}

TEST_CASE("the guided order never offers an account step before the identity check on the bundled tree") {
  auto k = load_knowledge({DIAGDESK_DATA_DIR}).knowledge;
  GuidedSession g(k, "dir.account_locked", GuidedStart{{}, {}, true});
  // Follow the best step with its first choice until the identity check was taken.
  for (int i = 0; i < 10 && !g.concluded(); ++i) {
    const GuidedOption* best = g.best();
    REQUIRE(best);
    for (const GuidedOption& o : g.state().options) {
      CHECK_MESSAGE(o.rank.id != "a_unlock", "unlock offered before the identity check");
      CHECK_MESSAGE(o.rank.id != "a_reset_password", "reset offered before the identity check");
      CHECK_MESSAGE(o.rank.id != "a_get_aduser", "account read before the identity check");
    }
    if (best->rank.id == "a_verify_identity") break;
    g.acknowledge(best->rank.id);
    REQUIRE(g.answer(best->rank.id, "1") == GuidedError::none);
  }
  CHECK(g.best()->rank.id == "a_verify_identity");
}
