// Loading facts, trees and rules from TOML files into a Knowledge.
//
// [SECTION] Context and small readers
// [SECTION] Facts
// [SECTION] Nodes and trees
// [SECTION] Rules
// [SECTION] Files and folders
#include <diagdesk/engine/knowledge.hpp>

#include "guide_load.hpp"
#include "safe_lint.hpp"
#include "toml_ctx.hpp"

#include <diagdesk/base/safe_file.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace diagdesk::engine {

// [SECTION] Context and small readers -----------------------------------------

namespace {

using Ctx = detail::TomlCtx;

/// Warns about keys an author probably mistyped.
void check_keys(const Ctx& ctx, const toml::table& t, std::initializer_list<std::string_view> allowed,
                std::string_view what) {
  ctx.unknown_keys(t, allowed, what);
}

std::string read_string(const Ctx& ctx, const toml::table& t, std::string_view key, bool required,
                        std::string_view what) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) ctx.report(Severity::error, ctx.pos(t), "key.missing",
                             std::string(what) + " has no '" + std::string(key) + "'");
    return {};
  }
  if (auto s = n->value<std::string>()) return *s;
  ctx.error(*n, "key.type", "'" + std::string(key) + "' must be a string");
  return {};
}

/// Reads `{ fr = "...", en = "..." }`. A missing language is an error here
/// because the loader knows the exact position.
LText read_ltext(const Ctx& ctx, const toml::table& t, std::string_view key, bool required,
                 std::string_view what) {
  LText out;
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) ctx.report(Severity::error, ctx.pos(t), "key.missing",
                             std::string(what) + " has no '" + std::string(key) + "'");
    return out;
  }
  const toml::table* tt = n->as_table();
  if (!tt) {
    ctx.error(*n, "key.type", "'" + std::string(key) + "' must be a table { fr = \"...\", en = \"...\" }");
    return out;
  }
  check_keys(ctx, *tt, {"fr", "en"}, std::string(key));
  out.fr = (*tt)["fr"].value_or(std::string{});
  out.en = (*tt)["en"].value_or(std::string{});
  if (out.fr.empty()) ctx.error(*n, "i18n.missing", std::string(what) + ": '" + std::string(key) + "' has no French (fr) text");
  if (out.en.empty()) ctx.error(*n, "i18n.missing", std::string(what) + ": '" + std::string(key) + "' has no English (en) text");
  return out;
}

std::vector<std::string> read_strings(const Ctx& ctx, const toml::node* n, std::string_view key) {
  std::vector<std::string> out;
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) {
    ctx.error(*n, "key.type", "'" + std::string(key) + "' must be an array of strings");
    return out;
  }
  for (const auto& item : *a) {
    if (auto s = item.value<std::string>()) {
      out.push_back(*s);
    } else {
      ctx.error(item, "key.type", "'" + std::string(key) + "' must hold strings only");
    }
  }
  return out;
}

/// A TOML scalar as the text of a fact value (strings, integers, booleans).
std::optional<std::string> scalar_text(const toml::node& n) {
  // Test the node type, not value<T>(): toml++ converts integers to bool.
  if (n.is_string()) return n.value<std::string>();
  if (n.is_boolean()) return *n.value<bool>() ? std::string("true") : std::string("false");
  if (n.is_integer()) return std::to_string(*n.value<std::int64_t>());
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> read_fact_set(const Ctx& ctx, const toml::node* n,
                                                               std::string_view key) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!n) return out;
  const toml::table* t = n->as_table();
  if (!t) {
    ctx.error(*n, "key.type", "'" + std::string(key) + "' must be a table of fact = value");
    return out;
  }
  for (const auto& [k, v] : *t) {
    if (auto s = scalar_text(v)) {
      out.emplace_back(std::string(k.str()), *s);
    } else {
      ctx.error(v, "key.type", "fact '" + std::string(k.str()) + "' must be a string, integer or boolean");
    }
  }
  return out;
}

