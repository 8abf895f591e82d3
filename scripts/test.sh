#!/usr/bin/env bash
# Sets up (Debian packages, Release build) and runs every test: Catch2 unit tests and the
# end-to-end tests of both programs, through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j"$(nproc)" "$@"
