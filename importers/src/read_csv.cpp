// The CSV reader: RFC 4180 records, one article per row.
//
// [SECTION] parse_csv
// [SECTION] Column mapping
// [SECTION] read_csv

#include <diagdesk/importers/csv.hpp>
#include <diagdesk/importers/html.hpp>
#include <diagdesk/importers/ids.hpp>

#include "front_matter.hpp"
#include "md_build.hpp"

#include <diagdesk/kb/text.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>
#include <map>

namespace diagdesk::importers {

// [SECTION] parse_csv ----------------------------------------------------------

namespace {

char guess_separator(std::string_view text) {
  std::size_t counts[3] = {0, 0, 0};
  constexpr char seps[3] = {',', ';', '\t'};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    for (int i = 0; i < 3; ++i)
      if (c == seps[i]) ++counts[i];
  }
  int best = 0;
  for (int i = 1; i < 3; ++i)
    if (counts[i] > counts[best]) best = i;
  return seps[best];
}

}  // namespace

CsvTable parse_csv(std::string_view text, char separator) {
  CsvTable t;
  t.separator = separator ? separator : guess_separator(text);
  const char sep = t.separator;
  CsvRecord rec;
  std::string field;
  int line = 1, col = 1;
  rec.line = 1;
  bool at_field_start = true, any = false;
  std::size_t i = 0;
  auto end_field = [&] {
    rec.fields.push_back(std::move(field));
    field.clear();
    at_field_start = true;
  };
  auto end_record = [&] {
    end_field();
    // A blank line is no record.
    if (!(rec.fields.size() == 1 && rec.fields[0].empty())) t.records.push_back(std::move(rec));
    rec = CsvRecord{};
    rec.line = line;
    any = false;
  };
  while (i < text.size()) {
    char c = text[i];
    if (at_field_start && c == '"') {
      // A quoted field: separators, newlines and doubled quotes inside.
      int qline = line, qcol = col;
      ++i;
      ++col;
      bool closed = false;
      while (i < text.size()) {
        char q = text[i];
        if (q == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            col += 2;
            continue;
          }
          ++i;
          ++col;
          closed = true;
          break;
        }
        if (q == '\n') {
          ++line;
          col = 1;
        } else if ((static_cast<unsigned char>(q) & 0xC0) != 0x80) {
          ++col;
        }
        field += q;
        ++i;
      }
      if (!closed) {
        t.error = "unterminated quoted field (the quote opened here is never closed)";
        t.error_line = qline;
        t.error_column = qcol;
        return t;
      }
      at_field_start = false;
      any = true;
      // Text after the closing quote (a"b"c) is kept as is: lenient, like spreadsheets.
      continue;
    }
    if (c == sep) {
      end_field();
      any = true;
      ++i;
      ++col;
      continue;
    }
    if (c == '\n') {
      ++line;
      col = 1;
      ++i;
      end_record();
      continue;
    }
    field += c;
    at_field_start = false;
    any = true;
    ++i;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++col;
  }
  if (any || !field.empty()) end_record();
  return t;
}

// [SECTION] Column mapping ------------------------------------------------------

namespace {

std::string norm(std::string_view s) {
  std::string f = kb::fold(s);
  std::string out;
  for (char c : f) {
    if (c == ' ' || c == '-' || c == '.') c = '_';
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  while (!out.empty() && out.front() == '_') out.erase(0, 1);
  return out;
}

struct FieldSpec {
  std::string_view field;
  std::array<std::string_view, 8> aliases;
};

constexpr std::array<FieldSpec, 8> field_specs = {{
    {"title", {"name", "title", "titre", "subject", "sujet", "nom", "question"}},
    {"body", {"answer", "content", "contenu", "body", "reponse", "text", "texte", "description"}},
    {"category", {"category", "categorie", "knowbaseitemcategories", "categories", "knowbaseitemcategory"}},
    {"date", {"date", "date_mod", "updated", "date_modification", "last_update", "date_creation"}},
    {"id", {"id", "ref", "reference"}},
    {"tags", {"tags", "keywords", "mots_cles", "motscles"}},
    {"lang", {"lang", "language", "langue"}},
    {"domain", {"domain", "domaine"}},
}};

std::string list_columns(const std::vector<std::string>& header) {
  std::string s;
  for (const auto& h : header) s += (s.empty() ? "" : ", ") + ("'" + h + "'");
  return s;
}

std::string decode_entities(std::string_view s) {
  static const std::map<std::string, std::string, std::less<>> names = {
      {"lt", "<"}, {"gt", ">"}, {"amp", "&"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}, {"#39", "'"}};
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      std::size_t semi = s.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 8) {
        auto it = names.find(s.substr(i + 1, semi - i - 1));
        if (it != names.end()) {
          out += it->second;
          i = semi;
          continue;
        }
      }
    }
    out += s[i];
  }
  return out;
}

