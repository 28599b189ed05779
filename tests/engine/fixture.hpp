#pragma once
// Test fixtures: a temporary folder and a small, hand-written knowledge base.


#include <cstdlib>
#include <vector>
#include <filesystem>
#include <fstream>
#include <string>

namespace test {

namespace fs = std::filesystem;

/// A fresh temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "diagdesk-test-XXXXXX").string();
    char* made = ::mkdtemp(pattern.data());
    m_path = made ? fs::path(made) : fs::temp_directory_path() / "diagdesk-test-fallback";
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return m_path; }
  fs::path write(const std::string& rel, const std::string& content) const {
    const fs::path p = m_path / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  fs::path m_path;
};

inline std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// Facts used by the mini KB.
inline const char* mini_facts = R"(schema_version = 1
[facts.os]
type = "enum"
values = ["windows11", "linux"]
label = { fr = "Système", en = "Operating system" }
[facts.link]
type = "bool"
label = { fr = "Voyant allumé", en = "Link light on" }
[facts.ip_address]
type = "ipv4"
label = { fr = "Adresse IP", en = "IP address" }
[facts.ip_config]
type = "enum"
values = ["apipa", "dhcp_ok"]
label = { fr = "Configuration IP", en = "IP configuration" }
[facts.dns_ok]
type = "bool"
label = { fr = "DNS fonctionnel", en = "DNS works" }
)";

/// A small network tree: link light (fact-bound) -> typed IP (rules route it)
/// -> DHCP branch or DNS question (don't know leads to a test) -> jump.
inline const char* mini_tree = R"(schema_version = 1
id = "t.net"
domain = "network"
competency = 5
start = "q_link"
title = { fr = "Pas de réseau", en = "No network" }
symptoms = { fr = ["pas de réseau"], en = ["no network"] }

[[nodes]]
id = "q_link"
kind = "question"
fact = "link"
text = { fr = "Le voyant est-il allumé ?", en = "Is the link light on?" }
why = { fr = "Sépare le câble du reste.", en = "Separates the cable from the rest." }
  [[nodes.choices]]
  id = "on"
  label = { fr = "Oui", en = "Yes" }
  set = { link = true }
  next = "a_ip"
  [[nodes.choices]]
  id = "off"
  label = { fr = "Non", en = "No" }
  set = { link = false }
  next = "c_cable"

[[nodes]]
id = "a_ip"
kind = "action"
text = { fr = "Relevez l'adresse IPv4.", en = "Read the IPv4 address." }
commands = [ { os = "windows", cmd = "ipconfig /all" } ]
input = "ip_address"
next = "q_kind"

[[nodes]]
id = "q_kind"
kind = "question"
fact = "ip_config"
text = { fr = "Quel type d'adresse ?", en = "Which kind of address?" }
  [[nodes.choices]]
  id = "apipa"
  label = { fr = "169.254.x.x", en = "169.254.x.x" }
  set = { ip_config = "apipa" }
  next = "c_dhcp"
  [[nodes.choices]]
  id = "ok"
  label = { fr = "Adresse normale", en = "Normal address" }
  set = { ip_config = "dhcp_ok" }
  next = "q_dns"

[[nodes]]
id = "q_dns"
kind = "question"
fact = "dns_ok"
text = { fr = "Les noms se résolvent-ils ?", en = "Do names resolve?" }
dont_know = "a_nslookup"
  [[nodes.choices]]
  id = "yes"
  label = { fr = "Oui", en = "Yes" }
  set = { dns_ok = true }
  next = "j_other"
  [[nodes.choices]]
  id = "no"
  label = { fr = "Non", en = "No" }
  set = { dns_ok = false }
  next = "c_dns"

[[nodes]]
id = "a_nslookup"
kind = "action"
text = { fr = "Lancez nslookup.", en = "Run nslookup." }
find_out = { fr = "Tapez nslookup example.com.", en = "Type nslookup example.com." }
warnings = [ { kind = "data_loss", text = { fr = "Rien à perdre.", en = "Nothing to lose." } } ]
  [[nodes.choices]]
  id = "answers"
  label = { fr = "Réponse", en = "Answer" }
  set = { dns_ok = true }
  next = "j_other"
  [[nodes.choices]]
  id = "timeout"
  label = { fr = "Délai dépassé", en = "Timed out" }
  set = { dns_ok = false }
  next = "c_dns"

