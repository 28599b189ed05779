#include "fixtures.hpp"

#include <diagdesk/kb/article.hpp>
#include <diagdesk/kb/index.hpp>

#include <doctest/doctest.h>
#include <xapian.h>

#include <cstdlib>
#include <fstream>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace diagdesk::kb;
using kbtest::rank_of;

namespace {

SearchResults find(Index& index, const std::string& text) {
  SearchQuery q;
  q.text = text;
  return index.search(q);
}

// Overwrites every Xapian table file with garbage, keeping their sizes.
void corrupt_files(const std::filesystem::path& dir) {
  for (auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".glass" && e.path().filename() != "iamglass") continue;
    auto size = std::max<std::uintmax_t>(e.file_size(), 64);
    std::ofstream out(e.path(), std::ios::binary | std::ios::trunc);
    for (std::uintmax_t i = 0; i < size; ++i) out.put(static_cast<char>((i * 131 + 7) & 0xFF));
  }
}

}  // namespace

TEST_CASE("sync creates the index, then re-indexes only what changed") {
  kbtest::TempDir tmp;
  Index index(tmp / "index");
  auto docs = kbtest::sample_documents();

  SyncReport first = index.sync(docs);
  CHECK(first.action == IndexAction::created);
  CHECK(first.added == docs.size());
  CHECK(first.total == docs.size());
  CHECK(first.message.find("created") != std::string::npos);
  CHECK(index.size() == docs.size());

  SyncReport again = index.sync(docs);
  CHECK(again.action == IndexAction::up_to_date);
  CHECK(again.unchanged == docs.size());
  CHECK(again.added + again.changed + again.removed == 0);

  // One changed, one removed, one added.
  docs[0].body.fr += "\nUn mot nouveau : zorglub.";
  std::string removed = docs[1].id;
  docs.erase(docs.begin() + 1);
  docs.push_back(kbtest::article("hw.fan.en", "Noisy fan", {"fan noise"}, "Clean the fan.", "hardware"));
  SyncReport upd = index.sync(docs);
  CHECK(upd.action == IndexAction::updated);
  CHECK(upd.added == 1);
  CHECK(upd.changed == 1);
  CHECK(upd.removed == 1);
  CHECK(upd.unchanged == docs.size() - 2);
  CHECK(upd.total == docs.size());
  CHECK(upd.message.find("1 added, 1 changed, 1 removed") != std::string::npos);

  CHECK(rank_of(find(index, "zorglub"), docs[0].id) == 1);
  CHECK(rank_of(find(index, "noisy fan"), "hw.fan.en") == 1);
  CHECK(rank_of(find(index, "APIPA address"), removed) == 0);

  SUBCASE("words of removed titles leave the spelling table") {
    // Spelling comes from titles, symptoms and tags (not bodies).
    CHECK(find(index, "zorglib").did_you_mean.empty());
    docs[0].title.fr = "Titre zorglub";
    index.sync(docs);
    CHECK(find(index, "zorglib").did_you_mean == "zorglub");
    docs[0].title.fr = "Titre neutre";
    index.sync(docs);
    CHECK(find(index, "zorglib").did_you_mean.empty());
  }
}

TEST_CASE("a requested rebuild starts from scratch and says so") {
  kbtest::TempDir tmp;
  Index index(tmp / "index");
  auto docs = kbtest::sample_documents();
  index.sync(docs);
  SyncReport r = index.sync(docs, SyncMode::rebuild);
  CHECK(r.action == IndexAction::rebuilt);
  CHECK(r.reason == RebuildReason::requested);
  CHECK(r.total == docs.size());
  CHECK(r.message.find("rebuilt") != std::string::npos);
  CHECK(!std::filesystem::exists(tmp / "index.new"));
  CHECK(!std::filesystem::exists(tmp / "index.old"));
}

TEST_CASE("an index of another schema version is rebuilt") {
  kbtest::TempDir tmp;
  Index index(tmp / "index");
  auto docs = kbtest::sample_documents();
  index.sync(docs);
  {
    Xapian::WritableDatabase db((tmp / "index").string(), Xapian::DB_OPEN);
    db.set_metadata("diagdesk.index_schema", "0");
    db.commit();
  }
  SyncReport r = index.sync(docs);
  CHECK(r.action == IndexAction::rebuilt);
  CHECK(r.reason == RebuildReason::stale);
  CHECK(r.message.find("another version") != std::string::npos);
  CHECK(index.sync(docs).action == IndexAction::up_to_date);
}

