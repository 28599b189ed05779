// Index::search: runs a built query, fills results with snippets.

#include <diagdesk/kb/index.hpp>

#include "index_internal.hpp"

#include <algorithm>

namespace diagdesk::kb {

bool SearchResults::has(SearchNotice n) const {
  return std::find(notices.begin(), notices.end(), n) != notices.end();
}

const char* to_string(SearchNotice n) {
  switch (n) {
    case SearchNotice::empty_query: return "empty_query";
    case SearchNotice::query_truncated: return "query_truncated";
    case SearchNotice::corrected: return "corrected";
    case SearchNotice::index_read_only: return "index_read_only";
  }
  return "?";
}

const char* to_string(SearchError e) {
  switch (e) {
    case SearchError::none: return "none";
    case SearchError::index_missing: return "index_missing";
    case SearchError::index_corrupt: return "index_corrupt";
    case SearchError::index_error: return "index_error";
  }
  return "?";
}

namespace {

constexpr std::size_t snippet_bytes = 200;

void add_notice(SearchResults& res, SearchNotice n, const std::string& sentence) {
  res.notices.push_back(n);
  if (!res.message.empty()) res.message += ' ';
  res.message += sentence;
}

}  // namespace

SearchResults Index::search(const SearchQuery& q) {
  SearchResults res;
  Impl& m = *m_impl;
  if (m.read_only)
    add_notice(res, SearchNotice::index_read_only,
               "The index is locked by another process and may not reflect the latest changes.");
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (!m.reader) {
        if (!m.exists()) {
          res.error = SearchError::index_missing;
          res.message = "There is no index yet at " + m.dir.string() + "; run `diagdesk index`.";
          return res;
        }
        m.reader.emplace(m.dir.string());
      } else {
        m.reader->reopen();
      }
      const Xapian::Database& db = *m.reader;

      detail::BuiltQuery bq = detail::build_query(db, q, m.stems, m.synonyms);
      if (bq.truncated)
        add_notice(res, SearchNotice::query_truncated,
                   "The query was too long; only its first " + std::to_string(max_query_words) +
                       " words (" + std::to_string(max_query_bytes) + " bytes at most) were used.");
      if (bq.empty) {
        add_notice(res, SearchNotice::empty_query, "The query has no word to search for.");
        return res;
      }
      if (!bq.did_you_mean.empty()) {
        res.did_you_mean = bq.did_you_mean;
        add_notice(res, SearchNotice::corrected, "Did you mean: " + bq.did_you_mean + "?");
      }

      Xapian::Query query = bq.query;
      auto filter = [&](const std::string& term) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(term));
      };
      if (!q.domain.empty()) filter("XD" + q.domain);
      if (!q.type.empty()) filter("XT" + q.type);
      if (q.competency) filter("XC" + std::to_string(q.competency));
      if (!q.layer.empty()) filter("XY" + q.layer);

      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      // Equal weights need no docid order: lets the matcher stop earlier.
      enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
      // Trees are boosted after matching, so fetch a few more than asked:
      // one just below the page may move into it.
      const bool boost = q.tree_boost != 1.0 && q.type != "article" && q.type != "tree";
      const std::size_t want = q.offset + q.limit;
      Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(want + (boost ? 5 : 0)));
      res.estimated_total = mset.get_matches_estimated();
      struct Ranked {
        Xapian::MSetIterator it;
        double score;
      };
      std::vector<Ranked> ranked;
      ranked.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        double score = it.get_weight();
        if (boost && it.get_document().get_value(detail::slot_type) == "tree") score *= q.tree_boost;
        ranked.push_back({it, score});
      }
      std::stable_sort(ranked.begin(), ranked.end(),
                       [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
      const double best = ranked.empty() ? 0 : ranked.front().score;

      std::string view_lang = q.lang.empty() ? q.ui_lang : q.lang;
      if (view_lang != "en") view_lang = "fr";
      for (std::size_t i = q.offset; i < ranked.size() && i < want; ++i) {
        detail::StoredDoc d;
        if (!detail::decode(ranked[i].it.get_document().get_data(), d)) continue;
        SearchHit h;
        std::string lang = d.lang == "both" ? view_lang : d.lang;
        h.type = d.type;
        h.id = d.id;
        h.topic = d.topic;
        h.title = d.title(lang);
        h.lang = d.lang;
        h.snippet = detail::make_snippet(d.text(lang), bq.highlight, m.stems.get(lang), lang,
                                         snippet_bytes, q.mark_open, q.mark_close);
        h.score = ranked[i].score;
        // Relative to the best result of the query (Xapian's own percentage
        // does not know about the boost).
        h.percent = best > 0 ? static_cast<int>(100.0 * h.score / best + 0.5) : 0;
        h.layer = d.layer;
        h.domain = d.domain;
        h.competency = d.competency;
        h.out_of_date = d.out_of_date;
        res.hits.push_back(std::move(h));
      }
      return res;
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed while we read: reopen and try once more.
      if (m.reader) m.reader->reopen();
      continue;
    } catch (const Xapian::DatabaseCorruptError& e) {
      m.reader.reset();
      res.error = SearchError::index_corrupt;
      res.message = "The index is corrupt (" + e.get_msg() + "); `diagdesk index` rebuilds it.";
      return res;
    } catch (const Xapian::DatabaseOpeningError& e) {
      m.reader.reset();
      res.error = SearchError::index_corrupt;
      res.message = "The index cannot be opened (" + e.get_msg() + "); `diagdesk index` rebuilds it.";
      return res;
    } catch (const Xapian::Error& e) {
      m.reader.reset();
      res.error = SearchError::index_error;
      res.message = "Search failed: " + e.get_description();
      return res;
    }
  }
  res.error = SearchError::index_error;
  res.message = "The index kept changing during the search; try again.";
  return res;
}

}  // namespace diagdesk::kb