bool check_schema(const Ctx& ctx, const toml::table& root) {
  const toml::node* v = root.get("schema_version");
  if (!v) {
    ctx.report(Severity::error, SourcePos{ctx.file, 1, 1}, "schema.missing", "no 'schema_version' (expected 1)");
    return true;
  }
  // is_integer first: toml++ 3.3 casts a float out of range (undefined) before checking.
  auto n = v->is_integer() ? v->value<std::int64_t>() : std::nullopt;
  if (!n) {
    ctx.error(*v, "schema.type", "'schema_version' must be an integer");
    return false;
  }
  if (*n > schema_version) {
    ctx.error(*v, "schema.too_new", "schema_version " + std::to_string(*n) +
                                        " is newer than this Diagdesk understands (" + std::to_string(schema_version) +
                                        "): update Diagdesk");
    return false;
  }
  if (*n < 1) {
    ctx.error(*v, "schema.invalid", "schema_version must be 1 or more");
    return false;
  }
  return true;
}

// [SECTION] Facts ---------------------------------------------------------------

void load_facts(const Ctx& ctx, const toml::table& facts, Knowledge& k,
                std::map<std::string, SourcePos>& declared_at) {
  for (const auto& [key, value] : facts) {
    const toml::table* t = value.as_table();
    if (!t) {
      ctx.error(value, "key.type", "fact '" + std::string(key.str()) + "' must be a table");
      continue;
    }
    check_keys(ctx, *t, {"type", "values", "label", "labels"}, "fact '" + std::string(key.str()) + "'");
    FactDecl decl;
    decl.key = std::string(key.str());
    decl.pos = ctx.pos(value);
    const std::string type = read_string(ctx, *t, "type", true, "fact '" + decl.key + "'");
    if (auto ft = parse_fact_type(type)) {
      decl.type = *ft;
    } else if (!type.empty()) {
      ctx.error(*t->get("type"), "fact.type", "unknown fact type '" + type + "' (enum, bool, int, text, ipv4)");
    }
    decl.values = read_strings(ctx, t->get("values"), "values");
    if (decl.type == FactType::enum_ && decl.values.empty()) {
      ctx.error(value, "fact.values", "enum fact '" + decl.key + "' has no 'values'");
    }
    decl.label = read_ltext(ctx, *t, "label", true, "fact '" + decl.key + "'");
    if (const toml::node* labels = t->get("labels")) {
      // Words for values: `labels.<value> = { fr = "...", en = "..." }`.
      if (const toml::table* lt = labels->as_table()) {
        for (const auto& [v, label_node] : *lt) {
          const std::string value(v.str());
          const std::string what = "fact '" + decl.key + "' label of '" + value + "'";
          const bool known = decl.type == FactType::bool_ ? (value == "true" || value == "false")
                                                          : std::find(decl.values.begin(), decl.values.end(), value) != decl.values.end();
          if (!known) ctx.error(label_node, "fact.labels", what + ": '" + value + "' is not a value of this fact");
          decl.value_labels[value] = read_ltext(ctx, *lt, value, true, what);
        }
      } else {
        ctx.error(*labels, "key.type", "'labels' must be a table of value = { fr, en }");
      }
    }
    if (auto it = declared_at.find(decl.key); it != declared_at.end()) {
      ctx.error(value, "id.duplicate", "fact '" + decl.key + "' is already declared at " + it->second.file + ":" +
                                           std::to_string(it->second.line));
      continue;
    }
    declared_at[decl.key] = decl.pos;
    k.facts_mut().add(std::move(decl));
  }
}

// [SECTION] Nodes and trees ------------------------------------------------------

WarningKind parse_warning_kind(const Ctx& ctx, const toml::node* n) {
  if (!n) return WarningKind::other;
  const std::string s = n->value_or(std::string{});
  for (WarningKind w : {WarningKind::electrical, WarningKind::esd, WarningKind::data_loss, WarningKind::security,
                        WarningKind::other}) {
    if (warning_kind_name(w) == s) return w;
  }
  ctx.error(*n, "warning.kind", "unknown warning kind '" + s + "' (electrical, esd, data_loss, security, other)");
  return WarningKind::other;
}

