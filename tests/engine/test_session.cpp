// Sessions: answering, skipping known facts, rules, back, don't know, jumps, explanations.
#include "fixture.hpp"

#include <diagdesk/engine/lint.hpp>
#include <diagdesk/engine/session.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::engine;

namespace {

struct MiniKb {
  test::TempDir dir;
  std::shared_ptr<const Knowledge> k;
  MiniKb() {
    test::write_mini_kb(dir);
    auto loaded = load_knowledge({dir.path()});
    for (const auto& d : loaded.diagnostics) MESSAGE(format(d));
    REQUIRE(loaded.diagnostics.empty());
    k = loaded.knowledge;
  }
};

bool has_path(const Session& s, PathEntry::Kind kind, const std::string& node) {
  return std::any_of(s.path().begin(), s.path().end(),
                     [&](const PathEntry& e) { return e.kind == kind && e.node == node; });
}

}  // namespace

TEST_CASE("the mini knowledge base loads and lints clean") {
  MiniKb kb;
  std::vector<Diagnostic> out;
  const auto topics = test::mini_topics();
  lint(*kb.k, out, &topics);
  for (const auto& d : out) MESSAGE(format(d));
  CHECK(out.empty());
  CHECK(kb.k->trees().size() == 2);
  CHECK(kb.k->rules().front().id == "r.apipa");  // highest salience first
}

TEST_CASE("a session starts on the tree's first question with its choices") {
  MiniKb kb;
  Session s(kb.k, "t.net", {}, Lang::fr);
  CHECK(s.step().kind == StepKind::question);
  CHECK(s.step().node == "q_link");
  CHECK(s.step().text == "Le voyant est-il allumé ?");
  REQUIRE(s.step().choices.size() == 2);
  CHECK(s.step().choices[1].label == "Non");
}

TEST_CASE("answers by id or by number lead to the conclusion") {
  MiniKb kb;
  SUBCASE("by id") {
    Session s(kb.k, "t.net");
    CHECK(s.answer("off") == AnswerError::none);
    CHECK(s.concluded());
    CHECK(s.step().node == "c_cable");
    CHECK(s.step().outcome == Outcome::resolved);
    CHECK(s.step().remedy == std::vector<std::string>{"Plug the cable back in."});
    CHECK(s.step().articles == std::vector<std::string>{"net.cable"});
  }
  SUBCASE("by number") {
    Session s(kb.k, "t.net");
    CHECK(s.answer("2") == AnswerError::none);
    CHECK(s.step().node == "c_cable");
  }
}

TEST_CASE("an answer that is not a choice is refused and changes nothing") {
  MiniKb kb;
  Session s(kb.k, "t.net");
  for (const char* bad : {"maybe", "0", "3", "", "-1", "1x"}) {
    CHECK(s.answer(bad) == AnswerError::not_a_choice);
  }
  CHECK(s.step().node == "q_link");
  CHECK(s.answers().empty());
  CHECK(s.path().empty());
}

TEST_CASE("a typed IP address fires a rule that answers the next question") {
  MiniKb kb;
  Session s(kb.k, "t.net");
  s.answer("on");
  CHECK(s.step().kind == StepKind::input);
  CHECK(s.step().input_fact == "ip_address");
  CHECK(s.answer("169.254.12.7") == AnswerError::none);
  CHECK(s.concluded());
  CHECK(s.step().node == "c_dhcp");
  CHECK(s.facts().at("ip_config").value == "apipa");
  CHECK(s.facts().at("ip_config").source == FactSource::rule);
  CHECK(s.facts().at("ip_config").origin == "r.apipa");
  CHECK(has_path(s, PathEntry::Kind::skipped, "q_kind"));
  CHECK(s.fired_rules() == std::vector<std::string>{"r.apipa"});
}

TEST_CASE("a malformed typed value is refused") {
  MiniKb kb;
  Session s(kb.k, "t.net");
  s.answer("on");
  CHECK(s.answer("300.1.1.1") == AnswerError::bad_value);
  CHECK(s.answer("hello") == AnswerError::bad_value);
  CHECK(s.step().node == "a_ip");
}

TEST_CASE("a question bound to a fact given at start is skipped and the skip is recorded") {
  MiniKb kb;
  Session s(kb.k, "t.net", {{"link", "false"}});
  CHECK(s.concluded());
  CHECK(s.step().node == "c_cable");
  REQUIRE(s.path().size() >= 1);
  CHECK(s.path().front().kind == PathEntry::Kind::skipped);
  CHECK(s.path().front().fact == "link");
  CHECK(s.answers().empty());
}

