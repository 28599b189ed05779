#include "safe_journal.hpp"

#include <diagdesk/kb/file_io.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>

namespace diagdesk::importers::detail {

namespace {

std::string line_of(const std::string& rel, std::uint64_t hash) {
  char hex[17];
  static const char digits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i, hash >>= 4) hex[i] = digits[hash & 15];
  hex[16] = '\0';
  return std::string(hex) + '\t' + rel + '\n';
}

}  // namespace

void WriteJournal::open(const std::filesystem::path& target) {
  m_file = target / ".diagdesk-import.journal";
  m_written.clear();
  std::ifstream in(m_file, std::ios::binary);
  std::string line;
  // A line cut by the kill has no tab or no newline after it: getline still
  // returns it, and its hash then matches nothing, which is harmless.
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) continue;
    char* end = nullptr;
    const std::uint64_t hash = std::strtoull(line.c_str(), &end, 16);
    if (end != line.c_str() + tab) continue;
    m_written.insert({line.substr(tab + 1), hash});
  }
}

WriteJournal::~WriteJournal() {
  if (m_fd >= 0) ::close(m_fd);
}

bool WriteJournal::record(const std::string& rel, std::uint64_t hash) {
  if (m_fd < 0) m_fd = ::open(m_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (m_fd < 0) return false;
  m_written.insert({rel, hash});
  const std::string line = line_of(rel, hash);
  std::string_view rest = line;
  while (!rest.empty()) {
    const ssize_t n = ::write(m_fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  // The line must reach the disk before the article does (power loss).
  return ::fdatasync(m_fd) == 0;
}

void WriteJournal::settle(const std::set<std::string>& handled) {
  if (m_written.empty()) return;
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
  std::erase_if(m_written, [&](const auto& w) { return handled.count(w.first) > 0; });
  if (m_written.empty()) {
    ::unlink(m_file.c_str());
    return;
  }
  // Lines of articles this run did not look at stay for the run that will.
  std::string rest;
  for (const auto& [rel, hash] : m_written) rest += line_of(rel, hash);
  (void)kb::write_file_atomic(m_file, rest);
}

}  // namespace diagdesk::importers::detail
