// Search over the workspace's knowledge: articles + trees in kb's index.
//
// [SECTION] Labels
// [SECTION] Documents
// [SECTION] Search
// [SECTION] show
// [SECTION] match_symptom

#include <diagdesk/workspace/search.hpp>

#include <diagdesk/engine/training_sim.hpp>  // format_text

#include <diagdesk/workspace/articles.hpp>
#include <diagdesk/workspace/caller_words.hpp>

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/kb/synonyms.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <sstream>
#include <unordered_map>

namespace diagdesk::workspace {

namespace {

// [SECTION] Labels ----------------------------------------------------------------
// The few words of show/match output, in both languages.

struct Label {
  std::string_view key;
  const char* fr;
  const char* en;
};

constexpr Label labels[] = {
    {"symptoms", "Symptômes", "Symptoms"},
    {"domain", "Domaine", "Domain"},
    {"competency", "Compétence", "Competency"},
    {"layer", "Couche", "Layer"},
    {"updated", "Mis à jour le", "Updated"},
    {"out_of_date", "Sa traduction est plus récente : cet article est à revoir.",
     "Its translation is newer: this article needs a review."},
    {"known_error", "Erreur connue", "Known error"},
    {"ke.symptom", "Symptôme", "Symptom"},
    {"ke.cause", "Cause", "Cause"},
    {"ke.workaround", "Contournement", "Workaround"},
    {"ke.solution", "Solution", "Solution"},
    {"ke.codes", "Codes d'erreur", "Error codes"},
    {"ke.products", "Produits concernés", "Affected products"},
    {"tree", "Script de diagnostic", "Troubleshooting script"},
    {"tree.start", "Première question", "First question"},
    {"tree.steps", "Questions et tests", "Questions and tests"},
    {"tree.conclusions", "Conclusions", "Conclusions"},
    {"tree.articles", "Articles liés", "Linked articles"},
    {"tree.run", "Pour le lancer", "To run it"},
    {"match.why", "Choisi parce que ses symptômes correspondent le mieux à la description",
     "Chosen because its symptoms match the description best"},
    {"match.score", "pertinence", "relevance"},
    {"match.several", "Plusieurs utilisateurs sont touchés : qualifiez d'abord l'incident (impact, urgence, ticket déjà ouvert), puis suivez le script technique proposé ensuite.",
     "Several users are affected: qualify the incident first (impact, urgency, a ticket already open), then follow the technical script proposed next."},
    {"match.single", "Seul l'appelant est touché : les scripts de panne de tout le site passent après.",
     "Only the caller is affected: the whole-site outage scripts come after."},
    {"match.set_aside", "Lu comme l'étendue du problème ou comme ce qui fonctionne, pas comme le symptôme",
     "Read as the scope of the problem or as what works, not as the symptom"},
    {"match.chosen", "Script choisi", "Script chosen"},
    {"match.others", "Autres scripts possibles", "Other possible scripts"},
    {"match.none", "Aucun script de diagnostic ne correspond à ce symptôme ; essayez d'autres mots ou `diagdesk trees`.",
     "No troubleshooting script matches this symptom; try other words or `diagdesk trees`."},
    {"search.none", "Aucun résultat.", "No results."},
    {"search.did_you_mean", "Vouliez-vous dire", "Did you mean"},
    {"search.corrected", "résultats pour", "showing results for"},
    {"search.truncated", "Requête trop longue : seul son début a été utilisé.", "Query too long: only its beginning was used."},
    {"search.empty", "La requête ne contient aucun mot à chercher.", "The query has no word to search for."},
    {"search.read_only", "L'index est verrouillé par un autre processus et peut ne pas refléter les derniers changements.",
     "The index is locked by another process and may not reflect the latest changes."},
    {"search.team_index_bad", "l'index de l'équipe « {1} » n'est pas de la forme hôte:port (--team-index, DIAGDESK_TEAM_INDEX) : recherche dans les seules bases locales",
     "the team index '{1}' is not host:port (--team-index, DIAGDESK_TEAM_INDEX): searching the local layers only"},
    {"search.team_offline", "La base de l'équipe est injoignable : ces résultats viennent des seules bases locales (nouvel essai à chaque recherche).",
     "The team knowledge base cannot be reached: these results come from the local layers only (tried again at each search)."},
    {"search.tree", "arbre", "tree"},
    {"search.article", "article", "article"},
    {"search.out_of_date", "traduction plus récente", "translation is newer"},
    {"search.results", "résultats", "results"},
    {"index.up_to_date", "Index à jour", "Index up to date"},
    {"index.created", "Index créé", "Index created"},
    {"index.updated", "Index mis à jour", "Index updated"},
    {"index.rebuilt", "Index reconstruit", "Index rebuilt"},
    {"index.read_only", "Index verrouillé par un autre processus : il n'a pas été mis à jour, la recherche utilise l'index existant",
     "Index locked by another process: it was not updated, search uses the existing index"},
    {"index.failed", "Échec de l'écriture de l'index", "Could not write the index"},
    {"index.documents", "documents", "documents"},
    {"index.added", "ajoutés", "added"},
    {"index.changed", "modifiés", "changed"},
    {"index.removed", "supprimés", "removed"},
    {"index.unchanged", "inchangés", "unchanged"},
    {"index.corrupt", "il était corrompu", "it was corrupt"},
    {"index.stale", "il venait d'une autre version", "it was made by another version"},
    {"index.requested", "à la demande", "as requested"},
    {"index.in", "en", "in"},
    {"index.progress", "Indexation", "Indexing"},
    {"index.out_needs_kb", "--out construit l'index des seules bases --kb : donnez au moins un --kb DOSSIER",
     "--out builds the index of the --kb layers alone: give at least one --kb DIR"},
};

const char* label(std::string_view key, Lang lang) {
  for (const auto& l : labels)
    if (l.key == key) return lang == Lang::fr ? l.fr : l.en;
  return nullptr;
}

std::string lang_str(Lang lang) { return std::string(engine::lang_code(lang)); }

std::string layer_of(const std::string& file, const std::vector<Layer>& layers) {
  std::string layer = layers.empty() ? "bundled" : layers.front().name;
  for (const auto& l : layers)
    if (file.rfind(l.path.string(), 0) == 0) layer = l.name;
  return layer;
}

}  // namespace

std::string search_label(std::string_view key, Lang lang) {
  const char* l = label(key, lang);
  return l ? l : std::string(key);
}

std::string describe(const kb::SyncReport& r, Lang lang) {
  auto L = [&](std::string_view key) { return search_label(key, lang); };
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f s", r.seconds);
  std::string colon = engine::tr("punct.colon", lang);
  std::string n = std::to_string(r.total) + " " + L("index.documents");
  switch (r.action) {
    case kb::IndexAction::up_to_date: return L("index.up_to_date") + " (" + n + ")";
    case kb::IndexAction::created: return L("index.created") + colon + n + " " + L("index.in") + " " + secs;
    case kb::IndexAction::updated:
      return L("index.updated") + colon + std::to_string(r.added) + " " + L("index.added") + ", " +
             std::to_string(r.changed) + " " + L("index.changed") + ", " + std::to_string(r.removed) + " " +
             L("index.removed") + ", " + std::to_string(r.unchanged) + " " + L("index.unchanged") + " (" + secs + ")";
    case kb::IndexAction::rebuilt: {
      const char* why = r.reason == kb::RebuildReason::corrupt ? "index.corrupt"
                        : r.reason == kb::RebuildReason::stale ? "index.stale"
                                                               : "index.requested";
      return L("index.rebuilt") + " (" + L(why) + ")" + colon + n + " " + L("index.in") + " " + secs;
    }
    case kb::IndexAction::read_only: return L("index.read_only");
    case kb::IndexAction::failed: return L("index.failed") + colon + r.message;
  }
  return r.message;
}

std::string progress_text(std::size_t done, std::size_t total, Lang lang) {
  const std::size_t percent = total ? done * 100 / total : 100;
  return search_label("index.progress", lang) + engine::tr("punct.colon", lang) + std::to_string(done) + " / " +
         std::to_string(total) + " " + search_label("index.documents", lang) + " (" + std::to_string(percent) +
         (lang == Lang::fr ? " %)" : "%)");
}

std::vector<std::string> sync_notices(const kb::SyncReport& r, Lang lang) {
  std::vector<std::string> out;
  if (!r.fallback_dir.empty()) {
    out.push_back(engine::format_text(engine::tr("io.index.fallback", lang),
                                      {r.unwritable_dir.string(), r.unwritable, r.fallback_dir.string()}));
  }
  for (const auto& c : r.cut) {
    out.push_back(engine::format_text(engine::tr("safety.index.cut", lang),
                                      {c.source, std::to_string(kb::max_indexed_text_bytes()), std::to_string(c.size)}));
  }
  return out;
}

// [SECTION] Documents -------------------------------------------------------------

kb::Document tree_document(const engine::Tree& tree, const std::string& layer) {
  kb::Document d;
  d.id = tree.id;
  d.type = "tree";
  d.lang = "both";
  d.topic = tree.id;
  d.title = {tree.title.fr, tree.title.en};
  d.symptoms = {tree.symptoms_fr, tree.symptoms_en};
  d.tags = tree.tags;
  d.domain = tree.domain;
  d.competency = tree.competency;
  d.layer = layer;
  // The script's own words find it too, after the title and symptoms.
  for (const auto& n : tree.nodes) {
    for (const engine::LText* t : {&n.text, &n.why, &n.diagnosis}) {
      if (!t->fr.empty()) d.body.fr += t->fr + "\n";
      if (!t->en.empty()) d.body.en += t->en + "\n";
    }
    for (const auto& r : n.remedy) {
      d.body.fr += r.fr + "\n";
      d.body.en += r.en + "\n";
    }
    for (const auto& c : n.commands) {
      d.body.fr += c.cmd + "\n";
      d.body.en += c.cmd + "\n";
    }
  }
  return d;
}

// [SECTION] Search ----------------------------------------------------------------

fs::path catalogue_file(const Workspace& ws) { return ws.options().data_dir / "index-catalogue.tsv"; }

namespace {

/// --team-index, else $DIAGDESK_TEAM_INDEX ("" when neither).
std::string team_index_text(const Workspace& ws) {
  if (!ws.options().team_index.empty()) return ws.options().team_index;
  const char* env = std::getenv("DIAGDESK_TEAM_INDEX");
  return env ? env : "";
}

}  // namespace

Search::Search(const Workspace& ws) : Search(ws, Place{ws.options().data_dir / "index"}) {
  if (const std::string team = team_index_text(ws); !team.empty()) {
    if (auto remote = kb::parse_remote_index(team)) {
      m_index.set_remote(*remote);
    } else {
      m_bad_team_index = team;
      m_diagnostics.push_back({kb::Severity::error, "team-index", "", 0, 0,
                               "the team index '" + team + "' is not host:port (--team-index, DIAGDESK_TEAM_INDEX); "
                               "searching the local layers only"});
    }
  }
}

// The user's own index (Search(ws)) or an index for others in a folder of
// its own (`index --out`): only the latter keeps its manifest beside it and
// holds the --kb layers alone.
Search::Search(const Workspace& ws, const Place& place)
    : m_knowledge(ws.knowledge()),
      m_layers(ws.layers()),
      m_catalogue_file(place.dir == ws.options().data_dir / "index" ? catalogue_file(ws)
                                                                     : place.dir / "index-catalogue.tsv"),
      m_catalogue(kb::scan_layers(article_layers(ws), m_catalogue_file)),
      m_index(place.dir),
      m_extra_layers_only(place.dir != ws.options().data_dir / "index") {
  m_diagnostics = m_catalogue.diagnostics;
  kb::Synonyms synonyms;
  for (const auto& l : m_layers) {
    std::error_code ec;
    fs::path file = l.path / "synonyms.toml";
    if (!fs::exists(file, ec)) continue;
    auto r = kb::load_synonyms(file);
    m_diagnostics.insert(m_diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
    for (auto& g : r.synonyms.groups) synonyms.groups.push_back(std::move(g));
  }
  m_index.set_synonyms(synonyms);
}

kb::SyncReport Search::update_index(kb::SyncMode mode, const kb::SyncProgress& progress) {
  // Articles by reference (their documents are read again only when the
  // index lacks them), trees as documents (they are in memory anyway).
  // An index for others (Place) holds the --kb layers only: every Diagdesk
  // has the bundled articles and trees, and its own user layer.
  auto wanted = [&](const std::string& layer) {
    return !m_extra_layers_only || (layer != "bundled" && layer != "user");
  };
  std::vector<const kb::ArticleEntry*> entries;
  entries.reserve(m_catalogue.articles.size());
  for (const auto& e : m_catalogue.articles)
    if (wanted(e.layer)) entries.push_back(&e);
  std::vector<kb::Document> trees;
  trees.reserve(m_knowledge->trees().size());
  for (const auto& t : m_knowledge->trees()) {
    std::string layer = layer_of(t.pos.file, m_layers);
    if (wanted(layer)) trees.push_back(tree_document(t, std::move(layer)));
  }
  std::vector<kb::DocumentRef> refs;
  refs.reserve(entries.size() + trees.size());
  for (const auto* e : entries) refs.push_back({e->id, e->hash()});
  for (const auto& t : trees) refs.push_back({t.id, kb::content_hash(t)});
  // Keys are copies: load() moves a parsed document out (its id with it),
  // and a view into that id would outlive it (heap-use-after-free, found by
  // the sanitizer build in the kill -9 tests).
  std::unordered_map<std::string, kb::Document*> parsed;
  for (auto& d : m_catalogue.parsed_documents) parsed.emplace(d.id, &d);
  auto load = [&](std::size_t i) -> std::optional<kb::Document> {
    if (i >= entries.size()) return trees[i - entries.size()];
    if (auto it = parsed.find(entries[i]->id); it != parsed.end()) return std::move(*it->second);
    ++m_reloaded;
    return kb::load_document(*entries[i]);
  };
  m_last = m_index.sync(refs, load, mode, progress);
  m_synced = true;
  m_catalogue.parsed_documents.clear();
  m_catalogue.parsed_documents.shrink_to_fit();
  // The manifest is only a cache: when it cannot be written, the next start parses again.
  if (m_catalogue.changed && m_last.action != kb::IndexAction::failed &&
      kb::save_catalogue(m_catalogue, m_catalogue_file).empty())
    m_catalogue.changed = false;
  return m_last;
}

kb::SearchResults Search::search(const kb::SearchQuery& query) {
  if (!m_synced) update_index(kb::SyncMode::incremental, m_progress);
  return m_index.search(query);
}

// [SECTION] show ------------------------------------------------------------------

namespace {

std::string article_markdown(const kb::Article& a, Lang lang) {
  std::ostringstream md;
  if (!a.body.starts_with("# ")) md << "# " << a.title << "\n\n";
  md << "`" << a.id << "` · " << search_label("layer", lang) << " " << a.layer;
  if (!a.domain.empty()) md << " · " << search_label("domain", lang) << " " << a.domain;
  if (a.competency) md << " · " << search_label("competency", lang) << " " << a.competency;
  if (a.updated) md << " · " << search_label("updated", lang) << " " << kb::to_string(*a.updated);
  md << "\n\n";
  if (a.out_of_date) md << "> " << search_label("out_of_date", lang) << "\n\n";
  if (!a.symptoms.empty()) {
    md << "**" << search_label("symptoms", lang) << "**" << engine::tr("punct.colon", lang);
    for (std::size_t i = 0; i < a.symptoms.size(); ++i) md << (i ? " · " : "") << a.symptoms[i];
    md << "\n\n";
  }
  md << a.body;
  if (a.known_error) {
    const kb::KnownError& k = *a.known_error;
    md << "\n## " << search_label("known_error", lang) << "\n\n";
    auto item = [&](const char* key, const std::string& v) {
      if (!v.empty()) md << "- **" << search_label(key, lang) << "**" << engine::tr("punct.colon", lang) << v << "\n";
    };
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
      return s;
    };
    item("ke.symptom", k.symptom);
    item("ke.cause", k.cause);
    item("ke.workaround", k.workaround);
    item("ke.solution", k.solution);
    item("ke.codes", join(k.error_codes));
    item("ke.products", join(k.products));
  }
  return md.str();
}

std::string tree_markdown(const engine::Tree& t, const std::string& layer, Lang lang) {
  std::ostringstream md;
  md << "# " << t.title.get(lang) << "\n\n";
  md << search_label("tree", lang) << " `" << t.id << "` · " << search_label("layer", lang) << " " << layer << " · "
     << search_label("domain", lang) << " " << t.domain;
  if (t.competency)
    md << " · " << search_label("competency", lang) << " " << t.competency << " (" << engine::tr("competency." + std::to_string(t.competency), lang)
       << ")";
  md << "\n\n";
  const auto& symptoms = t.symptoms(lang);
  if (!symptoms.empty()) {
    md << "**" << search_label("symptoms", lang) << "**" << engine::tr("punct.colon", lang);
    for (std::size_t i = 0; i < symptoms.size(); ++i) md << (i ? " · " : "") << symptoms[i];
    md << "\n\n";
  }
  if (const engine::Node* start = t.find(t.start))
    md << "**" << search_label("tree.start", lang) << "**" << engine::tr("punct.colon", lang) << start->text.get(lang) << "\n\n";
  std::size_t steps = 0;
  std::vector<const engine::Node*> conclusions;
  std::vector<std::string> articles;
  for (const auto& n : t.nodes) {
    if (n.kind == engine::NodeKind::question || n.kind == engine::NodeKind::action) ++steps;
    if (n.kind == engine::NodeKind::conclusion) conclusions.push_back(&n);
    for (const auto& a : n.articles)
      if (std::find(articles.begin(), articles.end(), a) == articles.end()) articles.push_back(a);
  }
  md << "**" << search_label("tree.steps", lang) << "**" << engine::tr("punct.colon", lang) << steps << "\n\n";
  md << "## " << search_label("tree.conclusions", lang) << "\n\n";
  for (const auto* n : conclusions)
    md << "- " << n->diagnosis.get(lang) << " (" << engine::tr("outcome." + std::string(engine::outcome_name(n->outcome)), lang)
       << ")\n";
  if (!articles.empty()) {
    md << "\n## " << search_label("tree.articles", lang) << "\n\n";
    for (const auto& a : articles) md << "- `" << a << "`\n";
  }
  md << "\n" << search_label("tree.run", lang) << engine::tr("punct.colon", lang) << "`diagdesk diagnose " << t.id << "`\n";
  return md.str();
}

}  // namespace

namespace {

Search::Opened open_entry(const kb::ArticleEntry& e, Lang lang) {
  kb::ArticleResult r = kb::open_article(e);
  Search::Opened out;
  if (r.article) {
    out.article = std::move(r.article);
  } else {
    const std::string why = r.diagnostics.empty() ? std::string() : r.diagnostics.front().message;
    out.error = engine::format_text(engine::tr("search.article_unreadable", lang), {e.id, e.path, why});
  }
  return out;
}

}  // namespace

std::optional<Search::Opened> Search::open_article(std::string_view topic_or_id, Lang lang) const {
  const kb::ArticleEntry* e = m_catalogue.find(topic_or_id, lang_str(lang));
  if (!e) return std::nullopt;
  return open_entry(*e, lang);
}

std::optional<Shown> Search::show(std::string_view id, Lang lang) const {
  // An exact article id first, then a tree, then an article topic.
  const kb::ArticleEntry* e = m_catalogue.find_id(id);
  if (!e) {
    if (const engine::Tree* t = m_knowledge->find_tree(id))
      return Shown{"tree", t->id, t->title.get(lang), tree_markdown(*t, layer_of(t->pos.file, m_layers), lang), {}};
    e = m_catalogue.find(id, lang_str(lang));
  }
  if (!e) return std::nullopt;
  Opened o = open_entry(*e, lang);
  if (!o.article) return Shown{"article", e->id, e->title, {}, o.error};
  return Shown{"article", e->id, e->title, article_markdown(*o.article, lang), {}};
}

// [SECTION] match_symptom ---------------------------------------------------------

namespace {

// The script every multi-user outage starts with: impact, urgency, a parent
// ticket, a major incident (see docs/kb.md, "Picking the script").
constexpr std::string_view qualification_tree = "svc.qualify_incident";

// A tree for an outage of the whole site: its first question asks the scope
// and sends a single computer to another tree (net.box_no_internet). Read
// from the tree itself, so a new site-wide tree needs no list here.
bool site_wide_tree(const engine::Tree& t) {
  const engine::Node* start = t.find(t.start);
  if (!start || start->kind != engine::NodeKind::question || start->fact != "scope") return false;
  for (const auto& c : start->choices)
    for (const auto& [key, value] : c.set)
      if (key == "scope" && value == "single_user") {
        const engine::Node* next = t.find(c.next);
        return next && next->kind == engine::NodeKind::jump;
      }
  return false;
}

std::string quoted(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "«" : ", «") + p + "»";
  return out;
}

}  // namespace

