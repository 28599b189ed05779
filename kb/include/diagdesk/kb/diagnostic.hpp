#pragma once
/// Diagnostics reported while loading articles, layers and synonyms,
/// compiler style: every problem of a file is found in one pass.

#include <cstddef>
#include <string>
#include <vector>

namespace diagdesk::kb {

enum class Severity { error, warning };

/// One finding: `file:line:column: severity: message [code]`.
/// `code` is a stable short id ("front_matter.syntax", "field.unknown"...)
/// that a front end may translate; `message` is an English sentence.
/// `line` and `column` are 1-based, 0 when the finding concerns the whole file.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
};

/// "file:line:column: error: message [code]" (line/column omitted when 0).
std::string format(const Diagnostic& d);
/// Number of diagnostics with severity error.
std::size_t count_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace diagdesk::kb
