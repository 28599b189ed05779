// ServiceDesk::stats: the supervisor's figures over every stored ticket
// (the figures themselves are service::compute_stats, service/src/stats.cpp).
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/workspace/service_desk.hpp>

namespace diagdesk::workspace {

namespace sv = diagdesk::service;

DeskError ServiceDesk::stats(std::optional<sv::Date> since, sv::Stats& out) {
  const Lang lang = m_ws.options().lang;
  auto failed = [&](const sv::StoreStatus& s) -> DeskError {
    const std::string code(sv::name(s.error));
    return {code, "", engine::tr("desk.store." + code, lang) + (s.detail.empty() ? "" : " (" + s.detail + ")")};
  };
  std::vector<sv::Ticket> tickets;
  if (const auto s = m_store->list({}, tickets); !s.ok()) return failed(s);
  std::vector<sv::TicketRecord> records;
  records.reserve(tickets.size());
  for (const sv::Ticket& listed : tickets) {
    sv::TicketRecord r;
    // list() leaves the sessions out; the abandoned nodes are read from them.
    if (const auto s = m_store->get(listed.number, r.ticket); !s.ok()) return failed(s);
    if (const auto s = m_store->history(r.ticket.id, r.history); !s.ok()) return failed(s);
    records.push_back(std::move(r));
  }
  sv::StatsOptions o;
  o.now = now();
  o.since = since;
  // attach_diagnosis writes "<tree>: " + desk.in_progress in the operator's language.
  o.in_progress_markers = {engine::tr("desk.in_progress", Lang::fr), engine::tr("desk.in_progress", Lang::en)};
  out = sv::compute_stats(records, m_config.sla, m_config.calendar, o);
  return {};
}

}  // namespace diagdesk::workspace
