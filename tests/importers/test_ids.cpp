// Stable ids from source paths (ids.hpp).
#include <diagdesk/importers/ids.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::importers;

TEST_CASE("slugify makes lower-case ASCII slugs") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"Réseau Wi-Fi", "reseau-wi-fi"},
      {"L’imprimante ne répond plus !", "l-imprimante-ne-repond-plus"},
      {"net_dhcp", "net_dhcp"},
      {"  --Œuvre--  ", "oeuvre"},
      {"../../etc/passwd", "etc-passwd"},
      {"!!!", ""},
      {"a very long title that goes on and on and on and on and on for ever and ever", "a-very-long-title-that-goes-on-and-on-and-on-and-on-and-on"},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.in));
    CHECK(slugify(row.in) == row.out);
  }
}

TEST_CASE("is_valid_topic follows kb's id rule") {
  CHECK(is_valid_topic("gnome-help.net-wireless"));
  CHECK(is_valid_topic("net.dhcp_apipa"));
  CHECK_FALSE(is_valid_topic("../x"));
  CHECK_FALSE(is_valid_topic("a..b"));
  CHECK_FALSE(is_valid_topic(".a"));
  CHECK_FALSE(is_valid_topic("A.b"));
  CHECK_FALSE(is_valid_topic(""));
}

TEST_CASE("topic_for derives topics and language hints from paths") {
  struct Row {
    const char* root;
    const char* file;
    const char* topic;
    const char* hint;
  };
  const Row rows[] = {
      {"/usr/share/help/C/gnome-help", "/usr/share/help/C/gnome-help/net-wireless-connect.page",
       "gnome-help.net-wireless-connect", "en"},
      {"/usr/share/help/fr/gnome-help", "/usr/share/help/fr/gnome-help/net-wireless-connect.page",
       "gnome-help.net-wireless-connect", "fr"},
      {"/usr/share/help/fr", "/usr/share/help/fr/gnome-help/printing.page", "gnome-help.printing", "fr"},
      {"/home/u/Notes Réseau", "/home/u/Notes Réseau/VPN/Connexion VPN.md", "notes-reseau.vpn.connexion-vpn", ""},
      {"/home/u/kb", "/home/u/kb/vpn.fr.md", "kb.vpn", "fr"},
      {"/home/u/kb", "/home/u/kb/en_GB/vpn.md", "kb.vpn", "en"},
      {"", "/tmp/Imprimante HS.txt", "imprimante-hs", ""},
      {"", "/tmp/!!!.md", "untitled", ""},
      {"/x/wiki/", "/x/wiki/a/b.html", "wiki.a.b", ""},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.file));
    PathTopic t = topic_for(row.root, row.file);
    CHECK(t.topic == row.topic);
    CHECK(t.lang_hint == row.hint);
  }
}
