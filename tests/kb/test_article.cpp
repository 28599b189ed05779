#include "fixtures.hpp"

#include <diagdesk/kb/article.hpp>
#include <diagdesk/kb/file_io.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

using namespace diagdesk::kb;

namespace {

const char* const good = R"(+++
schema_version = 1
id = "net.apipa.fr"
title = "Adresse APIPA 169.254.x.x"
lang = "fr"
domain = "network"
competency = 5
tags = ["dhcp", "apipa"]
symptoms = ["adresse 169.254", "pas d'adresse IP"]
translation = "net.apipa.en"
source = "bundled"
updated = 2026-11-28

[known_error]
symptom = "Adresse 169.254.x.x"
cause = "Le serveur DHCP ne répond pas"
workaround = "Adresse fixe"
solution = "Réparer le DHCP"
error_codes = ["169.254.0.0/16"]
products = ["Windows 10", "Windows 11"]
+++

# Adresse APIPA

Le poste n'a pas obtenu d'adresse.
)";

std::string with_front(const std::string& front, const std::string& body = "\nTexte.\n") {
  return "+++\n" + front + "+++\n" + body;
}

std::string codes_of(const ArticleResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += (out.empty() ? "" : " ") + d.code;
  return out;
}

}  // namespace

TEST_CASE("a complete article parses into every field") {
  ArticleResult r = parse_article("data/articles/fr/net.apipa.md", good);
  REQUIRE(r.article);
  CHECK(r.diagnostics.empty());
  const Article& a = *r.article;
  CHECK(a.id == "net.apipa.fr");
  CHECK(a.topic == "net.apipa");
  CHECK(a.title == "Adresse APIPA 169.254.x.x");
  CHECK(a.lang == "fr");
  CHECK(a.domain == "network");
  CHECK(a.competency == 5);
  CHECK(a.tags == std::vector<std::string>{"dhcp", "apipa"});
  CHECK(a.symptoms.size() == 2);
  CHECK(a.translation == "net.apipa.en");
  CHECK(a.source == "bundled");
  REQUIRE(a.updated);
  CHECK(*a.updated == Date{2026, 11, 28});
  REQUIRE(a.known_error);
  CHECK(a.known_error->cause == "Le serveur DHCP ne répond pas");
  CHECK(a.known_error->error_codes == std::vector<std::string>{"169.254.0.0/16"});
  CHECK(a.known_error->products.size() == 2);
  CHECK(a.body == "# Adresse APIPA\n\nLe poste n'a pas obtenu d'adresse.\n");
}

TEST_CASE("write_article gives canonical text that parses back to the same article") {
  Article a = *parse_article("data/articles/fr/net.apipa.md", good).article;
  std::string text = write_article(a);
  ArticleResult again = parse_article("data/articles/fr/net.apipa.md", text);
  REQUIRE(again.article);
  CHECK(again.diagnostics.empty());
  CHECK(*again.article == a);
  CHECK(write_article(*again.article) == text);

  SUBCASE("special characters survive quoting") {
    a.title = "Guillemets \"doubles\", antislash \\ et\ttab";
    a.tags = {"a\"b", "é"};
    a.known_error.reset();
    ArticleResult r = parse_article("x/net.apipa.md", write_article(a));
    REQUIRE(r.article);
    CHECK(r.article->title == a.title);
    CHECK(r.article->tags == a.tags);
    CHECK(!r.article->known_error);
  }
  SUBCASE("a minimal article writes only what it has") {
    Article m;
    m.id = "hw.fan.en";
    m.topic = "hw.fan";
    m.title = "Fan noise";
    m.lang = "en";
    m.body = "Clean the fan.\n";
    std::string t = write_article(m);
    CHECK(t == "+++\nschema_version = 1\nid = \"hw.fan.en\"\ntitle = \"Fan noise\"\nlang = \"en\"\n+++\n\nClean the fan.\n");
    ArticleResult r = parse_article("hw.fan.md", t);
    REQUIRE(r.article);
    m.path = "hw.fan.md";
    CHECK(*r.article == m);
  }
}

