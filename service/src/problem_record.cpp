// Problem records: names, numbers, field changes and the moves of a
// problem's life (problem_record.hpp).
#include <diagdesk/service/problem_record.hpp>

#include <array>
#include <cstdio>
#include <utility>

namespace diagdesk::service {

namespace {

constexpr std::array<std::pair<ProblemStatus, std::string_view>, 4> statuses{{
    {ProblemStatus::open, "open"}, {ProblemStatus::known_error, "known_error"},
    {ProblemStatus::resolved, "resolved"}, {ProblemStatus::closed, "closed"}}};
constexpr std::array<std::pair<ProblemEventKind, std::string_view>, 7> kinds{{
    {ProblemEventKind::created, "created"}, {ProblemEventKind::field, "field"},
    {ProblemEventKind::status, "status"}, {ProblemEventKind::link, "link"}, {ProblemEventKind::unlink, "unlink"},
    {ProblemEventKind::article, "article"}, {ProblemEventKind::note, "note"}}};
constexpr std::array<std::pair<ProblemError, std::string_view>, 11> errors{{
    {ProblemError::none, "none"}, {ProblemError::empty_title, "empty_title"}, {ProblemError::closed, "closed"},
    {ProblemError::unknown_field, "unknown_field"}, {ProblemError::unchanged, "unchanged"},
    {ProblemError::same_status, "same_status"}, {ProblemError::not_allowed, "not_allowed"},
    {ProblemError::needs_root_cause, "needs_root_cause"}, {ProblemError::needs_workaround, "needs_workaround"},
    {ProblemError::needs_solution, "needs_solution"},
    {ProblemError::conclusion_without_tree, "conclusion_without_tree"}}};

template <class E, std::size_t N>
std::string_view text_of(E value, const std::array<std::pair<E, std::string_view>, N>& table) {
  for (const auto& [v, text] : table)
    if (v == value) return text;
  return "?";
}

template <class E, std::size_t N>
std::optional<E> value_of(std::string_view s, const std::array<std::pair<E, std::string_view>, N>& table) {
  for (const auto& [v, text] : table)
    if (text == s) return v;
  return std::nullopt;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

/// "a, b ,,c" -> {"a", "b", "c"}.
std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    std::string item = trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!item.empty()) out.push_back(std::move(item));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

/// The text field named `field` of `p` (const or not), nullptr for another name.
template <class P>
auto text_field(P& p, std::string_view field) -> decltype(&p.title) {
  if (field == "title") return &p.title;
  if (field == "description") return &p.description;
  if (field == "root_cause") return &p.root_cause;
  if (field == "workaround") return &p.workaround;
  if (field == "solution") return &p.solution;
  if (field == "tree") return &p.tree;
  if (field == "conclusion") return &p.conclusion;
  if (field == "asset_model") return &p.asset_model;
  if (field == "owner") return &p.owner;
  return nullptr;
}

/// The moves of a problem's life (closed is final: handled before).
bool allowed(ProblemStatus from, ProblemStatus to) {
  using S = ProblemStatus;
  switch (from) {
    case S::open: return to == S::known_error || to == S::resolved;
    case S::known_error: return to == S::resolved || to == S::open;
    case S::resolved: return to == S::closed || to == S::open;
    case S::closed: return false;
  }
  return false;
}

}  // namespace

std::string_view name(ProblemStatus s) { return text_of(s, statuses); }
std::string_view name(ProblemEventKind k) { return text_of(k, kinds); }
std::string_view name(ProblemError e) { return text_of(e, errors); }
std::optional<ProblemStatus> parse_problem_status(std::string_view s) { return value_of(s, statuses); }
std::optional<ProblemEventKind> parse_problem_event_kind(std::string_view s) { return value_of(s, kinds); }

std::string format_problem_number(int year, std::int64_t sequence) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "PRB-%04d-%06lld", year, static_cast<long long>(sequence));
  return buf;
}

bool valid_problem_number(std::string_view n) {
  if (n.size() < 15 || n.size() > 20 || n.substr(0, 4) != "PRB-" || n[8] != '-') return false;
  for (std::size_t i = 4; i < n.size(); ++i) {
    if (i == 8) continue;
    if (n[i] < '0' || n[i] > '9') return false;
  }
  return true;
}

