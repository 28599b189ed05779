// Training's efficiency figure against the optimum (issue 16, docs/training.md
// "Efficiency against the optimum"): the optimal policy of each tree the expert
// path goes through, followed with the answers the scenario's hidden fault
// gives, in minutes; the trainee's steps in minutes; and the ratio.
//
// [SECTION] The optimal sequence for the hidden fault
// [SECTION] The trainee's minutes and the figure
// [SECTION] The debrief line
#include <diagdesk/engine/guide.hpp>
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/training_efficiency.hpp>
#include <diagdesk/engine/training_run.hpp>

#include "training_internal.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace diagdesk::engine {

double step_minutes(const Node& node) {
  if (node.cost.given && node.cost.minutes > 0) return node.cost.minutes;
  return node.kind == NodeKind::question ? 1.0 : 3.0;
}

// [SECTION] The optimal sequence for the hidden fault -------------------------------------

namespace {

/// The index of choice `id` of `tree`:`node`, or -1.
int choice_index(const Knowledge& k, const std::string& tree, const std::string& node, const std::string& id) {
  const Node* n = k.find_node(node, tree);
  if (!n) return -1;
  for (std::size_t j = 0; j < n->choices.size(); ++j) {
    if (n->choices[j].id == id) return static_cast<int>(j);
  }
  return -1;
}

/// The choice the hidden fault `cause` gives at test `t`: the simulator's reply when the
/// model lets the cause give it, else the cause's own outcome there, else the first
/// forward choice the cause allows (-1 when none: the cause is already ruled out).
int fault_answer(const Knowledge& k, const GuideModel& m, int t, int cause, const Simulator& sim) {
  const GuideTest& test = m.tests[t];
  const Reply r = sim.reply(m.tree, test.node);
  if (r.kind == ReplyKind::choice) {
    const int j = choice_index(k, m.tree, test.node, r.choice);
    if (j >= 0 && likelihood(m, t, cause, j) > 0) return j;
  }
  if (!test.outcome[cause].empty()) return test.outcome[cause].front();
  for (int j : test.forward) {
    if (likelihood(m, t, cause, j) > 0) return j;
  }
  return -1;
}

/// One tree of the expert path: where the path leaves it, and the questions skipped
/// there because their fact was known on entering it (the optimum gets those free too).
struct Leg {
  std::string tree;
  std::string exit;  ///< the jump or conclusion node, empty when the path left otherwise
  std::vector<std::pair<std::string, std::string>> known;  ///< (node, choice)
  bool closed = false;
};

std::vector<Leg> legs_of(const Knowledge& k, const Scenario& s, const ExpertPath& e) {
  std::vector<Leg> legs;
  std::set<std::string, std::less<>> known(s.given.begin(), s.given.end()), learned = known;
  for (const PathEntry& p : e.path) {
    if (legs.empty() || legs.back().closed || legs.back().tree != p.tree) {
      if (!legs.empty()) legs.back().closed = true;
      legs.push_back(Leg{p.tree, {}, {}, false});
      known = learned;
    }
    Leg& leg = legs.back();
    const Node* n = k.find_node(p.node, p.tree);
    switch (p.kind) {
      case PathEntry::Kind::skipped:
        if (!p.choice.empty() && known.count(p.fact)) leg.known.emplace_back(p.node, p.choice);
        break;
      case PathEntry::Kind::asked:
        if (n) {
          if (!n->fact.empty()) learned.insert(n->fact);
          if (!n->input.empty()) learned.insert(n->input);
          if (const Choice* c = n->find_choice(p.choice)) {
            for (const auto& kv : c->set) learned.insert(kv.first);
          }
        }
        break;
      case PathEntry::Kind::jumped:
      case PathEntry::Kind::concluded:
        leg.exit = p.node;
        leg.closed = true;
        break;
      default: break;
    }
  }
  return legs;
}

/// The optimum of `tree`'s model followed with the fault's answers, appended to `plan`.
/// False when the tree has no model or its exit is none of the model's causes.
bool follow_optimum(const Knowledge& k, const Tree& tree, const Leg& leg, const FactMap& facts, const Simulator& sim,
                    OptimumPlan& plan) {
  if (!tree.model.present) return false;
  const GuideModel m = build_guide_model(tree, facts);
  const int cause = m.cause_index(leg.exit);
  if (cause < 0) return false;
  Belief b = prior_belief(m);
  for (const auto& [node, choice] : leg.known) {
    const int t = m.test_index(node);
    const int j = t < 0 ? -1 : choice_index(k, tree.id, node, choice);
    if (j >= 0 && likelihood(m, t, cause, j) > 0) b = observe(m, b, t, j);
  }
  OptimalPolicy opt(m);
  for (std::size_t guard = 0; guard < m.tests.size(); ++guard) {
    const int t = opt.next(b);
    if (t < 0) break;
    const int j = fault_answer(k, m, t, cause, sim);
    if (j < 0) break;
    const GuideTest& test = m.tests[t];
    plan.sequence.push_back(OptimumStep{tree.id, test.node, test.text, test.minutes, test.choices[j], false});
    plan.minutes += test.minutes;
    b = observe(m, b, t, j);
  }
  if (!opt.exact()) plan.exact = false;
  return true;
}

}  // namespace

