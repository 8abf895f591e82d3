#!/usr/bin/env bash
# A/B of tweet-index write-path variants against SQLite FTS5 on one file: every round runs
# bench/load_fts5.py and each variant once, the order rotated from round to round, so the
# machine's load weighs on all alike; the ratio to FTS5 is taken within each round.
#
#   bench/ab_write_path.sh FILE ROUNDS 'LABEL=COMMAND' ...
#
# COMMAND is run with bash; {db} in it is replaced by a fresh scratch index path and {in} by FILE,
# e.g. 'base=/tmp/base/tweet-index --db {db} {in}' 'b2000=build/bin/tweet-index --batch-size
# 2000 --db {db} {in}'. With KEEP=DIR, the last round's index of each variant is kept as DIR/LABEL
# (for bench/ab_query.py on builds whose indexes differ). Prints wall and CPU (user + system) seconds, tweets/s (documents the indexer
# reports added / wall), FTS5 wall / variant wall and FTS5 CPU / variant CPU per round (on a
# shared machine the CPU ratio moves less), then the median ratios of each.
set -euo pipefail
FILE=$1
ROUNDS=$2
shift 2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/ab_lib.sh
. "$ROOT/bench/ab_lib.sh"
ab_variants "python3 $ROOT/bench/load_fts5.py {in} {db}" "$@"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
n=${#LABELS[@]}
echo "file: $FILE; rounds: $ROUNDS; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!LABELS[@]}"; do echo "  ${LABELS[$i]}: ${COMMANDS[$i]}"; done
printf '%-5s %-12s %8s %8s %8s %9s %7s %7s %7s\n' \
    round variant wall_s user_s sys_s tweets/s rss_MB wall× cpu×
for round in $(seq "$ROUNDS"); do
    declare -A wall=()
    declare -A cpu=()
    for k in $(seq 0 $((n - 1))); do
        i=$(( (k + round - 1) % n ))
        rm -rf "$WORK/db"
        cmd=${COMMANDS[$i]//\{db\}/$WORK/db}
        cmd=${cmd//\{in\}/$FILE}
        /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" bash -c "$cmd" >"$WORK/out" 2>&1 \
            || { cat "$WORK/out"; exit 1; }
        read -r secs user sys kb <"$WORK/time"
        if [ "${LABELS[$i]}" = FTS5 ]; then
            added=$(cut -d' ' -f1 "$WORK/out")
        else
            added=$(grep -o '[0-9]* tweets indexed' "$WORK/out" | cut -d' ' -f1)
        fi
        wall[$i]=$secs
        cpu[$i]=$(echo "$user + $sys" | bc -l)
        echo "$round ${LABELS[$i]} $secs $user $sys $kb $added" >>"$WORK/rows"
        if [ -n "${KEEP:-}" ] && [ "$round" -eq "$ROUNDS" ]; then
            rm -rf "${KEEP:?}/${LABELS[$i]}"
            mv "$WORK/db" "$KEEP/${LABELS[$i]}"
        fi
    done
    for i in "${!LABELS[@]}"; do
        read -r _ _ secs user sys kb added < <(grep "^$round ${LABELS[$i]} " "$WORK/rows")
        ratio=$(echo "${wall[0]} / $secs" | bc -l)
        cpu_ratio=$(echo "${cpu[0]} / ($user + $sys)" | bc -l)
        echo "${LABELS[$i]} $ratio $cpu_ratio" >>"$WORK/ratios"
        printf '%-5s %-12s %8.1f %8.1f %8.1f %9.0f %7.0f %6.3fx %6.3fx\n' \
            "$round" "${LABELS[$i]}" "$secs" "$user" "$sys" \
            "$(echo "$added / $secs" | bc -l)" "$(echo "$kb / 1024" | bc -l)" "$ratio" "$cpu_ratio"
    done
    unset wall cpu
done
echo "median vs FTS5 (FTS5 / variant, same round; rounds in brackets):"
for i in "${!LABELS[@]}"; do
    [ "$i" -eq 0 ] && continue
    for col in 2 3; do
        values=$(grep "^${LABELS[$i]} " "$WORK/ratios" | cut -d' ' -f$col)
        kind=$([ $col = 2 ] && echo wall || echo cpu)
        printf '  %-12s %-4s %.3fx  (%s)\n' "${LABELS[$i]}" "$kind" \
            "$(echo "$values" | median)" "$(echo "$values" | xargs printf '%.3f ' | sed 's/ $//')"
    done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
