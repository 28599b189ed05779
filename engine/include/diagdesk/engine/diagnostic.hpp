#pragma once
/// Diagnostics reported while loading and linting data, compiler style.

#include <diagdesk/engine/text.hpp>

#include <string>
#include <vector>

namespace diagdesk::engine {

enum class Severity { error, warning };

/// One finding: `file:line:column: severity: message [code]`.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;  ///< stable short id, e.g. "ref.unknown_node"
  SourcePos pos;
  std::string message;
};

/// "file:line:column: error: message [code]".
std::string format(const Diagnostic& d);
/// Number of diagnostics with severity error.
std::size_t count_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace diagdesk::engine