[[nodes]]
id = "j_other"
kind = "jump"
tree = "t.other"

[[nodes]]
id = "c_cable"
kind = "conclusion"
diagnosis = { fr = "Câble débranché.", en = "Cable unplugged." }
remedy = [ { fr = "Rebranchez le câble.", en = "Plug the cable back in." } ]
outcome = "resolved"
articles = ["net.cable"]

[[nodes]]
id = "c_dhcp"
kind = "conclusion"
diagnosis = { fr = "Le DHCP ne répond pas.", en = "DHCP does not answer." }
remedy = [ { fr = "Vérifiez le serveur DHCP.", en = "Check the DHCP server." } ]
outcome = "escalate_l2"
articles = ["net.apipa"]

[[nodes]]
id = "c_dns"
kind = "conclusion"
diagnosis = { fr = "DNS en panne.", en = "DNS is down." }
remedy = [ { fr = "Videz le cache DNS.", en = "Flush the DNS cache." } ]
outcome = "resolved"
articles = ["net.dns"]
)";

inline const char* other_tree = R"(schema_version = 1
id = "t.other"
domain = "network"
competency = 5
start = "q_os"
title = { fr = "Autre", en = "Other" }
symptoms = { fr = ["autre"], en = ["other"] }

[[nodes]]
id = "q_os"
kind = "question"
fact = "os"
text = { fr = "Quel système ?", en = "Which OS?" }
  [[nodes.choices]]
  id = "win"
  label = { fr = "Windows 11", en = "Windows 11" }
  set = { os = "windows11" }
  next = "c_done"
  [[nodes.choices]]
  id = "lin"
  label = { fr = "Linux", en = "Linux" }
  set = { os = "linux" }
  next = "c_done"

[[nodes]]
id = "c_done"
kind = "conclusion"
diagnosis = { fr = "Application en cause.", en = "The application is at fault." }
remedy = [ { fr = "Réinstallez.", en = "Reinstall." } ]
outcome = "refer_vendor"
articles = ["app.reinstall"]
)";

inline const char* mini_rules = R"(schema_version = 1
[[rules]]
id = "r.apipa"
salience = 10
when = [ { fact = "ip_address", op = "in_cidr", value = "169.254.0.0/16" } ]
assert = { ip_config = "apipa" }
explain = { fr = "APIPA : pas de DHCP.", en = "APIPA: no DHCP." }

[[rules]]
id = "r.private"
when = [ { fact = "ip_address", op = "in_cidr", value = "192.168.0.0/16" } ]
assert = { ip_config = "dhcp_ok" }

[[rules]]
id = "r.warn_dns"
when = [ { fact = "dns_ok", op = "eq", value = false } ]
warn = { fr = "Vérifiez aussi le proxy.", en = "Check the proxy too." }
recommend = "t.other"
)";

/// Writes the mini KB into `dir` (facts/, trees/, rules/).
inline void write_mini_kb(const TempDir& dir) {
  dir.write("facts/mini.toml", mini_facts);
  dir.write("trees/network/t.net.toml", mini_tree);
  dir.write("trees/network/t.other.toml", other_tree);
  dir.write("rules/mini.toml", mini_rules);
}

/// The article topics the mini KB links.
/// A [ticket] section for the training scenario on t.net (test_training_fixture.hpp,
/// tests/e2e/test_train_cli.cpp): one user, work stopped (P3), resolved at level 1.
inline const char* mini_ticket_section = R"(
[ticket]
opened_as = "incident"
caller = "Marie Dupont"
title = { fr = "Plus de sites web", en = "No more web sites" }
says = { fr = "Plus rien ne s'ouvre sur Internet.", en = "Nothing opens on the Internet." }
type = "incident"
impact = "low"
urgency = "high"
priority = 3
outcome = "resolved"
)";

inline std::vector<std::string> mini_topics() { return {"net.cable", "net.apipa", "net.dns", "app.reinstall"}; }

}  // namespace test
