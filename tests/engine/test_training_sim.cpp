// Training: the simulator answers from ground truth, and the expert path.
#include "test_training_fixture.hpp"

#include <diagdesk/engine/i18n.hpp>

using namespace diagdesk::engine;
using test::TrainingFixture;

namespace {

/// One question whose choices assert overlapping facts (link; link + dns_ok).
const char* overlap_tree = R"(schema_version = 1
id = "t.amb"
domain = "network"
competency = 5
start = "q"
title = { fr = "Ambigu", en = "Ambiguous" }
symptoms = { fr = ["x"], en = ["x"] }
[[nodes]]
id = "q"
kind = "question"
text = { fr = "Question ?", en = "Question?" }
  [[nodes.choices]]
  id = "link_only"
  label = { fr = "Lien", en = "Link" }
  set = { link = true }
  next = "c"
  [[nodes.choices]]
  id = "link_and_dns"
  label = { fr = "Lien et DNS", en = "Link and DNS" }
  set = { link = true, dns_ok = true }
  next = "c"
  [[nodes.choices]]
  id = "nothing_set"
  label = { fr = "Autre", en = "Other" }
  next = "c"
[[nodes]]
id = "c"
kind = "conclusion"
diagnosis = { fr = "Fin.", en = "End." }
remedy = [ { fr = "Rien.", en = "Nothing." } ]
outcome = "resolved"
articles = ["net.dns"]
)";

/// The fixture scenario with its [facts] table replaced; `top` adds
/// top-level keys, `tables` adds tables before [facts].
std::string with_facts(const std::string& facts, const std::string& top = "", const std::string& tables = "") {
  std::string s = test::dns_scenario;
  const auto context = s.find("[context]");
  const auto begin = s.find("[facts]");
  const auto end = s.find("[expected]");
  return s.substr(0, context) + top + "\n" + s.substr(context, begin - context) + tables + "[facts]\n" + facts + "\n" +
         s.substr(end);
}

}  // namespace

TEST_CASE("the simulator answers every step from the ground truth") {
  TrainingFixture f;
  Simulator sim(*f.knowledge, f.scenario());
  struct Row {
    const char* tree;
    const char* node;
    ReplyKind kind;
    const char* answer;
    const char* source;
  };
  const Row rows[] = {
      {"t.net", "q_link", ReplyKind::choice, "on", "fact:link"},
      {"t.net", "a_ip", ReplyKind::value, "192.168.1.20", "fact:ip_address"},
      {"t.net", "q_kind", ReplyKind::choice, "ok", "fact:ip_config"},
      {"t.net", "q_dns", ReplyKind::choice, "no", "fact:dns_ok"},
      {"t.net", "a_nslookup", ReplyKind::choice, "timeout", "fact:dns_ok"},
      {"t.other", "q_os", ReplyKind::choice, "win", "fact:os"},
  };
  for (const auto& r : rows) {
    INFO(r.tree << ":" << r.node);
    const Reply reply = sim.reply(r.tree, r.node);
    CHECK(reply.kind == r.kind);
    CHECK((reply.kind == ReplyKind::value ? reply.value : reply.choice) == r.answer);
    CHECK(reply.source == r.source);
    // The reply is consistent with the ground truth: the facts it asserts are true.
    if (reply.kind == ReplyKind::choice) {
      const Node* n = f.knowledge->find_node(r.node, r.tree);
      for (const auto& [key, value] : n->find_choice(reply.choice)->set) {
        REQUIRE(f.scenario().fact(key) != nullptr);
        CHECK(*f.scenario().fact(key) == value);
      }
    }
  }
  CHECK(sim.reply("t.net", "c_dns").kind == ReplyKind::undetermined);   // conclusions are not asked
  CHECK(sim.reply("t.net", "nope").kind == ReplyKind::undetermined);
  CHECK(sim.say("t.net", "q_dns", sim.reply("t.net", "q_dns"), Lang::fr) == "Non");
  CHECK(sim.say("t.net", "a_ip", sim.reply("t.net", "a_ip"), Lang::en) == "192.168.1.20");
}

TEST_CASE("overrides, don't know and the user's own words come first") {
  TrainingFixture f(with_facts("link = true\nip_address = \"192.168.1.20\"\n", "dont_know = [\"t.net:q_dns\"]\n",
                               "[answers]\n\"t.net:a_nslookup\" = \"timeout\"\n\"t.net:a_ip\" = \"10.0.0.9\"\n"
                               "\n[replies]\n\"t.net:q_link\" = { fr = \"Oui, il clignote en vert.\", en = \"Yes, it blinks green.\" }\n\n"));
  Simulator sim(*f.knowledge, f.scenario());
  const Reply dk = sim.reply("t.net", "q_dns");
  CHECK(dk.kind == ReplyKind::dont_know);
  CHECK(dk.source == "dont_know");
  CHECK(sim.say("t.net", "q_dns", dk, Lang::fr) == tr("train.reply_dont_know", Lang::fr));
  const Reply ns = sim.reply("t.net", "a_nslookup");
  CHECK(ns.kind == ReplyKind::choice);
  CHECK(ns.choice == "timeout");
  CHECK(ns.source == "answers");
  CHECK(sim.reply("t.net", "a_ip").value == "10.0.0.9");  // an override beats the fact
  CHECK(sim.say("t.net", "q_link", sim.reply("t.net", "q_link"), Lang::en) == "Yes, it blinks green.");
  // Not determined: no fact, no override. Said as "nothing to see", never invented.
  const Reply none = sim.reply("t.other", "q_os");
  CHECK(none.kind == ReplyKind::undetermined);
  CHECK(sim.say("t.other", "q_os", none, Lang::en) == tr("train.reply_nothing_question", Lang::en));
}

