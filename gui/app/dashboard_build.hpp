#pragma once
// The Dashboard tab's view-model from the supervisor's figures. Pure: the
// figures come from workspace::ServiceDesk::stats (app/presenter_dashboard.cpp).

#include "vm/dashboard_vm.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/service/calendar.hpp>
#include <diagdesk/service/stats.hpp>

namespace diagdesk::gui {

/// The charts (open by priority and status, tickets per day, mean times to
/// take charge and to resolve in business time, first-contact and escalation
/// rates), the late and at-risk tickets and the per-tree lines, in `lang`.
DashboardVm build_dashboard_vm(const service::Stats& s, const service::Calendar& cal, engine::Lang lang);

}  // namespace diagdesk::gui
