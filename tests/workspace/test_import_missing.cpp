// Imports through the workspace when a source file is deleted: the next
// import removes its article from the KB layer and from the search index.
#include "fixture.hpp"

#include <diagdesk/workspace/import.hpp>
#include <diagdesk/workspace/search.hpp>

#include <doctest/doctest.h>

using namespace diagdesk;
namespace fs = std::filesystem;

namespace {

// The ids a search for `text` finds in English.
std::vector<std::string> found(const workspace::Options& opts, const std::string& text) {
  workspace::Workspace ws = workspace::Workspace::open(opts);
  workspace::Search search(ws);
  kb::SearchQuery q;
  q.text = text;
  q.lang = "en";
  q.ui_lang = "en";
  std::vector<std::string> ids;
  for (const auto& h : search.search(q).hits) ids.push_back(h.id);
  return ids;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("a file deleted from an imported folder leaves the KB layer and the search at the next import") {
  test::TempDir tmp;
  fs::create_directories(tmp.path() / "bundled");
  tmp.write("wiki/toner.md", "# Toner\n\nThe laser printer shows a toner warning: shake the cartridge and reseat it.\n");
  tmp.write("wiki/badge.md", "# Badge\n\nThe door badge reader blinks red: the badge must be enrolled again.\n");
  workspace::Options opts;
  opts.bundled = tmp.path() / "bundled";
  opts.layers = {tmp.path() / "team"};
  opts.data_dir = tmp.path() / "home";
  importers::ImportOptions o;
  o.inputs = {tmp.path() / "wiki"};
  o.target = tmp.path() / "team";
  o.lang = "en";

  workspace::ImportResult first = workspace::import_articles(opts, o);
  INFO(first.index_note);
  REQUIRE_FALSE(first.report.failed());
  REQUIRE(first.index_updated);
  const fs::path toner = tmp.path() / "team/articles/en/wiki.toner.md";
  REQUIRE(fs::exists(toner));
  REQUIRE(has(found(opts, "toner cartridge"), "wiki.toner.en"));

  fs::remove(tmp.path() / "wiki/toner.md");

  SUBCASE("a dry run lists it and changes nothing") {
    importers::ImportOptions dry = o;
    dry.dry_run = true;
    workspace::ImportResult r = workspace::import_articles(opts, dry);
    REQUIRE(r.report.missing.size() == 1);
    CHECK(r.report.missing[0].action == importers::MissingAction::would_remove);
    CHECK(fs::exists(toner));
    CHECK(has(found(opts, "toner cartridge"), "wiki.toner.en"));
  }
  SUBCASE("the import removes the article and the index follows") {
    workspace::ImportResult r = workspace::import_articles(opts, o);
    INFO(r.index_note);
    REQUIRE(r.report.missing.size() == 1);
    CHECK(r.report.missing[0].id == "wiki.toner.en");
    CHECK(r.report.missing[0].action == importers::MissingAction::removed);
    CHECK(r.index_updated);
    CHECK_FALSE(fs::exists(toner));
    CHECK_FALSE(has(found(opts, "toner cartridge"), "wiki.toner.en"));
    CHECK(has(found(opts, "badge reader"), "wiki.badge.en"));  // the other article stays findable
  }
}
