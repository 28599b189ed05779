// Diagnosis sessions: replaying answers, forward chaining, the current step.
//
// [SECTION] Construction and replay
// [SECTION] Settling: skips, jumps and rule conclusions
// [SECTION] Answers
// [SECTION] Rules (forward chaining)
// [SECTION] The step value
#include <diagdesk/engine/session.hpp>

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/wording.hpp>

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace diagdesk::engine {

std::string_view path_kind_name(PathEntry::Kind kind) {
  switch (kind) {
    case PathEntry::Kind::asked: return "asked";
    case PathEntry::Kind::skipped: return "skipped";
    case PathEntry::Kind::dont_know: return "dont_know";
    case PathEntry::Kind::jumped: return "jumped";
    case PathEntry::Kind::rule: return "rule";
    case PathEntry::Kind::concluded: return "concluded";
  }
  return "asked";
}

std::string_view answer_error_name(AnswerError error) {
  switch (error) {
    case AnswerError::none: return "none";
    case AnswerError::not_a_choice: return "not_a_choice";
    case AnswerError::bad_value: return "bad_value";
    case AnswerError::no_question: return "no_question";
    case AnswerError::nothing_to_undo: return "nothing_to_undo";
  }
  return "none";
}

// [SECTION] Construction and replay ------------------------------------------------

Session::Session(std::shared_ptr<const Knowledge> knowledge, std::string tree_id,
                 std::vector<std::pair<std::string, std::string>> start_facts, Lang lang)
    : m_knowledge(std::move(knowledge)),
      m_start_tree(std::move(tree_id)),
      m_start_facts(std::move(start_facts)),
      m_lang(lang) {
  restart();
  settle();
  build_step();
}

void Session::restart() {
  m_tree = m_start_tree;
  m_node.clear();
  m_hint = false;
  m_facts.clear();
  m_path.clear();
  m_fired.clear();
  m_recommend.clear();
  m_rule_warnings.clear();
  m_concluded_by.clear();
  m_error.clear();
  const Tree* tree = m_knowledge->find_tree(m_tree);
  if (!tree) {
    m_error = "unknown tree '" + m_tree + "'";
    return;
  }
  m_node = tree->start;
  for (const auto& [key, value] : m_start_facts) set_fact(key, value, FactSource::start, {});
  run_rules();
}

std::optional<Session> Session::replay(std::shared_ptr<const Knowledge> knowledge, std::string tree_id,
                                       std::vector<std::pair<std::string, std::string>> start_facts,
                                       std::vector<Answer> answers, std::vector<Note> notes, Lang lang,
                                       std::string* error) {
  Session s(std::move(knowledge), std::move(tree_id), std::move(start_facts), lang);
  if (!s.m_error.empty()) {
    if (error) *error = s.m_error;
    return std::nullopt;
  }
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (s.legacy_hint(answers, i)) continue;  // dropped: it never moved the session
    std::string why;
    if (!s.apply(answers[i], &why)) {
      if (error) *error = "answer " + std::to_string(i + 1) + " does not fit: " + why;
      return std::nullopt;
    }
    s.m_answers.push_back(answers[i]);
  }
  s.m_notes = std::move(notes);
  s.build_step();
  return s;
}

void Session::set_lang(Lang lang) {
  m_lang = lang;
  build_step();
}

void Session::set_fact(const std::string& key, const std::string& value, FactSource source,
                       const std::string& origin, bool assumed) {
  m_facts[key] = FactValue{value, source, origin, assumed};
}

// [SECTION] Settling: skips, jumps and rule conclusions -------------------------------

namespace {

// Settling is deterministic: reaching a node again while no fact was set and
// no rule fired since (the fact map is the same) means it would go round for
// ever. Found at the second visit, named by the nodes of the cycle.
std::string settle_loop_message(const std::vector<PathEntry>& path, std::size_t from, const std::string& tree,
                                const std::string& node) {
  std::string trail;
  std::size_t shown = 0;
  for (std::size_t i = from; i < path.size(); ++i) {
    if (++shown > 8) {
      trail += "... -> ";
      break;
    }
    trail += path[i].tree + ":" + path[i].node + " -> ";
  }
  return "the tree loops without ever reaching a conclusion: " + trail + tree + ":" + node +
         " (no answer or rule changes a fact on the way)";
}

}  // namespace

