// diagdesk quote: from a failing-disk diagnosis to a quote with the disk, the
// labour and the VAT right to the cent, as PDF (read back with pdftotext) and
// Markdown in French and English; the lifecycle; bad input exits 2 in one line.
// A test layer (--kb) carries its own catalogue (it replaces the bundled one
// whole) and overrides the failing-disk proposal, so the figures stay fixed.
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using nlohmann::json;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* shop_catalogue = R"(example = false
currency = "EUR"
vat_rates = ["20", "10", "5.5"]
[issuer]
name = "Atelier Test SARL"
address = "5 quai du Test, 69002 Lyon"
siret = "111 222 333 00044"
vat_number = "FR00111222333"
quote_price = "0.00"
validity_days = 30
payment_terms = { fr = "Paiement à réception de facture.", en = "Payment on receipt of the invoice." }
[[item]]
ref = "SSD-SATA-1TB"
kind = "part"
label = { fr = "SSD SATA 1 To", en = "1 TB SATA SSD" }
unit = "piece"
price = "79.90"
vat = "20"
[[item]]
ref = "LAB-WORKSHOP"
kind = "labour"
label = { fr = "Main-d'œuvre atelier", en = "Workshop labour" }
unit = "hour"
price = "55.00"
vat = "20"
)";

const char* shop_proposals = R"([[proposal]]
tree = "hw.disk_failing"
conclusion = "c_replace_disk"
kind = "repair"
lines = [ { ref = "SSD-SATA-1TB", quantity = "1" }, { ref = "LAB-WORKSHOP", quantity = "1.5" } ]
)";

struct Shop {
  test::TempDir home;
  std::string kb;
  Shop() {
    home.write("shop/commerce/catalogue.toml", shop_catalogue);
    home.write("shop/commerce/proposals.toml", shop_proposals);
    kb = " --kb " + test::quote((home.path() / "shop").string());
  }
  test::Run run(const std::string& args) const { return test::diagdesk_at(home, args + kb, "2026-12-07T10:00"); }
  json run_json(const std::string& args) const {
    const auto r = run(args + " --json");
    REQUIRE_MESSAGE(r.rc == 0, r.err);
    return json::parse(r.out);
  }
  std::string pdf_text(const std::string& number, const std::string& name) const {
    const auto pdf = home.path() / (name + ".pdf");
    const auto r = run("quote pdf " + number + " " + test::quote(pdf.string()));
    REQUIRE_MESSAGE(r.rc == 0, r.err);
    const auto text = home.path() / (name + ".txt");
    REQUIRE(std::system(("pdftotext -layout " + test::quote(pdf.string()) + " " + test::quote(text.string())).c_str()) == 0);
    return test::read(text);
  }
};

}  // namespace

TEST_CASE("a failing-disk diagnosis becomes a quote right to the cent, in PDF and Markdown, in French and English") {
  Shop s;
  const auto session = s.home.path() / "disk.session";
  auto r = s.run("diagnose hw.disk_failing --answers noise,yes --save " + test::quote(session.string()));
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  json q = s.run_json("quote from-session " + test::quote(session.string()) +
                      " --customer 'Paul Martin' --address '3 rue Neuve, Lyon' --customer-lang fr");
  CHECK(q["number"] == "DEV-2026-0001");
  CHECK(q["status"] == "draft");
  REQUIRE(q["lines"].size() == 2);
  CHECK(q["lines"][0]["ref"] == "SSD-SATA-1TB");
  CHECK(q["lines"][1]["quantity"] == "1.5");
  CHECK(q["lines"][1]["total_cents"] == 8250);
  CHECK(q["totals"]["ht_cents"] == 16240);
  CHECK(q["totals"]["vat"][0]["amount_cents"] == 3248);
  CHECK(q["totals"]["ttc_cents"] == 19488);
  CHECK(q["valid_until"] == "2027-01-06");
  CHECK(q["proposal"]["conclusion"] == "c_replace_disk");

  const std::string fr = s.pdf_text("DEV-2026-0001", "fr");
  for (const char* part : {"Devis DEV-2026-0001", "Atelier Test SARL", "5 quai du Test", "111 222 333 00044",
                           "FR00111222333", "Devis gratuit", "07/12/2026", "06/01/2027", "SSD SATA 1 To",
                           "162,40", "32,48", "194,88", "Total TTC", "TVA 20", "Paiement à réception",
                           "Bon pour accord", "Signature", "Paul Martin", "Ce que nous avons trouvé"}) {
    CAPTURE(std::string(part));
    CHECK(has(fr, part));
  }
  const auto md_file = s.home.path() / "devis.md";
  r = s.run("quote markdown DEV-2026-0001 " + test::quote(md_file.string()));
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  const std::string md = test::read(md_file);
  CHECK(has(md, "| Main-d'œuvre atelier (LAB-WORKSHOP) | 1,5 h | 55,00"));
  CHECK(has(md, "**194,88"));

  json en = s.run_json("quote set DEV-2026-0001 language en");
  CHECK(en["lines"][0]["label"] == "1 TB SATA SSD");
  const std::string text = s.pdf_text("DEV-2026-0001", "en");
  for (const char* part : {"Quote DEV-2026-0001", "Free quote", "2027-01-06", "1 TB SATA SSD", "€162.40", "€32.48",
                           "€194.88", "Total incl. VAT", "Payment on receipt", "Bon pour accord", "What it costs"}) {
    CAPTURE(std::string(part));
    CHECK(has(text, part));
  }
  r = s.run("quote summary DEV-2026-0001");
  CHECK(has(r.out, "about 1.5 h of work"));
}

