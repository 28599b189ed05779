// The team's index served by a real `xapian-tcpsrv` (Debian's xapian-tools),
// started by each test on a free loopback port and stopped by it: one query
// over the local index and the remote one, results saying their layer; the
// server stopped (local results, a notice, no error), started again (found
// again on its own), and its index rebuilt while it serves.
#include "fixtures.hpp"
#include "tcpsrv.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace diagdesk::kb;

namespace {

Document team_article(std::string id, std::string title, std::string body) {
  Document d = kbtest::article(std::move(id), std::move(title), {}, std::move(body));
  d.layer = "team";
  return d;
}

/// The server as a remote index, tried again and connected afresh at every search.
RemoteIndex remote_of(const kbtest::TcpServer& server) {
  RemoteIndex r;
  r.host = "127.0.0.1";
  r.port = server.port();
  r.retry_after_ms = 0;
  r.refresh_after_ms = 0;
  return r;
}

std::set<std::string> ids(const SearchResults& r) {
  std::set<std::string> out;
  for (const auto& h : r.hits) out.insert(h.id + "@" + h.layer);
  return out;
}

SearchResults find(Index& index, const std::string& text) {
  SearchQuery q;
  q.text = text;
  q.ui_lang = "en";
  return index.search(q);
}

/// A local index of the sample KB and a team index of two articles of its own.
struct Fixture {
  kbtest::TempDir local_dir, team_dir;
  Index local{local_dir / "index"};
  Index team{team_dir / "index"};
  kbtest::TcpServer server{team_dir / "index"};
  Fixture() {
    REQUIRE(local.sync(kbtest::sample_documents()).error == IndexError::none);
    REQUIRE(team.sync({team_article("team.vpn_drops.en", "The VPN drops every hour",
                                    "The company VPN disconnects every hour: renew the certificate."),
                       team_article("team.printer_badge.en", "The printer asks for a badge",
                                    "The printer in the hall needs the badge reader restarted.")})
                .error == IndexError::none);
    INFO(server.said());
    REQUIRE(server.start());
    local.set_remote(remote_of(server));
  }
};

}  // namespace

TEST_CASE("one query searches the local index and the team's remote index, each result with its layer") {
  Fixture f;
  SearchResults r = find(f.local, "VPN certificate");
  INFO(r.message);
  CHECK(r.error == SearchError::none);
  CHECK(ids(r).count("team.vpn_drops.en@team") == 1);
  CHECK(f.local.remote_online());
  CHECK_FALSE(r.has(SearchNotice::team_offline));
  // "printer" is in both: the bundled article and the team's, in one result list.
  r = find(f.local, "printer");
  const auto both = ids(r);
  CHECK(both.count("team.printer_badge.en@team") == 1);
  CHECK(both.count("hw.printer_offline.en@bundled") == 1);
  // The local index's own figures stay local.
  CHECK(f.local.size() == kbtest::sample_documents().size());
}

TEST_CASE("the team's server stopped: local results with a notice, then found again on its own once back") {
  Fixture f;
  REQUIRE(ids(find(f.local, "printer")).count("team.printer_badge.en@team") == 1);
  const unsigned port = f.server.port();
  f.server.stop();
  SearchResults r = find(f.local, "printer");
  INFO(r.message);
  CHECK(r.error == SearchError::none);
  CHECK(r.has(SearchNotice::team_offline));
  CHECK(r.message.find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
  CHECK(ids(r).count("hw.printer_offline.en@bundled") == 1);
  CHECK(ids(r).count("team.printer_badge.en@team") == 0);
  CHECK_FALSE(f.local.remote_online());
  // Still down on the next search: the same, no error.
  CHECK(find(f.local, "printer").has(SearchNotice::team_offline));
  REQUIRE(f.server.start(port));
  r = find(f.local, "printer");
  INFO(r.message);
  CHECK_FALSE(r.has(SearchNotice::team_offline));
  CHECK(ids(r).count("team.printer_badge.en@team") == 1);
  CHECK(f.local.remote_online());
}

TEST_CASE("no team server at all from the start: searches go on over the local index") {
  kbtest::TempDir dir;
  Index local(dir / "index");
  REQUIRE(local.sync(kbtest::sample_documents()).error == IndexError::none);
  RemoteIndex nowhere;
  nowhere.host = "127.0.0.1";
  nowhere.port = kbtest::free_port();
  local.set_remote(nowhere);
  const SearchResults r = find(local, "printer offline");
  CHECK(r.error == SearchError::none);
  CHECK(r.has(SearchNotice::team_offline));
  CHECK_FALSE(r.hits.empty());
}

TEST_CASE("the team's index rebuilt while its server serves it: the next searches see the new articles") {
  Fixture f;
  REQUIRE(ids(find(f.local, "VPN")).count("team.vpn_drops.en@team") == 1);
  // The indexing machine rebuilds the team index in place (diagdesk index --rebuild).
  const SyncReport rebuilt = f.team.sync({team_article("team.wifi_guest.en", "Guest Wi-Fi password",
                                                       "The guest Wi-Fi password changes every Monday.")},
                                         SyncMode::rebuild);
  REQUIRE(rebuilt.error == IndexError::none);
  SearchResults r;
  // A new connection (refresh_after_ms, 0 here) opens the new index; no search fails meanwhile.
  r = find(f.local, "guest password");
  INFO(r.message);
  CHECK(r.error == SearchError::none);
  CHECK(ids(r).count("team.wifi_guest.en@team") == 1);
  CHECK(ids(find(f.local, "VPN")).count("team.vpn_drops.en@team") == 0);
}

TEST_CASE("host:port of a team index is read strictly") {
  auto r = parse_remote_index("kb.example:33333");
  REQUIRE(r);
  CHECK(r->host == "kb.example");
  CHECK(r->port == 33333);
  r = parse_remote_index("[::1]:4000");
  REQUIRE(r);
  CHECK(r->host == "::1");
  for (const char* bad : {"", "kb.example", ":33", "kb.example:", "kb.example:0", "kb.example:70000", "kb:12ab",
                          "::1:4000", "a b:12", "user@kb:12", "[]:12"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_remote_index(bad));
  }
}

TEST_CASE("a result page smaller than the matches, over both languages, with the remote index (Xapian's OP_MAX crash)") {
  // Xapian 1.4.22 crashed (segmentation fault) in get_mset on OP_MAX over a
  // remote shard once the page was smaller than the matches: the query then
  // joins the languages with OP_OR (build_query's remote_shard).
  kbtest::TempDir local_dir, team_dir;
  Index local(local_dir / "index");
  REQUIRE(local.sync(kbtest::sample_documents()).error == IndexError::none);
  std::vector<Document> team_docs = kbtest::sample_documents();
  for (auto& d : team_docs) {
    d.id = "team." + d.id;
    d.layer = "team";
  }
  Index team(team_dir / "index");
  REQUIRE(team.sync(team_docs).error == IndexError::none);
  kbtest::TcpServer server(team_dir / "index");
  INFO(server.said());
  REQUIRE(server.start());
  local.set_remote(remote_of(server));
  for (std::size_t limit : {1, 2, 3, 5}) {
    SearchQuery q;
    q.text = "imprimante réseau wifi printer network";
    q.ui_lang = "fr";
    q.limit = limit;
    const SearchResults r = local.search(q);
    CAPTURE(limit);
    INFO(r.message);
    CHECK(r.error == SearchError::none);
    CHECK(r.hits.size() == limit);
    CHECK(r.estimated_total > limit);
  }
}
