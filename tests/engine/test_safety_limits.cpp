// Hostile knowledge files and resource limits (issue 17): a cycle between
// trees through jumps, an unsafe tree id, a file over the size limit, deeply
// nested TOML, a 100,000-node tree, rules asserting facts in a loop, cycles of
// self-answering questions, floats where integers are expected. Every
// input is generated in a temporary folder; each case takes well under a second
// or two.
#include "fixture.hpp"

#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/engine/lint.hpp>
#include <diagdesk/engine/session.hpp>
#include <diagdesk/engine/session_file.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::engine;

namespace {

std::vector<Diagnostic> load_and_lint(const test::TempDir& dir, std::shared_ptr<const Knowledge>* kept = nullptr) {
  auto loaded = load_knowledge({dir.path()});
  auto out = loaded.diagnostics;
  lint(*loaded.knowledge, out, nullptr);
  if (kept) *kept = loaded.knowledge;
  return out;
}

const Diagnostic* find(const std::vector<Diagnostic>& ds, const std::string& code) {
  auto it = std::find_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code; });
  return it == ds.end() ? nullptr : &*it;
}

/// A tree whose start question leads, both ways, to a jump to `target`.
std::string jumping_tree(const std::string& id, const std::string& target) {
  return "schema_version = 1\nid = \"" + id +
         "\"\ndomain = \"network\"\ncompetency = 1\nstart = \"q\"\n"
         "title = { fr = \"T\", en = \"T\" }\nsymptoms = { fr = [\"x\"], en = [\"x\"] }\n"
         "[[nodes]]\nid = \"q\"\nkind = \"question\"\ntext = { fr = \"Q ?\", en = \"Q?\" }\n"
         "[[nodes.choices]]\nid = \"a\"\nlabel = { fr = \"A\", en = \"A\" }\nnext = \"j\"\n"
         "[[nodes.choices]]\nid = \"b\"\nlabel = { fr = \"B\", en = \"B\" }\nnext = \"j\"\n"
         "[[nodes]]\nid = \"j\"\nkind = \"jump\"\ntree = \"" + target + "\"\n";
}

}  // namespace

TEST_CASE("the linter finds a loop between trees through jumps and names the chain") {
  test::TempDir dir;
  test::write_mini_kb(dir);
  dir.write("trees/network/t.ping.toml", jumping_tree("t.ping", "t.pong"));
  dir.write("trees/network/t.pong.toml", jumping_tree("t.pong", "t.ping"));
  const auto out = load_and_lint(dir);
  const Diagnostic* d = find(out, "flow.tree_cycle");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::error);
  CHECK(d->message.find("t.ping:j") != std::string::npos);
  CHECK(d->message.find("t.pong:j") != std::string::npos);
  CHECK(std::count_if(out.begin(), out.end(), [](const Diagnostic& x) { return x.code == "flow.tree_cycle"; }) == 2);
}

TEST_CASE("jumps between trees that reach a conclusion are not a loop") {
  test::TempDir dir;
  test::write_mini_kb(dir);  // t.net jumps to t.other, which concludes
  CHECK(find(load_and_lint(dir), "flow.tree_cycle") == nullptr);
}

TEST_CASE("a tree id that could become a path outside the folders never loads") {
  for (const std::string& id : std::vector<std::string>{"../../etc/evil", "a/b", "/abs", "Upper.Case", ".hidden", "x..y", std::string(101, 'a')}) {
    CAPTURE(id);
    test::TempDir dir;
    test::write_mini_kb(dir);
    std::string text = jumping_tree("t.bad", "t.other");
    text.replace(text.find("\"t.bad\""), 7, "\"" + id + "\"");
    dir.write("trees/network/bad.toml", text);
    auto loaded = load_knowledge({dir.path()});
    const Diagnostic* d = find(loaded.diagnostics, "tree.id");
    REQUIRE(d != nullptr);
    CHECK(d->pos.file.find("bad.toml") != std::string::npos);
    CHECK(loaded.knowledge->find_tree(id) == nullptr);
  }
}

TEST_CASE("a knowledge file over the size limit is refused before it is read") {
  test::TempDir dir;
  test::write_mini_kb(dir);
  dir.write("trees/network/huge.toml", std::string(max_knowledge_file_bytes + 1, '#'));
  auto loaded = load_knowledge({dir.path()});
  const Diagnostic* d = find(loaded.diagnostics, "limit.file_size");
  REQUIRE(d != nullptr);
  CHECK(d->pos.file.find("huge.toml") != std::string::npos);
  CHECK(d->message.find("limit") != std::string::npos);
  CHECK(loaded.knowledge->find_tree("t.net") != nullptr);  // the rest still loads
}

