// Saving, resuming and reporting sessions; refusing corrupt or foreign files.
#include "fixture.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session_file.hpp>

#include <doctest/doctest.h>

using namespace diagdesk::engine;

namespace {
std::shared_ptr<const Knowledge> mini(const test::TempDir& dir) {
  test::write_mini_kb(dir);
  auto loaded = load_knowledge({dir.path()});
  REQUIRE(loaded.diagnostics.empty());
  return loaded.knowledge;
}
}  // namespace

TEST_CASE("a saved session resumes at the same step with the same facts and notes") {
  test::TempDir dir;
  auto k = mini(dir);
  Session s(k, "t.net", {{"os", "linux"}}, Lang::fr);
  s.answer("on", 1700000000);
  s.add_note("Câble changé", 1700000005);
  s.answer("192.168.1.20", 1700000010);
  const auto file = dir.path() / "sessions" / "s.toml";
  CHECK(save_session(s, file, ReportInfo{"Alice", "pas de réseau", 1700000000}).empty());
  auto loaded = load_session(k, file);
  REQUIRE_MESSAGE(loaded.session, loaded.error);
  CHECK(loaded.session->step().node == "q_dns");
  CHECK(loaded.session->facts().at("ip_config").value == "dhcp_ok");
  CHECK(loaded.session->notes().size() == 1);
  CHECK(loaded.session->notes()[0].text == "Câble changé");
  CHECK(loaded.session->answers().size() == 2);
  CHECK(loaded.info.operator_name == "Alice");
  CHECK(loaded.session->lang() == Lang::fr);
}

TEST_CASE("a corrupt, foreign, too new or stale session file is refused and left untouched") {
  test::TempDir dir;
  auto k = mini(dir);
  struct Row {
    const char* name;
    const char* content;
    const char* expect;
  };
  const Row rows[] = {
      {"garbage", "\x01\x02 not toml [[[", "not a readable session file"},
      {"foreign", "title = \"a tree\"\n", "not a Diagdesk session file"},
      {"too new", "format = \"diagdesk-session\"\nschema_version = 99\ntree = \"t.net\"\n", "newer Diagdesk"},
      {"unknown tree", "format = \"diagdesk-session\"\nschema_version = 1\ntree = \"t.gone\"\n", "not loaded"},
      {"stale answer",
       "format = \"diagdesk-session\"\nschema_version = 1\ntree = \"t.net\"\n[[answers]]\ntree = \"t.net\"\nnode = \"q_link\"\nchoice = \"purple\"\n",
       "answer 1 does not fit"},
      {"bad fact", "format = \"diagdesk-session\"\nschema_version = 1\ntree = \"t.net\"\n[facts]\nos = \"amiga\"\n", "not a value"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const auto file = dir.write(std::string("bad-") + row.name + ".toml", row.content);
    auto loaded = load_session(k, file);
    CHECK(!loaded.session);
    CHECK(loaded.error.find(row.expect) != std::string::npos);
    CHECK(loaded.error.find(file.string()) == 0);
    CHECK(test::read(file) == row.content);
  }
}

TEST_CASE("saving replaces the file atomically and leaves no temporary file") {
  test::TempDir dir;
  auto k = mini(dir);
  Session s(k, "t.net");
  const auto file = dir.path() / "s.toml";
  CHECK(save_session(s, file).empty());
  s.answer("off");
  CHECK(save_session(s, file).empty());
  auto loaded = load_session(k, file);
  REQUIRE(loaded.session);
  CHECK(loaded.session->concluded());
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(dir.path())) files += e.path().extension() == ".toml" || e.path().filename().string().find(".tmp") != std::string::npos;
  CHECK(files == 1);
}

TEST_CASE("saving into a folder that cannot be written reports an error") {
  test::TempDir dir;
  auto k = mini(dir);
  Session s(k, "t.net");
  dir.write("blocker", "a file, not a folder");
  CHECK(!save_session(s, dir.path() / "blocker" / "s.toml").empty());
}

TEST_CASE("the intervention report has every section, in the chosen language") {
  test::TempDir dir;
  auto k = mini(dir);
  Session s(k, "t.net", {{"os", "linux"}});
  s.answer("on", 1700000000);
  s.answer("169.254.3.3", 1700000100);
  s.add_note("user moved desks yesterday", 1700000200);
  const std::string en = render_report(s, Lang::en, ReportInfo{"Bob", "no network at all", 1700000000});
  for (const char* part : {"# Intervention report", "Bob", "no network at all", "## Equipment and known facts", "Operating system: Linux",
                           "## Diagnosis steps", "Is the link light on?", "Answer: Yes", "Read the IPv4 address.", "169.254.3.3",
                           "skipped, fact already known", "Since IP address: within the network 169.254.0.0/16", "## Tests run",
                           "1 command for another system, not shown", "## Warnings shown", "Proposed remedy",
                           "DHCP does not answer.", "Escalate to level 2", "Check the DHCP server.", "`net.apipa`",
                           "user moved desks yesterday"}) {
    CHECK_MESSAGE(en.find(part) != std::string::npos, std::string(part));
  }
  const std::string fr = render_report(s, Lang::fr, ReportInfo{"Bob", "", 1700000000});
  CHECK(fr.find("# Fiche d'intervention") != std::string::npos);
  CHECK(fr.find("Le DHCP ne répond pas.") != std::string::npos);
  CHECK(fr.find("Escalade au niveau 2") != std::string::npos);
}

TEST_CASE("every UI string exists in French and English") {
  CHECK(ui_string_keys().size() > 40);
  CHECK(ui_string_problems().empty());
  for (const auto& p : ui_string_problems()) MESSAGE(p);
  CHECK(tr("report.title", Lang::fr) == "Fiche d'intervention");
  CHECK(tr("no.such.key", Lang::en) == "no.such.key");
}
