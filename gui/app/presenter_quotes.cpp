// Presenter: the Quotes tab. The QuotesPresenter works through a QuoteDesk on
// the Tickets tab's desk; the view-model is built only while the tab is shown.
#include "app/presenter.hpp"
#include "app/quotes_presenter.hpp"

namespace diagdesk::gui {

void Presenter::build_quotes(AppVm& vm) {
  if (m_tab != Tab::quotes) return;
  vm.quotes = m_quotes->build(m_lang);
}

}  // namespace diagdesk::gui
