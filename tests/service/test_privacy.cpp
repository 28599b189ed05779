// Personal data: mentions and pseudonyms (pure), then find / erase / retention
// on a real SqliteStore in a temporary directory.
#include "store_fixture.hpp"

#include <diagdesk/service/privacy.hpp>

#include <sqlite3.h>

using namespace diagdesk::service;
using test::open_store;

namespace {

std::string one(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}

/// Marie's ticket (phone, e-mail, a note, a session naming her), Bob's ticket, Marie's laptop.
void fill(SqliteStore& store) {
  Ticket t;
  t.title = "Printer offline";
  t.caller_name = "Marie Dupont";
  t.caller_phone = "01 23 45 67 89";
  t.caller_email = "Marie.Dupont@example.fr";
  t.description = "DUPONT Marie says it jams; call back 0123456789";
  t.sessions = {"format = \"diagdesk-session\"\nnotes = [\"spoke to Marie Dupönt\"]\n"};
  Edit e{"anna", 1000, {}};
  REQUIRE(open_ticket(t, e, {}) == CreateError::none);
  REQUIRE(store.create(t, 2026, e.events).ok());
  Event note;
  note.at = 1100;
  note.actor = "paul";
  note.kind = EventKind::call;
  note.note = "called marie.dupont@example.fr and 01.23.45.67.89";
  std::vector<Event> more{note};
  REQUIRE(store.update(t, more).ok());
  Ticket bob;
  REQUIRE(test::add(store, "No network", bob).ok());
  bob.caller_name = "Bob Martin";
  std::vector<Event> none;
  REQUIRE(store.update(bob, none).ok());
  Asset a;
  a.tag = "PC-0042";
  a.user = "Marie Dupont";
  std::vector<AssetEvent> ae{AssetEvent{0, 0, 1000, "anna", EventKind::created, "", "", "", ""}};
  REQUIRE(store.create_asset(a, ae).ok());
}

}  // namespace

TEST_CASE("mentions match whatever the case, accents, blanks and order, as whole words") {
  const Person marie{"Marie Dupont", {"01 23 45 67 89"}, {"marie.dupont@example.fr"}};
  struct Row {
    std::string text;
    std::size_t mentions;
  };
  const Row rows[] = {
      {"Marie Dupont", 1},
      {"mme MARIE   DUPÖNT a appelé", 1},
      {"DUPONT Marie", 1},        // the other order of a two-word name
      {"Marie-Dupont", 1},        // a hyphen is a blank
      {"Marie Dupontel", 0},      // not a whole word
      {"Anne-Marie Dupont", 0},   // a compound first name is someone else
      {"Marie Dupont-Durand", 0},
      {"rappeler le 0123456789 ou le 01.23.45.67.89", 2},
      {"01234567890", 0},         // a longer number
      {"écrire à Marie.Dupont@Example.fr.", 1},
      {"xmarie.dupont@example.fr", 0},
      {"nothing here", 0},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    CHECK(find_mentions(r.text, marie).size() == r.mentions);
  }
  CHECK(replace_mentions("Mme Dupönt Marie, 01 23 45 67 89.", marie, "P-1") == "Mme P-1, P-1.");
  CHECK(fold_name("  Éloïse   L'Œuvre-Ÿ ") == "eloise l'oeuvre y");
}

TEST_CASE("a pseudonym is stable per person, keyed by the secret, the same for both orders") {
  const std::string key(16, 'k'), other(16, 'o');
  const std::string p = pseudonym(key, "Marie Dupont", "Personne");
  CHECK(is_pseudonym(p));
  CHECK(p.starts_with("Personne-"));
  CHECK(p.size() == std::string("Personne-").size() + 6);
  CHECK(pseudonym(key, "DUPONT  Marie", "Personne") == p);
  CHECK(pseudonym(key, "marie dupönt", "Personne") == p);
  CHECK(pseudonym(other, "Marie Dupont", "Personne") != p);
  CHECK(pseudonym(key, "Marie Durand", "Personne") != p);
  CHECK_FALSE(is_pseudonym("Marie Dupont"));
}

