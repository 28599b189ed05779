#include "fixtures.hpp"

#include <diagdesk/kb/layers.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::kb;

namespace {

std::string art(const std::string& id, const std::string& title, const std::string& updated = "2026-01-01",
                const std::string& extra = "") {
  std::string lang = lang_of(id);
  return "+++\nschema_version = 1\nid = \"" + id + "\"\ntitle = \"" + title + "\"\nlang = \"" + lang +
         "\"\nupdated = " + updated + "\n" + extra + "+++\n\nCorps de " + id + ".\n";
}

const Diagnostic* find_code(const KbContents& kb, const std::string& code) {
  for (const auto& d : kb.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("layers load recursively and a later layer overrides an id with a warning") {
  kbtest::TempDir tmp;
  tmp.write("bundled/fr/net.a.md", art("net.a.fr", "Bundled A"));
  tmp.write("bundled/en/net.a.md", art("net.a.en", "Bundled A en"));
  tmp.write("bundled/README.md", "# not an article\n");
  tmp.write("team/deep/folder/net.a.md", art("net.a.fr", "Team A"));
  tmp.write("team/net.b.md", art("net.b.fr", "Team B"));
  tmp.write("team/notes.txt", "ignored");

  KbContents kb = load_layers({{"bundled", tmp / "bundled", true}, {"team", tmp / "team", false}});
  REQUIRE(kb.articles.size() == 3);
  const Article* a = kb.find_id("net.a.fr");
  REQUIRE(a);
  CHECK(a->title == "Team A");
  CHECK(a->layer == "team");
  const Diagnostic* dup = find_code(kb, "id.duplicate");
  REQUIRE(dup);
  CHECK(dup->severity == Severity::warning);
  CHECK(dup->message.find("team") != std::string::npos);
  CHECK(dup->message.find("bundled") != std::string::npos);
  CHECK(dup->file.find("team/deep/folder") != std::string::npos);

  SUBCASE("find falls back to the other language") {
    CHECK(kb.find("net.b", "en")->id == "net.b.fr");
    CHECK(kb.find("net.a", "en")->id == "net.a.en");
    CHECK(kb.find("net.a.fr", "en")->id == "net.a.fr");
    CHECK(kb.find("net.zzz", "fr") == nullptr);
  }
}

TEST_CASE("a duplicate id inside one layer keeps the first file and reports the second") {
  kbtest::TempDir tmp;
  tmp.write("kb/a/net.a.md", art("net.a.fr", "First"));
  tmp.write("kb/b/net.a.md", art("net.a.fr", "Second"));
  KbContents kb = load_layers({{"user", tmp / "kb", false}});
  REQUIRE(kb.articles.size() == 1);
  CHECK(kb.articles[0].title == "First");
  const Diagnostic* dup = find_code(kb, "id.duplicate");
  REQUIRE(dup);
  CHECK(dup->severity == Severity::error);
}

TEST_CASE("broken files are reported and the rest of the layer loads") {
  kbtest::TempDir tmp;
  tmp.write("kb/good.md", art("net.good.fr", "Bon"));
  tmp.write("kb/broken.md", "+++\ntitle = \"x\n+++\n");
  tmp.write("kb/latin1.md", art("net.latin1.fr", "Caf\xE9"));
  tmp.write("kb/lang.md", art("net.lang.fr", "T").replace(art("net.lang.fr", "T").find("lang = \"fr\""), 11, "lang = \"FR\""));
  KbContents kb = load_layers({{"user", tmp / "kb", false}});
  CHECK(kb.articles.size() == 1);
  CHECK(count_errors(kb.diagnostics) == 3);
  CHECK(find_code(kb, "front_matter.syntax"));
  CHECK(find_code(kb, "utf8.invalid"));
  CHECK(find_code(kb, "lang.invalid"));
}

TEST_CASE("a missing layer folder is a warning, not a failure") {
  kbtest::TempDir tmp;
  KbContents kb = load_layers({{"team", tmp / "nowhere", false}});
  CHECK(kb.articles.empty());
  REQUIRE(kb.diagnostics.size() == 1);
  CHECK(kb.diagnostics[0].code == "layer.missing");
  CHECK(kb.diagnostics[0].severity == Severity::warning);
}

TEST_CASE("the older side of a translation pair is flagged out of date") {
  kbtest::TempDir tmp;
  tmp.write("kb/fr/net.a.md", art("net.a.fr", "A", "2026-03-01", "translation = \"net.a.en\"\n"));
  tmp.write("kb/en/net.a.md", art("net.a.en", "A", "2026-01-15", "translation = \"net.a.fr\"\n"));
  tmp.write("kb/fr/net.b.md", art("net.b.fr", "B", "2026-01-01"));
  tmp.write("kb/en/net.b.md", art("net.b.en", "B", "2026-01-01"));
  tmp.write("kb/fr/net.c.md", art("net.c.fr", "C", "2026-01-01", "translation = \"net.c.en\"\n"));
  KbContents kb = load_layers({{"bundled", tmp / "kb", true}});
  CHECK(kb.find_id("net.a.en")->out_of_date);
  CHECK(!kb.find_id("net.a.fr")->out_of_date);
  CHECK(!kb.find_id("net.b.fr")->out_of_date);
  CHECK(!kb.find_id("net.b.en")->out_of_date);
  const Diagnostic* ood = find_code(kb, "translation.out_of_date");
  REQUIRE(ood);
  CHECK(ood->file.find("en/net.a.md") != std::string::npos);
  CHECK(ood->message.find("2026-01-15") != std::string::npos);
  CHECK(find_code(kb, "translation.not_found"));
  CHECK(to_document(*kb.find_id("net.a.en")).out_of_date);
}

TEST_CASE("to_document carries the known-error fields and codes") {
  Article a;
  a.id = "os.upd.en";
  a.topic = "os.upd";
  a.lang = "en";
  a.title = "Update fails";
  a.body = "Body.\n";
  a.known_error = KnownError{"sym", "the cause", "work", "sol", {"0x80070005"}, {"Windows 11"}};
  a.layer = "team";
  Document d = to_document(a);
  CHECK(d.type == "article");
  CHECK(d.title.en == "Update fails");
  CHECK(d.title.fr.empty());
  CHECK(d.body.en.find("the cause") != std::string::npos);
  CHECK(d.body.en.find("Windows 11") != std::string::npos);
  CHECK(d.codes == std::vector<std::string>{"0x80070005"});
  CHECK(d.layer == "team");
  Document e = d;
  CHECK(content_hash(d) == content_hash(e));
  e.body.en += "x";
  CHECK(content_hash(d) != content_hash(e));
}
