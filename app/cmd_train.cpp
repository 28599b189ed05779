// diagdesk train [SCENARIO]: training scenarios, interactive or scripted
// (--actions), with the scenario list (--list), progress (--progress) and
// the expert path for authors (--expert). Rules in docs/training.md.
//
// [SECTION] Options and helpers
// [SECTION] Showing the scenario, steps and replies
// [SECTION] The debrief
// [SECTION] JSON
// [SECTION] Progress database
// [SECTION] Scripted mode
// [SECTION] Interactive mode
// [SECTION] --list, --progress, --expert
// [SECTION] Registration
#include "cli.hpp"
#include "train_quote.hpp"
#include "train_ticket.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/training_lint.hpp>
#include <diagdesk/workspace/quote_training.hpp>
#include <diagdesk/workspace/training.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace diagdesk::cli {

using engine::Lang;
using engine::tr;
using engine::format_text;

namespace {

// [SECTION] Options and helpers -------------------------------------------------------------

struct TrainOptions {
  std::string scenario;
  std::string mode = "guided";
  std::string trainee;
  std::string actions;
  bool list = false;
  bool progress = false;
  bool expert = false;
  bool no_record = false;
};

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::vector<std::string> split_tokens(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    const auto b = item.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    out.push_back(item.substr(b, item.find_last_not_of(" \t") - b + 1));
  }
  return out;
}

