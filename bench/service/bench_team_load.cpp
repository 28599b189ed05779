// bench_team_load: N operators taking calls at once against a real team
// server (issue 18, docs/team.md). Starts a throw-away PostgreSQL 15 cluster
// (scripts/pg_cluster.sh) and xapian-tcpsrv on loopback, then for N = 10, 50,
// 200 runs N operator threads for a while, each with its own connections,
// each call: create a ticket, search the KB (bundled locally + the team index
// remotely), a short diagnosis (a bundled tree answered to its end), a
// follow-up, then resolve. Every tenth call also adds a note to one shared
// "hot" ticket read just before, so concurrent changes meet: refused as
// stale, never lost. Prints calls per second, p50 / p99 of each operation,
// the conflicts refused, and checks at the end that every ticket and event
// reported saved is in the database (zero lost). The same with the SQLite
// store (one file) at N = 1 and N = 10, in the same run.
//
//     build/bench/service/bench_team_load [--seconds 20] [--n 10,50,200] [--team-docs 5000]
//
// Threads, not processes: each thread holds its own store connection and
// its own index, as each operator's Diagdesk does.
#include "bench_util.hpp"
#include "corpus.hpp"
#include "tcpsrv.hpp"

#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/engine/session.hpp>
#include <diagdesk/kb/document.hpp>
#include <diagdesk/kb/index.hpp>
#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/service/pg_store.hpp>
#include <diagdesk/service/sqlite_store.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
namespace sv = diagdesk::service;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

/// What one operator thread did.
struct Tally {
  std::map<std::string, std::vector<double>> ms;  // operation -> latencies
  std::vector<std::string> tickets;               // numbers reported saved
  std::size_t events = 0;                         // events reported saved (hot ticket included)
  std::size_t hot_notes = 0, stale = 0, errors = 0;
  std::string first_error;
};

struct Shared {
  std::shared_ptr<const diagdesk::engine::Knowledge> knowledge;
  std::vector<std::string> trees;
  std::vector<std::string> queries;
  fs::path local_index;
  std::optional<diagdesk::kb::RemoteIndex> team;
  std::string hot_number;
};

void fail(Tally& t, const std::string& what) {
  ++t.errors;
  if (t.first_error.empty()) t.first_error = what;
}

