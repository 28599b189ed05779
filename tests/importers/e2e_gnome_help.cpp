// End to end: the GNOME user help from Debian's gnome-user-docs, in English
// (C/) and French (fr/), imported into a temporary KB folder, read back by
// kb, indexed and searched, directly and through the workspace. Run by ctest with --corpus=<.../usr/share/help>
// after the fetch fixture; exits 77 (skipped) when the corpus is missing.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <diagdesk/importers/import.hpp>
#include <diagdesk/importers/language.hpp>
#include <diagdesk/importers/mallard.hpp>
#include <diagdesk/kb/index.hpp>
#include <diagdesk/kb/layers.hpp>
#include <diagdesk/kb/text.hpp>
#include <diagdesk/workspace/import.hpp>
#include <diagdesk/workspace/search.hpp>

#include "temp_dir.hpp"

#include <map>
#include <iostream>
#include <tuple>

using namespace diagdesk;
namespace fs = std::filesystem;

namespace {

fs::path corpus;  // .../usr/share/help

std::size_t pages_in(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == ".page";
  return n;
}

// The imported KB, built once for all cases.
struct Imported {
  test::TempDir dir;
  fs::path kbdir = dir.path / "kb";
  importers::ImportReport first, second;
  std::map<fs::path, fs::file_time_type> stamps_after_first;
  kb::KbContents contents;

  Imported() {
    importers::ImportOptions o;
    o.inputs = {corpus / "C/gnome-help", corpus / "fr/gnome-help"};
    o.target = kbdir;
    first = importers::run_import(o);
    for (const auto& e : fs::recursive_directory_iterator(kbdir))
      if (e.is_regular_file()) stamps_after_first[e.path()] = e.last_write_time();
    second = importers::run_import(o);
    contents = kb::load_layers({{"user", kbdir / "articles", false}});
  }
  static Imported& get() {
    static Imported once;
    return once;
  }
};

}  // namespace

TEST_CASE("every page of both languages is imported, none fails") {
  Imported& im = Imported::get();
  const std::size_t en_pages = pages_in(corpus / "C/gnome-help");
  const std::size_t fr_pages = pages_in(corpus / "fr/gnome-help");
  MESSAGE("pages: " << en_pages << " en, " << fr_pages << " fr");
  for (const auto& f : im.first.files)
    if (f.status == importers::Status::failed) MESSAGE(f.path.string() << ": " << f.reason);
  CHECK(en_pages > 250);
  CHECK(fr_pages > 250);
  CHECK(im.first.file_counts.failed == 0);
  CHECK(im.first.article_counts.imported == en_pages + fr_pages);
  std::size_t en = 0, fr = 0;
  for (const auto& f : im.first.files)
    for (const auto& a : f.articles) (a.lang == "en" ? en : fr) += a.status == importers::Status::imported;
  CHECK(en == en_pages);
  CHECK(fr == fr_pages);
}

TEST_CASE("the imported KB loads without errors, one article per page and language") {
  Imported& im = Imported::get();
  for (const auto& d : im.contents.diagnostics)
    if (d.severity == kb::Severity::error) MESSAGE(kb::format(d));
  CHECK(kb::count_errors(im.contents.diagnostics) == 0);
  CHECK(im.contents.articles.size() == im.first.article_counts.imported);
}

TEST_CASE("titles are the pages' titles, in each language") {
  Imported& im = Imported::get();
  const kb::Article* en = im.contents.find_id("gnome-help.net-wireless-connect.en");
  const kb::Article* fr = im.contents.find_id("gnome-help.net-wireless-connect.fr");
  REQUIRE(en);
  REQUIRE(fr);
  CHECK(en->title == "Connect to a wireless network");
  CHECK(fr->title == "Connexion à un réseau sans fil");
  // Every article's title is its page's <title>.
  std::size_t checked = 0, same = 0;
  for (const auto& a : im.contents.articles) {
    std::string page = a.topic.substr(std::string("gnome-help.").size()) + ".page";
    fs::path src = corpus / (a.lang == "en" ? "C" : "fr") / "gnome-help" / page;
    std::string xml = test::slurp(src);
    if (xml.empty()) continue;
    ++checked;
    same += importers::mallard_title(xml) == a.title;
  }
  CHECK(checked == im.contents.articles.size());
  CHECK(same == checked);
}

