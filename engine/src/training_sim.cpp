// The training simulator: replies from ground truth, and the expert path.
#include <diagdesk/engine/training_sim.hpp>

#include <diagdesk/engine/i18n.hpp>

#include <algorithm>

namespace diagdesk::engine {

std::string_view reply_kind_name(ReplyKind kind) {
  switch (kind) {
    case ReplyKind::choice: return "choice";
    case ReplyKind::value: return "value";
    case ReplyKind::dont_know: return "dont_know";
    case ReplyKind::undetermined: return "undetermined";
    case ReplyKind::ambiguous: return "ambiguous";
  }
  return "undetermined";
}

std::string format_text(std::string pattern, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string mark = "{" + std::to_string(i + 1) + "}";
    for (std::size_t at = pattern.find(mark); at != std::string::npos; at = pattern.find(mark, at + args[i].size())) {
      pattern.replace(at, mark.size(), args[i]);
    }
  }
  return pattern;
}

Simulator::Simulator(const Knowledge& knowledge, const Scenario& scenario)
    : m_knowledge(knowledge), m_scenario(scenario) {}

Reply Simulator::reply(std::string_view tree, std::string_view node_id) const {
  Reply r;
  const Node* node = m_knowledge.find_node(node_id, tree);
  if (!node || (node->kind != NodeKind::question && node->kind != NodeKind::action)) return r;
  const std::string ref = std::string(tree) + ":" + std::string(node_id);

  // An explicit observation wins: it is what the author saw the fact could not say.
  if (auto it = m_scenario.answers.find(ref); it != m_scenario.answers.end()) {
    r.source = "answers";
    if (!node->input.empty()) {
      r.kind = ReplyKind::value;
      r.value = it->second;
    } else {
      r.kind = ReplyKind::choice;
      r.choice = it->second;
    }
    return r;
  }
  if (std::find(m_scenario.dont_know.begin(), m_scenario.dont_know.end(), ref) != m_scenario.dont_know.end()) {
    r.kind = ReplyKind::dont_know;
    r.source = "dont_know";
    return r;
  }
  if (!node->input.empty()) {
    if (const std::string* v = m_scenario.fact(node->input)) {
      r.kind = ReplyKind::value;
      r.value = *v;
      r.source = "fact:" + node->input;
    }
    return r;
  }
  // A choice fits when the facts it asserts are the ground truth: all of them
  // (full), else some of them with none contradicted (partial).
  std::vector<const Choice*> full, partial;
  std::string full_key, partial_key;
  for (const Choice& c : node->choices) {
    if (c.set.empty()) continue;
    int equal = 0, unknown = 0, different = 0;
    std::string first_equal;
    for (const auto& [key, value] : c.set) {
      const std::string* truth = m_scenario.fact(key);
      if (!truth) ++unknown;
      else if (*truth == value) {
        ++equal;
        if (first_equal.empty()) first_equal = key;
      } else ++different;
    }
    if (different > 0 || equal == 0) continue;
    if (unknown == 0) {
      full.push_back(&c);
      if (full_key.empty()) full_key = first_equal;
    } else {
      partial.push_back(&c);
      if (partial_key.empty()) partial_key = first_equal;
    }
  }
  const auto& fits = full.empty() ? partial : full;
  if (fits.size() == 1) {
    r.kind = ReplyKind::choice;
    r.choice = fits[0]->id;
    r.source = "fact:" + (full.empty() ? partial_key : full_key);
  } else if (fits.size() > 1) {
    r.kind = ReplyKind::ambiguous;
    for (const Choice* c : fits) r.candidates.push_back(c->id);
  }
  return r;
}

