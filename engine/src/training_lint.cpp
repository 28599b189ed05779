// The scenario linter: references, translations, ground truth, expert path.
//
// [SECTION] Helpers
// [SECTION] Parts
// [SECTION] One scenario: texts and references
// [SECTION] One scenario: ground truth
// [SECTION] One scenario: expert path
// [SECTION] Training coverage: trees no scenario uses
#include <diagdesk/engine/training_lint.hpp>

#include <diagdesk/engine/training_sim.hpp>

#include <algorithm>
#include <set>

namespace diagdesk::engine {

namespace {

// [SECTION] Helpers ---------------------------------------------------------------------

struct ScenarioLinter {
  std::shared_ptr<const Knowledge> knowledge;
  const ScenarioSet& set;
  std::vector<Diagnostic>& out;
  const std::vector<std::string>* topics;  // sorted, or null

  const Knowledge& k() const { return *knowledge; }

  void error(const SourcePos& pos, std::string code, std::string message) {
    out.push_back(Diagnostic{Severity::error, std::move(code), pos, std::move(message)});
  }
  void warning(const SourcePos& pos, std::string code, std::string message) {
    out.push_back(Diagnostic{Severity::warning, std::move(code), pos, std::move(message)});
  }

  /// The node of a "tree:node" reference, or null with an error.
  const Node* resolve(const SourcePos& pos, const std::string& ref, const std::string& who) {
    const auto colon = ref.find(':');
    if (colon == std::string::npos) {
      error(pos, "scenario.bad_ref", who + " '" + ref + "' must be written TREE:NODE");
      return nullptr;
    }
    const std::string tree = ref.substr(0, colon);
    if (!k().find_tree(tree)) {
      error(pos, "scenario.unknown_tree", who + " '" + ref + "' names tree '" + tree + "', which does not exist");
      return nullptr;
    }
    const Node* n = k().find_node(ref);
    if (!n) error(pos, "scenario.unknown_node", who + " '" + ref + "' names a node that tree '" + tree + "' does not have");
    return n;
  }

  void check_text(const Scenario& s, const LText& t, const std::string& field) {
    if (t.complete()) return;
    const std::string missing = t.empty() ? "fr and en" : t.fr.empty() ? "fr" : "en";
    error(s.where(field), "scenario.translation", "scenario '" + s.id + "': " + field + " lacks " + missing);
  }

  // [SECTION] Parts -------------------------------------------------------------------------

  void check_parts() {
    for (const auto& ref : set.backup_steps) {
      const Node* n = resolve(set.backup_steps_pos, ref, "backup step");
      if (n && n->kind != NodeKind::action) {
        error(set.backup_steps_pos, "part.bad_step", "backup step '" + ref + "' must be a test (action)");
      }
    }
    for (const Part& p : set.parts) {
      if (!p.label.complete()) error(p.pos, "part.translation", "part '" + p.id + "': label lacks a language");
      if (p.steps.empty()) warning(p.pos, "part.no_steps", "part '" + p.id + "' lists no steps");
      for (const auto& ref : p.steps) {
        const Node* n = resolve(p.pos, ref, "part '" + p.id + "' step");
        if (n && n->kind != NodeKind::action && n->kind != NodeKind::conclusion) {
          error(p.pos, "part.bad_step", "part '" + p.id + "' step '" + ref + "' must be a test (action) or a conclusion");
        }
        if (n) {
          for (const Part& other : set.parts) {
            if (&other != &p && std::find(other.steps.begin(), other.steps.end(), ref) != other.steps.end()) {
              error(p.pos, "part.duplicate_step", "step '" + ref + "' belongs to parts '" + p.id + "' and '" + other.id + "'");
            }
          }
        }
      }
    }
  }

  // [SECTION] One scenario: texts and references ----------------------------------------------

  void check_texts(const Scenario& s) {
    check_text(s, s.title, "title");
    check_text(s, s.complaint, "complaint");
    check_text(s, s.hidden_fault, "hidden_fault");
    check_text(s, s.context.asset, "context.asset");
    check_text(s, s.context.os, "context.os");
    check_text(s, s.context.user, "context.user");
    check_text(s, s.context.site, "context.site");
    if (s.ticket) {
      check_text(s, s.ticket->caller, "ticket.caller");
      check_text(s, s.ticket->title, "ticket.title");
      check_text(s, s.ticket->says, "ticket.says");
    }
    for (const auto& [ref, text] : s.replies) {
      check_text(s, text, "replies." + ref);
      resolve(s.where("replies." + ref), ref, "reply");
    }
  }

