#pragma once
/// The plain-text reader: the first non-blank line is the title (a line of
/// `===` or `---` under it is dropped), the rest is the body. Paragraphs and
/// line breaks are kept; characters that Markdown would read as markup at
/// the start of a line or as HTML (`# `, `<tag>`) are escaped.

#include <diagdesk/importers/source.hpp>

namespace diagdesk::importers {

/// Reads one text file: one draft; an error when it has no text at all.
ReadResult read_text(const SourceText& source);

}  // namespace diagdesk::importers
