// Two defects met importing Debian's help sets (issues 12 and 17): the
// installation guide's other-language folders (id/, ja/, pt_BR/...) were
// imported as French or English, and the Debian FAQ's "faq.html ->
// faq.en.html" links failed as duplicate ids.
#include "temp_dir.hpp"

#include <diagdesk/importers/import.hpp>
#include <diagdesk/importers/language.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::importers;
using diagdesk::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string page(const char* lang, const char* title, const char* body) {
  std::string l = *lang ? std::string(" lang=\"") + lang + "\"" : std::string();
  return "<html" + l + "><head><title>" + title + "</title></head><body><h1>" + title + "</h1><p>" + body +
         "</p></body></html>\n";
}

const char* en_text = "Boot the installer from the USB stick and choose the language you want to use.";
const char* fr_text = "Démarrez l'installateur depuis la clé USB et choisissez la langue que vous voulez.";
const char* id_text = "Jalankan program instalasi dari flashdisk dan pilih bahasa yang ingin digunakan.";

ImportReport import(const fs::path& src, const fs::path& kb) {
  ImportOptions o;
  o.inputs = {src};
  o.target = kb;
  return run_import(o);
}

bool produced(const ImportReport& r, const std::string& id) {
  for (const auto& f : r.files)
    for (const auto& a : f.articles)
      if (a.id == id) return true;
  return false;
}

bool walked(const ImportReport& r, const std::string& part) {
  return std::any_of(r.files.begin(), r.files.end(),
                     [&](const FileOutcome& f) { return f.path.string().find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("ISO 639-1 codes are known, other names are not") {
  for (const char* c : {"id", "ja", "it", "pt", "zh", "fr", "en", "tl", "nn"}) CHECK_MESSAGE(is_language_code(c), c);
  for (const char* c : {"xx", "C", "img", "", "ID", "pt_BR"}) CHECK_FALSE_MESSAGE(is_language_code(c), c);
}

TEST_CASE("folders named after another language beside en/ and fr/ are skipped with one summary line") {
  TempDir d;
  d.write("guide/en/ch01.html", page("", "Booting", en_text));
  d.write("guide/fr/ch01.html", page("", "Démarrage", fr_text));
  d.write("guide/id/ch01.html", page("", "Memulai", id_text));    // no lang attribute: was imported as en or fr
  d.write("guide/id/ch02.html", page("id", "Bahasa", id_text));
  d.write("guide/id/images/logo.png", "PNG");                     // not a page: not counted
  d.write("guide/it/ch01.html", page("", "Avvio", en_text));      // "it" is a word too, but beside en/: Italian
  d.write("guide/ja/ch01.html", page("ja", "起動", en_text));
  d.write("guide/pt_BR/ch01.html", page("", "Iniciar", en_text));
  ImportReport r = import(d.path / "guide", d.path / "kb");
  CHECK_FALSE(r.failed());
  CHECK(r.file_counts.total() == 2);
  CHECK(produced(r, "guide.ch01.en"));
  CHECK(produced(r, "guide.ch01.fr"));
  for (const char* dir : {"/id/", "/it/", "/ja/", "/pt_BR/"}) CHECK_FALSE_MESSAGE(walked(r, dir), dir);
  CHECK(r.foreign_pages == 5);
  CHECK(r.foreign_languages == std::vector<std::string>{"id", "it", "ja", "pt_BR"});
  CHECK_FALSE(fs::exists(d.path / "kb/articles/en/guide.id.ch01.md"));
  CHECK_FALSE(fs::exists(d.path / "kb/articles/fr/guide.id.ch01.md"));
  const std::string report = format_report(r);
  CHECK_MESSAGE(report.find("skipped 5 pages in languages Diagdesk does not serve: id, it, ja, pt_BR\n") !=
                    std::string::npos,
                report);
  CHECK(report.find("ch02") == std::string::npos);  // one line, not one per page
}

TEST_CASE("a folder whose name is only a code word stays a topic without language folders beside it") {
  TempDir d;
  d.write("kb-src/os/boot.md", "# Boot\n\nThe computer does not start: check the power cable and the screen.\n");
  d.write("kb-src/id/badge.md", "# Badge\n\nThe badge reader does not open the door: check its battery.\n");
  ImportReport r = import(d.path / "kb-src", d.path / "kb");
  CHECK_FALSE(r.failed());
  CHECK(produced(r, "kb-src.os.boot.en"));
  CHECK(produced(r, "kb-src.id.badge.en"));
  CHECK(r.foreign_pages == 0);
  CHECK(format_report(r).find("languages Diagdesk does not serve") == std::string::npos);
}

TEST_CASE("a file suffix naming another language is skipped, a code word suffix only beside .en or .fr") {
  TempDir d;
  d.write("faq/basics.en.html", page("en", "Basics", en_text));
  d.write("faq/basics.fr.html", page("fr", "Notions", fr_text));
  d.write("faq/basics.ja.html", page("ja", "基本", en_text));
  d.write("faq/basics.id.html", page("", "Dasar", id_text));     // beside basics.en.html: Indonesian
  d.write("faq/setup.it.md", "# Setup it\n\nSet it up: plug the cable and switch the printer on.\n");  // alone: a name
  ImportReport r = import(d.path / "faq", d.path / "kb");
  CHECK_FALSE(r.failed());
  CHECK(produced(r, "faq.basics.en"));
  CHECK(produced(r, "faq.basics.fr"));
  CHECK(walked(r, "setup.it.md"));
  CHECK(r.foreign_pages == 2);
  CHECK(r.foreign_languages == std::vector<std::string>{"id", "ja"});
}

TEST_CASE("a link to a page of the same folder that is imported itself is an alias, not a duplicate id") {
  TempDir d;
  d.write("faq/uptodate.en.html", page("en", "Keeping up to date", en_text));
  d.write("faq/uptodate.fr.html", page("fr", "Mise à jour", fr_text));
  fs::create_symlink("uptodate.en.html", d.path / "faq/uptodate.html");  // Debian FAQ's layout
  fs::create_symlink("uptodate.html", d.path / "faq/index.html");        // a link to the link: same page
  d.write("faq/.drafts/extra.md", "# Extra\n\nA draft kept in a hidden folder, about the printer.\n");
  fs::create_symlink(".drafts/extra.md", d.path / "faq/extra.md");       // its target is not walked: followed
  ImportReport r = import(d.path / "faq", d.path / "kb");
  CHECK_FALSE_MESSAGE(r.failed(), format_report(r));
  CHECK(r.aliases == 2);
  CHECK_FALSE(walked(r, "uptodate.html"));
  CHECK_FALSE(walked(r, "index.html"));
  CHECK(produced(r, "faq.uptodate.en"));
  CHECK(produced(r, "faq.uptodate.fr"));
  CHECK(produced(r, "faq.extra.en"));
  const std::string report = format_report(r);
  CHECK(report.find("2 aliases skipped") != std::string::npos);
  CHECK(report.find("also produced by") == std::string::npos);
  // A second run: the same, and nothing removed as missing.
  ImportReport again = import(d.path / "faq", d.path / "kb");
  CHECK_FALSE(again.failed());
  CHECK(again.aliases == 2);
  CHECK(again.removed == 0);
}
