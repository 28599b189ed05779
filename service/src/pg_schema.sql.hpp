#pragma once
// The PostgreSQL schema of the service store (pg_store.cpp): migration N
// takes a database from schema N-1 to N, in one transaction. Included by
// pg_store.cpp only. Never edit a released migration: add the next. The
// tables mirror the SQLite ones (sqlite_migrations.hpp) with PostgreSQL's
// types; times are Unix seconds (bigint), dates YYYY-MM-DD text, as there.
// The roles and their rights are in pg_roles.sql.hpp (`diagdesk team init`).

const char* const pg_migrations[] = {
    // 1: tickets with their events, sessions and number counters; the asset
    // inventory with its events. Events are append-only for everyone,
    // the owner included (triggers). A ticket opened by a trainee's login is
    // a training ticket (the column's default), which the roles' row
    // security keeps apart.
    R"SQL(
CREATE TABLE schema_version (version integer NOT NULL);
INSERT INTO schema_version (version) VALUES (0);

CREATE FUNCTION diagdesk_is_trainee() RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  -- A superuser counts as a member of every role: it is an administrator, not a trainee.
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'diagdesk_trainee')
     OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RETURN false;
  END IF;
  RETURN pg_has_role(current_user, 'diagdesk_trainee', 'MEMBER');
END $$;

CREATE FUNCTION diagdesk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only: % is refused on %', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TABLE counters (
  prefix text NOT NULL,
  year integer NOT NULL,
  last bigint NOT NULL,
  PRIMARY KEY (prefix, year)
);

CREATE TABLE tickets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE,
  type text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  caller_name text NOT NULL,
  caller_phone text NOT NULL,
  caller_email text NOT NULL,
  caller_site text NOT NULL,
  category text NOT NULL,
  impact text NOT NULL,
  urgency text NOT NULL,
  priority integer NOT NULL,
  status text NOT NULL,
  operator text NOT NULL,
  level integer NOT NULL,
  asset_tag text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  taken_at bigint,
  resolved_at bigint,
  closed_at bigint,
  solution text NOT NULL,
  version bigint NOT NULL,
  training boolean NOT NULL DEFAULT diagdesk_is_trainee()
);
CREATE INDEX tickets_by_queue ON tickets (status, priority, created_at);
CREATE INDEX tickets_by_asset ON tickets (asset_tag);

CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets (id),
  at bigint NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL,
  field text NOT NULL,
  old_value text NOT NULL,
  new_value text NOT NULL,
  note text NOT NULL
);
CREATE INDEX events_by_ticket ON events (ticket_id, id);
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION diagdesk_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION diagdesk_append_only();

CREATE TABLE ticket_sessions (
  ticket_id bigint NOT NULL REFERENCES tickets (id),
  position integer NOT NULL,
  session text NOT NULL,
  PRIMARY KEY (ticket_id, position)
);

CREATE TABLE assets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tag text NOT NULL UNIQUE,
  type text NOT NULL,
  manufacturer text NOT NULL,
  model text NOT NULL,
  serial text NOT NULL,
  user_name text NOT NULL,
  site text NOT NULL,
  room text NOT NULL,
  os text NOT NULL,
  os_version text NOT NULL,
  ip text NOT NULL,
  mac text NOT NULL,
  purchase_date text,
  warranty_end text,
  status text NOT NULL,
  notes text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  version bigint NOT NULL
);
CREATE UNIQUE INDEX assets_by_serial ON assets (serial) WHERE serial <> '';

CREATE TABLE asset_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  asset_id bigint NOT NULL REFERENCES assets (id),
  at bigint NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL,
  field text NOT NULL,
  old_value text NOT NULL,
  new_value text NOT NULL,
  note text NOT NULL
);
CREATE INDEX asset_events_by_asset ON asset_events (asset_id, id);
CREATE TRIGGER asset_events_append_only BEFORE UPDATE OR DELETE ON asset_events
  FOR EACH ROW EXECUTE FUNCTION diagdesk_append_only();
