// Import runs (import.hpp): every format into a KB folder, re-imports, and
// every kind of bad input. All in temporary folders.
#include <diagdesk/importers/import.hpp>
#include <diagdesk/kb/article.hpp>
#include <diagdesk/kb/layers.hpp>

#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace diagdesk::importers;
using diagdesk::test::slurp;
using diagdesk::test::TempDir;
namespace fs = std::filesystem;
namespace kb = diagdesk::kb;

namespace {

// A source folder with one file per format, and a KB folder to import into.
struct Corpus {
  TempDir dir;
  fs::path src = dir.path / "Support Wiki";
  fs::path kb = dir.path / "kb";

  Corpus() {
    dir.write("Support Wiki/vpn.md",
              "---\ntitle: VPN refuses to connect\ntags: [vpn]\n---\n# VPN\n\nThe client shows error 809. "
              "See [the printer page](printers/jam.html) and [the notes](notes.txt).\n");
    dir.write("Support Wiki/printers/jam.html",
              "<html lang=\"en\"><head><title>Paper jam</title></head><body><nav>menu</nav>"
              "<h1>Paper jam</h1><p>Open the tray and remove the paper. Back to <a href=\"../vpn.md#top\">VPN</a>.</p>"
              "</body></html>");
    dir.write("Support Wiki/notes.txt",
              "Redémarrer la box\n\nDébranchez la box pendant dix secondes, puis rebranchez-la et attendez que le voyant "
              "soit vert avant de tester la connexion.\n");
    dir.write("Support Wiki/glpi.csv",
              "name;answer;category;date\nMot de passe oublié;<p>Utilisez la page de réinitialisation de "
              "l'annuaire et vérifiez que le compte n'est pas verrouillé.</p>;Annuaire;2024-01-02\n"
              "Mail setup;<p>Use IMAP with the server of the company and the port 993 for the mail client.</p>;"
              "Office;2024-01-03\n");
    dir.write("Support Wiki/help/wifi.page",
              "<page xmlns=\"http://projectmallard.org/1.0/\" id=\"wifi\"><title>Wi-Fi</title>"
              "<p>Connect to the wireless network of the office and enter the key that is written on the router.</p>"
              "<p>See <link xref=\"wifi-hidden\"/>.</p></page>");
    dir.write("Support Wiki/help/wifi-hidden.page",
              "<page xmlns=\"http://projectmallard.org/1.0/\" id=\"wifi-hidden\"><title>Hidden networks</title>"
              "<p>A hidden network does not show its name; type it in the settings of the computer.</p></page>");
    dir.write("Support Wiki/figures/logo.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
    dir.write("Support Wiki/.git/config", "[core]\n");
  }

  ImportReport run(ImportOptions o = {}) const {
    if (o.inputs.empty()) o.inputs = {src};
    if (o.target.empty()) o.target = kb;
    return run_import(o);
  }
};

const FileOutcome* find_file(const ImportReport& r, const std::string& name) {
  for (const auto& f : r.files)
    if (f.path.filename() == name) return &f;
  return nullptr;
}

// Every article file under `kb` reads back without errors.
void check_all_articles_read(const fs::path& kbdir) {
  for (const auto& file : kb::article_files(kbdir)) {
    kb::ArticleResult r = kb::read_article(file);
    CAPTURE(file.string());
    for (const auto& d : r.diagnostics) CAPTURE(kb::format(d));
    CHECK(kb::count_errors(r.diagnostics) == 0);
    CHECK(r.article.has_value());
  }
}

std::size_t count_md(const fs::path& dir) { return kb::article_files(dir).size(); }

}  // namespace

TEST_CASE("an import writes one canonical article per file or row, every format") {
  Corpus c;
  ImportReport r = c.run();
  INFO(format_report(r, true));
  CHECK(r.error.empty());
  CHECK_FALSE(r.failed());
  CHECK(r.file_counts.imported == 6);
  CHECK(r.file_counts.skipped == 1);  // logo.png; .git is not even looked at
  CHECK(r.article_counts.imported == 7);
  CHECK(count_md(c.kb) == 7);
  check_all_articles_read(c.kb);

  const FileOutcome* md = find_file(r, "vpn.md");
  REQUIRE(md);
  CHECK(md->format == Format::markdown);
  CHECK(md->encoding == "utf-8");
  REQUIRE(md->articles.size() == 1);
  CHECK(md->articles[0].id == "support-wiki.vpn.en");
  CHECK(md->articles[0].lang_from.starts_with("detected"));
  CHECK(md->articles[0].title == "VPN refuses to connect");

  const FileOutcome* txt = find_file(r, "notes.txt");
  REQUIRE(txt);
  CHECK(txt->articles[0].id == "support-wiki.notes.fr");
  CHECK(fs::exists(c.kb / "articles" / "fr" / "support-wiki.notes.md"));

  const FileOutcome* csv = find_file(r, "glpi.csv");
  REQUIRE(csv);
  REQUIRE(csv->articles.size() == 2);
  CHECK(csv->articles[0].id == "support-wiki.glpi.mot-de-passe-oublie.fr");
  CHECK(csv->articles[1].id == "support-wiki.glpi.mail-setup.en");

  const FileOutcome* html = find_file(r, "jam.html");
  REQUIRE(html);
  CHECK(html->articles[0].id == "support-wiki.printers.jam.en");
  CHECK(html->articles[0].lang_from == "html lang");

  auto art = kb::read_article(c.kb / "articles" / "en" / "support-wiki.help.wifi.md");
  REQUIRE(art.article);
  CHECK(art.article->title == "Wi-Fi");
  CHECK(art.article->source == (c.src / "help" / "wifi.page").string());
  CHECK(art.article->updated.has_value());
}

TEST_CASE("links between imported files become article ids") {
  Corpus c;
  c.run();
  std::string vpn = slurp(c.kb / "articles" / "en" / "support-wiki.vpn.md");
  CHECK(vpn.find("[the printer page](article:support-wiki.printers.jam.en)") != std::string::npos);
  // notes.txt is French (its words say so): the link goes to the id that exists,
  // not to the linking article's language (it once gave a dangling ".en").
  CHECK(vpn.find("[the notes](article:support-wiki.notes.fr)") != std::string::npos);
  std::string jam = slurp(c.kb / "articles" / "en" / "support-wiki.printers.jam.md");
  CHECK(jam.find("[VPN](article:support-wiki.vpn.en#top)") != std::string::npos);
  std::string wifi = slurp(c.kb / "articles" / "en" / "support-wiki.help.wifi.md");
  // An empty Mallard link takes the title of the page it points to.
  CHECK(wifi.find("[Hidden networks](article:support-wiki.help.wifi-hidden.en)") != std::string::npos);
}

TEST_CASE("a re-import rewrites nothing when nothing changed, and only what changed") {
  Corpus c;
  c.run();
  auto stamp = [&](const std::string& rel) { return fs::last_write_time(c.kb / "articles" / rel); };
  auto before = stamp("en/support-wiki.vpn.md");

  ImportReport again = c.run();
  INFO(format_report(again, true));
  CHECK(again.file_counts.unchanged == 6);
  CHECK(again.article_counts.unchanged == 7);
  CHECK(again.changed_ids.empty());
  CHECK(again.bytes_read == 0);  // unchanged sources are not even read
  CHECK(stamp("en/support-wiki.vpn.md") == before);
  CHECK(count_md(c.kb) == 7);

  // Change one file: only its article is rewritten, under the same id.
  c.dir.write_newer("Support Wiki/printers/jam.html",
              "<html lang=\"en\"><title>Paper jam</title><p>Open tray 2 and remove the paper.</p></html>");
  ImportReport third = c.run();
  CHECK(third.file_counts.updated == 1);
  CHECK(third.file_counts.unchanged == 5);
  CHECK(third.changed_ids == std::vector<std::string>{"support-wiki.printers.jam.en"});
  CHECK(count_md(c.kb) == 7);
  CHECK(slurp(c.kb / "articles/en/support-wiki.printers.jam.md").find("tray 2") != std::string::npos);
}

TEST_CASE("without its state file a re-import compares contents and still writes nothing") {
  Corpus c;
  c.run();
  fs::remove(c.kb / ".diagdesk-import");
  ImportReport r = c.run();
  CHECK(r.file_counts.unchanged == 6);
  CHECK(r.changed_ids.empty());
  CHECK(r.bytes_read > 0);
}

TEST_CASE("the language comes from the option, the file, the path, or the words") {
  TempDir d;
  d.write("src/fr/a.md", "# A\n\nThe text is English but the folder says French.\n");
  d.write("src/b.en.md", "# B\n\nUn texte en français dans un fichier marqué anglais.\n");
  d.write("src/c.md", "---\nlang: fr\n---\n# C\n\nThe front matter wins over the words.\n");
  d.write("src/d.md", "# D\n\nLe poste n'a pas d'adresse : vérifiez le câble et la box.\n");
  d.write("src/de/e.md", "# E\n\nDer Drucker ist nicht verbunden.\n");
  ImportOptions o;
  o.inputs = {d.path / "src"};
  o.target = d.path / "kb";
  ImportReport r = run_import(o);
  INFO(format_report(r, true));
  auto lang = [&](const std::string& name) -> std::pair<std::string, std::string> {
    const FileOutcome* f = find_file(r, name);
    if (!f || f->articles.empty()) return {};
    return {f->articles[0].lang, f->articles[0].lang_from};
  };
  CHECK(lang("a.md") == std::pair<std::string, std::string>{"fr", "path fr/"});
  CHECK(lang("b.en.md") == std::pair<std::string, std::string>{"en", "path .en"});
  CHECK(lang("c.md") == std::pair<std::string, std::string>{"fr", "front matter"});
  CHECK(lang("d.md").first == "fr");
  CHECK(lang("d.md").second.starts_with("detected (fr "));
  // Another language's folder is left out by the walk, in one summary line (test_foreign_alias.cpp).
  CHECK_FALSE(find_file(r, "e.md"));
  CHECK(r.foreign_pages == 1);
  CHECK(r.foreign_languages == std::vector<std::string>{"de"});

  o.lang = "en";
  ImportReport forced = run_import(o);
  for (const auto& f : forced.files)
    for (const auto& a : f.articles) {
      CHECK(a.lang == "en");
      CHECK(a.lang_from == "option");
    }
}

TEST_CASE("bad inputs: each file gets its own message and the others are imported") {
  TempDir d;
  d.write("src/good.md", "# Good\n\nThis article is fine and it is in English.\n");
  d.write("src/binary.md", std::string("\x7F" "ELF\x02\x01\x01\0\0\0garbage", 16));
  d.write("src/latin1.txt", "Imprimante\n\nL'imprimante du secr\xE9tariat ne r\xE9pond plus.\n");
  d.write("src/mixed.txt", "Caf\xC3\xA9\nd\xE9j\xC3\xA0 vu\n");
  d.write("src/empty.md", "");
  d.write("src/blank.txt", "\n\n   \n");
  d.write("src/big.txt", std::string(3000, 'a'));
  d.write("src/cut.html", "<html><title>Cut</title><body><p>Half a <b>page</p><p>and a tag <a hr");
  d.write("src/rows.csv", "name,answer\nOne,first row\nTwo\nThree,\"third\nrow\",extra\n");
  d.write("src/escape.md", "+++\nid = \"../../outside.en\"\ntitle = \"Evil\"\nlang = \"en\"\n+++\nBody\n");
  d.write("src/x\\..\\..\\evil name.md", "# Evil name\n\nA file name with path characters in it.\n");
  d.write("src/broken.page", "<page xmlns=\"http://projectmallard.org/1.0/\"><title>T</title>\n<p>x</b></page>");
  ImportOptions o;
  o.inputs = {d.path / "src"};
  o.target = d.path / "kb";
  o.max_bytes = 2000;
  ImportReport r = run_import(o);
  std::string text = format_report(r);
  INFO(text);
  CHECK(r.failed());

  auto status = [&](const std::string& name) {
    const FileOutcome* f = find_file(r, name);
    REQUIRE(f);
    return std::pair{f->status, f->reason};
  };
  CHECK(status("good.md").first == Status::imported);

  auto [bin, bin_why] = status("binary.md");
  CHECK(bin == Status::failed);
  CHECK(bin_why.find("binary content") != std::string::npos);

  CHECK(status("latin1.txt").first == Status::imported);
  CHECK(find_file(r, "latin1.txt")->encoding == "iso-8859-1");
  CHECK(slurp(d.path / "kb/articles/fr/src.latin1.md").find("secrétariat") != std::string::npos);

  auto [mixed, mixed_why] = status("mixed.txt");
  CHECK(mixed == Status::failed);
  CHECK(mixed_why.find("invalid UTF-8 at line 2, column 2") != std::string::npos);

  CHECK(status("empty.md") == std::pair{Status::skipped, std::string("empty file: nothing to import")});
  CHECK(status("blank.txt").first == Status::skipped);

  auto [big, big_why] = status("big.txt");
  CHECK(big == Status::skipped);  // met in a folder: skipped, the rest goes on (issue 17)
  CHECK(big_why.find("over the 0.0 MB import limit") != std::string::npos);

  const FileOutcome* cut = find_file(r, "cut.html");
  REQUIRE(cut);
  CHECK(cut->status == Status::imported);
  CHECK(cut->diagnostics.size() >= 2);
  CHECK(text.find("warning: line 1, column") != std::string::npos);

  const FileOutcome* rows = find_file(r, "rows.csv");
  REQUIRE(rows);
  CHECK(rows->status == Status::failed);  // row "Two" has no answer
  CHECK(rows->reason.find("line 3") != std::string::npos);
  std::size_t imported_rows = 0;
  for (const auto& a : rows->articles) imported_rows += a.status == Status::imported;
  CHECK(imported_rows == 2);  // One, and Three with its quoted newline (extra field ignored)

  auto [esc, esc_why] = status("escape.md");
  CHECK(esc == Status::failed);
  CHECK(esc_why.find("would write outside the target folder") != std::string::npos);
  CHECK_FALSE(fs::exists(d.path / "outside.md"));
  CHECK_FALSE(fs::exists(d.path / "outside.en.md"));

  CHECK(status("x\\..\\..\\evil name.md").first == Status::imported);
  CHECK(fs::exists(d.path / "kb/articles/en/src.x-evil-name.md"));

  auto [xml, xml_why] = status("broken.page");
  CHECK(xml == Status::failed);
  CHECK(xml_why.find("line 2") != std::string::npos);

  // Everything written is inside the target and reads back.
  for (const auto& e : fs::recursive_directory_iterator(d.path)) {
    if (e.path().extension() == ".md" && !e.path().string().starts_with((d.path / "src").string()))
      CHECK(e.path().string().starts_with((d.path / "kb").string()));
  }
  check_all_articles_read(d.path / "kb");
}

TEST_CASE("a file over 50 MB is refused with a clear message, without reading it") {
  TempDir d;
  fs::path big = d.write("huge.txt", "x");
  fs::resize_file(big, default_max_bytes + 1);  // sparse: cheap to make
  d.write("small.txt", "Small\n\nA small file that is imported next to a huge one.\n");
  ImportOptions o;
  o.inputs = {big, d.path / "small.txt"};
  o.target = d.path / "kb";
  ImportReport r = run_import(o);
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[0].status == Status::failed);
  CHECK(r.files[0].reason == "the file is 50.0 MB, over the 50.0 MB import limit; split it or import it with a higher limit");
  CHECK(r.files[1].status == Status::imported);
  CHECK(r.bytes_read < 1000);
}

