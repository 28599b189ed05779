// The import allow-list (sanitize.hpp) against hostile pages: the OWASP XSS
// filter evasion classics, in HTML and in Markdown (issue 17).
#include <diagdesk/importers/html.hpp>
#include <diagdesk/importers/markdown.hpp>
#include <diagdesk/importers/sanitize.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>

using namespace diagdesk::importers;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Nothing a browser or a Markdown reader could run or fetch is left: no raw
// tag, no event handler, no refused scheme, no image but a local one.
void check_harmless(const std::string& md) {
  CAPTURE(md);
  std::string l = lower(md);
  for (std::size_t i = 0; (i = l.find('<', i)) != std::string::npos; ++i) {
    bool escaped = i > 0 && l[i - 1] == '\\';
    char next = i + 1 < l.size() ? l[i + 1] : ' ';
    bool autolink = l.compare(i, 5, "<http") == 0 || l.compare(i, 7, "<mailto") == 0;
    if (!escaped && !autolink) CHECK_FALSE((std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?'));
  }
  for (const char* bad : {"javascript:", "vbscript:", "data:text", "livescript:"}) CHECK(l.find(bad) == std::string::npos);
  for (std::size_t i = 0; (i = l.find("](", i)) != std::string::npos; ++i) {
    std::size_t open = l.rfind('[', i);
    if (open > 0 && open != std::string::npos && l[open - 1] == '!') CHECK(l.compare(i + 2, 4, "http") != 0);
  }
}

}  // namespace

TEST_CASE("check_url allows http, https, mailto, article and relative addresses only") {
  struct Row {
    const char* url;
    UrlKind kind;
  };
  const Row rows[] = {
      {"https://example.org/a?b#c", UrlKind::web},
      {"HTTP://EXAMPLE.ORG", UrlKind::web},
      {"//evil.example/x.png", UrlKind::web},  // protocol-relative: remote
      {"\\\\evil.example\\x", UrlKind::web},
      {"mailto:help@example.org", UrlKind::mail},
      {"article:net.dhcp.en", UrlKind::article},
      {"../img/box.png", UrlKind::relative},
      {"#section", UrlKind::relative},
      {"vpn.html?x=a:b", UrlKind::relative},
      {"javascript:alert(1)", UrlKind::refused},
      {"JaVaScRiPt:alert(1)", UrlKind::refused},
      {" javascript:alert(1)", UrlKind::refused},       // a leading space
      {"\x01\x02javascript:alert(1)", UrlKind::refused},  // leading control characters
      {"java\tscript:alert(1)", UrlKind::refused},        // a tab inside the scheme
      {"java\nscript:alert(1)", UrlKind::refused},
      {"&#106;avascript:alert(1)", UrlKind::refused},     // decimal entity
      {"&#0000106&#0000097vascript:alert(1)", UrlKind::refused},  // no ';', leading zeros
      {"&#x6A;avascript:alert(1)", UrlKind::refused},     // hex entity
      {"javascript&colon;alert(1)", UrlKind::refused},
      {"jav&#x09;ascript:alert(1)", UrlKind::refused},    // an encoded tab
      {"vbscript:msgbox(1)", UrlKind::refused},
      {"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", UrlKind::refused},
      {"DATA:image/png;base64,AAAA", UrlKind::refused},
      {"file:///etc/passwd", UrlKind::refused},
      {"C:\\Windows\\win.ini", UrlKind::refused},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.url));
    CHECK(check_url(row.url).kind == row.kind);
  }
  // A NUL inside the scheme.
  CHECK(check_url(std::string("java\0script:alert(1)", 20)).kind == UrlKind::refused);
}

TEST_CASE("hostile HTML pages keep no script, handler, refused link, remote image or frame") {
  const char* pages[] = {
      "<p>a<script>alert(1)</script>b</p>",
      "<p><SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>text</p>",
      "<p><a href=\"JaVaScRiPt:alert(1)\">click</a></p>",
      "<p><a href=\" javascript:alert(1)\">click</a></p>",
      "<p><a href=\"&#106;avascript:alert(1)\">click</a></p>",
      "<p><a href=\"jav&#x09;ascript:alert(1)\">click</a></p>",
      "<p><a href=\"java\tscript:alert(1)\">click</a></p>",
      "<p><a href=\"vbscript:msgbox(1)\">click</a></p>",
      "<p><a href=\"data:text/html;base64,PHNjcmlwdD4=\">click</a></p>",
      "<p><img src=x onerror=alert(1) alt=pic></p>",
      "<p><img src=\"javascript:alert('XSS');\" alt=pic></p>",
      "<p><IMG SRC=JaVaScRiPt:alert('XSS') alt=x></p>",
      "<p><img src=\"http://tracker.example/p.gif\" alt=\"logo\"></p>",
      "<iframe src=\"http://evil.example/\"></iframe><p>after</p>",
      "<object data=\"x.swf\"></object><embed src=\"x.swf\"><p>t</p>",
      "<form action=\"http://evil\"><input value=x></form><p>t</p>",
      "<div style=\"background:url(javascript:alert(1))\">styled</div>",
      "<svg/onload=alert(1)><p>t</p>",
      "<body onload=alert(1)><p onclick=\"alert(1)\">para</p></body>",
      "<p><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
      "<table background=\"javascript:alert(1)\"><tr><td>cell</td></tr></table>",
      "<p><a href=\"http://ok.example/\" onmouseover=\"alert(1)\">ok</a></p>",
  };
  for (const char* page : pages) {
    std::string md = html_to_markdown(page);
    CAPTURE(std::string(page));
    check_harmless(md);
    CHECK(lower(md).find("onerror") == std::string::npos);
  }
  CHECK(html_to_markdown("<p><a href=\"JaVaScRiPt:alert(1)\">click</a></p>") == "click\n");
  CHECK(html_to_markdown("<p><a href=\"mailto:a@b.c\">mail</a></p>") == "[mail](mailto:a@b.c)\n");
  CHECK(html_to_markdown("<p>x<iframe src=\"http://e/\">inner</iframe>y</p>") == "xy\n");
}