bool looks_html(std::string_view s) {
  for (std::size_t p = s.find('<'); p != std::string_view::npos; p = s.find('<', p + 1)) {
    if (p + 1 < s.size() && (std::isalpha(static_cast<unsigned char>(s[p + 1])) || s[p + 1] == '/')) {
      std::size_t gt = s.find('>', p);
      if (gt != std::string_view::npos && gt - p < 200) return true;
    }
  }
  return false;
}

std::string text_to_markdown(std::string_view s) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t eol = s.find('\n', pos);
    if (eol == std::string_view::npos) eol = s.size();
    out += md::finish_inline(md::escape(s.substr(pos, eol - pos)));
    out += '\n';
    pos = eol + 1;
  }
  return md::tidy(out);
}

std::string ascii_lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void split_tags(std::string_view s, std::string_view seps, std::vector<std::string>& out) {
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t e = s.find_first_of(seps, pos);
    if (e == std::string_view::npos) e = s.size();
    std::string t = md::collapse_space(s.substr(pos, e - pos));
    while (!t.empty() && t.front() == ' ') t.erase(0, 1);
    while (!t.empty() && t.back() == ' ') t.pop_back();
    t = ascii_lower(t);
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    pos = e + 1;
  }
}

}  // namespace

// [SECTION] read_csv --------------------------------------------------------------