bool read_line(std::string& line) {
  if (!std::getline(std::cin, line)) return false;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  while (!line.empty() && line.front() == ' ') line.erase(0, 1);
  return true;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// An article file of `topic` in `lang` (else the other language) in any layer.
std::optional<std::filesystem::path> article_file(const workspace::Workspace& ws, const std::string& topic, Lang lang) {
  for (Lang l : {lang, engine::other(lang)}) {
    for (auto it = ws.layers().rbegin(); it != ws.layers().rend(); ++it) {
      const auto p = it->path / "articles" / std::string(engine::lang_code(l)) / (topic + ".md");
      std::error_code ec;
      if (std::filesystem::is_regular_file(p, ec)) return p;
    }
  }
  return std::nullopt;
}

std::string competency_name(int c, Lang lang) { return tr("train.competency_" + std::to_string(c), lang); }

std::string difficulty_stars(int d) { return std::string(static_cast<std::size_t>(std::clamp(d, 1, 3)), '*'); }

/// `text` padded with spaces to `width` characters (UTF-8 aware, for accents).
std::string pad(const std::string& text, std::size_t width) {
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return chars >= width ? text + " " : text + std::string(width - chars, ' ');
}

/// ": " in English, " : " in French typography.
const char* colon(Lang lang) { return lang == Lang::fr ? " : " : ": "; }

// [SECTION] Showing the scenario, steps and replies -------------------------------------------

void print_scenario(std::ostream& out, const engine::Scenario& s, engine::Mode mode, Lang lang) {
  out << "\n== " << tr("train.scenario", lang) << colon(lang) << s.title.get(lang) << " ==\n";
  out << "   C" << s.competency << " " << competency_name(s.competency, lang) << " · " << tr("train.difficulty", lang) << " "
      << difficulty_stars(s.difficulty) << " · " << tr("train.mode", lang) << " " << tr("train.mode_" + std::string(engine::mode_name(mode)), lang)
      << "\n";
  out << "   " << tr("train.asset", lang) << colon(lang) << s.context.asset.get(lang) << "\n";
  out << "   " << tr("train.os", lang) << colon(lang) << s.context.os.get(lang) << "\n";
  out << "   " << tr("train.user", lang) << colon(lang) << s.context.user.get(lang) << "\n";
  out << "   " << tr("train.site", lang) << colon(lang) << s.context.site.get(lang) << "\n";
  train_ticket::print_opening(out, s, lang);
  out << "\n" << tr("train.user_says", lang) << " « " << s.complaint.get(lang) << " »\n";
}

void print_node(std::ostream& out, const engine::Knowledge& k, const engine::ScenarioSet& set, const std::string& tree,
                const engine::Node& n, Lang lang) {
  out << "\n[" << tree << ":" << n.id << "] " << n.text.get(lang) << "  (" << engine::step_cost(tree, n, set) << " "
      << tr("train.units", lang) << ")\n";
  for (const auto& w : n.warnings) {
    out << "  !!! " << tr("cli.warning", lang) << " (" << tr("warning." + std::string(engine::warning_kind_name(w.kind)), lang)
        << "): " << w.text.get(lang) << "\n";
  }
  if (!n.commands.empty()) {
    out << "  " << tr("cli.commands", lang) << ":\n";
    for (const auto& c : n.commands) out << "    " << c.os << ": " << c.cmd << "\n";
  }
  if (!n.articles.empty()) {
    out << "  " << tr("cli.articles", lang) << ":";
    for (const auto& a : n.articles) out << " " << a;
    out << "\n";
  }
  (void)k;
}

/// "User: « ... »" for questions, "Result: ..." for tests.
void say_reply(std::ostream& out, const engine::Knowledge& k, const engine::Simulator& sim, const std::string& tree,
               const std::string& node, const engine::Reply& reply, Lang lang) {
  const engine::Node* n = k.find_node(node, tree);
  const bool test = n && n->kind == engine::NodeKind::action;
  out << "  " << tr(test ? "train.result" : "train.user", lang) << ": « " << sim.say(tree, node, reply, lang) << " »\n";
}

void print_conclusion(std::ostream& out, const engine::Knowledge& k, const std::string& ref, Lang lang) {
  const engine::Node* n = k.find_node(ref);
  if (!n) return;
  out << "\n== " << tr("report.conclusion", lang) << " ==\n" << n->diagnosis.get(lang) << "\n";
  out << tr("report.outcome", lang) << ": " << tr("outcome." + std::string(engine::outcome_name(n->outcome)), lang) << "\n";
  for (const auto& w : n->warnings) {
    out << "  !!! " << tr("cli.warning", lang) << ": " << w.text.get(lang) << "\n";
  }
  out << tr("cli.remedy", lang) << ":\n";
  for (std::size_t i = 0; i < n->remedy.size(); ++i) out << "  " << (i + 1) << ". " << n->remedy[i].get(lang) << "\n";
  out << "\n" << tr("train.after_diagnosis", lang) << "\n";
}

// [SECTION] The debrief ------------------------------------------------------------------------

void print_debrief(std::ostream& out, const engine::TrainingRun& run, Lang lang) {
  const engine::Score s = run.score();
  const engine::Debrief d = run.debrief(lang);
  out << "\n== " << tr("train.debrief", lang) << colon(lang) << d.scenario << " ==\n";
  out << tr("train.hidden_fault", lang) << colon(lang) << d.hidden_fault << "\n\n";
  out << tr("train.score", lang) << colon(lang) << s.total << "/100\n";
  auto part = [&](const char* key, int got, int max) {
    out << "  " << pad(tr(key, lang), 30) << std::right << std::setw(3) << got << "/" << max << "\n";
  };
  part("train.points_diagnosis", s.p_diagnosis, engine::points_diagnosis);
  part("train.points_outcome", s.p_outcome, engine::points_outcome);
  part("train.points_priority", s.p_priority, engine::points_priority);
  part("train.points_efficiency", s.p_efficiency, engine::points_efficiency);
  part("train.points_method", s.p_method, 6 * engine::points_method_step);
  part("train.points_articles", s.p_articles, engine::points_articles);
  train_quote::print_points(out, s, lang);  // the quote step of proposal scenarios
  out << "  " << pad(tr("train.points_penalties", lang), 30) << std::right << std::setw(3) << -s.p_penalties << "\n";

  out << "\n" << tr("train.paths", lang) << "\n";
  int n = 0;
  for (const auto& r : d.rows) {
    const char* mark = "=";
    switch (r.kind) {
      case engine::DebriefRow::Kind::same: mark = "="; break;
      case engine::DebriefRow::Kind::misread: mark = "!"; break;
      case engine::DebriefRow::Kind::trainee_only: mark = "+"; break;
      case engine::DebriefRow::Kind::expert_only: mark = "-"; break;
      case engine::DebriefRow::Kind::tree: mark = ">"; break;
      case engine::DebriefRow::Kind::diagnosis: mark = "*"; break;
    }
    out << std::right << std::setw(3) << ++n << " " << mark << " ";
    if (r.kind == engine::DebriefRow::Kind::tree) {
      out << r.trainee << "\n";
    } else {
      out << r.step;
      if (!r.ref.empty() && r.kind != engine::DebriefRow::Kind::diagnosis) out << "  [" << r.ref << "]";
      out << "\n";
      if (!r.trainee.empty()) out << "        " << tr("train.you", lang) << ": " << r.trainee << "\n";
      if (!r.expert.empty()) out << "        " << tr("train.expert", lang) << ": " << r.expert << "\n";
    }
    if (!r.explanation.empty()) out << "        -> " << r.explanation << "\n";
  }
  // Efficiency against the optimum (issue 16): the trainee's minutes beside the optimal sequence.
  out << "\n" << tr("train.efficiency.title", lang) << "\n  " << d.efficiency << "\n";
  out << "\n" << tr("train.method", lang) << "\n";
  for (const auto& l : d.method) out << "  " << l << "\n";
  out << "\n" << tr("train.findings", lang) << "\n";
  for (const auto& f : d.findings) out << "  - " << f << "\n";
  train_quote::print_debrief(out, run, s, lang);  // proposal scenarios: the quote line by line
}

// [SECTION] JSON ---------------------------------------------------------------------------------

nlohmann::json reply_json(const engine::Simulator& sim, const std::string& tree, const std::string& node,
                          const engine::Reply& r, Lang lang) {
  nlohmann::json j{{"kind", std::string(engine::reply_kind_name(r.kind))}, {"text", sim.say(tree, node, r, lang)}};
  if (!r.choice.empty()) j["choice"] = r.choice;
  if (!r.value.empty()) j["value"] = r.value;
  if (!r.source.empty()) j["source"] = r.source;
  return j;
}

nlohmann::json run_json(const engine::TrainingRun& run, Lang lang) {
  using nlohmann::json;
  const engine::Score s = run.score();
  const engine::Debrief d = run.debrief(lang);
  auto opt_level = [](std::optional<engine::Level> l) { return l ? json(std::string(engine::level_name(*l))) : json(nullptr); };
  json out;
  out["scenario"] = run.scenario().id;
  out["mode"] = std::string(engine::mode_name(run.mode()));
  out["lang"] = std::string(engine::lang_code(lang));
  json score;
  score["total"] = s.total;
  score["diagnosis"] = {{"given", s.diagnosis}, {"expected", s.expected_diagnosis}, {"ok", s.diagnosis_ok}, {"points", s.p_diagnosis}};
  score["outcome"] = {{"given", s.outcome ? json(std::string(engine::outcome_name(*s.outcome))) : json(nullptr)},
                      {"expected", std::string(engine::outcome_name(s.expected_outcome))},
                      {"ok", s.outcome_ok}, {"points", s.p_outcome}};
  score["priority"] = {{"impact", opt_level(s.impact)}, {"urgency", opt_level(s.urgency)}, {"given", s.priority},
                       {"expected_impact", std::string(engine::level_name(s.expected_impact))},
                       {"expected_urgency", std::string(engine::level_name(s.expected_urgency))},
                       {"expected", s.expected_priority}, {"ok", s.priority_ok}, {"points", s.p_priority}};
  score["efficiency"] = {{"percent", s.efficiency}, {"expert_cost", s.expert_cost}, {"trainee_cost", s.trainee_cost},
                         {"points", s.p_efficiency}};
  // Efficiency against the optimum (issue 16): null when the scenario's tree has no model.
  score["efficiency"]["optimum"] = nullptr;
  if (s.optimum) {
    const engine::OptimumFigure& f = *s.optimum;
    json seq = json::array();
    for (const auto& st : f.plan.sequence) {
      seq.push_back({{"tree", st.tree}, {"node", st.node}, {"text", st.text.get(lang)}, {"minutes", st.minutes},
                     {"answer", st.answer.get(lang)}, {"from_expert", st.from_expert}});
    }
    score["efficiency"]["optimum"] = {{"minutes", f.plan.minutes}, {"trainee_minutes", f.trainee_minutes},
                                      {"expert_minutes", f.plan.expert_minutes}, {"percent", f.percent},
                                      {"points_percent", f.points_percent}, {"exact", f.plan.exact},
                                      {"sequence", std::move(seq)}};
  }
  score["method"] = {{"identify", s.method.identify}, {"theory", s.method.theory}, {"test", s.method.test},
                     {"implement", s.method.implement}, {"verify", s.method.verify}, {"document", s.method.document},
                     {"steps", s.method.count()}, {"points", s.p_method}};
  score["articles"] = {{"read", s.articles_read}, {"missed", s.articles_missed}, {"hit", s.articles_hit}, {"points", s.p_articles}};
  score["penalties"] = json::array();
  for (const auto& p : s.penalties) score["penalties"].push_back({{"code", p.code}, {"ref", p.ref}, {"points", p.points}});
  score["penalty_points"] = s.p_penalties;
  if (s.ticket) score["ticket"] = train_ticket::score_json(s);
  if (s.quote.scored) score["quote"] = train_quote::score_json(s);
  score["time_units"] = s.time_units;
  score["expert_time_units"] = s.expert_time_units;
  out["score"] = std::move(score);

  out["actions"] = json::array();
  for (const auto& a : run.actions()) {
    json j{{"kind", std::string(engine::action_kind_name(a.kind))}, {"cost", a.cost}};
    if (!a.tree.empty()) j["tree"] = a.tree;
    if (!a.node.empty()) j["node"] = a.node;
    if (!a.value.empty()) j["value"] = a.value;
    if (a.kind == engine::TraineeAction::Kind::step) {
      j["reply"] = reply_json(run.simulator(), a.tree, a.node, a.reply, lang);
      if (a.recorded_dont_know) j["recorded_dont_know"] = true;
    }
    for (auto [flag, name] : {std::pair{a.redundant, "redundant"}, std::pair{a.off_topic, "off_topic"},
                              std::pair{a.misread, "misread"}, std::pair{a.warning_skipped, "warning_skipped"},
                              std::pair{a.backup_missing, "backup_missing"}}) {
      if (flag) j[name] = true;
    }
    if (!a.wrong_part.empty()) j["wrong_part"] = a.wrong_part;
    out["actions"].push_back(std::move(j));
  }
  json expert;
  expert["conclusion"] = run.expert().conclusion;
  expert["cost"] = run.expert().cost;
  expert["trees"] = run.expert().trees;
  expert["steps"] = json::array();
  for (const auto& e : run.expert().steps) {
    expert["steps"].push_back({{"tree", e.tree}, {"node", e.node}, {"cost", e.cost},
                               {"reply", reply_json(run.simulator(), e.tree, e.node, e.reply, lang)}});
  }
  if (!run.expert().error.empty()) expert["error"] = run.expert().error;
  out["expert"] = std::move(expert);
  json rows = json::array();
  for (const auto& r : d.rows) {
    rows.push_back({{"kind", std::string(engine::debrief_kind_name(r.kind))}, {"ref", r.ref}, {"step", r.step},
                    {"trainee", r.trainee}, {"expert", r.expert}, {"explanation", r.explanation}});
  }
  out["debrief"] = {{"hidden_fault", d.hidden_fault}, {"rows", rows}, {"method", d.method}, {"findings", d.findings}};
  out["debrief"]["efficiency"] = d.efficiency;  // efficiency against the optimum (issue 16)
  return out;
}

// [SECTION] Progress database -----------------------------------------------------------------------

/// Opens the progress store, telling the user (stderr) about a damaged file.
std::unique_ptr<workspace::ProgressStore> open_progress(const workspace::Workspace& ws, Lang lang, std::string* notice) {
  auto opened = workspace::ProgressStore::open(workspace::progress_file(ws));
  if (!opened.moved_to.empty()) {
    *notice = format_text(tr("train.progress_corrupt", lang), {opened.moved_to});
    std::cerr << "diagdesk: " << *notice << "\n";
  }
  if (!opened.error.empty()) std::cerr << "diagdesk: " << opened.error << "\n";
  return std::move(opened.store);
}

/// Records a finished run; returns whether it was recorded.
bool record_run(workspace::ProgressStore* store, const engine::TrainingRun& run, const std::string& trainee,
                std::int64_t seconds) {
  if (!store) return false;
  if (auto err = store->record(workspace::make_attempt(run, trainee, seconds, now_seconds())); !err.empty()) {
    std::cerr << "diagdesk: " << err << "\n";
    return false;
  }
  return true;
}

/// The trainee's best score per scenario.
std::map<std::string, int> best_scores(workspace::ProgressStore* store, const std::string& trainee) {
  std::map<std::string, int> best;
  if (!store) return best;
  for (const auto& a : store->attempts(trainee)) best[a.scenario] = std::max(best.count(a.scenario) ? best[a.scenario] : 0, a.score);
  return best;
}

// [SECTION] Scripted mode -----------------------------------------------------------------------------

bool article_exists(const workspace::Workspace& ws, const std::string& token, Lang lang) {
  if (token.rfind("kb=", 0) != 0) return true;
  return article_file(ws, token.substr(3), lang).has_value();
}

int run_scripted(engine::TrainingRun& run, const workspace::Workspace& ws, const TrainOptions& o, const Globals& g,
                 const std::string& trainee) {
  const Lang lang = g.language();
  const auto tokens = split_tokens(o.actions);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!article_exists(ws, tokens[i], lang)) {
      return fail("action " + std::to_string(i + 1) + " '" + tokens[i] + "': no such article");
    }
    if (run.act(tokens[i]) != engine::ActionError::none) {
      return fail("action " + std::to_string(i + 1) + " '" + tokens[i] + "' refused: " + run.last_error());
    }
  }
  std::string notice;
  std::unique_ptr<workspace::ProgressStore> store;
  if (!o.no_record) store = open_progress(ws, lang, &notice);
  const bool recorded = record_run(store.get(), run, trainee, 0);
  if (g.json) {
    auto j = run_json(run, lang);
    j["trainee"] = trainee;
    j["recorded"] = recorded;
    if (!notice.empty()) j["notice"] = notice;
    print_json(j);
  } else {
    print_scenario(std::cout, run.scenario(), run.mode(), lang);
    print_debrief(std::cout, run, lang);
  }
  return exit_ok;
}