  void check_refs(const Scenario& s) {
    if (!s.tree.empty() && !k().find_tree(s.tree)) {
      error(s.where("tree"), "scenario.unknown_tree", "scenario '" + s.id + "' opens tree '" + s.tree + "', which does not exist");
    }
    if (const Node* n = s.diagnosis.empty() ? nullptr : resolve(s.where("expected.diagnosis"), s.diagnosis, "expected diagnosis")) {
      if (n->kind != NodeKind::conclusion) {
        error(s.where("expected.diagnosis"), "scenario.not_a_conclusion", "expected diagnosis '" + s.diagnosis + "' is not a conclusion");
      } else if (n->outcome != s.outcome) {
        warning(s.where("expected.outcome"), "scenario.outcome_differs",
                "expected outcome '" + std::string(outcome_name(s.outcome)) + "' differs from the outcome of '" + s.diagnosis +
                    "' ('" + std::string(outcome_name(n->outcome)) + "'): the trainee must override it");
      }
    }
    // How the ticket ends and what the expected conclusion does must agree.
    if (s.ticket) {
      const bool escalated = s.ticket->outcome == Disposition::escalated;
      if (escalated && s.outcome == Outcome::resolved) {
        error(s.where("ticket.outcome"), "scenario.contradiction",
              "ticket.outcome is 'escalated' but expected.outcome is 'resolved'");
      } else if (!escalated && s.outcome == Outcome::escalate_l2) {
        error(s.where("ticket.outcome"), "scenario.contradiction",
              "ticket.outcome is '" + std::string(disposition_name(s.ticket->outcome)) +
                  "' but expected.outcome is 'escalate_l2' (use outcome = \"escalated\" with escalation = \"n2\")");
      }
    }
    for (const auto& ref : s.risky_steps) resolve(s.where("risky_steps." + ref), ref, "risky step");
    for (const auto& part : s.faulty_parts) {
      if (!set.find_part(part)) {
        error(s.where("faulty_parts." + part), "scenario.unknown_part",
              "faulty part '" + part + "' is not declared in the training catalogue (data/scenarios/catalogue.toml)");
      }
    }
    if (const Part* p = set.part_of_step(s.diagnosis)) {
      if (std::find(s.faulty_parts.begin(), s.faulty_parts.end(), p->id) == s.faulty_parts.end()) {
        error(s.where("expected.diagnosis"), "scenario.contradiction",
              "expected diagnosis '" + s.diagnosis + "' replaces part '" + p->id + "', which faulty_parts does not list");
      }
    }
    if (topics) {
      for (const auto& a : s.articles) {
        if (!std::binary_search(topics->begin(), topics->end(), a)) {
          error(s.where("expected.articles." + a), "scenario.unknown_article",
                "expected article '" + a + "' does not exist in both languages");
        }
      }
    }
  }

  // [SECTION] One scenario: ground truth ---------------------------------------------------------

  void check_facts(const Scenario& s) {
    for (const auto& [key, value] : s.facts) {
      std::string why;
      if (!k().facts().find(key)) {
        error(s.where("facts." + key), "scenario.unknown_fact",
              "scenario '" + s.id + "': fact '" + key + "' is not declared in data/facts/");
      } else if (!k().facts().normalise(key, value, &why)) {
        error(s.where("facts." + key), "scenario.bad_value", "scenario '" + s.id + "': " + why);
      }
    }
    for (const auto& key : s.given) {
      if (!s.fact(key)) {
        error(s.where("given." + key), "scenario.given_unknown",
              "given fact '" + key + "' has no ground-truth value in [facts]");
      }
    }
    for (const auto& [ref, answer] : s.answers) {
      const SourcePos& pos = s.where("answers." + ref);
      const Node* n = resolve(pos, ref, "answer at");
      if (!n) continue;
      if (n->kind != NodeKind::question && n->kind != NodeKind::action) {
        error(pos, "scenario.not_a_step", "answer at '" + ref + "': only questions and tests are answered");
        continue;
      }
      if (std::find(s.dont_know.begin(), s.dont_know.end(), ref) != s.dont_know.end()) {
        error(pos, "scenario.contradiction", "'" + ref + "' is both answered and listed in dont_know");
      }
      if (!n->input.empty()) {
        std::string why;
        auto v = k().facts().normalise(n->input, answer, &why);
        if (!v) {
          error(pos, "scenario.bad_value", "answer at '" + ref + "': " + why);
        } else if (const std::string* truth = s.fact(n->input); truth && *truth != *v) {
          error(pos, "scenario.contradiction", "answer at '" + ref + "' types " + n->input + " = " + *v +
                                                   " but the ground truth says " + *truth);
        }
        continue;
      }
      const Choice* c = n->find_choice(answer);
      if (!c) {
        std::string ids;
        for (const auto& ch : n->choices) ids += (ids.empty() ? "" : ", ") + ch.id;
        error(pos, "scenario.unknown_choice", "answer at '" + ref + "': '" + answer + "' is not one of its choices (" + ids + ")");
        continue;
      }
      for (const auto& [key, value] : c->set) {
        if (const std::string* truth = s.fact(key); truth && *truth != value) {
          error(pos, "scenario.contradiction", "answer at '" + ref + "' (" + answer + ") means " + key + " = " + value +
                                                   " but the ground truth says " + key + " = " + *truth);
        }
      }
    }
    for (const auto& ref : s.dont_know) {
      const Node* n = resolve(s.where("dont_know." + ref), ref, "dont_know step");
      if (n && n->kind != NodeKind::question && n->kind != NodeKind::action) {
        error(s.where("dont_know." + ref), "scenario.not_a_step", "dont_know '" + ref + "' is not a question or test");
      }
    }
    // Rules must not deduce from the ground truth something it contradicts.
    if (!s.tree.empty() && k().find_tree(s.tree)) {
      std::vector<std::pair<std::string, std::string>> all(s.facts.begin(), s.facts.end());
      Session probe(knowledge, s.tree, all);
      for (const auto& [key, fv] : probe.facts()) {
        const std::string* truth = s.fact(key);
        if (fv.source == FactSource::rule && truth && *truth != fv.value) {
          error(s.where("facts." + key), "scenario.contradiction",
                "ground truth " + key + " = " + *truth + " contradicts rule '" + fv.origin + "', which deduces " + key +
                    " = " + fv.value + " from the other facts");
        }
      }
    }
  }

