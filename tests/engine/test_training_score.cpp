// Training: scripted runs with exact scores, refused actions, the debrief.
#include "test_training_fixture.hpp"

using namespace diagdesk::engine;
using test::play;
using test::TrainingFixture;

TEST_CASE("the ITIL matrix turns impact and urgency into a priority") {
  CHECK(priority_of(Level::high, Level::high) == "p1_critical");
  CHECK(priority_of(Level::high, Level::medium) == "p2_high");
  CHECK(priority_of(Level::medium, Level::high) == "p2_high");
  CHECK(priority_of(Level::high, Level::low) == "p3_medium");
  CHECK(priority_of(Level::medium, Level::medium) == "p3_medium");
  CHECK(priority_of(Level::low, Level::high) == "p3_medium");
  CHECK(priority_of(Level::medium, Level::low) == "p4_low");
  CHECK(priority_of(Level::low, Level::medium) == "p4_low");
  CHECK(priority_of(Level::low, Level::low) == "p5_planning");
  CHECK(parse_level("élevé") == Level::high);
  CHECK(parse_level("moyenne") == Level::medium);
  CHECK_FALSE(parse_level("huge").has_value());
}

TEST_CASE("a guided run that follows the expert scores 100") {
  TrainingFixture f;
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
  play(run, "tree=t.net,=,=,=,impact=low,urgency=high,kb=net.dns,verify,document");
  REQUIRE(run.diagnosed());
  const Score s = run.score();
  CHECK(s.diagnosis == "t.net:c_dns");
  CHECK(s.diagnosis_ok);
  CHECK(s.outcome_ok);
  CHECK(s.priority == "p3_medium");
  CHECK(s.priority_ok);
  CHECK(s.expert_cost == 5);
  CHECK(s.trainee_cost == 5);
  CHECK(s.efficiency == 100);
  CHECK(s.method.count() == 6);
  CHECK(s.articles_hit == 1);
  CHECK(s.penalties.empty());
  CHECK(s.p_diagnosis == 40);
  CHECK(s.p_outcome == 15);
  CHECK(s.p_priority == 10);
  CHECK(s.p_efficiency == 15);
  CHECK(s.p_method == 12);
  CHECK(s.p_articles == 8);
  CHECK(s.total == 100);
  CHECK(s.time_units == 8);
  CHECK(s.expert_time_units == 8);
}

TEST_CASE("a guided run that misreads a reply ends on the wrong diagnosis") {
  TrainingFixture f;
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
  play(run, "tree=t.net,=,=,yes,=,impact=high,urgency=high");
  const Score s = run.score();
  CHECK(s.diagnosis == "t.other:c_done");
  CHECK_FALSE(s.diagnosis_ok);
  CHECK(s.outcome == Outcome::refer_vendor);
  CHECK_FALSE(s.outcome_ok);
  CHECK(s.priority == "p1_critical");
  CHECK_FALSE(s.priority_ok);
  CHECK(s.trainee_cost == 6);
  CHECK(s.efficiency == 83);
  CHECK(s.p_efficiency == 0);  // efficiency only counts with the right diagnosis
  CHECK(s.method.identify);
  CHECK(s.method.theory);
  CHECK(s.method.test);
  CHECK_FALSE(s.method.implement);
  CHECK_FALSE(s.method.verify);
  CHECK_FALSE(s.method.document);
  CHECK(s.p_method == 6);
  CHECK(s.p_articles == 0);
  CHECK(s.total == 6);

  const Debrief d = run.debrief(Lang::en);
  REQUIRE(d.rows.size() == 6);
  CHECK(d.rows[0].kind == DebriefRow::Kind::tree);
  CHECK(d.rows[1].kind == DebriefRow::Kind::same);
  CHECK(d.rows[1].ref == "t.net:q_link");
  CHECK(d.rows[2].kind == DebriefRow::Kind::same);
  CHECK(d.rows[3].kind == DebriefRow::Kind::misread);
  CHECK(d.rows[3].ref == "t.net:q_dns");
  CHECK(d.rows[3].explanation.find("The reply was \"No\" but you recorded \"Yes\"") != std::string::npos);
  CHECK(d.rows[4].kind == DebriefRow::Kind::trainee_only);
  CHECK(d.rows[4].ref == "t.other:q_os");
  CHECK(d.rows[4].explanation.find("Outside the expert's scripts") != std::string::npos);
  CHECK(d.rows[5].kind == DebriefRow::Kind::diagnosis);
  CHECK(d.rows[5].explanation.find("The DNS server is down.") != std::string::npos);
  CHECK(d.hidden_fault == "The DNS server is down.");
}

