// Saving an asset CSV import through the desk (asset_import.hpp): the
// lookup, the merge and the saves that `diagdesk asset import` and the GUI's
// Assets tab share.
#include <diagdesk/workspace/asset_import.hpp>

namespace diagdesk::workspace {

AssetImportResult save_asset_import(ServiceDesk& desk, const service::AssetCsvResult& parsed, const std::string& actor,
                                    bool dry_run, const ImportProgress& progress) {
  AssetImportResult out;
  service::StoreStatus lookup_failure;
  auto lookup = [&](const std::string& tag, const std::string& serial) -> std::optional<service::Asset> {
    service::Asset a;
    for (auto [key, by_serial] : {std::pair{&tag, false}, std::pair{&serial, true}}) {
      if (key->empty()) continue;
      auto s = by_serial ? desk.store().find_asset_by_serial(*key, a) : desk.store().get_asset(*key, a);
      if (s.ok()) return a;
      if (s.error != service::StoreError::not_found && lookup_failure.ok()) lookup_failure = s;
    }
    return std::nullopt;
  };
  out.rows = service::merge_assets(parsed, lookup);
  if (!lookup_failure.ok()) {
    out.error = {"store", "", lookup_failure.detail};
    return out;
  }
  // Each asset is saved on its own (one transaction with its events).
  const std::size_t total = out.rows.size();
  std::size_t done = 0;
  for (auto& r : out.rows) {
    AssetView view;
    DeskError e;
    if (!dry_run && r.outcome == service::ImportOutcome::added) {
      e = desk.add_asset(r.asset, actor, view);
    } else if (!dry_run && r.outcome == service::ImportOutcome::updated) {
      for (const auto& c : r.changes) {
        e = desk.update_asset(r.asset.tag, c.field, c.new_value, actor, view);
        if (!e.ok()) break;
      }
    }
    if (!e.ok()) {
      if (e.code != "bad_value" && e.code != "duplicate" && e.code != "not_found" && e.code != "stale") {
        out.error = e;
        return out;
      }
      r.outcome = service::ImportOutcome::rejected;
      r.code = "desk." + e.code;
      r.reason = "line " + std::to_string(r.line) + ": " + e.message;
    }
    if (progress) progress(++done, total);
  }
  return out;
}

}  // namespace diagdesk::workspace
