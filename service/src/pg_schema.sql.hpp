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
};
