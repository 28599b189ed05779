// `diagdesk diagnose TREE --guided`: the guided diagnosis, scripted (--answers,
// --json) or interactive. Answers of a script, comma-separated:
//   CHOICE        answer the suggested step (choice id or 1-based number)
//   NODE=CHOICE   answer another step (a test node, or a repair: fixed / not_fixed)
//   ? | NODE=?    don't know (the suggested step, or NODE)
//   ! | !NODE     the warnings of the suggested step (or NODE) were read
//   back          undo the last answer
//
// [SECTION] Starting
// [SECTION] Scripted mode
// [SECTION] Interactive mode
#include "guide_cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/workspace/model_learn.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

namespace diagdesk::cli {

using engine::GuidedError;
using engine::GuidedSession;
using engine::Lang;
using engine::tr;

namespace {

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

/// Why an act was refused, in words.
std::string refusal(const GuidedSession& g, GuidedError e, const std::string& step, Lang lang) {
  switch (e) {
    case GuidedError::gated: {
      std::string list;
      for (const auto& [node, waits] : g.state().gated) {
        if (node != step) continue;
        for (const auto& w : waits) list += (list.empty() ? "" : ", ") + w;
      }
      std::string text = tr("guide.cli.gated", lang);
      return text.replace(text.find("{list}"), 6, list);
    }
    case GuidedError::already_taken: return tr("guide.cli.already", lang);
    case GuidedError::unknown_step: return tr("guide.cli.unknown_step", lang);
    case GuidedError::not_a_choice: return tr("cli.not_a_choice", lang);
    case GuidedError::warnings_first: return tr("guide.cli.not_acknowledged", lang);
    case GuidedError::concluded: return tr("guide.cli.session_over", lang);
    case GuidedError::nothing_to_undo: return tr("guide.cli.nothing_to_undo", lang);
    case GuidedError::none: break;
  }
  return {};
}

int save(const GuidedSession& g, const GuidedCliOptions& o, Lang lang, bool quiet) {
  const engine::ReportInfo info{o.operator_name, o.symptom, now(), {}};
  if (!o.save.empty()) {
    if (int rc = write_output(o.save, engine::guided_to_toml(g, info), lang); rc != exit_ok) return rc;
    if (!quiet) std::cout << tr("cli.saved", lang) << " " << o.save << "\n";
  }
  if (!o.transcript.empty()) {
    if (int rc = write_output(o.transcript, engine::render_guided_report(g, lang, info), lang); rc != exit_ok) return rc;
    if (!quiet) std::cout << tr("cli.transcript_written", lang) << " " << o.transcript << "\n";
  }
  return exit_ok;
}

// [SECTION] Scripted mode ------------------------------------------------------------------

/// Applies one scripted token; returns the refusal or none.
GuidedError apply_token(GuidedSession& g, const std::string& token, std::string& step) {
  const engine::GuidedOption* best = g.best();
  step = best ? best->rank.id : std::string();
  if (token == "back") return g.back();
  if (!token.empty() && token[0] == '!') {
    if (token.size() > 1) step = token.substr(1);
    return step.empty() ? GuidedError::concluded : g.acknowledge(step);
  }
  std::string choice = token;
  if (const auto eq = token.find('='); eq != std::string::npos) {
    step = trimmed(token.substr(0, eq));
    choice = trimmed(token.substr(eq + 1));
  }
  if (step.empty()) return GuidedError::concluded;
  if (choice == "?") return g.dont_know(step, now());
  return g.answer(step, choice, now());
}

int run_scripted(GuidedSession& g, const GuidedCliOptions& o, Lang lang, bool json) {
  nlohmann::json trace = nlohmann::json::array();
  std::vector<std::string> tokens;
  std::istringstream in(o.answers);
  for (std::string item; std::getline(in, item, ',');) tokens.push_back(trimmed(item));
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].empty()) continue;
    std::string step;
    if (GuidedError e = apply_token(g, tokens[i], step); e != GuidedError::none) {
      return fail("answer " + std::to_string(i + 1) + " '" + tokens[i] + "'" + (step.empty() ? "" : " at " + step) + ": " +
                  refusal(g, e, step, lang));
    }
    if (json) {
      nlohmann::json state = guided_json(g);
      trace.push_back({{"answer", tokens[i]}, {"steps", state["steps"]}, {"causes", state["causes"]}});
    }
  }
  if (int rc = save(g, o, lang, json); rc != exit_ok) return rc;
  if (json) {
    nlohmann::json out = guided_json(g);
    out["trace"] = std::move(trace);
    print_json(out);
  } else {
    print_guided(std::cout, g, lang);
    if (g.concluded()) print_explanation(std::cout, tr("explain.how_title", lang), g.how(lang));
  }
  return g.state().error.empty() ? exit_ok : exit_failed;
}

