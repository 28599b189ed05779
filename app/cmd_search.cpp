// diagdesk search QUERY: searches articles and troubleshooting trees; also
// the symptom-to-tree choice used by `diagdesk diagnose --symptom`.
#include "cli.hpp"

#include <diagdesk/engine/training_sim.hpp>  // format_text

#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/workspace/search.hpp>

#include <iostream>
#include <unistd.h>

namespace diagdesk::cli {

namespace {

// Index messages go to stderr: stdout stays the results (or JSON).
void report_index(const kb::SyncReport& r, engine::Lang lang) {
  if (r.action == kb::IndexAction::up_to_date) return;
  if (r.action != kb::IndexAction::updated) std::cerr << "diagdesk: " << workspace::describe(r, lang) << '\n';
  // What was indexed elsewhere or only in part: said each time the index is written.
  for (const auto& n : workspace::sync_notices(r, lang)) std::cerr << "diagdesk: " << n << '\n';
}

nlohmann::json hit_json(const kb::SearchHit& h) {
  return {{"type", h.type},     {"id", h.id},         {"topic", h.topic},   {"title", h.title},
          {"lang", h.lang},     {"snippet", h.snippet}, {"score", h.score}, {"percent", h.percent},
          {"layer", h.layer},   {"domain", h.domain}, {"competency", h.competency},
          {"out_of_date", h.out_of_date}};
}

}  // namespace

kb::SyncProgress terminal_progress(engine::Lang lang) {
  if (!::isatty(STDERR_FILENO)) return {};
  return [lang, shown = std::size_t(101)](std::size_t done, std::size_t total) mutable {
    if (total < 500) return;
    const std::size_t percent = done * 100 / total;
    if (percent == shown) return;  // redrawn once per percent
    shown = percent;
    std::cerr << '\r' << workspace::progress_text(done, total, lang) << "\033[K" << (done == total ? "\n" : "")
              << std::flush;
  };
}

Runner add_search(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("search", "Search articles and troubleshooting trees (accents, typos, synonyms, error codes)");
  static std::vector<std::string> words;
  static std::string lang, domain, type;
  static std::size_t limit = 10;
  cmd->add_option("query", words, "What to look for, as a user would say it")->required();
  cmd->add_option("--lang", lang, "Only results in this language: fr or en")->check(CLI::IsMember({"fr", "en"}));
  cmd->add_option("--domain", domain, "Only this domain: hardware, os, network, directory, office, security, service");
  cmd->add_option("--type", type, "Only trees or only articles")->check(CLI::IsMember({"tree", "article"}));
  cmd->add_option("--limit", limit, "Number of results (default 10)")->check(CLI::Range(1, 1000));
  cmd->add_flag("--json", g.json, "Print JSON");
  return [&g] {
    const engine::Lang ui = lang.empty() ? g.language() : *engine::parse_lang(lang);
    auto ws = open_workspace(g);
    workspace::Search search(*ws);
    search.set_progress(terminal_progress(ui));
    if (!search.bad_team_index().empty())
      std::cerr << "diagdesk: "
                << engine::format_text(workspace::search_label("search.team_index_bad", ui), {search.bad_team_index()})
                << '\n';
    const bool tty = !g.json && ::isatty(STDOUT_FILENO);
    kb::SearchQuery q;
    for (const auto& w : words) q.text += (q.text.empty() ? "" : " ") + w;
    q.lang = lang;
    q.ui_lang = std::string(engine::lang_code(ui));
    q.domain = domain;
    q.type = type;
    q.limit = limit;
    q.prefix_last_word = true;
    q.mark_open = tty ? "\033[1m" : "**";
    q.mark_close = tty ? "\033[0m" : "**";
    const kb::SearchResults r = search.search(q);
    const kb::SyncReport& idx = search.last_update();
    if (r.error != kb::SearchError::none) {
      if (!g.json) report_index(idx, ui);
      return fail("search: " + r.message, exit_failed);
    }

    if (g.json) {
      nlohmann::json hits = nlohmann::json::array();
      for (const auto& h : r.hits) hits.push_back(hit_json(h));
      nlohmann::json notices = nlohmann::json::array();
      for (auto n : r.notices) notices.push_back(kb::to_string(n));
      nlohmann::json out = {{"query", q.text}, {"did_you_mean", r.did_you_mean}, {"notices", notices},
                            {"message", r.message}, {"estimated_total", r.estimated_total},
                            {"index", {{"action", kb::to_string(idx.action)}, {"message", idx.message}}},
                            {"hits", hits}};
      print_json(out);
      return r.hits.empty() ? exit_failed : exit_ok;
    }

    report_index(idx, ui);
    auto L = [&](std::string_view key) { return workspace::search_label(key, ui); };
    for (auto n : r.notices) {
      if (n == kb::SearchNotice::query_truncated) std::cerr << "diagdesk: " << L("search.truncated") << '\n';
      if (n == kb::SearchNotice::index_read_only) std::cerr << "diagdesk: " << L("search.read_only") << '\n';
      if (n == kb::SearchNotice::team_offline && search.team_index())
        std::cerr << "diagdesk: " << L("search.team_offline") << " (" << search.team_index()->host << ':'
                  << search.team_index()->port << ")\n";
    }
    if (r.has(kb::SearchNotice::empty_query)) {
      std::cout << L("search.empty") << '\n';
      return exit_failed;
    }
    if (!r.did_you_mean.empty())
      std::cout << L("search.did_you_mean") << engine::tr("punct.colon", ui) << r.did_you_mean << " ? ("
                << L("search.corrected") << " « " << r.did_you_mean << " »)\n\n";
    if (r.hits.empty()) {
      std::cout << L("search.none") << '\n';
      return exit_failed;
    }
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
      const kb::SearchHit& h = r.hits[i];
      std::cout << (i + 1) << ". " << h.title << "  [" << L(h.type == "tree" ? "search.tree" : "search.article");
      if (h.lang != "both") std::cout << ' ' << h.lang;
      std::cout << "] " << h.id << "  " << h.percent << (ui == engine::Lang::fr ? " %" : "%");
      if (h.layer != "bundled") std::cout << "  (" << h.layer << ')';
      if (h.out_of_date) std::cout << "  (" << L("search.out_of_date") << ')';
      std::cout << "\n   " << h.snippet << "\n";
    }
    if (r.estimated_total > r.hits.size())
      std::cout << "\n" << r.hits.size() << " / ~" << r.estimated_total << ' ' << L("search.results") << '\n';
    return exit_ok;
  };
}

