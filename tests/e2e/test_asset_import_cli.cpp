// End-to-end: diagdesk asset import on GLPI samples (tests/service/data):
// first import, re-import after a change, a dry run, bad files and rows in
// both languages, and an explicit mapping.
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

using nlohmann::json;

namespace {

std::string sample(const std::string& name) {
  return (std::filesystem::path(__FILE__).parent_path().parent_path() / "service" / "data" / name).string();
}

struct Inventory {
  test::TempDir kb;
  test::TempDir home;
  std::string data;
  Inventory() {
    test::write_mini_kb_with_articles(kb);
    data = "--data " + test::quote(kb.path().string()) + " ";
  }
  test::Run run(const std::string& args) const {
    return test::diagdesk_at(home, data + args, "2026-05-22T10:00");
  }
};

}  // namespace

TEST_CASE("asset import adds a GLPI export, then a re-import updates by tag and leaves the rest unchanged") {
  Inventory inv;
  auto r = inv.run("asset import " + test::quote(sample("glpi_computers_fr.csv")) + " --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  json j = json::parse(r.out);
  CHECK(j["counts"]["added"] == 4);
  CHECK(j["encoding"] == "utf-8-bom");
  CHECK(j["separator"] == ";");
  CHECK(j["saved"] == true);

  r = inv.run("asset show INV-2023-0042 --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(r.out.find("windows11") != std::string::npos);

  r = inv.run("asset update INV-2023-0042 user 'Quelqu un'");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  r = inv.run("--lang fr asset import " + test::quote(sample("glpi_computers_fr.csv")));
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(r.out.find("ligne 2 : INV-2023-0042 mis à jour (user)") != std::string::npos);
  CHECK(r.out.find("0 ajouté(s), 1 mis à jour, 3 inchangé(s), 0 rejeté(s)") != std::string::npos);
}

TEST_CASE("asset import --dry-run saves nothing") {
  Inventory inv;
  auto r = inv.run("asset import --dry-run " + test::quote(sample("glpi_computers_en.csv")));
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(r.out.find("2 added, 0 updated") != std::string::npos);
  CHECK(r.out.find("dry run: nothing was saved") != std::string::npos);
  r = inv.run("asset show UK-0017");
  CHECK(r.rc == 2);
}

TEST_CASE("asset import keeps the valid rows and says the rejected ones in French and English") {
  Inventory inv;
  const auto f = inv.home.write("parc.csv",
                                "Numéro d'inventaire;Numéro de série;Adresse IP;Date d'achat\n"
                                "A-1;S-1;10.0.0.1;2024-01-02\nA-2;S-2;10.0.0.300;\nA-1;S-3;;\nA-4;S-4;;31/02/2024\n");
  auto r = inv.run("--lang fr asset import " + test::quote(f.string()));
  CHECK(r.rc == 1);
  CHECK(r.out.find("ligne 3 : colonne « Adresse IP » : « 10.0.0.300 » n'est pas une adresse IPv4") != std::string::npos);
  CHECK(r.out.find("ligne 4 : numéro d'inventaire « A-1 » déjà donné ligne 2") != std::string::npos);
  CHECK(r.out.find("ligne 5 : colonne « Date d'achat » : « 31/02/2024 » n'est pas une date") != std::string::npos);
  CHECK(r.out.find("1 ajouté(s), 0 mis à jour, 0 inchangé(s), 3 rejeté(s)") != std::string::npos);
  r = inv.run("asset show A-1");
  CHECK(r.rc == 0);
  r = inv.run("asset import " + test::quote(f.string()) + " --json");
  CHECK(r.rc == 1);
  const json j = json::parse(r.out);
  CHECK(j["counts"]["unchanged"] == 1);
  CHECK(j["counts"]["rejected"] == 3);
  CHECK(j["rows"][1]["code"] == "csv.bad_ip");
  CHECK(j["rows"][1]["line"] == 3);
}

TEST_CASE("asset import refuses a bad file in one line, exit 2, nothing saved") {
  Inventory inv;
  const auto wrong_sep = inv.home.write("sep.csv", "Nom|Numéro de série\nPC1|SN1\n");
  auto r = inv.run("asset import " + test::quote(wrong_sep.string()));
  CHECK(r.rc == 2);
  CHECK(r.err.find(wrong_sep.string() + ":1: no column for the tag") != std::string::npos);
  CHECK(r.err.find("'Nom|Numéro de série'") != std::string::npos);
  CHECK(r.err.find("one column only") != std::string::npos);
  const auto binary = inv.home.write("photo.csv", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
  r = inv.run("--lang fr asset import " + test::quote(binary.string()));
  CHECK(r.rc == 2);
  CHECK(r.err.find("contenu binaire") != std::string::npos);
  r = inv.run("asset import " + test::quote((inv.home.path() / "none.csv").string()));
  CHECK(r.rc == 2);
  CHECK(r.err.find("cannot read the file") != std::string::npos);
  const auto truncated = inv.home.write("cut.csv", "Inventory number;Notes\nT-1;ok\nT-2;\"never closed\n");
  r = inv.run("asset import " + test::quote(truncated.string()));
  CHECK(r.rc == 1);
  CHECK(r.out.find("truncated file: the quote opened on line 3") != std::string::npos);
  CHECK(r.out.find("1 added") != std::string::npos);
}

TEST_CASE("asset import --map reads the columns a mapping file names") {
  Inventory inv;
  const auto map = inv.home.write("map.toml", "schema_version = 1\n[columns]\n\"Code parc\" = \"tag\"\n\"S/N\" = \"serial\"\n");
  const auto f = inv.home.write("parc.csv", "Code parc;S/N;Autre\nP-9;X9;z\n");
  auto r = inv.run("asset import " + test::quote(f.string()) + " --map " + test::quote(map.string()) + " --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(json::parse(r.out)["counts"]["added"] == 1);
  const auto bad = inv.home.write("bad.toml", "schema_version = 1\n[columns]\n\"Code parc\" = \"couleur\"\n");
  r = inv.run("asset import " + test::quote(f.string()) + " --map " + test::quote(bad.string()));
  CHECK(r.rc == 2);
  CHECK(r.err.find("bad.toml:3:") != std::string::npos);
}

TEST_CASE("assets imported from a GLPI export give their facts to a diagnosis started from a ticket") {
  // The bundled KB: its fact catalogue and asset_facts.toml map GLPI's words
  // ("Portable", "Microsoft Windows 11 Professionnel") to the facts.
  test::TempDir home;
  auto run = [&](const std::string& args) {
    return test::diagdesk_at(home, "--data " + test::quote(DIAGDESK_DATA_DIR) + " " + args, "2026-05-22T10:00");
  };
  auto r = run("asset import " + test::quote(sample("glpi_computers_fr.csv")));
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  r = run("incident new --title 'Pas de réseau' --caller 'Martine Dupont' --impact low --urgency medium "
          "--asset INV-2023-0042 --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  const std::string number = json::parse(r.out)["number"];
  r = run("incident diagnose " + number + " net.no_internet --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  const json facts = json::parse(r.out)["facts"];
  CHECK(facts["device"]["value"] == "laptop");    // Type "Portable"
  CHECK(facts["os"]["value"] == "windows11");     // "Microsoft Windows 11 Professionnel"
  CHECK(facts["asset_tag"]["value"] == "INV-2023-0042");
  CHECK(facts["hw_under_warranty"]["value"] == "false");  // ended 2026-03-15, before the ticket
  // The Debian desktop of the same export gives its own facts.
  r = run("incident new --title 'Pas de réseau' --caller 'Karim Benali' --impact low --urgency low "
          "--asset INV-2022-0107 --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  r = run("incident diagnose " + std::string(json::parse(r.out)["number"]) + " net.no_internet --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(json::parse(r.out)["facts"]["device"]["value"] == "desktop");
}
