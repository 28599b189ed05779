// Trainee mode, headless: the debrief's efficiency against the optimum (issue 16)
// on a bundled scenario whose tree has a model, and the figure kept in the progress.
#include "fixture.hpp"

#include "app/trainee_presenter.hpp"
#include "vm/trainee_vm.hpp"

#include <diagdesk/workspace/training.hpp>

using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;

TEST_CASE("the trainee debrief shows the minutes against the optimal sequence, and the progress keeps them") {
  HeadlessApp app;
  app.press(keys::f1 + 3);  // F4: the trainee tab
  app.frame();
  REQUIRE(app.vm().tab == Tab::trainee);
  auto tap = [&](const std::string& probe) {
    app.click(probe);
    app.frame();
  };
  auto screen = [&]() -> const TraineeScreenVm& {
    REQUIRE(app.vm().trainee.screen != nullptr);
    return *app.vm().trainee.screen;
  };
  // hw.no_power has a model: a free call straight to the PSU test, then the diagnosis.
  tap("trainee/scenario/hw.psu_dead");
  tap("trainee/mode/free");
  tap("trainee/start");
  tap("trainee/filter");
  app.type("psu");
  app.frame();
  tap("trainee/step/hw.no_power:a_psu_test");
  REQUIRE(screen().clock == 10);
  tap("trainee/diagnose/hw.no_power:c_psu_replace");
  tap("trainee/finish");
  REQUIRE(screen().view == TraineeViewVm::debrief);
  const TraineeScreenVm& d = screen();
  CHECK(d.efficiency.find("Your steps: ") == 0);
  CHECK(d.efficiency.find("the optimum for this fault: ") != std::string::npos);
  REQUIRE_FALSE(d.optimum_steps.empty());
  CHECK(d.optimum_percent >= 0);
  CHECK(d.optimum_percent <= 100);

  auto opened = diagdesk::workspace::ProgressStore::open(app.home.path / "training.sqlite");
  REQUIRE(opened.store);
  const auto attempts = opened.store->attempts();
  REQUIRE(attempts.size() == 1);
  REQUIRE(attempts[0].optimum_percent);
  CHECK(*attempts[0].optimum_percent == d.optimum_percent);
  REQUIRE(attempts[0].minutes);
  CHECK(*attempts[0].minutes > 0);
  CHECK(attempts[0].optimum_minutes);
}
