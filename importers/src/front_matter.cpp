// Front matter of Markdown files: TOML (+++) and the YAML subset (---) that
// Jekyll, Hugo, Obsidian and MkDocs files use in practice.
//
// [SECTION] Shared
// [SECTION] TOML
// [SECTION] YAML-ish
// [SECTION] parse_front_matter

#include "front_matter.hpp"

#include <toml++/toml.h>

#include <cctype>

namespace diagdesk::importers::detail {
namespace {

// [SECTION] Shared -----------------------------------------------------------

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

bool fence_line(std::string_view line, std::string_view fence) {
  return trim(line) == fence;
}

// Finds the closing fence line after line 1; returns the offset of the line
// and sets `after` to the offset just past it, or npos.
std::size_t find_close(std::string_view text, std::size_t from, std::string_view fence, std::size_t& after,
                       std::string_view alt = {}) {
  std::size_t pos = from;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? text.size() : eol;
    std::string_view line = text.substr(pos, end - pos);
    if (fence_line(line, fence) || (!alt.empty() && fence_line(line, alt))) {
      after = eol == std::string_view::npos ? text.size() : eol + 1;
      return pos;
    }
    pos = end + 1;
  }
  return std::string_view::npos;
}

void add_key(FrontMatter& fm, std::string_view key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  const std::string& v = values.front();
  if (key == "title") fm.title = v;
  else if (key == "lang" || key == "language" || key == "locale") {
    std::string l;
    for (char c : v.substr(0, 2)) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    fm.lang = l;
  } else if (key == "domain") fm.domain = v;
  else if (key == "date" || key == "lastmod" || key == "updated" || key == "last_modified" || key == "modified") {
    // The latest of the dates given.
    if (auto d = parse_any_date(v); d && (!fm.updated || *fm.updated < *d)) fm.updated = d;
  } else if (key == "tags" || key == "keywords" || key == "categories" || key == "category") {
    for (const auto& t : values)
      if (!t.empty()) fm.tags.push_back(t);
  } else if (key == "symptoms") {
    fm.symptoms.insert(fm.symptoms.end(), values.begin(), values.end());
  }
}

// [SECTION] TOML -------------------------------------------------------------

std::vector<std::string> toml_values(const toml::node& node) {
  std::vector<std::string> out;
  auto one = [&](const toml::node& n) {
    if (auto s = n.value<std::string>()) out.push_back(*s);
    else if (auto d = n.as_date()) out.push_back(kb::to_string({d->get().year, d->get().month, d->get().day}));
    else if (auto dt = n.as_date_time()) {
      auto dd = dt->get().date;
      out.push_back(kb::to_string({dd.year, dd.month, dd.day}));
    }
  };
  if (const toml::array* arr = node.as_array()) {
    for (const auto& item : *arr) one(item);
  } else {
    one(node);
  }
  return out;
}

void read_toml(FrontMatter& fm, const std::string& file, std::string_view block) {
  toml::table tbl;
  try {
    tbl = toml::parse(block, std::string_view{file});
  } catch (const toml::parse_error& e) {
    // Line 1 of the file is the fence.
    fm.diagnostics.push_back({kb::Severity::error, "front_matter.syntax", file,
                              static_cast<int>(e.source().begin.line) + 1,
                              static_cast<int>(e.source().begin.column),
                              "TOML front matter: " + std::string(e.description())});
    return;
  }
  fm.diagdesk = tbl.contains("id") && tbl.contains("title") && tbl.contains("lang");
  if (auto id = tbl["id"].value<std::string>()) fm.id = *id;
  for (auto&& [key, value] : tbl) {
    std::string_view k = key.str();
    if (k == "taxonomies") {
      if (const toml::table* t = value.as_table())
        for (auto&& [tk, tv] : *t) add_key(fm, tk.str(), toml_values(tv));
      continue;
    }
    add_key(fm, k, toml_values(value));
  }
}

// [SECTION] YAML-ish ---------------------------------------------------------

std::string unquote(std::string_view v) {
  std::string s = trim(v);
  if (s.size() >= 2 && ((s.front() == '"' && s.back() == '"') || (s.front() == '\'' && s.back() == '\''))) {
    char q = s.front();
    std::string out;
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
      if (q == '"' && s[i] == '\\' && i + 2 < s.size()) {
        char n = s[++i];
        out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
      } else if (q == '\'' && s[i] == '\'' && s[i + 1] == '\'') {
        out += '\'';
        ++i;
      } else {
        out += s[i];
      }
    }
    return out;
  }
  // An unquoted value ends at " #" (a comment).
  if (auto hash = s.find(" #"); hash != std::string::npos) s = trim(s.substr(0, hash));
  return s;
}