/// `train SCENARIO --json` without --actions: the call as it starts (nothing
/// is played, scored or recorded), for scripts that then send --actions.
int print_call_opening(const engine::Scenario& s, const engine::TrainingRun& run, Lang lang) {
  nlohmann::json given = nlohmann::json::object();
  for (const auto& key : s.given)
    if (auto it = s.facts.find(key); it != s.facts.end()) given[key] = it->second;
  print_json({{"scenario", s.id},
              {"status", "call_started"},
              {"mode", std::string(engine::mode_name(run.mode()))},
              {"lang", std::string(engine::lang_code(lang))},
              {"title", s.title.get(lang)},
              {"competency", s.competency},
              {"difficulty", s.difficulty},
              {"complaint", s.complaint.get(lang)},
              {"context",
               {{"asset", s.context.asset.get(lang)},
                {"os", s.context.os.get(lang)},
                {"user", s.context.user.get(lang)},
                {"site", s.context.site.get(lang)}}},
              {"given_facts", given},
              {"ticket", train_ticket::opening_json(s, lang)}});
  return exit_ok;
}

// [SECTION] Interactive mode ---------------------------------------------------------------------------

/// Normalises "kb net.apipa" to "kb=net.apipa" and the like.
std::string normalise_command(const std::string& line) {
  for (const char* key : {"tree", "kb", "impact", "urgency", "outcome", "diagnosis", "type", "priority", "escalate"}) {
    const std::string k = key;
    if (line.size() > k.size() + 1 && line.compare(0, k.size(), k) == 0 && line[k.size()] == ' ') {
      return k + "=" + line.substr(line.find_first_not_of(' ', k.size()));
    }
  }
  return line;
}

