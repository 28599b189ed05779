// Relevance on real help sets (not run by ctest): copies the French and
// English HTML of help sets Debian packages in both languages out of
// /usr/share/doc, imports them as a user would (`diagdesk import` into the
// user's KB layer of a temporary data directory), runs the judged queries of
// bench/relevance/queries.tsv through the search `diagdesk search` uses, and
// prints hit@1, hit@5 and MRR per language and overall, then every query
// whose accepted pages are not in the first five, with what came first.
//
// Usage: bench_relevance [--queries FILE] [--dir DIR] [--all] [--show N]
//   --dir DIR  work in DIR (kept) instead of a temporary folder
//   --all      also list the queries found in the top 5, with their rank
//   --show N   under each query listed, its first N results
// Exit: 0 done, 1 an import or a search failed, 2 bad usage, a help set
// missing (the message names the package to apt-get) or a bad queries file.

#include <diagdesk/workspace/import.hpp>
#include <diagdesk/workspace/search.hpp>
#include <diagdesk/workspace/workspace.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
namespace ws = diagdesk::workspace;

namespace {

// [SECTION] Help sets --------------------------------------------------------

// One folder of a help set's HTML in one language, copied to
// <src>/<set>/<into>: the layout gives the ids (<set>.<page>.<lang>).
struct Part {
  const char* from;    // folder in the package
  const char* suffix;  // file names ending so (".html", ".fr.html")
  const char* into;    // folder under <src>/<set> ("fr", "en", "")
};
struct HelpSet {
  const char* name;     // topic prefix of its articles
  const char* package;  // the Debian package(s) to install when missing
  std::vector<Part> parts;
};

const std::vector<HelpSet>& help_sets() {
  static const std::vector<HelpSet> sets = {
      {"installation-guide", "installation-guide-amd64",
       {{"/usr/share/doc/installation-guide-amd64/en", ".html", "en"},
        {"/usr/share/doc/installation-guide-amd64/fr", ".html", "fr"}}},
      {"debian-reference", "debian-reference-en debian-reference-fr",
       {{"/usr/share/debian-reference", ".en.html", ""}, {"/usr/share/debian-reference", ".fr.html", ""}}},
      // The FAQ's plain .html files are links to the .en.html ones.
      {"debian-faq", "debian-faq debian-faq-fr",
       {{"/usr/share/doc/debian/FAQ", ".en.html", ""}, {"/usr/share/doc/debian/FAQ/fr", ".fr.html", ""}}},
      {"aptitude", "aptitude-doc-en aptitude-doc-fr",
       {{"/usr/share/doc/aptitude/html/en", ".html", "en"},
        {"/usr/share/doc/aptitude/html/fr", ".html", "fr"}}},
  };
  return sets;
}

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// Copies each help set's pages; returns false (and says which package to
// install) when a folder is missing or has no page.
bool copy_help_sets(const fs::path& src) {
  bool ok = true;
  for (const HelpSet& set : help_sets()) {
    for (const Part& part : set.parts) {
      std::error_code ec;
      fs::path to = src / set.name / part.into;
      fs::create_directories(to);
      int copied = 0;
      for (fs::directory_iterator it(part.from, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        std::string name = p.filename().string();
        // "index.html" is the same in every language folder; keep it, but not a
        // plain ".html" beside ".en.html" pages when asked for one language.
        if (!ends_with(name, part.suffix) || !it->is_regular_file() || it->is_symlink()) continue;
        if (std::string(part.suffix) == ".html" && (ends_with(name, ".en.html") || ends_with(name, ".fr.html")))
          continue;
        fs::copy_file(p, to / name, fs::copy_options::overwrite_existing, ec);
        if (!ec) ++copied;
      }
      if (copied == 0) {
        std::cerr << "bench_relevance: no " << part.suffix << " page in " << part.from << " (help set '"
                  << set.name << "'): apt-get install " << set.package << '\n';
        ok = false;
        break;
      }
    }
  }
  return ok;
}

// [SECTION] Queries ----------------------------------------------------------

struct Query {
  int line = 0;
  std::string lang;
  std::string text;
  std::vector<std::string> accepted;
  std::string note;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

// Reads the TSV; on a bad line prints "file:line: why" and returns false.
bool read_queries(const fs::path& file, std::vector<Query>& out) {
  std::ifstream in(file);
  if (!in) {
    std::cerr << "bench_relevance: cannot read " << file.string() << '\n';
    return false;
  }
  std::string line;
  bool ok = true;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = split(line, '\t');
    auto bad = [&](const std::string& why) {
      std::cerr << file.string() << ':' << n << ": " << why << '\n';
      ok = false;
    };
    if (cols.size() < 3) {
      bad("expected lang<TAB>query<TAB>accepted ids[<TAB>note]");
      continue;
    }
    Query q{n, cols[0], cols[1], {}, cols.size() > 3 ? cols[3] : ""};
    if (q.lang != "fr" && q.lang != "en") bad("language must be fr or en, not '" + q.lang + "'");
    for (const auto& id : split(cols[2], ' '))
      if (!id.empty()) q.accepted.push_back(id);
    if (q.text.empty() || q.accepted.empty()) bad("empty query or no accepted page");
    out.push_back(std::move(q));
  }
  return ok;
}

// [SECTION] Scores -----------------------------------------------------------

struct Score {
  int n = 0, hit1 = 0, hit5 = 0;
  double rr = 0;
  void add(int rank) {  // 1-based, 0 when not in the list
    ++n;
    if (rank == 1) ++hit1;
    if (rank >= 1 && rank <= 5) ++hit5;
    if (rank >= 1) rr += 1.0 / rank;
  }
};

void print_score(const char* name, const Score& s) {
  if (s.n == 0) return;
  std::printf("%-8s %3d queries  hit@1 %.2f  hit@5 %.2f  MRR %.3f\n", name, s.n, double(s.hit1) / s.n,
              double(s.hit5) / s.n, s.rr / s.n);
}

}  // namespace

int main(int argc, char** argv) try {
  fs::path queries_file = fs::path(DIAGDESK_SOURCE_DIR) / "bench/relevance/queries.tsv";
  fs::path dir;
  bool all = false;
  std::size_t show = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--queries" && i + 1 < argc) queries_file = argv[++i];
    else if (a == "--dir" && i + 1 < argc) dir = argv[++i];
    else if (a == "--all") all = true;
    else if (a == "--show" && i + 1 < argc) show = std::strtoul(argv[++i], nullptr, 10);
    else {
      std::cerr << "usage: bench_relevance [--queries FILE] [--dir DIR] [--all] [--show N]\n";
      return 2;
    }
  }
  std::vector<Query> queries;
  if (!read_queries(queries_file, queries)) return 2;

