// Problem management over the service desk's database (problem_desk.hpp):
// problem records, their status moves and their links to incidents. The
// candidates are in problem_candidates.cpp.
//
// [SECTION] Messages
// [SECTION] Reading
// [SECTION] Changing
// [SECTION] Links
#include <diagdesk/workspace/problem_desk.hpp>

#include "off_server_stores.hpp"
#include "service_desk_text.hpp"

#include <diagdesk/engine/i18n.hpp>

namespace diagdesk::workspace {

using engine::tr;
namespace sv = diagdesk::service;

// [SECTION] Messages --------------------------------------------------------------------

namespace {

DeskError problem_move_error(sv::ProblemError e, const std::string& number, const std::string& field, Lang lang) {
  const std::string move(sv::name(e));
  const bool typed = e == sv::ProblemError::empty_title || e == sv::ProblemError::unknown_field ||
                     e == sv::ProblemError::unchanged || e == sv::ProblemError::conclusion_without_tree;
  return refuse(typed ? "bad_value" : "bad_move", move, number, fill_braces(tr("desk.problem.move." + move, lang), field),
                lang);
}

/// Store failures: stale and duplicate said for problems, the rest as the desk says them.
DeskError problem_store_error(const sv::StoreStatus& s, const std::string& number, Lang lang) {
  if (s.error == sv::StoreError::stale) return refuse("stale", "", number, tr("desk.problem.stale", lang), lang);
  if (s.error == sv::StoreError::not_found)
    return refuse("not_found", "", number, tr("desk.problem.not_found", lang), lang);
  return store_error(s, number, lang);
}

}  // namespace

namespace {

std::unique_ptr<sv::ProblemStore> problems_of(ServiceDesk& desk) {
  if (auto problems = sv::problem_store_for(desk.store())) return problems;
  return std::make_unique<detail::OffServerProblems>();  // a Store of neither kind
}

}  // namespace

ProblemDesk::ProblemDesk(ServiceDesk& desk, const Workspace& ws)
    : m_desk(desk), m_ws(ws), m_owned(problems_of(desk)), m_store(*m_owned) {}

// [SECTION] Reading ---------------------------------------------------------------------

DeskError ProblemDesk::load(const std::string& number, sv::ProblemRecord& p, std::int64_t expected_version) {
  const Lang lang = m_ws.options().lang;
  if (!sv::valid_problem_number(number))
    return refuse("bad_value", "", number, tr("desk.problem.bad_number", lang), lang);
  if (auto s = m_store.get_problem(number, p); !s.ok()) return problem_store_error(s, number, lang);
  if (expected_version && expected_version != p.version)
    return refuse("stale", "", number, tr("desk.problem.stale", lang), lang);
  return {};
}

DeskError ProblemDesk::view_of(sv::ProblemRecord p, ProblemView& out) {
  const Lang lang = m_ws.options().lang;
  out = {};
  out.problem = std::move(p);
  const std::string& number = out.problem.number;
  if (auto s = m_store.problem_history(out.problem.id, out.history); !s.ok()) return store_error(s, number, lang);
  if (auto s = m_store.problem_links(out.problem.id, out.links); !s.ok()) return store_error(s, number, lang);
  for (const auto& l : out.links) {
    sv::Ticket t;
    if (auto s = m_desk.store().get(l.ticket_number, t); !s.ok()) return store_error(s, l.ticket_number, lang);
    out.tickets.push_back(std::move(t));
  }
  return {};
}

DeskError ProblemDesk::get(const std::string& number, ProblemView& out) {
  sv::ProblemRecord p;
  if (auto e = load(number, p); !e.ok()) return e;
  return view_of(std::move(p), out);
}

DeskError ProblemDesk::list(std::optional<sv::ProblemStatus> status, std::vector<sv::ProblemRecord>& out) {
  sv::ProblemFilter f;
  f.status = status;
  if (auto s = m_store.list_problems(f, out); !s.ok()) return store_error(s, "", m_ws.options().lang);
  return {};
}

// [SECTION] Changing --------------------------------------------------------------------

DeskError ProblemDesk::check_tree(const std::string& tree, const std::string& conclusion, const std::string& number) {
  const Lang lang = m_ws.options().lang;
  if (tree.empty()) {
    if (conclusion.empty()) return {};
    return problem_move_error(sv::ProblemError::conclusion_without_tree, number, "", lang);
  }
  const engine::Tree* t = m_ws.knowledge()->find_tree(tree);
  if (!t) return refuse("bad_value", "", number, fill_braces(tr("desk.problem.unknown_tree", lang), tree), lang);
  if (conclusion.empty()) return {};
  const engine::Node* node = t->find(conclusion);
  if (!node || node->kind != engine::NodeKind::conclusion)
    return refuse("bad_value", "", number, fill_braces(tr("desk.problem.not_conclusion", lang), conclusion), lang);
  return {};
}

DeskError ProblemDesk::create(const NewProblem& n, const std::string& actor, ProblemView& out) {
  const Lang lang = m_ws.options().lang;
  if (auto e = check_tree(n.tree, n.conclusion, ""); !e.ok()) return e;
  sv::ProblemRecord p;
  p.title = n.title;
  p.description = n.description;
  p.tree = n.tree;
  p.conclusion = n.conclusion;
  p.asset_model = n.asset_model;
  p.owner = n.owner.empty() ? actor : n.owner;
  p.error_codes = n.error_codes;
  std::vector<sv::ProblemEvent> events;
  if (auto err = sv::open_problem(p, actor, m_desk.now(), events); err != sv::ProblemError::none)
    return problem_move_error(err, "", "", lang);
  if (auto s = m_store.create_problem(p, m_desk.today().year, events); !s.ok()) return store_error(s, "", lang);
  return view_of(std::move(p), out);
}

DeskError ProblemDesk::update(const std::string& number, const std::string& field, const std::string& value,
                              const std::string& actor, ProblemView& out, std::int64_t expected_version) {
  const Lang lang = m_ws.options().lang;
  sv::ProblemRecord p;
  if (auto e = load(number, p, expected_version); !e.ok()) return e;
  if (field == "tree" && !value.empty()) {
    if (auto e = check_tree(value, "", number); !e.ok()) return e;
  }
  if (field == "conclusion" && !value.empty()) {
    if (auto e = check_tree(p.tree, value, number); !e.ok()) return e;
  }
  std::vector<sv::ProblemEvent> events;
  if (auto err = sv::set_problem_field(p, field, value, actor, m_desk.now(), events); err != sv::ProblemError::none) {
    std::string fields;
    for (const auto& f : sv::problem_fields()) fields += (fields.empty() ? "" : ", ") + f;
    return problem_move_error(err, number, err == sv::ProblemError::unknown_field ? fields : field, lang);
  }
  if (auto s = m_store.update_problem(p, events); !s.ok()) return problem_store_error(s, number, lang);
  return view_of(std::move(p), out);
}

DeskError ProblemDesk::set_status(const std::string& number, sv::ProblemStatus to, const std::string& note,
                                  const std::string& actor, ProblemView& out, std::int64_t expected_version) {
  const Lang lang = m_ws.options().lang;
  sv::ProblemRecord p;
  if (auto e = load(number, p, expected_version); !e.ok()) return e;
  std::vector<sv::ProblemEvent> events;
  if (auto err = sv::move_problem(p, to, actor, m_desk.now(), note, events); err != sv::ProblemError::none)
    return problem_move_error(err, number, std::string(sv::name(to)), lang);
  if (auto s = m_store.update_problem(p, events); !s.ok()) return problem_store_error(s, number, lang);
  return view_of(std::move(p), out);
}

// [SECTION] Links -----------------------------------------------------------------------

DeskError ProblemDesk::relink(const std::string& number, const std::string& ticket_number, const std::string& actor,
                              ProblemView& out, bool link) {
  const Lang lang = m_ws.options().lang;
  sv::ProblemRecord p;
  if (auto e = load(number, p); !e.ok()) return e;
  if (p.status == sv::ProblemStatus::closed) return problem_move_error(sv::ProblemError::closed, number, "", lang);
  TicketView tv;
  if (auto e = m_desk.get(ticket_number, tv); !e.ok()) return e;
  if (tv.ticket.type != sv::TicketType::incident)
    return refuse("bad_value", "", ticket_number, tr("desk.problem.not_incident", lang), lang);
  const sv::Time at = m_desk.now();
  sv::ProblemEvent pe;
  pe.at = at;
  pe.actor = actor;
  pe.kind = link ? sv::ProblemEventKind::link : sv::ProblemEventKind::unlink;
  pe.field = "ticket";
  (link ? pe.new_value : pe.old_value) = ticket_number;
  sv::Event te;
  te.at = at;
  te.actor = actor;
  te.kind = sv::EventKind::field;
  te.field = std::string(sv::ticket_problem_field);
  (link ? te.new_value : te.old_value) = p.number;
  const auto s = link ? m_store.link_ticket(p, tv.ticket, pe, te) : m_store.unlink_ticket(p, tv.ticket, pe, te);
  if (s.error == sv::StoreError::duplicate) {
    std::optional<sv::ProblemLink> other;
    (void)m_store.ticket_problem(tv.ticket.id, other);
    return refuse("duplicate", "", ticket_number,
                  fill_braces(tr("desk.problem.already_linked", lang), other ? other->problem_number : "?"), lang);
  }
  if (s.error == sv::StoreError::not_found && !link)
    return refuse("not_found", "", ticket_number, fill_braces(tr("desk.problem.not_linked", lang), number), lang);
  if (s.error == sv::StoreError::stale) return refuse("stale", "", number, tr("desk.problem.stale", lang), lang);
  if (!s.ok()) return store_error(s, number, lang);
  return view_of(std::move(p), out);
}

DeskError ProblemDesk::link(const std::string& number, const std::string& ticket_number, const std::string& actor,
                            ProblemView& out) {
  return relink(number, ticket_number, actor, out, true);
}

DeskError ProblemDesk::unlink(const std::string& number, const std::string& ticket_number, const std::string& actor,
                              ProblemView& out) {
  return relink(number, ticket_number, actor, out, false);
}

DeskError ProblemDesk::problem_of(const std::string& ticket_number, std::string& number) {
  number.clear();
  TicketView tv;
  if (auto e = m_desk.get(ticket_number, tv); !e.ok()) return e;
  std::optional<sv::ProblemLink> link;
  if (auto s = m_store.ticket_problem(tv.ticket.id, link); !s.ok())
    return store_error(s, ticket_number, m_ws.options().lang);
  if (link) number = link->problem_number;
  return {};
}

}  // namespace diagdesk::workspace
