// Workspace: loading layers, starting sessions, linting.
#include <diagdesk/workspace/workspace.hpp>

#include <diagdesk/engine/knowledge_cache.hpp>
#include <diagdesk/engine/lint.hpp>
#include <diagdesk/workspace/articles.hpp>
#include <diagdesk/workspace/quote_lint.hpp>
#include <diagdesk/workspace/training.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>

#ifndef DIAGDESK_DATA_DIR
#define DIAGDESK_DATA_DIR "data"
#endif

namespace diagdesk::workspace {

fs::path bundled_dir() {
  if (const char* env = std::getenv("DIAGDESK_DATA"); env && *env) return env;
  return DIAGDESK_DATA_DIR;
}

fs::path default_data_dir() {
  if (const char* env = std::getenv("DIAGDESK_HOME"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return fs::path(xdg) / "diagdesk";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".local/share/diagdesk";
  return fs::path(".diagdesk");
}

Lang default_lang() {
  for (const char* var : {"DIAGDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (!v || !*v) continue;
    const std::string s(v);
    if (s.rfind("fr", 0) == 0) return Lang::fr;
    if (s.rfind("en", 0) == 0 || s == "C" || s == "POSIX" || s.rfind("C.", 0) == 0) return Lang::en;
  }
  return Lang::en;
}

Workspace Workspace::open(Options options) {
  Workspace ws;
  if (options.bundled.empty()) options.bundled = bundled_dir();
  if (options.data_dir.empty()) options.data_dir = default_data_dir();
  ws.m_options = options;
  ws.m_layers.push_back(Layer{"bundled", options.bundled, true});
  for (std::size_t i = 0; i < options.layers.size(); ++i) {
    ws.m_layers.push_back(Layer{i == 0 ? "team" : "layer" + std::to_string(i + 1), options.layers[i], false});
  }
  // The user's own layer (where `diagdesk import` writes by default) goes on top.
  std::error_code ec;
  const fs::path user_layer = options.data_dir / "kb";
  const bool listed = std::any_of(options.layers.begin(), options.layers.end(),
                                  [&](const fs::path& p) { return fs::equivalent(p, user_layer, ec); });
  if (fs::is_directory(user_layer, ec) && !listed) ws.m_layers.push_back(Layer{"user", user_layer, false});
  std::vector<fs::path> paths;
  for (const auto& l : ws.m_layers) paths.push_back(l.path);
  // The TOML files are the truth; the cache only skips parsing unchanged ones.
  auto loaded = engine::load_knowledge_cached(paths, options.data_dir / "cache" / "knowledge.bin");
  ws.m_knowledge = loaded.knowledge;
  ws.m_diagnostics = std::move(loaded.diagnostics);
  return ws;
}

std::size_t Workspace::error_count() const { return engine::count_errors(m_diagnostics); }

std::vector<TreeSummary> Workspace::trees(Lang lang) const {
  std::vector<TreeSummary> out;
  for (const auto& t : m_knowledge->trees()) {
    std::string layer = "bundled";
    for (const auto& l : m_layers) {
      const std::string root = l.path.string();
      if (t.pos.file.rfind(root, 0) == 0) layer = l.name;
    }
    out.push_back(TreeSummary{t.id, t.title.get(lang), t.domain, t.competency, layer});
  }
  std::sort(out.begin(), out.end(), [](const TreeSummary& a, const TreeSummary& b) {
    return std::tie(a.domain, a.id) < std::tie(b.domain, b.id);
  });
  return out;
}

std::optional<std::vector<std::pair<std::string, std::string>>> Workspace::parse_facts(
    const std::vector<std::string>& args, std::string* error) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& arg : args) {
    const auto eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) {
      if (error) *error = "bad fact '" + arg + "': expected key=value, e.g. os=windows11";
      return std::nullopt;
    }
    const std::string key = arg.substr(0, eq);
    std::string why;
    auto value = m_knowledge->facts().normalise(key, arg.substr(eq + 1), &why);
    if (!value) {
      if (error) *error = "bad fact '" + arg + "': " + why;
      return std::nullopt;
    }
    out.emplace_back(key, *value);
  }
  return out;
}

Started Workspace::start(const std::string& tree_id, const std::vector<std::string>& facts, Lang lang) const {
  Started out;
  if (!m_knowledge->find_tree(tree_id)) {
    out.error = "unknown tree '" + tree_id + "' (see 'diagdesk trees')";
    return out;
  }
  auto parsed = parse_facts(facts, &out.error);
  if (!parsed) return out;
  out.session.emplace(m_knowledge, tree_id, std::move(*parsed), lang);
  return out;
}

std::vector<std::string> Workspace::article_topics() const {
  // A topic counts when both languages have it: articles/<lang>/<topic>.md.
  std::set<std::string> fr, en;
  for (const auto& layer : m_layers) {
    for (auto [lang, set] : {std::pair{"fr", &fr}, std::pair{"en", &en}}) {
      std::error_code ec;
      const fs::path dir = layer.path / "articles" / lang;
      if (!fs::is_directory(dir, ec)) continue;
      for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".md") set->insert(it->path().stem().string());
      }
    }
  }
  std::vector<std::string> out;
  std::set_intersection(fr.begin(), fr.end(), en.begin(), en.end(), std::back_inserter(out));
  return out;
}

std::vector<engine::Diagnostic> Workspace::lint(const std::vector<fs::path>& paths) const {
  std::vector<fs::path> all;
  for (const auto& l : m_layers) all.push_back(l.path);
  for (const auto& p : paths) {
    if (!is_scenario_path(p)) all.push_back(p);  // scenarios: lint_training below
  }
  auto loaded = engine::load_knowledge(all);
  auto diagnostics = std::move(loaded.diagnostics);
  const auto topics = article_topics();
  engine::lint(*loaded.knowledge, diagnostics, &topics);
  std::vector<fs::path> training_roots;
  for (const auto& l : m_layers) training_roots.push_back(l.path);
  training_roots.insert(training_roots.end(), paths.begin(), paths.end());
  lint_training(loaded.knowledge, training_roots, topics, diagnostics);
  lint_articles(*this, paths, diagnostics);  // front matter, overrides, out-of-date translations
  for (auto& d : lint_commerce(*this, *loaded.knowledge)) diagnostics.push_back(std::move(d));  // catalogue, proposals
  if (paths.empty()) return diagnostics;
  // Keep the findings about the given files only.
  std::vector<std::string> roots;
  for (const auto& p : paths) {
    std::error_code ec;
    roots.push_back(fs::weakly_canonical(p, ec).string());
  }
  std::vector<engine::Diagnostic> out;
  for (auto& d : diagnostics) {
    std::error_code ec;
    const std::string file = fs::weakly_canonical(d.pos.file, ec).string();
    if (std::any_of(roots.begin(), roots.end(), [&](const std::string& r) { return file.rfind(r, 0) == 0; })) {
      out.push_back(std::move(d));
    }
  }
  return out;
}

fs::path Workspace::sessions_dir() const { return m_options.data_dir / "sessions"; }

}  // namespace diagdesk::workspace