Node load_node(const Ctx& ctx, const toml::table& t, const std::string& tree_id) {
  check_keys(ctx, t,
             {"id", "kind", "text", "why", "fact", "input", "next", "dont_know", "find_out", "choices", "commands",
              "warnings", "articles", "diagnosis", "remedy", "outcome", "tree", "node", "prior", "prior_when", "cost",
              "first", "after"},
             "a node");
  Node n;
  n.pos = ctx.pos(t);
  n.id = read_string(ctx, t, "id", true, "a node of tree '" + tree_id + "'");
  const std::string what = "node '" + n.id + "'";
  const std::string kind = read_string(ctx, t, "kind", true, what);
  if (kind == "question") n.kind = NodeKind::question;
  else if (kind == "action") n.kind = NodeKind::action;
  else if (kind == "conclusion") n.kind = NodeKind::conclusion;
  else if (kind == "jump") n.kind = NodeKind::jump;
  else if (!kind.empty()) ctx.error(*t.get("kind"), "node.kind", what + ": unknown kind '" + kind + "' (question, action, conclusion, jump)");

  n.articles = read_strings(ctx, t.get("articles"), "articles");
  if (const toml::node* w = t.get("warnings")) {
    if (const toml::array* arr = w->as_array()) {
      for (const auto& item : *arr) {
        const toml::table* wt = item.as_table();
        if (!wt) {
          ctx.error(item, "key.type", what + ": each warning must be a table { kind, text }");
          continue;
        }
        check_keys(ctx, *wt, {"kind", "text"}, "a warning");
        n.warnings.push_back(Warning{parse_warning_kind(ctx, wt->get("kind")), read_ltext(ctx, *wt, "text", true, what + " warning")});
      }
    } else {
      ctx.error(*w, "key.type", what + ": 'warnings' must be an array");
    }
  }

  switch (n.kind) {
    case NodeKind::question:
    case NodeKind::action: {
      n.text = read_ltext(ctx, t, "text", true, what);
      n.why = read_ltext(ctx, t, "why", false, what);
      n.find_out = read_ltext(ctx, t, "find_out", false, what);
      n.fact = read_string(ctx, t, "fact", false, what);
      n.input = read_string(ctx, t, "input", false, what);
      n.next = read_string(ctx, t, "next", false, what);
      n.dont_know = read_string(ctx, t, "dont_know", false, what);
      if (const toml::node* cmds = t.get("commands")) {
        if (const toml::array* arr = cmds->as_array()) {
          for (const auto& item : *arr) {
            const toml::table* ct = item.as_table();
            if (!ct) {
              ctx.error(item, "key.type", what + ": each command must be a table { os, cmd }");
              continue;
            }
            check_keys(ctx, *ct, {"os", "cmd"}, "a command");
            n.commands.push_back(Command{read_string(ctx, *ct, "os", true, "a command"), read_string(ctx, *ct, "cmd", true, "a command")});
          }
        } else {
          ctx.error(*cmds, "key.type", what + ": 'commands' must be an array");
        }
      }
      if (const toml::node* ch = t.get("choices")) {
        if (const toml::array* arr = ch->as_array()) {
          for (const auto& item : *arr) {
            const toml::table* ct = item.as_table();
            if (!ct) {
              ctx.error(item, "key.type", what + ": each choice must be a table");
              continue;
            }
            check_keys(ctx, *ct, {"id", "label", "set", "next"}, "a choice");
            Choice c;
            c.pos = ctx.pos(item);
            c.id = read_string(ctx, *ct, "id", true, what + " choice");
            c.label = read_ltext(ctx, *ct, "label", true, what + " choice '" + c.id + "'");
            c.set = read_fact_set(ctx, ct->get("set"), "set");
            c.next = read_string(ctx, *ct, "next", false, what + " choice '" + c.id + "'");
            c.next_pos = ct->get("next") ? ctx.pos(*ct->get("next")) : c.pos;
            n.choices.push_back(std::move(c));
          }
        } else {
          ctx.error(*ch, "key.type", what + ": 'choices' must be an array of tables ([[nodes.choices]])");
        }
      }
      break;
    }
    case NodeKind::conclusion: {
      n.diagnosis = read_ltext(ctx, t, "diagnosis", true, what);
      if (const toml::node* r = t.get("remedy")) {
        if (const toml::array* arr = r->as_array()) {
          for (const auto& item : *arr) {
            const toml::table* rt = item.as_table();
            if (!rt) {
              ctx.error(item, "key.type", what + ": each remedy step must be { fr = \"...\", en = \"...\" }");
              continue;
            }
            LText step{(*rt)["fr"].value_or(std::string{}), (*rt)["en"].value_or(std::string{})};
            if (step.fr.empty()) ctx.error(item, "i18n.missing", what + ": a remedy step has no French (fr) text");
            if (step.en.empty()) ctx.error(item, "i18n.missing", what + ": a remedy step has no English (en) text");
            n.remedy.push_back(std::move(step));
          }
        } else {
          ctx.error(*r, "key.type", what + ": 'remedy' must be an array of steps");
        }
      }
      const std::string outcome = read_string(ctx, t, "outcome", true, what);
      if (auto o = parse_outcome(outcome)) {
        n.outcome = *o;
      } else if (!outcome.empty()) {
        ctx.error(*t.get("outcome"), "node.outcome",
                  what + ": unknown outcome '" + outcome + "' (resolved, escalate_l2, hardware_return, refer_vendor, proposal)");
      }
      break;
    }
    case NodeKind::jump:
      n.jump_tree = read_string(ctx, t, "tree", true, what);
      n.jump_node = read_string(ctx, t, "node", false, what);
      break;
  }
  detail::load_node_model(ctx.file, ctx.out, t, n);
  return n;
}

