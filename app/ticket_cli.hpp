#pragma once
// Pieces shared by the ticket command line: `diagdesk incident ...` and
// `diagdesk request ...` (cmd_ticket.cpp, cmd_ticket_view.cpp,
// cmd_ticket_diagnose.cpp). The CLI parses, calls workspace::ServiceDesk and
// prints; the rules live in the desk and the service library.

#include "cli.hpp"

#include <diagdesk/workspace/service_desk.hpp>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace diagdesk::cli::ticket {

/// The workspace and the desk opened on it, for one run. Not movable: the
/// desk keeps a reference to the workspace.
struct Desk {
  std::optional<workspace::Workspace> ws;
  std::unique_ptr<workspace::ServiceDesk> desk;
  engine::Lang lang = engine::Lang::en;
  Desk() = default;
  Desk(const Desk&) = delete;
  Desk& operator=(const Desk&) = delete;
  workspace::ServiceDesk* operator->() { return desk.get(); }
};

/// Opens the workspace and the ticket database, and applies DIAGDESK_NOW
/// (Unix seconds, or local "YYYY-MM-DDTHH:MM[:SS]") to the desk's clock.
/// Returns exit_ok, or prints one line and returns the exit code (2 for a
/// malformed DIAGDESK_NOW, desk_exit() for a bad database).
int open_desk(const Globals& g, Desk& out);

/// Prints the desk's message on one line and returns its exit code: 2 for
/// the user's input (not_found, bad_value, bad_move, stale), 1 for the store
/// (corrupt, locked, read_only, full, too_new, io). `subject` (the ticket
/// number, maybe followed by what was refused) starts the line, once.
int desk_fail(const workspace::DeskError& e, const std::string& subject = "");

/// exit_ok for a well-formed number (INC-YYYY-NNNNNN, DEM-YYYY-NNNNNN), else
/// one line naming the bad value and exit_usage.
int check_number(const std::string& number, engine::Lang lang);

/// Who makes a change: `given` (--operator), else $DIAGDESK_OPERATOR, else
/// $USER, else "operator".
std::string actor_name(const std::string& given);

/// "incident" or "request": the command that handles a ticket's type.
std::string command_name(service::TicketType type);
/// `text` quoted for a POSIX shell when it needs it (for the next command printed).
std::string shell_quote(const std::string& text);
/// The string `key` in `lang` with {1}, {2}... replaced by `args`.
std::string say(const std::string& key, engine::Lang lang, const std::vector<std::string>& args = {});

// [Rendering] Times are shown in the calendar's local time.
/// The ticket as JSON (fields, facts, SLA, and the history when `history`).
nlohmann::json ticket_json(const workspace::TicketView& v, const workspace::ServiceDesk& desk, bool history = true);
/// The priority and the matrix cell it comes from, in words.
std::string priority_why(const service::Ticket& t, const workspace::ServiceDesk& desk, engine::Lang lang);
/// One line: the SLA of a ticket in words (due times, late, at risk, paused, met).
std::string sla_text(const service::SlaState& sla, const service::Calendar& cal, engine::Lang lang);
/// `show`: fields, SLA, timeline, attached sessions.
void print_ticket(std::ostream& out, const workspace::TicketView& v, const workspace::ServiceDesk& desk, engine::Lang lang);
/// `list`: one line per ticket.
void print_table(std::ostream& out, const std::vector<workspace::TicketView>& rows, const workspace::ServiceDesk& desk,
                 engine::Lang lang);
/// "Under warranty until 2027-03-31: hardware return rather than repair"
/// (31/03/2027 in French), for a ticket whose asset is under warranty (cmd_asset.cpp).
std::string warranty_text(const service::Date& end, engine::Lang lang);
/// One line after a change: "INC-2026-000001: <what>" then status, operator and level.
void print_changed(std::ostream& out, const workspace::TicketView& v, const std::string& what, engine::Lang lang);

// [Diagnosis] cmd_ticket_diagnose.cpp
/// What `diagnose` was given.
struct DiagnoseArgs {
  std::string number;
  std::string tree;
  std::string symptom;
  std::vector<std::string> facts;
  std::string answers;
  bool has_answers = false;
  std::string actor;
};
/// Runs the diagnosis attached to the ticket (scripted with answers or
/// --json, else interactive), attaches the session, even stopped midway,
/// and prints the proposal and the next command.
int run_diagnose(const Globals& g, const DiagnoseArgs& a);

}  // namespace diagdesk::cli::ticket
