// The asset inventory's values: names, checks, MAC and IPv4 forms, one
// field set from text with its history event.
#include <diagdesk/service/asset.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace diagdesk::service {

namespace {

constexpr std::array<std::pair<AssetType, std::string_view>, 11> asset_types{{
    {AssetType::desktop, "desktop"}, {AssetType::laptop, "laptop"}, {AssetType::printer, "printer"},
    {AssetType::phone, "phone"}, {AssetType::tablet, "tablet"}, {AssetType::monitor, "monitor"},
    {AssetType::switch_, "switch"}, {AssetType::access_point, "access_point"}, {AssetType::router, "router"},
    {AssetType::server, "server"}, {AssetType::other, "other"}}};
constexpr std::array<std::pair<AssetStatus, std::string_view>, 4> asset_statuses{{
    {AssetStatus::in_use, "in_use"}, {AssetStatus::in_stock, "in_stock"}, {AssetStatus::in_repair, "in_repair"},
    {AssetStatus::retired, "retired"}}};

template <class E, std::size_t N>
std::optional<E> find_value(std::string_view s, const std::array<std::pair<E, std::string_view>, N>& table) {
  for (const auto& [value, text] : table) {
    if (text == s) return value;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view find_text(E value, const std::array<std::pair<E, std::string_view>, N>& table) {
  for (const auto& [v, text] : table) {
    if (v == value) return text;
  }
  return "?";
}

std::string date_text(const std::optional<Date>& d) { return d ? format_date(*d) : std::string(); }

}  // namespace

std::string_view name(AssetType t) { return find_text(t, asset_types); }
std::string_view name(AssetStatus s) { return find_text(s, asset_statuses); }
std::optional<AssetType> parse_asset_type(std::string_view s) { return find_value(s, asset_types); }
std::optional<AssetStatus> parse_asset_status(std::string_view s) { return find_value(s, asset_statuses); }

std::optional<std::string> normalise_mac(std::string_view s) {
  std::string hex;
  for (const char c : s) {
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (c != ':' && c != '-' && c != '.' && c != ' ') return std::nullopt;
  }
  if (hex.size() != 12) return std::nullopt;
  // The separators must group the digits as a MAC does (pairs, or Cisco's
  // three groups of four), not anywhere.
  const bool plain = hex.size() == s.size();
  const bool pairs = s.size() == 17 && (s[2] == ':' || s[2] == '-');
  const bool cisco = s.size() == 14 && s[4] == '.' && s[9] == '.';
  if (!plain && !pairs && !cisco) return std::nullopt;
  if (pairs) {
    for (std::size_t i = 2; i < 17; i += 3) {
      if (s[i] != s[2]) return std::nullopt;
    }
  }
  std::string out;
  for (std::size_t i = 0; i < 12; i += 2) out += (out.empty() ? "" : ":") + hex.substr(i, 2);
  return out;
}

bool valid_ipv4(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t digits = 0;
    int value = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      value = value * 10 + (s[i] - '0');
      ++digits;
      ++i;
      if (digits > 3) return false;
    }
    if (digits == 0 || value > 255 || (digits > 1 && s[i - digits] == '0')) return false;
    ++parts;
    if (i == s.size()) return parts == 4;
    if (s[i] != '.' || parts == 4) return false;
    ++i;
  }
}

std::string check_asset(const Asset& a) {
  if (a.tag.empty()) return "the tag is empty";
  for (const char c : a.tag) {
    if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c)))
      return "tag '" + a.tag + "': no spaces or control characters in a tag";
  }
  if (!a.ip.empty() && !valid_ipv4(a.ip)) return "ip '" + a.ip + "': not a dotted IPv4 address (192.168.1.20)";
  if (!a.mac.empty() && normalise_mac(a.mac) != a.mac)
    return "mac '" + a.mac + "': not a MAC address (aa:bb:cc:dd:ee:ff)";
  if (a.purchase_date && a.warranty_end && *a.warranty_end < *a.purchase_date)
    return "warranty_end " + format_date(*a.warranty_end) + " is before purchase_date " + format_date(*a.purchase_date);
  return {};
}

const std::vector<std::string>& asset_fields() {
  static const std::vector<std::string> fields{"type",    "manufacturer", "model",         "serial",       "user",
                                               "site",    "room",         "os",            "os_version",   "ip",
                                               "mac",     "purchase_date", "warranty_end", "status",       "notes"};
  return fields;
}

std::string set_asset_field(Asset& a, std::string_view field, const std::string& value, const std::string& actor,
                            Time at, std::vector<AssetEvent>& events) {
  Asset changed = a;
  std::string old_value;
  std::string new_value = value;
  auto text_field = [&](std::string& f) {
    old_value = f;
    f = value;
  };
  auto date_field = [&](std::optional<Date>& f) -> std::string {
    old_value = date_text(f);
    if (value.empty()) {
      f.reset();
      return {};
    }
    const auto d = parse_date(value);
    if (!d) return std::string(field) + " '" + value + "': not a date (YYYY-MM-DD)";
    f = *d;
    new_value = format_date(*d);
    return {};
  };
  std::string why;
  if (field == "type") {
    const auto t = parse_asset_type(value);
    if (!t) return "type '" + value + "': not an asset type";
    old_value = std::string(name(a.type));
    changed.type = *t;
  } else if (field == "status") {
    const auto s = parse_asset_status(value);
    if (!s) return "status '" + value + "': not an asset status (in_use, in_stock, in_repair, retired)";
    old_value = std::string(name(a.status));
    changed.status = *s;
  } else if (field == "manufacturer") text_field(changed.manufacturer);
  else if (field == "model") text_field(changed.model);
  else if (field == "serial") text_field(changed.serial);
  else if (field == "user") text_field(changed.user);
  else if (field == "site") text_field(changed.site);
  else if (field == "room") text_field(changed.room);
  else if (field == "os") text_field(changed.os);
  else if (field == "os_version") text_field(changed.os_version);
  else if (field == "notes") text_field(changed.notes);
  else if (field == "ip") text_field(changed.ip);
  else if (field == "mac") {
    old_value = a.mac;
    if (value.empty()) changed.mac.clear();
    else if (const auto m = normalise_mac(value)) changed.mac = new_value = *m;
    else return "mac '" + value + "': not a MAC address (aa:bb:cc:dd:ee:ff)";
  } else if (field == "purchase_date") why = date_field(changed.purchase_date);
  else if (field == "warranty_end") why = date_field(changed.warranty_end);
  else return "'" + std::string(field) + "': not an asset field";
  if (!why.empty()) return why;
  if (auto err = check_asset(changed); !err.empty()) return err;
  if (old_value == new_value) return {};  // nothing changed: no event
  changed.updated_at = at;
  a = std::move(changed);
  AssetEvent e;
  e.asset_id = a.id;
  e.at = at;
  e.actor = actor;
  e.kind = EventKind::field;
  e.field = std::string(field);
  e.old_value = std::move(old_value);
  e.new_value = std::move(new_value);
  events.push_back(std::move(e));
  return {};
}

}  // namespace diagdesk::service
