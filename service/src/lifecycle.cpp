// The moves of a ticket's life. Each checks first, then changes the ticket
// and appends events, so a refused move leaves everything as it was.
#include <diagdesk/service/lifecycle.hpp>

#include <algorithm>

namespace diagdesk::service {

namespace {

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

void push(Ticket& t, Edit& e, EventKind kind, std::string field, std::string old_value, std::string new_value,
          std::string note = {}) {
  Event ev;
  ev.ticket_id = t.id;
  ev.at = e.at;
  ev.actor = e.actor;
  ev.kind = kind;
  ev.field = std::move(field);
  ev.old_value = std::move(old_value);
  ev.new_value = std::move(new_value);
  ev.note = std::move(note);
  e.events.push_back(std::move(ev));
  t.updated_at = e.at;
}

void move_to(Ticket& t, Edit& e, Status to, std::string note = {}) {
  push(t, e, EventKind::status, "status", std::string(name(t.status)), std::string(name(to)), std::move(note));
  t.status = to;
}

/// Why the priority is what it is, for the history.
std::string priority_reason(const Ticket& t, const PriorityMatrix& m) {
  return "impact " + std::string(name(t.impact)) + " x urgency " + std::string(name(t.urgency)) + " = " +
         priority_name(t.priority) + " (" + m.source(t.impact, t.urgency) + ")";
}

/// Recomputes the priority after an impact or urgency change.
void recompute_priority(Ticket& t, Edit& e, const PriorityMatrix& m, const std::string& why) {
  const int before = t.priority;
  t.priority = m.priority(t.impact, t.urgency);
  if (t.priority != before) {
    push(t, e, EventKind::priority, "priority", priority_name(before), priority_name(t.priority),
         why + ": " + priority_reason(t, m));
  }
}

}  // namespace

std::string_view name(CreateError e) {
  switch (e) {
    case CreateError::none: return "none";
    case CreateError::empty_title: return "empty_title";
    case CreateError::empty_caller: return "empty_caller";
  }
  return "?";
}
std::string_view name(UpdateError e) {
  switch (e) {
    case UpdateError::none: return "none";
    case UpdateError::closed: return "closed";
    case UpdateError::unknown_field: return "unknown_field";
    case UpdateError::bad_value: return "bad_value";
    case UpdateError::empty_value: return "empty_value";
    case UpdateError::unchanged: return "unchanged";
  }
  return "?";
}
std::string_view name(AssignError e) {
  switch (e) {
    case AssignError::none: return "none";
    case AssignError::closed: return "closed";
    case AssignError::resolved: return "resolved";
    case AssignError::no_operator: return "no_operator";
  }
  return "?";
}
std::string_view name(StatusError e) {
  switch (e) {
    case StatusError::none: return "none";
    case StatusError::closed: return "closed";
    case StatusError::resolved: return "resolved";
    case StatusError::not_assigned: return "not_assigned";
    case StatusError::same_status: return "same_status";
    case StatusError::not_allowed: return "not_allowed";
    case StatusError::missing_reason: return "missing_reason";
  }
  return "?";
}
std::string_view name(EscalateError e) {
  switch (e) {
    case EscalateError::none: return "none";
    case EscalateError::closed: return "closed";
    case EscalateError::resolved: return "resolved";
    case EscalateError::level_not_higher: return "level_not_higher";
    case EscalateError::missing_reason: return "missing_reason";
  }
  return "?";
}
std::string_view name(ResolveError e) {
  switch (e) {
    case ResolveError::none: return "none";
    case ResolveError::closed: return "closed";
    case ResolveError::already_resolved: return "already_resolved";
    case ResolveError::missing_solution: return "missing_solution";
  }
  return "?";
}
std::string_view name(CloseError e) {
  switch (e) {
    case CloseError::none: return "none";
    case CloseError::already_closed: return "already_closed";
    case CloseError::never_resolved: return "never_resolved";
  }
  return "?";
}
std::string_view name(ReopenError e) {
  switch (e) {
    case ReopenError::none: return "none";
    case ReopenError::closed: return "closed";
    case ReopenError::not_resolved: return "not_resolved";
    case ReopenError::missing_reason: return "missing_reason";
  }
  return "?";
}
std::string_view name(NoteError e) {
  switch (e) {
    case NoteError::none: return "none";
    case NoteError::empty_note: return "empty_note";
    case NoteError::not_a_follow_up: return "not_a_follow_up";
  }
  return "?";
}

CreateError open_ticket(Ticket& t, Edit& e, const PriorityMatrix& matrix) {
  if (blank(t.title)) return CreateError::empty_title;
  if (blank(t.caller_name)) return CreateError::empty_caller;
  t.status = Status::new_;
  t.priority = matrix.priority(t.impact, t.urgency);
  t.created_at = e.at;
  t.taken_at.reset();
  t.resolved_at.reset();
  t.closed_at.reset();
  push(t, e, EventKind::created, "", "", std::string(name(t.type)), t.title);
  push(t, e, EventKind::priority, "priority", "", priority_name(t.priority), priority_reason(t, matrix));
  return CreateError::none;
}

const std::vector<std::string>& editable_fields() {
  static const std::vector<std::string> fields = {"title", "description", "caller", "phone", "email",
                                                  "site",  "category",    "asset",  "impact", "urgency"};
  return fields;
}

UpdateError set_field(Ticket& t, Edit& e, std::string_view field, const std::string& value, const PriorityMatrix& m) {
  if (t.status == Status::closed) return UpdateError::closed;
  if (field == "impact" || field == "urgency") {
    const auto grade = parse_grade(value);
    if (!grade) return UpdateError::bad_value;
    Grade& slot = field == "impact" ? t.impact : t.urgency;
    if (slot == *grade) return UpdateError::unchanged;
    const std::string before(name(slot));
    slot = *grade;
    push(t, e, EventKind::field, std::string(field), before, value);
    recompute_priority(t, e, m, std::string(field) + " " + before + " -> " + value);
    return UpdateError::none;
  }
  std::string* slot = nullptr;
  if (field == "title") slot = &t.title;
  else if (field == "description") slot = &t.description;
  else if (field == "caller") slot = &t.caller_name;
  else if (field == "phone") slot = &t.caller_phone;
  else if (field == "email") slot = &t.caller_email;
  else if (field == "site") slot = &t.caller_site;
  else if (field == "category") slot = &t.category;
  else if (field == "asset") slot = &t.asset_tag;
  if (!slot) return UpdateError::unknown_field;
  if ((field == "title" || field == "caller") && blank(value)) return UpdateError::empty_value;
  if (field == "email" && !value.empty() && value.find('@') == std::string::npos) return UpdateError::bad_value;
  if (*slot == value) return UpdateError::unchanged;
  push(t, e, EventKind::field, std::string(field), *slot, value);
  *slot = value;
  return UpdateError::none;
}

AssignError assign(Ticket& t, Edit& e, const std::string& operator_name, SupportLevel level) {
  if (t.status == Status::closed) return AssignError::closed;
  if (t.status == Status::resolved) return AssignError::resolved;
  if (blank(operator_name)) return AssignError::no_operator;
  const std::string before = t.operator_name + (t.operator_name.empty() ? "" : " ") + std::string(name(t.level));
  push(t, e, EventKind::assignment, "operator", before, operator_name + " " + std::string(name(level)));
  t.operator_name = operator_name;
  t.level = level;
  if (!t.taken_at) t.taken_at = e.at;
  if (t.status == Status::new_ || t.status == Status::escalated) move_to(t, e, Status::assigned);
  return AssignError::none;
}

StatusError set_status(Ticket& t, Edit& e, Status to, const std::string& note) {
  if (t.status == Status::closed) return StatusError::closed;
  if (t.status == Status::resolved) return StatusError::resolved;
  if (to == t.status) return StatusError::same_status;
  if (to == Status::in_progress) {
    if (t.operator_name.empty()) return StatusError::not_assigned;
    move_to(t, e, to, note);
    return StatusError::none;
  }
  if (to == Status::pending) {
    if (t.operator_name.empty()) return StatusError::not_assigned;
    if (t.status != Status::assigned && t.status != Status::in_progress) return StatusError::not_allowed;
    if (blank(note)) return StatusError::missing_reason;
    move_to(t, e, to, note);
    return StatusError::none;
  }
  // new, assigned, escalated, resolved and closed have their own moves.
  return StatusError::not_allowed;
}

EscalateError escalate(Ticket& t, Edit& e, SupportLevel level, const std::string& reason) {
  if (t.status == Status::closed) return EscalateError::closed;
  if (t.status == Status::resolved) return EscalateError::resolved;
  if (static_cast<int>(level) <= static_cast<int>(t.level)) return EscalateError::level_not_higher;
  if (blank(reason)) return EscalateError::missing_reason;
  push(t, e, EventKind::assignment, "level", std::string(name(t.level)), std::string(name(level)), reason);
  if (!t.operator_name.empty()) push(t, e, EventKind::assignment, "operator", t.operator_name, "", reason);
  t.level = level;
  t.operator_name.clear();
  move_to(t, e, Status::escalated, reason);
  return EscalateError::none;
}

ResolveError resolve(Ticket& t, Edit& e, const std::string& solution) {
  if (t.status == Status::closed) return ResolveError::closed;
  if (t.status == Status::resolved) return ResolveError::already_resolved;
  if (blank(solution)) return ResolveError::missing_solution;
  if (t.operator_name.empty()) {
    // First-call resolution: whoever resolves took charge.
    push(t, e, EventKind::assignment, "operator", "", e.actor + " " + std::string(name(t.level)));
    t.operator_name = e.actor;
  }
  if (!t.taken_at) t.taken_at = e.at;
  push(t, e, EventKind::field, "solution", t.solution, solution);
  t.solution = solution;
  t.resolved_at = e.at;
  move_to(t, e, Status::resolved);
  return ResolveError::none;
}

CloseError close(Ticket& t, Edit& e, const std::string& note) {
  if (t.status == Status::closed) return CloseError::already_closed;
  if (t.status != Status::resolved) return CloseError::never_resolved;
  t.closed_at = e.at;
  move_to(t, e, Status::closed, note);
  return CloseError::none;
}

ReopenError reopen(Ticket& t, Edit& e, const std::string& reason) {
  if (t.status == Status::closed) return ReopenError::closed;
  if (t.status != Status::resolved) return ReopenError::not_resolved;
  if (blank(reason)) return ReopenError::missing_reason;
  t.resolved_at.reset();
  move_to(t, e, t.operator_name.empty() ? Status::new_ : Status::in_progress, reason);
  return ReopenError::none;
}

NoteError add_follow_up(Ticket& t, Edit& e, EventKind kind, const std::string& text) {
  if (kind != EventKind::note && kind != EventKind::call && kind != EventKind::email) return NoteError::not_a_follow_up;
  if (blank(text)) return NoteError::empty_note;
  push(t, e, kind, "", "", "", text);
  return NoteError::none;
}

NoteError attach_session(Ticket& t, Edit& e, const std::string& session) {
  if (blank(session)) return NoteError::empty_note;
  push(t, e, EventKind::session, "sessions", "", session);
  t.sessions.push_back(session);
  return NoteError::none;
}

}  // namespace diagdesk::service
