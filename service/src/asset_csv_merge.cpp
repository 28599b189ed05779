// Importing assets from CSV: cell values (dates, OS, type, status), the
// mapping file, and the merge with the stored assets (see asset_csv.hpp).
#include <diagdesk/service/asset_csv.hpp>

#include "asset_csv_internal.hpp"
#include "toml_file.hpp"

#include <diagdesk/base/safe_file.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <sstream>

namespace diagdesk::service {
namespace {

using detail::fold_key;

bool read_int(std::string_view s, int& out) {
  if (s.empty() || s.size() > 4) return false;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool real_date(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

// "HH:MM" or "HH:MM:SS".
bool valid_time(std::string_view s) {
  int h = 0, m = 0, sec = 0;
  if (s.size() != 5 && s.size() != 8) return false;
  if (s[2] != ':' || (s.size() == 8 && s[5] != ':')) return false;
  if (!read_int(s.substr(0, 2), h) || !read_int(s.substr(3, 2), m)) return false;
  if (s.size() == 8 && !read_int(s.substr(6, 2), sec)) return false;
  return h < 24 && m < 60 && sec < 60;
}

// The folded words of `s`.
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in(fold_key(s));
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool has_word(const std::vector<std::string>& w, std::string_view x) { return std::find(w.begin(), w.end(), x) != w.end(); }

}  // namespace

// [Cell values] -------------------------------------------------------------------

std::optional<Date> parse_csv_date(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.size() > 10) {
    const char sep = s[10];
    if ((sep != ' ' && sep != 'T') || !valid_time(s.substr(11))) return std::nullopt;
    s = s.substr(0, 10);
  }
  if (s.size() != 10) return std::nullopt;
  int y = 0, m = 0, d = 0;
  bool ok = false;
  if (s[4] == '-' && s[7] == '-') {
    ok = read_int(s.substr(0, 4), y) && read_int(s.substr(5, 2), m) && read_int(s.substr(8, 2), d);
  } else if ((s[2] == '/' && s[5] == '/') || (s[2] == '-' && s[5] == '-')) {
    ok = read_int(s.substr(0, 2), d) && read_int(s.substr(3, 2), m) && read_int(s.substr(6, 4), y);
  }
  if (!ok || !real_date(y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

std::optional<std::string> os_fact_value(std::string_view os_name) {
  const auto w = words(os_name);
  const std::string folded = fold_key(os_name);
  if (has_word(w, "windows")) {
    if (has_word(w, "server")) return std::nullopt;
    if (has_word(w, "11") || folded.find("windows11") != std::string::npos) return "windows11";
    if (has_word(w, "10") || folded.find("windows10") != std::string::npos) return "windows10";
    return std::nullopt;
  }
  if (has_word(w, "macos") || has_word(w, "osx") || folded.find("mac os") != std::string::npos ||
      folded.find("os x") != std::string::npos)
    return "macos";
  if (has_word(w, "android")) return "android";
  if (has_word(w, "ios") || has_word(w, "ipados")) return "ios";
  for (std::string_view distro : {"linux", "debian", "ubuntu", "fedora", "centos", "rhel", "redhat", "rocky",
                                  "almalinux", "suse", "opensuse", "mint", "kubuntu", "xubuntu", "manjaro"})
    if (has_word(w, distro)) return "linux";
  if (folded.find("red hat") != std::string::npos) return "linux";
  return std::nullopt;
}

std::optional<AssetType> csv_asset_type(std::string_view s) {
  const std::string k = fold_key(s);
  static const std::map<std::string, AssetType, std::less<>> known{
      {"portable", AssetType::laptop}, {"laptop", AssetType::laptop}, {"notebook", AssetType::laptop},
      {"ordinateur portable", AssetType::laptop}, {"pc portable", AssetType::laptop},
      {"desktop", AssetType::desktop}, {"ordinateur de bureau", AssetType::desktop}, {"bureau", AssetType::desktop},
      {"poste fixe", AssetType::desktop}, {"fixe", AssetType::desktop}, {"tour", AssetType::desktop},
      {"tower", AssetType::desktop}, {"mini tour", AssetType::desktop}, {"all in one", AssetType::desktop},
      {"tout en un", AssetType::desktop}, {"workstation", AssetType::desktop}, {"station de travail", AssetType::desktop},
      {"serveur", AssetType::server}, {"server", AssetType::server}, {"imprimante", AssetType::printer},
      {"printer", AssetType::printer}, {"telephone", AssetType::phone}, {"phone", AssetType::phone},
      {"smartphone", AssetType::phone}, {"tablette", AssetType::tablet}, {"tablet", AssetType::tablet},
      {"ecran", AssetType::monitor}, {"moniteur", AssetType::monitor}, {"monitor", AssetType::monitor},
      {"switch", AssetType::switch_}, {"commutateur", AssetType::switch_}, {"borne wifi", AssetType::access_point},
      {"point d acces", AssetType::access_point}, {"access point", AssetType::access_point},
      {"routeur", AssetType::router}, {"router", AssetType::router}, {"autre", AssetType::other},
      {"other", AssetType::other}};
  if (const auto it = known.find(k); it != known.end()) return it->second;
  return parse_asset_type(s);
}

std::optional<AssetStatus> csv_asset_status(std::string_view s) {
  const std::string k = fold_key(s);
  static const std::map<std::string, AssetStatus, std::less<>> known{
      {"en service", AssetStatus::in_use}, {"in use", AssetStatus::in_use}, {"en production", AssetStatus::in_use},
      {"production", AssetStatus::in_use}, {"actif", AssetStatus::in_use}, {"active", AssetStatus::in_use},
      {"en stock", AssetStatus::in_stock}, {"stock", AssetStatus::in_stock}, {"in stock", AssetStatus::in_stock},
      {"en reparation", AssetStatus::in_repair}, {"reparation", AssetStatus::in_repair},
      {"in repair", AssetStatus::in_repair}, {"repair", AssetStatus::in_repair}, {"en panne", AssetStatus::in_repair},
      {"maintenance", AssetStatus::in_repair}, {"rebut", AssetStatus::retired}, {"au rebut", AssetStatus::retired},
      {"retire", AssetStatus::retired}, {"retired", AssetStatus::retired}, {"reforme", AssetStatus::retired},
      {"hors service", AssetStatus::retired}, {"disposed", AssetStatus::retired}};
  if (const auto it = known.find(k); it != known.end()) return it->second;
  return parse_asset_status(s);
}

std::string asset_field_text(const Asset& a, std::string_view f) {
  auto date = [](const std::optional<Date>& d) { return d ? format_date(*d) : std::string(); };
  if (f == "tag") return a.tag;
  if (f == "type") return std::string(name(a.type));
  if (f == "manufacturer") return a.manufacturer;
  if (f == "model") return a.model;
  if (f == "serial") return a.serial;
  if (f == "user") return a.user;
  if (f == "site") return a.site;
  if (f == "room") return a.room;
  if (f == "os") return a.os;
  if (f == "os_version") return a.os_version;
  if (f == "ip") return a.ip;
  if (f == "mac") return a.mac;
  if (f == "purchase_date") return date(a.purchase_date);
  if (f == "warranty_end") return date(a.warranty_end);
  if (f == "status") return std::string(name(a.status));
  if (f == "notes") return a.notes;
  return {};
}

namespace {

void copy_field(Asset& to, const Asset& from, std::string_view f) {
  if (f == "tag") to.tag = from.tag;
  else if (f == "type") to.type = from.type;
  else if (f == "manufacturer") to.manufacturer = from.manufacturer;
  else if (f == "model") to.model = from.model;
  else if (f == "serial") to.serial = from.serial;
  else if (f == "user") to.user = from.user;
  else if (f == "site") to.site = from.site;
  else if (f == "room") to.room = from.room;
  else if (f == "os") to.os = from.os;
  else if (f == "os_version") to.os_version = from.os_version;
  else if (f == "ip") to.ip = from.ip;
  else if (f == "mac") to.mac = from.mac;
  else if (f == "purchase_date") to.purchase_date = from.purchase_date;
  else if (f == "warranty_end") to.warranty_end = from.warranty_end;
  else if (f == "status") to.status = from.status;
  else if (f == "notes") to.notes = from.notes;
}

}  // namespace

// [Mapping file] ------------------------------------------------------------------

const std::vector<std::string>& csv_mapping_fields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> f{"tag", "name"};
    for (const std::string& x : asset_fields()) f.push_back(x);
    f.push_back("ignore");
    return f;
  }();
  return fields;
}

std::optional<ColumnMap> load_column_map(const std::filesystem::path& file, std::string& error) {
  const std::string path = file.string();
  // Regular files only, within the service limit: a FIFO or /dev/zero never blocks.
  std::string text;
  if (base::FileStatus s = base::read_file(file, text, detail::max_service_file_bytes); !s) {
    error = path + ": cannot read the mapping file (" + s.reason + ")";
    return std::nullopt;
  }
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    error = path + ":" + std::to_string(e.source().begin.line) + ":" + std::to_string(e.source().begin.column) + ": " +
            std::string(e.description());
    return std::nullopt;
  }
  auto at = [&](const toml::node& n) {
    return path + ":" + std::to_string(n.source().begin.line) + ":" + std::to_string(n.source().begin.column) + ": ";
  };
  if (const auto* v = root.get("schema_version"); !v || !v->is_integer() || v->value<int64_t>() != 1) {  // is_integer first: toml++ float cast
    error = (v ? at(*v) : path + ":1:1: ") + "schema_version must be 1";
    return std::nullopt;
  }
  const toml::table* cols = root["columns"].as_table();
  if (!cols || cols->empty()) {
    error = path + ":1:1: a [columns] table mapping CSV headers to asset fields is required";
    return std::nullopt;
  }
  // toml++ tables iterate by key; the file's order is the order of the lines.
  std::vector<std::pair<int, std::pair<std::string, std::string>>> ordered;
  for (const auto& [key, node] : *cols) {
    const auto field = node.value<std::string>();
    const auto& allowed = csv_mapping_fields();
    if (!field || std::find(allowed.begin(), allowed.end(), *field) == allowed.end()) {
      std::string list;
      for (const auto& f : allowed) list += (list.empty() ? "" : ", ") + f;
      error = at(node) + "'" + std::string(key.str()) + "' maps to " +
              (field ? "'" + *field + "'" : std::string("a value that is not a string")) + ", not a field (" + list + ")";
      return std::nullopt;
    }
    ordered.push_back({static_cast<int>(node.source().begin.line), {std::string(key.str()), *field}});
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  ColumnMap map;
  for (auto& [line, entry] : ordered) map.columns.push_back(std::move(entry));
  return map;
}

// [Merge] ---------------------------------------------------------------------------

std::string_view name(ImportOutcome o) {
  switch (o) {
    case ImportOutcome::added: return "added";
    case ImportOutcome::updated: return "updated";
    case ImportOutcome::unchanged: return "unchanged";
    case ImportOutcome::rejected: return "rejected";
  }
  return "rejected";
}

std::vector<ImportRow> merge_assets(const AssetCsvResult& parsed, const AssetLookup& lookup) {
  std::vector<ImportRow> out;
  out.reserve(parsed.rows.size() + parsed.report.rejected.size());
  std::map<std::int64_t, int> stored_lines;   // existing asset id -> first line reaching it
  std::map<std::string, int> new_serials;     // serial of an added asset -> its line
  std::map<std::string, int> new_tags;
  for (const CsvRejection& r : parsed.report.rejected) {
    ImportRow row;
    row.line = r.line;
    row.code = r.code;
    row.reason = r.message;
    out.push_back(std::move(row));
  }
  for (const AssetCsvRow& in : parsed.rows) {
    ImportRow row;
    row.line = in.line;
    auto reject = [&](int first, const std::string& what) {
      row.outcome = ImportOutcome::rejected;
      row.asset = in.asset;
      row.code = "csv.duplicate_asset";
      row.reason = "line " + std::to_string(in.line) + ": " + what + " as line " + std::to_string(first);
    };
    std::optional<Asset> existing = lookup ? lookup(in.asset.tag, in.asset.serial) : std::nullopt;
    if (!existing) {
      row.outcome = ImportOutcome::added;
      row.asset = in.asset;
      if (row.asset.tag.empty()) row.asset.tag = row.asset.serial;
      if (auto it = new_tags.find(row.asset.tag); it != new_tags.end()) {
        reject(it->second, "the same tag '" + row.asset.tag + "'");
      } else if (auto s = new_serials.find(row.asset.serial); !row.asset.serial.empty() && s != new_serials.end()) {
        reject(s->second, "the same serial number '" + row.asset.serial + "'");
      } else {
        new_tags.emplace(row.asset.tag, in.line);
        if (!row.asset.serial.empty()) new_serials.emplace(row.asset.serial, in.line);
      }
      out.push_back(std::move(row));
      continue;
    }
    if (const auto [it, fresh] = stored_lines.emplace(existing->id, in.line); !fresh) {
      reject(it->second, "the same stored asset '" + existing->tag + "'");
      out.push_back(std::move(row));
      continue;
    }
    row.asset = *existing;
    row.matched_by = !in.asset.tag.empty() && existing->tag == in.asset.tag ? "tag" : "serial";
    for (const std::string& f : in.fields) {
      if (f == "tag") continue;
      const std::string before = asset_field_text(*existing, f), after = asset_field_text(in.asset, f);
      if (before == after) continue;
      if (std::any_of(row.changes.begin(), row.changes.end(), [&](const FieldChange& c) { return c.field == f; })) continue;
      copy_field(row.asset, in.asset, f);
      row.changes.push_back({f, before, after});
    }
    row.outcome = row.changes.empty() ? ImportOutcome::unchanged : ImportOutcome::updated;
    out.push_back(std::move(row));
  }
  std::stable_sort(out.begin(), out.end(), [](const ImportRow& a, const ImportRow& b) { return a.line < b.line; });
  return out;
}

ImportCounts count(const std::vector<ImportRow>& rows) {
  ImportCounts c;
  for (const ImportRow& r : rows) {
    switch (r.outcome) {
      case ImportOutcome::added: ++c.added; break;
      case ImportOutcome::updated: ++c.updated; break;
      case ImportOutcome::unchanged: ++c.unchanged; break;
      case ImportOutcome::rejected: ++c.rejected; break;
    }
  }
  return c;
}

}  // namespace diagdesk::service
