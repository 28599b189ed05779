// A trainee's run through a scenario: actions, guided and free modes.
// Scoring and the debrief are in training_score.cpp.
//
// [SECTION] Names
// [SECTION] Construction
// [SECTION] Dispatching actions
// [SECTION] Guided mode
// [SECTION] Free mode and diagnosis
// [SECTION] Findings on each step
#include <diagdesk/engine/training_run.hpp>

#include "training_internal.hpp"

#include <algorithm>

namespace diagdesk::engine {

// [SECTION] Names -----------------------------------------------------------------------

std::string_view mode_name(Mode mode) { return mode == Mode::guided ? "guided" : "free"; }

std::optional<Mode> parse_mode(std::string_view name) {
  if (name == "guided" || name == "guide" || name == "guidé") return Mode::guided;
  if (name == "free" || name == "libre") return Mode::free;
  return std::nullopt;
}

std::string_view action_kind_name(TraineeAction::Kind kind) {
  using K = TraineeAction::Kind;
  switch (kind) {
    case K::tree: return "tree";
    case K::step: return "step";
    case K::diagnosis: return "diagnosis";
    case K::ack: return "ack";
    case K::backup: return "backup";
    case K::article: return "article";
    case K::impact: return "impact";
    case K::urgency: return "urgency";
    case K::outcome: return "outcome";
    case K::verify: return "verify";
    case K::document: return "document";
    case K::type: return "type";
    case K::priority: return "priority";
    case K::resolve: return "resolve";
    case K::pending: return "pending";
    case K::escalate: return "escalate";
    case K::quote: return "quote";
  }
  return "step";
}

std::string_view action_error_name(ActionError error) {
  switch (error) {
    case ActionError::none: return "none";
    case ActionError::unknown_action: return "unknown_action";
    case ActionError::wrong_mode: return "wrong_mode";
    case ActionError::no_tree: return "no_tree";
    case ActionError::unknown_tree: return "unknown_tree";
    case ActionError::unknown_node: return "unknown_node";
    case ActionError::not_a_choice: return "not_a_choice";
    case ActionError::no_step: return "no_step";
    case ActionError::already_diagnosed: return "already_diagnosed";
    case ActionError::not_diagnosed: return "not_diagnosed";
    case ActionError::bad_value: return "bad_value";
    case ActionError::not_a_ticket: return "not_a_ticket";
    case ActionError::not_qualified: return "not_qualified";
    case ActionError::not_a_proposal: return "not_a_proposal";
    case ActionError::no_quote_key: return "no_quote_key";
  }
  return "none";
}

int MethodCheck::count() const {
  return static_cast<int>(identify) + theory + test + implement + verify + document;
}

// [SECTION] Construction ------------------------------------------------------------------

TrainingRun::TrainingRun(std::shared_ptr<const Knowledge> knowledge, const ScenarioSet& catalogue,
                         const Scenario& scenario, Mode mode, Lang lang)
    : m_knowledge(std::move(knowledge)),
      m_catalogue(catalogue),
      m_scenario(scenario),
      m_mode(mode),
      m_lang(lang),
      m_sim(*m_knowledge, scenario),
      m_expert(play_expert(m_knowledge, scenario, catalogue)) {
  for (const auto& [key, value] : scenario.start_facts()) m_known[key] = value;
}

int TrainingRun::time_units() const {
  int total = 0;
  for (const auto& a : m_actions) total += a.cost;
  return total;
}

std::optional<Reply> TrainingRun::current_reply() const {
  if (!m_session || diagnosed()) return std::nullopt;
  const Step& st = m_session->step();
  if (st.kind == StepKind::conclusion || st.kind == StepKind::error) return std::nullopt;
  return m_sim.reply(st.tree, st.node);
}

ActionError TrainingRun::refuse(ActionError e, std::string message) {
  m_error = std::move(message);
  return e;
}

// [SECTION] Dispatching actions -----------------------------------------------------------

using detail::arg_of;
using detail::trim;

ActionError TrainingRun::act(std::string_view raw) {
  const std::string token = trim(raw);
  m_error.clear();
  using K = TraineeAction::Kind;
  ActionError result = ActionError::none;
  auto simple = [&](K kind, std::string value, int cost) {
    TraineeAction a;
    a.kind = kind;
    a.value = std::move(value);
    a.cost = cost;
    m_actions.push_back(std::move(a));
  };
  auto diagnosis_action = [&]() -> TraineeAction* {
    for (auto& a : m_actions) {
      if (a.kind == K::diagnosis) return &a;
    }
    return nullptr;
  };

  bool ticket_token = false;
  if (!token.empty()) result = ticket_action(token, ticket_token);
  // The quote step of proposal scenarios (training_quote.cpp).
  if (!ticket_token && !token.empty()) result = quote_action(token, ticket_token);
  // A ticket is qualified before it is diagnosed.
  const bool investigates = arg_of(token, "tree") || arg_of(token, "diagnosis") ||
                            (m_mode == Mode::free && token.find(':') != std::string::npos && !arg_of(token, "kb"));
  if (ticket_token) {
    // handled (or refused) by ticket_action
  } else if (investigates && !qualified()) {
    result = refuse(ActionError::not_qualified,
                    "qualify the ticket first: type=, impact=, urgency= and priority= (still missing: " + missing_qualification() + ")");
  } else if (token.empty()) {
    result = refuse(ActionError::unknown_action, "empty action");
  } else if (token == "ack") {
    // A conclusion's warnings are read after reaching it: acknowledging then counts.
    if (TraineeAction* d = diagnosis_action()) d->warning_skipped = false;
    else m_ack_armed = true;
    simple(K::ack, {}, 0);
  } else if (token == "backup") {
    m_backed_up = true;
    if (TraineeAction* d = diagnosis_action()) d->backup_missing = false;
    simple(K::backup, {}, cost_backup);
  } else if (token == "verify" || token == "document") {
    if (!diagnosed()) {
      result = refuse(ActionError::not_diagnosed, token + " comes after the diagnosis");
    } else {
      simple(token == "verify" ? K::verify : K::document, {}, token == "verify" ? cost_verify : cost_document);
    }
  } else if (auto topic = arg_of(token, "kb")) {
    if (topic->empty()) result = refuse(ActionError::bad_value, "kb= needs an article topic, e.g. kb=net.apipa");
    else simple(K::article, *topic, cost_article);
  } else if (auto impact = arg_of(token, "impact")) {
    auto level = parse_level(*impact);
    if (!level) result = refuse(ActionError::bad_value, "impact must be low, medium or high");
    else simple(K::impact, std::string(level_name(*level)), 0);
  } else if (auto urgency = arg_of(token, "urgency")) {
    auto level = parse_level(*urgency);
    if (!level) result = refuse(ActionError::bad_value, "urgency must be low, medium or high");
    else simple(K::urgency, std::string(level_name(*level)), 0);
  } else if (auto outcome = arg_of(token, "outcome")) {
    auto o = parse_outcome(*outcome);
    if (!o) result = refuse(ActionError::bad_value, "outcome must be resolved, escalate_l2, hardware_return, refer_vendor or proposal");
    else simple(K::outcome, std::string(outcome_name(*o)), 0);
  } else if (auto tree = arg_of(token, "tree")) {
    if (m_mode != Mode::guided) result = refuse(ActionError::wrong_mode, "tree= is for guided mode; in free mode give TREE:NODE");
    else result = open_tree(*tree);
  } else if (auto dx = arg_of(token, "diagnosis")) {
    if (m_mode != Mode::free) {
      result = refuse(ActionError::wrong_mode, "in guided mode the diagnosis is the conclusion the tree reaches");
    } else {
      result = state_diagnosis(*dx, false);
    }
  } else if (m_mode == Mode::guided && token.find(':') != std::string::npos) {
    result = refuse(ActionError::wrong_mode, "TREE:NODE is for free mode; in guided mode answer the current step");
  } else if (m_mode == Mode::free) {
    if (token.find(':') == std::string::npos) {
      result = refuse(ActionError::unknown_action, "'" + token + "' is not an action (free mode: TREE:NODE, diagnosis=TREE:NODE...)");
    } else {
      result = free_step(token);
    }
  } else {
    result = guided_answer(token);
  }
  if (result == ActionError::none) m_tokens.push_back(token);
  return result;
}

// [SECTION] Guided mode -------------------------------------------------------------------

ActionError TrainingRun::open_tree(const std::string& id) {
  if (diagnosed()) return refuse(ActionError::already_diagnosed, "the diagnosis is already reached");
  if (!m_knowledge->find_tree(id)) return refuse(ActionError::unknown_tree, "unknown tree '" + id + "'");
  std::vector<std::pair<std::string, std::string>> facts(m_known.begin(), m_known.end());
  m_session.emplace(m_knowledge, id, std::move(facts), m_lang);
  TraineeAction a;
  a.kind = TraineeAction::Kind::tree;
  a.tree = id;
  m_actions.push_back(std::move(a));
  after_guided_change();
  return ActionError::none;
}

ActionError TrainingRun::guided_answer(std::string_view token) {
  if (!m_session) return refuse(ActionError::no_tree, "open a tree first: tree=ID");
  if (diagnosed()) return refuse(ActionError::already_diagnosed, "the diagnosis is already reached");
  const Step st = m_session->step();
  if (st.kind == StepKind::conclusion || st.kind == StepKind::error) {
    return refuse(ActionError::no_step, st.kind == StepKind::error ? st.error : "the tree is concluded");
  }
  const Node* node = m_knowledge->find_node(st.node, st.tree);
  TraineeAction a;
  a.kind = TraineeAction::Kind::step;
  a.tree = st.tree;
  a.node = st.node;
  a.reply = m_sim.reply(st.tree, st.node);
  a.cost = step_cost(st.tree, *node, m_catalogue);
  AnswerError e = AnswerError::none;
  if (token == "=") {
    if (a.reply.kind == ReplyKind::choice) e = m_session->answer(a.reply.choice);
    else if (a.reply.kind == ReplyKind::value) e = m_session->answer(a.reply.value);
    else {
      a.recorded_dont_know = true;
      e = m_session->dont_know();
    }
  } else if (token == "?") {
    a.recorded_dont_know = true;
    e = m_session->dont_know();
  } else {
    e = m_session->answer(token);
  }
  if (e != AnswerError::none) {
    std::string choices;
    for (std::size_t i = 0; i < st.choices.size(); ++i) {
      choices += (i ? ", " : "") + std::to_string(i + 1) + "=" + st.choices[i].id;
    }
    return refuse(ActionError::not_a_choice, "'" + std::string(token) + "' is not an answer at " + st.tree + ":" +
                                                 st.node + " (" + (choices.empty() ? "a value" : choices) +
                                                 ", = for the reply, ? for don't know)");
  }
  if (!a.recorded_dont_know) {
    const Answer& last = m_session->answers().back();
    a.value = last.choice.empty() ? last.value : last.choice;
  }
  switch (a.reply.kind) {
    case ReplyKind::choice: a.misread = a.recorded_dont_know || a.value != a.reply.choice; break;
    case ReplyKind::value: {
      auto canon = m_knowledge->facts().normalise(node->input, a.value);
      a.misread = a.recorded_dont_know || canon.value_or(a.value) != a.reply.value;
      break;
    }
    case ReplyKind::dont_know: a.misread = !a.recorded_dont_know; break;
    default: break;
  }
  finish_step(a, *node);
  m_actions.push_back(std::move(a));
  after_guided_change();
  return ActionError::none;
}

void TrainingRun::after_guided_change() {
  for (const auto& [key, fv] : m_session->facts()) m_known[key] = fv.value;
  const Step& st = m_session->step();
  if (st.kind == StepKind::conclusion) state_diagnosis(st.tree + ":" + st.node, true);
}

// [SECTION] Free mode and diagnosis -----------------------------------------------------------

ActionError TrainingRun::free_step(const std::string& ref) {
  if (diagnosed()) return refuse(ActionError::already_diagnosed, "the diagnosis is already stated");
  const auto colon = ref.find(':');
  const std::string tree = ref.substr(0, colon), id = ref.substr(colon + 1);
  const Node* node = m_knowledge->find_node(id, tree);
  if (!node || (node->kind != NodeKind::question && node->kind != NodeKind::action)) {
    return refuse(ActionError::unknown_node, "'" + ref + "' is not a question or test of the trees");
  }
  TraineeAction a;
  a.kind = TraineeAction::Kind::step;
  a.tree = tree;
  a.node = id;
  a.reply = m_sim.reply(tree, id);
  a.cost = step_cost(tree, *node, m_catalogue);
  finish_step(a, *node);
  // What the trainee learns: the facts the observed choice asserts, or the value read.
  if (a.reply.kind == ReplyKind::choice) {
    if (const Choice* c = node->find_choice(a.reply.choice)) {
      for (const auto& [key, value] : c->set) m_known[key] = value;
    }
  } else if (a.reply.kind == ReplyKind::value) {
    m_known[node->input] = a.reply.value;
  }
  m_actions.push_back(std::move(a));
  return ActionError::none;
}

ActionError TrainingRun::state_diagnosis(const std::string& ref, bool reached) {
  if (diagnosed()) return refuse(ActionError::already_diagnosed, "the diagnosis is already stated");
  const Node* node = m_knowledge->find_node(ref);
  if (!node || node->kind != NodeKind::conclusion || ref.find(':') == std::string::npos) {
    return refuse(ActionError::unknown_node, "'" + ref + "' is not a conclusion of the trees (TREE:NODE)");
  }
  TraineeAction a;
  a.kind = TraineeAction::Kind::diagnosis;
  a.tree = ref.substr(0, ref.find(':'));
  a.node = node->id;
  a.value = reached ? "reached" : "stated";
  finish_step(a, *node);
  m_diagnosis = ref;
  m_actions.push_back(std::move(a));
  return ActionError::none;
}

// [SECTION] Findings on each step ----------------------------------------------------------------

void TrainingRun::finish_step(TraineeAction& a, const Node& node) {
  const std::string ref = a.tree + ":" + a.node;
  if (a.kind == TraineeAction::Kind::step) {
    for (const auto& prior : m_actions) {
      if (prior.kind == TraineeAction::Kind::step && prior.tree == a.tree && prior.node == a.node) a.redundant = true;
    }
    // Free mode: the trainee chose this step although its result was already known.
    if (!a.redundant && m_mode == Mode::free) {
      const std::string& decided = !node.input.empty() ? node.input : node.fact;
      if (!decided.empty() && m_known.count(decided)) {
        a.redundant = true;
        a.redundant_fact = decided;
      } else if (a.reply.kind == ReplyKind::choice) {
        const Choice* c = node.find_choice(a.reply.choice);
        if (c && !c->set.empty() &&
            std::all_of(c->set.begin(), c->set.end(), [&](const auto& kv) {
              auto it = m_known.find(kv.first);
              return it != m_known.end() && it->second == kv.second;
            })) {
          a.redundant = true;
          a.redundant_fact = c->set.front().first;
        }
      }
    }
    a.off_topic = a.reply.kind == ReplyKind::undetermined || a.reply.kind == ReplyKind::ambiguous;
  }
  if (!node.warnings.empty() && !m_ack_armed) a.warning_skipped = true;
  m_ack_armed = false;
  const auto& risky = m_scenario.risky_steps;
  if (std::find(risky.begin(), risky.end(), ref) != risky.end() && !m_backed_up) a.backup_missing = true;
  if (a.kind == TraineeAction::Kind::step && m_catalogue.is_backup_step(ref)) m_backed_up = true;
  // A swap test the expert also needed is method, not waste; a fix that
  // replaces a sound part always is.
  if (const Part* p = m_catalogue.part_of_step(ref)) {
    const auto& faulty = m_scenario.faulty_parts;
    const bool expert_did = a.kind == TraineeAction::Kind::step &&
                            std::any_of(m_expert.steps.begin(), m_expert.steps.end(),
                                        [&](const ExpertStep& e) { return e.tree == a.tree && e.node == a.node; });
    if (std::find(faulty.begin(), faulty.end(), p->id) == faulty.end() && !expert_did) a.wrong_part = p->id;
  }
}

}  // namespace diagdesk::engine
