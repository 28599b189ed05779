// The PostgreSQL QuoteStore (pg_store.hpp, PgQuoteStore): schema 2's quotes,
// their lines (rewritten whole at each change) and append-only events, in one
// transaction of the PgStore. Mirrors quote_sqlite.cpp; the DEV number is
// taken last, as tickets' (pg_store.cpp), so concurrent drafts get
// consecutive numbers and a refused save gives its number back.
#include <diagdesk/service/pg_store.hpp>

#include "pg_internal.hpp"

namespace diagdesk::service {

using namespace pg_detail;

namespace {

const char* const quote_select =
    "SELECT id, number, year, issued_on, validity_days, customer_name, customer_address, customer_email, "
    "customer_phone, language, ticket_number, request_number, currency, payment_terms, found, duration_hundredths, "
    "status, operator, created_at, updated_at, version FROM quotes";

Quote read_quote(const Result& r, int row) {
  Quote q;
  q.id = r.integer(row, 0);
  q.number = r.text(row, 1);
  q.year = static_cast<int>(r.integer(row, 2));
  q.issued_on = parse_date(r.text(row, 3)).value_or(Date{});
  q.validity_days = static_cast<int>(r.integer(row, 4));
  q.customer = {r.text(row, 5), r.text(row, 6), r.text(row, 7), r.text(row, 8), r.text(row, 9)};
  q.ticket_number = r.text(row, 10);
  q.request_number = r.text(row, 11);
  q.currency = r.text(row, 12);
  q.payment_terms = r.text(row, 13);
  q.found = r.text(row, 14);
  q.duration = r.integer(row, 15);
  q.status = parse_quote_status(r.text(row, 16)).value_or(QuoteStatus::draft);
  q.operator_name = r.text(row, 17);
  q.created_at = r.integer(row, 18);
  q.updated_at = r.integer(row, 19);
  q.version = r.integer(row, 20);
  return q;
}

/// The quote's fields as $1..$18, in the order of the INSERT and UPDATE below.
Params quote_fields(const Quote& q) {
  Params p;
  p.add(q.year).add(format_date(q.issued_on)).add(q.validity_days).add(q.customer.name).add(q.customer.address);
  p.add(q.customer.email).add(q.customer.phone).add(q.customer.language).add(q.ticket_number).add(q.request_number);
  p.add(q.currency).add(q.payment_terms).add(q.found).add(q.duration).add(name(q.status)).add(q.operator_name);
  p.add(q.created_at).add(q.updated_at);
  return p;
}

std::optional<Result> write_lines(PGconn* c, const Quote& q) {
  Result clear = Params().add(q.id).run(c, "DELETE FROM quote_lines WHERE quote_id = $1");
  if (!clear.ok()) return clear;
  for (std::size_t i = 0; i < q.lines.size(); ++i) {
    const QuoteLine& l = q.lines[i];
    Params p;
    p.add(q.id).add(static_cast<std::int64_t>(i)).add(l.ref).add(l.label).add(l.unit);
    p.add(l.quantity).add(l.unit_price).add(l.discount).add(l.vat);
    Result r = p.run(c, "INSERT INTO quote_lines (quote_id, position, ref, label, unit, quantity, unit_price, "
                        "discount, vat_rate) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
    if (!r.ok()) return r;
  }
  return std::nullopt;
}

/// The lines of every quote in `quotes`, in one query; the failed result or none.
std::optional<Result> read_lines(PGconn* c, std::vector<Quote>& quotes) {
  if (quotes.empty()) return std::nullopt;
  std::string ids = "{";
  for (const Quote& q : quotes) ids += (ids.size() > 1 ? "," : "") + std::to_string(q.id);
  ids += "}";
  Result r = Params().add(ids).run(c, "SELECT quote_id, ref, label, unit, quantity, unit_price, discount, vat_rate "
                                      "FROM quote_lines WHERE quote_id = ANY($1::bigint[]) ORDER BY quote_id, position");
  if (!r.ok()) return r;
  for (Quote& q : quotes) q.lines.clear();
  for (int i = 0; i < r.rows(); ++i) {
    const std::int64_t id = r.integer(i, 0);
    for (Quote& q : quotes) {
      if (q.id != id) continue;
      q.lines.push_back({r.text(i, 1), r.text(i, 2), r.text(i, 3), r.integer(i, 4), r.integer(i, 5), r.integer(i, 6),
                         r.integer(i, 7)});
      break;
    }
  }
  return std::nullopt;
}

std::optional<Result> insert_events(PGconn* c, std::int64_t quote_id, std::vector<QuoteEvent>& events) {
  for (QuoteEvent& e : events) {
    Params p;
    p.add(quote_id).add(e.at).add(e.actor).add(e.kind).add(e.old_value).add(e.new_value).add(e.note);
    Result r = p.run(c, "INSERT INTO quote_events (quote_id, at, actor, kind, old_value, new_value, note) "
                        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
    if (!r.ok()) return r;
    e.quote_id = quote_id;
    e.id = r.integer(0, 0);
  }
  return std::nullopt;
}

const char* const quote_insert =
    "INSERT INTO quotes (year, issued_on, validity_days, customer_name, customer_address, customer_email, "
    "customer_phone, language, ticket_number, request_number, currency, payment_terms, found, duration_hundredths, "
    "status, operator, created_at, updated_at, number, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id";

}  // namespace

StoreStatus PgQuoteStore::import_quote(Quote& quote, std::vector<QuoteEvent>& events) {
  if (!valid_quote_number(quote.number)) return {StoreError::io, "'" + quote.number + "' is not a quote number"};
  PgStore::Tx tx(m_store);
  if (!tx.begun.ok()) return tx.begun;
  PGconn* c = m_store.m_conn;
  const std::string& where = m_store.m_where;
  Quote q = quote;
  Result ins = quote_fields(q).add(q.number).add(q.version).run(c, quote_insert);
  if (!ins.ok()) {
    StoreStatus s = from_pg(c, ins, where, "cannot copy " + q.number);
    if (s.error == StoreError::duplicate) s.detail = "quote " + q.number + " exists already";
    return s;
  }
  q.id = ins.integer(0, 0);
  std::vector<QuoteEvent> saved = events;
  if (auto bad = write_lines(c, q)) return from_pg(c, *bad, where, "cannot copy the lines of " + q.number);
  if (auto bad = insert_events(c, q.id, saved)) return from_pg(c, *bad, where, "cannot copy the history of " + q.number);
  Result raise = raise_counter(c, "DEV", q.number);
  if (!raise.ok()) return from_pg(c, raise, where, "cannot number " + q.number);
  if (auto s = tx.commit("cannot copy " + q.number); !s.ok()) return s;
  quote = std::move(q);
  events = std::move(saved);
  return {};
}

StoreStatus PgQuoteStore::create_quote(Quote& quote, std::vector<QuoteEvent>& events) {
  PgStore::Tx tx(m_store);
  if (!tx.begun.ok()) return tx.begun;
  PGconn* c = m_store.m_conn;
  const std::string& where = m_store.m_where;
  Quote q = quote;
  q.version = 1;
  Result ins = quote_fields(q).add("~" + std::to_string(PQbackendPID(c))).add(q.version).run(c, quote_insert);
  if (!ins.ok()) return from_pg(c, ins, where, "cannot save the quote");
  q.id = ins.integer(0, 0);
  std::vector<QuoteEvent> saved = events;
  if (auto bad = write_lines(c, q)) return from_pg(c, *bad, where, "cannot save the quote's lines");
  if (auto bad = insert_events(c, q.id, saved)) return from_pg(c, *bad, where, "cannot save the history");
  Result seq = take_number(c, "DEV", q.year);
  if (!seq.ok()) return from_pg(c, seq, where, "cannot number the quote");
  q.number = format_quote_number(q.year, seq.integer(0, 0));
  Result named = Params().add(q.number).add(q.id).run(c, "UPDATE quotes SET number = $1 WHERE id = $2");
  if (!named.ok()) return from_pg(c, named, where, "cannot number the quote");
  if (auto s = tx.commit("cannot save the quote"); !s.ok()) return s;
  quote = std::move(q);
  events = std::move(saved);
  return {};
}

StoreStatus PgQuoteStore::update_quote(Quote& quote, std::vector<QuoteEvent>& events) {
  PgStore::Tx tx(m_store);
  if (!tx.begun.ok()) return tx.begun;
  PGconn* c = m_store.m_conn;
  const std::string& where = m_store.m_where;
  Result upd = quote_fields(quote).add(quote.id).add(quote.version).run(
      c, "UPDATE quotes SET year = $1, issued_on = $2, validity_days = $3, customer_name = $4, customer_address = $5, "
         "customer_email = $6, customer_phone = $7, language = $8, ticket_number = $9, request_number = $10, "
         "currency = $11, payment_terms = $12, found = $13, duration_hundredths = $14, status = $15, operator = $16, "
         "created_at = $17, updated_at = $18, version = version + 1 WHERE id = $19 AND version = $20");
  if (!upd.ok()) return from_pg(c, upd, where, "cannot save " + quote.number);
  if (upd.changed() == 0)
    return moved_on(c, where, "quotes", quote.id, quote.number, quote.version, "no quote " + quote.number);
  std::vector<QuoteEvent> saved = events;
  if (auto bad = write_lines(c, quote)) return from_pg(c, *bad, where, "cannot save the quote's lines");
  if (auto bad = insert_events(c, quote.id, saved)) return from_pg(c, *bad, where, "cannot save the history");
  if (auto s = tx.commit("cannot save " + quote.number); !s.ok()) return s;
  ++quote.version;
  events = std::move(saved);
  return {};
}

StoreStatus PgQuoteStore::get_quote(const std::string& number, Quote& out) {
  if (auto s = m_store.reachable(); !s.ok()) return s;
  PGconn* c = m_store.m_conn;
  Result r = Params().add(number).run(c, (std::string(quote_select) + " WHERE number = $1").c_str());
  if (!r.ok()) return from_pg(c, r, m_store.m_where, "cannot read " + number);
  if (r.rows() == 0) return {StoreError::not_found, "no quote " + number};
  std::vector<Quote> one{read_quote(r, 0)};
  if (auto bad = read_lines(c, one)) return from_pg(c, *bad, m_store.m_where, "cannot read " + number);
  out = std::move(one[0]);
  return {};
}

StoreStatus PgQuoteStore::list_quotes(const QuoteFilter& filter, std::vector<Quote>& out) {
  out.clear();
  if (auto s = m_store.reachable(); !s.ok()) return s;
  PGconn* c = m_store.m_conn;
  Params p;
  if (filter.status) p.add(name(*filter.status));
  else p.null();
  if (filter.ticket_number) p.add(*filter.ticket_number);
  else p.null();
  Result r = p.run(c, (std::string(quote_select) + " WHERE ($1::text IS NULL OR status = $1) "
                                                   "AND ($2::text IS NULL OR ticket_number = $2) ORDER BY id DESC").c_str());
  if (!r.ok()) return from_pg(c, r, m_store.m_where, "cannot list the quotes");
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_quote(r, i));
  if (auto bad = read_lines(c, out)) return from_pg(c, *bad, m_store.m_where, "cannot list the quotes");
  return {};
}

StoreStatus PgQuoteStore::quote_history(std::int64_t quote_id, std::vector<QuoteEvent>& out) {
  out.clear();
  if (auto s = m_store.reachable(); !s.ok()) return s;
  PGconn* c = m_store.m_conn;
  Result r = Params().add(quote_id).run(c, "SELECT id, quote_id, at, actor, kind, old_value, new_value, note "
                                           "FROM quote_events WHERE quote_id = $1 ORDER BY id");
  if (!r.ok()) return from_pg(c, r, m_store.m_where, "cannot read the quote's history");
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.integer(i, 0), r.integer(i, 1), r.integer(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5),
                   r.text(i, 6), r.text(i, 7)});
  return {};
}

}  // namespace diagdesk::service