TEST_CASE("back undoes answers and retracts the facts they asserted") {
  MiniKb kb;
  Session s(kb.k, "t.net");
  s.answer("on");
  s.answer("192.168.1.20");
  CHECK(s.step().node == "q_dns");
  CHECK(s.facts().count("ip_config") == 1);
  SUBCASE("one step") {
    CHECK(s.back() == AnswerError::none);
    CHECK(s.step().node == "a_ip");
    CHECK(s.facts().count("ip_address") == 0);
    CHECK(s.facts().count("ip_config") == 0);
    CHECK(s.facts().at("link").value == "true");
  }
  SUBCASE("several steps") {
    CHECK(s.back(2) == AnswerError::none);
    CHECK(s.step().node == "q_link");
    CHECK(s.facts().empty());
    CHECK(s.back() == AnswerError::nothing_to_undo);
  }
  SUBCASE("from a conclusion") {
    s.answer("no");
    CHECK(s.concluded());
    s.back();
    CHECK(s.step().node == "q_dns");
    CHECK(s.step().rule_warnings.empty());
  }
}

TEST_CASE("don't know follows the tree's target and shows how to find out first when asked to") {
  MiniKb kb;
  Session s(kb.k, "t.net");
  s.answer("on");
  s.answer("192.168.1.20");
  CHECK(s.dont_know() == AnswerError::none);
  CHECK(s.step().node == "a_nslookup");
  CHECK(s.step().warnings.size() == 1);
  CHECK(s.step().find_out.empty());
  // No target on a_nslookup: the first "don't know" only tells how to find out.
  CHECK(s.dont_know(0, Session::DontKnow::hint_first) == AnswerError::none);
  CHECK(s.step().node == "a_nslookup");
  CHECK(s.step().find_out == "Type nslookup example.com.");
  CHECK(s.answers().size() == 3);
  SUBCASE("the operator checked and answers") {
    CHECK(s.answer("timeout") == AnswerError::none);
    CHECK(s.step().node == "c_dns");
    CHECK(s.answers().size() == 4);
  }
  SUBCASE("a second don't know moves on") {
    CHECK(s.dont_know(0, Session::DontKnow::hint_first) == AnswerError::none);
    CHECK(s.step().node != "a_nslookup");
    CHECK(s.answers().size() == 4);
    CHECK(s.answers().back().dont_know);
  }
}

TEST_CASE("rules add warnings and recommendations") {
  MiniKb kb;
  Session s(kb.k, "t.net");
  s.answer("on");
  s.answer("192.168.1.20");
  s.answer("no");
  CHECK(s.step().rule_warnings == std::vector<std::string>{"Check the proxy too."});
  CHECK(s.step().recommendations == std::vector<std::string>{"t.other"});
}

TEST_CASE("a jump continues in the other tree with the facts carried over") {
  MiniKb kb;
  Session s(kb.k, "t.net", {{"os", "linux"}});
  s.answer("on");
  s.answer("192.168.1.20");
  s.answer("yes");
  // os is known from the start, so the other tree's first question is skipped too.
  CHECK(s.concluded());
  CHECK(s.step().tree == "t.other");
  CHECK(s.step().node == "c_done");
  CHECK(has_path(s, PathEntry::Kind::jumped, "j_other"));
  CHECK(has_path(s, PathEntry::Kind::skipped, "q_os"));
}

TEST_CASE("why gives the purpose and the path, how gives the rule chain") {
  MiniKb kb;
  Session s(kb.k, "t.net");
  auto why = s.why(Lang::en);
  REQUIRE(!why.empty());
  CHECK(why.front().text == "Separates the cable from the rest.");
  s.answer("on");
  s.answer("169.254.1.1");
  auto how = s.how(Lang::en);
  auto contains = [&](const std::string& needle) {
    return std::any_of(how.begin(), how.end(), [&](const ExplainLine& l) { return l.text.find(needle) != std::string::npos; });
  };
  CHECK(contains("Is the link light on? -> Yes"));
  CHECK(contains("Since IP address: within the network 169.254.0.0/16, deduced IP configuration: 169.254.x.x. APIPA: no DHCP."));
  CHECK(contains("DHCP does not answer."));
  CHECK(contains("IP configuration: 169.254.x.x (deduced by a rule)"));
  auto how_fr = s.how(Lang::fr);
  CHECK(std::any_of(how_fr.begin(), how_fr.end(), [](const ExplainLine& l) { return l.text.find("Le voyant est-il allumé ? -> Oui") != std::string::npos; }));
}

TEST_CASE("an unknown tree gives an error step, not a crash") {
  MiniKb kb;
  Session s(kb.k, "nope");
  CHECK(s.step().kind == StepKind::error);
  CHECK(s.answer("1") == AnswerError::no_question);
}

