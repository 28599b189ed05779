// close_texts (similar.hpp): the texts go into an in-memory Xapian database
// through the index's own DocIndexer, and the query through build_query,
// so the terms are exactly those of a KB search.
#include <diagdesk/kb/similar.hpp>

#include "index_internal.hpp"
#include "text_internal.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace diagdesk::kb {

namespace {

/// The stem or code a term stands for: "ZFSimprim" and "ZFimprim" are both
/// "imprim"; "XK0x80070005" is "0x80070005"; other terms (ids, languages) "".
std::string term_key(const std::string& term, std::string_view lang) {
  const std::string title = std::string("Z") + detail::title_prefix(lang);
  const std::string words = std::string("Z") + detail::word_prefix(lang);
  if (term.rfind(title, 0) == 0) return "w:" + term.substr(title.size());
  if (term.rfind(words, 0) == 0) return "w:" + term.substr(words.size());
  if (term.rfind("XK", 0) == 0) return "c:" + term.substr(2);
  return {};
}

}  // namespace

std::vector<CloseText> close_texts(const std::vector<ShortText>& texts, std::string_view query,
                                   std::string_view lang_in, std::size_t min_shared, std::string* error) {
  std::vector<CloseText> out;
  if (texts.empty()) return out;
  const std::string lang = lang_in == "en" ? "en" : "fr";
  try {
    detail::Stems stems;
    detail::DocIndexer indexer(stems);
    // In memory: a few hundred tickets at most, gone when we return. The
    // in-memory backend has no spelling table: spelling stays off below.
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const auto& t : texts) {
      Document d;
      d.id = t.id;
      d.type = "text";
      d.lang = lang;
      d.title.get(lang) = t.title;
      d.body.get(lang) = t.body;
      std::vector<std::string> spelling;
      db.add_document(indexer.build(d, 0, spelling));
    }
    SearchQuery q;
    q.text = std::string(query);
    q.lang = lang;
    q.prefix_last_word = false;
    q.spelling = false;
    detail::BuiltQuery built = detail::build_query(db, q, stems, detail::PreparedSynonyms{});
    if (built.empty) return out;

    // The query's meaningful words (stop words are gone), each key with the word as written.
    std::map<std::string, std::string> words;
    for (const detail::Token& tok : detail::tokenize(q.text, max_query_words)) {
      const std::string key = tok.code ? "c:" + tok.word : "w:" + stems.get(lang)(tok.word);
      words.emplace(key, tok.word);
    }
    std::set<std::string> meaningful;
    for (const auto& s : built.highlight.stems(lang)) meaningful.insert("w:" + s);
    for (const auto& c : built.highlight.codes) meaningful.insert("c:" + c);
    const std::size_t needed = std::max<std::size_t>(1, std::min(min_shared, meaningful.size()));

    Xapian::Enquire enquire(db);
    enquire.set_query(built.query);
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::set<std::string> keys;
      for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t) {
        std::string key = term_key(*t, lang);
        if (!key.empty()) keys.insert(std::move(key));
      }
      if (keys.size() < needed) continue;
      CloseText c;
      c.id = it.get_document().get_value(detail::slot_id);
      c.score = it.get_weight();
      c.percent = it.get_percent();
      for (const auto& k : keys) {
        auto w = words.find(k);
        c.shared.push_back(w != words.end() ? w->second : k.substr(2));
      }
      out.push_back(std::move(c));
    }
  } catch (const Xapian::Error& e) {
    if (error) *error = "cannot compare the texts: " + e.get_msg();
    out.clear();
  }
  return out;
}

}  // namespace diagdesk::kb
