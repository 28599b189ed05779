#pragma once
/// The scenario linter: checks training scenarios against the knowledge they
/// are played on, and plays each expert path.

#include <diagdesk/engine/training.hpp>

#include <memory>
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

}  // namespace diagdesk::engine
