// Every file the command line writes (--save, --transcript, -o, export files,
// quote and ticket documents) goes through write_output: the one safe-write
// helper (diagdesk/base/safe_file.hpp) and one way to say its failures.
#include "cli.hpp"

#include <diagdesk/base/safe_file.hpp>
#include <diagdesk/engine/session_file.hpp>

namespace diagdesk::cli {

namespace {

bool refused(const base::FileStatus& s) {
  return s.error == base::FileError::symlink || s.error == base::FileError::not_regular ||
         s.error == base::FileError::not_found;
}

}  // namespace

int check_output(const std::string& file, engine::Lang lang) {
  base::FileStatus s = base::check_write_target(file);
  if (s) {
    // The folder must exist too: write_output creates none.
    const std::filesystem::path parent = std::filesystem::path(file).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
      s.error = base::FileError::not_found;
      s.path = file;
      s.reason = parent.string();
    }
  }
  if (s) return exit_ok;
  return fail(engine::file_error_text(s, lang), refused(s) ? exit_usage : exit_failed);
}

int write_output(const std::string& file, std::string_view content, engine::Lang lang) {
  const base::FileStatus s = base::write_file_atomic(file, content, false);
  if (s) return exit_ok;
  // A target that is not a file to replace is bad input; a write that failed
  // (disk full, I/O, permission) is a failure of the task.
  return fail(engine::file_error_text(s, lang), refused(s) ? exit_usage : exit_failed);
}

}  // namespace diagdesk::cli
