#pragma once
// The Dashboard tab's view-model: the supervisor's figures (service/stats.hpp)
// as texts and bar values, built by app/dashboard_build.cpp, drawn by
// panels/dashboard_panel.cpp. Plain values: no service, no ImGui.

#include <string>
#include <vector>

namespace diagdesk::gui {

/// One bar of a chart: its label under or beside it, its length, the value in words.
struct DashboardBar {
  std::string label;
  double value = 0;
  std::string text;
  bool alert = false;  ///< drawn in the late colour (late tickets, P1)
};

/// A bar chart: horizontal bars, or vertical ones (the days).
struct DashboardChart {
  std::string id;     ///< stable: open_priority, open_status, per_day, take_charge, resolve, rates
  std::string title;
  bool vertical = false;
  std::vector<DashboardBar> bars;
  double max = 0;     ///< the value of a full-length bar (at least 1)
};

/// One tree's line of the table.
struct DashboardTreeVm {
  std::string tree;
  std::string summary;               ///< tickets, escalated, sessions, concluded, abandoned in words
  std::vector<std::string> details;  ///< "conclusion ...: n", "abandoned at ...: n"
};

/// The whole tab.
struct DashboardVm {
  bool available = false;              ///< the ticket database is open
  std::string error;                   ///< why it is not (shown in the tab)
  std::string title;                   ///< "Supervisor's dashboard, <now>"
  std::vector<std::string> summary;    ///< open, late, at risk, first contact, escalation
  std::vector<std::string> flagged;    ///< one line per late or at-risk ticket
  std::vector<DashboardChart> charts;
  std::vector<DashboardTreeVm> trees;
};

}  // namespace diagdesk::gui
