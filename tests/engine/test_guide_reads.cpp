// The implicit gate (a question every way in to which comes from actions reads
// their result: it waits for one of them) and the rules run after each guided
// answer (prior_when follows what they deduce).
#include "fixture.hpp"

#include <diagdesk/engine/guide.hpp>
#include <diagdesk/engine/guide_session.hpp>
#include <diagdesk/engine/knowledge.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk::engine;

namespace {

bool offered(const GuidedState& s, const std::string& id) {
  return std::any_of(s.options.begin(), s.options.end(), [&](const GuidedOption& o) { return o.rank.id == id; });
}

std::vector<std::string> ids(const GuideModel& m, const std::vector<int>& tests) {
  std::vector<std::string> out;
  for (int t : tests) out.push_back(m.tests[t].node);
  return out;
}

double posterior_of(const GuidedState& s, const std::string& leaf) {
  for (const auto& c : s.causes) {
    if (c.leaf == leaf) return c.posterior;
  }
  return -1;
}

// q_kind (question, free: the start leads to it) -> a_look (action) -> q_seen
// (question: reads a_look) ; q_kind also leads to q_mixed, which a_look leads to
// as well (a question leads to it: free).
const char* reads_tree = R"(schema_version = 1
id = "t.reads"
domain = "network"
competency = 5
start = "q_kind"
title = { fr = "Lecture", en = "Reading" }
symptoms = { fr = ["lecture"], en = ["reading"] }
[model]
other = 0.05
[[nodes]]
id = "q_kind"
kind = "question"
text = { fr = "Quel cas ?", en = "Which case?" }
  [[nodes.choices]]
  id = "look"
  label = { fr = "Regarder", en = "Look" }
  next = "a_look"
  [[nodes.choices]]
  id = "mixed"
  label = { fr = "Mixte", en = "Mixed" }
  next = "q_mixed"
[[nodes]]
id = "a_look"
kind = "action"
text = { fr = "Lancez ipconfig.", en = "Run ipconfig." }
  [[nodes.choices]]
  id = "shown"
  label = { fr = "Affiché", en = "Shown" }
  next = "a_type"
  [[nodes.choices]]
  id = "other"
  label = { fr = "Autre", en = "Other" }
  next = "q_mixed"
[[nodes]]
id = "a_type"
kind = "action"
text = { fr = "Saisissez l'adresse.", en = "Type the address." }
next = "q_seen"
[[nodes]]
id = "q_seen"
kind = "question"
text = { fr = "Quel type d'adresse ?", en = "Which kind of address?" }
  [[nodes.choices]]
  id = "apipa"
  label = { fr = "169.254", en = "169.254" }
  next = "c_dhcp"
  [[nodes.choices]]
  id = "fine"
  label = { fr = "Normale", en = "Normal" }
  next = "c_dns"
[[nodes]]
id = "q_mixed"
kind = "question"
text = { fr = "Câble ?", en = "Cable?" }
  [[nodes.choices]]
  id = "yes"
  label = { fr = "Oui", en = "Yes" }
  next = "c_cable"
  [[nodes.choices]]
  id = "no"
  label = { fr = "Non", en = "No" }
  next = "c_wifi"
[[nodes]]
id = "c_dhcp"
kind = "conclusion"
prior = 0.4
diagnosis = { fr = "DHCP", en = "DHCP" }
outcome = "resolved"
[[nodes]]
id = "c_dns"
kind = "conclusion"
prior = 0.3
diagnosis = { fr = "DNS", en = "DNS" }
outcome = "resolved"
[[nodes]]
id = "c_cable"
kind = "conclusion"
prior = 0.15
diagnosis = { fr = "Câble", en = "Cable" }
outcome = "resolved"
[[nodes]]
id = "c_wifi"
kind = "conclusion"
prior = 0.1
diagnosis = { fr = "Wi-Fi", en = "Wi-Fi" }
outcome = "resolved"
)";

}  // namespace

