// Private: opening one service-centre TOML file.
#include "toml_file.hpp"

#include <diagdesk/base/safe_file.hpp>

namespace diagdesk::service::detail {

std::optional<toml::table> parse_toml_file(const std::filesystem::path& file, std::vector<Problem>& problems) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::nullopt;
  // A folder, a device or a file over max_service_file_bytes: said, not read.
  std::string text;
  if (base::FileStatus s = base::read_file(file, text, max_service_file_bytes); !s) {
    problems.push_back({file.string(), 0, 0, s.message});
    return std::nullopt;
  }
  try {
    return toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    problems.push_back({file.string(), static_cast<int>(e.source().begin.line),
                        static_cast<int>(e.source().begin.column), std::string(e.description())});
    return std::nullopt;
  }
}

std::optional<toml::table> read_service_toml(const std::filesystem::path& file, std::vector<Problem>& problems) {
  auto parsed = parse_toml_file(file, problems);
  if (!parsed) return std::nullopt;
  toml::table root = std::move(*parsed);
  // is_integer first: toml++ 3.3's value<int64_t>() on a float casts out of range (undefined).
  if (!root["schema_version"].is_integer() || root["schema_version"].value<int64_t>() != 1) {
    problems.push_back({file.string(), 1, 1, "schema_version must be 1 (this Diagdesk reads version 1)"});
    return std::nullopt;
  }
  return root;
}

Problem problem_at(const std::string& file, const toml::node& node, std::string message) {
  return {file, static_cast<int>(node.source().begin.line), static_cast<int>(node.source().begin.column),
          std::move(message)};
}

}  // namespace diagdesk::service::detail
