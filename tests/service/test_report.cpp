// The intervention report document: Markdown and PDF (read back with
// poppler-utils' pdftotext), the centre file and the safe writing of the PDF.
#include "fixture.hpp"

#include <diagdesk/service/report.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

using namespace diagdesk::service;
namespace fs = std::filesystem;

namespace {

/// pdftotext's full path, or "" when poppler-utils is not installed.
std::string find_pdftotext() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    fs::path candidate = fs::path(dirs.substr(start, end - start)) / "pdftotext";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  return "";
}

/// The text of a PDF as `pdftotext -layout` gives it.
std::string pdf_text(const fs::path& pdf) {
  const std::string tool = find_pdftotext();
  REQUIRE_MESSAGE(!tool.empty(), "pdftotext not found: install poppler-utils (scripts/test installs it)");
  const std::string cmd = "'" + tool + "' -layout '" + pdf.string() + "' - 2>&1";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  CHECK(::pclose(p) == 0);
  return out;
}

/// A French report with accents, « », narrow no-break spaces and `steps` diagnosis steps.
ReportDocument french_report(int steps) {
  ReportDocument doc;
  doc.title = "Fiche d'intervention";
  doc.lang = "fr";
  doc.centre = {"Centre de services de Besançon", "12 rue de l'Étoile\n25000 Besançon", "03 81 00 00 00", "support@example.fr"};
  doc.fields = {{"Numéro", "INC-2026-00042"},
                {"Type", "Incident"},
                {"Priorité", "P2 (élevée)"},
                {"Ouvert le", "6 décembre 2026 à 14 h 05"},
                {"Appelant", "Hélène Lefèvre"},
                {"Technicien", "Jérôme Dupré (niveau 1)"}};
  ReportSection symptom{"Symptôme", {"« Impossible d'imprimer depuis ce matin\u202f! »"}, {}, ListStyle::none, 0, {}};
  ReportSection diag{"Étapes du diagnostic", {}, {}, ListStyle::numbered, 0, {}};
  for (int i = 1; i <= steps; ++i)
    diag.items.push_back("Question " + std::to_string(i) + "\u202f: l'imprimante répond-elle au ping\u202f? → Réponse : non, délai dépassé");
  ReportSection parts{"Pièces remplacées", {}, {}, ListStyle::bulleted, 3, {}};
  doc.sections = {symptom, diag, parts};
  doc.signatures = {{"Le technicien", "Nom", "Jérôme Dupré", "Date", "Signature"},
                    {"L'utilisateur", "Nom", "", "Date", "Signature"}};
  doc.page_label = "Page";
  return doc;
}

}  // namespace

TEST_CASE("a short French report is one PDF page whose words pdftotext reads back") {
  test::TempDir dir;
  const fs::path pdf = dir.path() / "fiche.pdf";
  REQUIRE(render_pdf(french_report(3), pdf) == "");
  const std::string text = pdf_text(pdf);
  CHECK(text.find("Fiche d'intervention") != std::string::npos);
  CHECK(text.find("Numéro") != std::string::npos);
  CHECK(text.find("INC-2026-00042") != std::string::npos);
  CHECK(text.find("Besançon") != std::string::npos);
  CHECK(text.find("Hélène Lefèvre") != std::string::npos);
  CHECK(text.find("«") != std::string::npos);
  CHECK(text.find("Le technicien") != std::string::npos);
  CHECK(text.find("L'utilisateur") != std::string::npos);
  CHECK(text.find("Page 1 / 1") != std::string::npos);
  CHECK(text.find("Page 2") == std::string::npos);
}

TEST_CASE("a long report breaks onto two pages numbered Page 1 / 2 and Page 2 / 2 with every step present") {
  test::TempDir dir;
  const fs::path pdf = dir.path() / "long.pdf";
  REQUIRE(render_pdf(french_report(45), pdf) == "");
  const std::string text = pdf_text(pdf);
  CHECK(text.find("Page 1 / 2") != std::string::npos);
  CHECK(text.find("Page 2 / 2") != std::string::npos);
  CHECK(text.find("Page 3") == std::string::npos);
  // Page breaks come as form feeds: no step is split across them.
  for (int i = 1; i <= 45; ++i) CHECK(text.find("Question " + std::to_string(i) + " ") != std::string::npos);
  const std::size_t ff = text.find('\f');
  REQUIRE(ff != std::string::npos);
  const std::size_t before = text.rfind("Question ", ff);
  const std::size_t line_end = text.find('\n', before);
  CHECK(text.substr(before, line_end - before).find("délai") != std::string::npos);
  CHECK(text.find("Signature") > ff);
}

TEST_CASE("the PDF title metadata is the report title") {
  test::TempDir dir;
  const fs::path pdf = dir.path() / "fiche.pdf";
  REQUIRE(render_pdf(french_report(1), pdf) == "");
  const std::string raw = test::read(pdf);
  CHECK(raw.find("/Title") != std::string::npos);
  CHECK(raw.find("/Creator (Diagdesk)") != std::string::npos);
}

