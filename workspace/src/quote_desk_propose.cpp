// Quotes from a diagnosis: a concluded session whose tree + conclusion has a
// proposal (commerce/proposals.toml) gives the quote lines, priced from the
// catalogue; from a ticket, its asset's present value may add "replace"
// beside "repair" (docs/quotes.md, "Repair or replace").
#include "quote_text.hpp"

#include <diagdesk/engine/i18n.hpp>

namespace diagdesk::workspace {

namespace sv = diagdesk::service;

std::vector<sv::QuoteLine> QuoteDesk::priced(const std::vector<sv::ProposalLine>& proposal_lines,
                                             const std::string& lang) const {
  std::vector<sv::QuoteLine> out;
  for (const auto& pl : proposal_lines) {
    const sv::CatalogueItem* item = m_catalogue.find(pl.ref);
    if (!item) continue;  // reported by problems() and lint
    out.push_back({item->ref, item->label.in(lang), std::string(sv::name(item->unit)), pl.quantity, item->price, 0,
                   item->vat});
  }
  return out;
}

namespace {

QuoteOption option(std::string kind, std::vector<sv::QuoteLine> lines) {
  QuoteOption o;
  o.kind = std::move(kind);
  o.lines = std::move(lines);
  o.totals = sv::compute_totals(o.lines);
  return o;
}

}  // namespace

QuoteProposal QuoteDesk::propose(const engine::Session& session, const std::string& lang) const {
  QuoteProposal out;
  if (!session.concluded()) return out;
  // The conclusion's words in the customer's language.
  engine::Session s = session;
  s.set_lang(lang_of(lang));
  const engine::Step& step = s.step();
  out.tree = step.tree;
  out.conclusion = step.node;
  out.diagnosis = step.diagnosis;
  const sv::Proposal* p = sv::find_proposal(m_proposals, step.tree, step.node);
  if (!p) return out;
  out.found = true;
  out.note = p->note.in(lang);
  out.options.push_back(option(p->kind == sv::ProposalKind::repair ? "repair" : "offer", priced(p->lines, lang)));
  return out;
}

DeskError QuoteDesk::propose_for_ticket(const std::string& number, const std::string& lang, QuoteProposal& out) {
  out = {};
  TicketView v;
  if (auto e = m_desk.get(number, v); !e.ok()) return e;
  const auto attached = m_desk.sessions(v.ticket);
  for (auto it = attached.rbegin(); it != attached.rend() && !out.found; ++it) {
    if (it->session) out = propose(*it->session, lang);
  }
  if (!out.found) return fail("not_found", number, "desk.quote.no_session");
  out.ticket_number = number;
  out.asset_tag = v.ticket.asset_tag;
  if (out.asset_tag.empty() || out.options.empty() || out.options.front().kind != "repair") return {};
  AssetView a;
  if (!m_desk.get_asset(out.asset_tag, a).ok() || !a.asset.purchase_date) return {};
  const sv::DeviceValue* dv = m_catalogue.device_value(sv::name(a.asset.type));
  if (!dv) return {};
  const std::int64_t value = sv::present_value(*dv, sv::days_from_civil(*a.asset.purchase_date),
                                               sv::days_from_civil(m_desk.today()));
  out.present_value = value;
  // Replace when the repair (before tax) is over the threshold's share of the value:
  // repair x 10000 > threshold (basis points) x value, in integers.
  const std::int64_t repair = out.options.front().totals.ht;
  if (static_cast<__int128>(repair) * 10000 <= static_cast<__int128>(m_catalogue.repair_threshold) * value) return {};
  const sv::Proposal* p = sv::find_proposal(m_proposals, out.tree, out.conclusion);
  std::vector<sv::ProposalLine> replace = p ? p->replace : std::vector<sv::ProposalLine>{};
  if (replace.empty() && !dv->replacement.empty()) replace.push_back({dv->replacement, 100, 0, 0});
  if (!replace.empty()) out.options.push_back(option("replace", priced(replace, lang)));
  return {};
}

}  // namespace diagdesk::workspace
