#!/usr/bin/env bash
# Sets up (Debian packages, Release build) and runs every test: Catch2 unit tests and the
# end-to-end tests of both programs, through CTest. Then the same tests again with
# AddressSanitizer and UBSan, and a short run of every libFuzzer target: one clang build
# (build-fuzz, -DTWEET_INDEX_FUZZ=ON, which instruments the whole code) serves both.
#   TWEET_INDEX_SANITIZERS=0       skip the sanitizer tests and the fuzz runs (quick local runs)
#   TWEET_INDEX_FUZZ_SECONDS=N     seconds per fuzz target (default 30: a smoke run that keeps CI
#                                  under 20 minutes on 2 cores; long runs: tests/fuzz/run.sh 3600)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs=$(nproc)
((jobs > 2)) && jobs=2
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j"$jobs" "$@"

if [[ "${TWEET_INDEX_SANITIZERS:-1}" == 1 ]]; then
  echo "test: the same tests under AddressSanitizer and UBSan (build-fuzz, clang)"
  CXX=${FUZZ_CXX:-clang++} cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTWEET_INDEX_FUZZ=ON \
    -DBUILD_TESTING=ON >/dev/null
  cmake --build build-fuzz -j"$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-fuzz --output-on-failure -j"$jobs" "$@"
  echo "test: a short run of every fuzz target (build-fuzz)"
  ./tests/fuzz/run.sh "${TWEET_INDEX_FUZZ_SECONDS:-30}"
fi
