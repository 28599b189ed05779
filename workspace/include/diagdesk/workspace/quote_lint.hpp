#pragma once
/// `diagdesk lint` on the commerce files (<layer>/commerce/catalogue.toml and
/// proposals.toml): their problems with file:line:column (code commerce.file),
/// proposals naming an unknown catalogue ref (commerce.unknown_ref), an unknown
/// tree (commerce.unknown_tree) or a node that is not a conclusion
/// (commerce.unknown_conclusion), and, as warnings, conclusions of trees of
/// domain `commercial` without a proposal (commerce.no_proposal).
#include <diagdesk/workspace/workspace.hpp>

#include <vector>

namespace diagdesk::workspace {

std::vector<engine::Diagnostic> lint_commerce(const Workspace& ws, const engine::Knowledge& knowledge);

}  // namespace diagdesk::workspace