std::optional<OptimumPlan> plan_optimum(const Knowledge& k, const Scenario& s, const ExpertPath& e) {
  const Tree* first = k.find_tree(s.tree);
  if (!first || !first->model.present || e.conclusion.empty() || !e.error.empty()) return std::nullopt;
  OptimumPlan plan;
  for (const ExpertStep& st : e.steps) {
    if (const Node* n = k.find_node(st.node, st.tree)) plan.expert_minutes += step_minutes(*n);
  }
  Simulator sim(k, s);
  FactMap facts;
  for (const auto& [key, value] : s.start_facts()) facts[key] = FactValue{value, FactSource::start, {}, false};
  std::set<std::string, std::less<>> done;
  for (const Leg& leg : legs_of(k, s, e)) {
    if (!done.insert(leg.tree).second) continue;  // a tree visited again adds nothing new
    const Tree* tree = k.find_tree(leg.tree);
    if (tree && follow_optimum(k, *tree, leg, facts, sim, plan)) continue;
    // No model here: the expert's own steps in this tree stand in for its optimum.
    for (const ExpertStep& st : e.steps) {
      const Node* n = st.tree == leg.tree ? k.find_node(st.node, st.tree) : nullptr;
      if (!n) continue;
      const Choice* c = st.reply.kind == ReplyKind::choice ? n->find_choice(st.reply.choice) : nullptr;
      plan.sequence.push_back(OptimumStep{st.tree, st.node, n->text, step_minutes(*n), c ? c->label : LText{}, true});
      plan.minutes += step_minutes(*n);
    }
  }
  return plan;
}

const std::optional<OptimumPlan>& TrainingRun::optimum_plan() const {
  if (!m_optimum) m_optimum = std::make_shared<const std::optional<OptimumPlan>>(plan_optimum(*m_knowledge, m_scenario, m_expert));
  return *m_optimum;
}

// [SECTION] The trainee's minutes and the figure ----------------------------------------------

namespace {

/// Minutes in hundredths, so the percentages are exact integer arithmetic.
long long hundredths(double minutes) { return std::llround(minutes * 100); }

int ratio_percent(double reference, double spent) {
  const long long s = hundredths(spent);
  if (s <= 0) return 100;
  return static_cast<int>(std::min<long long>(100, 100 * hundredths(reference) / s));
}

}  // namespace

void detail::score_optimum(const Knowledge& k, const std::vector<TraineeAction>& actions,
                           const std::optional<OptimumPlan>& plan, Score& sc) {
  if (!plan) return;
  OptimumFigure f;
  f.plan = *plan;
  for (const TraineeAction& a : actions) {
    if (a.kind != TraineeAction::Kind::step) continue;
    if (const Node* n = k.find_node(a.node, a.tree)) f.trainee_minutes += step_minutes(*n);
  }
  f.percent = ratio_percent(plan->minutes, f.trainee_minutes);
  // The points never ask for better than the tree's own path: following it as the expert
  // does, or following the optimum, gives full points; every extra minute lowers them.
  f.points_percent = ratio_percent(std::max(plan->minutes, plan->expert_minutes), f.trainee_minutes);
  sc.optimum = std::move(f);
}

// [SECTION] The debrief line ----------------------------------------------------------------------

namespace {

/// "2.5" / "2,5", hundredths at most.
std::string minutes_text(double minutes, Lang lang) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(hundredths(minutes)) / 100);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (lang == Lang::fr) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

}  // namespace

void detail::efficiency_debrief(const Score& sc, Lang lang, Debrief& d) {
  if (!sc.optimum) {
    d.efficiency = tr("train.efficiency.no_model", lang);
    return;
  }
  const OptimumFigure& f = *sc.optimum;
  std::string seq;
  for (const OptimumStep& st : f.plan.sequence) {
    std::string text = st.text.get(lang);
    if (text.size() > 60) {
      std::size_t cut = 57;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text = text.substr(0, cut) + "...";
    }
    const std::string item = format_text(tr("train.efficiency.step", lang), {text, minutes_text(st.minutes, lang)});
    d.optimum_steps.push_back(item);
    seq += (seq.empty() ? "" : " → ") + item;
  }
  if (seq.empty()) seq = tr("train.efficiency.no_step", lang);
  d.efficiency = format_text(tr("train.efficiency.line", lang),
                             {minutes_text(f.trainee_minutes, lang), minutes_text(f.plan.minutes, lang),
                              std::to_string(f.percent), seq});
  if (!f.plan.exact) d.efficiency += " " + tr("train.efficiency.bound", lang);
}

}  // namespace diagdesk::engine
