// Loading and linting bad data: each problem is named with file and position.
#include "fixture.hpp"

#include <diagdesk/engine/lint.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::engine;

namespace {

/// Loads the mini KB plus `rel` = `content`, lints, and returns every finding.
std::vector<Diagnostic> check(const std::string& rel, const std::string& content, bool replace_tree = false) {
  test::TempDir dir;
  test::write_mini_kb(dir);
  if (replace_tree) std::filesystem::remove(dir.path() / "trees/network/t.net.toml");
  dir.write(rel, content);
  auto loaded = load_knowledge({dir.path()});
  auto out = loaded.diagnostics;
  auto topics = test::mini_topics();
  topics.push_back("x.y");
  lint(*loaded.knowledge, out, &topics);
  // Paths are made relative so expectations do not depend on the temp dir.
  for (auto& d : out) d.pos.file = std::filesystem::path(d.pos.file).lexically_relative(dir.path()).string();
  return out;
}

const Diagnostic* find(const std::vector<Diagnostic>& ds, const std::string& code) {
  auto it = std::find_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code; });
  return it == ds.end() ? nullptr : &*it;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("malformed TOML is reported with file, line and column and the rest still loads") {
  auto ds = check("trees/bad.toml", "schema_version = 1\nid = \"x\nkind = 3\n");
  const Diagnostic* d = find(ds, "toml.syntax");
  REQUIRE(d);
  CHECK(d->pos.file == "trees/bad.toml");
  CHECK(d->pos.line == 2);
  CHECK(d->pos.column > 1);
  CHECK(format(*d).rfind("trees/bad.toml:2:", 0) == 0);
  CHECK(!find(ds, "ref.unknown_node"));  // the good trees are unaffected
}

TEST_CASE("a node pointing nowhere is an error at the choice's line") {
  auto ds = check("trees/network/t.net.toml", replaced(test::mini_tree, "next = \"c_cable\"", "next = \"c_missing\""), true);
  const Diagnostic* d = find(ds, "ref.unknown_node");
  REQUIRE(d);
  CHECK(d->message.find("c_missing") != std::string::npos);
  CHECK(d->pos.line == 24);
  CHECK(d->pos.column == 10);
}

TEST_CASE("a cycle with no exit is found") {
  std::string tree = test::mini_tree;
  // a_nslookup's answers both go back to q_dns, which can only reach a_nslookup or c_dns...
  tree = replaced(tree, "  set = { dns_ok = false }\n  next = \"c_dns\"\n\n[[nodes]]\nid = \"a_nslookup\"",
                  "  set = { dns_ok = false }\n  next = \"a_nslookup\"\n\n[[nodes]]\nid = \"a_nslookup\"");
  tree = replaced(tree, "  set = { dns_ok = true }\n  next = \"j_other\"\n  [[nodes.choices]]\n  id = \"timeout\"",
                  "  set = { dns_ok = true }\n  next = \"q_dns\"\n  [[nodes.choices]]\n  id = \"timeout\"");
  tree = replaced(tree, "  set = { dns_ok = true }\n  next = \"j_other\"\n  [[nodes.choices]]\n  id = \"no\"",
                  "  set = { dns_ok = true }\n  next = \"a_nslookup\"\n  [[nodes.choices]]\n  id = \"no\"");
  tree = replaced(tree, "id = \"timeout\"\n  label = { fr = \"Délai dépassé\", en = \"Timed out\" }\n  set = { dns_ok = false }\n  next = \"c_dns\"",
                  "id = \"timeout\"\n  label = { fr = \"Délai dépassé\", en = \"Timed out\" }\n  set = { dns_ok = false }\n  next = \"q_dns\"");
  auto ds = check("trees/network/t.net.toml", tree, true);
  const Diagnostic* d = find(ds, "flow.cycle");
  REQUIRE(d);
  CHECK(d->message.find("no exit") != std::string::npos);
}

TEST_CASE("a missing translation names the text and the language") {
  auto ds = check("trees/network/t.net.toml",
                  replaced(test::mini_tree, "text = { fr = \"Quel type d'adresse ?\", en = \"Which kind of address?\" }",
                           "text = { fr = \"Quel type d'adresse ?\" }"), true);
  const Diagnostic* d = find(ds, "i18n.missing");
  REQUIRE(d);
  CHECK(d->message.find("English") != std::string::npos);
  CHECK(d->pos.line == 38);
}

TEST_CASE("duplicate ids are reported") {
  SUBCASE("a tree defined twice") {
    auto ds = check("trees/copy.toml", test::other_tree);
    const Diagnostic* d = find(ds, "id.duplicate");
    REQUIRE(d);
    CHECK(d->message.find("t.other") != std::string::npos);
  }
  SUBCASE("a node id used twice") {
    auto ds = check("trees/network/t.net.toml", replaced(test::mini_tree, "id = \"a_nslookup\"", "id = \"q_dns\""), true);
    const Diagnostic* d = find(ds, "id.duplicate");
    REQUIRE(d);
    CHECK(d->message.find("q_dns") != std::string::npos);
  }
  SUBCASE("a fact declared twice") {
    auto ds = check("facts/again.toml", test::mini_facts);
    CHECK(find(ds, "id.duplicate"));
  }
}

