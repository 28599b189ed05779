#pragma once
/// Text helpers shared by the loader, the indexer and the importers.

#include <cstddef>
#include <string>
#include <string_view>

namespace diagdesk::kb {

/// Byte offset of the first invalid UTF-8 sequence, or npos when valid.
std::size_t find_invalid_utf8(std::string_view text);

/// Lower-cases and removes accents: "Réseau ÉCRAN Œuvre" -> "reseau ecran oeuvre".
/// Also maps typographic apostrophes (’ ʼ ‘) to '.
std::string fold(std::string_view text);

/// Strips a French elided article or pronoun from a lower-case word:
/// "l'imprimante" -> "imprimante", "qu'il" -> "il", "aujourd'hui" unchanged.
std::string_view strip_elision(std::string_view word);

/// Markdown to plain text for snippets and previews: drops heading marks,
/// emphasis, code fences, link targets and HTML tags; keeps the words.
std::string markdown_to_text(std::string_view markdown);

}  // namespace diagdesk::kb
