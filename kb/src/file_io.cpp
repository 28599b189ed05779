#include <diagdesk/kb/file_io.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace diagdesk::kb {
namespace {

FileStatus from_errno(int err, const std::string& what, const std::filesystem::path& path) {
  FileStatus s;
  s.error = err == ENOENT ? FileError::not_found
            : (err == EACCES || err == EPERM || err == EROFS) ? FileError::permission
                                                              : FileError::io;
  s.message = "cannot " + what + " '" + path.string() + "': " + std::strerror(err);
  return s;
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

}  // namespace

FileStatus write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  std::error_code ec;
  auto parent = path.parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent, ec);
    if (ec) return from_errno(ec.value(), "create folder", parent);
  }
  std::string tmp = path.string() + ".tmp-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return from_errno(errno, "create a temporary file for", path);
  // mkstemp creates 0600; give the file the usual permissions (umask applies).
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (!write_all(fd, content) || ::fsync(fd) != 0) {
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
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return from_errno(err, "replace", path);
  }
  // Make the rename itself durable; failure here leaves a complete file anyway.
  int dfd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

FileStatus read_file(const std::filesystem::path& path, std::string& out) {
  out.clear();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return from_errno(errno, "read", path);
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return from_errno(err, "read", path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return {};
}

}  // namespace diagdesk::kb
