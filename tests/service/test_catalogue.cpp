// The price catalogue and the proposals: exact decimals, the format of
// docs/quotes.md, and each bad input reported with its file:line:column.
#include "fixture.hpp"

#include <diagdesk/service/calendar.hpp>
#include <diagdesk/service/catalogue.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::service;

namespace {

const char* good_catalogue = R"(example = true
currency = "EUR"
vat_rates = ["20", "10", "5.5", "2.1"]

[issuer]
name = "Exemple Informatique SARL"
address = "12 rue de l'Exemple, 69003 Lyon"
siret = "123 456 789 00012"
vat_number = "FR12123456789"
quote_price = "0.00"
validity_days = 30
payment_terms = { fr = "30 % à la commande, le solde à la livraison.", en = "30% with the order, the rest on delivery." }

[policy]
repair_threshold = "0.5"

[[device_value]]
type = "laptop"
new_price = "899.00"
lifetime_years = 5
replacement = "PC-LAPTOP-14"

[[item]]
ref = "SSD-SATA-1TB"
kind = "part"
label = { fr = "SSD SATA 2,5\" 1 To", en = "1 TB 2.5\" SATA SSD" }
unit = "piece"
price = "79.90"
vat = "20"
warranty_months = 36

[[item]]
ref = "LAB-WORKSHOP"
kind = "labour"
label = { fr = "Main-d'œuvre atelier", en = "Workshop labour" }
unit = "hour"
price = "55"
vat = "20"

[[item]]
ref = "PC-LAPTOP-14"
kind = "device"
label = { fr = "Portable 14 pouces", en = "14-inch laptop" }
unit = "piece"
price = "749.00"
vat = "20"
)";

/// The good catalogue with `item` appended (its first line is line 48 of the file).
std::string with_item(const std::string& item) { return std::string(good_catalogue) + "\n" + item; }

}  // namespace

TEST_CASE("decimal strings become exact integers and bad ones are refused") {
  struct Row { const char* text; int decimals; std::optional<std::int64_t> want; };
  const Row rows[] = {
      {"79.90", 2, 7990}, {"55", 2, 5500}, {"0.5", 2, 50}, {"1.5", 2, 150}, {"5.5", 2, 550}, {"0.00", 2, 0},
      {"12.345", 2, std::nullopt},  // three decimals
      {"-3", 2, std::nullopt}, {"abc", 2, std::nullopt}, {"", 2, std::nullopt}, {"1.", 2, std::nullopt},
      {".5", 2, std::nullopt}, {"1e3", 2, std::nullopt}, {"1,5", 2, std::nullopt}, {" 1", 2, std::nullopt},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.text));
    CHECK(parse_decimal(r.text, r.decimals) == r.want);
  }
  CHECK(format_decimal(7990) == "79.90");
  CHECK(format_decimal(5, 2, true) == "0,05");
  CHECK(format_quantity(150) == "1.5");
  CHECK(format_quantity(100) == "1");
  CHECK(format_money(123450, "fr") == "1\u202f234,50\u00a0€");
  CHECK(format_money(123450, "en") == "€1,234.50");
  CHECK(format_percent(550, "fr") == "5,5\u00a0%");
  CHECK(format_percent(2000, "en") == "20 %");
}

TEST_CASE("the example catalogue loads whole with no problem") {
  test::TempDir dir;
  const auto file = dir.write("commerce/catalogue.toml", good_catalogue);
  std::vector<Problem> problems;
  const Catalogue c = load_catalogue({file}, problems);
  for (const auto& p : problems) MESSAGE(format(p));
  CHECK(problems.empty());
  CHECK(c.example);
  CHECK(c.vat_rates == std::vector<std::int64_t>{2000, 1000, 550, 210});
  CHECK(c.issuer.siret == "123 456 789 00012");
  CHECK(c.issuer.quote_price == 0);
  CHECK(c.issuer.payment_terms.in("en") == "30% with the order, the rest on delivery.");
  CHECK(c.repair_threshold == 5000);
  REQUIRE(c.items.size() == 3);
  const CatalogueItem* ssd = c.find("SSD-SATA-1TB");
  REQUIRE(ssd);
  CHECK(ssd->price == 7990);
  CHECK(ssd->vat == 2000);
  CHECK(ssd->kind == ItemKind::part);
  CHECK(ssd->warranty_months == 36);
  CHECK(c.find("LAB-WORKSHOP")->unit == ItemUnit::hour);
  CHECK(c.search("main oeuvre").size() == 1);
  CHECK(c.search("ssd").size() == 1);
  CHECK(c.search("laptop").size() == 1);
}

