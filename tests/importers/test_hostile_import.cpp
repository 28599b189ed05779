// Hostile import folders and targets (issue 17): links out of the source,
// links inside the target, names that could lead out, resource bombs.
#include "temp_dir.hpp"

#include <diagdesk/importers/import.hpp>
#include <diagdesk/importers/mallard.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>

using namespace diagdesk::importers;
using diagdesk::test::TempDir;
namespace fs = std::filesystem;

namespace {

const FileOutcome* find(const ImportReport& r, const std::string& name) {
  for (const auto& f : r.files)
    if (f.path.filename() == name) return &f;
  return nullptr;
}

ImportReport import(const fs::path& src, const fs::path& kb) {
  ImportOptions o;
  o.inputs = {src};
  o.target = kb;
  o.lang = "en";
  return run_import(o);
}

const char* text = "# Note\n\nA short note in English about the printer.\n";

}  // namespace

TEST_CASE("a symbolic link out of the imported folder is refused and named in the report") {
  TempDir d;
  d.write("outside/secret.md", "# Secret\n\nroot:x:0:0:root:/root:/bin/bash\n");
  d.write("src/ok.md", text);
  d.write("src/sub/real.md", text);
  fs::create_symlink(d.path / "outside/secret.md", d.path / "src/passwd.md");
  fs::create_symlink(d.path / "src/sub/real.md", d.path / "src/inside.md");  // stays inside: an alias of real.md
  fs::create_symlink(d.path / "outside", d.path / "src/outdir");             // folder links are not walked
  ImportReport r = import(d.path / "src", d.path / "kb");
  const FileOutcome* link = find(r, "passwd.md");
  REQUIRE(link);
  CHECK(link->status == Status::skipped);
  CHECK(link->reason.find("symbolic link") != std::string::npos);
  CHECK(link->reason.find("outside/secret.md") != std::string::npos);
  CHECK(format_report(r).find("passwd.md") != std::string::npos);
  CHECK_FALSE(find(r, "inside.md"));  // real.md is imported itself: the link is an alias
  CHECK(r.aliases == 1);
  REQUIRE(find(r, "real.md"));
  CHECK(find(r, "real.md")->status == Status::imported);
  CHECK_FALSE(r.failed());
  for (const auto& e : fs::recursive_directory_iterator(d.path / "kb")) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path());
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(s.find("root:x:0:0") == std::string::npos);
  }
}

TEST_CASE("a symbolic link inside the target KB is never written through") {
  SUBCASE("a linked articles folder") {
    TempDir d;
    d.write("src/note.md", text);
    fs::create_directories(d.path / "elsewhere");
    fs::create_directories(d.path / "kb");
    fs::create_directory_symlink(d.path / "elsewhere", d.path / "kb/articles");
    ImportReport r = import(d.path / "src", d.path / "kb");
    REQUIRE(r.files.size() == 1);
    CHECK(r.files[0].status == Status::failed);
    CHECK(r.files[0].reason.find("symbolic link") != std::string::npos);
    CHECK(fs::is_empty(d.path / "elsewhere"));
  }
  SUBCASE("a linked language folder") {
    TempDir d;
    d.write("src/note.md", text);
    fs::create_directories(d.path / "elsewhere");
    fs::create_directories(d.path / "kb/articles");
    fs::create_directory_symlink(d.path / "elsewhere", d.path / "kb/articles/en");
    ImportReport r = import(d.path / "src", d.path / "kb");
    CHECK(r.files[0].status == Status::failed);
    CHECK(fs::is_empty(d.path / "elsewhere"));
  }
  SUBCASE("a linked article file") {
    TempDir d;
    d.write("src/note.md", text);
    fs::path victim = d.write("victim.txt", "keep me");
    fs::create_directories(d.path / "kb/articles/en");
    fs::create_symlink(victim, d.path / "kb/articles/en/src.note.md");
    ImportReport r = import(d.path / "src", d.path / "kb");
    CHECK(r.files[0].status != Status::imported);
    std::ifstream in(victim);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(s == "keep me");
  }
}

