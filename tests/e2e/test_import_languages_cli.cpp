// End-to-end: `diagdesk import` on Debian-like help layouts (issues 12/17):
// other languages' folders are one summary line, links to pages of the same
// folder are aliases, in French and English; exit code 0.
#include "run.hpp"

#include <doctest/doctest.h>

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("diagdesk import skips other languages' folders and same-folder aliases, in French and English") {
  test::TempDir home;
  test::TempDir kb;
  test::write_mini_kb(kb);
  const char* en = "<html><head><title>Boot</title></head><body><p>Boot the installer from the USB stick and "
                   "choose the language you want to use.</p></body></html>\n";
  home.write("guide/en/boot.html", en);
  home.write("guide/fr/boot.html", "<html><head><title>Démarrage</title></head><body><p>Démarrez l'installateur "
                                   "depuis la clé USB et choisissez la langue que vous voulez.</p></body></html>\n");
  home.write("guide/id/boot.html", en);
  home.write("guide/ja/boot.html", en);
  home.write("guide/faq/uptodate.en.html", en);
  test::fs::create_symlink("uptodate.en.html", home.path() / "guide/faq/uptodate.html");
  const std::string args = "--data " + test::quote(kb.path().string()) + " import " +
                           test::quote((home.path() / "guide").string()) + " --to ";
  const auto e = test::diagdesk(home, "--lang en " + args + test::quote((home.path() / "kb-en").string()));
  CHECK_MESSAGE(e.rc == 0, e.out, e.err);
  CHECK_MESSAGE(has(e.out, "skipped 2 pages in languages Diagdesk does not serve: id, ja"), e.out);
  CHECK_MESSAGE(has(e.out, "1 aliases skipped"), e.out);
  CHECK_FALSE(has(e.out, "also produced by"));
  CHECK_FALSE(test::fs::exists(home.path() / "kb-en/articles/en/guide.id.boot.md"));
  CHECK(test::fs::exists(home.path() / "kb-en/articles/en/guide.faq.uptodate.md"));
  const auto f = test::diagdesk(home, "--lang fr " + args + test::quote((home.path() / "kb-fr").string()));
  CHECK_MESSAGE(f.rc == 0, f.out, f.err);
  CHECK_MESSAGE(has(f.out, "2 pages ignorées dans des langues que Diagdesk ne sert pas : id, ja"), f.out);
  CHECK_MESSAGE(has(f.out, "1 alias ignorés"), f.out);
}
