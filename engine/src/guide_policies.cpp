// The three policies of a tree side by side (guide_policies.hpp).
#include <diagdesk/engine/guide_policies.hpp>

#include <algorithm>
#include <numeric>

namespace diagdesk::engine {

TreeSimulation simulate_policies(const Tree& tree, std::size_t state_limit,
                                 const std::vector<std::pair<std::string, double>>& learned) {
  TreeSimulation s;
  s.model = build_guide_model(tree, {}, learned);
  s.authored = simulate_authored(tree, s.model);
  s.guided = simulate_guided(s.model);
  s.optimum = simulate_optimum(s.model, state_limit);
  // Beyond the search limit the optimum is bounded by the better of the two policies.
  if (!s.optimum.exact && s.authored.minutes < s.optimum.minutes) {
    s.optimum = s.authored;
    s.optimum.exact = false;
  }
  return s;
}

double policy_gap(double x, double optimum) { return optimum > 0 ? (x - optimum) / optimum : 0; }

double guided_saving(const TreeSimulation& s) {
  return s.authored.minutes > 0 ? (s.authored.minutes - s.guided.minutes) / s.authored.minutes : 0;
}

std::vector<int> slowest_causes(const TreeSimulation& s, std::size_t n) {
  const auto& minutes = s.authored.cause_minutes;
  std::vector<int> order(std::min(s.model.causes.size(), minutes.size()));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return minutes[a] > minutes[b]; });
  if (order.size() > n) order.resize(n);
  return order;
}

}  // namespace diagdesk::engine
