#pragma once
// Building Markdown from a document tree (internal to importers): the HTML,
// Mallard and CSV readers render blocks and inline runs with these.

#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::importers::md {

/// Marks a hard line break inside an inline run (becomes "\\\n" in finish_inline).
inline constexpr char hard_break = '\x01';

/// Collapses runs of whitespace to one space (HTML rendering of text).
std::string collapse_space(std::string_view text);
/// Escapes what Markdown would read as markup inside a line: * ` [ ] < and
/// _ at word edges, and \ before punctuation.
std::string escape(std::string_view text);
/// Turns an assembled inline run into paragraph text: collapses spaces,
/// trims, turns hard breaks into "\\\n", and escapes block markers ("# ",
/// "> ", "- ", "1. ") at the start of each line.
std::string finish_inline(std::string_view run);

/// Wraps `text` in `mark` ("**", "*") keeping surrounding spaces outside;
/// nothing when `text` is blank.
std::string wrap(std::string_view text, std::string_view mark);
/// `code` as a code span, with enough backticks.
std::string code_span(std::string_view code);
/// "[text](target)" (or the text alone when target is empty), target in <>
/// when it has spaces or parentheses.
std::string link(std::string_view text, std::string_view target, bool image = false);

/// "## text" (level 1-6).
std::string heading(int level, std::string_view text);
/// A fenced code block (fence longer than any run of backticks inside).
std::string code_block(std::string_view code, std::string_view info = {});
/// A list item: `marker` ("- ", "1. ") on the first line, continuation
/// lines indented to match.
std::string list_item(std::string_view block, std::string_view marker);
/// Every line prefixed with "> ".
std::string quote(std::string_view block);
/// A GitHub pipe table; the first row is the header.
std::string table(const std::vector<std::vector<std::string>>& rows);
/// Joins non-empty blocks with blank lines.
std::string join_blocks(const std::vector<std::string>& blocks);
/// Final clean-up of a body: no trailing spaces on lines (hard breaks
/// aside), at most one blank line in a row outside code, ends with one '\n'.
std::string tidy(std::string_view body);

}  // namespace diagdesk::importers::md
