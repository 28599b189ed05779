// diagdesk incident|request export (--csv FILE | --json FILE), incident|request
// import FILE.json, asset export --csv FILE (exchange_cli.hpp, docs/service.md
// "Exchange with GLPI"). The CSV shapes come from service/glpi_export.hpp; the
// JSON is this file's: every field of the ticket, its sessions and its events.
//
// [SECTION] Ticket JSON
// [SECTION] Files
// [SECTION] Commands
#include "exchange_cli.hpp"
#include "ticket_cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session_file.hpp>
#include <diagdesk/service/asset_csv.hpp>
#include <diagdesk/service/glpi_export.hpp>

#include <fstream>
#include <iostream>
#include <list>
#include <sstream>

namespace diagdesk::cli {

using engine::Lang;
using nlohmann::json;
using ticket::say;
namespace sv = diagdesk::service;
namespace fs = std::filesystem;

namespace {

// [SECTION] Ticket JSON ---------------------------------------------------------------

constexpr int exchange_schema = 1;

json maybe(const std::optional<sv::Time>& t) { return t ? json(*t) : json(nullptr); }

json record_json(const sv::TicketRecord& r) {
  const sv::Ticket& t = r.ticket;
  json history = json::array();
  for (const sv::Event& e : r.history) {
    history.push_back({{"at", e.at}, {"actor", e.actor}, {"kind", sv::name(e.kind)}, {"field", e.field},
                       {"old_value", e.old_value}, {"new_value", e.new_value}, {"note", e.note}});
  }
  return {{"number", t.number}, {"type", sv::name(t.type)}, {"title", t.title}, {"description", t.description},
          {"caller_name", t.caller_name}, {"caller_phone", t.caller_phone}, {"caller_email", t.caller_email},
          {"caller_site", t.caller_site}, {"category", t.category}, {"impact", sv::name(t.impact)},
          {"urgency", sv::name(t.urgency)}, {"priority", t.priority}, {"status", sv::name(t.status)},
          {"operator", t.operator_name}, {"level", static_cast<int>(t.level)}, {"asset_tag", t.asset_tag},
          {"created_at", t.created_at}, {"updated_at", t.updated_at}, {"taken_at", maybe(t.taken_at)},
          {"resolved_at", maybe(t.resolved_at)}, {"closed_at", maybe(t.closed_at)}, {"solution", t.solution},
          {"sessions", t.sessions}, {"version", t.version}, {"history", history}};
}

/// Reads one JSON object's fields, naming the first bad one.
class Reader {
 public:
  Reader(const json& j, std::string where, Lang lang) : m_j(j), m_where(std::move(where)), m_lang(lang) {}
  const std::string& error() const { return m_error; }

  std::string text(const char* key) {
    const json* v = get(key);
    if (v && !v->is_string()) bad(key, "not_string");
    return v && v->is_string() ? v->get<std::string>() : std::string();
  }
  std::int64_t integer(const char* key) {
    const json* v = get(key);
    if (v && !v->is_number_integer()) bad(key, "not_integer");
    return v && v->is_number_integer() ? v->get<std::int64_t>() : 0;
  }
  std::optional<sv::Time> maybe_time(const char* key) {
    if (m_j.contains(key) && m_j[key].is_null()) return std::nullopt;
    return integer(key);
  }
  /// A name read by `parse` (parse_status...), or the error naming the value.
  template <class T, class F>
  T named(const char* key, F parse, T fallback) {
    const std::string s = text(key);
    if (!m_error.empty()) return fallback;
    if (auto v = parse(s)) return *v;
    bad(key, "bad_value", s);
    return fallback;
  }
  /// Keeps the first error: cli.exchange.field.<why> with the place, the field and the value.
  void bad(const std::string& key, const std::string& why, const std::string& value = "") {
    if (m_error.empty()) m_error = say("cli.exchange.field." + why, m_lang, {m_where, key, value});
  }

