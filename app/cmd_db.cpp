// diagdesk db backup FILE | check | migrate --to CONNECTION: the ticket
// database (<data dir>/service.sqlite); migrate copies it to the team server
// (PostgreSQL, docs/team.md).
// Neither loads the knowledge base: they only need the data directory.
// Exit codes (docs/service.md, "Storage"): 0 fine; 1 the database is missing,
// damaged, locked, read-only, full or too new, or the check found problems;
// 2 a bad command line, or a backup FILE that is refused (a symbolic link, a
// folder or a device, the database itself, a missing folder).
#include "cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/training_sim.hpp>
#include <diagdesk/service/pg_store.hpp>
#include <diagdesk/service/pg_team.hpp>
#include <diagdesk/service/sqlite_store.hpp>

#include <iostream>

namespace diagdesk::cli {

namespace {

namespace fs = std::filesystem;
using engine::Lang;
using engine::tr;
using nlohmann::json;

/// The string `key` in `lang` with {1}, {2}... replaced by `args`.
std::string say(const std::string& key, Lang lang, const std::vector<std::string>& args = {}) {
  return engine::format_text(tr(key, lang), args);
}

/// <data dir>/service.sqlite, the file workspace::ServiceDesk opens
/// (ServiceDesk::database_path needs an open workspace, which would load the
/// knowledge base for nothing; the e2e test checks both find the same file).
fs::path database_path(const Globals& g) {
  workspace::Options o = g.options();
  if (o.data_dir.empty()) o.data_dir = workspace::default_data_dir();
  return o.data_dir / "service.sqlite";
}

/// The store's failure in words: the file, the translated kind, then the
/// store's own detail (English) for the specifics.
std::string store_words(const service::StoreStatus& s, const fs::path& file, Lang lang) {
  std::string detail = s.detail;
  const std::string prefix = file.string() + ": ";
  if (detail.starts_with(prefix)) detail.erase(0, prefix.size());
  return file.string() + tr("punct.colon", lang) + tr("desk.store." + std::string(service::name(s.error)), lang) +
         " (" + detail + ")";
}

/// Prints `fields` as JSON when asked, `line` as the one-line error on
/// stderr, and returns `code`.
int refuse(const Globals& g, json fields, const std::string& line, int code) {
  if (g.json) print_json(fields);
  return fail(line, code);
}

/// Opens the database for `db`: nullptr after printing why (missing: exit 1,
/// nothing created; a bad database: exit 1).
std::unique_ptr<service::SqliteStore> open_existing(const Globals& g, const fs::path& file, json& out, int& code) {
  const Lang lang = g.language();
  out = {{"database", file.string()}};
  std::error_code ec;
  if (fs::symlink_status(file, ec).type() == fs::file_type::not_found) {
    out["status"] = "missing";
    out["message"] = say("db.missing", lang, {file.string()});
    code = refuse(g, out, out["message"], exit_failed);
    return nullptr;
  }
  service::StoreStatus status;
  auto store = service::SqliteStore::open(file, {}, status);
  if (!store) {
    out["status"] = std::string(service::name(status.error));
    out["message"] = store_words(status, file, lang);
    code = refuse(g, out, out["message"], exit_failed);
    return nullptr;
  }
  out["schema"] = store->schema_version();
  return store;
}

/// How many tickets the store holds, or -1 when they cannot be listed.
std::int64_t ticket_count(service::SqliteStore& store) {
  std::vector<service::Ticket> all;
  return store.list({}, all).ok() ? static_cast<std::int64_t>(all.size()) : -1;
}

int run_check(const Globals& g) {
  const Lang lang = g.language();
  const fs::path file = database_path(g);
  json out;
  int code = exit_ok;
  auto store = open_existing(g, file, out, code);
  if (!store) return code;
  std::vector<std::string> findings;
  const service::StoreStatus s = store->check(findings);
  if (!s.ok()) {
    out["status"] = std::string(service::name(s.error));
    out["message"] = store_words(s, file, lang);
    return refuse(g, out, out["message"], exit_failed);
  }
  const std::int64_t tickets = ticket_count(*store);
  if (tickets < 0 && findings.empty()) findings.push_back(say("db.unreadable_tickets", lang));
  out["tickets"] = tickets;
  out["findings"] = findings;
  out["status"] = findings.empty() ? "ok" : "findings";
  out["read_only"] = store->read_only();
  if (g.json) {
    print_json(out);
  } else if (findings.empty()) {
    std::cout << say("db.check_ok", lang, {file.string(), std::to_string(store->schema_version()),
                                           std::to_string(tickets)})
              << '\n';
  } else {
    std::cout << say("db.check_findings", lang, {file.string(), std::to_string(findings.size())}) << '\n';
    const std::size_t shown = std::min<std::size_t>(findings.size(), 50);
    for (std::size_t i = 0; i < shown; ++i) std::cout << "  - " << findings[i] << '\n';
    if (shown < findings.size()) std::cout << "  " << say("db.more", lang, {std::to_string(findings.size() - shown)}) << '\n';
    std::cout << say("db.check_advice", lang) << '\n';
  }
  return findings.empty() ? exit_ok : exit_failed;
}

int run_backup(const Globals& g, const std::string& target_text) {
  const Lang lang = g.language();
  const fs::path file = database_path(g);
  std::error_code ec;
  fs::path target = fs::absolute(target_text, ec);
  if (ec || target_text.empty()) target = target_text;
  json out;
  int code = exit_ok;
  auto store = open_existing(g, file, out, code);
  if (!store) return code;
  out["backup"] = target.string();
  if (const auto r = store->backup_refusal(target); r != service::BackupRefusal::none) {
    const char* keys[] = {"", "db.backup_link", "db.backup_not_file", "db.backup_itself", "db.backup_no_folder"};
    out["status"] = "refused";
    out["message"] = say(keys[static_cast<int>(r)], lang, {target.string()});
    return refuse(g, out, out["message"], exit_usage);
  }
  std::int64_t tickets = 0;
  const service::StoreStatus s = store->backup(target, &tickets);
  if (!s.ok()) {
    out["status"] = std::string(service::name(s.error));
    // The detail names the target; the kinds of desk.store.* speak of the database, not of the copy.
    out["message"] = say("db.backup_failed", lang) + tr("punct.colon", lang) + s.detail;
    return refuse(g, out, out["message"], s.error == service::StoreError::io ? exit_usage : exit_failed);
  }
  out["status"] = "ok";
  out["tickets"] = tickets;
  if (g.json) print_json(out);
  else std::cout << say("db.backup_done", lang, {target.string(), std::to_string(tickets), file.string()}) << '\n';
  return exit_ok;
}

int run_migrate(const Globals& g, const std::string& connection) {
  const Lang lang = g.language();
  const fs::path file = database_path(g);
  json out{{"database", file.string()}, {"server", service::without_password(connection)}};
  // A target that is no server is refused before the database is opened.
  if (!service::is_pg_connection_string(connection)) {
    out["status"] = "refused";
    out["message"] = say("db.migrate_not_server", lang, {connection});
    return refuse(g, out, out["message"], exit_usage);
  }
  int code = exit_ok;
  auto store = open_existing(g, file, out, code);
  if (!store) return code;
  out["server"] = service::without_password(connection);
  service::MigrationCounts source, copied;
  const service::StoreStatus s = service::migrate_to_server(*store, connection, source, copied);
  auto counts = [](const service::MigrationCounts& c) {
    return json{{"tickets", c.tickets},   {"events", c.events},
                {"assets", c.assets},     {"asset_events", c.asset_events},
                {"problems", c.problems}, {"problem_events", c.problem_events},
                {"problem_links", c.problem_links}, {"quotes", c.quotes},
                {"quote_events", c.quote_events}};
  };
  out["source"] = counts(source);
  if (!s.ok()) {
    out["status"] = std::string(service::name(s.error));
    // A duplicate is a ticket or an asset the server holds already (desk.store.duplicate speaks of assets only).
    const std::string kind = s.error == service::StoreError::duplicate
                                 ? say("db.migrate_duplicate", lang)
                                 : tr("desk.store." + std::string(service::name(s.error)), lang);
    out["message"] = say("db.migrate_failed", lang) + tr("punct.colon", lang) + kind + " (" + s.detail + ")";
    return refuse(g, out, out["message"], exit_failed);
  }
  out["status"] = "ok";
  out["copied"] = counts(copied);
  if (g.json) {
    print_json(out);
  } else {
    std::cout << say("db.migrate_done", lang,
                     {file.string(), service::without_password(connection), std::to_string(copied.tickets),
                      std::to_string(copied.events), std::to_string(copied.assets), std::to_string(copied.asset_events),
                      std::to_string(copied.problems), std::to_string(copied.problem_links), std::to_string(copied.quotes)})
              << '\n';
  }
  return exit_ok;
}

}  // namespace

Runner add_db(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("db", "The ticket database (<data dir>/service.sqlite): backup, check, migrate to the team server");
  cmd->require_subcommand(1);
  static std::string target;
  auto* backup = cmd->add_subcommand("backup", "Copy the live database to FILE (other programs may keep writing)");
  backup->add_option("file", target, "Where to write the copy (replaced if it exists)")->required();
  backup->add_flag("--json", g.json, "Print JSON");
  auto* check = cmd->add_subcommand("check", "Integrity check of the database: ok, or what is wrong (exit 1)");
  check->add_flag("--json", g.json, "Print JSON");
  static std::string server;
  auto* migrate = cmd->add_subcommand("migrate", "Copy every ticket and asset, with their history, to the team server");
  migrate->add_option("--to", server, "The team server (postgresql://OWNER@HOST/DATABASE, after diagdesk team init)")
      ->required();
  migrate->add_flag("--json", g.json, "Print JSON");
  return [&g, backup, check, migrate]() -> int {
    // backup and check are the SQLite file's; the team server has its own tools (pg_dump, amcheck).
    if (!g.store.empty() && !migrate->parsed()) return fail(say("db.not_for_server", g.language()), exit_usage);
    if (backup->parsed()) return run_backup(g, target);
    if (check->parsed()) return run_check(g);
    if (migrate->parsed()) return run_migrate(g, server);
    return exit_usage;
  };
}

}  // namespace diagdesk::cli