int choose_tree_by_symptom(const workspace::Workspace& ws, const std::string& symptom, engine::Lang lang, bool json,
                           std::string& tree, nlohmann::json* match) {
  workspace::Search search(ws);
  search.set_progress(terminal_progress(lang));
  auto m = search.match_symptom(symptom, lang);
  // With --json, stdout is the session state: the choice goes to stderr.
  std::ostream& out = json ? std::cerr : std::cout;
  report_index(search.last_update(), lang);
  if (!m) {
    if (json) print_json({{"status", "no_match"}, {"symptom_match", {{"text", symptom}, {"tree", nullptr}}}});
    return fail(workspace::search_label("match.none", lang), exit_failed);
  }
  auto L = [&](std::string_view key) { return workspace::search_label(key, lang); };
  out << L("match.chosen") << engine::tr("punct.colon", lang) << m->tree_id << " — " << m->title << '\n'
      << m->why << '\n'
      << "   " << m->evidence << '\n';
  if (!m->others.empty()) {
    out << L("match.others") << engine::tr("punct.colon", lang);
    for (std::size_t i = 0; i < m->others.size(); ++i)
      out << (i ? ", " : "") << m->others[i].first << " (" << m->others[i].second << ')';
    out << '\n';
  }
  out << '\n';
  tree = m->tree_id;
  if (match) {
    nlohmann::json others = nlohmann::json::array();
    for (const auto& [id, title] : m->others) others.push_back({{"tree", id}, {"title", title}});
    *match = {{"text", symptom}, {"tree", m->tree_id}, {"title", m->title}, {"percent", m->percent},
              {"why", m->why},   {"evidence", m->evidence}, {"others", others}};
  }
  return exit_ok;
}

}  // namespace diagdesk::cli
