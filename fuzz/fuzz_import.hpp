#pragma once
// What the HTML, Mallard and CSV import targets share: the steps of an
// import run that are pure functions (importers/src/import.cpp, Run::file
// and Run::article): decode the bytes, read them with the format's reader,
// then complete each draft (language detection, link rewriting) and write it
// as a kb article that kb reads back. The round trip must hold: kb reads back
// every article an import would write, with the same values.

#include "fuzz_common.hpp"

#include <diagdesk/importers/encoding.hpp>
#include <diagdesk/importers/language.hpp>
#include <diagdesk/importers/links.hpp>
#include <diagdesk/importers/source.hpp>
#include <diagdesk/kb/article.hpp>
#include <diagdesk/kb/text.hpp>

#include <functional>

namespace diagdesk::fuzz {

/// Completes a draft as the import run does and checks kb reads it back.
inline void complete_draft(importers::Draft& d) {
  kb::Article& a = d.article;
  importers::LanguageGuess g = importers::detect_language(a.title + "\n" + kb::markdown_to_text(a.body));
  const std::string lang = a.lang == "fr" || a.lang == "en" ? a.lang : (g.fr_hits > g.en_hits ? "fr" : "en");
  a.body = importers::rewrite_links(a.body, [](std::string_view target) -> std::optional<std::string> {
    if (importers::has_scheme(target) || target.empty()) return std::nullopt;
    return std::string(importers::article_link_scheme) + "fuzz.page." + "en";
  });
  a.topic = "fuzz.page";
  a.id = a.topic + "." + lang;
  a.lang = lang;
  if (!a.translation.empty() && kb::lang_of(a.translation) == lang) a.translation.clear();
  if (a.title.empty()) a.title = "Untitled";
  const std::string text = kb::write_article(a);
  const kb::ArticleResult back = kb::parse_article("articles/" + lang + "/fuzz.page.md", text);
  if (!back.article) {
    for (const auto& diag : back.diagnostics) std::fprintf(stderr, "%s\n", kb::format(diag).c_str());
    broken("an imported article that kb cannot read back");
  }
}

/// Decodes `bytes` like the import run, reads them with `reader`, completes every draft.
inline void import_bytes(std::string_view bytes, const char* name,
                         const std::function<importers::ReadResult(const importers::SourceText&)>& reader) {
  if (bytes.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos) return;  // skipped by the run
  importers::Decoded dec = importers::decode(bytes);
  if (!dec.error.empty()) return;
  importers::SourceText src{name, std::move(dec.text)};
  importers::ReadResult rr = reader(src);
  for (const auto& diag : rr.diagnostics) (void)kb::format(diag);
  for (auto& d : rr.drafts) complete_draft(d);
}

}  // namespace diagdesk::fuzz