TEST_CASE("a corrupt index is reported by search and rebuilt by sync") {
  kbtest::TempDir tmp;
  auto docs = kbtest::sample_documents();
  {
    Index index(tmp / "index");
    index.sync(docs);
  }
  corrupt_files(tmp / "index");

  Index index(tmp / "index");
  SearchResults broken = find(index, "imprimante");
  CHECK(broken.error != SearchError::none);
  CHECK(broken.hits.empty());
  CHECK(!broken.message.empty());

  SyncReport r = index.sync(docs);
  CHECK(r.action == IndexAction::rebuilt);
  CHECK(r.reason == RebuildReason::corrupt);
  CHECK(r.message.find("corrupt") != std::string::npos);
  CHECK(r.total == docs.size());
  SearchResults ok = find(index, "imprimante");
  CHECK(ok.error == SearchError::none);
  CHECK(!ok.hits.empty());
}

TEST_CASE("an index whose files were deleted is rebuilt") {
  kbtest::TempDir tmp;
  auto docs = kbtest::sample_documents();
  Index index(tmp / "index");
  index.sync(docs);
  std::filesystem::remove(tmp / "index/postlist.glass");
  SyncReport r = index.sync(docs);
  CHECK(r.action == IndexAction::rebuilt);
  CHECK(r.reason == RebuildReason::corrupt);
  CHECK(!find(index, "imprimante").hits.empty());
}

TEST_CASE("a locked index is left alone and search keeps working read-only") {
  kbtest::TempDir tmp;
  auto docs = kbtest::sample_documents();
  Index index(tmp / "index");
  index.sync(docs);
  docs.push_back(kbtest::article("hw.fan.en", "Noisy fan", {"fan noise"}, "Clean the fan.", "hardware"));
  {
    // Another writer holds the lock.
    Xapian::WritableDatabase other((tmp / "index").string(), Xapian::DB_OPEN);
    SyncReport r = index.sync(docs);
    CHECK(r.action == IndexAction::read_only);
    CHECK(r.error == IndexError::locked);
    CHECK(r.message.find("locked") != std::string::npos);
    CHECK(index.read_only());
    SyncReport forced = index.sync(docs, SyncMode::rebuild);
    CHECK(forced.action == IndexAction::read_only);

    SearchResults s = find(index, "imprimante");
    CHECK(s.error == SearchError::none);
    CHECK(!s.hits.empty());
    CHECK(s.has(SearchNotice::index_read_only));
    CHECK(rank_of(find(index, "noisy fan"), "hw.fan.en") == 0);
  }
  SyncReport after = index.sync(docs);
  CHECK(after.action == IndexAction::updated);
  CHECK(after.added == 1);
  CHECK(!index.read_only());
  CHECK(rank_of(find(index, "noisy fan"), "hw.fan.en") == 1);
}

TEST_CASE("searching before any index exists says so") {
  kbtest::TempDir tmp;
  Index index(tmp / "index");
  SearchResults r = find(index, "imprimante");
  CHECK(r.error == SearchError::index_missing);
  CHECK(r.hits.empty());
  CHECK(index.size() == 0);
}

TEST_CASE("a rebuild refuses a folder holding other files") {
  kbtest::TempDir tmp;
  tmp.write("index/precious.txt", "do not delete");
  Index index(tmp / "index");
  SyncReport r = index.sync(kbtest::sample_documents());
  CHECK(r.action == IndexAction::failed);
  CHECK(r.error == IndexError::io);
  CHECK(std::filesystem::exists(tmp / "index/precious.txt"));
}

TEST_CASE("a document id given twice is indexed once, the later one winning") {
  kbtest::TempDir tmp;
  Index index(tmp / "index");
  auto docs = kbtest::sample_documents();
  auto twin = docs[0];
  twin.title.fr = "Version tardive zorglub";
  docs.push_back(twin);
  SyncReport r = index.sync(docs);
  CHECK(r.total == docs.size() - 1);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].find(twin.id) != std::string::npos);
  CHECK(rank_of(find(index, "zorglub"), twin.id) == 1);
}