struct Listing {
  std::vector<std::string> refs;  ///< what a number picks
};

void list_trees(const workspace::Workspace& ws, Lang lang, Listing& listing) {
  listing.refs.clear();
  std::cout << tr("cli.choose_tree", lang) << "\n";
  for (const auto& t : ws.trees(lang)) {
    listing.refs.push_back("tree=" + t.id);
    std::cout << "  " << std::right << std::setw(3) << listing.refs.size() << ") " << t.title << "  [" << t.id << "]\n";
  }
}

/// Free mode: the catalogue of questions and tests (or conclusions), filtered by a word.
void list_catalogue(const workspace::Workspace& ws, const engine::ScenarioSet& set, Lang lang, const std::string& filter,
                    bool conclusions, Listing& listing) {
  listing.refs.clear();
  const std::string f = lower(filter);
  for (const auto& t : ws.knowledge()->trees()) {
    for (const auto& n : t.nodes) {
      const bool is_conclusion = n.kind == engine::NodeKind::conclusion;
      if (is_conclusion != conclusions) continue;
      if (!is_conclusion && n.kind != engine::NodeKind::question && n.kind != engine::NodeKind::action) continue;
      const std::string text = is_conclusion ? n.diagnosis.get(lang) : n.text.get(lang);
      const std::string ref = t.id + ":" + n.id;
      if (!f.empty() && lower(ref + " " + text).find(f) == std::string::npos) continue;
      listing.refs.push_back(is_conclusion ? "diagnosis=" + ref : ref);
      std::cout << "  " << std::right << std::setw(3) << listing.refs.size() << ") " << ref;
      if (!is_conclusion) std::cout << " (" << engine::step_cost(t.id, n, set) << ")" << (n.warnings.empty() ? "" : " !!!");
      std::cout << "  " << text << "\n";
    }
  }
  if (listing.refs.empty()) std::cout << "  " << tr("train.nothing_listed", lang) << "\n";
}

