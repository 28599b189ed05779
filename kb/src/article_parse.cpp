// Parsing articles: Markdown with TOML front matter between `+++` lines.
// The only translation unit of kb that parses TOML besides synonyms.cpp.
//
// [SECTION] Dates and ids
// [SECTION] Front matter split
// [SECTION] Field readers
// [SECTION] parse_article

#include <diagdesk/kb/article.hpp>
#include <diagdesk/kb/file_io.hpp>
#include <diagdesk/kb/text.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

namespace diagdesk::kb {

// [SECTION] Dates and ids ----------------------------------------------------

std::string to_string(const Date& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date d;
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    auto r = std::from_chars(text.data() + at, text.data() + at + len, out);
    return r.ec == std::errc{} && r.ptr == text.data() + at + len;
  };
  if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day)) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  return d;
}

std::string lang_of(std::string_view id) {
  if (id.size() > 3 && (id.ends_with(".fr") || id.ends_with(".en")))
    return std::string(id.substr(id.size() - 2));
  return {};
}

std::string topic_of(std::string_view id) {
  return std::string(lang_of(id).empty() ? id : id.substr(0, id.size() - 3));
}

namespace {

constexpr std::array<std::string_view, 8> known_domains = {
    "hardware", "os", "network", "directory", "office", "security", "service", "commercial"};

bool is_dotted_id(std::string_view id) {
  if (id.empty() || id.front() == '.' || id.back() == '.') return false;
  char prev = 0;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok || (c == '.' && prev == '.')) return false;
    prev = c;
  }
  return true;
}

// [SECTION] Front matter split -----------------------------------------------

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "+++";
}

// Line and column (1-based, in code points) of byte `offset`.
std::pair<int, int> line_col(std::string_view text, std::size_t offset) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

std::string normalise_body(std::string_view body) {
  // Drop leading blank lines and trailing whitespace; end with one newline.
  std::size_t start = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\n') start = i + 1;
    else if (body[i] != ' ' && body[i] != '\t') break;
  }
  std::size_t end = body.size();
  while (end > start && (body[end - 1] == '\n' || body[end - 1] == ' ' || body[end - 1] == '\t'))
    --end;
  if (end <= start) return {};
  std::string out(body.substr(start, end - start));
  out += '\n';
  return out;
}

// [SECTION] Field readers ----------------------------------------------------

class Reader {
 public:
  Reader(ArticleResult& result, std::string file) : m_result(result), m_file(std::move(file)) {}

  void report(Severity s, std::string code, const toml::source_region& where, std::string msg) {
    // Front matter starts on line 2 of the file (line 1 is the fence).
    int line = where.begin.line ? static_cast<int>(where.begin.line) + 1 : 1;
    int col = static_cast<int>(where.begin.column);
    m_result.diagnostics.push_back({s, std::move(code), m_file, line, col, std::move(msg)});
  }
  void report(Severity s, std::string code, int line, int col, std::string msg) {
    m_result.diagnostics.push_back({s, std::move(code), m_file, line, col, std::move(msg)});
  }

  bool string(const toml::node& node, std::string_view key, std::string& out) {
    if (auto v = node.value<std::string>()) {
      out = *v;
      return true;
    }
    type_error(node, key, "a string");
    return false;
  }

  bool strings(const toml::node& node, std::string_view key, std::vector<std::string>& out) {
    const toml::array* arr = node.as_array();
    if (!arr) {
      type_error(node, key, "an array of strings");
      return false;
    }
    out.clear();
    for (const auto& item : *arr) {
      if (auto v = item.value<std::string>()) out.push_back(*v);
      else type_error(item, key, "an array of strings");
    }
    return true;
  }

  void type_error(const toml::node& node, std::string_view key, std::string_view expected) {
    report(Severity::error, "field.type", node.source(),
           "'" + std::string(key) + "' must be " + std::string(expected));
  }

 private:
  ArticleResult& m_result;
  std::string m_file;
};