std::string Simulator::say(std::string_view tree, std::string_view node_id, const Reply& reply, Lang lang) const {
  const std::string ref = std::string(tree) + ":" + std::string(node_id);
  if (auto it = m_scenario.replies.find(ref); it != m_scenario.replies.end() &&
                                             (reply.kind == ReplyKind::choice || reply.kind == ReplyKind::value ||
                                              reply.kind == ReplyKind::dont_know)) {
    return it->second.get(lang);
  }
  const Node* node = m_knowledge.find_node(node_id, tree);
  switch (reply.kind) {
    case ReplyKind::choice:
      if (node) {
        if (const Choice* c = node->find_choice(reply.choice)) return c->label.get(lang);
      }
      return reply.choice;
    case ReplyKind::value:
      return reply.value;
    case ReplyKind::dont_know:
      return tr("train.reply_dont_know", lang);
    case ReplyKind::ambiguous:
    case ReplyKind::undetermined:
      break;
  }
  return tr(node && node->kind == NodeKind::action ? "train.reply_nothing_test" : "train.reply_nothing_question", lang);
}

ExpertPath play_expert(std::shared_ptr<const Knowledge> knowledge, const Scenario& scenario,
                       const ScenarioSet& catalogue) {
  ExpertPath out;
  Simulator sim(*knowledge, scenario);
  Session s(knowledge, scenario.tree, scenario.start_facts(), Lang::en);
  auto stop = [&](const Step& st, std::string why) {
    out.error = std::move(why);
    out.error_ref = st.tree + ":" + st.node;
  };
  constexpr int max_steps = 500;
  [&] {
  for (int i = 0;; ++i) {
    const Step st = s.step();
    if (st.kind == StepKind::error) {
      stop(st, st.error);
      break;
    }
    if (st.kind == StepKind::conclusion) {
      out.conclusion = st.tree + ":" + st.node;
      break;
    }
    if (i >= max_steps) {
      stop(st, "the expert path goes on for more than " + std::to_string(max_steps) + " steps");
      break;
    }
    const std::string ref = st.tree + ":" + st.node;
    const Node* node = knowledge->find_node(st.node, st.tree);
    Reply r = sim.reply(st.tree, st.node);
    AnswerError e = AnswerError::none;
    std::string given;
    switch (r.kind) {
      case ReplyKind::choice: e = s.answer(given = r.choice); break;
      case ReplyKind::value: e = s.answer(given = r.value); break;
      case ReplyKind::dont_know:
        // "Don't know" always moves a session on, but an expert path must not
        // rest on a skipped or assumed answer: only the author's unknown branch counts.
        if (!node || node->dont_know.empty()) {
          stop(st, "the user does not know the answer at " + ref + " and that step has no 'dont_know' route");
          return;
        }
        e = s.dont_know();
        break;
      case ReplyKind::undetermined:
        stop(st, "the scenario does not say what the user or the machine answers at " + ref +
                     " (add the fact it determines to [facts], or an [answers] entry)");
        return;
      case ReplyKind::ambiguous: {
        std::string list;
        for (const auto& c : r.candidates) list += (list.empty() ? "" : ", ") + c;
        stop(st, "the ground truth fits several choices at " + ref + " (" + list + "): add an [answers] entry");
        return;
      }
    }
    if (e != AnswerError::none) {
      stop(st, "the tree refuses the answer '" + given + "' at " + ref + " (" + std::string(answer_error_name(e)) + ")");
      return;
    }
    ExpertStep step{st.tree, st.node, r, node ? step_cost(st.tree, *node, catalogue) : 0};
    out.cost += step.cost;
    out.steps.push_back(std::move(step));
  }
  }();
  // Trees visited, jumps and rule conclusions included.
  auto add_tree = [&](const std::string& t) {
    if (!t.empty() && std::find(out.trees.begin(), out.trees.end(), t) == out.trees.end()) out.trees.push_back(t);
  };
  add_tree(scenario.tree);
  for (const auto& p : s.path()) add_tree(p.tree);
  add_tree(s.step().tree);
  out.path = s.path();
  return out;
}

}  // namespace diagdesk::engine
