// Stable article ids from source paths.
#include <diagdesk/importers/ids.hpp>
#include <diagdesk/importers/language.hpp>

#include <diagdesk/kb/text.hpp>

#include <vector>

namespace diagdesk::importers {

std::string slugify(std::string_view text) {
  std::string folded = kb::fold(text);
  std::string out;
  out.reserve(folded.size());
  bool dash = false;
  for (char c : folded) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (keep) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += c;
    } else {
      dash = true;
    }
  }
  constexpr std::size_t max_len = 60;
  if (out.size() > max_len) {
    std::size_t cut = out.rfind('-', max_len);
    out.resize(cut != std::string::npos && cut > max_len / 2 ? cut : max_len);
  }
  return out;
}

bool is_valid_topic(std::string_view topic) {
  if (topic.empty() || topic.front() == '.' || topic.back() == '.') return false;
  char prev = 0;
  for (char c : topic) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok || (c == '.' && prev == '.')) return false;
    prev = c;
  }
  return true;
}

PathTopic topic_for(const std::filesystem::path& root, const std::filesystem::path& file) {
  PathTopic out;
  std::vector<std::string> parts;
  auto hint = [&](const std::string& lang, const std::string& from) {
    out.lang_hint = lang;
    out.hint_from = from;
  };
  auto add_folder = [&](const std::string& name) {
    if (std::string lang = language_of_locale(name); !lang.empty()) {
      hint(lang, name + "/");
      return;
    }
    std::string s = slugify(name);
    parts.push_back(s.empty() ? "untitled" : s);
  };

  if (!root.empty()) {
    std::filesystem::path r = root.lexically_normal();
    if (!r.has_filename()) r = r.parent_path();  // "dir/" -> "dir"
    std::string parent = r.parent_path().filename().string();
    if (std::string lang = language_of_locale(parent); !lang.empty()) hint(lang, parent + "/");
    add_folder(r.filename().string());
    std::filesystem::path rel = file.lexically_normal().lexically_relative(r);
    for (auto it = rel.begin(); it != rel.end(); ++it) {
      if (std::next(it) == rel.end()) break;  // the file name, below
      std::string name = it->string();
      if (name == "." || name.empty()) continue;
      add_folder(name);
    }
  }

  // The file name without extension, and a language before it ("vpn.fr.md").
  std::string stem = file.stem().string();
  if (auto dot = stem.rfind('.'); dot != std::string::npos) {
    std::string suffix = stem.substr(dot + 1);
    if (suffix == "fr" || suffix == "en") {
      hint(suffix, "." + suffix);
      stem.resize(dot);
    }
  }
  std::string s = slugify(stem);
  parts.push_back(s.empty() ? "untitled" : s);

  for (const auto& p : parts) {
    if (!out.topic.empty()) out.topic += '.';
    out.topic += p;
  }
  return out;
}

}  // namespace diagdesk::importers
