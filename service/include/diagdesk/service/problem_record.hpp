#pragma once
/// Problem management (ITIL): a problem record groups incidents with the
/// same cause and carries what was learnt about it (root cause, workaround,
/// permanent solution, error codes). Plain values: no storage, no clock.
/// (service::Problem, in problem.hpp, is something else: a data-file finding.)
///
///     open -> known_error -> resolved -> closed      (open -> resolved too; resolved -> open reopens)
///
/// Rules of the group: every change either succeeds, changing the record and
/// appending its events, or returns its error enum and leaves both as they
/// were. A closed problem is final. Moving to known_error needs a root cause
/// and a workaround; to resolved, a permanent solution.
///
///     ProblemRecord p;
///     p.title = "Printers drop off the network after the firmware 4.2 update";
///     std::vector<ProblemEvent> ev;
///     set_problem_field(p, "root_cause", "DHCP lease renewal bug in 4.2", "marie", now, ev);

#include <diagdesk/service/ticket.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::service {

/// Where a problem is in its life.
enum class ProblemStatus { open, known_error, resolved, closed };

/// One problem. `id`, `number` and `version` are given by the store.
struct ProblemRecord {
  std::int64_t id = 0;
  std::string number;        ///< PRB-2026-000001 (sequential per year)
  std::string title;
  std::string description;
  ProblemStatus status = ProblemStatus::open;
  std::string root_cause;
  std::string workaround;
  std::string solution;      ///< the permanent solution
  std::vector<std::string> error_codes;
  std::string tree;          ///< the tree its incidents end in (optional)
  std::string conclusion;    ///< the conclusion node of `tree` (optional)
  std::string asset_model;   ///< the asset model concerned (optional)
  std::string owner;         ///< who drives it
  Time created_at = 0;
  Time updated_at = 0;
  std::int64_t version = 0;  ///< 0 until created, then 1, 2...
};

/// What a problem event records.
enum class ProblemEventKind {
  created,  ///< the problem was opened
  field,    ///< a field changed (field, old -> new)
  status,   ///< the status changed (old -> new)
  link,     ///< an incident was linked (new_value: its number)
  unlink,   ///< an incident was unlinked (old_value: its number)
  article,  ///< a knowledge-base article was drafted from it (new_value: the article id)
  note      ///< a remark
};

/// One entry of a problem's history, same shape as a ticket event. Append-only.
struct ProblemEvent {
  std::int64_t id = 0;
  std::int64_t problem_id = 0;
  Time at = 0;
  std::string actor;
  ProblemEventKind kind = ProblemEventKind::note;
  std::string field;
  std::string old_value;
  std::string new_value;
  std::string note;
};

/// Why a change is refused.
enum class ProblemError {
  none,
  empty_title,       ///< a problem needs a title
  closed,            ///< a closed problem is final
  unknown_field,     ///< not one of problem_fields()
  unchanged,         ///< the value is already that
  same_status,       ///< already in that status
  not_allowed,       ///< not a move of the problem's life (closed only from resolved...)
  needs_root_cause,  ///< known_error needs a root cause
  needs_workaround,  ///< known_error needs a workaround
  needs_solution,    ///< resolved needs a permanent solution
  conclusion_without_tree  ///< a conclusion belongs to a tree: set the tree first
};

// [Names] Stable ids for the database, the CLI and JSON; parsing returns nullopt for an unknown name.
std::string_view name(ProblemStatus s);       ///< open, known_error, resolved, closed
std::string_view name(ProblemEventKind k);    ///< created, field, status, link, unlink, article, note
std::string_view name(ProblemError e);        ///< none, empty_title, closed, ...
std::optional<ProblemStatus> parse_problem_status(std::string_view s);
std::optional<ProblemEventKind> parse_problem_event_kind(std::string_view s);

/// The number prefix of problems, "PRB".
inline constexpr std::string_view problem_prefix = "PRB";
/// "PRB-2026-000001" from its parts.
std::string format_problem_number(int year, std::int64_t sequence);
/// True for a well-formed problem number (PRB-YYYY-NNNNNN).
bool valid_problem_number(std::string_view number);

/// The fields set_problem_field changes: title, description, root_cause,
/// workaround, solution, error_codes (comma-separated), tree, conclusion,
/// asset_model, owner.
const std::vector<std::string>& problem_fields();
/// A field's value as text (error codes joined with ", "); "" for an unknown field.
std::string problem_field_text(const ProblemRecord& p, std::string_view field);

/// Opens a new problem: status open, created and updated at `at`, a
/// `created` event. Needs a title.
ProblemError open_problem(ProblemRecord& p, const std::string& actor, Time at, std::vector<ProblemEvent>& events);
/// Changes one field (trimmed), with a `field` event.
ProblemError set_problem_field(ProblemRecord& p, std::string_view field, const std::string& value,
                               const std::string& actor, Time at, std::vector<ProblemEvent>& events);
/// Moves to `to` with a `status` event (note: why). See the rules above.
ProblemError move_problem(ProblemRecord& p, ProblemStatus to, const std::string& actor, Time at,
                          const std::string& note, std::vector<ProblemEvent>& events);

/// The field of a ticket's history that records its problem: a ticket event
/// of kind `field` with this field, old -> new problem number ("" when none).
inline constexpr std::string_view ticket_problem_field = "problem";

/// The problem a ticket is linked to now, read from its history (the new
/// value of its last `problem` event); "" when none or unlinked since.
std::string ticket_problem(const std::vector<Event>& history);

/// The error codes as the stores keep them: one per line.
std::string error_codes_column(const std::vector<std::string>& codes);
/// The stored column back to codes (empty lines skipped).
std::vector<std::string> error_codes_from_column(const std::string& text);

}  // namespace diagdesk::service
