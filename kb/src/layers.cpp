// Loading the KB layers: every article of every folder, overrides between
// layers, and out-of-date translations.

#include <diagdesk/kb/layers.hpp>

#include <algorithm>
#include <map>
#include <system_error>

namespace diagdesk::kb {

std::vector<std::filesystem::path> article_files(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (p.extension() != ".md" || !it->is_regular_file(ec)) continue;
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "readme.md") continue;
    out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const Article* KbContents::find_id(std::string_view id) const {
  auto it = std::lower_bound(articles.begin(), articles.end(), id,
                             [](const Article& a, std::string_view k) { return a.id < k; });
  return it != articles.end() && it->id == id ? &*it : nullptr;
}

const Article* KbContents::find(std::string_view topic_or_id, std::string_view lang) const {
  if (const Article* a = find_id(topic_or_id)) return a;
  std::string topic(topic_or_id);
  std::string other = lang == "en" ? "fr" : "en";
  if (const Article* a = find_id(topic + "." + std::string(lang == "en" ? "en" : "fr"))) return a;
  return find_id(topic + "." + other);
}

KbContents load_layers(const std::vector<Layer>& layers) {
  KbContents kb;
  std::map<std::string, Article, std::less<>> by_id;
  for (const Layer& layer : layers) {
    std::error_code ec;
    if (!std::filesystem::is_directory(layer.path, ec)) {
      kb.diagnostics.push_back({Severity::warning, "layer.missing", layer.path.string(), 0, 0,
                                "the folder of layer '" + layer.name + "' does not exist"});
      continue;
    }
    std::map<std::string, std::filesystem::path, std::less<>> in_layer;
    for (const auto& file : article_files(layer.path)) {
      ArticleResult r = read_article(file);
      kb.diagnostics.insert(kb.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
      if (!r.article) continue;
      Article& a = *r.article;
      a.layer = layer.name;
      if (auto first = in_layer.find(a.id); first != in_layer.end()) {
        kb.diagnostics.push_back({Severity::error, "id.duplicate", file.string(), 0, 0,
                                  "id '" + a.id + "' is already used by " +
                                      first->second.string() + " in the same layer; this file is ignored"});
        continue;
      }
      in_layer.emplace(a.id, file);
      if (auto prev = by_id.find(a.id); prev != by_id.end()) {
        kb.diagnostics.push_back(
            {Severity::warning, "id.duplicate", file.string(), 0, 0,
             "article '" + a.id + "' of layer '" + layer.name + "' replaces the one of layer '" +
                 prev->second.layer + "' (" + prev->second.path.string() + ")"});
        prev->second = std::move(a);
      } else {
        by_id.emplace(a.id, std::move(a));
      }
    }
  }

  // Out-of-date translations: the older side of a pair is flagged.
  for (auto& [id, a] : by_id) {
    std::string tid = a.translation;
    bool explicit_link = !tid.empty();
    if (!explicit_link) tid = a.topic + (a.lang == "fr" ? ".en" : ".fr");
    auto t = by_id.find(tid);
    if (t == by_id.end()) {
      if (explicit_link)
        kb.diagnostics.push_back({Severity::warning, "translation.not_found", a.path.string(), 0, 0,
                                  "translation '" + tid + "' of '" + id + "' does not exist"});
      continue;
    }
    if (a.updated && t->second.updated && *a.updated < *t->second.updated) {
      a.out_of_date = true;
      kb.diagnostics.push_back(
          {Severity::warning, "translation.out_of_date", a.path.string(), 0, 0,
           "'" + id + "' (updated " + to_string(*a.updated) + ") is older than its translation '" +
               tid + "' (updated " + to_string(*t->second.updated) + "): review it"});
    }
  }

  kb.articles.reserve(by_id.size());
  for (auto& [id, a] : by_id) kb.articles.push_back(std::move(a));
  return kb;
}

}  // namespace diagdesk::kb
