// diagdesk problem SUB-COMMAND: problems and known errors (docs/service.md,
// "Problems and known errors"): new, list, show, update, status, link,
// unlink, candidates, article, all through workspace::ProblemDesk. Exit codes as the
// ticket commands: 2 for the user's input, 1 for the database.
//
// [SECTION] Rendering
// [SECTION] Sub-commands
// [SECTION] Registration
#include "ticket_cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/workspace/problem_desk.hpp>

#include <iostream>

namespace diagdesk::cli {

using engine::Lang;
using engine::tr;
using nlohmann::json;
using namespace ticket;

namespace {

/// Every option of every problem sub-command.
struct Opts {
  std::string number, ticket, field, value, status, note, actor, title, description, tree, conclusion, model, owner,
      codes, days = "30", article_lang;
  std::int64_t version = 0;
  bool force = false;
};

// [SECTION] Rendering -------------------------------------------------------------------

json problem_json(const service::ProblemRecord& p, const workspace::ServiceDesk& desk) {
  json out{{"number", p.number}, {"status", std::string(service::name(p.status))}, {"version", p.version},
           {"created_at", desk.config().calendar.format_local(p.created_at)},
           {"updated_at", desk.config().calendar.format_local(p.updated_at)}};
  for (const auto& f : service::problem_fields())
    out[f] = f == "error_codes" ? json(p.error_codes) : json(service::problem_field_text(p, f));
  return out;
}

json view_json(const workspace::ProblemView& v, const workspace::ServiceDesk& desk) {
  json out = problem_json(v.problem, desk);
  out["tickets"] = json::array();
  for (std::size_t i = 0; i < v.tickets.size(); ++i) {
    const auto& t = v.tickets[i];
    out["tickets"].push_back({{"number", t.number}, {"status", std::string(service::name(t.status))},
                              {"title", t.title}, {"linked_by", v.links[i].actor},
                              {"linked_at", desk.config().calendar.format_local(v.links[i].linked_at)}});
  }
  out["history"] = json::array();
  for (const auto& e : v.history) {
    out["history"].push_back({{"at", desk.config().calendar.format_local(e.at)}, {"actor", e.actor},
                              {"kind", std::string(service::name(e.kind))}, {"field", e.field},
                              {"old", e.old_value}, {"new", e.new_value}, {"note", e.note}});
  }
  return out;
}

std::string status_word(service::ProblemStatus s, Lang lang) {
  return tr("problem.status." + std::string(service::name(s)), lang);
}

void print_problem(const workspace::ProblemView& v, const workspace::ServiceDesk& desk, Lang lang) {
  const std::string c = tr("punct.colon", lang);
  const auto& p = v.problem;
  std::cout << p.number << " · " << status_word(p.status, lang) << " · " << p.title << "\n";
  for (const auto& f : service::problem_fields()) {
    const std::string value = service::problem_field_text(p, f);
    if (f == "title" || value.empty()) continue;
    std::cout << "  " << f << c << value << "\n";
  }
  std::cout << "  version" << c << p.version << "\n";
  const std::string colon_end = c.substr(0, c.find_last_not_of(' ') + 1);
  std::cout << "\n" << tr("cli.problem.tickets", lang) << colon_end << (v.tickets.empty() ? " -" : "") << "\n";
  for (const auto& t : v.tickets)
    std::cout << "  " << t.number << "  " << tr("ticket.status." + std::string(service::name(t.status)), lang) << "  "
              << t.title << "\n";
  std::cout << "\n" << tr("cli.problem.history", lang) << colon_end << "\n";
  for (const auto& e : v.history) {
    std::cout << "  " << desk.config().calendar.format_local(e.at) << "  " << e.actor << "  "
              << service::name(e.kind);
    if (e.kind != service::ProblemEventKind::created)
      std::cout << " " << e.field << c << (e.old_value.empty() ? "-" : e.old_value) << " -> "
                << (e.new_value.empty() ? "-" : e.new_value);
    if (!e.note.empty()) std::cout << " (" << e.note << ")";
    std::cout << "\n";
  }
}

// [SECTION] Sub-commands ----------------------------------------------------------------

/// The desks of one run: the ticket desk (workspace, database) and the problem desk on it.
struct Problems {
  Desk d;
  std::unique_ptr<workspace::ProblemDesk> problems;
  int open(const Globals& g) {
    if (int rc = open_desk(g, d); rc != exit_ok) return rc;
    problems = std::make_unique<workspace::ProblemDesk>(*d.desk, *d.ws);
    return exit_ok;
  }
};

int done(const Globals& g, const workspace::ProblemView& v, Problems& p, const std::string& line) {
  if (g.json) print_json(view_json(v, *p.d.desk));
  else std::cout << line << "\n";
  return exit_ok;
}

int run_new(const Globals& g, Opts& o) {
  Problems p;
  if (int rc = p.open(g); rc != exit_ok) return rc;
  workspace::NewProblem n;
  n.title = o.title;
  n.description = o.description;
  n.tree = o.tree;
  n.conclusion = o.conclusion;
  n.asset_model = o.model;
  n.owner = o.owner;
  workspace::ProblemView v;
  if (auto e = p.problems->create(n, actor_name(o.actor), v); !e.ok()) return desk_fail(e);
  if (!o.codes.empty()) {
    if (auto e = p.problems->update(v.problem.number, "error_codes", o.codes, actor_name(o.actor), v); !e.ok())
      return desk_fail(e, v.problem.number);
  }
  return done(g, v, p, say("cli.problem.created", g.language(), {v.problem.number}));
}

int run_list(const Globals& g, Opts& o) {
  const Lang lang = g.language();
  std::optional<service::ProblemStatus> status;
  if (!o.status.empty()) {
    status = service::parse_problem_status(o.status);
    if (!status) return fail(say("cli.problem.bad_status", lang, {o.status}));
  }
  Problems p;
  if (int rc = p.open(g); rc != exit_ok) return rc;
  std::vector<service::ProblemRecord> rows;
  if (auto e = p.problems->list(status, rows); !e.ok()) return desk_fail(e);
  if (g.json) {
    json out = json::array();
    for (const auto& r : rows) out.push_back(problem_json(r, *p.d.desk));
    print_json(out);
    return exit_ok;
  }
  if (rows.empty()) std::cout << tr("cli.problem.none", lang) << "\n";
  for (const auto& r : rows) std::cout << r.number << "  " << status_word(r.status, lang) << "  " << r.title << "\n";
  return exit_ok;
}

int run_show(const Globals& g, Opts& o) {
  Problems p;
  if (int rc = p.open(g); rc != exit_ok) return rc;
  workspace::ProblemView v;
  if (auto e = p.problems->get(o.number, v); !e.ok()) return desk_fail(e, o.number);
  if (g.json) print_json(view_json(v, *p.d.desk));
  else print_problem(v, *p.d.desk, g.language());
  return exit_ok;
}

int run_update(const Globals& g, Opts& o) {
  Problems p;
  if (int rc = p.open(g); rc != exit_ok) return rc;
  workspace::ProblemView v;
  if (auto e = p.problems->update(o.number, o.field, o.value, actor_name(o.actor), v, o.version); !e.ok())
    return desk_fail(e, o.number);
  return done(g, v, p, say("cli.problem.changed", g.language(),
                           {v.problem.number, o.field + " = " + service::problem_field_text(v.problem, o.field),
                            std::to_string(v.problem.version)}));
}

int run_status(const Globals& g, Opts& o) {
  const Lang lang = g.language();
  const auto to = service::parse_problem_status(o.status);
  if (!to) return fail(say("cli.problem.bad_status", lang, {o.status}));
  Problems p;
  if (int rc = p.open(g); rc != exit_ok) return rc;
  workspace::ProblemView v;
  if (auto e = p.problems->set_status(o.number, *to, o.note, actor_name(o.actor), v, o.version); !e.ok())
    return desk_fail(e, o.number);
  return done(g, v, p, say("cli.problem.changed", lang,
                           {v.problem.number, status_word(v.problem.status, lang), std::to_string(v.problem.version)}));
}

int run_relink(const Globals& g, Opts& o, bool link) {
  Problems p;
  if (int rc = p.open(g); rc != exit_ok) return rc;
  workspace::ProblemView v;
  const auto e = link ? p.problems->link(o.number, o.ticket, actor_name(o.actor), v)
                      : p.problems->unlink(o.number, o.ticket, actor_name(o.actor), v);
  if (!e.ok()) return desk_fail(e, e.message.rfind(o.ticket, 0) == 0 ? o.ticket : o.number);
  return done(g, v, p, say(link ? "cli.problem.linked" : "cli.problem.unlinked", g.language(), {o.ticket, o.number}));
}

int run_link(const Globals& g, Opts& o) { return run_relink(g, o, true); }
int run_unlink(const Globals& g, Opts& o) { return run_relink(g, o, false); }

int run_candidates(const Globals& g, Opts& o) {
  const Lang lang = g.language();
  const bool digits = !o.days.empty() && o.days.size() <= 5 && o.days.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) return fail(say("cli.problem.bad_days", lang, {o.days}));
  Problems p;
  if (int rc = p.open(g); rc != exit_ok) return rc;
  std::vector<workspace::ProblemCandidate> found;
  if (auto e = p.problems->candidates(o.number, std::stoi(o.days), found); !e.ok()) return desk_fail(e, o.number);
  if (g.json) {
    json out = json::array();
    for (const auto& c : found) {
      json reasons = json::array();
      for (auto r : c.reasons) reasons.push_back(std::string(workspace::name(r)));
      out.push_back({{"number", c.ticket.number}, {"title", c.ticket.title},
                     {"status", std::string(service::name(c.ticket.status))}, {"reasons", reasons},
                     {"asset_model", c.asset_model}, {"shared_words", c.shared_words},
                     {"text_percent", c.text_percent}});
    }
    print_json(out);
    return exit_ok;
  }
  if (found.empty()) {
    std::cout << say("cli.problem.no_candidates", lang, {o.days}) << "\n";
    return exit_ok;
  }
  for (const auto& c : found) {
    std::string why;
    for (auto r : c.reasons) {
      std::string part = tr("problem.reason." + std::string(workspace::name(r)), lang);
      if (r == workspace::CandidateReason::asset_model) part += " (" + c.asset_model + ")";
      if (r == workspace::CandidateReason::text) {
        std::string words;
        for (const auto& w : c.shared_words) words += (words.empty() ? "" : ", ") + w;
        part += " (" + std::to_string(c.text_percent) + " %" + (words.empty() ? "" : ": " + words) + ")";
      }
      why += (why.empty() ? "" : " · ") + part;
    }
    std::cout << c.ticket.number << "  " << c.ticket.title << "  [" << why << "]\n";
  }
  std::cout << say("cli.problem.link_next", lang, {o.number, found.front().ticket.number}) << "\n";
  return exit_ok;
}

int run_article(const Globals& g, Opts& o) {
  const Lang lang = g.language();
  if (!o.article_lang.empty() && o.article_lang != "fr" && o.article_lang != "en")
    return fail(say("cli.problem.bad_lang", lang, {o.article_lang}));
  const Lang in = o.article_lang.empty() ? lang : (o.article_lang == "fr" ? Lang::fr : Lang::en);
  Problems p;
  if (int rc = p.open(g); rc != exit_ok) return rc;
  workspace::ArticleDraft a;
  // A problem (PRB-...) or a resolved ticket (INC-... / DEM-...).
  const bool problem = o.number.rfind("PRB-", 0) == 0;
  const auto e = problem ? p.problems->draft_article(o.number, in, o.force, actor_name(o.actor), a)
                         : p.problems->draft_article_from_ticket(o.number, in, o.force, actor_name(o.actor), a);
  if (!e.ok()) return desk_fail(e, o.number);
  if (g.json) {
    print_json({{"id", a.id}, {"path", a.path.string()}, {"stub_id", a.stub_id}, {"stub_path", a.stub_path.string()},
                {"index_updated", a.index_updated}, {"index", a.index_note}});
    return exit_ok;
  }
  std::cout << say("cli.problem.article", lang, {a.id, a.path.string()}) << "\n"
            << say("cli.problem.stub", lang, {a.stub_id, a.stub_path.string()}) << "\n"
            << a.index_note << "\n";
  return exit_ok;
}

// [SECTION] Registration ----------------------------------------------------------------

}  // namespace

