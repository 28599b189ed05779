#pragma once
/// The asset inventory (the *parc*): one value per device, with its own
/// append-only history like tickets. Plain values: no storage, no I/O.
///
///     Asset a;
///     a.tag = "PC-0042"; a.type = AssetType::laptop;
///     a.os = "windows11"; a.warranty_end = Date{2027, 3, 31};
///     if (auto err = check_asset(a); !err.empty()) tell(err);

#include <diagdesk/service/calendar.hpp>
#include <diagdesk/service/ticket.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::service {

/// What kind of device.
enum class AssetType { desktop, laptop, printer, phone, tablet, monitor, switch_, access_point, router, server, other };
/// Where the device is in its life.
enum class AssetStatus { in_use, in_stock, in_repair, retired };

/// One device. `tag` (inventory number) is the key; `serial` is unique when
/// set. `version` grows at every saved change, as for tickets.
struct Asset {
  std::int64_t id = 0;          ///< store key, 0 until created
  std::string tag;              ///< inventory tag: PC-0042 (required, unique)
  AssetType type = AssetType::other;
  std::string manufacturer;
  std::string model;
  std::string serial;
  std::string user;             ///< login or name of the person using it
  std::string site;
  std::string room;
  std::string os;               ///< a value of the `os` fact when known (windows11, debian, macos...), else as imported
  std::string os_version;
  std::string ip;               ///< IPv4, dotted
  std::string mac;              ///< normalised aa:bb:cc:dd:ee:ff
  std::optional<Date> purchase_date;
  std::optional<Date> warranty_end;
  AssetStatus status = AssetStatus::in_use;
  std::string notes;
  Time created_at = 0;
  Time updated_at = 0;
  std::int64_t version = 0;
};

/// One entry of an asset's history (kind created or field, as for tickets).
struct AssetEvent {
  std::int64_t id = 0;
  std::int64_t asset_id = 0;
  Time at = 0;
  std::string actor;
  EventKind kind = EventKind::field;
  std::string field;
  std::string old_value;
  std::string new_value;
  std::string note;
};

// [Names] Stable ids for files, the database, the CLI and JSON.
std::string_view name(AssetType t);      ///< desktop, laptop, ..., switch, access_point, ...
std::string_view name(AssetStatus s);    ///< in_use, in_stock, in_repair, retired
std::optional<AssetType> parse_asset_type(std::string_view s);
std::optional<AssetStatus> parse_asset_status(std::string_view s);

/// "" when the asset is valid, else an English sentence naming the field
/// (empty tag, malformed IPv4 or MAC, warranty before purchase).
std::string check_asset(const Asset& a);
/// "aa:bb:cc:dd:ee:ff" from "AA-BB-CC-DD-EE-FF", "aabb.ccdd.eeff"...; nullopt if not a MAC.
std::optional<std::string> normalise_mac(std::string_view s);
/// True for a dotted IPv4 address.
bool valid_ipv4(std::string_view s);

/// The fields `set_asset_field` changes (tag excluded): type, manufacturer,
/// model, serial, user, site, room, os, os_version, ip, mac, purchase_date,
/// warranty_end, status, notes.
const std::vector<std::string>& asset_fields();
/// Sets one field from text (dates YYYY-MM-DD), appending a `field` event
/// to `events`; returns "" or an English sentence why the value is refused.
std::string set_asset_field(Asset& a, std::string_view field, const std::string& value, const std::string& actor,
                            Time at, std::vector<AssetEvent>& events);

}  // namespace diagdesk::service
