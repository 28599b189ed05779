// The service desk's asset inventory: add, change, read and list assets,
// the facts an asset gives a ticket's diagnoses (asset_facts.toml) and the
// warranty shown beside a ticket.
//
// [SECTION] Messages
// [SECTION] Facts from an asset
// [SECTION] Reading assets
// [SECTION] Changing assets
#include "service_desk_text.hpp"

#include <diagdesk/base/safe_file.hpp>
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/service/asset_csv.hpp>

#include <toml++/toml.h>

#include <algorithm>

namespace diagdesk::workspace {

using engine::tr;
namespace sv = diagdesk::service;

// [SECTION] Messages --------------------------------------------------------------------

namespace {

/// A refused field: "PC-0042 : valeur refusée pour ip : « 1.2.3 »" in the desk's language.
DeskError field_refused(const std::string& tag, const std::string& field, const std::string& value,
                        const std::string& why, Lang lang) {
  const auto& fields = sv::asset_fields();
  if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
    std::string list;
    for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f;
    return refuse("bad_value", "", tag, field + tr("punct.colon", lang) + fill_braces(tr("desk.asset.unknown_field", lang), list),
                  lang);
  }
  if (why.find("before purchase_date") != std::string::npos)
    return refuse("bad_value", "", tag, tr("desk.asset.warranty_before_purchase", lang), lang);
  return refuse("bad_value", "", tag, fill_braces(fill_braces(tr("desk.asset.bad_value", lang), field), value), lang);
}

DeskError asset_store_error(const sv::StoreStatus& s, const std::string& tag, Lang lang) {
  if (s.error == sv::StoreError::not_found) return refuse("not_found", "", tag, tr("desk.asset.not_found", lang), lang);
  if (s.error == sv::StoreError::stale) return refuse("stale", "", tag, tr("desk.asset.stale", lang), lang);
  if (s.error == sv::StoreError::duplicate) {
    const bool serial = s.detail.find("serial number") != std::string::npos;
    return refuse("duplicate", "", tag, tr(serial ? "desk.asset.duplicate_serial" : "desk.asset.duplicate_tag", lang), lang);
  }
  return store_error(s, tag, lang);
}

}  // namespace

// [SECTION] Facts from an asset ----------------------------------------------------------

void ServiceDesk::load_asset_facts() {
  // The last layer with the file wins, as for the other service files.
  fs::path file;
  for (const auto& layer : m_ws.layers()) {
    std::error_code ec;
    if (fs::is_regular_file(layer.path / "service" / "asset_facts.toml", ec)) file = layer.path / "service" / "asset_facts.toml";
  }
  m_asset_facts.clear();
  if (file.empty()) return;
  const std::string where = file.string();
  auto problem = [&](const toml::source_region& at, std::string message) {
    m_config.problems.push_back({where, static_cast<int>(at.begin.line), static_cast<int>(at.begin.column), std::move(message)});
  };
  // Regular files only, within 16 MiB: a FIFO or a device is said, never read.
  std::string text;
  if (base::FileStatus s = base::read_file(file, text, 16u * 1024u * 1024u); !s) {
    m_config.problems.push_back({where, 0, 0, s.message});
    return;
  }
  toml::table root;
  try {
    root = toml::parse(text, where);
  } catch (const toml::parse_error& e) {
    problem(e.source(), std::string(e.description()));
    return;
  }
  // is_integer first: toml++ 3.3's value<int64_t>() on a float casts out of range (undefined).
  if (!root["schema_version"].is_integer() || root["schema_version"].value<std::int64_t>() != 1) {
    m_config.problems.push_back({where, 1, 1, "schema_version must be 1 (this Diagdesk reads version 1)"});
    return;
  }
  const auto& catalogue = m_ws.knowledge()->facts();
  const auto* rules = root["rule"].as_array();
  if (!rules) return;
  const auto& fields = sv::asset_fields();
  for (const auto& node : *rules) {
    const auto* t = node.as_table();
    if (!t) {
      problem(node.source(), "each [[rule]] is a table");
      continue;
    }
    AssetFactRule r;
    r.field = (*t)["field"].value_or(std::string());
    r.fact = (*t)["fact"].value_or(std::string());
    r.copy = (*t)["copy"].value_or(false);
    if (r.field != "tag" && r.field != "under_warranty" && std::find(fields.begin(), fields.end(), r.field) == fields.end()) {
      problem(t->source(), "field '" + r.field + "' is not an asset field");
      continue;
    }
    if (!catalogue.find(r.fact)) {
      problem(t->source(), "fact '" + r.fact + "' is not in the fact catalogue");
      continue;
    }
    bool ok = true;
    if (const auto* values = (*t)["values"].as_table()) {
      for (const auto& [from, to] : *values) {
        const std::string target = to.value_or(std::string());
        if (!catalogue.normalise(r.fact, target)) {
          problem(to.source(), "'" + target + "' is not a value of fact " + r.fact);
          ok = false;
          continue;
        }
        r.values.emplace_back(std::string(from.str()), target);
      }
    }
    if (ok) m_asset_facts.push_back(std::move(r));
  }
}

