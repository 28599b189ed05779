#pragma once
/// Search requests and results (see index.hpp for Index::search).

#include <cstddef>
#include <string>
#include <vector>

namespace diagdesk::kb {

/// What to search for. Empty filters match everything.
struct SearchQuery {
  std::string text;
  std::string lang;             ///< "fr"/"en": only that language; empty: both
  std::string ui_lang = "fr";   ///< with `lang` empty, this language ranks first
  std::string domain;
  std::string type;             ///< "article" or "tree"
  int competency = 0;           ///< 1-11, 0 for any
  std::string layer;
  std::size_t offset = 0;
  std::size_t limit = 10;
  /// Search as you type: the last word also matches as a prefix ("imprim"),
  /// unless the text ends with a space.
  bool prefix_last_word = true;
  /// Correct words unknown to the index ("imprimnte") and say "did you mean".
  bool spelling = true;
  /// Trees rank above articles at near-equal relevance: a tree's score is
  /// multiplied by this (1 for no preference). A guided diagnosis is usually
  /// the best first answer to a symptom; its articles follow.
  double tree_boost = 1.25;
  std::string mark_open = "**";   ///< put around matched words in snippets
  std::string mark_close = "**";
};

/// One result.
struct SearchHit {
  std::string type;         ///< "article" or "tree"
  std::string id;
  std::string topic;
  std::string title;        ///< in the hit's language (a tree: the query's or UI language)
  std::string lang;         ///< "fr", "en" or "both"
  std::string snippet;      ///< a passage with matched words between mark_open/mark_close
  double score = 0;         ///< relevance (Xapian weight, trees boosted); higher is better
  int percent = 0;          ///< 0-100, relative to the query's best result
  std::string layer;
  std::string domain;
  int competency = 0;
  bool out_of_date = false;
};

/// A remark about how the query was handled (not an error).
enum class SearchNotice {
  empty_query,      ///< nothing searchable (empty, or only punctuation)
  query_truncated,  ///< longer than max_query_bytes / max_query_words: the rest was ignored
  corrected,        ///< unknown words were replaced by `did_you_mean`'s
  index_read_only,  ///< the index is locked by another writer and may be behind the files
  team_offline,     ///< the team index (Index::set_remote) cannot be reached: local layers only
};

/// Why a search could not run at all.
enum class SearchError {
  none,
  index_missing,    ///< no index yet: call Index::sync
  index_corrupt,    ///< the index cannot be read: Index::sync rebuilds it
  index_error,      ///< another Xapian error (see message)
};

struct SearchResults {
  std::vector<SearchHit> hits;
  std::size_t estimated_total = 0;  ///< Xapian's estimate of all matches
  /// The query with unknown words corrected, when some were ("did you mean");
  /// the hits already include the corrected words.
  std::string did_you_mean;
  std::vector<SearchNotice> notices;
  SearchError error = SearchError::none;
  std::string message;              ///< English sentence for error and notices
  bool has(SearchNotice n) const;
};

/// Query limits: longer queries are cut (with SearchNotice::query_truncated).
inline constexpr std::size_t max_query_bytes = 1000;
inline constexpr std::size_t max_query_words = 40;

/// Stable names for notices and errors ("empty_query", "index_missing"...),
/// for --json output and translation tables.
const char* to_string(SearchNotice notice);
const char* to_string(SearchError error);

}  // namespace diagdesk::kb
