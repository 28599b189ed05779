#pragma once
// diagdesk train, the parts for scenarios that start from a ticket: the ticket
// as it opens, the qualification and closing prompts, the ticket in JSON.
// Included by cmd_train.cpp only (kept apart so that file stays readable).

#include "cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/training_run.hpp>

#include <istream>
#include <ostream>
#include <string>

namespace diagdesk::cli::train_ticket {

using engine::Lang;
using engine::tr;

/// The ticket as the trainee first sees it (nothing for other scenarios).
inline void print_opening(std::ostream& out, const engine::Scenario& s, Lang lang) {
  if (!s.ticket) return;
  const char* sep = lang == Lang::fr ? " : " : ": ";
  const auto& t = *s.ticket;
  out << "\n-- " << tr("train.ticket.opened", lang) << " --\n";
  out << "   " << tr("train.ticket.title", lang) << sep << t.title.get(lang) << "\n";
  out << "   " << tr("train.ticket.caller", lang) << sep << t.caller.get(lang) << "\n";
  out << "   " << tr("train.ticket.opened_as", lang) << sep
      << tr("train.ticket.kind_" + std::string(engine::ticket_kind_name(t.opened_as)), lang) << "\n";
}

/// The ticket as it opens, for `train SCENARIO --json` (null for other scenarios).
inline nlohmann::json opening_json(const engine::Scenario& s, Lang lang) {
  if (!s.ticket) return nullptr;
  const auto& t = *s.ticket;
  return {{"title", t.title.get(lang)}, {"caller", t.caller.get(lang)}, {"says", t.says.get(lang)},
          {"opened_as", std::string(engine::ticket_kind_name(t.opened_as))}};
}

/// The ticket part of the score (null for other scenarios).
inline nlohmann::json score_json(const engine::Score& s) {
  using nlohmann::json;
  if (!s.ticket) return nullptr;
  auto opt_int = [](std::optional<int> v) { return v ? json(*v) : json(nullptr); };
  auto level = [](std::optional<engine::Level> l) { return l ? json(std::string(engine::level_name(*l))) : json(nullptr); };
  json j;
  j["type"] = {{"given", s.type ? json(std::string(engine::ticket_kind_name(*s.type))) : json(nullptr)},
               {"expected", std::string(engine::ticket_kind_name(s.expected_type))},
               {"ok", s.type_ok}};
  j["qualification"] = {{"impact", level(s.impact)}, {"urgency", level(s.urgency)},
                        {"priority", opt_int(s.ticket_priority)},
                        {"expected_impact", std::string(engine::level_name(s.expected_impact))},
                        {"expected_urgency", std::string(engine::level_name(s.expected_urgency))},
                        {"expected_priority", s.expected_ticket_priority},
                        {"ok", s.priority_ok}};
  j["disposition"] = {{"given", s.disposition ? json(std::string(engine::disposition_name(*s.disposition))) : json(nullptr)},
                      {"escalation", s.escalation},
                      {"expected", std::string(engine::disposition_name(s.expected_disposition))},
                      {"expected_escalation", s.expected_escalation},
                      {"ok", s.disposition_ok}};
  return j;
}

/// How an interactive prompt ended.
enum class Asked { done, end_of_input, quit };

/// One line from `in`, trimmed; false at the end of input.
inline bool read_trimmed(std::istream& in, std::string& line) {
  if (!std::getline(in, line)) return false;
  const auto b = line.find_first_not_of(" \t\r");
  line = b == std::string::npos ? std::string() : line.substr(b, line.find_last_not_of(" \t\r") - b + 1);
  return true;
}

/// Asks `question` until `make_token(answer)` is accepted by the run.
template <class MakeToken>
Asked ask(engine::TrainingRun& run, std::istream& in, std::ostream& out, const std::string& question, Lang lang,
          MakeToken make_token) {
  std::string line;
  while (true) {
    out << question << " > " << std::flush;
    if (!read_trimmed(in, line)) return Asked::end_of_input;
    if (line == "q" || line == "quit") return Asked::quit;
    if (line.empty()) continue;
    if (run.act(make_token(line)) == engine::ActionError::none) return Asked::done;
    out << tr("train.refused", lang) << ": " << run.last_error() << "\n";
  }
}

/// The qualification a ticket scenario starts with: type, impact, urgency, priority.
inline Asked ask_qualification(engine::TrainingRun& run, std::istream& in, std::ostream& out, Lang lang) {
  out << "\n" << tr("train.ticket.qualify_first", lang) << "\n";
  for (auto [key, question] : {std::pair{"type", "train.ticket.ask_type"}, std::pair{"impact", "train.ticket.ask_impact"},
                               std::pair{"urgency", "train.ticket.ask_urgency"},
                               std::pair{"priority", "train.ticket.ask_priority"}}) {
    const std::string k = key;
    const Asked a = ask(run, in, out, tr(question, lang), lang, [&](const std::string& line) { return k + "=" + line; });
    if (a != Asked::done) return a;
  }
  return Asked::done;
}

/// True when the trainee has already said how the call ends.
inline bool call_closed(const engine::TrainingRun& run) {
  using K = engine::TraineeAction::Kind;
  for (const auto& a : run.actions()) {
    if (a.kind == K::resolve || a.kind == K::pending || a.kind == K::escalate) return true;
  }
  return false;
}

/// How the call ends: r(esolve), p/a (pending, "attente"), n2 / n3 (escalate), or the tokens themselves.
inline Asked ask_disposition(engine::TrainingRun& run, std::istream& in, std::ostream& out, Lang lang) {
  return ask(run, in, out, tr("train.ticket.ask_disposition", lang), lang, [](const std::string& line) -> std::string {
    std::string l = line;
    for (auto& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (l == "r" || l == "resolve" || l == "résoudre" || l == "resoudre") return "resolve";
    if (l == "p" || l == "a" || l == "pending" || l == "attente") return "pending";
    if (l.rfind("escalate=", 0) == 0) return l;
    return "escalate=" + l;  // n2, n3, 2, 3; anything else is refused with the reason
  });
}

}  // namespace diagdesk::cli::train_ticket