ReadResult read_csv(const SourceText& source, const CsvMapping& mapping) {
  ReadResult r;
  const std::string file = source.path.string();
  auto error = [&](int line, int col, std::string code, std::string msg) {
    r.diagnostics.push_back({kb::Severity::error, std::move(code), file, line, col, std::move(msg)});
  };
  auto warn = [&](int line, int col, std::string code, std::string msg) {
    r.diagnostics.push_back({kb::Severity::warning, std::move(code), file, line, col, std::move(msg)});
  };

  CsvTable table = parse_csv(source.text);
  if (table.records.empty()) {
    if (!table.error.empty()) error(table.error_line, table.error_column, "csv.syntax", table.error);
    else error(0, 0, "content.empty", "no header row: the CSV file is empty");
    return r;
  }
  const std::vector<std::string>& header = table.records[0].fields;
  std::vector<std::string> normed;
  for (const auto& h : header) normed.push_back(norm(h));

  // Field -> column index, from --map first, then the default names.
  std::map<std::string, std::size_t, std::less<>> column;
  for (const auto& field_col : mapping.fields) {
    // Named references, not a structured binding: clang 14 (the fuzzing
    // build) cannot capture a binding in the lambda below.
    const std::string& field = field_col.first;
    const std::string& col = field_col.second;
    auto spec = std::find_if(field_specs.begin(), field_specs.end(), [&](const FieldSpec& s) { return s.field == field; });
    if (spec == field_specs.end()) {
      error(0, 0, "csv.map", "unknown field '" + field +
                                 "' in the column mapping (fields: title, body, category, date, id, tags, lang, domain)");
      return r;
    }
    std::size_t idx = header.size();
    if (!col.empty() && std::all_of(col.begin(), col.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      // from_chars, not stoul: a column number too big for size_t is no column, not an exception.
      std::size_t n = 0;
      const auto [end, ec] = std::from_chars(col.data(), col.data() + col.size(), n);
      if (ec == std::errc{} && end == col.data() + col.size() && n >= 1 && n <= header.size()) idx = n - 1;
    } else {
      auto it = std::find(normed.begin(), normed.end(), norm(col));
      if (it != normed.end()) idx = static_cast<std::size_t>(it - normed.begin());
    }
    if (idx == header.size()) {
      error(1, 0, "csv.map", "column '" + col + "' (mapped to " + field + ") is not in the header; columns: " +
                                 list_columns(header));
      return r;
    }
    column[field] = idx;
  }
  for (const auto& spec : field_specs) {
    if (column.count(spec.field)) continue;
    for (auto alias : spec.aliases) {
      if (alias.empty()) continue;
      auto it = std::find(normed.begin(), normed.end(), alias);
      if (it != normed.end()) {
        column[std::string(spec.field)] = static_cast<std::size_t>(it - normed.begin());
        break;
      }
    }
  }
  for (std::string_view required : {"title", "body"}) {
    if (!column.count(required)) {
      error(1, 0, "csv.header", "no " + std::string(required) + " column: the header has " + list_columns(header) +
                                    "; name one with --map " + std::string(required) + "=COLUMN");
      return r;
    }
  }

  std::map<std::string, int> keys_seen;
  for (std::size_t n = 1; n < table.records.size(); ++n) {
    const CsvRecord& rec = table.records[n];
    const std::string where = "row " + std::to_string(n) + " (line " + std::to_string(rec.line) + ")";
    auto get = [&](std::string_view field) -> std::string {
      auto it = column.find(field);
      if (it == column.end() || it->second >= rec.fields.size()) return {};
      return rec.fields[it->second];
    };
    if (rec.fields.size() < header.size()) {
      std::string missing;
      for (std::size_t c = rec.fields.size(); c < header.size(); ++c)
        missing += (missing.empty() ? "" : ", ") + ("'" + header[c] + "'");
      bool fatal = column["title"] >= rec.fields.size() || column["body"] >= rec.fields.size();
      std::string msg = where + " has " + std::to_string(rec.fields.size()) + " of the " +
                        std::to_string(header.size()) + " columns: missing " + missing;
      if (fatal) {
        error(rec.line, 0, "csv.columns", msg + "; row not imported");
        continue;
      }
      warn(rec.line, 0, "csv.columns", msg);
    } else if (rec.fields.size() > header.size()) {
      warn(rec.line, 0, "csv.columns",
           where + " has " + std::to_string(rec.fields.size()) + " fields but the header only " +
               std::to_string(header.size()) + " columns: the extra fields are ignored");
    }
    Draft d;
    d.line = rec.line;
    d.article.title = md::collapse_space(get("title"));
    while (!d.article.title.empty() && d.article.title.front() == ' ') d.article.title.erase(0, 1);
    while (!d.article.title.empty() && d.article.title.back() == ' ') d.article.title.pop_back();
    if (d.article.title.empty()) {
      error(rec.line, 0, "csv.value", where + " has an empty title; row not imported");
      continue;
    }
    std::string body = get("body");
    if (body.find('<') == std::string::npos && body.find("&lt;") != std::string::npos) body = decode_entities(body);
    if (looks_html(body)) {
      std::vector<std::string> warnings;
      d.article.body = html_to_markdown(body, &warnings);
      for (const auto& w : warnings) warn(rec.line, 0, "html.repaired", where + ", answer: " + w);
    } else {
      d.article.body = text_to_markdown(body);
    }
    if (d.article.body.empty()) warn(rec.line, 0, "csv.value", where + " has an empty body");
    split_tags(get("category"), ">/|", d.article.tags);
    split_tags(get("tags"), ",;", d.article.tags);
    if (std::string date = get("date"); !date.empty()) {
      d.article.updated = detail::parse_any_date(date);
      if (!d.article.updated) warn(rec.line, 0, "csv.value", where + ": date '" + date + "' not understood (ignored)");
    }
    if (std::string lang = ascii_lower(get("lang")); lang.size() >= 2) {
      d.article.lang = lang.substr(0, 2);
      d.lang_from = "csv column";
    }
    d.article.domain = get("domain");
    // The row's key: its id column, else its title; repeated keys get -2, -3.
    std::string key = slugify(get("id"));
    if (key.empty()) key = slugify(d.article.title);
    if (key.empty()) key = "row-" + std::to_string(n);
    if (int seen = ++keys_seen[key]; seen > 1) key += "-" + std::to_string(seen);
    d.key = key;
    r.drafts.push_back(std::move(d));
  }
  if (!table.error.empty())
    error(table.error_line, table.error_column, "csv.syntax", table.error + "; the rows from there on are not imported");
  if (table.records.size() == 1 && table.error.empty()) warn(1, 0, "content.empty", "the CSV file has a header but no rows");
  return r;
}

}  // namespace diagdesk::importers
