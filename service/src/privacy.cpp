// Personal data in the SQLite store: finding, erasing, retention.
//
// [SECTION] Places
// [SECTION] Finding
// [SECTION] Erasing
// [SECTION] Settings
#include <diagdesk/service/privacy.hpp>
#include <diagdesk/service/sqlite_store.hpp>

#include "sqlite_internal.hpp"
#include "toml_file.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace diagdesk::service {

using namespace sqlite_detail;

// [SECTION] Places ----------------------------------------------------------------------

namespace {

/// A table holding texts, with how to name its rows and the row (ticket,
/// asset, quote) whose version moves when it changes.
struct Place {
  const char* label;
  const char* table;
  const char* key_sql;     ///< the ticket number, asset tag or quote number
  const char* item_sql;    ///< the event id or position; 0 for the row itself
  const char* parent;      ///< the table whose version moves
  const char* parent_sql;  ///< the parent row's id
  const char* owner;       ///< the column naming the person a row is about ("" none)
  std::vector<const char*> owned;  ///< emptied when the owner is the person (phones, e-mails, address)
};

const std::vector<Place>& places() {
  static const std::vector<Place> all{
      {"ticket", "tickets", "x.number", "0", "tickets", "x.id", "caller_name", {"caller_phone", "caller_email"}},
      {"ticket_event", "events", "(SELECT number FROM tickets p WHERE p.id = x.ticket_id)", "x.id", "tickets",
       "x.ticket_id", "", {}},
      {"ticket_session", "ticket_sessions", "(SELECT number FROM tickets p WHERE p.id = x.ticket_id)", "x.position",
       "tickets", "x.ticket_id", "", {}},
      {"asset", "assets", "x.tag", "0", "assets", "x.id", "", {}},
      {"asset_event", "asset_events", "(SELECT tag FROM assets p WHERE p.id = x.asset_id)", "x.id", "assets",
       "x.asset_id", "", {}},
      {"quote", "quotes", "x.number", "0", "quotes", "x.id", "customer_name",
       {"customer_phone", "customer_email", "customer_address"}},
      {"quote_line", "quote_lines", "(SELECT number FROM quotes p WHERE p.id = x.quote_id)", "x.position", "quotes",
       "x.quote_id", "", {}},
      {"quote_event", "quote_events", "(SELECT number FROM quotes p WHERE p.id = x.quote_id)", "x.id", "quotes",
       "x.quote_id", "", {}},
      {"problem", "problems", "x.number", "0", "problems", "x.id", "", {}},
      {"problem_event", "problem_events", "(SELECT number FROM problems p WHERE p.id = x.problem_id)", "x.id",
       "problems", "x.problem_id", "", {}},
  };
  return all;
}

/// Key columns: never searched, never changed.
bool key_column(const std::string& c) {
  static const std::set<std::string> keys{"number",        "tag",        "type",        "status",   "kind",
                                          "field",         "category",   "impact",      "urgency",  "asset_tag",
                                          "ticket_number", "request_number", "currency", "language", "ref",
                                          "unit",          "purchase_date", "warranty_end", "issued_on", "tree", "conclusion"};
  return keys.count(c) > 0;
}

bool table_exists(sqlite3* db, const char* table) {
  Stmt s(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  return s.bind(1, std::string(table)).step() == SQLITE_ROW;
}

std::vector<std::string> text_columns(sqlite3* db, const char* table) {
  std::vector<std::string> cols;
  Stmt s(db, (std::string("SELECT name, type FROM pragma_table_info('") + table + "')").c_str());
  while (s.step() == SQLITE_ROW) {
    if (s.text(1) == "TEXT" && !key_column(s.text(0))) cols.push_back(s.text(0));
  }
  return cols;
}

bool same_person(const std::string& value, const Person& who) {
  const std::string v = fold_name(value);
  if (v.empty()) return false;
  Person only{who.name, {}, {}};
  const auto m = find_mentions(value, only);
  return m.size() == 1 && m[0].first == value.find_first_not_of(" \t") &&
         fold_name(value.substr(m[0].first, m[0].second - m[0].first)) == v;
}

/// Calls `each(rowid, key, item, parent_id, column, value, new_value)` for every
/// field of the place that mentions `who`; new_value is what erasing writes.
using Visit = std::function<int(std::int64_t, const std::string&, std::int64_t, std::int64_t, const std::string&,
                                const std::string&, const std::string&)>;

int visit(sqlite3* db, const Place& p, const Person& who, const std::string& with, const Visit& each) {
  const auto cols = text_columns(db, p.table);
  if (cols.empty()) return SQLITE_OK;
  std::string sql = std::string("SELECT x.rowid, ") + p.key_sql + ", " + p.item_sql + ", " + p.parent_sql;
  for (const auto& c : cols) sql += ", x." + c;
  sql += std::string(" FROM ") + p.table + " x ORDER BY x.rowid";
  Stmt s(db, sql.c_str());
  std::vector<std::tuple<std::int64_t, std::string, std::int64_t, std::int64_t, std::string, std::string, std::string>> hits;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    bool owned = false;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (cols[i] == p.owner) owned = same_person(s.text(4 + static_cast<int>(i)), who);
    }
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const std::string value = s.text(4 + static_cast<int>(i));
      if (value.empty()) continue;
      const bool is_owned = std::find(p.owned.begin(), p.owned.end(), cols[i]) != p.owned.end();
      const bool mentioned = !find_mentions(value, who).empty();
      if (!mentioned && !(is_owned && owned)) continue;
      // A phone, an e-mail or an address of the person is emptied; texts keep their words around the pseudonym.
      const std::string after = is_owned ? std::string() : replace_mentions(value, who, with);
      hits.emplace_back(s.integer(0), s.text(1), s.integer(2), s.integer(3), cols[i], value, after);
    }
  }
  if (rc != SQLITE_DONE) return rc;
  for (const auto& [row, key, item, parent, col, value, after] : hits) {
    if ((rc = each(row, key, item, parent, col, value, after)) != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

/// The name, and the phones and e-mails where the name is the caller or the customer.
int identify(sqlite3* db, std::string_view name, Person& who) {
  who = {std::string(name), {}, {}};
  std::set<std::string> phones, emails;
  const char* const sources[][2] = {{"SELECT caller_name, caller_phone, caller_email FROM tickets", "tickets"},
                                    {"SELECT customer_name, customer_phone, customer_email FROM quotes", "quotes"}};
  for (const auto& src : sources) {
    if (!table_exists(db, src[1])) continue;
    Stmt s(db, src[0]);
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      if (!same_person(s.text(0), who)) continue;
      if (!s.text(1).empty()) phones.insert(s.text(1));
      if (!s.text(2).empty()) emails.insert(s.text(2));
    }
    if (rc != SQLITE_DONE) return rc;
  }
  who.phones.assign(phones.begin(), phones.end());
  who.emails.assign(emails.begin(), emails.end());
  return SQLITE_OK;
}

bool usable_name(std::string_view name) {
  int n = 0;
  for (char c : fold_name(name)) n += c != ' ';
  return n >= 2;
}

}  // namespace

