#pragma once
/// The HTML reader, on Gumbo (an HTML5 parser: it repairs what browsers
/// repair). Nothing is ever fetched: images and links are only written down.
///
/// Kept, as Markdown: the title (<title>, else the first <h1>), headings,
/// paragraphs, lists (nested), tables (GitHub pipe tables), <pre> and <code>,
/// block quotes, emphasis, links, and images' alt text (`![alt](src)` for a
/// local src, the alt text alone for a remote or inline one).
/// Dropped: script, style, nav, form and its controls, header, footer,
/// noscript, template, iframe, svg and the like. When the page has a
/// <main> or <article>, only that is read.
/// `<html lang>` gives the language, `<meta name="keywords">` the tags.

#include <diagdesk/importers/source.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::importers {

/// Reads one HTML page: one draft. Repairs (unclosed or misnested tags, a
/// file cut inside a tag) are reported as warnings with their line and
/// column; a page without any text is an error.
ReadResult read_html(const SourceText& source);

/// The Markdown for an HTML fragment or page (what read_html puts in the
/// body), for other readers: the CSV reader converts GLPI answers with it.
/// `warnings` gets the repairs made, as "line L, column C: message".
std::string html_to_markdown(std::string_view html, std::vector<std::string>* warnings = nullptr);

}  // namespace diagdesk::importers
