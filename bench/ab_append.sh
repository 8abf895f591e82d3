#!/usr/bin/env bash
# A/B of adding a dump to an existing index, against SQLite FTS5 adding the same dump to its
# table of the same tweets. Every round copies BASE (an index tweet-index made) and BASE_SQL (the
# FTS5 table bench/load_fts5.py made of the same file) afresh, untimed, then times
# `load_fts5.py --append DUMP` and each variant on its copy, the order rotated from round to
# round; the ratio to FTS5 is taken within each round.
#
#   bench/ab_append.sh BASE BASE_SQL DUMP ROUNDS 'LABEL=COMMAND' ...
#
# COMMAND is run with bash; {db} in it is replaced by the copy of BASE and {in} by DUMP, e.g.
# 'b5000=build/bin/tweet-index --quiet --batch-size 5000 --db {db} {in}'. The copies go in a
# scratch folder beside BASE (the same disk). Prints wall and CPU seconds, peak RSS, the growth of
# the index, FTS5 wall / variant wall per round, then the median ratios.
set -euo pipefail
BASE=$1
BASE_SQL=$2
DUMP=$3
ROUNDS=$4
shift 4
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/ab_lib.sh
. "$ROOT/bench/ab_lib.sh"
ab_variants "python3 $ROOT/bench/load_fts5.py --append {in} {db}" "$@"
WORK=$(mktemp -d "$(dirname "$BASE")/ab-append.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
n=${#LABELS[@]}
echo "base: $BASE ($(du -sm "$BASE" | cut -f1) MB), $BASE_SQL; dump: $DUMP; rounds: $ROUNDS; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!LABELS[@]}"; do echo "  ${LABELS[$i]}: ${COMMANDS[$i]}"; done
printf '%-5s %-12s %8s %8s %8s %7s %8s %7s\n' round variant wall_s user_s sys_s rss_MB grown_MB wall×
for round in $(seq "$ROUNDS"); do
    declare -A wall=()
    for k in $(seq 0 $((n - 1))); do
        i=$(( (k + round - 1) % n ))
        rm -rf "$WORK/db"
        if [ "${LABELS[$i]}" = FTS5 ]; then cp "$BASE_SQL" "$WORK/db"; else cp -a "$BASE" "$WORK/db"; fi
        before=$(du -sm "$WORK/db" | cut -f1)
        sync
        cmd=${COMMANDS[$i]//\{db\}/$WORK/db}
        cmd=${cmd//\{in\}/$DUMP}
        /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" bash -c "$cmd" >"$WORK/out" 2>&1 \
            || { cat "$WORK/out"; exit 1; }
        read -r secs user sys kb <"$WORK/time"
        wall[$i]=$secs
        echo "$round ${LABELS[$i]} $secs $user $sys $kb $(( $(du -sm "$WORK/db" | cut -f1) - before ))" >>"$WORK/rows"
    done
    for i in "${!LABELS[@]}"; do
        read -r _ _ secs user sys kb grown < <(grep "^$round ${LABELS[$i]} " "$WORK/rows")
        ratio=$(echo "${wall[0]} / $secs" | bc -l)
        echo "${LABELS[$i]} $ratio" >>"$WORK/ratios"
        printf '%-5s %-12s %8.2f %8.2f %8.2f %7.0f %8s %6.3fx\n' \
            "$round" "${LABELS[$i]}" "$secs" "$user" "$sys" "$(echo "$kb / 1024" | bc -l)" "$grown" "$ratio"
    done
    unset wall
done
echo "median vs FTS5, wall (FTS5 / variant, same round; rounds in brackets):"
for i in "${!LABELS[@]}"; do
    [ "$i" -eq 0 ] && continue
    values=$(grep "^${LABELS[$i]} " "$WORK/ratios" | cut -d' ' -f2)
    printf '  %-12s %.3fx  (%s)\n' "${LABELS[$i]}" "$(echo "$values" | median)" \
        "$(echo "$values" | xargs printf '%.3f ' | sed 's/ $//')"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
