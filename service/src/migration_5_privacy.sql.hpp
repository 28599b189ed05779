// Migration 5: the erasure path. Included inside the migrations array of
// sqlite_migrations.hpp: this file holds one string literal and nothing else.
// privacy_secret: the random key of the pseudonyms (privacy.cpp), made once
// here, so a pseudonym is stable per person but not derivable from the name
// without the database. privacy_erasure_in_progress: empty except inside an
// erasure's own transaction (privacy.cpp inserts a row, then deletes it
// before the commit), the only time events may be updated, and then only
// their actor, values and note. Deletes stay refused. privacy_erasures: the
// append-only log of erasures, never holding the name erased.
R"SQL(
CREATE TABLE privacy_secret (key BLOB NOT NULL);
INSERT INTO privacy_secret (key) VALUES (randomblob(16));
CREATE TABLE privacy_erasure_in_progress (started_at INTEGER NOT NULL);
CREATE TABLE privacy_erasures (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  pseudonym TEXT NOT NULL,
  scope TEXT NOT NULL,
  changes TEXT NOT NULL
);
CREATE TRIGGER privacy_erasures_no_update BEFORE UPDATE ON privacy_erasures BEGIN SELECT RAISE(ABORT, 'the erasure log is append-only'); END;
CREATE TRIGGER privacy_erasures_no_delete BEFORE DELETE ON privacy_erasures BEGIN SELECT RAISE(ABORT, 'the erasure log is append-only'); END;
DROP TRIGGER events_no_update;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN NOT EXISTS (SELECT 1 FROM privacy_erasure_in_progress)
  OR NEW.id IS NOT OLD.id OR NEW.ticket_id IS NOT OLD.ticket_id OR NEW.at IS NOT OLD.at
  OR NEW.kind IS NOT OLD.kind OR NEW.field IS NOT OLD.field
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
DROP TRIGGER asset_events_no_update;
CREATE TRIGGER asset_events_no_update BEFORE UPDATE ON asset_events
WHEN NOT EXISTS (SELECT 1 FROM privacy_erasure_in_progress)
  OR NEW.id IS NOT OLD.id OR NEW.asset_id IS NOT OLD.asset_id OR NEW.at IS NOT OLD.at
  OR NEW.kind IS NOT OLD.kind OR NEW.field IS NOT OLD.field
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
)SQL"
