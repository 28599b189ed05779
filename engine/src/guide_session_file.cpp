// Saving and resuming guided sessions: TOML with format = "diagdesk-guided-session"
// and guided = true; the acts are replayed on load, like an authored session's answers.
#include <diagdesk/engine/guide_session.hpp>

#include "session_toml.hpp"

#include <chrono>
#include <sstream>

namespace diagdesk::engine {

namespace {

constexpr std::string_view guided_format = "diagdesk-guided-session";

using detail::int_or;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string guided_to_toml(const GuidedSession& s, const ReportInfo& info) {
  toml::table root;
  root.insert("format", std::string(guided_format));
  root.insert("guided", true);
  root.insert("schema_version", schema_version);
  root.insert("tree", s.start_tree());
  root.insert("lang", std::string(lang_code(s.lang())));
  root.insert("operator", info.operator_name);
  root.insert("symptom", info.symptom);
  root.insert("started", info.date ? info.date : now_seconds());
  root.insert("operator_n2", s.start().operator_n2);
  toml::table facts;
  for (const auto& [k, v] : s.start().facts) facts.insert(k, v);
  root.insert("facts", std::move(facts));
  toml::table learned;
  for (const auto& [leaf, p] : s.start().learned) learned.insert(leaf, p);
  root.insert("learned", std::move(learned));
  toml::array acts;
  for (const GuidedAct& a : s.acts()) {
    toml::table t;
    t.insert("tree", a.tree);
    t.insert("step", a.step);
    t.insert("kind", std::string(guided_act_name(a.kind)));
    if (!a.choice.empty()) t.insert("choice", a.choice);
    t.insert("time", a.time);
    acts.push_back(std::move(t));
  }
  root.insert("acts", std::move(acts));
  std::ostringstream out;
  out << root << '\n';
  return out.str();
}

bool is_guided_session(std::string_view text) {
  try {
    const toml::table root = toml::parse(text);
    return root["format"].value_or(std::string{}) == guided_format;
  } catch (const toml::parse_error&) {
    return false;
  }
}

LoadedGuided parse_guided(std::shared_ptr<const Knowledge> knowledge, std::string_view text, const std::string& source_name) {
  LoadedGuided out;
  auto fail = [&](const toml::source_region* at, const std::string& message) {
    const int line = at ? static_cast<int>(at->begin.line) : 1;
    const int column = at ? static_cast<int>(at->begin.column) : 1;
    out.error = source_name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
    return out;
  };
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{source_name});
  } catch (const toml::parse_error& e) {
    return fail(&e.source(), "not a readable session file (" + std::string(e.description()) + ")");
  }
  const std::string format = root["format"].value_or(std::string{});
  if (format == "diagdesk-session") return fail(nullptr, "an authored (not guided) session: resume it without --guided");
  if (format != guided_format) return fail(nullptr, "not a Diagdesk guided session file (no format = \"diagdesk-guided-session\")");
  if (const std::string bad = detail::check_session_header(root, *knowledge); !bad.empty()) return fail(nullptr, bad);
  const std::string tree = root["tree"].value_or(std::string{});
  GuidedStart start;
  start.lang = parse_lang(root["lang"].value_or(std::string{"en"})).value_or(Lang::en);
  start.operator_n2 = root["operator_n2"].value_or(false);
  out.operator_name = root["operator"].value_or(std::string{});
  out.symptom = root["symptom"].value_or(std::string{});
  out.date = int_or(root["started"], 0);
  std::string bad_fact;
  const toml::node* bad = nullptr;
  auto facts = detail::read_session_facts(root, *knowledge, bad_fact, bad);
  if (!facts) return fail(&bad->source(), bad_fact);
  start.facts = std::move(*facts);
  if (const toml::table* lt = root["learned"].as_table()) {
    for (const auto& [leaf, v] : *lt) {
      const double p = v.is_number() ? v.value<double>().value_or(-1) : -1;
      if (!(p >= 0 && p <= 1)) return fail(&v.source(), "learned prior of '" + std::string(leaf.str()) + "' must be a number in [0, 1]");
      start.learned.emplace_back(std::string(leaf.str()), p);
    }
  }
  std::vector<GuidedAct> acts;
  if (const toml::array* arr = root["acts"].as_array()) {
    for (const auto& item : *arr) {
      const toml::table* t = item.as_table();
      if (!t) return fail(&item.source(), "an act must be a table");
      auto kind = parse_guided_act((*t)["kind"].value_or(std::string{}));
      if (!kind) return fail(&item.source(), "an act's kind must be choice, dont_know, repair_fixed or repair_not_fixed");
      acts.push_back(GuidedAct{*kind, (*t)["tree"].value_or(std::string{}), (*t)["step"].value_or(std::string{}),
                               (*t)["choice"].value_or(std::string{}), int_or((*t)["time"], 0)});
    }
  }
  std::string why;
  out.session = GuidedSession::replay(std::move(knowledge), tree, std::move(start), std::move(acts), &why);
  if (!out.session) return fail(nullptr, "the session no longer fits tree '" + tree + "': " + why);
  return out;
}

LoadedGuided load_guided(std::shared_ptr<const Knowledge> knowledge, const std::filesystem::path& path) {
  std::string text;
  if (base::FileStatus s = base::read_file(path, text, max_session_bytes); !s) {
    LoadedGuided out;
    out.error = file_error_text(s, Lang::en, false);
    return out;
  }
  return parse_guided(std::move(knowledge), text, path.string());
}

}  // namespace diagdesk::engine
