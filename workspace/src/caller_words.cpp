// Reading a caller's sentence for scope and for what still works.
//
// [SECTION] Word lists
// [SECTION] Tokens and clauses
// [SECTION] Scope
// [SECTION] read_caller_words
//
// Keyword search alone counts « collègues » in « je n'ai plus internet, mes
// collègues si » as a symptom (the phishing tree has "a colleague sent me a
// link") and "works" in "Internet works for Teams but websites don't open"
// as part of the fault. Here the sentence is cut into clauses; a clause about
// the others (« mes collègues si », "everyone else has it") or about what
// works ("Internet works for Teams") is set aside and tells the scope; scope
// words ("everyone", « toute l'équipe », "only me") are set aside too. The
// rest is the fault, searched as usual.

#include <diagdesk/workspace/caller_words.hpp>

#include <diagdesk/kb/text.hpp>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>

namespace diagdesk::workspace {

namespace {

// [SECTION] Word lists -----------------------------------------------------------
// Folded (lower case, no accents). French and English together: callers mix
// them ("le wifi marche mais pas teams") and one sentence rarely holds a word
// that means one thing in one language and another in the other.

using Words = std::set<std::string, std::less<>>;

const Words negations = {
    "ne", "n", "pas", "plus", "jamais", "rien", "aucun", "aucune", "pu", "non",  // « pu » = « plus », spoken
    "not", "no", "never", "nothing", "none", "t", "cant", "cannot", "wont", "dont", "doesnt", "isnt",
    "arent", "didnt", "wasnt", "havent", "hasnt", "neither", "nor", "nobody"};

// The thing named in the clause works.
// Not « va » or « passe »: « le pc va lentement », « mot de passe » (« ça va » is
// looked for as two words).
const Words works_words = {"marche", "marchent", "fonctionne", "fonctionnent", "nickel", "bien", "connecte",
                           "connectee", "works", "work", "working", "worked", "fine", "ok", "okay", "loads",
                           "connected", "normally", "normal"};
// Elliptical answers, at the end of a clause only: « mes collègues si », "google does".
const Words ending_works_words = {"si", "oui", "does", "do", "is", "are", "can", "yes"};
// « ...aussi », "...too": the others have the same fault.
const Words same_words = {"aussi", "pareil", "egalement", "idem", "too", "also", "either", "same"};
// A fault that comes and goes: a clause saying it works sometimes is part of it.
const Words intermittent_words = {"parfois", "quelquefois", "fois", "temps", "moments", "sometimes",
                                  "times", "occasionally", "randomly", "now"};
// Words that are the fault itself, so "no problem" means "fine".
const Words problem_words = {"probleme", "problemes", "souci", "soucis", "panne", "problem", "problems",
                             "issue", "issues", "trouble"};
// A need rather than a fault (CallerWords::need): buying, advice, a quote.
const Words need_words = {"acheter", "achete", "achat", "voudrais", "voudrait", "voudrions", "veux", "voulons",
                          "cherche", "cherchons", "conseiller", "conseil", "conseillez", "devis", "besoin",
                          "faudrait", "equiper", "prix", "budget", "coute", "couter", "vaut", "garantie",
                          "contrat", "emmenage", "emmenageons", "demenage", "demenageons", "remplacer",
                          "buy", "buying", "purchase", "want", "need", "looking", "advise", "advice", "recommend",
                          "quote", "price", "cost", "costs", "budget", "worth", "warranty", "contract", "moving",
                          "equip", "like", "upgrade"};
// The other people or computers.
const Words others_words = {"collegues", "collegue", "autres", "voisins", "voisine", "voisin",
                            "colleagues", "colleague", "coworkers", "coworker", "others", "rest"};
// "all", « tout », « plusieurs » before one of group_words: several users.
const Words quantifiers = {"tout", "toute", "tous", "toutes", "plusieurs", "all", "whole", "entire",
                           "every", "several", "multiple"};
// Not « sites » ("every site" is every web site), not "teams" (Microsoft Teams).
const Words group_words = {
    "monde", "equipe", "equipes", "service", "services", "bureau", "bureaux", "site", "etage",
    "agence", "postes", "ordinateurs", "ordis", "utilisateurs", "collegues", "gens", "personnel",
    "salaries", "employes", "locaux", "entreprise", "boite", "batiment", "personnes", "open", "space",
    "team", "department", "departments", "dept", "office", "offices", "floor", "building", "branch",
    "company", "users", "pcs", "computers", "machines", "staff", "people", "workstations", "laptops",
    "employees", "us"};
// Where a site-wide outage is said to happen: set aside with the scope.
const Words place_words = {"bureau", "agence", "site", "etage", "open", "space", "locaux", "office",
                           "branch", "floor", "building"};
// Clause boundaries that are words.
const Words conjunctions = {"mais", "et", "but", "and", "whereas", "although", "though", "alors"};

bool has(const Words& w, std::string_view s) { return w.find(s) != w.end(); }

// [SECTION] Tokens and clauses -----------------------------------------------------

struct Token {
  std::string word;       // folded
  std::size_t begin = 0;  // byte range in the text
  std::size_t end = 0;
  std::size_t clause = 0;
};

bool word_byte(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// Length of the UTF-8 punctuation at `i` that separates words (’ ‘ ʼ « » – — … and
// no-break spaces), 0 when it is not one; `clause` says whether it ends a clause.
std::size_t punctuation(std::string_view t, std::size_t i, bool& clause) {
  auto at = [&](std::string_view s) { return t.substr(i, s.size()) == s; };
  clause = false;
  for (std::string_view s : {"\u2019", "\u2018", "\u02BC", "\u00AB", "\u00BB", "\u00A0", "\u202F"})
    if (at(s)) return s.size();
  for (std::string_view s : {"\u2013", "\u2014", "\u2026"})
    if (at(s)) {
      clause = true;
      return s.size();
    }
  return 0;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t clause = 0, i = 0, start = std::string_view::npos;
  bool boundary = false;  // a clause boundary since the last word
  auto flush = [&](std::size_t end) {
    if (start == std::string_view::npos) return;
    Token t;
    t.word = kb::fold(text.substr(start, end - start));
    t.begin = start;
    t.end = end;
    if (boundary && !out.empty()) ++clause;
    boundary = false;
    if (has(conjunctions, t.word) && !out.empty()) {
      // « mais », "but": a new clause starts after it; the word itself is kept
      // with the clause it opens so it is set aside with it.
      ++clause;
    }
    t.clause = clause;
    out.push_back(std::move(t));
    start = std::string_view::npos;
  };
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    bool ends_clause = false;
    if (std::size_t n = punctuation(text, i, ends_clause)) {
      flush(i);
      boundary = boundary || ends_clause;
      i += n;
      continue;
    }
    const bool inside = start != std::string_view::npos && i + 1 < text.size() &&
                        (word_byte(static_cast<unsigned char>(text[i + 1])) || static_cast<unsigned char>(text[i + 1]) >= 0x80);
    if (word_byte(c) || c >= 0x80 || ((c == '.' || c == '-') && inside)) {
      if (start == std::string_view::npos) start = i;
      ++i;
      continue;
    }
    flush(i);
    if (c == ',' || c == ';' || c == ':' || c == '.' || c == '!' || c == '?' || c == '(' || c == ')' || c == '\n')
      boundary = true;
    ++i;
  }
  flush(text.size());
  return out;
}

// [SECTION] Scope -----------------------------------------------------------------

using Range = std::pair<std::size_t, std::size_t>;  // token indices, inclusive

// Where a run of words starts at token `i`, if it does ("que moi", "only me").
bool run_at(const std::vector<Token>& toks, std::size_t i, std::initializer_list<std::string_view> run) {
  if (i + run.size() > toks.size()) return false;
  std::size_t k = i;
  for (std::string_view w : run)
    if (toks[k++].word != w) return false;
  return true;
}

// "only me", « que moi », "just my PC", "everyone else", « sauf moi ».
std::optional<Range> find_single(const std::vector<Token>& toks, std::size_t from, std::size_t to) {
  static const std::initializer_list<std::string_view> runs[] = {
      {"que", "moi"},          {"a", "que"},         {"a", "que", "moi"},    {"y", "a", "que", "moi"},         {"que", "sur", "mon"},  {"que", "mon", "poste"},
      {"que", "mon", "pc"},    {"que", "mon", "ordi"}, {"seul", "mon"},      {"seule", "ma"},
      {"moi", "seul"},         {"moi", "seule"},     {"seulement", "moi"},   {"seulement", "mon"},
      {"seulement", "sur"},    {"uniquement", "moi"}, {"uniquement", "mon"}, {"uniquement", "sur"},
      {"juste", "moi"},        {"juste", "mon"},     {"sauf", "moi"},        {"un", "seul", "poste"},
      {"only", "me"},          {"only", "my"},       {"only", "mine"},       {"just", "me"},
      {"just", "my"},          {"except", "me"},     {"except", "for", "me"}, {"apart", "from", "me"},
      {"but", "me"},           {"everyone", "else"}, {"everybody", "else"},  {"nobody", "else"},
      {"no", "one", "else"},   {"only", "one"},      {"my", "pc", "only"},   {"my", "computer", "only"}};
  for (std::size_t i = from; i <= to; ++i) {
    std::size_t best = 0;
    for (const auto& run : runs)
      if (run.size() > best && i + run.size() - 1 <= to && run_at(toks, i, run)) best = run.size();
    if (best) return Range{i, i + best - 1};
  }
  return std::nullopt;
}

// "everyone", « personne n'a », "the whole accounting team", « tous les postes ».
std::optional<Range> find_several(const std::vector<Token>& toks, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i <= to; ++i) {
    const std::string& w = toks[i].word;
    if (w == "everyone" || w == "everybody" || w == "nobody" || w == "noone") return Range{i, i};
    if (run_at(toks, i, {"no", "one"}) && i + 1 <= to) return Range{i, i + 1};
    if (run_at(toks, i, {"tout", "le", "monde"}) && i + 2 <= to) return Range{i, i + 2};
    if (w == "personne") {
      // The pronoun (« personne n'a », « plus personne », « personne a » typed
      // without n'), not the noun (« une personne »).
      const std::string prev = i > 0 ? toks[i - 1].word : "";
      const std::string next = i < to ? toks[i + 1].word : "";
      if (prev == "une" || prev == "la" || prev == "chaque" || prev == "cette") continue;
      if (next == "n" || next == "ne" || next == "a" || next == "arrive" || prev == "plus") return Range{i, i};
    }
    if (has(quantifiers, w)) {
      // « tous les pc », "all the PCs"; not « tout le pc » (the whole computer).
      const bool plural = w == "tous" || w == "toutes" || w == "plusieurs" || w == "all" || w == "several" || w == "multiple";
      for (std::size_t k = i + 1; k <= to && k <= i + 4; ++k)
        if (has(group_words, toks[k].word) || (plural && (toks[k].word == "pc" || toks[k].word == "ordis")))
          return Range{i, k};
    }
  }
  return std::nullopt;
}

bool any_in(const std::vector<Token>& toks, std::size_t from, std::size_t to, const Words& words) {
  for (std::size_t i = from; i <= to; ++i)
    if (has(words, toks[i].word)) return true;
  return false;
}

}  // namespace

