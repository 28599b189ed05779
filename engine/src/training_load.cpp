// Training scenarios: the value types, the ITIL matrix, and the TOML loader.
//
// [SECTION] Levels and priority
// [SECTION] Scenario and set accessors
// [SECTION] Reading helpers
// [SECTION] Scenario files
// [SECTION] Parts catalogue
// [SECTION] Files and folders
// [SECTION] Costs
#include <diagdesk/engine/training.hpp>

#include <diagdesk/engine/knowledge.hpp>
#include <diagdesk/base/safe_file.hpp>

#include "toml_ctx.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

namespace fs = std::filesystem;

namespace diagdesk::engine {

// [SECTION] Levels and priority --------------------------------------------------------

std::string_view level_name(Level level) {
  switch (level) {
    case Level::low: return "low";
    case Level::medium: return "medium";
    case Level::high: return "high";
  }
  return "low";
}

std::optional<Level> parse_level(std::string_view text) {
  std::string t(text);
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (t == "low" || t == "faible" || t == "basse" || t == "bas" || t == "l" || t == "1") return Level::low;
  if (t == "medium" || t == "moyen" || t == "moyenne" || t == "m" || t == "2") return Level::medium;
  if (t == "high" || t == "haut" || t == "haute" || t == "elevee" || t == "élevée" || t == "eleve" || t == "élevé" ||
      t == "h" || t == "3") {
    return Level::high;
  }
  return std::nullopt;
}

std::string priority_of(Level impact, Level urgency) {
  // ITIL 3x3: the sum of the two levels picks the priority (0 = both low).
  static const char* const by_sum[] = {"p5_planning", "p4_low", "p3_medium", "p2_high", "p1_critical"};
  return by_sum[static_cast<int>(impact) + static_cast<int>(urgency)];
}

// [SECTION] Scenario and set accessors --------------------------------------------------

const std::string* Scenario::fact(std::string_view key) const {
  auto it = facts.find(key);
  return it == facts.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string, std::string>> Scenario::start_facts() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& key : given) {
    if (const std::string* v = fact(key)) out.emplace_back(key, *v);
  }
  return out;
}

const SourcePos& Scenario::where(std::string_view key) const {
  auto it = at.find(key);
  return it == at.end() ? pos : it->second;
}

