// The intervention report of a guided session (Markdown, like render_report of
// the authored walk): the steps in the order taken, with their answers and
// times, the warnings shown, the tests run with their commands, how it was
// concluded with the probabilities, and the conclusion with its remedy.
#include <diagdesk/engine/guide_session.hpp>

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/wording.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace diagdesk::engine {


std::string render_guided_report(const GuidedSession& g, Lang lang, const ReportInfo& info) {
  const Knowledge& k = g.knowledge();
  const GuidedState& st = g.state();
  const Tree* tree = k.find_tree(g.start_tree());
  const std::string colon = tr("punct.colon", lang);
  auto fill = [&](const std::string& text) { return fill_placeholders(text, g.facts(), k, lang); };
  std::ostringstream md;
  md << "# " << tr("report.title", lang) << "\n\n";
  md << "- **" << tr("report.date", lang) << "**" << colon << report_time_text(info.date, "%Y-%m-%d %H:%M") << "\n";
  if (!info.operator_name.empty()) md << "- **" << tr("report.operator", lang) << "**" << colon << info.operator_name << "\n";
  md << "- **" << tr("report.script", lang) << "**" << colon << (tree ? tree->title.get(lang) : g.start_tree()) << " (`"
     << g.start_tree() << "`), " << tr("report.guided", lang) << "\n";
  if (!info.symptom.empty()) md << "- **" << tr("report.symptom", lang) << "**" << colon << info.symptom << "\n";

  md << "\n## " << tr("report.equipment", lang) << "\n\n";
  if (g.facts().empty()) md << "- " << tr("report.none", lang) << "\n";
  for (const auto& [key, value] : g.facts()) md << "- " << fact_phrase(k, key, value.value, lang) << "\n";

  md << "\n## " << tr("report.steps", lang) << "\n\n";
  std::vector<std::string> warnings, tests;
  auto warn = [&](const std::vector<Warning>& ws) {
    for (const Warning& w : ws) {
      const std::string text = tr("warning." + std::string(warning_kind_name(w.kind)), lang) + colon + fill(w.text.get(lang));
      if (std::find(warnings.begin(), warnings.end(), text) == warnings.end()) warnings.push_back(text);
    }
  };
  int n = 0;
  for (const GuidedAct& a : g.acts()) {
    std::string step = a.step, answer;
    const Node* node = k.find_node(a.step, a.tree);
    if (node) {
      step = fill(node->text.get(lang));
      warn(node->warnings);
      if (const Choice* c = node->find_choice(a.choice)) answer = fill(c->label.get(lang));
    } else if (const Tree* t = k.find_tree(a.tree)) {
      for (const Repair& r : t->model.repairs) {
        if (r.id == a.step) step = fill(r.text.get(lang));
      }
    }
    switch (a.kind) {
      case GuidedAct::Kind::choice: break;
      case GuidedAct::Kind::dont_know: answer = tr("guide.report.dont_know", lang); break;
      case GuidedAct::Kind::repair_fixed: answer = tr("guide.explain.fixed", lang); break;
      case GuidedAct::Kind::repair_not_fixed: answer = tr("guide.explain.not_fixed", lang); break;
    }
    md << ++n << ". " << step << "  \n   " << tr("report.answer", lang) << colon << answer;
    if (a.time) md << " (" << report_time_text(a.time, "%H:%M:%S") << ")";
    md << "\n";
    if (node && node->kind == NodeKind::action && a.kind == GuidedAct::Kind::choice) {
      const CommandSplit split = split_commands(node->commands, g.facts());
      std::string cmds;
      for (const auto& c : split.shown) cmds += (cmds.empty() ? "" : ", ") + ("`" + fill(c.cmd) + "`");
      tests.push_back(step + (cmds.empty() ? "" : " (" + cmds + ")") + colon + answer);
    }
  }
  if (n == 0) md << "- " << tr("report.none", lang) << "\n";

  const Node* end = st.concluded && !st.leaf.empty() ? k.find_node(st.leaf, st.tree) : nullptr;
  if (end) warn(end->warnings);
  md << list_section_markdown(tr("report.warnings", lang), warnings, lang);
  md << list_section_markdown(tr("report.tests", lang), tests, lang);

  md << "\n## " << tr("guide.report.how", lang) << "\n\n";
  for (const ExplainLine& line : g.how(lang)) md << "- " << line.text << "\n";

  md << "\n## " << tr("report.conclusion", lang) << "\n\n";
  if (!st.concluded) {
    md << tr("report.in_progress", lang) << "\n";
    return md.str();
  }
  const std::string p = std::to_string(static_cast<int>(std::lround(st.confidence * 100))) + " %";
  if (!end || end->kind != NodeKind::conclusion) {
    md << "- **" << tr("report.diagnosis", lang) << "**" << colon << (end ? fill(end->text.get(lang)) : tr("guide.other", lang))
       << " (" << p << ")\n";
    return md.str();
  }
  md << "- **" << tr("report.diagnosis", lang) << "**" << colon << fill(end->diagnosis.get(lang)) << " (" << p
     << (st.certain ? "" : ", " + tr("guide.report.not_settled", lang)) << ")\n";
  md << "- **" << tr("report.outcome", lang) << "**" << colon << tr("outcome." + std::string(outcome_name(end->outcome)), lang) << "\n\n";
  md << remedy_markdown(*end, info, lang, fill);
  return md.str();
}

}  // namespace diagdesk::engine
