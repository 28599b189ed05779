// diagdesk diagnose [TREE]: guided diagnosis, interactive or scripted (--answers).
//
// [SECTION] Options
// [SECTION] Scripted mode
// [SECTION] Interactive mode
// [SECTION] Shared with `diagdesk incident|request diagnose`
#include "cli.hpp"
#include "guide_cli.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session_file.hpp>

#include <chrono>
#include <iostream>
#include <sstream>

namespace diagdesk::cli {

using engine::Lang;
using engine::tr;

namespace {

// [SECTION] Options -------------------------------------------------------------------

/// The guided mode's options (guide_cli.hpp) and the authored walk's own.
struct DiagnoseOptions : GuidedCliOptions {
  bool guided = false;  ///< --guided: the guided diagnosis (cmd_guide.cpp)
};

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::vector<std::string> split_answers(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    const auto b = item.find_first_not_of(" \t");
    const auto e = item.find_last_not_of(" \t");
    out.push_back(b == std::string::npos ? std::string() : item.substr(b, e - b + 1));
  }
  return out;
}

std::string choices_list(const engine::Step& step) {
  std::string out;
  for (std::size_t i = 0; i < step.choices.size(); ++i) {
    out += (i ? ", " : "") + std::to_string(i + 1) + "=" + step.choices[i].id;
  }
  return out;
}

/// Writes --save and --transcript outputs; returns an exit code.
int write_outputs(const engine::Session& s, const DiagnoseOptions& o, const engine::ReportInfo& info, Lang lang,
                  bool quiet) {
  if (!o.save.empty()) {
    if (int rc = write_output(o.save, engine::session_to_toml(s, info), lang); rc != exit_ok) return rc;
    if (!quiet) std::cout << tr("cli.saved", lang) << " " << o.save << "\n";
  }
  if (!o.transcript.empty()) {
    if (int rc = write_output(o.transcript, engine::render_report(s, lang, info), lang); rc != exit_ok) return rc;
    if (!quiet) std::cout << tr("cli.transcript_written", lang) << " " << o.transcript << "\n";
  }
  return exit_ok;
}

// [SECTION] Scripted mode -----------------------------------------------------------------

// With --json, or --answers (possibly empty: --answers ""), nothing is read
// from stdin: the answers are applied and the state printed, so a script never
// waits for a keyboard.
int run_scripted(engine::Session& s, const DiagnoseOptions& o, const engine::ReportInfo& info, Lang lang, bool json,
                 const nlohmann::json& match) {
  if (int rc = apply_answers(s, o.answers, now()); rc != exit_ok) return rc;
  if (int rc = write_outputs(s, o, info, lang, json); rc != exit_ok) return rc;
  if (json) {
    nlohmann::json out = step_json(s);
    if (!match.is_null()) out["symptom_match"] = match;
    print_json(out);
  } else {
    print_step(std::cout, s, lang);
    if (s.concluded()) print_explanation(std::cout, tr("explain.how_title", lang), s.how(lang));
  }
  return s.step().kind == engine::StepKind::error ? exit_failed : exit_ok;
}

// [SECTION] Interactive mode ----------------------------------------------------------------

std::string choose_tree(const workspace::Workspace& ws, Lang lang) {
  const auto trees = ws.trees(lang);
  std::cout << tr("cli.choose_tree", lang) << "\n";
  for (std::size_t i = 0; i < trees.size(); ++i) {
    std::cout << "  " << (i + 1) << ") " << trees[i].title << "  [" << trees[i].id << "]\n";
  }
  std::string line;
  while (true) {
    std::cout << "> " << std::flush;
    if (!read_line(line)) return {};
    if (line == "q") return {};
    try {
      std::size_t n = std::stoul(line);
      if (n >= 1 && n <= trees.size()) return trees[n - 1].id;
    } catch (...) {
    }
    for (const auto& t : trees) {
      if (t.id == line) return t.id;
    }
    std::cout << tr("cli.not_a_choice", lang) << "\n";
  }
}

int run_interactive(engine::Session& s, DiagnoseOptions o, engine::ReportInfo info, Lang lang,
                    const workspace::Workspace& ws) {
  std::cout << tr("cli.help_keys", lang) << "\n";
  print_step(std::cout, s, lang);
  while (true) {
    const KeysEnd end = answer_keys(s, lang, now);
    if (end == KeysEnd::end_of_input) return write_outputs(s, o, info, lang, false);
    if (end == KeysEnd::done) break;
    const bool quit = end == KeysEnd::quit;
    bool save = !quit;
    if (quit) {
      std::cout << tr("cli.quit_save", lang) << " " << std::flush;
      std::string yn;
      save = read_line(yn) && (yn == "y" || yn == "o" || yn == "yes" || yn == "oui");
    }
    if (save) {
      if (o.save.empty()) {
        const auto def = ws.sessions_dir() / (s.start_tree() + "-" + std::to_string(now()) + ".toml");
        std::cout << tr("cli.save_prompt", lang) << " [" << def.string() << "] > " << std::flush;
        std::string path;
        o.save = read_line(path) && !path.empty() ? path : def.string();
      }
      if (int rc = write_outputs(s, o, info, lang, false); rc != exit_ok) return rc;
    }
    if (quit) return exit_ok;
  }
  if (s.concluded()) {
    print_explanation(std::cout, tr("explain.how_title", lang), s.how(lang));
    std::cout << "\n" << tr("cli.done", lang) << "\n";
  }
  const int rc = write_outputs(s, o, info, lang, false);
  return rc != exit_ok ? rc : (s.step().kind == engine::StepKind::error ? exit_failed : exit_ok);
}

}  // namespace

