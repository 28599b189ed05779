#pragma once
// A generated help-desk corpus for the kb benchmark: bilingual articles with
// realistic length and vocabulary (template sentences of help-desk French and
// English, real commands and error codes, and a Zipf-distributed long tail
// of words so posting lists are not all the same length).

#include <diagdesk/kb/article.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace kbbench {

/// Deterministic generator (splitmix64).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next();
  /// Uniform in [0, n).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

 private:
  std::uint64_t m_state;
};

/// Generates article `index` (0-based) in French (even) or English (odd):
/// topic `index / 2`, so each topic exists in both languages.
class CorpusGenerator {
 public:
  explicit CorpusGenerator(std::uint64_t seed = 42);
  diagdesk::kb::Article article(std::size_t index) const;
  /// Where the long-tail words come from: "/usr/share/dict/french (N words),
  /// ..." or "generated syllables" when the word lists are not installed.
  const std::string& vocabulary() const { return m_vocabulary; }
  /// A query a technician might type, in either language: symptoms,
  /// misspellings, missing accents, abbreviations, codes, partial words.
  std::string query(Rng& rng) const;

 private:
  struct Lang;
  std::string tail_word(Rng& rng, int lang) const;
  std::vector<std::string> m_tail[2];  // long-tail vocabulary per language
  std::vector<double> m_zipf[2];       // cumulative Zipf weights over each tail
  std::string m_vocabulary;
};

}  // namespace kbbench
