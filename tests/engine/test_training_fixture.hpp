#pragma once
// Training fixtures: the mini KB of fixture.hpp plus a scenario, a catalogue,
// and helpers to load them and to play tokens.

#include "fixture.hpp"

#include <diagdesk/engine/training_lint.hpp>
#include <diagdesk/engine/training_run.hpp>

#include <doctest/doctest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace test {

/// A scenario on the mini tree t.net: link on, private address (the rule
/// r.private deduces dhcp_ok), DNS down. Expert path: q_link (1) > a_ip (3)
/// > q_kind skipped by the rule > q_dns (1) > c_dns; cost 5.
inline const char* dns_scenario = R"(schema_version = 1
id = "s.dns"
title = { fr = "Plus de sites web", en = "No more web sites" }
competency = 5
difficulty = 1
tree = "t.net"
complaint = { fr = "Internet ne marche plus.", en = "Internet is broken." }
hidden_fault = { fr = "Le serveur DNS est tombé.", en = "The DNS server is down." }
risky_steps = ["t.net:a_nslookup"]

[context]
asset = "PC-1"
os = "Windows 11"
user = { fr = "Marie, comptable", en = "Marie, accountant" }
site = { fr = "Lyon", en = "Lyon" }

[facts]
link = true
ip_address = "192.168.1.20"
ip_config = "dhcp_ok"
dns_ok = false
os = "windows11"

[expected]
diagnosis = "t.net:c_dns"
outcome = "resolved"
impact = "low"
urgency = "high"
articles = ["net.dns"]
)";

inline const char* mini_catalogue = R"(schema_version = 1
[parts.cable]
label = { fr = "Câble", en = "Cable" }
steps = ["t.net:c_cable"]
)";

/// The mini KB and a scenario folder, loaded.
struct TrainingFixture {
  TempDir dir;
  std::shared_ptr<const diagdesk::engine::Knowledge> knowledge;
  diagdesk::engine::ScenarioSet set;

  explicit TrainingFixture(const std::string& scenario = dns_scenario, const std::string& catalogue = mini_catalogue) {
    write_mini_kb(dir);
    dir.write("scenarios/s.toml", scenario);
    if (!catalogue.empty()) dir.write("scenarios/catalogue.toml", catalogue);
    reload();
  }
  void reload() {
    auto loaded = diagdesk::engine::load_knowledge({dir.path()});
    REQUIRE(diagdesk::engine::count_errors(loaded.diagnostics) == 0);
    knowledge = loaded.knowledge;
    set = diagdesk::engine::load_scenarios({dir.path() / "scenarios"}, knowledge->facts());
  }
  const diagdesk::engine::Scenario& scenario(const std::string& id = "s.dns") const {
    const auto* s = set.find(id);
    REQUIRE(s != nullptr);
    return *s;
  }
  /// Every diagnostic of loading and linting the scenarios.
  std::vector<diagdesk::engine::Diagnostic> lint() const {
    std::vector<diagdesk::engine::Diagnostic> out = set.diagnostics;
    const std::vector<std::string> topics = mini_topics();
    diagdesk::engine::lint_scenarios(knowledge, set, out, &topics);
    return out;
  }
};

/// "code@line" for each diagnostic, to compare in one CHECK.
inline std::string codes(const std::vector<diagdesk::engine::Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += (out.empty() ? "" : " ") + d.code + "@" + std::to_string(d.pos.line);
  return out;
}

inline bool has_code(const std::vector<diagdesk::engine::Diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds) {
    if (d.code == code) return true;
  }
  return false;
}

/// Plays comma-separated tokens; every one must be accepted.
inline void play(diagdesk::engine::TrainingRun& run, const std::string& tokens) {
  std::istringstream in(tokens);
  std::string t;
  while (std::getline(in, t, ',')) {
    INFO("action: " << t);
    const auto e = run.act(t);
    CHECK_MESSAGE(e == diagdesk::engine::ActionError::none, std::string(run.last_error()));
  }
}

}  // namespace test
