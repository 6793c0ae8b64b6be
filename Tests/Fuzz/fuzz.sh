#!/usr/bin/env bash
# Fuzzes cloudinit-sim with libFuzzer (+ AddressSanitizer).
#
#   Tests/Fuzz/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 60); targets default to all:
#                                                yaml, user-data, merge, pipeline
#   FUZZ_JOBS=N   run N targets at once (default 1)
#
# Each target starts from the committed seeds (assembled below from the repository's own data:
# scenarios, the oracle corpus with the reference examples and samples, the YAML and merge corpora,
# and Tests/Fuzz/hostile). Leak detection is off: Swift's runtime keeps one-time allocations
# (metadata, compiled regexes in globals) for the life of the process. What a run learns stays in .build-fuzz/corpus (not committed). A crash,
# leak, timeout or out-of-memory input is written to Tests/Fuzz/regressions/TARGET/ and the script
# fails: commit that file with the fix; `swift test` replays every regression input.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(yaml user-data merge pipeline); fi
jobs="${FUZZ_JOBS:-1}"

# The coverage kinds are named explicitly: SwiftPM's `--sanitize fuzzer` alone (Swift 6.3) passes no
# coverage flag on to the compiler, and libFuzzer then fuzzes blind. The run checks for it below.
flags=(-c release --build-path .build-fuzz --sanitize fuzzer --sanitize address -Xswiftc -DFUZZING
  -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table)
swift build "${flags[@]}" --product cloudinit-sim-fuzz 2>&1 | grep -v "ld.gold: warning: Cannot export" || true
binary="$(swift build "${flags[@]}" --show-bin-path)/cloudinit-sim-fuzz"
[ -x "$binary" ] || { echo "fuzz.sh: the fuzz build failed" >&2; exit 1; }

# The seeds of one target, copied into its working corpus.
seed() {
  local target="$1" dir=".build-fuzz/corpus/$1"
  mkdir -p "$dir" "Tests/Fuzz/regressions/$target"
  local sources=(Tests/Fuzz/hostile "Tests/Fuzz/regressions/$target")
  case "$target" in
    yaml) sources+=(Tests/YAMLCorpus/cases Scenarios Profiles) ;;
    user-data|pipeline) sources+=(Scenarios Tests/OracleCorpus/cases) ;;
    merge) sources+=(Tests/MergeCorpus/cases) ;;
  esac
  find -L "${sources[@]}" -type f ! -name scenario.yaml ! -name case.yaml ! -name README -size -64k -print0 |
    while IFS= read -r -d '' file; do
      cp "$file" "$dir/seed-$(sha1sum "$file" | cut -c1-16)"
    done
}

run() {
  local target="$1"
  seed "$target"
  echo "fuzz.sh: $target for ${seconds}s"
  CLOUDINIT_SIM_FUZZ_TARGET="$target" ASAN_OPTIONS=detect_leaks=0 "$binary" ".build-fuzz/corpus/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="Tests/Fuzz/regressions/$target/" >".build-fuzz/$target.log" 2>&1 && local status=0 || local status=$?
  if ! grep -q "inline 8-bit counters" ".build-fuzz/$target.log"; then
    echo "fuzz.sh: $target ran without coverage counters: the build is not instrumented" >&2
    return 1
  fi
  grep -E "^(stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|#[0-9]+ +DONE)" ".build-fuzz/$target.log" |
    sed "s/^/  $target: /" || true
  if [ $status -ne 0 ]; then
    echo "fuzz.sh: $target found a failing input (see .build-fuzz/$target.log):" >&2
    grep -E "ERROR|SUMMARY|Test unit written" ".build-fuzz/$target.log" >&2 || true
  fi
  return $status
}

status=0
pids=()
for target in "${targets[@]}"; do
  run "$target" & pids+=($!)
  if [ ${#pids[@]} -ge "$jobs" ]; then wait "${pids[0]}" || status=1; pids=("${pids[@]:1}"); fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
