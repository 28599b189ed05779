#pragma once
// Front matter of Markdown files written by other tools (internal).

#include <diagdesk/kb/article.hpp>
#include <diagdesk/kb/diagnostic.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::importers::detail {

/// What a front matter block says, in article terms.
struct FrontMatter {
  enum class Kind { none, toml, yaml } kind = Kind::none;
  bool diagdesk = false;       ///< TOML with id, title and lang: a Diagdesk article
  std::size_t body_offset = 0; ///< where the Markdown body starts in the text
  std::string id;             ///< TOML `id` (Diagdesk articles)
  std::string title;
  std::string lang;
  std::string domain;
  std::optional<kb::Date> updated;
  std::vector<std::string> tags;
  std::vector<std::string> symptoms;
  std::vector<kb::Diagnostic> diagnostics;  ///< errors: the block cannot be used
};

/// Finds and reads a `+++` (TOML) or `---` (YAML-ish) block at the start of
/// `text`. A `---` line not followed by `key: value` lines is a thematic
/// break, not front matter.
FrontMatter parse_front_matter(const std::string& file, std::string_view text);

/// "2023-04-15", "2023-04-15T10:22:00Z", "15/04/2023", "2023-04-15 10:22" -> date.
std::optional<kb::Date> parse_any_date(std::string_view text);

}  // namespace diagdesk::importers::detail
