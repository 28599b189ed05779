// Fuzz target: the search query string (`diagdesk search WORDS`, the GUI's
// search box): kb::Index::search over a small index of bundled articles
// built once in the process's temporary folder, with the bundled synonyms.
// The first byte picks the options (language, filters, prefix, spelling,
// offset); the rest is the text. The query builder folds, stems, cuts long
// queries, groups synonyms and corrects spelling before Xapian sees it.
#include "fuzz_common.hpp"

#include <diagdesk/kb/document.hpp>
#include <diagdesk/kb/index.hpp>
#include <diagdesk/kb/synonyms.hpp>

#include <algorithm>

namespace {

diagdesk::kb::Index& the_index() {
  using namespace diagdesk;
  static kb::Index index = [] {
    kb::Index idx(fuzz::temp_dir() / "index");
    idx.set_synonyms(kb::load_synonyms(fuzz::data_dir() / "synonyms.toml").synonyms);
    std::vector<kb::Document> docs;
    for (const char* lang : {"fr", "en"}) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::directory_iterator(fuzz::data_dir() / "articles" / lang))
        if (e.path().extension() == ".md") files.push_back(e.path());
      std::sort(files.begin(), files.end());
      if (files.size() > 30) files.resize(30);
      for (const auto& f : files)
        if (auto r = kb::read_article(f); r.article) docs.push_back(kb::to_document(*r.article));
    }
    if (idx.sync(docs).error != kb::IndexError::none) fuzz::broken("cannot build the fuzzing index");
    return idx;
  }();
  return index;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk;
  if (size == 0) return 0;
  const unsigned o = data[0];
  kb::SearchQuery q;
  q.text.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  q.lang = o & 1 ? (o & 2 ? "fr" : "en") : "";
  q.ui_lang = o & 4 ? "en" : "fr";
  q.prefix_last_word = o & 8;
  q.spelling = o & 16;
  if (o & 32) q.domain = "network";
  if (o & 64) q.type = "article";
  q.offset = o & 128 ? 5 : 0;
  const kb::SearchResults r = the_index().search(q);
  if (r.error != kb::SearchError::none) fuzz::broken(r.message.c_str());
  for (const auto& h : r.hits)
    if (h.percent < 0 || h.percent > 100) fuzz::broken("a hit's percent is out of 0-100");
  return 0;
}
