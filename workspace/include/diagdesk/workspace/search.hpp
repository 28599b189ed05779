#pragma once
/// Search over the workspace's knowledge: the articles of every layer and
/// the trees, indexed by kb under <data_dir>/index. The CLI (`search`,
/// `show`, `index`, `diagnose --symptom`) and the GUI both go through here.
///
///     auto ws = diagdesk::workspace::Workspace::open({});
///     diagdesk::workspace::Search search(ws);          // loads articles and synonyms
///     auto results = search.search({.text = "reseau lent", .ui_lang = "fr"});
///     if (auto m = search.match_symptom("internet ne marche plus", Lang::fr))
///       auto started = ws.start(m->tree_id, {}, Lang::fr);

#include <diagdesk/workspace/workspace.hpp>

#include <diagdesk/kb/catalogue.hpp>
#include <diagdesk/kb/index.hpp>
#include <diagdesk/kb/layers.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::workspace {

/// A tree as an index document: titles and symptom phrases in both
/// languages; questions, diagnoses, remedies and commands as its body.
kb::Document tree_document(const engine::Tree& tree, const std::string& layer);

/// What `diagdesk show ID` prints.
struct Shown {
  std::string kind;      ///< "article" or "tree"
  std::string id;        ///< article id or tree id
  std::string title;
  std::string markdown;  ///< the article, or a summary of the tree
  /// Set when the article is in the catalogue but its file can no longer be
  /// read (vanished, unreadable, changed): one sentence in the interface
  /// language; markdown is then empty.
  std::string error;
};

/// The tree chosen for a symptom, and why.
struct SymptomMatch {
  std::string tree_id;
  std::string title;
  int percent = 0;
  std::string evidence;  ///< the tree's text where the symptom's words were found, marked «like this»
  std::string why;       ///< one sentence in the interface language
  std::vector<std::pair<std::string, std::string>> others;  ///< runner-up trees (id, title), at most 3
  std::string scope;  ///< the `scope` fact the words say ("single_user", "several_users"), "" when they do not
  std::vector<std::string> set_aside;  ///< scope words and "what works" clauses not searched as symptoms
};

/// Short texts of search front ends, in both languages ("search.none",
/// "search.did_you_mean", "search.tree", "search.article"...); the key
/// itself when unknown.
std::string search_label(std::string_view key, Lang lang);

/// What an index update did, as a sentence in `lang`.
std::string describe(const kb::SyncReport& report, Lang lang);
/// What the user must know besides describe(): the index kept in a temporary
/// folder because its own cannot be written, each document only partly
/// indexed (too long), one sentence each, naming the folder or file.
std::vector<std::string> sync_notices(const kb::SyncReport& report, Lang lang);

/// "Indexation : 1200 / 100000 documents (1 %)": how far a rebuild has got.
std::string progress_text(std::size_t done, std::size_t total, Lang lang);

/// The manifest of the workspace's article files (kb::scan_layers), beside
/// the index: <data_dir>/index-catalogue.tsv.
std::filesystem::path catalogue_file(const Workspace& ws);

/// The KB search of one workspace. Keeps its own copy of what it needs, so
/// it may outlive the Workspace it was made from. Not thread-safe.
///
/// Articles are not held in memory: the catalogue (titles, ids, files) comes
/// from a manifest, only the files changed since it are parsed, and an
/// article's body is read from its file when it is shown.
class Search {
 public:
  /// Scans the article folders (parsing only what changed since the
  /// manifest) and loads the synonym files (data/synonyms.toml of every
  /// layer); the index is not touched until update_index() or search().
  explicit Search(const Workspace& ws);
  /// Where an index for others is built (`diagdesk index --kb DIR --out DIR`,
  /// the team index that xapian-tcpsrv serves): the Xapian database and its
  /// manifest in `dir`, holding only the --kb layers' articles and trees
  /// (never the bundled ones, which every Diagdesk has already). No remote.
  struct Place {
    std::filesystem::path dir;
  };
  Search(const Workspace& ws, const Place& place);

  /// Problems in article and synonym files (errors and warnings), and a
  /// team index that is not host:port.
  const std::vector<kb::Diagnostic>& diagnostics() const { return m_diagnostics; }
  /// The team's remote index searched with the local one (nullopt: none).
  const std::optional<kb::RemoteIndex>& team_index() const { return m_index.remote(); }
  /// The team index given (--team-index, DIAGDESK_TEAM_INDEX) when it is not
  /// host:port ("" when fine or none): searched without it.
  const std::string& bad_team_index() const { return m_bad_team_index; }
  /// Every article as the catalogue knows it (no bodies).
  const kb::Catalogue& articles() const { return m_catalogue; }
  /// Article files parsed by this Search so far (at start: the files new or
  /// changed since the manifest; then every file the index needed again).
  std::size_t files_parsed() const { return m_catalogue.parsed + m_reloaded; }
  const std::filesystem::path& index_dir() const { return m_index.dir(); }

  /// An article read from its file now (by id or topic, in `lang` else the
  /// other language).
  struct Opened {
    std::optional<kb::Article> article;
    std::string error;  ///< its file no longer gives it: one sentence in `lang`
  };
  /// nullopt when the catalogue has no such article.
  std::optional<Opened> open_article(std::string_view topic_or_id, Lang lang) const;

  /// Brings the index in line with the files: incremental by content hash,
  /// rebuilt when missing, stale or corrupt, or when `mode` asks. Only the
  /// documents the index lacks are read from their files; `progress` is told
  /// how far that has got. Saves the catalogue's manifest afterwards.
  kb::SyncReport update_index(kb::SyncMode mode = kb::SyncMode::incremental, const kb::SyncProgress& progress = {});
  /// The report of the last update (empty message before any).
  const kb::SyncReport& last_update() const { return m_last; }

  /// Searches, updating the index first on the first call.
  kb::SearchResults search(const kb::SearchQuery& query);
  /// Told how far the index update of search()'s first call has got.
  void set_progress(kb::SyncProgress progress) { m_progress = std::move(progress); }

  /// An article by id or topic (in `lang`, else the other language), or a tree.
  std::optional<Shown> show(std::string_view id, Lang lang) const;

  /// The tree whose title and symptom phrases best match `text`; nullopt
  /// when no tree matches at all. Scope words and clauses saying what works
  /// are set aside first (read_caller_words); several users affected puts
  /// svc.qualify_incident first and whole-site trees next; only the caller
  /// affected puts whole-site trees last.
  std::optional<SymptomMatch> match_symptom(const std::string& text, Lang lang);

 private:
  std::shared_ptr<const engine::Knowledge> m_knowledge;
  std::vector<Layer> m_layers;
  std::filesystem::path m_catalogue_file;
  kb::Catalogue m_catalogue;
  std::size_t m_reloaded = 0;
  std::vector<kb::Diagnostic> m_diagnostics;
  kb::Index m_index;
  bool m_extra_layers_only = false;  ///< a Place: the --kb layers only
  std::string m_bad_team_index;
  kb::SyncReport m_last;
  bool m_synced = false;
  kb::SyncProgress m_progress;
};

}  // namespace diagdesk::workspace
