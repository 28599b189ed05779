#pragma once
/// The decision-tree model: trees, nodes, choices, conclusions and rules, as
/// loaded from data/trees and data/rules (format in data/README.md).

#include <diagdesk/engine/facts.hpp>
#include <diagdesk/engine/text.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace diagdesk::engine {

enum class NodeKind { question, action, conclusion, jump };
std::string_view node_kind_name(NodeKind kind);

/// Why an operator must stop and read before a step.
enum class WarningKind { electrical, esd, data_loss, security, other };
std::string_view warning_kind_name(WarningKind kind);

struct Warning {
  WarningKind kind = WarningKind::other;
  LText text;
};

/// A command to run for a test, per operating system ("windows", "linux", "macos", "any").
struct Command {
  std::string os;
  std::string cmd;
};

/// One answer of a question or one observation of an action.
struct Choice {
  std::string id;
  LText label;
  std::vector<std::pair<std::string, std::string>> set;  ///< facts asserted (key, raw value)
  std::string next;                                       ///< node id in the same tree
  SourcePos pos;
  SourcePos next_pos;  ///< where `next` is written, for precise lint messages
};

/// Where a session ends.
/// `proposal`: a pre-sales conclusion (domain commercial) that ends on an offer to quote, not on a fix.
enum class Outcome { resolved, escalate_l2, hardware_return, refer_vendor, proposal };
std::string_view outcome_name(Outcome outcome);
std::optional<Outcome> parse_outcome(std::string_view name);

/// What a test or a repair costs the operator (cost-aware guidance, data/README.md
/// "Cost and probability model"). `given` is false when the file said nothing:
/// the documented defaults per node kind then apply (question 1 min, action 3 min).
struct StepCost {
  double minutes = 0;
  bool on_site = false;
  bool needs_n2 = false;  ///< rights = "n2"
  bool data_loss = false;
  bool given = false;
  SourcePos pos;
};

/// A prior that replaces a cause's `prior` when every fact of `facts` is known with that value.
struct PriorWhen {
  std::vector<std::pair<std::string, std::string>> facts;
  double prior = 0;
  SourcePos pos;
};

/// A fix tried without a full diagnosis ([[model.repairs]]).
struct Repair {
  std::string id;
  LText text;
  StepCost cost;
  std::vector<std::pair<std::string, double>> fixes;  ///< leaf id -> probability the repair fixes that cause
  SourcePos pos;
  SourcePos fixes_pos;
};

/// A tree's cost and probability model; `present` is true when the file has a [model] table.
struct TreeModel {
  bool present = false;
  double other = 0.05;  ///< probability that the cause is none of the tree's leaves
  std::vector<Repair> repairs;
  SourcePos pos;
};

struct Node {
  std::string id;
  NodeKind kind = NodeKind::question;
  LText text;                        ///< question / instruction (question, action)
  LText why;                         ///< purpose of the question (optional)
  std::string fact;                  ///< fact this question determines (optional)
  std::string input;                 ///< fact the operator types a value for (optional)
  std::string next;                  ///< next node after an input
  std::string dont_know;             ///< where "don't know" leads (optional)
  LText find_out;                    ///< how to find out, shown on "don't know"
  std::vector<Choice> choices;
  std::vector<Command> commands;
  std::vector<Warning> warnings;
  std::vector<std::string> articles;  ///< article topics
  // conclusion
  LText diagnosis;
  std::vector<LText> remedy;
  Outcome outcome = Outcome::resolved;
  // jump
  std::string jump_tree;
  std::string jump_node;
  // cost-aware guidance (all optional)
  std::optional<double> prior;       ///< conclusion, jump: prior probability of this cause
  std::vector<PriorWhen> prior_when; ///< conclusion, jump: fact-dependent priors, first match wins
  StepCost cost;                     ///< question, action
  /// The gate of the guided order (data/README.md, "must come first"): `first` steps come
  /// before any other step; a step with `after` is proposed only once those nodes were taken.
  bool first = false;
  std::vector<std::string> after;
  SourcePos gate_pos;
  SourcePos pos;

  const Choice* find_choice(std::string_view id) const;
};

/// Comparison in a rule condition.
enum class Op { eq, ne, in, in_cidr, lt, le, gt, ge, known, unknown };
std::string_view op_name(Op op);
std::optional<Op> parse_op(std::string_view name);

struct Condition {
  std::string fact;
  Op op = Op::eq;
  std::vector<std::string> values;  ///< one value, or several for `in`
  SourcePos pos;
};

/// A production rule: when every condition holds, its actions apply.
struct Rule {
  std::string id;
  int salience = 0;
  std::vector<Condition> when;
  std::vector<std::pair<std::string, std::string>> assert_facts;
  std::string recommend;  ///< tree id (optional)
  LText warn;             ///< warning (optional)
  std::string conclude;   ///< "tree:node" of a conclusion (optional)
  LText explain;          ///< why the rule holds, shown in explanations
  SourcePos pos;
};

/// A troubleshooting script for one family of symptoms.
struct Tree {
  std::string id;
  std::string domain;
  int competency = 0;
  std::string start;
  LText title;
  std::vector<std::string> symptoms_fr;
  std::vector<std::string> symptoms_en;
  std::vector<std::string> tags;
  std::vector<Node> nodes;
  std::map<std::string, std::size_t, std::less<>> node_index;  ///< id -> position in nodes
  TreeModel model;  ///< cost and probability model (present only when the file has [model])
  SourcePos pos;

  const Node* find(std::string_view node_id) const;
  const std::vector<std::string>& symptoms(Lang lang) const {
    return lang == Lang::fr ? symptoms_fr : symptoms_en;
  }
};

/// The domains a tree may belong to.
const std::vector<std::string>& known_domains();

}  // namespace diagdesk::engine