TEST_CASE("a choice that fits the ground truth is found, several are ambiguous") {
  TrainingFixture f(with_facts("link = true\nip_address = \"192.168.1.20\"\nip_config = \"dhcp_ok\"\ndns_ok = false\n"));
  f.dir.write("trees/network/t.amb.toml", overlap_tree);
  f.reload();
  SUBCASE("all facts of one choice are true") {
    // link_and_dns contradicts dns_ok = false; link_only fits fully.
    Simulator sim(*f.knowledge, f.scenario());
    CHECK(sim.reply("t.amb", "q").choice == "link_only");
  }
  SUBCASE("two choices fit fully") {
    TrainingFixture g(with_facts("link = true\ndns_ok = true\n"));
    g.dir.write("trees/network/t.amb.toml", overlap_tree);
    g.reload();
    Simulator sim(*g.knowledge, g.scenario());
    const Reply r = sim.reply("t.amb", "q");
    CHECK(r.kind == ReplyKind::ambiguous);
    CHECK(r.candidates == std::vector<std::string>{"link_only", "link_and_dns"});
  }
  SUBCASE("only part of a choice's facts is known") {
    TrainingFixture g(with_facts("dns_ok = true\n"));
    g.dir.write("trees/network/t.amb.toml", overlap_tree);
    g.reload();
    Simulator sim(*g.knowledge, g.scenario());
    const Reply r = sim.reply("t.amb", "q");
    CHECK(r.kind == ReplyKind::choice);
    CHECK(r.choice == "link_and_dns");
    CHECK(r.source == "fact:dns_ok");
  }
}

TEST_CASE("the expert path follows the simulator to the conclusion") {
  TrainingFixture f;
  const ExpertPath e = play_expert(f.knowledge, f.scenario(), f.set);
  CHECK(e.error.empty());
  CHECK(e.conclusion == "t.net:c_dns");
  REQUIRE(e.steps.size() == 3);
  CHECK(e.steps[0].node == "q_link");
  CHECK(e.steps[0].cost == cost_question);
  CHECK(e.steps[1].node == "a_ip");
  CHECK(e.steps[1].cost == cost_command);
  CHECK(e.steps[2].node == "q_dns");  // q_kind is skipped: the rule deduced ip_config
  CHECK(e.cost == 5);
  CHECK(e.trees == std::vector<std::string>{"t.net"});
}

TEST_CASE("the expert path goes through don't know routes and jumps") {
  SUBCASE("don't know leads to a test") {
    TrainingFixture f(with_facts("link = true\nip_address = \"192.168.1.20\"\ndns_ok = false\n", "dont_know = [\"t.net:q_dns\"]\n"));
    const ExpertPath e = play_expert(f.knowledge, f.scenario(), f.set);
    CHECK(e.conclusion == "t.net:c_dns");
    REQUIRE(e.steps.size() == 4);
    CHECK(e.steps[2].reply.kind == ReplyKind::dont_know);
    CHECK(e.steps[3].node == "a_nslookup");
    CHECK(e.cost == 1 + 3 + 1 + cost_observation);
  }
  SUBCASE("a jump continues in the other tree") {
    TrainingFixture f(with_facts("link = true\nip_address = \"192.168.1.20\"\ndns_ok = true\nos = \"linux\"\n"));
    const ExpertPath e = play_expert(f.knowledge, f.scenario(), f.set);
    CHECK(e.conclusion == "t.other:c_done");
    CHECK(e.trees == std::vector<std::string>{"t.net", "t.other"});
    CHECK(e.steps.back().reply.choice == "lin");
  }
  SUBCASE("given facts skip their questions") {
    TrainingFixture f(with_facts("link = true\nip_address = \"192.168.1.20\"\ndns_ok = false\n", "given = [\"link\"]\n"));
    const ExpertPath e = play_expert(f.knowledge, f.scenario(), f.set);
    CHECK(e.steps.size() == 2);
    CHECK(e.cost == 4);
  }
}

TEST_CASE("the expert path stops where the scenario cannot answer") {
  SUBCASE("no fact and no override") {
    TrainingFixture f(with_facts("link = true\nip_address = \"192.168.1.20\"\n"));
    const ExpertPath e = play_expert(f.knowledge, f.scenario(), f.set);
    CHECK(e.conclusion.empty());
    CHECK(e.error_ref == "t.net:q_dns");
    CHECK(e.error.find("does not say what the user or the machine answers") != std::string::npos);
  }
  SUBCASE("don't know with nowhere to go") {
    TrainingFixture f(with_facts("link = true\n", "dont_know = [\"t.net:q_link\"]\n"));
    const ExpertPath e = play_expert(f.knowledge, f.scenario(), f.set);
    CHECK(e.error_ref == "t.net:q_link");
    CHECK(e.error.find("no 'dont_know' route") != std::string::npos);
  }
  SUBCASE("an override the tree refuses") {
    TrainingFixture f(with_facts("link = true\n", "", "[answers]\n\"t.net:a_ip\" = \"not-an-ip\"\n\n"));
    const ExpertPath e = play_expert(f.knowledge, f.scenario(), f.set);
    CHECK(e.error_ref == "t.net:a_ip");
    CHECK(e.error.find("refuses the answer 'not-an-ip'") != std::string::npos);
  }
}

TEST_CASE("format_text fills numbered placeholders") {
  CHECK(format_text("{1} and {2}, {1}", {"a", "b"}) == "a and b, a");
  CHECK(format_text("{1}", {"{1}"}) == "{1}");
  CHECK(format_text("none", {}) == "none");
}
