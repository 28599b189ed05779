// The problem desk: status rules, links to incidents only, and the
// candidates by conclusion, by asset model and by text, each with a negative.
#include "fixture.hpp"

#include <diagdesk/kb/article.hpp>
#include <diagdesk/workspace/problem_desk.hpp>
#include <diagdesk/workspace/search.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace diagdesk;
using workspace::DeskError;
using workspace::ProblemView;
namespace sv = diagdesk::service;
namespace fs = std::filesystem;

namespace {

constexpr sv::Time december_7 = 1796644800;  // 2026-12-07 12:00 UTC

struct Fixture {
  test::TempDir home;
  workspace::Workspace ws;
  std::unique_ptr<workspace::ServiceDesk> desk;
  std::unique_ptr<workspace::ProblemDesk> problems;
  sv::Time now = december_7;

  Fixture() : ws(workspace::Workspace::open({DIAGDESK_DATA_DIR, {}, home.path(), engine::Lang::fr})) {
    DeskError err;
    desk = workspace::ServiceDesk::open(ws, err);
    REQUIRE_MESSAGE(desk, err.message);
    desk->set_clock([this] { return now; });
    problems = std::make_unique<workspace::ProblemDesk>(*desk, ws);
  }

  workspace::TicketView incident(const std::string& title, const std::string& description = "",
                                 const std::string& asset = "", sv::TicketType type = sv::TicketType::incident) {
    workspace::NewTicket n;
    n.type = type;
    n.title = title;
    n.description = description;
    n.caller_name = "Paul Martin";
    n.asset_tag = asset;
    workspace::TicketView v;
    const DeskError e = desk->create(n, "marie", v);
    REQUIRE_MESSAGE(e.ok(), e.message);
    return v;
  }

  ProblemView problem(workspace::NewProblem n) {
    ProblemView v;
    const DeskError e = problems->create(n, "marie", v);
    REQUIRE_MESSAGE(e.ok(), e.message);
    return v;
  }

  std::vector<workspace::ProblemCandidate> candidates(const std::string& number, int days = 30) {
    std::vector<workspace::ProblemCandidate> out;
    const DeskError e = problems->candidates(number, days, out);
    REQUIRE_MESSAGE(e.ok(), e.message);
    return out;
  }
};

const workspace::ProblemCandidate* find(const std::vector<workspace::ProblemCandidate>& c, const std::string& number) {
  auto it = std::find_if(c.begin(), c.end(), [&](const auto& x) { return x.ticket.number == number; });
  return it == c.end() ? nullptr : &*it;
}

workspace::NewProblem titled(const std::string& title, const std::string& description = "") {
  workspace::NewProblem n;
  n.title = title;
  n.description = description;
  return n;
}

bool has(const workspace::ProblemCandidate* c, workspace::CandidateReason r) {
  return c && std::find(c->reasons.begin(), c->reasons.end(), r) != c->reasons.end();
}

}  // namespace

TEST_CASE("a problem's status moves follow its rules and each change is in its history") {
  Fixture f;
  workspace::NewProblem n;
  n.title = "Imprimantes hors ligne";
  ProblemView v = f.problem(n);
  CHECK(v.problem.number == "PRB-2026-000001");
  DeskError e = f.problems->set_status(v.problem.number, sv::ProblemStatus::known_error, "", "marie", v);
  CHECK(e.code == "bad_move");
  CHECK(e.move == "needs_root_cause");
  REQUIRE(f.problems->update(v.problem.number, "root_cause", "firmware 4.2", "marie", v).ok());
  REQUIRE(f.problems->update(v.problem.number, "workaround", "adresse IP fixe", "marie", v).ok());
  REQUIRE(f.problems->set_status(v.problem.number, sv::ProblemStatus::known_error, "", "marie", v).ok());
  e = f.problems->set_status(v.problem.number, sv::ProblemStatus::resolved, "", "marie", v);
  CHECK(e.move == "needs_solution");
  CHECK(f.problems->update(v.problem.number, "tree", "no.such.tree", "marie", v).code == "bad_value");
  CHECK(f.problems->update(v.problem.number, "root_cause", "x", "marie", v, 1).code == "stale");
  CHECK(f.problems->get("PRB-2026-000009", v).code == "not_found");
  CHECK(f.problems->get("INC-2026-000001", v).code == "bad_value");
  REQUIRE(f.problems->get("PRB-2026-000001", v).ok());
  CHECK(v.history.size() == 4);  // created, root cause, workaround, known error
}

