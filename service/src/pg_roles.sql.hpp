#pragma once
// The team server's roles and what each may do (`diagdesk team init`,
// pg_team.cpp; docs/team.md explains them). Run by the database owner after
// the schema (pg_schema.sql.hpp); safe to run again (after an upgrade: new
// tables get their grants). Included by pg_team.cpp only.
//
// Four group roles, NOLOGIN; a person's login is a member of one
// (`diagdesk team add-user NAME --role ROLE`). The server enforces:
//   operator    creates and updates tickets, assets, problems and quotes, adds events; never
//               deletes a ticket, never changes or deletes an event; does not
//               see training tickets.
//   supervisor  the same, and sees every ticket, training ones included
//               (the dashboard of everyone).
//   trainee     sees and changes only training tickets (a ticket opened by a
//               trainee is one: tickets.training's default); reads assets;
//               no problems, no quotes.
//   author      the knowledge base's files and index live outside the
//               database (docs/team.md): no right on tickets, assets or
//               quotes; reads problems (known errors become articles).
// Events are append-only for everyone, the owner included (triggers of the
// schema). The owner (who ran `team init`) is not restricted by row security.

const char* const pg_roles_sql = R"SQL(
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['diagdesk_operator', 'diagdesk_supervisor', 'diagdesk_author', 'diagdesk_trainee'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO diagdesk_operator, diagdesk_supervisor, diagdesk_author, diagdesk_trainee;
GRANT SELECT ON schema_version TO diagdesk_operator, diagdesk_supervisor, diagdesk_author, diagdesk_trainee;

GRANT SELECT, INSERT, UPDATE ON tickets, counters TO diagdesk_operator, diagdesk_supervisor, diagdesk_trainee;
GRANT SELECT, INSERT ON events TO diagdesk_operator, diagdesk_supervisor, diagdesk_trainee;
GRANT SELECT, INSERT, DELETE ON ticket_sessions TO diagdesk_operator, diagdesk_supervisor, diagdesk_trainee;
GRANT SELECT, INSERT, UPDATE ON assets TO diagdesk_operator, diagdesk_supervisor;
GRANT SELECT, INSERT ON asset_events TO diagdesk_operator, diagdesk_supervisor;
GRANT SELECT ON assets, asset_events TO diagdesk_trainee;
-- Problems (schema 2): operators and supervisors run them; authors read them
-- (a known error's workaround becomes an article); trainees do not see them.
GRANT SELECT, INSERT, UPDATE ON problems TO diagdesk_operator, diagdesk_supervisor;
GRANT SELECT, INSERT ON problem_events TO diagdesk_operator, diagdesk_supervisor;
GRANT SELECT, INSERT, DELETE ON problem_links TO diagdesk_operator, diagdesk_supervisor;
GRANT SELECT ON problems, problem_events, problem_links TO diagdesk_author;
-- Quotes (schema 2) hold customers' personal data: operators and supervisors
-- only; a quote is never deleted, its events never changed.
GRANT SELECT, INSERT, UPDATE ON quotes TO diagdesk_operator, diagdesk_supervisor;
GRANT SELECT, INSERT, DELETE ON quote_lines TO diagdesk_operator, diagdesk_supervisor;
GRANT SELECT, INSERT ON quote_events TO diagdesk_operator, diagdesk_supervisor;

ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_sessions ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS tickets_operator ON tickets;
DROP POLICY IF EXISTS tickets_supervisor ON tickets;
DROP POLICY IF EXISTS tickets_trainee ON tickets;
DROP POLICY IF EXISTS events_of_visible_tickets ON events;
DROP POLICY IF EXISTS sessions_of_visible_tickets ON ticket_sessions;
CREATE POLICY tickets_operator ON tickets TO diagdesk_operator USING (NOT training) WITH CHECK (NOT training);
CREATE POLICY tickets_supervisor ON tickets TO diagdesk_supervisor USING (true) WITH CHECK (true);
CREATE POLICY tickets_trainee ON tickets TO diagdesk_trainee USING (training) WITH CHECK (training);
-- A ticket's events and sessions are seen (and added) by whoever sees the
-- ticket: the subquery is itself filtered by the tickets' policies.
CREATE POLICY events_of_visible_tickets ON events
  USING (EXISTS (SELECT 1 FROM tickets t WHERE t.id = events.ticket_id))
  WITH CHECK (EXISTS (SELECT 1 FROM tickets t WHERE t.id = events.ticket_id));
CREATE POLICY sessions_of_visible_tickets ON ticket_sessions
  USING (EXISTS (SELECT 1 FROM tickets t WHERE t.id = ticket_sessions.ticket_id))
  WITH CHECK (EXISTS (SELECT 1 FROM tickets t WHERE t.id = ticket_sessions.ticket_id));
-- A link to an incident is seen by whoever sees the incident: an operator's
-- problem view never names a training ticket.
ALTER TABLE problem_links ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS links_of_visible_tickets ON problem_links;
CREATE POLICY links_of_visible_tickets ON problem_links
  USING (EXISTS (SELECT 1 FROM tickets t WHERE t.id = problem_links.ticket_id))
  WITH CHECK (EXISTS (SELECT 1 FROM tickets t WHERE t.id = problem_links.ticket_id));
)SQL";