void show_guided_step(const engine::TrainingRun& run, Lang lang) {
  const engine::Session* s = run.session();
  if (!s) return;
  if (run.diagnosed()) return;
  print_step(std::cout, *s, lang);
  if (!s->step().warnings.empty()) std::cout << "  " << tr("train.hint_ack", lang) << "\n";
  if (auto r = run.current_reply()) {
    say_reply(std::cout, s->knowledge(), run.simulator(), s->step().tree, s->step().node, *r, lang);
  }
}

int run_interactive(engine::TrainingRun& run, const workspace::Workspace& ws, const engine::ScenarioSet& set,
                    const TrainOptions& o, const Globals& g, const std::string& trainee) {
  const Lang lang = g.language();
  std::string notice;
  std::unique_ptr<workspace::ProgressStore> store;
  if (!o.no_record) store = open_progress(ws, lang, &notice);
  const std::int64_t started = now_seconds();
  const bool guided = run.mode() == engine::Mode::guided;
  print_scenario(std::cout, run.scenario(), run.mode(), lang);
  std::cout << "\n" << tr(guided ? "train.help_guided" : "train.help_free", lang) << "\n";
  // A ticket scenario starts with its qualification, asked in turn.
  auto asked = train_ticket::Asked::done;
  if (run.is_ticket()) {
    std::cout << tr("train.ticket.help", lang) << "\n";
    asked = train_ticket::ask_qualification(run, std::cin, std::cout, lang);
    if (asked == train_ticket::Asked::quit) {
      std::cout << tr("train.abandoned", lang) << "\n";
      return exit_ok;
    }
  }
  Listing listing;
  if (guided && asked == train_ticket::Asked::done) list_trees(ws, lang, listing);
  std::string line;
  while (asked == train_ticket::Asked::done) {
    std::cout << (run.diagnosed() ? tr("train.prompt_after", lang) : tr("train.prompt", lang)) << " > " << std::flush;
    if (!read_line(line)) {
      std::cout << "\n";
      break;
    }
    if (line.empty()) continue;
    if (line == "q" || line == "quit") {
      std::cout << tr("train.abandoned", lang) << "\n";
      return exit_ok;
    }
    if (line == "done" || line == "fin") {
      // A ticket's call ends with resolve, pending or an escalation: ask when not said yet.
      if (run.is_ticket() && !train_ticket::call_closed(run) &&
          train_ticket::ask_disposition(run, std::cin, std::cout, lang) == train_ticket::Asked::quit) {
        std::cout << tr("train.abandoned", lang) << "\n";
        return exit_ok;
      }
      break;
    }
    if (line == "h" || line == "help" || line == "aide") {
      std::cout << tr(guided ? "train.help_guided" : "train.help_free", lang) << "\n";
      if (run.is_ticket()) std::cout << tr("train.ticket.help", lang) << "\n";
      continue;
    }
    if (line == "trees" || line == "arbres") {
      list_trees(ws, lang, listing);
      continue;
    }
    if (line == "status" || line == "etat") {
      std::cout << "  " << tr("train.time_so_far", lang) << ": " << run.time_units() << " " << tr("train.units", lang) << "\n";
      for (const auto& [key, value] : run.known()) std::cout << "  " << key << " = " << value << "\n";
      continue;
    }
    if (!guided && (line == "list" || line.rfind("list ", 0) == 0)) {
      list_catalogue(ws, set, lang, line.size() > 5 ? line.substr(5) : "", false, listing);
      continue;
    }
    if (!guided && (line == "conclusions" || line.rfind("conclusions ", 0) == 0)) {
      list_catalogue(ws, set, lang, line.size() > 12 ? line.substr(12) : "", true, listing);
      continue;
    }
    if (line.rfind("show ", 0) == 0) {
      const std::string ref = line.substr(5);
      const engine::Node* n = ws.knowledge()->find_node(ref);
      if (!n || ref.find(':') == std::string::npos) std::cout << tr("train.unknown_step", lang) << "\n";
      else print_node(std::cout, *ws.knowledge(), set, ref.substr(0, ref.find(':')), *n, lang);
      continue;
    }
    if (train_quote::command(std::cout, run, line, lang)) continue;  // quote step: search, lines
    std::string token = normalise_command(line);
    // A bare number picks from the last list (trees before a tree is open, catalogue in free mode).
    const bool number = token.find_first_not_of("0123456789") == std::string::npos;
    if (number && (!guided || !run.session()) && !listing.refs.empty()) {
      const std::size_t i = std::stoul(token);
      if (i < 1 || i > listing.refs.size()) {
        std::cout << tr("cli.not_a_choice", lang) << "\n";
        continue;
      }
      token = listing.refs[i - 1];
    }
    if (token.rfind("kb=", 0) == 0) {
      auto file = article_file(ws, token.substr(3), lang);
      if (!file) {
        std::cout << tr("train.unknown_article", lang) << "\n";
        continue;
      }
      std::ifstream in(*file);
      std::string l;
      int fences = 0, shown = 0;
      while (std::getline(in, l) && shown < 14) {
        if (l == "+++") {
          ++fences;
          continue;
        }
        if (fences == 1 && l.rfind("title", 0) == 0) std::cout << "\n  == " << l.substr(l.find('=') + 1) << "\n";
        if (fences >= 2 && !l.empty()) {
          std::cout << "  " << l << "\n";
          ++shown;
        }
      }
      std::cout << "  (" << file->string() << ")\n";
    }
    const bool was_diagnosed = run.diagnosed();
    const std::size_t before = run.actions().size();
    if (run.act(token) != engine::ActionError::none) {
      std::cout << tr("train.refused", lang) << ": " << run.last_error() << "\n";
      continue;
    }
    // Show what the action brought.
    for (std::size_t i = before; i < run.actions().size(); ++i) {
      const auto& a = run.actions()[i];
      if (a.kind == engine::TraineeAction::Kind::quote) train_quote::print_lines(std::cout, run, lang);
      if (a.kind == engine::TraineeAction::Kind::step && !guided) {
        if (const engine::Node* n = ws.knowledge()->find_node(a.node, a.tree)) print_node(std::cout, *ws.knowledge(), set, a.tree, *n, lang);
        say_reply(std::cout, *ws.knowledge(), run.simulator(), a.tree, a.node, a.reply, lang);
      } else if (a.kind == engine::TraineeAction::Kind::article || a.kind == engine::TraineeAction::Kind::backup ||
                 a.kind == engine::TraineeAction::Kind::ack || a.kind == engine::TraineeAction::Kind::verify ||
                 a.kind == engine::TraineeAction::Kind::document || a.kind == engine::TraineeAction::Kind::impact ||
                 a.kind == engine::TraineeAction::Kind::urgency || a.kind == engine::TraineeAction::Kind::outcome ||
                 a.kind == engine::TraineeAction::Kind::type || a.kind == engine::TraineeAction::Kind::priority ||
                 a.kind == engine::TraineeAction::Kind::resolve || a.kind == engine::TraineeAction::Kind::pending ||
                 a.kind == engine::TraineeAction::Kind::escalate) {
        std::cout << "  " << tr("train.noted", lang) << " (" << engine::action_kind_name(a.kind)
                  << (a.value.empty() ? "" : ": " + a.value) << ")\n";
      }
    }
    if (!was_diagnosed && run.diagnosed()) {
      print_conclusion(std::cout, *ws.knowledge(), run.diagnosis(), lang);
      if (run.is_ticket()) std::cout << tr("train.ticket.help", lang) << "\n";
      train_quote::print_intro(std::cout, run, lang);  // proposal scenarios: the quote step
    } else if (guided && !run.diagnosed()) {
      show_guided_step(run, lang);
    }
  }
  const bool recorded = record_run(store.get(), run, trainee, now_seconds() - started);
  print_debrief(std::cout, run, lang);
  if (recorded) std::cout << "\n" << format_text(tr("train.recorded", lang), {trainee}) << "\n";
  return exit_ok;
}