TEST_CASE("the PDF is refused through a symlink, over a folder and into a missing folder, with no temporary file left") {
  test::TempDir dir;
  const fs::path target = dir.write("real.pdf", "old");
  const fs::path link = dir.path() / "link.pdf";
  fs::create_symlink(target, link);
  CHECK(render_pdf(french_report(1), link).find("symbolic link") != std::string::npos);
  CHECK(test::read(target) == "old");
  fs::create_directory(dir.path() / "folder.pdf");
  CHECK(render_pdf(french_report(1), dir.path() / "folder.pdf").find("not a regular file") != std::string::npos);
  CHECK(render_pdf(french_report(1), dir.path() / "missing" / "x.pdf").find("does not exist") != std::string::npos);
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) files += e.path().filename().string().starts_with(".") ? 100 : 1;
  CHECK(files == 3);
}

TEST_CASE("the PDF replaces an existing report file in place") {
  test::TempDir dir;
  const fs::path pdf = dir.write("fiche.pdf", "old");
  REQUIRE(render_pdf(french_report(1), pdf) == "");
  CHECK(test::read(pdf).starts_with("%PDF-"));
}

TEST_CASE("the PDF into a read-only folder gives an error sentence naming the folder") {
  if (::geteuid() == 0) return;  // root writes anywhere: nothing to refuse
  test::TempDir dir;
  const fs::path ro = dir.path() / "ro";
  fs::create_directory(ro);
  fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
  const std::string err = render_pdf(french_report(1), ro / "x.pdf");
  fs::permissions(ro, fs::perms::owner_all);
  CHECK(err.find(ro.string()) != std::string::npos);
}

TEST_CASE("the Markdown report has the title, a field table, numbered steps, ruled lines and signature lines") {
  ReportDocument doc = french_report(2);
  const std::string md = render_markdown(doc);
  CHECK(md.starts_with("# Fiche d'intervention\n\n**Centre de services de Besançon**  \n12 rue de l'Étoile  \n"));
  CHECK(md.find("| **Numéro** | INC-2026-00042 |\n") != std::string::npos);
  CHECK(md.find("## Étapes du diagnostic\n\n1. Question 1") != std::string::npos);
  CHECK(md.find("\n2. Question 2") != std::string::npos);
  CHECK(md.find("## Pièces remplacées\n\n____") != std::string::npos);
  CHECK(md.find("### Le technicien\n\nNom : Jérôme Dupré  \nDate : ____") != std::string::npos);
  CHECK(md.find("### L'utilisateur\n\nNom : ____") != std::string::npos);
}

TEST_CASE("the Markdown report escapes a pipe in a field value") {
  ReportDocument doc;
  doc.title = "Intervention report";
  doc.fields = {{"Asset", "PC-12 | desk 4"}};
  CHECK(render_markdown(doc).find("| **Asset** | PC-12 \\| desk 4 |") != std::string::npos);
}

TEST_CASE("the bundled centre file gives neutral names in both languages and a team layer overrides a key") {
  const fs::path bundled = fs::path(DIAGDESK_DATA_DIR) / "service" / "centre.toml";
  CHECK(load_centre({bundled}, "fr").name == "Centre de services");
  CHECK(load_centre({bundled}, "en").name == "Service centre");
  test::TempDir dir;
  const fs::path team = dir.write("service/centre.toml", "schema_version = 1\nname = \"Hotline Dupont\"\nphone = \"01 23 45 67 89\"\n");
  Centre c = load_centre({bundled, team, dir.path() / "absent.toml"}, "fr");
  CHECK(c.name == "Hotline Dupont");
  CHECK(c.phone == "01 23 45 67 89");
  CHECK(c.address == "Adresse à compléter");
}

TEST_CASE("the signature boxes are never on a page of their own: a short last section goes with them") {
  // Whatever the length before it, the page that holds the boxes also holds
  // the last section's heading and text (a quote's terms and validity).
  test::TempDir dir;
  int two_pages = 0;
  for (int steps = 20; steps <= 46; ++steps) {
    CAPTURE(steps);
    ReportDocument doc = french_report(steps);
    doc.sections.pop_back();  // the ruled "Pièces remplacées"
    doc.sections.push_back({"Conditions de paiement", {"Acompte de 30 % à la commande.", "Devis valable 30 jours."},
                            {}, ListStyle::none, 0, {}});
    const fs::path pdf = dir.path() / ("q" + std::to_string(steps) + ".pdf");
    REQUIRE(render_pdf(doc, pdf) == "");
    const std::string text = pdf_text(pdf);
    const std::size_t box = text.find("Le technicien");
    REQUIRE(box != std::string::npos);
    const std::size_t page_start = text.rfind('\f', box) == std::string::npos ? 0 : text.rfind('\f', box);
    const std::string page = text.substr(page_start, text.find('\f', box) - page_start);
    CHECK(page.find("Conditions de paiement") != std::string::npos);
    CHECK(page.find("Devis valable 30 jours.") != std::string::npos);
    if (text.find("Page 2 / 2") != std::string::npos) ++two_pages;
  }
  CHECK(two_pages > 0);  // the range crosses the page end
}
