// The plain-text reader (text.hpp).
#include <diagdesk/importers/text.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::importers;

TEST_CASE("plain text: first line is the title, the rest the body") {
  struct Row {
    const char* what;
    const char* text;
    const char* title;
    const char* body;
  };
  const Row rows[] = {
      {"title and paragraphs", "\n\nPrinter offline\n\nCheck the cable.\nThen restart.\n",
       "Printer offline", "# Printer offline\n\nCheck the cable.\nThen restart.\n"},
      {"underlined title", "VPN\n===\nStep one\n", "VPN", "# VPN\n\nStep one\n"},
      {"markup escaped, lists kept", "T\n# not heading\n<enter> key\n- item *one*\n1. first\n",
       "T", "# T\n\n\\# not heading\n\\<enter> key\n- item \\*one\\*\n1. first\n"},
      {"indented commands stay as code", "T\n\n    ipconfig /all\n", "T", "# T\n\n    ipconfig /all\n"},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.what));
    ReadResult r = read_text({"a.txt", row.text});
    REQUIRE(r.drafts.size() == 1);
    CHECK(r.drafts[0].article.title == row.title);
    CHECK(r.drafts[0].article.body == row.body);
  }
}

TEST_CASE("plain text: a very long first line is not a title") {
  std::string line(200, 'a');
  ReadResult r = read_text({"a.txt", line + "\n"});
  REQUIRE(r.drafts.size() == 1);
  CHECK(r.drafts[0].article.title.empty());
}

TEST_CASE("plain text: blank only is an error") {
  ReadResult r = read_text({"a.txt", "\n \n\t\n"});
  CHECK(r.drafts.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "content.empty");
}
