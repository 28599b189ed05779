// From the words a user types to a Xapian query.
//
// [SECTION] Stop words
// [SECTION] Synonyms
// [SECTION] Concepts: words, hyphenated words, codes, synonym groups
// [SECTION] Spelling
// [SECTION] Xapian query
//
// A query is a list of concepts (a word, a hyphenated word, a technical
// token, or a synonym group matched on one or more words). Each concept
// becomes, per language, OR(SYNONYM(word terms), SYNONYM(title terms));
// concepts are ORed (BM25 ranks documents matching more of them first); the
// two languages are combined with OP_MAX so a tree (indexed in both) is not
// counted twice. Each language has its own terms (see index_internal.hpp),
// so no language filter is needed.

#include "index_internal.hpp"
#include "text_internal.hpp"

#include <diagdesk/kb/text.hpp>

#include <algorithm>
#include <set>
#include <unordered_set>

namespace diagdesk::kb::detail {
namespace {

// [SECTION] Stop words -------------------------------------------------------

// Small on purpose: function words that carry no meaning in a help-desk
// query ("mon imprimante n'imprime plus", "my printer doesn't print"). Words
// like "down", "off", "up" stay: "internet is down" means something. When no
// language is imposed, a word is dropped if either list has it.
const std::unordered_set<std::string>& stop_words(std::string_view lang) {
  static const std::unordered_set<std::string> fr = {
      "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "et", "ou", "mais", "donc",
      "ni", "car", "ne", "pas", "plus", "que", "qui", "quoi", "dont", "ou", "a", "en", "dans",
      "par", "pour", "sur", "sous", "avec", "ce", "cet", "cette", "ces", "se", "son", "sa",
      "ses", "mon", "ma", "mes", "ton", "ta", "tes", "notre", "nos", "votre", "vos", "leur",
      "leurs", "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "te", "lui",
      "y", "est", "sont", "suis", "es", "etre", "ai", "as", "avons", "avez", "ont", "etait",
      "ete", "tres", "trop", "quand", "comment", "pourquoi", "depuis", "toujours", "jamais",
      "rien", "tout", "tous", "toutes", "aussi", "encore", "deja", "ca", "cela", "ceci", "si",
      "combien", "faut",  // "combien de mémoire il faut": in questions, as "how" is
      "j", "l", "d", "n", "s", "t", "c", "m", "qu"};
  static const std::unordered_set<std::string> en = {
      "the", "a", "an", "and", "or", "but", "not", "no", "nor", "of", "to", "in", "on", "at",
      "by", "for", "with", "from", "into", "is", "are", "was", "were", "be", "been", "being",
      "am", "do", "does", "did", "doesn't", "don't", "didn't", "can", "can't", "cant",
      "cannot", "won't", "wont", "isn't", "aren't", "wasn't", "my", "your", "his", "her", "its",
      "our", "their", "this", "that", "these", "those", "it", "i", "you", "he", "she", "we",
      "they", "me", "him", "them", "what", "when", "where", "why", "how", "which", "who",
      "there", "here", "any", "some", "again", "all", "also", "just", "only", "still", "very",
      "too", "so", "than", "then", "anymore", "has", "have", "had", "will", "would", "should",
      "could", "i'm", "it's", "keeps", "get", "got"};
  return lang == "en" ? en : fr;
}

bool is_stop(const std::string& norm, const std::vector<std::string_view>& langs) {
  for (auto lang : langs)
    if (stop_words(lang).count(norm)) return true;
  return false;
}

// [SECTION] Synonyms ---------------------------------------------------------

SynWord make_word(const std::string& norm, const Stems& stems) {
  return {norm, stems.fr(norm), stems.en(norm)};
}

bool same_word(const SynWord& a, const SynWord& b) {
  return a.norm == b.norm || a.fr == b.fr || a.en == b.en;
}

}  // namespace

PreparedSynonyms prepare_synonyms(const Synonyms& synonyms, const Stems& stems) {
  PreparedSynonyms p;
  for (const auto& g : synonyms.groups) {
    std::vector<std::vector<SynWord>> terms;
    for (const auto& term : g.terms) {
      std::vector<SynWord> words;
      for (const Token& t : tokenize(term))
        words.push_back(t.code ? SynWord{t.word, t.word, t.word}
                               : make_word(normalize_word(t.word), stems));
      if (!words.empty()) terms.push_back(std::move(words));
    }
    if (terms.size() < 2) continue;
    int gi = static_cast<int>(p.groups.size());
    for (int ti = 0; ti < static_cast<int>(terms.size()); ++ti) {
      const SynWord& w = terms[ti].front();
      std::set<std::string> keys = {w.norm, "\x01" + w.fr, "\x02" + w.en};
      for (const auto& k : keys) p.by_first[k].push_back({gi, ti});
    }
    p.groups.push_back(std::move(terms));
  }
  return p;
}

namespace {

// [SECTION] Concepts ---------------------------------------------------------

struct Alt {
  std::vector<std::string> words;  // normalised; several: all must be present
  bool code = false;
  bool ip_prefix = false;          // also match codes starting with "<code>."
};

struct Concept {
  std::vector<Alt> alts;
  std::size_t first = 0, last = 0;  // token range
  bool synonym = false;
  bool stop = false;
  bool prefix = false;  // the last word, matched as a prefix too
};

bool looks_like_ip_prefix(const Token& t) {
  if (t.trailing_dot) return true;
  int dots = 0;
  for (char c : t.word) {
    if (c == '.') ++dots;
    else if (c < '0' || c > '9') return false;
  }
  return dots >= 1 && dots <= 2;
}

std::vector<Concept> make_concepts(const std::vector<Token>& tokens, const Stems& stems,
                                   const PreparedSynonyms& syn,
                                   const std::vector<std::string_view>& langs) {
  std::vector<SynWord> words;
  words.reserve(tokens.size());
  for (const Token& t : tokens)
    words.push_back(t.code ? SynWord{t.word, t.word, t.word} : make_word(normalize_word(t.word), stems));

  std::vector<Concept> out;
  for (std::size_t i = 0; i < tokens.size();) {
    // Longest synonym term starting here; at equal length, the one written
    // as typed wins over one that only shares a stem (so a word never takes
    // the group of another word that happens to stem alike).
    int best_group = -1;
    std::size_t best_len = 0;
    bool best_exact = false;
    for (const std::string& key : {words[i].norm, "\x01" + words[i].fr, "\x02" + words[i].en}) {
      auto it = syn.by_first.find(key);
      if (it == syn.by_first.end()) continue;
      for (auto [g, t] : it->second) {
        const auto& term = syn.groups[g][t];
        if (term.size() < best_len || i + term.size() > tokens.size()) continue;
        bool match = true, exact = true;
        for (std::size_t k = 0; k < term.size() && match; ++k) {
          match = same_word(term[k], words[i + k]);
          exact = exact && term[k].norm == words[i + k].norm;
        }
        if (match && (term.size() > best_len || (exact && !best_exact))) {
          best_group = g;
          best_len = term.size();
          best_exact = exact;
        }
      }
    }
    Concept c;
    c.first = i;
    if (best_group >= 0) {
      c.synonym = true;
      for (const auto& term : syn.groups[best_group]) {
        Alt a;
        for (const auto& w : term) a.words.push_back(w.norm);
        a.code = term.size() == 1 && is_code(term.front().norm);
        c.alts.push_back(std::move(a));
      }
      i += best_len;
    } else if (tokens[i].code) {
      c.alts.push_back({{tokens[i].word}, true, looks_like_ip_prefix(tokens[i])});
      ++i;
    } else if (tokens[i].hyphen_next) {
      // "wi-fi", "e-mail": both words, or the words written together.
      Alt phrase, joined;
      joined.words.emplace_back();
      while (i < tokens.size()) {
        phrase.words.push_back(words[i].norm);
        joined.words.front() += words[i].norm;
        if (!tokens[i++].hyphen_next) break;
      }
      c.alts = {phrase, joined};
    } else {
      c.alts.push_back({{words[i].norm}, false, false});
      c.stop = is_stop(words[i].norm, langs);
      ++i;
    }
    c.last = i - 1;
    out.push_back(std::move(c));
  }
  // Only stop words: search them anyway rather than nothing.
  if (std::all_of(out.begin(), out.end(), [](const Concept& c) { return c.stop; }))
    for (auto& c : out) c.stop = false;
  std::erase_if(out, [](const Concept& c) { return c.stop; });
  return out;
}

// [SECTION] Spelling ---------------------------------------------------------

bool has_prefix_term(const Xapian::Database& db, const std::string& prefix) {
  return db.allterms_begin(prefix) != db.allterms_end(prefix);
}

// Replaces words unknown to the index by the spelling table's suggestion.
// Only unknown words: Xapian suggests a more frequent neighbour even for
// valid words ("réseaux" -> "réseau"), which would only add noise.
// Returns (token range, replacement) pairs for the "did you mean" text.
std::vector<std::pair<std::pair<std::size_t, std::size_t>, std::string>> correct_spelling(
    const Xapian::Database& db, std::vector<Concept>& concepts, const Stems& stems,
    const std::vector<std::string_view>& langs) {
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, std::string>> fixes;
  for (Concept& c : concepts) {
    if (c.synonym || c.alts.size() != 1 || c.alts[0].code || c.alts[0].words.size() != 1) continue;
    std::string& w = c.alts[0].words[0];
    if (w.size() < 4) continue;
    bool known = false;
    for (auto lang : langs) {
      std::string z = std::string("Z") + word_prefix(lang);
      known = known || db.term_exists(z + stems.get(lang)(w)) || (c.prefix && has_prefix_term(db, z + w));
    }
    if (known) continue;
    std::string suggestion = db.get_spelling_suggestion(w, 2);
    if (suggestion.empty() || suggestion == w) continue;
    w = suggestion;
    c.prefix = false;
    fixes.push_back({{c.first, c.last}, suggestion});
  }
  return fixes;
}

// [SECTION] Xapian query -----------------------------------------------------

Xapian::Query combine(Xapian::Query::op op, std::vector<Xapian::Query>& qs) {
  if (qs.empty()) return Xapian::Query();
  if (qs.size() == 1) return qs.front();
  return Xapian::Query(op, qs.begin(), qs.end());
}

// One field's alternatives of a concept, pruned before Xapian sees them:
// an alternative with a word the field never contains cannot match (most
// alternatives of a group are in the other language), and a several-word
// alternative holding one of the group's single words matches only
// documents that word matches. Several words match when all are in the
// field (the index keeps no positions: see index_terms.cpp).
std::vector<Xapian::Query> field_alternatives(const Xapian::Database& db,
                                              const std::vector<std::vector<std::string>>& stems,
                                              const std::string& prefix) {
  std::set<std::string> singles;
  for (const auto& s : stems)
    if (s.size() == 1) singles.insert(s[0]);
  std::vector<Xapian::Query> out;
  std::set<std::vector<std::string>> seen;
  for (const auto& s : stems) {
    if (s.size() > 1 && std::any_of(s.begin(), s.end(), [&](const std::string& w) { return singles.count(w); }))
      continue;
    if (!seen.insert(s).second) continue;  // the plural of a synonym, etc.
    std::vector<Xapian::Query> terms;
    bool present = true;
    for (const auto& w : s) {
      std::string term = prefix + w;
      present = present && db.term_exists(term);
      terms.emplace_back(term);
    }
    if (!present) continue;
    if (terms.size() == 1) out.push_back(terms[0]);
    else out.emplace_back(Xapian::Query::OP_AND, terms.begin(), terms.end());
  }
  return out;
}

Xapian::Query concept_query(const Xapian::Database& db, const Concept& c, const Xapian::Stem& stem,
                            std::string_view lang) {
  const std::string words = std::string("Z") + word_prefix(lang);
  const std::string titles = std::string("Z") + title_prefix(lang);
  std::vector<Xapian::Query> codes;
  std::vector<std::vector<std::string>> stems;
  for (const Alt& a : c.alts) {
    if (!a.code) {
      // Without positions, the function words of "mot de passe" or "mise à
      // jour" only cost time: they are in nearly every document.
      std::vector<std::string> s;
      for (const auto& w : a.words)
        if (a.words.size() == 1 || !stop_words(lang).count(w)) s.push_back(stem(w));
      if (s.empty())
        for (const auto& w : a.words) s.push_back(stem(w));
      stems.push_back(std::move(s));
      continue;
    }
    // Codes are the same in both languages: count them for this
    // language's documents only, so the language preference holds.
    Xapian::Query code("XK" + a.words[0]);
    if (a.ip_prefix)
      code = Xapian::Query(Xapian::Query::OP_OR, code,
                           Xapian::Query(Xapian::Query::OP_WILDCARD, "XK" + a.words[0] + ".", 50,
                                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT));
    else if (!db.term_exists("XK" + a.words[0]))
      continue;
    codes.emplace_back(Xapian::Query::OP_FILTER, code, Xapian::Query("L" + std::string(lang)));
  }
  std::vector<Xapian::Query> body = field_alternatives(db, stems, words);
  std::vector<Xapian::Query> title = field_alternatives(db, stems, titles);
  body.insert(body.end(), codes.begin(), codes.end());
  if (c.prefix)
    body.emplace_back(Xapian::Query::OP_WILDCARD, words + c.alts[0].words[0], 30,
                      Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  std::vector<Xapian::Query> both;
  if (!body.empty()) both.push_back(combine(Xapian::Query::OP_SYNONYM, body));
  if (!title.empty()) both.push_back(combine(Xapian::Query::OP_SYNONYM, title));
  return combine(Xapian::Query::OP_OR, both);
}

Xapian::Query language_query(const Xapian::Database& db, const std::vector<Concept>& concepts,
                             const Stems& stems, std::string_view lang) {
  std::vector<Xapian::Query> parts;
  std::set<std::string> seen;
  for (const Concept& c : concepts) {
    Xapian::Query q = concept_query(db, c, stems.get(lang), lang);
    if (q.empty() || !seen.insert(q.get_description()).second) continue;
    parts.push_back(q);
  }
  return combine(Xapian::Query::OP_OR, parts);
}

Highlight make_highlight(const std::vector<Concept>& concepts, const Stems& stems) {
  Highlight hl;
  for (const Concept& c : concepts) {
    for (const Alt& a : c.alts) {
      for (const auto& w : a.words) {
        // "mot de passe", "boîte aux lettres": the function words are not
        // searched (concept_query), so they are not marked either.
        if (!a.code && a.words.size() > 1 && is_stop(w, {"fr", "en"})) continue;
        if (a.code) {
          hl.codes.push_back(w);
          if (a.ip_prefix) hl.codes.push_back(w + ".");
        } else {
          hl.stems_fr.push_back(stems.fr(w));
          hl.stems_en.push_back(stems.en(w));
        }
      }
    }
    if (c.prefix) hl.prefixes.push_back(c.alts[0].words[0]);
  }
  return hl;
}

// Cuts at a UTF-8 boundary.
std::string_view cap(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace

// Weight of the other language's matches when no language is imposed: the
// interface language ranks first unless the other language matches at least
// twice as well (synonyms make a French article match an English query
// almost as well as its English translation does).
constexpr double other_language_weight = 0.5;

BuiltQuery build_query(const Xapian::Database& db, const SearchQuery& q, const Stems& stems,
                       const PreparedSynonyms& synonyms, bool remote_shard) {
  BuiltQuery out;
  std::string_view text = cap(q.text, max_query_bytes);
  out.truncated = text.size() < q.text.size();
  std::vector<Token> tokens = tokenize(text, max_query_words + 1);
  if (tokens.size() > max_query_words) {
    tokens.resize(max_query_words);
    out.truncated = true;
  }
  if (tokens.empty()) return out;

  std::vector<std::string_view> langs;
  if (q.lang == "fr" || q.lang == "en") langs = {q.lang};
  else if (q.ui_lang == "en") langs = {"en", "fr"};
  else langs = {"fr", "en"};

  std::vector<Concept> concepts = make_concepts(tokens, stems, synonyms, langs);
  if (concepts.empty()) return out;
  // Search as you type: the last word is still being typed unless followed by a space.
  if (q.prefix_last_word && !out.truncated && !text.empty() &&
      (static_cast<unsigned char>(text.back()) > ' ') && tokens.back().end == text.size()) {
    Concept& last = concepts.back();
    if (!last.synonym && last.last == tokens.size() - 1 && last.alts.size() == 1 &&
        !last.alts[0].code && last.alts[0].words.size() == 1 && last.alts[0].words[0].size() >= 3)
      last.prefix = true;
  }

  if (q.spelling) {
    auto fixes = correct_spelling(db, concepts, stems, langs);
    if (!fixes.empty()) {
      std::string corrected(text);
      for (auto it = fixes.rbegin(); it != fixes.rend(); ++it) {
        std::size_t b = tokens[it->first.first].begin, e = tokens[it->first.second].end;
        corrected.replace(b, e - b, it->second);
      }
      out.did_you_mean = corrected;
    }
  }

  out.highlight = make_highlight(concepts, stems);
  std::vector<Xapian::Query> per_lang;
  for (std::size_t i = 0; i < langs.size(); ++i) {
    Xapian::Query lq = language_query(db, concepts, stems, langs[i]);
    if (lq.empty()) continue;
    // Each side goes under OP_SCALE_WEIGHT, even at 1.0: Xapian 1.4's OP_MAX
    // over a bare OP_OR takes the max of the OR's children instead of their
    // sum (a title+body match then weighs as a body match alone).
    per_lang.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, lq, i == 0 ? 1.0 : other_language_weight);
  }
  out.query = per_lang.size() == 1 ? per_lang.front().get_subquery(0)
                                   : combine(remote_shard ? Xapian::Query::OP_OR : Xapian::Query::OP_MAX, per_lang);
  out.empty = out.query.empty();
  return out;
}

}  // namespace diagdesk::kb::detail
