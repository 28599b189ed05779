// Saved sessions (TOML) and the Markdown intervention report.
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session_file.hpp>
#include <diagdesk/engine/training_sim.hpp>
#include <diagdesk/engine/wording.hpp>

#include "session_toml.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace diagdesk::engine {

namespace {

constexpr std::string_view session_format = "diagdesk-session";

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string format_time(std::int64_t t, const char* fmt = "%Y-%m-%d %H:%M") { return report_time_text(t, fmt); }

}  // namespace

std::string report_time_text(std::int64_t t, const char* fmt) {
  if (t == 0) t = now_seconds();
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

std::string list_section_markdown(const std::string& heading, const std::vector<std::string>& items, Lang lang) {
  std::string md = "\n## " + heading + "\n\n";
  if (items.empty()) md += "- " + tr("report.none", lang) + "\n";
  for (const auto& item : items) md += "- " + item + "\n";
  return md;
}

std::string remedy_markdown(const Node& end, const ReportInfo& info, Lang lang,
                            const std::function<std::string(const std::string&)>& fill) {
  std::ostringstream md;
  // Done only when the operator confirmed every line; otherwise proposed.
  bool all_done = !end.remedy.empty() && info.remedy_done.size() >= end.remedy.size();
  for (std::size_t i = 0; all_done && i < end.remedy.size(); ++i) all_done = info.remedy_done[i];
  md << "### " << tr(all_done ? "report.remedy" : "report.remedy_proposed", lang) << "\n\n";
  for (std::size_t i = 0; i < end.remedy.size(); ++i) {
    const bool done = i < info.remedy_done.size() && info.remedy_done[i];
    md << (i + 1) << ". " << fill(end.remedy[i].get(lang)) << " (" << tr(done ? "report.done" : "report.proposed", lang) << ")\n";
  }
  if (!end.articles.empty()) {
    md << "\n### " << tr("report.articles", lang) << "\n\n";
    for (const auto& a : end.articles) md << "- `" << a << "`\n";
  }
  return md.str();
}

namespace {

using detail::int_or;

}  // namespace

std::string file_error_text(const base::FileStatus& status, Lang lang, bool writing) {
  if (status) return {};
  const std::string key = std::string(writing ? "safety.write." : "safety.read.") +
                          std::string(base::file_error_name(status.error));
  return format_text(tr(key, lang), {status.path, status.reason});
}

std::string write_file_atomic(const fs::path& path, std::string_view content, Lang lang) {
  return file_error_text(base::write_file_atomic(path, content), lang);
}

// [Saving] ------------------------------------------------------------------------

std::string session_to_toml(const Session& s, const ReportInfo& info) {
  toml::table root;
  root.insert("format", std::string(session_format));
  root.insert("schema_version", schema_version);
  root.insert("tree", s.start_tree());
  root.insert("lang", std::string(lang_code(s.lang())));
  root.insert("operator", info.operator_name);
  root.insert("symptom", info.symptom);
  root.insert("started", info.date ? info.date : now_seconds());
  toml::table facts;
  for (const auto& [k, v] : s.start_facts()) facts.insert(k, v);
  root.insert("facts", std::move(facts));
  toml::array answers;
  for (const Answer& a : s.answers()) {
    toml::table t;
    t.insert("tree", a.tree);
    t.insert("node", a.node);
    if (!a.choice.empty()) t.insert("choice", a.choice);
    if (!a.value.empty()) t.insert("value", a.value);
    if (a.dont_know) t.insert("dont_know", true);
    t.insert("time", a.time);
    answers.push_back(std::move(t));
  }
  root.insert("answers", std::move(answers));
  toml::array notes;
  for (const Note& n : s.notes()) {
    notes.push_back(toml::table{{"tree", n.tree}, {"node", n.node}, {"text", n.text}, {"time", n.time}});
  }
  root.insert("notes", std::move(notes));
  std::ostringstream out;
  out << root << '\n';
  return out.str();
}

std::string save_session(const Session& session, const fs::path& path, const ReportInfo& info) {
  return write_file_atomic(path, session_to_toml(session, info));
}

// [Loading] -----------------------------------------------------------------------

LoadedSession parse_session(std::shared_ptr<const Knowledge> knowledge, std::string_view text,
                            const std::string& source_name) {
  LoadedSession out;
  auto fail = [&](int line, int column, const std::string& message) {
    out.error = source_name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
    return out;
  };
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{source_name});
  } catch (const toml::parse_error& e) {
    return fail(static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
                "not a readable session file (" + std::string(e.description()) + ")");
  }
  if (root["format"].value_or(std::string{}) != session_format) {
    return fail(1, 1, "not a Diagdesk session file (no format = \"diagdesk-session\")");
  }
  if (const std::string bad = detail::check_session_header(root, *knowledge); !bad.empty()) return fail(1, 1, bad);
  const std::string tree = root["tree"].value_or(std::string{});
  const Lang lang = parse_lang(root["lang"].value_or(std::string{"en"})).value_or(Lang::en);
  out.info.operator_name = root["operator"].value_or(std::string{});
  out.info.symptom = root["symptom"].value_or(std::string{});
  out.info.date = int_or(root["started"], 0);

  std::string bad_fact;
  const toml::node* bad = nullptr;
  auto read_facts = detail::read_session_facts(root, *knowledge, bad_fact, bad);
  if (!read_facts) return fail(static_cast<int>(bad->source().begin.line), static_cast<int>(bad->source().begin.column), bad_fact);
  std::vector<std::pair<std::string, std::string>> facts = std::move(*read_facts);
  std::vector<Answer> answers;
  if (const toml::array* arr = root["answers"].as_array()) {
    for (const auto& item : *arr) {
      const toml::table* t = item.as_table();
      if (!t) return fail(static_cast<int>(item.source().begin.line), static_cast<int>(item.source().begin.column), "an answer must be a table");
      answers.push_back(Answer{(*t)["tree"].value_or(std::string{}), (*t)["node"].value_or(std::string{}),
                               (*t)["choice"].value_or(std::string{}), (*t)["value"].value_or(std::string{}),
                               (*t)["dont_know"].value_or(false), int_or((*t)["time"], 0)});
    }
  }
  std::vector<Note> notes;
  if (const toml::array* arr = root["notes"].as_array()) {
    for (const auto& item : *arr) {
      if (const toml::table* t = item.as_table()) {
        notes.push_back(Note{(*t)["tree"].value_or(std::string{}), (*t)["node"].value_or(std::string{}),
                             (*t)["text"].value_or(std::string{}), int_or((*t)["time"], 0)});
      }
    }
  }
  std::string why;
  out.session = Session::replay(std::move(knowledge), tree, std::move(facts), std::move(answers), std::move(notes), lang, &why);
  if (!out.session) return fail(1, 1, "the session no longer fits tree '" + tree + "': " + why);
  return out;
}

