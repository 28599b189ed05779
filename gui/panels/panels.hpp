#pragma once
// The panels: one function per panel (one file each), drawing a view-model
// and returning the user's Intent. Panels use ImGui only; they never call a
// service, never throw, and keep their own widget state in a small *Ui struct
// the caller owns (text buffers, focus requests, zoom...).
//
//     Intent i = draw_question_panel(vm.question, vm.labels, ui.question);
//     if (i) presenter.apply(i);

#include "vm/view_models.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct ImFont;
struct ImVec4;

namespace diagdesk::gui {

// [Fonts and theme] (panels/style.cpp) ------------------------------------------------------

/// The fonts the panels use; set once by load_fonts(). Any may be null
/// (then the default font is used).
struct Fonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  ImFont* large = nullptr;   ///< the current question
  ImFont* heading = nullptr; ///< article headings
  ImFont* mono = nullptr;    ///< code blocks and commands
};
const Fonts& fonts();

/// Loads DejaVu Sans (regular, bold, large) and DejaVu Sans Mono from
/// fonts-dejavu-core with glyph ranges covering French and the symbols we
/// show (« » ’ œ € → ✓ ⚠), at `scale` (the monitor's content scale). Falls
/// back to ImGui's default font when the files are missing. Returns false
/// then. Call before the font atlas is built.
bool load_fonts(float scale);
/// The glyph ranges load_fonts() uses (zero-terminated pairs).
const unsigned short* glyph_ranges();

/// Applies the light or dark theme, scaled.
void apply_theme(bool dark, float scale);

/// Size in pixels of a diagram label (lines joined by '\n') in the regular
/// font, for laying out diagrams with the font they are drawn with.
std::pair<double, double> measure_label(std::string_view text);

/// A domain id ("network") as shown to the user ("Réseau"); the id when untranslated.
inline std::string domain_label(const Labels& l, const std::string& domain) {
  const std::string key = "gui.domain." + domain;
  const std::string text = l(key);
  return text == key ? domain : text;
}

// [Test probes] (panels/style.cpp) -----------------------------------------------------------

/// A widget's screen rectangle.
struct ProbeRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
/// Installs (or removes, with null) a recorder: panels then record the
/// rectangle of named widgets ("choice/1", "lang/fr", "tab/2"...), so tests
/// can click them, like ImGui's test-engine item hooks. Off in the program.
void set_probe(std::map<std::string, ProbeRect>* recorder);
bool probing();
/// Records the last item's rectangle under `name` (when probing).
void probe(const std::string& name);
/// A button recorded as `probe_name`, greyed and never clicked when not `enabled`.
bool probed_button(const char* label, const std::string& probe_name, bool enabled = true);

// [Search] -------------------------------------------------------------------------------------

struct SearchUi {
  std::array<char, 256> buffer{};
  bool focus_request = false;  ///< Ctrl+K: focus the field next frame
  bool open = false;           ///< results shown in place of the main view
  int selected = 0;            ///< index in trees then articles
  std::string sent;            ///< last text sent with search_changed
  bool enter_pending = false;  ///< Enter pressed before the results came: open the first
};
/// The search field (Ctrl+K) with domain / language filters.
Intent draw_search_bar(const SearchVm& vm, const Labels& l, SearchUi& ui);
/// The results, grouped into trees and articles; Enter / click opens.
Intent draw_search_results(const SearchVm& vm, const Labels& l, SearchUi& ui);

// [Guided diagnosis] ------------------------------------------------------------------------

struct QuestionUi {
  std::array<char, 512> note{};
  std::array<char, 128> value{};
  std::string acknowledged;   ///< "tree:node" whose warnings were acknowledged
  float flash = 0;            ///< seconds left of the "read the warning" flash
  bool keys_enabled = true;   ///< number keys answer (off while a modal is open)
};
Intent draw_question_panel(const QuestionVm& vm, const Labels& l, QuestionUi& ui);
/// Guided mode (panels/guide_panel.cpp): the Guided checkbox ("guide/toggle") when
/// the tree has a model; the suggested step, the alternatives ("guide/take/<id>")
/// and the "Why this step?" button ("guide/why"); the side column then shows
/// draw_guide_why (the reason and the causes' bars).
Intent draw_guide_toggle(const GuideVm& vm, const Labels& l);
Intent draw_guide_panel(const GuideVm& vm, const Labels& l);
void draw_guide_why(const GuideVm& vm, const Labels& l);
/// The causes' probabilities as horizontal bars with percentages ("guide/bar/<leaf>").
void draw_cause_bars(const std::vector<CauseBarVm>& causes, const Labels& l);
Intent draw_transcript_panel(const TranscriptVm& vm, const Labels& l);