TEST_CASE("implicit gate: a question reached only from actions waits for one of them") {
  test::TempDir dir;
  dir.write("trees/network/t.reads.toml", reads_tree);
  auto loaded = load_knowledge({dir.path()});
  for (const auto& d : loaded.diagnostics) CHECK_MESSAGE(d.severity != Severity::error, format(d));
  const Tree* tree = loaded.knowledge->find_tree("t.reads");
  REQUIRE(tree);
  const GuideModel m = build_guide_model(*tree);
  const int seen = m.test_index("q_seen"), mixed = m.test_index("q_mixed"), look = m.test_index("a_look");
  REQUIRE(seen >= 0);
  REQUIRE(mixed >= 0);
  REQUIRE(look >= 0);
  CHECK(m.gated);
  // Through the input node a_type, q_seen comes from a_look only.
  CHECK(ids(m, m.tests[seen].reads) == std::vector<std::string>{"a_look"});
  CHECK(m.tests[mixed].reads.empty());            // a question leads to it too
  CHECK(m.tests[m.test_index("q_kind")].reads.empty());  // the start leads to it
  CHECK(m.tests[look].reads.empty());             // an action never reads
  const Belief prior = prior_belief(m);
  CHECK(ids(m, gate_pending(m, prior, seen)) == std::vector<std::string>{"a_look"});
  // q_seen alone would split the two likeliest causes: without the gate it would lead.
  const std::vector<GuideStep> steps = rank_steps(m, prior);
  CHECK(std::none_of(steps.begin(), steps.end(), [](const GuideStep& s) { return s.id == "q_seen"; }));
  SUBCASE("the action answered releases it") {
    const Belief b = observe(m, prior, look, 0);
    CHECK(gate_pending(m, b, seen).empty());
    const std::vector<GuideStep> next = rank_steps(m, b);
    CHECK(std::any_of(next.begin(), next.end(), [](const GuideStep& s) { return s.id == "q_seen"; }));
  }
  SUBCASE("the answers lead around the action") {
    const Belief b = observe(m, prior, m.test_index("q_kind"), 1);  // mixed: a_look can no longer be reached
    CHECK(gate_pending(m, b, seen).empty());
  }
  SUBCASE("the guided session refuses it, and the simulated policies take the action first") {
    GuidedSession g(loaded.knowledge, "t.reads");
    CHECK(!offered(g.state(), "q_seen"));
    CHECK(g.answer("q_seen", "apipa") == GuidedError::gated);
    REQUIRE(g.answer("a_look", "shown") == GuidedError::none);
    CHECK(g.answer("q_seen", "apipa") == GuidedError::none);
    CHECK(g.concluded());
    CHECK(g.state().leaf == "c_dhcp");
  }
}

TEST_CASE("implicit gate on the bundled net.no_internet: the address type waits for ipconfig") {
  auto k = load_knowledge({DIAGDESK_DATA_DIR}).knowledge;
  const Tree* tree = k->find_tree("net.no_internet");
  REQUIRE(tree);
  const GuideModel m = build_guide_model(*tree);
  const int ip = m.test_index("q_ip_config"), renewed = m.test_index("q_works_after_renew");
  REQUIRE(ip >= 0);
  REQUIRE(renewed >= 0);
  CHECK(ids(m, m.tests[ip].reads) == std::vector<std::string>{"a_ipconfig"});
  CHECK(ids(m, m.tests[renewed].reads) == std::vector<std::string>{"a_renew"});
  // Follow the best step with the answers of the DHCP fault: ipconfig always comes
  // before the question that reads it, and the renewal before "works after renewing?".
  GuidedSession g(k, "net.no_internet", GuidedStart{{}, {}, true});
  std::vector<std::string> taken;
  for (int i = 0; i < 12 && !g.concluded(); ++i) {
    for (const GuidedOption& o : g.state().options) {
      if (o.rank.id == "q_ip_config") CHECK_MESSAGE(std::find(taken.begin(), taken.end(), "a_ipconfig") != taken.end(), "q_ip_config offered before a_ipconfig");
      if (o.rank.id == "q_works_after_renew") CHECK_MESSAGE(std::find(taken.begin(), taken.end(), "a_renew") != taken.end(), "renewal result asked before the renewal");
    }
    REQUIRE(g.best());
    const std::string id = g.best()->rank.id;  // acknowledge() rebuilds the state
    g.acknowledge(id);
    REQUIRE_MESSAGE(g.answer(id, "1") == GuidedError::none, id);
    taken.push_back(id);
  }
}