TEST_CASE("unreachable nodes, dead ends and choices leading nowhere are errors") {
  std::string tree = test::mini_tree;
  tree += R"(
[[nodes]]
id = "orphan"
kind = "question"
text = { fr = "Orphelin ?", en = "Orphan?" }
)";
  auto ds = check("trees/network/t.net.toml", tree, true);
  CHECK(find(ds, "node.unreachable"));
  CHECK(find(ds, "node.dead_end"));
}

TEST_CASE("facts must be declared, valid and set before a rule reads them") {
  SUBCASE("an undeclared fact in a choice") {
    auto ds = check("trees/network/t.net.toml", replaced(test::mini_tree, "set = { link = false }", "set = { link = false, cable = \"cut\" }"), true);
    CHECK(find(ds, "fact.undeclared"));
  }
  SUBCASE("a value outside an enum") {
    auto ds = check("trees/network/t.net.toml", replaced(test::mini_tree, "set = { ip_config = \"apipa\" }", "set = { ip_config = \"static\" }"), true);
    CHECK(find(ds, "fact.value"));
  }
  SUBCASE("a choice that does not set the question's fact") {
    auto ds = check("trees/network/t.net.toml", replaced(test::mini_tree, "set = { link = false }", "set = { dns_ok = false }"), true);
    CHECK(find(ds, "fact.binding"));
  }
  SUBCASE("a rule reading a fact nothing sets") {
    auto ds = check("facts/extra.toml", "schema_version = 1\n[facts.lonely]\ntype = \"bool\"\nlabel = { fr = \"Seul\", en = \"Alone\" }\n");
    CHECK(!find(ds, "fact.never_set"));
    ds = check("rules/extra.toml", "schema_version = 1\n[[rules]]\nid = \"r.x\"\nwhen = [ { fact = \"os\", op = \"eq\", value = \"linux\" } ]\nassert = { dns_ok = true }\n");
    CHECK(!find(ds, "fact.never_set"));  // os is set by t.other
  }
}

TEST_CASE("a conclusion needs a remedy and an article that exists") {
  auto ds = check("trees/network/t.net.toml", replaced(test::mini_tree, "articles = [\"net.dns\"]", "articles = [\"net.nowhere\"]"), true);
  const Diagnostic* d = find(ds, "ref.unknown_article");
  REQUIRE(d);
  CHECK(d->message.find("net.nowhere") != std::string::npos);
}

TEST_CASE("a file from a newer Diagdesk is refused as too new") {
  auto ds = check("trees/new.toml", "schema_version = 9\nid = \"t.new\"\n[[nodes]]\nid = \"a\"\n");
  const Diagnostic* d = find(ds, "schema.too_new");
  REQUIRE(d);
  CHECK(d->pos.line == 1);
}

TEST_CASE("unknown keys are warnings, not errors") {
  auto ds = check("trees/network/t.net.toml", replaced(test::mini_tree, "competency = 5", "competency = 5\ncolour = \"blue\""), true);
  const Diagnostic* d = find(ds, "key.unknown");
  REQUIRE(d);
  CHECK(d->severity == Severity::warning);
  CHECK(count_errors(ds) == 0);
}

TEST_CASE("a pre-sales tree of domain commercial may end on a proposal, an unknown outcome or domain is an error") {
  std::string tree = replaced(test::mini_tree, "domain = \"network\"", "domain = \"commercial\"");
  tree = replaced(tree, "outcome = \"resolved\"", "outcome = \"proposal\"");
  auto ok = check("trees/network/t.net.toml", tree, true);
  for (const auto& d : ok) MESSAGE(format(d));
  CHECK(count_errors(ok) == 0);
  CHECK(parse_outcome("proposal") == Outcome::proposal);
  CHECK(outcome_name(Outcome::proposal) == "proposal");
  CHECK(std::find(known_domains().begin(), known_domains().end(), "commercial") != known_domains().end());

  auto bad = check("trees/network/t.net.toml", replaced(test::mini_tree, "outcome = \"resolved\"", "outcome = \"offer\""), true);
  const Diagnostic* d = find(bad, "node.outcome");
  REQUIRE(d);
  CHECK(d->message.find("proposal") != std::string::npos);  // the allowed list names it
  auto sales = check("trees/network/t.net.toml", replaced(test::mini_tree, "domain = \"network\"", "domain = \"sales\""), true);
  REQUIRE(find(sales, "tree.domain"));
  CHECK(find(sales, "tree.domain")->message.find("commercial") != std::string::npos);
}
