// "Don't know" moves the diagnosis on: the author's unknown branch, a skip to
// the step every choice leads to, or the most likely branch marked assumed.
#include "fixture.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/lint.hpp>
#include <diagdesk/engine/session_file.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::engine;

namespace {

const char* dk_facts = R"(schema_version = 1
[facts.scope]
type = "enum"
values = ["single", "site"]
label = { fr = "Étendue", en = "Scope" }
[facts.cable]
type = "bool"
label = { fr = "Câble branché", en = "Cable plugged in" }
[facts.printer_ip]
type = "ipv4"
label = { fr = "Adresse de l'imprimante", en = "Printer address" }
[facts.local_fault]
type = "bool"
label = { fr = "Panne locale", en = "Local fault" }
)";

/// q_scope has no join: only_me (two conclusions behind it) or everyone (one).
/// q_cable is fact-bound with an author's unknown branch; q_cable2 asks the
/// same fact again further down (skipped once it is known).
const char* dk_assume = R"(schema_version = 1
id = "t.assume"
domain = "network"
competency = 5
start = "q_scope"
title = { fr = "Supposer", en = "Assume" }
symptoms = { fr = ["supposer"], en = ["assume"] }

[[nodes]]
id = "q_scope"
kind = "question"
fact = "scope"
text = { fr = "Les autres sont-ils touchés ?", en = "Are others affected?" }
  [[nodes.choices]]
  id = "only_me"
  label = { fr = "Non, lui seul", en = "No, only this user" }
  set = { scope = "single" }
  next = "q_cable"
  [[nodes.choices]]
  id = "everyone"
  label = { fr = "Oui, tout le site", en = "Yes, the whole site" }
  set = { scope = "site" }
  next = "c_site"

[[nodes]]
id = "q_cable"
kind = "question"
fact = "cable"
text = { fr = "Le câble est-il branché ?", en = "Is the cable plugged in?" }
dont_know = "a_look"
  [[nodes.choices]]
  id = "yes"
  label = { fr = "Oui", en = "Yes" }
  set = { cable = true }
  next = "q_again"
  [[nodes.choices]]
  id = "no"
  label = { fr = "Non", en = "No" }
  set = { cable = false }
  next = "c_cable"

[[nodes]]
id = "a_look"
kind = "action"
text = { fr = "Regardez derrière le poste.", en = "Look behind the computer." }
  [[nodes.choices]]
  id = "plugged"
  label = { fr = "Branché", en = "Plugged in" }
  set = { cable = true }
  next = "q_again"
  [[nodes.choices]]
  id = "loose"
  label = { fr = "Débranché", en = "Loose" }
  set = { cable = false }
  next = "c_cable"

[[nodes]]
id = "q_again"
kind = "question"
fact = "scope"
text = { fr = "Confirmez : les autres sont-ils touchés ?", en = "Confirm: are others affected?" }
  [[nodes.choices]]
  id = "single"
  label = { fr = "Lui seul", en = "Only this user" }
  set = { scope = "single" }
  next = "c_card"
  [[nodes.choices]]
  id = "site"
  label = { fr = "Tout le site", en = "The whole site" }
  set = { scope = "site" }
  next = "c_site"

[[nodes]]
id = "c_site"
kind = "conclusion"
diagnosis = { fr = "Panne du site.", en = "Site outage." }
remedy = [ { fr = "Appelez l'opérateur.", en = "Call the ISP." } ]
outcome = "refer_vendor"
articles = ["net.site"]

[[nodes]]
id = "c_cable"
kind = "conclusion"
diagnosis = { fr = "Câble débranché.", en = "Cable unplugged." }
remedy = [ { fr = "Rebranchez le câble.", en = "Plug the cable back in." } ]
outcome = "resolved"
articles = ["net.cable"]

[[nodes]]
id = "c_card"
kind = "conclusion"
diagnosis = { fr = "Carte réseau en panne.", en = "Network card failure." }
remedy = [ { fr = "Remplacez la carte.", en = "Replace the card." } ]
outcome = "hardware_return"
articles = ["net.card"]
)";

/// q_first: "a" goes through q_mid (which may conclude c_one) to q_join,
/// "b" goes straight to q_join. a_ip is a typed value; a_retry can come back.
const char* dk_skip = R"(schema_version = 1
id = "t.skip"
domain = "network"
competency = 5
start = "q_first"
title = { fr = "Sauter", en = "Skip" }
symptoms = { fr = ["sauter"], en = ["skip"] }