TEST_CASE("only incidents are linked, each to one problem, with an event on the ticket") {
  Fixture f;
  auto inc = f.incident("Imprimante hors ligne");
  auto req = f.incident("Nouvelle imprimante", "", "", sv::TicketType::request);
  ProblemView a = f.problem(titled("Imprimantes hors ligne"));
  ProblemView b = f.problem(titled("Autre problème"));
  CHECK(f.problems->link(a.problem.number, req.ticket.number, "marie", a).code == "bad_value");
  REQUIRE(f.problems->link(a.problem.number, inc.ticket.number, "marie", a).ok());
  REQUIRE(a.tickets.size() == 1);
  CHECK(f.problems->link(b.problem.number, inc.ticket.number, "marie", b).code == "duplicate");
  std::string of;
  REQUIRE(f.problems->problem_of(inc.ticket.number, of).ok());
  CHECK(of == a.problem.number);
  REQUIRE(f.desk->get(inc.ticket.number, inc).ok());
  CHECK(inc.history.back().field == "problem");
  CHECK(inc.history.back().new_value == a.problem.number);
  CHECK(f.problems->unlink(b.problem.number, inc.ticket.number, "marie", b).code == "not_found");
  REQUIRE(f.problems->unlink(a.problem.number, inc.ticket.number, "marie", a).ok());
  CHECK(a.tickets.empty());
}

TEST_CASE("candidates by text are open incidents of the last days that read like the problem, not the others") {
  Fixture f;
  f.now = december_7 - 40 * 86400;
  auto old = f.incident("Imprimantes hors ligne encore");
  f.now = december_7;
  auto close = f.incident("L'imprimante du 2e étage est hors ligne", "Plus aucune impression depuis ce matin");
  auto far = f.incident("Mot de passe expiré", "L'utilisateur ne peut plus ouvrir sa session");
  ProblemView p = f.problem(titled("Les imprimantes passent hors ligne", "Imprimantes du site hors ligne après la mise à jour"));
  auto c = f.candidates(p.problem.number);
  const auto* r = find(c, close.ticket.number);
  REQUIRE(has(r, workspace::CandidateReason::text));
  CHECK(std::find(r->shared_words.begin(), r->shared_words.end(), "hors") != r->shared_words.end());
  CHECK_FALSE(find(c, far.ticket.number));
  CHECK_FALSE(find(c, old.ticket.number));  // opened 40 days ago
  CHECK(has(find(f.candidates(p.problem.number, 60), old.ticket.number), workspace::CandidateReason::text));
  // A linked incident is no longer a candidate.
  REQUIRE(f.problems->link(p.problem.number, close.ticket.number, "marie", p).ok());
  CHECK_FALSE(find(f.candidates(p.problem.number), close.ticket.number));
}

TEST_CASE("candidates by asset model are the incidents on an asset of that model only") {
  Fixture f;
  workspace::AssetView av;
  REQUIRE(f.desk->add_asset("PC-1", {{"type", "laptop"}, {"manufacturer", "Dell"}, {"model", "Latitude 5520"}}, "marie", av).ok());
  REQUIRE(f.desk->add_asset("PC-2", {{"type", "laptop"}, {"manufacturer", "HP"}, {"model", "EliteBook 840"}}, "marie", av).ok());
  auto on_dell = f.incident("Écran noir", "", "PC-1");
  auto on_hp = f.incident("Écran bleu", "", "PC-2");
  workspace::NewProblem n;
  n.title = "Batteries gonflées";
  n.asset_model = "latitude 5520";
  ProblemView p = f.problem(n);
  auto c = f.candidates(p.problem.number);
  const auto* d = find(c, on_dell.ticket.number);
  REQUIRE(has(d, workspace::CandidateReason::asset_model));
  CHECK(d->asset_model == "Dell Latitude 5520");
  CHECK_FALSE(find(c, on_hp.ticket.number));
}

