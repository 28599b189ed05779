// diagdesk asset SUB-COMMAND: the asset inventory (the parc). add, update,
// show, list, all through workspace::ServiceDesk, and import (registered
// from cmd_asset_import.cpp); the ticket commands show
// the warranty of a ticket's asset with warranty_text() (docs/service.md,
// "Assets").
//
// [SECTION] Words
// [SECTION] Sub-commands
// [SECTION] Registration
#include "asset_import_cli.hpp"
#include "exchange_cli.hpp"
#include "ticket_cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/service/asset_csv.hpp>
#include <diagdesk/workspace/asset_import.hpp>

#include <iostream>

namespace diagdesk::cli {

using engine::Lang;
using engine::tr;
using nlohmann::json;
using namespace ticket;

// [SECTION] Words -----------------------------------------------------------------------

namespace ticket {

std::string warranty_text(const service::Date& end, Lang lang) {
  // 31/03/2027 in French, 2027-03-31 in English.
  std::string date = service::format_date(end);
  if (lang == Lang::fr) date = date.substr(8, 2) + "/" + date.substr(5, 2) + "/" + date.substr(0, 4);
  return say("cli.asset.warranty", lang, {date});
}

}  // namespace ticket

namespace {

/// Every option of every asset sub-command.
struct Opts {
  std::string tag, actor, field, value, type, site, user, within;
  std::int64_t version = 0;
  /// add: one option per asset field (--os, --warranty-end...), in asset_fields() order.
  std::vector<std::string> fields = std::vector<std::string>(service::asset_fields().size());
};

/// An asset field as text (dates YYYY-MM-DD, type and status by name).
std::string text_of(const service::Asset& a, const std::string& field) { return service::asset_field_text(a, field); }

json asset_json(const service::Asset& a) {
  json out{{"tag", a.tag}, {"version", a.version}};
  for (const auto& f : service::asset_fields()) {
    const std::string v = text_of(a, f);
    out[f] = v.empty() && (f == "purchase_date" || f == "warranty_end") ? json(nullptr) : json(v);
  }
  return out;
}

std::string pad_to(const std::string& s, std::size_t w) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return s + std::string(w > n ? w - n : 1, ' ');
}

void print_asset(const workspace::AssetView& v, const workspace::ServiceDesk& desk, Lang lang) {
  const std::string c = tr("punct.colon", lang);
  const auto& cal = desk.config().calendar;
  std::cout << v.asset.tag << " · " << tr("cli.asset.type." + text_of(v.asset, "type"), lang) << "\n";
  for (const auto& f : service::asset_fields()) {
    std::string value = text_of(v.asset, f);
    if (f == "type" || value.empty()) continue;
    if (f == "status") value = tr("cli.asset.status." + value, lang);
    std::cout << "  " << pad_to(tr("cli.asset.field." + f, lang) + c, 24) << value << "\n";
  }
  std::cout << "  " << pad_to(tr("cli.ticket.version", lang) + c, 24) << v.asset.version << "\n";
  if (v.under_warranty) std::cout << "  " << warranty_text(*v.asset.warranty_end, lang) << "\n";
  // Headings end with the colon and no blank ("Tickets :" in French).
  const std::string colon_end = c.substr(0, c.find_last_not_of(' ') + 1);
  std::cout << "\n" << tr("cli.asset.tickets", lang) << colon_end << (v.tickets.empty() ? " -" : "") << "\n";
  for (const auto& t : v.tickets) {
    std::cout << "  " << t.number << "  " << pad_to(tr("ticket.status." + std::string(service::name(t.status)), lang), 14)
              << t.title << "\n";
  }
  std::cout << "\n" << tr("cli.asset.history", lang) << colon_end << "\n";
  for (const auto& e : v.history) {
    std::cout << "  " << cal.format_local(e.at) << "  " << pad_to(e.actor, 12);
    if (e.kind == service::EventKind::created) std::cout << tr("cli.asset.created_event", lang);
    else std::cout << workspace::asset_change_text(e, lang);
    std::cout << "\n";
  }
}

json view_json(const workspace::AssetView& v, const workspace::ServiceDesk& desk) {
  json out = asset_json(v.asset);
  out["under_warranty"] = v.under_warranty;
  out["tickets"] = json::array();
  for (const auto& t : v.tickets) {
    out["tickets"].push_back({{"number", t.number}, {"status", std::string(service::name(t.status))}, {"title", t.title}});
  }
  out["history"] = json::array();
  for (const auto& e : v.history) {
    out["history"].push_back({{"at", desk.config().calendar.format_local(e.at)}, {"actor", e.actor},
                              {"kind", std::string(service::name(e.kind))}, {"field", e.field},
                              {"old", e.old_value}, {"new", e.new_value}});
  }
  return out;
}

// [SECTION] Sub-commands ----------------------------------------------------------------

int run_add(const Globals& g, Opts& o) {
  const Lang lang = g.language();
  std::vector<std::pair<std::string, std::string>> fields;
  const auto& names = service::asset_fields();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!o.fields[i].empty()) fields.emplace_back(names[i], o.fields[i]);
  }
  if (o.fields[0].empty()) return fail(say("cli.asset.missing_type", lang, {}));
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  workspace::AssetView v;
  if (auto e = d->add_asset(o.tag, fields, actor_name(o.actor), v); !e.ok()) return desk_fail(e, o.tag);
  if (g.json) print_json(view_json(v, *d.desk));
  else std::cout << say("cli.asset.added", lang, {v.asset.tag}) << "\n";
  return exit_ok;
}

