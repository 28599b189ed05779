// Importing assets from CSV: RFC 4180 records, the column mapping, and each
// row to an Asset (see asset_csv.hpp; bytes to UTF-8 in asset_csv_text.cpp).
//
// [SECTION] Records: RFC 4180 reader
// [SECTION] Columns: GLPI and OCS Inventory headers
// [SECTION] Rows: cells to an asset
// [SECTION] Entry points
#include <diagdesk/service/asset_csv.hpp>

#include "asset_csv_internal.hpp"

#include <diagdesk/base/safe_file.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unordered_map>

namespace diagdesk::service {
namespace {

using detail::fold_key;
using detail::binary_at;
using detail::cp1252_to_utf8;
using detail::to_utf8;
using detail::utf16_to_utf8;
using detail::valid_utf8;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// [SECTION] Records: RFC 4180 reader -----------------------------------------

// Reads records one by one: quoted fields may hold the separator, doubled
// quotes and line breaks; CRLF and LF both end a record.
class RecordReader {
 public:
  RecordReader(std::string_view text, char sep) : m_text(text), m_sep(sep) {}

  /// Fills `fields` (resized) with the next record; false at the end. Sets
  /// `line` to the record's first physical line; `unterminated` when a
  /// quote opened on `line` never closes.
  bool next(std::vector<std::string>& fields, std::size_t& count, int& line, bool& unterminated) {
    if (m_pos >= m_text.size()) return false;
    line = m_line;
    count = 0;
    unterminated = false;
    for (;;) {
      if (count == fields.size()) fields.emplace_back();
      std::string& f = fields[count++];
      f.clear();
      if (m_pos < m_text.size() && m_text[m_pos] == '"') {
        ++m_pos;
        if (!read_quoted(f)) {
          unterminated = true;
          return true;
        }
      }
      // Unquoted text, or what trails a closing quote (kept, leniently).
      const std::size_t start = m_pos;
      while (m_pos < m_text.size() && m_text[m_pos] != m_sep && m_text[m_pos] != '\n') ++m_pos;
      std::string_view rest = m_text.substr(start, m_pos - start);
      if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
      f.append(rest);
      if (m_pos >= m_text.size()) return true;
      if (m_text[m_pos++] == '\n') {
        ++m_line;
        return true;
      }
    }
  }

 private:
  bool read_quoted(std::string& f) {
    for (;;) {
      const std::size_t q = m_text.find('"', m_pos);
      const std::string_view chunk = m_text.substr(m_pos, q == std::string_view::npos ? std::string_view::npos : q - m_pos);
      for (std::size_t i = 0; i < chunk.size(); ++i) {
        if (chunk[i] == '\n') ++m_line;
        if (chunk[i] == '\r' && i + 1 < chunk.size() && chunk[i + 1] == '\n') continue;
        f += chunk[i];
      }
      if (q == std::string_view::npos) {
        m_pos = m_text.size();
        return false;
      }
      m_pos = q + 1;
      if (m_pos < m_text.size() && m_text[m_pos] == '"') {
        f += '"';
        ++m_pos;
        continue;
      }
      return true;
    }
  }

  std::string_view m_text;
  char m_sep;
  std::size_t m_pos = 0;
  int m_line = 1;
};

// The separator of the header line (up to its first line break outside
// quotes): the most frequent of ; , and tab, ';' on a tie or when none.
char detect_separator(std::string_view text) {
  std::size_t semi = 0, comma = 0, tab = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == '\n') break;
    else if (c == ';') ++semi;
    else if (c == ',') ++comma;
    else if (c == '\t') ++tab;
  }
  if (tab > semi && tab > comma) return '\t';
  if (comma > semi) return ',';
  return ';';
}

// [SECTION] Columns: GLPI and OCS Inventory headers ---------------------------

