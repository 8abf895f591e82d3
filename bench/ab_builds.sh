#!/usr/bin/env bash
# Two builds of tweet-index against each other on one corpus, in one script run: indexing (with
# SQLite FTS5 as the yardstick, bench/ab_write_path.sh) by the old build's default, the new build
# with one writer (like for like with an old one-writer default) and the new build's default;
# then the queries of docs/performance.md's 1M table, each build on the index it wrote
# (bench/ab_query.py, which also says when the two answer differently).
#
#   bench/ab_builds.sh OLD_BIN_DIR NEW_BIN_DIR FILE [ROUNDS]
#
# BIN_DIR holds tweet-index and tweet-query. The queries' names come from FILE.facts.json
# (bench/gen_tweets.py). REPS: runs of each query (default 11). KEEP_DIR: where the indexes are
# kept (old, new1, new) for more queries; by default they are removed at the end.
set -euo pipefail
OLD=$1
NEW=$2
FILE=$3
ROUNDS=${4:-1}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${KEEP_DIR:-}" ]; then
    KEEP=$KEEP_DIR
    mkdir -p "$KEEP"
else
    KEEP=$(mktemp -d)
    trap 'rm -rf "$KEEP"' EXIT
fi
echo "old: $OLD; new: $NEW"
KEEP=$KEEP "$ROOT/bench/ab_write_path.sh" "$FILE" "$ROUNDS" \
    "old=$OLD/tweet-index --db {db} {in}" \
    "new1=$NEW/tweet-index --jobs 1 --db {db} {in}" \
    "new=$NEW/tweet-index --db {db} {in}"
fact() { python3 -c "import json,sys; f=json.load(open(sys.argv[1])); print(f[sys.argv[2]]['$2'])" "$FILE.facts.json" "$1"; }
author=$(fact top_author name)
mention=$(fact top_mention name)
domain=$(fact top_domain name)
hashtag=$(fact top_hashtag name)
phrase=$(fact phrase text)
echo "queries, old build on its index against the new build on its own (default, several writers):"
python3 "$ROOT/bench/ab_query.py" "$OLD/tweet-query@$KEEP/old" "$NEW/tweet-query@$KEEP/new" - "${REPS:-11}" -- \
    search "from:$author" --count -- search "@$mention" --count -- search "domain:$domain" --count -- \
    search "#$hashtag" --count -- search "\"$phrase\"" --count -- search "#$hashtag" --limit 20 -- \
    top domains -- accounts "${author:0:4}*"
