// Loading the KB layers: every article of every folder, overrides between
// layers, and out-of-date translations.

#include <diagdesk/kb/layers.hpp>

#include "layers_internal.hpp"

#include <algorithm>
#include <system_error>

namespace diagdesk::kb {

std::vector<std::filesystem::path> article_files(const std::filesystem::path& folder) {
  std::vector<std::string> names = detail::article_file_names(folder);
  return {names.begin(), names.end()};
}

std::vector<std::string> detail::article_file_names(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
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
    out.push_back(p.string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const Article* KbContents::find_id(std::string_view id) const { return detail::find_sorted_id(articles, id); }

const Article* KbContents::find(std::string_view topic_or_id, std::string_view lang) const {
  return detail::find_topic(articles, topic_or_id, lang);
}

bool detail::layer_folder_exists(const Layer& layer, std::vector<Diagnostic>& diagnostics) {
  std::error_code ec;
  if (std::filesystem::is_directory(layer.path, ec)) return true;
  diagnostics.push_back({Severity::warning, "layer.missing", layer.path.string(), 0, 0,
                         "the folder of layer '" + layer.name + "' does not exist"});
  return false;
}

KbContents load_layers(const std::vector<Layer>& layers) {
  KbContents kb;
  detail::LayerResolver<Article> resolver(kb.diagnostics);
  for (const Layer& layer : layers) {
    if (!detail::layer_folder_exists(layer, kb.diagnostics)) continue;
    resolver.begin_layer();
    for (const auto& file : detail::article_file_names(layer.path)) {
      ArticleResult r = read_article(file);
      kb.diagnostics.insert(kb.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
      if (r.article) resolver.add(std::move(*r.article), layer, file);
    }
  }
  kb.articles = resolver.finish();
  return kb;
}

}  // namespace diagdesk::kb
