#!/usr/bin/env bash
# tweet-index against SQLite FTS5 and ripgrep on one synthetic corpus (issue 6), in one command.
#
#   bench/compare.sh [N]        N tweets, default 1000000
#
# 1. corpus: bench/out/tweets-N.jsonl from bench/gen_tweets.py (reused when present), and a
#    gzip -1 copy (reused too);
# 2. indexing, each timed whole-process with /usr/bin/time (wall seconds, peak RSS):
#    tweet-index with its default options (a writer thread per core) on the plain file and on
#    the gzip copy, tweet-index --jobs JOBS on the plain file when JOBS is set (a fresh index
#    each; the writers' merge, or one writer's compaction, is inside its time),
#    bench/load_fts5.py (Python sqlite3, one FTS5 table, one transaction) on the plain file;
# 3. queries, median of REPS whole-process runs each: tweet-query search --count, sqlite3 CLI
#    SELECT count(*) ... MATCH, rg --count (grep -c when rg is missing) over the JSON;
#    tweet-query top domains and accounts 'X*';
# 4. adding a day's dump, 25,000 new tweets (gen_tweets.py --seed 4242), to the N-tweet index and
#    to the FTS5 table (load_fts5.py --append), after the queries;
# 5. one table, also written to bench/out/compare-N.txt.
# Environment: REPS (default 11), RG_REPS (default 3), TWEET_INDEX / TWEET_QUERY (binaries),
# JOBS (default 1: no --jobs row; JOBS=1 is not --jobs 1, which would be one writer), SKIP_GZIP=1,
# SKIP_SINGLE=1 (no default-options plain row; the queries then use the --jobs index).
set -euo pipefail

N="${1:-1000000}"
REPS="${REPS:-11}"
RG_REPS="${RG_REPS:-3}"
JOBS="${JOBS:-1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"
INDEXER="${TWEET_INDEX:-$ROOT/build/bin/tweet-index}"
QUERY="${TWEET_QUERY:-$ROOT/build/bin/tweet-query}"
DATA="$OUT/tweets-$N.jsonl"
FACTS="$DATA.facts.json"
DB="$OUT/cmp-$N.xapian"
DBGZ="$OUT/cmp-$N-gz.xapian"
DBJ="$OUT/cmp-$N-jobs.xapian"
SQL="$OUT/cmp-$N.sqlite"
NEW="$OUT/new-25000-seed4242.jsonl"
RES="$OUT/compare-$N.results"
REPORT="$OUT/compare-$N.txt"

die() { echo "compare: $*" >&2; exit 1; }
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer, got '$N'"
for bin in "$INDEXER" "$QUERY"; do
  [[ -x "$bin" ]] || die "missing $bin: build first (cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2)"
done
command -v python3 >/dev/null || die "python3 is needed"
command -v sqlite3 >/dev/null || die "sqlite3 (Debian's sqlite3 CLI) is needed for the FTS5 queries"
[[ -x /usr/bin/time ]] || die "/usr/bin/time (Debian's time) is needed for peak RSS"
GREP=(grep -c -F); GREPNAME="grep -c -F"
if command -v rg >/dev/null; then GREP=(rg --count -F); GREPNAME="rg --count -F"; fi
mkdir -p "$OUT"
: > "$RES"
put() { printf '%s\t%s\n' "$1" "$2" >> "$RES"; }   # key, value
log() { echo "== $*" >&2; }

put machine "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo), $(uname -sr)"
put load_start "$(uptime | sed 's/.*load average: //')"

# --- corpus ------------------------------------------------------------------
if [[ ! -s "$DATA" || ! -s "$FACTS" ]]; then
  log "generating $N tweets into $DATA"
  python3 "$ROOT/bench/gen_tweets.py" --count "$N" --out "$DATA" 2>/dev/null
fi
if [[ "${SKIP_GZIP:-0}" != 1 && ! -s "$DATA.gz" ]]; then
  log "gzip -1 copy"
  gzip -1 -n -c "$DATA" > "$DATA.gz.tmp" && mv "$DATA.gz.tmp" "$DATA.gz"
fi
if [[ ! -s "$NEW" ]]; then
  python3 "$ROOT/bench/gen_tweets.py" --count 25000 --seed 4242 --out "$NEW" 2>/dev/null
fi
fact() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): v=v[k]
print(v)' "$FACTS" "$1"; }
put bytes "$(stat -c %s "$DATA")"
[[ -s "$DATA.gz" ]] && put gz_bytes "$(stat -c %s "$DATA.gz")"

# runs "$@" under /usr/bin/time; puts KEY_s and KEY_rss_kb; stderr of the program to KEY.log
timed() {
  local key="$1"; shift
  /usr/bin/time -f '%e %M' -o "$OUT/$key.time" "$@" 2> "$OUT/$key.log" > "$OUT/$key.out" \
    || { cat "$OUT/$key.log" >&2; die "$key failed"; }
  read -r s kb < <(tail -n 1 "$OUT/$key.time")
  put "${key}_s" "$s"; put "${key}_rss_kb" "$kb"
}

