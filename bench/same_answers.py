#!/usr/bin/env python3
"""Do two indexes answer the same? Runs each query with `tweet-query search --format ids
--limit 0` (newest first) on both and compares the id lists; with --relevance also the order of
`--sort relevance`. Used to check that an indexing change keeps every answer (issue 6).

    bench/same_answers.py TWEET_QUERY DB_A DB_B [--relevance] [QUERY...]

Without queries, a default set covering free text, phrases, stems and every kind of operator.
Exit status 1 when some answer differs."""
import subprocess
import sys

DEFAULT_QUERIES = [
    "the", "business", "office", "like", "blog", "debate", '"small business"', '"the last"', "rt",
    '"rt @hana_zurosgo"', "businesses", "entreprise", "quino", "man OR blog", "news -business",
    "@hana_pozu2xx", "from:anna_shino0", "#news", "domain:youtube.com", "url:nytimes.com",
    "is:retweet", "is:reply", "is:quote", "has:links", "has:mentions", "lang:es", "lang:fr",
    "lang:en business", "since:2016-01-01 until:2016-01-02", "min_retweets:5", "",
]


def ids(tq, db, query, sort):
    r = subprocess.run([tq, "search", "--db", db, "--format", "ids", "--limit", "0", "--sort", sort, "--", query],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return f"error {r.returncode}: {r.stderr.strip()}"
    return r.stdout.split()


def main():
    args = sys.argv[1:]
    relevance = "--relevance" in args
    args = [a for a in args if a != "--relevance"]
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    tq, a, b, queries = args[0], args[1], args[2], args[3:] or DEFAULT_QUERIES
    differ = 0
    for q in queries:
        for sort in ["newest"] + (["relevance"] if relevance else []):
            x, y = ids(tq, a, q, sort), ids(tq, b, q, sort)
            if isinstance(x, str) or isinstance(y, str):
                same = x == y
            elif sort == "relevance":
                same = x == y
                if not same and sorted(x) == sorted(y):
                    print(f"order differs (same set): {q!r} relevance: {len(x)} tweets")
                    continue
            else:
                same = x == y
            print(f"{'same' if same else 'DIFFERENT'}: {q!r} {sort}: {len(x)} / {len(y)}")
            differ += not same
    print(f"{differ} answers differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
