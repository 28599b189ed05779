// Snippets: the passage of a result's text where the query's words cluster,
// with those words marked. Written here rather than using MSet::snippet(),
// which only matches "Z"-prefixed stems (ours carry a language prefix),
// highlights phrases only on unstemmed words, and HTML-escapes the text.

#include "index_internal.hpp"
#include "text_internal.hpp"

#include <algorithm>

namespace diagdesk::kb::detail {

std::string make_snippet(std::string_view text, Highlight& hl, const Xapian::Stem& stem,
                         std::string_view lang, std::size_t length, const std::string& open,
                         const std::string& close) {
  std::vector<Span> tokens;
  scan_spans(text, tokens);
  const auto& stems = hl.stems(lang);

  // Letters a matching word can start with, to skip most words cheaply.
  bool first_letters[256] = {};
  for (const auto& st : stems)
    if (!st.empty()) first_letters[static_cast<unsigned char>(st[0])] = true;
  for (const auto& p : hl.prefixes)
    if (!p.empty()) first_letters[static_cast<unsigned char>(p[0])] = true;
  auto candidate = [&](const Span& t) {
    if (first_letters[static_cast<unsigned char>(first_folded(text, t.begin))]) return true;
    // An elided word: "l'imprimante" starts with the letter after the apostrophe.
    std::size_t limit = std::min(t.end, t.begin + 9);
    for (std::size_t i = t.begin + 1; i < limit; ++i) {
      if (text[i] == '\'' || text[i] == '\xE2')  // ' or the lead byte of ’
        return i + 1 < t.end;
    }
    return false;
  };
  auto& seen = lang == "en" ? hl.seen_en : hl.seen_fr;

  // Which query word each token matches (-1: none).
  std::vector<int> match(tokens.size(), -1);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Span& t = tokens[i];
    if (t.code) {
      if (hl.codes.empty()) continue;
      std::string word = span_word(text, t);
      for (std::size_t k = 0; k < hl.codes.size(); ++k) {
        const std::string& c = hl.codes[k];
        bool is_prefix = c.back() == '.';
        if (word == c || (is_prefix && (word.starts_with(c) || word + "." == c))) {
          match[i] = static_cast<int>(1000 + k);
          break;
        }
      }
      continue;
    }
    if (!candidate(t)) continue;
    std::string norm = normalize_word(span_word(text, t));
    auto [known, fresh] = seen.try_emplace(norm, -1);
    if (fresh) {
      std::string st = stem(norm);
      auto it = std::find(stems.begin(), stems.end(), st);
      if (it != stems.end()) {
        known->second = static_cast<int>(it - stems.begin());
      } else {
        for (std::size_t k = 0; k < hl.prefixes.size(); ++k)
          if (norm.starts_with(hl.prefixes[k])) known->second = static_cast<int>(2000 + k);
      }
    }
    match[i] = known->second;
  }

  // The window of `length` bytes with the most distinct matches, then most matches.
  std::size_t best = 0;
  int best_score = -1;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (match[i] < 0 && i != 0) continue;
    std::vector<int> seen;
    int score = 0;
    for (std::size_t j = i; j < tokens.size() && tokens[j].end - tokens[i].begin <= length; ++j) {
      if (match[j] < 0) continue;
      score += 1;
      if (std::find(seen.begin(), seen.end(), match[j]) == seen.end()) {
        seen.push_back(match[j]);
        score += 100;
      }
    }
    if (score > best_score) {
      best_score = score;
      best = i;
    }
  }
  // A few words of context before the first match.
  std::size_t first = best >= 3 ? best - 3 : 0;
  std::size_t begin = first == 0 ? 0 : tokens[first].begin;
  std::size_t end = text.size();
  if (end - begin > length) {
    end = begin;
    for (std::size_t j = first; j < tokens.size() && tokens[j].end - begin <= length; ++j)
      end = tokens[j].end;
    if (end == begin) {  // one enormous token: cut at a character boundary
      end = begin + length;
      while (end > begin && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    }
  }

  std::string out;
  out.reserve(end - begin + 32);
  if (begin > 0) out += "…";
  std::size_t pos = begin;
  bool marked = false;  // a mark is open, ending at `pos`
  for (std::size_t i = first; i < tokens.size() && tokens[i].end <= end; ++i) {
    if (match[i] < 0) continue;
    std::string_view gap = text.substr(pos, tokens[i].begin - pos);
    // "Wi-Fi", "e-mail": one mark over words joined by a hyphen.
    if (!(marked && gap == "-")) {
      if (marked) out += close;
      out.append(gap);
      out += open;
    } else {
      out.append(gap);
    }
    out.append(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
    marked = true;
    pos = tokens[i].end;
  }
  if (marked) out += close;
  out.append(text.substr(pos, end - pos));
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace diagdesk::kb::detail