struct FactsUi {
  std::map<std::string, std::string> edits;  ///< text being typed per fact key
};
Intent draw_facts_panel(const FactsVm& vm, const Labels& l, FactsUi& ui);
Intent draw_links_panel(const std::vector<LinkVm>& vm, const Labels& l);
Intent draw_conclusion_panel(const ConclusionVm& vm, const Labels& l);

// [Home] -----------------------------------------------------------------------------------

Intent draw_home_panel(const HomeVm& vm, const Labels& l);

// [Articles] -------------------------------------------------------------------------------

/// Draws a Markdown document; returns open_article for a clicked link and
/// copy_text for a code block's copy button.
Intent draw_markdown(const MarkdownDoc& doc, const Labels& l);
/// What a click on an article link does: a web or mail address is copied
/// (never fetched, nothing run), an article or relative link opens the
/// article, any other scheme (javascript:, file:, data:) does nothing.
Intent link_intent(const std::string& href);
Intent draw_article_panel(const ArticleVm& vm, const Labels& l);

// [Author mode] ----------------------------------------------------------------------------

struct DiagramUi {
  float zoom = 1.0f;
  float pan_x = 0, pan_y = 0;     ///< diagram point at the view's top-left
  bool fit_request = true;        ///< fit the whole tree on the next frame
  std::string center_on;          ///< node to bring into view on the next frame
  std::string tree;               ///< tree the view was fitted for
};
Intent draw_diagram_panel(const DiagramVm& vm, const std::string& selected, const Labels& l, DiagramUi& ui);

struct AuthorUi {
  DiagramUi diagram;
  std::array<char, 512> import_path{};
  std::string scroll_to;          ///< outline node to scroll to
  int view = 0;                   ///< 0 outline, 1 diagram, 2 simulation
  bool simulation_all = false;    ///< the Simulation view shows every modelled tree
};
Intent draw_author_panel(const AuthorVm& vm, const Labels& l, AuthorUi& ui);
/// The author tab's Simulation view (panels/guide_simulation.cpp): asks for the
/// selected tree's simulation (or every modelled tree's) when it is not there yet.
Intent draw_guide_simulation(const AuthorVm& vm, const Labels& l, AuthorUi& ui);

// [Guidance helpers] (panels/guide_simulation.cpp) ---------------------------------------------

/// `v` with `decimals` decimals, a decimal comma in French.
std::string guide_number(double v, int decimals, const Labels& l);
/// A fraction as a percentage ("41 %", "+0.2 %" with `sign`), a decimal comma in French.
std::string guide_percent(double fraction, const Labels& l, bool sign);
/// A horizontal bar filled to `fraction` in `colour`, `text` written over it.
void guide_bar(float fraction, const ImVec4& colour, const std::string& text, float width);

// [Trainee mode] ---------------------------------------------------------------------------

struct TraineeUi {
  QuestionUi question;              ///< the operator's question panel, reused in guided mode
  std::array<char, 128> filter{};   ///< free mode: filter of the questions and tests
  std::array<char, 128> topic{};    ///< an article topic to consult
};
/// Scenario list, the simulated call and the debrief (panels/trainee_panel.cpp).
Intent draw_trainee_panel(const TraineeVm& vm, const Labels& l, TraineeUi& ui);

// [Tickets] (panels/tickets_panel.cpp) -----------------------------------------------------

/// Widget state of the Tickets tab: the queue's sort and filters, the
/// new-ticket form and the ticket view's action fields.
struct TicketsUi {
  enum class Sort { priority, due } sort = Sort::priority;
  bool descending = false;        ///< priority: P1 first when false; due: nearest first when false
  std::string status_filter;      ///< "" all, "open" (not resolved or closed), or a status id
  std::string operator_filter;    ///< "" all, "-" unassigned, or an operator name
  bool late_only = false;         ///< late and at-risk tickets only
  // The new-ticket form.
  bool form_open = false;
  bool form_focus = false;        ///< focus the title next frame (Ctrl+N)
  int type = 0;                   ///< 0 incident, 1 request
  std::array<char, 256> title{};
  std::array<char, 128> caller_name{}, caller_phone{}, caller_email{}, caller_site{};
  int category = 0;               ///< index in TicketsVm::domains
  int impact = 1, urgency = 1;    ///< 0 low, 1 medium, 2 high
  std::array<char, 64> asset{};
  std::array<char, 2048> description{};
  std::uint64_t created_serial = 0;
  // The ticket view.
  std::string action;             ///< the action form shown: assign, pending, diagnose, escalate, resolve, close, reopen, note, report
  std::string shown;              ///< ticket number the fields below were filled for
  std::array<char, 128> operator_name{};
  int level = 0;                  ///< assign: 0 N1, 1 N2, 2 N3; escalate: same
  std::array<char, 2048> text{};  ///< the action's text (note, reason, solution)
  std::array<char, 512> pdf_path{};
  int tree = 0;                   ///< index in TicketDetailVm::trees
  std::uint64_t proposal_serial = 0;
  std::uint64_t saved_serial = 0;
};

