// Every bundled tree and article is found by search from its own symptom
// phrases: at least one phrase brings it back in the top 3 (issue 6).
#include "fixture.hpp"

#include <diagdesk/workspace/articles.hpp>
#include <diagdesk/workspace/search.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk;

namespace {

/// Whether `id` (or an article of `topic`) is in the top 3 for `phrase`.
bool in_top3(workspace::Search& search, const std::string& phrase, const std::string& lang, const std::string& type,
             const std::string& id) {
  kb::SearchQuery q;
  q.text = phrase;
  q.lang = lang;
  q.ui_lang = lang;
  q.type = type;
  q.limit = 3;
  const auto results = search.search(q);
  return std::any_of(results.hits.begin(), results.hits.end(),
                     [&](const kb::SearchHit& h) { return h.id == id || h.topic == id; });
}

}  // namespace

TEST_CASE("every bundled tree and article comes back in the top 3 for one of its symptom phrases") {
  test::TempDir home;
  auto ws = workspace::Workspace::open({DIAGDESK_DATA_DIR, {}, home.path(), engine::Lang::en});
  workspace::Search search(ws);
  search.update_index();
  std::size_t items = 0, missed = 0;
  for (const auto& t : ws.knowledge()->trees()) {
    for (const auto& [lang, phrases] : {std::pair{std::string("fr"), &t.symptoms_fr}, std::pair{std::string("en"), &t.symptoms_en}}) {
      ++items;
      const bool found = std::any_of(phrases->begin(), phrases->end(),
                                     [&](const std::string& p) { return in_top3(search, p, lang, "tree", t.id); });
      if (!found) {
        ++missed;
        MESSAGE("tree " << t.id << " (" << lang << ") not in the top 3 for any of its symptom phrases");
      }
    }
  }
  for (const auto& a : workspace::load_articles(ws).articles) {
    if (a.symptoms.empty()) continue;
    ++items;
    const bool found = std::any_of(a.symptoms.begin(), a.symptoms.end(),
                                   [&](const std::string& p) { return in_top3(search, p, a.lang, "article", a.id); });
    if (!found) {
      ++missed;
      MESSAGE("article " << a.id << " not in the top 3 for any of its symptom phrases");
    }
  }
  MESSAGE(items << " items checked, " << missed << " missed");
  CHECK(items > 150);
  CHECK(missed == 0);
}
