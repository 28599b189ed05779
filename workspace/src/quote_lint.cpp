// `diagdesk lint` on the commerce files: the catalogue's and the proposals'
// problems, proposals naming an unknown tree or a node that is not a
// conclusion, and conclusions of `commercial` trees without a proposal.
#include "quote_text.hpp"

#include <diagdesk/workspace/quote_lint.hpp>

#include <diagdesk/engine/knowledge.hpp>

namespace diagdesk::workspace {

namespace sv = diagdesk::service;

std::vector<engine::Diagnostic> lint_commerce(const Workspace& ws, const engine::Knowledge& knowledge) {
  std::vector<fs::path> catalogues, proposal_files;
  for (const auto& layer : ws.layers()) {
    catalogues.push_back(layer.path / "commerce" / "catalogue.toml");
    proposal_files.push_back(layer.path / "commerce" / "proposals.toml");
  }
  std::vector<sv::Problem> problems;
  const sv::Catalogue catalogue = sv::load_catalogue(catalogues, problems);
  const auto proposals = sv::load_proposals(proposal_files, problems);
  std::vector<engine::Diagnostic> out;
  auto add = [&](const sv::Problem& p, std::string code, engine::Severity sev = engine::Severity::error) {
    out.push_back({sev, std::move(code), {p.file, p.line, p.column}, p.message});
  };
  for (const auto& p : problems) add(p, "commerce.file");
  if (!catalogue.file.empty()) {
    // A layer's catalogue replaces the earlier ones whole: a proposal of an
    // earlier layer naming a ref the shop does not sell is only a warning.
    std::size_t catalogue_layer = 0;
    for (std::size_t i = 0; i < catalogues.size(); ++i)
      if (catalogues[i].string() == catalogue.file) catalogue_layer = i;
    for (const auto& p : sv::check_proposal_refs(proposals, catalogue)) {
      std::size_t layer = proposal_files.size();
      for (std::size_t i = 0; i < proposal_files.size(); ++i)
        if (proposal_files[i].string() == p.file) layer = i;
      add(p, "commerce.unknown_ref", layer < catalogue_layer ? engine::Severity::warning : engine::Severity::error);
    }
  }
  for (const auto& p : proposals) {
    const engine::Tree* tree = knowledge.find_tree(p.tree);
    if (!tree) {
      add({p.file, p.line, p.column, "proposal for an unknown tree \"" + p.tree + "\""}, "commerce.unknown_tree");
      continue;
    }
    const engine::Node* node = tree->find(p.conclusion);
    if (!node || node->kind != engine::NodeKind::conclusion)
      add({p.file, p.line, p.column, "proposal for \"" + p.conclusion + "\", not a conclusion of " + p.tree},
          "commerce.unknown_conclusion");
  }
  for (const auto& tree : knowledge.trees()) {
    if (tree.domain != "commercial") continue;
    for (const auto& node : tree.nodes) {
      if (node.kind != engine::NodeKind::conclusion || sv::find_proposal(proposals, tree.id, node.id)) continue;
      add({node.pos.file, node.pos.line, node.pos.column,
           "conclusion " + node.id + " of the pre-sales tree " + tree.id + " has no proposal in commerce/proposals.toml"},
          "commerce.no_proposal", engine::Severity::warning);
    }
  }
  return out;
}

}  // namespace diagdesk::workspace
