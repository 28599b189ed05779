#pragma once
/// The one allow-list every reader applies to what it imports: elements,
/// attributes and URL schemes. Whatever is not on it is dropped, so a hostile
/// page or note can bring no script, event handler, `javascript:`/`data:`
/// link, remote image or frame into the KB (docs/reliability.md, "Hostile
/// knowledge files and imports").
///
///     check_url(" JaVa&#83;cript:alert(1)").kind == UrlKind::refused
///     sanitize_markdown("<b>x</b><script>y</script>") == "**x**"

#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::importers {

/// What a link or image address is, read the way a browser would read it
/// (entities decoded, spaces and control characters around and inside the
/// scheme removed, the scheme compared without case).
enum class UrlKind {
  relative,  ///< no scheme: a path or "#fragment" (a local image may stay an image)
  web,       ///< http:, https: or "//host": a link only, never fetched
  mail,      ///< mailto:
  article,   ///< article: (links between Diagdesk articles)
  refused    ///< any other scheme (javascript:, vbscript:, data:, file:...)
};

/// The kind of `url` and its cleaned form (trimmed, control characters out).
struct CheckedUrl {
  UrlKind kind = UrlKind::refused;
  std::string url;
};
CheckedUrl check_url(std::string_view url);

/// True for an HTML element whose content an import keeps (headings,
/// paragraphs, lists, tables, emphasis, code, links, images...), by its
/// lower-case name. Every other element is dropped with its content
/// (script, style, iframe, object, embed, form, svg, unknown elements...).
bool html_element_allowed(std::string_view name);

/// True for an attribute a reader may look at on `element`: href on a,
/// src and alt on img, start on ol, colspan on td/th, class on pre/code
/// (the language), lang on html. Event handlers and styles never are.
bool html_attribute_allowed(std::string_view element, std::string_view attribute);

/// Markdown with no raw HTML left: tags on the allow-list become Markdown
/// (b/strong, i/em, code, br, a, img), comments and dropped elements go with
/// their content, other tags go and their text stays; any `<` that could
/// still start a tag is escaped. Links and images are checked with
/// check_url: a refused one keeps its text only, a remote image becomes a
/// link, a local one stays an image. Fenced code blocks and code spans are
/// kept as they are. `dropped` gets one line per thing removed
/// ("line 3: <script> dropped").
std::string sanitize_markdown(std::string_view markdown, std::vector<std::string>* dropped = nullptr);

/// A Markdown link for a reader: `[text](href)` when check_url allows the
/// address, the text alone when it refuses it. `text` is Markdown already.
std::string safe_link(std::string_view text, std::string_view href);
/// A Markdown image for a reader: `![alt](src)` for a local image, a link
/// `[alt](src)` for a remote one (never fetched), the alt text alone for a
/// refused address; nothing when `alt` is blank. `alt` is Markdown already.
std::string safe_image(std::string_view alt, std::string_view src);

/// Limits of the tree walks over imported documents (HTML, Mallard): deeper
/// content is kept as plain text, so a 10,000-level nested list cannot
/// overflow the stack.
inline constexpr int max_tree_depth = 200;

}  // namespace diagdesk::importers