 private:
  const json* get(const char* key) {
    if (!m_j.contains(key)) {
      bad(key, "missing");
      return nullptr;
    }
    return &m_j[key];
  }
  const json& m_j;
  std::string m_where;
  Lang m_lang;
  std::string m_error;
};

std::optional<sv::TicketRecord> record_from(const json& j, const std::string& where, Lang lang, std::string& error) {
  if (!j.is_object()) {
    error = say("cli.exchange.not_object", lang, {where});
    return std::nullopt;
  }
  Reader r(j, where, lang);
  sv::TicketRecord rec;
  sv::Ticket& t = rec.ticket;
  t.number = r.text("number");
  if (r.error().empty() && !sv::valid_number(t.number)) r.bad("number", "bad_value", t.number);
  t.type = r.named("type", sv::parse_ticket_type, sv::TicketType::incident);
  t.title = r.text("title");
  t.description = r.text("description");
  t.caller_name = r.text("caller_name");
  t.caller_phone = r.text("caller_phone");
  t.caller_email = r.text("caller_email");
  t.caller_site = r.text("caller_site");
  t.category = r.text("category");
  t.impact = r.named("impact", sv::parse_grade, sv::Grade::medium);
  t.urgency = r.named("urgency", sv::parse_grade, sv::Grade::medium);
  t.priority = static_cast<int>(r.integer("priority"));
  if (r.error().empty() && (t.priority < 1 || t.priority > 5)) r.bad("priority", "bad_value", std::to_string(t.priority));
  t.status = r.named("status", sv::parse_status, sv::Status::new_);
  t.operator_name = r.text("operator");
  const std::int64_t level = r.integer("level");
  if (r.error().empty() && (level < 1 || level > 3)) r.bad("level", "bad_value", std::to_string(level));
  t.level = static_cast<sv::SupportLevel>(level);
  t.asset_tag = r.text("asset_tag");
  t.created_at = r.integer("created_at");
  t.updated_at = r.integer("updated_at");
  t.taken_at = r.maybe_time("taken_at");
  t.resolved_at = r.maybe_time("resolved_at");
  t.closed_at = r.maybe_time("closed_at");
  t.solution = r.text("solution");
  t.version = r.integer("version");
  if (r.error().empty() && t.version < 1) r.bad("version", "bad_value", std::to_string(t.version));
  if (r.error().empty() && (!j.contains("sessions") || !j["sessions"].is_array())) r.bad("sessions", "not_list");
  if (r.error().empty() && (!j.contains("history") || !j["history"].is_array())) r.bad("history", "not_list");
  if (!r.error().empty()) {
    error = r.error();
    return std::nullopt;
  }
  for (const json& s : j["sessions"]) {
    if (!s.is_string()) {
      error = say("cli.exchange.field.not_string", lang, {where, "sessions", ""});
      return std::nullopt;
    }
    t.sessions.push_back(s.get<std::string>());
  }
  std::size_t n = 0;
  for (const json& ej : j["history"]) {
    const std::string ewhere = say("cli.exchange.where_event", lang, {where, std::to_string(++n)});
    if (!ej.is_object()) {
      error = say("cli.exchange.not_object", lang, {ewhere});
      return std::nullopt;
    }
    Reader er(ej, ewhere, lang);
    sv::Event e;
    e.at = er.integer("at");
    e.actor = er.text("actor");
    e.kind = er.named("kind", sv::parse_event_kind, sv::EventKind::note);
    e.field = er.text("field");
    e.old_value = er.text("old_value");
    e.new_value = er.text("new_value");
    e.note = er.text("note");
    if (!er.error().empty()) {
      error = er.error();
      return std::nullopt;
    }
    rec.history.push_back(std::move(e));
  }
  return rec;
}

// [SECTION] Files ---------------------------------------------------------------------

/// Writes `content` to `file` through write_output (atomic; a symbolic link,
/// a folder or a device refused). exit_ok or the failure.
int write_export(const std::string& file, const std::string& content, Lang lang) {
  return write_output(file, content, lang);
}

/// Every ticket of `type` with its sessions (get) and its history.
int read_records(ticket::Desk& d, sv::TicketType type, std::vector<sv::TicketRecord>& out) {
  auto& store = d->store();
  sv::TicketFilter f;
  f.type = type;
  std::vector<sv::Ticket> tickets;
  auto s = store.list(f, tickets);
  for (std::size_t i = 0; s.ok() && i < tickets.size(); ++i) {
    sv::TicketRecord r;
    s = store.get(tickets[i].number, r.ticket);
    if (s.ok()) s = store.history(r.ticket.id, r.history);
    out.push_back(std::move(r));
  }
  if (!s.ok()) return fail(s.detail, exit_failed);
  return exit_ok;
}

// [SECTION] Commands ------------------------------------------------------------------

struct Opts {
  std::string csv, json_file, import_file;
};

int run_export(const Globals& g, const Opts& o, sv::TicketType type) {
  const Lang lang = g.language();
  ticket::Desk d;
  if (int rc = ticket::open_desk(g, d); rc != exit_ok) return rc;
  std::vector<sv::TicketRecord> records;
  if (int rc = read_records(d, type, records); rc != exit_ok) return rc;
  std::string content;
  if (!o.csv.empty()) {
    std::vector<sv::Ticket> tickets;
    for (const auto& r : records) tickets.push_back(r.ticket);
    content = sv::tickets_glpi_csv(tickets);
  } else {
    json list = json::array();
    for (const auto& r : records) list.push_back(record_json(r));
    content = json_text(json{{"schema_version", exchange_schema}, {"kind", "diagdesk.tickets"}, {"tickets", list}}) + "\n";
  }
  const std::string& file = o.csv.empty() ? o.json_file : o.csv;
  if (int rc = write_export(file, content, lang); rc != exit_ok) return rc;
  std::cout << say("cli.exchange.exported", lang, {std::to_string(records.size()), file}) << '\n';
  return exit_ok;
}

/// Reads a JSON export holding the list `list` at schema exchange_schema;
/// else one line (`not_export` names what it should be) and exit_usage.
int read_export(const std::string& file, const char* list, const char* not_export, Lang lang, json& doc) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(say("cli.exchange.unreadable", lang, {file}));
  std::stringstream buf;
  buf << in.rdbuf();
  doc = json::parse(buf.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains(list) || !doc[list].is_array())
    return fail(say(not_export, lang, {file}));
  if (!doc.contains("schema_version") || !doc["schema_version"].is_number_integer() ||
      doc["schema_version"].get<int>() != exchange_schema)
    return fail(say("cli.exchange.schema", lang, {file, std::to_string(exchange_schema)}));
  return exit_ok;
}

int run_import(const Globals& g, const Opts& o) {
  const Lang lang = g.language();
  const std::string& file = o.import_file;
  json doc;
  if (int rc = read_export(file, "tickets", "cli.exchange.not_export", lang, doc); rc != exit_ok) return rc;
  std::vector<sv::TicketRecord> records;
  std::size_t n = 0;
  for (const json& j : doc["tickets"]) {
    std::string error;
    auto r = record_from(j, say("cli.exchange.where_ticket", lang, {file, std::to_string(++n)}), lang, error);
    if (!r) return fail(error);
    records.push_back(std::move(*r));
  }
  ticket::Desk d;
  if (int rc = ticket::open_desk(g, d); rc != exit_ok) return rc;
  const auto s = d->store().import_tickets(records);
  if (s.error == sv::StoreError::duplicate) return fail(say("cli.exchange.duplicate", lang, {file, s.detail}));
  if (!s.ok()) return fail(s.detail, exit_failed);
  std::cout << say("cli.exchange.imported", lang, {std::to_string(records.size()), file}) << '\n';
  return exit_ok;
}

int run_asset_export(const Globals& g, const std::string& csv, const std::string& json_file) {
  const Lang lang = g.language();
  ticket::Desk d;
  if (int rc = ticket::open_desk(g, d); rc != exit_ok) return rc;
  std::vector<sv::Asset> assets;
  if (auto s = d->store().list_assets({}, assets); !s.ok()) return fail(s.detail, exit_failed);
  std::string content;
  if (!csv.empty()) {
    content = sv::assets_glpi_csv(assets);
  } else {
    // Every field as text (asset_field_text: dates YYYY-MM-DD, type and status by name), read back by `asset import`.
    json list = json::array();
    for (const auto& a : assets) {
      json one{{"tag", a.tag}};
      for (const auto& f : sv::asset_fields()) one[f] = sv::asset_field_text(a, f);
      list.push_back(std::move(one));
    }
    content = json_text(json{{"schema_version", exchange_schema}, {"kind", "diagdesk.assets"}, {"assets", list}}) + "\n";
  }
  const std::string& file = csv.empty() ? json_file : csv;
  if (int rc = write_export(file, content, lang); rc != exit_ok) return rc;
  std::cout << say("cli.exchange.assets_exported", lang, {std::to_string(assets.size()), file}) << '\n';
  return exit_ok;
}

}  // namespace

