#pragma once
/// The moves of a ticket's life, each a function over a Ticket value that
/// appends what it changed to an Edit (the history events to save with it).
///
///     new -> assigned -> in_progress <-> pending -> resolved -> closed
///     escalated (to N2/N3, from any open status), reopened (resolved -> in_progress)
///
/// Rules of the group: every move either succeeds, changing the ticket and
/// appending events, or returns its error enum and leaves both untouched.
/// Closed is final. Nothing here reads a clock: `Edit::at` is the time.
///
///     Edit e{"marie", now};
///     if (auto err = resolve(t, e, "Replaced the cable"); err != ResolveError::none) ...
///     store.update(t, e.events);

#include <diagdesk/service/priority.hpp>
#include <diagdesk/service/ticket.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::service {

/// Who changes the ticket, when, and the events the moves appended.
struct Edit {
  std::string actor;
  Time at = 0;
  std::vector<Event> events;
};

enum class CreateError { none, empty_title, empty_caller };
enum class UpdateError { none, closed, unknown_field, bad_value, empty_value, unchanged };
enum class AssignError { none, closed, resolved, no_operator };
enum class StatusError { none, closed, resolved, not_assigned, same_status, not_allowed, missing_reason };
enum class EscalateError { none, closed, resolved, level_not_higher, missing_reason };
enum class ResolveError { none, closed, already_resolved, missing_solution };
enum class CloseError { none, already_closed, never_resolved };
enum class ReopenError { none, closed, not_resolved, missing_reason };
enum class NoteError { none, empty_note, not_a_follow_up };

/// Stable names of the errors ("missing_solution"...), for messages and JSON.
std::string_view name(CreateError e);
std::string_view name(UpdateError e);
std::string_view name(AssignError e);
std::string_view name(StatusError e);
std::string_view name(EscalateError e);
std::string_view name(ResolveError e);
std::string_view name(CloseError e);
std::string_view name(ReopenError e);
std::string_view name(NoteError e);

/// Opens a new ticket: status new, priority from the matrix, created and
/// updated at `e.at`; appends a `created` event and a `priority` event
/// saying which cell gave the priority. Needs a title and a caller name.
CreateError open_ticket(Ticket& t, Edit& e, const PriorityMatrix& matrix);

/// The fields `update` can change: title, description, caller, phone,
/// email, site, category, asset, impact, urgency.
const std::vector<std::string>& editable_fields();
/// Changes one field. Impact and urgency take low|medium|high and recompute
/// the priority, with a `priority` event whose note says why.
UpdateError set_field(Ticket& t, Edit& e, std::string_view field, const std::string& value,
                      const PriorityMatrix& matrix);

/// Assigns an operator (and a level): new/escalated -> assigned; an
/// in-progress or pending ticket keeps its status (reassignment).
AssignError assign(Ticket& t, Edit& e, const std::string& operator_name, SupportLevel level);
/// Moves to in_progress (from assigned, pending or escalated with an
/// operator) or pending (from assigned or in_progress, with a reason).
StatusError set_status(Ticket& t, Edit& e, Status to, const std::string& note);
/// Escalates to a higher level with a reason: status escalated, operator
/// cleared (the level's queue takes it).
EscalateError escalate(Ticket& t, Edit& e, SupportLevel level, const std::string& reason);
/// Resolves with a solution text (needed). From any open status; an
/// unassigned ticket is resolved by `e.actor` (first-call resolution).
ResolveError resolve(Ticket& t, Edit& e, const std::string& solution);
/// Closes a resolved ticket (never one that was not resolved).
CloseError close(Ticket& t, Edit& e, const std::string& note);
/// Reopens a resolved ticket with a reason: back to in_progress (or assigned
/// to nobody: new). A closed ticket cannot be reopened: open a new one.
ReopenError reopen(Ticket& t, Edit& e, const std::string& reason);
/// Adds a follow-up (kind note, call or email). Allowed in every status,
/// closed included: it changes nothing but the history.
NoteError add_follow_up(Ticket& t, Edit& e, EventKind kind, const std::string& text);
/// Attaches a diagnosis session (its id or file path).
NoteError attach_session(Ticket& t, Edit& e, const std::string& session);

}  // namespace diagdesk::service
