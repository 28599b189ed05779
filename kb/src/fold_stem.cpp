// The folding stemmer: accents folded and French elisions stripped BEFORE
// the snowball stemmer runs (stem(fold(w)); fold(stem(w)) misses unaccented
// queries). Technical tokens are kept as they are.

#include "index_internal.hpp"
#include "text_internal.hpp"

namespace diagdesk::kb::detail {
namespace {

class FoldStem : public Xapian::StemImplementation {
 public:
  explicit FoldStem(const std::string& language) : m_snowball(language), m_language(language) {}

  std::string operator()(const std::string& word) override {
    std::string key = normalize_word(word);
    if (is_code(key)) return key;
    return m_snowball(key);
  }

  std::string get_description() const override { return "diagdesk_fold_" + m_language; }

 private:
  Xapian::Stem m_snowball;
  std::string m_language;
};

}  // namespace

Stems::Stems() : fr(new FoldStem("french")), en(new FoldStem("english")) {}

std::vector<std::string_view> doc_langs(std::string_view lang) {
  if (lang == "both") return {"fr", "en"};
  if (lang == "en") return {"en"};
  return {"fr"};
}

}  // namespace diagdesk::kb::detail
