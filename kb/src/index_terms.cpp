// From a Document to a Xapian document: terms, values and stored data.

#include "index_internal.hpp"
#include "text_internal.hpp"

#include <diagdesk/kb/text.hpp>

#include <algorithm>
#include <set>

namespace diagdesk::kb::detail {
namespace {

// Snippet sources are cut here: long enough for a useful passage.
constexpr std::size_t stored_text_bytes = 1500;

void put(std::string& out, std::string_view s) {
  std::size_t n = s.size();
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7F) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
  out += s;
}

bool get(std::string_view& in, std::string& s) {
  std::size_t n = 0;
  int shift = 0;
  for (;;) {
    if (in.empty() || shift > 35) return false;
    auto b = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    n |= std::size_t(b & 0x7F) << shift;
    if (!(b & 0x80)) break;
    shift += 7;
  }
  if (n > in.size()) return false;
  s.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

// Cuts at a UTF-8 boundary and drops control characters (the snippet
// markers are control characters).
std::string clip(std::string text) {
  if (text.size() > stored_text_bytes) {
    std::size_t cut = stored_text_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    text += " …";
  }
  std::erase_if(text, [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n'; });
  return text;
}

std::string snippet_source(const std::vector<std::string>& symptoms, const std::string& body) {
  std::string out;
  for (const auto& s : symptoms) {
    out += s;
    out += " · ";
  }
  out += markdown_to_text(body);
  return clip(std::move(out));
}

void add_spelling_words(std::string_view text, std::set<std::string>& words) {
  for (const Token& t : tokenize(text)) {
    if (t.code) continue;
    std::string w = normalize_word(t.word);
    if (w.size() < 3 || w.find('\'') != std::string::npos) continue;
    words.insert(std::move(w));
  }
}

}  // namespace

const std::string& StoredDoc::title(std::string_view lang) const {
  const std::string& t = lang == "en" ? title_en : title_fr;
  return t.empty() ? (lang == "en" ? title_fr : title_en) : t;
}

const std::string& StoredDoc::text(std::string_view lang) const {
  const std::string& t = lang == "en" ? text_en : text_fr;
  return t.empty() ? (lang == "en" ? text_fr : text_en) : t;
}

std::string encode(const StoredDoc& d) {
  std::string out = "\x01";  // data format version
  for (const std::string* s : {&d.id, &d.type, &d.lang, &d.topic, &d.domain, &d.layer, &d.title_fr,
                               &d.title_en, &d.text_fr, &d.text_en, &d.spelling})
    put(out, *s);
  put(out, std::to_string(d.competency));
  put(out, d.out_of_date ? "1" : "0");
  return out;
}

bool decode(std::string_view in, StoredDoc& d) {
  if (in.empty() || in.front() != '\x01') return false;
  in.remove_prefix(1);
  for (std::string* s : {&d.id, &d.type, &d.lang, &d.topic, &d.domain, &d.layer, &d.title_fr,
                         &d.title_en, &d.text_fr, &d.text_en, &d.spelling})
    if (!get(in, *s)) return false;
  std::string comp, ood;
  if (!get(in, comp) || !get(in, ood)) return false;
  d.competency = std::atoi(comp.c_str());
  d.out_of_date = ood == "1";
  return true;
}

std::string hash_value(std::uint64_t hash) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(hash & 0xFF);
    hash >>= 8;
  }
  return out;
}

DocIndexer::DocIndexer(const Stems& stems) : m_stems(stems) {
  m_tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
}

Xapian::Document DocIndexer::build(const Document& d, std::uint64_t hash,
                                   std::vector<std::string>& spelling) {
  Xapian::Document xd;
  m_tg.set_document(xd);
  m_codes.clear();
  std::set<std::string> spell;
  StoredDoc stored;
  auto langs = doc_langs(d.lang);

  // No positions anywhere: phrases (multi-word synonyms, "wi-fi") match as
  // all their words in one field. Measured on the benchmark corpus: building
  // is a third faster and the index a third smaller than with positions,
  // and queries a third faster than with exact phrases in titles.
  for (std::string_view lang : langs) {
    m_tg.set_stemmer(m_stems.get(lang));
    const char* words = word_prefix(lang);
    const char* titles = title_prefix(lang);
    // Title and symptoms go in twice: with the body's terms, and under the
    // title prefix where fewer documents have them, so a match there weighs more.
    if (const std::string& title = d.title.get(lang); !title.empty()) {
      m_tg.index_text_without_positions(title, 1, words);
      m_tg.index_text_without_positions(title, 2, titles);
      scan_codes(title, m_codes);
      add_spelling_words(title, spell);
    }
    for (const auto& s : d.symptoms.get(lang)) {
      m_tg.index_text_without_positions(s, 1, words);
      m_tg.index_text_without_positions(s, 1, titles);
      scan_codes(s, m_codes);
      add_spelling_words(s, spell);
    }
    if (const std::string& body = d.body.get(lang); !body.empty()) {
      m_tg.index_text_without_positions(body, 1, words);
      scan_codes(body, m_codes);
    }
  }
  // Tags and codes are language-neutral: indexed in each language.
  for (std::string_view lang : langs) {
    m_tg.set_stemmer(m_stems.get(lang));
    for (const auto& t : d.tags) {
      m_tg.index_text_without_positions(t, 1, word_prefix(lang));
      m_tg.index_text_without_positions(t, 1, title_prefix(lang));
    }
  }
  for (const auto& t : d.tags) {
    scan_codes(t, m_codes);
    add_spelling_words(t, spell);
  }
  for (const auto& c : d.codes) {
    std::string lower = c;
    for (char& ch : lower)
      if (ch >= 'A' && ch <= 'Z') ch += 32;
    m_codes.push_back(lower);
    scan_codes(c, m_codes);
  }
  for (const auto& code : m_codes) xd.add_term("XK" + code);

  xd.add_boolean_term("Q" + d.id);
  xd.add_boolean_term("XT" + d.type);
  for (std::string_view lang : langs) xd.add_boolean_term("L" + std::string(lang));
  if (!d.domain.empty()) xd.add_boolean_term("XD" + d.domain);
  if (d.competency) xd.add_boolean_term("XC" + std::to_string(d.competency));
  if (!d.layer.empty()) xd.add_boolean_term("XY" + d.layer);

  xd.add_value(slot_id, d.id);
  xd.add_value(slot_hash, hash_value(hash));
  xd.add_value(slot_type, d.type);

  stored.id = d.id;
  stored.type = d.type;
  stored.lang = d.lang;
  stored.topic = d.topic.empty() ? d.id : d.topic;
  stored.domain = d.domain;
  stored.layer = d.layer;
  stored.title_fr = d.title.fr;
  stored.title_en = d.title.en;
  for (std::string_view lang : langs)
    (lang == "en" ? stored.text_en : stored.text_fr) =
        snippet_source(d.symptoms.get(lang), d.body.get(lang));
  spelling.assign(spell.begin(), spell.end());
  for (const auto& w : spelling) {
    if (!stored.spelling.empty()) stored.spelling += ' ';
    stored.spelling += w;
  }
  stored.competency = d.competency;
  stored.out_of_date = d.out_of_date;
  xd.set_data(encode(stored));
  return xd;
}

}  // namespace diagdesk::kb::detail