// [SECTION] Shared with `diagdesk incident|request diagnose` (cmd_ticket_diagnose.cpp) ------

int apply_answers(engine::Session& s, const std::string& text, std::int64_t at) {
  const auto answers = split_answers(text);
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const std::string& a = answers[i];
    const engine::Step step = s.step();
    engine::AnswerError err = a == "?" ? s.dont_know(at) : s.answer(a, at);
    if (err == engine::AnswerError::none) continue;
    std::string where = step.tree + ":" + step.node;
    switch (err) {
      case engine::AnswerError::no_question:
        return fail("answer " + std::to_string(i + 1) + " '" + a + "': the session is already " +
                    (step.kind == engine::StepKind::error ? "broken: " + step.error : std::string("concluded at ") + where));
      case engine::AnswerError::bad_value: {
        std::string why;
        s.knowledge().facts().normalise(step.input_fact, a, &why);
        return fail("answer " + std::to_string(i + 1) + " '" + a + "' at " + where + ": " + why);
      }
      default:
        return fail("answer " + std::to_string(i + 1) + " '" + a + "' is not a choice of " + where + " (choices: " +
                    choices_list(step) + ", or ? for don't know)");
    }
  }
  return exit_ok;
}

bool read_line(std::string& line) {
  if (!std::getline(std::cin, line)) return false;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  while (!line.empty() && line.front() == ' ') line.erase(0, 1);
  return true;
}

namespace {

/// One line typed at the prompt but s and q: b back, ? why, d don't know, n note, else an answer.
void interactive_key(engine::Session& s, const std::string& line, Lang lang, std::int64_t at) {
  if (line == "b") {
    if (s.back() == engine::AnswerError::nothing_to_undo) std::cout << tr("cli.nothing_to_undo", lang) << "\n";
    print_step(std::cout, s, lang);
  } else if (line == "?") {
    print_explanation(std::cout, tr("explain.why_title", lang), s.why(lang));
  } else if (line == "d") {
    // The first "d" at a step that says how to find out only shows it; the next moves on.
    s.dont_know(at, engine::Session::DontKnow::hint_first);
    print_step(std::cout, s, lang);
  } else if (line == "n" || line.rfind("n ", 0) == 0) {
    std::string text = line.size() > 2 ? line.substr(2) : std::string();
    if (text.empty()) {
      std::cout << tr("cli.note_prompt", lang) << " > " << std::flush;
      if (!read_line(text)) return;
    }
    if (!text.empty()) {
      s.add_note(text, at);
      std::cout << tr("cli.note_saved", lang) << "\n";
    }
  } else {
    // Answers: a choice number or id, or a typed value for input steps.
    switch (s.answer(line, at)) {
      case engine::AnswerError::none: print_step(std::cout, s, lang); break;
      case engine::AnswerError::bad_value: {
        std::string why;
        s.knowledge().facts().normalise(s.step().input_fact, line, &why);
        std::cout << tr("cli.bad_value", lang) << " " << why << "\n";
        break;
      }
      default: std::cout << tr("cli.not_a_choice", lang) << "\n"; break;
    }
  }
}

}  // namespace