std::vector<Rule> load_rules(const Ctx& ctx, const toml::array& rules);

void load_tree(const Ctx& ctx, const toml::table& root, Knowledge& k) {
  check_keys(ctx, root,
             {"schema_version", "id", "domain", "competency", "start", "title", "symptoms", "tags", "nodes", "rules", "model"},
             "a tree");
  Tree tree;
  tree.pos = SourcePos{ctx.file, 1, 1};
  tree.id = read_string(ctx, root, "id", true, "the tree");
  // An id becomes a file name (caches, diagrams, exports): "../../etc/evil" never loads.
  if (!tree.id.empty() && !detail::safe_tree_id(tree.id)) {
    ctx.report(Severity::error, tree.pos, "tree.id",
               "tree id '" + tree.id + "' is not allowed: use a-z, 0-9, '.', '_' and '-' (no '..', no '/'), at most 100 characters");
    return;
  }
  tree.domain = read_string(ctx, root, "domain", true, "tree '" + tree.id + "'");
  const auto& domains = known_domains();
  if (!tree.domain.empty() && std::find(domains.begin(), domains.end(), tree.domain) == domains.end()) {
    ctx.error(*root.get("domain"), "tree.domain",
              "unknown domain '" + tree.domain + "' (hardware, os, network, directory, office, security, service, commercial)");
  }
  if (const toml::node* c = root.get("competency")) {
    auto v = c->is_integer() ? c->value<std::int64_t>() : std::nullopt;  // toml++ float cast
    if (!v || *v < 1 || *v > 11) ctx.error(*c, "tree.competency", "'competency' must be an integer from 1 to 11");
    else tree.competency = static_cast<int>(*v);
  } else {
    ctx.report(Severity::error, tree.pos, "key.missing", "tree '" + tree.id + "' has no 'competency'");
  }
  tree.start = read_string(ctx, root, "start", true, "tree '" + tree.id + "'");
  tree.title = read_ltext(ctx, root, "title", true, "tree '" + tree.id + "'");
  if (const toml::node* s = root.get("symptoms")) {
    if (const toml::table* st = s->as_table()) {
      check_keys(ctx, *st, {"fr", "en"}, "symptoms");
      tree.symptoms_fr = read_strings(ctx, st->get("fr"), "symptoms.fr");
      tree.symptoms_en = read_strings(ctx, st->get("en"), "symptoms.en");
    } else {
      ctx.error(*s, "key.type", "'symptoms' must be a table { fr = [...], en = [...] }");
    }
  }
  if (tree.symptoms_fr.empty()) ctx.report(Severity::error, tree.pos, "i18n.missing", "tree '" + tree.id + "' has no French symptom phrases (symptoms.fr)");
  if (tree.symptoms_en.empty()) ctx.report(Severity::error, tree.pos, "i18n.missing", "tree '" + tree.id + "' has no English symptom phrases (symptoms.en)");
  tree.tags = read_strings(ctx, root.get("tags"), "tags");
  detail::load_tree_model(ctx.file, ctx.out, root, tree);

  const toml::array* nodes = root["nodes"].as_array();
  // The linter's flow checks grow with the square of a tree's size: past
  // max_tree_nodes the tree is refused (docs/reliability.md, Resource limits).
  if (nodes && nodes->size() > max_tree_nodes) {
    ctx.report(Severity::error, tree.pos, "limit.tree_nodes",
               "tree '" + tree.id + "' has " + std::to_string(nodes->size()) + " nodes, more than the limit of " +
                   std::to_string(max_tree_nodes) + ": split it into trees joined by jumps");
    return;
  }
  for (const auto& item : *nodes) {
    const toml::table* nt = item.as_table();
    if (!nt) {
      ctx.error(item, "key.type", "each node must be a table ([[nodes]])");
      continue;
    }
    Node n = load_node(ctx, *nt, tree.id);
    if (n.id.empty()) continue;
    if (tree.node_index.count(n.id)) {
      const Node& first = tree.nodes[tree.node_index[n.id]];
      ctx.report(Severity::error, n.pos, "id.duplicate",
                 "node id '" + n.id + "' is used twice in tree '" + tree.id + "' (first at line " +
                     std::to_string(first.pos.line) + ")");
      continue;
    }
    tree.node_index[n.id] = tree.nodes.size();
    tree.nodes.push_back(std::move(n));
  }
  if (const toml::node* r = root.get("rules")) {
    if (const toml::array* arr = r->as_array()) {
      for (auto& rule : load_rules(ctx, *arr)) k.add_rule(std::move(rule));
    }
  }
  if (tree.id.empty()) return;
  if (const Tree* existing = k.find_tree(tree.id)) {
    ctx.report(Severity::error, tree.pos, "id.duplicate",
               "tree id '" + tree.id + "' is already defined in " + existing->pos.file);
    return;
  }
  k.add_tree(std::move(tree));
}