/// Asks which scenario to play (number or id); empty when the user gives up.
std::string choose_scenario(const engine::ScenarioSet& set, Lang lang) {
  std::cout << tr("train.choose_scenario", lang) << "\n";
  for (std::size_t i = 0; i < set.scenarios.size(); ++i) {
    const auto& s = set.scenarios[i];
    std::cout << "  " << std::right << std::setw(3) << (i + 1) << ") C" << std::left << std::setw(3) << s.competency
              << std::setw(4) << difficulty_stars(s.difficulty) << s.title.get(lang) << "  [" << s.id << "]\n";
  }
  std::string line;
  while (true) {
    std::cout << "> " << std::flush;
    if (!read_line(line) || line == "q") return {};
    if (!line.empty() && line.find_first_not_of("0123456789") == std::string::npos) {
      const std::size_t n = std::stoul(line);
      if (n >= 1 && n <= set.scenarios.size()) return set.scenarios[n - 1].id;
    }
    if (set.find(line)) return line;
    std::cout << tr("cli.not_a_choice", lang) << "\n";
  }
}

// [SECTION] --list, --progress, --expert ------------------------------------------------------------------

int show_list(const workspace::Workspace& ws, const engine::ScenarioSet& set, const Globals& g, const std::string& trainee) {
  const Lang lang = g.language();
  std::string notice;
  auto store = open_progress(ws, lang, &notice);
  const auto best = best_scores(store.get(), trainee);
  if (g.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : set.scenarios) {
      auto it = best.find(s.id);
      out.push_back({{"id", s.id}, {"title", s.title.get(lang)}, {"competency", s.competency}, {"difficulty", s.difficulty},
                     {"tree", s.tree}, {"ticket", s.ticket.has_value()},
                     {"best", it == best.end() ? nlohmann::json(nullptr) : nlohmann::json(it->second)}});
    }
    print_json(out);
    return exit_ok;
  }
  std::size_t width = 4;
  for (const auto& s : set.scenarios) width = std::max(width, s.id.size());
  for (const auto& s : set.scenarios) {
    auto it = best.find(s.id);
    std::cout << "C" << std::left << std::setw(3) << s.competency << std::setw(static_cast<int>(width) + 2) << s.id
              << std::setw(4) << difficulty_stars(s.difficulty) << s.title.get(lang);
    if (it != best.end()) std::cout << "  (" << tr("train.best", lang) << " " << it->second << ")";
    std::cout << "\n";
  }
  return exit_ok;
}

