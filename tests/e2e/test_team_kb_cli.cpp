// End-to-end: the team knowledge base served by a real xapian-tcpsrv. One
// machine builds the index of the team layer (`diagdesk index --kb DIR --out
// DIR`); each Diagdesk searches its bundled KB and the team index in one
// query (`--team-index HOST:PORT`); the server stopped, search goes on over
// the local layers with a notice in the user's language.
#include "run.hpp"
#include "tcpsrv.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

using test::diagdesk;

namespace {

std::string team_article(const std::string& id, const std::string& lang, const std::string& title,
                         const std::string& body) {
  return "+++\nschema_version = 1\nid = \"" + id + "." + lang + "\"\ntitle = \"" + title + "\"\nlang = \"" + lang +
         "\"\ndomain = \"network\"\ncompetency = 2\nsource = \"team\"\nupdated = 2026-12-01\n+++\n\n" + body + "\n";
}

}  // namespace

TEST_CASE("the team index built by one machine and served by xapian-tcpsrv is searched with the bundled KB") {
  test::TempDir indexer, operator_home, team_kb, served;
  team_kb.write("articles/en/vpn-token.md",
                team_article("team.vpn_token", "en", "The VPN asks for a hardware token",
                             "Since the December change, the company VPN asks for the hardware token: give the "
                             "caller the token form."));
  team_kb.write("articles/fr/vpn-token.md",
                team_article("team.vpn_token", "fr", "Le VPN demande un jeton matériel",
                             "Depuis décembre, le VPN de l'entreprise demande le jeton matériel : donnez le "
                             "formulaire du jeton à l'appelant."));
  const std::string data = "--data " + test::quote(DIAGDESK_DATA_DIR) + " ";
  const auto out_dir = served.path() / "team-index";
  auto r = diagdesk(indexer, data + "--lang en index --kb " + test::quote(team_kb.path().string()) + " --out " +
                                 test::quote(out_dir.string()) + " --json");
  INFO(r.err);
  REQUIRE(r.rc == 0);
  CHECK(nlohmann::json::parse(r.out)["total"] == 2);  // the team's two articles, no bundled one
  CHECK(diagdesk(indexer, data + "index --out " + test::quote(out_dir.string())).rc == 2);  // --out needs --kb

  kbtest::TcpServer server(out_dir);
  INFO(server.said());
  REQUIRE(server.start());
  const std::string team = "--team-index 127.0.0.1:" + std::to_string(server.port()) + " ";
  r = diagdesk(operator_home, data + team + "--lang en search hardware token VPN --json");
  INFO(r.err);
  REQUIRE(r.rc == 0);
  auto hits = nlohmann::json::parse(r.out)["hits"];
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0]["id"] == "team.vpn_token.en");
  CHECK(hits[0]["layer"] == "team");
  // One query, both sources: a bundled article comes with the team's.
  r = diagdesk(operator_home, data + team + "--lang en search VPN token --limit 50 --json");
  REQUIRE(r.rc == 0);
  std::set<std::string> layers;
  const auto listed = nlohmann::json::parse(r.out);
  for (const auto& h : listed["hits"]) layers.insert(h["layer"].get<std::string>());
  CHECK(layers.count("team") == 1);
  CHECK(layers.count("bundled") == 1);

  server.stop();
  r = diagdesk(operator_home, data + team + "--lang fr search VPN");
  CHECK(r.rc == 0);  // the local layers still answer
  CHECK(r.err.find("base de l'équipe est injoignable") != std::string::npos);
  CHECK(r.out.find("team.vpn_token") == std::string::npos);
  r = diagdesk(operator_home, data + "--team-index nowhere --lang en search VPN");
  CHECK(r.err.find("is not host:port") != std::string::npos);
}