/// One operator: calls until `stop`.
void operator_loop(int who, sv::Store& store, const Shared& s, const std::atomic<bool>& stop, Tally& t) {
  diagdesk::kb::Index index(s.local_index);
  if (s.team) index.set_remote(*s.team);
  const std::string me = "op" + std::to_string(who);
  for (std::size_t call = 0; !stop.load(std::memory_order_relaxed); ++call) {
    auto t0 = Clock::now();
    sv::Ticket ticket;
    ticket.title = "call " + std::to_string(call) + " of " + me;
    ticket.caller_name = "Caller " + std::to_string(call % 97);
    sv::Edit e{me, 1000, {}};
    if (sv::open_ticket(ticket, e, {}) != sv::CreateError::none) return fail(t, "open_ticket refused");
    if (auto st = store.create(ticket, 2026, e.events); !st.ok()) {
      fail(t, st.detail);
      continue;
    }
    t.ms["create"].push_back(ms_since(t0));
    t.tickets.push_back(ticket.number);
    t.events += e.events.size();

    t0 = Clock::now();
    diagdesk::kb::SearchQuery q;
    q.text = s.queries[(call * 31 + static_cast<std::size_t>(who)) % s.queries.size()];
    q.ui_lang = "fr";
    const auto found = index.search(q);
    if (found.error != diagdesk::kb::SearchError::none) fail(t, "search: " + found.message);
    t.ms["search"].push_back(ms_since(t0));

    t0 = Clock::now();
    diagdesk::engine::Session session(s.knowledge, s.trees[(call + static_cast<std::size_t>(who)) % s.trees.size()]);
    for (int step = 0; step < 30 && !session.concluded(); ++step) {
      if (session.answer("1") != diagdesk::engine::AnswerError::none && session.dont_know() != diagdesk::engine::AnswerError::none)
        break;
    }
    t.ms["diagnose"].push_back(ms_since(t0));

    t0 = Clock::now();
    sv::Edit f{me, 2000, {}};
    if (sv::attach_session(ticket, f, "sessions/" + ticket.number + ".toml") != sv::NoteError::none ||
        sv::add_follow_up(ticket, f, sv::EventKind::call, "called back") != sv::NoteError::none)
      return fail(t, "follow-up refused");
    if (auto st = store.update(ticket, f.events); !st.ok()) {
      fail(t, st.detail);
      continue;
    }
    t.events += f.events.size();
    t.ms["update"].push_back(ms_since(t0));

    t0 = Clock::now();
    sv::Edit r{me, 3000, {}};
    if (sv::resolve(ticket, r, "solved on the phone") != sv::ResolveError::none) return fail(t, "resolve refused");
    if (auto st = store.update(ticket, r.events); !st.ok()) {
      fail(t, st.detail);
      continue;
    }
    t.events += r.events.size();
    t.ms["resolve"].push_back(ms_since(t0));

    if (call % 10 == 0) {  // the shared ticket: read, then change on that version
      t0 = Clock::now();
      sv::Ticket hot;
      if (auto st = store.get(s.hot_number, hot); !st.ok()) {
        fail(t, st.detail);
        continue;
      }
      sv::Edit h{me, 4000, {}};
      sv::add_follow_up(hot, h, sv::EventKind::note, me + " on the shared ticket");
      const auto st = store.update(hot, h.events);
      if (st.ok()) {
        ++t.hot_notes;
        t.events += h.events.size();
      } else if (st.error == sv::StoreError::stale) {
        ++t.stale;
      } else {
        fail(t, st.detail);
      }
      t.ms["shared ticket"].push_back(ms_since(t0));
    }
  }
}

using Opener = std::function<std::unique_ptr<sv::Store>(std::string& error)>;

