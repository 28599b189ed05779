#pragma once
/// The service centre's model: tickets (incidents and service requests) and
/// their append-only history. Plain values: no storage, no clock, no I/O.
///
///     diagdesk::service::Ticket t;
///     t.type = TicketType::incident;
///     t.title = "Printer offline";
///     t.impact = Level3::medium; t.urgency = Level3::high;

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::service {

/// A point in time: Unix seconds, UTC. Shown in the calendar's local time.
using Time = std::int64_t;

/// Incident (something broke) or service request (something is asked for).
enum class TicketType { incident, request };
/// Where a ticket is in its life (see docs/service.md for the allowed moves).
enum class Status { new_, assigned, in_progress, pending, escalated, resolved, closed };
/// Impact and urgency: three grades, as in ITIL's 3x3 matrix.
enum class Grade { low, medium, high };
/// Support level: N1 (service desk), N2 (specialists), N3 (experts, vendors).
enum class SupportLevel { n1 = 1, n2 = 2, n3 = 3 };

/// A support ticket. `id` and `number` are given by the store on creation;
/// `version` grows by one at every saved change (optimistic concurrency).
struct Ticket {
  std::int64_t id = 0;          ///< store key, 0 until created
  std::string number;           ///< readable: INC-2026-000123, DEM-2026-000001
  TicketType type = TicketType::incident;
  std::string title;
  std::string description;
  std::string caller_name;
  std::string caller_phone;
  std::string caller_email;
  std::string caller_site;
  std::string category;         ///< a tree domain: network, hardware, os...
  Grade impact = Grade::medium;
  Grade urgency = Grade::medium;
  int priority = 3;             ///< 1..5 (P1 highest), computed from the matrix
  Status status = Status::new_;
  std::string operator_name;    ///< assigned operator, empty when none
  SupportLevel level = SupportLevel::n1;
  std::string asset_tag;        ///< free text until the asset inventory exists
  Time created_at = 0;
  Time updated_at = 0;
  std::optional<Time> taken_at;     ///< first time someone took charge (SLA)
  std::optional<Time> resolved_at;  ///< last resolution (cleared by reopen)
  std::optional<Time> closed_at;
  std::string solution;
  std::vector<std::string> sessions;  ///< attached diagnosis sessions (ids or paths)
  std::int64_t version = 0;     ///< 0 until created, then 1, 2...
};

/// What an event records.
enum class EventKind {
  created,     ///< the ticket was opened
  field,       ///< a field changed (field, old -> new)
  status,      ///< the status changed (old -> new)
  priority,    ///< the priority was recomputed (old -> new, note says why)
  assignment,  ///< operator or level changed
  note,        ///< follow-up: a note
  call,        ///< follow-up: a phone call
  email,       ///< follow-up: an e-mail sent
  session      ///< a diagnosis session was attached
};

/// One entry of a ticket's history. Append-only: never changed once saved.
struct Event {
  std::int64_t id = 0;         ///< store key, 0 until saved
  std::int64_t ticket_id = 0;
  Time at = 0;
  std::string actor;           ///< who did it (operator name)
  EventKind kind = EventKind::note;
  std::string field;           ///< which field (for field / assignment / status)
  std::string old_value;
  std::string new_value;
  std::string note;            ///< free text: why, what was said
};

/// A ticket with its whole history (oldest first), as the figures read them
/// (stats.hpp) and as tickets are exported and imported (Store::import_tickets).
struct TicketRecord {
  Ticket ticket;
  std::vector<Event> history;
};

// [Names] Stable ids used in files, the database, the CLI and JSON. Parsing
// returns nullopt for an unknown name; names are lower case ASCII.
std::string_view name(TicketType t);
std::string_view name(Status s);
std::string_view name(Grade g);
std::string_view name(SupportLevel l);  ///< "N1", "N2", "N3"
std::string_view name(EventKind k);
std::optional<TicketType> parse_ticket_type(std::string_view s);  ///< incident | request
std::optional<Status> parse_status(std::string_view s);           ///< new, in_progress...
std::optional<Grade> parse_grade(std::string_view s);             ///< low | medium | high
std::optional<SupportLevel> parse_level(std::string_view s);      ///< 1..3 or N1..N3
std::optional<EventKind> parse_event_kind(std::string_view s);

/// "P1".."P5".
std::string priority_name(int priority);
/// The number prefix of a type: "INC" for incidents, "DEM" (demande) for requests.
std::string_view number_prefix(TicketType t);
/// "INC-2026-000123" from its parts.
std::string format_number(TicketType t, int year, std::int64_t sequence);
/// True for a well-formed number (PREFIX-YYYY-NNNNNN, known prefix).
bool valid_number(std::string_view number);

}  // namespace diagdesk::service
