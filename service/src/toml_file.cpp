// Private: opening one service-centre TOML file.
#include "toml_file.hpp"

namespace diagdesk::service::detail {

std::optional<toml::table> parse_toml_file(const std::filesystem::path& file, std::vector<Problem>& problems) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  try {
    return toml::parse_file(file.string());
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
  if (root["schema_version"].value<int64_t>() != 1) {
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
