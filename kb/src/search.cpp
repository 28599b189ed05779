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
    case SearchNotice::team_offline: return "team_offline";
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

std::string where(const RemoteIndex& r) { return r.host + ":" + std::to_string(r.port); }

}  // namespace

void Index::set_remote(std::optional<RemoteIndex> remote) {
  m_impl->remote = std::move(remote);
  m_impl->searched.reset();
  m_impl->offline.clear();
  m_impl->retry_at = {};
}

const std::optional<RemoteIndex>& Index::remote() const { return m_impl->remote; }

bool Index::remote_online() const { return m_impl->remote && m_impl->searched && m_impl->offline.empty(); }

std::optional<RemoteIndex> parse_remote_index(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return std::nullopt;
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return std::nullopt;  // an IPv6 address goes in brackets
  }
  unsigned port = 0;
  for (char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + static_cast<unsigned>(c - '0');
    if (port > 65535) return std::nullopt;
  }
  if (port == 0) return std::nullopt;
  for (char c : host) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '/' || c == '@') return std::nullopt;
  }
  RemoteIndex r;
  r.host = std::string(host);
  r.port = port;
  return r;
}

SearchResults Index::search(const SearchQuery& q) {
  SearchResults res;
  Impl& m = *m_impl;
  // The database to search: the local one, plus the team's remote index while
  // its server answers (tried again once retry_at has passed).
  auto searched_database = [](Impl& im) -> const Xapian::Database& {
    if (!im.remote) return *im.reader;
    const auto now = std::chrono::steady_clock::now();
    if (im.searched && now - im.connected_at >= std::chrono::milliseconds(im.remote->refresh_after_ms))
      im.searched.reset();
    if (!im.searched && now >= im.retry_at) {
      try {
        Xapian::Database both(im.dir.string());
        both.add_database(Xapian::Remote::open(im.remote->host, im.remote->port,
                                               static_cast<unsigned>(im.remote->timeout_ms),
                                               static_cast<unsigned>(im.remote->connect_timeout_ms)));
        im.searched.emplace(std::move(both));
        im.connected_at = now;
        im.offline.clear();
      } catch (const Xapian::NetworkError& e) {
        im.offline = e.get_msg();
        im.retry_at = now + std::chrono::milliseconds(im.remote->retry_after_ms);
      }
    }
    if (!im.searched) return *im.reader;
    im.searched->reopen();
    return *im.searched;
  };
  if (m.read_only)
    add_notice(res, SearchNotice::index_read_only,
               "The index is locked by another process and may not reflect the latest changes.");
  for (int attempt = 0; attempt < 3; ++attempt) {
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
      const Xapian::Database& db = searched_database(m);

      detail::BuiltQuery bq = detail::build_query(db, q, m.stems, m.synonyms, m.searched.has_value());
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
      if (m.remote && !m.offline.empty()) {
        add_notice(res, SearchNotice::team_offline,
                   "The team index at " + where(*m.remote) + " cannot be reached (" + m.offline +
                       "); these results come from the local layers only.");
      }
      return res;
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed while we read: reopen and try once more.
      if (m.reader) m.reader->reopen();
      continue;
    } catch (const Xapian::NetworkError& e) {
      // The team's server went away during the search: the local layers alone, and try it again later.
      m.searched.reset();
      m.offline = e.get_msg();
      if (m.remote) m.retry_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(m.remote->retry_after_ms);
      res = SearchResults{};
      if (m.read_only)
        add_notice(res, SearchNotice::index_read_only,
                   "The index is locked by another process and may not reflect the latest changes.");
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
