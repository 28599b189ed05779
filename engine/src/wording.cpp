// Saying things in words: fact values, placeholders, commands per OS, rules.
//
// [SECTION] Fact values
// [SECTION] Placeholders
// [SECTION] Commands for the OS
// [SECTION] Rules as sentences
#include <diagdesk/engine/wording.hpp>

#include <diagdesk/engine/i18n.hpp>

#include <algorithm>

namespace diagdesk::engine {

namespace {

bool is_name_start(char c) { return c >= 'a' && c <= 'z'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '_'; }

/// The placeholder starting at text[i] == '{': name, default, end (one past '}').
struct Placeholder {
  std::string name;
  std::string fallback;
  bool has_fallback = false;
  std::size_t end = 0;
};

std::optional<Placeholder> placeholder_at(std::string_view text, std::size_t i) {
  if (i + 2 >= text.size() || text[i] != '{' || !is_name_start(text[i + 1])) return std::nullopt;
  std::size_t j = i + 1;
  while (j < text.size() && is_name_char(text[j])) ++j;
  Placeholder p;
  p.name = std::string(text.substr(i + 1, j - i - 1));
  if (j < text.size() && text[j] == '}') {
    p.end = j + 1;
    return p;
  }
  if (j < text.size() && text[j] == '|') {
    const std::size_t close = text.find_first_of("}\n", j + 1);
    if (close == std::string_view::npos || text[close] != '}') return std::nullopt;
    p.fallback = std::string(text.substr(j + 1, close - j - 1));
    p.has_fallback = true;
    p.end = close + 1;
    return p;
  }
  return std::nullopt;
}

}  // namespace

// [SECTION] Fact values --------------------------------------------------------------

std::string fact_value_text(const Knowledge& k, std::string_view key, std::string_view value, Lang lang) {
  const FactDecl* decl = k.facts().find(key);
  if (!decl) return std::string(value);
  if (auto it = decl->value_labels.find(value); it != decl->value_labels.end() && !it->second.empty()) {
    return it->second.get(lang);
  }
  if (decl->type == FactType::bool_) {
    if (value == "true") return tr("value.true", lang);
    if (value == "false") return tr("value.false", lang);
  }
  if (decl->type == FactType::enum_) {
    // The label of a choice that sets exactly this value (a question that
    // determines the fact reads best), so authors need not repeat themselves.
    const Choice* best = nullptr;
    int best_score = 0;
    for (const Tree& t : k.trees()) {
      for (const Node& n : t.nodes) {
        for (const Choice& c : n.choices) {
          if (c.set.size() != 1 || c.set[0].first != key || c.set[0].second != value || c.label.empty()) continue;
          const int score = n.fact == key ? 2 : 1;
          if (score > best_score) {
            best = &c;
            best_score = score;
          }
        }
      }
    }
    if (best) return best->label.get(lang);
  }
  return std::string(value);
}

std::string fact_phrase(const Knowledge& k, std::string_view key, std::string_view value, Lang lang) {
  const FactDecl* decl = k.facts().find(key);
  return (decl ? decl->label.get(lang) : std::string(key)) + tr("punct.colon", lang) +
         fact_value_text(k, key, value, lang);
}

std::string fact_source_text(const Knowledge& k, const FactValue& v, Lang lang, const FactMap* facts) {
  switch (v.source) {
    case FactSource::start: return tr("explain.source_start", lang);
    case FactSource::answer: {
      const Node* node = k.find_node(v.origin);
      if (!node) return tr("explain.source_answer", lang) + " " + v.origin;
      const std::string question = facts ? fill_placeholders(node->text.get(lang), *facts, k, lang) : node->text.get(lang);
      return tr("explain.source_answer", lang) + " " + quoted(question, lang);
    }
    case FactSource::rule: return tr("explain.source_rule", lang);
    case FactSource::carried: return tr("explain.source_carried", lang);
  }
  return {};
}

// [SECTION] Placeholders -------------------------------------------------------------

std::string fill_placeholders(std::string_view text, const FactMap& facts, const Knowledge& k, Lang lang) {
  if (text.find('{') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto p = text[i] == '{' ? placeholder_at(text, i) : std::nullopt;
    const FactDecl* decl = p ? k.facts().find(p->name) : nullptr;
    if (!decl) {
      out += text[i++];
      continue;
    }
    if (auto it = facts.find(p->name); it != facts.end()) {
      const bool words = decl->type == FactType::enum_ || decl->type == FactType::bool_;
      out += words ? fact_value_text(k, p->name, it->second.value, lang) : it->second.value;
    } else {
      out += p->has_fallback ? p->fallback : "<" + p->name + ">";
    }
    i = p->end;
  }
  return out;
}

std::vector<std::string> placeholder_names(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = text.find('{'); i != std::string_view::npos; i = text.find('{', i + 1)) {
    if (auto p = placeholder_at(text, i)) out.push_back(p->name);
  }
  return out;
}

