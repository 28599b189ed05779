#pragma once
// The knowledge-base work the presenter hands to its worker thread: search,
// loading an article (Markdown parsed there too), the article titles. One
// workspace::Search lives in KbState and is only touched on that thread
// (kb's index is not thread-safe); the results are plain view-models.

#include "vm/view_models.hpp"

#include <diagdesk/workspace/search.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <string>

namespace diagdesk::gui {

/// Worker-thread state: the search, created on first use.
struct KbState {
  std::unique_ptr<workspace::Search> search;
  std::string error;  ///< why the search could not be opened
  /// How far the index update of opening the search has got (documents
  /// loaded / to load): written by the worker, read by the interface.
  std::atomic<std::size_t> index_done{0};
  std::atomic<std::size_t> index_total{0};
};

struct SearchRequest {
  std::string text;
  std::string domain;
  std::string lang;     ///< filter: "fr", "en" or ""
  engine::Lang ui_lang = engine::Lang::en;
};

/// Opens the search (loading articles, updating the index) if not done yet.
workspace::Search* ensure_search(KbState& state, const workspace::Workspace& ws);

/// Searches trees and articles; falls back to the in-memory tree search when
/// the index cannot be used (the notice says so).
SearchVm search_task(KbState& state, const workspace::Workspace& ws, const SearchRequest& request);

/// Loads the article `topic` in `lang` (else the other language).
ArticleVm article_task(KbState& state, const workspace::Workspace& ws, const std::string& topic, engine::Lang lang);

/// Titles of every article topic: topic -> {fr title, en title}.
using ArticleTitles = std::map<std::string, std::pair<std::string, std::string>>;
ArticleTitles titles_task(KbState& state, const workspace::Workspace& ws);

/// "../en/net.apipa.md#x", "net.apipa.fr", "net.apipa" -> "net.apipa".
std::string link_topic(std::string target);

}  // namespace diagdesk::gui
