// The SQLite store of tickets and their history.
//
// [SECTION] Statements and errors
// [SECTION] Schema and migrations
// [SECTION] Opening
// [SECTION] Tickets: reading
// [SECTION] Tickets: writing
// [SECTION] Backup and integrity check
#include <diagdesk/service/sqlite_store.hpp>

#include "sqlite_internal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace diagdesk::service {

namespace fs = std::filesystem;

std::string_view name(StoreError e) {
  switch (e) {
    case StoreError::none: return "none";
    case StoreError::not_found: return "not_found";
    case StoreError::stale: return "stale";
    case StoreError::corrupt: return "corrupt";
    case StoreError::read_only: return "read_only";
    case StoreError::locked: return "locked";
    case StoreError::full: return "full";
    case StoreError::too_new: return "too_new";
    case StoreError::duplicate: return "duplicate";
    case StoreError::io: return "io";
    case StoreError::denied: return "denied";
    case StoreError::unreachable: return "unreachable";
  }
  return "?";
}

// [SECTION] Statements and errors: sqlite_internal.hpp, shared with sqlite_assets.cpp ----

using namespace sqlite_detail;

namespace {

// [SECTION] Schema and migrations -------------------------------------------------------

#include "sqlite_migrations.hpp"
constexpr int schema_count = static_cast<int>(sizeof migrations / sizeof migrations[0]);

}  // namespace

int latest_schema_version() { return schema_count; }

// [SECTION] Opening ----------------------------------------------------------------------

