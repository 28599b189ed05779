// The GNOME Mallard reader (mallard.hpp).
#include <diagdesk/importers/mallard.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::importers;

namespace {

const char* page = R"(<?xml version="1.0" encoding="utf-8"?>
<page xmlns="http://projectmallard.org/1.0/" xmlns:if="http://projectmallard.org/if/1.0/"
      type="topic" id="net-wireless-connect" xml:lang="fr">
  <info>
    <link type="guide" xref="net-wireless"/>
    <link type="seealso" xref="net-wireless-hidden"/>
    <revision date="2012-02-19"/>
    <revision date="2022-09-10"/>
    <credit type="author"><name>GNOME</name></credit>
    <desc>Aller sur Internet — sans fil.</desc>
    <include xmlns="http://www.w3.org/2001/XInclude" href="legal.xml"/>
  </info>
  <title>Connexion à un réseau <gui>sans fil</gui></title>
  <p>Ouvrez le <gui xref="shell-introduction#systemmenu">menu système</gui>.</p>
  <steps>
    <item><p>Choisissez <guiseq><gui>Wi-Fi</gui><gui>Paramètres</gui></guiseq>.</p></item>
    <item><p>Tapez <keyseq><key>Ctrl</key><key>Alt</key><key>T</key></keyseq> puis <cmd>nmcli dev wifi</cmd>.</p>
      <p>Le réseau est peut-être <link xref="net-wireless-hidden#find">masqué</link>.</p></item>
  </steps>
  <if:choose>
    <if:when test="platform:gnome-classic"><p>Classique.</p></if:when>
    <p>Standard.</p>
  </if:choose>
  <p if:test="platform:unity">Unity only.</p>
  <note style="tip"><p>Un <link xref="net-wireless-hidden"/> reste joignable.</p></note>
  <section id="cmd"><title>En ligne de commande</title>
    <code>nmcli radio wifi on</code>
    <terms><item><title>SSID</title><p>Nom du réseau.</p></item></terms>
    <table><tr><td><p>Bande</p></td><td><p>Canaux</p></td></tr><tr><td><p>2,4 GHz</p></td><td><p>1-13</p></td></tr></table>
  </section>
  <comment><p>Editorial note.</p></comment>
  <p>Web : <link href="https://help.gnome.org/">aide</link>.</p>
  <p>L’icône (<media type="image" src="figures/wifi.svg"/>) change. <media type="image" src="a.png">Signal</media></p>
</page>
)";

}  // namespace

TEST_CASE("Mallard: a page becomes Markdown") {
  ReadOptions o;
  o.link_title = [](const std::string& xref) { return xref == "net-wireless-hidden" ? "Réseaux masqués" : ""; };
  ReadResult r = read_mallard({"C/net-wireless-connect.page", page}, o);
  REQUIRE(r.drafts.size() == 1);
  const auto& a = r.drafts[0].article;
  CHECK(a.title == "Connexion à un réseau sans fil");
  CHECK(a.lang == "fr");
  CHECK(r.drafts[0].lang_from == "xml:lang");
  REQUIRE(a.updated);
  CHECK(diagdesk::kb::to_string(*a.updated) == "2022-09-10");
  const std::string expected =
      "# Connexion à un réseau sans fil\n"
      "\n"
      "*Aller sur Internet — sans fil.*\n"
      "\n"
      "Ouvrez le **menu système**.\n"
      "\n"
      "1. Choisissez **Wi-Fi** ▸ **Paramètres**.\n"
      "\n"
      "2. Tapez **Ctrl+Alt+T** puis `nmcli dev wifi`.\n"
      "\n"
      "   Le réseau est peut-être [masqué](net-wireless-hidden#find).\n"
      "\n"
      "Standard.\n"
      "\n"
      "> **Tip**\n"
      ">\n"
      "> Un [Réseaux masqués](net-wireless-hidden) reste joignable.\n"
      "\n"
      "## En ligne de commande\n"
      "\n"
      "```\n"
      "nmcli radio wifi on\n"
      "```\n"
      "\n"
      "- **SSID**\n"
      "\n"
      "  Nom du réseau.\n"
      "\n"
      "| Bande | Canaux |\n"
      "| --- | --- |\n"
      "| 2,4 GHz | 1-13 |\n"
      "\n"
      "Web : [aide](https://help.gnome.org/).\n"
      "\n"
      "L’icône change. Signal\n"
      "\n"
      "## Voir aussi\n"
      "\n"
      "- [Réseaux masqués](net-wireless-hidden)\n";
  CHECK(a.body == expected);
}

TEST_CASE("Mallard: bad XML is an error with line and column") {
  ReadResult r = read_mallard({"bad.page", "<page xmlns=\"http://projectmallard.org/1.0/\">\n<title>T</title>\n<p>x</para>\n</page>"});
  CHECK(r.drafts.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "xml.syntax");
  CHECK(r.diagnostics[0].line == 3);
  CHECK(r.diagnostics[0].column > 0);
}

TEST_CASE("Mallard: other XML is not a page") {
  ReadResult r = read_mallard({"legal.xml", "<legal xmlns=\"http://projectmallard.org/1.0/\"><p>CC</p></legal>"});
  CHECK(r.drafts.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "mallard.root");
}

TEST_CASE("Mallard: no network, no external entities") {
  // An external entity must not be fetched or expanded.
  const char* evil =
      "<?xml version=\"1.0\"?><!DOCTYPE page [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
      "<page xmlns=\"http://projectmallard.org/1.0/\"><title>T</title><p>a&x;b</p></page>";
  ReadResult r = read_mallard({"e.page", evil});
  if (!r.drafts.empty()) CHECK(r.drafts[0].article.body.find("ab") != std::string::npos);
}

TEST_CASE("mallard_title reads the page title, not the info ones") {
  CHECK(mallard_title("<page><info><title type=\"sort\">z</title></info><title>Real &amp; <gui>t</gui></title></page>") ==
        "Real & t");
  CHECK(mallard_title("<page><p>x</p></page>").empty());
}