TEST_CASE("a quote goes draft, sent, accepted and becomes a service request, and its number is never reused") {
  Shop s;
  json q = s.run_json("quote new --customer 'Anne Leroy' --customer-lang en");
  CHECK(q["number"] == "DEV-2026-0001");
  q = s.run_json("quote add-line DEV-2026-0001 SSD-SATA-1TB --qty 2 --discount 10");
  CHECK(q["totals"]["ht_cents"] == 14382);  // 2 x 79.90 less 10 % = 143.82
  q = s.run_json("quote add-line DEV-2026-0001 LAB-WORKSHOP --qty 0.75");
  CHECK(q["totals"]["ht_cents"] == 14382 + 4125);
  q = s.run_json("quote remove-line DEV-2026-0001 2");
  CHECK(q["lines"].size() == 1);
  q = s.run_json("quote send DEV-2026-0001");
  CHECK(q["status"] == "sent");
  auto r = s.run("quote add-line DEV-2026-0001 LAB-WORKSHOP");
  CHECK(r.rc == 2);  // no longer a draft
  q = s.run_json("quote accept DEV-2026-0001 --request");
  CHECK(q["status"] == "accepted");
  CHECK(has(q["request"].get<std::string>(), "DEM-2026-"));

  q = s.run_json("quote new --customer 'Jean Petit'");
  CHECK(q["number"] == "DEV-2026-0002");
  q = s.run_json("quote refuse DEV-2026-0002 --reason 'too dear'");
  CHECK(q["status"] == "refused");
  q = s.run_json("quote new --customer 'Jean Petit'");
  CHECK(q["number"] == "DEV-2026-0003");  // the refused draft keeps its number
  json all = s.run_json("quote list");
  CHECK(all.size() == 3);
  all = s.run_json("quote list --status refused");
  CHECK(all.size() == 1);
}

