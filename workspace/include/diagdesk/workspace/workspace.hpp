#pragma once
/// The one API both front ends use: loads the knowledge layers (trees, rules,
/// facts, articles), starts diagnoses, lints, and locates user data.
///
///     auto ws = diagdesk::workspace::Workspace::open({});   // bundled KB
///     if (!ws.errors().empty()) ...                         // load problems
///     auto started = ws.start("net.no_internet", {"os=windows11"});
///     if (started.session) started.session->answer("1");

#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/engine/session.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace diagdesk::workspace {

namespace fs = std::filesystem;
using engine::Lang;

/// Where things are. Empty fields take their defaults.
struct Options {
  fs::path bundled;               ///< bundled KB folder (default: bundled_dir())
  std::vector<fs::path> layers;   ///< team / user KB folders added on top, in order
  fs::path data_dir;              ///< per-user state (default: default_data_dir())
  Lang lang = Lang::en;           ///< interface language
  /// The team server of tickets and assets (a PostgreSQL connection string,
  /// docs/team.md); empty: $DIAGDESK_STORE, else the SQLite file in data_dir.
  std::string store;
  /// The team knowledge base's index served by xapian-tcpsrv, "host:port"
  /// (docs/team.md); empty: $DIAGDESK_TEAM_INDEX, else none.
  std::string team_index;
};

/// The bundled KB: $DIAGDESK_DATA, else the folder compiled in.
fs::path bundled_dir();
/// Per-user state: $DIAGDESK_HOME, else $XDG_DATA_HOME/diagdesk, else ~/.local/share/diagdesk.
fs::path default_data_dir();
/// The interface language from $DIAGDESK_LANG or $LANG (fr_* -> fr), else en.
Lang default_lang();

/// A KB layer: where it is and what it is called in results.
struct Layer {
  std::string name;  ///< "bundled", "team", "user"...
  fs::path path;
  bool read_only = false;
};

/// One line of `diagdesk trees`.
struct TreeSummary {
  std::string id;
  std::string title;
  std::string domain;
  int competency = 0;
  std::string layer;
};

/// A session started, or why not.
struct Started {
  std::optional<engine::Session> session;
  std::string error;  ///< one sentence when refused
};

class Workspace {
 public:
  /// Loads every layer. Never throws: problems are in diagnostics().
  static Workspace open(Options options);

  const Options& options() const { return m_options; }
  const std::vector<Layer>& layers() const { return m_layers; }
  std::shared_ptr<const engine::Knowledge> knowledge() const { return m_knowledge; }
  /// Problems found while loading (errors and warnings).
  const std::vector<engine::Diagnostic>& diagnostics() const { return m_diagnostics; }
  std::size_t error_count() const;

  /// Trees sorted by domain then id, titles in `lang`.
  std::vector<TreeSummary> trees(Lang lang) const;

  /// Parses "key=value" arguments against the fact catalogue.
  /// Returns the normalised pairs, or an error sentence naming the bad one.
  std::optional<std::vector<std::pair<std::string, std::string>>> parse_facts(
      const std::vector<std::string>& args, std::string* error) const;

  /// Starts a diagnosis on `tree_id` with "key=value" facts.
  Started start(const std::string& tree_id, const std::vector<std::string>& facts, Lang lang) const;

  /// Article topics that exist in both languages, across layers.
  std::vector<std::string> article_topics() const;

  /// Lints `paths` (files or folders; empty: every layer). The bundled data is
  /// loaded as context so single files resolve facts and jumps; only findings
  /// in `paths` are returned.
  std::vector<engine::Diagnostic> lint(const std::vector<fs::path>& paths) const;

  /// Where saved sessions go by default: <data_dir>/sessions.
  fs::path sessions_dir() const;

 private:
  Options m_options;
  std::vector<Layer> m_layers;
  std::shared_ptr<const engine::Knowledge> m_knowledge;
  std::vector<engine::Diagnostic> m_diagnostics;
};

}  // namespace diagdesk::workspace
