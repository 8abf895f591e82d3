#!/usr/bin/env bash
# Top lists timed with two tweet-query binaries, alternating (old, new, old, new, ...), on one
# index: median of REPS whole-process runs each, and new/old.
#   OLD=/path/to/old/tweet-query [NEW=...] [DB=...] [NEW_DB=...] [REPS=3] bench/ab_top.sh
# NEW_DB: the same tweets indexed by the new tweet-index, when the schema changed between the two.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB=${DB:-$ROOT/bench/out/index-1000000.xapian}
NEW_DB=${NEW_DB:-$DB}
OLD=${OLD:?OLD=path of the baseline tweet-query} NEW=${NEW:-$ROOT/build/bin/tweet-query}
REPS=${REPS:-3}
ms() { local t0=$(date +%s%N); "$@" > /dev/null; echo $(( ($(date +%s%N) - t0) / 1000000 )); }
med() { sort -n | sed -n "$(( (REPS + 1) / 2 ))p"; }
printf '%-48s %8s %8s %6s\n' command old_ms new_ms ratio
while IFS= read -r cmd; do
  [[ -z $cmd ]] && continue
  o=(); n=()
  for ((i = 0; i < REPS; i++)); do
    eval "o+=(\$(ms \$OLD --db \$DB $cmd))"
    eval "n+=(\$(ms \$NEW --db \$NEW_DB $cmd))"
  done
  om=$(printf '%s\n' "${o[@]}" | med); nm=$(printf '%s\n' "${n[@]}" | med)
  printf '%-48s %8s %8s %6.2f\n' "$cmd" "$om" "$nm" "$(echo "$nm / $om" | bc -l)"
done <<'CMDS'
top mentions
top hashtags
top domains
top authors
top urls
top hosts
top sources
top hashtags lang:en
top domains lang:en
top mentions -is:retweet
top authors lang:en
top hosts lang:en
top urls lang:en
top sources lang:en
top hashtags from:anna_shino0
top hashtags '"small business" from:anna_shino0'
CMDS
