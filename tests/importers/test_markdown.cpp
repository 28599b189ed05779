// The Markdown reader (markdown.hpp).
#include <diagdesk/importers/markdown.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::importers;

namespace {

ReadResult read(const std::string& text) { return read_markdown({"notes/page.md", text}); }

}  // namespace

TEST_CASE("Markdown: title, tags, date and language from front matter or first heading") {
  struct Row {
    const char* what;
    const char* text;
    const char* title;
    const char* lang;
    const char* updated;  // "" when none
    std::size_t tags;
  };
  const Row rows[] = {
      {"no front matter: first heading", "Intro line\n\n# Printer offline\n\nText\n", "Printer offline", "", "", 0},
      {"level 1 preferred over an earlier level 2", "## Steps\n\n# The title\n", "The title", "", "", 0},
      {"setext heading", "VPN refuses to connect\n======================\n\nBody\n", "VPN refuses to connect", "", "", 0},
      {"heading inside code is not a title", "```\n# not a title\n```\n\n# Real *title*\n", "Real title", "", "", 0},
      {"no heading at all: no title (the run uses the file name)", "Just text.\n", "", "", "", 0},
      {"Hugo TOML front matter",
       "+++\ntitle = \"Réinitialiser un mot de passe\"\ndate = 2024-03-01T10:00:00Z\ntags = [\"ad\", \"password\"]\n"
       "lang = \"fr\"\n+++\n\nCorps\n",
       "Réinitialiser un mot de passe", "fr", "2024-03-01", 2},
      {"Zola taxonomies", "+++\ntitle = \"T\"\n[taxonomies]\ntags = [\"a\"]\n+++\nx\n", "T", "", "", 1},
      {"YAML front matter, block list",
       "---\ntitle: \"Imprimante : bourrage\"\ndate: 2023-11-02\ntags:\n  - printer\n  - jam\nlang: fr-FR\n---\n# Other\n",
       "Imprimante : bourrage", "fr", "2023-11-02", 2},
      {"YAML flow list and comment", "---\ntitle: Mail setup # imported\ncategories: [mail, 'office']\n---\nBody\n",
       "Mail setup", "", "", 2},
      {"a leading --- that is a thematic break", "---\n\n# Heading\n", "Heading", "", "", 0},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.what));
    ReadResult r = read(row.text);
    REQUIRE(r.drafts.size() == 1);
    const auto& a = r.drafts[0].article;
    CHECK(a.title == row.title);
    CHECK(a.lang == row.lang);
    CHECK((a.updated ? diagdesk::kb::to_string(*a.updated) : std::string()) == row.updated);
    CHECK(a.tags.size() == row.tags);
    CHECK(a.id.empty());
  }
}

TEST_CASE("Markdown: the body is kept without its front matter") {
  ReadResult r = read("+++\ntitle = \"T\"\n+++\n\n\n# T\n\nSee [the VPN page](vpn.md).\n\n");
  REQUIRE(r.drafts.size() == 1);
  CHECK(r.drafts[0].article.body == "# T\n\nSee [the VPN page](vpn.md).\n");
}

TEST_CASE("Markdown: a Diagdesk article keeps its id and fields") {
  const char* text =
      "+++\nschema_version = 1\nid = \"net.apipa.fr\"\ntitle = \"APIPA\"\nlang = \"fr\"\ndomain = \"network\"\n"
      "competency = 5\nsymptoms = [\"adresse 169.254\"]\n+++\n\n# APIPA\n\nCorps.\n";
  ReadResult r = read(text);
  REQUIRE(r.drafts.size() == 1);
  const auto& a = r.drafts[0].article;
  CHECK(a.id == "net.apipa.fr");
  CHECK(a.domain == "network");
  CHECK(a.competency == 5);
  CHECK(a.symptoms.size() == 1);
  CHECK(r.drafts[0].lang_from == "front matter");
}

TEST_CASE("Markdown: broken front matter is an error with its position") {
  SUBCASE("TOML syntax") {
    ReadResult r = read("+++\ntitle = \"T\"\ntags = [\"a\",\n+++\nbody\n");
    CHECK(r.drafts.empty());
    REQUIRE(!r.diagnostics.empty());
    CHECK(r.diagnostics[0].code == "front_matter.syntax");
    CHECK(r.diagnostics[0].line >= 3);
  }
  SUBCASE("not closed") {
    ReadResult r = read("---\ntitle: T\nbody without end\n");
    CHECK(r.drafts.empty());
    REQUIRE(!r.diagnostics.empty());
    CHECK(r.diagnostics[0].code == "front_matter.unterminated");
    CHECK(r.diagnostics[0].line == 1);
  }
  SUBCASE("a Diagdesk article with a bad id") {
    ReadResult r = read("+++\nid = \"Bad Id\"\ntitle = \"T\"\nlang = \"en\"\n+++\nx\n");
    CHECK(r.drafts.empty());
    CHECK(!r.diagnostics.empty());
  }
}
