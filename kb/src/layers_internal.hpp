#pragma once
// The rules that turn the files of every layer into one article per id, for
// full articles (load_layers) and for catalogue entries (scan_layers): a
// later layer replaces an earlier one, the same id twice in one layer keeps
// the first, and the older side of a translation pair is out of date.

#include <diagdesk/kb/article.hpp>
#include <diagdesk/kb/diagnostic.hpp>
#include <diagdesk/kb/layers.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace diagdesk::kb::detail {

inline std::string path_text(const std::filesystem::path& p) { return p.string(); }
inline const std::string& path_text(const std::string& p) { return p; }

/// T has id, topic, lang, translation, updated, layer, path, out_of_date.
template <class T>
class LayerResolver {
 public:
  explicit LayerResolver(std::vector<Diagnostic>& diagnostics) : m_diagnostics(diagnostics) {}

  void begin_layer() { m_in_layer.clear(); }

  /// Returns the article not kept: `a` refused (its id is already used in
  /// this layer), or the earlier layer's article it replaces; nullopt when
  /// nothing is left out.
  std::optional<T> add(T&& a, const Layer& layer, const std::string& file) {
    a.layer = layer.name;
    if (auto first = m_in_layer.find(a.id); first != m_in_layer.end()) {
      m_diagnostics.push_back({Severity::error, "id.duplicate", file, 0, 0,
                               "id '" + a.id + "' is already used by " + first->second +
                                   " in the same layer; this file is ignored"});
      return std::move(a);
    }
    m_in_layer.emplace(a.id, file);
    if (auto prev = m_by_id.find(a.id); prev != m_by_id.end()) {
      m_diagnostics.push_back({Severity::warning, "id.duplicate", file, 0, 0,
                               "article '" + a.id + "' of layer '" + layer.name + "' replaces the one of layer '" +
                                   prev->second.layer + "' (" + path_text(prev->second.path) + ")"});
      T replaced = std::move(prev->second);
      prev->second = std::move(a);
      return replaced;
    }
    std::string id = a.id;
    m_by_id.emplace(std::move(id), std::move(a));
    return std::nullopt;
  }

  /// Flags out-of-date translations; returns the articles sorted by id.
  std::vector<T> finish() {
    for (auto& [id, a] : m_by_id) {
      std::string tid = a.translation;
      const bool explicit_link = !tid.empty();
      if (!explicit_link) tid = a.topic + (a.lang == "fr" ? ".en" : ".fr");
      auto t = m_by_id.find(tid);
      if (t == m_by_id.end()) {
        if (explicit_link)
          m_diagnostics.push_back({Severity::warning, "translation.not_found", path_text(a.path), 0, 0,
                                   "translation '" + tid + "' of '" + id + "' does not exist"});
        continue;
      }
      if (a.updated && t->second.updated && *a.updated < *t->second.updated) {
        a.out_of_date = true;
        m_diagnostics.push_back({Severity::warning, "translation.out_of_date", path_text(a.path), 0, 0,
                                 "'" + id + "' (updated " + to_string(*a.updated) + ") is older than its translation '" +
                                     tid + "' (updated " + to_string(*t->second.updated) + "): review it"});
      }
    }
    std::vector<T> out;
    out.reserve(m_by_id.size());
    for (auto& [id, a] : m_by_id) out.push_back(std::move(a));
    m_by_id.clear();
    return out;
  }

 private:
  std::vector<Diagnostic>& m_diagnostics;
  std::map<std::string, T, std::less<>> m_by_id;
  std::map<std::string, std::string, std::less<>> m_in_layer;
};

/// article_files() as strings, sorted the same way.
std::vector<std::string> article_file_names(const std::filesystem::path& folder);

/// The "layer.missing" warning, or nothing when the folder exists.
bool layer_folder_exists(const Layer& layer, std::vector<Diagnostic>& diagnostics);

/// Binary search by id in a vector sorted by id; nullptr when absent.
template <class T>
const T* find_sorted_id(const std::vector<T>& v, std::string_view id) {
  auto it = std::lower_bound(v.begin(), v.end(), id, [](const T& a, std::string_view k) { return a.id < k; });
  return it != v.end() && it->id == id ? &*it : nullptr;
}

/// The article of `topic` in `lang`, else the other language; also a full id.
template <class T>
const T* find_topic(const std::vector<T>& v, std::string_view topic_or_id, std::string_view lang) {
  if (const T* a = find_sorted_id(v, topic_or_id)) return a;
  const std::string topic(topic_or_id);
  if (const T* a = find_sorted_id(v, topic + (lang == "en" ? ".en" : ".fr"))) return a;
  return find_sorted_id(v, topic + (lang == "en" ? ".fr" : ".en"));
}

}  // namespace diagdesk::kb::detail