TEST_CASE("a later layer's catalogue replaces the bundled one whole") {
  test::TempDir dir;
  const auto bundled = dir.write("bundled/commerce/catalogue.toml", good_catalogue);
  const auto shop = dir.write("shop/commerce/catalogue.toml", R"(currency = "EUR"
vat_rates = ["20"]
[issuer]
name = "Ma Boutique"
address = "1 place du Marché"
siret = "98765432100011"
[[item]]
ref = "SSD-SATA-1TB"
kind = "part"
label = { fr = "SSD 1 To", en = "1 TB SSD" }
unit = "piece"
price = "69.00"
vat = "20"
)");
  std::vector<Problem> problems;
  const Catalogue c = load_catalogue({bundled, dir.path() / "team/commerce/catalogue.toml", shop}, problems);
  CHECK(problems.empty());
  CHECK(c.issuer.name == "Ma Boutique");
  CHECK(c.items.size() == 1);
  CHECK(c.find("SSD-SATA-1TB")->price == 6900);
  CHECK_FALSE(c.find("LAB-WORKSHOP"));
}

TEST_CASE("each bad catalogue input is reported at its file, line and column") {
  struct Row { const char* name; std::string item; int line; const char* says; };
  const Row rows[] = {
      {"duplicated ref", "[[item]]\nref = \"SSD-SATA-1TB\"\nkind = \"part\"\nlabel = { fr = \"a\", en = \"b\" }\nunit = \"piece\"\nprice = \"1\"\nvat = \"20\"\n",
       49, "duplicated ref \"SSD-SATA-1TB\" (first at line 24)"},
      {"three decimals", "[[item]]\nref = \"X1\"\nkind = \"part\"\nlabel = { fr = \"a\", en = \"b\" }\nunit = \"piece\"\nprice = \"12.345\"\nvat = \"20\"\n",
       53, "bad price \"12.345\""},
      {"negative price", "[[item]]\nref = \"X1\"\nkind = \"part\"\nlabel = { fr = \"a\", en = \"b\" }\nunit = \"piece\"\nprice = \"-3\"\nvat = \"20\"\n",
       53, "bad price \"-3\""},
      {"words for a price", "[[item]]\nref = \"X1\"\nkind = \"part\"\nlabel = { fr = \"a\", en = \"b\" }\nunit = \"piece\"\nprice = \"abc\"\nvat = \"20\"\n",
       53, "bad price \"abc\""},
      {"a float price", "[[item]]\nref = \"X1\"\nkind = \"part\"\nlabel = { fr = \"a\", en = \"b\" }\nunit = \"piece\"\nprice = 79.9\nvat = \"20\"\n",
       53, "never a bare number"},
      {"VAT rate not in vat_rates", "[[item]]\nref = \"X1\"\nkind = \"part\"\nlabel = { fr = \"a\", en = \"b\" }\nunit = \"piece\"\nprice = \"1\"\nvat = \"19.6\"\n",
       54, "VAT rate \"19.6\" is not one of vat_rates"},
      {"unknown kind", "[[item]]\nref = \"X1\"\nkind = \"gadget\"\nlabel = { fr = \"a\", en = \"b\" }\nunit = \"piece\"\nprice = \"1\"\nvat = \"20\"\n",
       50, "unknown kind \"gadget\""},
      {"unknown unit", "[[item]]\nref = \"X1\"\nkind = \"part\"\nlabel = { fr = \"a\", en = \"b\" }\nunit = \"box\"\nprice = \"1\"\nvat = \"20\"\n",
       52, "unknown unit \"box\""},
      {"label without English", "[[item]]\nref = \"X1\"\nkind = \"part\"\nlabel = { fr = \"a\" }\nunit = \"piece\"\nprice = \"1\"\nvat = \"20\"\n",
       51, "\"label\" has no en text"},
      {"bad ref", "[[item]]\nref = \"x 1\"\nkind = \"part\"\nlabel = { fr = \"a\", en = \"b\" }\nunit = \"piece\"\nprice = \"1\"\nvat = \"20\"\n",
       49, "bad ref \"x 1\""},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.name));
    test::TempDir dir;
    const auto file = dir.write("catalogue.toml", with_item(r.item));
    std::vector<Problem> problems;
    const Catalogue c = load_catalogue({file}, problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == file.string());
    CHECK(problems[0].line == r.line);
    CHECK(problems[0].column > 0);
    CHECK(problems[0].message.find(r.says) != std::string::npos);
    CHECK(c.items.size() == 3);  // the refused item is left out, the rest kept
  }
}

