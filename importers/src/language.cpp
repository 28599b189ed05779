// French / English detection from stop words.
#include <diagdesk/importers/language.hpp>

#include <diagdesk/kb/text.hpp>

#include <algorithm>
#include <array>

namespace diagdesk::importers {
namespace {

// Function words frequent in one language and rare in the other, folded
// (no accents). Words both languages use ("on", "a", "en"/"in" aside) are left out.
constexpr std::array<std::string_view, 58> french_words = {
    "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "que", "qui", "dans",
    "pour", "pas", "sur", "au", "aux", "avec", "ce", "cette", "ces", "il", "elle", "ils",
    "vous", "nous", "sont", "ne", "se", "par", "ou", "sa", "ses", "leur", "votre", "vos",
    "etre", "peut", "mais", "comme", "tout", "tous", "sous", "entre", "lorsque", "puis",
    "si", "y", "cela", "dont", "aussi", "avez", "faire", "fait", "sans", "tres", "en"};
constexpr std::array<std::string_view, 58> english_words = {
    "the", "of", "and", "to", "in", "is", "it", "you", "that", "for", "with", "are",
    "this", "be", "by", "not", "your", "can", "from", "at", "have", "an", "will", "if",
    "which", "was", "has", "when", "then", "there", "these", "they", "their", "what",
    "how", "do", "does", "into", "or", "any", "may", "should", "would", "must", "been",
    "its", "than", "other", "some", "only", "more", "such", "also", "about", "use",
    "using", "want", "our"};

// ISO 639-1 codes, sorted (binary search).
constexpr std::array<std::string_view, 184> iso639_1 = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh", "bi", "bm", "bn", "bo",
    "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es",
    "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr",
    "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv",
    "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv",
    "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd",
    "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi",
    "yo", "za", "zh", "zu",};

bool in(const auto& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

}  // namespace

LanguageGuess detect_language(std::string_view text) {
  LanguageGuess g;
  // Fold once (lower case, no accents, typographic apostrophes as '), then split.
  std::string folded = kb::fold(text.substr(0, 40000));
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    ++g.words;
    std::string_view w = word;
    std::string_view bare = kb::strip_elision(w);
    if (bare.size() != w.size()) {
      ++g.fr_hits;  // l'imprimante, d'un, qu'il: French elision
    } else if (in(french_words, w)) {
      ++g.fr_hits;
    } else if (in(english_words, w)) {
      ++g.en_hits;
    }
    word.clear();
  };
  for (char c : folded) {
    if (g.words >= 2000) break;
    bool letter = (c >= 'a' && c <= 'z') || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
    if (letter) word += c;
    else flush();
  }
  if (g.words < 2000) flush();
  auto decide = [](int a, int b) { return a >= 3 && a * 2 >= b * 3; };
  if (decide(g.fr_hits, g.en_hits)) g.lang = "fr";
  else if (decide(g.en_hits, g.fr_hits)) g.lang = "en";
  return g;
}

std::string language_of_locale(std::string_view name) {
  if (name == "C" || name == "POSIX") return "en";
  // Strip a modifier ("sr@latin") and a region ("fr_FR", "fr-CA", "pt_BR.UTF-8").
  std::string_view base = name.substr(0, name.find_first_of("@."));
  std::string_view lang = base.substr(0, base.find_first_of("_-"));
  bool region = lang.size() != base.size();
  if (region) {
    std::string_view r = base.substr(lang.size() + 1);
    if (r.size() != 2 || !std::all_of(r.begin(), r.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
      return {};
  }
  if (lang == "en" || lang == "fr") return std::string(lang);
  // Other languages: only well-known codes, and codes that are also common
  // folder words ("it", "os", "no", "id") only with a region ("it_IT").
  static constexpr std::array<std::string_view, 40> others = {
      "de", "es", "pt", "nl", "ru", "ja", "zh", "pl", "sv", "cs", "da", "fi", "el", "hu",
      "ko", "tr", "uk", "ro", "ca", "gl", "hr", "sl", "sr", "lt", "lv", "et", "vi", "ar",
      "he", "fa", "bg", "sk", "eu", "th", "gu", "kn", "mr", "pa", "ta", "te"};
  if (in(others, lang) || (region && lang.size() == 2 &&
                           std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; })))
    return std::string(lang);
  return {};
}

bool is_language_code(std::string_view code) {
  return std::binary_search(iso639_1.begin(), iso639_1.end(), code);
}

}  // namespace diagdesk::importers