// [SECTION] Rules -------------------------------------------------------------

std::vector<Rule> load_rules(const Ctx& ctx, const toml::array& rules) {
  std::vector<Rule> out;
  for (const auto& item : rules) {
    const toml::table* t = item.as_table();
    if (!t) {
      ctx.error(item, "key.type", "each rule must be a table ([[rules]])");
      continue;
    }
    check_keys(ctx, *t, {"id", "salience", "when", "assert", "recommend", "warn", "conclude", "explain"}, "a rule");
    Rule r;
    r.pos = ctx.pos(item);
    r.id = read_string(ctx, *t, "id", true, "a rule");
    const std::string what = "rule '" + r.id + "'";
    if (const toml::node* s = t->get("salience")) {
      if (auto v = s->is_integer() ? s->value<std::int64_t>() : std::nullopt) r.salience = static_cast<int>(*v);
      else ctx.error(*s, "key.type", what + ": 'salience' must be an integer");
    }
    const toml::array* when = (*t)["when"].as_array();
    if (!when || when->empty()) {
      ctx.error(item, "rule.when", what + " has no conditions ('when' must be a non-empty array)");
    } else {
      for (const auto& c : *when) {
        const toml::table* ct = c.as_table();
        if (!ct) {
          ctx.error(c, "key.type", what + ": each condition must be { fact, op, value }");
          continue;
        }
        check_keys(ctx, *ct, {"fact", "op", "value"}, "a condition");
        Condition cond;
        cond.pos = ctx.pos(c);
        cond.fact = read_string(ctx, *ct, "fact", true, what + " condition");
        const std::string op = ct->contains("op") ? read_string(ctx, *ct, "op", false, what) : std::string("eq");
        if (auto o = parse_op(op)) cond.op = *o;
        else ctx.error(c, "rule.op", what + ": unknown operator '" + op + "' (eq, ne, in, in_cidr, lt, le, gt, ge, known, unknown)");
        if (const toml::node* v = ct->get("value")) {
          if (const toml::array* arr = v->as_array()) {
            for (const auto& x : *arr) {
              if (auto s = scalar_text(x)) cond.values.push_back(*s);
            }
          } else if (auto s = scalar_text(*v)) {
            cond.values.push_back(*s);
          }
        }
        if (cond.values.empty() && cond.op != Op::known && cond.op != Op::unknown) {
          ctx.error(c, "rule.value", what + ": condition on '" + cond.fact + "' has no 'value'");
        }
        if (cond.op == Op::in_cidr && !cond.values.empty() && !parse_cidr(cond.values[0])) {
          ctx.error(c, "rule.value", what + ": '" + cond.values[0] + "' is not a CIDR block such as 169.254.0.0/16");
        }
        r.when.push_back(std::move(cond));
      }
    }
    r.assert_facts = read_fact_set(ctx, t->get("assert"), "assert");
    r.recommend = read_string(ctx, *t, "recommend", false, what);
    r.warn = read_ltext(ctx, *t, "warn", false, what);
    r.conclude = read_string(ctx, *t, "conclude", false, what);
    r.explain = read_ltext(ctx, *t, "explain", false, what);
    if (r.assert_facts.empty() && r.recommend.empty() && r.warn.empty() && r.conclude.empty()) {
      ctx.error(item, "rule.action", what + " does nothing (give assert, recommend, warn or conclude)");
    }
    out.push_back(std::move(r));
  }
  return out;
}