TEST_CASE("a syntax error in the catalogue names the file and position") {
  test::TempDir dir;
  const auto file = dir.write("catalogue.toml", "currency = \"EUR\"\nvat_rates = [\"20\"\n");
  std::vector<Problem> problems;
  load_catalogue({file}, problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == file.string());
  CHECK(problems[0].line >= 2);
}

TEST_CASE("proposals of later layers add to and override the bundled ones") {
  test::TempDir dir;
  const auto bundled = dir.write("b/proposals.toml", R"([[proposal]]
tree = "hw.disk_failing"
conclusion = "c_replace_disk"
kind = "repair"
note = { fr = "Le disque est remplacé.", en = "The disk is replaced." }
lines = [ { ref = "SSD-SATA-1TB", quantity = "1" }, { ref = "LAB-WORKSHOP", quantity = "1.5" } ]
replace = [ { ref = "PC-LAPTOP-14", quantity = "1" } ]

[[proposal]]
tree = "hw.psu"
conclusion = "c_dead"
lines = [ { ref = "PSU-500W" } ]
)");
  const auto team = dir.write("t/proposals.toml", R"([[proposal]]
tree = "hw.disk_failing"
conclusion = "c_replace_disk"
lines = [ { ref = "SSD-SATA-1TB", quantity = "1" }, { ref = "LAB-WORKSHOP", quantity = "2" } ]

[[proposal]]
tree = "com.pc"
conclusion = "c_office"
kind = "offer"
lines = [ { ref = "PC-LAPTOP-14", quantity = "0" } ]
)");
  std::vector<Problem> problems;
  const auto proposals = load_proposals({bundled, team}, problems);
  REQUIRE(problems.size() == 1);  // quantity 0
  CHECK(problems[0].file == team.string());
  CHECK(problems[0].line == 10);
  CHECK(problems[0].message.find("over 0") != std::string::npos);
  REQUIRE(proposals.size() == 2);
  const Proposal* disk = find_proposal(proposals, "hw.disk_failing", "c_replace_disk");
  REQUIRE(disk);
  CHECK(disk->lines.at(1).quantity == 200);  // the team's override
  CHECK(disk->replace.empty());
  CHECK(find_proposal(proposals, "hw.psu", "c_dead")->lines.at(0).quantity == 100);

  test::TempDir cdir;
  std::vector<Problem> cp;
  const Catalogue c = load_catalogue({cdir.write("c.toml", good_catalogue)}, cp);
  const auto unknown = check_proposal_refs(proposals, c);
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].message.find("PSU-500W") != std::string::npos);
  CHECK(unknown[0].line == 12);
}

TEST_CASE("a device's present value falls straight to zero over its lifetime") {
  DeviceValue v{"laptop", 89900, 5, "PC-LAPTOP-14"};
  const std::int64_t bought = days_from_civil({2024, 1, 1});
  CHECK(present_value(v, bought, bought) == 89900);
  const std::int64_t life = 5 * 36525 / 100;  // 1826 days
  CHECK(present_value(v, bought, bought + life / 2) == (89900 * (life - life / 2) * 2 + life) / (2 * life));
  CHECK(present_value(v, bought, bought + life) == 0);
  CHECK(present_value(v, bought, bought + 4000) == 0);
}

TEST_CASE("the policy's max_discount is read as basis points, 100 % when absent, over 100 % refused at its line") {
  std::vector<Problem> problems;
  test::TempDir dir;
  CHECK(load_catalogue({dir.write("a.toml", good_catalogue)}, problems).max_discount == 10000);
  CHECK(problems.empty());
  std::string text = good_catalogue;
  const std::string policy = "repair_threshold = \"0.5\"\n";
  const auto at = text.find(policy) + policy.size();
  CHECK(load_catalogue({dir.write("b.toml", std::string(text).insert(at, "max_discount = \"12.5\"\n"))}, problems).max_discount ==
        1250);
  CHECK(problems.empty());
  const Catalogue c = load_catalogue({dir.write("c.toml", std::string(text).insert(at, "max_discount = \"150\"\n"))}, problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 16);
  CHECK(problems[0].message.find("max_discount is a percent, at most 100") != std::string::npos);
  CHECK(c.max_discount == 10000);
}