std::string_view scope_fact_value(Scope scope) {
  switch (scope) {
    case Scope::single_user: return "single_user";
    case Scope::several_users: return "several_users";
    case Scope::unknown: break;
  }
  return "";
}

// [SECTION] read_caller_words -----------------------------------------------------

CallerWords read_caller_words(std::string_view text) {
  CallerWords out;
  out.problem = std::string(text);
  const std::vector<Token> toks = tokenize(text);
  if (toks.empty()) return out;
  out.need = std::any_of(toks.begin(), toks.end(), [](const Token& t) { return has(need_words, t.word); });

  std::vector<Range> clauses;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (clauses.empty() || toks[i].clause != toks[clauses.back().first].clause) clauses.push_back({i, i});
    clauses.back().second = i;
  }

  std::vector<bool> aside(toks.size(), false);
  auto set_aside = [&](Range r) {
    for (std::size_t i = r.first; i <= r.second; ++i) aside[i] = true;
  };
  bool single = false, several = false;
  for (const Range& c : clauses) {
    const auto [from, to] = c;
    const bool negated = any_in(toks, from, to, negations);
    const bool fine = negated && any_in(toks, from, to, problem_words);  // "no problem", « pas de souci »
    bool ca_va = false;
    for (std::size_t i = from; i < to && !ca_va; ++i) ca_va = run_at(toks, i, {"ca", "va"});
    const bool works = (!negated || fine) &&
                       (ca_va || any_in(toks, from, to, works_words) || has(ending_works_words, toks[to].word)) &&
                       !any_in(toks, from, to, intermittent_words);
    if (auto r = find_single(toks, from, to)) {
      single = true;
      // "everyone else has it", "nobody else": the whole clause is about the others.
      if (any_in(toks, r->first, r->second, Words{"else", "sauf"})) set_aside(c);
      else set_aside(*r);
      continue;
    }
    const bool all_others = any_in(toks, from, to, quantifiers);
    if (clauses.size() > 1 && !all_others && any_in(toks, from, to, others_words)) {
      // « mes collègues si », "my colleagues are fine": only me. « mes
      // collègues aussi », "my colleagues can't either": several of us.
      if (any_in(toks, from, to, same_words) || (negated && !fine)) several = true;
      else single = true;
      set_aside(c);
      continue;
    }
    if (works && clauses.size() > 1) {
      // "Internet works for Teams": not the fault. Its scope words
      // ("works for everyone") say nothing about who has the fault.
      set_aside(c);
      out.working.emplace_back(text.substr(toks[from].begin, toks[to].end - toks[from].begin));
      continue;
    }
    if (auto r = find_several(toks, from, to)) {
      several = true;
      set_aside(*r);
      for (std::size_t i = from; i <= to; ++i)
        if (has(place_words, toks[i].word)) aside[i] = true;
    }
  }
  out.scope = single ? Scope::single_user : several ? Scope::several_users : Scope::unknown;

  // The fault is the text with the set-aside runs cut out, as written (its
  // apostrophes and punctuation kept for the search's own tokenizer).
  std::string problem;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < toks.size();) {
    if (!aside[i]) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < toks.size() && aside[j + 1]) ++j;
    out.set_aside.emplace_back(text.substr(toks[i].begin, toks[j].end - toks[i].begin));
    problem.append(text.substr(copied, toks[i].begin - copied));
    copied = j + 1 < toks.size() ? toks[j + 1].begin : text.size();
    i = j + 1;
  }
  problem.append(text.substr(copied));
  // Something to search must remain: a letter or a digit.
  if (std::any_of(problem.begin(), problem.end(), [](char c) { return word_byte(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }))
    out.problem = problem;
  else {
    out.set_aside.clear();
    out.working.clear();
  }
  return out;
}

}  // namespace diagdesk::workspace
