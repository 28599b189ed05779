#!/usr/bin/env bash
# Fails when a test under tests/ reads a clock, the only reason being to
# compare durations: a timed test fails on a slower disk or a loaded machine.
# Speed belongs to bench/, which prints ratios against a baseline of the same
# run. Usage: check_no_timing.sh [REPO_ROOT]
set -uo pipefail
if [ "${1:-}" = --self-test ]; then
  # The check must catch a timed test: run it on a tree holding one.
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/tests/kb"
  printf 'auto t0 = std::chrono::steady_clock::now();\nCHECK(ms < 2000);\n' >"$tmp/tests/kb/test_x.cpp"
  if bash "$0" "$tmp" 2>/dev/null; then echo "check_no_timing: missed a steady_clock read" >&2; exit 1; fi
  printf 'start=$(date +%%s)\n' >"$tmp/tests/kb/test_x.cpp"; mv "$tmp/tests/kb/test_x.cpp" "$tmp/tests/kb/t.sh"
  if bash "$0" "$tmp" 2>/dev/null; then echo "check_no_timing: missed a date +%s read" >&2; exit 1; fi
  echo "check_no_timing: self-test passed"; exit 0
fi
root=${1:-$(dirname "$0")/../..}
cd "$root/tests" || { echo "check_no_timing: no tests/ folder under $root" >&2; exit 2; }
# Clock reads in C++ and in shell, as a test would write them to time itself.
pattern='steady_clock|high_resolution_clock|system_clock::now|clock_gettime|gettimeofday|\<clock\(\)|\<getrusage\(|\<times\(|\$\(date \+%s|\$SECONDS|\<SECONDS=|/usr/bin/time|^\s*time\s|\<hyperfine\>|\<duration_cast\>|std::chrono::duration<'
found=$(grep -rnE --include='*.cpp' --include='*.hpp' --include='*.h' --include='*.sh' --include='*.py' "$pattern" . \
  | grep -v '^./boundaries/check_no_timing.sh:')
if [ -n "$found" ]; then
  echo "check_no_timing: tests must not read a clock to compare durations (move the figure to bench/):" >&2
  echo "$found" >&2
  exit 1
fi
echo "check_no_timing: no clock read in tests/"
