// Learned priors: the file <data_dir>/learned_priors.toml (read, checked,
// written atomically) and the formula (W * authored + n) / (W + N).
// Learning from the service desk's tickets is in model_learn_desk.cpp.
//
// [SECTION] Counting
// [SECTION] Reading
// [SECTION] Writing
// [SECTION] Priors
#include "service_desk_text.hpp"

#include <diagdesk/workspace/model_learn.hpp>

#include <diagdesk/base/safe_file.hpp>
#include <diagdesk/engine/guide.hpp>
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session_file.hpp>

#include <toml++/toml.h>

#include <sstream>

namespace diagdesk::workspace {

namespace fs = std::filesystem;
using engine::tr;

fs::path learned_file(const fs::path& data_dir) { return data_dir / "learned_priors.toml"; }

// [SECTION] Counting --------------------------------------------------------------------

void LearnedStore::count() {
  trees.clear();
  for (const auto& [number, t] : tickets) {
    for (const ConfirmedCause& c : t.causes) {
      TreeCounts& tc = trees[c.tree];
      ++tc.all.per_leaf[c.leaf];
      ++tc.all.total;
      if (t.site.empty()) continue;
      CauseCounts& sc = tc.sites[t.site];
      ++sc.per_leaf[c.leaf];
      ++sc.total;
    }
  }
}

// [SECTION] Reading ---------------------------------------------------------------------

namespace {

std::string at(const fs::path& path, const toml::source_region& where) {
  return path.string() + ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column);
}

/// A string field of an entry, or empty with `error` naming the entry's position.
std::string text_field(const toml::table& entry, std::string_view key, const fs::path& path, engine::Lang lang,
                       std::string& error) {
  if (const auto* v = entry.get_as<std::string>(key); v && !v->get().empty()) return v->get();
  if (error.empty()) {
    const auto* node = entry.get(key);
    error = at(path, node ? node->source() : entry.source()) + tr("punct.colon", lang) +
            fill_braces(tr("model.file.bad_entry", lang), std::string(key));
  }
  return {};
}

}  // namespace

LoadedLearned load_learned(const fs::path& data_dir, engine::Lang lang) {
  LoadedLearned out;
  const fs::path path = learned_file(data_dir);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return out;
  out.present = true;
  std::string text;
  if (auto s = base::read_file(path, text); !s) {
    out.error = s.message;
    return out;
  }
  toml::table doc;
  try {
    doc = toml::parse(text, std::string_view{path.string()});
  } catch (const toml::parse_error& e) {
    out.error = at(path, e.source()) + tr("punct.colon", lang) + std::string(e.description());
    return out;
  }
  const auto version = doc["schema_version"].value<std::int64_t>();
  if (!version || *version < 1 || *version > learned_schema_version) {
    const auto* node = doc.get("schema_version");
    out.error = at(path, node ? node->source() : doc.source()) + tr("punct.colon", lang) +
                fill_braces(tr(version && *version > learned_schema_version ? "model.file.too_new" : "model.file.no_version", lang), std::to_string(learned_schema_version));
    return out;
  }
  std::string error;
  if (const auto* list = doc.get("tickets"); list && !list->is_array_of_tables()) {
    error = at(path, list->source()) + tr("punct.colon", lang) + fill_braces(tr("model.file.bad_entry", lang), "tickets");
  } else if (const auto* array = doc["tickets"].as_array()) {
    for (const toml::node& n : *array) {
      const toml::table& entry = *n.as_table();
      LearnedTicket t;
      t.number = text_field(entry, "number", path, lang, error);
      if (const auto* site = entry.get_as<std::string>("site")) t.site = site->get();
      const auto* causes = entry.get_as<toml::array>("causes");
      if (!causes && error.empty()) {
        error = at(path, entry.source()) + tr("punct.colon", lang) + fill_braces(tr("model.file.bad_entry", lang), "causes");
      }
      for (std::size_t i = 0; causes && i < causes->size() && error.empty(); ++i) {
        const toml::table* c = causes->get(i)->as_table();
        if (!c) {
          error = at(path, causes->get(i)->source()) + tr("punct.colon", lang) +
                  fill_braces(tr("model.file.bad_entry", lang), "causes");
          break;
        }
        ConfirmedCause cause{text_field(*c, "tree", path, lang, error), text_field(*c, "leaf", path, lang, error)};
        t.causes.push_back(std::move(cause));
      }
      if (!error.empty()) break;
      out.store.tickets[t.number] = std::move(t);
    }
  }
  if (!error.empty()) {
    out.error = error;
    out.store = {};
    return out;
  }
  out.store.count();
  return out;
}

// [SECTION] Writing ---------------------------------------------------------------------