// [SECTION] Interactive mode ---------------------------------------------------------------

bool yes(const std::string& s) { return s == "y" || s == "o" || s == "yes" || s == "oui"; }

/// Shows the warnings of `o` when they were not read, and asks; false when not read.
bool read_warnings(GuidedSession& g, const engine::GuidedOption& o, Lang lang) {
  if (o.takeable()) return true;
  std::cout << tr("guide.cli.ack_prompt", lang) << " > " << std::flush;
  std::string line;
  if (!read_line(line) || !yes(line)) {
    std::cout << tr("guide.cli.not_acknowledged", lang) << "\n";
    return false;
  }
  g.acknowledge(o.rank.id);
  return true;
}

void report(const GuidedSession& g, GuidedError e, const std::string& step, Lang lang) {
  if (e == GuidedError::none) print_guided(std::cout, g, lang);
  else std::cout << refusal(g, e, step, lang) << "\n";
}

/// Takes step `o` (not the suggested one): shows it, its warnings, then asks for its answer.
void take_other(GuidedSession& g, const engine::GuidedOption& o, std::string choice, Lang lang) {
  if (choice.empty()) {
    std::cout << "\n== " << tr("guide.cli.step", lang) << " ==\n";
    print_option(std::cout, o, lang);
  }
  if (!read_warnings(g, o, lang)) return;
  if (choice.empty()) {
    std::cout << tr("cli.prompt", lang) << " > " << std::flush;
    if (!read_line(choice) || choice.empty()) return;
  }
  const GuidedError e = choice == "?" ? g.dont_know(o.rank.id, now()) : g.answer(o.rank.id, choice, now());
  report(g, e, o.rank.id, lang);
}