TEST_CASE("find_person lists every place holding the person and nothing of anyone else") {
  test::TempDir dir;
  auto store = open_store(dir.path() / "service.sqlite");
  fill(*store);
  PersonData found;
  REQUIRE(find_person(*store, "marie dupont", found).ok());
  CHECK(found.person.phones == std::vector<std::string>{"01 23 45 67 89"});
  CHECK(found.person.emails == std::vector<std::string>{"Marie.Dupont@example.fr"});
  std::set<std::string> where;
  for (const auto& h : found.holdings) where.insert(h.place + ":" + h.key + ":" + h.field);
  const std::set<std::string> expected{
      "ticket:INC-2026-000001:caller_name",   "ticket:INC-2026-000001:caller_phone",
      "ticket:INC-2026-000001:caller_email",  "ticket:INC-2026-000001:description",
      "ticket_event:INC-2026-000001:note",    "ticket_session:INC-2026-000001:session",
      "asset:PC-0042:user_name"};
  CHECK(where == expected);
  CHECK(find_person(*store, "M", found).error == StoreError::io);
}

TEST_CASE("erase_person replaces the person everywhere in one transaction and logs it without the name") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  auto store = open_store(file);
  fill(*store);
  ErasureOptions o;
  o.prefix = "Personne";
  o.actor = "anna";
  o.at = 5000;

  SUBCASE("a dry run counts and changes nothing") {
    o.dry_run = true;
    Erasure dry;
    REQUIRE(erase_person(*store, "Marie Dupont", o, dry).ok());
    CHECK(dry.fields() == 7);
    PersonData still;
    REQUIRE(find_person(*store, "Marie Dupont", still).ok());
    CHECK(still.holdings.size() == 7);
    CHECK(one(store->handle(), "SELECT count(*) FROM privacy_erasures") == "0");
  }
  SUBCASE("the erase") {
    Erasure done;
    REQUIRE(erase_person(*store, "Marie Dupont", o, done).ok());
    CHECK(done.rows() == 4);
    CHECK(done.fields() == 7);
    const std::string p = done.pseudonym;
    CHECK(is_pseudonym(p));
    Ticket t;
    REQUIRE(store->get("INC-2026-000001", t).ok());
    CHECK(t.caller_name == p);
    CHECK(t.caller_phone.empty());
    CHECK(t.caller_email.empty());
    CHECK(t.description == p + " says it jams; call back " + p);
    CHECK(t.sessions.at(0) == "format = \"diagdesk-session\"\nnotes = [\"spoke to " + p + "\"]\n");
    CHECK(t.version == 3);  // a copy read before the erase is stale
    std::vector<Event> h;
    REQUIRE(store->history(t.id, h).ok());
    CHECK(h.back().note == "called " + p + " and " + p);
    Asset a;
    REQUIRE(store->get_asset("PC-0042", a).ok());
    CHECK(a.user == p);
    Ticket bob;
    REQUIRE(store->get("INC-2026-000002", bob).ok());
    CHECK(bob.caller_name == "Bob Martin");
    CHECK(bob.version == 2);
    PersonData after;
    REQUIRE(find_person(*store, "Marie Dupont", after).ok());
    CHECK(after.holdings.empty());
    // The log has the pseudonym and the counts, never the name.
    sqlite3* db = store->handle();
    CHECK(one(db, "SELECT pseudonym FROM privacy_erasures") == p);
    CHECK(one(db, "SELECT count(*) FROM privacy_erasures WHERE changes LIKE '%upont%' OR scope LIKE '%upont%'") == "0");
    CHECK(one(db, "SELECT count(*) FROM privacy_erasure_in_progress") == "0");
    // Erasing again finds nothing; the same person gets the same pseudonym.
    Erasure again;
    REQUIRE(erase_person(*store, "Dupont Marie", o, again).ok());
    CHECK(again.counts.empty());
    CHECK(again.pseudonym == p);
    // The file stays owner-only.
    store.reset();
    CHECK(test::mode_of(file) == 0600);
  }
}

