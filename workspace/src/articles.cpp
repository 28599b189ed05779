// Articles of the workspace's layers, and their lint findings.
#include <diagdesk/workspace/articles.hpp>

#include <diagdesk/kb/links.hpp>

#include <algorithm>

namespace diagdesk::workspace {

std::vector<kb::Layer> article_layers(const Workspace& ws) {
  std::vector<kb::Layer> layers;
  for (const auto& l : ws.layers()) {
    std::error_code ec;
    // A team or user layer without articles is normal; the bundled one has them.
    if (l.name != "bundled" && !fs::is_directory(l.path / "articles", ec)) continue;
    layers.push_back(kb::Layer{l.name, l.path / "articles", l.read_only});
  }
  return layers;
}

kb::KbContents load_articles(const Workspace& ws) { return kb::load_layers(article_layers(ws)); }

namespace {

void convert(const std::vector<kb::Diagnostic>& in, std::vector<engine::Diagnostic>& out) {
  for (const auto& d : in) {
    engine::Diagnostic e;
    e.severity = d.severity == kb::Severity::error ? engine::Severity::error : engine::Severity::warning;
    e.code = d.code;
    e.pos = {d.file, d.line, d.column};
    e.message = d.message;
    out.push_back(std::move(e));
  }
}

bool inside(const fs::path& p, const fs::path& root) {
  std::error_code ec;
  const std::string a = fs::weakly_canonical(p, ec).string();
  const std::string b = fs::weakly_canonical(root, ec).string();
  return a.rfind(b, 0) == 0;
}

}  // namespace

void lint_articles(const Workspace& ws, const std::vector<fs::path>& paths, std::vector<engine::Diagnostic>& out) {
  const kb::KbContents all = load_articles(ws);
  convert(all.diagnostics, out);
  // Stubs drafted from a known error (problem_article.cpp) wait for their translation.
  for (const auto& a : all.articles) {
    if (std::find(a.tags.begin(), a.tags.end(), "to_translate") == a.tags.end()) continue;
    out.push_back({engine::Severity::warning, "translation.todo", {a.path.string(), 0, 0},
                   "'" + a.id + "' is a stub to translate from '" + a.translation + "' (tag to_translate)"});
  }
  convert(kb::check_article_links(all, all), out);  // links to ids that exist in no language, or not in the one linked
  for (const auto& p : paths) {
    if (std::any_of(ws.layers().begin(), ws.layers().end(), [&](const Layer& l) { return inside(p, l.path); }))
      continue;  // already checked with its layer
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      if (p.extension() != ".md") continue;
      kb::ArticleResult r = kb::read_article(p);
      convert(r.diagnostics, out);
      if (r.article) {
        kb::KbContents one;
        one.articles.push_back(std::move(*r.article));
        convert(kb::check_article_links(one, all), out);
      }
    } else if (fs::is_directory(p, ec)) {
      fs::path folder = fs::is_directory(p / "articles", ec) ? p / "articles" : p;
      if (kb::article_files(folder).empty()) continue;
      kb::KbContents here = kb::load_layers({{"lint", folder, true}});
      convert(here.diagnostics, out);
      convert(kb::check_article_links(here, all), out);
    }
  }
}

}  // namespace diagdesk::workspace