const Scenario* ScenarioSet::find(std::string_view id) const {
  for (const auto& s : scenarios) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const Part* ScenarioSet::find_part(std::string_view id) const {
  for (const auto& p : parts) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Part* ScenarioSet::part_of_step(std::string_view ref) const {
  for (const auto& p : parts) {
    if (std::find(p.steps.begin(), p.steps.end(), ref) != p.steps.end()) return &p;
  }
  return nullptr;
}

bool ScenarioSet::is_backup_step(std::string_view ref) const {
  return std::find(backup_steps.begin(), backup_steps.end(), ref) != backup_steps.end();
}

// [SECTION] Reading helpers -------------------------------------------------------------

namespace {

using Ctx = detail::TomlCtx;

void check_keys(const Ctx& ctx, const toml::table& t, std::initializer_list<std::string_view> allowed,
                std::string_view what) {
  ctx.unknown_keys(t, allowed, what);
}

/// A scalar as text: strings as they are, booleans "true"/"false", integers in decimal.
std::optional<std::string> scalar_text(const toml::node& n) {
  if (auto s = n.value<std::string>()) return *s;
  if (const auto* b = n.as_boolean()) return b->get() ? std::string("true") : std::string("false");
  if (const auto* i = n.as_integer()) return std::to_string(i->get());
  return std::nullopt;
}

/// A localised text. `plain_ok`: a plain string fills both languages
/// (language-neutral values such as host names); otherwise it is an error.
LText read_ltext(const Ctx& ctx, const toml::node& n, bool plain_ok, const std::string& what) {
  LText t;
  if (auto s = n.value<std::string>()) {
    if (plain_ok) return LText{*s, *s};
    ctx.error(n, "scenario.translation", what + " must give both languages: { fr = \"...\", en = \"...\" }");
    t.en = *s;
    return t;
  }
  if (const toml::table* tb = n.as_table()) {
    check_keys(ctx, *tb, {"fr", "en"}, what);
    t.fr = (*tb)["fr"].value_or(std::string{});
    t.en = (*tb)["en"].value_or(std::string{});
    return t;
  }
  ctx.error(n, "key.type", what + " must be a text { fr = \"...\", en = \"...\" }");
  return t;
}

std::vector<std::string> read_strings(const Ctx& ctx, const toml::node& n, const std::string& what,
                                      Scenario* s = nullptr, const std::string& at_prefix = {}) {
  std::vector<std::string> out;
  const toml::array* arr = n.as_array();
  if (!arr) {
    ctx.error(n, "key.type", what + " must be a list of strings");
    return out;
  }
  for (const auto& item : *arr) {
    if (auto v = item.value<std::string>()) {
      out.push_back(*v);
      if (s) s->at[at_prefix + *v] = ctx.pos(item);
    } else {
      ctx.error(item, "key.type", what + " must contain strings only");
    }
  }
  return out;
}

std::string canonical(const FactCatalog& facts, const std::string& key, const std::string& value) {
  if (auto v = facts.normalise(key, value)) return *v;
  return value;  // left as written: the linter reports it
}

bool check_schema(const Ctx& ctx, const toml::table& root) {
  const toml::node* v = root.get("schema_version");
  if (!v) {
    ctx.out.push_back(Diagnostic{Severity::error, "schema.missing", SourcePos{ctx.file, 1, 1},
                                 "missing 'schema_version = 1' at the top of the file"});
    return false;
  }
  // Integers only: toml++ 3.3's value<int64_t>() on a float casts out of range (undefined) before checking.
  const auto n = v->is_integer() ? v->value<std::int64_t>() : std::nullopt;
  if (!n || *n < 1) {
    ctx.error(*v, "schema.version", "schema_version must be a positive whole number");
    return false;
  }
  if (*n > schema_version) {
    ctx.error(*v, "schema.too_new", "schema_version " + std::to_string(*n) +
                                        " is newer than this program understands (" +
                                        std::to_string(schema_version) + "): update Diagdesk");
    return false;
  }
  return true;
}

// [SECTION] Scenario files --------------------------------------------------------------

void read_expected(const Ctx& ctx, const toml::table& e, Scenario& s) {
  check_keys(ctx, e, {"diagnosis", "outcome", "impact", "urgency", "articles"}, "[expected]");
  auto text_of = [&](std::string_view key) -> std::optional<std::string> {
    const toml::node* n = e.get(key);
    // A ticket scenario qualifies in [ticket]; [expected] may then leave impact and urgency out.
    if (!n && s.ticket && (key == "impact" || key == "urgency")) return std::nullopt;
    if (!n) {
      ctx.out.push_back(Diagnostic{Severity::error, "scenario.missing", ctx.pos(e),
                                   "[expected] has no '" + std::string(key) + "'"});
      return std::nullopt;
    }
    s.at["expected." + std::string(key)] = ctx.pos(*n);
    auto v = n->value<std::string>();
    if (!v) ctx.error(*n, "key.type", "expected." + std::string(key) + " must be a string");
    return v;
  };
  if (auto d = text_of("diagnosis")) s.diagnosis = *d;
  if (auto o = text_of("outcome")) {
    if (auto parsed = parse_outcome(*o)) s.outcome = *parsed;
    else ctx.error(*e.get("outcome"), "scenario.bad_value",
                   "unknown outcome '" + *o + "' (resolved, escalate_l2, hardware_return, refer_vendor, proposal)");
  }
  for (auto [key, field] : {std::pair{"impact", &s.impact}, std::pair{"urgency", &s.urgency}}) {
    if (auto v = text_of(key)) {
      if (auto parsed = parse_level(*v); parsed && (*v == "low" || *v == "medium" || *v == "high")) {
        if (s.ticket && *parsed != *field) {
          ctx.error(*e.get(key), "scenario.contradiction",
                    "expected." + std::string(key) + " '" + *v + "' differs from [ticket] " + key + " '" +
                        std::string(level_name(*field)) + "' (leave it out of [expected])");
        }
        *field = *parsed;
      } else {
        ctx.error(*e.get(key), "scenario.bad_value",
                  "expected." + std::string(key) + " must be low, medium or high, not '" + *v + "'");
      }
    }
  }
  if (const toml::node* a = e.get("articles")) s.articles = read_strings(ctx, *a, "expected.articles", &s, "expected.articles.");
}

/// [ticket] `key` as one of its words (`parse` refuses the others), else an error listing `allowed`.
template <class T, class Parse>
std::optional<T> read_word(const Ctx& ctx, const toml::table& t, std::string_view key, Scenario& s, Parse parse,
                           std::string_view allowed) {
  const toml::node* n = t.get(key);
  if (!n) {
    ctx.out.push_back(Diagnostic{Severity::error, "scenario.missing", ctx.pos(t), "[ticket] has no '" + std::string(key) + "'"});
    return std::nullopt;
  }
  s.at["ticket." + std::string(key)] = ctx.pos(*n);
  const auto v = n->value<std::string>();
  std::optional<T> parsed = v ? parse(*v) : std::nullopt;
  if (!parsed) {
    ctx.error(*n, "scenario.bad_value", "ticket." + std::string(key) + " must be " + std::string(allowed) +
                                            (v ? ", not '" + *v + "'" : ""));
  }
  return parsed;
}

void read_ticket(const Ctx& ctx, const toml::table& t, const PriorityGrid& grid, Scenario& s) {
  check_keys(ctx, t, {"opened_as", "caller", "title", "says", "type", "impact", "urgency", "priority", "escalation", "outcome"},
             "[ticket]");
  ScenarioTicket tk;
  auto kind = [](std::string_view v) { return v == "incident" || v == "request" ? parse_ticket_kind(v) : std::nullopt; };
  auto level = [](std::string_view v) { return v == "low" || v == "medium" || v == "high" ? parse_level(v) : std::nullopt; };
  if (auto k = read_word<TicketKind>(ctx, t, "opened_as", s, kind, "incident or request")) tk.opened_as = *k;
  if (auto k = read_word<TicketKind>(ctx, t, "type", s, kind, "incident or request")) tk.type = *k;
  const auto impact = read_word<Level>(ctx, t, "impact", s, level, "low, medium or high");
  const auto urgency = read_word<Level>(ctx, t, "urgency", s, level, "low, medium or high");
  if (impact) tk.impact = *impact;
  if (urgency) tk.urgency = *urgency;
  const auto outcome = read_word<Disposition>(ctx, t, "outcome", s,
                                              [](std::string_view v) {
                                                return v == "resolved" || v == "pending" || v == "escalated"
                                                           ? parse_disposition(v) : std::nullopt;
                                              },
                                              "resolved, pending or escalated");
  if (outcome) tk.outcome = *outcome;
  for (auto [key, field, plain] : {std::tuple{"caller", &tk.caller, true}, std::tuple{"title", &tk.title, false},
                                   std::tuple{"says", &tk.says, false}}) {
    if (const toml::node* n = t.get(key)) {
      s.at["ticket." + std::string(key)] = ctx.pos(*n);
      *field = read_ltext(ctx, *n, plain, "ticket." + std::string(key));
    } else {
      ctx.out.push_back(Diagnostic{Severity::error, "scenario.missing", ctx.pos(t), "[ticket] has no '" + std::string(key) + "'"});
    }
  }
  const toml::node* p = t.get("priority");
  if (!p) {
    ctx.out.push_back(Diagnostic{Severity::error, "scenario.missing", ctx.pos(t), "[ticket] has no 'priority'"});
  } else {
    s.at["ticket.priority"] = ctx.pos(*p);
    std::optional<int> v;
    if (const auto* i = p->as_integer()) v = i->get() >= 1 && i->get() <= 5 ? std::optional<int>(static_cast<int>(i->get())) : std::nullopt;
    else if (auto text = p->value<std::string>()) v = parse_priority(*text);
    if (!v) {
      ctx.error(*p, "scenario.bad_value", "ticket.priority must be 1 to 5 (P1 the highest)");
    } else {
      tk.priority = *v;
      if (impact && urgency && grid.priority(*impact, *urgency) != *v) {
        ctx.error(*p, "scenario.ticket_priority",
                  "ticket.priority P" + std::to_string(*v) + " is not what the priority matrix gives for impact " +
                      std::string(level_name(*impact)) + " x urgency " + std::string(level_name(*urgency)) + ": P" +
                      std::to_string(grid.priority(*impact, *urgency)) + " (" + grid.source + ")");
      }
    }
  }
  bool bad_escalation = false;
  if (const toml::node* e = t.get("escalation")) {
    s.at["ticket.escalation"] = ctx.pos(*e);
    const auto v = e->value<std::string>();
    const auto lvl = v ? parse_support_level(*v) : std::nullopt;
    if (v && *v == "none") {
      tk.escalation = 0;
    } else if (!lvl || *lvl < 2) {
      bad_escalation = true;
      ctx.error(*e, "scenario.bad_value", "ticket.escalation must be \"n2\", \"n3\" or \"none\"" + (v ? ", not '" + *v + "'" : std::string()));
    } else {
      tk.escalation = *lvl;
    }
  }
  // The escalation level and the outcome say the same thing twice: they must agree.
  if (outcome && tk.outcome == Disposition::escalated && tk.escalation == 0 && !bad_escalation) {
    ctx.error(*t.get("outcome"), "scenario.contradiction", "ticket.outcome 'escalated' needs escalation = \"n2\" or \"n3\"");
  } else if (outcome && tk.outcome != Disposition::escalated && tk.escalation != 0) {
    ctx.error(*t.get("escalation"), "scenario.contradiction",
              "ticket.escalation is 'n" + std::to_string(tk.escalation) + "' but ticket.outcome is '" +
                  std::string(disposition_name(tk.outcome)) + "' (use outcome = \"escalated\", or escalation = \"none\")");
  }
  s.ticket = std::move(tk);
}

void load_scenario(const Ctx& ctx, const toml::table& root, const FactCatalog& facts, ScenarioSet& into) {
  check_keys(ctx, root,
             {"schema_version", "id", "title", "competency", "difficulty", "tree", "complaint", "hidden_fault",
              "given", "dont_know", "faulty_parts", "risky_steps", "context", "facts", "answers", "replies",
              "expected", "ticket"},
             "a scenario");
  Scenario s;
  s.pos = SourcePos{ctx.file, 1, 1};
  auto required = [&](std::string_view key) -> const toml::node* {
    const toml::node* n = root.get(key);
    if (!n) {
      ctx.out.push_back(Diagnostic{Severity::error, "scenario.missing", s.pos,
                                   "scenario has no '" + std::string(key) + "'"});
    } else {
      s.at[std::string(key)] = ctx.pos(*n);
    }
    return n;
  };
  if (const toml::node* n = required("id")) {
    s.id = n->value_or(std::string{});
    if (s.id.empty()) ctx.error(*n, "key.type", "id must be a non-empty string");
    s.pos = ctx.pos(*n);
  }
  if (const toml::node* n = required("title")) s.title = read_ltext(ctx, *n, false, "title");
  if (const toml::node* n = root.get("ticket")) {
    if (const toml::table* t = n->as_table()) read_ticket(ctx, *t, into.priorities, s);
    else ctx.error(*n, "key.type", "ticket must be a table ([ticket])");
  }
  if (s.ticket && !root.contains("complaint")) {
    s.complaint = s.ticket->says;  // a ticket scenario's opening words are the caller's
    s.at["complaint"] = s.where("ticket.says");
  } else if (const toml::node* n = required("complaint")) {
    s.complaint = read_ltext(ctx, *n, false, "complaint");
  }
  if (const toml::node* n = required("hidden_fault")) s.hidden_fault = read_ltext(ctx, *n, false, "hidden_fault");
  if (const toml::node* n = required("tree")) s.tree = n->value_or(std::string{});
  if (const toml::node* n = required("competency")) {
    s.competency = n->is_integer() ? static_cast<int>(n->value_or<std::int64_t>(0)) : 0;  // integers only (toml++ float cast)
    if (s.competency < 1 || s.competency > 11) ctx.error(*n, "scenario.bad_value", "competency must be 1 to 11 (see JOB.md)");
  }
  if (const toml::node* n = root.get("difficulty")) {
    s.at["difficulty"] = ctx.pos(*n);
    s.difficulty = n->is_integer() ? static_cast<int>(n->value_or<std::int64_t>(0)) : 0;  // integers only (toml++ float cast)
    if (s.difficulty < 1 || s.difficulty > 3) ctx.error(*n, "scenario.bad_value", "difficulty must be 1 (easy), 2 or 3 (hard)");
  }
  if (const toml::node* n = root.get("given")) s.given = read_strings(ctx, *n, "given", &s, "given.");
  if (const toml::node* n = root.get("dont_know")) s.dont_know = read_strings(ctx, *n, "dont_know", &s, "dont_know.");
  if (const toml::node* n = root.get("faulty_parts")) s.faulty_parts = read_strings(ctx, *n, "faulty_parts", &s, "faulty_parts.");
  if (const toml::node* n = root.get("risky_steps")) s.risky_steps = read_strings(ctx, *n, "risky_steps", &s, "risky_steps.");

  if (const toml::node* n = required("context")) {
    if (const toml::table* c = n->as_table()) {
      check_keys(ctx, *c, {"asset", "os", "user", "site"}, "[context]");
      for (auto [key, field] : {std::pair{"asset", &s.context.asset}, std::pair{"os", &s.context.os},
                                std::pair{"user", &s.context.user}, std::pair{"site", &s.context.site}}) {
        if (const toml::node* v = c->get(key)) {
          *field = read_ltext(ctx, *v, true, std::string("context.") + key);
          s.at[std::string("context.") + key] = ctx.pos(*v);
        } else {
          ctx.out.push_back(Diagnostic{Severity::error, "scenario.missing", ctx.pos(*c),
                                       "[context] has no '" + std::string(key) + "'"});
        }
      }
    } else {
      ctx.error(*n, "key.type", "context must be a table ([context])");
    }
  }
  if (const toml::node* n = required("facts")) {
    if (const toml::table* f = n->as_table()) {
      for (const auto& [key, value] : *f) {
        const std::string k(key.str());
        s.at["facts." + k] = ctx.pos(value);
        auto text = scalar_text(value);
        if (!text) {
          ctx.error(value, "key.type", "fact '" + k + "' must be a string, a boolean or a whole number");
          continue;
        }
        s.facts[k] = canonical(facts, k, *text);
      }
    } else {
      ctx.error(*n, "key.type", "facts must be a table ([facts])");
    }
  }
  if (const toml::node* n = root.get("answers")) {
    if (const toml::table* a = n->as_table()) {
      for (const auto& [key, value] : *a) {
        const std::string ref(key.str());
        s.at["answers." + ref] = ctx.pos(value);
        auto text = scalar_text(value);
        if (!text) {
          ctx.error(value, "key.type", "answer '" + ref + "' must be a choice id (or a value for a typed step)");
          continue;
        }
        s.answers[ref] = *text;
      }
    } else {
      ctx.error(*n, "key.type", "answers must be a table ([answers])");
    }
  }
  if (const toml::node* n = root.get("replies")) {
    if (const toml::table* r = n->as_table()) {
      for (const auto& [key, value] : *r) {
        const std::string ref(key.str());
        s.at["replies." + ref] = ctx.pos(value);
        s.replies[ref] = read_ltext(ctx, value, false, "reply '" + ref + "'");
      }
    } else {
      ctx.error(*n, "key.type", "replies must be a table ([replies])");
    }
  }
  if (s.ticket) {
    s.impact = s.ticket->impact;
    s.urgency = s.ticket->urgency;
  }
  if (const toml::node* n = required("expected")) {
    if (const toml::table* e = n->as_table()) read_expected(ctx, *e, s);
    else ctx.error(*n, "key.type", "expected must be a table ([expected])");
  }
  if (s.id.empty()) return;
  if (const Scenario* other = into.find(s.id)) {
    into.diagnostics.push_back(Diagnostic{Severity::error, "id.duplicate", s.pos,
                                          "scenario id '" + s.id + "' is already defined in " + other->pos.file});
    return;
  }
  into.scenarios.push_back(std::move(s));
}

// [SECTION] Parts catalogue --------------------------------------------------------------

void load_parts(const Ctx& ctx, const toml::table& root, ScenarioSet& into) {
  check_keys(ctx, root, {"schema_version", "parts", "backup_steps"}, "the training catalogue");
  if (const toml::node* b = root.get("backup_steps")) {
    for (auto& ref : read_strings(ctx, *b, "backup_steps")) into.backup_steps.push_back(std::move(ref));
    into.backup_steps_pos = ctx.pos(*b);
  }
  if (!root.contains("parts")) return;
  const toml::table* parts = root["parts"].as_table();
  if (!parts) {
    ctx.error(*root.get("parts"), "key.type", "parts must be a table of [parts.<id>] tables");
    return;
  }
  for (const auto& [key, value] : *parts) {
    Part p;
    p.id = std::string(key.str());
    p.pos = ctx.pos(value);
    const toml::table* t = value.as_table();
    if (!t) {
      ctx.error(value, "key.type", "part '" + p.id + "' must be a table with label and steps");
      continue;
    }
    check_keys(ctx, *t, {"label", "steps"}, "part '" + p.id + "'");
    if (const toml::node* l = t->get("label")) p.label = read_ltext(ctx, *l, false, "label of part '" + p.id + "'");
    else ctx.error(value, "part.missing", "part '" + p.id + "' has no label");
    if (const toml::node* st = t->get("steps")) p.steps = read_strings(ctx, *st, "steps of part '" + p.id + "'");
    if (into.find_part(p.id)) {
      ctx.error(value, "id.duplicate", "part '" + p.id + "' is declared twice");
      continue;
    }
    into.parts.push_back(std::move(p));
  }
}

void load_root(const Ctx& ctx, const toml::table& root, const FactCatalog& facts, ScenarioSet& into) {
  if (!check_schema(ctx, root)) return;
  if ((root.contains("parts") || root.contains("backup_steps")) && !root.contains("id")) {
    load_parts(ctx, root, into);
  } else {
    load_scenario(ctx, root, facts, into);
  }
}

}  // namespace

// [SECTION] Files and folders -------------------------------------------------------------

void load_scenario_text(std::string_view text, const std::string& source_name, const FactCatalog& facts,
                        ScenarioSet& into) {
  Ctx ctx{source_name, into.diagnostics};
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{source_name});
  } catch (const toml::parse_error& e) {
    into.diagnostics.push_back(Diagnostic{
        Severity::error, "toml.syntax",
        SourcePos{source_name, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)},
        std::string(e.description())});
    return;
  }
  load_root(ctx, root, facts, into);
}