void Session::settle() {
  // Facts only grow while settling (a skip sets keys not yet known) and every
  // rule firing is recorded, so (facts, fired rules) sizes change exactly when
  // the state does. A node seen twice at the same state is a loop.
  std::unordered_map<const Node*, std::size_t> seen;  // node -> path size when reached
  std::pair<std::size_t, std::size_t> seen_state{m_facts.size(), m_fired.size()};
  for (int guard = 0; m_error.empty(); ++guard) {
    if (guard > 100000) {  // backstop only: the loop check below stops first
      m_error = "the tree loops without ever reaching a conclusion (at " + m_tree + ":" + m_node + ")";
      return;
    }
    const Node* node = m_knowledge->find_node(m_node, m_tree);
    if (!node) {
      m_error = "node '" + m_node + "' does not exist in tree '" + m_tree + "'";
      return;
    }
    if (const std::pair state{m_facts.size(), m_fired.size()}; state != seen_state) {
      seen.clear();
      seen_state = state;
    }
    if (auto [at, fresh] = seen.emplace(node, m_path.size()); !fresh) {
      m_error = settle_loop_message(m_path, at->second, m_tree, m_node);
      return;
    }
    switch (node->kind) {
      case NodeKind::conclusion:
        if (m_path.empty() || m_path.back().kind != PathEntry::Kind::concluded) {
          m_path.push_back(PathEntry{PathEntry::Kind::concluded, m_tree, m_node, {}, {}, m_concluded_by, {}, 0});
        }
        return;
      case NodeKind::jump: {
        m_path.push_back(PathEntry{PathEntry::Kind::jumped, m_tree, m_node, {}, {}, {}, {}, 0});
        const Tree* target = m_knowledge->find_tree(node->jump_tree);
        if (!target) {
          m_error = "jump to unknown tree '" + node->jump_tree + "'";
          return;
        }
        m_tree = target->id;
        m_node = node->jump_node.empty() ? target->start : node->jump_node;
        m_hint = false;
        continue;
      }
      case NodeKind::question:
      case NodeKind::action:
        break;
    }
    // A question whose fact is already known answers itself.
    if (!node->input.empty()) {
      if (!m_facts.count(node->input)) return;
      m_path.push_back(PathEntry{PathEntry::Kind::skipped, m_tree, m_node, {}, m_facts[node->input].value, {}, node->input, 0});
      m_path.back().assumed = m_facts[node->input].assumed;
      m_node = node->next;
      m_hint = false;
      continue;
    }
    if (node->fact.empty()) return;
    auto known = m_facts.find(node->fact);
    if (known == m_facts.end()) return;
    const Choice* match = nullptr;
    for (const Choice& c : node->choices) {
      for (const auto& [key, value] : c.set) {
        if (key == node->fact && value == known->second.value) match = &c;
      }
      if (match) break;
    }
    if (!match) return;  // known value fits no choice: ask anyway
    // A skip on an assumed fact is itself an assumption.
    const bool assumed = known->second.assumed;
    m_path.push_back(PathEntry{PathEntry::Kind::skipped, m_tree, m_node, match->id, {}, {}, node->fact, 0});
    m_path.back().assumed = assumed;
    const std::string origin = m_tree + ":" + m_node;
    for (const auto& [key, value] : match->set) {
      if (!m_facts.count(key)) set_fact(key, value, FactSource::answer, origin, assumed);
    }
    m_node = match->next;
    m_hint = false;
    run_rules();
  }
}

// [SECTION] Answers -------------------------------------------------------------------

