// diagdesk incident|request diagnose NUMBER [TREE | --symptom TEXT]: the guided
// diagnosis of `diagdesk diagnose`, started with the ticket's facts and
// attached to the ticket at the end, also when stopped midway; then what the
// conclusion proposes and the exact next command.
#include "ticket_cli.hpp"

#include <diagdesk/engine/i18n.hpp>

#include <iostream>

namespace diagdesk::cli::ticket {

using engine::Lang;
using engine::tr;
using nlohmann::json;

namespace {

/// The interactive loop of `diagdesk diagnose`, where s and q both stop (the
/// session is attached as it stands).
void interactive(engine::Session& s, Lang lang, const workspace::ServiceDesk& desk) {
  std::cout << tr("cli.ticket.help_keys", lang) << "\n";
  print_step(std::cout, s, lang);
  if (answer_keys(s, lang, [&desk] { return desk.now(); }) == KeysEnd::done && s.concluded()) {
    print_explanation(std::cout, tr("explain.how_title", lang), s.how(lang));
  }
}

/// The next command to type, from the proposal ("" when the diagnosis goes on).
std::string next_command(const service::Ticket& t, const std::string& tree, const workspace::DiagnosisProposal& p) {
  const std::string base = "diagdesk " + command_name(t.type) + " ";
  if (!p.concluded) return base + "diagnose " + t.number + " " + tree;
  if (!p.solution.empty()) return base + "resolve " + t.number + " --from-diagnosis";
  if (!p.escalation_reason.empty()) {
    return base + "escalate " + t.number + " --level " + std::to_string(static_cast<int>(p.level)) + " --reason " +
           shell_quote(p.escalation_reason);
  }
  return base + "show " + t.number;
}

}  // namespace

int run_diagnose(const Globals& g, const DiagnoseArgs& a) {
  const Lang lang = g.language();
  if (!a.tree.empty() && !a.symptom.empty()) return fail(tr("cli.ticket.tree_or_symptom", lang));
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  workspace::TicketView v;
  if (auto e = d->get(a.number, v); !e.ok()) return desk_fail(e, a.number);
  // Said before the first question rather than refused by attach_diagnosis after the last.
  if (v.ticket.status == service::Status::closed) return fail(a.number + ": " + tr("desk.move.closed", lang));

  // No tree named: the one the symptom (or else the ticket's own words) matches best.
  std::string tree = a.tree;
  engine::ReportInfo info;
  info.operator_name = a.actor;
  info.symptom = a.symptom;
  info.date = d->now();
  json match;
  if (tree.empty()) {
    if (info.symptom.empty()) {
      info.symptom = v.ticket.title;
      if (!v.ticket.description.empty()) info.symptom += ". " + v.ticket.description;
    }
    if (int rc = choose_tree_by_symptom(*d.ws, info.symptom, lang, g.json, tree, &match); rc != exit_ok) return rc;
  }
  auto started = d->start_diagnosis(a.number, tree, a.facts, lang);
  if (!started.session) return fail(a.number + ": " + started.error);
  engine::Session& s = *started.session;
  // Said before the first question: a hardware fault goes back to the maker.
  if (v.warranty_end && !g.json) std::cout << warranty_text(*v.warranty_end, lang) << "\n";

  const bool scripted = a.has_answers || g.json;
  int rc = exit_ok;
  // A refused answer is bad input: nothing is attached. A session stopped
  // midway (q, end of input, answers that stop before a conclusion) is.
  if (scripted) rc = apply_answers(s, a.answers, d->now());
  else interactive(s, lang, *d.desk);
  if (rc != exit_ok) return rc;
  workspace::DiagnosisProposal p;
  if (auto e = d->attach_diagnosis(a.number, s, info, a.actor, v, &p); !e.ok()) return desk_fail(e, a.number);

  const std::string next = next_command(v.ticket, s.start_tree(), p);
  if (g.json) {
    json out = step_json(s);
    if (!match.is_null()) out["symptom_match"] = match;
    out["ticket"] = ticket_json(v, *d.desk, false);
    out["proposal"] = {{"concluded", p.concluded},
                       {"outcome", p.outcome ? json(std::string(engine::outcome_name(*p.outcome))) : json(nullptr)},
                       {"solution", p.solution},
                       {"escalation_reason", p.escalation_reason},
                       {"level", std::string(service::name(p.level))}};
    out["next"] = next;
    print_json(out);
    return s.step().kind == engine::StepKind::error ? exit_failed : exit_ok;
  }
  if (scripted) {
    print_step(std::cout, s, lang);
    if (s.concluded()) print_explanation(std::cout, tr("explain.how_title", lang), s.how(lang));
  }
  const std::string c = tr("punct.colon", lang);
  std::cout << "\n" << say("cli.ticket.attached", lang, {v.ticket.number}) << "\n";
  if (!p.concluded) std::cout << tr("cli.ticket.not_concluded", lang) << "\n";
  else if (!p.solution.empty()) std::cout << tr("cli.ticket.propose_solution", lang) << c << p.solution << "\n";
  else if (!p.escalation_reason.empty()) {
    std::cout << say("cli.ticket.propose_escalation", lang, {std::string(service::name(p.level))}) << c
              << p.escalation_reason << "\n";
  }
  std::cout << tr("cli.ticket.next", lang) << c << next << "\n";
  return s.step().kind == engine::StepKind::error ? exit_failed : exit_ok;
}

}  // namespace diagdesk::cli::ticket
