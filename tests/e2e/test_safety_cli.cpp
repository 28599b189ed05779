// End-to-end: the defects of issue 17 found by trying bad input, through the
// real program. Output paths (--save, --transcript, graph -o, exports) are
// written only to regular files or new paths, atomically, never through a
// symbolic link, never to a device, a folder or a FIFO; a failed write names
// the file and leaves the old one; sessions are read only from regular files.
#include "run.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>

namespace {

struct Kb {
  test::TempDir home;
  test::TempDir kb;
  std::string data;
  Kb() : data("--data " + test::quote(kb.path().string()) + " ") { test::write_mini_kb(kb); }
  test::Run run(const std::string& args, const std::string& prefix = "") const {
    return test::diagdesk_from(home, data + args, home.write("stdin.txt", ""), prefix);
  }
  std::string at(const std::string& name) const { return test::quote((home.path() / name).string()); }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("diagnose --save and --transcript refuse a folder, a FIFO, a symbolic link and a device, writing nothing") {
  Kb k;
  const test::fs::path dir = k.home.path() / "folder";
  test::fs::create_directory(dir);
  const auto target = k.home.write("target.toml", "old");
  test::fs::create_symlink(target, k.home.path() / "link.toml");
  REQUIRE(::mkfifo((k.home.path() / "fifo").c_str(), 0600) == 0);
  // A character device of our own (the /dev/full numbers) in the temporary
  // folder: a regression would replace this node, never the real /dev/full.
  const bool device = ::mknod((k.home.path() / "full").c_str(), S_IFCHR | 0600, makedev(1, 7)) == 0;
  for (const char* option : {"--save", "--transcript"}) {
    for (const char* name : {"folder", "fifo", "link.toml", "full"}) {
      if (std::string(name) == "full" && !device) continue;
      CAPTURE(option);
      CAPTURE(name);
      const auto r = k.run("diagnose t.net --answers on " + std::string(option) + " " + k.at(name));
      CHECK(r.rc == 2);
      CHECK(has(r.err, name));
      CHECK((has(r.err, "symbolic link") || has(r.err, "not a regular file")));
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
  }
  CHECK(test::fs::is_directory(dir));
  CHECK(test::fs::is_fifo(k.home.path() / "fifo"));
  CHECK(test::fs::is_symlink(k.home.path() / "link.toml"));
  CHECK(test::read(target) == "old");
  if (device) CHECK(test::fs::is_character_file(k.home.path() / "full"));
  SUBCASE("in French too") {
    const auto r = k.run("--lang fr diagnose t.net --answers on --save " + k.at("link.toml"));
    CHECK(r.rc == 2);
    CHECK(has(r.err, "lien symbolique"));
  }
}

TEST_CASE("a write past the file-size limit is an error naming the file, and the old file stays whole") {
  Kb k;
  const auto saved = k.home.write("report.md", "previous report");
  // ulimit -f 1: writes past 512 bytes fail with EFBIG (SIGXFSZ is ignored);
  // the report is longer, the one-line message on stderr is not.
  const auto r = k.run("diagnose t.net --answers on,169.254.1.1 --transcript " + k.at("report.md"),
                       "sh -c 'ulimit -f 1; exec \"$0\" \"$@\"'");
  CHECK(r.rc == 1);
  CHECK(has(r.err, "report.md"));
  CHECK(has(r.err, "the old file is intact"));
  CHECK(test::read(saved) == "previous report");
  for (const auto& e : test::fs::directory_iterator(k.home.path())) CHECK_FALSE(e.path().filename().string().starts_with(".report"));
  // And a normal write replaces it.
  const auto ok = k.run("diagnose t.net --answers on,169.254.1.1 --transcript " + k.at("report.md"));
  CHECK(ok.rc == 0);
  CHECK(test::read(saved).size() > 512);
}

TEST_CASE("graph -o and the transcript into a missing folder are refused in one line") {
  Kb k;
  auto r = k.run("graph t.net -o " + k.at("missing/graph.dot"));
  CHECK(r.rc == 2);
  CHECK(has(r.err, "graph.dot"));
  r = k.run("graph t.net -o " + k.at("new.dot"));
  CHECK(r.rc == 0);
  test::fs::create_symlink(k.home.path() / "elsewhere.dot", k.home.path() / "g.dot");
  r = k.run("graph t.net -o " + k.at("g.dot"));
  CHECK(r.rc == 2);
  CHECK_FALSE(test::fs::exists(k.home.path() / "elsewhere.dot"));
}

TEST_CASE("--resume reads only a regular file: /dev/zero, a FIFO and a folder are refused at once") {
  Kb k;
  REQUIRE(::mkfifo((k.home.path() / "fifo").c_str(), 0600) == 0);
  for (const std::string& path : {std::string("/dev/zero"), (k.home.path() / "fifo").string(), k.home.path().string()}) {
    CAPTURE(path);
    const auto r = k.run("diagnose --resume " + test::quote(path), "timeout 20");
    CHECK(r.rc == 2);
    CHECK(has(r.err, "not a regular file"));
  }
  // A session file over the limit (1 MiB) is refused before it is read.
  k.home.write("big.toml", std::string(2 * 1024 * 1024, '#'));
  const auto r = k.run("diagnose --resume " + k.at("big.toml"));
  CHECK(r.rc == 2);
  CHECK(has(r.err, "too large"));
}

namespace {

/// A tree of `questions` questions in a chain, each with a conclusion of its
/// own and the last one two: 2 x questions + 1 nodes.
std::string chain_tree(const std::string& id, int questions) {
  std::string t = "schema_version = 1\nid = \"" + id +
                  "\"\ndomain = \"network\"\ncompetency = 3\nstart = \"q0\"\n"
                  "title = { fr = \"Grand arbre\", en = \"Big tree\" }\nsymptoms = { fr = [\"grand\"], en = [\"big\"] }\n";
  auto conclusion = [&](const std::string& c) {
    t += "[[nodes]]\nid = \"" + c + "\"\nkind = \"conclusion\"\ndiagnosis = { fr = \"D\", en = \"D\" }\n"
         "remedy = [ { fr = \"R\", en = \"R\" } ]\noutcome = \"resolved\"\n";
  };
  for (int i = 0; i < questions; ++i) {
    const std::string q = "q" + std::to_string(i);
    const std::string next = i + 1 < questions ? "q" + std::to_string(i + 1) : "c_last";
    t += "[[nodes]]\nid = \"" + q + "\"\nkind = \"question\"\ntext = { fr = \"Q ?\", en = \"Q?\" }\n"
         "[[nodes.choices]]\nid = \"y\"\nlabel = { fr = \"Oui\", en = \"Yes\" }\nnext = \"c" + std::to_string(i) +
         "\"\n[[nodes.choices]]\nid = \"n\"\nlabel = { fr = \"Non\", en = \"No\" }\nnext = \"" + next + "\"\n";
    conclusion("c" + std::to_string(i));
  }
  conclusion("c_last");
  return t;
}

}  // namespace

TEST_CASE("graph refuses a 2,001-node tree with the limit in words and bounds the layout past 150 nodes") {
  Kb k;
  k.kb.write("trees/network/t.huge.toml", chain_tree("t.huge", 1000));   // 2,001 nodes
  k.kb.write("trees/network/t.large.toml", chain_tree("t.large", 75));   // 151 nodes
  k.kb.write("trees/network/t.medium.toml", chain_tree("t.medium", 74)); // 149 nodes
  for (const char* lang : {"en", "fr"}) {
    const auto r = k.run(std::string("--lang ") + lang + " graph t.huge -f svg");
    CHECK(r.rc != 0);
    CHECK(r.out.empty());
    CHECK_MESSAGE(has(r.err, "t.huge"), r.err);
    CHECK_MESSAGE(has(r.err, "2001"), r.err);
    CHECK_MESSAGE(has(r.err, "2000"), r.err);
    CHECK(has(r.err, std::string(lang) == "fr" ? "nœuds" : "nodes"));
  }
  const auto large = k.run("graph t.large -f dot");
  CHECK_MESSAGE(large.rc == 0, large.err);
  CHECK(has(large.out, "mclimit=0.1"));
  CHECK(has(large.out, "splines=line"));
  const auto medium = k.run("graph t.medium -f dot");
  CHECK_MESSAGE(medium.rc == 0, medium.err);
  CHECK_FALSE(has(medium.out, "mclimit"));
  CHECK(has(medium.out, "\"c_last\""));
}

TEST_CASE("a save removes the temporaries a killed save of the same file left, and only those") {
  Kb k;
  const auto stale = k.home.write(".s.toml.tmp-Xy12Zq", "half a session");  // a kill during --save left it
  const auto other = k.home.write(".t.toml.tmp-Xy12Zq", "another file's");
  const auto r = k.run("diagnose t.net --answers on --save " + k.at("s.toml"));
  CHECK_MESSAGE(r.rc == 0, r.err);
  CHECK(test::fs::exists(k.home.path() / "s.toml"));
  CHECK_FALSE(test::fs::exists(stale));
  CHECK(test::fs::exists(other));
  for (const auto& e : test::fs::directory_iterator(k.home.path()))
    CHECK_FALSE(e.path().filename().string().starts_with(".s.toml.tmp-"));
}

TEST_CASE("the import report speaks the user's language: statuses, reasons, totals, in French and English") {
  Kb k;
  k.home.write("src/wifi.md", "# Wi-Fi lent\n\nRedémarrez la borne.\n");
  k.home.write("src/empty.md", "");
  k.home.write("src/photo.png", "PNG");
  k.home.write("outside.md", "# Dehors\n\nsecret\n");
  test::fs::create_symlink(k.home.path() / "outside.md", k.home.path() / "src/link.md");
  const std::string src = test::quote((k.home.path() / "src").string());
  const auto fr = k.run("--lang fr import " + src + " --lang fr --to " + k.at("kb-fr"));
  CHECK_MESSAGE(fr.rc == 0, fr.err);
  for (const char* words : {"importé", "ignoré", "fichier vide : rien à importer", "lien symbolique vers",
                            "hors du dossier importé", "Fichiers : 4", "importés", "Articles : 1", "Cible", "Index : "}) {
    CHECK_MESSAGE(has(fr.out, words), words, "\n", fr.out);
  }
  CHECK_FALSE(has(fr.out, "Files:"));
  CHECK_FALSE(has(fr.out, "empty file"));
  const auto en = k.run("--lang en import " + src + " --lang en --to " + k.at("kb-en"));
  CHECK_MESSAGE(en.rc == 0, en.err);
  for (const char* words : {"imported", "skipped", "empty file: nothing to import", "a symbolic link to",
                            "outside the imported folder", "Files: 4", "Articles: 1", "Target", "Index: "}) {
    CHECK_MESSAGE(has(en.out, words), words, "\n", en.out);
  }
}

namespace {

/// An article of about `mb` MB whose first paragraph says `first` and last `last`.
std::string big_article(const std::string& id, int mb, const std::string& first, const std::string& last) {
  std::string body = "+++\nschema_version = 1\nid = \"" + id + "\"\ntitle = \"Big\"\nlang = \"en\"\n"
                     "domain = \"network\"\ncompetency = 5\nsource = \"bundled\"\nupdated = 2026-11-01\n+++\n\n# Big\n\n" +
                     first + "\n\n";
  const std::string para = "The router log repeats the same harmless line again and again.\n\n";
  while (body.size() < static_cast<std::size_t>(mb) * 1024 * 1024) body += para;
  return body + last + "\n";
}

}  // namespace

TEST_CASE("a huge article is indexed up to the bound: its beginning is found, the rest not, with a warning naming it") {
  Kb k;
  k.kb.write("articles/en/net.huge.md", big_article("net.huge.en", 3, "zanzibarword", "quokkaword"));
  // 1 MiB instead of 4 (DIAGDESK_INDEX_MAX_BYTES) keeps the test small.
  const std::string bound = "DIAGDESK_INDEX_MAX_BYTES=1048576";
  const auto first = k.run("--lang en search zanzibarword", bound);
  CHECK_MESSAGE(first.rc == 0, first.err);
  CHECK(has(first.out, "net.huge.en"));
  CHECK_MESSAGE(has(first.err, "net.huge.md"), first.err);
  CHECK(has(first.err, "only the first 1048576 bytes"));
  const auto last = k.run("--lang en search quokkaword", bound);
  CHECK_FALSE(has(last.out, "net.huge.en"));
  const auto fr = k.run("--lang fr index --rebuild", bound);
  CHECK_MESSAGE(fr.rc == 0, fr.err);
  CHECK(has(fr.err, "net.huge.md"));
  CHECK(has(fr.err, "seuls les 1048576 premiers octets"));
}
