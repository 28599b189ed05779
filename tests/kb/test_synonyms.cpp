#include <diagdesk/kb/synonyms.hpp>

#include <doctest/doctest.h>

#include <set>

using namespace diagdesk::kb;

TEST_CASE("the bundled synonyms file loads cleanly with 40 groups or more") {
  SynonymsResult r = load_synonyms(std::string(DIAGDESK_DATA_DIR) + "/synonyms.toml");
  for (const auto& d : r.diagnostics) MESSAGE(format(d));
  CHECK(r.diagnostics.empty());
  CHECK(r.synonyms.groups.size() >= 40);
  // The groups the issue names exist, in both languages.
  std::set<std::string> all;
  for (const auto& g : r.synonyms.groups) all.insert(g.terms.begin(), g.terms.end());
  for (const char* t : {"wifi", "wi-fi", "sans fil", "wlan", "ad", "active directory", "annuaire",
                        "imprimante", "printer", "mdp", "mot de passe", "password", "pc",
                        "ordinateur", "poste", "computer", "lent", "slow", "réseau", "network",
                        "courriel", "mail", "e-mail", "messagerie"})
    CHECK_MESSAGE(all.count(t), t);
}

TEST_CASE("synonym file problems are reported and the rest is kept") {
  SynonymsResult r = parse_synonyms("syn.toml", R"(schema_version = 1
[[group]]
terms = ["a", "b"]
[[group]]
terms = ["alone"]
[[group]]
terms = ["c", ""]
[[group]]
terms = ["B", "d"]
colour = "red"
)");
  std::set<std::string> codes;
  for (const auto& d : r.diagnostics) codes.insert(d.code);
  CHECK(codes.count("field.value"));        // the lone term, the empty term
  CHECK(codes.count("synonym.duplicate"));  // "B" is already in the first group
  CHECK(codes.count("field.unknown"));      // colour
  CHECK(r.synonyms.groups.size() == 2);
}

TEST_CASE("a broken synonyms file gives a located error and no groups") {
  SynonymsResult r = parse_synonyms("syn.toml", "schema_version = 1\n[[group]\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "toml.syntax");
  CHECK(r.diagnostics[0].line == 2);
  CHECK(r.synonyms.groups.empty());
}
