#pragma once
// Private to the engine's loaders (loader.cpp, guide_load.cpp,
// training_load.cpp): where a TOML file's diagnostics go and how they are
// placed, so every loader reports file, line and column the same way.
#include <diagdesk/engine/diagnostic.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::engine::detail {

/// The file being read and the diagnostics it collects (all in one pass).
struct TomlCtx {
  std::string file;
  std::vector<Diagnostic>& out;

  /// `n`'s position in the file.
  SourcePos pos(const toml::node& n) const {
    const auto& s = n.source();
    return SourcePos{file, static_cast<int>(s.begin.line), static_cast<int>(s.begin.column)};
  }
  void report(Severity sev, const SourcePos& p, std::string code, std::string message) const {
    out.push_back(Diagnostic{sev, std::move(code), p, std::move(message)});
  }
  void error(const toml::node& n, std::string code, std::string message) const {
    report(Severity::error, pos(n), std::move(code), std::move(message));
  }
  void warning(const toml::node& n, std::string code, std::string message) const {
    report(Severity::warning, pos(n), std::move(code), std::move(message));
  }
  /// Warns (key.unknown) about each key of `t` not in `allowed`: probably a
  /// typo; `what` says where ("a node", "rule 'r.x'").
  void unknown_keys(const toml::table& t, std::initializer_list<std::string_view> allowed, std::string_view what) const {
    for (const auto& [key, value] : t) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
        warning(value, "key.unknown", "unknown key '" + std::string(key.str()) + "' in " + std::string(what));
    }
  }
};

}  // namespace diagdesk::engine::detail