TEST_CASE("guided answers run the rules: prior_when follows a fact they deduce") {
  test::TempDir dir;
  dir.write("facts/device.toml", R"(schema_version = 1
[facts.device_type]
type = "enum"
values = ["laptop", "desktop"]
label = { fr = "Type d'appareil", en = "Device type" }
[facts.chassis]
type = "enum"
values = ["portable", "fixed"]
label = { fr = "Châssis", en = "Chassis" }
)");
  dir.write("rules/device.toml", R"(schema_version = 1
[[rules]]
id = "t.laptop_is_portable"
when = [ { fact = "device_type", op = "eq", value = "laptop" } ]
assert = { chassis = "portable" }
)");
  dir.write("trees/hardware/t.power.toml", R"(schema_version = 1
id = "t.power"
domain = "hardware"
competency = 5
start = "q_device"
title = { fr = "Ne démarre pas", en = "Does not start" }
symptoms = { fr = ["ne démarre pas"], en = ["does not start"] }
[model]
other = 0.05
[[nodes]]
id = "q_device"
kind = "question"
fact = "device_type"
text = { fr = "Portable ou fixe ?", en = "Laptop or desktop?" }
  [[nodes.choices]]
  id = "laptop"
  label = { fr = "Portable", en = "Laptop" }
  set = { device_type = "laptop" }
  next = "q_power"
  [[nodes.choices]]
  id = "desktop"
  label = { fr = "Fixe", en = "Desktop" }
  set = { device_type = "desktop" }
  next = "q_power"
[[nodes]]
id = "q_power"
kind = "question"
text = { fr = "Un voyant ?", en = "Any light?" }
  [[nodes.choices]]
  id = "none"
  label = { fr = "Aucun", en = "None" }
  next = "c_battery"
  [[nodes.choices]]
  id = "on"
  label = { fr = "Allumé", en = "On" }
  next = "c_psu"
[[nodes]]
id = "c_battery"
kind = "conclusion"
prior = 0.30
prior_when = [ { facts = { chassis = "portable" }, prior = 0.80 } ]
diagnosis = { fr = "Batterie", en = "Battery" }
outcome = "resolved"
[[nodes]]
id = "c_psu"
kind = "conclusion"
prior = 0.65
diagnosis = { fr = "Alimentation", en = "Power supply" }
outcome = "resolved"
)");
  auto loaded = load_knowledge({dir.path()});
  for (const auto& d : loaded.diagnostics) CHECK_MESSAGE(d.severity != Severity::error, format(d));
  GuidedSession g(loaded.knowledge, "t.power");
  // Authored priors: 0.30 / (0.30 + 0.65 + 0.05).
  CHECK(posterior_of(g.state(), "c_battery") == doctest::Approx(0.30));
  SUBCASE("laptop: the rule deduces a portable chassis, the prior_when applies") {
    REQUIRE(g.answer("q_device", "laptop") == GuidedError::none);
    // 0.80 / (0.80 + 0.65 + 0.05); q_device tells nothing about the two causes.
    CHECK(posterior_of(g.state(), "c_battery") == doctest::Approx(0.80 / 1.50));
  }
  SUBCASE("desktop: no rule fires, the authored prior stays") {
    REQUIRE(g.answer("q_device", "desktop") == GuidedError::none);
    CHECK(posterior_of(g.state(), "c_battery") == doctest::Approx(0.30));
  }
}
