// Known error -> article (ProblemDesk::draft_article): the problem's fields
// become a KB article with its [known_error] table in the user's layer,
// plus a stub in the other language tagged to translate; then the index.
#include <diagdesk/workspace/problem_desk.hpp>

#include "service_desk_text.hpp"

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/kb/article.hpp>
#include <diagdesk/kb/file_io.hpp>
#include <diagdesk/workspace/import.hpp>
#include <diagdesk/workspace/search.hpp>

#include <algorithm>

namespace diagdesk::workspace {

using engine::tr;
namespace sv = diagdesk::service;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return s;
}

std::string or_todo(const std::string& text, Lang lang) { return text.empty() ? tr("problem.article.todo", lang) : text; }

std::string body_of(const sv::ProblemRecord& p, const std::vector<sv::Ticket>& tickets, Lang lang) {
  std::string b = "# " + p.title + "\n\n";
  auto section = [&](const char* key, const std::string& text) {
    b += "## " + tr(std::string("problem.article.") + key, lang) + "\n\n" + or_todo(text, lang) + "\n\n";
  };
  section("symptom", p.description.empty() ? p.title : p.description);
  section("cause", p.root_cause);
  section("workaround", p.workaround);
  section("solution", p.solution);
  if (!p.error_codes.empty()) {
    b += "## " + tr("problem.article.error_codes", lang) + "\n\n";
    for (const auto& c : p.error_codes) b += "- `" + c + "`\n";
    b += "\n";
  }
  if (!tickets.empty()) {
    std::string numbers;
    for (const auto& t : tickets) numbers += (numbers.empty() ? "" : ", ") + t.number;
    b += "## " + tr("problem.article.incidents", lang) + "\n\n" + numbers + "\n\n";
  }
  b += "_" + fill_braces(tr("problem.article.from", lang), p.number) + "_\n";
  return b;
}

/// Why `path` cannot be written: a symbolic link on it or on a folder up to
/// `root`, or a file already there (`exists`). "" when it can.
std::string refusal(const fs::path& path, const fs::path& root, bool& exists) {
  std::error_code ec;
  exists = false;
  for (fs::path p = path; !p.empty(); p = p.parent_path()) {
    if (fs::is_symlink(p, ec)) return p.string();
    if (p == root || p == p.parent_path()) break;
  }
  exists = fs::exists(path, ec);
  return {};
}

}  // namespace

DeskError ProblemDesk::write_known_error(const sv::ProblemRecord& p, const std::vector<sv::Ticket>& tickets, Lang lang,
                                         bool force, ArticleDraft& out) {
  out = {};
  const Lang ui = m_ws.options().lang;
  const std::string& number = p.number;
  const Lang other = lang == Lang::fr ? Lang::en : Lang::fr;
  const std::string l = lang == Lang::fr ? "fr" : "en", o = lang == Lang::fr ? "en" : "fr";
  const std::string topic = "ke." + lower(p.number);
  const fs::path root = user_kb_dir(m_ws.options());
  out.id = topic + "." + l;
  out.stub_id = topic + "." + o;
  out.path = root / "articles" / l / (topic + ".md");
  out.stub_path = root / "articles" / o / (topic + ".md");

  bool exists = false, stub_exists = false;
  for (auto [path, flag] : {std::pair{&out.path, &exists}, std::pair{&out.stub_path, &stub_exists}}) {
    if (const std::string link = refusal(*path, root, *flag); !link.empty())
      return refuse("bad_value", "", number, fill_braces(tr("desk.problem.article_symlink", ui), link), ui);
  }
  if ((exists || stub_exists) && !force)
    return refuse("duplicate", "", number,
                  fill_braces(tr("desk.problem.article_exists", ui), (exists ? out.path : out.stub_path).string()), ui);

  kb::Article a;
  a.id = out.id;
  a.topic = topic;
  a.title = p.title;
  a.lang = l;
  a.domain = "service";
  if (const engine::Tree* t = p.tree.empty() ? nullptr : m_ws.knowledge()->find_tree(p.tree)) a.domain = t->domain;
  a.tags = {"known_error", lower(p.number)};
  a.symptoms = {p.title};
  a.translation = out.stub_id;
  a.source = (p.number.rfind("PRB-", 0) == 0 ? "problem " : "ticket ") + p.number;
  const sv::Date today = m_desk.today();
  a.updated = kb::Date{today.year, today.month, today.day};
  kb::KnownError ke;
  ke.symptom = p.description.empty() ? p.title : p.description;
  ke.cause = p.root_cause;
  ke.workaround = p.workaround;
  ke.solution = p.solution;
  ke.error_codes = p.error_codes;
  if (!p.asset_model.empty()) ke.products = {p.asset_model};
  a.known_error = ke;
  a.body = body_of(p, tickets, lang);

  kb::Article stub = a;
  stub.id = out.stub_id;
  stub.lang = o;
  stub.translation = out.id;
  stub.title = fill_braces(tr("problem.article.stub_title", other), p.title);
  stub.tags.push_back(to_translate_tag);
  stub.body = "> " + fill_braces(tr("problem.article.stub_note", other), out.id) + "\n\n" + a.body;

  // A stub someone has translated since (no to_translate tag) is kept, even with force.
  bool write_stub = true;
  if (stub_exists) {
    const kb::ArticleResult old = kb::read_article(out.stub_path);
    write_stub = old.article && std::find(old.article->tags.begin(), old.article->tags.end(), to_translate_tag) !=
                                    old.article->tags.end();
  }
  for (auto [art, path] : {std::pair{&a, &out.path}, std::pair{&stub, &out.stub_path}}) {
    if (art == &stub && !write_stub) continue;
    const std::string text = kb::write_article(*art);
    const kb::ArticleResult check = kb::parse_article(*path, text);
    if (!check.article)
      return refuse("bad_value", "", number,
                    fill_braces(tr("desk.problem.article_write", ui), check.diagnostics.empty() ? "?" : check.diagnostics.front().message), ui);
    if (kb::FileStatus s = kb::write_file_atomic(*path, text); !s)
      return refuse("io", "", number, fill_braces(tr("desk.problem.article_write", ui), s.message), ui);
  }

  // The user layer may be new: open the workspace again so it is one of the layers searched.
  Workspace fresh = Workspace::open(m_ws.options());
  Search search(fresh);
  const kb::SyncReport r = search.update_index();
  out.index_updated = r.action != kb::IndexAction::failed && r.action != kb::IndexAction::read_only;
  out.index_note = describe(r, ui);
  return {};
}