bool Session::apply(const Answer& a, std::string* error) {
  if (!m_error.empty()) {
    if (error) *error = m_error;
    return false;
  }
  const Node* node = m_knowledge->find_node(m_node, m_tree);
  if (!node || node->kind == NodeKind::conclusion || a.tree != m_tree || a.node != m_node) {
    if (error) *error = "expected an answer at " + m_tree + ":" + m_node + ", found one at " + a.tree + ":" + a.node;
    return false;
  }
  const std::string origin = m_tree + ":" + m_node;
  if (a.dont_know) {
    apply_dont_know(*node, a.time);
  } else if (!node->input.empty()) {
    std::string why;
    auto value = m_knowledge->facts().normalise(node->input, a.value, &why);
    if (!value) {
      if (error) *error = why;
      return false;
    }
    m_path.push_back(PathEntry{PathEntry::Kind::asked, m_tree, m_node, {}, *value, {}, node->input, a.time});
    set_fact(node->input, *value, FactSource::answer, origin);
    m_node = node->next;
    m_hint = false;
    run_rules();
  } else {
    const Choice* choice = node->find_choice(a.choice);
    if (!choice) {
      if (error) *error = "'" + a.choice + "' is not a choice of " + origin;
      return false;
    }
    m_path.push_back(PathEntry{PathEntry::Kind::asked, m_tree, m_node, choice->id, {}, {}, {}, a.time});
    for (const auto& [key, value] : choice->set) set_fact(key, value, FactSource::answer, origin);
    m_node = choice->next;
    m_hint = false;
    run_rules();
  }
  settle();
  return true;
}

AnswerError Session::answer(std::string_view given, std::int64_t time) {
  if (m_step.kind == StepKind::conclusion || m_step.kind == StepKind::error) return AnswerError::no_question;
  const Node* node = m_knowledge->find_node(m_node, m_tree);
  Answer a{m_tree, m_node, {}, {}, false, time};
  if (!node->input.empty()) {
    if (!m_knowledge->facts().normalise(node->input, given)) return AnswerError::bad_value;
    a.value = std::string(given);
  } else if (node->find_choice(given)) {
    a.choice = std::string(given);
  } else {
    std::size_t number = 0;
    auto [ptr, ec] = std::from_chars(given.data(), given.data() + given.size(), number);
    if (ec != std::errc{} || ptr != given.data() + given.size() || number < 1 || number > node->choices.size()) {
      return AnswerError::not_a_choice;
    }
    a.choice = node->choices[number - 1].id;
  }
  if (!apply(a, nullptr)) return AnswerError::not_a_choice;
  m_answers.push_back(std::move(a));
  build_step();
  return AnswerError::none;
}

AnswerError Session::dont_know(std::int64_t time, DontKnow mode) {
  if (m_step.kind == StepKind::conclusion || m_step.kind == StepKind::error) return AnswerError::no_question;
  const Node* node = m_knowledge->find_node(m_node, m_tree);
  if (mode == DontKnow::hint_first && !m_hint && node && node->dont_know.empty() && !node->find_out.empty()) {
    // The operator may go and check: nothing is recorded yet.
    m_hint = true;
    build_step();
    return AnswerError::none;
  }
  Answer a{m_tree, m_node, {}, {}, true, time};
  if (!apply(a, nullptr)) return AnswerError::no_question;
  m_answers.push_back(std::move(a));
  build_step();
  return AnswerError::none;
}

AnswerError Session::back(std::size_t n) {
  if (n == 0 || m_answers.empty()) return AnswerError::nothing_to_undo;
  m_answers.resize(m_answers.size() - std::min(n, m_answers.size()));
  // The session is its answer history: undoing is replaying what is left,
  // which retracts every fact the undone answers asserted.
  restart();
  settle();
  for (const Answer& a : m_answers) apply(a, nullptr);
  build_step();
  return AnswerError::none;
}

void Session::add_note(std::string text, std::int64_t time) {
  m_notes.push_back(Note{m_tree, m_node, std::move(text), time});
}

// [SECTION] Rules (forward chaining) ---------------------------------------------------