# --- indexing ----------------------------------------------------------------
if [[ "${SKIP_SINGLE:-0}" != 1 ]]; then
  log "tweet-index, plain JSON lines"
  rm -rf "$DB"; sync
  timed ti_plain "$INDEXER" --db "$DB" "$DATA"
  put ti_plain_summary "$(tail -n 1 "$OUT/ti_plain.log")"
  put ti_plain_db_bytes "$(du -sb "$DB" | cut -f1)"
fi

if [[ "${SKIP_GZIP:-0}" != 1 ]]; then
  log "tweet-index, gzip copy"
  rm -rf "$DBGZ"; sync
  timed ti_gzip "$INDEXER" --db "$DBGZ" "$DATA.gz"
  put ti_gzip_summary "$(tail -n 1 "$OUT/ti_gzip.log")"
  rm -rf "$DBGZ"
fi

if (( JOBS > 1 )); then
  log "tweet-index --jobs $JOBS, plain JSON lines"
  rm -rf "$DBJ"; sync
  timed ti_jobs "$INDEXER" --db "$DBJ" --jobs "$JOBS" "$DATA"
  put ti_jobs_summary "$(tail -n 1 "$OUT/ti_jobs.log")"
  put ti_jobs_db_bytes "$(du -sb "$DBJ" | cut -f1)"
  put jobs "$JOBS"
  if [[ "${SKIP_SINGLE:-0}" == 1 ]]; then mv "$DBJ" "$DB"; else rm -rf "$DBJ"; fi
fi
[[ -d "$DB" ]] || die "no index to query: SKIP_SINGLE=1 needs JOBS > 1"

log "SQLite FTS5 (bench/load_fts5.py)"
rm -f "$SQL"; sync
timed fts5 python3 "$ROOT/bench/load_fts5.py" "$DATA" "$SQL"
put fts5_rows "$(cut -d' ' -f1 "$OUT/fts5.out")"
put fts5_db_bytes "$(stat -c %s "$SQL")"

# --- queries -----------------------------------------------------------------
AUTHOR=$(fact top_author.name); MENTION=$(fact top_mention.name)
DOMAIN=$(fact top_domain.name); TAG=$(fact top_hashtag.name); PHRASE=$(fact phrase.text)
PREFIX="${AUTHOR:0:4}"
put accounts_pattern "$PREFIX*"
median_ms() {  # median wall ms of REPS whole-process runs of "$@"
  python3 - "$REPS" "$@" <<'EOF'
import statistics, subprocess, sys, time
reps, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(reps):
    t = time.perf_counter()
    # Output to a pipe, read whole: GNU grep stops at its first match when its output is /dev/null.
    subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    times.append((time.perf_counter() - t) * 1000)
print("%.1f" % statistics.median(times))
EOF
}
sq() { echo "SELECT count(*) FROM tweets WHERE tweets MATCH '$1';"; }
NAMES=(mention author domain hashtag phrase)
TIQ=("@$MENTION" "from:$AUTHOR" "domain:$DOMAIN" "#$TAG" "\"$PHRASE\"")
FTQ=("$(sq "mentions:$MENTION")" "$(sq "author:$AUTHOR")" "$(sq "urls:\"$DOMAIN\"")"
     "$(sq "hashtags:$TAG")" "$(sq "text:\"$PHRASE\"")")
DOMAIN_JSON="${DOMAIN//./.}"
RGQ=("@$MENTION" "\"screen_name\":\"$AUTHOR\"" "\\/\\/$DOMAIN_JSON\\/" "#$TAG" "$PHRASE")
log "queries ($REPS runs each)"
for i in "${!NAMES[@]}"; do
  k="${NAMES[$i]}"
  put "q_${k}_text" "${TIQ[$i]}"
  put "q_${k}_ti_hits" "$("$QUERY" --db "$DB" search "${TIQ[$i]}" --count 2>/dev/null | tail -n 1)"
  put "q_${k}_ti_ms" "$(median_ms "$QUERY" --db "$DB" search "${TIQ[$i]}" --count)"
  put "q_${k}_fts_hits" "$(sqlite3 "$SQL" "${FTQ[$i]}")"
  put "q_${k}_fts_ms" "$(median_ms sqlite3 "$SQL" "${FTQ[$i]}")"
  put "q_${k}_rg_hits" "$("${GREP[@]}" "${RGQ[$i]}" "$DATA" || true)"
  put "q_${k}_rg_ms" "$(REPS=$RG_REPS median_ms "${GREP[@]}" "${RGQ[$i]}" "$DATA")"
done
put q_top_ti_ms "$(median_ms "$QUERY" --db "$DB" top domains)"
put q_accounts_ti_ms "$(median_ms "$QUERY" --db "$DB" accounts "$PREFIX*")"
put q_accounts_ti_hits "$("$QUERY" --db "$DB" accounts "$PREFIX*" --format ids 2>/dev/null | wc -l)"
ACC_SQL="SELECT count(DISTINCT author) FROM tweets WHERE tweets MATCH 'author:$PREFIX*';"
put q_accounts_fts_ms "$(median_ms sqlite3 "$SQL" "$ACC_SQL")"
put q_accounts_fts_hits "$(sqlite3 "$SQL" "$ACC_SQL")"

