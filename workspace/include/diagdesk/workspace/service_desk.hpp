#pragma once
/// The service desk both front ends use: tickets (incidents and service
/// requests) in <data_dir>/service.sqlite or on the team server
/// (Options::store, $DIAGDESK_STORE: PostgreSQL, docs/team.md), with the priority matrix, the SLA
/// policy and the business calendar of the knowledge layers
/// (<layer>/service/*.toml), diagnoses attached to tickets, the escalation
/// packet for level 2 and the intervention report.
///
///     DeskError err;
///     auto desk = ServiceDesk::open(ws, err);          // nullptr + err when the database is bad
///     NewTicket n; n.title = "Printer offline"; n.caller_name = "Paul Martin";
///     TicketView v;
///     if (auto e = desk->create(n, "marie", v); !e.ok()) tell(e.message);
///     auto started = desk->start_diagnosis(v.ticket.number, "prn.offline", {}, Lang::fr);
///     ... answer the session ...
///     DiagnosisProposal p;
///     desk->attach_diagnosis(v.ticket.number, *started.session, {}, "marie", v, &p);
///     desk->resolve(v.ticket.number, p.solution, "marie", v);
///
/// Rules of the group: no call throws; each returns a DeskError whose `code`
/// is empty on success. Every change is one store transaction with its
/// history events. Calls taking `expected_version` refuse (code "stale") when
/// the stored ticket has moved on since the caller read it (0: no check).
/// Messages are in the language given to `open` (the workspace's).

#include <diagdesk/engine/session_file.hpp>
#include <diagdesk/service/asset.hpp>
#include <diagdesk/service/config.hpp>
#include <diagdesk/service/lifecycle.hpp>
#include <diagdesk/service/sla.hpp>
#include <diagdesk/service/sqlite_store.hpp>
#include <diagdesk/service/stats.hpp>
#include <diagdesk/service/ticket.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace diagdesk::workspace {

/// The outcome of a desk call. `code` is a stable id: "" (fine), "not_found",
/// "bad_value", "bad_move" (with `move` naming the refused move's error, e.g.
/// "never_resolved"), "stale", or a store error name (corrupt, locked,
/// read_only, full, too_new, io). `message` is one sentence for the operator.
struct DeskError {
  std::string code;
  std::string move;
  std::string message;
  /// Set on success when something beside the change failed and was not
  /// allowed to block it (the automatic update of the learned priors).
  std::string warning;
  bool ok() const { return code.empty(); }
};

/// What the operator types to open a ticket.
struct NewTicket {
  service::TicketType type = service::TicketType::incident;
  std::string title;
  std::string description;
  std::string caller_name;
  std::string caller_phone;
  std::string caller_email;
  std::string caller_site;
  std::string category;   ///< a tree domain (network, hardware...); checked against the trees' domains
  service::Grade impact = service::Grade::medium;
  service::Grade urgency = service::Grade::medium;
  std::string asset_tag;
  /// Facts the ticket knows for its diagnoses ("os=windows11", "device=laptop"),
  /// checked against the fact catalogue. Kept as a `facts` event.
  std::vector<std::string> facts;
};

/// A ticket with what a front end shows beside it.
struct TicketView {
  service::Ticket ticket;
  service::SlaState sla;                 ///< at the desk's `now()`
  std::vector<service::Event> history;   ///< oldest first (filled by get, and after every change)
  /// The end of the warranty of the ticket's asset when it still runs at
  /// the desk's now() (a hardware fault goes back to the maker rather than
  /// being repaired); empty with no asset, no warranty end, or one past.
  std::optional<service::Date> warranty_end;
};

/// An asset with what a front end shows beside it.
struct AssetView {
  service::Asset asset;
  std::vector<service::AssetEvent> history;  ///< oldest first
  std::vector<service::Ticket> tickets;      ///< opened on it (Ticket::asset_tag), by priority then creation
  bool under_warranty = false;               ///< warranty_end is today or later at the desk's now()
};

