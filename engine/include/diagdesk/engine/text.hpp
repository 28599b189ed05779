#pragma once
/// Languages, localised texts and source positions shared by the whole engine.

#include <optional>
#include <string>
#include <string_view>

namespace diagdesk::engine {

/// The two languages every user-facing text exists in.
enum class Lang { fr, en };

/// "fr" / "en".
std::string_view lang_code(Lang lang);
/// Parses "fr" / "en" (case-insensitive); nullopt otherwise.
std::optional<Lang> parse_lang(std::string_view code);
/// The other language (fr <-> en).
Lang other(Lang lang);

/// A text in French and English. Either may be empty when the author forgot
/// it: `get` then falls back to the other language, and the linter reports it.
struct LText {
  std::string fr;
  std::string en;

  /// The text in `lang`, or in the other language when missing.
  const std::string& get(Lang lang) const;
  bool empty() const { return fr.empty() && en.empty(); }
  bool complete() const { return !fr.empty() && !en.empty(); }
};

/// Where something was defined: file, 1-based line and column (0 when unknown).
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
};

}  // namespace diagdesk::engine
