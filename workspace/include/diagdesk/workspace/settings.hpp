#pragma once
/// Per-user settings of the front ends (language, theme, window, operator),
/// kept in <data_dir>/settings.toml and written atomically.
///
///     auto loaded = diagdesk::workspace::load_settings(ws.options().data_dir);
///     loaded.settings.lang = "fr";
///     if (auto err = save_settings(loaded.settings, ws.options().data_dir); !err.empty()) ...

#include <filesystem>
#include <string>
#include <vector>

namespace diagdesk::workspace {

/// Every setting, with its default. Unknown keys in the file are ignored.
struct Settings {
  std::string lang;             ///< "fr" / "en"; empty: from the environment
  std::string theme = "light";  ///< "light" / "dark"
  int window_width = 1280;
  int window_height = 800;
  bool window_maximized = false;
  float font_scale = 1.0f;      ///< on top of the monitor's content scale
  std::string operator_name;    ///< written into reports
  bool autosave = true;         ///< save the session in progress after each answer

  bool operator==(const Settings&) const = default;
};

/// Settings read from disk, and why the file was ignored if it was.
struct LoadedSettings {
  Settings settings;  ///< defaults when the file is missing or unreadable
  std::string error;  ///< "file:line:column: message" for a malformed file
};

/// <data_dir>/settings.toml.
std::filesystem::path settings_file(const std::filesystem::path& data_dir);

/// Reads <data_dir>/settings.toml. A missing file is not an error; a
/// malformed one gives the defaults plus `error` (the file is left alone).
LoadedSettings load_settings(const std::filesystem::path& data_dir);

/// Writes <data_dir>/settings.toml atomically. Returns "" or an error sentence.
std::string save_settings(const Settings& settings, const std::filesystem::path& data_dir);

}  // namespace diagdesk::workspace
