// The workspace side of the KB: articles and trees searched together, show,
// the symptom-to-tree choice, and lint findings on articles — on the bundled
// KB plus a temporary team layer.

#include "fixtures.hpp"

#include <diagdesk/workspace/articles.hpp>
#include <diagdesk/workspace/search.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk;

namespace {

std::string team_article(const std::string& id, const std::string& title, const std::string& updated) {
  std::string lang = kb::lang_of(id);
  return "+++\nschema_version = 1\nid = \"" + id + "\"\ntitle = \"" + title + "\"\nlang = \"" + lang +
         "\"\ndomain = \"network\"\ncompetency = 5\nsymptoms = [\"zorglophone muet\"]\nupdated = " + updated +
         "\n+++\n\nLe zorglophone de l'agence ne sonne plus.\n";
}

struct TeamFixture {
  kbtest::TempDir tmp;
  workspace::Workspace ws;
  TeamFixture() : ws(open()) {}
  workspace::Workspace open() {
    tmp.write("team/articles/fr/team.zorglophone.md", team_article("team.zorglophone.fr", "Zorglophone muet", "2026-01-10"));
    tmp.write("team/articles/en/team.zorglophone.md", team_article("team.zorglophone.en", "Silent zorglophone", "2026-03-01"));
    workspace::Options o;
    o.bundled = DIAGDESK_DATA_DIR;
    o.layers = {tmp / "team"};
    o.data_dir = tmp / "home";
    return workspace::Workspace::open(o);
  }
};

}  // namespace

TEST_CASE_FIXTURE(TeamFixture, "articles of every layer and the trees are indexed and searched together") {
  workspace::Search search(ws);
  kb::SyncReport first = search.update_index();
  CHECK(first.action == kb::IndexAction::created);
  CHECK(first.total == search.articles().articles.size() + ws.knowledge()->trees().size());
  CHECK(search.update_index().action == kb::IndexAction::up_to_date);

  kb::SearchQuery q;
  q.text = "zorglophone";
  q.ui_lang = "fr";
  kb::SearchResults r = search.search(q);
  REQUIRE(!r.hits.empty());
  CHECK(r.hits[0].id == "team.zorglophone.fr");
  CHECK(r.hits[0].layer == "team");
  CHECK(r.hits[0].out_of_date);  // its English translation is newer

  SUBCASE("an edited article is re-indexed alone") {
    tmp.write("team/articles/fr/team.zorglophone.md",
              team_article("team.zorglophone.fr", "Zorglophone muet et cassé", "2026-03-02"));
    workspace::Search again(ws);
    kb::SyncReport upd = again.update_index();
    CHECK(upd.action == kb::IndexAction::updated);
    // Both sides of the pair changed: the French text, and the English out-of-date flag.
    CHECK(upd.changed == 2);
    CHECK(upd.added + upd.removed == 0);
  }
}

TEST_CASE_FIXTURE(TeamFixture, "show prints an article or a tree summary") {
  workspace::Search search(ws);
  auto art = search.show("net.apipa", workspace::Lang::fr);
  REQUIRE(art);
  CHECK(art->kind == "article");
  CHECK(art->id == "net.apipa.fr");
  CHECK(art->markdown.find("169.254") != std::string::npos);
  auto en = search.show("net.apipa.en", workspace::Lang::fr);
  REQUIRE(en);
  CHECK(en->id == "net.apipa.en");
  auto tree = search.show("net.no_internet", workspace::Lang::en);
  REQUIRE(tree);
  CHECK(tree->kind == "tree");
  CHECK(tree->markdown.find("diagdesk diagnose net.no_internet") != std::string::npos);
  CHECK(tree->markdown.find("Symptoms") != std::string::npos);
  auto ood = search.show("team.zorglophone.fr", workspace::Lang::fr);
  REQUIRE(ood);
  CHECK(ood->markdown.find("à revoir") != std::string::npos);
  CHECK(!search.show("no.such.thing", workspace::Lang::fr));
}

TEST_CASE_FIXTURE(TeamFixture, "a symptom picks the best tree and says why") {
  workspace::Search search(ws);
  auto m = search.match_symptom("mon imprimante n'imprime plus", workspace::Lang::fr);
  REQUIRE(m);
  CHECK(m->tree_id == "prn.not_printing");
  CHECK(m->percent == 100);
  CHECK(m->evidence.find("«") != std::string::npos);
  CHECK(!m->why.empty());
  CHECK(!m->others.empty());
  auto e = search.match_symptom("computer wont turn on", workspace::Lang::en);
  REQUIRE(e);
  CHECK(e->tree_id == "hw.no_power");
  CHECK(!search.match_symptom("?!?", workspace::Lang::en));
}

TEST_CASE_FIXTURE(TeamFixture, "lint reports out-of-date translations and broken articles") {
  tmp.write("team/articles/fr/broken.md", "+++\ntitle = \"oops\n+++\n");
  auto diagnostics = ws.lint({});
  auto has = [&](const std::string& code, const std::string& file_part) {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const engine::Diagnostic& d) {
      return d.code == code && d.pos.file.find(file_part) != std::string::npos;
    });
  };
  CHECK(has("translation.out_of_date", "fr/team.zorglophone.md"));
  CHECK(has("front_matter.syntax", "broken.md"));

  SUBCASE("an article file outside the layers is checked too") {
    tmp.write("elsewhere/lang.md", "+++\nid = \"x.y.de\"\ntitle = \"T\"\nlang = \"de\"\n+++\n\nText\n");
    auto only = ws.lint({tmp / "elsewhere/lang.md"});
    REQUIRE(only.size() >= 1);
    CHECK(std::any_of(only.begin(), only.end(), [](const engine::Diagnostic& d) { return d.code == "lang.invalid"; }));
  }
}

TEST_CASE("the bundled articles load without a single finding") {
  kbtest::TempDir tmp;
  workspace::Options o;
  o.bundled = DIAGDESK_DATA_DIR;
  o.data_dir = tmp.path();
  auto ws = workspace::Workspace::open(o);
  std::vector<engine::Diagnostic> found;
  workspace::lint_articles(ws, {}, found);
  for (const auto& d : found) MESSAGE(engine::format(d));
  CHECK(found.empty());
  CHECK(workspace::load_articles(ws).articles.size() >= 100);
}
