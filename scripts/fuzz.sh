#!/usr/bin/env bash
# Fuzzing Diagdesk's input parsers (docs/reliability.md, "Fuzzing" and
# "Corpus replay in the test command").
#
# Usage:
#   scripts/fuzz.sh build                      libFuzzer targets (clang-14, ASan + UBSan) in build-fuzz/
#   scripts/fuzz.sh run [--runs N] [--time S] [target...]
#                                              builds, then fuzzes each target (default: all, --time 60;
#                                              both given: whichever comes first). DIAGDESK_FUZZ_TIMEOUT
#                                              sets the per-input hang limit (default 1 s).
#   scripts/fuzz.sh replay [target...]         replays every file of fuzz/corpus/<target>/ through
#                                              the target built with gcc ASan + UBSan in build-replay/
#   scripts/fuzz.sh list                       the targets
#
# Fuzzing is CPU-heavy: it runs under nice -n 19, one target at a time.
# New interesting inputs go to build-fuzz/corpus/<target>/ (not the source
# tree: the checked-in corpus stays small); crashes, timeouts and leaks to
# build-fuzz/artifacts/<target>/. A fixed crash's input belongs in
# fuzz/corpus/<target>/regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."

targets_all=(tree rules facts session article html mallard csv asset_csv glpi_csv catalogue scenario query)
fuzz_dir=${DIAGDESK_FUZZ_DIR:-build-fuzz}
replay_dir=${DIAGDESK_REPLAY_DIR:-build-replay}
jobs=${DIAGDESK_FUZZ_JOBS:-$(nproc)}

# Largest input per target (bytes): the bundled files of each kind fit, with room.
max_len() {
  case $1 in
    tree) echo 65536 ;;
    rules | facts | scenario | catalogue) echo 32768 ;;
    session) echo 16384 ;;
    article | html | mallard | csv | asset_csv) echo 65536 ;;
    glpi_csv) echo 4096 ;;
    query) echo 2048 ;;
    *) echo 65536 ;;
  esac
}

die() { echo "fuzz.sh: $*" >&2; exit 2; }

check_targets() {
  local t known
  for t in "$@"; do
    known=no
    for k in "${targets_all[@]}"; do [ "$t" = "$k" ] && known=yes; done
    [ $known = yes ] || die "unknown target '$t' (scripts/fuzz.sh list)"
  done
}

# The libraries the targets use, nothing else (no workspace, app, gui, tests, bench).
configure_common=(-G Ninja -DDIAGDESK_FUZZ_REPLAY_ONLY=ON "-DDIAGDESK_SKIP=workspace;app;gui")

build_fuzz() {
  command -v clang++-14 >/dev/null || die "clang++-14 is missing: apt-get install clang-14 libclang-rt-14-dev"
  [ -f /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ] ||
    ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
    die "libFuzzer is missing: apt-get install libclang-rt-14-dev"
  if [ ! -f "$fuzz_dir/build.ninja" ]; then
    cmake -S . -B "$fuzz_dir" "${configure_common[@]}" -DDIAGDESK_FUZZ=ON \
      -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" >/dev/null
  fi
  local t names=()
  for t in "$@"; do names+=("fuzz_$t"); done
  nice -n 19 cmake --build "$fuzz_dir" -j "$jobs" --target "${names[@]}"
}

build_replay() {
  if [ ! -f "$replay_dir/build.ninja" ]; then
    cmake -S . -B "$replay_dir" "${configure_common[@]}" -DDIAGDESK_SANITIZE=ON \
      -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -g0" >/dev/null
  fi
  local t names=()
  for t in "$@"; do names+=("replay_$t"); done
  cmake --build "$replay_dir" -j "$jobs" --target "${names[@]}" | grep -v '^\[' || true
  for t in "$@"; do [ -x "$replay_dir/fuzz/replay_$t" ] || die "replay_$t did not build"; done
}

# A libFuzzer final-stats line's value: stat NAME LOG
stat_of() { sed -n "s/^stat::$1: *//p" "$2" | tail -1; }

