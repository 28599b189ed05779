// Ticket scenarios: names and parsers, the ticket actions of a run, and the
// ticket parts of the score and the debrief (docs/training.md "Ticket scenarios").
//
// [SECTION] Names, parsers, the priority grid
// [SECTION] Ticket actions
// [SECTION] Score
// [SECTION] Debrief findings
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/training_run.hpp>

#include "training_internal.hpp"

#include <algorithm>

namespace diagdesk::engine {

// [SECTION] Names, parsers, the priority grid -------------------------------------------------

namespace {

std::string lowered(std::string_view text) {
  std::string t = detail::trim(text);
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return t;
}

}  // namespace

int PriorityGrid::priority(Level impact, Level urgency) const {
  return cells[static_cast<int>(impact)][static_cast<int>(urgency)];
}

std::string_view ticket_kind_name(TicketKind kind) { return kind == TicketKind::incident ? "incident" : "request"; }

std::optional<TicketKind> parse_ticket_kind(std::string_view text) {
  const std::string t = lowered(text);
  if (t == "incident" || t == "i") return TicketKind::incident;
  if (t == "request" || t == "service_request" || t == "demande" || t == "r" || t == "d") return TicketKind::request;
  return std::nullopt;
}

std::string_view disposition_name(Disposition d) {
  switch (d) {
    case Disposition::resolved: return "resolved";
    case Disposition::pending: return "pending";
    case Disposition::escalated: return "escalated";
  }
  return "resolved";
}

std::optional<Disposition> parse_disposition(std::string_view text) {
  const std::string t = lowered(text);
  if (t == "resolved" || t == "resolve" || t == "résolu" || t == "resolu") return Disposition::resolved;
  if (t == "pending" || t == "attente" || t == "en_attente") return Disposition::pending;
  if (t == "escalated" || t == "escalate" || t == "escalade" || t == "escaladé") return Disposition::escalated;
  return std::nullopt;
}

std::optional<int> parse_support_level(std::string_view text) {
  std::string t = lowered(text);
  if (t.size() == 2 && (t[0] == 'n' || t[0] == 'l')) t.erase(0, 1);
  if (t.size() == 1 && t[0] >= '1' && t[0] <= '3') return t[0] - '0';
  return std::nullopt;
}

std::optional<int> parse_priority(std::string_view text) {
  std::string t = lowered(text);
  if (t.size() == 2 && t[0] == 'p') t.erase(0, 1);
  if (t.size() == 1 && t[0] >= '1' && t[0] <= '5') return t[0] - '0';
  return std::nullopt;
}

// [SECTION] Ticket actions ----------------------------------------------------------------------

bool TrainingRun::qualified() const { return !is_ticket() || missing_qualification().empty(); }

std::string TrainingRun::missing_qualification() const {
  using K = TraineeAction::Kind;
  std::string missing;
  for (auto [kind, name] : {std::pair{K::type, "type"}, std::pair{K::impact, "impact"}, std::pair{K::urgency, "urgency"},
                            std::pair{K::priority, "priority"}}) {
    const bool given = std::any_of(m_actions.begin(), m_actions.end(), [k = kind](const TraineeAction& a) { return a.kind == k; });
    if (!given) missing += (missing.empty() ? "" : ", ") + std::string(name);
  }
  return missing;
}

ActionError TrainingRun::ticket_action(const std::string& token, bool& handled) {
  using K = TraineeAction::Kind;
  handled = true;
  std::optional<K> kind;
  std::optional<std::string> arg;
  if ((arg = detail::arg_of(token, "type"))) kind = K::type;
  else if ((arg = detail::arg_of(token, "priority"))) kind = K::priority;
  else if ((arg = detail::arg_of(token, "escalate"))) kind = K::escalate;
  else if (token == "resolve") kind = K::resolve;
  else if (token == "pending") kind = K::pending;
  else if (token == "escalate") arg = std::string();  // a level is needed: refused below
  if (!kind && !arg) {
    handled = false;
    return ActionError::none;
  }
  if (!is_ticket()) {
    return refuse(ActionError::not_a_ticket, "'" + token + "' is for scenarios that start from a ticket; this one does not");
  }
  if (!kind) return refuse(ActionError::bad_value, "escalate needs a level: escalate=n2 or escalate=n3");
  TraineeAction a;
  a.kind = *kind;
  switch (*kind) {
    case K::type: {
      const auto t = parse_ticket_kind(*arg);
      if (!t) return refuse(ActionError::bad_value, "type must be incident or request, not '" + *arg + "'");
      a.value = std::string(ticket_kind_name(*t));
      break;
    }
    case K::priority: {
      const auto p = parse_priority(*arg);
      if (!p) return refuse(ActionError::bad_value, "priority must be 1 to 5 (P1 the highest), not '" + *arg + "'");
      a.value = std::to_string(*p);
      break;
    }
    default: {
      if (!qualified()) {
        return refuse(ActionError::not_qualified, "qualify the ticket before closing the call (still missing: " +
                                                      missing_qualification() + ")");
      }
      if (*kind == K::escalate) {
        const auto level = parse_support_level(*arg);
        if (!level || *level < 2) return refuse(ActionError::bad_value, "escalate to n2 or n3, not '" + *arg + "'");
        a.value = "n" + std::to_string(*level);
      }
      break;
    }
  }
  m_actions.push_back(std::move(a));
  return ActionError::none;
}

// [SECTION] Score ---------------------------------------------------------------------------------

namespace detail {

bool is_ticket_penalty(std::string_view code) {
  return code == "wrong_type" || code == "wrong_priority" || code == "escalation_missing" ||
         code == "escalation_needless" || code == "escalation_wrong_level";
}

void score_ticket(const Scenario& scenario, const std::vector<TraineeAction>& actions, Score& sc) {
  using K = TraineeAction::Kind;
  const ScenarioTicket& t = *scenario.ticket;
  sc.ticket = true;
  // The last word counts, as for impact and urgency.
  for (const auto& a : actions) {
    if (a.kind == K::type) sc.type = parse_ticket_kind(a.value);
    if (a.kind == K::priority) sc.ticket_priority = parse_priority(a.value);
    if (a.kind == K::resolve || a.kind == K::pending) {
      sc.disposition = a.kind == K::resolve ? Disposition::resolved : Disposition::pending;
      sc.escalation = 0;
    }
    if (a.kind == K::escalate) {
      sc.disposition = Disposition::escalated;
      sc.escalation = parse_support_level(a.value).value_or(2);
    }
  }
  sc.expected_type = t.type;
  sc.type_ok = sc.type == t.type;
  sc.expected_ticket_priority = t.priority;
  sc.priority_ok = sc.ticket_priority == t.priority;
  sc.expected_disposition = t.outcome;
  sc.expected_escalation = t.escalation;
  sc.disposition_ok = sc.disposition == t.outcome && sc.escalation == t.escalation;
  sc.outcome_ok = sc.disposition_ok;

  if (!sc.type_ok) sc.penalties.push_back(Penalty{"wrong_type", "ticket.type", penalty_wrong_type});
  if (!sc.priority_ok) sc.penalties.push_back(Penalty{"wrong_priority", "ticket.priority", penalty_wrong_priority});
  const bool escalated = sc.disposition == Disposition::escalated;
  if (t.outcome == Disposition::escalated && !escalated) {
    sc.penalties.push_back(Penalty{"escalation_missing", "ticket.escalation", penalty_escalation_missing});
  } else if (t.outcome == Disposition::escalated && sc.escalation != t.escalation) {
    sc.penalties.push_back(Penalty{"escalation_wrong_level", "ticket.escalation", penalty_escalation_wrong_level});
  } else if (t.outcome != Disposition::escalated && escalated) {
    sc.penalties.push_back(Penalty{"escalation_needless", "ticket.escalation", penalty_escalation_needless});
  }
}

// [SECTION] Debrief findings ----------------------------------------------------------------------

void ticket_findings(const Score& sc, Lang lang, std::vector<std::string>& out) {
  const std::string none = tr("train.none", lang);
  auto kind_text = [&](std::optional<TicketKind> k) {
    return k ? tr("train.ticket.kind_" + std::string(ticket_kind_name(*k)), lang) : none;
  };
  auto level_text = [&](std::optional<Level> l) { return l ? tr("train.level_" + std::string(level_name(*l)), lang) : none; };
  auto priority_text = [&](std::optional<int> p) { return p ? "P" + std::to_string(*p) : none; };
  auto disposition_text = [&](std::optional<Disposition> d, int level) {
    if (!d) return none;
    std::string text = tr("train.ticket.disposition_" + std::string(disposition_name(*d)), lang);
    return *d == Disposition::escalated ? format_text(text, {"N" + std::to_string(level)}) : text;
  };

  out.push_back(format_text(tr(sc.type_ok ? "train.ticket.finding_type_ok" : "train.ticket.finding_type_bad", lang),
                            {kind_text(sc.type), kind_text(sc.expected_type)}));
  out.push_back(format_text(tr(sc.priority_ok ? "train.ticket.finding_priority_ok" : "train.ticket.finding_priority_bad", lang),
                            {level_text(sc.impact), level_text(sc.urgency), priority_text(sc.ticket_priority),
                             level_text(sc.expected_impact), level_text(sc.expected_urgency),
                             priority_text(sc.expected_ticket_priority)}));
  std::string disposition =
      format_text(tr(sc.disposition_ok ? "train.ticket.finding_disposition_ok" : "train.ticket.finding_disposition_bad", lang),
                  {disposition_text(sc.disposition, sc.escalation),
                   disposition_text(sc.expected_disposition, sc.expected_escalation)});
  if (!sc.disposition_ok && sc.expected_disposition == Disposition::pending) {
    disposition += " " + tr("train.ticket.why_pending", lang);
  } else if (!sc.disposition_ok && sc.expected_disposition == Disposition::resolved && sc.disposition == Disposition::pending) {
    disposition += " " + tr("train.ticket.why_not_pending", lang);
  }
  out.push_back(std::move(disposition));

  for (const auto& p : sc.penalties) {
    const std::string points = std::to_string(p.points);
    if (p.code == "wrong_type") {
      out.push_back(format_text(tr(sc.expected_type == TicketKind::request ? "train.ticket.penalty_request_as_incident"
                                                                           : "train.ticket.penalty_incident_as_request",
                                   lang),
                                {points, kind_text(sc.type)}));
    } else if (p.code == "wrong_priority") {
      std::string line = format_text(tr("train.ticket.penalty_wrong_priority", lang),
                                     {points, priority_text(sc.expected_ticket_priority), level_text(sc.expected_impact),
                                      level_text(sc.expected_urgency), priority_text(sc.ticket_priority)});
      // One user whose work cannot wait (a VIP, a deadline): urgency, not impact, raises the priority.
      if (sc.expected_impact == Level::low && sc.expected_urgency != Level::low) line += " " + tr("train.ticket.hint_rank", lang);
      out.push_back(std::move(line));
    } else if (p.code == "escalation_missing") {
      out.push_back(format_text(tr(sc.expected_ticket_priority == 1 ? "train.ticket.penalty_escalation_missing_major"
                                                                    : "train.ticket.penalty_escalation_missing",
                                   lang),
                                {points, "N" + std::to_string(sc.expected_escalation)}));
    } else if (p.code == "escalation_needless") {
      out.push_back(format_text(tr("train.ticket.penalty_escalation_needless", lang),
                                {points, disposition_text(sc.expected_disposition, 0)}));
    } else if (p.code == "escalation_wrong_level") {
      out.push_back(format_text(tr("train.ticket.penalty_escalation_wrong_level", lang),
                                {points, "N" + std::to_string(sc.expected_escalation), "N" + std::to_string(sc.escalation)}));
    }
  }
}

}  // namespace detail

}  // namespace diagdesk::engine
