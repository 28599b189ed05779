#pragma once
// View-models of cost-aware guidance in the GUI (issue 16, docs/guidance.md):
// the author tab's simulation of the three policies, and guided mode in a
// diagnosis (the best step, alternatives, the posterior over the causes).
// Plain data: numbers as the engine gives them, the panels format them.
//
// [SECTION] Author tab: simulation
// [SECTION] Diagnosis: guided mode

#include <string>
#include <vector>

namespace diagdesk::gui {

// [SECTION] Author tab: simulation -----------------------------------------------------

/// One policy's row: authored order, guided, optimum (or its bound).
struct PolicyRowVm {
  std::string key;        ///< "authored", "guided", "optimum"
  std::string name;       ///< in words ("guided", "bound (search limit reached)")
  double minutes = 0;     ///< expected minutes over the causes weighted by their priors
  double steps = 0;       ///< expected steps
  double gap = 0;         ///< (minutes - optimum) / optimum
  bool exact = true;      ///< false for the optimum when its search hit the limit: `*`
};

/// One cause's expected minutes when it is the fault.
struct CauseMinutesVm {
  std::string leaf;       ///< "" for "other"
  std::string name;
  double prior = 0;
  double authored = 0;
  double guided = 0;
};

/// One tree's simulation.
struct TreeSimulationVm {
  std::string tree;
  std::string title;
  bool has_model = false;              ///< false: uniform priors, default costs (said above the table)
  std::size_t causes = 0, tests = 0;
  std::vector<PolicyRowVm> policies;   ///< authored, guided, optimum
  std::vector<CauseMinutesVm> slowest; ///< the three slowest in the authored order, slowest first
  std::vector<CauseMinutesVm> causes_minutes;  ///< every cause, the chart's rows (slowest first)
  double saving = 0;                   ///< guided against authored
};

/// A row of the "all modelled trees" view.
struct SimulationRowVm {
  std::string tree;
  std::string title;
  double authored = 0, guided = 0, optimum = 0;
  bool exact = true;
  double gap = 0;         ///< guided to optimum
  double saving = 0;      ///< guided against authored
};

struct SimulationVm {
  std::string tree;                    ///< the tree shown (or being computed)
  bool running = false;                ///< computed off the UI thread
  float progress = -1;                 ///< the "all" run: 0..1
  bool ready = false;                  ///< `current` holds `tree`'s figures
  TreeSimulationVm current;
  bool all_requested = false;
  bool all_ready = false;
  std::vector<SimulationRowVm> all;
  double average_gap = 0, average_saving = 0;
  std::string error;
};

// [SECTION] Diagnosis: guided mode --------------------------------------------------------

/// One proposed step: a test (a node of the tree) or a repair.
struct GuideStepVm {
  std::string id;          ///< node id or repair id
  bool repair = false;
  std::string text;        ///< the step in words
  double minutes = 0;
  std::string reason;      ///< why, in the operator's language
  bool escalation = false; ///< needs N2 rights the operator lacks
  bool warn_first = false; ///< its warnings are shown before it
  bool current = false;    ///< the step the session is at
  bool takeable = false;   ///< the operator can go there (a test of the session's tree)
};

/// A cause's probability now.
struct CauseBarVm {
  std::string leaf;
  std::string name;
  double probability = 0;  ///< 0..1; the bars sum to 1
};

struct GuideVm {
  bool available = false;  ///< the tree has a model: the Guided toggle shows
  bool on = false;         ///< guided mode is on
  bool n2 = false;         ///< the operator holds N2 rights (else N2 steps are escalations)
  bool why_open = false;   ///< the "Why this step?" view is open
  bool has_model = true;
  std::vector<GuideStepVm> steps;      ///< best first: [0] the best, then 2-3 alternatives
  std::vector<CauseBarVm> posterior;   ///< most likely first
  bool settled = false;                ///< one cause left: no step needed
  std::string error;
};

}  // namespace diagdesk::gui