std::vector<std::string> ServiceDesk::asset_facts(const sv::Asset& a) const {
  const auto& catalogue = m_ws.knowledge()->facts();
  const std::string warranty = !a.warranty_end ? "" : *a.warranty_end >= today() ? "true" : "false";
  std::vector<std::string> out;
  for (const auto& r : m_asset_facts) {
    const std::string value = r.field == "under_warranty" ? warranty : sv::asset_field_text(a, r.field);
    if (value.empty()) continue;
    std::optional<std::string> fact;
    for (const auto& [from, to] : r.values) {
      if (from == value) fact = to;
    }
    if (!fact && r.copy) fact = catalogue.normalise(r.fact, value);
    if (!fact) continue;  // a value the fact does not know (an imported "Windows 11 Pro"): said nothing
    std::erase_if(out, [&](const std::string& f) { return f.substr(0, f.find('=')) == r.fact; });
    out.push_back(r.fact + "=" + *fact);
  }
  return out;
}

sv::Date ServiceDesk::today() const { return m_config.calendar.local(now()).first; }

void ServiceDesk::fill_warranty(TicketView& out) const {
  out.warranty_end.reset();
  if (out.ticket.asset_tag.empty()) return;
  sv::Asset a;
  if (!m_store->get_asset(out.ticket.asset_tag, a).ok() || !a.warranty_end) return;
  if (*a.warranty_end >= today()) out.warranty_end = a.warranty_end;
}

// [SECTION] Reading assets --------------------------------------------------------------

DeskError ServiceDesk::asset_view(sv::Asset a, AssetView& out) {
  const Lang lang = m_ws.options().lang;
  out = {};
  out.asset = std::move(a);
  if (const auto s = m_store->asset_history(out.asset.id, out.history); !s.ok()) return store_error(s, out.asset.tag, lang);
  if (const auto s = m_store->asset_tickets(out.asset.tag, out.tickets); !s.ok()) return store_error(s, out.asset.tag, lang);
  out.under_warranty = out.asset.warranty_end && *out.asset.warranty_end >= today();
  return {};
}

DeskError ServiceDesk::get_asset(const std::string& tag, AssetView& out) {
  sv::Asset a;
  if (const auto s = m_store->get_asset(tag, a); !s.ok()) return asset_store_error(s, tag, m_ws.options().lang);
  return asset_view(std::move(a), out);
}

DeskError ServiceDesk::list_assets(const AssetQuery& query, std::vector<sv::Asset>& out) {
  const Lang lang = m_ws.options().lang;
  sv::AssetFilter f = query.filter;
  if (query.warranty_within_days) {
    if (*query.warranty_within_days < 0)
      return refuse("bad_value", "", "", fill_braces(tr("desk.asset.bad_days", lang), std::to_string(*query.warranty_within_days)), lang);
    const auto from = sv::days_from_civil(today());
    f.warranty_from = sv::civil_from_days(from);
    f.warranty_before = sv::civil_from_days(from + *query.warranty_within_days + 1);
  }
  if (const auto s = m_store->list_assets(f, out); !s.ok()) return store_error(s, "", lang);
  return {};
}

