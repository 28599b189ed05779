// The store contract (store.hpp), one suite for both backends: every test
// runs on SQLite and on PostgreSQL (backends.hpp). Round trips, numbering,
// filters, the version check between two connections, assets, batches and
// the append-only history. What only one backend has (SQLite's files and
// migrations, PostgreSQL's roles and connections) is tested beside it:
// test_store.cpp, test_store_assets.cpp, test_pg_store.cpp, test_pg_team.cpp.
#include "backends.hpp"
#include "store_fixture.hpp"

#include <diagdesk/service/lifecycle.hpp>

#include <set>
#include <thread>

using namespace diagdesk::service;

namespace {

StoreStatus add_asset(Store& store, const std::string& tag, const std::string& serial = "") {
  Asset a;
  a.tag = tag;
  a.serial = serial;
  a.type = AssetType::laptop;
  std::vector<AssetEvent> events;
  return store.create_asset(a, events);
}

std::size_t asset_count(Store& store) {
  std::vector<Asset> all;
  REQUIRE(store.list_assets({}, all).ok());
  return all.size();
}

}  // namespace

TEST_CASE("tickets and their history round-trip through the store") {
  test::each_backend([](test::Backend& b) {
    auto store = b.open();
    Ticket t = test::create_ticket(*store, "No network on PC-0421");
    CHECK(t.number == "INC-2026-000001");
    CHECK(t.version == 1);
    CHECK(t.id > 0);
    Edit e{"anna", 2000, {}};
    REQUIRE(assign(t, e, "anna", SupportLevel::n1) == AssignError::none);
    REQUIRE(attach_session(t, e, "sessions/net-0421.toml") == NoteError::none);
    REQUIRE(store->update(t, e.events).ok());
    CHECK(t.version == 2);

    Ticket back;
    REQUIRE(store->get("INC-2026-000001", back).ok());
    CHECK(back.title == "No network on PC-0421");
    CHECK(back.status == Status::assigned);
    CHECK(back.operator_name == "anna");
    CHECK(back.taken_at == 2000);
    CHECK_FALSE(back.resolved_at.has_value());
    CHECK(back.sessions == std::vector<std::string>{"sessions/net-0421.toml"});
    CHECK(back.version == 2);
    std::vector<Event> history;
    REQUIRE(store->history(back.id, history).ok());
    REQUIRE(history.size() == 5);  // created, priority, assignment, status, session
    CHECK(history[0].kind == EventKind::created);
    CHECK(history[3].kind == EventKind::status);
    CHECK(history[3].new_value == "assigned");
    CHECK(history[4].new_value == "sessions/net-0421.toml");
    CHECK(store->get("INC-2026-000099", back).error == StoreError::not_found);
  });
}

TEST_CASE("numbers count per type and per year") {
  test::each_backend([](test::Backend& b) {
    auto store = b.open();
    CHECK(test::create_ticket(*store, "a").number == "INC-2026-000001");
    CHECK(test::create_ticket(*store, "b").number == "INC-2026-000002");
    CHECK(test::create_ticket(*store, "c", 2026, TicketType::request).number == "DEM-2026-000001");
    CHECK(test::create_ticket(*store, "d", 2027).number == "INC-2027-000001");
    CHECK(test::create_ticket(*store, "e").number == "INC-2026-000003");
    std::vector<Ticket> list;
    REQUIRE(store->list({}, list).ok());
    CHECK(list.size() == 5);
    TicketFilter requests;
    requests.type = TicketType::request;
    REQUIRE(store->list(requests, list).ok());
    REQUIRE(list.size() == 1);
    CHECK(list[0].title == "c");
  });
}

TEST_CASE("list filters by status, priority and operator, most urgent first") {
  test::each_backend([](test::Backend& b) {
    auto store = b.open();
    test::create_ticket(*store, "p3 first", 2026, TicketType::incident, 1000);
    Ticket major = test::create_ticket(*store, "major", 2026, TicketType::incident, 2000);
    Edit e{"anna", 3000, {}};
    REQUIRE(set_field(major, e, "impact", "high", {}) == UpdateError::none);
    REQUIRE(set_field(major, e, "urgency", "high", {}) == UpdateError::none);
    REQUIRE(assign(major, e, "paul", SupportLevel::n2) == AssignError::none);
    REQUIRE(store->update(major, e.events).ok());
    std::vector<Ticket> list;
    REQUIRE(store->list({}, list).ok());
    REQUIRE(list.size() == 2);
    CHECK(list[0].title == "major");
    TicketFilter f;
    f.status = Status::new_;
    REQUIRE(store->list(f, list).ok());
    REQUIRE(list.size() == 1);
    CHECK(list[0].title == "p3 first");
    f = {};
    f.priority = 1;
    f.operator_name = "paul";
    REQUIRE(store->list(f, list).ok());
    CHECK(list.size() == 1);
  });
}