Runner add_problem(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("problem", "Problems and known errors: new, list, show, update, status, link, "
                                            "unlink, candidates, article");
  cmd->require_subcommand(1);
  static Opts o;
  using Handler = int (*)(const Globals&, Opts&);
  auto handlers = std::make_shared<std::vector<std::pair<CLI::App*, Handler>>>();
  auto sub = [&](const char* name, const char* help, Handler h, bool number) {
    auto* s = cmd->add_subcommand(name, help);
    s->add_flag("--json", g.json, "Print the result as JSON");
    if (number) s->add_option("number", o.number, "Problem number (PRB-2026-000001)")->required();
    handlers->emplace_back(s, h);
    return s;
  };
  auto actor = [&](CLI::App* s) {
    s->add_option("--operator", o.actor, "Who makes the change (default: $DIAGDESK_OPERATOR, then $USER)");
  };
  auto* s = sub("new", "Open a problem", &run_new, false);
  s->add_option("--title", o.title, "What goes wrong, in a line")->required();
  s->add_option("--description", o.description, "More words about it");
  s->add_option("--tree", o.tree, "The tree its incidents end in");
  s->add_option("--conclusion", o.conclusion, "The conclusion node of --tree");
  s->add_option("--model", o.model, "The asset model concerned");
  s->add_option("--owner", o.owner, "Who drives it (default: the operator)");
  s->add_option("--error-codes", o.codes, "Error codes, comma-separated");
  actor(s);
  s = sub("list", "The problems, newest first", &run_list, false);
  s->add_option("--status", o.status, "open | known_error | resolved | closed");
  sub("show", "Fields, linked incidents and history of a problem", &run_show, true);
  s = sub("update", "Change one field of a problem", &run_update, true);
  s->add_option("field", o.field, "title, description, root_cause, workaround, solution, error_codes, tree, "
                                  "conclusion, asset_model, owner")->required();
  s->add_option("value", o.value, "New value (\"\" clears it)")->required();
  s->add_option("--version", o.version, "Refuse if the problem is no longer at this version");
  actor(s);
  s = sub("status", "Move a problem: known_error (needs root cause and workaround), resolved (needs a solution), "
                    "closed, open", &run_status, true);
  s->add_option("status", o.status, "known_error | resolved | closed | open")->required();
  s->add_option("--note", o.note, "Why");
  s->add_option("--version", o.version, "Refuse if the problem is no longer at this version");
  actor(s);
  s = sub("link", "Link an incident to the problem", &run_link, true);
  s->add_option("incident", o.ticket, "Incident number (INC-2026-000001)")->required();
  actor(s);
  s = sub("unlink", "Unlink an incident from the problem", &run_unlink, true);
  s->add_option("incident", o.ticket, "Incident number")->required();
  actor(s);
  s = sub("candidates", "Open incidents that may belong to the problem, each with why", &run_candidates, true);
  s->add_option("--days", o.days, "How many days back (default 30)");
  s = sub("article", "Draft the known-error article of a problem, or of a resolved ticket, in your KB layer (and a stub to translate)",
          &run_article, true);
  s->add_option("--in", o.article_lang, "The article's language: fr | en (default: the interface's)");
  s->add_flag("--force", o.force, "Replace an article drafted before");
  actor(s);
  return [&g, handlers] {
    for (auto& [sc, h] : *handlers) {
      if (sc->parsed()) return h(g, o);
    }
    return exit_usage;
  };
}

}  // namespace diagdesk::cli
