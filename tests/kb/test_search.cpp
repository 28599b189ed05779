#include "fixtures.hpp"

#include <diagdesk/kb/index.hpp>
#include <diagdesk/kb/synonyms.hpp>

#include <doctest/doctest.h>


using namespace diagdesk::kb;
using kbtest::ids;
using kbtest::rank_of;

namespace {

/// The sample KB indexed once in a temporary folder, with the bundled synonyms.
struct SearchFixture {
  kbtest::TempDir tmp;
  Index index{tmp / "index"};
  SearchFixture() {
    auto syn = load_synonyms(std::string(DIAGDESK_DATA_DIR) + "/synonyms.toml");
    index.set_synonyms(syn.synonyms);
    SyncReport r = index.sync(kbtest::sample_documents());
    REQUIRE(r.action == IndexAction::created);
  }
  SearchResults find(const std::string& text, std::string lang = "", std::string ui = "fr") {
    SearchQuery q;
    q.text = text;
    q.lang = std::move(lang);
    q.ui_lang = std::move(ui);
    return index.search(q);
  }
  std::string first(const std::string& text, std::string lang = "", std::string ui = "fr") {
    auto r = find(text, std::move(lang), std::move(ui));
    return r.hits.empty() ? std::string("(none)") : r.hits[0].id;
  }
  /// The first article (trees left out).
  std::string first_article(const std::string& text, std::string lang = "") {
    SearchQuery q;
    q.text = text;
    q.lang = std::move(lang);
    q.type = "article";
    auto r = index.search(q);
    return r.hits.empty() ? std::string("(none)") : r.hits[0].id;
  }
};

}  // namespace

TEST_CASE_FIXTURE(SearchFixture, "accents are optional in queries and documents") {
  CHECK(first("reseau wifi lent") == "net.wifi_slow.fr");
  CHECK(first("RÉSEAU WIFI LENT") == "net.wifi_slow.fr");
  CHECK(first("ecran noir") == "hw.screen_black.fr");
  CHECK(rank_of(find("securite", "fr"), "net.wifi_slow.fr") == 1);  // body says "sécurité"
  CHECK(rank_of(find("expire", "fr"), "sec.password_expired.fr") == 1);
}

TEST_CASE_FIXTURE(SearchFixture, "French elisions are split off both in text and query") {
  // Title "L'imprimante", body "L’imprimante" (typographic apostrophe).
  CHECK(first_article("imprimante", "fr") == "hw.printer_offline.fr");
  CHECK(first_article("l'imprimante hors ligne", "fr") == "hw.printer_offline.fr");
  CHECK(first("l’écran", "fr") == "hw.screen_black.fr");
  CHECK(rank_of(find("spouleur", "fr"), "hw.printer_offline.fr") == 1);  // "spouleur d'impression"
  CHECK(rank_of(find("accès internet", "fr"), "net.no_internet") == 1);  // "d'accès"
}

TEST_CASE_FIXTURE(SearchFixture, "plurals and conjugations match through stemming") {
  CHECK(first_article("imprimantes", "fr") == "hw.printer_offline.fr");
  CHECK(first("printers offline", "en", "en") == "hw.printer_offline.en");
  CHECK(first("comptes verrouillés", "fr") == "dir.locked.fr");
}

TEST_CASE_FIXTURE(SearchFixture, "synonyms and abbreviations apply in both languages") {
  CHECK(first("mdp expiré") == "sec.password_expired.fr");
  CHECK(first("wlan lent", "fr") == "net.wifi_slow.fr");
  CHECK(first("sans fil lent", "fr") == "net.wifi_slow.fr");
  CHECK(first("AD verrouillé", "fr") == "dir.locked.fr");
  CHECK(first("annuaire bloqué", "fr") == "dir.locked.fr");
  CHECK(first("wireless slow", "en", "en") == "net.wifi_slow.en");
  // Cross-language: an English word finds the French article through its group.
  CHECK(first_article("printer", "fr") == "hw.printer_offline.fr");
  CHECK(rank_of(find("password expired", "fr"), "sec.password_expired.fr") == 1);
  SUBCASE("without synonyms the abbreviation finds nothing") {
    index.set_synonyms({});
    CHECK(rank_of(find("mdp", "fr"), "sec.password_expired.fr") == 0);
  }
}

