#pragma once
/// Priors learned from closed tickets (issue 16, docs/guidance.md "Learning
/// from closed tickets"). Each resolved or closed ticket whose last concluded
/// diagnosis ended on a leaf of a tree confirms that cause for the tree (and,
/// through a jump, the jump leaf of the tree it came from). The authored
/// priors act as pseudo-counts of weight W = learned_weight tickets:
///
///     learned(c) = (W * authored(c) + n(c)) / (W + N)     ("other" included, n(other) = 0)
///
/// N being the tickets counted on the tree. Per site: the same formula over
/// the site's tickets alone once the site has learned_site_threshold of them
/// on the tree; below it the tree-level figures apply.
///
/// Stored in <data_dir>/learned_priors.toml (never in data/), written
/// atomically: one entry per ticket number (so a ticket reopened, resolved
/// again or re-diagnosed replaces its entry, never counts twice) and, for
/// reading, the counts and learned priors per tree. The tickets stay the source
/// of truth: learn_from_tickets rebuilds the whole file from them.
///
///     auto priors = learned_priors(ws, "net.no_internet", "Lyon");   // empty: none learned
///     auto model = engine::build_guide_model(*tree, facts, priors);
///
/// Rules of the group: no call throws. A corrupt or too-new file is reported in
/// `error` ("file:line:column: message") and the authored priors apply.

#include <diagdesk/engine/facts.hpp>
#include <diagdesk/engine/tree.hpp>
#include <diagdesk/service/ticket.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diagdesk::workspace {

class ServiceDesk;

/// W: how many tickets the authored priors weigh.
inline constexpr double learned_weight = 10;
/// Tickets a site needs on a tree before it gets priors of its own.
inline constexpr std::size_t learned_site_threshold = 20;
/// The file's format version.
inline constexpr int learned_schema_version = 1;

/// <data_dir>/learned_priors.toml
std::filesystem::path learned_file(const std::filesystem::path& data_dir);

// [Store] The per-ticket confirmed causes and the counts derived from them.

/// One cause a ticket confirmed: a leaf id of `tree`.
struct ConfirmedCause {
  std::string tree;
  std::string leaf;
};

/// A ticket's entry: its site and its confirmed causes (one per tree).
struct LearnedTicket {
  std::string number;
  std::string site;
  std::vector<ConfirmedCause> causes;
};

/// Tickets per leaf, and their total.
struct CauseCounts {
  std::map<std::string, std::size_t> per_leaf;
  std::size_t total = 0;
};

/// A tree's counts, overall and per site.
struct TreeCounts {
  CauseCounts all;
  std::map<std::string, CauseCounts> sites;
};

/// What the file holds: the ticket entries (by number), and counts from them.
struct LearnedStore {
  std::map<std::string, LearnedTicket> tickets;
  /// Per tree; rebuilt by count().
  std::map<std::string, TreeCounts> trees;
  void count();
};

/// The store read from disk. A missing file is an empty store, not an error.
struct LoadedLearned {
  LearnedStore store;
  bool present = false;
  std::string error;  ///< "file:line:column: message" (corrupt, too new, bad entry); the store is then empty
};

/// Messages in `lang`.
LoadedLearned load_learned(const std::filesystem::path& data_dir, engine::Lang lang = engine::Lang::en);
/// Writes the store (with counts and priors per tree for reading) atomically.
/// Returns "" or an error sentence naming the file.
std::string save_learned(const Workspace& ws, const LearnedStore& store);

// [Priors] What the guidance uses.

/// One cause of a tree: authored and learned prior, and the tickets it rests on.
struct LearnedCause {
  std::string leaf;     ///< "other" for the other cause
  engine::LText name;
  double authored = 0;
  double learned = 0;   ///< equals authored when no ticket was counted
  std::size_t tickets = 0;
};

/// A tree's priors side by side.
struct LearnedModel {
  std::string tree;
  bool found = false;       ///< the tree exists
  std::string site;         ///< the site whose own counts were used ("" tree level)
  std::size_t site_tickets = 0;  ///< the site's tickets on the tree (even below the threshold)
  std::size_t tickets = 0;  ///< N: tickets the learned priors rest on (0: authored only)
  std::vector<LearnedCause> causes;  ///< the model's order, "other" last
  std::string error;        ///< a bad learned file (authored priors then)
};

/// The priors of `tree` for `site` ("" tree level) with the authored ones from
/// `facts` (prior_when). A missing tree gives found = false.
LearnedModel learned_model(const Workspace& ws, const std::string& tree, const std::string& site = "",
                           const engine::FactMap& facts = {}, const LoadedLearned* loaded = nullptr);

/// The vector build_guide_model takes as `learned`: (leaf id or "other", prior),
/// empty when nothing was learned for the tree (or the file is bad: `error`
/// then says why, when given).
std::vector<std::pair<std::string, double>> learned_priors(const Workspace& ws, const std::string& tree,
                                                           const std::string& site = "",
                                                           const engine::FactMap& facts = {},
                                                           std::string* error = nullptr);

// [Learning] From the service desk's tickets.

/// Why a ticket gave no cause.
enum class SkipReason { open, no_diagnosis, not_concluded, not_replayed, no_leaf };
std::string_view skip_reason_name(SkipReason r);

/// What learn_from_tickets did.
struct LearnReport {
  std::size_t tickets_used = 0;
  std::vector<std::pair<std::string, SkipReason>> skipped;  ///< (number, why); open tickets left out
  std::size_t open = 0;                                      ///< tickets not resolved or closed
  std::map<std::string, std::size_t> trees;                  ///< tree -> tickets counted
  std::string replaced_file;  ///< a bad file moved aside before rewriting ("" none)
  std::string error;          ///< a store or write failure (nothing written then)
};

/// The entry a ticket gives, or why none (the ticket's last attached session
/// that replays and concluded; its path's jump and conclusion leaves).
std::optional<LearnedTicket> confirmed_causes(const ServiceDesk& desk, const service::Ticket& t, SkipReason& why);

/// Rebuilds the whole file from every ticket of the desk.
LearnReport learn_from_tickets(ServiceDesk& desk, const Workspace& ws);

/// The automatic update for one ticket (after resolve, close or reopen):
/// replaces or removes its entry. Returns "" or why it failed.
std::string learn_ticket(const ServiceDesk& desk, const Workspace& ws, const service::Ticket& t);

/// Removes the learned entries of `tree` ("" every tree). Returns "" or an error.
std::string reset_learned(const Workspace& ws, const std::string& tree, std::size_t& removed);

}  // namespace diagdesk::workspace