TEST_CASE("file names with control characters, bytes not UTF-8 or dots give safe ids") {
  const char* names[] = {"a\x01\x1b[31mb.md", "caf\xe9\xff.md", "..md", "...hidden..md", "-.md", "a\nb.md"};
  for (const char* name : names) {
    CAPTURE(std::string(name));
    TempDir d;
    d.write(std::string("src/") + name, text);
    ImportReport r = import(d.path / "src", d.path / "kb");
    for (const auto& f : r.files)
      for (const auto& a : f.articles) {
        if (a.status != Status::imported) continue;
        CHECK(a.path.string().starts_with((d.path / "kb/articles/en/").string()));
        for (char c : a.id) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'));
      }
  }
}

TEST_CASE("an id in front matter that is absolute or climbs out is refused") {
  for (const char* id : {"/etc/evil.en", "../../evil.en", "a/../../b.en", "..en"}) {
    CAPTURE(std::string(id));
    TempDir d;
    d.write("src/x.md", std::string("+++\nid = \"") + id + "\"\ntitle = \"X\"\nlang = \"en\"\n+++\nBody text here.\n");
    ImportReport r = import(d.path / "src", d.path / "kb");
    REQUIRE(r.files.size() == 1);
    CHECK(r.files[0].status == Status::failed);
    CHECK_FALSE(fs::exists("/etc/evil.md"));
    CHECK_FALSE(fs::exists(d.path / "evil.md"));
  }
}

TEST_CASE("a 1 GB file in the import folder is skipped with a message, without being read") {
  TempDir d;
  d.write("src/ok.md", text);
  fs::path big = d.path / "src/huge.md";
  int fd = ::open(big.c_str(), O_CREAT | O_WRONLY, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::ftruncate(fd, 1024LL * 1024 * 1024) == 0);  // sparse: no disk used
  ::close(fd);
  ImportReport r = import(d.path / "src", d.path / "kb");
  const FileOutcome* f = find(r, "huge.md");
  REQUIRE(f);
  CHECK(f->status == Status::skipped);
  CHECK(f->reason.find("1024.0 MB, over the 50.0 MB import limit") != std::string::npos);
  CHECK(r.bytes_read < 1000);
  CHECK_FALSE(r.failed());
}

TEST_CASE("a Mallard page with an entity expansion bomb or deep nesting is read in bounded time and memory") {
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE page [\n<!ENTITY a \"aaaaaaaaaa\">\n";
  const char* prev = "a";
  std::string names[] = {"b", "c", "d", "e", "f", "g", "h", "i", "j"};
  for (const auto& n : names) {
    bomb += "<!ENTITY " + n + " \"";
    for (int k = 0; k < 10; ++k) bomb += std::string("&") + prev + ";";
    bomb += "\">\n";
    prev = n.c_str();
  }
  bomb += "]>\n<page xmlns=\"http://projectmallard.org/1.0/\" id=\"x\"><title>Bomb</title><p>&j;</p></page>\n";
  ReadResult r = read_mallard(SourceText{"bomb.page", bomb}, ReadOptions{});
  // Either refused or read without the expansion (10^10 bytes otherwise).
  for (const auto& d : r.drafts) CHECK(d.article.body.size() < 100000);

  std::string deep = "<page xmlns=\"http://projectmallard.org/1.0/\" id=\"d\"><title>Deep</title>";
  for (int i = 0; i < 10000; ++i) deep += "<list><item>";
  deep += "</page>";
  ReadResult rd = read_mallard(SourceText{"deep.page", deep}, ReadOptions{});
  CHECK(rd.drafts.empty());  // libxml2 stops at its depth limit (no XML_PARSE_HUGE): an error, no crash
  REQUIRE_FALSE(rd.diagnostics.empty());
  CHECK(rd.diagnostics[0].line >= 1);
}