TEST_CASE("a change made on a stale copy is refused when two connections share the store") {
  test::each_backend([](test::Backend& b) {
    auto cli = b.open();
    auto gui = b.open();
    test::create_ticket(*cli, "Printer jams");
    Ticket in_cli, in_gui;
    REQUIRE(cli->get("INC-2026-000001", in_cli).ok());
    REQUIRE(gui->get("INC-2026-000001", in_gui).ok());

    Edit first{"anna", 2000, {}};
    REQUIRE(assign(in_cli, first, "anna", SupportLevel::n1) == AssignError::none);
    REQUIRE(cli->update(in_cli, first.events).ok());

    Edit second{"bob", 2100, {}};
    REQUIRE(assign(in_gui, second, "bob", SupportLevel::n1) == AssignError::none);
    const StoreStatus refused = gui->update(in_gui, second.events);
    CHECK(refused.error == StoreError::stale);
    CHECK(refused.detail.find("changed by someone else") != std::string::npos);
    CHECK(refused.detail.find("saved version 2, this copy is version 1") != std::string::npos);

    Ticket saved;
    REQUIRE(gui->get("INC-2026-000001", saved).ok());
    CHECK(saved.operator_name == "anna");  // the first change was not lost
    std::vector<Event> history;
    REQUIRE(gui->history(saved.id, history).ok());
    for (const Event& ev : history) CHECK(ev.actor != "bob");  // nor half of the refused one saved

    // Read again, redo: accepted.
    Edit redo{"bob", 2200, {}};
    REQUIRE(assign(saved, redo, "bob", SupportLevel::n1) == AssignError::none);
    CHECK(gui->update(saved, redo.events).ok());
  });
}

TEST_CASE("an asset is saved, read by tag and by serial, with its history") {
  test::each_backend([](test::Backend& b) {
    auto store = b.open();
    Asset a = test::make_asset("PC-0042", AssetType::laptop, "SN-1");
    a.manufacturer = "Dell";
    a.model = "Latitude 5440";
    a.user = "mdupont";
    a.site = "Lyon";
    a.room = "B204";
    a.os = "windows11";
    a.os_version = "23H2";
    a.ip = "10.0.0.12";
    a.mac = "aa:bb:cc:dd:ee:ff";
    a.purchase_date = Date{2024, 3, 1};
    a.warranty_end = Date{2027, 3, 1};
    a.status = AssetStatus::in_use;
    a.notes = "écran 14 pouces";
    a = test::saved_asset(*store, a);
    CHECK(a.id > 0);
    CHECK(a.version == 1);

    Asset back;
    REQUIRE(store->get_asset("PC-0042", back).ok());
    CHECK(back.type == AssetType::laptop);
    CHECK(back.manufacturer == "Dell");
    CHECK(back.model == "Latitude 5440");
    CHECK(back.serial == "SN-1");
    CHECK(back.user == "mdupont");
    CHECK(back.site == "Lyon");
    CHECK(back.room == "B204");
    CHECK(back.os == "windows11");
    CHECK(back.os_version == "23H2");
    CHECK(back.ip == "10.0.0.12");
    CHECK(back.mac == "aa:bb:cc:dd:ee:ff");
    CHECK(back.purchase_date == Date{2024, 3, 1});
    CHECK(back.warranty_end == Date{2027, 3, 1});
    CHECK(back.notes == "écran 14 pouces");
    CHECK(back.version == 1);
    Asset by_serial;
    REQUIRE(store->find_asset_by_serial("SN-1", by_serial).ok());
    CHECK(by_serial.tag == "PC-0042");
    CHECK(store->find_asset_by_serial("", by_serial).error == StoreError::not_found);
    CHECK(store->get_asset("PC-9999", back).error == StoreError::not_found);

    std::vector<AssetEvent> events;
    REQUIRE(set_asset_field(back, "site", "Paris", "bob", 2000, events).empty());
    REQUIRE(store->update_asset(back, events).ok());
    CHECK(back.version == 2);
    std::vector<AssetEvent> history;
    REQUIRE(store->asset_history(back.id, history).ok());
    REQUIRE(history.size() == 2);
    CHECK(history[0].kind == EventKind::created);
    CHECK(history[1].field == "site");
    CHECK(history[1].old_value == "Lyon");
    CHECK(history[1].new_value == "Paris");
    CHECK(history[1].actor == "bob");

    // The histories are append-only in the database itself.
    test::create_ticket(*store, "a ticket, so that events has rows");
    store.reset();
    CHECK(b.raw_sql("UPDATE asset_events SET note = 'rewritten'").find("append-only") != std::string::npos);
    CHECK(b.raw_sql("DELETE FROM asset_events").find("append-only") != std::string::npos);
    CHECK(b.raw_sql("UPDATE events SET note = 'rewritten'").find("append-only") != std::string::npos);
    CHECK(b.raw_sql("DELETE FROM events").find("append-only") != std::string::npos);
  });
}

