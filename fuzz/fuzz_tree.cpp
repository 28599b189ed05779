// Fuzz target: a tree TOML file, loaded as `diagdesk lint` and `diagnose`
// load it (engine::load_knowledge on a path), linted, and walked.
#include "fuzz_knowledge.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk::fuzz;
  const auto path = write_temp("tree.toml", as_text(data, size));
  load_lint_walk({path}, size ? data[size / 2] : 0u);
  return 0;
}
