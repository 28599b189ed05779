#pragma once
// The service database's schema: migration N takes a database from schema
// N-1 to N. Included by sqlite_store.cpp only (inside its anonymous
// namespace), so the SQL sits apart from the code that runs it. Migrations 4
// and later live in one file each (migration_N_*.sql.hpp) so the parts of
// the service centre that add them never edit the same file.

/// Migration N takes a database from schema N-1 to N. Never edit a released
/// one: add the next. The version row is written by the code that runs them.
const char* const migrations[] = {
    // 1: tickets, their events, the number counters.
    R"SQL(
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (0);
CREATE TABLE counters (
  prefix TEXT NOT NULL,
  year INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
);
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  caller_name TEXT NOT NULL,
  caller_phone TEXT NOT NULL,
  caller_email TEXT NOT NULL,
  caller_site TEXT NOT NULL,
  category TEXT NOT NULL,
  impact TEXT NOT NULL,
  urgency TEXT NOT NULL,
  priority INTEGER NOT NULL,
  status TEXT NOT NULL,
  operator TEXT NOT NULL,
  level INTEGER NOT NULL,
  asset_tag TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  taken_at INTEGER,
  resolved_at INTEGER,
  closed_at INTEGER,
  solution TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX events_by_ticket ON events(ticket_id, id);
)SQL",
    // 2: diagnosis sessions attached to tickets; the queue index; events
    // made append-only by the database itself.
    R"SQL(
CREATE TABLE ticket_sessions (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  position INTEGER NOT NULL,
  session TEXT NOT NULL,
  PRIMARY KEY (ticket_id, position)
);
CREATE INDEX tickets_by_queue ON tickets(status, priority, created_at);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
)SQL",
    // 3: the asset inventory and its append-only history; tickets found
    // by their asset. Dates are TEXT YYYY-MM-DD (NULL when unknown), so they
    // compare as text.
    R"SQL(
CREATE TABLE assets (
  id INTEGER PRIMARY KEY,
  tag TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  manufacturer TEXT NOT NULL,
  model TEXT NOT NULL,
  serial TEXT NOT NULL,
  user_name TEXT NOT NULL,
  site TEXT NOT NULL,
  room TEXT NOT NULL,
  os TEXT NOT NULL,
  os_version TEXT NOT NULL,
  ip TEXT NOT NULL,
  mac TEXT NOT NULL,
  purchase_date TEXT,
  warranty_end TEXT,
  status TEXT NOT NULL,
  notes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE UNIQUE INDEX assets_by_serial ON assets(serial) WHERE serial <> '';
CREATE TABLE asset_events (
  id INTEGER PRIMARY KEY,
  asset_id INTEGER NOT NULL REFERENCES assets(id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX asset_events_by_asset ON asset_events(asset_id, id);
CREATE INDEX tickets_by_asset ON tickets(asset_tag);
CREATE TRIGGER asset_events_no_update BEFORE UPDATE ON asset_events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER asset_events_no_delete BEFORE DELETE ON asset_events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
)SQL",
    // 4: problems (ITIL problem management) and their links to incidents.
#include "migration_4_problems.sql.hpp"
    ,
    // 5: personal data: the sanctioned path for pseudonymising append-only history.
#include "migration_5_privacy.sql.hpp"
    ,
    // 6: quotes (devis), their lines and their numbering.
#include "migration_6_quotes.sql.hpp"
};
