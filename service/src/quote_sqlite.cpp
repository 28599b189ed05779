// The SQLite QuoteStore (schema 6): a quote row, its lines (rewritten whole
// at each change) and its append-only events, in one transaction. The DEV
// counter (table counters, prefix 'DEV') moves inside the quote's
// transaction, so a killed save leaves neither the number nor the quote, and a
// saved one keeps its number for ever (quotes are never deleted).
#include <diagdesk/service/quote_sqlite.hpp>

#include "sqlite_internal.hpp"

namespace diagdesk::service {

using namespace sqlite_detail;

namespace {

const char* const quote_columns =
    "id, number, year, issued_on, validity_days, customer_name, customer_address, customer_email, customer_phone, "
    "language, ticket_number, request_number, currency, payment_terms, found, duration_hundredths, status, operator, "
    "created_at, updated_at, version";

Quote read_quote(const Stmt& s) {
  Quote q;
  q.id = s.integer(0);
  q.number = s.text(1);
  q.year = static_cast<int>(s.integer(2));
  q.issued_on = parse_date(s.text(3)).value_or(Date{});
  q.validity_days = static_cast<int>(s.integer(4));
  q.customer = {s.text(5), s.text(6), s.text(7), s.text(8), s.text(9)};
  q.ticket_number = s.text(10);
  q.request_number = s.text(11);
  q.currency = s.text(12);
  q.payment_terms = s.text(13);
  q.found = s.text(14);
  q.duration = s.integer(15);
  q.status = parse_quote_status(s.text(16)).value_or(QuoteStatus::draft);
  q.operator_name = s.text(17);
  q.created_at = s.integer(18);
  q.updated_at = s.integer(19);
  q.version = s.integer(20);
  return q;
}

/// Binds fields 1..18 in the order of quote_columns after id and number.
void bind_quote(Stmt& s, const Quote& q) {
  s.bind(1, static_cast<std::int64_t>(q.year))
      .bind(2, format_date(q.issued_on))
      .bind(3, static_cast<std::int64_t>(q.validity_days))
      .bind(4, q.customer.name)
      .bind(5, q.customer.address)
      .bind(6, q.customer.email)
      .bind(7, q.customer.phone)
      .bind(8, q.customer.language)
      .bind(9, q.ticket_number)
      .bind(10, q.request_number)
      .bind(11, q.currency)
      .bind(12, q.payment_terms)
      .bind(13, q.found)
      .bind(14, q.duration)
      .bind(15, std::string(name(q.status)))
      .bind(16, q.operator_name)
      .bind(17, q.created_at)
      .bind(18, q.updated_at);
}

int write_lines(sqlite3* db, const Quote& q) {
  Stmt clear(db, "DELETE FROM quote_lines WHERE quote_id = ?");
  int rc = clear.bind(1, q.id).step();
  if (rc != SQLITE_DONE) return rc;
  for (std::size_t i = 0; i < q.lines.size(); ++i) {
    const QuoteLine& l = q.lines[i];
    Stmt s(db, "INSERT INTO quote_lines (quote_id, position, ref, label, unit, quantity, unit_price, discount, vat_rate) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, q.id).bind(2, static_cast<std::int64_t>(i)).bind(3, l.ref).bind(4, l.label).bind(5, l.unit);
    rc = s.bind(6, l.quantity).bind(7, l.unit_price).bind(8, l.discount).bind(9, l.vat).step();
    if (rc != SQLITE_DONE) return rc;
  }
  return SQLITE_OK;
}

int read_lines(sqlite3* db, Quote& q) {
  Stmt s(db, "SELECT ref, label, unit, quantity, unit_price, discount, vat_rate FROM quote_lines "
             "WHERE quote_id = ? ORDER BY position");
  s.bind(1, q.id);
  int rc;
  q.lines.clear();
  while ((rc = s.step()) == SQLITE_ROW)
    q.lines.push_back({s.text(0), s.text(1), s.text(2), s.integer(3), s.integer(4), s.integer(5), s.integer(6)});
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int insert_events(sqlite3* db, std::int64_t quote_id, std::vector<QuoteEvent>& events) {
  for (auto& e : events) {
    Stmt s(db, "INSERT INTO quote_events (quote_id, at, actor, kind, old_value, new_value, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, quote_id).bind(2, e.at).bind(3, e.actor).bind(4, e.kind).bind(5, e.old_value).bind(6, e.new_value).bind(7, e.note);
    const int rc = s.step();
    if (rc != SQLITE_DONE) return rc;
    e.quote_id = quote_id;
    e.id = sqlite3_last_insert_rowid(db);
  }
  return SQLITE_OK;
}

}  // namespace

StoreStatus SqliteQuoteStore::create_quote(Quote& quote, std::vector<QuoteEvent>& events) {
  sqlite3* db = m_store.handle();
  const auto fault = [&](int rc, const std::string& what) { return from_sqlite(rc, db, m_store.path() + ": " + what); };
  if (m_store.read_only()) return {StoreError::read_only, m_store.path() + ": " + read_only_why};
  Transaction tx(db);
  if (tx.begin_rc() != SQLITE_OK) return fault(tx.begin_rc(), "cannot start a change");
  std::int64_t sequence = 1;
  {
    Stmt last(db, "SELECT last FROM counters WHERE prefix = 'DEV' AND year = ?");
    const int rc = last.bind(1, static_cast<std::int64_t>(quote.year)).step();
    if (rc == SQLITE_ROW) sequence = last.integer(0) + 1;
    else if (rc != SQLITE_DONE) return fault(rc, "cannot number the quote");
    Stmt save(db, rc == SQLITE_ROW ? "UPDATE counters SET last = ? WHERE prefix = 'DEV' AND year = ?"
                                   : "INSERT INTO counters (last, prefix, year) VALUES (?, 'DEV', ?)");
    const int rc2 = save.bind(1, sequence).bind(2, static_cast<std::int64_t>(quote.year)).step();
    if (rc2 != SQLITE_DONE) return fault(rc2, "cannot number the quote");
  }
  Quote q = quote;
  q.number = format_quote_number(q.year, sequence);
  q.version = 1;
  Stmt insert(db, "INSERT INTO quotes (year, issued_on, validity_days, customer_name, customer_address, customer_email, "
                  "customer_phone, language, ticket_number, request_number, currency, payment_terms, found, "
                  "duration_hundredths, status, operator, created_at, updated_at, number, version) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_quote(insert, q);
  insert.bind(19, q.number).bind(20, q.version);
  int rc = insert.step();
  if (rc != SQLITE_DONE) return fault(rc, "cannot save the quote");
  q.id = sqlite3_last_insert_rowid(db);
  std::vector<QuoteEvent> saved = events;
  if ((rc = write_lines(db, q)) != SQLITE_OK) return fault(rc, "cannot save the quote's lines");
  if ((rc = insert_events(db, q.id, saved)) != SQLITE_OK) return fault(rc, "cannot save the history");
  if ((rc = tx.commit()) != SQLITE_OK) return fault(rc, "cannot save the quote");
  quote = std::move(q);
  events = std::move(saved);
  return {};
}

StoreStatus SqliteQuoteStore::update_quote(Quote& quote, std::vector<QuoteEvent>& events) {
  sqlite3* db = m_store.handle();
  const auto fault = [&](int rc, const std::string& what) { return from_sqlite(rc, db, m_store.path() + ": " + what); };
  if (m_store.read_only()) return {StoreError::read_only, m_store.path() + ": " + read_only_why};
  Transaction tx(db);
  if (tx.begin_rc() != SQLITE_OK) return fault(tx.begin_rc(), "cannot start a change");
  Stmt upd(db, "UPDATE quotes SET year = ?, issued_on = ?, validity_days = ?, customer_name = ?, customer_address = ?, "
               "customer_email = ?, customer_phone = ?, language = ?, ticket_number = ?, request_number = ?, "
               "currency = ?, payment_terms = ?, found = ?, duration_hundredths = ?, status = ?, operator = ?, "
               "created_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?");
  bind_quote(upd, quote);
  upd.bind(19, quote.id).bind(20, quote.version);
  int rc = upd.step();
  if (rc != SQLITE_DONE) return fault(rc, "cannot save " + quote.number);
  if (sqlite3_changes(db) == 0) {
    Stmt now(db, "SELECT version FROM quotes WHERE id = ?");
    if (now.bind(1, quote.id).step() != SQLITE_ROW) return {StoreError::not_found, "no quote " + quote.number};
    return {StoreError::stale, quote.number + " was changed by someone else since it was read (saved version " +
                                   std::to_string(now.integer(0)) + ", this copy is version " +
                                   std::to_string(quote.version) + "): show it again, then redo the change"};
  }
  std::vector<QuoteEvent> saved = events;
  if ((rc = write_lines(db, quote)) != SQLITE_OK) return fault(rc, "cannot save the quote's lines");
  if ((rc = insert_events(db, quote.id, saved)) != SQLITE_OK) return fault(rc, "cannot save the history");
  if ((rc = tx.commit()) != SQLITE_OK) return fault(rc, "cannot save " + quote.number);
  ++quote.version;
  events = std::move(saved);
  return {};
}

StoreStatus SqliteQuoteStore::get_quote(const std::string& number, Quote& out) {
  sqlite3* db = m_store.handle();
  Stmt s(db, (std::string("SELECT ") + quote_columns + " FROM quotes WHERE number = ?").c_str());
  const int rc = s.bind(1, number).step();
  if (rc == SQLITE_DONE) return {StoreError::not_found, "no quote " + number};
  if (rc != SQLITE_ROW) return from_sqlite(rc, db, m_store.path() + ": cannot read " + number);
  out = read_quote(s);
  if (const int lr = read_lines(db, out); lr != SQLITE_OK) return from_sqlite(lr, db, m_store.path() + ": cannot read " + number);
  return {};
}

StoreStatus SqliteQuoteStore::list_quotes(const QuoteFilter& filter, std::vector<Quote>& out) {
  sqlite3* db = m_store.handle();
  out.clear();
  std::string sql = std::string("SELECT ") + quote_columns + " FROM quotes WHERE (?1 IS NULL OR status = ?1) "
                    "AND (?2 IS NULL OR ticket_number = ?2) ORDER BY id DESC";
  Stmt s(db, sql.c_str());
  if (filter.status) s.bind(1, std::string(name(*filter.status)));
  else s.bind_null(1);
  if (filter.ticket_number) s.bind(2, *filter.ticket_number);
  else s.bind_null(2);
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_quote(s));
  if (rc != SQLITE_DONE) return from_sqlite(rc, db, m_store.path() + ": cannot list the quotes");
  for (auto& q : out)
    if (const int lr = read_lines(db, q); lr != SQLITE_OK) return from_sqlite(lr, db, m_store.path() + ": cannot list the quotes");
  return {};
}

StoreStatus SqliteQuoteStore::quote_history(std::int64_t quote_id, std::vector<QuoteEvent>& out) {
  sqlite3* db = m_store.handle();
  out.clear();
  Stmt s(db, "SELECT id, quote_id, at, actor, kind, old_value, new_value, note FROM quote_events WHERE quote_id = ? ORDER BY id");
  s.bind(1, quote_id);
  int rc;
  while ((rc = s.step()) == SQLITE_ROW)
    out.push_back({s.integer(0), s.integer(1), s.integer(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7)});
  if (rc != SQLITE_DONE) return from_sqlite(rc, db, m_store.path() + ": cannot read the quote's history");
  return {};
}

}  // namespace diagdesk::service