// [SECTION] Finding ---------------------------------------------------------------------

StoreStatus find_person(SqliteStore& store, std::string_view name, PersonData& out) {
  out = {};
  if (!usable_name(name)) return {StoreError::io, "the name needs at least two letters or digits"};
  if (store.schema_version() < 5) return {StoreError::io, store.path() + ": personal data needs schema 5 or later"};
  sqlite3* db = store.handle();
  int rc = identify(db, name, out.person);
  if (rc != SQLITE_OK) return from_sqlite(rc, db, store.path() + ": cannot read the callers");
  for (const auto& p : places()) {
    if (!table_exists(db, p.table)) continue;
    rc = visit(db, p, out.person, "", [&](std::int64_t, const std::string& key, std::int64_t item, std::int64_t,
                                          const std::string& col, const std::string& value, const std::string&) {
      out.holdings.push_back({p.label, key, item, col, value});
      return SQLITE_OK;
    });
    if (rc != SQLITE_OK) return from_sqlite(rc, db, store.path() + ": cannot read " + p.table);
  }
  return {};
}

// [SECTION] Erasing ---------------------------------------------------------------------

namespace {

int read_secret(sqlite3* db, std::string& secret) {
  Stmt s(db, "SELECT key FROM privacy_secret");
  const int rc = s.step();
  if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? SQLITE_CORRUPT : rc;
  secret = s.text(0);
  return SQLITE_OK;
}

/// Append-only tables made after schema 5 without the erasure guard (quote
/// events): their no-update trigger is lifted inside the erasure's
/// transaction and put back, word for word, before the commit.
struct LiftedTriggers {
  std::vector<std::pair<std::string, std::string>> triggers;  // name, sql
  int lift(sqlite3* db) {
    Stmt s(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%events_no_update' "
               "AND sql NOT LIKE '%privacy_erasure_in_progress%'");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) triggers.emplace_back(s.text(0), s.text(1));
    if (rc != SQLITE_DONE) return rc;
    for (const auto& [n, sql] : triggers) {
      if ((rc = exec(db, ("DROP TRIGGER " + n).c_str())) != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
  }
  int restore(sqlite3* db) {
    for (const auto& [n, sql] : triggers) {
      if (const int rc = exec(db, sql.c_str()); rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
  }
};

/// Replaces `who`'s mentions in the places (all, or only the rows of
/// `ticket_ids`) by `with`, counting per place and bumping versions.
int rewrite(sqlite3* db, const Person& who, const std::string& with, const std::set<std::int64_t>* ticket_ids,
            std::map<std::string, ErasureCount>& counts) {
  std::map<std::string, std::set<std::int64_t>> parents;
  for (const auto& p : places()) {
    if (!table_exists(db, p.table)) continue;
    if (ticket_ids && std::string(p.parent) != "tickets") continue;
    std::set<std::int64_t> rows;
    const int rc = visit(db, p, who, with, [&](std::int64_t row, const std::string&, std::int64_t, std::int64_t parent,
                                              const std::string& col, const std::string&, const std::string& after) {
      if (ticket_ids && !ticket_ids->count(parent)) return SQLITE_OK;
      Stmt u(db, (std::string("UPDATE ") + p.table + " SET " + col + " = ? WHERE rowid = ?").c_str());
      const int r = u.bind(1, after).bind(2, row).step();
      if (r != SQLITE_DONE) return r;
      auto& c = counts[p.label];
      c.place = p.label;
      ++c.fields;
      if (rows.insert(row).second) ++c.rows;
      parents[p.parent].insert(parent);
      return SQLITE_OK;
    });
    if (rc != SQLITE_OK) return rc;
  }
  for (const auto& [table, ids] : parents) {
    for (std::int64_t id : ids) {
      Stmt u(db, ("UPDATE " + table + " SET version = version + 1 WHERE id = ?").c_str());
      if (const int rc = u.bind(1, id).step(); rc != SQLITE_DONE) return rc;
    }
  }
  return SQLITE_OK;
}

std::vector<ErasureCount> ordered(const std::map<std::string, ErasureCount>& counts) {
  std::vector<ErasureCount> out;
  for (const auto& p : places()) {
    if (auto it = counts.find(p.label); it != counts.end()) out.push_back(it->second);
  }
  return out;
}

/// Runs `body` inside one transaction with the erasure guard open, logs, commits
/// (or rolls back for a dry run).
StoreStatus in_erasure(SqliteStore& store, const ErasureOptions& o, const std::string& reason, Erasure& out,
                       const std::function<int(sqlite3*, const std::string& secret)>& body) {
  if (store.schema_version() < 5) return {StoreError::io, store.path() + ": personal data needs schema 5 or later"};
  if (store.read_only()) return {StoreError::read_only, store.path() + ": " + read_only_why};
  sqlite3* db = store.handle();
  auto fault = [&](int rc, const std::string& what) { return from_sqlite(rc, db, store.path() + ": " + what); };
  Transaction tx(db);
  if (tx.begin_rc() != SQLITE_OK) return fault(tx.begin_rc(), "cannot start the erasure");
  std::string secret;
  int rc = read_secret(db, secret);
  if (rc != SQLITE_OK) return fault(rc, "cannot read the pseudonym key");
  Stmt open(db, "INSERT INTO privacy_erasure_in_progress (started_at) VALUES (?)");
  if ((rc = open.bind(1, o.at).step()) != SQLITE_DONE) return fault(rc, "cannot start the erasure");
  LiftedTriggers lifted;
  if ((rc = lifted.lift(db)) != SQLITE_OK) return fault(rc, "cannot start the erasure");
  if ((rc = body(db, secret)) != SQLITE_OK) return fault(rc, "erasure failed; nothing was changed");
  if ((rc = lifted.restore(db)) != SQLITE_OK) return fault(rc, "erasure failed; nothing was changed");
  if ((rc = exec(db, "DELETE FROM privacy_erasure_in_progress")) != SQLITE_OK)
    return fault(rc, "erasure failed; nothing was changed");
  std::string changes;
  for (const auto& c : out.counts) changes += (changes.empty() ? "" : " ") + c.place + "=" + std::to_string(c.fields);
  std::string scope;
  for (const auto& t : out.tickets) scope += (scope.empty() ? "" : " ") + t;
  Stmt log(db, "INSERT INTO privacy_erasures (at, actor, reason, pseudonym, scope, changes) VALUES (?, ?, ?, ?, ?, ?)");
  log.bind(1, o.at).bind(2, o.actor).bind(3, reason).bind(4, out.pseudonym).bind(5, scope).bind(6, changes);
  if ((rc = log.step()) != SQLITE_DONE) return fault(rc, "cannot log the erasure; nothing was changed");
  if (o.dry_run) return {};  // the transaction rolls back
  if ((rc = tx.commit()) != SQLITE_OK) return fault(rc, "cannot save the erasure; nothing was changed");
  return {};
}

}  // namespace

StoreStatus erase_person(SqliteStore& store, std::string_view name, const ErasureOptions& o, Erasure& out) {
  out = {};
  if (!usable_name(name)) return {StoreError::io, "the name needs at least two letters or digits"};
  return in_erasure(store, o, "request", out, [&](sqlite3* db, const std::string& secret) {
    Person who;
    if (const int rc = identify(db, name, who); rc != SQLITE_OK) return rc;
    out.pseudonym = pseudonym(secret, name, o.prefix);
    std::map<std::string, ErasureCount> counts;
    const int rc = rewrite(db, who, out.pseudonym, nullptr, counts);
    out.counts = ordered(counts);
    return rc;
  });
}

StoreStatus apply_retention(SqliteStore& store, Time closed_before, const ErasureOptions& o, Erasure& out) {
  out = {};
  return in_erasure(store, o, "retention", out, [&](sqlite3* db, const std::string& secret) {
    Stmt s(db, "SELECT id, number, caller_name, caller_phone, caller_email FROM tickets "
               "WHERE status = 'closed' AND closed_at < ? ORDER BY id");
    s.bind(1, closed_before);
    std::vector<std::tuple<std::int64_t, std::string, Person>> due;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      Person who{s.text(2), {}, {}};
      if (!s.text(3).empty()) who.phones.push_back(s.text(3));
      if (!s.text(4).empty()) who.emails.push_back(s.text(4));
      const bool done = (who.name.empty() || is_pseudonym(who.name)) && who.phones.empty() && who.emails.empty();
      if (!done) due.emplace_back(s.integer(0), s.text(1), who);
    }
    if (rc != SQLITE_DONE) return rc;
    std::map<std::string, ErasureCount> counts;
    for (auto& [id, number, who] : due) {
      if (is_pseudonym(who.name)) who.name.clear();
      const std::string key = !who.name.empty() ? who.name : !who.emails.empty() ? who.emails[0] : who.phones[0];
      const std::set<std::int64_t> only{id};
      // The ticket's own caller fields are emptied by their owner rule, the name replaced in every text.
      if ((rc = rewrite(db, who, pseudonym(secret, key, o.prefix), &only, counts)) != SQLITE_OK) return rc;
      Stmt clear(db, "UPDATE tickets SET caller_phone = '', caller_email = '' WHERE id = ?");
      if ((rc = clear.bind(1, id).step()) != SQLITE_DONE) return rc;
      out.tickets.push_back(number);
    }
    out.counts = ordered(counts);
    return SQLITE_OK;
  });
}

// [SECTION] Settings --------------------------------------------------------------------

PrivacySettings load_privacy_settings(const std::vector<std::filesystem::path>& files) {
  PrivacySettings out;
  for (const auto& f : files) {
    auto t = detail::read_service_toml(f, out.problems);
    if (!t) continue;
    const toml::node* n = t->get("retention_days");
    if (!n) continue;
    const auto days = n->is_integer() ? n->value<std::int64_t>() : std::nullopt;  // toml++ float cast
    if (!days || *days < 1 || *days > 36500) {
      out.problems.push_back(detail::problem_at(f.string(), *n, "retention_days must be a whole number of days from 1 to 36500"));
      continue;
    }
    out.retention_days = static_cast<int>(*days);
  }
  return out;
}

}  // namespace diagdesk::service