[[nodes]]
id = "q_first"
kind = "question"
text = { fr = "Le voyant clignote-t-il ?", en = "Is the light blinking?" }
find_out = { fr = "Regardez la façade.", en = "Look at the front panel." }
  [[nodes.choices]]
  id = "a"
  label = { fr = "Oui", en = "Yes" }
  next = "q_mid"
  [[nodes.choices]]
  id = "b"
  label = { fr = "Non", en = "No" }
  next = "q_join"

[[nodes]]
id = "q_mid"
kind = "question"
text = { fr = "Clignote-t-il en orange ?", en = "Is it blinking amber?" }
  [[nodes.choices]]
  id = "x"
  label = { fr = "Non", en = "No" }
  next = "q_join"
  [[nodes.choices]]
  id = "y"
  label = { fr = "Oui", en = "Yes" }
  next = "c_one"

[[nodes]]
id = "q_join"
kind = "action"
text = { fr = "Imprimez une page de test.", en = "Print a test page." }
  [[nodes.choices]]
  id = "printed"
  label = { fr = "Imprimée", en = "Printed" }
  next = "a_ip"
  [[nodes.choices]]
  id = "nothing"
  label = { fr = "Rien", en = "Nothing" }
  next = "c_two"

[[nodes]]
id = "a_ip"
kind = "action"
text = { fr = "Relevez l'adresse de l'imprimante.", en = "Read the printer's address." }
input = "printer_ip"
next = "a_retry"

[[nodes]]
id = "a_retry"
kind = "action"
text = { fr = "Redémarrez l'imprimante puis réessayez.", en = "Restart the printer and try again." }
  [[nodes.choices]]
  id = "again"
  label = { fr = "Toujours en panne, recommencer", en = "Still failing, start again" }
  next = "a_retry"
  [[nodes.choices]]
  id = "works"
  label = { fr = "Ça marche", en = "It works" }
  set = { local_fault = true }
  next = "c_three"

[[nodes]]
id = "c_one"
kind = "conclusion"
diagnosis = { fr = "Cartouche vide.", en = "Empty cartridge." }
remedy = [ { fr = "Changez la cartouche.", en = "Replace the cartridge." } ]
outcome = "resolved"
articles = ["prn.ink"]

[[nodes]]
id = "c_two"
kind = "conclusion"
diagnosis = { fr = "Imprimante en panne.", en = "Printer failure." }
remedy = [ { fr = "Renvoyez l'imprimante.", en = "Return the printer." } ]
outcome = "hardware_return"
articles = ["prn.return"]

[[nodes]]
id = "c_three"
kind = "conclusion"
diagnosis = { fr = "Blocage passager.", en = "Transient hang." }
remedy = [ { fr = "Rien de plus.", en = "Nothing more." } ]
outcome = "resolved"
articles = ["prn.restart"]
)";

const char* dk_rules = R"(schema_version = 1
[[rules]]
id = "r.single_is_local"
when = [ { fact = "scope", op = "eq", value = "single" } ]
assert = { local_fault = true }
explain = { fr = "Un seul poste : panne locale.", en = "One computer only: a local fault." }
)";

struct DkKb {
  test::TempDir dir;
  std::shared_ptr<const Knowledge> k;
  DkKb() {
    dir.write("facts/dk.toml", dk_facts);
    dir.write("trees/network/t.assume.toml", dk_assume);
    dir.write("trees/network/t.skip.toml", dk_skip);
    dir.write("rules/dk.toml", dk_rules);
    auto loaded = load_knowledge({dir.path()});
    for (const auto& d : loaded.diagnostics) MESSAGE(format(d));
    REQUIRE(loaded.diagnostics.empty());
    k = loaded.knowledge;
  }
};

const PathEntry& last_unknown(const Session& s) {
  auto it = std::find_if(s.path().rbegin(), s.path().rend(), [](const PathEntry& e) { return e.kind == PathEntry::Kind::dont_know; });
  REQUIRE(it != s.path().rend());
  return *it;
}

