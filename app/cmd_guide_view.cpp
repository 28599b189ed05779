// Rendering a guided diagnosis for people (text) and for scripts (JSON).
#include "guide_cli.hpp"

#include <diagdesk/engine/i18n.hpp>

#include <cmath>
#include <ostream>

namespace diagdesk::cli {

using engine::Lang;
using engine::tr;

namespace {

std::string colon(Lang lang) { return tr("punct.colon", lang); }

std::string pct(double p) { return std::to_string(static_cast<int>(std::lround(p * 100))) + " %"; }

std::string minutes(double m, Lang lang) { return engine::decimal_text(m, lang) + " min"; }

std::string marks(const engine::GuidedOption& o, Lang lang) {
  std::string s;
  if (o.rank.escalation) s += " " + tr("guide.cli.escalation", lang);
  if (o.required) s += " " + tr("guide.cli.required", lang);
  return s;
}

}  // namespace

void print_option(std::ostream& out, const engine::GuidedOption& o, Lang lang) {
  out << "[" << o.rank.id << "] " << o.text << "  (" << minutes(o.rank.minutes, lang) << ")" << marks(o, lang) << "\n";
  if (!o.warnings.empty()) {
    out << "  !!! " << tr("guide.cli.warnings", lang) << "\n";
    for (const auto& w : o.warnings) out << "      - " << w.text.get(lang) << "\n";
  }
  for (const auto& c : o.commands) out << "    " << c.os << ": " << c.cmd << "\n";
  out << "  " << tr("guide.cli.choices", lang) << colon(lang) << "\n";
  for (std::size_t i = 0; i < o.choices.size(); ++i) out << "    " << (i + 1) << ") " << o.choices[i].label << "\n";
}

void print_guided(std::ostream& out, const engine::GuidedSession& g, Lang lang) {
  const engine::GuidedState& s = g.state();
  if (!s.error.empty()) {
    out << "\n" << s.error << "\n";
    return;
  }
  if (s.concluded) {
    const engine::Step& c = s.conclusion;
    out << "\n== " << tr(s.certain ? "guide.cli.concluded" : "guide.cli.uncertain", lang) << " ==\n"
        << c.diagnosis << "  (" << pct(s.confidence) << ")\n";
    if (c.outcome) out << tr("report.outcome", lang) << colon(lang) << tr("outcome." + std::string(engine::outcome_name(*c.outcome)), lang) << "\n";
    if (!c.remedy.empty()) out << tr("cli.remedy", lang) << colon(lang) << "\n";
    for (std::size_t i = 0; i < c.remedy.size(); ++i) out << "  " << (i + 1) << ". " << c.remedy[i] << "\n";
    for (const auto& w : c.warnings) out << "  !!! " << w.text.get(lang) << "\n";
    if (!c.articles.empty()) {
      out << "  " << tr("cli.articles", lang) << colon(lang);
      for (std::size_t i = 0; i < c.articles.size(); ++i) out << (i ? ", " : "") << c.articles[i];
      out << "\n";
    }
    return;
  }
  const engine::GuidedOption* best = g.best();
  if (!best) return;
  out << "\n== " << tr("guide.cli.suggested", lang) << " ==\n";
  print_option(out, *best, lang);
  out << "  -> " << best->rank.reason.get(lang) << "\n";
  if (s.options.size() > 1) {
    out << tr("guide.cli.alternatives", lang) << colon(lang) << "\n";
    for (std::size_t i = 1; i < s.options.size(); ++i) {
      const auto& o = s.options[i];
      out << "  s" << i << ") [" << o.rank.id << "] " << o.rank.reason.get(lang) << marks(o, lang) << "\n";
    }
  }
  out << tr("guide.cli.causes", lang) << colon(lang);
  std::size_t shown = 0;
  for (const auto& c : s.causes) {
    if (c.posterior <= 0 || shown == 4) continue;
    out << (shown++ ? ", " : "") << c.name << " " << pct(c.posterior);
  }
  out << "\n";
}

nlohmann::json guided_json(const engine::GuidedSession& g) {
  using nlohmann::json;
  const engine::GuidedState& s = g.state();
  json out;
  out["guided"] = true;
  out["tree"] = g.start_tree();
  out["current_tree"] = s.tree;
  out["lang"] = std::string(engine::lang_code(g.lang()));
  out["operator_rights"] = g.start().operator_n2 ? "n2" : "n1";
  out["status"] = !s.error.empty() ? "error" : s.concluded ? "concluded" : "question";
  out["steps"] = json::array();
  for (const auto& o : s.options) {
    json step{{"id", o.rank.id},
              {"kind", o.rank.kind == engine::GuideStepKind::test ? "test" : "repair"},
              {"text", o.text},
              {"minutes", o.rank.minutes},
              {"score", o.rank.score},
              {"info_bits", o.rank.info_bits},
              {"success", o.rank.success},
              {"escalation", o.rank.escalation},
              {"warn_first", o.rank.warn_first},
              {"acknowledged", o.acknowledged},
              {"takeable", o.takeable()},
              {"required", o.required},
              {"reason", {{"fr", o.rank.reason.fr}, {"en", o.rank.reason.en}}}};
    step["choices"] = json::array();
    for (const auto& c : o.choices) step["choices"].push_back({{"id", c.id}, {"label", c.label}});
    step["warnings"] = json::array();
    for (const auto& w : o.warnings) {
      step["warnings"].push_back({{"kind", std::string(engine::warning_kind_name(w.kind))}, {"fr", w.text.fr}, {"en", w.text.en}});
    }
    out["steps"].push_back(std::move(step));
  }
  out["causes"] = json::array();
  for (const auto& c : s.causes) {
    out["causes"].push_back({{"leaf", c.leaf.empty() ? json(nullptr) : json(c.leaf)}, {"name", c.name}, {"prior", c.prior}, {"posterior", c.posterior}});
  }
  out["gated"] = json::array();
  for (const auto& [step, waits] : s.gated) out["gated"].push_back({{"step", step}, {"waits_for", waits}});
  out["acts"] = json::array();
  for (const auto& a : g.acts()) {
    json act{{"tree", a.tree}, {"step", a.step}, {"kind", std::string(engine::guided_act_name(a.kind))}};
    if (!a.choice.empty()) act["choice"] = a.choice;
    out["acts"].push_back(std::move(act));
  }
  if (s.concluded) {
    const engine::Step& c = s.conclusion;
    out["conclusion"] = {{"id", c.node}, {"tree", c.tree}, {"diagnosis", c.diagnosis}, {"remedy", c.remedy},
                         {"outcome", c.outcome ? std::string(engine::outcome_name(*c.outcome)) : std::string()},
                         {"articles", c.articles}, {"confidence", s.confidence}, {"certain", s.certain}};
    out["how"] = json::array();
    for (const Lang lang : {Lang::fr, Lang::en}) {
      json lines = json::array();
      for (const auto& l : g.how(lang)) lines.push_back(l.text);
      out["how_" + std::string(engine::lang_code(lang))] = std::move(lines);
    }
    out.erase("how");
  }
  if (!s.error.empty()) out["error"] = s.error;
  return out;
}

}  // namespace diagdesk::cli