namespace {

/// The file's schema version: 0 for an empty database, -1 for a database
/// that is not ours (tables, but no schema_version), or an SQLite error.
int read_schema(sqlite3* db, StoreStatus& status) {
  Stmt tables(db, "SELECT count(*) FROM sqlite_master");
  int rc = tables.step();
  if (rc != SQLITE_ROW) {
    status = from_sqlite(rc, db, "cannot read the database");
    return -2;
  }
  if (tables.integer(0) == 0) return 0;
  Stmt has(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
  if (has.step() != SQLITE_ROW || has.integer(0) == 0) return -1;
  Stmt version(db, "SELECT version FROM schema_version");
  rc = version.step();
  if (rc != SQLITE_ROW) {
    status = from_sqlite(rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, db, "cannot read the schema version");
    return -2;
  }
  return static_cast<int>(version.integer(0));
}

/// False when `p` (a file or a folder) has no write bit at all.
bool writable(const fs::path& p) {
  std::error_code ec;
  const auto perms = fs::status(p, ec).permissions();
  if (ec) return true;
  return (perms & (fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write)) != fs::perms::none;
}

fs::path folder_of(const fs::path& file) { return file.parent_path().empty() ? fs::path(".") : file.parent_path(); }

}  // namespace

SqliteStore::SqliteStore(sqlite3* db, std::string path, bool read_only, int schema)
    : m_db(db), m_path(std::move(path)), m_read_only(read_only), m_schema(schema) {}

StoreStatus SqliteStore::fault(int rc, const std::string& what) const { return from_sqlite(rc, m_db, m_path + ": " + what); }

SqliteStore::~SqliteStore() {
  forget_statements(m_db);
  sqlite3_close_v2(m_db);
}

std::unique_ptr<SqliteStore> SqliteStore::open(const fs::path& file, OpenOptions options, StoreStatus& status) {
  status = {};
  const int target = options.migrate_to > 0 && options.migrate_to < schema_count ? options.migrate_to : schema_count;
  std::error_code ec;
  // A symbolic link could point anywhere (another user's file, /dev/...):
  // refuse it rather than write through it, and so a folder or a device.
  const auto kind = fs::symlink_status(file, ec).type();
  if (kind == fs::file_type::symlink) {
    status = {StoreError::io, file.string() + ": is a symbolic link; Diagdesk does not open a database through one "
                                              "(give the real file's path)"};
    return nullptr;
  }
  if (kind != fs::file_type::not_found && kind != fs::file_type::regular && kind != fs::file_type::none) {
    status = {StoreError::io, file.string() + ": is not a regular file (a folder or a device)"};
    return nullptr;
  }
  const bool exists = kind == fs::file_type::regular;
  // Root writes through any permission: a file or a folder with no write bit
  // is taken as meant to be read only, whoever runs us.
  const bool folder_read_only = exists && !writable(folder_of(file));
  const bool read_only = options.read_only || (exists && (!writable(file) || folder_read_only));
  if (!exists) {
    if (read_only) {
      status = {StoreError::read_only, file.string() + ": no database there, and it is opened read only"};
      return nullptr;
    }
    fs::create_directories(file.parent_path(), ec);
    // Tickets hold callers' names and phones: owner only. SQLite gives the
    // -wal and -shm files the mode of the database file.
    const int fd = ::open(file.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
  }
  sqlite3* db = nullptr;
  const int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(file.c_str(), &db, flags | SQLITE_OPEN_FULLMUTEX, nullptr);
  auto fail = [&](StoreStatus s) {
    status = std::move(s);
    status.detail = file.string() + ": " + status.detail;
    sqlite3_close_v2(db);
    return std::unique_ptr<SqliteStore>();
  };
  if (rc != SQLITE_OK) return fail(from_sqlite(rc, db, "cannot open"));
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);

  StoreStatus read_status;
  const int version = read_schema(db, read_status);
  if (version == -2 && folder_read_only && read_status.error == StoreError::read_only) {
    // In WAL mode even a reader needs the -shm file beside the database.
    return fail({StoreError::read_only, "its folder cannot be written, and SQLite must create " +
                                            file.filename().string() + "-shm there even to read it "
                                            "(make the folder writable, or copy the file elsewhere)"});
  }
  if (version == -2) return fail(read_status);
  if (version == -1) return fail({StoreError::corrupt, "not a Diagdesk service database (no schema_version table)"});
  if (version > schema_count) {
    return fail({StoreError::too_new, "made by a newer Diagdesk (schema " + std::to_string(version) +
                                          "; this one knows up to " + std::to_string(schema_count) + ")"});
  }
  if (!read_only) {
    // WAL: readers never block the writer. synchronous = FULL: every commit
    // is fsynced before it is reported, so a ticket reported saved survives
    // a kill -9 and a power loss (NORMAL in WAL survives a kill -9 too, but
    // can lose the last commits on power loss; tickets are few and small).
    Stmt wal(db, "PRAGMA journal_mode = WAL");
    rc = wal.step();
    if (rc != SQLITE_ROW) return fail(from_sqlite(rc, db, "cannot switch to WAL"));
    exec(db, "PRAGMA synchronous = FULL");
  }
  exec(db, "PRAGMA foreign_keys = ON");
  if (options.max_page_count > 0) {
    exec(db, ("PRAGMA max_page_count = " + std::to_string(options.max_page_count)).c_str());
  }
  int schema = version;
  if (schema < target) {
    if (read_only) {
      return fail({StoreError::read_only, "the database needs an upgrade (schema " + std::to_string(schema) + " to " +
                                              std::to_string(target) + ") but is read only"});
    }
    for (int next = schema + 1; next <= target; ++next) {
      Transaction tx(db);
      if (tx.begin_rc() != SQLITE_OK) return fail(from_sqlite(tx.begin_rc(), db, "cannot start the upgrade"));
      rc = exec(db, migrations[next - 1]);
      if (rc != SQLITE_OK) return fail(from_sqlite(rc, db, "upgrade to schema " + std::to_string(next) + " failed"));
      Stmt set(db, "UPDATE schema_version SET version = ?");
      rc = set.bind(1, static_cast<std::int64_t>(next)).step();
      if (rc != SQLITE_DONE) return fail(from_sqlite(rc, db, "cannot record schema " + std::to_string(next)));
      rc = tx.commit();
      if (rc != SQLITE_OK) return fail(from_sqlite(rc, db, "upgrade to schema " + std::to_string(next) + " failed"));
      schema = next;
    }
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(db, file.string(), read_only, schema));
}

// [SECTION] Tickets: reading -------------------------------------------------------------

namespace {

const char* const ticket_columns =
    "id, number, type, title, description, caller_name, caller_phone, caller_email, caller_site, category, impact, "
    "urgency, priority, status, operator, level, asset_tag, created_at, updated_at, taken_at, resolved_at, closed_at, "
    "solution, version";

Ticket read_ticket(const Stmt& s) {
  Ticket t;
  t.id = s.integer(0);
  t.number = s.text(1);
  t.type = parse_ticket_type(s.text(2)).value_or(TicketType::incident);
  t.title = s.text(3);
  t.description = s.text(4);
  t.caller_name = s.text(5);
  t.caller_phone = s.text(6);
  t.caller_email = s.text(7);
  t.caller_site = s.text(8);
  t.category = s.text(9);
  t.impact = parse_grade(s.text(10)).value_or(Grade::medium);
  t.urgency = parse_grade(s.text(11)).value_or(Grade::medium);
  t.priority = static_cast<int>(s.integer(12));
  t.status = parse_status(s.text(13)).value_or(Status::new_);
  t.operator_name = s.text(14);
  t.level = parse_level(std::to_string(s.integer(15))).value_or(SupportLevel::n1);
  t.asset_tag = s.text(16);
  t.created_at = s.integer(17);
  t.updated_at = s.integer(18);
  t.taken_at = s.maybe(19);
  t.resolved_at = s.maybe(20);
  t.closed_at = s.maybe(21);
  t.solution = s.text(22);
  t.version = s.integer(23);
  return t;
}

}  // namespace

StoreStatus SqliteStore::get(std::string_view number, Ticket& out) {
  Stmt s(m_db, (std::string("SELECT ") + ticket_columns + " FROM tickets WHERE number = ?").c_str());
  const int rc = s.bind(1, std::string(number)).step();
  if (rc == SQLITE_DONE) return {StoreError::not_found, "no ticket " + std::string(number)};
  if (rc != SQLITE_ROW) return fault(rc, "cannot read ticket " + std::string(number));
  out = read_ticket(s);
  if (m_schema >= 2) {
    Stmt sessions(m_db, "SELECT session FROM ticket_sessions WHERE ticket_id = ? ORDER BY position");
    sessions.bind(1, out.id);
    int r;
    while ((r = sessions.step()) == SQLITE_ROW) out.sessions.push_back(sessions.text(0));
    if (r != SQLITE_DONE) return fault(r, "cannot read the sessions of " + out.number);
  }
  return {};
}

StoreStatus SqliteStore::list(const TicketFilter& f, std::vector<Ticket>& out) {
  std::string sql = std::string("SELECT ") + ticket_columns + " FROM tickets WHERE 1 = 1";
  if (f.status) sql += " AND status = ?";
  if (f.priority) sql += " AND priority = ?";
  if (f.operator_name) sql += " AND operator = ?";
  if (f.type) sql += " AND type = ?";
  if (f.asset_tag) sql += " AND asset_tag = ?";
  sql += " ORDER BY priority, created_at, id";
  Stmt s(m_db, sql.c_str());
  int i = 0;
  if (f.status) s.bind(++i, std::string(name(*f.status)));
  if (f.priority) s.bind(++i, static_cast<std::int64_t>(*f.priority));
  if (f.operator_name) s.bind(++i, *f.operator_name);
  if (f.type) s.bind(++i, std::string(name(*f.type)));
  if (f.asset_tag) s.bind(++i, *f.asset_tag);
  out.clear();
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_ticket(s));
  if (rc != SQLITE_DONE) return fault(rc, "cannot list tickets");
  return {};
}