TEST_CASE("hostile Markdown keeps no raw HTML and no refused link") {
  const char* notes[] = {
      "# Title\n\n<script>alert(1)</script>\n\ntext\n",
      "a <img src=x onerror=alert(1)> b\n",
      "<div onclick=\"alert(1)\">click</div>\n",
      "[click](javascript:alert(1))\n",
      "[click](JaVaScRiPt:alert(1))\n",
      "[click](&#106;avascript:alert(1))\n",
      "[click](javascript\\:alert(1))\n",
      "[click](<javascript:alert(1)>)\n",
      "[click](\njavascript:alert(1))\n",
      "[multi\nline](vbscript:x)\n",
      "![pic](data:text/html;base64,xx)\n",
      "![tracker](http://tracker.example/p.gif)\n",
      "<javascript:alert(1)>\n",
      "[ref]\n\n[ref]: javascript:alert(1)\n",
      "<!-- <script>alert(1)</script> -->text\n",
      "<scr<script>ipt>alert(1)</script>\n",
      "<a href=\"javascript:alert(1)\">x</a> and <a href='http://ok.example'>ok</a>\n",
      "<iframe src=\"http://evil.example\"></iframe>\n",
      "<style>body{background:url(http://evil/x)}</style>text\n",
      "- item\n  ```\n<script>alert(1)</script>\n```\n",
      "a `code\n<script>alert(1)</script>` b\n",
      "<IMG SRC=\"jav\tascript:alert('XSS');\">\n",
      "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>\n",
      "<BODY ONLOAD=alert('XSS')>\n",
  };
  for (const char* note : notes) {
    CAPTURE(std::string(note));
    std::vector<std::string> dropped;
    check_harmless(sanitize_markdown(note, &dropped));
  }
}

TEST_CASE("sanitize_markdown turns allowed tags into Markdown and leaves code and good links alone") {
  struct Row {
    const char* what;
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"emphasis", "<b>bold</b> and <em>it</em>", "**bold** and *it*"},
      {"a line break", "one<br>two", "one\\\ntwo"},
      {"an allowed link", "<a href=\"https://ok.example/x\">ok</a>", "[ok](https://ok.example/x)"},
      {"a refused link keeps its text", "<a href=\"javascript:x\">text</a>", "text"},
      {"a remote image becomes a link", "![Router](https://x/r.png)", "[Router](https://x/r.png)"},
      {"a local image stays", "![Box](img/box.png)", "![Box](img/box.png)"},
      {"a refused Markdown link keeps its text", "see [here](javascript:alert(1)) now", "see here now"},
      {"fenced code is kept", "```html\n<script>x</script>\n```\n", "```html\n<script>x</script>\n```\n"},
      {"a code span is kept", "run `<b>` here", "run `<b>` here"},
      {"a stray < is escaped", "a <b c", "a \\<b c"},
      {"a comparison stays", "1 < 2", "1 < 2"},
      {"autolinks stay", "<https://ok.example> <help@example.org>", "<https://ok.example> <help@example.org>"},
      {"the script goes with its content", "a<script>alert(1)</script>b", "ab"},
      {"unknown tags go, their text stays", "<div class=x>text</div>", "text"},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.what));
    CHECK(sanitize_markdown(row.in) == row.out);
  }
}

TEST_CASE("the Markdown reader sanitizes bodies and warns with the line") {
  SourceText src{"note.md", "# Note\n\ntext\n\n<script>alert(1)</script>\n[x](javascript:alert(1))\n"};
  ReadResult r = read_markdown(src);
  REQUIRE(r.drafts.size() == 1);
  CHECK(r.drafts[0].article.body.find("script") == std::string::npos);
  CHECK(r.drafts[0].article.body.find("javascript") == std::string::npos);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].code == "safety.import.dropped");
  CHECK(r.diagnostics[0].line == 5);
  CHECK(r.diagnostics[1].line == 6);
}

TEST_CASE("a 10,000-level nested list in HTML or Markdown is read without a stack overflow") {
  std::string html = "<html><body>";
  for (int i = 0; i < 10000; ++i) html += "<ul><li>level";
  html += "deep";
  std::string md = html_to_markdown(html);
  CHECK(md.find("deep") != std::string::npos);
  std::string note = "# Deep\n\n";
  for (int i = 0; i < 10000; ++i) note += std::string(static_cast<std::size_t>(i % 200) * 2, ' ') + "- <b>x</b>\n";
  ReadResult r = read_markdown(SourceText{"deep.md", note});
  REQUIRE(r.drafts.size() == 1);
  CHECK(r.drafts[0].article.body.find("<b>") == std::string::npos);
}
