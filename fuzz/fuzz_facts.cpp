// Fuzz target: a facts TOML file ([facts.<key>] declarations), loaded with a
// bundled tree as `diagdesk lint DATA` would, linted, and the tree walked
// with start facts of the declared keys (values normalised by the catalogue).
#include "fuzz_knowledge.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk::fuzz;
  static const auto tree = data_dir() / "trees" / "commercial" / "com.office_server.toml";
  const auto path = write_temp("facts.toml", as_text(data, size));
  // The facts alone first, to get the declared keys for the start facts.
  diagdesk::engine::LoadResult alone = diagdesk::engine::load_knowledge({path});
  std::vector<std::pair<std::string, std::string>> start;
  for (const auto& [key, decl] : alone.knowledge->facts().all()) {
    if (start.size() >= 4) break;
    std::string value = decl.values.empty() ? "yes" : decl.values.front();
    if (auto v = alone.knowledge->facts().normalise(decl.key, value)) value = *v;
    start.emplace_back(decl.key, value);
  }
  load_lint_walk({path, tree}, size ? data[0] : 0u, start);
  return 0;
}
