#!/usr/bin/env bash
# Indexing and query benchmark on a synthetic corpus.
#
#   bench/run_bench.sh [N]        N tweets, default 1000000
#
# Generates bench/out/tweets-N.jsonl (kept for later runs), indexes it into
# bench/out/index-N.xapian with build/bin/tweet-index, then times typical
# searches with build/bin/tweet-query (median of REPS whole-process runs).
# A raw read of the same file (cat, and zcat of a gzip copy) is the baseline.
# Environment: REPS (default 21), TWEET_INDEX / TWEET_QUERY (binaries),
# KEEP_INDEX=1 to reuse an existing index instead of rebuilding it.
set -euo pipefail

N="${1:-1000000}"
REPS="${REPS:-21}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"
INDEXER="${TWEET_INDEX:-$ROOT/build/bin/tweet-index}"
QUERY="${TWEET_QUERY:-$ROOT/build/bin/tweet-query}"
DATA="$OUT/tweets-$N.jsonl"
FACTS="$DATA.facts.json"
DB="$OUT/index-$N.xapian"

die() { echo "run_bench: $*" >&2; exit 1; }

if ! [[ "$N" =~ ^[1-9][0-9]*$ ]]; then die "N must be a positive integer, got '$N'"; fi
for bin in "$INDEXER" "$QUERY"; do
  [[ -x "$bin" ]] || die "missing $bin: build first (cmake -S . -B build && cmake --build build -j)"
done
command -v python3 >/dev/null || die "python3 is needed"
mkdir -p "$OUT"

now_ns() { date +%s%N; }

# --- corpus ------------------------------------------------------------------
if [[ ! -s "$DATA" || ! -s "$FACTS" ]]; then
  echo "== generating $N tweets into $DATA"
  python3 "$ROOT/bench/gen_tweets.py" --count "$N" --out "$DATA" 2>/dev/null
fi
fact() { python3 -c 'import json,sys; f=json.load(open(sys.argv[1])); v=f
for k in sys.argv[2].split("."): v=v[k]
print(v)' "$FACTS" "$1"; }
BYTES=$(stat -c %s "$DATA")
echo "== corpus: $N tweets, $BYTES bytes ($(( BYTES / N )) bytes/tweet)"

# --- baseline: raw read ------------------------------------------------------
t0=$(now_ns); cat "$DATA" > /dev/null; t1=$(now_ns)
cat_s=$(python3 -c "print(max(($t1-$t0)/1e9, 1e-6))")
if [[ ! -s "$DATA.gz" ]]; then gzip -1 -n -c "$DATA" > "$DATA.gz.tmp" && mv "$DATA.gz.tmp" "$DATA.gz"; fi
t0=$(now_ns); zcat "$DATA.gz" > /dev/null; t1=$(now_ns)
zcat_s=$(python3 -c "print(max(($t1-$t0)/1e9, 1e-6))")

# --- indexing ----------------------------------------------------------------
if [[ "${KEEP_INDEX:-0}" != 1 || ! -d "$DB" ]]; then
  rm -rf "$DB"
  echo "== indexing with $INDEXER"
  RSS_KB=""
  if /usr/bin/time -f '' true 2>/dev/null; then
    t0=$(now_ns)
    /usr/bin/time -f '%M' -o "$OUT/index.rss" "$INDEXER" --db "$DB" --quiet "$DATA" \
      || die "tweet-index failed"
    t1=$(now_ns)
    RSS_KB=$(tail -n 1 "$OUT/index.rss")
  else
    t0=$(now_ns)
    RSS_KB=$(python3 - "$INDEXER" "$DB" "$DATA" <<'EOF'
import resource, subprocess, sys
r = subprocess.run([sys.argv[1], "--db", sys.argv[2], "--quiet", sys.argv[3]])
if r.returncode:
    sys.exit(r.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
EOF
) || die "tweet-index failed"
    t1=$(now_ns)
  fi
  index_s=$(python3 -c "print(max(($t1-$t0)/1e9, 1e-6))")
  db_bytes=$(du -sb "$DB" | cut -f1)
else
  echo "== reusing $DB (KEEP_INDEX=1): no indexing time"
  index_s="" RSS_KB="" db_bytes=$(du -sb "$DB" | cut -f1)
fi

# --- queries -----------------------------------------------------------------
AUTHOR=$(fact top_author.name); MENTION=$(fact top_mention.name)
DOMAIN=$(fact top_domain.name); TAG=$(fact top_hashtag.name)
PHRASE=$(fact phrase.text); WORD=$(fact word.text)
QUERIES=("@$MENTION" "from:$AUTHOR" "domain:$DOMAIN" "#$TAG" "\"$PHRASE\"" "$WORD")
EXPECT=("$(fact top_mention.tweets)" "$(fact top_author.tweets)" "$(fact top_domain.tweets)"
        "$(fact top_hashtag.tweets)" ">=$(fact phrase.tweets_at_least)" ">=$(fact word.tweets_at_least)")

median_ms() {  # runs "$@" REPS times, prints the median wall time in ms
  python3 - "$REPS" "$@" <<'EOF'
import statistics, subprocess, sys, time
reps, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(reps):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - t) * 1000)
print("%.1f" % statistics.median(times))
EOF
}

echo
printf '%-36s %12s %14s %12s\n' "query" "hits" "generator says" "median ms"
for i in "${!QUERIES[@]}"; do
  q="${QUERIES[$i]}"
  hits=$("$QUERY" --db "$DB" search "$q" --count 2>/dev/null | tail -n 1) || hits="error"
  ms=$(median_ms "$QUERY" --db "$DB" search "$q" --count) || ms="error"
  printf '%-36s %12s %14s %12s\n' "$q" "$hits" "${EXPECT[$i]}" "$ms"
done

# --- summary -----------------------------------------------------------------
echo
python3 - "$N" "$BYTES" "$cat_s" "$zcat_s" "${index_s:-}" "${RSS_KB:-}" "$db_bytes" <<'EOF'
import sys
n, size, cat_s, zcat_s = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
index_s = float(sys.argv[5]) if sys.argv[5] else None
rss = sys.argv[6]
db = int(sys.argv[7])
mb = 1e6
print("%-22s %10s %14s %12s" % ("", "seconds", "tweets/s", "MB/s"))
print("%-22s %10.2f %14.0f %12.1f" % ("cat (raw read)", cat_s, n / cat_s, size / mb / cat_s))
print("%-22s %10.2f %14.0f %12.1f" % ("zcat (gzip -1)", zcat_s, n / zcat_s, size / mb / zcat_s))
if index_s:
    print("%-22s %10.2f %14.0f %12.1f" % ("tweet-index", index_s, n / index_s, size / mb / index_s))
    print("indexing rate / cat rate:  %.3f" % (cat_s / index_s))
    print("indexing rate / zcat rate: %.3f" % (zcat_s / index_s))
if rss:
    print("tweet-index peak RSS: %.1f MB" % (int(rss) / 1024))
print("index size: %.1f MB (%.2f x the JSON)" % (db / mb, db / size))
EOF
