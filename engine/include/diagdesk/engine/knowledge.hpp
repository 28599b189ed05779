#pragma once
/// Loading the knowledge the engine reasons with: facts, trees and rules.
///
///     auto loaded = diagdesk::engine::load_knowledge({"data"});
///     for (auto& d : loaded.diagnostics) std::cerr << format(d) << '\n';
///     const Tree* t = loaded.knowledge->find_tree("net.no_internet");

#include <diagdesk/engine/diagnostic.hpp>
#include <diagdesk/engine/tree.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace diagdesk::engine {

/// Every tree, rule and fact declaration, read-only once loaded.
class Knowledge {
 public:
  const Tree* find_tree(std::string_view id) const;
  /// "tree:node" or a node of `current_tree` when no colon.
  const Node* find_node(std::string_view ref, std::string_view current_tree = {}) const;
  const std::vector<Tree>& trees() const { return m_trees; }
  /// Rules, sorted by decreasing salience (stable in file order).
  const std::vector<Rule>& rules() const { return m_rules; }
  const FactCatalog& facts() const { return m_facts; }

  // Building (used by the loader and by tests that assemble data by hand).
  FactCatalog& facts_mut() { return m_facts; }
  void add_tree(Tree tree);
  void add_rule(Rule rule);
  /// Sorts rules by salience and indexes trees; call once after adding.
  void finish();

 private:
  std::vector<Tree> m_trees;
  std::map<std::string, std::size_t, std::less<>> m_tree_index;
  std::vector<Rule> m_rules;
  FactCatalog m_facts;
};

/// What loading produced: the knowledge (always present, possibly partial)
/// and every problem found, in one pass.
struct LoadResult {
  std::shared_ptr<Knowledge> knowledge;
  std::vector<Diagnostic> diagnostics;
};

/// Loads a data folder or single files. A folder contributes facts/*.toml,
/// trees/**/*.toml and rules/*.toml; a file is classified by its content
/// (`[facts.*]`, `[[nodes]]`, `[[rules]]`). Malformed files are reported
/// with their position and skipped; the rest goes on.
LoadResult load_knowledge(const std::vector<std::filesystem::path>& paths);

/// The files load_knowledge(paths) reads, in the order it reads them:
/// for a folder facts/*.toml, trees/**/*.toml, rules/*.toml; files as given;
/// duplicates (same canonical path) once. Missing paths are skipped.
std::vector<std::filesystem::path> knowledge_files(const std::vector<std::filesystem::path>& paths);

/// Current data schema version; files with a higher one are refused.
inline constexpr int schema_version = 1;

/// Limits of the knowledge loader (docs/reliability.md, Resource limits): a
/// tree, rules or facts file larger than this is refused before it is read
/// (error limit.file_size); a bundled tree is under 40 KB.
inline constexpr std::uintmax_t max_knowledge_file_bytes = 16u * 1024u * 1024u;
/// A tree with more nodes than this is refused (error limit.tree_nodes): the
/// biggest bundled tree has about 40.
inline constexpr std::size_t max_tree_nodes = 5000;

}  // namespace diagdesk::engine
