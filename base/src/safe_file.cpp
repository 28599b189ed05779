// Safe reads and atomic writes (safe_file.hpp).
#include <diagdesk/base/safe_file.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <system_error>
#include <utility>
#include <unistd.h>

namespace fs = std::filesystem;

namespace diagdesk::base {
namespace {

FileStatus fail(FileError e, const fs::path& path, std::string reason, const std::string& what) {
  FileStatus s;
  s.error = e;
  s.path = path.string();
  s.reason = std::move(reason);
  s.message = "cannot " + what + " '" + s.path + "': " + s.reason;
  return s;
}

FileStatus from_errno(int err, const std::string& what, const fs::path& path) {
  FileError e = err == ENOENT ? FileError::not_found
                : (err == EACCES || err == EPERM || err == EROFS) ? FileError::permission
                : (err == ENOSPC || err == EDQUOT || err == EFBIG) ? FileError::no_space
                : err == ELOOP ? FileError::symlink
                : (err == EISDIR || err == ENXIO) ? FileError::not_regular
                                                  : FileError::io;
  return fail(e, path, std::strerror(err), what);
}

std::string kind_of(mode_t m) {
  if (S_ISDIR(m)) return "it is a folder";
  if (S_ISCHR(m) || S_ISBLK(m)) return "it is a device";
  if (S_ISFIFO(m)) return "it is a FIFO (named pipe)";
  if (S_ISSOCK(m)) return "it is a socket";
  return "it is not a regular file";
}

// Writes all of `data`, retrying on short writes and EINTR.
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

fs::path folder_of(const fs::path& path) { return path.parent_path().empty() ? fs::path(".") : path.parent_path(); }

// Makes a rename durable; failure here leaves a complete file anyway.
void sync_folder(const fs::path& folder) {
  int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

std::string temp_prefix(const fs::path& target) { return "." + target.filename().string() + ".tmp-"; }

// A temporary file beside `target`, with the usual permissions (umask applies).
// It stays locked (flock) while its writer lives: the lock is how
// remove_stale_temps tells a temporary left by a killed run from one being
// written right now by another process.
int make_temp(const fs::path& target, std::string& tmp) {
  tmp = (folder_of(target) / (temp_prefix(target) + "XXXXXX")).string();
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return fd;
  ::flock(fd, LOCK_EX | LOCK_NB);  // a new file: nobody else holds it
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  return fd;
}

// fsync `fd` of `tmp`, rename over `path`, sync the folder, close `fd`;
// removes `tmp` on any failure. `fd` (and so its lock) is closed only after
// the rename, so no cleaner can take the temporary for a stale one.
FileStatus finish(int fd, const std::string& tmp, const fs::path& path) {
  auto failed = [&](FileStatus s) {
    ::unlink(tmp.c_str());
    ::close(fd);
    return s;
  };
  if (::fsync(fd) != 0) return failed(from_errno(errno, "write", path));
  // The target may have changed since the check: look again just before.
  if (FileStatus s = check_write_target(path); !s) return failed(s);
  if (::rename(tmp.c_str(), path.c_str()) != 0) return failed(from_errno(errno, "replace", path));
  sync_folder(folder_of(path));
  ::close(fd);  // fsync succeeded: the data is on disk whatever close says
  return {};
}

// Removes `file` if it is a temporary left by a killed writer:
// a regular file (not followed if a link), ours (same user), whose lock
// nobody holds, still the same file when unlinked.
bool remove_if_stale(const fs::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  bool removed = false;
  struct stat st {};
  struct stat again {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
      ::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::lstat(file.c_str(), &again) == 0 && again.st_dev == st.st_dev &&
      again.st_ino == st.st_ino) {
    removed = ::unlink(file.c_str()) == 0;
  }
  ::close(fd);
  return removed;
}

}  // namespace

std::string_view file_error_name(FileError e) {
  switch (e) {
    case FileError::none: return "none";
    case FileError::not_found: return "not_found";
    case FileError::permission: return "permission";
    case FileError::symlink: return "symlink";
    case FileError::not_regular: return "not_regular";
    case FileError::too_large: return "too_large";
    case FileError::no_space: return "no_space";
    case FileError::io: return "io";
  }
  return "io";
}

FileStatus check_write_target(const fs::path& path) {
  if (path.empty()) return fail(FileError::not_found, path, "no file name given", "write");
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return {};  // a new file
    return from_errno(errno, "write", path);
  }
  if (S_ISLNK(st.st_mode))
    return fail(FileError::symlink, path, "it is a symbolic link (never written through)", "write");
  if (!S_ISREG(st.st_mode)) return fail(FileError::not_regular, path, kind_of(st.st_mode), "write");
  return {};
}

std::size_t remove_stale_temps(const fs::path& target) {
  const std::string prefix = temp_prefix(target);
  std::size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(folder_of(target), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() != prefix.size() + 6 || !name.starts_with(prefix)) continue;
    const bool mkstemp_tail = std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                                          [](unsigned char c) { return std::isalnum(c) != 0; });
    if (!mkstemp_tail) continue;
    if (remove_if_stale(it->path())) ++removed;
  }
  return removed;
}

FileStatus write_file_atomic(const fs::path& path, std::string_view content, bool create_parents) {
  if (FileStatus s = check_write_target(path); !s) return s;
  remove_stale_temps(path);
  if (create_parents && !path.parent_path().empty()) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return from_errno(ec.value(), "create folder", path.parent_path());
  }
  std::string tmp;
  int fd = make_temp(path, tmp);
  if (fd < 0) return from_errno(errno, "create a temporary file for", path);
  if (!write_all(fd, content)) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    return from_errno(err, "write", path);
  }
  return finish(fd, tmp, path);
}

AtomicFile::~AtomicFile() {
  if (!m_temp.empty()) ::unlink(m_temp.c_str());
  if (m_fd >= 0) ::close(m_fd);
}

FileStatus AtomicFile::open(const fs::path& target) {
  if (FileStatus s = check_write_target(target); !s) return s;
  if (!m_temp.empty()) ::unlink(m_temp.c_str());
  if (m_fd >= 0) ::close(m_fd);
  m_target = target;
  remove_stale_temps(target);
  // Kept open (locked) while the caller writes the file by its name.
  m_fd = make_temp(target, m_temp);
  if (m_fd < 0) {
    m_temp.clear();
    return from_errno(errno, "create a temporary file for", target);
  }
  return {};
}

FileStatus AtomicFile::commit() {
  if (m_temp.empty() || m_fd < 0) return fail(FileError::io, m_target, "nothing was written", "write");
  std::string tmp = std::move(m_temp);
  m_temp.clear();
  const int fd = std::exchange(m_fd, -1);
  return finish(fd, tmp, m_target);
}

FileStatus read_file(const fs::path& path, std::string& out, std::uintmax_t max_bytes) {
  out.clear();
  // O_NONBLOCK: opening a FIFO must not wait for a writer; cleared below.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return from_errno(errno, "read", path);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return from_errno(err, "read", path);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return fail(FileError::not_regular, path, kind_of(st.st_mode), "read");
  }
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return fail(FileError::too_large, path,
                "it is " + std::to_string(st.st_size) + " bytes, more than the limit of " +
                    std::to_string(max_bytes) + " bytes",
                "read");
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  out.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      out.clear();
      return from_errno(err, "read", path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > max_bytes) {  // it grew while being read
      ::close(fd);
      out.clear();
      return fail(FileError::too_large, path, "it grew past the limit of " + std::to_string(max_bytes) + " bytes",
                  "read");
    }
  }
  ::close(fd);
  return {};
}

}  // namespace diagdesk::base