int show_progress(const workspace::Workspace& ws, const engine::ScenarioSet& set, const Globals& g, const std::string& trainee) {
  const Lang lang = g.language();
  std::string notice;
  auto store = open_progress(ws, lang, &notice);
  const auto attempts = store ? store->attempts(trainee) : std::vector<workspace::Attempt>{};
  const workspace::Progress p = workspace::compute_progress(attempts, set, trainee);
  if (g.json) {
    nlohmann::json out;
    out["trainee"] = trainee;
    out["attempts"] = attempts.size();
    if (!notice.empty()) out["notice"] = notice;
    out["competencies"] = nlohmann::json::array();
    for (const auto& c : p.competencies) {
      out["competencies"].push_back({{"competency", c.competency}, {"name", competency_name(c.competency, lang)},
                                     {"scenarios", c.scenarios}, {"played", c.played}, {"attempts", c.attempts},
                                     {"mastery", c.mastery}});
    }
    out["scenarios"] = nlohmann::json::array();
    for (const auto& s : p.scenarios) {
      out["scenarios"].push_back({{"id", s.id}, {"competency", s.competency}, {"attempts", s.attempts},
                                  {"best", s.best < 0 ? nlohmann::json(nullptr) : nlohmann::json(s.best)},
                                  {"last", s.last < 0 ? nlohmann::json(nullptr) : nlohmann::json(s.last)}});
    }
    out["weakest"] = p.weakest;
    out["next_scenario"] = p.next_scenario;
    print_json(out);
    return exit_ok;
  }
  std::cout << format_text(tr("train.progress_of", lang), {trainee, std::to_string(attempts.size())}) << "\n\n";
  for (const auto& c : p.competencies) {
    std::cout << "C" << std::left << std::setw(3) << c.competency << pad(competency_name(c.competency, lang), 48)
              << std::right << std::setw(4) << c.mastery << " %   "
              << format_text(tr("train.played_of", lang), {std::to_string(c.played), std::to_string(c.scenarios),
                                                            std::to_string(c.attempts)})
              << "\n";
  }
  if (!p.weakest.empty()) {
    std::string weak;
    for (int c : p.weakest) weak += (weak.empty() ? "C" : ", C") + std::to_string(c);
    std::cout << "\n" << tr("train.weakest", lang) << ": " << weak << "\n";
  }
  if (!p.next_scenario.empty()) {
    std::cout << tr("train.next", lang) << ": diagdesk train " << p.next_scenario << "\n";
  }
  return exit_ok;
}

