#pragma once
/// Search synonyms and abbreviations (data/synonyms.toml), applied at query
/// time: changing the file needs no re-indexing.
///
///     schema_version = 1
///     [[group]]
///     terms = ["wifi", "wi-fi", "sans fil", "wlan", "wireless"]

#include <diagdesk/kb/diagnostic.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::kb {

/// Terms that mean the same thing, in either language. A term may be
/// several words ("mot de passe"); matching ignores case and accents, and
/// plurals through stemming.
struct SynonymGroup {
  std::vector<std::string> terms;
  int line = 0;  ///< where the group starts in its file (0 when built in code)
};

struct Synonyms {
  std::vector<SynonymGroup> groups;
};

struct SynonymsResult {
  Synonyms synonyms;
  std::vector<Diagnostic> diagnostics;
};

/// Parses a synonyms file's text. Groups with fewer than two terms, empty
/// terms and unknown keys are reported; the rest is kept.
SynonymsResult parse_synonyms(const std::filesystem::path& path, std::string_view text);
/// Reads and parses a synonyms file.
SynonymsResult load_synonyms(const std::filesystem::path& path);

}  // namespace diagdesk::kb