TEST_CASE("a tag or a serial number already taken is refused as duplicate, an empty serial never") {
  test::each_backend([](test::Backend& b) {
    auto store = b.open();
    test::saved_asset(*store, test::make_asset("PC-1", AssetType::desktop, "SN-1"));
    test::saved_asset(*store, test::make_asset("PC-2", AssetType::desktop));
    test::saved_asset(*store, test::make_asset("PC-3", AssetType::desktop));  // two empty serials are fine
    std::vector<AssetEvent> none;
    Asset same_tag = test::make_asset("PC-1", AssetType::laptop);
    StoreStatus s = store->create_asset(same_tag, none);
    CHECK(s.error == StoreError::duplicate);
    CHECK(s.detail.find("PC-1 exists already") != std::string::npos);
    Asset same_serial = test::make_asset("PC-4", AssetType::laptop, "SN-1");
    s = store->create_asset(same_serial, none);
    CHECK(s.error == StoreError::duplicate);
    CHECK(s.detail.find("serial number SN-1") != std::string::npos);
    Asset two;
    REQUIRE(store->get_asset("PC-2", two).ok());
    std::vector<AssetEvent> events;
    REQUIRE(set_asset_field(two, "serial", "SN-1", "anna", 2000, events).empty());
    CHECK(store->update_asset(two, events).error == StoreError::duplicate);
    std::vector<AssetEvent> history;
    REQUIRE(store->asset_history(two.id, history).ok());
    CHECK(history.size() == 1);  // nothing of the refused change
    std::vector<Asset> all;
    REQUIRE(store->list_assets({}, all).ok());
    CHECK(all.size() == 3);
  });
}

TEST_CASE("an asset changed by someone else since it was read is stale") {
  test::each_backend([](test::Backend& b) {
    auto cli = b.open();
    auto gui = b.open();
    test::saved_asset(*cli, test::make_asset("PC-1", AssetType::desktop));
    Asset in_cli, in_gui;
    REQUIRE(cli->get_asset("PC-1", in_cli).ok());
    REQUIRE(gui->get_asset("PC-1", in_gui).ok());
    std::vector<AssetEvent> first, second;
    REQUIRE(set_asset_field(in_cli, "user", "anna", "anna", 2000, first).empty());
    REQUIRE(cli->update_asset(in_cli, first).ok());
    REQUIRE(set_asset_field(in_gui, "user", "bob", "bob", 2001, second).empty());
    const StoreStatus s = gui->update_asset(in_gui, second);
    CHECK(s.error == StoreError::stale);
    CHECK(s.detail.find("saved version 2, this copy is version 1") != std::string::npos);
    Asset now;
    REQUIRE(gui->get_asset("PC-1", now).ok());
    CHECK(now.user == "anna");
  });
}

