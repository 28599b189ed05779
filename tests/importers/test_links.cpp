// Rewriting links in Markdown (links.hpp).
#include <diagdesk/importers/links.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::importers;

TEST_CASE("rewrite_links replaces targets outside code only") {
  // The resolver maps "x.md" style targets to "article:x", keeps the rest.
  LinkResolver resolve = [](std::string_view t) -> std::optional<std::string> {
    if (has_scheme(t) || t.starts_with("#")) return std::nullopt;
    std::string s(t);
    auto dot = s.find(".md");
    if (dot == std::string::npos) return std::nullopt;
    return "article:" + s.substr(0, dot) + s.substr(dot + 3);
  };
  struct Row {
    const char* what;
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"inline link", "See [VPN](vpn.md).", "See [VPN](article:vpn)."},
      {"fragment kept", "[x](a.md#setup)", "[x](article:a#setup)"},
      {"title kept", "[x](a.md \"The A\")", "[x](article:a \"The A\")"},
      {"angle brackets", "[x](<my page.md>)", "[x](<article:my page>)"},
      {"image", "![alt](b.md)", "![alt](article:b)"},
      {"two links on a line", "[a](a.md) and [b](b.md)", "[a](article:a) and [b](article:b)"},
      {"external link untouched", "[w](https://example.org/a.md)", "[w](https://example.org/a.md)"},
      {"anchor untouched", "[top](#top)", "[top](#top)"},
      {"code span untouched", "`[a](a.md)` and [b](b.md)", "`[a](a.md)` and [b](article:b)"},
      {"fenced code untouched", "```\n[a](a.md)\n```\n[b](b.md)\n", "```\n[a](a.md)\n```\n[b](article:b)\n"},
      {"escaped bracket untouched", "\\](a.md)", "\\](a.md)"},
      {"reference definition", "[ref]: c.md#x\n", "[ref]: article:c#x\n"},
      {"parentheses in target", "[p](a(1).md)", "[p](<article:a(1)>)"},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.what));
    CHECK(rewrite_links(row.in, resolve) == row.out);
  }
}

TEST_CASE("has_scheme tells URLs from paths") {
  CHECK(has_scheme("http://a"));
  CHECK(has_scheme("mailto:x@y"));
  CHECK(has_scheme("article:net.apipa.fr"));
  CHECK(has_scheme("//cdn/x"));
  CHECK_FALSE(has_scheme("C:\\Windows"));
  CHECK_FALSE(has_scheme("docs/a.md"));
  CHECK_FALSE(has_scheme("a.md#x:y"));
}
