#include <diagdesk/kb/text.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::kb;

TEST_CASE("fold lower-cases and removes French accents") {
  struct Row {
    const char* in;
    const char* out;
  } rows[] = {
      {"Réseau", "reseau"},
      {"ÉCRAN", "ecran"},
      {"sécurité", "securite"},
      {"Œuvre cœur", "oeuvre coeur"},
      {"ça où île Noël", "ca ou ile noel"},
      {"L’imprimante", "l'imprimante"},  // typographic apostrophe
      {"Re\xCC\x81seau", "reseau"},       // decomposed é (e + combining acute)
      {"0x80070005", "0x80070005"},
      {"×÷", "×÷"},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.in));
    CHECK(fold(r.in) == r.out);
  }
}

TEST_CASE("strip_elision removes French elided articles and pronouns only") {
  CHECK(strip_elision("l'imprimante") == "imprimante");
  CHECK(strip_elision("d'acces") == "acces");
  CHECK(strip_elision("qu'il") == "il");
  CHECK(strip_elision("jusqu'ici") == "ici");
  CHECK(strip_elision("n'imprime") == "imprime");
  CHECK(strip_elision("aujourd'hui") == "aujourd'hui");
  CHECK(strip_elision("l'") == "l'");
  CHECK(strip_elision("printer") == "printer");
}

TEST_CASE("find_invalid_utf8 finds the first bad byte") {
  CHECK(find_invalid_utf8("réseau") == std::string::npos);
  CHECK(find_invalid_utf8("ab\xE9z") == 2);            // Latin-1 é
  CHECK(find_invalid_utf8("ok\xC0\xAF") == 2);         // overlong '/'
  CHECK(find_invalid_utf8("\xED\xA0\x80") == 0);       // surrogate
  CHECK(find_invalid_utf8("\xEF\xBF\xBD ok") == std::string::npos);  // a real U+FFFD
  CHECK(find_invalid_utf8("cut \xE2\x82") == 4);       // truncated sequence
}

TEST_CASE("markdown_to_text keeps the words and drops the markup") {
  CHECK(markdown_to_text("# Titre\n\nLe **réseau** est `lent`.") == "Titre Le réseau est lent.");
  CHECK(markdown_to_text("- voir [la doc](https://example.com/x) <br/> ici") == "voir la doc ici");
  CHECK(markdown_to_text("```\nipconfig /all\n```") == "ipconfig /all");
  CHECK(markdown_to_text("| a | b |") == "a b");
}
