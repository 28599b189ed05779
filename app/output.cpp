// Rendering a session step for people (terminal) and for scripts (JSON).
#include "cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/wording.hpp>

#include <iostream>
#include <ostream>

namespace diagdesk::cli {

using engine::Lang;
using engine::tr;

namespace {
/// ": " in English, " : " in French typography.
std::string colon(Lang lang) { return tr("punct.colon", lang); }
}  // namespace

void print_explanation(std::ostream& out, const std::string& title, const std::vector<engine::ExplainLine>& lines) {
  out << "\n" << title << "\n";
  for (const auto& l : lines) out << "  - " << l.text << '\n';
}

void print_step(std::ostream& out, const engine::Session& s, Lang lang) {
  const engine::Step& step = s.step();
  const auto& k = s.knowledge();
  // Skips since the last asked question, so the operator sees them.
  const auto& path = s.path();
  for (std::size_t i = path.size(); i-- > 0;) {
    if (path[i].kind == engine::PathEntry::Kind::dont_know) {
      // Where the last "don't know" led, so the operator sees what was skipped or assumed.
      const engine::Node* n = k.find_node(path[i].node, path[i].tree);
      out << "  (" << (n ? engine::fill_placeholders(n->text.get(lang), s.facts(), k, lang) : path[i].node) << " -> "
          << engine::unknown_answer_text(k, path[i], lang) << ")\n";
    }
    if (path[i].kind == engine::PathEntry::Kind::asked || path[i].kind == engine::PathEntry::Kind::dont_know) break;
    if (path[i].kind != engine::PathEntry::Kind::skipped) continue;
    const engine::Node* n = k.find_node(path[i].node, path[i].tree);
    auto f = s.facts().find(path[i].fact);
    out << "  (" << tr("cli.skipped", lang) << colon(lang) << (n ? engine::fill_placeholders(n->text.get(lang), s.facts(), k, lang) : path[i].node)
        << " -> " << engine::fact_phrase(k, path[i].fact, f != s.facts().end() ? f->second.value : std::string("?"), lang) << ")\n";
  }
  for (const auto& w : step.warnings) {
    out << "\n  !!! " << tr("cli.warning", lang) << " (" << tr("warning." + std::string(engine::warning_kind_name(w.kind)), lang)
        << ")" << colon(lang) << w.text.get(lang) << "\n";
  }
  for (const auto& w : step.rule_warnings) out << "  !!! " << tr("cli.warning", lang) << colon(lang) << w << "\n";
  for (const auto& r : step.recommendations) {
    if (r == step.tree) continue;
    const engine::Tree* t = k.find_tree(r);
    out << "  -> " << tr("cli.recommend", lang) << colon(lang) << (t ? t->title.get(lang) : r) << " (" << r << ")\n";
  }
  switch (step.kind) {
    case engine::StepKind::error:
      out << "\nERROR: " << step.error << "\n";
      return;
    case engine::StepKind::conclusion: {
      out << "\n== " << tr("report.conclusion", lang) << " ==\n" << step.diagnosis << "\n";
      out << tr("report.outcome", lang) << colon(lang) << tr("outcome." + std::string(engine::outcome_name(*step.outcome)), lang) << "\n";
      out << tr("cli.remedy", lang) << colon(lang) << "\n";
      for (std::size_t i = 0; i < step.remedy.size(); ++i) out << "  " << (i + 1) << ". " << step.remedy[i] << "\n";
      if (!step.assumptions.empty()) {
        out << "  !!! " << tr("report.assumed_conclusion", lang) << colon(lang) << tr("report.assumed_note", lang) << ".\n";
        out << "  " << tr("report.assumed_answers", lang) << colon(lang) << "\n";
        for (const auto& a : step.assumptions) out << "    - " << a << "\n";
      }
      if (!step.unknowns.empty()) {
        out << "  " << tr("report.unknown_answers", lang) << colon(lang);
        for (std::size_t i = 0; i < step.unknowns.size(); ++i) out << (i ? "; " : "") << step.unknowns[i];
        out << "\n";
      }
      break;
    }
    default: {
      out << "\n[" << step.tree << ":" << step.node << "] " << step.text << "\n";
      if (!step.commands.empty() || !step.other_commands.empty()) {
        // Only the known OS's commands; the others are counted, not listed.
        out << "  " << (step.commands_os.empty() ? tr("cli.commands", lang)
                                                 : tr("cli.commands_for", lang) + " " + engine::fact_value_text(k, "os", step.commands_os, lang))
            << colon(lang) << "\n";
        for (const auto& c : step.commands) out << "    " << c.os << ": " << c.cmd << "\n";
        if (const std::size_t others = step.other_commands.size(); others > 0) {
          out << "    (" << others << " " << tr(others == 1 ? "cli.other_command" : "cli.other_commands", lang) << ")\n";
        }
      }
      for (std::size_t i = 0; i < step.choices.size(); ++i) {
        out << "  " << (i + 1) << ") " << step.choices[i].label << "\n";
      }
      if (!step.find_out.empty()) {
        out << "  " << tr("cli.find_out", lang) << colon(lang) << step.find_out << "\n";
        out << "  " << tr("dont_know.again", lang) << " (d)\n";
      }
    }
  }
  if (!step.articles.empty()) {
    out << "  " << tr("cli.articles", lang) << colon(lang);
    for (std::size_t i = 0; i < step.articles.size(); ++i) out << (i ? ", " : "") << step.articles[i];
    out << "\n";
  }
}

nlohmann::json step_json(const engine::Session& s) {
  using nlohmann::json;
  const engine::Step& step = s.step();
  json out;
  out["tree"] = s.start_tree();
  out["lang"] = std::string(engine::lang_code(s.lang()));
  switch (step.kind) {
    case engine::StepKind::conclusion: out["status"] = "concluded"; break;
    case engine::StepKind::error: out["status"] = "error"; break;
    default: out["status"] = "question"; break;
  }
  if (step.kind == engine::StepKind::question || step.kind == engine::StepKind::action ||
      step.kind == engine::StepKind::input) {
    json q{{"id", step.node}, {"tree", step.tree}, {"text", step.text},
           {"kind", step.kind == engine::StepKind::question ? "question" : step.kind == engine::StepKind::action ? "action" : "input"}};
    q["choices"] = json::array();
    for (const auto& c : step.choices) q["choices"].push_back({{"id", c.id}, {"label", c.label}});
    q["commands"] = json::array();
    for (const auto& c : step.commands) q["commands"].push_back({{"os", c.os}, {"cmd", c.cmd}});
    q["other_commands"] = json::array();
    for (const auto& c : step.other_commands) q["other_commands"].push_back({{"os", c.os}, {"cmd", c.cmd}});
    if (!step.commands_os.empty()) q["commands_os"] = step.commands_os;
    if (!step.input_fact.empty()) q["input_fact"] = step.input_fact;
    if (!step.find_out.empty()) q["find_out"] = step.find_out;
    q["articles"] = step.articles;
    out["question"] = std::move(q);
  }
  if (step.kind == engine::StepKind::conclusion) {
    out["conclusion"] = {{"id", step.node}, {"tree", step.tree}, {"diagnosis", step.diagnosis}, {"remedy", step.remedy},
                         {"outcome", std::string(engine::outcome_name(*step.outcome))}, {"articles", step.articles}};
    if (!step.concluded_by_rule.empty()) out["conclusion"]["rule"] = step.concluded_by_rule;
    out["conclusion"]["assumed"] = !step.assumptions.empty();
    out["conclusion"]["assumptions"] = step.assumptions;
    out["conclusion"]["unknowns"] = step.unknowns;
  }
  if (step.kind == engine::StepKind::error) out["error"] = step.error;
  out["path"] = json::array();
  for (const auto& e : s.path()) {
    json p{{"kind", std::string(engine::path_kind_name(e.kind))}, {"tree", e.tree}, {"node", e.node}};
    if (!e.choice.empty()) p["choice"] = e.choice;
    if (!e.value.empty()) p["value"] = e.value;
    if (!e.rule.empty()) p["rule"] = e.rule;
    if (!e.fact.empty()) p["fact"] = e.fact;
    if (e.kind == engine::PathEntry::Kind::dont_know) {
      p["move"] = std::string(engine::unknown_move_name(e.move));
      p["to"] = e.to;
    }
    if (e.assumed) p["assumed"] = true;
    out["path"].push_back(std::move(p));
  }
  out["facts"] = json::object();
  for (const auto& [key, v] : s.facts()) {
    const char* source = v.source == engine::FactSource::start ? "start"
                         : v.source == engine::FactSource::answer ? "answer"
                         : v.source == engine::FactSource::rule ? "rule" : "carried";
    out["facts"][key] = {{"value", v.value}, {"source", source}, {"origin", v.origin}};
    if (v.assumed) out["facts"][key]["assumed"] = true;
  }
  out["warnings"] = json::array();
  for (const auto& w : step.warnings) {
    out["warnings"].push_back({{"kind", std::string(engine::warning_kind_name(w.kind))}, {"text", w.text.get(s.lang())}});
  }
  for (const auto& w : step.rule_warnings) out["warnings"].push_back({{"kind", "rule"}, {"text", w}});
  out["recommendations"] = step.recommendations;
  out["notes"] = json::array();
  for (const auto& n : s.notes()) out["notes"].push_back({{"node", n.node}, {"text", n.text}});
  return out;
}

std::string json_text(const nlohmann::json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

void print_json(const nlohmann::json& value) { std::cout << json_text(value) << '\n' << std::flush; }

}  // namespace diagdesk::cli