TEST_CASE("assets are listed by tag and filtered by type, site, user and warranty end") {
  test::each_backend([](test::Backend& b) {
    auto store = b.open();
    Asset a = test::make_asset("PC-2", AssetType::laptop);
    a.site = "Lyon";
    a.user = "anna";
    a.warranty_end = Date{2026, 12, 20};
    test::saved_asset(*store, a);
    Asset a1 = test::make_asset("PC-1", AssetType::laptop);
    a1.site = "Paris";
    a1.warranty_end = Date{2027, 6, 1};
    test::saved_asset(*store, a1);
    Asset c = test::make_asset("PRN-1", AssetType::printer);
    c.site = "Lyon";
    test::saved_asset(*store, c);

    auto tags = [&](const AssetFilter& f) {
      std::vector<Asset> out;
      REQUIRE(store->list_assets(f, out).ok());
      std::vector<std::string> t;
      for (const auto& x : out) t.push_back(x.tag);
      return t;
    };
    using V = std::vector<std::string>;
    CHECK(tags({}) == V{"PC-1", "PC-2", "PRN-1"});
    AssetFilter f;
    f.type = AssetType::laptop;
    CHECK(tags(f) == V{"PC-1", "PC-2"});
    f = {};
    f.site = "Lyon";
    CHECK(tags(f) == V{"PC-2", "PRN-1"});
    f = {};
    f.user = "anna";
    CHECK(tags(f) == V{"PC-2"});
    f = {};
    f.warranty_from = Date{2026, 12, 7};
    f.warranty_before = Date{2027, 1, 6};  // within 30 days of 2026-12-07
    CHECK(tags(f) == V{"PC-2"});
    f.warranty_from = Date{2026, 12, 21};  // PC-2's has ended
    CHECK(tags(f).empty());
  });
}

TEST_CASE("the tickets of an asset are those opened with its tag") {
  test::each_backend([](test::Backend& b) {
    auto store = b.open();
    test::saved_asset(*store, test::make_asset("PC-1", AssetType::laptop));
    test::ticket_on(*store, "Écran noir", "PC-1");
    test::ticket_on(*store, "Imprimante", "PRN-1");
    test::ticket_on(*store, "Clavier", "PC-1");
    std::vector<Ticket> tickets;
    REQUIRE(store->asset_tickets("PC-1", tickets).ok());
    REQUIRE(tickets.size() == 2);
    CHECK(tickets[0].title == "Écran noir");
    CHECK(tickets[1].title == "Clavier");
  });
}

TEST_CASE("a committed batch saves every change, a refused change is undone alone") {
  test::each_backend([](test::Backend& b) {
    auto store = b.open();
    REQUIRE(store->begin_batch().ok());
    CHECK(add_asset(*store, "PC-0001", "SN1").ok());
    CHECK(add_asset(*store, "PC-0002", "SN2").ok());
    CHECK(add_asset(*store, "PC-0001").error == StoreError::duplicate);  // refused inside the batch
    CHECK(add_asset(*store, "PC-0003").ok());
    CHECK(store->begin_batch().error == StoreError::io);  // batches do not nest
    REQUIRE(store->commit_batch().ok());
    // Another connection sees the three assets: they are on disk.
    auto other = b.open();
    CHECK(asset_count(*other) == 3);
    CHECK(store->commit_batch().error == StoreError::io);  // none open any more
  });
}

TEST_CASE("a batch rolled back, or never committed, leaves nothing") {
  test::each_backend([](test::Backend& b) {
    {
      auto store = b.open();
      Ticket t;
      REQUIRE(test::add(*store, "Kept before the batch", t).ok());
      REQUIRE(store->begin_batch().ok());
      CHECK(add_asset(*store, "PC-0001").ok());
      REQUIRE(test::add(*store, "Inside the batch", t).ok());
      store->rollback_batch();
      CHECK(asset_count(*store) == 0);
      CHECK(test::count(*store) == 1);
      REQUIRE(store->begin_batch().ok());
      CHECK(add_asset(*store, "PC-0002").ok());
      // Closed with the batch open: as if the program had stopped mid-import.
    }
    auto store = b.open();
    CHECK(asset_count(*store) == 0);
    CHECK(test::count(*store) == 1);
  });
}