// [SECTION] Files and folders -----------------------------------------------------

/// A file parsed by toml++ (in parallel), waiting to be turned into model values.
struct Parsed {
  fs::path path;
  toml::table root;
  std::optional<Diagnostic> error;
};

Parsed parse_one(const fs::path& path) {
  Parsed p{path, {}, std::nullopt};
  // A regular file within max_knowledge_file_bytes, checked before reading.
  std::string text;
  if (base::FileStatus s = base::read_file(path, text, max_knowledge_file_bytes); !s) {
    p.error = Diagnostic{Severity::error, s.error == base::FileError::too_large ? "limit.file_size" : "file.unreadable",
                         SourcePos{path.string(), 0, 0}, s.message};
    return p;
  }
  try {
    p.root = toml::parse(text, path.string());
  } catch (const toml::parse_error& e) {
    p.error = Diagnostic{Severity::error, "toml.syntax",
                         SourcePos{path.string(), static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)},
                         std::string(e.description())};
  }
  return p;
}

void load_file(Parsed& parsed, Knowledge& k, std::vector<Diagnostic>& out,
               std::map<std::string, SourcePos>& facts_at, std::set<std::string>& rule_ids) {
  Ctx ctx{parsed.path.string(), out};
  if (parsed.error) {
    out.push_back(*parsed.error);
    return;
  }
  const toml::table& root = parsed.root;
  if (!check_schema(ctx, root)) return;
  const bool has_nodes = root.contains("nodes");
  if (const toml::node* f = root.get("facts")) {
    if (const toml::table* ft = f->as_table()) load_facts(ctx, *ft, k, facts_at);
    else ctx.error(*f, "key.type", "'facts' must be a table of [facts.<key>] tables");
  }
  if (has_nodes) {
    if (!root["nodes"].as_array()) {
      ctx.error(*root.get("nodes"), "key.type", "'nodes' must be an array of tables ([[nodes]])");
      return;
    }
    load_tree(ctx, root, k);
  } else if (const toml::node* r = root.get("rules")) {
    check_keys(ctx, root, {"schema_version", "rules", "facts"}, "a rules file");
    if (const toml::array* arr = r->as_array()) {
      for (auto& rule : load_rules(ctx, *arr)) k.add_rule(std::move(rule));
    } else {
      ctx.error(*r, "key.type", "'rules' must be an array of tables ([[rules]])");
    }
  } else if (!root.contains("facts")) {
    ctx.report(Severity::error, SourcePos{ctx.file, 1, 1}, "file.kind",
               "not a Diagdesk facts, tree or rules file (no [facts.*], [[nodes]] or [[rules]])");
  }
  // Rule ids are global: report duplicates against earlier files too.
  for (const Rule& r : k.rules()) {
    if (r.pos.file != ctx.file) continue;
    if (!rule_ids.insert(r.id).second && !r.id.empty()) {
      ctx.report(Severity::error, r.pos, "id.duplicate", "rule id '" + r.id + "' is defined twice");
    }
  }
}

