#pragma once
/// Links between articles: `[text](article:<id>#fragment)` and reference
/// definitions `[ref]: article:<id>` in an article's Markdown, and the lint
/// findings on those that lead nowhere.
///
///     auto kb = diagdesk::kb::load_layers(layers);
///     for (auto& d : diagdesk::kb::check_article_links(kb, kb)) std::cerr << format(d) << '\n';
///
/// A link names a full id (`net.apipa.en`) or a topic (`net.apipa`, either
/// language will do). Front ends fall back to the other language, but the
/// linter says when the language linked does not exist.

#include <diagdesk/kb/diagnostic.hpp>
#include <diagdesk/kb/layers.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::kb {

/// The scheme in front of article ids in links.
inline constexpr std::string_view article_scheme = "article:";

/// One `article:` link of a text.
struct ArticleLink {
  std::string target;  ///< the id or topic, without the scheme and the `#fragment`
  int line = 0;        ///< 1-based, in the text given
  int column = 0;      ///< 1-based, in code points, where the target starts
};

/// The `article:` links of `text` from byte `from` on (inline links, images
/// and reference definitions), outside fenced code blocks and code spans.
/// Lines and columns count from the start of `text`.
std::vector<ArticleLink> article_links(std::string_view text, std::size_t from = 0);

/// Findings on the article links of every article of `checked`, each link
/// looked up in `checked` and `known` (pass the same contents twice for a
/// whole KB). The article files are read again for positions, only those
/// whose body has an `article:` link.
/// - "link.dangling" (error): no article of that id or topic in any language;
/// - "link.wrong_language" (warning): the id's language does not exist, the
///   other one does (the message names it).
/// Each with the article file, line and column of the link.
std::vector<Diagnostic> check_article_links(const KbContents& checked, const KbContents& known);

}  // namespace diagdesk::kb
