#pragma once
/// The scenario linter: checks training scenarios against the knowledge they
/// are played on, and plays each expert path.

#include <diagdesk/engine/training.hpp>

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace diagdesk::engine {

/// Checks every scenario and part of `set` (its load diagnostics are not
/// repeated): required fields and both languages; known facts and valid
/// values; ground truth that contradicts itself (an override whose choice
/// sets another value, a rule deducing another value, a step both answered
/// and "don't know", an expected outcome unlike the conclusion's); known
/// trees, nodes, choices, parts and, when `article_topics` is given, articles;
/// and the expert path: every step it needs is answered, and it reaches the
/// expected diagnosis. Appends to `out` (codes "scenario.*", "part.*").
void lint_scenarios(std::shared_ptr<const Knowledge> knowledge, const ScenarioSet& set,
                    std::vector<Diagnostic>& out, const std::vector<std::string>* article_topics = nullptr);

/// Training coverage: which trees a trainee can practise.
/// A tree is *used* by a scenario when the scenario's expert path (see
/// play_expert) reaches its expected diagnosis and passes through the tree:
/// the scenario's expert tree, or a tree reached by a jump along that path.
/// A scenario whose expert path is stuck or ends elsewhere uses no tree (the
/// scenario linter reports it). Trees a trainee might open by mistake, or only
/// in free mode, do not count.

/// Ids of the trees of `knowledge` used by at least one scenario of `set`.
std::set<std::string> trees_used_by_scenarios(std::shared_ptr<const Knowledge> knowledge, const ScenarioSet& set);

/// Appends a warning (code "tree.no_scenario", at the tree's file) for each
/// tree of `knowledge` that no scenario of `set` uses. The caller decides
/// whether coverage matters (the workspace checks it when a layer has
/// scenarios).
void lint_tree_coverage(std::shared_ptr<const Knowledge> knowledge, const ScenarioSet& set,
                        std::vector<Diagnostic>& out);

}  // namespace diagdesk::engine