namespace {

// The read-only case, as a user the folder's permissions apply to. Returns
// what went wrong, empty when all holds (it may run in a child process).
std::string read_only_case(const std::filesystem::path& dir, const std::filesystem::path& tmpdir) {
  ::setenv("TMPDIR", tmpdir.c_str(), 1);
  auto docs = kbtest::sample_documents();
  docs.push_back(kbtest::article("hw.fan.en", "Noisy fan", {"fan noise"}, "Clean the fan.", "hardware"));
  Index index(dir);
  SyncReport r = index.sync(docs);
  if (r.action != IndexAction::created) return "action " + std::string(to_string(r.action)) + ": " + r.message;
  if (r.message.find("locked") != std::string::npos) return "still called locked: " + r.message;
  if (r.message.find("cannot be written") == std::string::npos || r.message.find(dir.string()) == std::string::npos)
    return "message does not name the folder and the cause: " + r.message;
  if (r.unwritable.empty() || r.fallback_dir.parent_path() != tmpdir) return "fallback not in TMPDIR: " + r.message;
  if (rank_of(find(index, "noisy fan"), "hw.fan.en") == 0) return "the new article is not found";  // 1-based, 0: absent
  if (find(index, "imprimante").hits.empty()) return "the old articles are not found";
  // A second run (a new process) updates the same private folder.
  Index again(dir);
  SyncReport r2 = again.sync(docs);
  if (r2.action != IndexAction::up_to_date || r2.fallback_dir != r.fallback_dir) return "second run: " + r2.message;
  std::error_code ec;
  if (std::filesystem::exists(dir / "iamglass", ec)) return "wrote into the read-only folder";
  return {};
}

}  // namespace

TEST_CASE("a read-only index folder is named with its cause, the index goes to a private temporary folder") {
  kbtest::TempDir tmp;
  const auto dir = tmp / "index";
  const auto tmpdir = tmp / "private";
  std::filesystem::create_directories(dir);
  std::filesystem::create_directories(tmpdir);
  ::chmod(tmp.path().c_str(), 0755);
  ::chmod(tmpdir.c_str(), 01777);
  ::chmod(dir.c_str(), 0555);
  std::string failure;
  if (::geteuid() != 0) {
    const char* old = std::getenv("TMPDIR");
    const std::string saved = old ? old : "";
    failure = read_only_case(dir, tmpdir);
    if (old) ::setenv("TMPDIR", saved.c_str(), 1);
    else ::unsetenv("TMPDIR");
  } else {
    // Root ignores permissions: the case runs as nobody (uid 65534) in a child.
    const auto out = tmp / "result.txt";
    ::chmod(tmp.path().c_str(), 0777);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int code = 3;
      if (::setgid(65534) == 0 && ::setuid(65534) == 0) {
        std::string f = read_only_case(dir, tmpdir);
        std::ofstream(out) << f;
        code = f.empty() ? 0 : 1;
      }
      ::_exit(code);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) != 3);
    std::ifstream in(out);
    std::getline(in, failure, '\0');
  }
  CHECK_MESSAGE(failure.empty(), failure);
  ::chmod(dir.c_str(), 0755);
}

TEST_CASE("a document longer than the bound is indexed up to it, cut at a character, and listed in the report") {
  ::setenv("DIAGDESK_INDEX_MAX_BYTES", "4096", 1);
  Article a;
  a.id = "net.long.fr";
  a.lang = "fr";
  a.topic = "net.long";
  a.title = "Long";
  a.path = "/kb/articles/fr/net.long.md";
  a.body = "débutmot\n\n";
  while (a.body.size() < 4095) a.body += "é";  // two bytes each: the bound falls inside one
  a.body += " finmot\n";
  const Document d = to_document(a);
  ::unsetenv("DIAGDESK_INDEX_MAX_BYTES");
  CHECK(d.cut_from == a.body.size());
  CHECK(d.body.fr.size() <= 4096);
  CHECK(d.body.fr.find("finmot") == std::string::npos);
  CHECK((static_cast<unsigned char>(d.body.fr.back()) & 0xC0) != 0xC0);  // no half character left
  CHECK(max_indexed_text_bytes() == 4u * 1024u * 1024u);                  // the default again

  kbtest::TempDir tmp;
  Index index(tmp / "index");
  SyncReport r = index.sync({d});
  REQUIRE(r.cut.size() == 1);
  CHECK(r.cut[0].source == "/kb/articles/fr/net.long.md");
  CHECK(r.cut[0].size == a.body.size());
  CHECK(rank_of(find(index, "débutmot"), "net.long.fr") == 1);
  CHECK(find(index, "finmot").hits.empty());
}
