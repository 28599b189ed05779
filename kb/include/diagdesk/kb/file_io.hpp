#pragma once
/// Reading and writing files safely: kb's names for the one helper every
/// module shares (diagdesk/base/safe_file.hpp): atomic writes only to a
/// regular file or a new path, reads of regular files only.

#include <diagdesk/base/safe_file.hpp>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>

namespace diagdesk::kb {

using base::FileError;
using base::FileStatus;
using base::write_file_atomic;

/// Reads a whole regular file into `out` (bytes as they are); imports give
/// their own limit (their --max-size), the default is none.
inline FileStatus read_file(const std::filesystem::path& path, std::string& out,
                            std::uintmax_t max_bytes = std::numeric_limits<std::uintmax_t>::max()) {
  return base::read_file(path, out, max_bytes);
}

}  // namespace diagdesk::kb