ScenarioSet load_scenarios(const std::vector<fs::path>& paths, const FactCatalog& facts, const PriorityGrid& priorities) {
  ScenarioSet set;
  set.priorities = priorities;
  std::set<fs::path> seen;
  auto load = [&](const fs::path& p) {
    std::error_code ec;
    const fs::path canonical_path = fs::weakly_canonical(p, ec);
    if (!seen.insert(ec ? p : canonical_path).second) return;
    // Regular files only, within the knowledge files' limit: a FIFO or a
    // device is refused at once.
    std::string text;
    if (base::FileStatus s = base::read_file(p, text, max_knowledge_file_bytes); !s) {
      set.diagnostics.push_back(Diagnostic{Severity::error,
                                           s.error == base::FileError::too_large ? "limit.file_size" : "file.unreadable",
                                           SourcePos{p.string(), 0, 0}, "cannot read the file: " + s.reason});
      return;
    }
    load_scenario_text(text, p.string(), facts, set);
  };
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (auto it = fs::directory_iterator(path, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".toml") files.push_back(it->path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) load(f);
    } else if (fs::is_regular_file(path, ec)) {
      load(path);
    } else {
      set.diagnostics.push_back(Diagnostic{Severity::error, "file.missing", SourcePos{path.string(), 0, 0},
                                           "no such file or folder"});
    }
  }
  std::stable_sort(set.scenarios.begin(), set.scenarios.end(), [](const Scenario& a, const Scenario& b) {
    return std::tie(a.competency, a.difficulty, a.id) < std::tie(b.competency, b.difficulty, b.id);
  });
  return set;
}

// [SECTION] Costs ----------------------------------------------------------------------------

int step_cost(const std::string& tree, const Node& node, const ScenarioSet& catalogue) {
  if (node.kind == NodeKind::question) return cost_question;
  if (node.kind != NodeKind::action) return 0;
  if (catalogue.part_of_step(tree + ":" + node.id)) return cost_part_swap;
  return node.commands.empty() ? cost_observation : cost_command;
}

}  // namespace diagdesk::engine