TEST_CASE("a wasteful free run pays for repeats, a skipped warning and a missing backup") {
  TrainingFixture f;
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::free, Lang::en);
  play(run,
       "t.net:a_ip,t.net:q_link,t.net:q_link,t.net:q_kind,t.net:a_nslookup,t.net:q_dns,t.other:q_os,"
       "diagnosis=t.net:c_dns,impact=low,urgency=high,kb=net.dns,verify,document");
  const auto& a = run.actions();
  REQUIRE(a.size() == 13);
  CHECK(a[0].reply.kind == ReplyKind::value);
  CHECK(a[0].reply.value == "192.168.1.20");
  CHECK(a[2].redundant);
  CHECK(a[2].redundant_fact.empty());
  CHECK(a[3].reply.choice == "ok");
  CHECK_FALSE(a[3].redundant);
  CHECK(a[4].warning_skipped);
  CHECK(a[4].backup_missing);
  CHECK(a[4].reply.choice == "timeout");
  CHECK(a[5].redundant);
  CHECK(a[5].redundant_fact == "dns_ok");

  const Score s = run.score();
  CHECK(s.diagnosis_ok);
  CHECK(s.trainee_cost == 10);
  CHECK(s.efficiency == 50);
  CHECK(s.p_efficiency == 7);
  CHECK_FALSE(s.method.identify);
  CHECK(s.method.theory);
  CHECK(s.method.test);
  CHECK_FALSE(s.method.implement);
  CHECK(s.method.verify);
  CHECK(s.method.document);
  CHECK(s.p_method == 8);
  REQUIRE(s.penalties.size() == 4);
  CHECK(s.penalties[0].code == "redundant_step");
  CHECK(s.penalties[1].code == "backup_missing");
  CHECK(s.penalties[2].code == "warning_skipped");
  CHECK(s.penalties[3].code == "redundant_step");
  CHECK(s.p_penalties == 19);
  CHECK(s.total == 69);
  CHECK(s.time_units == 13);

  const Debrief d = run.debrief(Lang::fr);
  bool repeat_explained = false, fact_explained = false;
  for (const auto& r : d.rows) {
    if (r.explanation.find("Déjà fait") != std::string::npos) repeat_explained = true;
    if (r.explanation.find("DNS fonctionnel") != std::string::npos) fact_explained = true;
  }
  CHECK(repeat_explained);
  CHECK(fact_explained);
}

TEST_CASE("acknowledging and backing up before a risky step avoids the penalties") {
  TrainingFixture f;
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::free, Lang::en);
  play(run, "t.net:q_link,ack,backup,t.net:a_nslookup,diagnosis=t.net:c_dns");
  const Score s = run.score();
  CHECK(s.penalties.empty());
  CHECK(s.trainee_cost == 3);
  CHECK(s.efficiency == 100);
  CHECK(s.method.implement);
  CHECK(s.priority.empty());
  CHECK(s.total == 78);
  CHECK(s.time_units == 8);
}

TEST_CASE("stating a conclusion that replaces a sound part costs the wrong-part penalty") {
  TrainingFixture f;
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::free, Lang::en);
  play(run, "t.net:q_link,diagnosis=t.net:c_cable");
  const Score s = run.score();
  CHECK_FALSE(s.diagnosis_ok);
  CHECK(s.outcome_ok);  // fix, as expected, even if the wrong one
  CHECK(s.method.count() == 3);
  REQUIRE(s.penalties.size() == 1);
  CHECK(s.penalties[0].code == "wrong_part");
  CHECK(s.penalties[0].ref == "t.net:c_cable");
  CHECK(s.total == 11);
  const Debrief d = run.debrief(Lang::en);
  CHECK(d.rows.back().explanation.find("Part replaced although it was not faulty: Cable.") != std::string::npos);
}

TEST_CASE("an outcome override and the last qualification count") {
  TrainingFixture f;
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
  play(run, "impact=high,tree=t.net,=,=,=,outcome=escalate_l2,impact=low,urgency=high");
  const Score s = run.score();
  CHECK(s.outcome == Outcome::escalate_l2);
  CHECK_FALSE(s.outcome_ok);
  CHECK(s.impact == Level::low);
  CHECK(s.priority_ok);
}