KeysEnd answer_keys(engine::Session& s, Lang lang, const std::function<std::int64_t()>& clock) {
  std::string line;
  while (!s.concluded() && s.step().kind != engine::StepKind::error) {
    const bool input = s.step().kind == engine::StepKind::input;
    std::cout << (input ? tr("cli.input_prompt", lang) : tr("cli.prompt", lang)) << " > " << std::flush;
    if (!read_line(line)) {
      std::cout << "\n" << tr("cli.end_of_input", lang) << "\n";
      return KeysEnd::end_of_input;
    }
    if (line == "s") return KeysEnd::save;
    if (line == "q") return KeysEnd::quit;
    if (!line.empty()) interactive_key(s, line, lang, clock());
  }
  return KeysEnd::done;
}

Runner add_diagnose(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("diagnose", "Guided diagnosis: interactive, or scripted with --answers");
  static DiagnoseOptions o;
  cmd->add_option("tree", o.tree, "Tree id (see 'diagdesk trees'); asked when omitted");
  cmd->add_option("--fact", o.facts, "Known fact key=value (repeatable), e.g. --fact os=windows11");
  cmd->add_option("--answers", o.answers, "Comma-separated answers (choice id or 1-based number; ? = don't know)");
  cmd->add_option("--resume", o.resume, "Resume a saved session file");
  cmd->add_option("--save", o.save, "Save the session to this file");
  cmd->add_option("--transcript", o.transcript, "Write the intervention report (Markdown) to this file");
  cmd->add_option("--operator", o.operator_name, "Technician name for the report");
  cmd->add_option("--symptom", o.symptom, "Start the tree that best matches this symptom (says which and why)");
  cmd->add_flag("--json", g.json, "Print the state as JSON and exit (never prompts; with --answers, after them)");
  cmd->add_flag("--guided", o.guided, "Guided mode: the next best step by probability and cost, with its reason (docs/guidance.md)");
  cmd->add_option("--site", o.site, "With --guided: the caller's site; its own learned priors apply once it has 20 closed tickets on the tree");
  cmd->add_option("--rights", o.rights, "With --guided: the operator's rights, n1 (default) or n2; N2 steps are escalations for n1");
  return [&g, cmd] {
    o.has_answers = cmd->count("--answers") > 0;
    const Lang lang = g.language();
    auto ws = open_workspace(g);
    engine::ReportInfo info{o.operator_name, {}, now(), {}};
    std::optional<engine::Session> session;
    nlohmann::json match;  // the symptom's choice, for --json
    if (g.json && o.tree.empty() && o.symptom.empty() && o.resume.empty())
      return fail("--json needs a tree id, --symptom TEXT or --resume FILE (the trees: 'diagdesk trees --json')");
    if (o.guided || (!o.resume.empty() && is_guided_file(o.resume))) {
      if (!o.resume.empty() && (!o.tree.empty() || !o.facts.empty())) return fail("--resume takes no tree or --fact");
      if (!o.symptom.empty() && o.tree.empty()) {
        if (int rc = choose_tree_by_symptom(*ws, o.symptom, lang, g.json, o.tree, &match); rc != exit_ok) return rc;
      }
      if (o.tree.empty() && o.resume.empty()) return fail("--guided needs a tree id, --symptom TEXT or --resume FILE");
      return run_guided(o, *ws, lang, g.json);
    }
    if (!o.resume.empty()) {
      if (!o.tree.empty()) return fail("give either a tree or --resume, not both");
      auto loaded = engine::load_session(ws->knowledge(), o.resume);
      if (!loaded.session) return fail(loaded.error);
      session = std::move(loaded.session);
      session->set_lang(lang);
      if (!loaded.info.operator_name.empty() && o.operator_name.empty()) info.operator_name = loaded.info.operator_name;
      info.symptom = loaded.info.symptom;
      if (!o.facts.empty()) return fail("--fact cannot change a resumed session");
    } else {
      if (!o.symptom.empty()) {
        if (!o.tree.empty()) return fail("give either a tree or --symptom, not both");
        if (int rc = choose_tree_by_symptom(*ws, o.symptom, lang, g.json, o.tree, &match); rc != exit_ok) return rc;
        info.symptom = o.symptom;
      }
      if (o.tree.empty()) {
        if (o.has_answers) return fail("--answers needs a tree id");
        o.tree = choose_tree(*ws, lang);
        if (o.tree.empty()) return exit_ok;
      }
      auto started = ws->start(o.tree, o.facts, lang);
      if (!started.session) return fail(started.error);
      session = std::move(started.session);
    }
    if (o.has_answers || g.json) return run_scripted(*session, o, info, lang, g.json, match);
    return run_interactive(*session, o, info, lang, *ws);
  };
}

}  // namespace diagdesk::cli