std::vector<fs::path> toml_files(const fs::path& dir, bool recursive) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".toml") files.push_back(it->path());
    }
  } else {
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".toml") files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

// [SECTION] Knowledge ---------------------------------------------------------------

const Tree* Knowledge::find_tree(std::string_view id) const {
  auto it = m_tree_index.find(id);
  return it == m_tree_index.end() ? nullptr : &m_trees[it->second];
}

const Node* Knowledge::find_node(std::string_view ref, std::string_view current_tree) const {
  const auto colon = ref.find(':');
  const Tree* t = find_tree(colon == std::string_view::npos ? current_tree : ref.substr(0, colon));
  if (!t) return nullptr;
  return t->find(colon == std::string_view::npos ? ref : ref.substr(colon + 1));
}

void Knowledge::add_tree(Tree tree) {
  m_tree_index[tree.id] = m_trees.size();
  m_trees.push_back(std::move(tree));
}

void Knowledge::add_rule(Rule rule) { m_rules.push_back(std::move(rule)); }

void Knowledge::finish() {
  // Canonical values (yes -> true, Windows11 -> windows11) so that the
  // session compares plain strings; invalid ones stay as written for the linter.
  auto canon = [&](const std::string& key, std::string& value) {
    if (auto v = m_facts.normalise(key, value)) value = *v;
  };
  for (Tree& t : m_trees) {
    for (Node& n : t.nodes) {
      for (Choice& c : n.choices) {
        for (auto& [key, value] : c.set) canon(key, value);
      }
    }
  }
  for (Rule& r : m_rules) {
    for (auto& [key, value] : r.assert_facts) canon(key, value);
    for (Condition& c : r.when) {
      if (c.op == Op::eq || c.op == Op::ne || c.op == Op::in) {
        for (auto& v : c.values) canon(c.fact, v);
      }
    }
  }
  std::stable_sort(m_rules.begin(), m_rules.end(),
                   [](const Rule& a, const Rule& b) { return a.salience > b.salience; });
  m_tree_index.clear();
  for (std::size_t i = 0; i < m_trees.size(); ++i) m_tree_index[m_trees[i].id] = i;
}

std::vector<fs::path> knowledge_files(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  std::set<fs::path> seen;
  auto add = [&](const fs::path& p) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(p, ec);
    if (seen.insert(ec ? p : canonical).second) files.push_back(p);
  };
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const auto& f : toml_files(path / "facts", false)) add(f);
      for (const auto& f : toml_files(path / "trees", true)) add(f);
      for (const auto& f : toml_files(path / "rules", false)) add(f);
    } else if (fs::is_regular_file(path, ec)) {
      add(path);
    }
  }
  return files;
}

LoadResult load_knowledge(const std::vector<fs::path>& paths) {
  LoadResult result;
  result.knowledge = std::make_shared<Knowledge>();
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      result.diagnostics.push_back(Diagnostic{Severity::error, "file.missing", SourcePos{path.string(), 0, 0},
                                              "no such file or folder"});
    }
  }
  const std::vector<fs::path> files = knowledge_files(paths);
  // Parsing dominates loading and files are independent: parse on every
  // core, then build the model in file order so diagnostics stay stable.
  std::vector<Parsed> parsed(files.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) parsed[i] = parse_one(files[i]);
  };
  const unsigned threads = std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()), 8);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < files.size(); ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();

  std::map<std::string, SourcePos> facts_at;
  std::set<std::string> rule_ids;
  for (auto& p : parsed) load_file(p, *result.knowledge, result.diagnostics, facts_at, rule_ids);
  result.knowledge->finish();
  return result;
}

}  // namespace diagdesk::engine