TEST_CASE("candidates by conclusion are incidents whose diagnosis ended on the problem's conclusion") {
  Fixture f;
  auto diagnosed = f.incident("Pas d'internet");
  auto other = f.incident("Pas d'internet non plus");
  auto started = f.desk->start_diagnosis(diagnosed.ticket.number, "net.no_internet", {}, engine::Lang::fr);
  REQUIRE_MESSAGE(started.session, started.error);
  auto& s = *started.session;
  for (int i = 0; i < 40 && !s.concluded(); ++i) {
    if (s.step().kind == engine::StepKind::error) break;
    if ((s.step().kind == engine::StepKind::input ? s.dont_know() : s.answer("1")) != engine::AnswerError::none) break;
  }
  REQUIRE(s.concluded());
  REQUIRE(f.desk->attach_diagnosis(diagnosed.ticket.number, s, {}, "marie", diagnosed).ok());
  workspace::NewProblem n;
  n.title = "Zqx";
  n.tree = s.step().tree;
  n.conclusion = s.step().node;
  ProblemView p = f.problem(n);
  auto c = f.candidates(p.problem.number);
  CHECK(has(find(c, diagnosed.ticket.number), workspace::CandidateReason::conclusion));
  CHECK_FALSE(find(c, other.ticket.number));
  // Another conclusion of the same tree does not match.
  const engine::Tree* tree = f.ws.knowledge()->find_tree(n.tree);
  REQUIRE(tree);
  std::string another;
  for (const auto& node : tree->nodes)
    if (node.kind == engine::NodeKind::conclusion && node.id != n.conclusion) another = node.id;
  REQUIRE_FALSE(another.empty());
  REQUIRE(f.problems->update(p.problem.number, "conclusion", another, "marie", p).ok());
  CHECK_FALSE(find(f.candidates(p.problem.number), diagnosed.ticket.number));
  CHECK(f.problems->update(p.problem.number, "conclusion", "q_scope_nope", "marie", p).code == "bad_value");
}

TEST_CASE("a known error becomes an article of the user layer that lints clean and the search finds") {
  Fixture f;
  workspace::NewProblem n = titled("Les imprimantes Zebrix passent hors ligne", "Les imprimantes Zebrix du site disparaissent du réseau");
  n.error_codes = {"0xZB42"};
  ProblemView p = f.problem(n);
  REQUIRE(f.problems->update(p.problem.number, "root_cause", "Le micrologiciel 4.2 perd son bail DHCP", "marie", p).ok());
  REQUIRE(f.problems->update(p.problem.number, "workaround", "Donner une adresse fixe aux imprimantes", "marie", p).ok());
  workspace::ArticleDraft a;
  DeskError e = f.problems->draft_article(p.problem.number, engine::Lang::fr, false, "marie", a);
  REQUIRE_MESSAGE(e.ok(), e.message);
  CHECK(a.id == "ke.prb-2026-000001.fr");
  CHECK(a.path == f.home.path() / "kb" / "articles" / "fr" / "ke.prb-2026-000001.md");
  REQUIRE(fs::exists(a.path));
  REQUIRE(fs::exists(a.stub_path));
  const auto read = kb::read_article(a.path);
  REQUIRE(read.article);
  REQUIRE(read.article->known_error);
  CHECK(read.article->known_error->cause == "Le micrologiciel 4.2 perd son bail DHCP");
  CHECK(read.article->known_error->error_codes == std::vector<std::string>{"0xZB42"});
  CHECK(a.index_updated);

  // Lint: no error, and the English stub is reported as waiting for its translation.
  auto ws = workspace::Workspace::open({DIAGDESK_DATA_DIR, {}, f.home.path(), engine::Lang::fr});
  const auto findings = ws.lint({});
  bool todo = false;
  for (const auto& d : findings) {
    if (d.pos.file.find("ke.prb-2026-000001") == std::string::npos) continue;
    CHECK_MESSAGE(d.severity != engine::Severity::error, d.message);
    todo = todo || d.code == "translation.todo";
  }
  CHECK(todo);

  workspace::Search search(ws);
  kb::SearchQuery q;
  q.text = "Zebrix hors ligne";
  q.ui_lang = "fr";
  const auto hits = search.search(q);
  REQUIRE_FALSE(hits.hits.empty());
  CHECK(hits.hits.front().id == "ke.prb-2026-000001.fr");

  // Never overwritten without force; never through a symbolic link.
  CHECK(f.problems->draft_article(p.problem.number, engine::Lang::fr, false, "marie", a).code == "duplicate");
  REQUIRE(f.problems->draft_article(p.problem.number, engine::Lang::fr, true, "marie", a).ok());
  ProblemView other = f.problem(titled("Autre"));
  const fs::path target = f.home.path() / "elsewhere.md";
  fs::create_symlink(target, f.home.path() / "kb" / "articles" / "fr" / "ke.prb-2026-000002.md");
  CHECK(f.problems->draft_article(other.problem.number, engine::Lang::fr, true, "marie", a).code == "bad_value");
  CHECK_FALSE(fs::exists(target));
  REQUIRE(f.problems->get(p.problem.number, p).ok());
  CHECK(p.history.back().kind == sv::ProblemEventKind::article);
}

