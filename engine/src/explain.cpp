// Explanations: why a question is asked, how a conclusion was reached.
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session.hpp>
#include <diagdesk/engine/wording.hpp>

namespace diagdesk::engine {

namespace {

const Rule* find_rule(const Knowledge& k, std::string_view id) {
  for (const Rule& r : k.rules()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

/// A typed value as the operator gave it (an int, an address, a name), or in words.
std::string typed_value(const Knowledge& k, const PathEntry& e, Lang lang) {
  return e.fact.empty() ? e.value : fact_value_text(k, e.fact, e.value, lang);
}

std::string choice_label(const Node* node, std::string_view choice, Lang lang) {
  if (!node) return std::string(choice);
  const Choice* c = node->find_choice(choice);
  return c ? c->label.get(lang) : std::string(choice);
}

/// "Label: value (where it came from)", in words.
std::string describe_fact(const Knowledge& k, const std::string& key, const FactValue& v, Lang lang, const FactMap& facts) {
  return fact_phrase(k, key, v.value, lang) + " (" + fact_source_text(k, v, lang, &facts) +
         (v.assumed ? ", " + tr("explain.assumed", lang) : std::string()) + ")";
}

}  // namespace

void Session::explain_path(Lang lang, std::vector<ExplainLine>& out) const {
  const Knowledge& k = *m_knowledge;
  for (const auto& [key, value] : m_start_facts) {
    out.push_back({ExplainLine::Kind::start_fact,
                   fact_phrase(k, key, value, lang) + " (" + tr("explain.source_start", lang) + ")"});
  }
  for (const PathEntry& e : m_path) {
    const Node* node = k.find_node(e.node, e.tree);
    const std::string question = node ? fill_placeholders(node->text.get(lang), m_facts, k, lang) : e.node;
    switch (e.kind) {
      case PathEntry::Kind::asked:
        out.push_back({ExplainLine::Kind::answer,
                       question + " -> " + (e.choice.empty() ? typed_value(k, e, lang) : choice_label(node, e.choice, lang))});
        break;
      case PathEntry::Kind::skipped: {
        auto it = m_facts.find(e.fact);
        std::string why = it != m_facts.end() ? describe_fact(k, e.fact, it->second, lang, m_facts) : e.fact;
        out.push_back({ExplainLine::Kind::skip, tr("explain.skipped", lang) + " " + quoted(question, lang) + tr("punct.colon", lang) +
                                                    tr("explain.already_known", lang) + ", " + why +
                                                    (e.choice.empty() ? "" : " -> " + choice_label(node, e.choice, lang))});
        break;
      }
      case PathEntry::Kind::dont_know:
        out.push_back({ExplainLine::Kind::answer, question + " -> " + unknown_answer_text(k, e, lang)});
        break;
      case PathEntry::Kind::jumped: {
        const Tree* target = node ? k.find_tree(node->jump_tree) : nullptr;
        out.push_back({ExplainLine::Kind::jump,
                       tr("explain.jumped", lang) + " " + (target ? target->title.get(lang) : std::string("?"))});
        break;
      }
      case PathEntry::Kind::rule:
        if (const Rule* r = find_rule(k, e.rule)) out.push_back({ExplainLine::Kind::rule, rule_sentence(k, *r, lang)});
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
    out.push_back({ExplainLine::Kind::purpose, tr("explain.conclusion", lang) + " " +
                                                     fill_placeholders(node->diagnosis.get(lang), m_facts, *m_knowledge, lang)});
    // A conclusion reached on an assumed answer says so, with the assumptions.
    std::string assumed;
    for (const std::string& a : assumptions(lang)) assumed += (assumed.empty() ? "" : "; ") + a;
    if (!assumed.empty()) {
      out.push_back({ExplainLine::Kind::assumption, tr("report.assumed_conclusion", lang) + tr("punct.colon", lang) +
                                                        tr("report.assumed_note", lang) + ". " + tr("report.assumed_answers", lang) +
                                                        tr("punct.colon", lang) + assumed});
    }
  }
  // The facts the conclusion rests on, with where each came from.
  for (const auto& [key, value] : m_facts) {
    out.push_back({ExplainLine::Kind::fact, describe_fact(*m_knowledge, key, value, lang, m_facts)});
  }
  return out;
}

}  // namespace diagdesk::engine
