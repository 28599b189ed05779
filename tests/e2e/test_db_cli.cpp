// End-to-end: diagdesk db check | backup FILE on the ticket database of a
// temporary data dir, made by `diagdesk incident new`: a sound one, none yet,
// one of garbage, one whose index is damaged, and the backup targets refused.
#include "run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <fstream>

using test::diagdesk;

namespace {

namespace fs = std::filesystem;

struct Fixture {
  test::TempDir home;
  std::string data = "--data " + test::quote(DIAGDESK_DATA_DIR) + " ";
  fs::path database() const { return home.path() / "userdata" / "service.sqlite"; }
  /// Opens a ticket through the CLI (the database is created by the first one).
  void new_ticket(const std::string& title, const std::string& description = "") {
    const auto r = diagdesk(home, data + "--lang en incident new --title " + test::quote(title) +
                                      " --caller 'Marie Dupont' --impact medium --urgency high" +
                                      (description.empty() ? "" : " --description " + test::quote(description)));
    INFO(r.err);
    REQUIRE(r.rc == 0);
  }
};

/// One line on stderr, starting with "diagdesk: ".
void one_line_error(const test::Run& r) {
  CHECK(r.err.starts_with("diagdesk: "));
  CHECK(r.err.find('\n') == r.err.size() - 1);
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("db check and db backup of a database with tickets, and the backup restored") {
  Fixture f;
  f.new_ticket("Printer offline");
  f.new_ticket("No network on PC-0421");
  auto r = diagdesk(f.home, "--lang en db check");
  INFO(r.err);
  CHECK(r.rc == 0);
  CHECK(r.out.find("Ticket database " + f.database().string() + ": ok") != std::string::npos);
  CHECK(r.out.find("tickets: 2") != std::string::npos);
  r = diagdesk(f.home, "--lang fr db check");
  CHECK(r.rc == 0);
  CHECK(r.out.find("intacte") != std::string::npos);
  r = diagdesk(f.home, "db check --json");
  REQUIRE(r.rc == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "ok");
  CHECK(j["tickets"] == 2);
  CHECK(j["findings"].empty());
  CHECK(j["database"] == f.database().string());

  const fs::path copy = f.home.path() / "saved" / "service.sqlite";
  fs::create_directories(copy.parent_path());
  r = diagdesk(f.home, "--lang en db backup " + test::quote(copy.string()));
  INFO(r.err);
  REQUIRE(r.rc == 0);
  CHECK(r.out.find("Backup of " + f.database().string() + " written to " + copy.string() + " (tickets: 2)") !=
        std::string::npos);
  CHECK(mode_of(copy) == 0600);
  r = diagdesk(f.home, "db backup --json " + test::quote(copy.string()));  // replaces the old copy
  REQUIRE(r.rc == 0);
  j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "ok");
  CHECK(j["tickets"] == 2);
  CHECK(j["backup"] == copy.string());

  // Restoring is copying the file back as <data dir>/service.sqlite.
  r = diagdesk(f.home, "--lang en --data-dir " + test::quote(copy.parent_path().string()) + " db check");
  INFO(r.err);
  CHECK(r.rc == 0);
  CHECK(r.out.find("tickets: 2") != std::string::npos);
  r = diagdesk(f.home, f.data + "--lang en --data-dir " + test::quote(copy.parent_path().string()) + " incident list");
  CHECK(r.rc == 0);
  CHECK(r.out.find("No network on PC-0421") != std::string::npos);
}

TEST_CASE("db check with no database yet says so, creates nothing and exits 1") {
  Fixture f;
  auto r = diagdesk(f.home, "--lang en db check");
  CHECK(r.rc == 1);
  one_line_error(r);
  CHECK(r.err.find("no ticket database yet at " + f.database().string()) != std::string::npos);
  CHECK_FALSE(fs::exists(f.database()));
  r = diagdesk(f.home, "db check --json");
  CHECK(r.rc == 1);
  CHECK(nlohmann::json::parse(r.out)["status"] == "missing");
  r = diagdesk(f.home, "--lang fr db backup " + test::quote((f.home.path() / "b.sqlite").string()));
  CHECK(r.rc == 1);
  CHECK(r.err.find("aucune base des tickets") != std::string::npos);
  CHECK_FALSE(fs::exists(f.home.path() / "b.sqlite"));
  CHECK_FALSE(fs::exists(f.database()));
}

TEST_CASE("a database of garbage: one line naming the file, exit 1, no backup written") {
  Fixture f;
  f.home.write("userdata/service.sqlite", std::string(8192, 'Z'));
  auto r = diagdesk(f.home, "--lang en db check");
  CHECK(r.rc == 1);
  one_line_error(r);
  CHECK(r.err.find(f.database().string()) != std::string::npos);
  CHECK(r.err.find("damaged or is not a Diagdesk database") != std::string::npos);
  r = diagdesk(f.home, "db check --json");
  CHECK(r.rc == 1);
  CHECK(nlohmann::json::parse(r.out)["status"] == "corrupt");
  const auto copy = f.home.path() / "b.sqlite";
  r = diagdesk(f.home, "--lang en db backup " + test::quote(copy.string()));
  CHECK(r.rc == 1);
  one_line_error(r);
  CHECK_FALSE(fs::exists(copy));
  CHECK(test::read(f.database()) == std::string(8192, 'Z'));  // left as it was
}

TEST_CASE("a database whose index no longer matches its table: db check lists the findings and exits 1") {
  Fixture f;
  f.new_ticket("Printer offline");
  f.new_ticket("No network on PC-0421");
  // Rewrite the index's definition in the schema (page 1) to another column
  // of the same length: its entries no longer match the rows.
  std::string bytes = test::read(f.database());
  const std::string was = "events(ticket_id, id)";
  const auto at = bytes.find(was);
  REQUIRE(at != std::string::npos);
  bytes.replace(at, was.size(), "events(old_value, id)");
  std::ofstream(f.database(), std::ios::binary | std::ios::trunc) << bytes;
  auto r = diagdesk(f.home, "--lang en db check");
  INFO(r.out);
  INFO(r.err);
  CHECK(r.rc == 1);
  CHECK(r.out.find("Ticket database " + f.database().string() + ": the integrity check found") != std::string::npos);
  CHECK(r.out.find("  - ") != std::string::npos);
  CHECK(r.out.find("events_by_ticket") != std::string::npos);
  CHECK(r.out.find("latest backup") != std::string::npos);
  r = diagdesk(f.home, "--lang fr db check");
  CHECK(r.rc == 1);
  CHECK(r.out.find("le contrôle d'intégrité a trouvé") != std::string::npos);
  r = diagdesk(f.home, "db check --json");
  CHECK(r.rc == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "findings");
  REQUIRE_FALSE(j["findings"].empty());
  CHECK(j["findings"][0].get<std::string>().find("events_by_ticket") != std::string::npos);
}

TEST_CASE("db backup refuses a link, a folder, a device, the database itself and a missing folder with exit 2") {
  Fixture f;
  f.new_ticket("Printer offline");
  const auto precious = f.home.write("precious.txt", "keep me");
  fs::create_symlink(precious, f.home.path() / "link.sqlite");
  fs::create_directories(f.home.path() / "folder.sqlite");
  struct Row {
    fs::path target;
    const char* says;
  };
  const std::vector<Row> rows = {
      {f.home.path() / "link.sqlite", "is a symbolic link"},
      {f.home.path() / "folder.sqlite", "is a folder or a device"},
      {"/dev/null", "is a folder or a device"},
      {f.database(), "is the ticket database itself"},
      {f.home.path() / "no" / "such" / "b.sqlite", "its folder does not exist"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.target);
    const auto r = diagdesk(f.home, "--lang en db backup " + test::quote(row.target.string()));
    CHECK(r.rc == 2);
    one_line_error(r);
    CHECK(r.err.find(row.target.string() + ": " + row.says) != std::string::npos);
  }
  const auto r = diagdesk(f.home, "--lang fr db backup " + test::quote((f.home.path() / "link.sqlite").string()));
  CHECK(r.rc == 2);
  CHECK(r.err.find("lien symbolique") != std::string::npos);
  CHECK(test::read(precious) == "keep me");
  CHECK(diagdesk(f.home, "db check").rc == 0);
}
