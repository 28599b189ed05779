// Hostile knowledge files and resource limits (issue 17): a cycle between
// trees through jumps, an unsafe tree id, a file over the size limit, deeply
// nested TOML, a 100,000-node tree, rules asserting facts in a loop. Every
// input is generated in a temporary folder; each case takes well under a second
// or two.
#include "fixture.hpp"

#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/engine/lint.hpp>
#include <diagdesk/engine/session.hpp>

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