bool says(const std::vector<ExplainLine>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(), [&](const ExplainLine& l) { return l.text.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("the don't know fixture trees load and lint clean") {
  DkKb kb;
  std::vector<Diagnostic> out;
  const std::vector<std::string> topics{"net.site", "net.cable", "net.card", "prn.ink", "prn.return", "prn.restart"};
  lint(*kb.k, out, &topics);
  for (const auto& d : out) MESSAGE(format(d));
  CHECK(out.empty());
}

TEST_CASE("don't know takes the node's own unknown branch where the author wrote one") {
  DkKb kb;
  Session s(kb.k, "t.assume");
  REQUIRE(s.answer("only_me") == AnswerError::none);
  CHECK(s.dont_know() == AnswerError::none);
  CHECK(s.step().node == "a_look");
  const PathEntry& e = last_unknown(s);
  CHECK(e.move == UnknownMove::branch);
  CHECK(e.to == "a_look");
  CHECK_FALSE(e.assumed);
  CHECK_FALSE(s.facts().count("cable"));
  CHECK(s.step().unknowns == std::vector<std::string>{"Is the cable plugged in?"});
  CHECK(s.step().assumptions.empty());
  CHECK_FALSE(s.assumed());
}

TEST_CASE("don't know skips to the nearest step every choice leads to and sets no fact") {
  DkKb kb;
  Session s(kb.k, "t.skip");
  CHECK(s.dont_know() == AnswerError::none);
  // q_mid is only behind "a"; q_join is behind both.
  CHECK(s.step().node == "q_join");
  const PathEntry& e = last_unknown(s);
  CHECK(e.move == UnknownMove::skip);
  CHECK(e.choice.empty());
  CHECK_FALSE(e.assumed);
  CHECK(s.step().unknowns.size() == 1);
  CHECK(s.step().assumptions.empty());
  SUBCASE("a typed value nobody knows goes on with the fact unknown") {
    REQUIRE(s.answer("printed") == AnswerError::none);
    REQUIRE(s.step().kind == StepKind::input);
    CHECK(s.dont_know() == AnswerError::none);
    CHECK(s.step().node == "a_retry");
    CHECK_FALSE(s.facts().count("printer_ip"));
    CHECK(last_unknown(s).move == UnknownMove::skip);
    SUBCASE("a choice that only comes back is never the assumed one") {
      CHECK(s.dont_know() == AnswerError::none);
      REQUIRE(s.concluded());
      CHECK(s.step().node == "c_three");
      CHECK(last_unknown(s).move == UnknownMove::assume);
      CHECK(last_unknown(s).choice == "works");
      CHECK(s.facts().at("local_fault").assumed);
      CHECK(s.step().unknowns.size() == 3);
    }
  }
  SUBCASE("the conclusion after a skip lists the unknown answer but is not assumed") {
    REQUIRE(s.answer("nothing") == AnswerError::none);
    REQUIRE(s.concluded());
    CHECK(s.step().unknowns == std::vector<std::string>{"Is the light blinking?"});
    CHECK_FALSE(s.assumed());
  }
}

TEST_CASE("don't know with no common step follows the branch with the most conclusions and marks it assumed") {
  DkKb kb;
  Session s(kb.k, "t.assume", {}, Lang::fr);
  CHECK(s.dont_know() == AnswerError::none);
  // only_me leads to c_cable and c_card (and c_site again), everyone to c_site only.
  CHECK(s.step().node == "q_cable");
  const PathEntry& e = last_unknown(s);
  CHECK(e.move == UnknownMove::assume);
  CHECK(e.choice == "only_me");
  CHECK(e.assumed);
  REQUIRE(s.facts().count("scope"));
  CHECK(s.facts().at("scope").value == "single");
  CHECK(s.facts().at("scope").assumed);
  // What a rule deduces from an assumed fact is assumed too.
  REQUIRE(s.facts().count("local_fault"));
  CHECK(s.facts().at("local_fault").assumed);
  CHECK(s.assumed());
  CHECK(s.step().assumptions == std::vector<std::string>{"Les autres sont-ils touchés ? -> Non, lui seul"});

  REQUIRE(s.answer("yes") == AnswerError::none);
  // q_again asks the assumed fact again: it is skipped, and the skip is an assumption too.
  REQUIRE(s.concluded());
  CHECK(s.step().node == "c_card");
  auto skip = std::find_if(s.path().begin(), s.path().end(), [](const PathEntry& p) { return p.node == "q_again"; });
  REQUIRE(skip != s.path().end());
  CHECK(skip->kind == PathEntry::Kind::skipped);
  CHECK(skip->assumed);
  CHECK_FALSE(s.facts().at("cable").assumed);

  SUBCASE("how() says which answer was unknown and that the conclusion is assumed") {
    for (Lang lang : {Lang::fr, Lang::en}) {
      const auto how = s.how(lang);
      CHECK(says(how, tr("report.assumed_conclusion", lang)));
      CHECK(says(how, tr("explain.assumed", lang)));
    }
    CHECK(says(s.how(Lang::en), "No, only this user"));
  }
  SUBCASE("the report says it in both languages") {
    for (Lang lang : {Lang::fr, Lang::en}) {
      const std::string md = render_report(s, lang);
      CHECK(md.find(tr("report.assumed_conclusion", lang)) != std::string::npos);
      CHECK(md.find(tr("report.unknown_answers", lang)) != std::string::npos);
      CHECK(md.find(tr("answer.dont_know", lang)) != std::string::npos);
    }
  }
}

TEST_CASE("back undoes an assumed don't know and retracts the assumed facts") {
  DkKb kb;
  Session s(kb.k, "t.assume");
  s.dont_know();
  REQUIRE(s.facts().count("scope"));
  CHECK(s.back() == AnswerError::none);
  CHECK(s.step().node == "q_scope");
  CHECK(s.facts().empty());
  CHECK_FALSE(s.assumed());
}

TEST_CASE("a session with unknown and assumed answers saves and resumes exactly") {
  DkKb kb;
  Session s(kb.k, "t.skip", {}, Lang::fr);
  s.dont_know(1700000000);
  s.answer("printed", 1700000010);
  s.dont_know(1700000020);
  s.dont_know(1700000030);
  REQUIRE(s.concluded());
  auto loaded = parse_session(kb.k, session_to_toml(s), "s.toml");
  REQUIRE_MESSAGE(loaded.session, loaded.error);
  const Session& r = *loaded.session;
  CHECK(r.step().node == s.step().node);
  CHECK(r.answers().size() == 4);
  REQUIRE(r.path().size() == s.path().size());
  for (std::size_t i = 0; i < r.path().size(); ++i) {
    CHECK(r.path()[i].kind == s.path()[i].kind);
    CHECK(r.path()[i].node == s.path()[i].node);
    CHECK(r.path()[i].move == s.path()[i].move);
    CHECK(r.path()[i].choice == s.path()[i].choice);
  }
  CHECK(r.step().assumptions == s.step().assumptions);
  CHECK(r.step().unknowns == s.step().unknowns);
}

TEST_CASE("an old session file whose don't know only showed the hint still resumes") {
  DkKb kb;
  // Before don't know moved on, "d" at q_first showed the hint and the
  // operator then answered the same step.
  const char* old = R"(format = "diagdesk-session"
schema_version = 1
tree = "t.skip"
[[answers]]
tree = "t.skip"
node = "q_first"
dont_know = true
[[answers]]
tree = "t.skip"
node = "q_first"
choice = "a"
)";
  auto loaded = parse_session(kb.k, old, "old.toml");
  REQUIRE_MESSAGE(loaded.session, loaded.error);
  CHECK(loaded.session->step().node == "q_mid");
  CHECK(loaded.session->answers().size() == 1);
  CHECK(loaded.session->step().unknowns.empty());
}

TEST_CASE("the find-out hint comes first only when asked for and only where the step has one") {
  DkKb kb;
  SUBCASE("a step with a find-out text") {
    Session s(kb.k, "t.skip");
    CHECK(s.dont_know(0, Session::DontKnow::hint_first) == AnswerError::none);
    CHECK(s.step().node == "q_first");
    CHECK(s.step().find_out == "Look at the front panel.");
    CHECK(s.answers().empty());
    CHECK(s.dont_know(0, Session::DontKnow::hint_first) == AnswerError::none);
    CHECK(s.step().node == "q_join");
    CHECK(s.step().find_out.empty());
  }
  SUBCASE("a step without one moves on at once") {
    Session s(kb.k, "t.assume");
    CHECK(s.dont_know(0, Session::DontKnow::hint_first) == AnswerError::none);
    CHECK(s.step().node == "q_cable");
  }
  SUBCASE("scripted don't know never stops for the hint") {
    Session s(kb.k, "t.skip");
    CHECK(s.dont_know() == AnswerError::none);
    CHECK(s.step().node == "q_join");
  }
}
