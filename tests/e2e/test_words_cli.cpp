// End-to-end, on the bundled data: the known OS's commands only, the
// operator's typed values in later commands, values and rules in words.
#include "run.hpp"

#include <doctest/doctest.h>

using test::diagdesk;

namespace {

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

std::string bundled() { return "--data " + test::quote(DIAGDESK_DATA_DIR) + " "; }

}  // namespace

TEST_CASE("the terminal shows the known OS's commands with the typed login and counts the others") {
  test::TempDir home;
  for (const char* lang : {"fr", "en"}) {
    CAPTURE(std::string(lang));
    const bool fr = std::string(lang) == "fr";
    const auto report = home.path() / (std::string("r-") + lang + ".md");
    auto r = diagdesk(home, bundled() + "--lang " + lang + " diagnose dir.account_locked --fact os=linux --answers locked,mdupont,verified --transcript " +
                                test::quote(report.string()));
    REQUIRE(r.rc == 0);
    // Linux in front of the operator: the AD commands are Windows-only.
    CHECK(has(r.out, fr ? "Commandes pour Linux" : "Commands for Linux"));
    CHECK(has(r.out, fr ? "3 commandes pour d'autres systèmes, non affichées" : "3 commands for other systems, not shown"));
    CHECK(!has(r.out, "Get-ADUser"));
    r = diagdesk(home, bundled() + "--lang " + lang + " diagnose dir.account_locked --fact os=windows11 --answers locked,mdupont,verified");
    CHECK(has(r.out, "Get-ADUser mdupont -Properties"));
    CHECK(has(r.out, "net user mdupont /domain"));
    CHECK(!has(r.out, "jdupont"));
    CHECK(!has(r.out, "{user_name"));
    CHECK(!has(r.out, "<login>"));
    const std::string md = test::read(report);
    CHECK(has(md, fr ? "Système d'exploitation : Linux" : "Operating system: Linux"));
    CHECK(has(md, fr ? "Identifiant de l'utilisateur : mdupont" : "User's login name: mdupont"));
  }
}

TEST_CASE("unknown OS shows every system's commands in the terminal") {
  test::TempDir home;
  auto r = diagdesk(home, bundled() + "--lang en diagnose net.no_internet --answers only_me");
  REQUIRE(r.rc == 0);
  CHECK(has(r.out, "windows: ipconfig /all"));
  CHECK(has(r.out, "linux: ip a"));
  CHECK(!has(r.out, "other systems, not shown"));
}