// Known headers, folded, by field; earlier fields and aliases win when a
// field has several columns (the inventory number before the device's name).
// GLPI 10's computer list (Computer::rawSearchOptions, fr_FR and en_GB),
// including the "Group - Option" headers of joined columns; OCS Inventory's
// hardware/bios/accountinfo columns. OCS's TAG is the administrative tag a
// group of machines shares (often the site), so it maps to site, not tag.
struct Alias {
  std::string_view header;
  std::string_view field;
};
constexpr std::array aliases{
    Alias{"numero d inventaire", "tag"}, Alias{"inventory number", "tag"}, Alias{"asset tag", "tag"},
    Alias{"otherserial", "tag"}, Alias{"tag inventaire", "tag"}, Alias{"inventaire", "tag"},
    Alias{"nom", "name"}, Alias{"name", "name"}, Alias{"hostname", "name"}, Alias{"nom de l ordinateur", "name"},
    Alias{"computer name", "name"},
    Alias{"type", "type"}, Alias{"types", "type"}, Alias{"computer type", "type"}, Alias{"type d ordinateur", "type"},
    Alias{"fabricant", "manufacturer"}, Alias{"manufacturer", "manufacturer"}, Alias{"smanufacturer", "manufacturer"},
    Alias{"constructeur", "manufacturer"}, Alias{"marque", "manufacturer"},
    Alias{"modele", "model"}, Alias{"model", "model"}, Alias{"smodel", "model"},
    Alias{"numero de serie", "serial"}, Alias{"serial number", "serial"}, Alias{"serial", "serial"},
    Alias{"ssn", "serial"}, Alias{"n de serie", "serial"}, Alias{"no de serie", "serial"},
    Alias{"utilisateur", "user"}, Alias{"user", "user"}, Alias{"userid", "user"}, Alias{"usager", "user"},
    Alias{"alternate username", "user"},
    Alias{"lieu", "site"}, Alias{"location", "site"}, Alias{"site", "site"}, Alias{"localisation", "site"},
    Alias{"emplacement", "site"}, Alias{"tag", "site"},
    Alias{"salle", "room"}, Alias{"room", "room"}, Alias{"piece", "room"},
    Alias{"systeme d exploitation nom", "os"}, Alias{"operating system name", "os"},
    Alias{"systeme d exploitation", "os"}, Alias{"operating system", "os"}, Alias{"osname", "os"}, Alias{"os", "os"},
    Alias{"systeme d exploitation version", "os_version"}, Alias{"operating system version", "os_version"},
    Alias{"osversion", "os_version"}, Alias{"os version", "os_version"},
    Alias{"adresse ip", "ip"}, Alias{"ip address", "ip"}, Alias{"ip", "ip"}, Alias{"ipaddr", "ip"},
    Alias{"ports reseau ip", "ip"}, Alias{"network ports ip", "ip"}, Alias{"adresses ip", "ip"},
    Alias{"adresse mac", "mac"}, Alias{"mac address", "mac"}, Alias{"mac", "mac"}, Alias{"macaddr", "mac"},
    Alias{"date d achat", "purchase_date"}, Alias{"date of purchase", "purchase_date"},
    Alias{"purchase date", "purchase_date"},
    Alias{"date d expiration de la garantie", "warranty_end"}, Alias{"date de fin de garantie", "warranty_end"},
    Alias{"fin de garantie", "warranty_end"}, Alias{"warranty expiration date", "warranty_end"},
    Alias{"warranty end date", "warranty_end"}, Alias{"warranty end", "warranty_end"},
    Alias{"statut", "status"}, Alias{"status", "status"}, Alias{"etat", "status"}, Alias{"state", "status"},
    Alias{"commentaires", "notes"}, Alias{"comments", "notes"}, Alias{"commentaire", "notes"},
    Alias{"notes", "notes"}, Alias{"comment", "notes"},
};

// The detected field of one header and its rank (lower wins), or nullopt.
std::optional<std::pair<std::string_view, int>> known_header(std::string_view header) {
  auto find = [](const std::string& key) -> std::optional<std::pair<std::string_view, int>> {
    for (std::size_t i = 0; i < aliases.size(); ++i)
      if (aliases[i].header == key) return std::pair{aliases[i].field, static_cast<int>(i)};
    return std::nullopt;
  };
  if (auto hit = find(fold_key(header))) return hit;
  // "Ports réseau - Adresse MAC", "Informations financières et administratives - Date d'achat".
  if (const auto dash = header.rfind(" - "); dash != std::string_view::npos) {
    auto hit = find(fold_key(header.substr(dash + 3)));
    if (hit && hit->first != "name") return std::pair{hit->first, hit->second + static_cast<int>(aliases.size())};
  }
  return std::nullopt;
}

// One column the parser reads.
struct Column {
  std::size_t index;
  std::string header;
  std::string field;
  int rank;
};

