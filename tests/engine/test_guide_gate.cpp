// The gate keys of the guided order (`first`, `after` on nodes): loading, the
// knowledge cache, and the linter's checks of the names.
#include "fixture.hpp"
#include "guide_fixture.hpp"

#include <diagdesk/engine/knowledge_cache.hpp>
#include <diagdesk/engine/lint.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::engine;

namespace {

const std::string sync_text = "text = { fr = \"Regardez la synchro.\", en = \"Check the sync.\" }\n";
const std::string cable_text = "text = { fr = \"Vérifiez le câble.\", en = \"Check the cable.\" }\n";

std::string with(std::string text, const std::string& after_line, const std::string& added) {
  const auto at = text.find(after_line);
  REQUIRE(at != std::string::npos);
  return text.insert(at + after_line.size(), added);
}

std::vector<Diagnostic> lint_tree(const std::string& tree) {
  test::TempDir dir;
  dir.write("facts/guide.toml", test::guide_facts);
  dir.write("trees/network/t.guide.toml", tree);
  auto loaded = load_knowledge({dir.path()});
  std::vector<Diagnostic> all = loaded.diagnostics;
  const std::vector<std::string> topics{"x.y"};
  lint(*loaded.knowledge, all, &topics);
  return all;
}

bool has(const std::vector<Diagnostic>& ds, const std::string& code, const std::string& words = {}) {
  return std::any_of(ds.begin(), ds.end(), [&](const Diagnostic& d) {
    return d.code == code && d.message.find(words) != std::string::npos && d.pos.line > 0;
  });
}

bool any_gate(const std::vector<Diagnostic>& ds) {
  return std::any_of(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.code.rfind("gate.", 0) == 0; });
}

}  // namespace

TEST_CASE("the gate keys load and survive the knowledge cache") {
  test::TempDir dir;
  dir.write("facts/guide.toml", test::guide_facts);
  dir.write("trees/network/t.guide.toml",
            with(with(test::guide_tree, sync_text, "after = [\"a_cable\", \"q_lights\"]\n"), cable_text, "first = true\n"));
  CacheUse use{};
  (void)load_knowledge_cached({dir.path()}, dir.path() / "cache.bin", &use);
  auto again = load_knowledge_cached({dir.path()}, dir.path() / "cache.bin", &use);
  CHECK(use == CacheUse::hit);
  const Tree* t = again.knowledge->find_tree("t.guide");
  REQUIRE(t);
  CHECK(t->find("a_sync")->after == std::vector<std::string>{"a_cable", "q_lights"});
  CHECK(t->find("a_cable")->first);
  CHECK(!t->find("q_lights")->first);
}

TEST_CASE("the linter checks the names of the gate keys") {
  SUBCASE("a sound gate gives no finding") {
    CHECK(!any_gate(lint_tree(with(test::guide_tree, sync_text, "after = [\"a_cable\"]\n"))));
  }
  SUBCASE("an unknown node") {
    CHECK(has(lint_tree(with(test::guide_tree, sync_text, "after = [\"a_nowhere\"]\n")), "gate.unknown", "a_nowhere"));
  }
  SUBCASE("the node itself") {
    CHECK(has(lint_tree(with(test::guide_tree, sync_text, "after = [\"a_sync\"]\n")), "gate.self"));
  }
  SUBCASE("a conclusion is not a step") {
    CHECK(has(lint_tree(with(test::guide_tree, sync_text, "after = [\"c_box\"]\n")), "gate.not_a_step", "c_box"));
  }
  SUBCASE("two steps waiting on each other") {
    const auto ds = lint_tree(with(with(test::guide_tree, sync_text, "after = [\"a_cable\"]\n"), cable_text, "after = [\"a_sync\"]\n"));
    CHECK(has(ds, "gate.cycle", "a_sync"));
  }
  SUBCASE("a first step waiting for one that is not") {
    CHECK(has(lint_tree(with(test::guide_tree, cable_text, "first = true\nafter = [\"q_lights\"]\n")), "gate.cycle", "q_lights"));
  }
  SUBCASE("wrong types are reported where they are written") {
    const auto ds = lint_tree(with(with(test::guide_tree, sync_text, "after = \"a_cable\"\n"), cable_text, "first = \"yes\"\n"));
    CHECK(has(ds, "key.type", "'after'"));
    CHECK(has(ds, "key.type", "'first'"));
  }
}

TEST_CASE("the bundled trees' gates lint clean") {
  auto loaded = load_knowledge({DIAGDESK_DATA_DIR});
  std::vector<Diagnostic> all = loaded.diagnostics;
  lint(*loaded.knowledge, all);
  for (const auto& d : all) CHECK_MESSAGE(d.code.rfind("gate.", 0) != 0, format(d));
  CHECK(loaded.knowledge->find_node("dir.account_locked:a_unlock")->after == std::vector<std::string>{"a_verify_identity"});
  CHECK(loaded.knowledge->find_node("hw.disk_failing:a_chkdsk")->after.size() == 2);
  CHECK(loaded.knowledge->find_node("off.outlook_profile:a_rebuild_ost")->after.size() == 2);
}
