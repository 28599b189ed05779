#pragma once
// Trainee mode, the quote step of proposal scenarios (panels/quote_trainee.cpp):
// the catalogue search, quantity, discount, the option, the lines with their
// live totals; and the quote line by line in the debrief. Drawn by
// trainee_panel.cpp; every change is an IntentKind::trainee intent ("act"
// with the quote tokens of engine/training_run.hpp, "quote_search").

#include "panels/panels.hpp"
#include "vm/trainee_vm.hpp"

#include <array>

namespace diagdesk::gui {

/// What the quote step's fields hold between frames.
struct TraineeQuoteUi {
  std::array<char, 128> search{};
  std::array<char, 16> quantity{'1'};
  std::array<char, 16> discount{};
};

Intent draw_trainee_quote(const TraineeScreenVm& s, const Labels& l, TraineeQuoteUi& ui);
void draw_trainee_quote_debrief(const TraineeScreenVm& s, const Labels& l);

}  // namespace diagdesk::gui
