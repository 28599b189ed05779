#pragma once
/// Reading and writing files safely: no write ever leaves a half-written
/// file (write a temporary file in the same folder, flush it, rename it).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace diagdesk::kb {

/// Why a file operation failed.
enum class FileError { none, not_found, permission, io };

/// The outcome of a file operation: `error` is none on success, otherwise
/// `message` is a sentence naming the path and the system's reason.
struct FileStatus {
  FileError error = FileError::none;
  std::string message;
  explicit operator bool() const { return error == FileError::none; }
};

/// Writes `content` to `path` atomically: a temporary file next to it is
/// written, flushed to disk and renamed over `path`. Creates missing parent
/// folders. On failure the previous file (if any) is left untouched and the
/// temporary file removed.
FileStatus write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Reads a whole file into `out` (bytes as they are).
FileStatus read_file(const std::filesystem::path& path, std::string& out);

}  // namespace diagdesk::kb
