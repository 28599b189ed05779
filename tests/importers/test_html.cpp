// The HTML reader (html.hpp): table-driven, as Omega's htmlparsertest.
#include <diagdesk/importers/html.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::importers;

TEST_CASE("html_to_markdown keeps structure and drops chrome") {
  struct Row {
    const char* what;
    const char* html;
    const char* markdown;
  };
  const Row rows[] = {
      {"headings and paragraphs", "<h1>Title</h1><p>One  two\nthree</p><h3>Sub</h3>",
       "# Title\n\nOne two three\n\n### Sub\n"},
      {"emphasis, code, line break", "<p><b>Bold</b> and <em>it</em>, run <code>ipconfig /all</code><br>next</p>",
       "**Bold** and *it*, run `ipconfig /all`\\\nnext\n"},
      {"nested lists stay tight", "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c\n"},
      {"an item with paragraphs makes the list loose", "<ol><li><p>one</p><p>more</p></li><li>two</li></ol>",
       "1. one\n\n   more\n\n2. two\n"},
      {"ordered list with start", "<ol start=\"3\"><li>x</li><li>y</li></ol>", "3. x\n4. y\n"},
      {"table with header", "<table><tr><th>Code</th><th>Meaning</th></tr><tr><td>0x0</td><td>a | b</td></tr></table>",
       "| Code | Meaning |\n| --- | --- |\n| 0x0 | a \\| b |\n"},
      {"pre with language", "<pre><code class=\"language-powershell\">Get-NetIPConfiguration\n  -Detailed</code></pre>",
       "```powershell\nGet-NetIPConfiguration\n  -Detailed\n```\n"},
      {"links and local image alt text",
       "<p><a href=\"vpn.html#setup\">VPN</a> <img src=\"img/box.png\" alt=\"Back of the box\"></p>",
       "[VPN](vpn.html#setup) ![Back of the box](img/box.png)\n"},
      // Issue 17: a remote image becomes a link (opened only on a click), never an image.
      {"remote image: a link, nothing fetched", "<p><img src=\"http://x/y.png\" alt=\"Router\"></p>",
       "[Router](http://x/y.png)\n"},
      {"image without alt is dropped", "<p>A<img src=\"a.png\">B</p>", "AB\n"},
      {"script, style, nav, form dropped",
       "<nav><a href=\"/\">Home</a></nav><script>alert(1)</script><style>p{}</style>"
       "<form><input name=q><button>Go</button></form><p>Kept</p>",
       "Kept\n"},
      {"site header and footer dropped, article header kept",
       "<header>Site</header><article><header><h1>Art</h1></header><p>x</p></article><footer>(c)</footer>",
       "# Art\n\nx\n"},
      {"main wins over the rest", "<div>menu</div><main><p>content</p></main>", "content\n"},
      {"blockquote", "<blockquote><p>Quoted</p></blockquote>", "> Quoted\n"},
      {"markup characters in text are escaped", "<p>*not bold* [x] <b>1. a</b></p><p># no heading</p>",
       "\\*not bold\\* \\[x\\] **1. a**\n\n\\# no heading\n"},
      {"snake_case is left alone", "<p>set ip_address and _x_</p>", "set ip_address and \\_x\\_\n"},
      {"entities decoded", "<p>caf&eacute; &amp; th&eacute; &lt;ok&gt;</p>", "café & thé \\<ok>\n"},
      {"definition list", "<dl><dt>DHCP</dt><dd>gives addresses</dd></dl>", "**DHCP**\n\ngives addresses\n"},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.what));
    CHECK(html_to_markdown(row.html) == row.markdown);
  }
}

TEST_CASE("html_to_markdown repairs broken HTML and says where") {
  struct Row {
    const char* what;
    const char* html;
    const char* markdown;
    const char* warning;  // substring of the first warning
  };
  const Row rows[] = {
      {"truncated inside a tag", "<p>Hello <b>world</b></p><p>cut <a hre", "Hello **world**\n\ncut\n",
       "ends inside a tag"},
      {"truncated inside a comment", "<p>x</p><!-- never closed", "x\n", "ends inside a comment"},
      {"misnested tags", "<p><b>bold <i>both</b> italic</i></p>", "**bold *both*** *italic*\n", "<i>"},
      {"unclosed div", "<div><p>text", "text\n", "<div>"},
      {"stray end tag", "<p>a</p></span></p>", "a\n", ""},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.what));
    std::vector<std::string> warnings;
    CHECK(html_to_markdown(row.html, &warnings) == row.markdown);
    if (*row.warning) {
      REQUIRE(!warnings.empty());
      CHECK(warnings[0].find(row.warning) != std::string::npos);
      CHECK(warnings[0].starts_with("line 1, column "));
    }
  }
}

TEST_CASE("read_html takes title, language and keywords") {
  const char* page =
      "<!DOCTYPE html><html lang=\"fr-FR\"><head><title> Box : réinitialiser </title>"
      "<meta name=\"keywords\" content=\"box, routeur , wifi\"></head>"
      "<body><h1>Autre</h1><p>Appuyez 10 s sur reset.</p></body></html>";
  ReadResult r = read_html({"wiki/box.html", page});
  REQUIRE(r.drafts.size() == 1);
  const auto& a = r.drafts[0].article;
  CHECK(a.title == "Box : réinitialiser");
  CHECK(a.lang == "fr");
  CHECK(r.drafts[0].lang_from == "html lang");
  CHECK(a.tags == std::vector<std::string>{"box", "routeur", "wifi"});
  CHECK(a.body == "# Autre\n\nAppuyez 10 s sur reset.\n");
}

TEST_CASE("read_html: title from the first h1 when there is no <title>") {
  ReadResult r = read_html({"a.html", "<h1>Printer <em>jam</em></h1><p>x</p>"});
  REQUIRE(r.drafts.size() == 1);
  CHECK(r.drafts[0].article.title == "Printer jam");
}

TEST_CASE("read_html: a page without text is an error, repairs are warnings with positions") {
  ReadResult empty = read_html({"e.html", "<html><head><script>x()</script></head><body></body></html>"});
  CHECK(empty.drafts.empty());
  REQUIRE(!empty.diagnostics.empty());
  CHECK(empty.diagnostics[0].code == "content.empty");

  ReadResult broken = read_html({"b.html", "<title>T</title>\n<p><b>x</p>\n<p>y <a href="});
  REQUIRE(broken.drafts.size() == 1);
  bool positioned = false;
  for (const auto& d : broken.diagnostics) {
    CHECK(d.severity == diagdesk::kb::Severity::warning);
    CHECK(d.code == "html.repaired");
    if (d.line == 3) positioned = true;
  }
  CHECK(positioned);
}
