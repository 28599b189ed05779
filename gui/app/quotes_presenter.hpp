#pragma once
// The Quotes tab's presenter: applies IntentKind::quote intents through a
// workspace::QuoteDesk over the Tickets tab's desk (the same calls `diagdesk
// quote ...` makes) and builds the QuotesVm (vm/quotes_vm.hpp): the list, the
// selected quote's lines and totals (read back after each change, so they
// are the store's), the catalogue picker, the PDF. Refusals are the desk's
// sentences, in the workspace's language. Never throws into a frame.
//
//     QuotesPresenter q(ws, tickets, "marie");
//     Intent i{IntentKind::quote, "create"};
//     i.fields = {{"name", "Paul Martin"}, {"language", "fr"}};
//     q.apply(i, Lang::en);                      // selects the new draft
//     const QuotesVm& vm = q.build(Lang::en);    // -> AppVm::quotes

#include "vm/view_models.hpp"

#include <diagdesk/workspace/quote_desk.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace diagdesk::gui {

class TicketsPresenter;

class QuotesPresenter {
 public:
  /// `tickets` owns the desk (opened the first time a desk tab is shown).
  QuotesPresenter(const workspace::Workspace& ws, TicketsPresenter& tickets, std::string operator_name);
  ~QuotesPresenter();

  /// Applies one IntentKind::quote intent. a: verb, b: quote number
  ///   filter      fields status ("" any)
  ///   select      ("" closes the editor)
  ///   create      fields name, address, email, phone, language, ticket
  ///   add_line    fields ref, qty, discount
  ///   remove_line n: position (1-based)
  ///   set_line    n: position, fields qty, discount
  ///   set_customer fields name, address, email, phone, language: each one that changed
  ///   send, accept (fields request "1": open the service request), refuse (fields reason)
  ///   pdf         fields path ("" the default)
  ///   search      fields words: the catalogue picker
  ///   from_ticket b: ticket number, fields option ("" the first): what `quote from-ticket` does
  ///   option      fields kind: a new draft with another option of the last proposal (replace...)
  void apply(const Intent& intent, engine::Lang lang);
  /// "Make a quote" on a concluded diagnosis (what `quote from-session` does):
  /// a draft with the first option's lines, selected; the other options offered.
  void from_session(const engine::Session& session, engine::Lang lang);
  /// True when the concluded `session` has a quote proposal (the desk opens if needed).
  bool proposes(const engine::Session& session);
  /// Rebuilds the view-model when something changed.
  const QuotesVm& build(engine::Lang lang);
  /// The quote desk, once the database is open (tests), else nullptr.
  workspace::QuoteDesk* quotes();

 private:
  void change(const Intent& i, engine::Lang lang);
  void write_pdf(const std::string& number, const std::string& path, engine::Lang lang);
  void build_list(QuotesVm& vm, engine::Lang lang);
  void build_editor(QuotesVm& vm, engine::Lang lang);
  void build_catalogue(QuotesVm& vm, engine::Lang lang);
  void refused(const workspace::DeskError& e);
  void from_proposal(const Intent& i, engine::Lang lang);
  void create_from(const std::string& option, engine::Lang lang);
  void build_options(QuoteEditorVm& ed, engine::Lang lang);

  const workspace::Workspace& m_ws;
  TicketsPresenter& m_tickets;
  std::string m_operator;
  std::unique_ptr<workspace::QuoteDesk> m_quotes;
  std::string m_status, m_selected, m_search;
  std::int64_t m_version = 0;  ///< of the quote the editor shows: a change on an older one is stale
  std::string m_message;
  bool m_message_error = false;
  std::string m_pdf_written;
  std::uint64_t m_saved = 0;
  bool m_dirty = true;
  engine::Lang m_built_lang = engine::Lang::en;
  QuotesVm m_vm;
  // The last proposal made into a draft (app/quote_propose.cpp): its options stay offered.
  workspace::QuoteProposal m_proposal;
  workspace::NewQuote m_proposal_for;
  std::vector<std::pair<std::string, std::string>> m_made;  ///< quote number, option kind
};

}  // namespace diagdesk::gui
