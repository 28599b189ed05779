// The coverage report: trees, articles and scenarios per competency.
#include <diagdesk/workspace/coverage.hpp>

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/training.hpp>
#include <diagdesk/kb/layers.hpp>

#include <algorithm>
#include <set>
#include <sstream>

namespace diagdesk::workspace {

using engine::tr;

std::vector<CompetencyCoverage> coverage(const Workspace& ws, Lang lang) {
  std::vector<CompetencyCoverage> rows(11);
  for (int c = 1; c <= 11; ++c) {
    rows[c - 1].competency = c;
    rows[c - 1].name = tr("competency." + std::to_string(c), lang);
  }
  auto row = [&](int c) -> CompetencyCoverage* { return c >= 1 && c <= 11 ? &rows[c - 1] : nullptr; };
  for (const auto& t : ws.knowledge()->trees()) {
    if (auto* r = row(t.competency)) r->trees.push_back(t.id);
  }
  std::vector<kb::Layer> layers;
  std::vector<fs::path> scenario_dirs;
  for (const auto& l : ws.layers()) {
    layers.push_back(kb::Layer{l.name, l.path / "articles", l.read_only});
    scenario_dirs.push_back(l.path / "scenarios");
  }
  const auto articles = kb::load_layers(layers);
  std::set<std::pair<int, std::string>> topics;
  for (const auto& a : articles.articles) topics.emplace(a.competency, a.topic);
  for (const auto& [c, topic] : topics) {
    if (auto* r = row(c)) r->articles.push_back(topic);
  }
  std::vector<fs::path> existing;
  for (const auto& d : scenario_dirs) {
    std::error_code ec;
    if (fs::is_directory(d, ec)) existing.push_back(d);
  }
  const auto scenarios = engine::load_scenarios(existing, ws.knowledge()->facts());
  for (const auto& s : scenarios.scenarios) {
    if (auto* r = row(s.competency)) r->scenarios.push_back(s.id);
  }
  for (auto& r : rows) {
    std::sort(r.trees.begin(), r.trees.end());
    std::sort(r.scenarios.begin(), r.scenarios.end());
    if (r.trees.size() < min_trees) r.thin.push_back("trees");
    if (r.articles.size() < min_articles) r.thin.push_back("articles");
    if (r.scenarios.size() < min_scenarios) r.thin.push_back("scenarios");
  }
  return rows;
}

std::string render_coverage(const std::vector<CompetencyCoverage>& rows, Lang lang) {
  std::ostringstream md;
  md << "# " << tr("coverage.title", lang) << "\n\n" << tr("coverage.intro", lang) << "\n\n";
  md << "| # | " << tr("coverage.competency", lang) << " | " << tr("coverage.trees", lang) << " | "
     << tr("coverage.articles", lang) << " | " << tr("coverage.scenarios", lang) << " | " << tr("coverage.status", lang)
     << " |\n|---|---|---|---|---|---|\n";
  std::size_t trees = 0, articles = 0, scenarios = 0;
  for (const auto& r : rows) {
    std::string status = tr("coverage.ok", lang);
    if (!r.thin.empty()) {
      status = tr("coverage.thin", lang) + " (";
      for (std::size_t i = 0; i < r.thin.size(); ++i) status += (i ? ", " : "") + tr("coverage." + r.thin[i], lang);
      status += ")";
    }
    md << "| " << r.competency << " | " << r.name << " | " << r.trees.size() << " | " << r.articles.size() << " | "
       << r.scenarios.size() << " | " << status << " |\n";
    trees += r.trees.size();
    articles += r.articles.size();
    scenarios += r.scenarios.size();
  }
  md << "| | **" << tr("coverage.total", lang) << "** | " << trees << " | " << articles << " | " << scenarios << " | |\n";
  for (const auto& r : rows) {
    md << "\n## " << r.competency << ". " << r.name << "\n\n";
    auto list = [&](const char* key, const std::vector<std::string>& ids) {
      md << "- " << tr(key, lang) << tr("punct.colon", lang);
      if (ids.empty()) md << "—";
      for (std::size_t i = 0; i < ids.size(); ++i) md << (i ? ", " : "") << "`" << ids[i] << "`";
      md << "\n";
    };
    list("coverage.trees", r.trees);
    list("coverage.articles", r.articles);
    list("coverage.scenarios", r.scenarios);
  }
  return md.str();
}

}  // namespace diagdesk::workspace
