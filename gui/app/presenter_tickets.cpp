// Presenter: the Tickets tab's glue. The TicketsPresenter does the work; this
// file opens a ticket's diagnosis in the Diagnosis tab and hands the session
// back to the ticket when it concludes, when the operator goes back to the
// ticket, or when another session replaces it.
#include "app/presenter.hpp"
#include "app/tickets_presenter.hpp"

namespace diagdesk::gui {

void Presenter::apply_ticket(const Intent& i) {
  auto applied = m_tickets->apply(i, m_lang);
  if (!applied.diagnosis || !applied.diagnosis->session) return;
  // The ticket's facts are the session's start facts: the facts panel shows them.
  m_start_facts = applied.diagnosis->session->start_facts();
  if (install_session(std::move(*applied.diagnosis), &applied.symptom)) {
    m_tickets->link(applied.number);
    status(m_tickets->message());
  }
}

void Presenter::ticket_session(bool force, bool leaving) {
  if (!m_session || m_tickets->diagnosing().empty()) return;
  const std::string before = m_tickets->message();
  m_tickets->session_update(*m_session, report_info(), force, leaving, m_lang);
  // Attached (or refused): say so on the status line too.
  if (m_tickets->message() != before) status(m_tickets->message(), m_tickets->message_error());
}

void Presenter::build_tickets(AppVm& vm) {
  // The desk opens the first time the tab is shown, not at start.
  if (m_tab == Tab::tickets) m_tickets->ensure_open();
  if (m_tab != Tab::tickets && !m_tickets->opened()) return;
  vm.tickets = m_tickets->build(m_lang, m_session && !m_session->concluded());
}

}  // namespace diagdesk::gui
