#pragma once
/// What every reader takes and gives: a decoded source text in, drafts of
/// articles and diagnostics out. Readers are pure functions of their input:
/// they never read other files, never write, never touch the index; the
/// import run (import.hpp) decides ids, languages and where articles go.
///
///     diagdesk::importers::SourceText src{"notes/vpn.md", text};
///     auto r = diagdesk::importers::read_markdown(src);
///     for (auto& d : r.diagnostics) std::cerr << diagdesk::kb::format(d) << '\n';
///     for (auto& draft : r.drafts) std::cout << draft.article.title << '\n';

#include <diagdesk/kb/article.hpp>
#include <diagdesk/kb/diagnostic.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::importers {

/// The formats we read. `automatic` picks one per file (see detect_format).
enum class Format { automatic, markdown, html, text, csv, mallard };

/// "auto", "markdown", "html", "text", "csv", "mallard".
const char* to_string(Format format);
/// Parses the names above (also "md", "htm", "txt", "page"); nullopt otherwise.
std::optional<Format> parse_format(std::string_view name);

/// The format a file name suggests: by extension, case-insensitive
/// (.md .markdown .mdown .mkd, .html .htm .xhtml, .txt .text, .csv, .page).
/// `automatic` when the extension is unknown.
Format format_from_extension(const std::filesystem::path& path);

/// The format of a decoded text whose extension said nothing: a Mallard
/// `<page>`, an HTML document, Markdown (front matter or headings), else text.
Format sniff_format(std::string_view text);

/// A decoded source: UTF-8 without BOM, '\n' line ends.
struct SourceText {
  std::filesystem::path path;  ///< used in diagnostics (and to name articles)
  std::string text;
};

/// One article as a reader found it. Only what the file itself says is
/// filled in; the import run completes the rest (id, lang, source, dates).
/// `article.id` is set only when the file carries a Diagdesk id (front
/// matter of an article written by Diagdesk); `article.lang` only when the
/// file declares its language (front matter, <html lang>, xml:lang).
/// `article.body` is Markdown whose links still point at the source's
/// targets (relative paths, Mallard page ids); links.hpp rewrites them.
struct Draft {
  kb::Article article;
  std::string key;        ///< names the article inside a multi-article file (CSV row); empty otherwise
  int line = 0;           ///< where it starts in the file (1-based; CSV rows), 0 for whole files
  std::string lang_from;  ///< how article.lang was found ("front matter", "html lang"...), empty when not
};

/// What a reader returns. A file that yields no draft and an error
/// diagnostic failed; drafts may come with warnings (repaired HTML, a CSV
/// row with a missing column...). Diagnostics carry the file, line and column.
struct ReadResult {
  std::vector<Draft> drafts;
  std::vector<kb::Diagnostic> diagnostics;
};

/// CSV column mapping: article field -> column name (see csv.hpp).
struct CsvMapping {
  std::vector<std::pair<std::string, std::string>> fields;  ///< e.g. {"title", "Sujet"}
};

/// Per-run context a reader may need.
struct ReadOptions {
  CsvMapping csv;
  /// Title of the page a Mallard link points to, for links written without
  /// text (`<link xref="net-wireless"/>`); empty when unknown. May be null.
  std::function<std::string(const std::string& xref)> link_title;
};

}  // namespace diagdesk::importers
