#pragma once
/// The quote key of training: what the quote step of a proposal scenario is
/// marked against (engine/training_quote.hpp), built from the layers'
/// commerce/proposals.toml and catalogue for the scenario's expected conclusion,
/// priced with the service's quote totals (one rounding, docs/quotes.md).
///
///     engine::TrainingRun run(ws.knowledge(), set, scenario, mode, lang);
///     run.set_quote_key(workspace::quote_key_for(ws, scenario));   // null unless a proposal scenario
///
/// Options of the key: the proposal's lines ("repair" or "offer"); for a
/// conclusion that replaces a device (its lines are the `replace` alternative
/// of a repair proposal of the same tree, e.g. com.repair_or_replace
/// c_replace_laptop), that repair's lines first and "replace" beside them:
/// the device is past its value and the customer chooses. A repair proposal
/// with a replace alternative, reached because the repair is cheap, marks
/// replace as needless.

#include <diagdesk/engine/training_quote.hpp>
#include <diagdesk/engine/training.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <memory>
#include <string>

namespace diagdesk::workspace {

/// The key of (tree, conclusion); null when no layer has a catalogue or the
/// conclusion has no proposal. Reads the commerce files each call.
std::shared_ptr<const engine::QuoteKey> quote_key(const Workspace& ws, const std::string& tree,
                                                  const std::string& conclusion);
/// The key of the scenario's expected conclusion when its expected outcome is
/// `proposal`; null otherwise (the run's score then does not count a quote).
std::shared_ptr<const engine::QuoteKey> quote_key_for(const Workspace& ws, const engine::Scenario& scenario);

}  // namespace diagdesk::workspace
