// Walking the inputs of an import and guarding its target folder.
//
// [SECTION] Collecting files (languages, aliases)
// [SECTION] Target folder

#include "walk.hpp"

#include <diagdesk/importers/language.hpp>

#include <algorithm>
#include <fcntl.h>
#include <set>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace diagdesk::importers::detail {

namespace fs = std::filesystem;

bool inside(const fs::path& root, const fs::path& p) {
  auto rel = p.lexically_normal().lexically_relative(root.lexically_normal());
  return !rel.empty() && *rel.begin() != ".." && !rel.is_absolute();
}

// [SECTION] Collecting files ---------------------------------------------------

fs::path absolute_clean(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  if (ec) a = p;
  fs::path c = fs::weakly_canonical(a, ec);
  return ec ? a.lexically_normal() : c;
}

namespace {

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(fs::symlink_status(p, ec));
}

bool foreign_name(std::string_view name) {
  std::string l = language_of_locale(name);
  return !l.empty() && l != "fr" && l != "en";
}

// The pages (files of a supported format) below a folder left out for its
// language; their paths go to `walked` so that links to them are aliases too.
std::size_t count_pages(const fs::path& dir, std::set<fs::path>& walked) {
  std::size_t n = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(ec) || !it->is_regular_file(ec) || format_from_extension(it->path()) == Format::automatic)
      continue;
    walked.insert(it->path());
    ++n;
  }
  return n;
}

}  // namespace

std::string foreign_folder_language(const fs::path& dir) {
  const std::string name = dir.filename().string();
  if (foreign_name(name)) return name;
  // "id", "it", "no", "os" are folder words too: a language only beside en/, fr/ or C/.
  if (name != "fr" && name != "en" && is_language_code(name)) {
    const fs::path parent = dir.parent_path();
    if (is_dir(parent / "en") || is_dir(parent / "fr") || is_dir(parent / "C")) return name;
  }
  return {};
}

std::string foreign_file_language(const fs::path& file) {
  const std::string stem = file.stem().string();
  const auto dot = stem.rfind('.');
  if (dot == std::string::npos || dot == 0) return {};
  const std::string suffix = stem.substr(dot + 1), base = stem.substr(0, dot);
  if (suffix == "fr" || suffix == "en" || suffix == "C") return {};
  if (foreign_name(suffix)) return suffix;
  if (!is_language_code(suffix)) return {};
  const std::string ext = file.extension().string();
  std::error_code ec;
  for (const char* l : {".en", ".fr"})
    if (fs::exists(file.parent_path() / (base + l + ext), ec)) return suffix;
  return {};
}