// The columns of `header` by detection or by `map`; empty `error` when fine.
std::vector<Column> map_columns(const std::vector<std::string>& header, std::size_t width, const ColumnMap* map,
                                std::string& error) {
  std::vector<Column> cols;
  if (map) {
    for (std::size_t m = 0; m < map->columns.size(); ++m) {
      const auto& [wanted, field] = map->columns[m];
      const std::string key = fold_key(wanted);
      std::size_t found = width;
      for (std::size_t i = 0; i < width && found == width; ++i)
        if (fold_key(header[i]) == key) found = i;
      if (found == width) {
        error = "the mapping names the column '" + wanted + "', which the header line does not have";
        return {};
      }
      if (field != "ignore") cols.push_back({found, header[found], field, static_cast<int>(m)});
    }
  } else {
    for (std::size_t i = 0; i < width; ++i)
      if (auto hit = known_header(header[i])) cols.push_back({i, header[i], std::string(hit->first), hit->second});
  }
  // Columns of one field by rank; "name" is read as a lesser tag.
  for (Column& c : cols)
    if (c.field == "name") {
      c.field = "tag";
      c.rank += 100000;
    }
  std::stable_sort(cols.begin(), cols.end(), [](const Column& a, const Column& b) { return a.rank < b.rank; });
  return cols;
}

bool has_field(const std::vector<Column>& cols, std::string_view f) {
  return std::any_of(cols.begin(), cols.end(), [&](const Column& c) { return c.field == f; });
}

// [SECTION] Rows: cells to an asset --------------------------------------------

// Tokens of a multi-valued cell (GLPI joins values with line breaks or
// "$$##$$"; lists also use commas, spaces or '|').
std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 6, "$$##$$") == 0) {
      i += 6;
      continue;
    }
    if (s.compare(i, 4, "<br>") == 0) {
      i += 4;
      continue;
    }
    const char c = s[i];
    if (c == ' ' || c == ',' || c == ';' || c == '|' || c == '\n' || c == '\r' || c == '\t') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != ',' && s[i] != ';' && s[i] != '|' && s[i] != '\n' &&
           s[i] != '\r' && s[i] != '\t' && s.compare(i, 6, "$$##$$") != 0 && s.compare(i, 4, "<br>") != 0)
      ++i;
    out.push_back(s.substr(start, i - start));
  }
  return out;
}

struct RowBuilder {
  const std::vector<Column>& cols;
  AssetCsvReport& report;
  std::unordered_map<std::string, int> tag_lines;

  // The first non-empty cell of `field` (columns are ranked), with its column.
  std::pair<std::string_view, const Column*> cell(const std::vector<std::string>& f, std::string_view field) const {
    for (const Column& c : cols)
      if (c.field == field) {
        const std::string_view v = trim(f[c.index]);
        if (!v.empty()) return {v, &c};
      }
    return {{}, nullptr};
  }

  void reject(int line, std::string code, const Column* col, std::string_view value, std::string message,
              int other_line = 0) {
    report.rejected.push_back({line, std::move(code), col ? col->header : std::string(), std::string(value),
                               "line " + std::to_string(line) + ": " + message, other_line});
  }