int run_interactive(GuidedSession& g, GuidedCliOptions o, Lang lang, const workspace::Workspace& ws) {
  std::cout << tr("guide.cli.help", lang) << "\n";
  print_guided(std::cout, g, lang);
  std::string line;
  while (!g.concluded() && g.state().error.empty()) {
    std::cout << tr("cli.prompt", lang) << " > " << std::flush;
    if (!read_line(line)) {
      std::cout << "\n" << tr("cli.end_of_input", lang) << "\n";
      return save(g, o, lang, false);
    }
    if (line.empty()) continue;
    const engine::GuidedOption* best = g.best();
    if (line == "q" || line == "save") {
      bool keep = line == "save";
      if (!keep) {
        std::cout << tr("cli.quit_save", lang) << " " << std::flush;
        std::string yn;
        keep = read_line(yn) && yes(yn);
      }
      if (keep && o.save.empty()) {
        const auto def = ws.sessions_dir() / (g.start_tree() + "-guided-" + std::to_string(now()) + ".toml");
        std::cout << tr("cli.save_prompt", lang) << " [" << def.string() << "] > " << std::flush;
        std::string path;
        o.save = read_line(path) && !path.empty() ? path : def.string();
      }
      if (keep) {
        if (int rc = save(g, o, lang, false); rc != exit_ok) return rc;
      }
      if (line == "q") return exit_ok;
    } else if (line == "back") {
      report(g, g.back(), {}, lang);
    } else if (line == "why") {
      print_explanation(std::cout, tr("guide.cli.why_title", lang), g.why(lang));
    } else if (line == "how") {
      print_explanation(std::cout, tr("explain.how_title", lang), g.how(lang));
    } else if (line == "?") {
      report(g, best ? g.dont_know(best->rank.id, now()) : GuidedError::concluded, {}, lang);
    } else if (line.rfind("s ", 0) == 0 || (line.size() > 1 && line[0] == 's' && std::isdigit(static_cast<unsigned char>(line[1])))) {
      // s N [CHOICE]: alternative N.
      std::istringstream words(line.substr(1));
      std::size_t n = 0;
      std::string choice;
      words >> n >> choice;
      if (n >= 1 && n < g.state().options.size()) take_other(g, g.state().options[n], choice, lang);
      else std::cout << tr("guide.cli.no_alternative", lang) << "\n";
    } else if (auto other = best && line != best->rank.id ? g.option(line) : std::nullopt; other) {
      take_other(g, *other, {}, lang);
    } else if (best) {
      // An answer to the suggested step: its warnings were shown with it.
      const std::string choice = line == best->rank.id ? std::string() : line;
      if (choice.empty()) {
        take_other(g, *best, {}, lang);
      } else if (read_warnings(g, *best, lang)) {
        report(g, g.answer(best->rank.id, choice, now()), best->rank.id, lang);
      }
    }
  }
  if (g.concluded()) {
    print_explanation(std::cout, tr("explain.how_title", lang), g.how(lang));
    std::cout << "\n" << tr("cli.done", lang) << "\n";
  }
  const int rc = save(g, o, lang, false);
  return rc != exit_ok ? rc : (g.state().error.empty() ? exit_ok : exit_failed);
}

}  // namespace

// [SECTION] Starting -----------------------------------------------------------------------

bool is_guided_file(const std::string& path) {
  std::string text;
  if (!base::read_file(path, text, engine::max_session_bytes)) return false;
  return engine::is_guided_session(text);
}

int run_guided(const GuidedCliOptions& o, const workspace::Workspace& ws, Lang lang, bool json) {
  if (o.rights != "n1" && o.rights != "n2") return fail("--rights must be n1 or n2, not '" + o.rights + "'");
  std::optional<GuidedSession> g;
  if (!o.resume.empty()) {
    auto loaded = engine::load_guided(ws.knowledge(), o.resume);
    if (!loaded.session) return fail(loaded.error);
    g = std::move(loaded.session);
    g->set_lang(lang);
  } else {
    std::string error;
    auto facts = ws.parse_facts(o.facts, &error);
    if (!facts) return fail(error);
    if (!ws.knowledge()->find_tree(o.tree)) return fail("unknown tree '" + o.tree + "' (see 'diagdesk trees')");
    engine::FactMap known;
    for (const auto& [k, v] : *facts) known[k] = engine::FactValue{v, engine::FactSource::start, {}, false};
    // Priors learned from the user's closed tickets, when there are any (docs/guidance.md).
    std::string learn_error;
    auto learned = workspace::learned_priors(ws, o.tree, o.site, known, &learn_error);
    if (!learn_error.empty()) std::cerr << "diagdesk: " << learn_error << "\n";
    engine::GuidedStart start{std::move(*facts), std::move(learned), o.rights == "n2", lang};
    g.emplace(ws.knowledge(), o.tree, std::move(start));
  }
  if (!g->state().error.empty()) return fail(g->state().error, exit_failed);
  if (o.has_answers || json) return run_scripted(*g, o, lang, json);
  return run_interactive(*g, o, lang, ws);
}

}  // namespace diagdesk::cli
