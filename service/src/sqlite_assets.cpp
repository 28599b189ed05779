// The SQLite store's asset inventory: the assets table and its append-only
// asset_events (schema 3). Tickets point at an asset by its tag.
#include <diagdesk/service/sqlite_store.hpp>

#include "sqlite_internal.hpp"

namespace diagdesk::service {

using namespace sqlite_detail;

namespace {

const char* const asset_columns =
    "id, tag, type, manufacturer, model, serial, user_name, site, room, os, os_version, ip, mac, purchase_date, "
    "warranty_end, status, notes, created_at, updated_at, version";

Asset read_asset(const Stmt& s) {
  Asset a;
  a.id = s.integer(0);
  a.tag = s.text(1);
  a.type = parse_asset_type(s.text(2)).value_or(AssetType::other);
  a.manufacturer = s.text(3);
  a.model = s.text(4);
  a.serial = s.text(5);
  a.user = s.text(6);
  a.site = s.text(7);
  a.room = s.text(8);
  a.os = s.text(9);
  a.os_version = s.text(10);
  a.ip = s.text(11);
  a.mac = s.text(12);
  a.purchase_date = parse_date(s.text(13));
  a.warranty_end = parse_date(s.text(14));
  a.status = parse_asset_status(s.text(15)).value_or(AssetStatus::in_use);
  a.notes = s.text(16);
  a.created_at = s.integer(17);
  a.updated_at = s.integer(18);
  a.version = s.integer(19);
  return a;
}

Stmt& bind_date(Stmt& s, int i, const std::optional<Date>& d) {
  return d ? s.bind(i, format_date(*d)) : s.bind_null(i);
}

/// Binds the asset's fields 1..18 in the order of the INSERT and UPDATE below.
void bind_asset(Stmt& s, const Asset& a) {
  s.bind(1, a.tag)
      .bind(2, std::string(name(a.type)))
      .bind(3, a.manufacturer)
      .bind(4, a.model)
      .bind(5, a.serial)
      .bind(6, a.user)
      .bind(7, a.site)
      .bind(8, a.room)
      .bind(9, a.os)
      .bind(10, a.os_version)
      .bind(11, a.ip)
      .bind(12, a.mac);
  bind_date(s, 13, a.purchase_date);
  bind_date(s, 14, a.warranty_end);
  s.bind(15, std::string(name(a.status))).bind(16, a.notes).bind(17, a.created_at).bind(18, a.updated_at);
}

int insert_asset_events(sqlite3* db, std::int64_t asset_id, std::vector<AssetEvent>& events) {
  for (AssetEvent& e : events) {
    Stmt s(db, "INSERT INTO asset_events (asset_id, at, actor, kind, field, old_value, new_value, note) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Cached{});
    s.bind(1, asset_id).bind(2, e.at).bind(3, e.actor).bind(4, std::string(name(e.kind)));
    s.bind(5, e.field).bind(6, e.old_value).bind(7, e.new_value).bind(8, e.note);
    const int rc = s.step();
    if (rc != SQLITE_DONE) return rc;
    e.asset_id = asset_id;
    e.id = sqlite3_last_insert_rowid(db);
  }
  return SQLITE_OK;
}

/// A tag or serial already taken, said as such; any other failure as usual.
StoreStatus unique_or(int rc, sqlite3* db, const Asset& a, const StoreStatus& otherwise) {
  if (rc != SQLITE_CONSTRAINT_UNIQUE) return otherwise;
  const std::string says = sqlite3_errmsg(db);
  if (says.find("assets.serial") != std::string::npos)
    return {StoreError::duplicate, "serial number " + a.serial + " is already the serial of another asset"};
  return {StoreError::duplicate, "asset " + a.tag + " exists already"};
}

const char* const too_old = "the database is older than the asset inventory (schema 3)";

}  // namespace

StoreStatus SqliteStore::create_asset(Asset& asset, std::vector<AssetEvent>& events) {
  if (m_read_only) return {StoreError::read_only, m_path + ": " + read_only_why};
  if (m_schema < 3) return {StoreError::io, m_path + ": " + too_old};
  Transaction tx(m_db);
  if (tx.begin_rc() != SQLITE_OK) return fault(tx.begin_rc(), "cannot start a change");
  Asset a = asset;
  a.version = 1;
  Stmt insert(m_db,
              "INSERT INTO assets (tag, type, manufacturer, model, serial, user_name, site, room, os, os_version, ip, "
              "mac, purchase_date, warranty_end, status, notes, created_at, updated_at, version) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Cached{});
  bind_asset(insert, a);
  insert.bind(19, a.version);
  int rc = insert.step();
  if (rc != SQLITE_DONE) return unique_or(rc, m_db, a, fault(rc, "cannot save asset " + a.tag));
  a.id = sqlite3_last_insert_rowid(m_db);
  std::vector<AssetEvent> saved = events;
  if ((rc = insert_asset_events(m_db, a.id, saved)) != SQLITE_OK) return fault(rc, "cannot save the history");
  if ((rc = tx.commit()) != SQLITE_OK) return fault(rc, "cannot save asset " + a.tag);
  asset = std::move(a);
  events = std::move(saved);
  return {};
}

StoreStatus SqliteStore::update_asset(Asset& asset, std::vector<AssetEvent>& events) {
  if (m_read_only) return {StoreError::read_only, m_path + ": " + read_only_why};
  if (m_schema < 3) return {StoreError::io, m_path + ": " + too_old};
  Transaction tx(m_db);
  if (tx.begin_rc() != SQLITE_OK) return fault(tx.begin_rc(), "cannot start a change");
  Stmt upd(m_db,
           "UPDATE assets SET tag = ?, type = ?, manufacturer = ?, model = ?, serial = ?, user_name = ?, site = ?, "
           "room = ?, os = ?, os_version = ?, ip = ?, mac = ?, purchase_date = ?, warranty_end = ?, status = ?, "
           "notes = ?, created_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?");
  bind_asset(upd, asset);
  upd.bind(19, asset.id).bind(20, asset.version);
  int rc = upd.step();
  if (rc != SQLITE_DONE) return unique_or(rc, m_db, asset, fault(rc, "cannot save asset " + asset.tag));
  if (sqlite3_changes(m_db) == 0) {
    Stmt now(m_db, "SELECT version FROM assets WHERE id = ?");
    if (now.bind(1, asset.id).step() != SQLITE_ROW) return {StoreError::not_found, "no asset " + asset.tag};
    return {StoreError::stale, asset.tag + " was changed by someone else since it was read (saved version " +
                                   std::to_string(now.integer(0)) + ", this copy is version " +
                                   std::to_string(asset.version) + "): show it again, then redo the change"};
  }
  std::vector<AssetEvent> saved = events;
  if ((rc = insert_asset_events(m_db, asset.id, saved)) != SQLITE_OK) return fault(rc, "cannot save the history");
  if ((rc = tx.commit()) != SQLITE_OK) return fault(rc, "cannot save asset " + asset.tag);
  ++asset.version;
  events = std::move(saved);
  return {};
}

StoreStatus SqliteStore::get_asset(std::string_view tag, Asset& out) {
  if (m_schema < 3) return {StoreError::io, m_path + ": " + too_old};
  Stmt s(m_db, (std::string("SELECT ") + asset_columns + " FROM assets WHERE tag = ?").c_str());
  const int rc = s.bind(1, std::string(tag)).step();
  if (rc == SQLITE_DONE) return {StoreError::not_found, "no asset " + std::string(tag)};
  if (rc != SQLITE_ROW) return fault(rc, "cannot read asset " + std::string(tag));
  out = read_asset(s);
  return {};
}

StoreStatus SqliteStore::find_asset_by_serial(std::string_view serial, Asset& out) {
  if (m_schema < 3) return {StoreError::io, m_path + ": " + too_old};
  if (serial.empty()) return {StoreError::not_found, "no asset with an empty serial number"};
  Stmt s(m_db, (std::string("SELECT ") + asset_columns + " FROM assets WHERE serial = ?").c_str());
  const int rc = s.bind(1, std::string(serial)).step();
  if (rc == SQLITE_DONE) return {StoreError::not_found, "no asset with serial number " + std::string(serial)};
  if (rc != SQLITE_ROW) return fault(rc, "cannot read the asset of serial " + std::string(serial));
  out = read_asset(s);
  return {};
}

StoreStatus SqliteStore::list_assets(const AssetFilter& f, std::vector<Asset>& out) {
  out.clear();
  if (m_schema < 3) return {StoreError::io, m_path + ": " + too_old};
  std::string sql = std::string("SELECT ") + asset_columns + " FROM assets WHERE 1 = 1";
  if (f.type) sql += " AND type = ?";
  if (f.site) sql += " AND site = ?";
  if (f.user) sql += " AND user_name = ?";
  if (f.warranty_from) sql += " AND warranty_end >= ?";
  if (f.warranty_before) sql += " AND warranty_end < ?";
  sql += " ORDER BY tag";
  Stmt s(m_db, sql.c_str());
  int i = 0;
  if (f.type) s.bind(++i, std::string(name(*f.type)));
  if (f.site) s.bind(++i, *f.site);
  if (f.user) s.bind(++i, *f.user);
  if (f.warranty_from) s.bind(++i, format_date(*f.warranty_from));
  if (f.warranty_before) s.bind(++i, format_date(*f.warranty_before));
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_asset(s));
  if (rc != SQLITE_DONE) return fault(rc, "cannot list assets");
  return {};
}

StoreStatus SqliteStore::asset_history(std::int64_t asset_id, std::vector<AssetEvent>& out) {
  out.clear();
  if (m_schema < 3) return {StoreError::io, m_path + ": " + too_old};
  Stmt s(m_db, "SELECT id, asset_id, at, actor, kind, field, old_value, new_value, note FROM asset_events "
               "WHERE asset_id = ? ORDER BY id");
  s.bind(1, asset_id);
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    AssetEvent e;
    e.id = s.integer(0);
    e.asset_id = s.integer(1);
    e.at = s.integer(2);
    e.actor = s.text(3);
    e.kind = parse_event_kind(s.text(4)).value_or(EventKind::field);
    e.field = s.text(5);
    e.old_value = s.text(6);
    e.new_value = s.text(7);
    e.note = s.text(8);
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return fault(rc, "cannot read the history of the asset");
  return {};
}

}  // namespace diagdesk::service
