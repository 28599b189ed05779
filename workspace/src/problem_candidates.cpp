// The incidents Diagdesk proposes for a problem (ProblemDesk::candidates):
// open incidents of the last N days, not yet in a problem, that concluded on
// the problem's conclusion, are on an asset of its model, or read like it
// (kb::close_texts: the KB's own stemming and stop words).
#include <diagdesk/workspace/problem_desk.hpp>

#include "service_desk_text.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/kb/similar.hpp>

#include <algorithm>
#include <map>

namespace diagdesk::workspace {

using engine::tr;
namespace sv = diagdesk::service;

std::string_view name(CandidateReason r) {
  switch (r) {
    case CandidateReason::conclusion: return "conclusion";
    case CandidateReason::asset_model: return "asset_model";
    case CandidateReason::text: return "text";
  }
  return "?";
}

namespace {

/// Lower-case ASCII, blanks collapsed: "Dell  Latitude 5520 " -> "dell latitude 5520".
std::string model_key(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

DeskError ProblemDesk::candidates(const std::string& number, int days, std::vector<ProblemCandidate>& out) {
  out.clear();
  const Lang lang = m_ws.options().lang;
  if (days < 0) return refuse("bad_value", "", number, fill_braces(tr("desk.asset.bad_days", lang), std::to_string(days)), lang);
  sv::ProblemRecord p;
  if (auto e = load(number, p); !e.ok()) return e;
  TicketQuery q;
  q.filter.type = sv::TicketType::incident;
  q.open_only = true;
  std::vector<TicketView> open;
  if (auto e = m_desk.list(q, open); !e.ok()) return e;
  const sv::Time since = m_desk.now() - static_cast<sv::Time>(days) * 86400;

  std::vector<ProblemCandidate> found;
  std::vector<kb::ShortText> texts;
  std::map<std::string, std::string> model_of_tag;  // asset tag -> "manufacturer model" when of the model, else ""
  const std::string wanted_model = model_key(p.asset_model);
  for (auto& v : open) {
    if (v.ticket.created_at < since) continue;
    std::optional<sv::ProblemLink> linked;
    if (auto s = m_store.ticket_problem(v.ticket.id, linked); !s.ok()) return store_error(s, v.ticket.number, lang);
    if (linked) continue;
    ProblemCandidate c;
    if (!p.tree.empty() && !p.conclusion.empty()) {
      // The list leaves sessions out: read the ticket whole.
      TicketView whole;
      if (auto e = m_desk.get(v.ticket.number, whole); !e.ok()) return e;
      for (const auto& a : m_desk.sessions(whole.ticket)) {
        if (!a.session || !a.session->concluded()) continue;
        const auto& step = a.session->step();
        if (step.tree == p.tree && step.node == p.conclusion) {
          c.reasons.push_back(CandidateReason::conclusion);
          break;
        }
      }
    }
    if (!wanted_model.empty() && !v.ticket.asset_tag.empty()) {
      auto it = model_of_tag.find(v.ticket.asset_tag);
      if (it == model_of_tag.end()) {
        // The problem names the model alone ("Latitude 5520") or with its maker.
        AssetView av;
        std::string model;
        if (m_desk.get_asset(v.ticket.asset_tag, av).ok()) {
          const std::string full = av.asset.manufacturer + (av.asset.manufacturer.empty() ? "" : " ") + av.asset.model;
          if (!av.asset.model.empty() && (model_key(av.asset.model) == wanted_model || model_key(full) == wanted_model))
            model = full;
        }
        it = model_of_tag.emplace(v.ticket.asset_tag, model).first;
      }
      if (!it->second.empty()) {
        c.reasons.push_back(CandidateReason::asset_model);
        c.asset_model = it->second;
      }
    }
    texts.push_back({v.ticket.number, v.ticket.title, v.ticket.description});
    c.ticket = std::move(v.ticket);
    found.push_back(std::move(c));
  }

  std::string error;
  const auto close = kb::close_texts(texts, p.title + "\n" + p.description, lang == Lang::en ? "en" : "fr", 2, &error);
  for (const auto& t : close) {
    for (auto& c : found) {
      if (c.ticket.number != t.id) continue;
      c.reasons.push_back(CandidateReason::text);
      c.shared_words = t.shared;
      c.text_percent = t.percent;
    }
  }
  for (auto& c : found)
    if (!c.reasons.empty()) out.push_back(std::move(c));
  // Conclusion and model matches first (more reasons first), then the closest texts, then the newest.
  std::stable_sort(out.begin(), out.end(), [](const ProblemCandidate& a, const ProblemCandidate& b) {
    if (a.reasons.size() != b.reasons.size()) return a.reasons.size() > b.reasons.size();
    if (a.reasons.front() != b.reasons.front()) return a.reasons.front() < b.reasons.front();
    if (a.text_percent != b.text_percent) return a.text_percent > b.text_percent;
    return a.ticket.created_at > b.ticket.created_at;
  });
  return {};
}

}  // namespace diagdesk::workspace
