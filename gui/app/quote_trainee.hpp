#pragma once
// Trainee mode, the quote step of proposal scenarios: the view-model of the
// live quote (options, lines, totals, catalogue search) and of its debrief,
// from the run and its quote key (engine/training_quote.hpp). Used by
// trainee_presenter.cpp; money in the service's format.

#include "vm/trainee_vm.hpp"

#include <diagdesk/engine/training_run.hpp>

#include <string>

namespace diagdesk::gui {

/// Fills vm.quote_* of a play: set when the run is a diagnosed proposal scenario with a key.
void build_trainee_quote(const engine::TrainingRun& run, const std::string& search, TraineeScreenVm& vm, engine::Lang lang);
/// Fills vm.quote_debrief and adds the quote's score line (when the quote is scored).
void build_trainee_quote_debrief(const engine::TrainingRun& run, const engine::Score& s, TraineeScreenVm& vm,
                                 engine::Lang lang);

}  // namespace diagdesk::gui