# --- adding a day's dump (25,000 tweets) to the N-tweet index and the FTS5 table --------
log "adding 25,000 new tweets to the $N-tweet index and FTS5 table"
sync
timed ti_add "$INDEXER" --db "$DB" "$NEW"
put ti_add_summary "$(tail -n 1 "$OUT/ti_add.log")"
sync
timed fts5_add python3 "$ROOT/bench/load_fts5.py" --append "$NEW" "$SQL"
put load_end "$(uptime | sed 's/.*load average: //')"

# --- table -------------------------------------------------------------------
python3 - "$N" "$RES" "$GREPNAME" "$REPS" "$OUT/compare-1000000.results" <<'EOF' | tee "$REPORT"
import os, sys
n, res, grepname, reps, res_1m = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
read = lambda path: dict(l.rstrip("\n").split("\t", 1) for l in open(path) if "\t" in l)
r = read(res)
f = lambda k: float(r[k])
size, mb = f("bytes"), 1e6
fts = n / f("fts5_s")
gz = f", {f('gz_bytes')/mb:,.0f} MB gzip -1" if "gz_bytes" in r else ""
print(f"corpus: {n:,} tweets, {size/mb:,.0f} MB JSON lines{gz}")
print(f"machine: {r['machine']}; load average at start {r['load_start']}, at end {r['load_end']}")
print()
print("%-30s %9s %10s %9s %10s %12s" % ("indexing", "seconds", "tweets/s", "vs FTS5", "peak RSS", "size / JSON"))
rows = []
if "ti_plain_s" in r:
    rows.append(("tweet-index (plain)", "ti_plain", f("ti_plain_db_bytes")))
if "ti_gzip_s" in r:
    rows.append(("tweet-index (gzip -1 input)", "ti_gzip", None))
if "ti_jobs_s" in r:
    rows.append(("tweet-index --jobs %s (plain)" % r["jobs"], "ti_jobs", f("ti_jobs_db_bytes")))
rows.append(("SQLite FTS5 (load_fts5.py)", "fts5", f("fts5_db_bytes")))
for name, k, db in rows:
    s = f(k + "_s")
    print("%-30s %9.1f %10.0f %8.2fx %7.0f MB %12s" % (name, s, n / s, (n / s) / fts, f(k + "_rss_kb") / 1024,
          "%.2fx" % (db / size) if db else "-"))
# The scaling target: tweets per second at N against the same row of a 1M run, when there is one.
if n != 1000000 and os.path.exists(res_1m):
    m = read(res_1m)
    for name, k in (("tweet-index (plain)", "ti_plain"), ("tweet-index --jobs", "ti_jobs"), ("SQLite FTS5", "fts5")):
        if k + "_s" in r and k + "_s" in m:
            here, at_1m = n / f(k + "_s"), 1e6 / float(m[k + "_s"])
            print("%s: %.0f tweets/s here, %.0f at 1M (bench/out/compare-1000000.results): %.0f%%"
                  % (name, here, at_1m, 100 * here / at_1m))
print()
print("%-28s %10s %10s %10s   %s" % (f"query (median of {reps}, ms)", "tweet-index", "FTS5", grepname.split()[0], "hits: tweet-index / FTS5 / " + grepname.split()[0]))
for k in ("mention", "author", "domain", "hashtag", "phrase"):
    print("%-28s %10s %10s %10s   %s / %s / %s" % (r[f"q_{k}_text"][:28], r[f"q_{k}_ti_ms"], r[f"q_{k}_fts_ms"], r[f"q_{k}_rg_ms"],
          r[f"q_{k}_ti_hits"], r[f"q_{k}_fts_hits"], r[f"q_{k}_rg_hits"]))
print("%-28s %10s %10s %10s" % ("top domains", r["q_top_ti_ms"], "-", "-"))
print("%-28s %10s %10s %10s   %s accounts / %s authors" % ("accounts '%s'" % r["accounts_pattern"], r["q_accounts_ti_ms"],
      r["q_accounts_fts_ms"], "-", r["q_accounts_ti_hits"], r["q_accounts_fts_hits"]))
print()
print("add 25,000 new tweets to the %s-tweet index: %.1f s, peak RSS %.0f MB; FTS5 %.1f s: %.2fx FTS5"
      % (f"{n:,}", f("ti_add_s"), f("ti_add_rss_kb") / 1024, f("fts5_add_s"), f("fts5_add_s") / f("ti_add_s")))
print("  " + r["ti_add_summary"])
for k, name in (("ti_plain", "plain"), ("ti_gzip", "gzip"), ("ti_jobs", "jobs")):
    if k + "_summary" in r:
        print("tweet-index %-6s " % (name + ":") + r[k + "_summary"])
print("FTS5 rows: " + r["fts5_rows"])
EOF
