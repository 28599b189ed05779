#pragma once
/// The three policies of a tree side by side (authored order, guided, optimum),
/// as `diagdesk simulate` and the GUI's author tab show them (docs/guidance.md).
///
///   TreeSimulation s = simulate_policies(tree);
///   double gap = policy_gap(s.guided.minutes, s.optimum.minutes);   // +0.02 = 2 % above
///   for (int c : slowest_causes(s, 3)) s.model.causes[c].name;

#include <diagdesk/engine/guide.hpp>

#include <string>
#include <utility>
#include <vector>

namespace diagdesk::engine {

/// One tree's model and its three policies' figures.
struct TreeSimulation {
  GuideModel model;
  PolicyFigures authored, guided, optimum;
};

/// Simulates the three policies over `tree`'s model (built with no facts).
/// Beyond the optimum's search limit `optimum.exact` is false and its minutes are
/// the better of the authored and guided figures (a bound). May take seconds.
/// `learned`, when not empty, replaces the authored priors (build_guide_model's learned priors).
TreeSimulation simulate_policies(const Tree& tree, std::size_t state_limit = 200000,
                                 const std::vector<std::pair<std::string, double>>& learned = {});

/// (x - optimum) / optimum, 0 when the optimum is 0.
double policy_gap(double x, double optimum);
/// (authored - guided) / authored: what the guided policy saves, 0 when authored is 0.
double guided_saving(const TreeSimulation& s);
/// Indexes of the causes slowest to diagnose in the authored order, slowest first, at most `n`.
std::vector<int> slowest_causes(const TreeSimulation& s, std::size_t n);

}  // namespace diagdesk::engine