  bool temporary = dir.empty();
  if (temporary) {
    std::string tmpl = (fs::temp_directory_path() / "bench_relevance.XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) {
      std::cerr << "bench_relevance: cannot make a temporary folder\n";
      return 1;
    }
    dir = tmpl;
  }
  struct Cleanup {
    fs::path dir;
    bool on;
    ~Cleanup() {
      std::error_code ec;
      if (on) fs::remove_all(dir, ec);
    }
  } cleanup{dir, temporary};

  const fs::path src = dir / "help", home = dir / "home";
  if (!copy_help_sets(src)) return 2;

  // Import as `DIAGDESK_HOME=<home> diagdesk import <src>/<set>...` does: into the user's layer.
  ws::Options options;
  options.data_dir = home;
  diagdesk::importers::ImportOptions request;
  for (const HelpSet& set : help_sets()) request.inputs.push_back(src / set.name);
  ws::ImportResult imported = ws::import_articles(options, request);
  const auto& rep = imported.report;
  std::size_t articles = 0, failed = 0;
  std::set<std::string> ids;
  for (const auto& f : rep.files)
    for (const auto& a : f.articles) {
      if (a.status == diagdesk::importers::Status::failed) ++failed;
      else if (a.status != diagdesk::importers::Status::skipped) {
        ++articles;
        ids.insert(a.id);
      }
    }
  std::printf("Imported %zu articles from %zu help sets (%zu failed); index: %s\n", articles, help_sets().size(),
              failed, imported.index_note.c_str());

  // A judgment naming a page the import did not produce is wrong, not a miss.
  bool judged_ok = true;
  for (const Query& q : queries)
    for (const auto& id : q.accepted)
      if (!ids.count(id)) {
        std::cerr << queries_file.string() << ':' << q.line << ": no article '" << id << "' in the imported sets\n";
        judged_ok = false;
      }
  if (!judged_ok) return 2;

  ws::Workspace w = ws::Workspace::open(options);
  ws::Search search(w);
  Score by_lang[2], overall;
  std::vector<std::string> misses, found;
  for (const Query& q : queries) {
    diagdesk::kb::SearchQuery sq;
    sq.text = q.text;
    sq.ui_lang = q.lang;  // the caller's operator works in the query's language
    sq.layer = "user";    // only the imported sets are judged, not the bundled KB
    sq.limit = 10;
    sq.prefix_last_word = true;
    const auto r = search.search(sq);
    if (r.error != diagdesk::kb::SearchError::none) {
      std::cerr << "bench_relevance: search failed: " << r.message << '\n';
      return 1;
    }
    int rank = 0;
    for (std::size_t i = 0; i < r.hits.size() && rank == 0; ++i)
      for (const auto& id : q.accepted)
        if (r.hits[i].id == id) rank = static_cast<int>(i + 1);
    by_lang[q.lang == "fr" ? 0 : 1].add(rank);
    overall.add(rank);
    std::string first = r.hits.empty() ? "(nothing)" : r.hits[0].id + " \"" + r.hits[0].title + "\"";
    std::ostringstream line;
    line << "  " << q.lang << " l." << q.line << "  \"" << q.text << "\"  rank " << (rank ? std::to_string(rank) : "-")
         << "  want " << q.accepted[0] << (q.accepted.size() > 1 ? " (+" + std::to_string(q.accepted.size() - 1) + ")" : "")
         << "  first " << first;
    if (!r.did_you_mean.empty()) line << "  (did you mean: " << r.did_you_mean << ")";
    for (std::size_t i = 0; i < show && i < r.hits.size(); ++i)
      line << "\n      " << (i + 1) << ". " << r.hits[i].id << "  " << r.hits[i].snippet.substr(0, 160);
    (rank >= 1 && rank <= 5 ? found : misses).push_back(line.str());
  }
  std::printf("\n");
  print_score("fr", by_lang[0]);
  print_score("en", by_lang[1]);
  print_score("overall", overall);
  std::printf("\nNot in the top 5 (%zu):\n", misses.size());
  for (const auto& m : misses) std::printf("%s\n", m.c_str());
  if (all) {
    std::printf("\nIn the top 5 (%zu):\n", found.size());
    for (const auto& m : found) std::printf("%s\n", m.c_str());
  }
  if (!temporary) std::printf("\nKept: %s (DIAGDESK_HOME=%s diagdesk search ...)\n", dir.c_str(), home.c_str());
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bench_relevance: " << e.what() << '\n';
  return 1;
}
