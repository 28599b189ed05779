// KB work run on the presenter's worker thread.
#include "app/kb_tasks.hpp"

#include "app/markdown.hpp"
#include "app/tree_search.hpp"

namespace diagdesk::gui {

using engine::Lang;

workspace::Search* ensure_search(KbState& state, const workspace::Workspace& ws) {
  if (!state.search && state.error.empty()) {
    try {
      state.search = std::make_unique<workspace::Search>(ws);
      state.search->update_index(kb::SyncMode::incremental, [&state](std::size_t done, std::size_t total) {
        state.index_total = total;
        state.index_done = done;
      });
    } catch (const std::exception& e) {
      state.error = e.what();
      state.search.reset();
    }
  }
  return state.search.get();
}

SearchVm search_task(KbState& state, const workspace::Workspace& ws, const SearchRequest& r) {
  SearchVm out;
  out.query = r.text;
  workspace::Search* search = ensure_search(state, ws);
  bool index_ok = false;
  if (search) {
    // Trees and articles are asked for separately, so a large article base
    // never crowds the troubleshooting scripts out of the results.
    kb::SearchQuery q;
    q.text = r.text;
    q.ui_lang = std::string(engine::lang_code(r.ui_lang));
    q.lang = r.lang;
    q.domain = r.domain;
    index_ok = true;
    for (const auto& [type, limit] : {std::pair{"tree", 10}, std::pair{"article", 25}}) {
      q.type = type;
      q.limit = static_cast<std::size_t>(limit);
      const kb::SearchResults results = search->search(q);
      if (results.error != kb::SearchError::none) {
        index_ok = false;
        out.notice = results.message;
        break;
      }
      for (const auto& h : results.hits) {
        SearchHitVm hit{h.type, h.id, h.title, h.snippet, h.lang, h.domain, h.layer};
        (h.type == "tree" ? out.trees : out.articles).push_back(std::move(hit));
      }
      if (!results.did_you_mean.empty()) {
        out.notice = workspace::search_label("search.did_you_mean", r.ui_lang) + " « " + results.did_you_mean + " » ?";
      }
      // The team layer offline: said above the results, which are the local layers' alone.
      if (results.has(kb::SearchNotice::team_offline)) out.notice = workspace::search_label("search.team_offline", r.ui_lang);
    }
    if (!index_ok) {
      out.trees.clear();
      out.articles.clear();
    }
  }
  out.articles_available = index_ok;
  if (!index_ok) {
    // No usable index: trees are still found in memory.
    out.trees = search_trees(*ws.knowledge(), r.text, r.ui_lang, r.domain);
    if (out.notice.empty()) out.notice = state.error;
  }
  return out;
}

std::string link_topic(std::string target) {
  if (auto hash = target.find('#'); hash != std::string::npos) target.resize(hash);
  if (auto slash = target.find_last_of('/'); slash != std::string::npos) target.erase(0, slash + 1);
  if (target.size() > 3 && target.ends_with(".md")) target.resize(target.size() - 3);
  if (target.ends_with(".fr") || target.ends_with(".en")) target.resize(target.size() - 3);
  return target;
}

ArticleVm article_task(KbState& state, const workspace::Workspace& ws, const std::string& topic, Lang lang) {
  ArticleVm out;
  out.topic = topic;
  workspace::Search* search = ensure_search(state, ws);
  // The body is read from its file now: the catalogue holds no bodies.
  std::optional<workspace::Search::Opened> opened = search ? search->open_article(topic, lang) : std::nullopt;
  if (!opened) {
    out.error = topic;
    return out;
  }
  if (!opened->article) {
    out.error = opened->error;
    return out;
  }
  const kb::Article* a = &*opened->article;
  out.open = true;
  out.id = a->id;
  out.topic = a->topic;
  out.title = a->title;
  out.meta = a->domain + " · " + a->lang + " · " + a->layer + (a->updated ? " · " + kb::to_string(*a->updated) : "");
  out.doc = parse_markdown(a->body);
  // The body usually repeats the title as its first heading: show it once.
  if (!out.doc.blocks.empty() && out.doc.blocks.front().kind == MdBlock::Kind::heading && out.doc.blocks.front().level == 1) {
    out.doc.blocks.erase(out.doc.blocks.begin());
  }
  return out;
}

ArticleTitles titles_task(KbState& state, const workspace::Workspace& ws) {
  ArticleTitles out;
  workspace::Search* search = ensure_search(state, ws);
  if (!search) return out;
  for (const auto& a : search->articles().articles) {
    auto& t = out[a.topic];
    (a.lang == "fr" ? t.first : t.second) = a.title;
  }
  return out;
}

}  // namespace diagdesk::gui