/// N operators for `seconds`; prints the figures; returns false when anything was lost.
bool run(const std::string& label, int n, double seconds, const Opener& open, Shared& s,
         const std::function<std::pair<std::size_t, std::size_t>()>& count_rows) {
  std::string error;
  auto admin = open(error);
  if (!admin) {
    std::printf("%-22s N=%-4d cannot open: %s\n", label.c_str(), n, error.c_str());
    return false;
  }
  const auto [tickets_before, events_before] = count_rows();
  sv::Ticket hot;
  hot.title = "shared ticket";
  hot.caller_name = "Whole site";
  sv::Edit e{"supervisor", 1000, {}};
  sv::open_ticket(hot, e, {});
  if (auto st = admin->create(hot, 2026, e.events); !st.ok()) {
    std::printf("%-22s N=%-4d cannot create the shared ticket: %s\n", label.c_str(), n, st.detail.c_str());
    return false;
  }
  s.hot_number = hot.number;
  const std::size_t setup_events = e.events.size();

  std::vector<std::unique_ptr<sv::Store>> stores;
  for (int i = 0; i < n; ++i) {
    auto st = open(error);
    if (!st) {
      std::printf("%-22s N=%-4d connection %d refused: %s\n", label.c_str(), n, i, error.c_str());
      return false;
    }
    stores.push_back(std::move(st));
  }
  std::vector<Tally> tallies(static_cast<std::size_t>(n));
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  const auto t0 = Clock::now();
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] { operator_loop(i, *stores[static_cast<std::size_t>(i)], s, stop, tallies[static_cast<std::size_t>(i)]); });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));  // the benchmark's duration, not a timing assumption
  stop = true;
  for (auto& th : threads) th.join();
  const double elapsed = ms_since(t0) / 1000;

  Tally all;
  for (auto& t : tallies) {
    for (auto& [op, v] : t.ms) all.ms[op].insert(all.ms[op].end(), v.begin(), v.end());
    all.tickets.insert(all.tickets.end(), t.tickets.begin(), t.tickets.end());
    all.events += t.events;
    all.hot_notes += t.hot_notes;
    all.stale += t.stale;
    all.errors += t.errors;
    if (all.first_error.empty()) all.first_error = t.first_error;
  }
  // Zero lost: every ticket reported saved is there, and the counts match.
  std::size_t missing = 0;
  for (const auto& number : all.tickets) {
    sv::Ticket back;
    if (!admin->get(number, back).ok() || back.status != sv::Status::resolved) ++missing;
  }
  const auto [tickets_after, events_after] = count_rows();
  const std::size_t tickets_written = tickets_after - tickets_before - 1;  // the shared ticket
  const std::size_t events_written = events_after - events_before - setup_events;
  const bool lost = missing > 0 || tickets_written != all.tickets.size() || events_written != all.events;
  std::printf("%-22s N=%-4d %7.1f calls/s  (%zu calls in %.1f s)  shared ticket: %zu saved, %zu stale refused  "
              "errors: %zu  lost: %s\n",
              label.c_str(), n, static_cast<double>(all.tickets.size()) / elapsed, all.tickets.size(), elapsed,
              all.hot_notes, all.stale, all.errors,
              lost ? ("YES (" + std::to_string(missing) + " missing, " + std::to_string(tickets_written) + "/" +
                      std::to_string(all.tickets.size()) + " tickets, " + std::to_string(events_written) + "/" +
                      std::to_string(all.events) + " events)").c_str()
                   : "0");
  for (const char* op : {"create", "search", "diagnose", "update", "resolve", "shared ticket"}) {
    const auto& v = all.ms[op];
    std::printf("    %-14s p50 %8.2f ms   p99 %8.2f ms   (%zu)\n", op, percentile(v, 0.5), percentile(v, 0.99), v.size());
  }
  if (!all.first_error.empty()) std::printf("    first error: %s\n", all.first_error.c_str());
  return !lost;
}