TEST_CASE("rules that undo each other stop with a rule loop error") {
  test::TempDir dir;
  dir.write("facts/f.toml", R"(schema_version = 1
[facts.x]
type = "enum"
values = ["a", "b"]
label = { fr = "X", en = "X" }
[facts.go]
type = "bool"
label = { fr = "Go", en = "Go" }
)");
  dir.write("rules/loop.toml", R"(schema_version = 1
[[rules]]
id = "r.ab"
when = [ { fact = "x", op = "eq", value = "a" } ]
assert = { x = "b" }
[[rules]]
id = "r.ba"
when = [ { fact = "x", op = "eq", value = "b" } ]
assert = { x = "a" }
)");
  dir.write("trees/t.toml", R"(schema_version = 1
id = "t.loop"
domain = "os"
competency = 3
start = "q"
title = { fr = "Boucle", en = "Loop" }
symptoms = { fr = ["boucle"], en = ["loop"] }
[[nodes]]
id = "q"
kind = "question"
text = { fr = "Q ?", en = "Q?" }
  [[nodes.choices]]
  id = "a"
  label = { fr = "A", en = "A" }
  set = { x = "a" }
  next = "c"
[[nodes]]
id = "c"
kind = "conclusion"
diagnosis = { fr = "D", en = "D" }
remedy = [ { fr = "R", en = "R" } ]
outcome = "resolved"
articles = ["a.b"]
)");
  auto loaded = load_knowledge({dir.path()});
  REQUIRE(loaded.diagnostics.empty());
  Session s(loaded.knowledge, "t.loop");
  CHECK(s.answer("a") == AnswerError::none);
  CHECK(s.step().kind == StepKind::error);
  CHECK(s.step().error.find("rule loop") != std::string::npos);
  std::vector<Diagnostic> out;
  lint(*loaded.knowledge, out);
  CHECK(std::any_of(out.begin(), out.end(), [](const Diagnostic& d) { return d.code == "rule.loop"; }));
}

TEST_CASE("integer conditions compare as numbers") {
  // Regression: integers in rules were read as booleans ("true").
  test::TempDir dir;
  dir.write("facts/f.toml", R"T(schema_version = 1
[facts.free]
type = "int"
label = { fr = "Espace libre (%)", en = "Free space (%)" }
[facts.full]
type = "bool"
label = { fr = "Disque plein", en = "Disk full" }
)T");
  dir.write("rules/r.toml", R"T(schema_version = 1
[[rules]]
id = "r.full"
when = [ { fact = "free", op = "lt", value = 10 } ]
assert = { full = true }
)T");
  dir.write("trees/t.toml", R"T(schema_version = 1
id = "t.disk"
domain = "os"
competency = 3
start = "a"
title = { fr = "Disque", en = "Disk" }
symptoms = { fr = ["disque"], en = ["disk"] }
[[nodes]]
id = "a"
kind = "action"
text = { fr = "Espace libre ?", en = "Free space?" }
input = "free"
next = "q"
[[nodes]]
id = "q"
kind = "question"
fact = "full"
text = { fr = "Plein ?", en = "Full?" }
  [[nodes.choices]]
  id = "y"
  label = { fr = "Oui", en = "Yes" }
  set = { full = true }
  next = "c"
  [[nodes.choices]]
  id = "n"
  label = { fr = "Non", en = "No" }
  set = { full = false }
  next = "c"
[[nodes]]
id = "c"
kind = "conclusion"
diagnosis = { fr = "D", en = "D" }
remedy = [ { fr = "R", en = "R" } ]
outcome = "resolved"
articles = ["a.b"]
)T");
  auto loaded = load_knowledge({dir.path()});
  REQUIRE(loaded.diagnostics.empty());
  REQUIRE(loaded.knowledge->rules().size() == 1);
  CHECK(loaded.knowledge->rules()[0].when[0].values == std::vector<std::string>{"10"});
  Session low(loaded.knowledge, "t.disk");
  low.answer("7");
  CHECK(low.concluded());
  CHECK(low.facts().at("full").value == "true");
  Session high(loaded.knowledge, "t.disk");
  high.answer("25");
  CHECK(high.step().node == "q");
}

#include <diagdesk/engine/walk.hpp>

TEST_CASE("walking a tree reaches every conclusion with a replayable answer list") {
  MiniKb kb;
  auto w = walk_tree(kb.k, "t.net");
  CHECK(w.unreached.empty());
  CHECK(w.errors.empty());
  REQUIRE(w.reached.count("t.net:c_dhcp") == 1);
  Session s(kb.k, "t.net");
  for (const auto& a : w.reached["t.net:c_dhcp"]) (a == "?" ? s.dont_know() : s.answer(a));
  CHECK(s.step().node == "c_dhcp");
  CHECK(w.reached.count("t.other:c_done") == 1);  // through the jump
  const auto ips = input_candidates(*kb.k, "ip_address");
  CHECK(std::find(ips.begin(), ips.end(), "169.254.0.7") != ips.end());
}
