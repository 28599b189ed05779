// Fault injection for the crash tests (test_crash_kill.cpp), loaded into the
// real `diagdesk` with LD_PRELOAD; the program itself carries no test hook.
//
// It wraps the calls through which anything reaches the disk: write, pwrite
// and writev on a regular file, fsync, fdatasync, rename(at), unlink(at) and
// ftruncate, whoever makes them (our code, libstdc++, SQLite, Xapian).
// - DIAGDESK_CRASH_AT=N: the process sends itself SIGKILL just before its
//   N-th such call (1-based), as a kill -9 or a power cut would stop it.
// - DIAGDESK_CRASH_COUNT=FILE: no kill; the number of such calls is written
//   to FILE when the process exits, so a test can draw N over the real range.
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace {

std::atomic<long> g_calls{0};
long g_crash_at = 0;
const char* g_count_file = nullptr;

template <class F>
F next(const char* name) {
  return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
}

bool regular(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// One durable-write point: counts it, and dies here when it is the chosen one.
void point() {
  const long n = ++g_calls;
  if (g_crash_at > 0 && n == g_crash_at) ::kill(::getpid(), SIGKILL);
}

__attribute__((constructor)) void start() {
  if (const char* at = std::getenv("DIAGDESK_CRASH_AT")) g_crash_at = std::atol(at);
  g_count_file = std::getenv("DIAGDESK_CRASH_COUNT");
}

__attribute__((destructor)) void stop() {
  if (!g_count_file) return;
  if (std::FILE* f = std::fopen(g_count_file, "w")) {
    std::fprintf(f, "%ld\n", g_calls.load());
    std::fclose(f);
  }
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* buf, size_t n) {
  static auto real = next<ssize_t (*)(int, const void*, size_t)>("write");
  if (regular(fd)) point();
  return real(fd, buf, n);
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t off) {
  static auto real = next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
  if (regular(fd)) point();
  return real(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t off) {
  static auto real = next<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
  if (regular(fd)) point();
  return real(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
  static auto real = next<ssize_t (*)(int, const struct iovec*, int)>("writev");
  if (regular(fd)) point();
  return real(fd, iov, count);
}

int fsync(int fd) {
  static auto real = next<int (*)(int)>("fsync");
  point();
  return real(fd);
}

int fdatasync(int fd) {
  static auto real = next<int (*)(int)>("fdatasync");
  point();
  return real(fd);
}

int ftruncate(int fd, off_t len) {
  static auto real = next<int (*)(int, off_t)>("ftruncate");
  point();
  return real(fd, len);
}

int ftruncate64(int fd, off64_t len) {
  static auto real = next<int (*)(int, off64_t)>("ftruncate64");
  point();
  return real(fd, len);
}

int rename(const char* from, const char* to) {
  static auto real = next<int (*)(const char*, const char*)>("rename");
  point();
  return real(from, to);
}

int renameat(int fromdir, const char* from, int todir, const char* to) {
  static auto real = next<int (*)(int, const char*, int, const char*)>("renameat");
  point();
  return real(fromdir, from, todir, to);
}

int unlink(const char* path) {
  static auto real = next<int (*)(const char*)>("unlink");
  point();
  return real(path);
}

int unlinkat(int dir, const char* path, int flags) {
  static auto real = next<int (*)(int, const char*, int)>("unlinkat");
  point();
  return real(dir, path, flags);
}

}  // extern "C"