/// Which assets `list_assets` returns.
struct AssetQuery {
  service::AssetFilter filter;
  /// Only assets whose warranty ends within this many days from today
  /// (today included); sets the filter's warranty window.
  std::optional<int> warranty_within_days;
};

/// One rule of data/service/asset_facts.toml: an asset field that gives a fact.
struct AssetFactRule {
  std::string field;   ///< an asset field, or "tag", or "under_warranty" (true / false)
  std::string fact;    ///< a key of the fact catalogue
  std::vector<std::pair<std::string, std::string>> values;  ///< asset value -> fact value, tried first
  bool copy = false;   ///< else the asset's value itself when the fact accepts it
};

/// Which tickets `list` returns.
struct TicketQuery {
  service::TicketFilter filter;
  bool late_only = false;      ///< only tickets late on either SLA clock
  bool at_risk_only = false;   ///< only tickets at risk (not yet late)
  bool open_only = false;      ///< leave out resolved and closed tickets
  enum class Sort { priority, due } sort = Sort::priority;  ///< due: the nearest SLA due time first
};

/// What a concluded diagnosis proposes for its ticket.
struct DiagnosisProposal {
  bool concluded = false;
  std::optional<engine::Outcome> outcome;
  std::string solution;          ///< outcome resolved: diagnosis and remedy, for `resolve`
  std::string escalation_reason; ///< outcome escalate_l2 / refer_vendor / hardware_return: why, for `escalate`
  service::SupportLevel level = service::SupportLevel::n2;  ///< level proposed for the escalation
};

/// A session stored with a ticket, read back.
struct AttachedSession {
  std::size_t index = 0;             ///< 0-based position in the ticket
  std::optional<engine::Session> session;  ///< replayed on the current trees; empty when it no longer replays
  engine::ReportInfo info;
  std::string error;                 ///< why it does not replay
};

class ServiceDesk {
 public:
  /// Opens (creating it when missing) <ws.options().data_dir>/service.sqlite
  /// and loads the service settings of every layer. Returns nullptr with
  /// `error` set for a corrupt, locked, read-only (when it must be created or
  /// migrated), full or too-new database. The workspace must outlive the desk.
  /// On the team server (store_connection() not empty) the tickets and
  /// assets are there, and `error` may also say denied or unreachable;
  /// problems, quotes and personal-data erasure stay with the SQLite
  /// database and say so (code "io") until they move to the server too.
  static std::unique_ptr<ServiceDesk> open(const Workspace& ws, DeskError& error,
                                           service::OpenOptions options = {});
  ~ServiceDesk();

  /// <data_dir>/service.sqlite
  static fs::path database_path(const Workspace& ws);
  /// The team server's connection string: Options::store, else
  /// $DIAGDESK_STORE; empty for the SQLite file.
  static std::string store_connection(const Workspace& ws);

  const service::ServiceConfig& config() const { return m_config; }
  service::Store& store() { return *m_store; }
  /// The SQLite store, for the parts that live only there (problems,
  /// quotes, personal data); nullptr on the team server.
  service::SqliteStore* sqlite_store() { return m_sqlite; }
  /// Where the tickets are, for messages: the file's path, or the server
  /// as postgresql://user@host:port/db (never a password).
  const std::string& where() const { return m_where; }
  /// Now, in Unix seconds: the system clock unless a test set another.
  service::Time now() const;
  void set_clock(std::function<service::Time()> clock) { m_clock = std::move(clock); }

