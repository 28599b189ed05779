// Migration 4: problems and problem_links. Included inside the migrations array of
// sqlite_migrations.hpp: this file holds one string literal and nothing else.
// Problem numbers PRB-YYYY-NNNNNN come from the `counters` table (prefix
// 'PRB'), moved in the problem's own transaction. problem_events is
// append-only like the ticket events; problem_links holds the current links
// (an incident in at most one problem: ticket_id is UNIQUE), and each link or
// unlink is also an event on the problem and on the ticket. error_codes is
// one code per line.
R"SQL(
CREATE TABLE problems (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL,
  root_cause TEXT NOT NULL,
  workaround TEXT NOT NULL,
  solution TEXT NOT NULL,
  error_codes TEXT NOT NULL,
  tree TEXT NOT NULL,
  conclusion TEXT NOT NULL,
  asset_model TEXT NOT NULL,
  owner TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX problems_by_status ON problems(status, id);
CREATE TABLE problem_events (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX problem_events_by_problem ON problem_events(problem_id, id);
CREATE TABLE problem_links (
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets(id),
  linked_at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (problem_id, ticket_id)
);
CREATE TRIGGER problem_events_no_update BEFORE UPDATE ON problem_events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER problem_events_no_delete BEFORE DELETE ON problem_events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
)SQL"
