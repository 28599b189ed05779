#pragma once
/// The Markdown reader: Markdown notes with or without front matter.
///
/// - `+++` TOML front matter: a Diagdesk article (id, title, lang...) is
///   taken whole, as kb::parse_article reads it; other tools' keys (Hugo,
///   Zola: title, date, lastmod, tags, categories, keywords, lang) are mapped.
/// - `---` YAML front matter of Jekyll, Hugo, Obsidian, MkDocs...: simple
///   `key: value` lines and lists (`[a, b]` or `- a` lines) for the same keys.
/// - Without a title in front matter, the first heading (`# Title` or a
///   `Title` line underlined with `===`/`---`) is the title.
/// The body is kept as written (line ends normalised).

#include <diagdesk/importers/source.hpp>

namespace diagdesk::importers {

/// Reads one Markdown file: one draft, or an error (front matter that does
/// not parse or is not closed, with its line and column).
ReadResult read_markdown(const SourceText& source);

}  // namespace diagdesk::importers