  // The asset of one record, or nullopt after a rejection.
  std::optional<AssetCsvRow> build(const std::vector<std::string>& f, int line) {
    AssetCsvRow row;
    row.line = line;
    Asset& a = row.asset;
    auto text = [&](std::string_view field, std::string& out) {
      const auto [v, col] = cell(f, field);
      if (col) {
        out.assign(v);
        row.fields.emplace_back(field);
      }
      return col != nullptr;
    };
    text("tag", a.tag);
    text("serial", a.serial);
    if (a.tag.empty() && a.serial.empty()) {
      reject(line, "csv.missing_key", nullptr, {}, "no tag and no serial number: the row names no device");
      return std::nullopt;
    }
    if (!a.tag.empty()) {
      if (const auto it = tag_lines.find(a.tag); it != tag_lines.end()) {
        reject(line, "csv.duplicate_tag", cell(f, "tag").second, a.tag,
               "tag '" + a.tag + "' already given on line " + std::to_string(it->second), it->second);
        return std::nullopt;
      }
    }
    text("manufacturer", a.manufacturer);
    text("model", a.model);
    text("user", a.user);
    text("notes", a.notes);
    if (text("site", a.site) && !has_field(cols, "room")) {
      // GLPI's location is a path: "Paris > Bâtiment A > Salle 12".
      if (const auto gt = a.site.find(" > "); gt != std::string::npos) {
        a.room = a.site.substr(gt + 3);
        a.site.resize(gt);
        row.fields.emplace_back("room");
      }
    }
    text("room", a.room);
    if (const auto [v, col] = cell(f, "type"); col) {
      if (auto t = csv_asset_type(v)) a.type = *t;
      else report.warnings.push_back("line " + std::to_string(line) + ": type '" + std::string(v) + "' not recognised, kept as other");
      row.fields.emplace_back("type");
    }
    if (const auto [v, col] = cell(f, "status"); col) {
      if (auto s = csv_asset_status(v)) a.status = *s;
      else report.warnings.push_back("line " + std::to_string(line) + ": status '" + std::string(v) + "' not recognised, kept as in_use");
      row.fields.emplace_back("status");
    }
    const auto [os_name, os_col] = cell(f, "os");
    const auto [os_ver, ver_col] = cell(f, "os_version");
    if (os_col) {
      const auto fact = os_fact_value(os_name);
      a.os = fact ? *fact : std::string(os_name);
      row.fields.emplace_back("os");
      // "Debian GNU/Linux 12" says more than "linux": the distribution goes to the version.
      if (fact && *fact == "linux" && fold_key(os_name) != "linux") {
        a.os_version = os_name;
        if (ver_col && os_name.find(os_ver) == std::string_view::npos) a.os_version += " " + std::string(os_ver);
        row.fields.emplace_back("os_version");
      }
    }
    if (ver_col && a.os_version.empty()) {
      a.os_version = os_ver;
      row.fields.emplace_back("os_version");
    }
    for (std::string_view field : {"purchase_date", "warranty_end"}) {
      const auto [v, col] = cell(f, field);
      if (!col) continue;
      const auto d = parse_csv_date(v);
      if (!d) {
        reject(line, "csv.bad_date", col, v,
               "column '" + col->header + "': '" + std::string(v) + "' is not a date (YYYY-MM-DD or DD/MM/YYYY)");
        return std::nullopt;
      }
      (field == "purchase_date" ? a.purchase_date : a.warranty_end) = d;
      row.fields.emplace_back(field);
    }
    if (const auto [v, col] = cell(f, "ip"); col) {
      for (std::string_view t : tokens(v))
        if (valid_ipv4(t)) {
          a.ip = t;
          break;
        }
      // IPv6 addresses are not kept but are no reason to refuse the row.
      const auto all = tokens(v);
      const bool only_v6 = std::all_of(all.begin(), all.end(), [](std::string_view t) { return t.find(':') != std::string_view::npos; });
      if (a.ip.empty() && !only_v6) {
        reject(line, "csv.bad_ip", col, v, "column '" + col->header + "': '" + std::string(v) + "' is not an IPv4 address");
        return std::nullopt;
      }
      if (!a.ip.empty()) row.fields.emplace_back("ip");
    }
    if (const auto [v, col] = cell(f, "mac"); col) {
      for (std::string_view t : tokens(v))
        if (auto m = normalise_mac(t)) {
          a.mac = *m;
          break;
        }
      if (a.mac.empty()) {
        reject(line, "csv.bad_mac", col, v, "column '" + col->header + "': '" + std::string(v) + "' is not a MAC address");
        return std::nullopt;
      }
      row.fields.emplace_back("mac");
    }
    if (a.purchase_date && a.warranty_end && *a.warranty_end < *a.purchase_date) {
      reject(line, "csv.warranty_before_purchase", cell(f, "warranty_end").second, format_date(*a.warranty_end),
             "the warranty ends (" + format_date(*a.warranty_end) + ") before the purchase (" +
                 format_date(*a.purchase_date) + ")");
      return std::nullopt;
    }
    // The model's other rules, on a tag the merge may fill from the serial.
    Asset probe = a;
    if (probe.tag.empty()) probe.tag = probe.serial;
    if (std::string err = check_asset(probe); !err.empty()) {
      reject(line, "csv.invalid", nullptr, {}, err);
      return std::nullopt;
    }
    if (!a.tag.empty()) tag_lines.emplace(a.tag, line);
    return row;
  }
};

std::string header_text(const std::vector<std::string>& h, std::size_t width, char sep) {
  std::string out;
  for (std::size_t i = 0; i < width; ++i) {
    if (i) out += sep;
    out += h[i];
  }
  return out;
}

void file_error(AssetCsvResult& r, int line, std::string code, const std::string& message, std::string detail = {}) {
  std::string where = r.report.file.empty() ? std::string() : r.report.file + ":";
  if (line > 0) where += std::to_string(line) + ":";
  r.report.errors.push_back({line, std::move(code), (where.empty() ? "" : where + " ") + message, std::move(detail)});
}

}  // namespace

// [SECTION] Entry points ---------------------------------------------------------

std::string_view name(CsvEncoding e) {
  switch (e) {
    case CsvEncoding::utf8: return "utf-8";
    case CsvEncoding::utf8_bom: return "utf-8-bom";
    case CsvEncoding::windows1252: return "windows-1252";
    case CsvEncoding::utf16le: return "utf-16le";
    case CsvEncoding::utf16be: return "utf-16be";
  }
  return "utf-8";
}

