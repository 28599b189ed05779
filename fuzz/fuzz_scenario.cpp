// Fuzz target: a training scenario TOML file (or the training catalogue)
// loaded as `diagdesk train` and `diagdesk lint` do, against the bundled
// facts and beside the bundled training catalogue, then checked by the scenario linter against the bundled knowledge
// (which plays the scenario's expert path through the trees).
#include "fuzz_common.hpp"

#include <diagdesk/engine/training.hpp>
#include <diagdesk/engine/training_lint.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk;
  static const std::shared_ptr<const engine::Knowledge> knowledge =
      engine::load_knowledge({fuzz::data_dir()}).knowledge;
  // The bundled training catalogue (parts, backup steps), as `diagdesk train` loads it beside the scenarios.
  static const engine::ScenarioSet catalogue =
      engine::load_scenarios({fuzz::data_dir() / "scenarios" / "catalogue.toml"}, knowledge->facts());
  engine::ScenarioSet set = catalogue;
  engine::load_scenario_text(fuzz::as_text(data, size), "scenario.toml", knowledge->facts(), set);
  std::vector<engine::Diagnostic> out;
  engine::lint_scenarios(knowledge, set, out);
  for (const auto& d : out) (void)engine::format(d);
  (void)engine::trees_used_by_scenarios(knowledge, set);
  return 0;
}
