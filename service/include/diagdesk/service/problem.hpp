#pragma once
/// A problem found while loading a service-centre data file (priority, SLA,
/// calendar): where it is and what is wrong. Loading goes on after one.

#include <string>

namespace diagdesk::service {

/// One finding, with the file, line and column (1-based, 0 when unknown).
struct Problem {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
};

/// "file:line:column: message".
std::string format(const Problem& p);

}  // namespace diagdesk::service