CREATE TRIGGER asset_events_no_truncate BEFORE TRUNCATE ON asset_events
  FOR EACH STATEMENT EXECUTE FUNCTION diagdesk_append_only();
)SQL",

    // 2: problem records with their events and links to incidents (SQLite
    // migration 4), and quotes with their lines and events (SQLite migration
    // 6). Numbers come from counters (prefixes PRB and DEV) like tickets'.
    // Both histories are append-only for everyone, as the ticket events.
    R"SQL(
CREATE TABLE problems (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE,
  title text NOT NULL,
  description text NOT NULL,
  status text NOT NULL,
  root_cause text NOT NULL,
  workaround text NOT NULL,
  solution text NOT NULL,
  error_codes text NOT NULL,
  tree text NOT NULL,
  conclusion text NOT NULL,
  asset_model text NOT NULL,
  owner text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  version bigint NOT NULL
);
CREATE INDEX problems_by_status ON problems (status, id);

CREATE TABLE problem_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  problem_id bigint NOT NULL REFERENCES problems (id),
  at bigint NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL,
  field text NOT NULL,
  old_value text NOT NULL,
  new_value text NOT NULL,
  note text NOT NULL
);
CREATE INDEX problem_events_by_problem ON problem_events (problem_id, id);
CREATE TRIGGER problem_events_append_only BEFORE UPDATE OR DELETE ON problem_events
  FOR EACH ROW EXECUTE FUNCTION diagdesk_append_only();
CREATE TRIGGER problem_events_no_truncate BEFORE TRUNCATE ON problem_events
  FOR EACH STATEMENT EXECUTE FUNCTION diagdesk_append_only();

CREATE TABLE problem_links (
  problem_id bigint NOT NULL REFERENCES problems (id),
  ticket_id bigint NOT NULL UNIQUE REFERENCES tickets (id),
  linked_at bigint NOT NULL,
  actor text NOT NULL,
  PRIMARY KEY (problem_id, ticket_id)
);

CREATE TABLE quotes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE,
  year integer NOT NULL,
  issued_on text NOT NULL,
  validity_days integer NOT NULL,
  customer_name text NOT NULL,
  customer_address text NOT NULL,
  customer_email text NOT NULL,
  customer_phone text NOT NULL,
  language text NOT NULL,
  ticket_number text NOT NULL,
  request_number text NOT NULL,
  currency text NOT NULL,
  payment_terms text NOT NULL,
  found text NOT NULL,
  duration_hundredths bigint NOT NULL,
  status text NOT NULL,
  operator text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  version bigint NOT NULL
);
CREATE INDEX quotes_by_status ON quotes (status, id);
CREATE INDEX quotes_by_ticket ON quotes (ticket_number);

CREATE TABLE quote_lines (
  quote_id bigint NOT NULL REFERENCES quotes (id),
  position integer NOT NULL,
  ref text NOT NULL,
  label text NOT NULL,
  unit text NOT NULL,
  quantity bigint NOT NULL,
  unit_price bigint NOT NULL,
  discount bigint NOT NULL,
  vat_rate bigint NOT NULL,
  PRIMARY KEY (quote_id, position)
);

CREATE TABLE quote_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  quote_id bigint NOT NULL REFERENCES quotes (id),
  at bigint NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL,
  old_value text NOT NULL,
  new_value text NOT NULL,
  note text NOT NULL
);
CREATE INDEX quote_events_by_quote ON quote_events (quote_id, id);
CREATE TRIGGER quote_events_append_only BEFORE UPDATE OR DELETE ON quote_events
  FOR EACH ROW EXECUTE FUNCTION diagdesk_append_only();
CREATE TRIGGER quote_events_no_truncate BEFORE TRUNCATE ON quote_events
  FOR EACH STATEMENT EXECUTE FUNCTION diagdesk_append_only();
)SQL",
};
