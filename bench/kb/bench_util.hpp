#pragma once
// Small measuring helpers shared by the kb benchmarks.

#include <fstream>
#include <string>

namespace kbbench {

/// The 1, 5 and 15 minute load averages, as /proc/loadavg gives them.
inline std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

/// A field of /proc/self/status in MB ("VmRSS", "VmHWM").
inline double status_mb(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  return 0;
}

}  // namespace kbbench