TEST_CASE("bad quote input exits 2 with one line naming the problem") {
  Shop s;
  s.run_json("quote new --customer 'Anne Leroy'");
  struct Row { const char* args; const char* says; };
  const Row rows[] = {
      {"quote add-line DEV-2026-0001 NOPE-1", "NOPE-1"},
      {"quote add-line DEV-2026-0001 SSD-SATA-1TB --qty 0", "0"},
      {"quote add-line DEV-2026-0001 SSD-SATA-1TB --qty -1", "-1"},
      {"quote add-line DEV-2026-0001 SSD-SATA-1TB --qty 1.234", "1.234"},
      {"quote add-line DEV-2026-0001 SSD-SATA-1TB --discount 101", "101"},
      {"quote show DEV-2026-0099", "DEV-2026-0099"},
      {"quote show INC-2026-000001", "INC-2026-000001"},
      {"quote set DEV-2026-0001 language de", "de"},
      {"quote accept DEV-2026-0001", "DEV-2026-0001"},
      {"quote list --status lost", "lost"},
  };
  for (const auto& row : rows) {
    CAPTURE(std::string(row.args));
    const auto r = s.run(row.args);
    CHECK(r.rc == 2);
    CHECK(has(r.err, row.says));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  const auto link = s.home.path() / "link.pdf";
  std::filesystem::create_symlink(s.home.path() / "elsewhere.pdf", link);
  const auto r = s.run("quote pdf DEV-2026-0001 " + test::quote(link.string()));
  CHECK(r.rc == 2);
  CHECK_FALSE(std::filesystem::exists(s.home.path() / "elsewhere.pdf"));
}

TEST_CASE("lint reports a bad catalogue and a proposal naming an unknown ref, tree or conclusion with file and line") {
  test::TempDir home;
  home.write("shop/commerce/catalogue.toml", std::string(shop_catalogue) + R"([[item]]
ref = "SSD-SATA-1TB"
kind = "part"
label = { fr = "Doublon", en = "Duplicate" }
unit = "piece"
price = "12.345"
vat = "19.6"
)");
  home.write("shop/commerce/proposals.toml", R"([[proposal]]
tree = "hw.disk_failing"
conclusion = "c_replace_disk"
lines = [ { ref = "GHOST-1", quantity = "1" } ]

[[proposal]]
tree = "hw.no_such_tree"
conclusion = "c_x"
lines = [ { ref = "SSD-SATA-1TB" } ]

[[proposal]]
tree = "hw.disk_failing"
conclusion = "q_symptom"
lines = [ { ref = "SSD-SATA-1TB" } ]
)");
  const auto shop = home.path() / "shop";
  const auto r = test::diagdesk(home, "lint --kb " + test::quote(shop.string()) + " " + test::quote(shop.string()));
  CHECK(r.rc == 1);
  const std::string cat = (shop / "commerce" / "catalogue.toml").string();
  const std::string prop = (shop / "commerce" / "proposals.toml").string();
  CHECK(has(r.out + r.err, cat + ":27:"));  // the duplicated ref
  CHECK(has(r.out + r.err, "bad price \"12.345\""));
  CHECK(has(r.out + r.err, "\"19.6\" is not one of vat_rates"));
  CHECK(has(r.out + r.err, prop + ":4:"));
  CHECK(has(r.out + r.err, "GHOST-1"));
  CHECK(has(r.out + r.err, "hw.no_such_tree"));
  CHECK(has(r.out + r.err, "not a conclusion of hw.disk_failing"));
}

TEST_CASE("from a ticket on an old laptop, the quote proposes replace beside repair and the operator picks one") {
  test::TempDir home;
  auto run = [&](const std::string& args) { return test::diagdesk_at(home, args, "2026-12-07T10:00"); };
  REQUIRE(run("asset add PC-0042 --type laptop --purchase-date 2022-03-01").rc == 0);
  REQUIRE(run("incident new --title 'Disk clicks' --caller 'Paul Martin' --asset PC-0042 --impact low --urgency low").rc == 0);
  auto r = run("incident diagnose INC-2026-000001 hw.disk_failing --answers noise,yes");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  r = run("quote from-ticket INC-2026-000001 --option replace --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  const json q = json::parse(r.out);
  CHECK(q["ticket"] == "INC-2026-000001");
  CHECK(q["customer"]["name"] == "Paul Martin");
  REQUIRE(q["proposal"]["options"].size() == 2);
  CHECK(q["proposal"]["options"][0]["kind"] == "repair");
  CHECK(q["proposal"]["chosen"] == "replace");
  CHECK(q["proposal"]["present_value_cents"].get<std::int64_t>() * 5 < q["proposal"]["options"][0]["ht_cents"].get<std::int64_t>() * 10);
  CHECK(q["totals"]["ht_cents"] == q["proposal"]["options"][1]["ht_cents"]);
  r = run("quote from-ticket INC-2026-000001 --option offer");
  CHECK(r.rc == 2);
  r = run("quote catalogue --search 'ssd 1 to' --json");
  REQUIRE(r.rc == 0);
  const json c = json::parse(r.out);
  CHECK(c["example"] == true);
  CHECK_FALSE(c["items"].empty());
}

TEST_CASE("quote list shows a sent quote expired once its validity is past, and accept then exits 2 saying so") {
  Shop s;  // validity 30 days: issued 2026-12-07, valid until 2027-01-06
  s.run_json("quote new --customer 'Anne Leroy' --customer-lang en");
  s.run_json("quote add-line DEV-2026-0001 SSD-SATA-1TB");
  s.run_json("quote send DEV-2026-0001");
  auto later = [&](const std::string& args) { return test::diagdesk_at(s.home, args + s.kb, "2027-01-07T09:00"); };
  auto r = later("--lang en quote list");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(has(r.out, "DEV-2026-0001"));
  CHECK(has(r.out, "expired"));
  CHECK_FALSE(has(r.out, "sent"));
  r = later("quote show DEV-2026-0001 --json");
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  const json q = json::parse(r.out);
  CHECK(q["status"] == "expired");
  CHECK(q["history"].back()["kind"] == "expired");
  CHECK(q["history"].back()["actor"] == "diagdesk");
  CHECK(q["history"].back()["note"] == "automatic");
  r = later("--lang en quote accept DEV-2026-0001");
  CHECK(r.rc == 2);
  CHECK(has(r.err, "past its validity"));
}
