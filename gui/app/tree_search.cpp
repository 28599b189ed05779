// In-memory tree search with accent and elision folding.
#include "app/tree_search.hpp"

#include <algorithm>
#include <sstream>
#include <cctype>

namespace diagdesk::gui {

namespace {

/// Two-byte UTF-8 Latin letters (U+00C0..U+017F) folded to ASCII.
const char* fold_latin(unsigned cp) {
  if (cp >= 0xC0 && cp <= 0xC5) return "a";
  if (cp >= 0xE0 && cp <= 0xE5) return "a";
  if (cp == 0xC7 || cp == 0xE7) return "c";
  if ((cp >= 0xC8 && cp <= 0xCB) || (cp >= 0xE8 && cp <= 0xEB)) return "e";
  if ((cp >= 0xCC && cp <= 0xCF) || (cp >= 0xEC && cp <= 0xEF)) return "i";
  if (cp == 0xD1 || cp == 0xF1) return "n";
  if ((cp >= 0xD2 && cp <= 0xD6) || (cp >= 0xF2 && cp <= 0xF6)) return "o";
  if ((cp >= 0xD9 && cp <= 0xDC) || (cp >= 0xF9 && cp <= 0xFC)) return "u";
  if (cp == 0xDD || cp == 0xFD || cp == 0xFF) return "y";
  if (cp == 0x152 || cp == 0x153) return "oe";
  if (cp == 0xC6 || cp == 0xE6) return "ae";
  return nullptr;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in(fold_text(text));
  std::string w;
  while (in >> w) {
    // Plurals: "imprimantes" finds "imprimante", "reseaux" finds "reseau".
    if (w.size() > 3 && (w.back() == 's' || w.back() == 'x')) w.pop_back();
    out.push_back(w);
  }
  return out;
}

bool has_prefix(const std::vector<std::string>& haystack, const std::string& word) {
  return std::any_of(haystack.begin(), haystack.end(),
                     [&](const std::string& h) { return h.compare(0, word.size(), word) == 0; });
}

}  // namespace

std::string fold_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : ' ';
      continue;
    }
    if ((c & 0xE0) == 0xC0 && i + 1 < text.size()) {
      const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      ++i;
      if (const char* f = fold_latin(cp)) {
        out += f;
      } else {
        out += ' ';
      }
      continue;
    }
    // Other multi-byte characters (’ « » …): separators.
    while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) ++i;
    out += ' ';
  }
  return out;
}

std::vector<SearchHitVm> search_trees(const engine::Knowledge& knowledge, std::string_view query, engine::Lang lang,
                                      const std::string& domain, std::size_t limit) {
  std::vector<std::string> q;
  for (auto& w : words(query)) {
    // One-letter words are elided articles (l', d') or noise.
    if (w.size() >= 2) q.push_back(std::move(w));
  }
  std::vector<std::pair<int, SearchHitVm>> scored;
  if (q.empty()) return {};
  for (const auto& t : knowledge.trees()) {
    if (!domain.empty() && t.domain != domain) continue;
    const auto title = words(t.title.fr + " " + t.title.en);
    std::string symptoms_text;
    for (const auto& s : t.symptoms_fr) symptoms_text += s + " \n ";
    for (const auto& s : t.symptoms_en) symptoms_text += s + " \n ";
    const auto symptoms = words(symptoms_text);
    std::string extra_text = t.id;
    for (const auto& tag : t.tags) extra_text += " " + tag;
    const auto extra = words(extra_text);
    int score = 0;
    bool all = true;
    for (const auto& w : q) {
      int s = 0;
      if (has_prefix(title, w)) s += 3;
      if (has_prefix(symptoms, w)) s += 2;
      if (has_prefix(extra, w)) s += 1;
      if (s == 0) all = false;
      score += s;
    }
    if (!all) continue;
    SearchHitVm hit;
    hit.type = "tree";
    hit.id = t.id;
    hit.title = t.title.get(lang);
    hit.lang = "both";
    hit.domain = t.domain;
    // Snippet: the first symptom phrase sharing a word with the query.
    for (const auto& s : t.symptoms(lang)) {
      const auto sw = words(s);
      if (std::any_of(q.begin(), q.end(), [&](const std::string& w) { return has_prefix(sw, w); })) {
        hit.snippet = s;
        break;
      }
    }
    scored.emplace_back(score, std::move(hit));
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<SearchHitVm> out;
  for (auto& [s, h] : scored) {
    if (out.size() >= limit) break;
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace diagdesk::gui
