#pragma once
// Starting the real diagdesk as a child process the test controls: its
// stdout read through a pipe (and the child killed with SIGKILL after a
// chosen number of bytes), a file-size limit (RLIMIT_FSIZE, the "disk
// full" of the tests), another uid, extra environment variables. Used by
// the crash and disk-full tests; no clock, no sleep.

#include "run.hpp"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <unistd.h>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

extern char** environ;

namespace test {

struct ChildSpec {
  std::vector<std::string> args;                  ///< diagdesk's arguments
  std::vector<std::string> env;                   ///< extra NAME=VALUE entries
  fs::path data_dir;                              ///< DIAGDESK_HOME
  std::string input;                              ///< stdin
  rlim_t max_file_size = RLIM_INFINITY;           ///< RLIMIT_FSIZE (SIGXFSZ ignored: EFBIG)
  uid_t uid = static_cast<uid_t>(-1);             ///< run as this uid and gid when set
  fs::path exe;                                   ///< the binary to run (DIAGDESK_BIN when empty)
  std::size_t kill_after = std::numeric_limits<std::size_t>::max();  ///< SIGKILL after so many stdout bytes
};

struct ChildEnd {
  bool exited = false;  ///< ended on its own (rc valid)
  int rc = -1;
  bool killed = false;  ///< ended by SIGKILL (ours or its own)
  int signal = 0;       ///< any other signal
  std::string out;      ///< all it wrote to stdout before it ended
  std::string err;
};

/// Runs diagdesk as described and waits for it. Everything the child wrote
/// to stdout before it died is in `out`: what it reported as done.
inline ChildEnd run_child(const ChildSpec& spec, const fs::path& scratch) {
  const fs::path in_file = scratch / "child-stdin.txt";
  const fs::path err_file = scratch / "child-stderr.txt";
  {
    std::ofstream(in_file, std::ios::binary) << spec.input;
  }
  std::vector<std::string> env_store;
  // A variable of spec.env replaces the inherited one of the same name (the
  // child's getenv would read the first: e.g. the sanitizer build's
  // ASAN_OPTIONS given to ctest would hide the harness's own).
  const auto overridden = [&spec](const std::string& kv) {
    const std::string name = kv.substr(0, kv.find('=') + 1);
    for (const auto& mine : spec.env)
      if (mine.starts_with(name)) return true;
    return false;
  };
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    if (kv.starts_with("LANG=") || kv.starts_with("LC_ALL=") || kv.starts_with("DIAGDESK_")) continue;
    if (overridden(kv)) continue;
    env_store.push_back(kv);
  }
  env_store.push_back("DIAGDESK_HOME=" + spec.data_dir.string());
  for (const auto& kv : spec.env) env_store.push_back(kv);
  std::vector<std::string> arg_store{spec.exe.empty() ? std::string(DIAGDESK_BIN) : spec.exe.string()};
  arg_store.insert(arg_store.end(), spec.args.begin(), spec.args.end());
  std::vector<char*> argv, envp;
  for (auto& a : arg_store) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);

  int pipe_fd[2];
  if (::pipe2(pipe_fd, O_CLOEXEC) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    int in = ::open(in_file.c_str(), O_RDONLY);
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (in < 0 || err < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(pipe_fd[1], 1);
    ::dup2(err, 2);
    if (spec.max_file_size != RLIM_INFINITY) {
      ::signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG
      struct rlimit lim {spec.max_file_size, spec.max_file_size};
      ::setrlimit(RLIMIT_FSIZE, &lim);
    }
    if (spec.uid != static_cast<uid_t>(-1)) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(spec.uid) != 0 || ::setuid(spec.uid) != 0) ::_exit(125);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(pipe_fd[1]);
  ChildEnd end;
  bool sent = false;
  char buf[4096];
  for (;;) {
    std::size_t want = sizeof buf;
    if (!sent && spec.kill_after != std::numeric_limits<std::size_t>::max())
      want = std::min(want, spec.kill_after - end.out.size());
    if (!sent && want == 0) {
      ::kill(pid, SIGKILL);
      sent = true;
      continue;  // what it wrote before dying is still in the pipe: read it too
    }
    const ssize_t n = ::read(pipe_fd[0], buf, want);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    end.out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(pipe_fd[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    end.exited = true;
    end.rc = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    end.killed = WTERMSIG(status) == SIGKILL;
    if (!end.killed) end.signal = WTERMSIG(status);
  }
  end.err = read(err_file);
  return end;
}

}  // namespace test