int run_update(const Globals& g, Opts& o) {
  const Lang lang = g.language();
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  workspace::AssetView v;
  if (auto e = d->update_asset(o.tag, o.field, o.value, actor_name(o.actor), v, o.version); !e.ok())
    return desk_fail(e, o.tag);
  if (g.json) print_json(view_json(v, *d.desk));
  else std::cout << say("cli.asset.updated", lang, {v.asset.tag, o.field, text_of(v.asset, o.field), std::to_string(v.asset.version)}) << "\n";
  return exit_ok;
}

int run_show(const Globals& g, Opts& o) {
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  workspace::AssetView v;
  if (auto e = d->get_asset(o.tag, v); !e.ok()) return desk_fail(e, o.tag);
  if (g.json) print_json(view_json(v, *d.desk));
  else print_asset(v, *d.desk, g.language());
  return exit_ok;
}

int run_list(const Globals& g, Opts& o) {
  const Lang lang = g.language();
  workspace::AssetQuery q;
  if (!o.type.empty()) {
    q.filter.type = service::parse_asset_type(o.type);
    if (!q.filter.type) return fail(say("cli.asset.bad_type", lang, {o.type}));
  }
  if (!o.site.empty()) q.filter.site = o.site;
  if (!o.user.empty()) q.filter.user = o.user;
  if (!o.within.empty()) {
    const bool digits = o.within.size() <= 5 && o.within.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) return fail(say("cli.asset.bad_days", lang, {o.within}));
    q.warranty_within_days = std::stoi(o.within);
  }
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  std::vector<service::Asset> assets;
  if (auto e = d->list_assets(q, assets); !e.ok()) return desk_fail(e);
  if (g.json) {
    json out = json::array();
    for (const auto& a : assets) out.push_back(asset_json(a));
    print_json(out);
    return exit_ok;
  }
  if (assets.empty()) {
    std::cout << tr("cli.asset.none", lang) << "\n";
    return exit_ok;
  }
  for (const auto& a : assets) {
    std::string model = a.manufacturer + (a.manufacturer.empty() || a.model.empty() ? "" : " ") + a.model;
    std::cout << pad_to(a.tag, 12) << pad_to(text_of(a, "type"), 13) << pad_to(model.empty() ? "-" : model, 24)
              << pad_to(a.user.empty() ? "-" : a.user, 14) << pad_to(a.site.empty() ? "-" : a.site, 12)
              << (a.warranty_end ? service::format_date(*a.warranty_end) : "-") << "\n";
  }
  return exit_ok;
}

// [SECTION] Registration ----------------------------------------------------------------

}  // namespace

Runner add_asset(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("asset", "The asset inventory: add, update, show, list, import");
  cmd->require_subcommand(1);
  static Opts o;
  using Handler = int (*)(const Globals&, Opts&);
  auto handlers = std::make_shared<std::vector<std::pair<CLI::App*, Handler>>>();
  auto sub = [&](const char* name, const char* help, Handler h) {
    auto* s = cmd->add_subcommand(name, help);
    s->add_flag("--json", g.json, "Print the result as JSON");
    handlers->emplace_back(s, h);
    return s;
  };
  auto* s = sub("add", "Add an asset: TAG --type TYPE and any other field", &run_add);
  s->add_option("tag", o.tag, "Inventory tag (PC-0042)")->required();
  const auto& names = service::asset_fields();
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string option = "--" + names[i];
    for (char& c : option) c = c == '_' ? '-' : c;
    s->add_option(option, o.fields[i], names[i] == "type" ? "desktop | laptop | printer | phone | tablet | monitor | "
                                                            "switch | access_point | router | server | other"
                                                          : "The asset's " + names[i]);
  }
  s->add_option("--operator", o.actor, "Who adds it (default: $DIAGDESK_OPERATOR, then $USER)");

  s = sub("update", "Change one field of an asset", &run_update);
  s->add_option("tag", o.tag, "Inventory tag")->required();
  s->add_option("field", o.field, "type, manufacturer, model, serial, user, site, room, os, os_version, ip, mac, "
                                  "purchase_date, warranty_end, status, notes")->required();
  s->add_option("value", o.value, "New value (\"\" clears it)")->required();
  s->add_option("--version", o.version, "Refuse if the asset is no longer at this version (someone changed it)");
  s->add_option("--operator", o.actor, "Who makes the change (default: $DIAGDESK_OPERATOR, then $USER)");

  s = sub("show", "Fields, warranty, tickets and history of an asset", &run_show);
  s->add_option("tag", o.tag, "Inventory tag")->required();

  s = sub("list", "The inventory, filtered", &run_list);
  s->add_option("--type", o.type, "Asset type");
  s->add_option("--site", o.site, "Site");
  s->add_option("--user", o.user, "User");
  s->add_option("--warranty-within", o.within, "Only warranties ending within this many days from today");

  // import (cmd_asset_import.cpp): a CSV export of GLPI or OCS Inventory.
  static Runner import_run;
  CLI::App* import = add_asset_import(*cmd, g, import_run);

  auto exchange = add_asset_export(*cmd, g);  // cmd_export.cpp

  return [&g, handlers, import, exchange] {
    if (import->parsed()) return import_run();
    if (auto rc = exchange()) return *rc;
    for (auto& [sc, h] : *handlers) {
      if (sc->parsed()) return h(g, o);
    }
    return exit_usage;
  };
}

}  // namespace diagdesk::cli
