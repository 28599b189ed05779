// Safe reads and atomic writes (safe_file.hpp).
#include <diagdesk/base/safe_file.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
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

// A temporary file beside `target`, with the usual permissions (umask applies).
int make_temp(const fs::path& target, std::string& tmp) {
  tmp = (folder_of(target) / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return fd;
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  return fd;
}

// fsync + close `fd` of `tmp`, rename over `path`, sync the folder; removes
// `tmp` on any failure.
FileStatus finish(int fd, const std::string& tmp, const fs::path& path) {
  if (::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    return from_errno(err, "write", path);
  }
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return from_errno(err, "write", path);
  }
  // The target may have changed since the check: look again just before.
  if (FileStatus s = check_write_target(path); !s) {
    ::unlink(tmp.c_str());
    return s;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return from_errno(err, "replace", path);
  }
  sync_folder(folder_of(path));
  return {};
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

FileStatus write_file_atomic(const fs::path& path, std::string_view content, bool create_parents) {
  if (FileStatus s = check_write_target(path); !s) return s;
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
}

FileStatus AtomicFile::open(const fs::path& target) {
  if (FileStatus s = check_write_target(target); !s) return s;
  if (!m_temp.empty()) ::unlink(m_temp.c_str());
  m_target = target;
  int fd = make_temp(target, m_temp);
  if (fd < 0) {
    m_temp.clear();
    return from_errno(errno, "create a temporary file for", target);
  }
  ::close(fd);
  return {};
}

FileStatus AtomicFile::commit() {
  if (m_temp.empty()) return fail(FileError::io, m_target, "nothing was written", "write");
  int fd = ::open(m_temp.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return from_errno(errno, "write", m_target);
  std::string tmp = std::move(m_temp);
  m_temp.clear();
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