TEST_CASE_FIXTURE(SearchFixture, "misspelt words are corrected with a did-you-mean") {
  SearchResults r = find("imprimnte hors ligne", "fr");
  CHECK(r.did_you_mean == "imprimante hors ligne");
  CHECK(r.has(SearchNotice::corrected));
  REQUIRE(!r.hits.empty());
  CHECK(r.hits[0].id == "hw.printer_offline.fr");

  SUBCASE("English too") {
    SearchResults e = find("pinter offline", "en", "en");
    CHECK(e.did_you_mean == "printer offline");
    CHECK(rank_of(e, "hw.printer_offline.en") == 1);
  }
  SUBCASE("known words are left alone") {
    // Xapian suggests a more frequent neighbour even for valid words; we do not.
    for (const char* q : {"imprimante", "réseau", "printer", "sécurité", "reseau"}) {
      CAPTURE(std::string(q));
      CHECK(find(q).did_you_mean.empty());
    }
  }
  SUBCASE("spelling correction can be turned off") {
    SearchQuery q;
    q.text = "imprimnte";
    q.spelling = false;
    SearchResults off = index.search(q);
    CHECK(off.did_you_mean.empty());
    CHECK(off.hits.empty());
  }
}

TEST_CASE_FIXTURE(SearchFixture, "the last word matches as a prefix while typing") {
  CHECK(rank_of(find("spoul", "fr"), "hw.printer_offline.fr") == 1);
  CHECK(rank_of(find("interfér", "fr"), "net.wifi_slow.fr") == 1);
  // A trailing space means the word is complete.
  CHECK(rank_of(find("spoul ", "fr"), "hw.printer_offline.fr") == 0);
  SearchQuery q;
  q.text = "spoul";
  q.prefix_last_word = false;
  CHECK(index.search(q).hits.empty());
}

TEST_CASE_FIXTURE(SearchFixture, "error codes and technical tokens match exactly") {
  CHECK(first("0x80070005") == "os.update_0x80070005.en");
  CHECK(first("erreur 0X80070005") == "os.update_0x80070005.en");
  CHECK(first("KB5034441") == "os.update_0x80070005.en");
  CHECK(first("kb5034441") == "os.update_0x80070005.en");
  CHECK(first("ERR_CERT_DATE_INVALID") == "office.cert_date.en");
  CHECK(first("NET::ERR_CERT_DATE_INVALID") == "office.cert_date.en");
  SearchResults ev = find("événement 4740");
  CHECK(rank_of(ev, "dir.locked.fr") == 1);
  CHECK(rank_of(find("event 4740", "", "en"), "dir.locked.en") == 1);
  SearchResults ip = find("169.254.");
  CHECK(rank_of(ip, "net.apipa.fr") >= 1);
  CHECK(rank_of(ip, "net.apipa.en") >= 1);
  CHECK(rank_of(find("169.254"), "net.apipa.fr") >= 1);
  // Exact: a piece of a code is not the code.
  CHECK(find("0x8007", "", "en").hits.empty());
  CHECK(find("4741").hits.empty());
}

TEST_CASE_FIXTURE(SearchFixture, "filters restrict by domain, type, language, competency and layer") {
  SearchQuery q;
  q.text = "imprimante printer internet";
  q.domain = "hardware";
  for (const auto& h : index.search(q).hits) CHECK(h.domain == "hardware");
  q.domain.clear();
  q.type = "tree";
  SearchResults trees = index.search(q);
  REQUIRE(!trees.hits.empty());
  for (const auto& h : trees.hits) CHECK(h.type == "tree");
  q.type.clear();
  q.lang = "en";
  for (const auto& h : index.search(q).hits) CHECK((h.lang == "en" || h.lang == "both"));
  q.lang.clear();
  q.competency = 11;
  CHECK(ids(index.search(q)) == std::vector<std::string>{"net.no_internet"});
  q.competency = 0;
  q.layer = "team";
  CHECK(index.search(q).hits.empty());
}

