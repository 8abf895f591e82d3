#!/usr/bin/env bash
# Sets up (Debian packages, Release build), indexes the story in samples/ and asks it the
# questions tweet-index is for.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

export TWEET_INDEX_DB=${TWEET_INDEX_DB:-build/demo.xapian}
rm -rf "$TWEET_INDEX_DB"
BIN=build/bin

run() {
  printf '\n\033[1m$ %s\033[0m\n' "$*"
  "$@"
}

# Every format at once: v1.1 JSON lines, a pretty-printed REST array, multi-member gzip,
# a stream dump with delete notices, an account archive as a folder and as the ZIP.
# And the X website's GraphQL, as collectors save it since the API closed.
run $BIN/tweet-index samples/api-v1 samples/stream samples/archive/guykawasaki-archive.zip samples/web
echo "(indexing again adds nothing: unchanged files are skipped)"
run $BIN/tweet-index samples/api-v1 samples/stream samples/archive/guykawasaki-archive.zip samples/web

# Who mentioned @tech4buziness with a link?
run $BIN/tweet-query search '@tech4buziness has:links' --limit 5
# Which of @guykawasaki's tweets link to alltop.com (any subdomain)?
run $BIN/tweet-query search 'from:guykawasaki domain:alltop.com' --count
run $BIN/tweet-query search 'from:guykawasaki domain:alltop.com' --format csv --limit 3
# The Dell accounts and their followers at the last sighting.
run $BIN/tweet-query accounts 'Dell*' --sort followers
run $BIN/tweet-query account DellOutlet
# Spam comes from accounts made minutes before they tweet.
run $BIN/tweet-query search '@tech4buziness (has:links OR has:email) max_account_age:1d'
# ... and from accounts the website has since suspended.
run $BIN/tweet-query search '@tech4buziness (has:links OR has:email) author_status:suspended'
# French and English about Twitter's business model (stemmed: "modèles" finds "modèle").
run $BIN/tweet-query search 'modèles lang:fr' --limit 3
run $BIN/tweet-query search '"business model" -filter:retweets' --format jsonl --limit 1
# Deleted tweets are left out unless asked for.
run $BIN/tweet-query search 'since:2011-06-01 until:2011-06-02' --count
run $BIN/tweet-query search 'since:2011-06-01 until:2011-06-02' --count --include-deleted
# Top lists and a timeline over the whole index.
run $BIN/tweet-query top domains --limit 5
run $BIN/tweet-query top mentions '-filter:retweets' --limit 5
run $BIN/tweet-query timeline 'from:guykawasaki' --by year
# The story's audit (samples/audits/): the spam checks fail, so its exit status is 1.
run $BIN/tweet-query audit samples/audits/story.toml || echo "(exit status $?: an expectation does not hold)"
run $BIN/tweet-query audit samples/audits/story.toml --format html --output build/audit-report.html ||
  echo "(exit status $?; the report is build/audit-report.html)"