namespace {

bool condition_holds(const Condition& c, const FactMap& facts) {
  auto it = facts.find(c.fact);
  if (c.op == Op::known) return it != facts.end();
  if (c.op == Op::unknown) return it == facts.end();
  if (it == facts.end() || c.values.empty()) return false;
  const std::string& v = it->second.value;
  switch (c.op) {
    case Op::eq: return v == c.values[0];
    case Op::ne: return v != c.values[0];
    case Op::in: return std::find(c.values.begin(), c.values.end(), v) != c.values.end();
    case Op::in_cidr: {
      auto addr = parse_ipv4(v);
      auto block = parse_cidr(c.values[0]);
      if (!addr || !block) return false;
      const std::uint32_t mask = block->second == 0 ? 0u : ~0u << (32 - block->second);
      return (*addr & mask) == (block->first & mask);
    }
    case Op::lt: case Op::le: case Op::gt: case Op::ge: {
      long long a = 0, b = 0;
      auto r1 = std::from_chars(v.data(), v.data() + v.size(), a);
      auto r2 = std::from_chars(c.values[0].data(), c.values[0].data() + c.values[0].size(), b);
      if (r1.ec != std::errc{} || r2.ec != std::errc{}) return false;
      if (c.op == Op::lt) return a < b;
      if (c.op == Op::le) return a <= b;
      if (c.op == Op::gt) return a > b;
      return a >= b;
    }
    default: return false;
  }
}

// What rules can change, as one string: the facts' keys and values, then how
// many recommendations and warnings there are and which rule concluded
// (those only grow).
std::string rule_state(const FactMap& facts, std::size_t recommend, std::size_t warnings,
                       const std::string& concluded_by) {
  std::string out;
  for (const auto& [key, value] : facts) {
    out += key;
    out += '\0';
    out += value.value;
    out += '\0';
  }
  out += std::to_string(recommend) + "/" + std::to_string(warnings) + "/" + concluded_by;
  return out;
}

}  // namespace

void Session::run_rules() {
  const auto& rules = m_knowledge->rules();
  if (rules.empty()) return;
  // A rule fires only when it changes something, so a sound rule set reaches
  // a fixpoint; two rules undoing each other never would, hence the bound.
  const std::size_t limit = 64 + rules.size() * 8;
  std::size_t fires = 0;
  // Rules undoing each other bring the facts back to an earlier state: the
  // second time a state is seen, the rules fired since then form the loop.
  // Kept from the first firing on only: most calls fire nothing.
  std::unordered_map<std::string, std::size_t> states;  // state -> m_fired size then
  auto state = [&] { return rule_state(m_facts, m_recommend.size(), m_rule_warnings.size(), m_concluded_by); };
  bool changed = true;
  while (changed) {
    changed = false;
    for (const Rule& r : rules) {
      if (!std::all_of(r.when.begin(), r.when.end(), [&](const Condition& c) { return condition_holds(c, m_facts); })) {
        continue;
      }
      bool effect = false;
      for (const auto& [key, value] : r.assert_facts) {
        auto it = m_facts.find(key);
        if (it == m_facts.end() || it->second.value != value) effect = true;
      }
      const bool new_recommend = !r.recommend.empty() &&
                                 std::find(m_recommend.begin(), m_recommend.end(), r.recommend) == m_recommend.end();
      const bool new_warning = !r.warn.empty() &&
                               std::find(m_rule_warnings.begin(), m_rule_warnings.end(), r.id) == m_rule_warnings.end();
      const bool new_conclusion = !r.conclude.empty() && m_concluded_by.empty();
      if (!effect && !new_recommend && !new_warning && !new_conclusion) continue;

      if (++fires > limit) {
        std::string trail;
        for (std::size_t i = m_fired.size() > 6 ? m_fired.size() - 6 : 0; i < m_fired.size(); ++i) trail += m_fired[i] + " -> ";
        m_error = "rule loop: rules keep undoing each other (" + trail + r.id + ")";
        return;
      }
      if (states.empty()) states.emplace(state(), m_fired.size());
      // What a rule deduces from an assumed fact is assumed too.
      const bool assumed = std::any_of(r.when.begin(), r.when.end(), [&](const Condition& c) {
        auto it = m_facts.find(c.fact);
        return it != m_facts.end() && it->second.assumed;
      });
      for (const auto& [key, value] : r.assert_facts) set_fact(key, value, FactSource::rule, r.id, assumed);
      if (new_recommend) m_recommend.push_back(r.recommend);
      if (new_warning) m_rule_warnings.push_back(r.id);
      m_fired.push_back(r.id);
      m_path.push_back(PathEntry{PathEntry::Kind::rule, m_tree, m_node, {}, {}, r.id, {}, 0});
      m_path.back().assumed = assumed;
      if (new_conclusion) {
        const auto colon = r.conclude.find(':');
        if (colon != std::string::npos && m_knowledge->find_node(r.conclude)) {
          m_concluded_by = r.id;
          m_tree = r.conclude.substr(0, colon);
          m_node = r.conclude.substr(colon + 1);
        } else {
          m_error = "rule '" + r.id + "' concludes with unknown node '" + r.conclude + "'";
          return;
        }
      }
      if (auto [at, fresh] = states.emplace(state(), m_fired.size()); !fresh) {
        std::string trail;
        for (std::size_t i = at->second; i < m_fired.size(); ++i) trail += m_fired[i] + " -> ";
        m_error = "rule loop: rules keep undoing each other (" + trail + m_fired[at->second] +
                  "), the facts come back to an earlier state";
        return;
      }
      changed = true;
      break;  // start again from the highest salience
    }
  }
}

