// The article catalogue: a start parses only the files changed since the
// manifest, articles are read from their files when opened, and a bad
// manifest means parsing again, never wrong results. Files are counted, not
// timed.

#include "fixtures.hpp"

#include <diagdesk/kb/catalogue.hpp>
#include <diagdesk/workspace/articles.hpp>
#include <diagdesk/workspace/search.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <fstream>

using namespace diagdesk;
namespace fs = std::filesystem;

namespace {

std::string article_text(const std::string& id, const std::string& title, const std::string& body,
                         const std::string& updated = "2026-01-10") {
  return "+++\nschema_version = 1\nid = \"" + id + "\"\ntitle = \"" + title + "\"\nlang = \"" + kb::lang_of(id) +
         "\"\ndomain = \"network\"\ncompetency = 5\nupdated = " + updated + "\n+++\n\n" + body + "\n";
}

// Written files get a modification time an hour ago: a file modified in the
// clock tick of a scan is "racy" and parsed again next time, on purpose.
void age(const fs::path& p) {
  fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(1));
}

struct Kb {
  kbtest::TempDir tmp;
  fs::path manifest() const { return tmp / "home/index-catalogue.tsv"; }
  std::vector<kb::Layer> layers() const { return {{"bundled", tmp / "kb", true}, {"team", tmp / "team", false}}; }
  void put(const std::string& rel, const std::string& text) const {
    tmp.write(rel, text);
    age(tmp / rel);
  }
  Kb() {
    for (int i = 0; i < 20; ++i) {
      const std::string n = std::to_string(i);
      put("kb/fr/t" + n + ".md", article_text("t" + n + ".fr", "Sujet " + n, "Corps numéro " + n + " en français."));
      put("kb/en/t" + n + ".md", article_text("t" + n + ".en", "Topic " + n, "Body number " + n + " in English."));
    }
    put("kb/fr/broken.md", "+++\nid = \n+++\n");                            // an error: no article
    put("team/fr/t3.md", article_text("t3.fr", "Sujet 3 (équipe)", "Version de l'équipe.", "2026-02-01"));
  }
  kb::Catalogue scan() const { return kb::scan_layers(layers(), manifest()); }
};

std::vector<std::string> ids(const kb::Catalogue& c) {
  std::vector<std::string> out;
  for (const auto& e : c.articles) out.push_back(e.id + "@" + e.layer + (e.out_of_date ? "!" : ""));
  return out;
}

std::vector<std::string> findings(const kb::Catalogue& c) {
  std::vector<std::string> out;
  for (const auto& d : c.diagnostics) out.push_back(kb::format(d));
  return out;
}

}  // namespace

