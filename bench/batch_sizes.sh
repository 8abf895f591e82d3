#!/bin/bash
# Time, CPU time and peak RSS of tweet-index at several --batch-size values (documents per
# commit), the runs interleaved round by round so the machine's load weighs on each alike
# (issue 6). CPU seconds (user + system) move less than wall seconds on a shared machine.
#
#   bench/batch_sizes.sh FILE [ROUNDS] [SIZES...]     # default 2 rounds of 5000 20000 50000 100000
#
# TWEET_INDEX (default build/bin/tweet-index) is the binary; indexes go to $TMPDIR.
set -euo pipefail
FILE=$1
ROUNDS=${2:-2}
shift $(( $# >= 2 ? 2 : 1 ))
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(5000 20000 50000 100000)
BIN=${TWEET_INDEX:-$(dirname "$0")/../build/bin/tweet-index}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "file: $FILE; binary: $BIN; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-8s %8s %8s %10s %10s\n' round batch seconds "CPU s" tweets/s "peak RSS"
for round in $(seq "$ROUNDS"); do
    for size in "${SIZES[@]}"; do
        rm -rf "$WORK/db"
        /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$BIN" --db "$WORK/db" --batch-size "$size" "$FILE" 2>"$WORK/err" \
            || { cat "$WORK/err"; exit 1; }
        read -r secs user sys kb <"$WORK/time"
        added=$(grep -o '[0-9]* tweets indexed' "$WORK/err" | cut -d' ' -f1)
        printf '%-6s %-8s %8.1f %8.1f %10.0f %7.0f MB\n' "$round" "$size" "$secs" "$(echo "$user + $sys" | bc -l)" \
            "$(echo "$added / $secs" | bc -l)" \
            "$(echo "$kb / 1024" | bc -l)"
    done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
