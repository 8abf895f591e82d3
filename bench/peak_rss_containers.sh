#!/usr/bin/env bash
# Peak memory of tweet-index on containers: a tar of per-minute .json.bz2 files (the Internet
# Archive's stream grabs) and a ZIP of JSON-lines files, each holding N synthetic tweets, against
# the same containers with N/10 tweets. Streaming reading keeps the peak independent of size.
#
#   bench/peak_rss_containers.sh [N]      N tweets, default 150000 (~420 MB of JSON uncompressed)
#
# Writes its inputs and indexes under bench/out/containers-N/ (kept). Peak RSS is the child's
# ru_maxrss (Python's resource module), the figure /usr/bin/time -v reports as well.
#
# Measured (2 cores, shared with compiler jobs, load ~6): 421 MB of JSON lines (187,330 tweets
# with the embedded originals) as a 30 MB tar of 75 .json.bz2 files: peak RSS 59.2 MiB; as a
# 48 MB ZIP: 55.7 MiB. The same at a tenth of the size: 59.2 MiB and 52.9 MiB.
set -euo pipefail

N="${1:-150000}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INDEXER="${TWEET_INDEX:-$ROOT/build/bin/tweet-index}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "peak_rss_containers: N must be a positive integer" >&2; exit 1; }
[[ -x "$INDEXER" ]] || { echo "peak_rss_containers: build first: missing $INDEXER" >&2; exit 1; }

measure() {  # N: makes the containers for N tweets and prints the peak RSS of indexing each
  local n="$1" dir="$ROOT/bench/out/containers-$1"
  mkdir -p "$dir"
  [[ -s "$dir/tweets.jsonl" ]] || python3 "$ROOT/bench/gen_tweets.py" --count "$n" --out "$dir/tweets.jsonl" 2>/dev/null
  python3 - "$dir" <<'PY'
import bz2, io, os, sys, tarfile, zipfile
d = sys.argv[1]
if os.path.exists(os.path.join(d, "stream.tar")) and os.path.exists(os.path.join(d, "stream.zip")):
    sys.exit(0)
lines_per_minute = 2000
with open(os.path.join(d, "tweets.jsonl"), "rb") as src, \
        tarfile.open(os.path.join(d, "stream.tar"), "w") as tf, \
        zipfile.ZipFile(os.path.join(d, "stream.zip"), "w", zipfile.ZIP_DEFLATED) as zf:
    minute = 0
    while True:
        chunk = b"".join(line for _, line in zip(range(lines_per_minute), src))
        if not chunk:
            break
        name = f"2016/01/01/{minute // 60:02d}/{minute % 60:02d}.json"
        packed = bz2.compress(chunk)
        info = tarfile.TarInfo(name + ".bz2")
        info.size = len(packed)
        tf.addfile(info, io.BytesIO(packed))
        zf.writestr(name, chunk)
        minute += 1
PY
  for container in stream.tar stream.zip; do
    rm -rf "$dir/index-$container.xapian"
    python3 - "$INDEXER" "$dir/index-$container.xapian" "$dir/$container" "$n" <<'PY'
import os, resource, subprocess, sys, time
indexer, db, path, n = sys.argv[1:]
t0 = time.time()
proc = subprocess.run([indexer, "--db", db, path], capture_output=True, text=True)
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
summary = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
print(f"{os.path.basename(path)}: {n} tweets, {os.path.getsize(path) / 1e6:.0f} MB, "
      f"peak RSS {peak_kib / 1024:.1f} MiB, {time.time() - t0:.1f} s, exit {proc.returncode}")
print(f"  {summary}")
PY
  done
}

measure $((N / 10))
measure "$N"
