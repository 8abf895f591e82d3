#!/usr/bin/env bash
# Builds the libFuzzer targets in build-fuzz (clang, -fsanitize=fuzzer,address,undefined), seeds
# each target's corpus in build-fuzz/corpus/NAME from tests/ and samples/, and runs each target
# for SECONDS (default 20). Fails on any crash, leak, timeout or sanitizer report; the input that
# caused it is left in build-fuzz/artifacts/.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(fuzz_readers fuzz_entities fuzz_urls fuzz_query fuzz_terminal_safe fuzz_salvage fuzz_records)
jobs=$(nproc)
((jobs > 2)) && jobs=2

# The same configuration as scripts/test.sh's sanitizer pass, which runs the tests from this build.
CXX=${FUZZ_CXX:-clang++} cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTWEET_INDEX_FUZZ=ON \
  -DBUILD_TESTING=ON >/dev/null
cmake --build build-fuzz -j"$jobs" --target "${targets[@]}"
python3 tests/fuzz/seed.py build-fuzz/corpus
mkdir -p build-fuzz/artifacts
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for target in "${targets[@]}"; do
  max_len=4096
  [[ $target == fuzz_readers || $target == fuzz_salvage ]] && max_len=65536
  echo "fuzz: $target for ${seconds}s"
  if ! build-fuzz/bin/"$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len="$max_len" \
      -print_final_stats=1 -artifact_prefix=build-fuzz/artifacts/"$target"- build-fuzz/corpus/"$target" \
      > build-fuzz/"$target".log 2>&1; then
    tail -60 build-fuzz/"$target".log >&2
    echo "fuzz: $target FAILED (log: build-fuzz/$target.log)" >&2
    exit 1
  fi
  grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb' build-fuzz/"$target".log || true
done
echo "fuzz: no crash in ${targets[*]}"