DeskError ProblemDesk::draft_article(const std::string& number, Lang lang, bool force, const std::string& actor,
                                     ArticleDraft& out) {
  const Lang ui = m_ws.options().lang;
  ProblemView v;
  if (auto e = get(number, v); !e.ok()) return e;
  const sv::ProblemRecord& p = v.problem;
  if (auto e = write_known_error(p, v.tickets, lang, force, out); !e.ok()) return e;

  sv::ProblemRecord saved = p;
  std::vector<sv::ProblemEvent> events(1);
  events[0].at = m_desk.now();
  events[0].actor = actor;
  events[0].kind = sv::ProblemEventKind::article;
  events[0].field = "article";
  events[0].new_value = out.id;
  saved.updated_at = events[0].at;
  if (auto s = m_store.update_problem(saved, events); !s.ok()) return store_error(s, number, ui);
  return {};
}

DeskError ProblemDesk::draft_article_from_ticket(const std::string& ticket_number, Lang lang, bool force,
                                                 const std::string& actor, ArticleDraft& out) {
  out = {};
  const Lang ui = m_ws.options().lang;
  TicketView t;
  if (auto e = m_desk.get(ticket_number, t); !e.ok()) return e;
  if (t.ticket.status != sv::Status::resolved && t.ticket.status != sv::Status::closed)
    return refuse("bad_move", "not_resolved", ticket_number, tr("desk.problem.article_not_resolved", ui), ui);
  // The ticket stands for the problem it would have been: its words are the
  // symptom, the last concluded diagnosis the cause, its solution the fix.
  sv::ProblemRecord p;
  p.number = t.ticket.number;
  p.title = t.ticket.title;
  p.description = t.ticket.description;
  p.solution = t.ticket.solution;
  for (const AttachedSession& a : m_desk.sessions(t.ticket)) {
    if (!a.session || !a.session->concluded()) continue;
    // The conclusion's own words in the article's language (the session ran in the operator's).
    const engine::Step& end = a.session->step();
    const engine::Tree* tree = m_ws.knowledge()->find_tree(end.tree);
    const engine::Node* node = tree ? tree->find(end.node) : nullptr;
    p.root_cause = node && !node->diagnosis.empty() ? node->diagnosis.get(lang) : end.diagnosis;
    p.tree = end.tree;
  }
  if (auto e = write_known_error(p, {}, lang, force, out); !e.ok()) return e;
  TicketView after;
  return m_desk.follow_up(ticket_number, sv::EventKind::note,
                          fill_braces(tr("problem.article.ticket_note", ui), out.id), actor, after);
}

}  // namespace diagdesk::workspace
