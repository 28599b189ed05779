// Migration 6: quotes and quote_lines. Included inside the migrations array of
// sqlite_migrations.hpp: this file holds one string literal and nothing else.
// Quote numbers DEV-YYYY-NNNN come from the `counters` table (prefix 'DEV'),
// moved in the same transaction as the quote row: a number is never reused,
// even for a refused or abandoned draft. Amounts are integer cents,
// quantities integer hundredths, rates and discounts basis points (1 % = 100).
// Dates are TEXT YYYY-MM-DD. The customer_* columns are personal data.
R"SQL(
CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  issued_on TEXT NOT NULL,
  validity_days INTEGER NOT NULL,
  customer_name TEXT NOT NULL,
  customer_address TEXT NOT NULL,
  customer_email TEXT NOT NULL,
  customer_phone TEXT NOT NULL,
  language TEXT NOT NULL,
  ticket_number TEXT NOT NULL,
  request_number TEXT NOT NULL,
  currency TEXT NOT NULL,
  payment_terms TEXT NOT NULL,
  found TEXT NOT NULL,
  duration_hundredths INTEGER NOT NULL,
  status TEXT NOT NULL,
  operator TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX quotes_by_status ON quotes(status, id);
CREATE INDEX quotes_by_ticket ON quotes(ticket_number);
CREATE TABLE quote_lines (
  quote_id INTEGER NOT NULL REFERENCES quotes(id),
  position INTEGER NOT NULL,
  ref TEXT NOT NULL,
  label TEXT NOT NULL,
  unit TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price INTEGER NOT NULL,
  discount INTEGER NOT NULL,
  vat_rate INTEGER NOT NULL,
  PRIMARY KEY (quote_id, position)
);
CREATE TABLE quote_events (
  id INTEGER PRIMARY KEY,
  quote_id INTEGER NOT NULL REFERENCES quotes(id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX quote_events_by_quote ON quote_events(quote_id, id);
CREATE TRIGGER quote_events_no_update BEFORE UPDATE ON quote_events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER quote_events_no_delete BEFORE DELETE ON quote_events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
)SQL"
