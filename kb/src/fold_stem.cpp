// The folding stemmer: accents folded and French elisions stripped BEFORE
// the snowball stemmer runs (stem(fold(w)); fold(stem(w)) misses unaccented
// queries). Technical tokens are kept as they are.

#include "index_internal.hpp"
#include "text_internal.hpp"

namespace diagdesk::kb::detail {
namespace {

class FoldStem : public Xapian::StemImplementation {
 public:
  explicit FoldStem(const std::string& language)
      : m_snowball(language), m_language(language), m_french(language == "french") {}

  std::string operator()(const std::string& word) override {
    std::string key = normalize_word(word);
    if (is_code(key)) return key;
    std::string stem = m_snowball(key);
    // French snowball cuts short words down to another word's stem: "rame"
    // (it is slow), "rames", "ramé" all become "ram", the stem of "RAM", so
    // « ça rame » found memory articles. A stem under four letters that is
    // more than the word less its plural mark keeps the word instead
    // ("rame", "rames" -> "rame"; "mots" -> "mot" as before).
    if (m_french && stem.size() < 4 && stem != key) return singular(key);
    return stem;
  }

  std::string get_description() const override { return "diagdesk_fold_" + m_language; }

 private:
  static std::string singular(std::string key) {
    if (key.size() > 3 && (key.back() == 's' || key.back() == 'x')) key.pop_back();
    return key;
  }

  Xapian::Stem m_snowball;
  std::string m_language;
  bool m_french;
};

}  // namespace

Stems::Stems() : fr(new FoldStem("french")), en(new FoldStem("english")) {}

std::vector<std::string_view> doc_langs(std::string_view lang) {
  if (lang == "both") return {"fr", "en"};
  if (lang == "en") return {"en"};
  return {"fr"};
}

}  // namespace diagdesk::kb::detail
