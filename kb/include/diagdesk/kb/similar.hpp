#pragma once
/// Short texts close to a query (problem management: incidents whose title
/// and description read like a problem's). A throwaway in-memory Xapian
/// index of the texts, with the knowledge base's own terms and query
/// building (accents folded, elisions stripped, the language's stemmer, stop
/// words dropped, error codes matched exactly), so "close" means what a KB
/// search would find. Xapian stays inside kb.
///
///     std::vector<kb::ShortText> texts = {{"INC-2026-000004", "Imprimante hors ligne", "..."}};
///     for (const auto& c : kb::close_texts(texts, "l'imprimante est hors ligne", "fr"))
///       std::cout << c.id << " " << c.percent << "%\n";

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::kb {

/// One text to compare: an id (a ticket number) and its words.
struct ShortText {
  std::string id;
  std::string title;
  std::string body;
};

/// A text close to the query.
struct CloseText {
  std::string id;
  double score = 0;                 ///< Xapian weight (BM25), higher is closer
  int percent = 0;                  ///< 0-100, relative to the closest text
  std::vector<std::string> shared;  ///< the query's words (as written, lower-case) the text also has
};

/// The texts sharing at least `min_shared` of the query's meaningful words
/// (fewer when the query has fewer), closest first. `lang` ("fr" or "en")
/// picks the stemmer for both sides. Never throws: a Xapian failure gives
/// an empty list and a sentence in `error` (when given).
std::vector<CloseText> close_texts(const std::vector<ShortText>& texts, std::string_view query,
                                   std::string_view lang, std::size_t min_shared = 2, std::string* error = nullptr);

}  // namespace diagdesk::kb
