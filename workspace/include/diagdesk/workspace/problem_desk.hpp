#pragma once
/// Problem management for both front ends, over a ServiceDesk's database:
/// problem records (service/problem_record.hpp) with their history, the
/// incidents linked to them and the incidents proposed as candidates.
///
///     DeskError err;
///     auto desk = ServiceDesk::open(ws, err);
///     ProblemDesk problems(*desk, ws);
///     NewProblem n; n.title = "Printers drop off after firmware 4.2";
///     ProblemView v;
///     problems.create(n, "marie", v);
///     std::vector<ProblemCandidate> c;
///     problems.candidates(v.problem.number, 30, c);   // each says why it is proposed
///     problems.link(v.problem.number, c.front().ticket.number, "marie", v);
///
/// Rules of the group: the ServiceDesk's. No call throws; each returns a
/// DeskError whose `code` is "" on success, else "not_found", "bad_value",
/// "bad_move" (with `move` naming the refused move: needs_root_cause...),
/// "stale", "duplicate" (an incident already in a problem) or a store error name. Messages are in the workspace's
/// language. Every change is one transaction with its events.

#include <diagdesk/service/problem_store.hpp>

#include <memory>
#include <diagdesk/workspace/service_desk.hpp>

#include <optional>
#include <string>
#include <vector>

namespace diagdesk::workspace {

/// What the operator types to open a problem.
struct NewProblem {
  std::string title;
  std::string description;
  std::string tree;         ///< optional: a tree id; with `conclusion`, a conclusion node of it
  std::string conclusion;
  std::string asset_model;  ///< optional: the asset model concerned ("Latitude 5520")
  std::string owner;        ///< empty: the actor
  std::vector<std::string> error_codes;
};

/// A problem with what a front end shows beside it.
struct ProblemView {
  service::ProblemRecord problem;
  std::vector<service::ProblemEvent> history;  ///< oldest first
  std::vector<service::ProblemLink> links;     ///< linked incidents, in link order
  std::vector<service::Ticket> tickets;        ///< the same incidents, read now (same order)
};

/// Why an incident is proposed for a problem.
enum class CandidateReason {
  conclusion,   ///< a session attached to it concluded on the problem's tree and conclusion
  asset_model,  ///< its asset is of the problem's model
  text          ///< its title and description read like the problem's (close_texts)
};
/// "conclusion", "asset_model", "text".
std::string_view name(CandidateReason r);

/// An open incident that may belong to a problem.
struct ProblemCandidate {
  service::Ticket ticket;
  std::vector<CandidateReason> reasons;  ///< at least one, in the enum's order
  std::string asset_model;               ///< reason asset_model: the asset's manufacturer and model
  std::vector<std::string> shared_words; ///< reason text: the problem's words the ticket also has
  int text_percent = 0;                  ///< reason text: how close (0-100)
};

/// The known-error article written from a problem.
struct ArticleDraft {
  std::string id;            ///< ke.prb-2026-000001.fr
  fs::path path;             ///< <data_dir>/kb/articles/fr/ke.prb-2026-000001.md
  std::string stub_id;       ///< the other language's stub, tagged to_translate
  fs::path stub_path;
  bool index_updated = false;
  std::string index_note;    ///< what happened to the search index, one sentence
};

/// The tag of an article stub waiting for its translation (the linter
/// reports it as a warning, translation.todo).
inline constexpr const char* to_translate_tag = "to_translate";

class ProblemDesk {
 public:
  /// Both must outlive the problem desk.
  ProblemDesk(ServiceDesk& desk, const Workspace& ws);

  DeskError create(const NewProblem& n, const std::string& actor, ProblemView& out);
  /// The problem with its history, links and linked tickets.
  DeskError get(const std::string& number, ProblemView& out);
  /// Problems, newest first, all or of one status.
  DeskError list(std::optional<service::ProblemStatus> status, std::vector<service::ProblemRecord>& out);
  /// One field of service::problem_fields(); a tree must exist, a conclusion
  /// must be a conclusion node of the problem's tree.
  DeskError update(const std::string& number, const std::string& field, const std::string& value,
                   const std::string& actor, ProblemView& out, std::int64_t expected_version = 0);
  /// open -> known_error (needs root cause and workaround) -> resolved
  /// (needs a permanent solution) -> closed; resolved or known_error -> open.
  DeskError set_status(const std::string& number, service::ProblemStatus to, const std::string& note,
                       const std::string& actor, ProblemView& out, std::int64_t expected_version = 0);
  /// Links an incident (not a request) to the problem: an event on both.
  DeskError link(const std::string& number, const std::string& ticket_number, const std::string& actor,
                 ProblemView& out);
  DeskError unlink(const std::string& number, const std::string& ticket_number, const std::string& actor,
                   ProblemView& out);
  /// The problem an incident is linked to (`number` empty when none).
  DeskError problem_of(const std::string& ticket_number, std::string& number);

  /// Open incidents created in the last `days` days (today included), not
  /// linked to any problem, that ended on the problem's conclusion, are on an
  /// asset of its model, or whose texts are close to the problem's title and
  /// description; the closest text first after conclusion and model matches.
  DeskError candidates(const std::string& number, int days, std::vector<ProblemCandidate>& out);

  /// Drafts the known-error article of a problem in the user's KB layer
  /// (<data_dir>/kb/articles/<lang>/ke.<number>.md): symptom, cause,
  /// workaround, solution and error codes in `lang`, and a stub in the other
  /// language tagged to_translate. Atomic writes, never through a symbolic
  /// link; an existing file is refused (duplicate) unless `force` (a stub
  /// already translated is never replaced). Then the search index takes it
  /// in, and an `article` event records it on the problem.
  DeskError draft_article(const std::string& number, Lang lang, bool force, const std::string& actor,
                          ArticleDraft& out);
  /// The same from a resolved (or closed) incident or request, without a
  /// problem: its title and description are the symptom, the diagnosis of its
  /// last concluded session the cause, its solution the solution
  /// (ke.inc-2026-000001.fr...); a note on the ticket records it. An open
  /// ticket is refused (bad_move, move "not_resolved").
  DeskError draft_article_from_ticket(const std::string& ticket_number, Lang lang, bool force,
                                      const std::string& actor, ArticleDraft& out);

 private:
  /// Reads the problem; `stale` when `expected_version` (0: no check) is not the stored one.
  DeskError load(const std::string& number, service::ProblemRecord& p, std::int64_t expected_version = 0);
  /// Writes the article of `p` and its stub, then updates the index (no event).
  DeskError write_known_error(const service::ProblemRecord& p, const std::vector<service::Ticket>& tickets, Lang lang,
                              bool force, ArticleDraft& out);
  DeskError view_of(service::ProblemRecord p, ProblemView& out);
  /// Checks `tree` (and `conclusion`) against the loaded trees.
  DeskError check_tree(const std::string& tree, const std::string& conclusion, const std::string& number);
  DeskError relink(const std::string& number, const std::string& ticket_number, const std::string& actor,
                   ProblemView& out, bool link);
  ServiceDesk& m_desk;
  const Workspace& m_ws;
  /// The SQLite problems, or (on the team server) a store that says they are not there yet.
  std::unique_ptr<service::ProblemStore> m_owned;
  service::ProblemStore& m_store;
};

}  // namespace diagdesk::workspace
