// Training's quote key built from the bundled proposals and catalogue (issue
// 15): the expected options of the com.* scenarios, repair beside replace for
// a laptop past its value, and the service's rounding in the totals.
#include <diagdesk/workspace/quote_training.hpp>
#include <diagdesk/workspace/training.hpp>

#include "bundled.hpp"

#include <doctest/doctest.h>

using namespace diagdesk;

namespace {

std::string refs(const engine::QuoteKeyOption& o) {
  std::string out;
  for (const auto& l : o.lines) out += (out.empty() ? "" : " ") + l.ref + "x" + engine::format_quote_quantity(l.quantity, engine::Lang::en);
  return out;
}

/// Plays `id` like the expert with its key, then the expected quote, and returns the score.
engine::Score play_right_quote(const workspace::Workspace& ws, const engine::ScenarioSet& set, const std::string& id) {
  const engine::Scenario* s = set.find(id);
  REQUIRE(s != nullptr);
  auto key = workspace::quote_key_for(ws, *s);
  REQUIRE(key);
  engine::TrainingRun run(ws.knowledge(), set, *s, engine::Mode::guided, engine::Lang::en);
  run.set_quote_key(key);
  REQUIRE(run.act("tree=" + s->tree) == engine::ActionError::none);
  for (int i = 0; i < 40 && !run.diagnosed(); ++i) REQUIRE(run.act("=") == engine::ActionError::none);
  REQUIRE(run.diagnosed());
  for (std::size_t i = 0; i < key->options.size(); ++i) {
    if (i > 0) REQUIRE(run.act("quote-option=" + key->options[i].kind) == engine::ActionError::none);
    for (const auto& l : key->options[i].lines) {
      REQUIRE(run.act("quote=" + l.ref + ":" + engine::format_quote_quantity(l.quantity, engine::Lang::en)) ==
              engine::ActionError::none);
    }
  }
  return run.score();
}

}  // namespace

TEST_CASE("the quote key of four com scenarios comes from the bundled proposals and catalogue") {
  const auto& ws = test::bundled();
  const engine::ScenarioSet set = workspace::load_scenarios(ws);

  SUBCASE("a laptop past its value: repair, and replace beside it") {
    auto key = workspace::quote_key_for(ws, *set.find("com.repair_over_value"));
    REQUIRE(key);
    REQUIRE(key->options.size() == 2);
    CHECK(key->options[0].kind == "repair");
    CHECK(refs(key->options[0]) == "SVC-DIAGNOSISx1 LAB-WORKSHOPx1");
    CHECK(key->options[1].kind == "replace");
    CHECK(refs(key->options[1]) == "PC-LAPTOP-14x1 SVC-DATA-TRANSFERx1 SVC-SECURE-WIPEx1");
    CHECK_FALSE(key->replace_needless);
    CHECK(key->max_discount == 1000);  // [policy] max_discount = "10"
  }
  SUBCASE("the video PC for 1,500 EUR") {
    auto key = workspace::quote_key_for(ws, *set.find("com.video_pc_1500"));
    REQUIRE(key);
    REQUIRE(key->options.size() == 1);
    CHECK(key->options[0].kind == "offer");
    CHECK(refs(key->options[0]) == "PC-VIDEO-32x1");
    const engine::Score s = play_right_quote(ws, set, "com.video_pc_1500");
    CHECK(s.p_quote == engine::points_quote);
    CHECK(s.quote.options.at(0).totals.ht == 124900);
    CHECK(s.quote.options.at(0).totals.ttc == 149880);  // the service's rounding, as the desk's quote
  }
  SUBCASE("the office NAS with its backup") {
    auto key = workspace::quote_key_for(ws, *set.find("com.office_nas_backup"));
    REQUIRE(key);
    CHECK(refs(key->options.at(0)).find("HDD-NAS-4TBx4") != std::string::npos);
    CHECK(refs(key->options.at(0)).find("USB-BACKUP-4TBx3") != std::string::npos);
  }
  SUBCASE("the CAD workstation") {
    auto key = workspace::quote_key_for(ws, *set.find("com.cad_certified_gpu"));
    REQUIRE(key);
    CHECK(refs(key->options.at(0)) == "PC-CAD-WSx1 MON-27-QHDx2 WARRANTY-EXT-ONSITE-NBDx2");
  }
  SUBCASE("a cheap laptop repair: replace would be needless") {
    auto key = workspace::quote_key(ws, "com.repair_or_replace", "c_repair_laptop");
    REQUIRE(key);
    REQUIRE(key->options.size() == 1);
    CHECK(key->options[0].kind == "repair");
    CHECK(key->replace_needless);
  }
  SUBCASE("not a proposal scenario, or no proposal: no key") {
    CHECK_FALSE(workspace::quote_key_for(ws, *set.find("net.apipa_dhcp_down")));
    CHECK_FALSE(workspace::quote_key(ws, "net.no_internet", "c_nothing"));
  }
  SUBCASE("the search finds refs by label words, accents folded") {
    auto key = workspace::quote_key_for(ws, *set.find("com.repair_over_value"));
    REQUIRE(key);
    const auto found = key->search("portable bureautique");
    CHECK(std::find(found.begin(), found.end(), "PC-LAPTOP-14") != found.end());
  }
}

TEST_CASE("playing every com scenario like the expert with the expected quote scores full marks") {
  const auto& ws = test::bundled();
  const engine::ScenarioSet set = workspace::load_scenarios(ws);
  int proposals = 0;
  for (const auto& s : set.scenarios) {
    if (s.outcome != engine::Outcome::proposal) continue;
    ++proposals;
    CAPTURE(s.id);
    const engine::Score sc = play_right_quote(ws, set, s.id);
    CHECK(sc.quote.scored);
    CHECK(sc.quote.findings.empty());
    CHECK(sc.p_quote == engine::points_quote);
  }
  CHECK(proposals >= 4);
}
