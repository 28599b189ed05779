// The gate of the guided order (data/README.md, "must come first"): a node with
// `first = true` comes before every step without it; a node with `after` is
// proposed only once those nodes were answered. A required node stops holding
// others back once the answers so far lead around it (it can no longer be reached).
// Implicitly, a question reached only from actions waits for one of them (`reads`).
#include <diagdesk/engine/guide.hpp>

#include <algorithm>

namespace diagdesk::engine {

namespace {

bool answered(const Belief& b, int t) {
  return std::any_of(b.answers.begin(), b.answers.end(), [&](const auto& a) { return a.first == t; });
}

bool set_aside(const Belief& b, int t) {
  return answered(b, t) || std::find(b.unknown.begin(), b.unknown.end(), t) != b.unknown.end();
}

}  // namespace

bool reachable(const GuideModel& m, const Belief& b, int test) {
  std::vector<char> seen(m.tests.size(), 0);
  std::vector<int> stack = m.entry;
  while (!stack.empty()) {
    const int t = stack.back();
    stack.pop_back();
    if (t < 0 || t >= static_cast<int>(m.tests.size()) || seen[t]) continue;
    seen[t] = 1;
    if (t == test) return true;
    const GuideTest& g = m.tests[t];
    // An answered test leads on along its answer only; an open one (or "don't know") along all.
    auto it = std::find_if(b.answers.begin(), b.answers.end(), [&](const auto& a) { return a.first == t; });
    for (std::size_t j = 0; j < g.next.size(); ++j) {
      if (it != b.answers.end() && it->second != static_cast<int>(j)) continue;
      stack.insert(stack.end(), g.next[j].begin(), g.next[j].end());
    }
  }
  return false;
}

std::vector<int> gate_pending(const GuideModel& m, const Belief& b, int test) {
  std::vector<int> out;
  if (!m.gated || test < 0 || test >= static_cast<int>(m.tests.size())) return out;
  const GuideTest& g = m.tests[test];
  auto pending = [&](int r) { return r != test && !answered(b, r) && reachable(m, b, r); };
  for (int r : g.after) {
    if (pending(r)) out.push_back(r);
  }
  // The actions whose result it reads: any one answered releases it.
  if (!g.reads.empty() && std::none_of(g.reads.begin(), g.reads.end(), [&](int r) { return answered(b, r); })) {
    for (int r : g.reads) {
      if (pending(r) && std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    }
  }
  if (!g.first) {
    for (std::size_t r = 0; r < m.tests.size(); ++r) {
      const int ri = static_cast<int>(r);
      if (m.tests[r].first && std::find(out.begin(), out.end(), ri) == out.end() && pending(ri)) out.push_back(ri);
    }
  }
  return out;
}

namespace {

/// Some step not yet taken waits for `test` and tells something itself, or is needed in turn.
bool needed(const GuideModel& m, const Belief& b, int test, int depth) {
  if (depth > 16) return false;  // the linter refuses circles; this only bounds broken data
  for (std::size_t u = 0; u < m.tests.size(); ++u) {
    const int ui = static_cast<int>(u);
    if (ui == test || set_aside(b, ui)) continue;
    const std::vector<int> waits = gate_pending(m, b, ui);
    if (std::find(waits.begin(), waits.end(), test) == waits.end()) continue;
    if (info_gain(m, b, ui) > 1e-9 || needed(m, b, ui, depth + 1)) return true;
  }
  return false;
}

}  // namespace

bool gate_required(const GuideModel& m, const Belief& b, int test) {
  if (!m.gated || set_aside(b, test) || !gate_pending(m, b, test).empty()) return false;
  return needed(m, b, test, 0);
}

}  // namespace diagdesk::engine
