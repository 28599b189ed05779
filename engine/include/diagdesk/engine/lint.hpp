#pragma once
/// The linter: checks loaded knowledge the way a reviewer would.

#include <diagdesk/engine/knowledge.hpp>

#include <vector>

namespace diagdesk::engine {

/// Checks every reference, reachability, dead ends, cycles without exit,
/// choices, both languages, fact declarations and use, rule loops.
/// `article_topics`, when given, is the set of article topics that exist in
/// both languages: links to others are reported. Appends to `out`.
void lint(const Knowledge& knowledge, std::vector<Diagnostic>& out,
          const std::vector<std::string>* article_topics = nullptr);

}  // namespace diagdesk::engine
