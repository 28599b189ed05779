// Trainee mode, headless: the quote step of a proposal scenario by clicks
// (catalogue search, Add with a quantity, the replace option, live totals)
// and the quote line by line in the debrief (issue 15).
#include "fixture.hpp"

#include "vm/trainee_vm.hpp"

using namespace diagdesk::gui;
using namespace diagdesk::gui::testing;

namespace {

const TraineeScreenVm& screen(HeadlessApp& app) {
  REQUIRE(app.vm().trainee.screen != nullptr);
  return *app.vm().trainee.screen;
}

void tap(HeadlessApp& app, const std::string& probe_name) {
  app.click(probe_name);
  app.frame();
}

/// Searches the catalogue in the quote step and adds `ref` with the quantity field as it is.
void add(HeadlessApp& app, const std::string& words, const std::string& ref) {
  app.presenter->apply(Intent{IntentKind::trainee, "quote_search", words});
  app.frame();
  tap(app, "trainee/quote/add/" + ref);
}

}  // namespace

TEST_CASE("a proposal scenario's quote step is played by clicks and shown in the debrief") {
  HeadlessApp app;
  app.press(keys::f1 + 3);  // F4
  app.frame();
  app.presenter->apply(Intent{IntentKind::trainee, "select", "com.repair_over_value"});
  app.frame();
  tap(app, "trainee/start");
  tap(app, "trainee/tree/com.repair_or_replace");
  // Record the simulated customer's replies (they are sentences, not choice labels).
  for (int guard = 0; !screen(app).diagnosed && guard < 10; ++guard) {
    app.presenter->apply(Intent{IntentKind::trainee, "act", "="});
    app.frame();
  }
  REQUIRE(screen(app).diagnosed);
  REQUIRE(screen(app).quote_step);
  CHECK(screen(app).quote_current == "main");

  add(app, "diagnostic", "SVC-DIAGNOSIS");
  add(app, "atelier", "LAB-WORKSHOP");
  {
    const TraineeScreenVm& s = screen(app);
    REQUIRE(s.quote_options.size() == 2);
    CHECK(s.quote_options[0].name == "Repair");
    REQUIRE(s.quote_options[0].lines.size() == 2);
    CHECK(s.quote_options[0].totals.find("€118.80") != std::string::npos);  // live totals incl. tax
  }
  tap(app, "trainee/quote/option/replace");
  CHECK(screen(app).quote_current == "replace");
  add(app, "portable bureautique", "PC-LAPTOP-14");
  add(app, "transfert", "SVC-DATA-TRANSFER");
  add(app, "effacement", "SVC-SECURE-WIPE");
  CHECK(screen(app).quote_options[1].lines.size() == 3);
  CHECK(screen(app).quote_options[1].totals.find("€1,052.40") != std::string::npos);

  app.presenter->apply(Intent{IntentKind::trainee, "act", "ack,impact=low,urgency=medium,kb=svc.repair_or_replace,verify,document"});
  app.presenter->apply(Intent{IntentKind::trainee, "finish"});
  app.frame();
  const TraineeScreenVm& d = screen(app);
  REQUIRE(d.view == TraineeViewVm::debrief);
  CHECK(d.total == 100);
  REQUIRE(d.quote_debrief.size() == 2);
  CHECK(d.quote_debrief[1].kind == "replace");
  CHECK(d.quote_debrief[1].lines.at(0).verdict == "right");
  bool quote_line = false;
  for (const auto& p : d.score_lines) quote_line |= p.label == "Quote" && p.got == 15 && p.max == 15;
  CHECK(quote_line);
}
