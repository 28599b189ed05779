// Explanations: why a question is asked, how a conclusion was reached.
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session.hpp>

namespace diagdesk::engine {

namespace {

const Rule* find_rule(const Knowledge& k, std::string_view id) {
  for (const Rule& r : k.rules()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string choice_label(const Node* node, std::string_view choice, Lang lang) {
  if (!node) return std::string(choice);
  const Choice* c = node->find_choice(choice);
  return c ? c->label.get(lang) : std::string(choice);
}

std::string describe_fact(const Knowledge& k, const std::string& key, const FactValue& v, Lang lang) {
  const FactDecl* decl = k.facts().find(key);
  std::string text = (decl ? decl->label.get(lang) : key) + " = " + v.value;
  switch (v.source) {
    case FactSource::start: text += " (" + tr("explain.source_start", lang) + ")"; break;
    case FactSource::answer: text += " (" + tr("explain.source_answer", lang) + " " + v.origin + ")"; break;
    case FactSource::rule: text += " (" + tr("explain.source_rule", lang) + " " + v.origin + ")"; break;
    case FactSource::carried: text += " (" + tr("explain.source_carried", lang) + ")"; break;
  }
  return text;
}

std::string rule_line(const Knowledge& k, const Rule& r, Lang lang) {
  std::string text = tr("explain.rule", lang) + " " + r.id;
  if (!r.explain.empty()) text += ": " + r.explain.get(lang);
  std::string because;
  for (const Condition& c : r.when) {
    if (!because.empty()) because += ", ";
    because += c.fact + " " + std::string(op_name(c.op));
    for (const auto& v : c.values) because += " " + v;
  }
  text += " [" + tr("explain.because", lang) + " " + because + "]";
  if (!r.assert_facts.empty()) {
    text += " => ";
    for (std::size_t i = 0; i < r.assert_facts.size(); ++i) {
      text += (i ? ", " : "") + r.assert_facts[i].first + " = " + r.assert_facts[i].second;
    }
  }
  (void)k;
  return text;
}

}  // namespace

void Session::explain_path(Lang lang, std::vector<ExplainLine>& out) const {
  const Knowledge& k = *m_knowledge;
  for (const auto& [key, value] : m_start_facts) {
    const FactDecl* decl = k.facts().find(key);
    out.push_back({ExplainLine::Kind::start_fact,
                   tr("explain.start_fact", lang) + " " + (decl ? decl->label.get(lang) : key) + " = " + value});
  }
  for (const PathEntry& e : m_path) {
    const Node* node = k.find_node(e.node, e.tree);
    const std::string question = node ? node->text.get(lang) : e.node;
    switch (e.kind) {
      case PathEntry::Kind::asked:
        out.push_back({ExplainLine::Kind::answer,
                       question + " -> " + (e.choice.empty() ? e.value : choice_label(node, e.choice, lang))});
        break;
      case PathEntry::Kind::skipped: {
        auto it = m_facts.find(e.fact);
        std::string why = it != m_facts.end() ? describe_fact(k, e.fact, it->second, lang) : e.fact;
        out.push_back({ExplainLine::Kind::skip, tr("explain.skipped", lang) + " \"" + question + "\": " + why +
                                                    (e.choice.empty() ? "" : " -> " + choice_label(node, e.choice, lang))});
        break;
      }
      case PathEntry::Kind::dont_know:
        out.push_back({ExplainLine::Kind::answer, question + " -> " + tr("answer.dont_know", lang)});
        break;
      case PathEntry::Kind::jumped: {
        const Tree* target = node ? k.find_tree(node->jump_tree) : nullptr;
        out.push_back({ExplainLine::Kind::jump,
                       tr("explain.jumped", lang) + " " + (target ? target->title.get(lang) : std::string("?"))});
        break;
      }
      case PathEntry::Kind::rule:
        if (const Rule* r = find_rule(k, e.rule)) out.push_back({ExplainLine::Kind::rule, rule_line(k, *r, lang)});
        break;
      case PathEntry::Kind::concluded:
        break;
    }
  }
}

std::vector<ExplainLine> Session::why(Lang lang) const {
  std::vector<ExplainLine> out;
  const Node* node = m_knowledge->find_node(m_node, m_tree);
  if (node && !node->why.empty()) out.push_back({ExplainLine::Kind::purpose, node->why.get(lang)});
  if (const Tree* t = m_knowledge->find_tree(m_start_tree)) {
    out.push_back({ExplainLine::Kind::purpose, tr("explain.script", lang) + " " + t->title.get(lang)});
  }
  explain_path(lang, out);
  return out;
}

std::vector<ExplainLine> Session::how(Lang lang) const {
  std::vector<ExplainLine> out;
  explain_path(lang, out);
  const Node* node = m_knowledge->find_node(m_node, m_tree);
  if (node && node->kind == NodeKind::conclusion) {
    out.push_back({ExplainLine::Kind::purpose, tr("explain.conclusion", lang) + " " + node->diagnosis.get(lang)});
  }
  // The facts the conclusion rests on, with where each came from.
  for (const auto& [key, value] : m_facts) {
    out.push_back({ExplainLine::Kind::fact, describe_fact(*m_knowledge, key, value, lang)});
  }
  return out;
}

}  // namespace diagdesk::engine
