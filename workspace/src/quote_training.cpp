// The quote key of training (quote_training.hpp): the expected options of a
// conclusion's proposal, the catalogue's refs, the discount policy, and the
// service's quote totals as the pricing function.
#include <diagdesk/workspace/quote_training.hpp>

#include <diagdesk/service/catalogue.hpp>
#include <diagdesk/service/quote.hpp>

namespace diagdesk::workspace {

namespace sv = diagdesk::service;

namespace {

bool same_lines(const std::vector<sv::ProposalLine>& a, const std::vector<sv::ProposalLine>& b) {
  if (a.size() != b.size() || a.empty()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].ref != b[i].ref || a[i].quantity != b[i].quantity) return false;
  return true;
}

std::vector<engine::QuoteLineSpec> specs(const std::vector<sv::ProposalLine>& lines) {
  std::vector<engine::QuoteLineSpec> out;
  for (const auto& l : lines) out.push_back({l.ref, l.quantity, 0});
  return out;
}

/// The service's rounding: each line, then VAT once per rate.
engine::QuoteTotals price(const std::vector<engine::QuotePricedLine>& lines) {
  std::vector<sv::QuoteLine> q;
  engine::QuoteTotals out;
  for (const auto& l : lines) {
    sv::QuoteLine line;
    line.quantity = l.quantity;
    line.unit_price = l.unit_price;
    line.discount = l.discount;
    line.vat = l.vat;
    out.line_totals.push_back(sv::line_total(line));
    q.push_back(std::move(line));
  }
  const sv::Totals t = sv::compute_totals(q);
  out.ht = t.ht;
  out.ttc = t.ttc;
  for (const auto& v : t.vat) out.vat.push_back({v.rate, v.base, v.amount});
  return out;
}

}  // namespace

std::shared_ptr<const engine::QuoteKey> quote_key(const Workspace& ws, const std::string& tree,
                                                  const std::string& conclusion) {
  std::vector<fs::path> catalogues, proposal_files;
  for (const auto& layer : ws.layers()) {
    catalogues.push_back(layer.path / "commerce" / "catalogue.toml");
    proposal_files.push_back(layer.path / "commerce" / "proposals.toml");
  }
  std::vector<sv::Problem> problems;  // reported by `diagdesk lint`
  auto catalogue = std::make_shared<sv::Catalogue>(sv::load_catalogue(catalogues, problems));
  const auto proposals = sv::load_proposals(proposal_files, problems);
  const sv::Proposal* p = sv::find_proposal(proposals, tree, conclusion);
  if (catalogue->file.empty() || !p) return nullptr;

  auto key = std::make_shared<engine::QuoteKey>();
  key->tree = tree;
  key->conclusion = conclusion;
  // A conclusion that replaces a device: the repair it stands beside is the
  // repair proposal of the same tree whose alternative is these very lines.
  const sv::Proposal* repaired = nullptr;
  for (const auto& other : proposals) {
    if (other.tree == tree && other.kind == sv::ProposalKind::repair && &other != p && same_lines(other.replace, p->lines)) {
      repaired = &other;
    }
  }
  if (repaired) {
    key->options.push_back({"repair", specs(repaired->lines)});
    key->options.push_back({"replace", specs(p->lines)});
  } else {
    key->options.push_back({std::string(sv::name(p->kind)), specs(p->lines)});
    key->replace_needless = p->kind == sv::ProposalKind::repair && !p->replace.empty();
  }
  for (const auto& i : catalogue->items) {
    key->items.push_back({i.ref, {i.label.fr, i.label.en}, std::string(sv::name(i.unit)), i.price, i.vat});
  }
  key->max_discount = catalogue->max_discount;
  key->currency = catalogue->currency;
  key->price = price;
  key->search = [catalogue](std::string_view words) {
    std::vector<std::string> refs;
    for (const sv::CatalogueItem* i : catalogue->search(words)) refs.push_back(i->ref);
    return refs;
  };
  return key;
}

std::shared_ptr<const engine::QuoteKey> quote_key_for(const Workspace& ws, const engine::Scenario& scenario) {
  if (scenario.outcome != engine::Outcome::proposal) return nullptr;
  const auto colon = scenario.diagnosis.find(':');
  if (colon == std::string::npos) return nullptr;
  return quote_key(ws, scenario.diagnosis.substr(0, colon), scenario.diagnosis.substr(colon + 1));
}

}  // namespace diagdesk::workspace