TEST_CASE("a resolved incident becomes a known-error article with its diagnosis as the cause, an open one is refused") {
  Fixture f;
  auto t = f.incident("Le disque du poste compta claque", "Bruit de clic au démarrage et lenteurs");
  workspace::ArticleDraft a;
  CHECK(f.problems->draft_article_from_ticket(t.ticket.number, engine::Lang::en, false, "marie", a).code == "bad_move");
  CHECK_FALSE(fs::exists(f.home.path() / "kb" / "articles" / "en" / "ke.inc-2026-000001.md"));

  // Diagnosed in French, drafted in English: the cause is the conclusion's English words.
  auto started = f.desk->start_diagnosis(t.ticket.number, "hw.disk_failing", {}, engine::Lang::fr);
  REQUIRE_MESSAGE(started.session, started.error);
  auto& s = *started.session;
  REQUIRE(s.answer("noise") == engine::AnswerError::none);
  REQUIRE(s.answer("yes") == engine::AnswerError::none);
  REQUIRE(s.concluded());
  REQUIRE(f.desk->attach_diagnosis(t.ticket.number, s, {}, "marie", t).ok());
  const engine::Node* end = f.ws.knowledge()->find_tree("hw.disk_failing")->find(s.step().node);
  REQUIRE(end);
  REQUIRE(f.desk->resolve(t.ticket.number, "Disk replaced by an SSD, data restored from the backup", "marie", t).ok());

  DeskError e = f.problems->draft_article_from_ticket(t.ticket.number, engine::Lang::en, false, "marie", a);
  REQUIRE_MESSAGE(e.ok(), e.message);
  CHECK(a.id == "ke.inc-2026-000001.en");
  const auto read = kb::read_article(a.path);
  REQUIRE(read.article);
  REQUIRE(read.article->known_error);
  CHECK(read.article->known_error->symptom == "Bruit de clic au démarrage et lenteurs");
  CHECK(read.article->known_error->cause == end->diagnosis.en);
  CHECK(read.article->known_error->solution == "Disk replaced by an SSD, data restored from the backup");
  CHECK(read.article->domain == "hardware");
  CHECK(fs::exists(a.stub_path));
  // The ticket records it; a second draft needs force.
  REQUIRE(f.desk->get(t.ticket.number, t).ok());
  CHECK(t.history.back().note.find("ke.inc-2026-000001.en") != std::string::npos);
  CHECK(f.problems->draft_article_from_ticket(t.ticket.number, engine::Lang::en, false, "marie", a).code == "duplicate");
}