TEST_CASE("refused actions leave the run unchanged and say why") {
  TrainingFixture f;
  SUBCASE("guided") {
    TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
    CHECK(run.act("=") == ActionError::no_tree);
    CHECK(run.act("t.net:q_link") == ActionError::wrong_mode);
    CHECK(run.act("diagnosis=t.net:c_dns") == ActionError::wrong_mode);
    CHECK(run.act("tree=t.nope") == ActionError::unknown_tree);
    CHECK(run.act("verify") == ActionError::not_diagnosed);
    CHECK(run.act("impact=huge") == ActionError::bad_value);
    CHECK(run.act("outcome=fixed") == ActionError::bad_value);
    CHECK(run.act("kb=") == ActionError::bad_value);
    CHECK(run.act("") == ActionError::unknown_action);
    CHECK(run.actions().empty());
    CHECK(run.act("tree=t.net") == ActionError::none);
    CHECK(run.act("maybe") == ActionError::not_a_choice);
    CHECK(run.last_error().find("1=on, 2=off") != std::string::npos);
    play(run, "on,192.168.1.20,no");
    CHECK(run.diagnosed());
    CHECK(run.act("=") == ActionError::already_diagnosed);
    CHECK(run.act("tree=t.other") == ActionError::already_diagnosed);
    CHECK(run.tokens().size() == 4);
  }
  SUBCASE("free") {
    TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::free, Lang::en);
    CHECK(run.act("=") == ActionError::unknown_action);
    CHECK(run.act("tree=t.net") == ActionError::wrong_mode);
    CHECK(run.act("t.net:c_dns") == ActionError::unknown_node);
    CHECK(run.act("t.net:nope") == ActionError::unknown_node);
    CHECK(run.act("diagnosis=t.net:q_link") == ActionError::unknown_node);
    CHECK(run.act("diagnosis=c_dns") == ActionError::unknown_node);
    CHECK(run.actions().empty());
    play(run, "diagnosis=t.net:c_dns");
    CHECK(run.act("t.net:q_link") == ActionError::already_diagnosed);
    CHECK(run.act("diagnosis=t.net:c_dhcp") == ActionError::already_diagnosed);
  }
}

TEST_CASE("guided mode records misreads, don't know and tree switches") {
  TrainingFixture f;
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
  play(run, "tree=t.other");
  REQUIRE(run.current_reply().has_value());
  CHECK(run.current_reply()->choice == "win");
  play(run, "tree=t.net,=,=,?");
  // "Don't know" at q_dns leads to the nslookup test; its reply is the ground truth.
  REQUIRE(run.session() != nullptr);
  CHECK(run.session()->step().node == "a_nslookup");
  CHECK(run.actions().back().misread);
  play(run, "ack,backup,=");
  CHECK(run.diagnosis() == "t.net:c_dns");
  const Score s = run.score();
  CHECK(s.diagnosis_ok);
  CHECK(s.penalties.empty());
  CHECK(s.trainee_cost == 7);
  CHECK(s.efficiency == 71);
  const Debrief d = run.debrief(Lang::en);
  CHECK(d.rows[0].kind == DebriefRow::Kind::tree);
  CHECK(d.rows[0].explanation.find("The expert used: No network.") != std::string::npos);
}

TEST_CASE("the same actions always give the same score and can be replayed") {
  TrainingFixture f;
  const std::string tokens = "t.net:q_link,t.net:a_ip,t.net:q_dns,diagnosis=t.net:c_dns,impact=medium,urgency=high,verify";
  TrainingRun a(f.knowledge, f.set, f.scenario(), Mode::free, Lang::en);
  TrainingRun b(f.knowledge, f.set, f.scenario(), Mode::free, Lang::fr);
  play(a, tokens);
  play(b, tokens);
  CHECK(a.score().total == b.score().total);
  CHECK(a.score().total == 40 + 15 + 0 + 15 + 10 + 0);
  TrainingRun c(f.knowledge, f.set, f.scenario(), Mode::free, Lang::en);
  for (const auto& t : a.tokens()) CHECK(c.act(t) == ActionError::none);
  CHECK(c.score().total == a.score().total);
  CHECK(c.time_units() == a.time_units());
}

TEST_CASE("a swap test the expert needed is not a wrong part") {
  const std::string catalogue = std::string(test::mini_catalogue) + "[parts.nic]\nlabel = { fr = \"Carte\", en = \"Card\" }\nsteps = [\"t.net:a_ip\"]\n";
  TrainingFixture f(test::dns_scenario, catalogue);
  TrainingRun run(f.knowledge, f.set, f.scenario(), Mode::guided, Lang::en);
  play(run, "tree=t.net,=,=,=");
  CHECK(run.score().penalties.empty());
  CHECK(run.expert().cost == 1 + cost_part_swap + 1);
  TrainingRun other(f.knowledge, f.set, f.scenario(), Mode::free, Lang::en);
  play(other, "t.net:a_ip");
  CHECK(other.actions()[0].wrong_part.empty());
  CHECK(other.actions()[0].cost == cost_part_swap);
}
