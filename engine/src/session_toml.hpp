#pragma once
// What the authored (session_file.cpp) and the guided (guide_session_file.cpp)
// session files share when read back: the header checks and the start facts.
// Internal to the engine.

#include <diagdesk/engine/knowledge.hpp>

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace diagdesk::engine::detail {

/// An integer field, else `fallback`. Integers only: toml++ 3.3's value<int64_t>()
/// on a float casts it out of range (undefined) before checking it (found by
/// fuzz_session: started = 1796631e15).
template <class View>
std::int64_t int_or(View node, std::int64_t fallback) {
  return node.is_integer() ? node.template value<std::int64_t>().value_or(fallback) : fallback;
}

/// "" when `root` has a schema_version this Diagdesk reads and names a loaded
/// tree; else the reason (reported at 1:1 by the callers).
inline std::string check_session_header(const toml::table& root, const Knowledge& knowledge) {
  const auto version = int_or(root["schema_version"], 0);
  if (version > schema_version) return "session file is from a newer Diagdesk (schema_version " + std::to_string(version) + ")";
  if (version < 1) return "session file has no valid schema_version";
  const std::string tree = root["tree"].value_or(std::string{});
  if (!knowledge.find_tree(tree)) return "the session is for tree '" + tree + "', which is not loaded";
  return {};
}

/// The start facts of `[facts]`, normalised; nullopt with `why` and `bad` (the
/// offending value, for its position) at the first value the catalogue refuses.
inline std::optional<std::vector<std::pair<std::string, std::string>>> read_session_facts(
    const toml::table& root, const Knowledge& knowledge, std::string& why, const toml::node*& bad) {
  std::vector<std::pair<std::string, std::string>> facts;
  if (const toml::table* ft = root["facts"].as_table()) {
    for (const auto& [k, v] : *ft) {
      auto value = knowledge.facts().normalise(k.str(), v.value_or(std::string{}), &why);
      if (!value) {
        bad = &v;
        return std::nullopt;
      }
      facts.emplace_back(std::string(k.str()), *value);
    }
  }
  return facts;
}

}  // namespace diagdesk::engine::detail
