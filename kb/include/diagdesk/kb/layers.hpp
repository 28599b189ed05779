#pragma once
/// The KB on disk: layers of folders of articles (the source of truth).
/// The bundled layer ships read-only; a team's and a user's layers go on top.
///
///     auto kb = diagdesk::kb::load_layers({{"bundled", "data/articles", true},
///                                          {"user", home / "articles", false}});
///     for (auto& d : kb.diagnostics) std::cerr << format(d) << '\n';
///     if (auto* a = kb.find("net.apipa", "fr")) std::cout << a->body;

#include <diagdesk/kb/article.hpp>
#include <diagdesk/kb/diagnostic.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::kb {

/// One folder of articles, searched recursively for `*.md` (README.md files
/// are skipped).
struct Layer {
  std::string name;             ///< "bundled", "team", "user"
  std::filesystem::path path;
  bool read_only = false;
};

/// Every article of every layer, after overrides, plus what went wrong.
struct KbContents {
  std::vector<Article> articles;  ///< sorted by id; one per id
  std::vector<Diagnostic> diagnostics;

  /// The article with this exact id, or nullptr.
  const Article* find_id(std::string_view id) const;
  /// The article of `topic` in `lang`, falling back to the other language;
  /// also accepts a full id. nullptr when neither exists.
  const Article* find(std::string_view topic_or_id, std::string_view lang) const;
};

/// Loads the layers in order. Files with errors are skipped (and reported);
/// warnings keep the article. A later layer's article replaces an earlier
/// one with the same id, with an "id.duplicate" warning naming both files;
/// two files with the same id in one layer: the first (by path) is kept and
/// the second reported as an error. A missing layer folder is a warning.
/// Finally, when one language's `updated` date is later than its
/// translation's, the older one gets `out_of_date` and a
/// "translation.out_of_date" warning; a translation id that does not exist
/// gets "translation.not_found".
KbContents load_layers(const std::vector<Layer>& layers);

/// Files a layer would load, sorted (useful to importers and the linter).
std::vector<std::filesystem::path> article_files(const std::filesystem::path& folder);

}  // namespace diagdesk::kb
