#!/usr/bin/env bash
# Sets up (Debian packages, Release build) and runs every test: Catch2 unit tests and the
# end-to-end tests of both programs, through CTest. On request, the same tests again in a build
# with AddressSanitizer and UBSan (build-asan), and a short run of every libFuzzer target
# (tests/fuzz/run.sh, build-fuzz). Both are opt-in until a whole suite has run clean under
# ASan on this machine (issue 7); then CI turns them on.
#   TWEET_INDEX_SANITIZERS=1       also run the tests under ASan and UBSan
#   TWEET_INDEX_FUZZ=1             also run every fuzz target briefly
#   TWEET_INDEX_FUZZ_SECONDS=N     seconds per fuzz target (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs=$(nproc)
((jobs > 2)) && jobs=2
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j"$jobs" "$@"

if [[ "${TWEET_INDEX_SANITIZERS:-0}" == 1 ]]; then
  echo "test: the same tests under AddressSanitizer and UBSan (build-asan)"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTWEET_INDEX_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" "$@"
fi

if [[ "${TWEET_INDEX_FUZZ:-0}" == 1 ]]; then
  echo "test: a short run of every fuzz target (build-fuzz)"
  ./tests/fuzz/run.sh "${TWEET_INDEX_FUZZ_SECONDS:-20}"
fi