const std::vector<std::string>& problem_fields() {
  static const std::vector<std::string> fields = {"title", "description", "root_cause", "workaround", "solution",
                                                  "error_codes", "tree", "conclusion", "asset_model", "owner"};
  return fields;
}

std::string problem_field_text(const ProblemRecord& p, std::string_view field) {
  if (field == "error_codes") {
    std::string out;
    for (const auto& c : p.error_codes) out += (out.empty() ? "" : ", ") + c;
    return out;
  }
  if (const std::string* s = text_field(p, field)) return *s;
  return {};
}

ProblemError open_problem(ProblemRecord& p, const std::string& actor, Time at, std::vector<ProblemEvent>& events) {
  p.title = trim(p.title);
  if (p.title.empty()) return ProblemError::empty_title;
  if (!p.conclusion.empty() && p.tree.empty()) return ProblemError::conclusion_without_tree;
  p.status = ProblemStatus::open;
  p.created_at = at;
  p.updated_at = at;
  ProblemEvent e;
  e.at = at;
  e.actor = actor;
  e.kind = ProblemEventKind::created;
  e.new_value = p.title;
  events.push_back(std::move(e));
  return ProblemError::none;
}

ProblemError set_problem_field(ProblemRecord& p, std::string_view field, const std::string& value,
                               const std::string& actor, Time at, std::vector<ProblemEvent>& events) {
  if (p.status == ProblemStatus::closed) return ProblemError::closed;
  const std::string v = trim(value);
  ProblemEvent e;
  e.at = at;
  e.actor = actor;
  e.kind = ProblemEventKind::field;
  e.field = std::string(field);
  if (field == "error_codes") {
    std::vector<std::string> codes = split_codes(v);
    if (codes == p.error_codes) return ProblemError::unchanged;
    e.old_value = problem_field_text(p, field);
    p.error_codes = std::move(codes);
    e.new_value = problem_field_text(p, field);
  } else {
    std::string* target = text_field(p, field);
    if (!target) return ProblemError::unknown_field;
    if (field == "title" && v.empty()) return ProblemError::empty_title;
    if (field == "conclusion" && !v.empty() && p.tree.empty()) return ProblemError::conclusion_without_tree;
    if (*target == v) return ProblemError::unchanged;
    e.old_value = *target;
    *target = v;
    e.new_value = v;
    // A conclusion names a node of the tree: changing the tree drops it.
    if (field == "tree" && !p.conclusion.empty()) {
      ProblemEvent c = e;
      c.field = "conclusion";
      c.old_value = p.conclusion;
      c.new_value.clear();
      p.conclusion.clear();
      events.push_back(std::move(e));
      events.push_back(std::move(c));
      p.updated_at = at;
      return ProblemError::none;
    }
  }
  events.push_back(std::move(e));
  p.updated_at = at;
  return ProblemError::none;
}

ProblemError move_problem(ProblemRecord& p, ProblemStatus to, const std::string& actor, Time at,
                          const std::string& note, std::vector<ProblemEvent>& events) {
  if (p.status == ProblemStatus::closed) return ProblemError::closed;
  if (p.status == to) return ProblemError::same_status;
  if (!allowed(p.status, to)) return ProblemError::not_allowed;
  if (to == ProblemStatus::known_error) {
    if (trim(p.root_cause).empty()) return ProblemError::needs_root_cause;
    if (trim(p.workaround).empty()) return ProblemError::needs_workaround;
  }
  if (to == ProblemStatus::resolved && trim(p.solution).empty()) return ProblemError::needs_solution;
  ProblemEvent e;
  e.at = at;
  e.actor = actor;
  e.kind = ProblemEventKind::status;
  e.field = "status";
  e.old_value = std::string(name(p.status));
  e.new_value = std::string(name(to));
  e.note = trim(note);
  events.push_back(std::move(e));
  p.status = to;
  p.updated_at = at;
  return ProblemError::none;
}

std::string ticket_problem(const std::vector<Event>& history) {
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->field == ticket_problem_field) return it->new_value;
  }
  return {};
}

std::string error_codes_column(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& s : codes) out += (out.empty() ? "" : "\n") + s;
  return out;
}

std::vector<std::string> error_codes_from_column(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    if (nl > start) out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

}  // namespace diagdesk::service
