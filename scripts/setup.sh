#!/usr/bin/env bash
# Installs the Debian packages tweet-index needs (with apt when run as root, otherwise it prints
# the apt-get line to run) and builds both programs in Release into build/bin/.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake pkg-config git
  libxapian-dev xapian-tools zlib1g-dev libcli11-dev catch2 libsimdjson-dev
  libarchive-dev libutf8proc-dev libfmt-dev libtomlplusplus-dev
  libzstd-dev  # the stored records are compressed with it (core/record_codec.h)
  libcpp-httplib-dev  # tweet-query serve
  libmimalloc-dev  # tweet-index's allocator
  python3 gzip zip bzip2 xz-utils zstd sqlite3
  python3-xapian  # tests that plant a document an older tweet-index could write (tests/e2e/test_salvage.py)
  chromium  # the HTML audit report's test opens it headless
  clang libclang-rt-14-dev  # the libFuzzer targets (tests/fuzz/run.sh)
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these Debian packages are missing; install them and run this again:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release ${CMAKE_EXTRA_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
echo "setup: built $BUILD_DIR/bin/tweet-index and $BUILD_DIR/bin/tweet-query (with tweet-query-serve, which serve runs)"