TEST_CASE("links between pages became article ids that exist") {
  Imported& im = Imported::get();
  const kb::Article* a = im.contents.find_id("gnome-help.net-wireless-connect.en");
  REQUIRE(a);
  CHECK(a->body.find("(article:gnome-help.net-wireless-troubleshooting.en)") != std::string::npos);
  std::size_t links = 0, dangling = 0;
  for (const auto& art : im.contents.articles) {
    for (std::size_t p = art.body.find("](article:"); p != std::string::npos; p = art.body.find("](article:", p + 1)) {
      std::size_t b = p + 10, e = art.body.find_first_of(")#", b);
      ++links;
      if (!im.contents.find_id(art.body.substr(b, e - b))) ++dangling;
    }
  }
  MESSAGE(links << " links, " << dangling << " to pages the help set does not have");
  CHECK(links > 500);
  CHECK(dangling * 100 < links);  // a few xrefs point outside gnome-help
}

TEST_CASE("the stop-word detector agrees with the folders on real pages") {
  Imported& im = Imported::get();
  std::size_t total = 0, agree = 0;
  for (const auto& a : im.contents.articles) {
    auto g = importers::detect_language(a.title + "\n" + kb::markdown_to_text(a.body));
    ++total;
    agree += g.lang == a.lang;
    if (g.lang != a.lang && total - agree <= 10)
      MESSAGE(a.id << ": detected '" << g.lang << "' (fr " << g.fr_hits << ", en " << g.en_hits << ")");
  }
  MESSAGE("detector agrees on " << agree << " of " << total << " articles");
  CHECK(agree * 100 >= total * 95);
}

TEST_CASE("without a locale folder, the English pages are detected as English") {
  // A copy of C/gnome-help under a neutral name: no path hint, and the
  // English pages carry no xml:lang, so every language comes from the words.
  test::TempDir tmp;
  fs::copy(corpus / "C/gnome-help", tmp.path / "help-copy", fs::copy_options::recursive);
  importers::ImportOptions o;
  o.inputs = {tmp.path / "help-copy"};
  o.target = tmp.path / "kb";
  o.dry_run = true;
  importers::ImportReport r = importers::run_import(o);
  std::size_t en = 0, total = 0;
  for (const auto& f : r.files)
    for (const auto& a : f.articles) {
      ++total;
      en += a.lang == "en";
      CHECK((a.lang_from.starts_with("detected") || a.lang_from.starts_with("guessed")));
    }
  MESSAGE(en << " of " << total << " pages detected English");
  CHECK(total == pages_in(corpus / "C/gnome-help"));
  CHECK(en * 100 >= total * 98);
}

// How fast a re-import is lives in bench/importers (a ratio against the first
// import measured in the same run); here, what it must not do.
TEST_CASE("a re-import parses no file, rewrites no article and leaves the index revision unchanged") {
  Imported& im = Imported::get();
  CHECK(im.second.file_counts.unchanged == im.first.file_counts.imported);
  CHECK(im.second.file_counts.imported == 0);
  CHECK(im.second.file_counts.updated == 0);
  CHECK(im.second.article_counts.imported == 0);
  CHECK(im.second.article_counts.updated == 0);
  CHECK(im.second.changed_ids.empty());
  CHECK(im.second.bytes_read == 0);  // not one source file opened again
  CHECK(im.first.bytes_read > 0);
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(im.kbdir)) {
    if (!e.is_regular_file() || e.path().extension() != ".md") continue;
    ++files;
    CAPTURE(e.path().string());
    REQUIRE(im.stamps_after_first.count(e.path()) == 1);
    CHECK(im.stamps_after_first.at(e.path()) == e.last_write_time());
  }
  CHECK(files == im.first.article_counts.imported);

  // The index built from the first import is not written to again.
  std::vector<kb::Document> docs;
  for (const auto& a : im.contents.articles) docs.push_back(kb::to_document(a));
  kb::Index index(im.dir.path / "index-reimport");
  REQUIRE(index.sync(docs).error == kb::IndexError::none);
  const auto revision = index.revision();
  CHECK(revision > 0);
  kb::SyncReport again = index.sync(docs);
  CHECK(again.action == kb::IndexAction::up_to_date);
  CHECK(again.added + again.changed + again.removed == 0);
  CHECK(index.revision() == revision);
}

