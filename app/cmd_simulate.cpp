// diagdesk simulate TREE [--json] | --all [--json]: the expected cost (minutes)
// and steps of the authored order, the guided policy and the optimum, over the
// tree model's causes weighted by their priors (docs/guidance.md).
#include "cli.hpp"

#include <diagdesk/engine/guide_policies.hpp>
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/training_sim.hpp>  // format_text
#include <diagdesk/workspace/model_learn.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace diagdesk::cli {

namespace {

struct TreeFigures : engine::TreeSimulation {
  std::string id;
  std::size_t causes = 0, tests = 0;
  std::size_t learned_tickets = 0;  ///< 0: the authored priors
};

/// The tree's figures with its learned priors when `learned` has any for it (and not --authored).
TreeFigures simulate_tree(const engine::Tree& t, const workspace::Workspace& ws, const workspace::LoadedLearned* learned) {
  std::vector<std::pair<std::string, double>> priors;
  std::size_t tickets = 0;
  if (learned) {
    const auto m = workspace::learned_model(ws, t.id, "", {}, learned);
    tickets = m.tickets;
    for (const auto& c : m.causes) {
      if (tickets > 0) priors.emplace_back(c.leaf, c.learned);
    }
  }
  TreeFigures f;
  static_cast<engine::TreeSimulation&>(f) = engine::simulate_policies(t, 200000, priors);
  f.learned_tickets = tickets;
  f.id = t.id;
  f.causes = f.model.causes.size();
  f.tests = f.model.tests.size();
  return f;
}

double gap(double x, double optimum) { return engine::policy_gap(x, optimum); }

std::string fixed(double v, int decimals = 2) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string percent(double v) { return (v >= 0 ? "+" : "") + fixed(v * 100, 1) + " %"; }

nlohmann::json policy_json(const engine::PolicyFigures& p, double optimum) {
  return {{"minutes", p.minutes}, {"steps", p.steps}, {"gap_to_optimum", gap(p.minutes, optimum)}, {"exact", p.exact}};
}

nlohmann::json tree_json(const TreeFigures& f, engine::Lang lang) {
  nlohmann::json slow = nlohmann::json::array();
  const std::vector<int> order = engine::slowest_causes(f, 3);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& c = f.model.causes[order[i]];
    slow.push_back({{"cause", c.leaf.empty() ? "other" : c.leaf}, {"name", c.name.get(lang)}, {"prior", c.prior},
                    {"authored_minutes", f.authored.cause_minutes[order[i]]}, {"guided_minutes", f.guided.cause_minutes[order[i]]}});
  }
  const double opt = f.optimum.minutes;
  return {{"tree", f.id},
          {"causes", f.causes},
          {"tests", f.tests},
          {"authored", policy_json(f.authored, opt)},
          {"guided", policy_json(f.guided, opt)},
          {"optimum", policy_json(f.optimum, opt)},
          {"guided_saving_vs_authored", engine::guided_saving(f)},
          {"priors", f.learned_tickets > 0 ? "learned" : "authored"},
          {"learned_tickets", f.learned_tickets},
          {"slowest_causes", slow}};
}

void print_tree(const TreeFigures& f, engine::Lang lang) {
  using engine::tr;
  std::cout << tr("simulate.title", lang) << " " << f.id << " (" << f.causes << " causes, " << f.tests << " tests)\n";
  std::cout << "  " << (f.learned_tickets > 0 ? engine::format_text(tr("model.simulate.learned", lang), {std::to_string(f.learned_tickets)})
                                               : tr("model.simulate.authored", lang))
            << "\n";
  std::printf("  %-22s %20s %18s %18s\n", tr("simulate.policy", lang).c_str(), tr("simulate.minutes", lang).c_str(),
              tr("simulate.steps", lang).c_str(), tr("simulate.gap", lang).c_str());
  const double opt = f.optimum.minutes;
  auto row = [&](const std::string& name, const engine::PolicyFigures& p) {
    std::printf("  %-22s %20s %18s %18s\n", name.c_str(), fixed(p.minutes).c_str(), fixed(p.steps).c_str(), percent(gap(p.minutes, opt)).c_str());
  };
  row(tr("simulate.authored", lang), f.authored);
  row(tr("simulate.guided", lang), f.guided);
  row(f.optimum.exact ? tr("simulate.optimum", lang) : tr("simulate.bound", lang), f.optimum);
  std::cout << "  " << tr("simulate.slowest", lang) << tr("punct.colon", lang) << "\n";
  const nlohmann::json figures = tree_json(f, lang);  // kept alive for the loop
  for (const auto& s : figures["slowest_causes"]) {
    std::cout << "    - " << s["name"].get<std::string>() << " (" << fixed(s["authored_minutes"].get<double>(), 1) << " min, p "
              << fixed(s["prior"].get<double>() * 100, 0) << " %)\n";
  }
}

}  // namespace