std::string save_learned(const Workspace& ws, const LearnedStore& store) {
  toml::table doc;
  doc.insert("schema_version", learned_schema_version);
  doc.insert("weight", learned_weight);
  doc.insert("site_threshold", static_cast<std::int64_t>(learned_site_threshold));
  toml::array tickets;
  for (const auto& [number, t] : store.tickets) {
    toml::table entry;
    entry.insert("number", t.number);
    if (!t.site.empty()) entry.insert("site", t.site);
    toml::array causes;
    for (const ConfirmedCause& c : t.causes) causes.push_back(toml::table{{"tree", c.tree}, {"leaf", c.leaf}});
    entry.insert("causes", std::move(causes));
    tickets.push_back(std::move(entry));
  }
  // For people and other tools: what the entries give with the current trees.
  // The program itself recomputes from the entries (the authored priors may have changed).
  LoadedLearned loaded;
  loaded.store = store;
  toml::table trees;
  for (const auto& [tree, counts] : store.trees) {
    const LearnedModel m = learned_model(ws, tree, "", {}, &loaded);
    toml::table t;
    t.insert("tickets", static_cast<std::int64_t>(m.tickets));
    toml::table causes;
    for (const LearnedCause& c : m.causes) {
      causes.insert(c.leaf, toml::table{{"authored", c.authored}, {"learned", c.learned},
                                        {"tickets", static_cast<std::int64_t>(c.tickets)}});
    }
    t.insert("causes", std::move(causes));
    toml::table sites;
    for (const auto& [site, sc] : counts.sites) sites.insert(site, static_cast<std::int64_t>(sc.total));
    if (!sites.empty()) t.insert("site_tickets", std::move(sites));
    trees.insert(tree, std::move(t));
  }
  doc.insert("trees", std::move(trees));
  if (!tickets.empty()) doc.insert("tickets", std::move(tickets));
  std::ostringstream text;
  text << "# Diagdesk: priors learned from closed tickets (diagdesk model learn; docs/guidance.md).\n"
          "# Rebuilt from the tickets by `diagdesk model learn`; [trees] is for reading only.\n"
       << doc << '\n';
  return engine::write_file_atomic(learned_file(ws.options().data_dir), text.str(), ws.options().lang);
}

// [SECTION] Priors ----------------------------------------------------------------------

LearnedModel learned_model(const Workspace& ws, const std::string& tree, const std::string& site,
                           const engine::FactMap& facts, const LoadedLearned* loaded) {
  LearnedModel out;
  out.tree = tree;
  const auto knowledge = ws.knowledge();
  const engine::Tree* t = knowledge ? knowledge->find_tree(tree) : nullptr;
  if (!t) return out;
  out.found = true;
  LoadedLearned read;
  if (!loaded) {
    read = load_learned(ws.options().data_dir, ws.options().lang);
    loaded = &read;
  }
  out.error = loaded->error;
  const engine::GuideModel m = engine::build_guide_model(*t, facts);
  const CauseCounts* counts = nullptr;
  if (auto it = loaded->store.trees.find(tree); it != loaded->store.trees.end()) {
    counts = &it->second.all;
    if (auto s = it->second.sites.find(site); !site.empty() && s != it->second.sites.end()) {
      out.site_tickets = s->second.total;
      if (s->second.total >= learned_site_threshold) {
        counts = &s->second;
        out.site = site;
      }
    }
  }
  auto count_of = [&](const std::string& leaf) -> std::size_t {
    if (!counts) return 0;
    const auto it = counts->per_leaf.find(leaf);
    return it == counts->per_leaf.end() ? 0 : it->second;
  };
  // Tickets on a leaf the tree no longer has are left out of N.
  for (const engine::GuideCause& c : m.causes) out.tickets += count_of(c.leaf.empty() ? "other" : c.leaf);
  const double n_total = static_cast<double>(out.tickets);
  for (const engine::GuideCause& c : m.causes) {
    LearnedCause lc;
    lc.leaf = c.leaf.empty() ? "other" : c.leaf;
    lc.name = c.name;
    lc.authored = c.prior;
    lc.tickets = count_of(lc.leaf);
    lc.learned = out.tickets == 0 ? c.prior
                                  : (learned_weight * c.prior + static_cast<double>(lc.tickets)) / (learned_weight + n_total);
    out.causes.push_back(std::move(lc));
  }
  return out;
}

std::vector<std::pair<std::string, double>> learned_priors(const Workspace& ws, const std::string& tree,
                                                           const std::string& site, const engine::FactMap& facts,
                                                           std::string* error) {
  const LearnedModel m = learned_model(ws, tree, site, facts);
  if (error) *error = m.error;
  std::vector<std::pair<std::string, double>> out;
  if (m.tickets == 0) return out;
  for (const LearnedCause& c : m.causes) out.emplace_back(c.leaf, c.learned);
  return out;
}

}  // namespace diagdesk::workspace
