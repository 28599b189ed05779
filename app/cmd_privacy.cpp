// `diagdesk privacy`: placeholder registered in main.cpp until the command lands.
#include "cli.hpp"

namespace diagdesk::cli {

Runner add_privacy(CLI::App& app, Globals& g) {
  (void)g;
  app.add_subcommand("privacy", "Personal data: what is held about a person, and erasing it (not built yet)")->group("");
  return [] { return fail("'privacy' is not built yet"); };
}

}  // namespace diagdesk::cli