TEST_CASE_FIXTURE(SearchFixture, "without a query language the interface language ranks first") {
  SearchResults fr = find("printer offline", "", "fr");
  SearchResults en = find("printer offline", "", "en");
  REQUIRE(rank_of(fr, "hw.printer_offline.fr") > 0);
  REQUIRE(rank_of(fr, "hw.printer_offline.en") > 0);
  CHECK(rank_of(fr, "hw.printer_offline.fr") < rank_of(fr, "hw.printer_offline.en"));
  CHECK(rank_of(en, "hw.printer_offline.en") < rank_of(en, "hw.printer_offline.fr"));
  SUBCASE("a query language excludes the other language") {
    SearchResults only = find("printer offline", "en", "fr");
    CHECK(rank_of(only, "hw.printer_offline.fr") == 0);
  }
}

TEST_CASE_FIXTURE(SearchFixture, "trees are found by their symptom phrases in both languages") {
  SearchResults r = find("internet ne marche plus");
  REQUIRE(!r.hits.empty());
  CHECK(r.hits[0].id == "net.no_internet");
  CHECK(r.hits[0].type == "tree");
  CHECK(r.hits[0].lang == "both");
  CHECK(r.hits[0].title == "Pas d'accès à Internet");
  SearchResults e = find("web pages do not load", "", "en");
  REQUIRE(!e.hits.empty());
  CHECK(e.hits[0].id == "net.no_internet");
  CHECK(e.hits[0].title == "No Internet access");
  // The article whose symptom is this very sentence may come first.
  CHECK(kbtest::in_top(find("mon imprimante n'imprime plus"), "hw.printer", 2));
  SearchQuery trees;
  trees.text = "mon imprimante n'imprime plus";
  trees.type = "tree";
  CHECK(ids(index.search(trees)) == std::vector<std::string>{"hw.printer"});
}

TEST_CASE_FIXTURE(SearchFixture, "trees rank above articles at near-equal relevance") {
  SearchQuery q;
  q.text = "imprimante n'imprime plus";
  q.lang = "fr";
  SearchResults boosted = index.search(q);
  REQUIRE(!boosted.hits.empty());
  CHECK(boosted.hits[0].id == "hw.printer");
  CHECK(boosted.hits[0].percent == 100);
  q.tree_boost = 1.0;
  SearchResults plain = index.search(q);
  CHECK(rank_of(plain, "hw.printer") > rank_of(plain, "hw.printer_offline.fr"));
}

TEST_CASE_FIXTURE(SearchFixture, "results carry a snippet with the matched words marked") {
  SearchResults r = find("reseau sans fil", "fr");
  REQUIRE(!r.hits.empty());
  const SearchHit& h = r.hits[0];
  CHECK(h.id == "net.wifi_slow.fr");
  CHECK(h.snippet.find("**réseau**") != std::string::npos);
  CHECK(h.title == "Réseau Wi-Fi lent");
  CHECK(h.layer == "bundled");
  CHECK(h.score > 0);
  CHECK(h.percent > 0);
  SUBCASE("markers are the caller's") {
    SearchQuery q;
    q.text = "spouleur";
    q.mark_open = "[";
    q.mark_close = "]";
    SearchResults s = index.search(q);
    REQUIRE(!s.hits.empty());
    CHECK(s.hits[0].snippet.find("[spouleur]") != std::string::npos);
  }
}

TEST_CASE_FIXTURE(SearchFixture, "punctuation-only and huge queries return cleanly") {
  for (const char* q : {"", "   ", "?!... --- ''' ;;", "«»—…", "\xFF\xFE garbage bytes"}) {
    CAPTURE(std::string(q));
    SearchResults r = find(q);
    CHECK(r.error == SearchError::none);
  }
  SearchResults p = find("?!... ---");
  CHECK(p.hits.empty());
  CHECK(p.has(SearchNotice::empty_query));
  CHECK(!p.message.empty());

  std::string huge;
  while (huge.size() < 10000) huge += "imprimante réseau ";
  SearchResults h = find(huge);
  CHECK(h.has(SearchNotice::query_truncated));
  CHECK(h.error == SearchError::none);
  std::string punct(10000, '!');
  CHECK(find(punct).has(SearchNotice::empty_query));
  std::string one_word(10000, 'a');
  CHECK(find(one_word).error == SearchError::none);
}
