// Per-user settings in <data_dir>/settings.toml.
#include <diagdesk/workspace/settings.hpp>

#include <diagdesk/engine/session_file.hpp>
#include <diagdesk/base/safe_file.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>

namespace diagdesk::workspace {

namespace fs = std::filesystem;

// A settings file is a few hundred bytes.
constexpr std::uintmax_t max_settings_bytes = 1024u * 1024u;

fs::path settings_file(const fs::path& data_dir) { return data_dir / "settings.toml"; }

LoadedSettings load_settings(const fs::path& data_dir) {
  LoadedSettings out;
  const fs::path path = settings_file(data_dir);
  std::error_code ec;
  if (!fs::exists(path, ec)) return out;
  // Regular files only, within 1 MiB: a FIFO or a device is refused, never read.
  std::string text;
  if (base::FileStatus st = base::read_file(path, text, max_settings_bytes); !st) {
    out.error = st.message;
    return out;
  }
  toml::table t;
  try {
    t = toml::parse(text, path.string());
  } catch (const toml::parse_error& e) {
    out.error = path.string() + ":" + std::to_string(e.source().begin.line) + ":" +
                std::to_string(e.source().begin.column) + ": " + std::string(e.description());
    return out;
  }
  Settings& s = out.settings;
  s.lang = t["lang"].value_or(s.lang);
  if (s.lang != "fr" && s.lang != "en") s.lang.clear();
  s.theme = t["theme"].value_or(s.theme);
  if (s.theme != "light" && s.theme != "dark") s.theme = "light";
  // Clamp sizes: a window saved on a bigger monitor must still open usable.
  // Integers only: toml++ 3.3 casts a float such as 1e300 to an integer out of range (undefined).
  auto int_or = [&](const char* key, int fallback) {
    auto n = t[key];
    return n.is_integer() ? n.value_or(std::int64_t{fallback}) : std::int64_t{fallback};
  };
  s.window_width = static_cast<int>(std::clamp<std::int64_t>(int_or("window_width", s.window_width), 640, 8192));
  s.window_height = static_cast<int>(std::clamp<std::int64_t>(int_or("window_height", s.window_height), 480, 8192));
  s.window_maximized = t["window_maximized"].value_or(s.window_maximized);
  s.font_scale = static_cast<float>(std::clamp(t["font_scale"].value_or(double{s.font_scale}), 0.5, 3.0));
  s.operator_name = t["operator_name"].value_or(s.operator_name);
  s.autosave = t["autosave"].value_or(s.autosave);
  return out;
}

std::string save_settings(const Settings& s, const fs::path& data_dir) {
  toml::table t;
  t.insert("schema_version", 1);
  if (!s.lang.empty()) t.insert("lang", s.lang);
  t.insert("theme", s.theme);
  t.insert("window_width", s.window_width);
  t.insert("window_height", s.window_height);
  t.insert("window_maximized", s.window_maximized);
  t.insert("font_scale", static_cast<double>(s.font_scale));
  t.insert("operator_name", s.operator_name);
  t.insert("autosave", s.autosave);
  std::ostringstream text;
  text << "# Diagdesk settings, written by the program (edit while it is closed).\n" << t << '\n';
  return engine::write_file_atomic(settings_file(data_dir), text.str());
}

}  // namespace diagdesk::workspace
