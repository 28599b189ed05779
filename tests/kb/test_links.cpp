// Links between articles (links.hpp): finding `article:` links with their
// line and column, and the findings on those that lead nowhere.
#include "fixtures.hpp"

#include <diagdesk/kb/links.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::kb;

TEST_CASE("article links are found with their line and column, outside code") {
  struct Row {
    const char* what;
    std::string text;
    std::vector<std::string> targets;
    int line = 0, column = 0;  // of the first one, when given
  };
  const Row rows[] = {
      {"an inline link, fragment dropped", "See [Wi-Fi](article:net.wifi.en#hidden).", {"net.wifi.en"}, 1, 13},
      {"an image and a link on line 2", "Intro\n![x](article:a.fr) and [y](<article:b.en>)", {"a.fr", "b.en"}, 2, 6},
      {"a reference definition", "Text [z][r]\n\n[r]: article:c.fr", {"c.fr"}, 3, 6},
      {"accents before count as one column each", "Réseau : [lien](article:d.fr)", {"d.fr"}, 1, 17},
      {"not in a code span", "Write `[a](article:no.en)` then [b](article:yes.en)", {"yes.en"}, 1, 37},
      {"not in a fenced block", "```\n[a](article:no.en)\n```\n[b](article:yes.en)", {"yes.en"}, 4, 5},
      {"other links are not article links", "[web](https://example.org) [file](notes.md)", {}},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.what));
    auto links = article_links(r.text);
    std::vector<std::string> got;
    for (const auto& l : links) got.push_back(l.target);
    CHECK(got == r.targets);
    if (r.line && !links.empty()) {
      CHECK(links[0].line == r.line);
      CHECK(links[0].column == r.column);
    }
  }
  // Lines count from the start of the text, when scanning starts later.
  auto later = article_links("+++\nid = \"x\"\n+++\n\n[a](article:z.en)\n", 15);
  REQUIRE(later.size() == 1);
  CHECK(later[0].line == 5);
}

namespace {

std::string article_file(const std::string& id, const std::string& body) {
  std::string lang = id.substr(id.size() - 2);
  return "+++\nschema_version = 1\nid = \"" + id + "\"\ntitle = \"T " + id + "\"\nlang = \"" + lang + "\"\n+++\n\n" + body;
}

}  // namespace

TEST_CASE("dangling article links are reported in both directions and in one language, with file, line and column") {
  kbtest::TempDir tmp;
  tmp.write("articles/fr/a.md", article_file("a.fr", "Voir [la version anglaise](article:a.en).\n\n"
                                                      "Et [b](article:b.en), [c](article:c.en), [rien](article:nothing.fr).\n"));
  tmp.write("articles/en/a.md", article_file("a.en", "See [French only](article:c.en) and [topic](article:b).\n"
                                                      "Also [French](article:a.fr) and [gone](article:gone.fr#top).\n"));
  tmp.write("articles/en/b.md", article_file("b.en", "Links to [itself](article:b.en) and [no one](article:b.en.x).\n"));
  tmp.write("articles/fr/c.md", article_file("c.fr", "Texte.\n"));
  KbContents kb = load_layers({{"test", tmp / "articles", false}});
  auto found = check_article_links(kb, kb);
  for (const auto& d : found) MESSAGE(format(d));
  auto at = [&](const std::string& code, const std::string& file, int line, int column, const std::string& part) {
    return std::any_of(found.begin(), found.end(), [&](const Diagnostic& d) {
      return d.code == code && d.file.ends_with(file) && d.line == line && d.column == column &&
             d.message.find(part) != std::string::npos;
    });
  };
  // fr -> en: c exists in French only; "nothing" nowhere.
  CHECK(at("link.wrong_language", "fr/a.md", 10, 27, "only the French 'c.fr'"));
  CHECK(at("link.dangling", "fr/a.md", 10, 49, "article:nothing.fr"));
  // en -> en (same language) and en -> fr.
  CHECK(at("link.wrong_language", "en/a.md", 8, 19, "no English article"));
  CHECK(at("link.dangling", "en/a.md", 9, 40, "article:gone.fr"));
  CHECK(at("link.dangling", "en/b.md", 8, 46, "b.en.x"));
  // Links that resolve: a.en, b.en, a topic (b), a.fr, b.en itself.
  CHECK(found.size() == 5);
  CHECK(std::count_if(found.begin(), found.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }) == 3);
}

TEST_CASE("links are looked up in the known KB too") {
  kbtest::TempDir tmp;
  tmp.write("base/en/net.md", article_file("net.en", "Text.\n"));
  tmp.write("extra/en/x.md", article_file("x.en", "See [net](article:net.en).\n"));
  KbContents base = load_layers({{"base", tmp / "base", true}});
  KbContents extra = load_layers({{"extra", tmp / "extra", true}});
  CHECK(check_article_links(extra, base).empty());
  CHECK(check_article_links(extra, extra).size() == 1);
}
