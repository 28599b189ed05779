// The language of a rewritten link (import.hpp): when the target's folder
// does not say it, the link goes to the language that exists or that the
// target's own words give, never to an id that will not exist.
#include <diagdesk/importers/import.hpp>
#include <diagdesk/kb/layers.hpp>
#include <diagdesk/kb/links.hpp>

#include "temp_dir.hpp"

#include <doctest/doctest.h>

using namespace diagdesk::importers;
using diagdesk::test::slurp;
using diagdesk::test::TempDir;
namespace kb = diagdesk::kb;

namespace {

const char* french = "# Panne\n\nLe poste de la comptabilité ne peut plus imprimer depuis ce matin : voyez "
                     "[la page de l'imprimante](printer.md) avant d'appeler le support.\n";
const char* english = "# Printer\n\nThe printer of the accounting team is jammed: open the tray and remove the "
                      "paper, then [read the French note](panne.md) about the outage.\n";

// The findings of kb's link check on the KB folder.
std::vector<kb::Diagnostic> link_findings(const std::filesystem::path& folder) {
  kb::KbContents all = kb::load_layers({{"t", folder / "articles", false}});
  return kb::check_article_links(all, all);
}

}  // namespace

TEST_CASE("a link to a file of the other language points to the id that language gives, on the first import") {
  TempDir d;
  d.write("notes/panne.md", french);
  d.write("notes/printer.md", english);
  ImportOptions o;
  o.inputs = {d.path / "notes"};
  o.target = d.path / "kb";
  ImportReport r = run_import(o);
  INFO(format_report(r, true));
  REQUIRE_FALSE(r.failed());
  // panne.md is read first, before printer.md exists as an article: its words say English.
  CHECK(slurp(d.path / "kb/articles/fr/notes.panne.md").find("(article:notes.printer.en)") != std::string::npos);
  CHECK(slurp(d.path / "kb/articles/en/notes.printer.md").find("(article:notes.panne.fr)") != std::string::npos);
  CHECK(link_findings(d.path / "kb").empty());
}

TEST_CASE("a link goes to the language of the article that exists when the target says nothing") {
  TempDir d;
  d.write("notes/printer.md", english);
  ImportOptions o;
  o.inputs = {d.path / "notes"};
  o.target = d.path / "kb";
  run_import(o);
  // Too short to tell its language: guessed, and its link must still lead somewhere.
  d.write("notes/aide.md", "# Aide\n\nVoir [imprimante](printer.md).\n");
  ImportReport r = run_import(o);
  INFO(format_report(r, true));
  std::string aide;
  for (const char* lang : {"fr", "en"}) {
    std::string t = slurp(d.path / "kb/articles" / lang / "notes.aide.md");
    if (!t.empty()) aide = t;
  }
  REQUIRE_FALSE(aide.empty());
  CHECK(aide.find("(article:notes.printer.en)") != std::string::npos);
  CHECK(link_findings(d.path / "kb").empty());
}
