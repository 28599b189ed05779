#pragma once
/// Documents: the generic unit the index takes. Articles become documents
/// with to_document(); the workspace turns each tree into one (titles and
/// symptom phrases in both languages), so kb never knows the engine.

#include <diagdesk/kb/article.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::kb {

/// A text in French and English; either may be empty.
struct Texts {
  std::string fr;
  std::string en;
  /// The text in `lang` ("fr"/"en"); empty for any other code.
  const std::string& get(std::string_view lang) const;
  std::string& get(std::string_view lang);
  bool operator==(const Texts&) const = default;
};

/// A list of phrases in French and English.
struct TextLists {
  std::vector<std::string> fr;
  std::vector<std::string> en;
  const std::vector<std::string>& get(std::string_view lang) const;
  std::vector<std::string>& get(std::string_view lang);
  bool operator==(const TextLists&) const = default;
};

/// One searchable thing. Titles and symptom phrases weigh more than the
/// body; `codes` (error codes, KB numbers...) are matched exactly.
struct Document {
  std::string id;           ///< unique in the index: article id or tree id
  std::string type;         ///< "article" or "tree"
  std::string lang;         ///< "fr", "en", or "both" (a tree carries both)
  std::string topic;        ///< groups translations (article topic, tree id)
  Texts title;
  TextLists symptoms;
  Texts body;               ///< Markdown or plain text
  std::vector<std::string> tags;
  std::vector<std::string> codes;
  std::string domain;
  int competency = 0;
  std::string layer;        ///< "bundled", "team", "user"...
  bool out_of_date = false; ///< a translation is newer than this one
  std::string source;       ///< the file it comes from, for messages (not indexed)
  std::size_t cut_from = 0; ///< the body's size before to_document cut it (0: whole)
  bool operator==(const Document&) const = default;
};

/// The most text of one document the index takes, 4 MiB: past it only the
/// beginning is indexed, searched and shown in snippets, so one huge article
/// (imported with a large --max-size) cannot make every search crawl. The
/// environment variable DIAGDESK_INDEX_MAX_BYTES (bytes, at least 1024)
/// changes it, for tests.
std::size_t max_indexed_text_bytes();

/// The document for an article: title/symptoms/body in its language, the
/// known-error fields appended to the body, error codes as exact codes. A
/// body longer than max_indexed_text_bytes() is cut there (at a character
/// boundary) and `cut_from` says its full size.
Document to_document(const Article& article);

/// A 64-bit hash of everything the index stores for `doc`: two documents
/// with the same hash index identically (used for incremental updates).
std::uint64_t content_hash(const Document& doc);

}  // namespace diagdesk::kb
