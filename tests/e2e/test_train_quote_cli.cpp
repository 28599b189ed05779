// End-to-end: the quote step of a competency-8 scenario through the real
// program on the bundled data (issue 15): diagdesk train com.repair_over_value
// --actions with the quote tokens, the score and the debrief in both languages.
#include "run.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

namespace {

const std::string play =
    "tree=com.repair_or_replace,=,=,=,=,ack,impact=low,urgency=medium,kb=svc.repair_or_replace,verify,document,"
    "quote=SVC-DIAGNOSIS:1,quote=LAB-WORKSHOP:1";
const std::string replace = ",quote-option=replace,quote=PC-LAPTOP-14:1,quote=SVC-DATA-TRANSFER:1,quote=SVC-SECURE-WIPE:1";

}  // namespace

TEST_CASE("diagdesk train com.repair_over_value scores the quote and shows it line by line in both languages") {
  test::TempDir home;
  SUBCASE("repair and replace: full marks, totals to the cent") {
    auto r = test::diagdesk(home, "train com.repair_over_value --no-record --actions " + test::quote(play + replace));
    REQUIRE_MESSAGE(r.rc == 0, r.err);
    CHECK(r.out.find("Score: 100/100") != std::string::npos);
    CHECK(r.out.find("Quote: 15/15.") != std::string::npos);
    CHECK(r.out.find("The quote: yours beside the expected one") != std::string::npos);
    CHECK(r.out.find("€118.80") != std::string::npos);    // repair: 99.00 + 20 % VAT
    CHECK(r.out.find("€1,052.40") != std::string::npos);  // replacement: 877.00 + 20 % VAT
    r = test::diagdesk(home, "--lang fr train com.repair_over_value --no-record --actions " + test::quote(play + replace));
    REQUIRE(r.rc == 0);
    CHECK(r.out.find("Devis : 15/15.") != std::string::npos);
    CHECK(r.out.find("Le devis : le vôtre à côté de celui attendu") != std::string::npos);
    CHECK(r.out.find("118,80") != std::string::npos);
  }
  SUBCASE("replace missing: 6 points lost, said in both languages, and in JSON") {
    auto r = test::diagdesk(home, "train com.repair_over_value --no-record --json --actions " + test::quote(play));
    REQUIRE_MESSAGE(r.rc == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["score"]["total"] == 94);
    CHECK(j["score"]["quote"]["points"] == 9);
    REQUIRE(j["score"]["quote"]["findings"].size() == 1);
    CHECK(j["score"]["quote"]["findings"][0]["code"] == "option_missing");
    CHECK(j["score"]["quote"]["options"][0]["totals"]["ttc_cents"] == 11880);
    CHECK(j["score"]["quote"]["options"][1]["offered"] == false);
    r = test::diagdesk(home, "train com.repair_over_value --no-record --actions " + test::quote(play));
    CHECK(r.out.find("Option \"Replacement\" not offered (−6).") != std::string::npos);
    r = test::diagdesk(home, "--lang fr train com.repair_over_value --no-record --actions " + test::quote(play));
    CHECK(r.out.find("Option « Remplacement » non proposée (−6).") != std::string::npos);
    CHECK(r.out.find("Score : 94/100") != std::string::npos);
  }
  SUBCASE("a quote token before the diagnosis, or in another scenario, exits 2") {
    auto r = test::diagdesk(home, "train com.repair_over_value --no-record --actions 'quote=PC-LAPTOP-14:1'");
    CHECK(r.rc == 2);
    CHECK(r.err.find("after the proposal") != std::string::npos);
    r = test::diagdesk(home, "train net.apipa_dhcp_down --no-record --actions 'quote=PC-LAPTOP-14:1'");
    CHECK(r.rc == 2);
    CHECK(r.err.find("proposal") != std::string::npos);
  }
}

TEST_CASE("the interactive quote step searches the catalogue and shows the lines with live totals") {
  test::TempDir home;
  const std::string input =
      "tree=com.repair_or_replace\n=\n=\n=\n=\nsearch portable bureautique\nquote=PC-LAPTOP-14:1\nlines\ndone\n";
  auto r = test::diagdesk(home, "train com.repair_over_value --no-record", input);
  REQUIRE_MESSAGE(r.rc == 0, r.err);
  CHECK(r.out.find("Quote step: price the proposal") != std::string::npos);
  CHECK(r.out.find("PC-LAPTOP-14") != std::string::npos);
  CHECK(r.out.find("€958.80") != std::string::npos);  // 799.00 + 20 % VAT, live
  CHECK(r.out.find("Quote: ") != std::string::npos);
}
