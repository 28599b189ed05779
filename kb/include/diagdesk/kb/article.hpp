#pragma once
/// The article model: plain values read from and written to Markdown files
/// with TOML front matter between `+++` lines (format: data/README.md).
///
///     auto r = diagdesk::kb::parse_article("kb/fr/net.apipa.md", text);
///     for (auto& d : r.diagnostics) std::cerr << format(d) << '\n';
///     if (r.article) std::cout << r.article->title << '\n';
///     std::string again = diagdesk::kb::write_article(*r.article);  // canonical form

#include <diagdesk/kb/diagnostic.hpp>

#include <compare>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::kb {

/// The article front matter's schema version this build reads and writes.
inline constexpr int article_schema_version = 1;

/// A calendar date (TOML local date), ordered.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const Date&) const = default;
};
/// "YYYY-MM-DD".
std::string to_string(const Date& date);
/// Parses "YYYY-MM-DD"; nullopt when malformed.
std::optional<Date> parse_date(std::string_view text);

/// The structured fields help desks keep for a known error (ITIL).
struct KnownError {
  std::string symptom;
  std::string cause;
  std::string workaround;
  std::string solution;
  std::vector<std::string> error_codes;  ///< indexed raw: exact match on search
  std::vector<std::string> products;     ///< affected products / versions
  bool operator==(const KnownError&) const = default;
};

/// One article, as plain values. Fields marked "not written" are filled by
/// the loader and ignored by write_article().
struct Article {
  std::string id;           ///< "<topic>.<lang>", e.g. "net.apipa.fr"
  std::string topic;        ///< id minus the trailing ".fr"/".en"
  std::string title;
  std::string lang;         ///< "fr" or "en"
  std::string domain;       ///< hardware | os | network | directory | office | security | service | commercial
  int competency = 0;       ///< 1-11 (JOB.md), 0 when not given
  std::vector<std::string> tags;
  std::vector<std::string> symptoms;  ///< phrases a user would say; weighed like the title
  std::string translation;  ///< id of the same topic in the other language
  std::string source;       ///< "bundled", or where it was imported from
  std::optional<Date> updated;
  std::optional<KnownError> known_error;
  std::string body;         ///< Markdown, ends with exactly one '\n' (or is empty)

  std::filesystem::path path;  ///< file it was read from (not written)
  std::string layer;           ///< layer name it was loaded from (not written)
  bool out_of_date = false;    ///< its translation is newer (set by load_layers, not written)

  bool operator==(const Article&) const = default;
};

/// The result of parsing one file: the article when it is usable (it may
/// still come with warnings), and every problem found.
struct ArticleResult {
  std::optional<Article> article;
  std::vector<Diagnostic> diagnostics;
};

/// Parses an article file's text. `path` is used for diagnostics and for
/// the path field; nothing is read from disk. Never throws.
/// Errors (article absent): invalid UTF-8, missing or unterminated front
/// matter, TOML syntax, a missing or mistyped required field (id, title,
/// lang), a language other than fr/en, an id that does not end with
/// ".<lang>", a schema_version newer than this build.
/// Warnings (article kept): unknown field, unknown domain, competency out of
/// 1-11, empty body, file name or folder not matching the id.
ArticleResult parse_article(const std::filesystem::path& path, std::string_view text);

/// Reads and parses one file (an "io.read" error when it cannot be read).
ArticleResult read_article(const std::filesystem::path& path);

/// The canonical text of an article: `+++`, the front matter in a fixed key
/// order, `+++`, a blank line, the body. parse_article() of the result gives
/// back the same values (path, layer and out_of_date aside).
std::string write_article(const Article& article);

/// "net.apipa.fr" -> "net.apipa"; the id unchanged when it has no language suffix.
std::string topic_of(std::string_view id);
/// "net.apipa.fr" -> "fr"; empty when the id has no language suffix.
std::string lang_of(std::string_view id);

}  // namespace diagdesk::kb
