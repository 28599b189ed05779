#pragma once
/// The priority matrix: impact x urgency -> P1..P5, read from TOML files
/// (data/service/priority.toml, then team layers: later files win cell by cell).
///
///     auto loaded = load_priority_matrix({"data/service/priority.toml", "team/service/priority.toml"});
///     int p = loaded.matrix.priority(Grade::high, Grade::medium);   // 2 with the ITIL default

#include <diagdesk/service/problem.hpp>
#include <diagdesk/service/ticket.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace diagdesk::service {

/// impact x urgency -> priority 1..5. Starts as the ITIL default.
class PriorityMatrix {
 public:
  /// The ITIL default: high/high P1 ... low/low P5.
  PriorityMatrix();
  /// The priority of a cell (1..5).
  int priority(Grade impact, Grade urgency) const;
  /// Sets a cell and says which file did; `priority` must be 1..5 (the loader checks it).
  void set(Grade impact, Grade urgency, int priority, std::string source = "default");
  /// Which file last set that cell ("default" when none did).
  const std::string& source(Grade impact, Grade urgency) const;

 private:
  int m_cells[3][3];
  std::string m_sources[3][3];
};

/// A matrix and what was wrong in the files.
struct LoadedMatrix {
  PriorityMatrix matrix;
  std::vector<Problem> problems;
};

/// Reads `files` in order over the ITIL default; a missing file is skipped.
/// File format (docs/service.md):
///     schema_version = 1
///     [impact.high]
///     high = 1
///     medium = 2
///     low = 3
LoadedMatrix load_priority_matrix(const std::vector<std::filesystem::path>& files);

}  // namespace diagdesk::service
