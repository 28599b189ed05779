// Presenter: the Assets tab. The AssetsPresenter does the work on the Tickets
// tab's desk (opened the first time either tab is shown); the view-model is
// built only while the tab is shown.
#include "app/assets_presenter.hpp"
#include "app/presenter.hpp"

namespace diagdesk::gui {

void Presenter::build_assets(AppVm& vm) {
  if (m_tab != Tab::assets) return;
  vm.assets = m_assets->build(m_lang);
}

}  // namespace diagdesk::gui
