// Markdown to view-model (md4c), table-driven, and the article viewer drawn headless.
#include "fixture.hpp"

#include "app/markdown.hpp"

using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;

namespace {

std::string text_of(const std::vector<MdSpan>& spans) {
  std::string out;
  for (const auto& s : spans) out += s.text;
  return out;
}

}  // namespace

TEST_CASE("Markdown blocks become view-model blocks") {
  struct Row {
    const char* markdown;
    MdBlock::Kind kind;
    int level;
    const char* text;  ///< inline text of the first block, or code
  };
  const Row rows[] = {
      {"# Titre « principal »", MdBlock::Kind::heading, 1, "Titre « principal »"},
      {"### Étape", MdBlock::Kind::heading, 3, "Étape"},
      {"Un paragraphe\nsur deux lignes.", MdBlock::Kind::paragraph, 0, "Un paragraphe sur deux lignes."},
      {"- un\n- deux", MdBlock::Kind::list_item, 1, "un"},
      {"1. ouvrir\n2. fermer", MdBlock::Kind::list_item, 1, "ouvrir"},
      {"```powershell\nipconfig /all\n```", MdBlock::Kind::code, 0, "ipconfig /all\n"},
      {"    indented code", MdBlock::Kind::code, 0, "indented code\n"},
      {"> cité", MdBlock::Kind::quote, 0, "cité"},
      {"---", MdBlock::Kind::rule, 0, ""},
      {"AT&amp;T &#8364;", MdBlock::Kind::paragraph, 0, "AT&T €"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.markdown);
    const MarkdownDoc doc = parse_markdown(r.markdown);
    REQUIRE_FALSE(doc.blocks.empty());
    const MdBlock& b = doc.blocks.front();
    CHECK(b.kind == r.kind);
    CHECK(b.level == r.level);
    CHECK((b.kind == MdBlock::Kind::code ? b.code : text_of(b.spans)) == r.text);
  }
}

TEST_CASE("Markdown inline styles, links, numbered and task lists, tables") {
  const MarkdownDoc doc = parse_markdown(
      "Run **`ping`** then *see* [the APIPA article](net.apipa).\n\n"
      "3. third\n4. fourth\n\n"
      "- [x] done\n- [ ] to do\n\n"
      "| Code | Meaning |\n|---|---|\n| 169.254.x.x | no **DHCP** |\n");
  REQUIRE(doc.blocks.size() == 6);
  const auto& p = doc.blocks[0].spans;
  bool code_strong = false, em = false, link = false;
  for (const auto& s : p) {
    code_strong |= s.text == "ping" && (s.style & MdSpan::code) && (s.style & MdSpan::strong);
    em |= s.text == "see" && (s.style & MdSpan::em);
    link |= s.text == "the APIPA article" && (s.style & MdSpan::link) && s.href == "net.apipa";
  }
  CHECK(code_strong);
  CHECK(em);
  CHECK(link);
  CHECK(doc.blocks[1].ordered);
  CHECK(doc.blocks[1].number == 3);
  CHECK(doc.blocks[2].number == 4);
  CHECK(doc.blocks[3].task);
  CHECK(doc.blocks[3].task_done);
  CHECK_FALSE(doc.blocks[4].task_done);
  const MdBlock& table = doc.blocks[5];
  CHECK(table.kind == MdBlock::Kind::table);
  REQUIRE(table.rows.size() == 2);
  CHECK(text_of(table.rows[0][1]) == "Meaning");
  CHECK(text_of(table.rows[1][1]) == "no DHCP");
}

TEST_CASE("nested lists keep their depth") {
  const MarkdownDoc doc = parse_markdown("- outer\n  - inner\n- next\n");
  REQUIRE(doc.blocks.size() == 3);
  CHECK(doc.blocks[0].level == 1);
  CHECK(doc.blocks[1].level == 2);
  CHECK(doc.blocks[2].level == 1);
}

TEST_CASE("the article viewer draws every block, copies code and follows links") {
  ImGuiContextFixture ctx;
  ArticleVm vm;
  vm.open = true;
  vm.title = "Adresse APIPA";
  vm.doc = parse_markdown(
      "## Vérifier\n\nVoir [DHCP](net.dhcp) et une ligne très longue qui doit se replier sur plusieurs lignes "
      "dans la fenêtre pour tester le retour à la ligne mot par mot sans rien perdre.\n\n"
      "```\nipconfig /renew\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> note\n\n---\n\n- [ ] tâche\n");
  vm.can_back = true;
  Labels labels;
  auto draw = [&] {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(500, 700));
    ImGui::Begin("article");
    Intent i = draw_article_panel(vm, labels);
    ImGui::End();
    ImGui::Render();
    return i;
  };
  draw();
  // The frame produced geometry: every block was drawn without asserting.
  CHECK(ImGui::GetDrawData()->TotalVtxCount > 100);

  // Clicking the link opens the article it points to.
  Intent got;
  // Find the link by sweeping the mouse over the first lines (the probe is
  // not used inside running text).
  for (float y = 50; y < 160 && got.kind != IntentKind::open_article; y += 4) {
    for (float x = 10; x < 480 && got.kind != IntentKind::open_article; x += 12) {
      ImGui::GetIO().MousePos = ImVec2(x, y);
      draw();
      ImGui::GetIO().MouseDown[0] = true;
      Intent a = draw();
      ImGui::GetIO().MouseDown[0] = false;
      Intent b = draw();
      got = a ? a : b;
    }
  }
  REQUIRE(got);
  CHECK(got.kind == IntentKind::open_article);
  CHECK(got.a == "net.dhcp");
}
