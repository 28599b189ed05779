#pragma once
// The Tickets tab's presenter: opens workspace::ServiceDesk lazily (the first
// time the tab is shown), applies the panel's IntentKind::ticket intents
// through it (the same calls `diagdesk incident ...` makes), and builds the
// TicketsVm (vm/tickets_vm.hpp). The main Presenter owns one, forwards the
// ticket intents to it, and hands it the Diagnosis tab's session when a
// diagnosis was started from a ticket. Refusals become the tab's message; a
// database that cannot be opened is shown in the tab. Never throws into a
// frame (the Presenter catches anything unexpected).
//
//     TicketsPresenter t(ws, "marie");
//     t.ensure_open();
//     Intent i{IntentKind::ticket, "create"};
//     i.fields = {{"title", "Printer offline"}, {"caller_name", "Paul Martin"}};
//     t.apply(i, Lang::en);
//     const TicketsVm& vm = t.build(Lang::en, false);   // -> AppVm::tickets

#include "vm/view_models.hpp"

#include <diagdesk/workspace/service_desk.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace diagdesk::gui {

class TicketsPresenter {
 public:
  /// `operator_name`: who acts (the settings' operator, else $USER).
  TicketsPresenter(const workspace::Workspace& ws, std::string operator_name);
  ~TicketsPresenter();

  /// Opens the desk if it is not open yet and has not failed since the last
  /// retry. A failure is kept and shown in the tab (TicketsVm::error).
  void ensure_open();
  bool opened() const { return m_desk != nullptr; }
  /// The open desk (tests: its clock, its store), or nullptr.
  workspace::ServiceDesk* desk() { return m_desk.get(); }

  /// What applying an intent asks of the main presenter.
  struct Applied {
    /// diagnose: the session to open in the Diagnosis tab (with the ticket's facts).
    std::optional<workspace::Started> diagnosis;
    std::string number;   ///< the ticket it is for: link() it once the session is shown
    std::string symptom;  ///< the ticket's title, for the session's report
  };
  /// Applies one IntentKind::ticket intent (a: verb, b: ticket number).
  Applied apply(const Intent& intent, engine::Lang lang);

  // [Diagnosis of a ticket] The Diagnosis tab's session belongs to
  // `diagnosing()` from a `diagnose` intent until the session is replaced.
  /// The ticket the Diagnosis tab's session is for ("" none).
  const std::string& diagnosing() const { return m_diagnosing; }
  /// The Diagnosis tab now shows a session started from ticket `number`.
  void link(const std::string& number);
  /// Attaches `session` to the ticket it is for, unless it is already
  /// attached in that state (same answers, same step). A concluded session's
  /// proposal fills the ticket's Resolve or Escalate form, and the ticket is
  /// selected. `leaving`: the session is being replaced, forget the link
  /// afterwards. Does nothing when no ticket is linked or, unless leaving or
  /// concluded, when `force` is false.
  void session_update(const engine::Session& session, const engine::ReportInfo& info, bool force, bool leaving,
                      engine::Lang lang);

  /// The view-model, rebuilt when something changed (or the minute did).
  /// `session_running`: the Diagnosis tab holds an unfinished session.
  const TicketsVm& build(engine::Lang lang, bool session_running);
  /// True when the minute changed since the last build (countdowns move).
  bool tick() const;
  /// The tab's last message ("" none), e.g. for the status line.
  const std::string& message() const { return m_message; }
  bool message_error() const { return m_message_error; }

 private:
  void fail(const workspace::DeskError& e, const std::string& number, engine::Lang lang);
  void done(const workspace::TicketView& v, const std::string& message);
  void build_rows(TicketsVm& vm, engine::Lang lang);
  void build_detail(TicketsVm& vm, engine::Lang lang, bool session_running);
  std::string desk_message(const workspace::DeskError& e, const std::string& number, engine::Lang lang) const;

  const workspace::Workspace& m_ws;
  std::string m_operator;
  std::unique_ptr<workspace::ServiceDesk> m_desk;
  bool m_open_tried = false;
  std::string m_open_error;
  std::string m_selected;       ///< ticket shown in the ticket view
  std::string m_message;
  bool m_message_error = false;
  std::string m_pdf_written;
  std::uint64_t m_created_serial = 0;
  std::uint64_t m_saved_serial = 0;
  TicketProposalVm m_proposal;
  std::string m_diagnosing;     ///< ticket of the Diagnosis tab's session
  std::string m_attached;       ///< state of that session last attached ("answers|node")
  bool m_dirty = true;
  engine::Lang m_built_lang = engine::Lang::en;
  bool m_built_running = false;
  std::int64_t m_built_minute = -1;
  TicketsVm m_vm;
};

/// Who the operator is: `configured` when set, else $USER, else "operator".
std::string operator_or_user(const std::string& configured);

}  // namespace diagdesk::gui
