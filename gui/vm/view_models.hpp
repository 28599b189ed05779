#pragma once
// View-models of the desktop front end: plain data the panels draw, and the
// Intent a panel returns when the user asks for something. The presenter
// (gui/app/presenter.hpp) builds these from the workspace and applies intents;
// panels (gui/panels/) read them and never call a service. No ImGui here, no
// workspace either: tests build them by hand too.
//
// [SECTION] Labels and intents
// [SECTION] Search
// [SECTION] Guided diagnosis
// [SECTION] Conclusion
// [SECTION] Articles (Markdown)
// [SECTION] Author mode
// [SECTION] Home, jobs, application

#include "vm/tickets_vm.hpp"
#include "vm/assets_vm.hpp"
#include "vm/quotes_vm.hpp"
#include "vm/dashboard_vm.hpp"
#include "vm/guide_vm.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diagdesk::gui {

// [SECTION] Labels and intents ---------------------------------------------------------

/// The UI strings of the current language (keys of data/ui/strings.toml).
struct Labels {
  std::string lang = "en";
  std::map<std::string, std::string, std::less<>> text;
  /// The text for `key`; the key itself when missing (so it shows in screenshots).
  const char* operator()(std::string_view key) const {
    auto it = text.find(key);
    if (it != text.end()) return it->second.c_str();
    auto m = missing_.find(key);
    if (m != missing_.end()) return m->second.c_str();
    return missing_.emplace(std::string(key), std::string(key)).first->second.c_str();
  }
  // Missing keys are remembered so the returned pointer stays valid.
  mutable std::map<std::string, std::string, std::less<>> missing_;
};

/// What the user asked for. Arguments: `a`, `b` (ids, texts), `n` (numbers).
enum class IntentKind {
  none,
  // search bar
  search_changed,     ///< a: query text
  search_filter,      ///< a: domain ("" = all), b: language ("" = both)
  open_result,        ///< a: "tree" | "article", b: id
  // starting and resuming
  start_tree,         ///< a: tree id
  set_start_fact,     ///< a: fact key, b: value ("" clears)
  resume_autosave,
  discard_autosave,
  open_recent,        ///< a: session file path
  // guided diagnosis
  answer,             ///< n: 1-based choice number
  answer_value,       ///< a: typed value (input steps)
  dont_know,
  back,
  toggle_why,
  add_note,           ///< a: note text
  // conclusion
  toggle_remedy,      ///< n: 0-based remedy line
  export_report,
  export_escalation,
  start_over,
  // articles
  open_article,       ///< a: topic, id or link target
  article_back,
  article_forward,
  // author mode
  select_tree,        ///< a: tree id
  select_node,        ///< a: node id
  run_lint,
  rebuild_index,
  run_import,         ///< a: folder or file to import
  // application
  set_tab,            ///< n: Tab value
  set_lang,           ///< a: "fr" | "en"
  set_theme,          ///< a: "light" | "dark"
  copy_text,          ///< a: text put on the clipboard by the panel (status message only)
  dismiss_status,
  quit,
  // trainee mode (vm/trainee_vm.hpp)
  trainee,            ///< a: verb (select, mode, start, again, list, act, filter, finish), b: argument
  // tickets tab (vm/tickets_vm.hpp)
  ticket,             ///< a: verb (create, select, assign, in_progress, pending, diagnose, escalate, resolve,
                      ///< close, reopen, note, report_pdf, refresh), b: ticket number, n: level, fields: values
  // assets tab (vm/assets_vm.hpp)
  asset,              ///< a: verb (filter, select, import, refresh), b: tag, fields: filters or path
  // quotes tab (vm/quotes_vm.hpp)
  quote,              ///< a: verb (filter, select, create, add_line, remove_line, set_line, send, accept, refuse,
                      ///< pdf, search), b: quote number, n: line position, fields: values
  // cost-aware guidance (vm/guide_vm.hpp, app/guide_presenter.hpp)
  guide,              ///< a: verb (simulate, simulate_all, toggle, why, take), b: tree id or step id
};

struct Intent {
  IntentKind kind = IntentKind::none;
  std::string a;
  std::string b;
  int n = 0;
  /// Named values of a form (the new-ticket form, an action's text); empty for most intents.
  std::vector<std::pair<std::string, std::string>> fields;
  /// The value of field `key` ("" when absent).
  std::string field(std::string_view key) const {
    for (const auto& [k, v] : fields) if (k == key) return v;
    return {};
  }
  Intent() = default;
  Intent(IntentKind k, std::string a_ = {}, std::string b_ = {}, int n_ = 0)
      : kind(k), a(std::move(a_)), b(std::move(b_)), n(n_) {}
  explicit operator bool() const { return kind != IntentKind::none; }
};

// [SECTION] Search ----------------------------------------------------------------------

struct SearchHitVm {
  std::string type;     ///< "tree" | "article"
  std::string id;       ///< tree id or article id
  std::string title;
  std::string snippet;  ///< matched words between "**"
  std::string lang;     ///< "fr", "en", "both"
  std::string domain;
  std::string layer;
};