void read_known_error(Reader& rd, const toml::node& node, KnownError& ke) {
  const toml::table* t = node.as_table();
  if (!t) {
    rd.type_error(node, "known_error", "a table");
    return;
  }
  for (auto&& [key, value] : *t) {
    std::string_view k = key.str();
    if (k == "symptom") rd.string(value, "known_error.symptom", ke.symptom);
    else if (k == "cause") rd.string(value, "known_error.cause", ke.cause);
    else if (k == "workaround") rd.string(value, "known_error.workaround", ke.workaround);
    else if (k == "solution") rd.string(value, "known_error.solution", ke.solution);
    else if (k == "error_codes") rd.strings(value, "known_error.error_codes", ke.error_codes);
    else if (k == "products") rd.strings(value, "known_error.products", ke.products);
    else
      rd.report(Severity::warning, "field.unknown", key.source(),
                "unknown field 'known_error." + std::string(k) + "' (ignored)");
  }
}

}  // namespace

// [SECTION] parse_article ----------------------------------------------------

ArticleResult parse_article(const std::filesystem::path& path, std::string_view raw) {
  ArticleResult result;
  const std::string file = path.string();
  Reader rd(result, file);

  if (std::size_t bad = find_invalid_utf8(raw); bad != std::string_view::npos) {
    auto [line, col] = line_col(raw, bad);
    rd.report(Severity::error, "utf8.invalid", line, col,
              "invalid UTF-8 (byte 0x" +
                  [&] {
                    char b[8];
                    std::snprintf(b, sizeof b, "%02X", static_cast<unsigned char>(raw[bad]));
                    return std::string(b);
                  }() +
                  "); save the file as UTF-8");
    return result;
  }

  // Byte order mark and Windows line ends are accepted and dropped.
  std::string text;
  text.reserve(raw.size());
  if (raw.starts_with("\xEF\xBB\xBF")) raw.remove_prefix(3);
  for (std::size_t i = 0; i < raw.size(); ++i)
    if (!(raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n')) text += raw[i];

  std::string_view sv = text;
  std::size_t eol = sv.find('\n');
  if (!is_fence(sv.substr(0, eol))) {
    rd.report(Severity::error, "front_matter.missing", 1, 1,
              "an article must start with a '+++' line opening its TOML front matter");
    return result;
  }
  std::size_t fm_begin = eol == std::string_view::npos ? sv.size() : eol + 1;
  std::size_t pos = fm_begin, fm_end = std::string_view::npos, body_begin = sv.size();
  while (pos < sv.size()) {
    std::size_t e = sv.find('\n', pos);
    std::size_t line_end = e == std::string_view::npos ? sv.size() : e;
    if (is_fence(sv.substr(pos, line_end - pos))) {
      fm_end = pos;
      body_begin = e == std::string_view::npos ? sv.size() : e + 1;
      break;
    }
    pos = line_end + 1;
  }
  if (fm_end == std::string_view::npos) {
    rd.report(Severity::error, "front_matter.unterminated", 1, 1,
              "the front matter opened on line 1 has no closing '+++' line");
    return result;
  }

  toml::table tbl;
  try {
    tbl = toml::parse(sv.substr(fm_begin, fm_end - fm_begin), std::string_view{file});
  } catch (const toml::parse_error& e) {
    rd.report(Severity::error, "front_matter.syntax", e.source(),
              "TOML syntax: " + std::string(e.description()));
    return result;
  }

  Article a;
  a.path = path;
  bool have_id = false, have_title = false, have_lang = false;
  std::int64_t schema = 0;
  const toml::node* lang_node = nullptr;
  const toml::node* id_node = nullptr;
  for (auto&& [key, value] : tbl) {
    std::string_view k = key.str();
    if (k == "schema_version") {
      // Integers only: toml++ 3.3 casts a float out of range (undefined) before checking.
      if (auto v = value.is_integer() ? value.value<std::int64_t>() : std::nullopt) {
        schema = *v;
        if (*v > article_schema_version)
          rd.report(Severity::error, "schema.too_new", value.source(),
                    "schema_version " + std::to_string(*v) + " is newer than this program reads (" +
                        std::to_string(article_schema_version) + "); update Diagdesk");
        else if (*v < 1)
          rd.report(Severity::error, "field.value", value.source(), "schema_version must be 1");
      } else {
        rd.type_error(value, k, "an integer");
      }
    } else if (k == "id") {
      have_id = rd.string(value, k, a.id);
      id_node = &value;
    } else if (k == "title") {
      have_title = rd.string(value, k, a.title);
    } else if (k == "lang") {
      have_lang = rd.string(value, k, a.lang);
      lang_node = &value;
    } else if (k == "domain") {
      if (rd.string(value, k, a.domain) &&
          std::find(known_domains.begin(), known_domains.end(), a.domain) == known_domains.end())
        rd.report(Severity::warning, "field.value", value.source(),
                  "unknown domain '" + a.domain +
                      "' (expected hardware, os, network, directory, office, security or service)");
    } else if (k == "competency") {
      if (auto v = value.is_integer() ? value.value<std::int64_t>() : std::nullopt) {
        if (*v >= 1 && *v <= 11) a.competency = static_cast<int>(*v);
        else
          rd.report(Severity::warning, "field.value", value.source(),
                    "competency must be between 1 and 11 (ignored)");
      } else {
        rd.type_error(value, k, "an integer");
      }
    } else if (k == "tags") {
      rd.strings(value, k, a.tags);
    } else if (k == "symptoms") {
      rd.strings(value, k, a.symptoms);
    } else if (k == "translation") {
      rd.string(value, k, a.translation);
    } else if (k == "source") {
      rd.string(value, k, a.source);
    } else if (k == "updated") {
      if (auto d = value.as_date()) {
        const toml::date& td = d->get();
        a.updated = Date{td.year, td.month, td.day};
      } else {
        rd.type_error(value, k, "a date (updated = 2026-11-28, without quotes)");
      }
    } else if (k == "known_error") {
      KnownError ke;
      read_known_error(rd, value, ke);
      a.known_error = std::move(ke);
    } else {
      rd.report(Severity::warning, "field.unknown", key.source(),
                "unknown field '" + std::string(k) + "' (ignored)");
    }
  }

  if (schema == 0)
    rd.report(Severity::warning, "schema.missing", 2, 1, "no schema_version; assuming 1");
  for (auto [have, name] : {std::pair{have_id, "id"}, {have_title, "title"}, {have_lang, "lang"}}) {
    if (!have && !tbl.contains(name))
      rd.report(Severity::error, "field.missing", 2, 1,
                std::string("required field '") + name + "' is missing");
  }
  if (have_lang && a.lang != "fr" && a.lang != "en") {
    rd.report(Severity::error, "lang.invalid", lang_node->source(),
              "lang must be \"fr\" or \"en\", not \"" + a.lang + "\"");
    have_lang = false;
  }
  if (have_id) {
    if (!is_dotted_id(a.id))
      rd.report(Severity::error, "id.invalid", id_node->source(),
                "id '" + a.id + "' must be a dotted lower-case name like net.apipa.fr");
    else if (have_lang && lang_of(a.id) != a.lang)
      rd.report(Severity::error, "id.mismatch", id_node->source(),
                "id '" + a.id + "' must end with '." + a.lang + "' (its lang)");
  }
  if (have_title && a.title.empty())
    rd.report(Severity::error, "field.value", 2, 1, "title is empty");
  a.topic = topic_of(a.id);
  a.body = normalise_body(sv.substr(body_begin));
  if (a.body.empty()) {
    auto [line, col] = line_col(sv, body_begin);
    rd.report(Severity::warning, "body.empty", line, col, "the article has no body text");
  }
  if (!a.translation.empty() && have_lang && !lang_of(a.id).empty()) {
    std::string expected = a.topic + (a.lang == "fr" ? ".en" : ".fr");
    if (a.translation != expected)
      rd.report(Severity::warning, "field.value", 2, 1,
                "translation '" + a.translation + "' should be '" + expected + "'");
  }
  // The file's name and folder should say the same as the front matter.
  if (have_id && path.has_filename() && path.extension() == ".md") {
    std::string stem = path.stem().string();
    if (stem != a.topic && stem != a.id)
      rd.report(Severity::warning, "path.mismatch", 1, 0,
                "file name '" + path.filename().string() + "' does not match id '" + a.id +
                    "' (expected " + a.topic + ".md)");
    std::string folder = path.parent_path().filename().string();
    if ((folder == "fr" || folder == "en") && have_lang && folder != a.lang)
      rd.report(Severity::warning, "path.mismatch", 1, 0,
                "a '" + a.lang + "' article in folder '" + folder + "/'");
  }

  if (count_errors(result.diagnostics) == 0) result.article = std::move(a);
  return result;
}

ArticleResult read_article(const std::filesystem::path& path) {
  std::string text;
  if (FileStatus s = read_file(path, text); !s) {
    ArticleResult r;
    r.diagnostics.push_back({Severity::error, "io.read", path.string(), 0, 0, s.message});
    return r;
  }
  return parse_article(path, text);
}

}  // namespace diagdesk::kb