namespace {

AssetCsvResult parse(std::string_view bytes, const ColumnMap* map, std::string file) {
  AssetCsvResult r;
  r.report.file = std::move(file);
  std::string utf16;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    r.report.encoding = CsvEncoding::utf8_bom;
  } else if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    // Excel's "Unicode text": UTF-16 with its BOM, read as UTF-8 from here on.
    const bool little = bytes[0] == '\xFF';
    utf16 = utf16_to_utf8(bytes.substr(2), little);
    bytes = utf16;
    r.report.encoding = little ? CsvEncoding::utf16le : CsvEncoding::utf16be;
  }
  if (trim(bytes).empty()) {
    file_error(r, 0, "csv.empty", "empty file: no header line and no rows");
    return r;
  }
  if (const std::size_t at = binary_at(bytes); at != std::string_view::npos) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "byte 0x%02X at offset %zu", static_cast<unsigned char>(bytes[at]), at);
    file_error(r, 0, "csv.binary", "binary content (" + std::string(buf) + "): not a CSV text file", buf);
    return r;
  }
  std::string text;
  if (valid_utf8(bytes)) {
    text.assign(bytes);
  } else if (r.report.encoding == CsvEncoding::utf8_bom) {
    text = to_utf8(bytes);
    r.report.warnings.push_back("bytes that are not UTF-8 in a file marked UTF-8 were read as Windows-1252");
  } else {
    text = cp1252_to_utf8(bytes);
    r.report.encoding = CsvEncoding::windows1252;
  }
  // Old Mac exports end lines with a lone CR.
  if (text.find('\n') == std::string::npos) std::replace(text.begin(), text.end(), '\r', '\n');
  const char sep = detect_separator(text);
  r.report.separator = sep;
  RecordReader reader(text, sep);
  std::vector<std::string> header, fields;
  std::size_t width = 0, count = 0;
  int line = 0;
  bool open = false;
  // Blank lines before the header are skipped.
  do {
    if (!reader.next(header, width, line, open)) break;
  } while (width == 1 && trim(header[0]).empty());
  if (open) {
    file_error(r, line, "csv.truncated", "truncated file: the quote opened on the header line never closes");
    return r;
  }
  std::string error;
  const std::vector<Column> cols = map_columns(header, width, map, error);
  if (!error.empty()) {
    file_error(r, line, "csv.bad_mapping", error, error.substr(error.find('\'') + 1, error.find("', which") - error.find('\'') - 1));
    return r;
  }
  if (!has_field(cols, "tag") && !has_field(cols, "serial")) {
    std::string msg = "no column for the tag (Numéro d'inventaire, Inventory number, Nom, Name) or the serial number "
                      "(Numéro de série, Serial number, SSN) in the header line '" +
                      header_text(header, width, sep) + "'";
    if (width == 1) msg += " (one column only: is the separator something other than ; , or tab?)";
    file_error(r, line, "csv.missing_column", msg, header_text(header, width, sep));
    return r;
  }
  r.report.header_columns = static_cast<int>(width);
  for (const Column& c : cols) r.report.mapping.emplace_back(c.header, c.rank >= 100000 ? "name" : c.field);
  RowBuilder builder{cols, r.report, {}};
  while (reader.next(fields, count, line, open)) {
    if (open) {
      file_error(r, line, "csv.truncated",
                 "truncated file: the quote opened on line " + std::to_string(line) + " never closes; the rows before it are kept");
      break;
    }
    if (count == 1 && trim(fields[0]).empty()) continue;
    ++r.report.data_rows;
    // Trailing empty cells beyond the header are harmless (some exports end lines with the separator).
    std::size_t used = count;
    while (used > width && trim(fields[used - 1]).empty()) --used;
    if (used != width) {
      builder.reject(line, "csv.column_count", nullptr, {},
                     "wrong column count: " + std::to_string(count) + " cells, the header has " + std::to_string(width));
      continue;
    }
    if (auto row = builder.build(fields, line)) r.rows.push_back(std::move(*row));
  }
  return r;
}

}  // namespace

AssetCsvResult parse_asset_csv(std::string_view bytes, const ColumnMap* map) { return parse(bytes, map, {}); }

AssetCsvResult read_asset_csv(const std::filesystem::path& file, const ColumnMap* map) {
  // Regular files only, within max_asset_csv_bytes: a FIFO or /dev/zero is
  // refused at once, never read for ever.
  std::string bytes;
  if (base::FileStatus s = base::read_file(file, bytes, max_asset_csv_bytes); !s) {
    AssetCsvResult r;
    r.report.file = file.string();
    file_error(r, 0, "csv.unreadable", "cannot read the file: " + s.reason, s.reason);
    return r;
  }
  return parse(bytes, map, file.string());
}

}  // namespace diagdesk::service