TEST_CASE("10,000 levels of nested arrays, inline tables or tables are a clear error or bounded, never a crash") {
  test::TempDir dir;
  test::write_mini_kb(dir);
  const int depth = 10000;
  dir.write("trees/network/arrays.toml", "schema_version = 1\nx = " + std::string(depth, '[') + std::string(depth, ']') + "\n");
  std::string inl = "schema_version = 1\nx = ";
  for (int i = 0; i < depth; ++i) inl += "{ a = ";
  inl += "1" + std::string(depth, '}') + "\n";
  dir.write("trees/network/inline.toml", inl);
  std::string tables = "schema_version = 1\n[a";
  for (int i = 1; i < depth; ++i) tables += ".a";
  dir.write("trees/network/tables.toml", tables + "]\nb = 1\n");
  auto loaded = load_knowledge({dir.path()});
  int syntax = 0;
  for (const auto& d : loaded.diagnostics) {
    if (d.pos.file.find("arrays.toml") != std::string::npos || d.pos.file.find("inline.toml") != std::string::npos)
      syntax += d.code == "toml.syntax";
  }
  CHECK(syntax == 2);  // toml++ stops at 256 nested values (TOML_MAX_NESTED_VALUES)
  CHECK(loaded.knowledge->find_tree("t.net") != nullptr);
}

TEST_CASE("a 100,000-node tree is refused with a clear message, a 5,000-node one loads, lints and diagnoses") {
  auto tree = [](int n) {
    std::string t = "schema_version = 1\nid = \"t.huge\"\ndomain = \"network\"\ncompetency = 1\nstart = \"q0\"\n"
                    "title = { fr = \"T\", en = \"T\" }\nsymptoms = { fr = [\"x\"], en = [\"x\"] }\n";
    for (int i = 0; i < n; ++i) {
      const std::string next = i + 1 < n ? "q" + std::to_string(i + 1) : "c";
      t += "[[nodes]]\nid = \"q" + std::to_string(i) + "\"\nkind = \"question\"\ntext = { fr = \"Q\", en = \"Q\" }\n"
           "choices = [ { id = \"y\", label = { fr = \"O\", en = \"Y\" }, next = \"" + next + "\" } ]\n";
    }
    return t + "[[nodes]]\nid = \"c\"\nkind = \"conclusion\"\ndiagnosis = { fr = \"D\", en = \"D\" }\n"
               "remedy = [ { fr = \"R\", en = \"R\" } ]\noutcome = \"resolved\"\n";
  };
  {
    test::TempDir dir;
    test::write_mini_kb(dir);
    dir.write("trees/network/t.huge.toml", tree(100000));
    auto loaded = load_knowledge({dir.path()});
    const Diagnostic* d = find(loaded.diagnostics, "limit.tree_nodes");
    REQUIRE(d != nullptr);
    CHECK(d->message.find("100001 nodes") != std::string::npos);
    CHECK(loaded.knowledge->find_tree("t.huge") == nullptr);
  }
  test::TempDir dir;
  test::write_mini_kb(dir);
  dir.write("trees/network/t.huge.toml", tree(static_cast<int>(max_tree_nodes) - 1));
  std::shared_ptr<const Knowledge> k;
  const auto out = load_and_lint(dir, &k);
  REQUIRE(k->find_tree("t.huge") != nullptr);
  CHECK(find(out, "flow.cycle") == nullptr);
  Session s(k, "t.huge");
  for (int i = 0; i < 100; ++i) REQUIRE(s.answer("y") == AnswerError::none);
  CHECK(s.step().node == "q100");
}

TEST_CASE("rules that assert facts in a loop stop with a clear message after a bounded number of firings") {
  test::TempDir dir;
  test::write_mini_kb(dir);
  dir.write("rules/loop.toml", R"(schema_version = 1
[[rules]]
id = "r.flip"
when = [ { fact = "ip_config", op = "eq", value = "apipa" } ]
assert = { ip_config = "dhcp_ok" }
explain = { fr = "a", en = "a" }
[[rules]]
id = "r.flop"
when = [ { fact = "ip_config", op = "eq", value = "dhcp_ok" } ]
assert = { ip_config = "apipa" }
explain = { fr = "b", en = "b" }
)");
  auto out = load_and_lint(dir);
  CHECK(find(out, "rule.loop") != nullptr);  // the linter says it first
  auto loaded = load_knowledge({dir.path()});
  Session s(loaded.knowledge, "t.net", {{"ip_config", "apipa"}});
  CHECK(s.step().kind == StepKind::error);
  CHECK(s.step().error.find("rule loop") != std::string::npos);
  CHECK(s.step().error.find("r.flip") != std::string::npos);
}

