#pragma once
/// The service centre's settings from the knowledge layers: for each layer
/// root (bundled first, team and user after), <root>/service/priority.toml,
/// sla.toml and calendar.toml, later layers winning.
///
///     auto cfg = load_service_config({bundled, team});
///     for (auto& p : cfg.problems) warn(format(p));

#include <diagdesk/service/calendar.hpp>
#include <diagdesk/service/priority.hpp>
#include <diagdesk/service/sla.hpp>

#include <filesystem>
#include <vector>

namespace diagdesk::service {

/// Matrix, SLA and calendar together.
struct ServiceConfig {
  PriorityMatrix matrix;
  SlaPolicy sla;
  Calendar calendar;
  std::vector<Problem> problems;
};

/// Loads the three files of every root that has them, in order.
ServiceConfig load_service_config(const std::vector<std::filesystem::path>& layer_roots);

}  // namespace diagdesk::service