ExchangeRunner add_ticket_exchange(CLI::App& cmd, Globals& g, sv::TicketType type) {
  static std::list<Opts> all;  // incident and request each keep theirs for the whole run
  Opts* o = &all.emplace_back();
  auto* ex = cmd.add_subcommand("export", "Write every ticket as GLPI CSV or as JSON (for import)");
  auto* csv = ex->add_option("--csv", o->csv, "GLPI ticket CSV (Data Injection)");
  auto* js = ex->add_option("--json", o->json_file, "JSON with every field, session and event");
  csv->excludes(js);
  ex->require_option(1);
  auto* im = cmd.add_subcommand("import", "Restore tickets from a JSON export (numbers, times and history kept)");
  im->add_option("file", o->import_file, "A file written by export --json")->required();
  return [&g, o, ex, im, type]() -> std::optional<int> {
    if (ex->parsed()) return run_export(g, *o, type);
    if (im->parsed()) return run_import(g, *o);
    return std::nullopt;
  };
}

int import_assets_json(const Globals& g, const std::string& file, const std::string& actor) {
  const Lang lang = g.language();
  json doc;
  if (int rc = read_export(file, "assets", "cli.exchange.not_asset_export", lang, doc); rc != exit_ok) return rc;
  // Every asset checked before anything is saved.
  std::vector<sv::Asset> assets;
  std::size_t n = 0;
  for (const json& j : doc["assets"]) {
    const std::string where = say("cli.exchange.where_asset", lang, {file, std::to_string(++n)});
    if (!j.is_object()) return fail(say("cli.exchange.not_object", lang, {where}));
    sv::Asset a;
    std::vector<sv::AssetEvent> ignored;
    for (const std::string& f : [] {
           std::vector<std::string> all{"tag"};
           for (const auto& f : sv::asset_fields()) all.push_back(f);
           return all;
         }()) {
      if (!j.contains(f)) return fail(say("cli.exchange.field.missing", lang, {where, f}));
      if (!j[f].is_string()) return fail(say("cli.exchange.field.not_string", lang, {where, f}));
      const std::string v = j[f].get<std::string>();
      if (f == "tag") a.tag = v;
      else if (!sv::set_asset_field(a, f, v, actor, 0, ignored).empty())
        return fail(say("cli.exchange.field.bad_value", lang, {where, f, v}));
    }
    assets.push_back(std::move(a));
  }
  ticket::Desk d;
  if (int rc = ticket::open_desk(g, d); rc != exit_ok) return rc;
  if (auto s = d->store().begin_batch(); !s.ok()) return fail(s.detail, exit_failed);
  for (auto& a : assets) {
    if (auto e = d->add_asset(a, actor, nullptr); !e.ok()) {
      d->store().rollback_batch();
      return ticket::desk_fail(e, file);
    }
  }
  if (auto s = d->store().commit_batch(); !s.ok()) return fail(s.detail, exit_failed);
  std::cout << say("cli.exchange.assets_imported", lang, {std::to_string(assets.size()), file}) << '\n';
  return exit_ok;
}

ExchangeRunner add_asset_export(CLI::App& asset, Globals& g) {
  static std::string csv_storage, json_storage;
  auto* ex = asset.add_subcommand("export", "Write every asset as a GLPI computer-list CSV, or as JSON (for import)");
  auto* csv = ex->add_option("--csv", csv_storage, "The GLPI CSV file to write");
  auto* js = ex->add_option("--json", json_storage, "The JSON file to write (every field, read back by asset import)");
  csv->excludes(js);
  ex->require_option(1);
  return [&g, ex]() -> std::optional<int> {
    if (ex->parsed()) return run_asset_export(g, csv_storage, json_storage);
    return std::nullopt;
  };
}

}  // namespace diagdesk::cli