/// The rows of `vm.rows` the queue shows with `ui`'s filters, in its sort order.
std::vector<std::size_t> visible_rows(const TicketsVm& vm, const TicketsUi& ui);
/// The priority the form's impact and urgency give (0 low .. 2 high), from the desk's matrix.
int live_priority(const TicketsVm& vm, int impact, int urgency);
/// A countdown to a due time: "2 h 10", "35 min", "1 d 3 h" ("1 j 3 h"), or
/// "late by 35 min" / « en retard de 35 min » once `seconds_left` is negative.
std::string format_countdown(std::int64_t seconds_left, const Labels& l);
/// The queue, the new-ticket form and the ticket view; returns IntentKind::ticket.
Intent draw_tickets_panel(const TicketsVm& vm, const Labels& l, TicketsUi& ui);

// [Dashboard] (panels/dashboard_panel.cpp) ---------------------------------------------------

/// The supervisor's figures as bar charts; returns no intent yet.
Intent draw_dashboard_panel(const DashboardVm& vm, const Labels& l);

// [Assets] (panels/assets_panel.cpp) -------------------------------------------------------

/// Widget state of the Assets tab: the filter fields and the import path,
/// as typed (applied with the Filter button or Enter).
struct AssetsUi {
  std::string type;  ///< "" any, else a type id
  std::string site, user, days;
  std::string path;  ///< the CSV file to import
};
/// The filters and the list, the selected asset's card, the import row with
/// its progress bar and report. Returns IntentKind::asset (filter, select,
/// import), or a ticket select then a set_tab to open a ticket of the card.
std::vector<Intent> draw_assets_panel(const AssetsVm& vm, const Labels& l, AssetsUi& ui);

// [Quotes] (panels/quotes_panel.cpp) -------------------------------------------------------

/// Widget state of the Quotes tab: the new-quote form, the picker, the
/// line edits (refilled when the quote changes), the action fields.
struct QuotesUi {
  bool form_open = false;
  std::string name, address, email, phone, ticket;
  int language = 0;                ///< 0 fr, 1 en
  std::uint64_t saved = 0;         ///< QuotesVm::saved seen: a change closes the form
  std::string search;              ///< the picker's words
  std::string pick;                ///< the catalogue ref picked
  std::string qty = "1", discount = "0";
  std::vector<std::pair<std::string, std::string>> edits;  ///< per line: quantity, discount as typed
  std::string lines_seen;          ///< what `edits` were filled from
  bool open_request = false;       ///< Accept opens the service request
  std::string reason;              ///< Refuse's reason
  std::string pdf_path, pdf_for;   ///< the PDF path, filled with the default for quote `pdf_for`
  std::vector<std::string> customer;  ///< a draft's customer fields as typed (QuoteEditorVm::customer_fields order)
  std::string customer_seen;       ///< what `customer` was filled from
  std::string copied;              ///< the summary last put on the clipboard ("" none)
};
/// The list with its status filter, the New quote form, the catalogue
/// picker, the selected quote's editor. Returns IntentKind::quote intents.
std::vector<Intent> draw_quotes_panel(const QuotesVm& vm, const Labels& l, QuotesUi& ui);
/// Inside the editor (panels/quote_summary.cpp): the options a diagnosis
/// proposed (each other one a button making its own draft: "quotes/option/<kind>")
/// and the words to read out with a Copy button ("quotes/copy_summary").
void draw_quote_summary(const QuoteEditorVm& ed, const Labels& l, QuotesUi& ui, std::vector<Intent>& out);

// [The whole window] ------------------------------------------------------------------------

struct AppUi {
  SearchUi search;
  QuestionUi question;
  FactsUi facts;
  AuthorUi author;
  TraineeUi trainee;
  TicketsUi tickets;
  AssetsUi assets;
  QuotesUi quotes;
  Tab shown = Tab::diagnosis;     ///< tab ImGui displayed last frame
  Tab last_vm_tab = Tab::diagnosis;
  bool tab_request = false;       ///< select vm.tab until ImGui shows it
  std::string author_node;        ///< last selected node seen (to scroll / centre on change)
  float side_width = 0.36f;       ///< share of the side column
  std::uint64_t clipboard_serial = 0;
};

/// Draws the whole window (menu, search bar, tabs, panels, status line) over
/// the main viewport, handles global keys (Ctrl+K, Ctrl+N, F1-F8), and returns the
/// intents of this frame in order.
std::vector<Intent> draw_app(const AppVm& vm, AppUi& ui);

}  // namespace diagdesk::gui