// [SECTION] Commands for the OS ------------------------------------------------------

std::string command_family(std::string_view os) {
  if (os.starts_with("windows")) return "windows";
  static const char* const linuxes[] = {"linux", "debian", "ubuntu", "fedora", "rhel", "mint", "opensuse"};
  for (const char* l : linuxes) {
    if (os == l) return "linux";
  }
  return std::string(os);
}

CommandSplit split_commands(const std::vector<Command>& commands, const FactMap& facts) {
  CommandSplit out;
  auto os = facts.find("os");
  if (os == facts.end() || os->second.value.empty()) {
    out.shown = commands;
    return out;
  }
  out.os = os->second.value;
  const std::string family = command_family(out.os);
  for (const Command& c : commands) {
    (c.os == family || c.os == "any" || c.os.empty() ? out.shown : out.others).push_back(c);
  }
  return out;
}

// [SECTION] Rules as sentences -------------------------------------------------------

std::string quoted(std::string_view text, Lang lang) {
  return tr("punct.quote_open", lang) + std::string(text) + tr("punct.quote_close", lang);
}

std::string condition_sentence(const Knowledge& k, const Condition& c, Lang lang) {
  const FactDecl* decl = k.facts().find(c.fact);
  const std::string label = decl ? decl->label.get(lang) : c.fact;
  const std::string first = c.values.empty() ? std::string() : c.values[0];
  auto value = [&](const std::string& v) { return fact_value_text(k, c.fact, v, lang); };
  std::string what;
  switch (c.op) {
    case Op::eq: what = value(first); break;
    case Op::ne: what = tr("cond.not", lang) + " " + value(first); break;
    case Op::in:
      for (std::size_t i = 0; i < c.values.size(); ++i) {
        if (i) what += i + 1 == c.values.size() ? " " + tr("cond.or", lang) + " " : ", ";
        what += value(c.values[i]);
      }
      break;
    case Op::in_cidr: what = tr("cond.in_cidr", lang) + " " + first; break;
    case Op::lt: what = tr("cond.lt", lang) + " " + first; break;
    case Op::le: what = first + " " + tr("cond.le", lang); break;
    case Op::gt: what = tr("cond.gt", lang) + " " + first; break;
    case Op::ge: what = first + " " + tr("cond.ge", lang); break;
    case Op::known: what = tr("cond.known", lang); break;
    case Op::unknown: what = tr("cond.unknown", lang); break;
  }
  return label + tr("punct.colon", lang) + what;
}

std::string rule_sentence(const Knowledge& k, const Rule& r, Lang lang) {
  const std::string and_ = " " + tr("cond.and", lang) + " ";
  std::string because;
  for (const Condition& c : r.when) because += (because.empty() ? "" : and_) + condition_sentence(k, c, lang);
  std::vector<std::string> effects;
  std::string asserted;
  for (const auto& [key, value] : r.assert_facts) asserted += (asserted.empty() ? "" : and_) + fact_phrase(k, key, value, lang);
  if (!asserted.empty()) effects.push_back(tr("rule.deduced", lang) + " " + asserted);
  if (!r.recommend.empty()) {
    const Tree* t = k.find_tree(r.recommend);
    effects.push_back(tr("rule.recommends", lang) + " " + quoted(t ? t->title.get(lang) : r.recommend, lang));
  }
  if (!r.warn.empty()) effects.push_back(tr("rule.warns", lang) + tr("punct.colon", lang) + r.warn.get(lang));
  if (!r.conclude.empty()) {
    const Node* n = k.find_node(r.conclude);
    effects.push_back(tr("rule.concludes", lang) + tr("punct.colon", lang) + (n ? n->diagnosis.get(lang) : r.conclude));
  }
  std::string effect;
  for (std::size_t i = 0; i < effects.size(); ++i) effect += (i ? and_ : "") + effects[i];
  std::string text = (because.empty() ? tr("rule.always", lang) : tr("rule.since", lang) + " " + because) + ", " + effect;
  if (!text.empty() && text.back() != '.') text += '.';
  if (!r.explain.empty()) text += " " + r.explain.get(lang);
  return text;
}

}  // namespace diagdesk::engine
