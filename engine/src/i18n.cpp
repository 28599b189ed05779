// UI strings: data/ui/strings.toml, embedded at build time (see CMakeLists.txt).
#include <diagdesk/engine/i18n.hpp>

#include <toml++/toml.h>

#include <map>
#include <mutex>

namespace diagdesk::engine {

extern const char* const embedded_ui_strings;  // generated: ui_strings.cpp

namespace {

struct Table {
  std::map<std::string, LText, std::less<>> strings;
};

const Table& table() {
  static const Table t = [] {
    Table out;
    try {
      toml::table root = toml::parse(std::string_view{embedded_ui_strings}, std::string_view{"data/ui/strings.toml"});
      if (const toml::table* s = root["strings"].as_table()) {
        for (const auto& [key, value] : *s) {
          LText text;
          if (const toml::table* v = value.as_table()) {
            text.fr = (*v)["fr"].value_or(std::string{});
            text.en = (*v)["en"].value_or(std::string{});
          }
          out.strings.emplace(std::string(key.str()), std::move(text));
        }
      }
    } catch (const toml::parse_error&) {
      // A broken strings file is caught by the i18n test; keys are shown instead.
    }
    return out;
  }();
  return t;
}

}  // namespace

const std::string& tr(std::string_view key, Lang lang) {
  const auto& strings = table().strings;
  auto it = strings.find(key);
  if (it != strings.end() && !it->second.get(lang).empty()) return it->second.get(lang);
  // Unknown keys are shown as themselves; the GUI's worker threads may ask too.
  static std::mutex mutex;
  static std::map<std::string, std::string, std::less<>> unknown;
  std::lock_guard lock(mutex);
  auto u = unknown.find(key);
  if (u == unknown.end()) u = unknown.emplace(std::string(key), std::string(key)).first;
  return u->second;
}

std::vector<std::string> ui_string_keys() {
  std::vector<std::string> keys;
  for (const auto& [key, value] : table().strings) keys.push_back(key);
  return keys;
}

std::vector<std::string> ui_string_problems() {
  std::vector<std::string> out;
  for (const auto& [key, value] : table().strings) {
    if (value.fr.empty()) out.push_back(key + " (fr)");
    if (value.en.empty()) out.push_back(key + " (en)");
  }
  return out;
}

}  // namespace diagdesk::engine
