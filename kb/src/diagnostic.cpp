#include <diagdesk/kb/diagnostic.hpp>

namespace diagdesk::kb {

std::string format(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += d.severity == Severity::error ? ": error: " : ": warning: ";
  out += d.message;
  if (!d.code.empty()) out += " [" + d.code + "]";
  return out;
}

std::size_t count_errors(const std::vector<Diagnostic>& diagnostics) {
  std::size_t n = 0;
  for (const auto& d : diagnostics) n += d.severity == Severity::error;
  return n;
}

}  // namespace diagdesk::kb
