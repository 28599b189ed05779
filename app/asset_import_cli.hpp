#pragma once
// `diagdesk asset import` (cmd_asset_import.cpp), registered by the `asset`
// command (cmd_asset.cpp) under itself.

#include "cli.hpp"

namespace diagdesk::cli {

/// Registers `import FILE [--map FILE] [--dry-run] [--operator NAME] [--json]`
/// under `asset` (the CLI::App of `diagdesk asset`); returns the sub-command
/// and sets `run` to its runner, to call when the sub-command was parsed.
/// The runner reads the CSV (service/asset_csv.hpp), classifies each row
/// against the stored assets and saves the added and updated ones through
/// workspace::ServiceDesk (not with --dry-run). Exit 0 when every row went
/// in, 1 when rows were rejected or the file is truncated (the valid rows
/// are saved) or the database fails, 2 for an unreadable, binary or empty
/// file, a missing tag/serial column or a bad mapping (nothing saved).
CLI::App* add_asset_import(CLI::App& asset, Globals& g, Runner& run);

}  // namespace diagdesk::cli