Collected collect(const ImportOptions& o, const fs::path& target) {
  Collected out;
  std::vector<Item>& items = out.items;
  std::set<fs::path> seen;
  for (const auto& input : o.inputs) {
    fs::path abs = absolute_clean(input);
    std::error_code ec;
    auto st = fs::status(abs, ec);
    if (ec || !fs::exists(st)) {
      items.push_back({{}, abs, false, "no such file or folder"});
      continue;
    }
    if (fs::is_regular_file(st)) {
      if (seen.insert(abs).second) items.push_back({{}, abs, false, {}});
      continue;
    }
    if (!fs::is_directory(st)) {
      items.push_back({{}, abs, false, "not a regular file or folder"});
      continue;
    }
    std::vector<Item> found;
    std::vector<std::pair<Item, fs::path>> links;  // links inside the folder, and what they point to
    std::set<fs::path> walked;  // real pages met: imported, or left out for their language
    fs::recursive_directory_iterator it(abs, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      items.push_back({{}, abs, false, "cannot list the folder: " + ec.message()});
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      std::string name = p.filename().string();
      bool dir = it->is_directory(ec);
      // Hidden files and folders (.git, .diagdesk-import), and our own target.
      if ((!name.empty() && name[0] == '.') || (dir && !target.empty() && absolute_clean(p) == target)) {
        if (dir) it.disable_recursion_pending();
        continue;
      }
      if (dir) {
        // Another language's folder (Debian's installation guide has id/, ja/,
        // pt/...): its pages are counted, not imported as fr or en (issue 17).
        if (std::string l = it->is_symlink(ec) ? std::string() : foreign_folder_language(p); !l.empty()) {
          it.disable_recursion_pending();
          out.foreign_languages.insert(l);
          out.foreign_pages += count_pages(p, walked);
        }
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      Item item{abs, p, false, {}};
      fs::path real = p;
      // A link is followed only when it stays inside the folder given
      // (issue 17: a link to /etc/passwd was imported and searchable).
      const bool link = it->is_symlink(ec);
      if (link) {
        real = fs::canonical(p, ec);
        if (ec || !inside(abs, real)) {
          item.refused_target = ec ? p.string() : real.string();
          item.refused = "a symbolic link to '" + item.refused_target + "', outside the imported folder: not followed";
          found.push_back(std::move(item));
          continue;
        }
      }
      item.walked_unsupported = format_from_extension(p) == Format::automatic;
      if (!item.walked_unsupported) {
        if (std::string l = foreign_file_language(p); !l.empty()) {
          out.foreign_languages.insert(l);
          ++out.foreign_pages;
          walked.insert(real);
          continue;
        }
        if (link) {
          links.emplace_back(std::move(item), std::move(real));
          continue;
        }
        walked.insert(p);
      }
      if (seen.insert(p).second) found.push_back(std::move(item));
    }
    // A link to a page imported anyway is an alias (Debian FAQ: faq.html ->
    // faq.en.html): left out, instead of a second article with the same id.
    for (auto& [item, real] : links) {
      if (walked.count(real)) ++out.aliases;
      else if (seen.insert(item.file).second) found.push_back(std::move(item));
    }
    std::sort(found.begin(), found.end(), [](const Item& a, const Item& b) { return a.file < b.file; });
    for (auto& f : found) items.push_back(std::move(f));
  }
  return out;
}

// [SECTION] Target folder ----------------------------------------------------------

fs::path symlink_on_the_way(const fs::path& root, const fs::path& p) {
  fs::path rel = p.lexically_normal().lexically_relative(root.lexically_normal());
  fs::path at = root;
  for (const auto& part : rel) {
    at /= part;
    struct stat st;
    if (::lstat(at.c_str(), &st) != 0) return {};  // not there yet: made as a real folder or file
    if (S_ISLNK(st.st_mode)) return at;
  }
  return {};
}

// Why a folder cannot be written to, or empty. Write bits are checked too:
// root may write anywhere, but a folder made read-only says "do not write".
std::string unwritable(const fs::path& dir) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) return {};  // created when needed
  if (!S_ISDIR(st.st_mode)) return "'" + dir.string() + "' is not a folder";
  if ((st.st_mode & 0222) == 0 || ::access(dir.c_str(), W_OK) != 0)
    return "the target folder '" + dir.string() + "' is read-only";
  return {};
}

// Temporary files left by a run that was killed while writing (kb's atomic
// write names them "<file>.tmp-XXXXXX"): removed under the lock.
void remove_stale_temps(const fs::path& target) {
  std::error_code ec;
  std::vector<fs::path> dirs{target};
  for (const auto& e : fs::directory_iterator(target / "articles", ec))
    if (e.is_directory(ec)) dirs.push_back(e.path());
  for (const auto& dir : dirs) {
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      std::string name = e.path().filename().string();
      auto t = name.rfind(".tmp-");
      if (t == std::string::npos || name.size() - t != 11) continue;
      // NAME.tmp-XXXXXX, or .NAME.tmp-XXXXXX as base::write_file_atomic names them.
      const std::string_view stem = std::string_view(name).substr(0, t);
      auto ours = [](std::string_view n) {
        return n == ".diagdesk-import" || n == ".diagdesk-import.journal" || n.ends_with(".md");
      };
      if (ours(stem) || (stem.starts_with('.') && ours(stem.substr(1)))) fs::remove(e.path(), ec);
    }
  }
}

TargetLock::~TargetLock() {
  if (m_fd >= 0) ::close(m_fd);  // closing releases the lock
}

bool TargetLock::acquire(const fs::path& target) {
  m_fd = ::open((target / ".diagdesk-import.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (m_fd < 0) return true;  // read-only target: nothing will be written anyway
  return ::flock(m_fd, LOCK_EX | LOCK_NB) == 0;
}

}  // namespace diagdesk::importers::detail