TEST_CASE("a read-only target folder: every file fails with the reason, nothing is written") {
  TempDir d;
  d.write("src/a.md", "# A\n\nSome text in English for the article.\n");
  d.write("src/b.md", "# B\n\nDu texte en français pour cet article.\n");
  fs::create_directories(d.path / "kb");
  fs::permissions(d.path / "kb", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                     fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  ImportOptions o;
  o.inputs = {d.path / "src"};
  o.target = d.path / "kb";
  ImportReport r = run_import(o);
  INFO(format_report(r));
  CHECK(r.failed());
  CHECK(r.file_counts.failed == 2);
  for (const auto& f : r.files) CHECK(f.reason.find("is read-only") != std::string::npos);
  fs::permissions(d.path / "kb", fs::perms::owner_all, fs::perm_options::add);
  CHECK(fs::is_empty(d.path / "kb"));

  SUBCASE("a read-only language folder fails its own articles only") {
    fs::create_directories(d.path / "kb/articles/fr");
    fs::permissions(d.path / "kb/articles/fr", fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                    fs::perm_options::remove);
    ImportReport r2 = run_import(o);
    CHECK(find_file(r2, "a.md")->status == Status::imported);
    CHECK(find_file(r2, "b.md")->status == Status::failed);
  }
}

TEST_CASE("a dry run reports everything and writes nothing") {
  Corpus c;
  ImportOptions o;
  o.dry_run = true;
  ImportReport r = c.run(o);
  CHECK(r.article_counts.imported == 7);
  CHECK_FALSE(fs::exists(c.kb));
  CHECK(format_report(r).find("Dry run, nothing written") != std::string::npos);
}

TEST_CASE("articles edited by hand or owned by another source are not overwritten without force") {
  Corpus c;
  c.run();
  fs::path vpn = c.kb / "articles/en/support-wiki.vpn.md";
  std::string edited = slurp(vpn) + "\nA note added by the KB author.\n";
  c.dir.write_newer("kb/articles/en/support-wiki.vpn.md", edited);
  c.dir.write_newer("Support Wiki/vpn.md", "# VPN\n\nThe client shows error 809 and 812 now.\n");
  ImportReport r = c.run();
  const FileOutcome* f = find_file(r, "vpn.md");
  REQUIRE(f);
  CHECK(f->status == Status::skipped);
  CHECK(f->reason.find("was edited after its last import") != std::string::npos);
  CHECK(slurp(vpn) == edited);

  ImportOptions force;
  force.force = true;
  ImportReport forced = c.run(force);
  CHECK(find_file(forced, "vpn.md")->status == Status::updated);
  CHECK(slurp(vpn).find("812") != std::string::npos);

  // The same id written by someone else (another source) is left alone.
  TempDir other;
  other.write("Support Wiki/vpn.md", "# VPN\n\nAnother team's page about the same client.\n");
  ImportOptions o2;
  o2.inputs = {other.path / "Support Wiki"};
  o2.target = c.kb;
  ImportReport clash = run_import(o2);
  CHECK(find_file(clash, "vpn.md")->status == Status::skipped);
  CHECK(find_file(clash, "vpn.md")->reason.find("did not come from this file") != std::string::npos);
}

TEST_CASE("a CSV row removed from the source removes its article") {
  TempDir d;
  d.write("faq.csv", "name,answer\nFirst question,The first answer is here.\nSecond question,The second answer.\n");
  ImportOptions o;
  o.inputs = {d.path / "faq.csv"};
  o.target = d.path / "kb";
  o.lang = "en";
  run_import(o);
  CHECK(count_md(d.path / "kb") == 2);
  d.write_newer("faq.csv", "name,answer\nFirst question,The first answer is here.\n");
  ImportReport r = run_import(o);
  CHECK(r.removed == 1);
  CHECK(count_md(d.path / "kb") == 1);
  CHECK(std::find(r.changed_ids.begin(), r.changed_ids.end(), "faq.second-question.en") != r.changed_ids.end());
}

TEST_CASE("a domain kb does not know is left out with a warning, --domain sets every article's") {
  TempDir d;
  d.write("faq.csv", "name,answer,domain\nWi-Fi,Change the channel of the access point.,Réseau\nVPN,Open UDP 500.,network\n");
  ImportOptions o;
  o.inputs = {d.path / "faq.csv"};
  o.target = d.path / "kb";
  o.lang = "en";
  ImportReport r = run_import(o);
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].diagnostics.size() == 1);
  CHECK(r.files[0].diagnostics[0].message.find("domain 'Réseau'") != std::string::npos);
  CHECK(kb::read_article(d.path / "kb/articles/en/faq.wi-fi.md").article->domain.empty());
  CHECK(kb::read_article(d.path / "kb/articles/en/faq.vpn.md").article->domain == "network");
  o.domain = "security";
  o.force = true;
  run_import(o);
  CHECK(kb::read_article(d.path / "kb/articles/en/faq.wi-fi.md").article->domain == "security");
}