TEST_CASE("a cycle of questions that answer themselves stops at the second visit and names its nodes") {
  test::TempDir dir;
  dir.write("facts/f.toml", R"(schema_version = 1
[facts.x]
type = "enum"
values = ["a", "b"]
label = { fr = "X", en = "X" }
)");
  std::string tree = R"(schema_version = 1
id = "t.cyc"
domain = "os"
competency = 3
start = "q1"
title = { fr = "Cycle", en = "Cycle" }
symptoms = { fr = ["cycle"], en = ["cycle"] }
)";
  for (const auto& [id, next] : {std::pair{"q1", "q2"}, std::pair{"q2", "q3"}, std::pair{"q3", "q1"}}) {
    tree += std::string("[[nodes]]\nid = \"") + id + "\"\nkind = \"question\"\ntext = { fr = \"Q ?\", en = \"Q?\" }\n" +
            "fact = \"x\"\n[[nodes.choices]]\nid = \"a\"\nlabel = { fr = \"A\", en = \"A\" }\nset = { x = \"a\" }\n" +
            "next = \"" + next + "\"\n[[nodes.choices]]\nid = \"b\"\nlabel = { fr = \"B\", en = \"B\" }\n" +
            "set = { x = \"b\" }\nnext = \"c\"\n";
  }
  tree += "[[nodes]]\nid = \"c\"\nkind = \"conclusion\"\ndiagnosis = { fr = \"D\", en = \"D\" }\n"
          "remedy = [ { fr = \"R\", en = \"R\" } ]\noutcome = \"resolved\"\n";
  dir.write("trees/t.toml", tree);
  auto loaded = load_knowledge({dir.path()});
  SUBCASE("known from the start") {
    Session s(loaded.knowledge, "t.cyc", {{"x", "a"}});
    REQUIRE(s.step().kind == StepKind::error);
    const std::string& e = s.step().error;
    CHECK(e.find("the tree loops") != std::string::npos);
    CHECK(e.find("t.cyc:q1 -> t.cyc:q2 -> t.cyc:q3 -> t.cyc:q1") != std::string::npos);
    CHECK(s.path().size() == 3);  // stopped at once, not after 100,000 moves
  }
  SUBCASE("answered, then the other value leaves the cycle") {
    Session s(loaded.knowledge, "t.cyc");
    REQUIRE(s.step().kind == StepKind::question);
    CHECK(s.answer("a") == AnswerError::none);
    CHECK(s.step().kind == StepKind::error);
    CHECK(s.back() == AnswerError::none);
    CHECK(s.answer("b") == AnswerError::none);
    CHECK(s.step().kind == StepKind::conclusion);
  }
}

TEST_CASE("rules that bring the facts back to an earlier state are named as soon as the state repeats") {
  test::TempDir dir;
  test::write_mini_kb(dir);
  dir.write("rules/loop.toml", R"(schema_version = 1
[[rules]]
id = "r.one"
when = [ { fact = "ip_config", op = "eq", value = "apipa" } ]
assert = { ip_config = "dhcp_ok" }
explain = { fr = "a", en = "a" }
[[rules]]
id = "r.two"
when = [ { fact = "ip_config", op = "eq", value = "dhcp_ok" } ]
assert = { ip_config = "static" }
explain = { fr = "b", en = "b" }
[[rules]]
id = "r.three"
when = [ { fact = "ip_config", op = "eq", value = "static" } ]
assert = { ip_config = "apipa" }
explain = { fr = "c", en = "c" }
)");
  auto loaded = load_knowledge({dir.path()});
  Session s(loaded.knowledge, "t.net", {{"ip_config", "apipa"}});
  REQUIRE(s.step().kind == StepKind::error);
  const std::string& e = s.step().error;
  CHECK(e.find("rule loop") != std::string::npos);
  CHECK(e.find("r.one -> r.two -> r.three -> r.one") != std::string::npos);
  CHECK(s.fired_rules().size() == 3);  // not the 64 + 8 x rules bound
}

TEST_CASE("a float where an integer is expected is an error or ignored, never cast (toml++ float to integer)") {
  test::TempDir dir;
  test::write_mini_kb(dir);
  auto loaded = load_knowledge({dir.path()});
  REQUIRE(loaded.diagnostics.empty());
  SUBCASE("saved session") {
    const std::string base = "format = \"diagdesk-session\"\ntree = \"t.net\"\n";
    // 1e300 does not fit an int64: reading it as one was undefined behaviour.
    auto bad_version = parse_session(loaded.knowledge, base + "schema_version = 1e300\n", "v.toml");
    CHECK_FALSE(bad_version.session);
    CHECK(bad_version.error.find("schema_version") != std::string::npos);
    auto times = parse_session(loaded.knowledge,
                               base + "schema_version = 1\nstarted = 1e300\n[[answers]]\ntree = \"t.net\"\n"
                                      "node = \"q_link\"\nchoice = \"on\"\ntime = -1e300\n",
                               "t.toml");
    REQUIRE_MESSAGE(times.session, times.error);
    CHECK(times.info.date == 0);
    REQUIRE(times.session->answers().size() == 1);
    CHECK(times.session->answers()[0].time == 0);
  }
  SUBCASE("tree competency and rule salience") {
    std::string tree = test::mini_tree;
    tree.replace(tree.find("competency = 5"), 14, "competency = 1e300");
    dir.write("trees/network/t.net.toml", tree);
    dir.write("rules/float.toml", "schema_version = 1\n[[rules]]\nid = \"r.float\"\nsalience = 1e300\n"
                                  "when = [ { fact = \"link\", op = \"eq\", value = true } ]\nassert = { dns_ok = true }\n");
    auto out = load_and_lint(dir);
    const Diagnostic* c = find(out, "tree.competency");
    REQUIRE(c != nullptr);
    CHECK(c->message.find("integer") != std::string::npos);
    CHECK(std::any_of(out.begin(), out.end(), [](const Diagnostic& d) {
      return d.code == "key.type" && d.message.find("salience") != std::string::npos;
    }));
  }
}
