#pragma once
/// The one safe way Diagdesk reads and writes its own files (engine, kb,
/// service and everything above them use these; docs/reliability.md).
///
/// Writes: only to a regular file or a new path, never through a symbolic
/// link, never to a device, a folder or a FIFO; atomically (a temporary file
/// in the same folder, written, fsync'ed, renamed over the target, the folder
/// fsync'ed); a failed write (disk full, file too big, I/O error) is reported
/// with the file's name and leaves the old file as it was.
///
/// Reads: only regular files, with a size limit checked before reading, so a
/// FIFO, /dev/zero or a 1 GB file given by mistake never hangs or fills memory.
///
///     if (auto s = base::write_file_atomic("out.md", text); !s) std::cerr << s.message;

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace diagdesk::base {

/// Why a file operation failed.
enum class FileError {
  none,
  not_found,    ///< the file (reading) or its folder (writing) does not exist
  permission,   ///< permission denied or read-only file system
  symlink,      ///< the target is a symbolic link: never written through
  not_regular,  ///< a folder, a device, a FIFO or a socket
  too_large,    ///< bigger than the reader's limit
  no_space,     ///< disk full, quota, or the file-size limit (EFBIG)
  io,           ///< any other system error
};

/// The stable name of an error ("symlink", "no_space"...), for message keys.
std::string_view file_error_name(FileError e);

/// The outcome of a file operation: `error` is none on success, otherwise
/// `message` is an English sentence naming the path and the reason; `path`,
/// `reason` (the system's words, or the limit) let callers say it in French.
struct FileStatus {
  FileError error = FileError::none;
  std::string message;
  std::string path;
  std::string reason;
  explicit operator bool() const { return error == FileError::none; }
};

/// Ok when `path` may be replaced by a write: it does not exist yet, or it is
/// a regular file (not a symbolic link to one). Otherwise symlink or
/// not_regular, and nothing is touched.
FileStatus check_write_target(const std::filesystem::path& path);

/// Writes `content` to `path` atomically after check_write_target. Creates
/// missing parent folders when `create_parents`. On failure the previous file
/// (if any) is untouched and the temporary file removed.
FileStatus write_file_atomic(const std::filesystem::path& path, std::string_view content,
                             bool create_parents = true);

/// For writers that need a file name of their own (cairo's PDF surface):
/// open() checks the target and creates the temporary file beside it, the
/// caller writes temp_path(), commit() fsyncs and renames it over the target.
/// Destroyed without commit(), it removes the temporary file.
class AtomicFile {
 public:
  AtomicFile() = default;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();
  FileStatus open(const std::filesystem::path& target);
  const std::string& temp_path() const { return m_temp; }
  FileStatus commit();

 private:
  std::filesystem::path m_target;
  std::string m_temp;
  int m_fd = -1;  ///< held open (locked) until commit: not stale
};

/// Removes the temporary files `.NAME.tmp-XXXXXX` that a killed write of
/// `target` left beside it: only names of that pattern, regular files (never
/// through a symbolic link), owned by this user, that no live writer holds
/// (each writer keeps a lock on its temporary until the rename). Every write
/// above calls it first. Returns how many it removed.
std::size_t remove_stale_temps(const std::filesystem::path& target);

/// The default limit of read_file: 64 MiB (a tree, rules, a session, a
/// catalogue or an article is a few kilobytes).
inline constexpr std::uintmax_t default_read_limit = 64u * 1024u * 1024u;

/// Reads a whole regular file into `out` (bytes as they are). Refuses a
/// folder, a device or a FIFO (without blocking on it) and a file larger than
/// `max_bytes` (too_large, before reading anything).
FileStatus read_file(const std::filesystem::path& path, std::string& out,
                     std::uintmax_t max_bytes = default_read_limit);

}  // namespace diagdesk::base
