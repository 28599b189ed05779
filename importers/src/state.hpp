#pragma once
// The import state kept in a target folder (internal): for each source, its
// size and date when last imported and the articles it produced, so that
// unchanged sources are not read again. Only a cache: a missing or damaged
// state file makes the next run read everything and compare contents.

#include <diagdesk/kb/file_io.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace diagdesk::importers::detail {

/// Size and modification time of a file; size -1 when it does not exist.
struct Stamp {
  std::int64_t size = -1;
  std::int64_t mtime_ns = 0;
  bool operator==(const Stamp&) const = default;
};
Stamp stamp_of(const std::filesystem::path& path);

/// Stable 64-bit FNV-1a.
std::uint64_t hash64(std::string_view data, std::uint64_t seed = 14695981039346656037ull);

/// One article file written for a source.
struct OutputRecord {
  std::string id;
  std::string rel;          ///< path relative to the target folder
  Stamp stamp;              ///< of the article file right after it was written
  std::uint64_t hash = 0;   ///< of its content
  std::string title;
  std::string lang_from;
  std::string key;
  int line = 0;
};

/// One source file as last imported.
struct SourceRecord {
  Stamp stamp;
  std::uint64_t options = 0;  ///< hash of the options and importer version it was read with
  std::string format;
  std::string encoding;
  std::vector<OutputRecord> outputs;
  std::vector<std::pair<std::string, Stamp>> deps;  ///< files its output depends on (link targets)
};

/// The state file: `<target>/.diagdesk-import`.
struct ImportState {
  std::map<std::string, SourceRecord> sources;  ///< by absolute source path

  static std::filesystem::path file(const std::filesystem::path& target);
  /// Loads the state; an empty state when missing or unreadable.
  static ImportState load(const std::filesystem::path& target);
  /// Writes it atomically.
  kb::FileStatus save(const std::filesystem::path& target) const;
};

}  // namespace diagdesk::importers::detail
