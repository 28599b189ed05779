// `diagdesk quote`: placeholder registered in main.cpp until the command lands.
#include "cli.hpp"

namespace diagdesk::cli {

Runner add_quote(CLI::App& app, Globals& g) {
  (void)g;
  app.add_subcommand("quote", "Quotes (devis) and the price catalogue (not built yet)")->group("");
  return [] { return fail("'quote' is not built yet"); };
}

}  // namespace diagdesk::cli