Runner add_simulate(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("simulate", "Expected cost of a tree's authored order, the guided policy and the optimum");
  static std::string tree;
  static bool all = false;
  static bool authored = false;
  cmd->add_option("tree", tree, "Tree id");
  cmd->add_flag("--authored", authored, "Use the authored priors even where priors were learned from tickets");
  cmd->add_flag("--all", all, "Every bundled tree with a [model]");
  cmd->add_flag("--json", g.json, "Print JSON");
  return [&g] {
    const engine::Lang lang = g.language();
    if (tree.empty() == !all) return fail(engine::tr("simulate.usage", lang));
    auto ws = open_workspace(g);
    if (!ws) return exit_failed;
    const auto k = ws->knowledge();
    // Learned priors (diagdesk model learn) are used where present; a bad file is said, the authored ones apply.
    workspace::LoadedLearned learned;
    if (!authored) learned = workspace::load_learned(ws->options().data_dir, lang);
    if (!learned.error.empty()) std::cerr << "diagdesk: " << learned.error << "\n";
    const workspace::LoadedLearned* use = authored ? nullptr : &learned;
    if (!all) {
      const engine::Tree* t = k->find_tree(tree);
      if (!t) return fail(engine::tr("simulate.no_tree", lang) + engine::tr("punct.colon", lang) + tree);
      const TreeFigures f = simulate_tree(*t, *ws, use);
      if (g.json) print_json(tree_json(f, lang));
      else print_tree(f, lang);
      return exit_ok;
    }
    nlohmann::json rows = nlohmann::json::array();
    double gap_sum = 0, saving_sum = 0;
    std::size_t n = 0, learned_trees = 0;
    if (!g.json) {
      // Column titles padded by characters, not bytes, so the French ones line up.
      const auto col = [lang](const char* key, std::size_t width, bool left) {
        const std::string text = engine::tr(key, lang);
        std::size_t chars = 0;
        for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
        const std::string pad(chars < width ? width - chars : 0, ' ');
        return left ? text + pad : pad + text;
      };
      std::cout << col("simulate.col.tree", 28, true) << ' ' << col("simulate.col.authored", 9, false) << ' '
                << col("simulate.col.guided", 9, false) << ' ' << col("simulate.col.optimum", 9, false) << "  "
                << col("simulate.col.gap", 9, false) << ' ' << col("simulate.col.saving", 9, false) << '\n';
    }
    for (const engine::Tree& t : k->trees()) {
      if (!t.model.present) continue;
      const TreeFigures f = simulate_tree(t, *ws, use);
      const double g_gap = gap(f.guided.minutes, f.optimum.minutes);
      const double saving = engine::guided_saving(f);
      gap_sum += g_gap;
      saving_sum += saving;
      ++n;
      learned_trees += f.learned_tickets > 0;
      if (g.json) {
        rows.push_back(tree_json(f, lang));
      } else {
        // A tree simulated on learned priors is marked "L".
        const std::string id = t.id + (f.learned_tickets > 0 ? " L" : "");
        std::printf("%-28s %9s %9s %9s%s %9s %9s\n", id.c_str(), fixed(f.authored.minutes).c_str(), fixed(f.guided.minutes).c_str(),
                    fixed(f.optimum.minutes).c_str(), f.optimum.exact ? " " : "*", percent(g_gap).c_str(), percent(saving).c_str());
      }
    }
    const double avg_gap = n ? gap_sum / n : 0, avg_saving = n ? saving_sum / n : 0;
    if (g.json) {
      print_json({{"trees", rows}, {"count", n}, {"average_guided_gap_to_optimum", avg_gap}, {"average_guided_saving_vs_authored", avg_saving},
                  {"learned_trees", learned_trees}});
    } else {
      std::cout << engine::tr("simulate.average", lang) << " (" << n << " " << engine::tr("simulate.trees", lang) << ")"
                << engine::tr("punct.colon", lang) << engine::tr("simulate.gap", lang) << " " << percent(avg_gap) << ", "
                << engine::tr("simulate.saving", lang) << " " << percent(avg_saving) << "\n";
      if (learned_trees > 0) std::cout << engine::format_text(engine::tr("model.simulate.marked", lang), {std::to_string(learned_trees)}) << "\n";
    }
    return exit_ok;
  };
}

}  // namespace diagdesk::cli
