#pragma once
// Private: reading the commerce files (catalogue.toml, proposals.toml) with
// every problem at its file:line:column.
#include <diagdesk/service/catalogue.hpp>

#include "toml_file.hpp"

#include <toml++/toml.h>

namespace diagdesk::service::detail {

/// The file's table, nullopt when missing (silently) or unusable (reported).
/// schema_version is optional; when present it must be 1.
std::optional<toml::table> read_commerce_toml(const std::filesystem::path& file, std::vector<Problem>& problems);

/// Typed reads of one table's keys; a wrong value is reported and gives nullopt.
struct Reader {
  std::string file;
  std::vector<Problem>& problems;
  std::optional<std::string> text(const toml::table& t, std::string_view key, bool required);
  std::optional<std::int64_t> integer(const toml::table& t, std::string_view key);
  /// A decimal string with at most 2 decimals (parse_decimal); `what` names it in the message.
  std::optional<std::int64_t> decimal(const toml::table& t, std::string_view key, bool required, const char* what);
  /// { fr = "...", en = "..." }, both present and not empty.
  std::optional<Bilingual> bilingual(const toml::table& t, std::string_view key, bool required);
};

/// Lower case, the accents of French letters taken off (é -> e, ç -> c, œ -> oe), for search.
std::string fold(std::string_view text);

}  // namespace diagdesk::service::detail