std::vector<std::string> flow_list(std::string_view v) {
  // "[a, 'b c', \"d\"]" -> a, b c, d (no nesting).
  std::vector<std::string> out;
  std::string_view inner = v.substr(1, v.size() - 2);
  std::string cur;
  char quote = 0;
  for (char c : inner) {
    if (quote) {
      if (c == quote) quote = 0;
      cur += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
      cur += c;
    } else if (c == ',') {
      out.push_back(unquote(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!trim(cur).empty()) out.push_back(unquote(cur));
  return out;
}

void read_yaml(FrontMatter& fm, std::string_view block) {
  std::string key;
  std::vector<std::string> values;
  bool block_scalar = false;
  auto flush = [&] {
    if (!key.empty()) {
      if (block_scalar && !values.empty()) {
        std::string joined;
        for (const auto& v : values) joined += (joined.empty() ? "" : " ") + v;
        values = {joined};
      }
      add_key(fm, key, values);
    }
    key.clear();
    values.clear();
    block_scalar = false;
  };
  std::size_t pos = 0;
  while (pos < block.size()) {
    std::size_t eol = block.find('\n', pos);
    if (eol == std::string_view::npos) eol = block.size();
    std::string_view line = block.substr(pos, eol - pos);
    pos = eol + 1;
    std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    bool indented = line[0] == ' ' || line[0] == '\t';
    if (indented || t[0] == '-') {
      if (key.empty()) continue;
      if (!block_scalar && t.size() >= 2 && t[0] == '-' && t[1] == ' ') values.push_back(unquote(t.substr(2)));
      else if (block_scalar) values.push_back(t);
      continue;  // nested maps are ignored
    }
    flush();
    std::size_t colon = t.find(':');
    if (colon == std::string::npos) continue;
    std::string k = trim(std::string_view(t).substr(0, colon));
    for (auto& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string v = trim(std::string_view(t).substr(colon + 1));
    key = k;
    if (v.empty()) continue;
    if (v == "|" || v == ">" || v == "|-" || v == ">-") {
      block_scalar = true;
    } else if (v.front() == '[' && v.back() == ']') {
      values = flow_list(v);
    } else {
      values.push_back(unquote(v));
    }
  }
  flush();
}

// True when the lines after an opening "---" look like "key: value".
bool looks_like_yaml(std::string_view text, std::size_t from) {
  std::size_t eol = text.find('\n', from);
  std::string first = trim(text.substr(from, eol == std::string_view::npos ? std::string_view::npos : eol - from));
  if (first.empty() || first[0] == '#') return !first.empty();
  std::size_t colon = first.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = first[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != ' ') return false;
  }
  return true;
}

}  // namespace

// [SECTION] parse_front_matter ------------------------------------------------

std::optional<kb::Date> parse_any_date(std::string_view text) {
  std::string t = trim(text);
  if (t.size() >= 10) {
    if (auto d = kb::parse_date(std::string_view(t).substr(0, 10))) return d;
    // dd/mm/yyyy (French exports) or dd-mm-yyyy / dd.mm.yyyy.
    if ((t[2] == '/' || t[2] == '-' || t[2] == '.') && t[5] == t[2]) {
      std::string iso = t.substr(6, 4) + "-" + t.substr(3, 2) + "-" + t.substr(0, 2);
      return kb::parse_date(iso);
    }
  }
  return std::nullopt;
}

FrontMatter parse_front_matter(const std::string& file, std::string_view text) {
  FrontMatter fm;
  std::size_t eol = text.find('\n');
  std::string_view first = text.substr(0, eol);
  std::size_t start = eol == std::string_view::npos ? text.size() : eol + 1;
  bool toml_fence = fence_line(first, "+++");
  bool yaml_fence = fence_line(first, "---");
  if (!toml_fence && !yaml_fence) return fm;
  if (yaml_fence && !looks_like_yaml(text, start)) return fm;  // a thematic break

  std::size_t after = 0;
  std::size_t close = toml_fence ? find_close(text, start, "+++", after)
                                 : find_close(text, start, "---", after, "...");
  fm.kind = toml_fence ? FrontMatter::Kind::toml : FrontMatter::Kind::yaml;
  if (close == std::string_view::npos) {
    fm.diagnostics.push_back({kb::Severity::error, "front_matter.unterminated", file, 1, 1,
                              std::string("the front matter opened on line 1 has no closing '") +
                                  (toml_fence ? "+++" : "---") + "' line"});
    return fm;
  }
  fm.body_offset = after;
  std::string_view block = text.substr(start, close - start);
  if (toml_fence) read_toml(fm, file, block);
  else read_yaml(fm, block);
  return fm;
}

}  // namespace diagdesk::importers::detail