TEST_CASE("searching a few topics finds the imported pages") {
  Imported& im = Imported::get();
  std::vector<kb::Document> docs;
  for (const auto& a : im.contents.articles) docs.push_back(kb::to_document(a));
  kb::Index index(im.dir.path / "index");
  kb::SyncReport sync = index.sync(docs);
  INFO(sync.message);
  REQUIRE(sync.error == kb::IndexError::none);
  CHECK(index.size() == docs.size());
  struct Row {
    const char* text;
    const char* lang;
    const char* expected;  // an id among the first 10 hits
  };
  const Row rows[] = {
      {"connect to a wireless network", "en", "gnome-help.net-wireless-connect.en"},
      {"réseau sans fil masqué", "fr", "gnome-help.net-wireless-hidden.fr"},
      {"printer paper jam", "en", "gnome-help.printing-paperjam.en"},
      {"bourrage papier imprimante", "fr", "gnome-help.printing-paperjam.fr"},
      {"bluetooth", "en", "gnome-help.bluetooth.en"},
      {"changer son mot de passe", "fr", "gnome-help.user-changepassword.fr"},
      {"screen brightness", "en", "gnome-help.display-brightness.en"},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.text));
    kb::SearchQuery q;
    q.text = row.text;
    q.lang = row.lang;
    q.ui_lang = row.lang;
    kb::SearchResults res = index.search(q);
    REQUIRE(res.error == kb::SearchError::none);
    bool found = false;
    std::string got;
    for (const auto& h : res.hits) {
      got += h.id + " ";
      found |= h.id == row.expected;
    }
    CAPTURE(got);
    CHECK(found);
  }
}

TEST_CASE("through the workspace: imported into a KB layer, indexed, found by Search") {
  test::TempDir tmp;
  fs::create_directories(tmp.path / "bundled");
  workspace::Options opts;
  opts.bundled = tmp.path / "bundled";  // only the imported help, for clear rankings
  opts.layers = {tmp.path / "team"};
  opts.data_dir = tmp.path / "home";
  importers::ImportOptions o;
  o.inputs = {corpus / "C/gnome-help", corpus / "fr/gnome-help"};
  o.target = tmp.path / "team";
  workspace::ImportResult done = workspace::import_articles(opts, o);
  INFO(done.index_note);
  CHECK_FALSE(done.report.failed());
  CHECK(done.index_updated);

  workspace::Workspace ws = workspace::Workspace::open(opts);
  workspace::Search search(ws);
  CHECK(search.articles().articles.size() == done.report.article_counts.imported);
  for (auto [text, lang, id] : {std::tuple{"wireless network hidden", "en", "gnome-help.net-wireless-hidden.en"},
                                std::tuple{"imprimer recto verso", "fr", "gnome-help.printing-2sided.fr"}}) {
    kb::SearchQuery q;
    q.text = text;
    q.lang = lang;
    q.ui_lang = lang;
    auto res = search.search(q);
    std::string got;
    bool found = false;
    for (const auto& h : res.hits) {
      got += h.id + " ";
      found |= h.id == id;
    }
    CAPTURE(std::string(text));
    CAPTURE(got);
    CHECK(found);
  }
  // Nothing changed: the index is left alone.
  workspace::ImportResult again = workspace::import_articles(opts, o);
  CHECK(again.report.changed_ids.empty());
  CHECK_FALSE(again.index_updated);
}

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a.starts_with("--corpus=")) corpus = a.substr(9);
    else rest.push_back(argv[i]);
  }
  if (corpus.empty() || !fs::exists(corpus / "C/gnome-help") || !fs::exists(corpus / "fr/gnome-help")) {
    std::cout << "skip: no GNOME help at '" << corpus.string()
              << "' (run tests/importers/fetch_gnome_help.sh, or give --corpus=.../usr/share/help)\n";
    return 77;
  }
  doctest::Context ctx(static_cast<int>(rest.size()), rest.data());
  return ctx.run();
}