// [SECTION] Changing assets -------------------------------------------------------------

DeskError ServiceDesk::add_asset(const std::string& tag, const std::vector<std::pair<std::string, std::string>>& fields,
                                 const std::string& actor, AssetView& out) {
  const Lang lang = m_ws.options().lang;
  sv::Asset a;
  a.tag = tag;
  if (!sv::check_asset(a).empty()) return refuse("bad_value", "", tag, tr("desk.asset.bad_tag", lang), lang);
  std::vector<sv::AssetEvent> field_events;
  for (const auto& [field, value] : fields) {
    if (auto why = sv::set_asset_field(a, field, value, actor, now(), field_events); !why.empty())
      return field_refused(tag, field, value, why, lang);
  }
  return save_new_asset(std::move(a), std::move(field_events), actor, &out);
}

DeskError ServiceDesk::add_asset(sv::Asset a, const std::string& actor, AssetView& out) {
  return save_new_asset(std::move(a), {}, actor, &out);
}

DeskError ServiceDesk::add_asset(sv::Asset a, const std::string& actor, AssetView* out) {
  return save_new_asset(std::move(a), {}, actor, out);
}

DeskError ServiceDesk::save_new_asset(sv::Asset a, std::vector<sv::AssetEvent> field_events, const std::string& actor,
                                      AssetView* out) {
  const Lang lang = m_ws.options().lang;
  if (a.tag.empty() || a.tag.find_first_of(" \t\r\n") != std::string::npos)
    return refuse("bad_value", "", a.tag, tr("desk.asset.bad_tag", lang), lang);
  if (auto why = sv::check_asset(a); !why.empty()) {
    const std::string field = why.substr(0, why.find(' '));
    const std::string value = field == "ip" ? a.ip : field == "mac" ? a.mac : "";
    return field_refused(a.tag, field == "warranty_end" ? "warranty_end" : field, value, why, lang);
  }
  const sv::Time at = now();
  a.created_at = a.updated_at = at;
  a.version = 0;
  // The history starts with the creation and what the asset was given.
  std::vector<sv::AssetEvent> events;
  sv::AssetEvent created;
  created.at = at;
  created.actor = actor;
  created.kind = sv::EventKind::created;
  events.push_back(created);
  for (auto& e : field_events) {
    e.at = at;
    events.push_back(std::move(e));
  }
  const std::string tag = a.tag;
  if (const auto s = m_store->create_asset(a, events); !s.ok()) return asset_store_error(s, tag, lang);
  if (!out) return {};
  return asset_view(std::move(a), *out);
}

DeskError ServiceDesk::update_asset(const std::string& tag, const std::string& field, const std::string& value,
                                    const std::string& actor, AssetView& out, std::int64_t expected_version) {
  const Lang lang = m_ws.options().lang;
  sv::Asset a;
  if (const auto s = m_store->get_asset(tag, a); !s.ok()) return asset_store_error(s, tag, lang);
  if (expected_version != 0 && a.version != expected_version) return refuse("stale", "", tag, tr("desk.asset.stale", lang), lang);
  std::vector<sv::AssetEvent> events;
  if (auto why = sv::set_asset_field(a, field, value, actor, now(), events); !why.empty())
    return field_refused(tag, field, value, why, lang);
  if (events.empty()) return refuse("bad_value", "unchanged", tag, tr("desk.move.unchanged", lang), lang);
  if (const auto s = m_store->update_asset(a, events); !s.ok()) return asset_store_error(s, tag, lang);
  return asset_view(std::move(a), out);
}

}  // namespace diagdesk::workspace
