// Learning priors from the service desk's tickets: the causes a ticket
// confirms, the full rebuild (diagdesk model learn), the automatic update of
// one ticket (resolve, close, reopen) and reset.
#include <diagdesk/workspace/model_learn.hpp>
#include <diagdesk/workspace/service_desk.hpp>

#include <diagdesk/engine/i18n.hpp>

namespace diagdesk::workspace {

namespace fs = std::filesystem;
namespace sv = diagdesk::service;

std::string_view skip_reason_name(SkipReason r) {
  switch (r) {
    case SkipReason::open: return "open";
    case SkipReason::no_diagnosis: return "no_diagnosis";
    case SkipReason::not_concluded: return "not_concluded";
    case SkipReason::not_replayed: return "not_replayed";
    case SkipReason::no_leaf: return "no_leaf";
  }
  return "open";
}

std::optional<LearnedTicket> confirmed_causes(const ServiceDesk& desk, const sv::Ticket& t, SkipReason& why) {
  if (t.status != sv::Status::resolved && t.status != sv::Status::closed) {
    why = SkipReason::open;
    return std::nullopt;
  }
  if (t.sessions.empty()) {
    why = SkipReason::no_diagnosis;
    return std::nullopt;
  }
  const auto attached = desk.sessions(t);
  // The last concluded session is the cause as finally confirmed (a corrected
  // diagnosis is attached after the first one).
  const engine::Session* last = nullptr;
  bool failed = false;
  for (const AttachedSession& a : attached) {
    if (!a.session) failed = true;
    else if (a.session->concluded()) last = &*a.session;
  }
  if (!last) {
    why = failed ? SkipReason::not_replayed : SkipReason::not_concluded;
    return std::nullopt;
  }
  LearnedTicket out;
  out.number = t.number;
  out.site = t.caller_site;
  const engine::Knowledge& k = last->knowledge();
  for (const engine::PathEntry& e : last->path()) {
    if (e.kind != engine::PathEntry::Kind::jumped && e.kind != engine::PathEntry::Kind::concluded) continue;
    const engine::Tree* tree = k.find_tree(e.tree);
    const engine::Node* node = tree ? tree->find(e.node) : nullptr;
    if (!node || (node->kind != engine::NodeKind::conclusion && node->kind != engine::NodeKind::jump)) continue;
    // One cause per tree: a tree met twice keeps the leaf it was left by last.
    std::erase_if(out.causes, [&](const ConfirmedCause& c) { return c.tree == e.tree; });
    out.causes.push_back({e.tree, e.node});
  }
  if (out.causes.empty()) {
    why = SkipReason::no_leaf;
    return std::nullopt;
  }
  return out;
}

namespace {

bool same(const LearnedTicket& a, const LearnedTicket& b) {
  if (a.number != b.number || a.site != b.site || a.causes.size() != b.causes.size()) return false;
  for (std::size_t i = 0; i < a.causes.size(); ++i) {
    if (a.causes[i].tree != b.causes[i].tree || a.causes[i].leaf != b.causes[i].leaf) return false;
  }
  return true;
}

/// Moves a bad file aside (<file>.bad, replacing an older one) so that
/// rebuilding it loses nothing a person might want to look at.
std::string move_aside(const fs::path& file) {
  fs::path aside = file;
  aside += ".bad";
  std::error_code ec;
  if (fs::is_symlink(aside, ec)) fs::remove(aside, ec);
  fs::rename(file, aside, ec);
  return ec ? std::string{} : aside.string();
}

}  // namespace

LearnReport learn_from_tickets(ServiceDesk& desk, const Workspace& ws) {
  LearnReport report;
  const engine::Lang lang = ws.options().lang;
  std::vector<sv::Ticket> listed;
  if (const auto s = desk.store().list({}, listed); !s.ok()) {
    report.error = engine::tr("desk.store." + std::string(sv::name(s.error)), lang) + (s.detail.empty() ? "" : " (" + s.detail + ")");
    return report;
  }
  LearnedStore store;
  for (const sv::Ticket& brief : listed) {
    if (brief.status != sv::Status::resolved && brief.status != sv::Status::closed) {
      ++report.open;
      continue;
    }
    sv::Ticket t;  // list() leaves the sessions out
    if (const auto s = desk.store().get(brief.number, t); !s.ok()) {
      report.error = brief.number + engine::tr("punct.colon", lang) + engine::tr("desk.store." + std::string(sv::name(s.error)), lang);
      return report;
    }
    SkipReason why = SkipReason::open;
    if (auto entry = confirmed_causes(desk, t, why)) {
      ++report.tickets_used;
      store.tickets[entry->number] = std::move(*entry);
    } else {
      report.skipped.emplace_back(t.number, why);
    }
  }
  store.count();
  for (const auto& [tree, counts] : store.trees) report.trees[tree] = counts.all.total;
  const fs::path file = learned_file(ws.options().data_dir);
  if (const auto old = load_learned(ws.options().data_dir, lang); !old.error.empty()) report.replaced_file = move_aside(file);
  if (auto err = save_learned(ws, store); !err.empty()) report.error = err;
  return report;
}

std::string learn_ticket(const ServiceDesk& desk, const Workspace& ws, const sv::Ticket& t) {
  auto loaded = load_learned(ws.options().data_dir, ws.options().lang);
  SkipReason why = SkipReason::open;
  const auto entry = confirmed_causes(desk, t, why);
  const auto old = loaded.store.tickets.find(t.number);
  const bool had = old != loaded.store.tickets.end();
  // Nothing changes: no write (resolving then closing a ticket writes once).
  if (!entry && !had) return {};
  if (entry && had && same(*entry, old->second)) return {};
  // A bad file is left as it is for `model learn` to rebuild from the tickets.
  if (!loaded.error.empty()) return loaded.error;
  if (entry) loaded.store.tickets[t.number] = *entry;
  else loaded.store.tickets.erase(t.number);
  loaded.store.count();
  return save_learned(ws, loaded.store);
}

std::string reset_learned(const Workspace& ws, const std::string& tree, std::size_t& removed) {
  removed = 0;
  auto loaded = load_learned(ws.options().data_dir, ws.options().lang);
  const fs::path file = learned_file(ws.options().data_dir);
  if (!loaded.present) return {};
  if (tree.empty()) {
    // Everything goes, a bad file included: the tickets stay, `model learn` rebuilds.
    for (const auto& [id, counts] : loaded.store.trees) removed += counts.all.total;
    std::error_code ec;
    fs::remove(file, ec);
    return ec ? file.string() + engine::tr("punct.colon", ws.options().lang) + ec.message() : std::string{};
  }
  if (!loaded.error.empty()) return loaded.error;
  for (auto it = loaded.store.tickets.begin(); it != loaded.store.tickets.end();) {
    removed += std::erase_if(it->second.causes, [&](const ConfirmedCause& c) { return c.tree == tree; });
    it = it->second.causes.empty() ? loaded.store.tickets.erase(it) : std::next(it);
  }
  if (removed == 0) return {};
  loaded.store.count();
  return save_learned(ws, loaded.store);
}

}  // namespace diagdesk::workspace
