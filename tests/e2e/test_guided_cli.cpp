// diagdesk diagnose --guided through the real program: the JSON ranking with its
// numbers on the hand-computed model of tests/engine/guide_fixture.hpp, the
// warnings and rights, the gate on a bundled tree, save/resume, and the
// interactive text in French and English.
#include "run.hpp"

#include "../engine/guide_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace {

struct Guided {
  test::TempDir home;
  std::string data;
  Guided() {
    home.write("kb/facts/guide.toml", test::guide_facts);
    home.write("kb/trees/network/t.guide.toml", test::guide_tree);
    data = "--data " + test::quote((home.path() / "kb").string()) + " ";
  }
  test::Run run(const std::string& args, const std::string& input = "") const { return test::diagdesk(home, data + args, input); }
};

double sum_posterior(const nlohmann::json& causes) {
  double total = 0;
  for (const auto& c : causes) total += c["posterior"].get<double>();
  return total;
}

}  // namespace

TEST_CASE("diagnose --guided --json gives the ranking with its numbers and the posterior") {
  Guided g;
  auto r = g.run("diagnose t.guide --guided --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["guided"].get<bool>());
  CHECK(j["status"] == "question");
  REQUIRE(j["steps"].size() >= 2);
  CHECK(j["steps"][0]["id"] == "q_lights");
  for (const char* key : {"id", "kind", "minutes", "score", "info_bits", "success", "escalation", "warn_first", "reason"}) {
    CHECK_MESSAGE(j["steps"][0].contains(key), key);
  }
  CHECK(!j["steps"][0]["reason"]["fr"].get<std::string>().empty());
  CHECK(!j["steps"][0]["reason"]["en"].get<std::string>().empty());
  // Tests come by increasing expected cost of observation.
  double last = -1;
  for (const auto& s : j["steps"]) {
    if (s["kind"] != "test") continue;
    CHECK(s["score"].get<double>() >= last);
    last = s["score"].get<double>();
  }
  CHECK(sum_posterior(j["causes"]) == doctest::Approx(1.0));
  CHECK(j["causes"][0]["leaf"] == "c_isp");  // 0.30, the likeliest
  CHECK(j["causes"][0]["posterior"].get<double>() == doctest::Approx(0.30));
}

TEST_CASE("diagnose --guided --answers concludes with the probabilities after each answer") {
  Guided g;
  auto r = g.run("diagnose t.guide --guided --answers red,a_sync=down --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "concluded");
  CHECK(j["conclusion"]["id"] == "c_isp");
  CHECK(j["conclusion"]["outcome"] == "refer_vendor");
  CHECK(j["conclusion"]["certain"].get<bool>());
  REQUIRE(j["trace"].size() == 2);
  for (const auto& t : j["trace"]) CHECK(sum_posterior(t["causes"]) == doctest::Approx(1.0));
  // After "red" only c_isp and c_box stay: restarting the box (p >= 0.5) comes first, then a_sync.
  CHECK(j["trace"][0]["steps"][0]["id"] == "r_restart");
  CHECK(j["trace"][0]["steps"][0]["kind"] == "repair");
  CHECK(j["trace"][0]["steps"][1]["id"] == "a_sync");
  REQUIRE(j["how_en"].size() == 3);
  CHECK(j["how_en"][0].get<std::string>().find("%") != std::string::npos);
  CHECK(j["how_fr"][2].get<std::string>().find("Opérateur") != std::string::npos);
  SUBCASE("another step than the suggested one, by its node id") {
    auto other = g.run("diagnose t.guide --guided --answers a_sync=up --json");
    REQUIRE_MESSAGE(other.rc == 0, other.err);
    const auto o = nlohmann::json::parse(other.out);
    for (const auto& s : o["steps"]) CHECK(s["id"] != "a_sync");
    for (const auto& c : o["causes"]) {
      if (c["leaf"] == "c_isp") CHECK(c["posterior"].get<double>() == doctest::Approx(0.0));
    }
  }
}

TEST_CASE("diagnose --guided keeps safety: warnings acknowledged first, N2 steps marked as escalations") {
  Guided g;
  auto refused = g.run("diagnose t.guide --guided --answers a_cable=loose");
  CHECK(refused.rc == 2);
  CHECK(refused.err.find("a_cable") != std::string::npos);
  CHECK(refused.err.find("warnings") != std::string::npos);
  auto taken = g.run("diagnose t.guide --guided --answers ok,!,loose --json");
  REQUIRE_MESSAGE(taken.rc == 0, taken.err);
  CHECK(nlohmann::json::parse(taken.out)["conclusion"]["id"] == "c_cable");
  auto n1 = nlohmann::json::parse(g.run("diagnose t.guide --guided --answers ok --json").out);
  REQUIRE(n1["steps"][0]["id"] == "a_cable");
  CHECK(n1["steps"][0]["escalation"].get<bool>());
  CHECK(n1["steps"][0]["warn_first"].get<bool>());
  CHECK(!n1["steps"][0]["takeable"].get<bool>());
  auto n2 = nlohmann::json::parse(g.run("diagnose t.guide --guided --rights n2 --answers ok --json").out);
  CHECK(!n2["steps"][0]["escalation"].get<bool>());
  CHECK(g.run("diagnose t.guide --guided --rights boss --json").rc == 2);
}

TEST_CASE("diagnose --guided on the bundled account tree never reaches the account before the identity check") {
  test::TempDir home;
  const std::string bundled = "--data " + test::quote(DIAGDESK_DATA_DIR) + " ";
  auto r = test::diagdesk(home, bundled + "diagnose dir.account_locked --guided --rights n2 --answers a_unlock=ok");
  CHECK(r.rc == 2);
  CHECK(r.err.find("a_verify_identity") != std::string::npos);
  auto j = nlohmann::json::parse(test::diagdesk(home, bundled + "diagnose dir.account_locked --guided --json").out);
  bool waits = false;
  for (const auto& s : j["gated"]) {
    if (s["step"] == "a_unlock") waits = s["waits_for"][0] == "a_verify_identity";
  }
  CHECK(waits);
  for (const auto& s : j["steps"]) CHECK(s["id"] != "a_unlock");
}

TEST_CASE("diagnose --guided --save writes a guided session that --resume continues") {
  Guided g;
  const auto file = g.home.path() / "guided.toml";
  auto saved = g.run("diagnose t.guide --guided --answers red --save " + test::quote(file.string()));
  REQUIRE_MESSAGE(saved.rc == 0, saved.err);
  const std::string text = test::read(file);
  CHECK(text.find("diagdesk-guided-session") != std::string::npos);
  CHECK(text.find("guided = true") != std::string::npos);
  auto resumed = g.run("diagnose --resume " + test::quote(file.string()) + " --answers a_sync=down --json");
  REQUIRE_MESSAGE(resumed.rc == 0, resumed.err);
  const auto j = nlohmann::json::parse(resumed.out);
  CHECK(j["guided"].get<bool>());
  CHECK(j["conclusion"]["id"] == "c_isp");
  CHECK(j["acts"].size() == 2);
}

TEST_CASE("diagnose --guided interactive shows the suggested step, the alternatives and the probabilities") {
  Guided g;
  SUBCASE("in English") {
    auto r = g.run("--lang en diagnose t.guide --guided", "why\na_sync\nup\nhow\nq\nn\n");
    CHECK(r.rc == 0);
    CHECK(r.out.find("Suggested step") != std::string::npos);
    CHECK(r.out.find("Alternatives") != std::string::npos);
    CHECK(r.out.find("  s1) [") != std::string::npos);
    CHECK(r.out.find("Probabilities: ISP 30 %") != std::string::npos);
    CHECK(r.out.find("Why this step?") != std::string::npos);
    CHECK(r.out.find("Probabilities now") != std::string::npos);  // why
    CHECK(r.out.find("then:") != std::string::npos);              // how
  }
  SUBCASE("in French, to the conclusion") {
    auto r = g.run("--lang fr diagnose t.guide --guided", "1\n2\n");
    CHECK(r.rc == 0);
    CHECK(r.out.find("Étape proposée") != std::string::npos);
    CHECK(r.out.find("Autres possibilités") != std::string::npos);
    CHECK(r.out.find("Probabilités") != std::string::npos);
    CHECK(r.out.find("Conclusion") != std::string::npos);
    CHECK(r.out.find("Alimentation") != std::string::npos);  // off -> c_power
  }
  SUBCASE("a step with warnings asks before its answer") {
    auto r = g.run("--lang en diagnose t.guide --guided", "a_cable\nn\na_cable\ny\nloose\n");
    CHECK(r.out.find("Read before this step") != std::string::npos);
    CHECK(r.out.find("step not taken") != std::string::npos);
    CHECK(r.out.find("Cable") != std::string::npos);
  }
}

TEST_CASE("diagnose --guided --transcript writes the intervention report with the steps taken and the probabilities") {
  Guided g;
  for (const char* lang : {"fr", "en"}) {
    CAPTURE(lang);
    const bool fr = std::string(lang) == "fr";
    const auto file = g.home.path() / (std::string("fiche-") + lang + ".md");
    auto r = g.run(std::string("--lang ") + lang + " diagnose t.guide --guided --answers red,a_sync=down --operator 'Marie Curie' --transcript " +
                   test::quote(file.string()));
    REQUIRE_MESSAGE(r.rc == 0, r.err);
    const std::string md = test::read(file);
    CHECK(md.find(fr ? "# Fiche d'intervention" : "# Intervention report") != std::string::npos);
    CHECK(md.find("Marie Curie") != std::string::npos);
    CHECK(md.find(fr ? "mode guidé" : "guided mode") != std::string::npos);
    // The steps in the order taken, with their answers.
    const auto lights = md.find(fr ? "Quels voyants ?" : "Which lights?");
    const auto sync = md.find(fr ? "Regardez la synchro." : "Check the sync.");
    REQUIRE(lights != std::string::npos);
    REQUIRE(sync != std::string::npos);
    CHECK(lights < sync);
    CHECK(md.find(fr ? "Pas de synchro" : "No sync") != std::string::npos);
    // How it was concluded, with the probabilities; the diagnosis with its own.
    CHECK(md.find(fr ? "Comment le diagnostic a été conclu" : "How the diagnosis was concluded") != std::string::npos);
    const auto diagnosis = md.find(fr ? "Opérateur (" : "ISP (", md.find(fr ? "## Conclusion" : "## Conclusion"));
    REQUIRE(diagnosis != std::string::npos);
    CHECK(md.find(" %)", diagnosis) != std::string::npos);
    CHECK(md.find(fr ? "Appelez." : "Call.") != std::string::npos);
  }
  SUBCASE("a transcript into a missing folder fails naming the file, the session is not lost") {
    const auto bad = g.home.path() / "no-such-dir" / "fiche.md";
    auto r = g.run("diagnose t.guide --guided --answers red --transcript " + test::quote(bad.string()));
    CHECK(r.rc != 0);
    CHECK(r.err.find(bad.string()) != std::string::npos);
  }
}
