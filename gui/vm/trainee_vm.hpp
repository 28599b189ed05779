#pragma once
// View-model of the trainee mode: the scenario list by competency with best
// scores and progress, the simulated call (guided or free) and the debrief.
// Built by gui/app/trainee_presenter.cpp, drawn by gui/panels/trainee_panel.cpp;
// AppVm::trainee.screen points to it. Plain data, like every view-model.
//
// Trainee intents are IntentKind::trainee with `a` one of:
//   select (b: scenario id), mode (b: guided | free), start, again, list,
//   act (b: an action token of engine/training_run.hpp), filter (b: text), finish.

#include "vm/view_models.hpp"

#include <string>
#include <vector>

namespace diagdesk::gui {

struct TraineeScenarioVm {
  std::string id;
  std::string title;
  int competency = 0;
  int difficulty = 1;
  int attempts = 0;
  int best = -1;           ///< -1 when never played
  bool suggested = false;  ///< the next scenario to practise
};

struct TraineeCompetencyVm {
  int competency = 0;
  std::string name;
  int mastery = 0;  ///< percent (mean best score, unplayed counting 0)
  int played = 0;
  bool weak = false;  ///< among the weakest: practise next
  std::vector<TraineeScenarioVm> scenarios;
};

/// A question or test of the catalogue (free mode), or a conclusion.
struct TraineeCatalogueItemVm {
  std::string ref;        ///< "tree:node"
  std::string tree_title;
  std::string text;
  int cost = 0;           ///< time units (0 for conclusions)
  bool warning = false;   ///< has safety warnings
  bool done = false;      ///< already done in this play
};

/// One line of the call so far: what was done and what came back.
struct TraineeLogVm {
  std::string what;
  std::string reply;
  int cost = 0;
};

struct TraineeScoreLineVm {
  std::string label;
  int got = 0;
  int max = 0;
};

struct TraineeDebriefRowVm {
  std::string kind;  ///< same, misread, trainee_only, expert_only, tree, diagnosis
  std::string mark;  ///< "=", "!", "+", "-", ">", "*"
  std::string ref;
  std::string step;
  std::string trainee;
  std::string expert;
  std::string explanation;
};

/// Quote step (proposal scenarios): one line of an option, live or in the debrief.
struct TraineeQuoteLineVm {
  std::string ref, label;
  std::string quantity;           ///< the trainee's, "" when missing
  std::string expected_quantity;  ///< debrief: the key's, "" when not expected
  std::string discount;           ///< "10 %", "" when none
  std::string total;              ///< the line's total before tax, "" when missing or unknown
  std::string status;             ///< debrief: ok, missing, extra, unknown, quantity
  std::string verdict;            ///< debrief: the status in words
};
/// One option of the quote: live (main, replace) or compared (repair, offer, replace).
struct TraineeQuoteOptionVm {
  std::string kind;
  std::string name;
  bool offered = false, expected = false;
  std::vector<TraineeQuoteLineVm> lines;
  std::string totals;           ///< the trainee's totals in words
  std::string expected_totals;  ///< debrief: the expected quote's
};
/// A catalogue reference found by the quote step's search.
struct TraineeQuoteItemVm {
  std::string ref, label, price;
};

enum class TraineeViewVm { list, play, debrief };

struct TraineeScreenVm {
  TraineeViewVm view = TraineeViewVm::list;
  std::string trainee;                 ///< trainee name (progress)
  std::string notice;                  ///< progress file moved aside, not writable...
  // List.
  std::vector<TraineeCompetencyVm> competencies;
  std::string selected;                ///< selected scenario id
  std::string selected_title;
  std::string selected_detail;         ///< competency, difficulty, best score
  std::string mode = "guided";
  std::string next_scenario;
  // The call.
  std::string scenario;                ///< scenario id
  std::string title;
  std::vector<std::pair<std::string, std::string>> context;  ///< label, value
  std::string complaint;
  int clock = 0;                       ///< time units spent
  std::vector<TraineeLogVm> log;
  std::string error;                   ///< last refused action
  // Guided.
  bool choosing_tree = false;
  std::vector<TreeItemVm> trees;
  QuestionVm question;                 ///< drawn with the operator's question panel
  std::string reply_label;             ///< "User" / "Result"
  std::string reply;                   ///< what the simulated user or machine says
  // Free.
  std::string filter;
  std::vector<TraineeCatalogueItemVm> catalogue;
  std::vector<TraineeCatalogueItemVm> conclusions;
  bool ack_armed = false;
  // Closing (both modes).
  bool diagnosed = false;
  std::string diagnosis;               ///< the conclusion's text
  std::string diagnosis_outcome;       ///< its outcome, in words
  std::string impact, urgency, outcome;  ///< current choices ("" none)
  bool backed_up = false, verified = false, documented = false;
  std::vector<LinkVm> articles;        ///< articles the steps so far point to
  // Ticket scenarios: the ticket as it opens, its qualification (first) and how the call ends.
  bool ticket = false;
  std::vector<std::pair<std::string, std::string>> ticket_fields;  ///< label, value (title, caller, type when opened)
  std::string ticket_type;             ///< "incident" / "request" / "" none
  int ticket_priority = 0;             ///< 1..5, 0 none
  std::string disposition;             ///< "resolve" / "pending" / "n2" / "n3" / "" none
  bool qualified = true;               ///< type, impact, urgency and priority given (always true without a ticket)
  // Quote step of proposal scenarios (engine/training_quote.hpp, gui/app/quote_trainee.cpp).
  bool quote_step = false;                           ///< a proposal scenario with a key, diagnosed
  std::string quote_current = "main";                ///< where lines go: main or replace
  std::vector<TraineeQuoteOptionVm> quote_options;   ///< live: main, then replace
  std::string quote_search;                          ///< the catalogue search
  std::vector<TraineeQuoteItemVm> quote_results;     ///< its results
  std::vector<TraineeQuoteOptionVm> quote_debrief;   ///< debrief: the quote line by line
  // Debrief.
  int total = 0;
  bool recorded = false;
  std::string hidden_fault;
  std::vector<TraineeScoreLineVm> score_lines;
  std::vector<TraineeDebriefRowVm> rows;
  std::vector<std::string> method;
  std::vector<std::string> findings;
  // Efficiency against the optimum (issue 16), beside the two paths.
  std::string efficiency;                  ///< the minutes line, or why there is none
  std::vector<std::string> optimum_steps;  ///< the optimal sequence, "text (2 min)" each
  int optimum_percent = -1;                ///< -1 when the scenario's tree has no model
};

}  // namespace diagdesk::gui
