// diagdesk model learn [--json] | show TREE [--site S] [--json] | reset [TREE]:
// priors learned from closed tickets (workspace/model_learn.hpp,
// docs/guidance.md "Learning from closed tickets").
// Exit codes: 0 fine (a bad learned file is a warning: the authored priors
// apply); 2 an unknown tree or bad usage; 1 a bad database or a failed write.
#include "ticket_cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/workspace/model_learn.hpp>

#include <cstdio>
#include <iostream>

namespace diagdesk::cli {

namespace {

using engine::Lang;
using engine::tr;
using nlohmann::json;
using ticket::say;

struct Opts {
  std::string tree;
  std::string site;
};

std::string fixed(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

/// A probability as "17.0 %" ("17,0 %" in French).
std::string percent(double p, Lang lang) {
  std::string s = fixed(p * 100, 1);
  if (lang == Lang::fr) {
    for (char& c : s) c = c == '.' ? ',' : c;
  }
  return s + " %";
}

/// `text` padded to `width` characters (UTF-8 code points, not bytes).
std::string pad(const std::string& text, std::size_t width, bool left = true) {
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  const std::string blanks(chars < width ? width - chars : 0, ' ');
  return left ? text + blanks : blanks + text;
}

void warn(const std::string& error) {
  if (!error.empty()) std::cerr << "diagdesk: " << error << "\n";
}

// [learn] -------------------------------------------------------------------------------

int run_learn(const Globals& g, Opts&) {
  ticket::Desk d;
  if (int rc = ticket::open_desk(g, d); rc != exit_ok) return rc;
  const Lang lang = d.lang;
  const auto r = workspace::learn_from_tickets(*d.desk, *d.ws);
  if (!r.error.empty()) return fail(r.error, exit_failed);
  const std::string file = workspace::learned_file(d.ws->options().data_dir).string();
  if (!r.replaced_file.empty()) std::cerr << "diagdesk: " << say("model.learn.replaced", lang, {r.replaced_file}) << "\n";
  if (g.json) {
    json trees = json::array(), skipped = json::array();
    for (const auto& [tree, n] : r.trees) trees.push_back({{"tree", tree}, {"tickets", n}});
    for (const auto& [number, why] : r.skipped) {
      skipped.push_back({{"number", number}, {"reason", std::string(workspace::skip_reason_name(why))},
                         {"why", tr("model.skip." + std::string(workspace::skip_reason_name(why)), lang)}});
    }
    print_json({{"file", file}, {"tickets_used", r.tickets_used}, {"tickets_skipped", skipped.size()}, {"skipped", skipped},
                {"open", r.open}, {"trees", trees}, {"weight", workspace::learned_weight},
                {"site_threshold", workspace::learned_site_threshold},
                {"replaced_file", r.replaced_file.empty() ? json(nullptr) : json(r.replaced_file)}});
    return exit_ok;
  }
  std::cout << say("model.learn.summary", lang,
                   {std::to_string(r.tickets_used), std::to_string(r.skipped.size()), std::to_string(r.open)})
            << "\n";
  if (r.trees.empty()) std::cout << tr("model.learn.none", lang) << "\n";
  for (const auto& [tree, n] : r.trees) std::cout << "  " << say("model.learn.tree", lang, {tree, std::to_string(n)}) << "\n";
  if (!r.skipped.empty()) std::cout << tr("model.learn.skipped", lang) << tr("punct.colon", lang) << "\n";
  for (const auto& [number, why] : r.skipped) {
    std::cout << "  " << number << tr("punct.colon", lang) << tr("model.skip." + std::string(workspace::skip_reason_name(why)), lang) << "\n";
  }
  std::cout << say("model.learn.written", lang, {file}) << "\n";
  return exit_ok;
}

// [show] --------------------------------------------------------------------------------

int run_show(const Globals& g, Opts& o) {
  auto ws = open_workspace(g);
  if (!ws) return exit_failed;
  const Lang lang = g.language();
  const auto m = workspace::learned_model(*ws, o.tree, o.site);
  if (!m.found) return fail(o.tree + tr("punct.colon", lang) + tr("model.no_tree", lang));
  warn(m.error);
  if (g.json) {
    json causes = json::array();
    for (const auto& c : m.causes) {
      causes.push_back({{"cause", c.leaf}, {"name", c.name.get(lang)}, {"authored", c.authored}, {"learned", c.learned},
                        {"tickets", c.tickets}});
    }
    print_json({{"tree", m.tree}, {"site", o.site}, {"site_level", !m.site.empty()}, {"site_tickets", m.site_tickets},
                {"tickets", m.tickets}, {"learned", m.tickets > 0}, {"weight", workspace::learned_weight},
                {"site_threshold", workspace::learned_site_threshold}, {"causes", causes},
                {"error", m.error.empty() ? json(nullptr) : json(m.error)}});
    return exit_ok;
  }
  std::cout << say("model.show.title", lang, {m.tree}) << "\n";
  if (m.tickets == 0) std::cout << tr("model.show.authored_only", lang) << "\n";
  else if (!m.site.empty()) std::cout << say("model.show.site", lang, {m.site, std::to_string(m.tickets), fixed(workspace::learned_weight, 0)}) << "\n";
  else std::cout << say("model.show.tree", lang, {std::to_string(m.tickets), fixed(workspace::learned_weight, 0)}) << "\n";
  if (!o.site.empty() && m.site.empty()) {
    std::cout << say("model.show.site_fallback", lang,
                     {o.site, std::to_string(m.site_tickets), std::to_string(workspace::learned_site_threshold)})
              << "\n";
  }
  std::cout << "  " << pad(tr("model.col.cause", lang), 48) << pad(tr("model.col.authored", lang), 10, false)
            << pad(tr("model.col.learned", lang), 10, false) << pad(tr("model.col.tickets", lang), 9, false) << "\n";
  for (const auto& c : m.causes) {
    std::string name = c.name.get(lang);
    std::size_t chars = 0, cut = 0;
    for (std::size_t i = 0; i < name.size(); ++i) {
      if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80 && ++chars == 46) cut = i;
    }
    if (cut) name = name.substr(0, cut) + "…";
    std::cout << "  " << pad(name, 48) << pad(percent(c.authored, lang), 10, false)
              << pad(percent(c.learned, lang), 10, false) << pad(std::to_string(c.tickets), 9, false) << "\n";
  }
  return exit_ok;
}

// [reset] -------------------------------------------------------------------------------

int run_reset(const Globals& g, Opts& o) {
  auto ws = open_workspace(g);
  if (!ws) return exit_failed;
  const Lang lang = g.language();
  if (!o.tree.empty() && !ws->knowledge()->find_tree(o.tree)) {
    return fail(o.tree + tr("punct.colon", lang) + tr("model.no_tree", lang));
  }
  std::size_t removed = 0;
  if (auto err = workspace::reset_learned(*ws, o.tree, removed); !err.empty()) return fail(err, exit_failed);
  if (g.json) print_json({{"tree", o.tree.empty() ? json(nullptr) : json(o.tree)}, {"removed", removed}});
  else if (o.tree.empty()) std::cout << say("model.reset.all", lang, {std::to_string(removed)}) << "\n";
  else std::cout << say("model.reset.tree", lang, {o.tree, std::to_string(removed)}) << "\n";
  return exit_ok;
}

}  // namespace

Runner add_model(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("model", "Priors learned from closed tickets: learn, show, reset");
  cmd->require_subcommand(1);
  static Opts o;
  auto* learn = cmd->add_subcommand("learn", "Learn the priors of every tree from the resolved and closed tickets");
  learn->add_flag("--json", g.json, "Print JSON");
  auto* show = cmd->add_subcommand("show", "A tree's authored and learned priors side by side");
  show->add_option("tree", o.tree, "Tree id")->required();
  show->add_option("--site", o.site, "The caller's site (its own priors from 20 tickets)");
  show->add_flag("--json", g.json, "Print JSON");
  auto* reset = cmd->add_subcommand("reset", "Forget the learned priors (of one tree, or all)");
  reset->add_option("tree", o.tree, "Tree id (all trees when left out)");
  reset->add_flag("--json", g.json, "Print JSON");
  return [&g, learn, show, reset] {
    if (learn->parsed()) return run_learn(g, o);
    if (show->parsed()) return run_show(g, o);
    if (reset->parsed()) return run_reset(g, o);
    return fail(tr("model.usage", g.language()));
  };
}

}  // namespace diagdesk::cli
