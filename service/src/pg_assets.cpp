// The PostgreSQL store's asset inventory (pg_store.hpp): the assets table
// and its append-only asset_events, as in the SQLite store (sqlite_assets.cpp).
#include <diagdesk/service/pg_store.hpp>

#include "pg_internal.hpp"

namespace diagdesk::service {

using namespace pg_detail;

namespace {

const char* const asset_select =
    "SELECT id, tag, type, manufacturer, model, serial, user_name, site, room, os, os_version, ip, mac, purchase_date, "
    "warranty_end, status, notes, created_at, updated_at, version FROM assets";

Asset read_asset(const Result& r, int row) {
  Asset a;
  a.id = r.integer(row, 0);
  a.tag = r.text(row, 1);
  a.type = parse_asset_type(r.text(row, 2)).value_or(AssetType::other);
  a.manufacturer = r.text(row, 3);
  a.model = r.text(row, 4);
  a.serial = r.text(row, 5);
  a.user = r.text(row, 6);
  a.site = r.text(row, 7);
  a.room = r.text(row, 8);
  a.os = r.text(row, 9);
  a.os_version = r.text(row, 10);
  a.ip = r.text(row, 11);
  a.mac = r.text(row, 12);
  if (!r.null(row, 13)) a.purchase_date = parse_date(r.text(row, 13));
  if (!r.null(row, 14)) a.warranty_end = parse_date(r.text(row, 14));
  a.status = parse_asset_status(r.text(row, 15)).value_or(AssetStatus::in_use);
  a.notes = r.text(row, 16);
  a.created_at = r.integer(row, 17);
  a.updated_at = r.integer(row, 18);
  a.version = r.integer(row, 19);
  return a;
}

Params& add_date(Params& p, const std::optional<Date>& d) { return d ? p.add(format_date(*d)) : p.null(); }

/// The asset's fields as $1..$18 in the order of the INSERT and UPDATE below.
Params asset_fields(const Asset& a) {
  Params p;
  p.add(a.tag).add(name(a.type)).add(a.manufacturer).add(a.model).add(a.serial).add(a.user).add(a.site);
  p.add(a.room).add(a.os).add(a.os_version).add(a.ip).add(a.mac);
  add_date(p, a.purchase_date);
  add_date(p, a.warranty_end);
  p.add(name(a.status)).add(a.notes).add(a.created_at).add(a.updated_at);
  return p;
}

std::optional<Result> insert_asset_events(PGconn* c, std::int64_t asset_id, std::vector<AssetEvent>& events) {
  return insert_history(c, "INSERT INTO asset_events (asset_id, at, actor, kind, field, old_value, new_value, note) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                        asset_id, &AssetEvent::asset_id, events);
}

/// A tag or serial already taken, said as such; any other failure as usual.
StoreStatus unique_or(PGconn* c, const Result& r, const Asset& a, const std::string& where, const std::string& what) {
  if (r.state() != "23505") return from_pg(c, r, where, what);
  if (r.constraint() == "assets_by_serial")
    return {StoreError::duplicate, "serial number " + a.serial + " is already the serial of another asset"};
  return {StoreError::duplicate, "asset " + a.tag + " exists already"};
}

}  // namespace

StoreStatus PgStore::create_asset(Asset& asset, std::vector<AssetEvent>& events) {
  Tx tx(*this);
  if (!tx.begun.ok()) return tx.begun;
  Asset a = asset;
  a.version = 1;
  Result ins = asset_fields(a).add(a.version).run(
      m_conn, "INSERT INTO assets (tag, type, manufacturer, model, serial, user_name, site, room, os, os_version, ip, "
              "mac, purchase_date, warranty_end, status, notes, created_at, updated_at, version) VALUES ($1, $2, $3, "
              "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id");
  if (!ins.ok()) return unique_or(m_conn, ins, a, m_where, "cannot save asset " + a.tag);
  a.id = ins.integer(0, 0);
  std::vector<AssetEvent> saved = events;
  if (auto bad = insert_asset_events(m_conn, a.id, saved)) return from_pg(m_conn, *bad, m_where, "cannot save the history");
  if (auto s = tx.commit("cannot save asset " + a.tag); !s.ok()) return s;
  asset = std::move(a);
  events = std::move(saved);
  return {};
}

StoreStatus PgStore::update_asset(Asset& asset, std::vector<AssetEvent>& events) {
  Tx tx(*this);
  if (!tx.begun.ok()) return tx.begun;
  Result upd = asset_fields(asset).add(asset.id).add(asset.version).run(
      m_conn, "UPDATE assets SET tag = $1, type = $2, manufacturer = $3, model = $4, serial = $5, user_name = $6, "
              "site = $7, room = $8, os = $9, os_version = $10, ip = $11, mac = $12, purchase_date = $13, "
              "warranty_end = $14, status = $15, notes = $16, created_at = $17, updated_at = $18, "
              "version = version + 1 WHERE id = $19 AND version = $20");
  if (!upd.ok()) return unique_or(m_conn, upd, asset, m_where, "cannot save asset " + asset.tag);
  if (upd.changed() == 0) {
    Result now = Params().add(asset.id).run(m_conn, "SELECT version FROM assets WHERE id = $1");
    if (!now.ok()) return from_pg(m_conn, now, m_where, "cannot read asset " + asset.tag);
    if (now.rows() == 0) return {StoreError::not_found, "no asset " + asset.tag};
    return {StoreError::stale, asset.tag + " was changed by someone else since it was read (saved version " +
                                   std::to_string(now.integer(0, 0)) + ", this copy is version " +
                                   std::to_string(asset.version) + "): show it again, then redo the change"};
  }
  std::vector<AssetEvent> saved = events;
  if (auto bad = insert_asset_events(m_conn, asset.id, saved)) return from_pg(m_conn, *bad, m_where, "cannot save the history");
  if (auto s = tx.commit("cannot save asset " + asset.tag); !s.ok()) return s;
  ++asset.version;
  events = std::move(saved);
  return {};
}

StoreStatus PgStore::get_asset(std::string_view tag, Asset& out) {
  if (auto s = reachable(); !s.ok()) return s;
  Result r = Params().add(tag).run(m_conn, (std::string(asset_select) + " WHERE tag = $1").c_str());
  if (!r.ok()) return from_pg(m_conn, r, m_where, "cannot read asset " + std::string(tag));
  if (r.rows() == 0) return {StoreError::not_found, "no asset " + std::string(tag)};
  out = read_asset(r, 0);
  return {};
}

StoreStatus PgStore::find_asset_by_serial(std::string_view serial, Asset& out) {
  if (serial.empty()) return {StoreError::not_found, "no asset with an empty serial number"};
  if (auto s = reachable(); !s.ok()) return s;
  Result r = Params().add(serial).run(m_conn, (std::string(asset_select) + " WHERE serial = $1").c_str());
  if (!r.ok()) return from_pg(m_conn, r, m_where, "cannot read the asset of serial " + std::string(serial));
  if (r.rows() == 0) return {StoreError::not_found, "no asset with serial number " + std::string(serial)};
  out = read_asset(r, 0);
  return {};
}

StoreStatus PgStore::list_assets(const AssetFilter& f, std::vector<Asset>& out) {
  out.clear();
  if (auto s = reachable(); !s.ok()) return s;
  std::string sql = std::string(asset_select) + " WHERE true";
  Params p;
  int n = 0;
  auto cond = [&](const char* test, std::string value) {
    sql += std::string(" AND ") + test + " $" + std::to_string(++n);
    p.add(std::move(value));
  };
  if (f.type) cond("type =", std::string(name(*f.type)));
  if (f.site) cond("site =", *f.site);
  if (f.user) cond("user_name =", *f.user);
  if (f.warranty_from) cond("warranty_end >=", format_date(*f.warranty_from));
  if (f.warranty_before) cond("warranty_end <", format_date(*f.warranty_before));
  // Tags compare byte by byte, as in SQLite, whatever the database's collation.
  sql += " ORDER BY tag COLLATE \"C\"";
  Result r = p.run(m_conn, sql.c_str());
  if (!r.ok()) return from_pg(m_conn, r, m_where, "cannot list assets");
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_asset(r, i));
  return {};
}

StoreStatus PgStore::asset_history(std::int64_t asset_id, std::vector<AssetEvent>& out) {
  out.clear();
  if (auto s = reachable(); !s.ok()) return s;
  Result r = Params().add(asset_id).run(m_conn, "SELECT id, asset_id, at, actor, kind, field, old_value, new_value, "
                                                "note FROM asset_events WHERE asset_id = $1 ORDER BY id");
  if (!r.ok()) return from_pg(m_conn, r, m_where, "cannot read the history of the asset");
  read_history(r, &AssetEvent::asset_id, EventKind::field, out);
  return {};
}

}  // namespace diagdesk::service
