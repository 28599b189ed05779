#pragma once
// Exchange with GLPI and between Diagdesk databases (cmd_export.cpp):
// `incident|request export`, `incident|request import` (registered by
// cmd_ticket.cpp) and `asset export` (registered by cmd_asset.cpp).

#include "cli.hpp"

#include <diagdesk/service/ticket.hpp>

#include <functional>
#include <optional>

namespace diagdesk::cli {

/// Runs the exchange sub-command that was parsed, or nullopt when none was.
using ExchangeRunner = std::function<std::optional<int>()>;

/// Registers `export (--csv FILE | --json FILE)` and `import FILE.json` under
/// `incident` or `request`. export writes every ticket of `type` (CSV: GLPI's
/// ticket columns, service/glpi_export.hpp; JSON: every field, session and
/// event, for import). import restores a JSON export as it was (numbers,
/// times, history), all or nothing. Exit 0, 2 for a bad file or a number
/// already in the database (nothing saved), 1 for a database failure.
ExchangeRunner add_ticket_exchange(CLI::App& cmd, Globals& g, service::TicketType type);

/// Registers `export --csv FILE` under `asset`: every asset as a GLPI
/// computer-list CSV that `asset import` reads back.
ExchangeRunner add_asset_export(CLI::App& asset, Globals& g);

/// `asset import FILE.json` (cmd_export.cpp): restores the assets of an
/// `asset export --json`, every one checked before any is saved, then all in
/// one batch (a tag or serial already there: exit 2, nothing saved).
int import_assets_json(const Globals& g, const std::string& file, const std::string& actor);

}  // namespace diagdesk::cli