int show_expert(const workspace::Workspace& ws, const engine::ScenarioSet& set, const engine::Scenario& s, const Globals& g) {
  const Lang lang = g.language();
  const engine::ExpertPath e = engine::play_expert(ws.knowledge(), s, set);
  const engine::Simulator sim(*ws.knowledge(), s);
  std::vector<engine::Diagnostic> diagnostics;
  engine::ScenarioSet one;
  one.parts = set.parts;
  one.scenarios.push_back(s);
  const auto topics = ws.article_topics();
  engine::lint_scenarios(ws.knowledge(), one, diagnostics, &topics);
  if (g.json) {
    nlohmann::json out;
    out["scenario"] = s.id;
    out["conclusion"] = e.conclusion;
    out["expected"] = s.diagnosis;
    out["cost"] = e.cost;
    out["trees"] = e.trees;
    out["error"] = e.error;
    out["steps"] = nlohmann::json::array();
    for (const auto& st : e.steps) {
      out["steps"].push_back({{"tree", st.tree}, {"node", st.node}, {"cost", st.cost},
                              {"reply", reply_json(sim, st.tree, st.node, st.reply, lang)}});
    }
    out["diagnostics"] = nlohmann::json::array();
    for (const auto& d : diagnostics) out["diagnostics"].push_back(engine::format(d));
    print_json(out);
  } else {
    std::cout << tr("train.expert_path", lang) << " (" << s.id << ", " << e.cost << " " << tr("train.units", lang) << ")\n";
    int n = 0;
    for (const auto& st : e.steps) {
      std::cout << std::right << std::setw(3) << ++n << ". [" << st.tree << ":" << st.node << "] ("
                << st.cost << ") " << sim.say(st.tree, st.node, st.reply, lang) << "  <" << st.reply.source << ">\n";
    }
    if (!e.error.empty()) std::cout << "  STUCK: " << e.error << "\n";
    std::cout << "  => " << (e.conclusion.empty() ? "-" : e.conclusion) << "  (" << tr("train.expected", lang) << " "
              << s.diagnosis << ")\n";
    for (const auto& d : diagnostics) std::cerr << engine::format(d) << '\n';
  }
  return engine::count_errors(diagnostics) == 0 ? exit_ok : exit_failed;
}

}  // namespace

// [SECTION] Registration ----------------------------------------------------------------------------------

Runner add_train(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("train", "Training scenarios: play one (guided or free), list them, see progress");
  static TrainOptions o;
  cmd->add_option("scenario", o.scenario, "Scenario id (see --list); asked when omitted");
  cmd->add_option("--mode", o.mode, "guided (follow a tree) or free (any question or test, in any order)")
      ->check(CLI::IsMember({"guided", "free"}));
  cmd->add_option("--trainee", o.trainee, "Trainee name for progress (default: $DIAGDESK_TRAINEE, else $USER)");
  cmd->add_option("--actions", o.actions, "Scripted play: comma-separated actions (docs/training.md)");
  cmd->add_flag("--list", o.list, "List the scenarios (with your best scores)");
  cmd->add_flag("--progress", o.progress, "Show progress per competency, weakest suggested next");
  cmd->add_flag("--expert", o.expert, "Show the expert path of SCENARIO and lint it (for scenario authors)");
  cmd->add_flag("--no-record", o.no_record, "Do not record this play in the progress database");
  cmd->add_flag("--json", g.json, "Print JSON and exit, never prompts (--actions, --list, --progress, --expert)");
  return [&g, cmd] {
    const Lang lang = g.language();
    const std::string trainee = o.trainee.empty() ? workspace::default_trainee() : o.trainee;
    auto ws = open_workspace(g);
    engine::ScenarioSet set = workspace::load_scenarios(*ws);
    for (const auto& d : set.diagnostics) {
      if (d.severity == engine::Severity::error) std::cerr << engine::format(d) << '\n';
    }
    if (o.list) return show_list(*ws, set, g, trainee);
    if (o.progress) return show_progress(*ws, set, g, trainee);
    const bool scripted = cmd->count("--actions") > 0;
    if (o.scenario.empty()) {
      if (scripted || o.expert || g.json) return fail("train: give a scenario id (see 'diagdesk train --list')");
      o.scenario = choose_scenario(set, lang);
      if (o.scenario.empty()) return exit_ok;
    }
    const engine::Scenario* s = set.find(o.scenario);
    if (!s) return fail("train: unknown scenario '" + o.scenario + "' (see 'diagdesk train --list')");
    if (o.expert) return show_expert(*ws, set, *s, g);
    engine::TrainingRun run(ws->knowledge(), set, *s, *engine::parse_mode(o.mode), lang);
    run.set_quote_key(workspace::quote_key_for(*ws, *s));  // proposal scenarios: the expected quote
    if (!run.expert().error.empty()) {
      std::cerr << "diagdesk: warning: scenario '" << s->id << "' is broken (" << run.expert().error
                << "); run 'diagdesk lint'\n";
    }
    // --json never prompts: without --actions it prints how the call opens.
    if (g.json && !scripted) return print_call_opening(*s, run, lang);
    if (scripted) return run_scripted(run, *ws, o, g, trainee);
    return run_interactive(run, *ws, set, o, g, trainee);
  };
}

}  // namespace diagdesk::cli