TEST_CASE("front matter problems are reported with file, line and column") {
  // Table of bad inputs: expected diagnostic code, severity, line, and
  // whether the article is still usable.
  struct Row {
    const char* what;
    std::string text;
    const char* code;
    Severity severity;
    int line;
    bool usable;
  };
  const std::string base = "schema_version = 1\nid = \"net.x.fr\"\ntitle = \"T\"\nlang = \"fr\"\n";
  Row rows[] = {
      {"no front matter", "# Titre\n\nTexte\n", "front_matter.missing", Severity::error, 1, false},
      {"unterminated", "+++\nid = \"a.fr\"\n\nTexte\n", "front_matter.unterminated", Severity::error, 1, false},
      {"TOML syntax", with_front(base + "tags = [\"a\", \n"), "front_matter.syntax", Severity::error, 6, false},
      {"unterminated string", with_front("schema_version = 1\ntitle = \"oops\n"), "front_matter.syntax", Severity::error, 3, false},
      {"unknown field", with_front(base + "auteur = \"moi\"\n"), "field.unknown", Severity::warning, 6, true},
      {"unknown known_error field", with_front(base + "[known_error]\nfix = \"x\"\n"), "field.unknown", Severity::warning, 7, true},
      {"wrong language code", with_front("schema_version = 1\nid = \"net.x.de\"\ntitle = \"T\"\nlang = \"de\"\n"), "lang.invalid", Severity::error, 5, false},
      {"id suffix differs from lang", with_front("schema_version = 1\nid = \"net.x.en\"\ntitle = \"T\"\nlang = \"fr\"\n"), "id.mismatch", Severity::error, 3, false},
      {"missing title", with_front("schema_version = 1\nid = \"net.x.fr\"\nlang = \"fr\"\n"), "field.missing", Severity::error, 2, false},
      {"title of the wrong type", with_front("schema_version = 1\nid = \"net.x.fr\"\ntitle = 3\nlang = \"fr\"\n"), "field.type", Severity::error, 4, false},
      {"date written as a string", with_front(base + "updated = \"2026-01-01\"\n"), "field.type", Severity::error, 6, false},
      {"too new", with_front("schema_version = 2\nid = \"net.x.fr\"\ntitle = \"T\"\nlang = \"fr\"\n"), "schema.too_new", Severity::error, 2, false},
      {"empty body", with_front(base, "\n\n  \n"), "body.empty", Severity::warning, 7, true},
      {"unknown domain", with_front(base + "domain = \"kitchen\"\n"), "field.value", Severity::warning, 6, true},
      {"competency out of range", with_front(base + "competency = 12\n"), "field.value", Severity::warning, 6, true},
      {"invalid UTF-8", with_front(base, "\nCaf\xE9 au lait\n"), "utf8.invalid", Severity::error, 8, false},
      // Found by fuzz_article: toml++ cast the float to an integer out of range (UBSan report) before checking it.
      {"competency written as a huge float", with_front(base + "competency = 1e300\n"), "field.type", Severity::error, 6, false},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.what));
    ArticleResult r = parse_article("kb/fr/net.x.md", row.text);
    CAPTURE(codes_of(r));
    const Diagnostic* found = nullptr;
    for (const auto& d : r.diagnostics)
      if (d.code == row.code) found = &d;
    REQUIRE(found);
    CHECK(found->severity == row.severity);
    CHECK(found->line == row.line);
    CHECK(found->file == "kb/fr/net.x.md");
    CHECK(!found->message.empty());
    CHECK(r.article.has_value() == row.usable);
  }
}

TEST_CASE("a TOML error points at the column in the file") {
  ArticleResult r = parse_article("a.md", "+++\nschema_version = 1\ntitle = \"oops\n+++\n\nx\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].line == 3);
  CHECK(r.diagnostics[0].column > 1);
  CHECK(format(r.diagnostics[0]).starts_with("a.md:3:"));
}

TEST_CASE("invalid UTF-8 is located by line and column") {
  ArticleResult r = parse_article("a.md", "+++\nid = \"x\"\n+++\n\nligne\nCaf\xE9\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "utf8.invalid");
  CHECK(r.diagnostics[0].line == 6);
  CHECK(r.diagnostics[0].column == 4);
}

TEST_CASE("Windows line ends and a byte order mark are accepted") {
  std::string text = "\xEF\xBB\xBF+++\r\nschema_version = 1\r\nid = \"a.b.en\"\r\ntitle = \"T\"\r\nlang = \"en\"\r\n+++\r\n\r\nBody\r\n";
  ArticleResult r = parse_article("a.b.md", text);
  REQUIRE(r.article);
  CHECK(r.diagnostics.empty());
  CHECK(r.article->body == "Body\n");
}

TEST_CASE("a file name that does not match the id is a warning") {
  ArticleResult r = parse_article("kb/en/other.md", with_front("schema_version = 1\nid = \"a.b.fr\"\ntitle = \"T\"\nlang = \"fr\"\n"));
  REQUIRE(r.article);
  REQUIRE(r.diagnostics.size() == 2);  // name and folder
  CHECK(r.diagnostics[0].code == "path.mismatch");
}

TEST_CASE("topic_of and lang_of split an article id") {
  CHECK(topic_of("net.apipa.fr") == "net.apipa");
  CHECK(lang_of("net.apipa.fr") == "fr");
  CHECK(topic_of("net.no_internet") == "net.no_internet");
  CHECK(lang_of("net.no_internet").empty());
  CHECK(parse_date("2026-02-30") == Date{2026, 2, 30});  // calendar checks are not its job
  CHECK(!parse_date("2026-13-01"));
  CHECK(to_string(Date{2026, 1, 5}) == "2026-01-05");
}

TEST_CASE("write_file_atomic replaces a file in one step and never leaves a temporary") {
  kbtest::TempDir tmp;
  auto path = tmp / "sub/dir/a.md";
  REQUIRE(write_file_atomic(path, "one"));
  REQUIRE(write_file_atomic(path, "two"));
  std::string back;
  REQUIRE(read_file(path, back));
  CHECK(back == "two");
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(path.parent_path())) {
    (void)e;
    ++files;
  }
  CHECK(files == 1);

  SUBCASE("a failed write leaves the old file alone") {
    std::filesystem::create_directory(tmp / "ro");
    std::filesystem::permissions(tmp / "ro", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    FileStatus s = write_file_atomic(tmp / "ro/x.md", "data");
    if (::geteuid() != 0) {  // root ignores permissions
      CHECK(!s);
      CHECK(s.error == FileError::permission);
      CHECK(s.message.find("ro/x.md") != std::string::npos);
    }
    std::filesystem::permissions(tmp / "ro", std::filesystem::perms::owner_all);
  }
  SUBCASE("reading a missing file says so") {
    FileStatus s = read_file(tmp / "nope.md", back);
    CHECK(s.error == FileError::not_found);
  }
}
