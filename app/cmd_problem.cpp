// `diagdesk problem`: placeholder registered in main.cpp until the command lands.
#include "cli.hpp"

namespace diagdesk::cli {

Runner add_problem(CLI::App& app, Globals& g) {
  (void)g;
  app.add_subcommand("problem", "Problems and known errors (not built yet)")->group("");
  return [] { return fail("'problem' is not built yet"); };
}

}  // namespace diagdesk::cli
