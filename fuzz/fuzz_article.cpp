// Fuzz target: an article file (TOML front matter between +++ lines and a
// Markdown body) read by kb::parse_article as the KB layers read it, its
// canonical form written and read back (write_article's promise: the same
// values), its text for the index; and the same bytes as a Markdown note
// through the importer (read_markdown, also Hugo/Jekyll front matter).
#include "fuzz_import.hpp"

#include <diagdesk/importers/markdown.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk;
  const std::string_view text = fuzz::as_text(data, size);
  const kb::ArticleResult r = kb::parse_article("articles/fr/net.fuzz.fr.md", text);
  for (const auto& d : r.diagnostics) (void)kb::format(d);
  if (r.article) {
    (void)kb::markdown_to_text(r.article->body);
    const std::string again = kb::write_article(*r.article);
    const kb::ArticleResult back = kb::parse_article("articles/fr/net.fuzz.fr.md", again);
    if (!back.article) fuzz::broken("write_article wrote an article parse_article refuses");
    kb::Article a = *back.article, b = *r.article;
    a.path.clear();
    b.path.clear();
    if (!(a == b)) fuzz::broken("write_article then parse_article changed the article");
  }
  fuzz::import_bytes(text, "note.md", [](const importers::SourceText& s) { return importers::read_markdown(s); });
  return 0;
}
