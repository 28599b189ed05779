#pragma once
/// The articles of the KB layers without their bodies: what a result list,
/// a title or a link needs, read from a small manifest beside the index
/// instead of parsing every file at each start. Only files new or changed
/// since the manifest (size, modification time, inode) are parsed; an
/// article's body is read from its file when it is opened (open_article).
///
///     auto cat = diagdesk::kb::scan_layers(layers, data_dir / "index-catalogue.tsv");
///     std::cout << cat.parsed << " of " << cat.files << " files parsed\n";
///     if (auto* e = cat.find("net.apipa", "fr")) auto a = diagdesk::kb::open_article(*e);
///     diagdesk::kb::save_catalogue(cat, data_dir / "index-catalogue.tsv");

#include <diagdesk/kb/article.hpp>
#include <diagdesk/kb/diagnostic.hpp>
#include <diagdesk/kb/document.hpp>
#include <diagdesk/kb/layers.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::kb {

/// One article as the catalogue knows it.
struct ArticleEntry {
  std::string id;
  std::string topic;
  std::string title;
  std::string lang;
  std::string domain;
  int competency = 0;
  std::string translation;
  std::optional<Date> updated;
  std::string layer;
  std::string path;          ///< its file (a string: 100,000 of them are held)
  bool out_of_date = false;  ///< its translation is newer (set by the scan)
  /// content_hash() of its document with out_of_date false and true: the
  /// index compares it with what it holds, without the file being read.
  std::uint64_t hash_current = 0;
  std::uint64_t hash_out_of_date = 0;
  std::uint64_t hash() const { return out_of_date ? hash_out_of_date : hash_current; }
};

/// What the manifest keeps of one file: its state when it was parsed
/// (size, modification and change times in ns, inode), its article before
/// overrides, and the findings of its parse. A file modified in the same
/// clock tick as the scan read it could change again with the same state
/// ("racy", as git calls it): such a record is not trusted next time.
struct FileRecord {
  std::string path;
  std::string layer;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  bool racy = false;
  std::unique_ptr<ArticleEntry> entry;  ///< none when the file had errors, or when `listed`
  /// Its article is Catalogue::articles' entry of id `listed_id` (kept once, there).
  bool listed = false;
  std::string listed_id;
  std::vector<Diagnostic> diagnostics;
};

/// Every article of every layer, after overrides (same rules as load_layers).
struct Catalogue {
  std::vector<ArticleEntry> articles;   ///< sorted by id; one per id
  std::vector<Diagnostic> diagnostics;  ///< of every file, parsed now or remembered from the manifest
  /// The documents of the files parsed by this scan, by id (the rest is
  /// read again from its file only when the index needs it).
  std::vector<Document> parsed_documents;
  std::vector<FileRecord> records;      ///< every file found, in scan order (what save_catalogue writes)
  std::size_t files = 0;    ///< article files found
  std::size_t parsed = 0;   ///< files parsed by this scan (new, changed, or no manifest)
  bool changed = false;     ///< the manifest must be saved (a file parsed, added or removed)
  /// Why the manifest was not used, when it was there but unreadable (one
  /// English sentence naming the file and the line); empty otherwise.
  std::string manifest_problem;

  const ArticleEntry* find_id(std::string_view id) const;
  /// The entry of `topic` in `lang`, else the other language; also a full id.
  const ArticleEntry* find(std::string_view topic_or_id, std::string_view lang) const;
};

/// Scans the layers' folders and parses only the files the manifest does not
/// describe as they are now. A missing or unreadable manifest means every
/// file is parsed (and manifest_problem says why when it was unreadable).
Catalogue scan_layers(const std::vector<Layer>& layers, const std::filesystem::path& manifest);

/// Writes the manifest atomically (never through a symbolic link).
/// Returns an English sentence on failure, empty on success.
std::string save_catalogue(const Catalogue& catalogue, const std::filesystem::path& manifest);

/// The whole article of an entry, read from its file now. When the file has
/// vanished, cannot be read or no longer holds that article, the result has
/// no article and a diagnostic saying so.
ArticleResult open_article(const ArticleEntry& entry);

/// The index document of an article read from its file (layer and
/// out_of_date as the entry says); nullopt when the file cannot give it.
std::optional<Document> load_document(const ArticleEntry& entry);

}  // namespace diagdesk::kb