std::optional<SymptomMatch> Search::match_symptom(const std::string& text, Lang lang) {
  // Scope words and "what works" clauses are not symptoms: search the rest,
  // then order by scope.
  const CallerWords words = read_caller_words(text);
  kb::SearchQuery q;
  q.text = words.problem;
  q.type = "tree";
  q.ui_lang = lang_str(lang);
  q.limit = 8;
  q.prefix_last_word = false;
  q.mark_open = "«";
  q.mark_close = "»";
  kb::SearchResults r = search(q);
  std::vector<const kb::SearchHit*> hits;
  for (const auto& h : r.hits) hits.push_back(&h);
  // A fault is not a sale: without a need in the words, the pre-sales trees go last.
  if (!words.need) {
    std::stable_partition(hits.begin(), hits.end(), [&](auto h) {
      const engine::Tree* t = m_knowledge->find_tree(h->id);
      return !t || t->domain != "commercial";
    });
  }
  auto site_wide = [&](const kb::SearchHit* h) {
    const engine::Tree* t = m_knowledge->find_tree(h->id);
    return t && site_wide_tree(*t);
  };
  // "Internet works for Teams": the trees that clause finds best (no
  // Internet, the Wi-Fi...) are not the fault; they go last.
  std::vector<std::string> working_trees;
  for (const auto& clause : words.working) {
    kb::SearchQuery wq = q;
    wq.text = clause;
    wq.limit = 5;
    for (const auto& h : search(wq).hits)
      if (h.percent >= 70) working_trees.push_back(h.id);
  }
  std::stable_partition(hits.begin(), hits.end(), [&](auto h) {
    return std::find(working_trees.begin(), working_trees.end(), h->id) == working_trees.end();
  });
  bool reordered = false;
  if (words.scope == Scope::single_user) {
    // « mes collègues si »: the one-computer tree before the whole-site one.
    auto first_site = std::find_if(hits.begin(), hits.end(), site_wide);
    reordered = first_site != hits.end() && std::any_of(first_site, hits.end(), [&](auto h) { return !site_wide(h); });
    std::stable_partition(hits.begin(), hits.end(), [&](auto h) { return !site_wide(h); });
  } else if (words.scope == Scope::several_users) {
    std::stable_partition(hits.begin(), hits.end(), site_wide);
  }
  const engine::Tree* qualify =
      words.scope == Scope::several_users ? m_knowledge->find_tree(qualification_tree) : nullptr;
  if (hits.empty() && !qualify) return std::nullopt;

  SymptomMatch m;
  m.scope = std::string(scope_fact_value(words.scope));
  m.set_aside = words.set_aside;
  const std::string score_tail = hits.empty() ? std::string(".")
                                              : " (" + search_label("match.score", lang) + " " + std::to_string(hits.front()->percent) +
                                                    (lang == Lang::fr ? " %)." : "%).");
  if (qualify) {
    m.tree_id = qualify->id;
    m.title = qualify->title.get(lang);
    m.percent = 100;
    m.evidence = quoted(words.set_aside);
    m.why = search_label("match.several", lang);
    std::erase_if(hits, [&](auto h) { return h->id == qualify->id; });
  } else {
    const kb::SearchHit& best = *hits.front();
    m.tree_id = best.id;
    m.title = best.title;
    m.percent = best.percent;
    m.evidence = best.snippet;
    m.why = search_label("match.why", lang) + score_tail;
    if (reordered) m.why += " " + search_label("match.single", lang);
    hits.erase(hits.begin());
  }
  if (!words.set_aside.empty() && !qualify)
    m.why += " " + search_label("match.set_aside", lang) + engine::tr("punct.colon", lang) + quoted(words.set_aside) + ".";
  for (std::size_t i = 0; i < hits.size() && m.others.size() < 3; ++i) m.others.emplace_back(hits[i]->id, hits[i]->title);
  return m;
}

}  // namespace diagdesk::workspace
