// diagdesk team init CONNECTION | add-user NAME --role ROLE --store CONNECTION
// | roles NAME --store CONNECTION: the team server (PostgreSQL), its schema,
// its roles and its logins (service/pg_team.hpp, docs/team.md). The rights
// are enforced by the server; these commands only ask it, connected as the
// database's owner. A password is read from the terminal without echo (or
// one line of stdin with --password-stdin) and never printed or written.
// Exit codes: 0 done; 1 the server refused or cannot be reached; 2 a bad
// command line (unknown role, bad login name, no password source).
#include "cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/training_sim.hpp>
#include <diagdesk/service/pg_store.hpp>
#include <diagdesk/service/pg_team.hpp>

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <optional>

namespace diagdesk::cli {

namespace {

using engine::Lang;
using engine::tr;
using nlohmann::json;

std::string say(const std::string& key, Lang lang, const std::vector<std::string>& args = {}) {
  return engine::format_text(tr(key, lang), args);
}

/// The server's refusal in words: the translated kind, then its detail (English).
std::string server_words(const service::StoreStatus& s, Lang lang) {
  return tr("desk.store." + std::string(service::name(s.error)), lang) + " (" + s.detail + ")";
}

int refuse(const Globals& g, json out, const std::string& line, int code) {
  if (g.json) {
    out["message"] = line;
    print_json(out);
  }
  return fail(line, code);
}

/// One line typed on the terminal with the echo off; nullopt at end of input.
std::optional<std::string> read_hidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios before{};
  const bool tty = ::tcgetattr(STDIN_FILENO, &before) == 0;
  if (tty) {
    termios quiet = before;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
    std::cerr << '\n';
  }
  if (!got) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

struct AddUser {
  std::string login;
  std::string role;
  std::string store;
  bool password_stdin = false;
  bool no_password = false;
};

int run_init(const Globals& g, const std::string& connection) {
  const Lang lang = g.language();
  json out{{"server", service::without_password(connection)}};
  const service::StoreStatus s = service::team_init(connection);
  if (!s.ok()) {
    out["status"] = std::string(service::name(s.error));
    return refuse(g, out, server_words(s, lang), exit_failed);
  }
  out["status"] = "ok";
  out["schema"] = service::latest_pg_schema_version();
  if (g.json) print_json(out);
  else std::cout << say("team.init_done", lang, {service::without_password(connection)}) << '\n';
  return exit_ok;
}

int run_add_user(const Globals& g, const AddUser& a) {
  const Lang lang = g.language();
  json out{{"login", a.login}, {"role", a.role}, {"server", service::without_password(a.store)}};
  const auto role = service::parse_team_role(a.role);
  if (!role) return refuse(g, out, say("team.bad_role", lang, {a.role}), exit_usage);
  if (const std::string why = service::check_login_name(a.login); !why.empty())
    return refuse(g, out, say("team.bad_login", lang, {a.login, why}), exit_usage);
  if (a.password_stdin && a.no_password) return refuse(g, out, say("team.password_both", lang), exit_usage);
  std::optional<std::string> password;
  if (a.password_stdin) {
    std::string line;
    if (!std::getline(std::cin, line) || line.empty()) return refuse(g, out, say("team.password_empty", lang), exit_usage);
    if (line.back() == '\r') line.pop_back();
    password = line;
  } else if (!a.no_password) {
    if (!::isatty(STDIN_FILENO)) return refuse(g, out, say("team.password_needed", lang), exit_usage);
    password = read_hidden(say("team.password_prompt", lang, {a.login}));
    const auto again = read_hidden(say("team.password_again", lang));
    if (!password || password->empty()) return refuse(g, out, say("team.password_empty", lang), exit_usage);
    if (!again || *again != *password) return refuse(g, out, say("team.password_mismatch", lang), exit_usage);
  }
  bool created = false;
  const service::StoreStatus s = service::add_user(a.store, a.login, *role, password, &created);
  if (!s.ok()) {
    out["status"] = std::string(service::name(s.error));
    return refuse(g, out, server_words(s, lang), exit_failed);
  }
  out["status"] = created ? "created" : "added";
  out["password"] = password.has_value();
  if (g.json) print_json(out);
  else std::cout << say(created ? "team.user_created" : "team.user_added", lang, {a.login, a.role}) << '\n';
  return exit_ok;
}

int run_roles(const Globals& g, const std::string& login, const std::string& connection) {
  const Lang lang = g.language();
  json out{{"login", login}, {"server", service::without_password(connection)}};
  std::vector<service::TeamRole> roles;
  const service::StoreStatus s = service::user_roles(connection, login, roles);
  if (!s.ok()) {
    out["status"] = std::string(service::name(s.error));
    return refuse(g, out, server_words(s, lang), exit_failed);
  }
  std::vector<std::string> names;
  for (auto r : roles) names.emplace_back(service::name(r));
  out["status"] = "ok";
  out["roles"] = names;
  if (g.json) {
    print_json(out);
  } else if (names.empty()) {
    std::cout << say("team.no_roles", lang, {login}) << '\n';
  } else {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    std::cout << say("team.roles", lang, {login, list}) << '\n';
  }
  return exit_ok;
}

}  // namespace

Runner add_team(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("team", "The team server (PostgreSQL): schema and roles, logins (docs/team.md)");
  cmd->require_subcommand(1);
  static std::string init_connection;
  static AddUser add;
  static std::string roles_login, roles_store;
  auto* init = cmd->add_subcommand("init", "Create or upgrade the schema and the four roles (as the database owner)");
  init->add_option("connection", init_connection, "postgresql://OWNER@HOST/DATABASE, or libpq words (service=...)")
      ->required();
  init->add_flag("--json", g.json, "Print JSON");
  auto* user = cmd->add_subcommand("add-user", "Create a login in a role: operator, supervisor, author, trainee");
  user->add_option("name", add.login, "The login name (a-z, 0-9, _ . -)")->required();
  user->add_option("--role", add.role, "operator | supervisor | author | trainee")->required();
  user->add_option("--store", add.store, "The team server, as the database owner (postgresql://...)")->required();
  user->add_flag("--password-stdin", add.password_stdin, "Read the password from one line of stdin");
  user->add_flag("--no-password", add.no_password, "No password (peer, certificate or LDAP login set up on the server)");
  user->add_flag("--json", g.json, "Print JSON");
  auto* roles = cmd->add_subcommand("roles", "The team roles of a login");
  roles->add_option("name", roles_login, "The login name")->required();
  roles->add_option("--store", roles_store, "The team server (postgresql://...)")->required();
  roles->add_flag("--json", g.json, "Print JSON");
  return [&g, init, user, roles]() -> int {
    if (init->parsed()) return run_init(g, init_connection);
    if (user->parsed()) return run_add_user(g, add);
    if (roles->parsed()) return run_roles(g, roles_login, roles_store);
    return exit_usage;
  };
}

}  // namespace diagdesk::cli