LoadedSession load_session(std::shared_ptr<const Knowledge> knowledge, const fs::path& path) {
  // A regular file of at most max_session_bytes: --resume /dev/zero or a FIFO
  // is refused at once instead of being read forever.
  std::string text;
  if (base::FileStatus s = base::read_file(path, text, max_session_bytes); !s) {
    LoadedSession out;
    out.error = file_error_text(s, Lang::en, false);
    return out;
  }
  return parse_session(std::move(knowledge), text, path.string());
}

// [Report] ------------------------------------------------------------------------

std::string render_report(const Session& s, Lang lang, const ReportInfo& info) {
  const Knowledge& k = s.knowledge();
  const Tree* tree = k.find_tree(s.start_tree());
  const std::string colon = tr("punct.colon", lang);
  auto fill = [&](const std::string& text) { return fill_placeholders(text, s.facts(), k, lang); };
  std::ostringstream md;
  md << "# " << tr("report.title", lang) << "\n\n";
  md << "- **" << tr("report.date", lang) << "**" << colon << format_time(info.date) << "\n";
  if (!info.operator_name.empty()) md << "- **" << tr("report.operator", lang) << "**" << colon << info.operator_name << "\n";
  md << "- **" << tr("report.script", lang) << "**" << colon << (tree ? tree->title.get(lang) : s.start_tree()) << " (`"
     << s.start_tree() << "`)\n";
  if (!info.symptom.empty()) md << "- **" << tr("report.symptom", lang) << "**" << colon << info.symptom << "\n";

  md << "\n## " << tr("report.equipment", lang) << "\n\n";
  if (s.facts().empty()) md << "- " << tr("report.none", lang) << "\n";
  for (const auto& [key, value] : s.facts()) {
    md << "- " << fact_phrase(k, key, value.value, lang) << (value.assumed ? " (" + tr("explain.assumed", lang) + ")" : "") << "\n";
  }

  md << "\n## " << tr("report.steps", lang) << "\n\n";
  std::vector<std::string> tests;
  std::vector<std::string> warnings;
  auto warn = [&](const std::string& text) {
    if (std::find(warnings.begin(), warnings.end(), text) == warnings.end()) warnings.push_back(text);
  };
  auto node_warnings = [&](const Node& node) {
    for (const Warning& w : node.warnings) {
      warn(tr("warning." + std::string(warning_kind_name(w.kind)), lang) + colon + fill(w.text.get(lang)));
    }
  };
  int n = 0;
  for (const PathEntry& e : s.path()) {
    const Node* node = k.find_node(e.node, e.tree);
    if (!node) continue;
    const Choice* choice = e.choice.empty() ? nullptr : node->find_choice(e.choice);
    const std::string label = choice ? fill(choice->label.get(lang))
                              : e.choice.empty() ? (e.fact.empty() ? e.value : fact_value_text(k, e.fact, e.value, lang))
                                                 : e.choice;
    const std::string answer = e.kind == PathEntry::Kind::dont_know ? unknown_answer_text(k, e, lang) : label;
    switch (e.kind) {
      case PathEntry::Kind::asked:
      case PathEntry::Kind::dont_know: {
        node_warnings(*node);
        md << ++n << ". " << fill(node->text.get(lang)) << "  \n   " << tr("report.answer", lang) << colon << answer;
        if (e.time) md << " (" << format_time(e.time, "%H:%M:%S") << ")";
        md << "\n";
        if (node->kind != NodeKind::action) break;
        // The commands of the OS in front of the operator, with their values.
        const CommandSplit split = split_commands(node->commands, s.facts());
        std::string cmds;
        for (const auto& c : split.shown) cmds += (cmds.empty() ? "" : ", ") + ("`" + fill(c.cmd) + "`");
        if (!split.others.empty()) {
          cmds += (cmds.empty() ? "" : ", ") + std::to_string(split.others.size()) + " " +
                  tr(split.others.size() == 1 ? "cli.other_command" : "cli.other_commands", lang);
        }
        tests.push_back(fill(node->text.get(lang)) + (cmds.empty() ? "" : " (" + cmds + ")") + colon + answer);
        break;
      }
      case PathEntry::Kind::skipped:
        md << ++n << ". " << fill(node->text.get(lang)) << "  \n   " << tr("report.answer", lang) << colon << label << " ("
           << tr("report.skipped", lang) << (e.assumed ? ", " + tr("explain.assumed", lang) : "") << ")\n";
        break;
      case PathEntry::Kind::jumped: {
        const Tree* target = k.find_tree(node->jump_tree);
        md << "- " << tr("report.jump", lang) << " " << (target ? target->title.get(lang) : node->jump_tree) << "\n";
        break;
      }
      case PathEntry::Kind::rule:
        for (const Rule& r : k.rules()) {
          if (r.id != e.rule) continue;
          md << "- " << rule_sentence(k, r, lang) << "\n";
          if (!r.warn.empty()) warn(tr("warning.other", lang) + colon + fill(r.warn.get(lang)));
        }
        break;
      case PathEntry::Kind::concluded:
        break;
    }
  }
  const Node* end = k.find_node(s.step().node, s.step().tree);
  if (end) node_warnings(*end);  // the conclusion's warnings are shown with it
  md << list_section_markdown(tr("report.warnings", lang), warnings, lang);
  md << list_section_markdown(tr("report.tests", lang), tests, lang);

  md << "\n## " << tr("report.conclusion", lang) << "\n\n";
  if (s.concluded() && end) {
    md << "- **" << tr("report.diagnosis", lang) << "**" << colon << fill(end->diagnosis.get(lang)) << "\n";
    md << "- **" << tr("report.outcome", lang) << "**" << colon << tr("outcome." + std::string(outcome_name(end->outcome)), lang) << "\n";
    // What was not known, and a conclusion resting on an assumption, in plain sight.
    auto list = [&](const char* key, const std::vector<std::string>& items) {
      if (items.empty()) return;
      md << "- **" << tr(key, lang) << "**" << colon;
      for (std::size_t i = 0; i < items.size(); ++i) md << (i ? "; " : "") << items[i];
      md << "\n";
    };
    if (s.assumed()) md << "- **" << tr("report.assumed_conclusion", lang) << "**" << colon << tr("report.assumed_note", lang) << ".\n";
    list("report.assumed_answers", s.assumptions(lang));
    list("report.unknown_answers", s.unknowns(lang));
    md << "\n" << remedy_markdown(*end, info, lang, fill);
  } else {
    md << tr("report.in_progress", lang) << "\n";
  }
  md << "\n## " << tr("report.notes", lang) << "\n\n";
  if (s.notes().empty()) md << "- " << tr("report.none", lang) << "\n";
  for (const Note& note : s.notes()) {
    const Node* at = k.find_node(note.node, note.tree);
    md << "- " << (note.time ? format_time(note.time, "%H:%M:%S") + " " : std::string())
       << (at && !at->text.empty() ? "(" + quoted(fill(at->text.get(lang)), lang) + ") " : std::string()) << note.text << "\n";
  }
  return md.str();
}

}  // namespace diagdesk::engine
