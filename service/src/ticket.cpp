// Names of the model's enums, ticket numbers, problem formatting.
#include <diagdesk/service/problem.hpp>
#include <diagdesk/service/ticket.hpp>

#include <array>
#include <cstdio>

namespace diagdesk::service {

namespace {

template <class E, std::size_t N>
std::optional<E> find_name(std::string_view s, const std::array<std::pair<E, std::string_view>, N>& table) {
  for (const auto& [value, text] : table) {
    if (text == s) return value;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view lookup(E value, const std::array<std::pair<E, std::string_view>, N>& table) {
  for (const auto& [v, text] : table) {
    if (v == value) return text;
  }
  return "?";
}

constexpr std::array<std::pair<TicketType, std::string_view>, 2> types{{
    {TicketType::incident, "incident"}, {TicketType::request, "request"}}};
constexpr std::array<std::pair<Status, std::string_view>, 7> statuses{{
    {Status::new_, "new"}, {Status::assigned, "assigned"}, {Status::in_progress, "in_progress"},
    {Status::pending, "pending"}, {Status::escalated, "escalated"}, {Status::resolved, "resolved"},
    {Status::closed, "closed"}}};
constexpr std::array<std::pair<Grade, std::string_view>, 3> grades{{
    {Grade::low, "low"}, {Grade::medium, "medium"}, {Grade::high, "high"}}};
constexpr std::array<std::pair<SupportLevel, std::string_view>, 3> levels{{
    {SupportLevel::n1, "N1"}, {SupportLevel::n2, "N2"}, {SupportLevel::n3, "N3"}}};
constexpr std::array<std::pair<EventKind, std::string_view>, 9> kinds{{
    {EventKind::created, "created"}, {EventKind::field, "field"}, {EventKind::status, "status"},
    {EventKind::priority, "priority"}, {EventKind::assignment, "assignment"}, {EventKind::note, "note"},
    {EventKind::call, "call"}, {EventKind::email, "email"}, {EventKind::session, "session"}}};

}  // namespace

std::string_view name(TicketType t) { return lookup(t, types); }
std::string_view name(Status s) { return lookup(s, statuses); }
std::string_view name(Grade g) { return lookup(g, grades); }
std::string_view name(SupportLevel l) { return lookup(l, levels); }
std::string_view name(EventKind k) { return lookup(k, kinds); }

std::optional<TicketType> parse_ticket_type(std::string_view s) { return find_name(s, types); }
std::optional<Status> parse_status(std::string_view s) { return find_name(s, statuses); }
std::optional<Grade> parse_grade(std::string_view s) { return find_name(s, grades); }
std::optional<EventKind> parse_event_kind(std::string_view s) { return find_name(s, kinds); }
std::optional<SupportLevel> parse_level(std::string_view s) {
  if (s == "1" || s == "N1" || s == "n1") return SupportLevel::n1;
  if (s == "2" || s == "N2" || s == "n2") return SupportLevel::n2;
  if (s == "3" || s == "N3" || s == "n3") return SupportLevel::n3;
  return std::nullopt;
}

std::string priority_name(int priority) { return "P" + std::to_string(priority); }

std::string_view number_prefix(TicketType t) { return t == TicketType::incident ? "INC" : "DEM"; }

std::string format_number(TicketType t, int year, std::int64_t sequence) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s-%04d-%06lld", std::string(number_prefix(t)).c_str(), year,
                static_cast<long long>(sequence));
  return buf;
}

bool valid_number(std::string_view n) {
  if (n.size() < 15 || n[3] != '-' || n[8] != '-') return false;
  const std::string_view prefix = n.substr(0, 3);
  if (prefix != "INC" && prefix != "DEM") return false;
  for (std::size_t i = 4; i < n.size(); ++i) {
    if (i == 8) continue;
    if (n[i] < '0' || n[i] > '9') return false;
  }
  return true;
}

std::string format(const Problem& p) {
  return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.message;
}

}  // namespace diagdesk::service
