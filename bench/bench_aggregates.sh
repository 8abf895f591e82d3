#!/usr/bin/env bash
# Times the aggregates over a whole index built by bench/run_bench.sh:
#
#   bench/bench_aggregates.sh [N]      index bench/out/index-N.xapian, default N 1000000
#
# Each command runs REPS times (default 5) as a whole process; the median wall time is
# printed in ms. DB=PATH times another index; TWEET_QUERY=PATH another binary.
set -euo pipefail

N="${1:-1000000}"
REPS="${REPS:-5}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB="${DB:-$ROOT/bench/out/index-$N.xapian}"
QUERY="${TWEET_QUERY:-$ROOT/build/bin/tweet-query}"

[[ -d "$DB" ]] || { echo "bench_aggregates: no index at $DB: run bench/run_bench.sh $N first" >&2; exit 1; }
[[ -x "$QUERY" ]] || { echo "bench_aggregates: missing $QUERY: build first" >&2; exit 1; }

median_ms() {
  local times=() t0 t1
  for ((i = 0; i < REPS; i++)); do
    t0=$(date +%s%N)
    "$QUERY" --db "$DB" "$@" > /dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (REPS + 1) / 2 ))p"
}

echo "index: $DB ($("$QUERY" --db "$DB" search '' --count) live tweets), median of $REPS runs"
printf '%-40s %8s\n' "command" "ms"
# The whole index (term frequencies), then queries matching most of it (posting lists against the
# matches) and a narrow one (the matches' term lists).
for cmd in "top domains" "top mentions" "timeline --by month" "top hashtags lang:en" "top domains lang:en" \
           "top mentions -is:retweet" "top hosts lang:en" "top urls lang:en" "top hashtags from:anna_shino0" \
           "top hashtags \"small business\" from:anna_shino0" \
           "timeline lang:en --by month"; do
  # shellcheck disable=SC2086  # the words of each command are meant to split
  printf '%-40s %8s\n' "$cmd" "$(median_ms $cmd)"
done
