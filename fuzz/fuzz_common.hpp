#pragma once
// Helpers shared by the fuzz targets (fuzz/fuzz_*.cpp): a per-process
// temporary folder, removed at exit, for parsers whose API takes a path;
// and the bundled data folder for targets that need real knowledge.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace diagdesk::fuzz {

/// The process's own temporary folder (created on first use, removed at exit).
inline const std::filesystem::path& temp_dir() {
  // The handler removes the folder named in plain storage: function-local
  // statics registered after it (`dir` itself) are already destroyed when
  // atexit handlers run, so it must not call temp_dir() (it did, and every
  // replay left its folder in /tmp).
  static char removed_at_exit[4096];
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "diagdesk-fuzz-XXXXXX").string();
    if (tmpl.size() >= sizeof removed_at_exit || !::mkdtemp(tmpl.data())) std::abort();
    std::memcpy(removed_at_exit, tmpl.c_str(), tmpl.size() + 1);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(removed_at_exit, ec);
    });
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

/// Writes `bytes` to `name` inside temp_dir() (replacing it) and returns its path.
inline std::filesystem::path write_temp(std::string_view name, std::string_view bytes) {
  const std::filesystem::path p = temp_dir() / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) std::abort();
  return p;
}

/// The bundled knowledge base (data/ of the source tree).
inline std::filesystem::path data_dir() { return DIAGDESK_FUZZ_DATA_DIR; }

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// A bug the target itself detected (a broken promise of the API): abort so
/// that libFuzzer and the replay both report it with the input.
[[noreturn]] inline void broken(const char* what) {
  std::fputs(what, stderr);
  std::fputc('\n', stderr);
  std::abort();
}

}  // namespace diagdesk::fuzz
