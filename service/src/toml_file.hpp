#pragma once
// Private: opening one service-centre TOML file (priority, SLA, calendar).
#include <diagdesk/service/problem.hpp>

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace diagdesk::service::detail {

/// The largest service-centre TOML file read (catalogue, priority, SLA,
/// calendar, privacy): 16 MiB, checked before reading (docs/reliability.md).
inline constexpr std::uintmax_t max_service_file_bytes = 16u * 1024u * 1024u;

/// The parsed file, or nullopt when it is missing (silently) or has a syntax
/// error (reported in `problems` at its line and column).
std::optional<toml::table> parse_toml_file(const std::filesystem::path& file, std::vector<Problem>& problems);

/// The file's table, or nullopt when it is missing (silently: layers need
/// not have every file) or unusable (a syntax error or a schema_version
/// other than 1, reported in `problems`).
std::optional<toml::table> read_service_toml(const std::filesystem::path& file, std::vector<Problem>& problems);

/// A problem at `node`'s position.
Problem problem_at(const std::string& file, const toml::node& node, std::string message);

}  // namespace diagdesk::service::detail
