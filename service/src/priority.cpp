// The priority matrix and its TOML files.
#include <diagdesk/service/priority.hpp>

#include "toml_file.hpp"

namespace diagdesk::service {

namespace {
int at(Grade g) { return static_cast<int>(g); }
}  // namespace

PriorityMatrix::PriorityMatrix() {
  // ITIL: priority = f(impact, urgency), P1 when both are high, P5 when both are low.
  const int itil[3][3] = {{5, 4, 3}, {4, 3, 2}, {3, 2, 1}};  // [impact][urgency], low..high
  for (int i = 0; i < 3; ++i) {
    for (int u = 0; u < 3; ++u) {
      m_cells[i][u] = itil[i][u];
      m_sources[i][u] = "default";
    }
  }
}

int PriorityMatrix::priority(Grade impact, Grade urgency) const { return m_cells[at(impact)][at(urgency)]; }

void PriorityMatrix::set(Grade impact, Grade urgency, int priority, std::string source) {
  m_cells[at(impact)][at(urgency)] = priority;
  m_sources[at(impact)][at(urgency)] = std::move(source);
}

const std::string& PriorityMatrix::source(Grade impact, Grade urgency) const {
  return m_sources[at(impact)][at(urgency)];
}

LoadedMatrix load_priority_matrix(const std::vector<std::filesystem::path>& files) {
  LoadedMatrix out;
  for (const auto& file : files) {
    auto root = detail::read_service_toml(file, out.problems);
    if (!root) continue;
    const std::string path = file.string();
    const toml::table* impacts = (*root)["impact"].as_table();
    if (!impacts) {
      out.problems.push_back({path, 1, 1, "missing [impact.<grade>] tables"});
      continue;
    }
    for (const auto& [impact_key, row_node] : *impacts) {
      const auto impact = parse_grade(impact_key.str());
      const toml::table* row = row_node.as_table();
      if (!impact || !row) {
        out.problems.push_back(detail::problem_at(path, row_node, "unknown impact '" + std::string(impact_key.str()) + "' (low, medium, high)"));
        continue;
      }
      for (const auto& [urgency_key, cell] : *row) {
        const auto urgency = parse_grade(urgency_key.str());
        // Integers only: toml++ 3.3 casts a float out of range (undefined) before checking.
        const auto value = cell.is_integer() ? cell.value<int64_t>() : std::nullopt;
        if (!urgency) {
          out.problems.push_back(detail::problem_at(path, cell, "unknown urgency '" + std::string(urgency_key.str()) + "' (low, medium, high)"));
        } else if (!value || *value < 1 || *value > 5) {
          out.problems.push_back(detail::problem_at(path, cell, "a priority is a number from 1 (P1) to 5 (P5)"));
        } else {
          out.matrix.set(*impact, *urgency, static_cast<int>(*value), path);
        }
      }
    }
  }
  return out;
}

}  // namespace diagdesk::service
