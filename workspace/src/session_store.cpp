// Sessions under <data_dir>/sessions: autosave, archive, recent list, and the
// escalation summary.
#include <diagdesk/workspace/session_store.hpp>

#include <diagdesk/engine/i18n.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <sstream>

namespace diagdesk::workspace {

namespace fs = std::filesystem;
using engine::tr;

namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string stamp(std::int64_t t, const char* fmt) {
  std::time_t tt = static_cast<std::time_t>(t ? t : now_seconds());
  std::tm tm{};
  localtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

}  // namespace

SessionStore::SessionStore(fs::path dir) : m_dir(std::move(dir)) {}

fs::path SessionStore::autosave_path() const { return m_dir / "autosave.toml"; }

std::string SessionStore::autosave(const engine::Session& session, const engine::ReportInfo& info) const {
  return engine::save_session(session, autosave_path(), info);
}

bool SessionStore::has_autosave() const {
  std::error_code ec;
  return fs::is_regular_file(autosave_path(), ec);
}

engine::LoadedSession SessionStore::load_autosave(std::shared_ptr<const engine::Knowledge> knowledge) const {
  return engine::load_session(std::move(knowledge), autosave_path());
}

void SessionStore::clear_autosave() const {
  std::error_code ec;
  fs::remove(autosave_path(), ec);
}

std::string SessionStore::archive(const engine::Session& session, const engine::ReportInfo& info, fs::path* saved) const {
  const std::int64_t t = info.date ? info.date : now_seconds();
  fs::path path = m_dir / (stamp(t, "%Y%m%d-%H%M%S") + "-" + session.start_tree() + ".toml");
  // Two archives within a second (start over quickly): do not overwrite.
  std::error_code ec;
  for (int i = 2; fs::exists(path, ec) && i < 100; ++i) {
    path = m_dir / (stamp(t, "%Y%m%d-%H%M%S") + "-" + session.start_tree() + "-" + std::to_string(i) + ".toml");
  }
  if (auto err = engine::save_session(session, path, info); !err.empty()) return err;
  if (saved) *saved = path;
  clear_autosave();
  return {};
}

std::vector<SessionEntry> SessionStore::recent(std::shared_ptr<const engine::Knowledge> knowledge, std::size_t max) const {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::directory_iterator(m_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".toml" && p.filename() != "autosave.toml" && p.filename().string()[0] != '.') files.push_back(p);
  }
  // Archive names start with the date, so name order is time order.
  std::sort(files.begin(), files.end(), std::greater<>());
  if (files.size() > max) files.resize(max);
  std::vector<SessionEntry> out;
  for (const auto& p : files) {
    SessionEntry e;
    e.path = p;
    auto loaded = engine::load_session(knowledge, p);
    if (!loaded.session) {
      e.error = loaded.error;
      e.tree = p.stem().string();
    } else {
      const auto& s = *loaded.session;
      e.tree = s.start_tree();
      e.started = loaded.info.date;
      e.answers = s.answers().size();
      e.concluded = s.concluded();
      if (e.concluded) e.conclusion = s.step().diagnosis;
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string escalation_summary(const engine::Session& s, engine::Lang lang, const engine::ReportInfo& info) {
  const engine::Knowledge& k = s.knowledge();
  const engine::Tree* tree = k.find_tree(s.start_tree());
  std::ostringstream md;
  md << "# " << tr("escalation.title", lang) << "\n\n";
  md << "- **" << tr("report.date", lang) << "**: " << stamp(info.date, "%Y-%m-%d %H:%M") << "\n";
  if (!info.operator_name.empty()) md << "- **" << tr("report.operator", lang) << "**: " << info.operator_name << "\n";
  md << "- **" << tr("report.script", lang) << "**: " << (tree ? tree->title.get(lang) : s.start_tree()) << " (`"
     << s.start_tree() << "`)\n";
  if (!info.symptom.empty()) md << "- **" << tr("report.symptom", lang) << "**: " << info.symptom << "\n";

  md << "\n## " << tr("report.equipment", lang) << "\n\n";
  if (s.facts().empty()) md << "- " << tr("report.none", lang) << "\n";
  for (const auto& [key, value] : s.facts()) {
    const engine::FactDecl* decl = k.facts().find(key);
    md << "- " << (decl ? decl->label.get(lang) : key) << ": " << value.value << "\n";
  }

  md << "\n## " << tr("escalation.observed", lang) << "\n\n";
  std::size_t n = 0;
  for (const auto& e : s.path()) {
    if (e.kind != engine::PathEntry::Kind::asked && e.kind != engine::PathEntry::Kind::dont_know) continue;
    const engine::Node* node = k.find_node(e.node, e.tree);
    if (!node) continue;
    std::string answer;
    if (e.kind == engine::PathEntry::Kind::dont_know) {
      answer = tr("answer.dont_know", lang);
    } else if (const engine::Choice* c = node->find_choice(e.choice)) {
      answer = c->label.get(lang);
    } else {
      answer = e.value;
    }
    md << "- " << node->text.get(lang) << " **" << answer << "**\n";
    ++n;
  }
  if (n == 0) md << "- " << tr("report.none", lang) << "\n";

  if (!s.notes().empty()) {
    md << "\n## " << tr("report.notes", lang) << "\n\n";
    for (const auto& note : s.notes()) md << "- " << note.text << "\n";
  }

  md << "\n## " << tr("escalation.status", lang) << "\n\n";
  const engine::Step& step = s.step();
  if (step.kind == engine::StepKind::conclusion) {
    md << "- **" << tr("report.diagnosis", lang) << "**: " << step.diagnosis << "\n";
    if (step.outcome) md << "- **" << tr("report.outcome", lang) << "**: " << tr("outcome." + std::string(engine::outcome_name(*step.outcome)), lang) << "\n";
    if (!step.remedy.empty()) {
      md << "- **" << tr("report.remedy", lang) << "**:\n";
      for (const auto& r : step.remedy) md << "  - " << r << "\n";
    }
  } else {
    md << "- " << tr("escalation.stopped_at", lang) << " " << step.text << "\n";
  }
  return md.str();
}

}  // namespace diagdesk::workspace