struct SearchVm {
  std::string query;                    ///< the query the results are for
  std::vector<SearchHitVm> trees;
  std::vector<SearchHitVm> articles;
  bool busy = false;                    ///< a search is running in the background
  std::string progress;                 ///< while the index is being built: "Indexing: 1200 / 100000 documents (1%)"
  float progress_fraction = 0;          ///< the same, 0-1
  std::string notice;                   ///< "did you mean", index state...
  std::vector<std::string> domains;     ///< filter choices
  std::string domain_filter;
  std::string lang_filter;
  bool articles_available = false;      ///< false until the workspace has a search index
};

// [SECTION] Guided diagnosis ---------------------------------------------------------------

enum class StepKindVm { none, question, action, input, conclusion, error };
enum class WarningKindVm { electrical, esd, data_loss, security, other };

struct WarningVm {
  WarningKindVm kind = WarningKindVm::other;
  std::string title;  ///< "Electrical hazard"
  std::string text;
};

struct ChoiceVm {
  std::string id;
  std::string label;
};

struct CommandVm {
  std::string os;
  std::string cmd;
};

struct ExplainLineVm {
  int kind = 0;  ///< engine::ExplainLine::Kind as int (0 = purpose)
  std::string text;
};

/// The current question (or action / input step) of the session.
struct QuestionVm {
  bool active = false;
  StepKindVm kind = StepKindVm::none;
  std::string tree;
  std::string tree_title;
  std::string node;
  int step_number = 0;                 ///< 1-based
  std::string text;
  std::vector<ChoiceVm> choices;
  std::vector<CommandVm> commands;     ///< the known OS's first (all when the OS is unknown)
  std::vector<CommandVm> other_commands;  ///< other systems, in a collapsed section
  std::string commands_os;             ///< the known OS in words ("" unknown)
  std::vector<WarningVm> warnings;     ///< shown before the step; must be acknowledged
  std::string input_label;             ///< fact label for input steps
  std::string find_out;                ///< after "don't know" with no target
  std::vector<std::pair<std::string, std::string>> recommendations;  ///< tree id, title
  bool can_back = false;
  bool why_open = false;
  std::vector<ExplainLineVm> why;
  std::string error;                   ///< error step or refused answer
  GuideVm guide;                       ///< guided mode (the Guided toggle, best step, why)
};

struct TranscriptEntryVm {
  std::string kind;      ///< "asked", "skipped", "dont_know", "jumped", "rule", "concluded"
  std::string node;
  std::string question;
  std::string answer;
};

struct TranscriptVm {
  std::vector<TranscriptEntryVm> entries;
  std::vector<std::string> notes;
};

enum class FactTypeVm { enum_, bool_, int_, text, ipv4 };

struct FactVm {
  std::string key;
  std::string label;
  FactTypeVm type = FactTypeVm::text;
  std::vector<std::string> values;  ///< enum values ("true", "false" for a bool)
  std::vector<std::string> value_labels;  ///< the same values in words, same order
  std::string value;                ///< current value ("" unknown)
  std::string value_text;           ///< the current value in words
  std::string source;               ///< "start", "answer", "rule"... (read-only view)
};

struct FactsVm {
  bool editable = false;  ///< before the first answer
  std::vector<FactVm> facts;
};

struct LinkVm {
  std::string topic;
  std::string title;
  bool available = false;  ///< the article exists
};

// [SECTION] Conclusion ------------------------------------------------------------------------

struct ConclusionVm {
  bool active = false;
  std::string tree_title;
  std::string diagnosis;
  std::string outcome;          ///< "resolved", "escalate_l2"...
  std::string outcome_label;
  std::vector<std::string> remedy;
  std::vector<bool> remedy_done;
  std::vector<ExplainLineVm> how;
  std::string exported;         ///< path of the last export, for the status line
  bool quotable = false;        ///< a quote proposal exists for it: "Make a quote"
  std::vector<CauseBarVm> probabilities;  ///< guided diagnosis: the causes' probabilities at the end ("" when not guided)
};

// [SECTION] Articles (Markdown) ---------------------------------------------------------------

/// A run of inline text with one style.
struct MdSpan {
  enum Style : unsigned { plain = 0, strong = 1, em = 2, code = 4, link = 8 };
  std::string text;
  unsigned style = plain;
  std::string href;  ///< for links
};

/// One block of a Markdown document, flattened for drawing.
struct MdBlock {
  enum class Kind { heading, paragraph, list_item, code, rule, table, quote };
  Kind kind = Kind::paragraph;
  int level = 0;                 ///< heading level 1-6, or list nesting depth (1 = top)
  bool ordered = false;          ///< list item of a numbered list
  int number = 0;                ///< its number
  bool task = false, task_done = false;
  std::vector<MdSpan> spans;     ///< heading, paragraph, list item, quote
  std::string code;              ///< code block text
  std::string info;              ///< code block language
  std::vector<std::vector<std::vector<MdSpan>>> rows;  ///< table: rows of cells of spans; row 0 is the header
};