TEST_CASE("two files giving the same id: the second fails, the first is kept") {
  TempDir d;
  d.write("src/page.md", "# Page\n\nThe Markdown version of the page.\n");
  d.write("src/page.html", "<title>Page</title><p>The HTML version of the page.</p>");
  ImportOptions o;
  o.inputs = {d.path / "src"};
  o.target = d.path / "kb";
  ImportReport r = run_import(o);
  CHECK(find_file(r, "page.html")->status == Status::imported);
  CHECK(find_file(r, "page.md")->status == Status::failed);
  CHECK(find_file(r, "page.md")->reason.find("also produced by") != std::string::npos);
}

TEST_CASE("a target inside the source folder is not imported again") {
  TempDir d;
  d.write("notes/a.md", "# A\n\nA note in English about the printer.\n");
  ImportOptions o;
  o.inputs = {d.path / "notes"};
  o.target = d.path / "notes/kb";
  run_import(o);
  ImportReport r = run_import(o);
  CHECK(r.files.size() == 1);
  CHECK(r.file_counts.unchanged == 1);
}

TEST_CASE("only one import at a time into a folder") {
  TempDir d;
  d.write("a.md", "# A\n\nText.\n");
  fs::create_directories(d.path / "kb");
  int fd = ::open((d.path / "kb/.diagdesk-import.lock").c_str(), O_CREAT | O_RDWR, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  ImportOptions o;
  o.inputs = {d.path / "a.md"};
  o.target = d.path / "kb";
  ImportReport r = run_import(o);
  ::close(fd);
  CHECK(r.failed());
  CHECK(r.error.find("another import") != std::string::npos);
  CHECK(run_import(o).file_counts.imported == 1);
}

TEST_CASE("bad options and missing inputs are reported") {
  TempDir d;
  ImportOptions o;
  o.target = d.path / "kb";
  CHECK(run_import(o).error.find("nothing to import") != std::string::npos);
  o.inputs = {d.path / "missing"};
  ImportReport r = run_import(o);
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].reason == "no such file or folder");
  o.lang = "de";
  CHECK(run_import(o).error.find("language 'de'") != std::string::npos);
  o.lang.clear();
  o.domain = "kitchen";
  CHECK(run_import(o).error.find("unknown domain 'kitchen'") != std::string::npos);
}