/// Tickets and events a store holds, as its owner sees them.
std::pair<std::size_t, std::size_t> count_rows(sv::Store* store) {
  if (!store) return {0, 0};
  std::vector<sv::Ticket> all;
  store->list({}, all);
  std::size_t events = 0;
  for (const auto& t : all) {
    std::vector<sv::Event> h;
    store->history(t.id, h);
    events += h.size();
  }
  return {all.size(), events};
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 20;
  std::vector<int> ns = {10, 50, 200};
  std::size_t team_docs = 5000;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc) seconds = std::stod(argv[++i]);
    else if (a == "--team-docs" && i + 1 < argc) team_docs = std::stoul(argv[++i]);
    else if (a == "--n" && i + 1 < argc) {
      ns.clear();
      std::stringstream list(argv[++i]);
      for (std::string item; std::getline(list, item, ',');) ns.push_back(std::stoi(item));
    } else {
      std::cerr << "usage: bench_team_load [--seconds S] [--n 10,50,200] [--team-docs N]\n";
      return 2;
    }
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::string tmpl = (fs::temp_directory_path() / "diagdesk-bench-load-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) return 1;
  const fs::path dir = tmpl;
  std::printf("team load benchmark: %.0f s per run, in %s\nload average at start: %s (this machine: %u cores)\n\n",
              seconds, dir.c_str(), kbbench::load_average().c_str(), std::thread::hardware_concurrency());

  // The team server: PostgreSQL (throw-away cluster) and xapian-tcpsrv.
  const fs::path pg_state = dir / "pg";
  const std::string script = std::string(DIAGDESK_SOURCE_DIR) + "/scripts/pg_cluster.sh";
  if (std::system(("bash " + script + " start " + pg_state.string()).c_str()) != 0) return 1;
  struct StopCluster {
    std::string cmd;
    ~StopCluster() { std::system(cmd.c_str()); }
  } stop_cluster{"bash " + script + " stop " + pg_state.string()};
  std::string admin;
  std::getline(std::ifstream(pg_state / "conninfo"), admin);

  Shared s;
  auto loaded = diagdesk::engine::load_knowledge({DIAGDESK_DATA_DIR});
  s.knowledge = loaded.knowledge;
  for (const auto& t : s.knowledge->trees()) s.trees.push_back(t.id);
  kbbench::CorpusGenerator gen;
  kbbench::Rng rng(7);
  for (int i = 0; i < 500; ++i) s.queries.push_back(gen.query(rng));
  // Local index: a slice of the corpus stands for the bundled KB; the team index: the rest.
  s.local_index = dir / "local-index";
  {
    std::vector<diagdesk::kb::Document> local, team;
    for (std::size_t i = 0; i < 400; ++i) local.push_back(diagdesk::kb::to_document(gen.article(i)));
    for (std::size_t i = 400; i < 400 + team_docs; ++i) {
      auto d = diagdesk::kb::to_document(gen.article(i));
      d.layer = "team";
      team.push_back(std::move(d));
    }
    diagdesk::kb::Index(s.local_index).sync(local);
    diagdesk::kb::Index(dir / "team-index").sync(team);
  }
  kbtest::TcpServer tcpsrv(dir / "team-index");
  if (!tcpsrv.start()) {
    std::fprintf(stderr, "bench_team_load: %s\n", tcpsrv.said().c_str());
    return 1;
  }
  diagdesk::kb::RemoteIndex remote;
  remote.host = "127.0.0.1";
  remote.port = tcpsrv.port();
  s.team = remote;
  std::printf("team index: %zu articles through xapian-tcpsrv on 127.0.0.1:%u; %zu bundled trees\n\n", team_docs,
              tcpsrv.port(), s.trees.size());

  bool ok = true;
  int round = 0;
  for (int n : ns) {
    // A fresh database per N, so each run's counts stand alone.
    const std::string db = "load_" + std::to_string(++round);
    std::system(("psql -q '" + admin + "' -c 'CREATE DATABASE " + db + "' >/dev/null").c_str());
    const std::string conninfo = admin + " dbname=" + db;
    sv::StoreStatus st;
    if (!sv::PgStore::open(conninfo, {}, st)) {
      std::printf("cannot create the schema: %s\n", st.detail.c_str());
      return 1;
    }
    ok &= run("PostgreSQL", n, seconds, [&](std::string& error) -> std::unique_ptr<sv::Store> {
      sv::StoreStatus status;
      auto store = sv::PgStore::open(conninfo, {}, status);
      error = status.detail;
      return store;
    }, s, [&] {
      sv::StoreStatus status;
      return count_rows(sv::PgStore::open(conninfo, {}, status).get());
    });
  }
  for (int n : {1, 10}) {
    const fs::path file = dir / ("sqlite-" + std::to_string(n) + ".sqlite");
    ok &= run("SQLite (one file)", n, seconds, [&](std::string& error) -> std::unique_ptr<sv::Store> {
      sv::StoreStatus status;
      auto store = sv::SqliteStore::open(file, {}, status);
      error = status.detail;
      return store;
    }, s, [&] {
      sv::StoreStatus status;
      return count_rows(sv::SqliteStore::open(file, {}, status).get());
    });
  }
  tcpsrv.stop();
  std::printf("\nload average at end: %s\n", kbbench::load_average().c_str());
  std::error_code ec;
  fs::remove_all(dir / "local-index", ec);
  fs::remove_all(dir / "team-index", ec);
  for (int n : {1, 10}) fs::remove(dir / ("sqlite-" + std::to_string(n) + ".sqlite"), ec);
  return ok ? 0 : 1;
}
