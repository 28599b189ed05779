// End-to-end: diagdesk model learn | show | reset on the mini KB: tickets
// diagnosed and resolved through the real program update the learned priors
// on their own; a bad learned file is reported with its position and loses
// nothing; unknown trees are refused.
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

using nlohmann::json;

namespace {

struct Desk {
  test::TempDir kb;
  test::TempDir home;
  std::string data;
  Desk() {
    test::write_mini_kb_with_articles(kb);
    data = "--data " + test::quote(kb.path().string()) + " ";
  }
  test::Run run(const std::string& args) const { return test::diagdesk_at(home, data + args, "2026-05-22T10:00"); }
  json run_json(const std::string& args) const {
    const auto r = run(args + " --json");
    REQUIRE_MESSAGE(r.rc == 0, std::string(args + " -> " + r.err));
    return json::parse(r.out);
  }
  /// An incident diagnosed with `answers` on t.net; resolved from the diagnosis when `resolve`.
  std::string diagnosed(const std::string& answers, bool resolve = true, const std::string& site = "Lyon") const {
    const std::string n =
        run_json("incident new --title 'No network' --caller 'Paul Martin' --site " + site + " --impact medium --urgency medium --category network")["number"];
    run_json("incident diagnose " + n + " t.net --answers " + answers + " --operator marie");
    if (resolve) run_json("incident resolve " + n + " --solution fixed");
    return n;
  }
  std::filesystem::path file() const { return home.path() / "userdata" / "learned_priors.toml"; }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const json& cause(const json& shown, const std::string& leaf) {
  for (const auto& c : shown["causes"]) {
    if (c["cause"] == leaf) return c;
  }
  FAIL("no cause " << leaf);
  return shown;
}

}  // namespace

TEST_CASE("closing tickets updates the learned priors, model show and model learn give the counts") {
  Desk d;
  // Nothing learned yet: the authored priors, with zero tickets.
  json shown = d.run_json("model show t.net");
  CHECK(shown["learned"] == false);
  CHECK(shown["tickets"] == 0);
  const double a_cable = cause(shown, "c_cable")["authored"];
  CHECK(cause(shown, "c_cable")["learned"].get<double>() == doctest::Approx(a_cable));

  // Two cable faults and one APIPA address, resolved from their diagnoses; one ticket left open.
  const std::string first = d.diagnosed("off");
  const std::string again = d.diagnosed("off");
  d.diagnosed("on,169.254.9.9");
  d.diagnosed("off", false);
  REQUIRE(std::filesystem::exists(d.file()));

  shown = d.run_json("model show t.net");
  CHECK(shown["learned"] == true);
  CHECK(shown["tickets"] == 3);
  CHECK(shown["weight"] == 10);
  // (W x authored + n) / (W + N) with W = 10, N = 3.
  CHECK(cause(shown, "c_cable")["tickets"] == 2);
  CHECK(cause(shown, "c_cable")["learned"].get<double>() == doctest::Approx((10 * a_cable + 2) / 13));
  const double a_dhcp = cause(shown, "c_dhcp")["authored"];
  CHECK(cause(shown, "c_dhcp")["learned"].get<double>() == doctest::Approx((10 * a_dhcp + 1) / 13));
  CHECK(cause(shown, "c_dns")["tickets"] == 0);

  // Closing a resolved ticket changes nothing; reopening it takes it out until it is resolved again.
  d.run_json("incident close " + first);
  CHECK(d.run_json("model show t.net")["tickets"] == 3);
  d.run_json("incident reopen " + again + " --reason 'came back'");
  CHECK(cause(d.run_json("model show t.net"), "c_cable")["tickets"] == 1);
  d.run_json("incident resolve " + again + " --solution fixed");
  CHECK(cause(d.run_json("model show t.net"), "c_cable")["tickets"] == 2);

  // The rebuild from the tickets says what it used and what it skipped.
  const json learned = d.run_json("model learn");
  CHECK(learned["tickets_used"] == 3);
  CHECK(learned["open"] == 1);
  CHECK(learned["trees"].size() == 1);
  CHECK(learned["trees"][0]["tree"] == "t.net");
  CHECK(learned["trees"][0]["tickets"] == 3);
  CHECK(d.run_json("model show t.net")["tickets"] == 3);

  // A site below 20 tickets falls back to the tree's figures.
  shown = d.run_json("model show t.net --site Lyon");
  CHECK(shown["site_level"] == false);
  CHECK(shown["site_tickets"] == 3);

  // People read it in their language, side by side.
  auto r = d.run("--lang fr model show t.net");
  REQUIRE(r.rc == 0);
  CHECK(has(r.out, "Probabilités a priori de t.net"));
  CHECK(has(r.out, "apprises de 3 tickets"));
  r = d.run("model learn");
  CHECK(has(r.out, "3 resolved or closed tickets used, 0 skipped, 1 still open"));

  // simulate uses the learned priors and says so; --authored forces the authored ones.
  json sim = d.run_json("simulate t.net");
  CHECK(sim["priors"] == "learned");
  CHECK(sim["learned_tickets"] == 3);
  CHECK(d.run_json("simulate t.net --authored")["priors"] == "authored");
  r = d.run("simulate t.net");
  CHECK(has(r.out, "priors learned from 3 tickets"));

  // Reset forgets, learn learns again.
  r = d.run("model reset t.net");
  CHECK(r.rc == 0);
  CHECK(d.run_json("model show t.net")["tickets"] == 0);
  CHECK(d.run_json("model learn")["tickets_used"] == 3);
}

TEST_CASE("model refuses unknown trees, and a bad learned file is reported, used as authored and rebuilt") {
  Desk d;
  auto r = d.run("model show no.such.tree");
  CHECK(r.rc == 2);
  CHECK(has(r.err, "no.such.tree"));
  CHECK(d.run("model reset no.such.tree").rc == 2);
  CHECK(d.run("model").rc != 0);

  const std::string n = d.diagnosed("off");
  const std::string bad = "schema_version = 1\n[[tickets]]\nnumber = \"" + n + "\"\ncauses = [ { tree = \"t.net\" } ]\n";
  d.home.write("userdata/learned_priors.toml", bad);

  r = d.run("model show t.net --json");
  CHECK(r.rc == 0);
  CHECK(has(r.err, d.file().string() + ":4:"));
  const json shown = json::parse(r.out);
  CHECK(shown["tickets"] == 0);
  CHECK(shown["learned"] == false);
  CHECK(has(shown["error"].get<std::string>(), ":4:"));

  // A ticket whose entry changes is still closed; the failure is said; the file is left alone.
  const std::string other = d.diagnosed("on,169.254.9.9", false);
  r = d.run("incident resolve " + other + " --solution fixed");
  CHECK(r.rc == 0);
  CHECK(has(r.err, "learned priors were not updated"));
  CHECK(has(r.err, d.file().string() + ":4:"));
  CHECK(test::read(d.file()) == bad);

  // model learn keeps the bad file aside and rebuilds from the tickets.
  r = d.run("model learn --json");
  CHECK(r.rc == 0);
  CHECK(has(r.err, ".bad"));
  const json learned = json::parse(r.out);
  CHECK(learned["tickets_used"] == 2);
  CHECK(test::read(d.file().string() + ".bad") == bad);
  CHECK(d.run_json("model show t.net")["tickets"] == 2);
}

TEST_CASE("diagnose --guided --site uses the site's own learned priors once it has 20 tickets") {
  Desk d;
  for (int i = 0; i < 20; ++i) d.diagnosed("off", true, "Paris");          // Paris: cable faults
  for (int i = 0; i < 4; ++i) d.diagnosed("on,169.254.9.9", true, "Lyon");  // Lyon: DHCP
  const json paris = d.run_json("model show t.net --site Paris");
  REQUIRE(paris["site_level"] == true);
  const double site_cable = cause(paris, "c_cable")["learned"];
  const double tree_cable = cause(d.run_json("model show t.net"), "c_cable")["learned"];
  REQUIRE(site_cable > tree_cable);
  auto prior_of = [](const json& guided, const std::string& leaf) {
    for (const auto& c : guided["causes"]) {
      if (c["leaf"] == leaf) return c["prior"].get<double>();
    }
    return -1.0;
  };
  // The guided session's priors are the site's with --site, the tree's without;
  // a site below the threshold falls back to the tree's.
  CHECK(prior_of(d.run_json("diagnose t.net --guided --site Paris"), "c_cable") == doctest::Approx(site_cable));
  CHECK(prior_of(d.run_json("diagnose t.net --guided"), "c_cable") == doctest::Approx(tree_cable));
  CHECK(prior_of(d.run_json("diagnose t.net --guided --site Lyon"), "c_cable") == doctest::Approx(tree_cable));
}