TEST_CASE("an interrupted import leaves whole articles only, and the next run completes it") {
  TempDir d;
  constexpr int n = 1500;
  for (int i = 0; i < n; ++i)
    d.write("site/page" + std::to_string(i) + ".html",
            "<html lang=\"en\"><title>Page " + std::to_string(i) + "</title><p>Body of page " + std::to_string(i) +
                " with enough words to be an article.</p></html>");
  ImportOptions o;
  o.inputs = {d.path / "site"};
  o.target = d.path / "kb";

  // The child says when it has finished 20 files (a byte on a pipe), then
  // goes on writing; it is killed at whatever point it has reached.
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(ready[0]);
    o.on_progress = [&](const Progress& p) {
      if (p.done == 20) {
        char c = 'k';
        (void)!::write(ready[1], &c, 1);
      }
    };
    run_import(o);
    ::_exit(0);
  }
  ::close(ready[1]);
  char c = 0;
  REQUIRE(::read(ready[0], &c, 1) == 1);
  ::close(ready[0]);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  std::size_t partial = count_md(d.path / "kb");
  MESSAGE("killed after " << partial << " articles");
  check_all_articles_read(d.path / "kb");

  ImportReport second = run_import(o);
  CHECK_FALSE(second.failed());
  CHECK(second.article_counts.imported + second.article_counts.unchanged == n);
  CHECK(count_md(d.path / "kb") == n);
  check_all_articles_read(d.path / "kb");
  for (const auto& e : fs::recursive_directory_iterator(d.path / "kb"))
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);

  ImportReport third = run_import(o);
  CHECK(third.file_counts.unchanged == n);
  CHECK(third.changed_ids.empty());
}

TEST_CASE("the report lists problems, totals and speeds") {
  Corpus c;
  c.dir.write("Support Wiki/bad.md", std::string("\0\0\0", 3));
  ImportReport r = c.run();
  std::string text = format_report(r);
  CHECK(text.find("failed    ") != std::string::npos);
  CHECK(text.find("binary content") != std::string::npos);
  CHECK(text.find("Files: 8 (6 imported, 0 updated, 0 unchanged, 1 skipped, 1 failed)") != std::string::npos);
  CHECK(text.find("files/s") != std::string::npos);
  CHECK(text.find("1 files of other formats skipped") != std::string::npos);
  CHECK(progress_line({3, 10, "/x/page.html"}, 60).starts_with("[#####"));
}
