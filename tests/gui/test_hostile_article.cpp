// An article with remote images and hostile links (issue 17): the GUI loads
// nothing and runs nothing; images are shown as links, clicks only copy an
// address or open an article, the panels contain no way to fetch or run.
#include "fixture.hpp"

#include "app/markdown.hpp"
#include "panels/panels.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace diagdesk::gui;

TEST_CASE("remote images in an article become links and nothing is fetched") {
  const MarkdownDoc doc = parse_markdown(
      "Before ![tracker](http://tracker.example/p.gif) after ![box](img/box.png)\n\n"
      "[run](javascript:alert(1)) [web](https://ok.example/) [doc](article:net.dhcp.en)\n");
  REQUIRE_FALSE(doc.blocks.empty());
  int image_links = 0;
  for (const auto& s : doc.blocks[0].spans) {
    if (s.href == "http://tracker.example/p.gif" || s.href == "img/box.png") {
      CHECK((s.style & MdSpan::link) != 0);
      ++image_links;
    }
  }
  CHECK(image_links == 2);
}

TEST_CASE("a click on a link copies a web address, opens an article, and ignores other schemes") {
  CHECK(link_intent("https://ok.example/").kind == IntentKind::copy_text);
  CHECK(link_intent("HTTP://ok.example/").kind == IntentKind::copy_text);
  CHECK(link_intent("mailto:help@example.org").kind == IntentKind::copy_text);
  CHECK(link_intent("article:net.dhcp.en").kind == IntentKind::open_article);
  CHECK(link_intent("net.dhcp").kind == IntentKind::open_article);
  CHECK(link_intent("../vpn.md#setup").kind == IntentKind::open_article);
  for (const char* bad : {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "file:///etc/passwd", "data:text/html,x",
                          "vbscript:x", "ssh://host", "smb://host/share"})
    CHECK_FALSE(link_intent(bad));
}

TEST_CASE("the GUI sources have no call that fetches a URL or runs a command") {
  namespace fs = std::filesystem;
  const fs::path gui = fs::path(DIAGDESK_TEST_DATA).parent_path() / "gui";
  REQUIRE(fs::is_directory(gui));
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(gui)) {
    if (e.path().extension() != ".cpp" && e.path().extension() != ".hpp") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string s = ss.str();
    ++files;
    CAPTURE(e.path().string());
    for (const char* call : {"system(", "popen(", "execv", "execl", "posix_spawn", "xdg-open", "curl_", "fork(",
                             "stbi_load"})
      CHECK(s.find(call) == std::string::npos);
  }
  CHECK(files > 10);
}
