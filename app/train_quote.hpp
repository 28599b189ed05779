#pragma once
// diagdesk train, the quote step of proposal scenarios (engine/training_quote.hpp):
// the catalogue search and the lines so far with live totals in the
// interactive play, the quote in the debrief (line by line, with totals)
// and in JSON. Implemented in cmd_quote_train.cpp; used by cmd_train.cpp.

#include "cli.hpp"

#include <diagdesk/engine/training_run.hpp>

#include <ostream>
#include <string>

namespace diagdesk::cli::train_quote {

/// The run is a proposal scenario with a key, and diagnosed: quote tokens are accepted.
bool active(const engine::TrainingRun& run);
/// How the quote step works, printed once the proposal is reached.
void print_intro(std::ostream& out, const engine::TrainingRun& run, engine::Lang lang);
/// The trainee's lines per option with live totals.
void print_lines(std::ostream& out, const engine::TrainingRun& run, engine::Lang lang);
/// Interactive commands of the quote step that are not actions: "search WORDS"
/// (or "chercher"), "lines" (or "lignes"). True when `line` was one of them.
bool command(std::ostream& out, const engine::TrainingRun& run, const std::string& line, engine::Lang lang);
/// The score lines of the quote part (after the other parts), when scored.
void print_points(std::ostream& out, const engine::Score& s, engine::Lang lang);
/// The trainee's quote beside the expected one, line by line, with totals.
void print_debrief(std::ostream& out, const engine::TrainingRun& run, const engine::Score& s, engine::Lang lang);
/// score.quote in JSON (null when not scored).
nlohmann::json score_json(const engine::Score& s);

}  // namespace diagdesk::cli::train_quote
