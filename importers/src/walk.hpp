#pragma once
// Walking the inputs of an import and guarding its target folder (internal).

#include <diagdesk/importers/import.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace diagdesk::importers::detail {

/// One file to look at.
struct Item {
  std::filesystem::path root;  ///< folder given on the command line; empty for a file given itself
  std::filesystem::path file;  ///< absolute
  bool walked_unsupported = false;  ///< met while walking a folder, format unknown: skipped quietly
  std::string problem;              ///< set when the input itself is unusable
  std::string refused;              ///< set when the walk will not follow it (a link out of the folder)
  std::string refused_target;       ///< where that link points
};

/// The first symbolic link met going from `root` down to `p` (both
/// absolute, `p` inside `root`), `p` itself included; empty when none. Writes
/// and deletions in a KB never go through one.
std::filesystem::path symlink_on_the_way(const std::filesystem::path& root, const std::filesystem::path& p);

/// The absolute, normalised form of a path (symbolic links resolved where they exist).
std::filesystem::path absolute_clean(const std::filesystem::path& p);

/// True when `p` is `root` or below it (lexically).
bool inside(const std::filesystem::path& root, const std::filesystem::path& p);

/// What a walk found: the files to look at, and what it left out by itself.
struct Collected {
  std::vector<Item> items;
  /// Pages of folders and files named after a language other than fr/en
  /// ("id/", "pt_BR/", "faq.ja.html"): not imported under a wrong language.
  std::size_t foreign_pages = 0;
  std::set<std::string> foreign_languages;
  /// Links to a file of the same folder that is imported itself
  /// (Debian FAQ's "faq.html -> faq.en.html"): left out, not a duplicate id.
  std::size_t aliases = 0;
};

/// The files of `o.inputs`: files as given, folders walked recursively in
/// name order (hidden entries, the `target` folder, other languages' folders
/// and aliases left out), each file once.
Collected collect(const ImportOptions& o, const std::filesystem::path& target);

/// The language a folder name gives when it is neither fr nor en, or empty:
/// a locale name ("de", "pt_BR", "zh_CN"), or any ISO 639-1 code ("id",
/// "it") when a sibling folder is en/, fr/ or C/.
std::string foreign_folder_language(const std::filesystem::path& dir);

/// The same for a file's language suffix ("faq.ja.html"): a locale name, or
/// any ISO 639-1 code when the same page exists with .en or .fr.
std::string foreign_file_language(const std::filesystem::path& file);

/// Why a folder cannot be written to, or empty (also empty when it does not
/// exist yet). A folder without write bits counts as read-only, even for root.
std::string unwritable(const std::filesystem::path& dir);

/// Removes temporary files a killed run left in the target (call under the lock).
void remove_stale_temps(const std::filesystem::path& target);

/// One import at a time per target: an flock on `<target>/.diagdesk-import.lock`,
/// released when this object goes, or by the system when the process dies.
class TargetLock {
 public:
  TargetLock() = default;
  TargetLock(const TargetLock&) = delete;
  TargetLock& operator=(const TargetLock&) = delete;
  ~TargetLock();
  /// True when locked (or when the lock file cannot be made: nothing will be
  /// written then); false when another import holds the folder.
  bool acquire(const std::filesystem::path& target);

 private:
  int m_fd = -1;
};

}  // namespace diagdesk::importers::detail