  // [Tickets] Each change returns the saved ticket in `out` (history and SLA included).
  DeskError create(const NewTicket& n, const std::string& actor, TicketView& out);
  DeskError get(const std::string& number, TicketView& out);
  /// The queue: tickets with their history and SLA, but without their
  /// attached sessions (Ticket::sessions is empty: `get` reads them).
  DeskError list(const TicketQuery& query, std::vector<TicketView>& out);
  /// One editable field (service::editable_fields()); impact/urgency recompute the priority.
  DeskError update(const std::string& number, const std::string& field, const std::string& value,
                   const std::string& actor, TicketView& out, std::int64_t expected_version = 0);
  DeskError assign(const std::string& number, const std::string& operator_name, service::SupportLevel level,
                   const std::string& actor, TicketView& out, std::int64_t expected_version = 0);
  /// in_progress or pending (pending needs a note: waiting for whom).
  DeskError set_status(const std::string& number, service::Status to, const std::string& note,
                       const std::string& actor, TicketView& out, std::int64_t expected_version = 0);
  DeskError resolve(const std::string& number, const std::string& solution, const std::string& actor,
                    TicketView& out, std::int64_t expected_version = 0);
  DeskError close(const std::string& number, const std::string& note, const std::string& actor,
                  TicketView& out, std::int64_t expected_version = 0);
  DeskError reopen(const std::string& number, const std::string& reason, const std::string& actor,
                   TicketView& out, std::int64_t expected_version = 0);
  /// Follow-up: kind note, call or email.
  DeskError follow_up(const std::string& number, service::EventKind kind, const std::string& text,
                      const std::string& actor, TicketView& out, std::int64_t expected_version = 0);
  /// Escalates to `level` with a reason, and stores the escalation packet
  /// (escalation_packet at that moment) as the escalation event's note.
  DeskError escalate(const std::string& number, service::SupportLevel level, const std::string& reason,
                     const std::string& actor, TicketView& out, std::int64_t expected_version = 0);

  // [Figures] The supervisor's dashboard (service_desk_stats.cpp).
  /// Every ticket, with its history and attached sessions, through
  /// service::compute_stats at now(); `since` (a local date) limits the
  /// means and rates (stats.hpp). A store failure returns its code.
  DeskError stats(std::optional<service::Date> since, service::Stats& out);

  // [Assets] The inventory (service_desk_assets.cpp). Same rules as tickets:
  /// codes "" / bad_value / not_found / duplicate / stale / a store error.
  /// Adds asset `tag` with `fields` (field, text value: set_asset_field's
  /// forms), as a `created` event then one event per field.
  DeskError add_asset(const std::string& tag, const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::string& actor, AssetView& out);
  /// Adds an asset built elsewhere (an import), checked with check_asset;
  /// its history starts with one `created` event.
  DeskError add_asset(service::Asset asset, const std::string& actor, AssetView& out);
  /// The same without reading the saved asset back (`out` may be null): an
  /// import saving thousands of assets does not need their views.
  DeskError add_asset(service::Asset asset, const std::string& actor, AssetView* out);
  /// One field of asset_fields() from text.
  DeskError update_asset(const std::string& tag, const std::string& field, const std::string& value,
                         const std::string& actor, AssetView& out, std::int64_t expected_version = 0);
  DeskError get_asset(const std::string& tag, AssetView& out);
  DeskError list_assets(const AssetQuery& query, std::vector<service::Asset>& out);
  /// The local date of now() in the desk's calendar.
  service::Date today() const;
  /// The rules of <layer>/service/asset_facts.toml (the last layer having the file wins).
  const std::vector<AssetFactRule>& asset_fact_rules() const { return m_asset_facts; }
  /// The facts an asset gives a diagnosis, as "key=value", through asset_fact_rules().
  std::vector<std::string> asset_facts(const service::Asset& a) const;

  // [Diagnosis] A diagnosis started from a ticket knows the ticket's facts.
  /// The facts a ticket gives a diagnosis, as "key=value": what its asset
  /// tells (asset_facts), then those given at creation (NewTicket::facts),
  /// which win over the asset's.
  std::vector<std::string> ticket_facts(const service::Ticket& t) const;
  /// Starts `tree_id` with ticket_facts() plus `extra_facts` ("key=value").
  Started start_diagnosis(const std::string& number, const std::string& tree_id,
                          const std::vector<std::string>& extra_facts, engine::Lang lang) const;
  /// Stores the session (its answers, tests, notes and conclusion) with the
  /// ticket, as a `session` event; fills `proposal` from a conclusion. An
  /// unassigned new ticket is taken in charge by `actor` (in_progress).
  /// On the team server, when the server cannot be reached (code
  /// "unreachable"), the session is kept on this desk
  /// (<data_dir>/pending-diagnoses/, the message says where) and attached by
  /// attach_pending() at the next open() that reaches the server.
  DeskError attach_diagnosis(const std::string& number, const engine::Session& session,
                             const engine::ReportInfo& info, const std::string& actor, TicketView& out,
                             DiagnosisProposal* proposal = nullptr, std::int64_t expected_version = 0);
  /// The sessions stored with a ticket, replayed.
  std::vector<AttachedSession> sessions(const service::Ticket& t) const;
  /// What a concluded session proposes (no store access).
  static DiagnosisProposal propose(const engine::Session& session, engine::Lang lang);

