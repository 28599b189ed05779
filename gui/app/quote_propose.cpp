// The Quotes tab's presenter, quotes made from a diagnosis: "Make a quote" on
// a concluded session (quote from-session) and "Quote from this ticket"
// (quote from-ticket). The lines come from workspace::QuoteDesk::propose and
// propose_for_ticket; the draft is made with the first option and the other
// options (the "replace" one when the device is past its value) stay offered
// as one click making a draft of their own, as `--option replace` does.
#include "app/quotes_presenter.hpp"
#include "app/tickets_presenter.hpp"

#include <diagdesk/engine/i18n.hpp>

namespace diagdesk::gui {

namespace sv = diagdesk::service;
using engine::Lang;
using engine::tr;

namespace {

std::string code(Lang lang) { return std::string(engine::lang_code(lang)); }

std::string filled(const std::string& key, Lang lang, const std::string& value) {
  std::string text = tr(key, lang);
  if (const auto at = text.find("{}"); at != std::string::npos) text.replace(at, 2, value);
  return text;
}

}  // namespace

bool QuotesPresenter::proposes(const engine::Session& session) {
  if (!session.concluded() || !quotes()) return false;
  return m_quotes->propose(session, code(m_ws.options().lang)).found;
}

void QuotesPresenter::from_session(const engine::Session& session, Lang lang) {
  m_dirty = true;
  m_message.clear();
  m_message_error = false;
  if (!quotes()) return;
  workspace::NewQuote n;
  // A diagnosis has no customer: a placeholder the operator edits in the draft.
  n.customer.name = tr("gui.quotes.customer_to_fill", lang);
  n.customer.language = code(lang);
  m_proposal = m_quotes->propose(session, n.customer.language);
  if (!m_proposal.found) {
    m_message = filled("desk.quote.no_proposal", lang, m_proposal.tree + " / " + m_proposal.conclusion);
    m_message_error = true;
    return;
  }
  m_proposal_for = n;
  create_from("", lang);
}

void QuotesPresenter::from_proposal(const Intent& i, Lang lang) {
  if (!quotes()) return;
  if (i.a == "option") {
    if (!m_proposal.found) return;
    create_from(i.field("kind"), lang);
    return;
  }
  workspace::TicketView t;
  if (auto e = m_tickets.desk()->get(i.b, t); !e.ok()) return refused(e);
  workspace::NewQuote n;
  n.customer.name = t.ticket.caller_name.empty() ? tr("gui.quotes.customer_to_fill", lang) : t.ticket.caller_name;
  n.customer.email = t.ticket.caller_email;
  n.customer.phone = t.ticket.caller_phone;
  n.customer.language = code(lang);
  n.ticket_number = i.b;
  workspace::QuoteProposal p;
  if (auto e = m_quotes->propose_for_ticket(i.b, n.customer.language, p); !e.ok()) return refused(e);
  m_proposal = std::move(p);
  m_proposal_for = n;
  create_from(i.field("option"), lang);
}

void QuotesPresenter::create_from(const std::string& option, Lang lang) {
  const workspace::QuoteOption* chosen = nullptr;
  for (const auto& o : m_proposal.options)
    if (option.empty() || o.kind == option) {
      chosen = &o;
      break;
    }
  if (!chosen) {
    m_message = filled("gui.quotes.no_option", lang, option);
    m_message_error = true;
    return;
  }
  workspace::NewQuote n = m_proposal_for;
  n.found = m_proposal.diagnosis;
  workspace::QuoteView v;
  if (auto e = m_quotes->create(n, chosen->lines, operator_or_user(m_operator), v); !e.ok()) return refused(e);
  ++m_saved;
  m_pdf_written.clear();
  m_selected = v.quote.number;
  m_version = v.quote.version;
  m_made.emplace_back(v.quote.number, chosen->kind);
  m_message = filled("gui.quotes.msg_made", lang, v.quote.number) + " (" + tr("quote.option." + chosen->kind, lang) + ")";
}

void QuotesPresenter::build_options(QuoteEditorVm& ed, Lang lang) {
  std::string kind;
  for (const auto& [number, k] : m_made)
    if (number == ed.number) kind = k;
  if (kind.empty()) return;  // not made from the last proposal
  const std::string lc = code(lang);
  for (const auto& o : m_proposal.options)
    ed.options.push_back({o.kind, tr("quote.option." + o.kind, lang), sv::format_money(o.totals.ht, lc), o.kind == kind});
  ed.proposal_note = m_proposal.note;
  if (m_proposal.present_value) ed.present_value = sv::format_money(*m_proposal.present_value, lc);
}

}  // namespace diagdesk::gui
