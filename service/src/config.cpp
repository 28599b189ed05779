// The service centre's settings from every layer's service/ folder.
#include <diagdesk/service/config.hpp>

namespace diagdesk::service {

ServiceConfig load_service_config(const std::vector<std::filesystem::path>& layer_roots) {
  std::vector<std::filesystem::path> priority, sla, calendar;
  for (const auto& root : layer_roots) {
    priority.push_back(root / "service" / "priority.toml");
    sla.push_back(root / "service" / "sla.toml");
    calendar.push_back(root / "service" / "calendar.toml");
  }
  ServiceConfig out;
  auto m = load_priority_matrix(priority);
  auto s = load_sla(sla);
  auto c = load_calendar(calendar);
  out.matrix = std::move(m.matrix);
  out.sla = std::move(s.policy);
  out.calendar = std::move(c.calendar);
  for (auto* list : {&m.problems, &s.problems, &c.problems}) {
    out.problems.insert(out.problems.end(), list->begin(), list->end());
  }
  return out;
}

}  // namespace diagdesk::service
