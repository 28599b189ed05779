#pragma once
// A real xapian-tcpsrv (Debian's xapian-tools) serving an index read only on
// 127.0.0.1, for the remote-index tests (test_remote_index.cpp) and the
// remote benchmark (bench/kb/bench_kb_remote.cpp). Ready once it has printed
// "Listening..." (read from its output: no waiting on a clock); stopped, with
// the children serving its connections, by stop() or the destructor.

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

extern char** environ;

namespace kbtest {

/// A loopback port free at this moment (bound, then closed); 0 on failure.
inline unsigned free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0;
  ::close(fd);
  return ok ? ntohs(a.sin_port) : 0;
}

class TcpServer {
 public:
  explicit TcpServer(std::filesystem::path dir) : m_dir(std::move(dir)) {}
  ~TcpServer() { stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  /// Starts on `port` (0: a free one, another tried if taken meanwhile).
  /// False when it did not start: said() gives what it printed.
  bool start(unsigned port = 0) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      m_port = port ? port : free_port();
      if (launch()) return true;
      if (port) break;
    }
    return false;
  }
  void stop() {
    if (m_pid <= 0) return;
    ::kill(-m_pid, SIGTERM);  // the server and the children serving connections
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    if (m_out) std::fclose(m_out);
    m_out = nullptr;
  }
  unsigned port() const { return m_port; }
  const std::string& said() const { return m_said; }

 private:
  bool launch() {
    int out[2];
    if (::pipe(out) != 0) return false;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, out[1], 2);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    // Its own process group: on SIGTERM xapian-tcpsrv signals its whole group
    // (kill(0, ...), to end its children), which must not include us.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    const std::string port = std::to_string(m_port);
    const std::string dir = m_dir.string();
    const char* argv[] = {"xapian-tcpsrv", "--port", port.c_str(), "--interface", "127.0.0.1", dir.c_str(), nullptr};
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, "xapian-tcpsrv", &fa, &attr, const_cast<char* const*>(argv), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    ::close(out[1]);
    if (rc != 0) {
      ::close(out[0]);
      m_said = "xapian-tcpsrv cannot be run (install xapian-tools)";
      return false;
    }
    FILE* from = ::fdopen(out[0], "r");
    char line[512];
    m_said.clear();
    bool listening = false;
    while (std::fgets(line, sizeof line, from)) {
      m_said += line;
      if (std::string(line).find("Listening") != std::string::npos) {
        listening = true;
        break;
      }
    }
    if (listening) {
      // Its later messages (one line per connection) stay in the pipe, which
      // holds 64 KiB: far more than a run makes. Closed by stop().
      m_pid = pid;
      m_out = from;
      return true;
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::fclose(from);
    return false;
  }

  std::filesystem::path m_dir;
  unsigned m_port = 0;
  pid_t m_pid = -1;
  FILE* m_out = nullptr;
  std::string m_said;
};

}  // namespace kbtest