struct MarkdownDoc {
  std::vector<MdBlock> blocks;
};

struct ArticleVm {
  bool open = false;
  std::string id;
  std::string topic;
  std::string title;
  std::string meta;        ///< "network · fr · bundled · updated 2024-05-01"
  MarkdownDoc doc;
  bool can_back = false;
  bool can_forward = false;
  std::string error;       ///< article not found...
};

// [SECTION] Author mode ------------------------------------------------------------------------

struct FindingVm {
  bool error = true;
  std::string code;
  std::string message;
  std::string location;  ///< "file:line:col"
  std::string tree;      ///< tree the finding is in ("" when not a tree)
  std::string node;      ///< node it points at ("" when none)
};

struct OutlineNodeVm {
  std::string id;
  std::string kind;                  ///< "question", "action", "conclusion", "jump"
  std::string text;
  std::vector<std::pair<std::string, std::string>> exits;  ///< label, target node
  int errors = 0, warnings = 0;
  bool start = false;
};

struct TreeItemVm {
  std::string id;
  std::string title;
  std::string domain;
};

struct DiagramNodeVm {
  std::string id;
  std::string kind;
  std::vector<std::string> lines;
  float x = 0, y = 0, w = 0, h = 0;  ///< centre and size, in diagram points
  bool current = false;              ///< node of the session in progress
  bool problem = false;              ///< has lint findings
};

struct DiagramEdgeVm {
  std::vector<std::pair<float, float>> spline;  ///< cubic B-spline: p0, then 3 points per segment
  bool has_arrow = false;
  std::pair<float, float> arrow_tip{0, 0};
  std::string label;
  std::pair<float, float> label_pos{0, 0};
  bool dashed = false;
};

struct DiagramVm {
  std::string tree;
  float width = 0, height = 0;
  float edge_font = 11.5f;           ///< edge label size at zoom 1, in diagram points
  std::vector<DiagramNodeVm> nodes;
  std::vector<DiagramEdgeVm> edges;
  std::string error;
};

struct JobVm {
  std::string name;      ///< "index", "import"
  std::string title;
  bool running = false;
  bool finished = false;
  bool failed = false;
  float progress = -1;   ///< 0..1, or -1 when unknown
  std::string message;
};

struct AuthorVm {
  std::vector<TreeItemVm> trees;
  std::string tree;                  ///< selected tree id
  std::string tree_title;
  std::string node;                  ///< selected node id ("" none)
  std::vector<OutlineNodeVm> outline;
  bool lint_done = false;
  std::vector<FindingVm> findings;   ///< of the last lint run (all trees)
  int errors = 0, warnings = 0;
  DiagramVm diagram;
  bool can_import = false;           ///< the importers are part of this build
  bool can_index = false;            ///< the workspace has a search index
  JobVm import_job;
  JobVm index_job;
  SimulationVm simulation;           ///< the Simulation view (policies, slowest causes, charts)
};

struct TraineeScreenVm;  // vm/trainee_vm.hpp

/// The trainee mode: scenarios, the simulated call, scoring and progress.
struct TraineeVm {
  bool available = false;
  std::string message;
  std::shared_ptr<const TraineeScreenVm> screen;  ///< null when not available
};

// [SECTION] Home, jobs, application ---------------------------------------------------------

struct RecentVm {
  std::string path;
  std::string title;
  std::string when;
  std::string state;   ///< "concluded: ..." / "3 answers"
};

struct HomeVm {
  bool resume_offered = false;
  std::string resume_title;
  std::string resume_detail;
  std::vector<RecentVm> recent;
  std::vector<TreeItemVm> trees;     ///< browse by domain
};

enum class Tab { diagnosis = 0, article = 1, author = 2, trainee = 3, tickets = 4, dashboard = 5, assets = 6, quotes = 7 };

struct AppVm {
  std::uint64_t revision = 0;  ///< bumped on every rebuild
  std::string lang = "en";
  bool dark = false;
  Labels labels;
  Tab tab = Tab::diagnosis;
  SearchVm search;
  HomeVm home;
  QuestionVm question;
  TranscriptVm transcript;
  FactsVm facts;
  std::vector<LinkVm> links;
  ConclusionVm conclusion;
  ArticleVm article;
  AuthorVm author;
  TraineeVm trainee;
  TicketsVm tickets;
  DashboardVm dashboard;  ///< built only while the Dashboard tab is shown
  AssetsVm assets;        ///< built only while the Assets tab is shown
  QuotesVm quotes;        ///< built only while the Quotes tab is shown
  std::string status;
  bool status_error = false;
  std::string load_problems;   ///< "3 errors while loading the KB"
  std::string clipboard;       ///< text the presenter wants on the clipboard
  std::uint64_t clipboard_serial = 0;  ///< bumped with each new clipboard text
};

}  // namespace diagdesk::gui
