// Fuzz target: a rules TOML file ([[rules]]), loaded with the bundled facts
// catalogue's common file and a bundled tree, linted, and the tree walked
// with start facts that satisfy each rule's first condition, so forward
// chaining runs on the fuzzed rules.
#include "fuzz_knowledge.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk::fuzz;
  static const auto facts = data_dir() / "facts" / "common.toml";
  static const auto tree = data_dir() / "trees" / "commercial" / "com.office_server.toml";
  const auto path = write_temp("rules.toml", as_text(data, size));
  diagdesk::engine::LoadResult alone = diagdesk::engine::load_knowledge({path});
  std::vector<std::pair<std::string, std::string>> start;
  for (const auto& rule : alone.knowledge->rules()) {
    if (start.size() >= 6) break;
    if (!rule.when.empty() && !rule.when.front().values.empty())
      start.emplace_back(rule.when.front().fact, rule.when.front().values.front());
  }
  load_lint_walk({facts, path, tree}, size ? data[0] : 0u, start);
  return 0;
}
