#pragma once
/// The coverage report: per competency of the IT support technician title
/// (JOB.md), the trees, articles and training scenarios that cover it, with
/// thin competencies flagged. `diagdesk coverage` prints it; its English
/// output is checked in as data/COVERAGE.md and a test keeps it current.

#include <diagdesk/workspace/workspace.hpp>

#include <string>
#include <vector>

namespace diagdesk::workspace {

/// What covers one competency.
struct CompetencyCoverage {
  int competency = 0;                  ///< 1-11
  std::string name;                    ///< in the requested language
  std::vector<std::string> trees;      ///< tree ids
  std::vector<std::string> articles;   ///< article topics (both languages counted once)
  std::vector<std::string> scenarios;  ///< scenario ids
  std::vector<std::string> thin;       ///< why it is thin ("trees", "articles", "scenarios"), empty when fine
};

/// Minimum counts under which a competency is flagged thin.
inline constexpr std::size_t min_trees = 3;
inline constexpr std::size_t min_articles = 3;
inline constexpr std::size_t min_scenarios = 3;

/// Coverage of competencies 1-11 over every layer of `ws`.
std::vector<CompetencyCoverage> coverage(const Workspace& ws, Lang lang);

/// The report as Markdown (what data/COVERAGE.md holds, in English).
std::string render_coverage(const std::vector<CompetencyCoverage>& rows, Lang lang);

}  // namespace diagdesk::workspace
