// Sources that are gone (import.hpp, MissingArticle): a file deleted from
// a folder that was imported takes its articles away at the next import,
// unless kept; only that folder's articles can go. All in temporary folders.
#include <diagdesk/importers/import.hpp>
#include <diagdesk/kb/layers.hpp>

#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::importers;
using diagdesk::test::slurp;
using diagdesk::test::TempDir;
namespace fs = std::filesystem;
namespace kb = diagdesk::kb;

namespace {

// Two source folders imported into one KB folder, and a hand-written article.
struct TwoFolders {
  TempDir dir;
  fs::path wiki = dir.path / "wiki";
  fs::path other = dir.path / "other";
  fs::path kb = dir.path / "kb";

  TwoFolders() {
    dir.write("wiki/vpn.md", "# VPN\n\nThe VPN client shows error 809 when the firewall blocks the ports.\n");
    dir.write("wiki/printer.md", "# Printer\n\nOpen the tray and remove the jammed paper, then print again.\n");
    dir.write("wiki/faq.csv", "name,answer\nFirst question,The first answer is here.\nSecond question,The second one.\n");
    dir.write("other/vpn.md", "# VPN\n\nThe other team restarts the VPN gateway when every user is cut off.\n");
    dir.write("kb/articles/en/hand.md",
              "+++\nschema_version = 1\nid = \"hand.en\"\ntitle = \"Written by hand\"\nlang = \"en\"\n"
              "source = \"" + (dir.path / "wiki" / "hand.md").string() + "\"\n+++\n\nA hand-written article.\n");
  }

