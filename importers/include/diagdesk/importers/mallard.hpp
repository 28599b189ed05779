#pragma once
/// The GNOME Mallard reader (`.page` files, as in /usr/share/help/<lang>/),
/// on libxml2 with network access and entity expansion off.
///
/// Kept, as Markdown: the page title, its <desc> (as the first paragraph),
/// sections as headings, paragraphs, steps (numbered lists), lists, terms,
/// notes (quoted, with "Note"/"Tip"/"Warning"), code and screens (fenced),
/// tables, gui/key/file/cmd markup, links (`xref` to other pages, `href`),
/// and the "see also" links of <info> as a last section. The latest
/// <revision date> is the article's date. Conditional content (`if:test`,
/// `<if:choose>`) is evaluated for the plain GNOME desktop.
/// Dropped: credits, licence includes, comments, <links> listings.

#include <diagdesk/importers/source.hpp>

#include <string>
#include <string_view>

namespace diagdesk::importers {

/// Reads one Mallard page: one draft, or an error with the XML parser's
/// line and column. Links keep the page id as target (`net-wireless#hidden`)
/// for the import run to rewrite; empty links get their text from
/// `options.link_title`.
ReadResult read_mallard(const SourceText& source, const ReadOptions& options = {});

/// A quick look at a Mallard page for its title (the page's <title>, not
/// one in <info>), without a full parse; empty when none.
std::string mallard_title(std::string_view xml);

}  // namespace diagdesk::importers
