// Presenter: the Dashboard tab. The figures are read from the Tickets tab's
// desk (opened the first time either tab is shown) at every rebuild while the
// tab is shown: after each intent, and as the minute changes.
#include "app/dashboard_build.hpp"
#include "app/presenter.hpp"
#include "app/tickets_presenter.hpp"

namespace diagdesk::gui {

void Presenter::build_dashboard(AppVm& vm) {
  if (m_tab != Tab::dashboard) return;
  m_tickets->ensure_open();
  workspace::ServiceDesk* desk = m_tickets->desk();
  if (!desk) {
    vm.dashboard.error = engine::tr("gui.dashboard.unavailable", m_lang);
    return;
  }
  service::Stats s;
  if (auto e = desk->stats(std::nullopt, s); !e.ok()) {
    vm.dashboard.error = e.message;
    return;
  }
  vm.dashboard = build_dashboard_vm(s, desk->config().calendar, m_lang);
}

}  // namespace diagdesk::gui