  ImportReport run(fs::path folder, ImportOptions o = {}) const {
    o.inputs = {std::move(folder)};
    o.target = kb;
    o.lang = "en";
    return run_import(o);
  }
  fs::path article(const std::string& topic) const { return kb / "articles" / "en" / (topic + ".md"); }
};

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("a file deleted from its source folder has its article listed and removed at the next import") {
  TwoFolders t;
  REQUIRE_FALSE(t.run(t.wiki).failed());
  REQUIRE(fs::exists(t.article("wiki.vpn")));
  fs::remove(t.wiki / "vpn.md");

  ImportReport r = t.run(t.wiki);
  INFO(format_report(r, true));
  REQUIRE(r.missing.size() == 1);
  CHECK(r.missing[0].id == "wiki.vpn.en");
  CHECK(r.missing[0].source == t.wiki / "vpn.md");
  CHECK(r.missing[0].path == t.article("wiki.vpn"));
  CHECK(r.missing[0].action == MissingAction::removed);
  CHECK(r.removed == 1);
  CHECK(has(r.changed_ids, "wiki.vpn.en"));
  CHECK_FALSE(fs::exists(t.article("wiki.vpn")));
  CHECK(fs::exists(t.article("wiki.printer")));
  CHECK(fs::exists(t.article("hand")));
  std::string text = format_report(r);
  CHECK(text.find("wiki.vpn.en: removed") != std::string::npos);
  CHECK(text.find("1 removed (1 of sources gone)") != std::string::npos);

  // Said once: the source is forgotten after its article went.
  ImportReport again = t.run(t.wiki);
  CHECK(again.missing.empty());
  CHECK(again.changed_ids.empty());
}

TEST_CASE("a deleted CSV file takes all its rows' articles away") {
  TwoFolders t;
  t.run(t.wiki);
  REQUIRE(fs::exists(t.article("wiki.faq.first-question")));
  fs::remove(t.wiki / "faq.csv");
  ImportReport r = t.run(t.wiki);
  CHECK(r.missing.size() == 2);
  CHECK(r.removed == 2);
  CHECK_FALSE(fs::exists(t.article("wiki.faq.first-question")));
  CHECK_FALSE(fs::exists(t.article("wiki.faq.second-question")));
}

TEST_CASE("keep-missing and a dry run list the articles of a deleted file and remove nothing") {
  TwoFolders t;
  t.run(t.wiki);
  fs::remove(t.wiki / "printer.md");

  SUBCASE("dry run") {
    ImportOptions o;
    o.dry_run = true;
    ImportReport r = t.run(t.wiki, o);
    REQUIRE(r.missing.size() == 1);
    CHECK(r.missing[0].action == MissingAction::would_remove);
    CHECK(r.removed == 1);
    CHECK(fs::exists(t.article("wiki.printer")));
    CHECK(format_report(r).find("wiki.printer.en: would be removed") != std::string::npos);
    // Nothing was forgotten either: the real run still finds it.
    ImportReport real = t.run(t.wiki);
    REQUIRE(real.missing.size() == 1);
    CHECK(real.missing[0].action == MissingAction::removed);
    CHECK_FALSE(fs::exists(t.article("wiki.printer")));
  }
  SUBCASE("keep-missing") {
    ImportOptions o;
    o.keep_missing = true;
    ImportReport r = t.run(t.wiki, o);
    REQUIRE(r.missing.size() == 1);
    CHECK(r.missing[0].action == MissingAction::kept);
    CHECK(r.removed == 0);
    CHECK(r.changed_ids.empty());
    CHECK(fs::exists(t.article("wiki.printer")));
    // Kept articles are listed again until they go.
    ImportReport again = t.run(t.wiki, o);
    CHECK(again.missing.size() == 1);
  }
}

TEST_CASE("only the articles of the folder being imported can be removed") {
  TwoFolders t;
  t.run(t.wiki);
  t.run(t.other);
  REQUIRE(fs::exists(t.article("other.vpn")));
  fs::remove(t.other / "vpn.md");
  fs::remove(t.wiki / "vpn.md");

  // Importing wiki/ removes wiki's article, not other's, not the hand-written one
  // (whose source field names a file of wiki/ that does not exist).
  ImportReport r = t.run(t.wiki);
  REQUIRE(r.missing.size() == 1);
  CHECK(r.missing[0].id == "wiki.vpn.en");
  CHECK(fs::exists(t.article("other.vpn")));
  CHECK(fs::exists(t.article("hand")));

  // A file given by name is not a folder: nothing is looked for.
  ImportReport single = t.run(t.wiki / "printer.md");
  CHECK(single.missing.empty());

  ImportReport o = t.run(t.other);
  REQUIRE(o.missing.size() == 1);
  CHECK(o.missing[0].id == "other.vpn.en");
  CHECK_FALSE(fs::exists(t.article("other.vpn")));
  CHECK(fs::exists(t.article("hand")));
}

TEST_CASE("an article edited since its import is kept when its source is gone, unless forced") {
  TwoFolders t;
  t.run(t.wiki);
  {
    std::string text = slurp(t.article("wiki.vpn"));
    std::ofstream(t.article("wiki.vpn"), std::ios::binary) << text << "A note added by hand.\n";
  }
  fs::remove(t.wiki / "vpn.md");
  ImportReport r = t.run(t.wiki);
  REQUIRE(r.missing.size() == 1);
  CHECK(r.missing[0].action == MissingAction::kept_edited);
  CHECK(fs::exists(t.article("wiki.vpn")));

  ImportOptions force;
  force.force = true;
  ImportReport forced = t.run(t.wiki, force);
  REQUIRE(forced.missing.size() == 1);
  CHECK(forced.missing[0].action == MissingAction::removed);
  CHECK_FALSE(fs::exists(t.article("wiki.vpn")));
}

TEST_CASE("without the state file the articles' source field still finds what is gone") {
  TwoFolders t;
  t.run(t.wiki);
  fs::remove(t.kb / ".diagdesk-import");
  fs::remove(t.wiki / "vpn.md");
  ImportReport r = t.run(t.wiki);
  INFO(format_report(r, true));
  // Edits cannot be told apart without the record: kept, and said so.
  REQUIRE(r.missing.size() == 1);
  CHECK(r.missing[0].id == "wiki.vpn.en");
  CHECK(r.missing[0].action == MissingAction::kept_unrecorded);
  CHECK(fs::exists(t.article("wiki.vpn")));
  CHECK(fs::exists(t.article("hand")));  // its source never existed in an import record, and it stays

  ImportOptions force;
  force.force = true;
  ImportReport forced = t.run(t.wiki, force);
  CHECK(forced.removed >= 1);
  CHECK_FALSE(fs::exists(t.article("wiki.vpn")));
}

TEST_CASE("a renamed file's article moves to its new id without a clash") {
  TwoFolders t;
  t.run(t.wiki);
  fs::rename(t.wiki / "printer.md", t.wiki / "printer-jam.md");
  ImportReport r = t.run(t.wiki);
  INFO(format_report(r, true));
  CHECK_FALSE(r.failed());
  CHECK(r.missing.size() == 1);
  CHECK_FALSE(fs::exists(t.article("wiki.printer")));
  CHECK(fs::exists(t.article("wiki.printer-jam")));
}