  /// What attach_pending() did.
  struct PendingReport {
    std::size_t attached = 0;           ///< kept diagnoses now on their tickets (their files removed)
    std::size_t left = 0;               ///< still kept (server unreachable again, or refused: see problems)
    std::vector<std::string> problems;  ///< one sentence per file refused, naming it
  };
  /// Attaches the diagnoses kept while the team server was unreachable, in
  /// the order they were kept. open() calls it on the team server.
  PendingReport attach_pending();
  const PendingReport& pending_report() const { return m_pending; }
  /// <data_dir>/pending-diagnoses
  static fs::path pending_dir(const Workspace& ws);

  // [Documents] Markdown in `lang`; the PDF is written atomically.
  /// The packet for level 2: what the caller said, the ticket's facts, every
  /// question, test and result of its sessions, what was tried, the
  /// conclusion and why it escalates, the history's follow-ups.
  std::string escalation_packet(const TicketView& v, engine::Lang lang) const;
  /// The intervention report (fiche d'intervention) as Markdown.
  std::string report_markdown(const TicketView& v, engine::Lang lang) const;
  /// The intervention report as a PDF (cairo + pango). Returns "" or an error sentence.
  std::string report_pdf(const TicketView& v, engine::Lang lang, const fs::path& file) const;
  /// An event's note as the operator reads it: a priority event's note
  /// (stored as "impact high x urgency medium = P2 (<file>)") in words of
  /// `lang` with the layer that set the cell; any other note as written.
  std::string event_note(const service::Event& e, engine::Lang lang) const;

 private:
  ServiceDesk(const Workspace& ws, std::unique_ptr<service::Store> store, service::SqliteStore* sqlite,
              std::string where, service::ServiceConfig config);
  /// The view of a ticket just read or saved: its history and its SLA now.
  DeskError view_of(service::Ticket t, TicketView& out);
  /// Reads the ticket, checks `expected_version`, applies `move` (which
  /// refuses with a DeskError or appends its events), saves in one transaction.
  DeskError change(const std::string& number, const std::string& actor, std::int64_t expected_version,
                   TicketView& out, const std::function<DeskError(service::Ticket&, service::Edit&)>& move);
  /// Writes a diagnosis that could not reach the server to pending_dir()
  /// (service_desk_pending.cpp); its path, or "" when it could not be written.
  std::string keep_pending(const std::string& number, const std::string& actor, const std::string& session_toml);
  /// Sets out.warranty_end from the ticket's asset (service_desk_assets.cpp).
  void fill_warranty(TicketView& out) const;
  /// Reads asset_facts.toml from the layers into m_asset_facts; problems go to m_config.problems.
  void load_asset_facts();
  DeskError asset_view(service::Asset a, AssetView& out);
  /// Checks and saves a new asset: a `created` event, then `field_events`.
  DeskError save_new_asset(service::Asset a, std::vector<service::AssetEvent> field_events, const std::string& actor,
                           AssetView* out);
  const Workspace& m_ws;
  std::unique_ptr<service::Store> m_store;
  service::SqliteStore* m_sqlite;  ///< m_store when it is the SQLite one, else nullptr
  std::string m_where;
  service::ServiceConfig m_config;
  std::vector<AssetFactRule> m_asset_facts;
  std::function<service::Time()> m_clock;
  PendingReport m_pending;
  bool m_flushing = false;  ///< attach_pending() at work
};

}  // namespace diagdesk::workspace
