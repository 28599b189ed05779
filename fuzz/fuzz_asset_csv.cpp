// Fuzz target: an asset CSV (GLPI's computer list, OCS Inventory's export)
// parsed by service::parse_asset_csv as `diagdesk asset import` reads it,
// with the detected columns or an explicit mapping (odd first byte), then
// merged against a store that knows one asset, as the import saves them.
#include "fuzz_common.hpp"

#include <diagdesk/service/asset_csv.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diagdesk;
  if (size == 0) return 0;
  service::ColumnMap map;
  map.columns = {{"Nom", "tag"}, {"Numéro de série", "serial"}, {"Adresse IP", "ip"}, {"Date d'achat", "purchase_date"}};
  const service::AssetCsvResult r =
      service::parse_asset_csv(fuzz::as_text(data + 1, size - 1), data[0] & 1 ? &map : nullptr);
  service::Asset known;
  known.id = 7;
  known.tag = "PC-0001";
  known.serial = "SN123";
  known.version = 1;
  const auto merged = service::merge_assets(r, [&](const std::string& tag, const std::string& serial) {
    return tag == known.tag || serial == known.serial ? std::optional<service::Asset>(known) : std::nullopt;
  });
  (void)service::count(merged);
  return 0;
}