TEST_CASE("events still refuse updates and deletes outside an erasure") {
  test::TempDir dir;
  auto store = open_store(dir.path() / "service.sqlite");
  fill(*store);
  sqlite3* db = store->handle();
  CHECK(sqlite3_exec(db, "UPDATE events SET note = 'x'", nullptr, nullptr, nullptr) != SQLITE_OK);
  CHECK(sqlite3_exec(db, "DELETE FROM events", nullptr, nullptr, nullptr) != SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE asset_events SET note = 'x'", nullptr, nullptr, nullptr) != SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE privacy_erasures SET actor = 'x'", nullptr, nullptr, nullptr) == SQLITE_OK);  // empty
  // Even inside an erasure only the texts may change, and deletes stay refused.
  REQUIRE(sqlite3_exec(db, "BEGIN; INSERT INTO privacy_erasure_in_progress VALUES (1)", nullptr, nullptr, nullptr) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE events SET note = 'x'", nullptr, nullptr, nullptr) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE events SET at = 1", nullptr, nullptr, nullptr) != SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE events SET kind = 'note'", nullptr, nullptr, nullptr) != SQLITE_OK);
  CHECK(sqlite3_exec(db, "DELETE FROM events", nullptr, nullptr, nullptr) != SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK);
  CHECK(one(db, "SELECT count(*) FROM events WHERE note = 'x'") == "0");
}

TEST_CASE("a failure in the middle of an erasure changes nothing") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  ErasureOptions o;
  o.at = 5000;
  Erasure e;
  SUBCASE("a refused session update after the tickets and events were changed") {
    auto store = open_store(file);
    fill(*store);
    REQUIRE(sqlite3_exec(store->handle(), "CREATE TEMP TRIGGER fail BEFORE UPDATE ON ticket_sessions "
                                          "BEGIN SELECT RAISE(ABORT, 'injected'); END",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    CHECK_FALSE(erase_person(*store, "Marie Dupont", o, e).ok());
    PersonData still;
    REQUIRE(find_person(*store, "Marie Dupont", still).ok());
    CHECK(still.holdings.size() == 7);
    CHECK(one(store->handle(), "SELECT count(*) FROM privacy_erasure_in_progress") == "0");
  }
  SUBCASE("a full disk") {
    {
      auto store = open_store(file);
      fill(*store);
      Ticket t;
      const std::string many = [] {
        std::string s;
        for (int i = 0; i < 400; ++i) s += "Marie Dupont ";
        return s;
      }();
      for (int i = 0; i < 10; ++i) REQUIRE(test::add(*store, "Marie Dupont again", t, many).ok());
    }
    sqlite3* probe = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &probe) == SQLITE_OK);
    const int pages = std::stoi(one(probe, "PRAGMA page_count"));
    sqlite3_close(probe);
    OpenOptions capped;
    capped.max_page_count = pages;
    auto store = open_store(file, capped);
    PersonData before;
    REQUIRE(find_person(*store, "Marie Dupont", before).ok());
    const StoreStatus s = erase_person(*store, "Marie Dupont", o, e);
    CHECK(s.error == StoreError::full);
    PersonData still;
    REQUIRE(find_person(*store, "Marie Dupont", still).ok());
    CHECK(still.holdings.size() == before.holdings.size());
    CHECK(still.holdings.size() > 7 + 10);
  }
}

TEST_CASE("a database of schema 3 upgrades with its data, then erases") {
  test::TempDir dir;
  const auto file = dir.path() / "service.sqlite";
  {
    OpenOptions old;
    old.migrate_to = 3;
    auto store = open_store(file, old);
    REQUIRE(store->schema_version() == 3);
    fill(*store);
    PersonData found;
    CHECK(find_person(*store, "Marie Dupont", found).error == StoreError::io);
  }
  auto store = open_store(file);
  CHECK(store->schema_version() == latest_schema_version());
  PersonData found;
  REQUIRE(find_person(*store, "Marie Dupont", found).ok());
  CHECK(found.holdings.size() == 7);
  Erasure e;
  REQUIRE(erase_person(*store, "Marie Dupont", {}, e).ok());
  CHECK(e.fields() == 7);
}

