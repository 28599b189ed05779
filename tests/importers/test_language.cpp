// French / English detection (language.hpp).
#include <diagdesk/importers/language.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::importers;

TEST_CASE("detect_language tells French from English by stop words") {
  struct Row {
    const char* text;
    const char* lang;
  };
  const Row rows[] = {
      {"Le poste n'a pas obtenu d'adresse IP : vérifiez le câble et redémarrez la box.", "fr"},
      {"L’imprimante est hors ligne ; vérifiez qu’elle est allumée et reliée au réseau.", "fr"},
      {"The computer did not get an IP address: check the cable and restart the router.", "en"},
      {"If the printer is offline, check that it is turned on and connected to the network.", "en"},
      // Accents missing (typed fast) still read as French.
      {"Le reseau est tres lent dans la salle de reunion, pas de Wi-Fi pour les invites", "fr"},
      {"ipconfig /all", ""},                  // a command alone: undecided
      {"", ""},
      {"Der Drucker ist nicht verbunden und zeigt einen Fehler", ""},  // neither
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.text));
    CHECK(detect_language(row.text).lang == row.lang);
  }
}

TEST_CASE("detect_language reports its evidence") {
  LanguageGuess g = detect_language("the cable of the printer and the router");
  CHECK(g.lang == "en");
  CHECK(g.en_hits == 5);  // the x3, of, and
  CHECK(g.fr_hits == 0);
  CHECK(g.words == 8);
}

TEST_CASE("language_of_locale reads locale folder names") {
  struct Row {
    const char* name;
    const char* lang;
  };
  const Row rows[] = {
      {"C", "en"},     {"POSIX", "en"}, {"en", "en"},   {"en_GB", "en"}, {"fr", "fr"},
      {"fr_FR", "fr"}, {"fr-CA", "fr"}, {"de", "de"},   {"pt_BR", "pt"}, {"sr@latin", "sr"},
      {"it_IT", "it"},
      // Folder words that are also language codes need a region to count.
      {"it", ""},      {"os", ""},      {"docs", ""},   {"network", ""}, {"fr_fr", ""},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.name));
    CHECK(language_of_locale(row.name) == row.lang);
  }
}
