#pragma once
// The import's write journal (internal): `<target>/.diagdesk-import.journal`.
// The state file (state.hpp) is saved at the end of a run (and every few
// seconds), so a kill -9 between an article's write and that save left the
// article unknown to the state, and the next run took it for a hand edit and
// never updated it again. Before each article is written, one line
// "HASH<TAB>REL" is appended to the journal and synced; the next run accepts
// an article whose content hash the journal holds for its file as its own
// writing. Once a saved state records the writes of the articles a run
// handled, their lines go; the journal is removed when none is left.

#include <cstdint>
#include <filesystem>
#include <set>
#include <string_view>
#include <string>
#include <utility>

namespace diagdesk::importers::detail {

class WriteJournal {
 public:
  WriteJournal() = default;
  ~WriteJournal();
  WriteJournal(const WriteJournal&) = delete;
  WriteJournal& operator=(const WriteJournal&) = delete;

  /// Loads what interrupted runs wrote into `target` (nothing when there is no journal).
  void open(const std::filesystem::path& target);
  /// True when a run wrote exactly this content (its hash) to `rel`.
  bool wrote(const std::string& rel, std::uint64_t hash) const { return m_written.count({rel, hash}) > 0; }
  /// Records a write about to happen; false when the journal cannot be
  /// written (the article is then not written either).
  bool record(const std::string& rel, std::uint64_t hash);
  /// A saved state now records the articles at `handled` (paths relative to
  /// the target): their lines go, and the journal with them when it is empty.
  void settle(const std::set<std::string>& handled);

 private:
  std::filesystem::path m_file;
  std::set<std::pair<std::string, std::uint64_t>> m_written;
  int m_fd = -1;
};

}  // namespace diagdesk::importers::detail