  // [SECTION] One scenario: expert path ------------------------------------------------------------

  void check_expert(const Scenario& s) {
    if (s.tree.empty() || !k().find_tree(s.tree) || s.diagnosis.empty()) return;
    const ExpertPath e = play_expert(knowledge, s, set);
    if (!e.error.empty()) {
      const std::string key = "answers." + e.error_ref;
      error(s.at.count(key) ? s.where(key) : s.where("facts"), "scenario.expert_path",
            "scenario '" + s.id + "': expert path stuck: " + e.error);
      return;
    }
    if (e.conclusion != s.diagnosis) {
      std::string path;
      for (const auto& st : e.steps) path += (path.empty() ? "" : " > ") + st.node + "=" +
                                             (st.reply.kind == ReplyKind::choice ? st.reply.choice
                                              : st.reply.kind == ReplyKind::value ? st.reply.value : "?");
      error(s.where("expected.diagnosis"), "scenario.wrong_diagnosis",
            "scenario '" + s.id + "': the expert path reaches '" + e.conclusion + "', not the expected '" + s.diagnosis +
                "' (path: " + path + ")");
    }
  }

  void run() {
    check_parts();
    for (const Scenario& s : set.scenarios) {
      check_texts(s);
      check_refs(s);
      check_facts(s);
      check_expert(s);
    }
  }
};

}  // namespace

void lint_scenarios(std::shared_ptr<const Knowledge> knowledge, const ScenarioSet& set, std::vector<Diagnostic>& out,
                    const std::vector<std::string>* article_topics) {
  std::vector<std::string> sorted;
  if (article_topics) {
    sorted = *article_topics;
    std::sort(sorted.begin(), sorted.end());
  }
  ScenarioLinter l{std::move(knowledge), set, out, article_topics ? &sorted : nullptr};
  l.run();
}

// [SECTION] Training coverage: trees no scenario uses ---------------------------------------------

std::set<std::string> trees_used_by_scenarios(std::shared_ptr<const Knowledge> knowledge, const ScenarioSet& set) {
  std::set<std::string> used;
  for (const Scenario& s : set.scenarios) {
    if (s.tree.empty() || s.diagnosis.empty() || !knowledge->find_tree(s.tree)) continue;
    const ExpertPath e = play_expert(knowledge, s, set);
    // Only a path that trains what the scenario promises counts.
    if (!e.error.empty() || e.conclusion != s.diagnosis) continue;
    used.insert(e.trees.begin(), e.trees.end());
    used.insert(s.tree);
  }
  return used;
}

void lint_tree_coverage(std::shared_ptr<const Knowledge> knowledge, const ScenarioSet& set,
                        std::vector<Diagnostic>& out) {
  const std::set<std::string> used = trees_used_by_scenarios(knowledge, set);
  for (const Tree& t : knowledge->trees()) {
    if (used.count(t.id)) continue;
    out.push_back(Diagnostic{Severity::warning, "tree.no_scenario", t.pos,
                             "tree '" + t.id + "' is used by no training scenario: no expert path starts in it or " +
                                 "jumps to it, so a trainee cannot practise it (add a scenario to a scenarios/ folder of a layer)"});
  }
}

}  // namespace diagdesk::engine
