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
  bool operator==(const Document&) const = default;
};

/// The document for an article: title/symptoms/body in its language, the
/// known-error fields appended to the body, error codes as exact codes.
Document to_document(const Article& article);

/// A 64-bit hash of everything the index stores for `doc`: two documents
/// with the same hash index identically (used for incremental updates).
std::uint64_t content_hash(const Document& doc);

}  // namespace diagdesk::kb