StoreStatus SqliteStore::history(std::int64_t ticket_id, std::vector<Event>& out) {
  Stmt s(m_db, "SELECT id, ticket_id, at, actor, kind, field, old_value, new_value, note FROM events "
               "WHERE ticket_id = ? ORDER BY id");
  s.bind(1, ticket_id);
  out.clear();
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    Event e;
    e.id = s.integer(0);
    e.ticket_id = s.integer(1);
    e.at = s.integer(2);
    e.actor = s.text(3);
    e.kind = parse_event_kind(s.text(4)).value_or(EventKind::note);
    e.field = s.text(5);
    e.old_value = s.text(6);
    e.new_value = s.text(7);
    e.note = s.text(8);
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return fault(rc, "cannot read the history");
  return {};
}

// [SECTION] Tickets: writing -------------------------------------------------------------

namespace {

/// Binds the ticket's fields 1..22 in the order of the INSERT and UPDATE below.
void bind_fields(Stmt& s, const Ticket& t) {
  s.bind(1, std::string(name(t.type)))
      .bind(2, t.title)
      .bind(3, t.description)
      .bind(4, t.caller_name)
      .bind(5, t.caller_phone)
      .bind(6, t.caller_email)
      .bind(7, t.caller_site)
      .bind(8, t.category)
      .bind(9, std::string(name(t.impact)))
      .bind(10, std::string(name(t.urgency)))
      .bind(11, static_cast<std::int64_t>(t.priority))
      .bind(12, std::string(name(t.status)))
      .bind(13, t.operator_name)
      .bind(14, static_cast<std::int64_t>(t.level))
      .bind(15, t.asset_tag)
      .bind(16, t.created_at)
      .bind(17, t.updated_at)
      .bind(18, t.taken_at)
      .bind(19, t.resolved_at)
      .bind(20, t.closed_at)
      .bind(21, t.solution);
}

int insert_events(sqlite3* db, std::int64_t ticket_id, std::vector<Event>& events) {
  for (Event& e : events) {
    Stmt s(db, "INSERT INTO events (ticket_id, at, actor, kind, field, old_value, new_value, note) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, ticket_id).bind(2, e.at).bind(3, e.actor).bind(4, std::string(name(e.kind)));
    s.bind(5, e.field).bind(6, e.old_value).bind(7, e.new_value).bind(8, e.note);
    const int rc = s.step();
    if (rc != SQLITE_DONE) return rc;
    e.ticket_id = ticket_id;
    e.id = sqlite3_last_insert_rowid(db);
  }
  return SQLITE_OK;
}

int write_sessions(sqlite3* db, int schema, const Ticket& t) {
  if (schema < 2) return SQLITE_OK;  // schema 1 had no sessions table
  Stmt clear(db, "DELETE FROM ticket_sessions WHERE ticket_id = ?");
  int rc = clear.bind(1, t.id).step();
  if (rc != SQLITE_DONE) return rc;
  for (std::size_t i = 0; i < t.sessions.size(); ++i) {
    Stmt s(db, "INSERT INTO ticket_sessions (ticket_id, position, session) VALUES (?, ?, ?)");
    rc = s.bind(1, t.id).bind(2, static_cast<std::int64_t>(i)).bind(3, t.sessions[i]).step();
    if (rc != SQLITE_DONE) return rc;
  }
  return SQLITE_OK;
}

}  // namespace

StoreStatus SqliteStore::create(Ticket& ticket, int year, std::vector<Event>& events) {
  if (m_read_only) return {StoreError::read_only, m_path + ": " + read_only_why};
  Transaction tx(m_db);
  if (tx.begin_rc() != SQLITE_OK) return fault(tx.begin_rc(), "cannot start a change");
  const std::string prefix(number_prefix(ticket.type));
  std::int64_t sequence = 1;
  {
    Stmt last(m_db, "SELECT last FROM counters WHERE prefix = ? AND year = ?");
    const int rc = last.bind(1, prefix).bind(2, static_cast<std::int64_t>(year)).step();
    if (rc == SQLITE_ROW) sequence = last.integer(0) + 1;
    else if (rc != SQLITE_DONE) return fault(rc, "cannot number the ticket");
    Stmt save(m_db, rc == SQLITE_ROW ? "UPDATE counters SET last = ? WHERE prefix = ? AND year = ?"
                                     : "INSERT INTO counters (last, prefix, year) VALUES (?, ?, ?)");
    const int rc2 = save.bind(1, sequence).bind(2, prefix).bind(3, static_cast<std::int64_t>(year)).step();
    if (rc2 != SQLITE_DONE) return fault(rc2, "cannot number the ticket");
  }
  Ticket t = ticket;
  t.number = format_number(t.type, year, sequence);
  t.version = 1;
  Stmt insert(m_db,
              "INSERT INTO tickets (type, title, description, caller_name, caller_phone, caller_email, caller_site, "
              "category, impact, urgency, priority, status, operator, level, asset_tag, created_at, updated_at, "
              "taken_at, resolved_at, closed_at, solution, number, version) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_fields(insert, t);
  insert.bind(22, t.number).bind(23, t.version);
  int rc = insert.step();
  if (rc != SQLITE_DONE) return fault(rc, "cannot save the ticket");
  t.id = sqlite3_last_insert_rowid(m_db);
  std::vector<Event> saved = events;
  if ((rc = insert_events(m_db, t.id, saved)) != SQLITE_OK) return fault(rc, "cannot save the history");
  if ((rc = write_sessions(m_db, m_schema, t)) != SQLITE_OK) return fault(rc, "cannot save the sessions");
  if ((rc = tx.commit()) != SQLITE_OK) return fault(rc, "cannot save the ticket");
  ticket = std::move(t);
  events = std::move(saved);
  return {};
}

StoreStatus SqliteStore::update(Ticket& ticket, std::vector<Event>& events) {
  if (m_read_only) return {StoreError::read_only, m_path + ": " + read_only_why};
  Transaction tx(m_db);
  if (tx.begin_rc() != SQLITE_OK) return fault(tx.begin_rc(), "cannot start a change");
  Stmt upd(m_db,
           "UPDATE tickets SET type = ?, title = ?, description = ?, caller_name = ?, caller_phone = ?, "
           "caller_email = ?, caller_site = ?, category = ?, impact = ?, urgency = ?, priority = ?, status = ?, "
           "operator = ?, level = ?, asset_tag = ?, created_at = ?, updated_at = ?, taken_at = ?, resolved_at = ?, "
           "closed_at = ?, solution = ?, version = version + 1 WHERE id = ? AND version = ?");
  bind_fields(upd, ticket);
  upd.bind(22, ticket.id).bind(23, ticket.version);
  int rc = upd.step();
  if (rc != SQLITE_DONE) return fault(rc, "cannot save " + ticket.number);
  if (sqlite3_changes(m_db) == 0) {
    Stmt now(m_db, "SELECT version FROM tickets WHERE id = ?");
    if (now.bind(1, ticket.id).step() != SQLITE_ROW) return {StoreError::not_found, "no ticket " + ticket.number};
    return {StoreError::stale, ticket.number + " was changed by someone else since it was read (saved version " +
                                   std::to_string(now.integer(0)) + ", this copy is version " +
                                   std::to_string(ticket.version) + "): show it again, then redo the change"};
  }
  std::vector<Event> saved = events;
  if ((rc = insert_events(m_db, ticket.id, saved)) != SQLITE_OK) return fault(rc, "cannot save the history");
  if ((rc = write_sessions(m_db, m_schema, ticket)) != SQLITE_OK) return fault(rc, "cannot save the sessions");
  if ((rc = tx.commit()) != SQLITE_OK) return fault(rc, "cannot save " + ticket.number);
  ++ticket.version;
  events = std::move(saved);
  return {};
}

// [SECTION] Backup and integrity check ----------------------------------------------------

namespace {

StoreStatus from_errno(int err, const std::string& what) {
  const StoreError e = err == EACCES || err == EPERM || err == EROFS ? StoreError::read_only
                       : err == ENOSPC || err == EDQUOT                ? StoreError::full
                                                                       : StoreError::io;
  return {e, what + ": " + std::strerror(err)};
}

}  // namespace

BackupRefusal SqliteStore::backup_refusal(const fs::path& target) const {
  std::error_code ec;
  const auto kind = fs::symlink_status(target, ec).type();
  if (kind == fs::file_type::symlink) return BackupRefusal::symbolic_link;
  if (kind != fs::file_type::not_found && kind != fs::file_type::regular && kind != fs::file_type::none)
    return BackupRefusal::not_a_file;
  const char* live = sqlite3_db_filename(m_db, "main");
  if (kind == fs::file_type::regular && live && *live && fs::equivalent(target, live, ec))
    return BackupRefusal::the_database;
  if (!fs::is_directory(folder_of(target), ec)) return BackupRefusal::no_folder;
  return BackupRefusal::none;
}

StoreStatus SqliteStore::backup(const fs::path& target, std::int64_t* tickets) {
  const char* const why[] = {"", "is a symbolic link; a backup is never written through one (give the real file's path)",
                             "is a folder or a device, not a file (give a file name)",
                             "is the database itself (give another file)", "its folder does not exist"};
  if (const BackupRefusal r = backup_refusal(target); r != BackupRefusal::none)
    return {StoreError::io, target.string() + ": " + why[static_cast<int>(r)]};
  // Into a temporary file beside the target, renamed at the end: a failed
  // backup never leaves a half-written copy where the old one was. mkstemp
  // makes it exclusively (never an existing file or a link planted there) and
  // owner-only, like the database: a backup holds the same callers' data.
  const fs::path folder = folder_of(target);
  std::string name = (folder / (target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return from_errno(errno, target.string() + ": cannot create a file in " + folder.string());
  ::close(fd);
  const fs::path tmp = name;
  std::error_code ec;
  auto failed = [&](StoreStatus s, sqlite3* dest) {
    sqlite3_close_v2(dest);
    for (const char* extra : {"", "-journal", "-wal", "-shm"}) fs::remove(tmp.string() + extra, ec);
    s.detail = target.string() + ": " + s.detail;
    return s;
  };
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(tmp.c_str(), &dest, SQLITE_OPEN_READWRITE, nullptr);
  if (rc != SQLITE_OK) return failed(from_sqlite(rc, dest, "cannot write the copy"), dest);
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", m_db, "main");
  if (!b) return failed(from_sqlite(sqlite3_errcode(dest), dest, "cannot start the backup"), dest);
  // In WAL mode the source is only busy while a writer checkpoints or
  // recovers; give up after about 5 s rather than loop forever.
  int busy_rounds = 0;
  do {
    rc = sqlite3_backup_step(b, 256);
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy_rounds <= 250) sqlite3_sleep(20);
    else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) break;
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return failed(from_sqlite(rc, dest, "backup failed"), dest);
  // The copy is a single self-contained file (rollback journal, no -wal
  // beside it); open() turns WAL back on when it is restored.
  exec(dest, "PRAGMA journal_mode = DELETE");
  if (tickets) {
    Stmt count(dest, "SELECT count(*) FROM tickets");
    rc = count.step();
    if (rc != SQLITE_ROW) return failed(from_sqlite(rc, dest, "cannot count the copied tickets"), dest);
    *tickets = count.integer(0);
  }
  rc = sqlite3_close(dest);
  if (rc != SQLITE_OK) return failed(from_sqlite(rc, nullptr, "cannot finish the copy"), nullptr);
  fs::rename(tmp, target, ec);
  if (ec) {
    const int err = ec.value();
    fs::remove(tmp, ec);
    return from_errno(err, target.string() + ": cannot put the copy in place");
  }
  return {};
}

StoreStatus SqliteStore::begin_batch() {
  if (sqlite3_get_autocommit(m_db) == 0) return {StoreError::io, m_path + ": a batch is already open"};
  const int rc = exec(m_db, "BEGIN IMMEDIATE");
  return rc == SQLITE_OK ? StoreStatus{} : fault(rc, "cannot start the batch");
}

StoreStatus SqliteStore::commit_batch() {
  if (sqlite3_get_autocommit(m_db) != 0) return {StoreError::io, m_path + ": no batch is open"};
  const int rc = exec(m_db, "COMMIT");
  if (rc == SQLITE_OK) return {};
  const StoreStatus s = fault(rc, "cannot save the batch (nothing of it was saved)");
  exec(m_db, "ROLLBACK");
  return s;
}

void SqliteStore::rollback_batch() {
  if (sqlite3_get_autocommit(m_db) == 0) exec(m_db, "ROLLBACK");
}

StoreStatus SqliteStore::check(std::vector<std::string>& findings) {
  findings.clear();
  Stmt s(m_db, "PRAGMA integrity_check");
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    const std::string line = s.text(0);
    if (line != "ok") findings.push_back(line);
  }
  if (rc != SQLITE_DONE) return fault(rc, "integrity check failed");
  Stmt fk(m_db, "PRAGMA foreign_key_check");
  while ((rc = fk.step()) == SQLITE_ROW) findings.push_back("foreign key broken in table " + fk.text(0));
  if (rc != SQLITE_DONE) return fault(rc, "foreign key check failed");
  return {};
}

}  // namespace diagdesk::service