TEST_CASE("the catalogue gives the same articles and findings as reading every file, and parses only what changed") {
  Kb k;
  const kb::KbContents full = kb::load_layers(k.layers());
  kb::Catalogue first = k.scan();
  CHECK(first.files == 42);
  CHECK(first.parsed == 42);  // no manifest yet
  CHECK(first.changed);
  CHECK(first.manifest_problem.empty());
  REQUIRE(first.articles.size() == full.articles.size());
  for (std::size_t i = 0; i < full.articles.size(); ++i) {
    const kb::Article& a = full.articles[i];
    const kb::ArticleEntry& e = first.articles[i];
    CHECK(e.id == a.id);
    CHECK(e.title == a.title);
    CHECK(e.layer == a.layer);
    CHECK(e.path == a.path);
    CHECK(e.out_of_date == a.out_of_date);
    CHECK(e.hash() == kb::content_hash(kb::to_document(a)));  // what the index compares
  }
  std::vector<std::string> expected;
  for (const auto& d : full.diagnostics) expected.push_back(kb::format(d));
  CHECK(findings(first) == expected);
  // The team's t3.fr replaces the bundled one and is newer than t3.en.
  REQUIRE(first.find_id("t3.fr"));
  CHECK(first.find_id("t3.fr")->layer == "team");
  CHECK(first.find("t3", "en")->out_of_date);
  CHECK(first.parsed_documents.size() == first.articles.size());

  REQUIRE(kb::save_catalogue(first, k.manifest()).empty());
  kb::Catalogue second = k.scan();
  CHECK(second.parsed == 0);  // nothing read but the manifest
  CHECK_FALSE(second.changed);
  CHECK(ids(second) == ids(first));
  CHECK(findings(second) == expected);  // the broken file's error is remembered, not parsed again
  CHECK(second.parsed_documents.empty());

  SUBCASE("one changed file is the only one parsed") {
    k.put("kb/en/t7.md", article_text("t7.en", "Topic 7, edited", "A longer body, number 7, in English, edited."));
    kb::Catalogue third = k.scan();
    CHECK(third.parsed == 1);
    CHECK(third.changed);
    CHECK(third.find_id("t7.en")->title == "Topic 7, edited");
    REQUIRE(third.parsed_documents.size() == 1);
    CHECK(third.parsed_documents[0].id == "t7.en");
    CHECK(third.find_id("t7.en")->hash() != first.find_id("t7.en")->hash());
  }
  SUBCASE("a new file is parsed, a removed one is gone, and the manifest must be saved") {
    k.put("team/en/new.md", article_text("new.en", "New topic", "New body."));
    fs::remove(k.tmp / "kb/fr/t5.md");
    kb::Catalogue third = k.scan();
    CHECK(third.parsed == 1);
    CHECK(third.changed);
    CHECK(third.find_id("new.en"));
    CHECK_FALSE(third.find_id("t5.fr"));
    REQUIRE(kb::save_catalogue(third, k.manifest()).empty());
    CHECK(k.scan().parsed == 0);
  }
  SUBCASE("a newer translation marks the other side out of date without parsing it") {
    k.put("kb/en/t9.md", article_text("t9.en", "Topic 9", "Body number 9 in English, updated.", "2026-05-01"));
    kb::Catalogue third = k.scan();
    CHECK(third.parsed == 1);
    CHECK(third.find_id("t9.fr")->out_of_date);
    CHECK(third.find_id("t9.fr")->hash() != first.find_id("t9.fr")->hash());  // so the index re-indexes it
  }
  SUBCASE("a file modified in the scan's clock tick is parsed again next time") {
    k.tmp.write("kb/fr/t1.md", article_text("t1.fr", "Sujet 1 bis", "Corps numéro 1 en français, modifié."));
    // A modification time not before the scan's clock tick (set ahead, so the
    // test does not depend on how fast it runs): racy.
    fs::last_write_time(k.tmp / "kb/fr/t1.md", fs::file_time_type::clock::now() + std::chrono::hours(1));
    kb::Catalogue third = k.scan();
    CHECK(third.parsed == 1);
    REQUIRE(kb::save_catalogue(third, k.manifest()).empty());
    CHECK(k.scan().parsed == 1);  // not trusted: it might change again in the same tick
    age(k.tmp / "kb/fr/t1.md");
    kb::Catalogue fourth = k.scan();
    CHECK(fourth.parsed == 1);
    REQUIRE(kb::save_catalogue(fourth, k.manifest()).empty());
    CHECK(k.scan().parsed == 0);
  }
}

