// `diagdesk lint` through the workspace: dangling article links of a layer
// and of a folder outside the layers, with file, line and column.
#include "fixture.hpp"

#include <diagdesk/workspace/workspace.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk;

namespace {

std::string article_file(const std::string& id, const std::string& body) {
  std::string lang = id.substr(id.size() - 2);
  return "+++\nschema_version = 1\nid = \"" + id + "\"\ntitle = \"T\"\nlang = \"" + lang + "\"\n+++\n\n" + body;
}

bool has(const std::vector<engine::Diagnostic>& all, const std::string& code, const std::string& file, int line,
         int column) {
  return std::any_of(all.begin(), all.end(), [&](const engine::Diagnostic& d) {
    return d.code == code && d.pos.file.ends_with(file) && d.pos.line == line && d.pos.column == column;
  });
}

}  // namespace

TEST_CASE("lint reports article links to ids that exist in no language or not in the one linked") {
  test::TempDir kb;
  test::write_mini_kb(kb);
  test::TempDir home, team, outside;
  team.write("articles/fr/vpn.md", article_file("vpn.fr", "Voir [en](article:vpn.en) et [absent](article:nope.en).\n"));
  team.write("articles/en/vpn.md", article_file("vpn.en", "See [fr](article:vpn.fr).\n\n[wifi](article:wifi.en)\n"));
  team.write("articles/fr/wifi.md", article_file("wifi.fr", "Texte.\n"));
  outside.write("art/en/x.md", article_file("x.en", "See [vpn](article:vpn.en) and [none](article:none).\n"));
  auto ws = workspace::Workspace::open({kb.path(), {team.path()}, home.path(), engine::Lang::en});
  auto found = ws.lint({});
  for (const auto& d : found)
    if (d.code.starts_with("link.")) MESSAGE(engine::format(d));
  CHECK(has(found, "link.dangling", "fr/vpn.md", 8, 39));
  CHECK(has(found, "link.wrong_language", "en/vpn.md", 10, 8));
  auto count = [](const std::vector<engine::Diagnostic>& all) {
    return std::count_if(all.begin(), all.end(), [](const engine::Diagnostic& d) { return d.code.starts_with("link."); });
  };
  CHECK(count(found) == 2);
  // A folder outside the layers: its links are looked up in the layers too.
  auto art = ws.lint({outside.path() / "art"});
  CHECK(has(art, "link.dangling", "art/en/x.md", 8, 38));
  CHECK_FALSE(has(art, "link.dangling", "art/en/x.md", 8, 11));
  CHECK(count(art) == 1);
}
