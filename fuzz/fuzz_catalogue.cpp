// Fuzz target: the price catalogue and the proposals (commerce/catalogue.toml
// and commerce/proposals.toml of a layer), loaded by service::load_catalogue
// and load_proposals as `diagdesk quote` and `diagdesk lint` load them, the
// proposals' refs checked against the catalogue, prices shown in both
// languages, present values computed and the picker's search run.
#include "fuzz_common.hpp"

#include <diagdesk/service/catalogue.hpp>
#include <diagdesk/service/problem.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk;
  const auto path = fuzz::write_temp("catalogue.toml", fuzz::as_text(data, size));
  std::vector<service::Problem> problems;
  const service::Catalogue c = service::load_catalogue({path}, problems);
  const std::vector<service::Proposal> proposals = service::load_proposals({path}, problems);
  for (const auto& p : service::check_proposal_refs(proposals, c)) problems.push_back(p);
  for (const auto& p : problems) (void)service::format(p);
  std::size_t searched = 0;
  for (const auto& item : c.items) {
    (void)service::format_money(item.price, "fr", c.currency);
    (void)service::format_money(item.price, "en", c.currency);
    (void)service::format_percent(item.vat, "fr");
    // A few searches, as an operator types: one per item would make the target quadratic.
    if (!item.label.fr.empty() && searched++ < 3) (void)c.search(item.label.fr);
  }
  for (const auto& v : c.device_values) (void)service::present_value(v, 18000, 20500);
  for (const auto& p : proposals) {
    for (const auto& l : p.lines) (void)service::format_quantity(l.quantity, true);
    (void)service::find_proposal(proposals, p.tree, p.conclusion);
  }
  return 0;
}