TEST_CASE("retention anonymises only the closed tickets closed before the cut, once") {
  test::TempDir dir;
  auto store = open_store(dir.path() / "service.sqlite");
  fill(*store);
  Ticket t;
  REQUIRE(store->get("INC-2026-000001", t).ok());
  t.status = Status::closed;
  t.closed_at = 2000;
  std::vector<Event> none;
  REQUIRE(store->update(t, none).ok());
  ErasureOptions o;
  o.at = 9000;
  Erasure e;
  REQUIRE(apply_retention(*store, 1500, o, e).ok());
  CHECK(e.tickets.empty());
  REQUIRE(apply_retention(*store, 3000, o, e).ok());
  CHECK(e.tickets == std::vector<std::string>{"INC-2026-000001"});
  REQUIRE(store->get("INC-2026-000001", t).ok());
  CHECK(is_pseudonym(t.caller_name));
  CHECK(t.caller_phone.empty());
  CHECK(t.description.find("upont") == std::string::npos);
  Asset a;  // assets are not the ticket's: kept
  REQUIRE(store->get_asset("PC-0042", a).ok());
  CHECK(a.user == "Marie Dupont");
  REQUIRE(apply_retention(*store, 3000, o, e).ok());
  CHECK(e.tickets.empty());
}

TEST_CASE("a quote's customer and its append-only events are erased, and the events stay append-only") {
  test::TempDir dir;
  auto store = open_store(dir.path() / "service.sqlite");
  fill(*store);
  sqlite3* db = store->handle();
  REQUIRE(sqlite3_exec(db,
                       "INSERT INTO quotes (id, number, year, issued_on, validity_days, customer_name, customer_address, "
                       "customer_email, customer_phone, language, ticket_number, request_number, currency, payment_terms, "
                       "found, duration_hundredths, status, operator, created_at, updated_at, version) VALUES (1, "
                       "'DEV-2026-0001', 2026, '2026-12-07', 30, 'Marie Dupont', '3 rue des Lilas', 'm@d.fr', '0611223344', "
                       "'fr', '', '', 'EUR', '', 'disk dead', 100, 'draft', 'anna', 1, 1, 1);"
                       "INSERT INTO quote_events (quote_id, at, actor, kind, old_value, new_value, note) "
                       "VALUES (1, 1, 'anna', 'created', '', '', 'quote for Marie Dupont');",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  Erasure e;
  REQUIRE(erase_person(*store, "Marie Dupont", {}, e).ok());
  CHECK(one(db, "SELECT customer_name FROM quotes") == e.pseudonym);
  CHECK(one(db, "SELECT customer_address || customer_email || customer_phone FROM quotes").empty());
  CHECK(one(db, "SELECT version FROM quotes") == "2");
  CHECK(one(db, "SELECT note FROM quote_events") == "quote for " + e.pseudonym);
  CHECK(sqlite3_exec(db, "UPDATE quote_events SET note = 'x'", nullptr, nullptr, nullptr) != SQLITE_OK);
  CHECK(sqlite3_exec(db, "DELETE FROM quote_events", nullptr, nullptr, nullptr) != SQLITE_OK);
}

TEST_CASE("a problem's texts and its append-only events are erased, and the events stay append-only") {
  test::TempDir dir;
  auto store = open_store(dir.path() / "service.sqlite");
  fill(*store);
  sqlite3* db = store->handle();
  REQUIRE(sqlite3_exec(db,
                       "INSERT INTO problems (id, number, title, description, status, root_cause, workaround, solution, "
                       "error_codes, tree, conclusion, asset_model, owner, created_at, updated_at, version) VALUES (1, "
                       "'PRB-2026-000001', 'Jams', 'first seen by Marie Dupont', 'open', '', '', '', '', '', '', '', "
                       "'anna', 1, 1, 1);"
                       "INSERT INTO problem_events (problem_id, at, actor, kind, field, old_value, new_value, note) "
                       "VALUES (1, 1, 'anna', 'created', '', '', '', 'reported by DUPONT Marie');",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  PersonData found;
  REQUIRE(find_person(*store, "Marie Dupont", found).ok());
  CHECK(found.holdings.size() == 7 + 2);
  Erasure e;
  REQUIRE(erase_person(*store, "Marie Dupont", {}, e).ok());
  CHECK(one(db, "SELECT description FROM problems") == "first seen by " + e.pseudonym);
  CHECK(one(db, "SELECT version FROM problems") == "2");
  CHECK(one(db, "SELECT note FROM problem_events") == "reported by " + e.pseudonym);
  CHECK(sqlite3_exec(db, "UPDATE problem_events SET note = 'x'", nullptr, nullptr, nullptr) != SQLITE_OK);
  CHECK(sqlite3_exec(db, "DELETE FROM problem_events", nullptr, nullptr, nullptr) != SQLITE_OK);
}
