#pragma once
// Reading the cost and probability model keys of a tree file (data/README.md,
// "Cost and probability model"). Internal to the engine: loader.cpp calls these.

#include <diagdesk/engine/diagnostic.hpp>
#include <diagdesk/engine/tree.hpp>

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace diagdesk::engine {
class Knowledge;
}

namespace diagdesk::engine::detail {

/// Reads `prior`, `prior_when` and `cost` of a node table into `n`; type errors go to `out`.
void load_node_model(const std::string& file, std::vector<Diagnostic>& out, const toml::table& t, Node& n);
/// Reads the tree's `[model]` table (other, [[model.repairs]]) into `tree.model`.
void load_tree_model(const std::string& file, std::vector<Diagnostic>& out, const toml::table& root, Tree& tree);

/// The linter's model checks for one tree (guide_lint.cpp); appends to `out`.
void lint_model(const Knowledge& k, const Tree& t, std::vector<Diagnostic>& out);

}  // namespace diagdesk::engine::detail
