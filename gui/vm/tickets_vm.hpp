#pragma once
// View-models of the Tickets tab: the queue, the new-ticket form and the
// ticket view. Plain data built by the tickets presenter
// (gui/app/tickets_presenter.hpp) from workspace::ServiceDesk; the panel
// (gui/panels/tickets_panel.cpp) draws them and returns IntentKind::ticket
// intents (a: verb, b: ticket number, n: level, fields: form values).
// Sorting and filtering the queue are done in the panel over `rows`
// (visible_rows), so they need no round trip.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace diagdesk::gui {

/// One SLA clock as the panel shows it.
struct SlaClockVm {
  std::int64_t due = 0;     ///< Unix seconds when the time runs out; 0: none (paused or met)
  bool late = false;
  bool at_risk = false;
  bool paused = false;
  bool met = false;         ///< the clock stopped for good (taken charge, resolved)
  std::string target;       ///< "4h" of business time
};

/// One line of the queue.
struct TicketRowVm {
  std::string number;          ///< INC-2026-000001
  std::string type;            ///< "incident" | "request"
  std::string title;
  std::string caller;
  std::string category_label;
  int priority = 3;            ///< 1..5
  std::string status;          ///< stable id: new, in_progress...
  std::string status_label;
  std::string operator_name;
  std::string level;           ///< "N1"
  std::int64_t due = 0;        ///< the nearest running SLA due time (0: none)
  bool late = false;
  bool at_risk = false;
  std::int64_t created_at = 0;
};

/// One history event, in words.
struct TicketEventVm {
  std::string when;    ///< "2026-12-06 15:42"
  std::string actor;
  std::string kind;    ///< service::EventKind name
  std::string text;    ///< what changed, in the session language
};

/// A diagnosis stored with the ticket.
struct TicketSessionVm {
  std::string tree_title;
  std::string state;   ///< "concluded: ..." / "3 answers" / why it no longer replays
};

/// The ticket opened in the ticket view.
struct TicketDetailVm {
  bool open = false;
  std::string number;
  std::string type;                  ///< "incident" | "request"
  std::string title;
  std::string description;
  std::string caller_name, caller_phone, caller_email, caller_site;
  std::string category;              ///< domain id
  std::string category_label;
  std::string impact, urgency;       ///< "low" | "medium" | "high"
  int priority = 3;
  std::string status;                ///< stable id
  std::string status_label;
  std::string operator_name;
  std::string level;                 ///< "N1"
  std::string asset_tag;
  std::string created, updated, resolved, closed;  ///< times in words ("" none)
  std::string solution;
  SlaClockVm take_charge;
  SlaClockVm resolve;
  std::vector<TicketEventVm> events;       ///< oldest first
  std::vector<TicketSessionVm> sessions;
  std::vector<std::pair<std::string, std::string>> trees;  ///< tree id, title: the ticket's domain first
  std::string suggested_tree;        ///< picked from the title and description
  bool diagnosis_running = false;    ///< a diagnosis of this ticket is open in the Diagnosis tab
  bool closed_final = false;         ///< closed: no action but none
  bool resolved_now = false;         ///< resolved: close or reopen
  std::int64_t version = 0;
};

/// What a concluded diagnosis proposes: fills the Resolve or Escalate form
/// once per `serial`.
struct TicketProposalVm {
  std::uint64_t serial = 0;   ///< bumped with each new proposal
  std::string number;         ///< the ticket it is for
  std::string solution;       ///< resolved: for the Resolve form
  std::string reason;         ///< escalates: for the Escalate form
  int level = 2;
};

/// The whole Tickets tab.
struct TicketsVm {
  bool opened = false;          ///< the desk is open
  std::string error;            ///< why the desk could not open (bad database), shown in the tab
  std::string database;         ///< its path
  std::int64_t now = 0;         ///< Unix seconds of the rebuild: countdowns are due - now
  int matrix[3][3] = {{5, 4, 3}, {4, 3, 2}, {3, 2, 1}};  ///< [impact][urgency] -> priority (low, medium, high)
  std::vector<std::string> domains;   ///< category choices: "" (none, the default) then the trees' domain ids
  std::vector<std::string> operators; ///< operator filter choices (from the queue)
  std::string operator_name;          ///< the operator using the GUI (settings)
  std::vector<TicketRowVm> rows;
  TicketDetailVm detail;
  TicketProposalVm proposal;
  std::uint64_t created_serial = 0;   ///< bumped after each creation: the form clears
  std::uint64_t saved_serial = 0;     ///< bumped after each change the desk saved: the action form closes
  std::string message;                ///< last refusal or result, shown above the actions
  bool message_error = false;
  std::string pdf_default;            ///< suggested path for the report PDF
  std::string pdf_written;            ///< path of the last report written
};

}  // namespace diagdesk::gui