TEST_CASE("exported tickets are imported with their numbers and history, and numbering goes on after them") {
  test::each_backend([](test::Backend& b) {
    auto from = b.open();
    Ticket t = test::create_ticket(*from, "Wi-Fi drops");
    Edit e{"anna", 2000, {}};
    REQUIRE(add_follow_up(t, e, EventKind::call, "called back") == NoteError::none);
    REQUIRE(from->update(t, e.events).ok());
    TicketRecord r;
    r.ticket = t;
    r.ticket.number = "INC-2026-000041";
    REQUIRE(from->history(t.id, r.history).ok());
    std::vector<TicketRecord> records{r};
    REQUIRE(from->import_tickets(records).ok());
    CHECK(records[0].ticket.id != t.id);
    Ticket back;
    REQUIRE(from->get("INC-2026-000041", back).ok());
    CHECK(back.title == "Wi-Fi drops");
    CHECK(back.version == t.version);
    std::vector<Event> history;
    REQUIRE(from->history(back.id, history).ok());
    CHECK(history.size() == r.history.size());
    CHECK(history.back().note == "called back");
    // The next ticket follows the imported number; importing it again is refused whole.
    CHECK(test::create_ticket(*from, "next").number == "INC-2026-000042");
    std::vector<TicketRecord> again{r};
    CHECK(from->import_tickets(again).error == StoreError::duplicate);
    CHECK(test::count(*from) == 3);
  });
}

TEST_CASE("tickets created at once by several operators get unique numbers with no gap") {
  test::each_backend([](test::Backend& b) {
    constexpr int operators = 4, each = 15;
    std::vector<std::unique_ptr<Store>> stores;
    for (int i = 0; i < operators; ++i) stores.push_back(b.open());
    std::vector<std::vector<std::string>> numbers(operators);
    std::vector<std::string> errors(operators);
    std::vector<std::thread> threads;
    for (int i = 0; i < operators; ++i) {
      threads.emplace_back([&, i] {
        for (int k = 0; k < each; ++k) {
          Ticket t;
          t.title = "operator " + std::to_string(i) + " call " + std::to_string(k);
          t.caller_name = "Paul Martin";
          Edit e{"op" + std::to_string(i), 1000 + k, {}};
          if (open_ticket(t, e, {}) != CreateError::none) return;
          if (const StoreStatus s = stores[i]->create(t, 2026, e.events); !s.ok()) {
            errors[i] = s.detail;
            return;
          }
          numbers[i].push_back(t.number);
        }
      });
    }
    for (auto& th : threads) th.join();
    std::set<std::string> all;
    for (int i = 0; i < operators; ++i) {
      INFO(errors[i]);
      CHECK(numbers[i].size() == each);
      all.insert(numbers[i].begin(), numbers[i].end());
    }
    REQUIRE(all.size() == operators * each);  // unique
    CHECK(*all.begin() == "INC-2026-000001");
    CHECK(*all.rbegin() == format_number(TicketType::incident, 2026, operators * each));  // no gap
  });
}

TEST_CASE("concurrent follow-ups on one ticket never lose an update: each one is saved or refused as stale") {
  test::each_backend([](test::Backend& b) {
    auto first = b.open();
    const Ticket t = test::create_ticket(*first, "Shared printer");
    constexpr int operators = 3, tries = 12;
    std::vector<std::unique_ptr<Store>> stores;
    for (int i = 0; i < operators; ++i) stores.push_back(b.open());
    std::vector<int> saved(operators, 0), stale(operators, 0);
    std::vector<std::string> errors(operators);
    std::vector<std::thread> threads;
    for (int i = 0; i < operators; ++i) {
      threads.emplace_back([&, i] {
        for (int k = 0; k < tries; ++k) {
          Ticket copy;
          if (!stores[i]->get(t.number, copy).ok()) return;
          Edit e{"op" + std::to_string(i), 2000 + k, {}};
          if (add_follow_up(copy, e, EventKind::note, "op" + std::to_string(i) + " note " + std::to_string(k)) !=
              NoteError::none)
            return;
          const StoreStatus s = stores[i]->update(copy, e.events);
          if (s.ok()) ++saved[i];
          else if (s.error == StoreError::stale) ++stale[i];
          else errors[i] = s.detail;
        }
      });
    }
    for (auto& th : threads) th.join();
    int total_saved = 0, total_stale = 0;
    for (int i = 0; i < operators; ++i) {
      INFO(errors[i]);
      CHECK(errors[i].empty());
      total_saved += saved[i];
      total_stale += stale[i];
    }
    CHECK(total_saved + total_stale == operators * tries);
    Ticket now;
    REQUIRE(first->get(t.number, now).ok());
    CHECK(now.version == 1 + total_saved);  // every saved change counted once
    std::vector<Event> history;
    REQUIRE(first->history(now.id, history).ok());
    int notes = 0;
    for (const Event& e : history) notes += e.kind == EventKind::note;
    CHECK(notes == total_saved);  // and each saved change's event is there, no refused one's
  });
}
