#pragma once
/// The team server's administration: the schema and the four roles
/// (`diagdesk team init`), a person's login (`diagdesk team add-user`), and
/// copying a desk's SQLite database to the server (`diagdesk db migrate`).
/// The rights are the server's (row security and grants, pg_roles.sql.hpp,
/// docs/team.md): Diagdesk only asks.
///
///     StoreStatus s = team_init("postgresql://dba@desk.example/diagdesk");
///     s = add_user("postgresql://dba@desk.example/diagdesk", "anna", TeamRole::operator_, password);

#include <diagdesk/service/store.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::service {

class SqliteStore;

/// What a login may do on the team server.
enum class TeamRole { operator_, supervisor, author, trainee };

/// "operator", "supervisor", "author", "trainee".
std::string_view name(TeamRole r);
std::optional<TeamRole> parse_team_role(std::string_view s);
/// The server's group role: "diagdesk_operator"...
std::string server_role(TeamRole r);

/// Creates (or upgrades) the schema and creates the roles and their rights,
/// connected as the database's owner. Safe to run again.
StoreStatus team_init(const std::string& connection);

/// "" when `login` can be a login name (a-z, 0-9, _ . -, 1 to 63 characters,
/// starting with a letter, not pg_... nor diagdesk_...), else why not (English).
std::string check_login_name(std::string_view login);

/// Creates the login `login` as a member of `role`'s group (or, when it
/// exists, adds it to the group). The password is sent to the server only as
/// a SCRAM-SHA-256 verifier computed here (PQencryptPasswordConn): never in
/// clear, never in a log; nullopt creates a login without a password (for
/// peer, certificate or LDAP authentication set up in pg_hba.conf).
/// `created` says whether the login is new.
StoreStatus add_user(const std::string& connection, std::string_view login, TeamRole role,
                     const std::optional<std::string>& password, bool* created = nullptr);

/// The group roles `login` is a member of (for `team` listings and tests).
StoreStatus user_roles(const std::string& connection, std::string_view login, std::vector<TeamRole>& out);

/// What `migrate_to_server` copied.
struct MigrationCounts {
  std::int64_t tickets = 0;
  std::int64_t events = 0;
  std::int64_t assets = 0;
  std::int64_t asset_events = 0;
  std::int64_t problems = 0;
  std::int64_t problem_events = 0;
  std::int64_t problem_links = 0;
  std::int64_t quotes = 0;
  std::int64_t quote_events = 0;
};

/// Copies every ticket (number, history, sessions), every asset (with its
/// history), every problem (history, links to incidents) and every quote
/// (lines, history) of `from` to the server at `connection`, numbers kept,
/// in one transaction, then counts both sides: `copied` is what the server
/// holds afterwards. Refused (duplicate, nothing copied) when the server
/// already holds one of them; io when the counts differ (rolled back).
StoreStatus migrate_to_server(Store& from, const std::string& connection, MigrationCounts& source,
                              MigrationCounts& copied);

}  // namespace diagdesk::service
