#pragma once
/// The decision-tree model: trees, nodes, choices, conclusions and rules, as
/// loaded from data/trees and data/rules (format in data/README.md).

#include <diagdesk/engine/facts.hpp>
#include <diagdesk/engine/text.hpp>

#include <map>
#include <memory>
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
  SourcePos pos;

  const Node* find(std::string_view node_id) const;
  const std::vector<std::string>& symptoms(Lang lang) const {
    return lang == Lang::fr ? symptoms_fr : symptoms_en;
  }
};

/// The domains a tree may belong to.
const std::vector<std::string>& known_domains();

}  // namespace diagdesk::engine
