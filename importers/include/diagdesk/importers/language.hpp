#pragma once
/// French / English detection from stop words, for articles whose language
/// is neither given on the command line nor declared by the file.
///
///     auto g = diagdesk::importers::detect_language("Le poste n'a pas d'adresse IP");
///     // g.lang == "fr", g.fr_hits == 4, g.en_hits == 0

#include <string>
#include <string_view>

namespace diagdesk::importers {

/// The guess and its evidence.
struct LanguageGuess {
  std::string lang;   ///< "fr", "en", or empty when undecided
  int fr_hits = 0;    ///< French stop words seen
  int en_hits = 0;    ///< English stop words seen
  int words = 0;      ///< words looked at (at most the first 2,000)
};

/// Counts stop words of each language in `text` (any case, accents or not;
/// "l'imprimante" counts as "le"). Decides when a language has at least 3
/// hits and 1.5 times the other's; undecided otherwise.
LanguageGuess detect_language(std::string_view text);

/// A locale name as found in folder names ("C", "en", "en_GB", "fr_FR",
/// "fr-CA", "de"...) to a language code ("en", "fr", "de"...); empty when
/// `name` is not a locale name. "C" and "POSIX" are English.
std::string language_of_locale(std::string_view name);

/// True when `code` is an ISO 639-1 language code ("id", "ja", "it", "fr").
/// Many are also ordinary words ("it", "os", "no"): callers want more
/// evidence than the name alone (see the folder walk).
bool is_language_code(std::string_view code);

}  // namespace diagdesk::importers