run_one() {
  local t=$1 limit=$2 log work art dict=() cov ft execs secs found
  work=$fuzz_dir/corpus/$t
  art=$fuzz_dir/artifacts/$t
  log=$fuzz_dir/logs/$t.log
  mkdir -p "$work" "$art" "$fuzz_dir/logs"
  [ -f "fuzz/dict/$t.dict" ] && dict=("-dict=fuzz/dict/$t.dict")
  local before
  before=$(find "$art" -type f | wc -l)
  local start=$SECONDS rc=0
  # shellcheck disable=SC2086
  nice -n 19 "$fuzz_dir/fuzz/fuzz_$t" "$work" "fuzz/corpus/$t" ${dict[@]+"${dict[@]}"} $limit \
    -timeout="${DIAGDESK_FUZZ_TIMEOUT:-1}" -rss_limit_mb=2048 -max_len="$(max_len "$t")" -print_final_stats=1 \
    -artifact_prefix="$art/" -close_fd_mask=3 >"$log" 2>&1 || rc=$?
  secs=$((SECONDS - start))
  execs=$(stat_of number_of_executed_units "$log")
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -Eo 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  found=$(($(find "$art" -type f | wc -l) - before))
  local kinds
  kinds=$(find "$art" -type f -newer "$log.start" 2>/dev/null | sed 's#.*/##; s/-.*//' | sort | uniq -c | tr -s ' ' | paste -sd, - || true)
  printf '%-10s %10s execs %6ss  cov %-6s ft %-7s corpus %-5s new findings %s%s\n' "$t" "${execs:-?}" "$secs" \
    "${cov:-?}" "${ft:-?}" "$(find "$work" -type f | wc -l)" "$found" "${kinds:+ ($kinds)}"
  if [ $rc -ne 0 ]; then
    echo "           libFuzzer exit $rc; see $log:" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|artifact_prefix|Test unit written|.*ALARM|.*out-of-memory)' "$log" | head -8 >&2 || true
    return 1
  fi
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
  list)
    printf '%s\n' "${targets_all[@]}"
    ;;
  build)
    [ $# -gt 0 ] || set -- "${targets_all[@]}"
    check_targets "$@"
    build_fuzz "$@"
    ;;
  run)
    runs="" time=""
    names=()
    while [ $# -gt 0 ]; do
      case $1 in
        --runs) [ $# -ge 2 ] && [[ $2 =~ ^[0-9]+$ ]] || die "--runs needs a number"; runs="-runs=$2"; shift 2 ;;
        --time) [ $# -ge 2 ] && [[ $2 =~ ^[0-9]+$ ]] || die "--time needs seconds"; time="-max_total_time=$2"; shift 2 ;;
        -*) die "unknown option '$1'" ;;
        *) names+=("$1"); shift ;;
      esac
    done
    [ -n "$runs$time" ] || time="-max_total_time=60"
    limit="$runs $time"
    [ ${#names[@]} -gt 0 ] || names=("${targets_all[@]}")
    check_targets "${names[@]}"
    build_fuzz "${names[@]}"
    failed=0
    for t in "${names[@]}"; do
      mkdir -p "$fuzz_dir/logs"
      touch "$fuzz_dir/logs/$t.log.start"
      run_one "$t" "$limit" || failed=$((failed + 1))
    done
    [ $failed -eq 0 ] || { echo "fuzz.sh: $failed target(s) found something (inputs in $fuzz_dir/artifacts/)" >&2; exit 1; }
    ;;
  replay)
    [ $# -gt 0 ] || set -- "${targets_all[@]}"
    check_targets "$@"
    start=$SECONDS
    build_replay "$@"
    built=$SECONDS
    export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=1:strict_string_checks=1
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    failed=0
    for t in "$@"; do
      t0=$SECONDS
      if out=$("$replay_dir/fuzz/replay_$t" "fuzz/corpus/$t" 2>"$replay_dir/replay_$t.log"); then
        printf 'replay %-10s %4s files  %3ss\n' "$t" "$(echo "$out" | sed -n 's/^replay: \([0-9]*\) files/\1/p')" $((SECONDS - t0))
      else
        failed=$((failed + 1))
        echo "replay $t: FAILED (sanitizer report or crash); the input:" >&2
        DIAGDESK_REPLAY_VERBOSE=1 "$replay_dir/fuzz/replay_$t" "fuzz/corpus/$t" 2>&1 | grep -E '^replay: |ERROR|SUMMARY|runtime error' | tail -4 >&2 || true
        head -30 "$replay_dir/replay_$t.log" >&2
      fi
    done
    echo "corpus replay: build $((built - start))s, replay $((SECONDS - built))s, $# targets, $failed failed"
    [ $failed -eq 0 ]
    ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    [ -z "$cmd" ] && exit 2
    die "unknown command '$cmd'"
    ;;
esac
