#pragma once
// Hostile-knowledge checks of the loader and the linter (issue 17): safe ids
// and cycles between trees through jumps. Internal to the engine.

#include <diagdesk/engine/diagnostic.hpp>

#include <string_view>
#include <vector>

namespace diagdesk::engine {
class Knowledge;
}

namespace diagdesk::engine::detail {

/// A tree id that may become a file name: 1 to 100 characters of a-z, 0-9,
/// '.', '_' and '-', starting with a letter or digit, with no "..".
bool safe_tree_id(std::string_view id);

/// Jumps whose target, followed through every tree it jumps to, can never
/// reach a conclusion (the trees loop): one error "flow.tree_cycle" at each
/// such jump, naming the chain of trees and nodes.
void lint_tree_cycles(const Knowledge& k, std::vector<Diagnostic>& out);

}  // namespace diagdesk::engine::detail
