// Diagnoses kept on the desk while the team server could not be reached
// (ServiceDesk::attach_diagnosis on a PostgreSQL store), attached to their
// tickets at the next open() that reaches the server. One file per
// diagnosis in <data_dir>/pending-diagnoses/, written atomically and never
// through a symbolic link:
//
//     diagdesk-pending-diagnosis 1
//     ticket INC-2026-000042
//     actor anna
//     <the session file, as attached to tickets>
#include "service_desk_text.hpp"

#include <diagdesk/base/safe_file.hpp>
#include <diagdesk/engine/i18n.hpp>
#include <diagdesk/engine/session_file.hpp>
#include <diagdesk/engine/training_sim.hpp>  // format_text

#include <algorithm>
#include <chrono>

namespace diagdesk::workspace {

namespace sv = diagdesk::service;
using engine::tr;

namespace {

constexpr std::string_view magic = "diagdesk-pending-diagnosis 1";

/// The value after "`key` " on line `line` of `text` ("" and false when it is not there).
bool header_line(std::string_view text, std::size_t& at, std::string_view key, std::string& value) {
  const std::size_t end = text.find('\n', at);
  if (end == std::string_view::npos) return false;
  const std::string_view line = text.substr(at, end - at);
  at = end + 1;
  if (key.empty()) return line == magic;
  if (!line.starts_with(key) || line.size() <= key.size() + 1 || line[key.size()] != ' ') return false;
  value = std::string(line.substr(key.size() + 1));
  return true;
}

}  // namespace

fs::path ServiceDesk::pending_dir(const Workspace& ws) { return ws.options().data_dir / "pending-diagnoses"; }

std::string ServiceDesk::keep_pending(const std::string& number, const std::string& actor,
                                      const std::string& session_toml) {
  const auto stamp = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  const fs::path file = pending_dir(m_ws) / (number + "-" + std::to_string(stamp) + ".toml");
  const std::string content =
      std::string(magic) + "\nticket " + number + "\nactor " + actor + "\n" + session_toml;
  return base::write_file_atomic(file, content) ? file.string() : "";
}

ServiceDesk::PendingReport ServiceDesk::attach_pending() {
  PendingReport report;
  const fs::path dir = pending_dir(m_ws);
  std::error_code ec;
  if (fs::symlink_status(dir, ec).type() != fs::file_type::directory) return report;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && !entry.is_symlink(ec) && entry.path().extension() == ".toml")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // number, then the time it was kept
  m_flushing = true;  // a file that fails again stays as it is, not kept twice
  for (std::size_t i = 0; i < files.size(); ++i) {
    const fs::path& file = files[i];
    std::string text, number, actor;
    if (!base::read_file(file, text)) {
      ++report.left;
      report.problems.push_back(file.string() + ": cannot be read");
      continue;
    }
    std::size_t at = 0;
    if (!header_line(text, at, "", number) || !header_line(text, at, "ticket", number) ||
        !header_line(text, at, "actor", actor)) {
      ++report.left;
      report.problems.push_back(file.string() + ": not a kept diagnosis (its first lines are not Diagdesk's)");
      continue;
    }
    auto loaded = engine::parse_session(m_ws.knowledge(), std::string_view(text).substr(at), file.string());
    if (!loaded.session) {
      ++report.left;
      report.problems.push_back(loaded.error);
      continue;
    }
    TicketView view;
    const DeskError e = attach_diagnosis(number, *loaded.session, loaded.info, actor, view);
    if (e.code == "unreachable") {  // gone again: the rest waits for the next time
      report.left += files.size() - i;
      break;
    }
    if (!e.ok()) {
      ++report.left;
      report.problems.push_back(file.string() + ": " + e.message);
      continue;
    }
    fs::remove(file, ec);
    ++report.attached;
  }
  m_flushing = false;
  return report;
}

}  // namespace diagdesk::workspace
