// diagdesk privacy export | erase --person NAME, privacy retention: personal
// data through workspace/privacy.hpp (docs/service.md, "Personal data").
#include "ticket_cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/workspace/privacy.hpp>

#include <iostream>

namespace diagdesk::cli {

using engine::Lang;
using engine::tr;
using nlohmann::json;
using namespace ticket;

namespace {

struct Opts {
  std::string person, actor;
  bool yes = false, dry_run = false;
};

/// One line of `text` around its first mention, at most about 70 characters.
std::string excerpt(const std::string& text, const service::Person& who) {
  std::string flat;
  for (char c : text) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (flat.size() <= 70) return flat;
  const auto m = service::find_mentions(flat, who);
  std::size_t from = m.empty() || m[0].first < 25 ? 0 : m[0].first - 25;
  while (from > 0 && (static_cast<unsigned char>(flat[from]) & 0xC0) == 0x80) --from;
  std::size_t to = std::min(flat.size(), from + 70);
  while (to < flat.size() && (static_cast<unsigned char>(flat[to]) & 0xC0) == 0x80) ++to;
  return (from > 0 ? "…" : "") + flat.substr(from, to - from) + (to < flat.size() ? "…" : "");
}

std::string where(const service::Holding& h, Lang lang) {
  std::string w = tr("cli.privacy.place." + h.place, lang) + " " + h.key;
  if (h.place.find('_') != std::string::npos) w += " #" + std::to_string(h.item);
  return w + " · " + h.field;
}

int run_export(const Globals& g, const Opts& o) {
  const Lang lang = g.language();
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  service::PersonData found;
  if (auto e = workspace::privacy_find(*d.desk, o.person, lang, found); !e.ok()) return desk_fail(e);
  if (g.json) {
    json items = json::array();
    for (const auto& h : found.holdings) {
      items.push_back({{"place", h.place}, {"key", h.key}, {"item", h.item}, {"field", h.field}, {"value", h.value}});
    }
    print_json({{"person", o.person}, {"phones", found.person.phones}, {"emails", found.person.emails},
                {"count", found.holdings.size()}, {"items", items}});
    return exit_ok;
  }
  if (found.holdings.empty()) {
    std::cout << say("cli.privacy.nothing", lang, {o.person}) << "\n";
    return exit_ok;
  }
  std::cout << say("cli.privacy.held", lang, {o.person, std::to_string(found.holdings.size())}) << "\n";
  std::string ids;
  for (const auto* list : {&found.person.phones, &found.person.emails}) {
    for (const auto& s : *list) ids += (ids.empty() ? "" : ", ") + s;
  }
  if (!ids.empty()) std::cout << say("cli.privacy.identifiers", lang, {ids}) << "\n";
  for (const auto& h : found.holdings) {
    std::cout << "  " << where(h, lang) << tr("punct.colon", lang) << excerpt(h.value, found.person) << "\n";
  }
  return exit_ok;
}

void print_counts(const service::Erasure& e, Lang lang) {
  for (const auto& c : e.counts) {
    std::cout << say("cli.privacy.count", lang, {tr("cli.privacy.place." + c.place, lang), std::to_string(c.rows),
                                                 std::to_string(c.fields)})
              << "\n";
  }
}

json erasure_json(const service::Erasure& e, bool dry_run) {
  json counts = json::array();
  for (const auto& c : e.counts) counts.push_back({{"place", c.place}, {"rows", c.rows}, {"fields", c.fields}});
  return {{"pseudonym", e.pseudonym}, {"tickets", e.tickets}, {"counts", counts}, {"rows", e.rows()},
          {"fields", e.fields()}, {"dry_run", dry_run}};
}

int run_erase(const Globals& g, const Opts& o) {
  const Lang lang = g.language();
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  const std::string actor = actor_name(o.actor);
  service::Erasure e;
  if (!o.yes) {
    // Say what would change, then ask.
    if (auto err = workspace::privacy_erase(*d.desk, o.person, actor, lang, true, e); !err.ok()) return desk_fail(err);
    if (e.counts.empty()) {
      std::cout << say("cli.privacy.nothing", lang, {o.person}) << "\n";
      return exit_ok;
    }
    std::cout << say("cli.privacy.would_erase", lang, {o.person, e.pseudonym}) << "\n";
    print_counts(e, lang);
    std::cout << tr("cli.privacy.confirm", lang) << " " << std::flush;
    std::string answer;
    if (!read_line(answer) || (answer != "yes" && answer != "oui")) {
      std::cout << "\n";
      return fail(tr("cli.privacy.not_confirmed", lang));
    }
  }
  if (auto err = workspace::privacy_erase(*d.desk, o.person, actor, lang, false, e); !err.ok()) return desk_fail(err);
  if (g.json) {
    print_json(erasure_json(e, false));
    return exit_ok;
  }
  if (e.counts.empty()) {
    std::cout << say("cli.privacy.nothing", lang, {o.person}) << "\n";
    return exit_ok;
  }
  std::cout << say("cli.privacy.erased", lang, {o.person, e.pseudonym}) << "\n";
  print_counts(e, lang);
  std::cout << say("cli.privacy.total", lang, {std::to_string(e.fields()), std::to_string(e.rows())}) << "\n";
  return exit_ok;
}

int run_retention(const Globals& g, const Opts& o) {
  const Lang lang = g.language();
  Desk d;
  if (int rc = open_desk(g, d); rc != exit_ok) return rc;
  const auto settings = workspace::privacy_settings(*d.ws);
  if (!settings.problems.empty()) {
    for (const auto& p : settings.problems) std::cerr << "diagdesk: " << service::format(p) << "\n";
    return exit_usage;
  }
  if (!settings.retention_days) {
    if (g.json) print_json({{"retention_days", nullptr}, {"tickets", json::array()}});
    else std::cout << tr("cli.privacy.no_retention", lang) << "\n";
    return exit_ok;
  }
  service::Erasure e;
  if (auto err = workspace::privacy_retention(*d.desk, *settings.retention_days, actor_name(o.actor), lang, o.dry_run, e);
      !err.ok())
    return desk_fail(err);
  if (g.json) {
    json out = erasure_json(e, o.dry_run);
    out["retention_days"] = *settings.retention_days;
    print_json(out);
    return exit_ok;
  }
  std::string list;
  for (const auto& t : e.tickets) list += (list.empty() ? "" : ", ") + t;
  std::cout << say(o.dry_run ? "cli.privacy.retention_dry" : "cli.privacy.retention", lang,
                   {std::to_string(*settings.retention_days), std::to_string(e.tickets.size()), list})
            << "\n";
  print_counts(e, lang);
  return exit_ok;
}

}  // namespace

Runner add_privacy(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("privacy", "Personal data: what is held about a person, erasing it, retention");
  cmd->require_subcommand(1);
  static Opts o;
  auto* exp = cmd->add_subcommand("export", "Everything held about a person, and where");
  exp->add_option("--person", o.person, "The person's name (case and accents do not matter)")->required();
  exp->add_flag("--json", g.json, "Print the result as JSON");
  auto* erase = cmd->add_subcommand("erase", "Replace a person's data with a pseudonym everywhere");
  erase->add_option("--person", o.person, "The person's name (case and accents do not matter)")->required();
  erase->add_flag("--yes", o.yes, "Do not ask for confirmation");
  erase->add_flag("--json", g.json, "Print the result as JSON");
  erase->add_option("--operator", o.actor, "Who erases (default: $DIAGDESK_OPERATOR, then $USER)");
  auto* ret = cmd->add_subcommand("retention", "Anonymise closed tickets older than the team's retention period");
  ret->add_flag("--dry-run", o.dry_run, "Say which tickets, change nothing");
  ret->add_flag("--json", g.json, "Print the result as JSON");
  ret->add_option("--operator", o.actor, "Who applies it (default: $DIAGDESK_OPERATOR, then $USER)");
  return [&g, exp, erase] {
    if (exp->parsed()) return run_export(g, o);
    if (erase->parsed()) return run_erase(g, o);
    return run_retention(g, o);
  };
}

}  // namespace diagdesk::cli