TEST_CASE("a missing, corrupt or foreign manifest means every file is parsed again, with the reason") {
  Kb k;
  kb::Catalogue first = k.scan();
  REQUIRE(kb::save_catalogue(first, k.manifest()).empty());
  std::string text;
  {
    std::ifstream in(k.manifest());
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto rewrite = [&](const std::string& t) {
    std::ofstream out(k.manifest(), std::ios::trunc);
    out << t;
  };
  SUBCASE("a garbage line") {
    const std::size_t second_line = text.find('\n', text.find('\n') + 1) + 1;
    rewrite(text.substr(0, second_line) + "X\tgarbage\n" + text.substr(second_line));
    kb::Catalogue c = k.scan();
    CHECK(c.parsed == 42);
    CHECK(c.manifest_problem == k.manifest().string() + ":3: an unknown line");
    CHECK(ids(c) == ids(first));
  }
  SUBCASE("cut in the middle of a line") {
    rewrite(text.substr(0, text.size() / 2));
    kb::Catalogue c = k.scan();
    CHECK(c.parsed == 42);
    CHECK(c.manifest_problem.find("not written to the end") != std::string::npos);
    CHECK(ids(c) == ids(first));
  }
  SUBCASE("another version") {
    rewrite("diagdesk-article-catalogue\t99\n");
    kb::Catalogue c = k.scan();
    CHECK(c.parsed == 42);
    CHECK(c.manifest_problem == k.manifest().string() + ":1: a catalogue of another Diagdesk version");
  }
  SUBCASE("a bad number") {
    const std::size_t tab = text.find("\t", text.find("\nF\t") + 3);
    const std::size_t size_at = text.find('\t', tab + 1) + 1;  // after path and layer
    rewrite(text.substr(0, size_at) + "12x" + text.substr(text.find('\t', size_at)));
    kb::Catalogue c = k.scan();
    CHECK(c.parsed == 42);
    CHECK(c.manifest_problem.find(":2: a file line whose size, time or inode is not a number") != std::string::npos);
  }
  SUBCASE("empty") {
    rewrite("");
    CHECK(k.scan().parsed == 42);
  }
  SUBCASE("the manifest is a symbolic link: saving refuses to write through it") {
    fs::remove(k.manifest());
    fs::create_symlink(k.tmp / "elsewhere.tsv", k.manifest());
    CHECK_FALSE(kb::save_catalogue(first, k.manifest()).empty());
    CHECK_FALSE(fs::exists(k.tmp / "elsewhere.tsv"));
  }
}

TEST_CASE("an article is read from its file when it is opened") {
  Kb k;
  kb::Catalogue c = k.scan();
  const kb::ArticleEntry* e = c.find_id("t2.en");
  REQUIRE(e);
  kb::ArticleResult r = kb::open_article(*e);
  REQUIRE(r.article);
  CHECK(r.article->body == "Body number 2 in English.\n");
  CHECK(r.article->layer == "bundled");
  // The body comes from the file as it is now, not from a copy made at start.
  k.put("kb/en/t2.md", article_text("t2.en", "Topic 2", "Body number 2, rewritten after the scan."));
  r = kb::open_article(*e);
  REQUIRE(r.article);
  CHECK(r.article->body == "Body number 2, rewritten after the scan.\n");

  SUBCASE("a vanished file says so") {
    fs::remove(k.tmp / "kb/en/t2.md");
    r = kb::open_article(*e);
    CHECK_FALSE(r.article);
    REQUIRE(!r.diagnostics.empty());
    CHECK(r.diagnostics[0].code == "io.read");
    CHECK_FALSE(kb::load_document(*e));
  }
  SUBCASE("a file that now holds another article says so") {
    k.put("kb/en/t2.md", article_text("t8.en", "Topic 8", "Moved here."));
    r = kb::open_article(*e);
    CHECK_FALSE(r.article);
    REQUIRE(!r.diagnostics.empty());
    CHECK(r.diagnostics.back().code == "article.moved");
  }
}

namespace {

struct Desk {
  kbtest::TempDir tmp;
  workspace::Options options() const {
    workspace::Options o;
    o.bundled = DIAGDESK_DATA_DIR;
    o.layers = {tmp / "team"};
    o.data_dir = tmp / "home";
    return o;
  }
  void put(const std::string& rel, const std::string& text) const {
    tmp.write(rel, text);
    age(tmp / rel);
  }
  Desk() {
    put("team/articles/fr/team.zorglub.md", article_text("team.zorglub.fr", "Zorglub muet", "Le zorglub ne sonne plus."));
    put("team/articles/en/team.zorglub.md", article_text("team.zorglub.en", "Silent zorglub", "The zorglub no longer rings."));
  }
};

std::vector<std::string> hit_ids(workspace::Search& s, const std::string& text) {
  kb::SearchQuery q;
  q.text = text;
  q.ui_lang = "en";
  q.prefix_last_word = false;
  std::vector<std::string> out;
  for (const auto& h : s.search(q).hits) out.push_back(h.id);
  return out;
}

}  // namespace

TEST_CASE("a start re-indexes a changed article without parsing the others") {
  Desk d;
  workspace::Workspace ws = workspace::Workspace::open(d.options());
  const std::size_t all = workspace::load_articles(ws).articles.size();
  REQUIRE(all > 100);
  {
    workspace::Search first(ws);
    CHECK(first.files_parsed() >= all);  // no manifest yet: every file
    CHECK(first.update_index().action == kb::IndexAction::created);
    CHECK(first.files_parsed() == first.articles().files);  // the index took the documents parsed at start
  }
  CHECK(fs::is_regular_file(workspace::catalogue_file(ws)));
  {
    workspace::Search second(ws);
    CHECK(second.files_parsed() == 0);
    CHECK(second.update_index().action == kb::IndexAction::up_to_date);
    CHECK(second.files_parsed() == 0);
    auto shown = second.show("team.zorglub.en", workspace::Lang::en);
    REQUIRE(shown);
    CHECK(shown->markdown.find("The zorglub no longer rings.") != std::string::npos);
  }
  d.put("team/articles/en/team.zorglub.md",
        article_text("team.zorglub.en", "Silent zorglub", "The zorglub no longer rings; the quuxophone neither."));
  {
    workspace::Search third(ws);
    CHECK(third.files_parsed() == 1);
    kb::SyncReport r = third.update_index();
    CHECK(r.action == kb::IndexAction::updated);
    CHECK(r.changed == 1);
    CHECK(r.added == 0);
    CHECK(third.files_parsed() == 1);
    CHECK(hit_ids(third, "quuxophone") == std::vector<std::string>{"team.zorglub.en"});
  }
  SUBCASE("a lost index is rebuilt from the files, each read again once") {
    fs::remove_all(d.tmp / "home/index");
    workspace::Search fourth(ws);
    CHECK(fourth.files_parsed() == 0);
    kb::SyncReport r = fourth.update_index();
    CHECK(r.action == kb::IndexAction::created);
    CHECK(r.total == fourth.articles().articles.size() + ws.knowledge()->trees().size());
    CHECK(fourth.files_parsed() == fourth.articles().articles.size());
    CHECK(hit_ids(fourth, "quuxophone") == std::vector<std::string>{"team.zorglub.en"});
  }
  SUBCASE("a rebuild tells its progress up to the whole count") {
    workspace::Search fourth(ws);
    std::size_t last_done = 0, last_total = 0, calls = 0;
    bool ordered = true;
    fourth.update_index(kb::SyncMode::rebuild, [&](std::size_t done, std::size_t total) {
      ordered = ordered && done >= last_done && done <= total;
      last_done = done;
      last_total = total;
      ++calls;
    });
    CHECK(calls >= 1);
    CHECK(ordered);
    CHECK(last_done == last_total);
    CHECK(last_total == fourth.articles().articles.size() + ws.knowledge()->trees().size());
  }
  SUBCASE("an article whose file vanished after indexing: show says so, the search goes on") {
    workspace::Search fourth(ws);
    fourth.update_index();
    fs::remove(d.tmp / "team/articles/en/team.zorglub.md");
    auto shown = fourth.show("team.zorglub.en", workspace::Lang::fr);
    REQUIRE(shown);
    CHECK(shown->markdown.empty());
    CHECK(shown->error.find("L'article team.zorglub.en est dans l'index") == 0);
    CHECK(shown->error.find("team.zorglub.md") != std::string::npos);
    auto en = fourth.open_article("team.zorglub.en", workspace::Lang::en);
    REQUIRE(en);
    CHECK_FALSE(en->article);
    CHECK(en->error.find("Article team.zorglub.en is in the index, but its file") == 0);
    CHECK(hit_ids(fourth, "quuxophone") == std::vector<std::string>{"team.zorglub.en"});  // still listed
    workspace::Search fifth(ws);  // the next start drops it
    CHECK(hit_ids(fifth, "quuxophone").empty());
  }
}
