#pragma once
/// Walking a tree through every answer sequence: which conclusions can be
/// reached, and one scripted answer sequence for each. Used by the data
/// tests, the linter and the training expert paths.

#include <diagdesk/engine/session.hpp>

#include <map>
#include <string>
#include <vector>

namespace diagdesk::engine {

/// The result of walking one tree.
struct Walk {
  /// "tree:node" of each conclusion reached -> the answers reaching it
  /// (choice ids, typed values, "?" for don't know), the first found.
  std::map<std::string, std::vector<std::string>> reached;
  /// Conclusions of the tree itself that no answer sequence reaches.
  std::vector<std::string> unreached;
  /// Error steps met on the way (broken data, rule loops), with the answers.
  std::vector<std::pair<std::string, std::vector<std::string>>> errors;
  std::size_t sessions = 0;  ///< states explored
};

/// Explores every choice (and "don't know") depth-first, bounded by
/// `max_states`. Typed inputs are tried with values drawn from the rules that
/// read the fact (an address inside each CIDR block, numbers around each
/// threshold, each enum value) plus one neutral value.
Walk walk_tree(std::shared_ptr<const Knowledge> knowledge, const std::string& tree_id,
               std::size_t max_states = 20000);

/// Candidate values for typed input of `fact`, as described above.
std::vector<std::string> input_candidates(const Knowledge& knowledge, const std::string& fact);

}  // namespace diagdesk::engine
