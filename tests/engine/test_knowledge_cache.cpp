// The knowledge cache: same result as a fresh load, invalidated by any change.
#include "fixture.hpp"

#include <diagdesk/engine/knowledge_cache.hpp>
#include <diagdesk/engine/session.hpp>

#include <doctest/doctest.h>

#include <thread>

using namespace diagdesk::engine;

TEST_CASE("a cached load gives the same knowledge as a fresh load") {
  test::TempDir dir;
  test::write_mini_kb(dir);
  const auto cache = dir.path() / "cache" / "k.bin";
  CacheUse use{};
  auto first = load_knowledge_cached({dir.path()}, cache, &use);
  CHECK(use == CacheUse::miss);
  CHECK(std::filesystem::exists(cache));
  auto second = load_knowledge_cached({dir.path()}, cache, &use);
  CHECK(use == CacheUse::hit);
  REQUIRE(second.knowledge->trees().size() == first.knowledge->trees().size());
  CHECK(second.knowledge->rules().size() == first.knowledge->rules().size());
  CHECK(second.knowledge->facts().all().size() == first.knowledge->facts().all().size());
  // The cached knowledge behaves identically in a session.
  Session a(first.knowledge, "t.net"), b(second.knowledge, "t.net");
  for (const char* answer : {"on", "169.254.1.1"}) {
    a.answer(answer);
    b.answer(answer);
  }
  CHECK(b.step().node == a.step().node);
  CHECK(b.step().diagnosis == a.step().diagnosis);
  CHECK(b.facts().at("ip_config").origin == "r.apipa");
  const Node* n = second.knowledge->find_node("t.net:q_link");
  REQUIRE(n);
  CHECK(n->choices[1].next_pos.line == first.knowledge->find_node("t.net:q_link")->choices[1].next_pos.line);
}

TEST_CASE("diagnostics survive the cache") {
  test::TempDir dir;
  test::write_mini_kb(dir);
  dir.write("trees/broken.toml", "schema_version = 1\nid = \"x\n");
  const auto cache = dir.path() / "k.bin";
  auto first = load_knowledge_cached({dir.path()}, cache);
  CacheUse use{};
  auto second = load_knowledge_cached({dir.path()}, cache, &use);
  CHECK(use == CacheUse::hit);
  REQUIRE(second.diagnostics.size() == first.diagnostics.size());
  CHECK(format(second.diagnostics[0]) == format(first.diagnostics[0]));
}

TEST_CASE("changing, adding or removing a file invalidates the cache") {
  test::TempDir dir;
  test::write_mini_kb(dir);
  const auto cache = dir.path() / "k.bin";
  load_knowledge_cached({dir.path()}, cache);
  CacheUse use{};
  SUBCASE("a changed file") {
    std::string tree = test::other_tree;
    tree.replace(tree.find("\"Autre\""), 7, "\"Autre chose\"");
    dir.write("trees/network/t.other.toml", tree);
    auto again = load_knowledge_cached({dir.path()}, cache, &use);
    CHECK(use == CacheUse::miss);
    CHECK(again.knowledge->find_tree("t.other")->title.fr == "Autre chose");
  }
  SUBCASE("an added file") {
    std::string tree = test::other_tree;
    tree.replace(tree.find("t.other"), 7, "t.third");
    dir.write("trees/t.third.toml", tree);
    auto again = load_knowledge_cached({dir.path()}, cache, &use);
    CHECK(use == CacheUse::miss);
    CHECK(again.knowledge->find_tree("t.third"));
  }
  SUBCASE("a removed file") {
    std::filesystem::remove(dir.path() / "rules/mini.toml");
    auto again = load_knowledge_cached({dir.path()}, cache, &use);
    CHECK(use == CacheUse::miss);
    CHECK(again.knowledge->rules().empty());
  }
}

TEST_CASE("a corrupt or truncated cache is ignored and rewritten") {
  test::TempDir dir;
  test::write_mini_kb(dir);
  const auto cache = dir.path() / "k.bin";
  load_knowledge_cached({dir.path()}, cache);
  const std::string good = test::read(cache);
  CacheUse use{};
  for (const std::string& bad : {std::string("garbage"), good.substr(0, good.size() / 2), std::string()}) {
    dir.write("k.bin", bad);
    auto loaded = load_knowledge_cached({dir.path()}, cache, &use);
    CHECK(use == CacheUse::miss);
    CHECK(loaded.knowledge->trees().size() == 2);
    CHECK(test::read(cache) == good);
  }
}

TEST_CASE("every outcome survives the cache, proposal included") {
  test::TempDir dir;
  test::write_mini_kb(dir);
  std::string tree = test::mini_tree;
  const std::string from = "outcome = \"resolved\"";
  const auto at = tree.find(from);
  REQUIRE(at != std::string::npos);
  dir.write("trees/network/t.net.toml", tree.replace(at, from.size(), "outcome = \"proposal\""));
  const auto cache = dir.path() / "k.bin";
  auto first = load_knowledge_cached({dir.path()}, cache);
  CacheUse use{};
  auto second = load_knowledge_cached({dir.path()}, cache, &use);
  CHECK(use == CacheUse::hit);
  std::size_t proposals = 0;
  for (const auto& t : first.knowledge->trees()) {
    for (const auto& n : t.nodes) {
      if (n.kind != NodeKind::conclusion) continue;
      const Node* cached = second.knowledge->find_node(t.id + ":" + n.id);
      REQUIRE(cached);
      CHECK(cached->outcome == n.outcome);
      if (n.outcome == Outcome::proposal) ++proposals;
    }
  }
  CHECK(proposals == 1);
}
