// Reading the cost and probability model keys of a tree file: `prior`,
// `prior_when` and `cost` on nodes, `[model]` with `other` and
// `[[model.repairs]]` on the tree. Type errors are reported here with their
// position; value ranges (priors in (0, 1], minutes > 0, sums) are the
// linter's (lint_model in guide_lint.cpp), so a file with a bad number still
// loads and the linter reports every problem in one pass.
#include "guide_load.hpp"
#include "toml_ctx.hpp"

#include <algorithm>

namespace diagdesk::engine::detail {

namespace {

using Ctx = detail::TomlCtx;

/// An integer or a float as a double (toml++ keeps them apart).
std::optional<double> number(const toml::node& n) {
  if (n.is_integer()) return static_cast<double>(*n.value<std::int64_t>());
  if (n.is_floating_point()) return *n.value<double>();
  return std::nullopt;
}

std::optional<double> read_number(const Ctx& ctx, const toml::node& n, const std::string& what) {
  auto v = number(n);
  if (!v) ctx.error(n, "key.type", what + " must be a number");
  return v;
}

bool read_bool(const Ctx& ctx, const toml::table& t, std::string_view key, const std::string& what) {
  const toml::node* n = t.get(key);
  if (!n) return false;
  if (n->is_boolean()) return *n->value<bool>();
  ctx.error(*n, "key.type", what + ": '" + std::string(key) + "' must be true or false");
  return false;
}

StepCost read_cost(const Ctx& ctx, const toml::node& n, const std::string& what) {
  StepCost c;
  c.pos = ctx.pos(n);
  const toml::table* t = n.as_table();
  if (!t) {
    ctx.error(n, "key.type", what + ": 'cost' must be a table { minutes = 2, on_site = false, rights = \"n1\", data_loss = false }");
    return c;
  }
  ctx.unknown_keys(*t, {"minutes", "on_site", "rights", "data_loss"}, what + " cost");
  c.given = true;
  if (const toml::node* m = t->get("minutes")) {
    if (auto v = read_number(ctx, *m, what + ": 'minutes'")) c.minutes = *v;
  } else {
    c.given = false;  // only flags: minutes take the kind's default
  }
  c.on_site = read_bool(ctx, *t, "on_site", what);
  c.data_loss = read_bool(ctx, *t, "data_loss", what);
  if (const toml::node* r = t->get("rights")) {
    const std::string s = r->value_or(std::string{});
    if (s == "n2") c.needs_n2 = true;
    else if (s != "n1") ctx.error(*r, "model.rights", what + ": rights must be \"n1\" or \"n2\", not '" + s + "'");
  }
  return c;
}

std::optional<std::string> scalar_text(const toml::node& n) {
  if (n.is_string()) return n.value<std::string>();
  if (n.is_boolean()) return *n.value<bool>() ? std::string("true") : std::string("false");
  if (n.is_integer()) return std::to_string(*n.value<std::int64_t>());
  return std::nullopt;
}

LText read_text(const Ctx& ctx, const toml::table& t, std::string_view key, const std::string& what) {
  LText out;
  const toml::node* n = t.get(key);
  const toml::table* tt = n ? n->as_table() : nullptr;
  if (!tt) {
    if (n) ctx.error(*n, "key.type", what + ": '" + std::string(key) + "' must be { fr = \"...\", en = \"...\" }");
    else ctx.out.push_back(Diagnostic{Severity::error, "key.missing", ctx.pos(t), what + " has no '" + std::string(key) + "'"});
    return out;
  }
  out.fr = (*tt)["fr"].value_or(std::string{});
  out.en = (*tt)["en"].value_or(std::string{});
  if (out.fr.empty()) ctx.error(*n, "i18n.missing", what + ": '" + std::string(key) + "' has no French (fr) text");
  if (out.en.empty()) ctx.error(*n, "i18n.missing", what + ": '" + std::string(key) + "' has no English (en) text");
  return out;
}

}  // namespace

void load_node_model(const std::string& file, std::vector<Diagnostic>& out, const toml::table& t, Node& n) {
  const Ctx ctx{file, out};
  const std::string what = "node '" + n.id + "'";
  if (const toml::node* p = t.get("prior")) {
    if (auto v = read_number(ctx, *p, what + ": 'prior'")) n.prior = *v;
  }
  if (const toml::node* pw = t.get("prior_when")) {
    const toml::array* arr = pw->as_array();
    if (!arr) {
      ctx.error(*pw, "key.type", what + ": 'prior_when' must be an array of { facts = { ... }, prior = 0.4 }");
    } else {
      for (const auto& item : *arr) {
        const toml::table* it = item.as_table();
        if (!it) {
          ctx.error(item, "key.type", what + ": each prior_when entry must be { facts = { ... }, prior = 0.4 }");
          continue;
        }
        ctx.unknown_keys(*it, {"facts", "prior"}, "a prior_when entry");
        PriorWhen w;
        w.pos = ctx.pos(item);
        const toml::table* facts = (*it)["facts"].as_table();
        if (!facts || facts->empty()) {
          ctx.error(item, "model.prior_when", what + ": a prior_when entry needs a non-empty 'facts' table");
          continue;
        }
        for (const auto& [k, v] : *facts) {
          if (auto s = scalar_text(v)) w.facts.emplace_back(std::string(k.str()), *s);
          else ctx.error(v, "key.type", what + ": fact '" + std::string(k.str()) + "' must be a string, integer or boolean");
        }
        const toml::node* pr = it->get("prior");
        if (!pr) {
          ctx.error(item, "key.missing", what + ": a prior_when entry has no 'prior'");
          continue;
        }
        if (auto v = read_number(ctx, *pr, what + ": prior_when 'prior'")) {
          w.prior = *v;
          n.prior_when.push_back(std::move(w));
        }
      }
    }
  }
  if (const toml::node* c = t.get("cost")) n.cost = read_cost(ctx, *c, what);
  // The gate of the guided order: `first = true`, `after = ["node", ...]`.
  if (const toml::node* f = t.get("first")) {
    n.gate_pos = ctx.pos(*f);
    n.first = read_bool(ctx, t, "first", what);
  }
  if (const toml::node* a = t.get("after")) {
    n.gate_pos = ctx.pos(*a);
    const toml::array* arr = a->as_array();
    if (!arr) {
      ctx.error(*a, "key.type", what + ": 'after' must be an array of node ids, e.g. after = [\"a_verify_identity\"]");
    } else {
      for (const auto& item : *arr) {
        if (item.is_string()) n.after.push_back(*item.value<std::string>());
        else ctx.error(item, "key.type", what + ": each 'after' entry must be a node id (a string)");
      }
    }
  }
}

void load_tree_model(const std::string& file, std::vector<Diagnostic>& out, const toml::table& root, Tree& tree) {
  const Ctx ctx{file, out};
  const toml::node* m = root.get("model");
  if (!m) return;
  const toml::table* mt = m->as_table();
  if (!mt) {
    ctx.error(*m, "key.type", "'model' must be a table ([model])");
    return;
  }
  ctx.unknown_keys(*mt, {"other", "repairs"}, "[model]");
  tree.model.present = true;
  tree.model.pos = ctx.pos(*m);
  if (const toml::node* o = mt->get("other")) {
    if (auto v = read_number(ctx, *o, "[model] 'other'")) tree.model.other = *v;
  }
  const toml::node* r = mt->get("repairs");
  if (!r) return;
  const toml::array* arr = r->as_array();
  if (!arr) {
    ctx.error(*r, "key.type", "'model.repairs' must be an array of tables ([[model.repairs]])");
    return;
  }
  for (const auto& item : *arr) {
    const toml::table* rt = item.as_table();
    if (!rt) {
      ctx.error(item, "key.type", "each repair must be a table ([[model.repairs]])");
      continue;
    }
    ctx.unknown_keys(*rt, {"id", "text", "cost", "fixes"}, "a repair");
    Repair rep;
    rep.pos = ctx.pos(item);
    rep.fixes_pos = rep.pos;
    rep.id = (*rt)["id"].value_or(std::string{});
    if (rep.id.empty()) ctx.error(item, "key.missing", "a repair has no 'id'");
    const std::string what = "repair '" + rep.id + "'";
    rep.text = read_text(ctx, *rt, "text", what);
    if (const toml::node* c = rt->get("cost")) rep.cost = read_cost(ctx, *c, what);
    if (const toml::node* f = rt->get("fixes")) {
      rep.fixes_pos = ctx.pos(*f);
      if (const toml::table* ft = f->as_table()) {
        for (const auto& [leaf, p] : *ft) {
          if (auto v = read_number(ctx, p, what + ": fixes." + std::string(leaf.str()))) rep.fixes.emplace_back(std::string(leaf.str()), *v);
        }
      } else {
        ctx.error(*f, "key.type", what + ": 'fixes' must be a table { leaf_id = probability }");
      }
    } else {
      ctx.error(item, "key.missing", what + " has no 'fixes'");
    }
    tree.model.repairs.push_back(std::move(rep));
  }
}

}  // namespace diagdesk::engine::detail
