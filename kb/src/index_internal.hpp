#pragma once
// Internals of the index shared by index.cpp, index_terms.cpp,
// query_builder.cpp and search.cpp. The only kb header that includes Xapian.

#include <diagdesk/kb/document.hpp>
#include <diagdesk/kb/index.hpp>
#include <diagdesk/kb/search.hpp>
#include <diagdesk/kb/synonyms.hpp>

#include <xapian.h>

#include <cstdint>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace diagdesk::kb::detail {

// Term scheme (index_schema_version 5). Words are stemmed after folding
// accents and stripping elisions (FoldStem; 5: short French stems keep the
// word, "rame" is no longer "ram"). Each language has its own
// terms, so statistics (and stems that happen to collide, like French
// "print" from "printer") never mix across languages:
//   ZF<stem>  / ZE<stem>    French / English: title, symptoms, tags and body
//   ZFS<stem> / ZES<stem>   title, symptoms and tags again, so they weigh above the body
//   XK<token>     technical tokens as written, lower-case (0x80070005, kb5034441)
//   Q<id>         unique id; XT<type>; L<lang> (a "both" document has Lfr and Len);
//   XD<domain>; XC<competency>; XY<layer>
inline constexpr Xapian::valueno slot_id = 0;    // document id
inline constexpr Xapian::valueno slot_hash = 1;  // content hash, 8 bytes big-endian
inline constexpr Xapian::valueno slot_type = 2;  // "article" or "tree" (read without the data)
inline constexpr const char* metadata_schema = "diagdesk.index_schema";

/// The two folding stemmers (French, English), shared by indexing, query
/// building and snippets so that all three agree.
struct Stems {
  Stems();
  Xapian::Stem fr;
  Xapian::Stem en;
  const Xapian::Stem& get(std::string_view lang) const { return lang == "en" ? en : fr; }
};

/// The languages a document is indexed in: {"fr"}, {"en"} or both.
std::vector<std::string_view> doc_langs(std::string_view lang);

/// Term prefix of a language's words ("F" / "E"; TermGenerator adds the Z),
/// and of its title-like fields ("FS" / "ES").
inline const char* word_prefix(std::string_view lang) { return lang == "en" ? "E" : "F"; }
inline const char* title_prefix(std::string_view lang) { return lang == "en" ? "ES" : "FS"; }

/// What a Xapian document's data holds: enough to show a result without
/// reading the files.
struct StoredDoc {
  std::string id, type, lang, topic, domain, layer;
  std::string title_fr, title_en;
  std::string text_fr, text_en;  // snippet sources: symptoms then body, as plain text
  std::string spelling;          // words added to the spelling table, space-separated
  int competency = 0;
  bool out_of_date = false;
  const std::string& title(std::string_view lang) const;
  const std::string& text(std::string_view lang) const;
};
std::string encode(const StoredDoc& doc);
bool decode(std::string_view data, StoredDoc& doc);

std::string hash_value(std::uint64_t hash);

/// Turns Documents into Xapian documents (one TermGenerator, reused).
class DocIndexer {
 public:
  explicit DocIndexer(const Stems& stems);
  /// The Xapian document for `doc`; `spelling` receives the words to add
  /// to the spelling table (also stored in the data, to remove them later).
  Xapian::Document build(const Document& doc, std::uint64_t hash,
                         std::vector<std::string>& spelling);

 private:
  const Stems& m_stems;
  Xapian::TermGenerator m_tg;
  std::vector<std::string> m_codes;
};

/// Synonym groups ready for matching query words: every word of every term
/// normalised and stemmed in both languages.
struct SynWord {
  std::string norm, fr, en;
};
struct PreparedSynonyms {
  std::vector<std::vector<std::vector<SynWord>>> groups;  // group -> term -> words
  // normalised or stemmed first word -> (group, term)
  std::unordered_map<std::string, std::vector<std::pair<int, int>>> by_first;
};
PreparedSynonyms prepare_synonyms(const Synonyms& synonyms, const Stems& stems);

/// What to mark in snippets: the query's words, per language.
struct Highlight {
  std::vector<std::string> stems_fr, stems_en;  // FoldStem output
  std::vector<std::string> prefixes;            // normalised word prefixes (search as you type)
  std::vector<std::string> codes;               // technical tokens; "x." means a prefix
  const std::vector<std::string>& stems(std::string_view lang) const {
    return lang == "en" ? stems_en : stems_fr;
  }
  /// Words already looked at (normalised word -> match, -1 for none), per
  /// language: the hits of one search share most of their words.
  std::unordered_map<std::string, int> seen_fr, seen_en;
};

/// A passage of `text` (about `length` bytes) around the best cluster of
/// highlighted words, marked with `open`/`close`; "…" where text was cut.
std::string make_snippet(std::string_view text, Highlight& hl, const Xapian::Stem& stem,
                         std::string_view lang, std::size_t length, const std::string& open,
                         const std::string& close);

/// A query ready to run.
struct BuiltQuery {
  Xapian::Query query;
  Highlight highlight;
  std::string did_you_mean;  // non-empty when unknown words were corrected
  bool empty = true;
  bool truncated = false;
};
/// `remote_shard`: `db` holds a remote database (the team index), where
/// Xapian 1.4.22's OP_MAX crashes in get_mset (a segmentation fault once the
/// MSet is smaller than the matches): the two languages are then joined with
/// OP_OR, so a document matching in both adds its two weights.
BuiltQuery build_query(const Xapian::Database& db, const SearchQuery& q, const Stems& stems,
                       const PreparedSynonyms& synonyms, bool remote_shard = false);

}  // namespace diagdesk::kb::detail

namespace diagdesk::kb {

/// The state behind an Index: its folder, stemmers, synonyms and reader.
struct Index::Impl {
  std::filesystem::path dir;        ///< the folder in use: `requested`, or the fallback
  std::filesystem::path requested;  ///< the folder given to the constructor
  detail::Stems stems;
  detail::PreparedSynonyms synonyms;
  std::optional<Xapian::Database> reader;
  bool read_only = false;
  // The team's remote index (set_remote): `searched` is the local index plus
  // the remote one, opened while the server answers; `offline` says why not.
  std::optional<RemoteIndex> remote;
  std::optional<Xapian::Database> searched;
  std::string offline;
  std::chrono::steady_clock::time_point retry_at{};
  std::chrono::steady_clock::time_point connected_at{};

  bool exists() const {
    std::error_code ec;
    return std::filesystem::exists(dir / "iamglass", ec);
  }
  /// Reads one figure from the reader (reopened first), 0 when the database
  /// cannot be opened.
  template <typename T, typename F>
  T read_figure(F figure) {
    try {
      if (!exists()) return 0;
      if (!reader) reader.emplace(dir.string());
      reader->reopen();
      return figure(*reader);
    } catch (const Xapian::Error&) {
      reader.reset();
      return 0;
    }
  }
};

}  // namespace diagdesk::kb