// [SECTION] The step value ------------------------------------------------------------

void Session::build_step() {
  Step s;
  s.tree = m_tree;
  s.node = m_node;
  for (const auto& t : m_recommend) s.recommendations.push_back(t);
  for (const auto& id : m_rule_warnings) {
    for (const Rule& r : m_knowledge->rules()) {
      if (r.id == id) s.rule_warnings.push_back(r.warn.get(m_lang));
    }
  }
  const Node* node = m_error.empty() ? m_knowledge->find_node(m_node, m_tree) : nullptr;
  if (!node) {
    s.kind = StepKind::error;
    s.error = m_error.empty() ? "node '" + m_node + "' not found" : m_error;
    m_step = std::move(s);
    return;
  }
  // The operator's own values go into every text and command of the step.
  auto fill = [&](const std::string& text) { return fill_placeholders(text, m_facts, *m_knowledge, m_lang); };
  s.warnings = node->warnings;
  for (Warning& w : s.warnings) {
    w.text.fr = fill_placeholders(w.text.fr, m_facts, *m_knowledge, Lang::fr);
    w.text.en = fill_placeholders(w.text.en, m_facts, *m_knowledge, Lang::en);
  }
  for (std::string& w : s.rule_warnings) w = fill(w);
  s.articles = node->articles;
  if (node->kind == NodeKind::conclusion) {
    s.kind = StepKind::conclusion;
    s.diagnosis = fill(node->diagnosis.get(m_lang));
    for (const auto& r : node->remedy) s.remedy.push_back(fill(r.get(m_lang)));
    s.outcome = node->outcome;
    s.concluded_by_rule = m_concluded_by;
  } else {
    s.kind = !node->input.empty() ? StepKind::input
             : node->kind == NodeKind::action ? StepKind::action : StepKind::question;
    s.text = fill(node->text.get(m_lang));
    CommandSplit split = split_commands(node->commands, m_facts);
    for (Command& c : split.shown) c.cmd = fill(c.cmd);
    for (Command& c : split.others) c.cmd = fill(c.cmd);
    s.commands = std::move(split.shown);
    s.other_commands = std::move(split.others);
    s.commands_os = std::move(split.os);
    s.input_fact = node->input;
    for (const auto& c : node->choices) s.choices.push_back(StepChoice{c.id, fill(c.label.get(m_lang))});
    if (m_hint && !node->find_out.empty()) s.find_out = fill(node->find_out.get(m_lang));
  }
  // What the operator did not know, and what was assumed for it.
  s.unknowns = unknowns(m_lang);
  s.assumptions = assumptions(m_lang);
  m_step = std::move(s);
}

}  // namespace diagdesk::engine
