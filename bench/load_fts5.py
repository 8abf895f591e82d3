#!/usr/bin/env python3
"""Loads Twitter API v1.1 JSON lines into an SQLite FTS5 table: the baseline of issue 6.

    python3 bench/load_fts5.py IN.jsonl[.gz] OUT.sqlite
    python3 bench/load_fts5.py --append IN.jsonl[.gz] OUT.sqlite    (adds to a table it made before)

One row per tweet with the fields tweet-index makes searchable: text (full text: extended_tweet,
else full_text, else text; HTML-unescaped), author, mentions, URLs (expanded) and hashtags, plus
the id and date (UNINDEXED, for display). Like tweet-index, the originals embedded in
`retweeted_status` / `quoted_status` get rows of their own; delete notices and other control
lines are skipped. Screen names, hashtags and URLs are whitespace-separated in their columns;
the unicode61 tokenizer keeps `_` inside tokens so a screen name is one token. One transaction.
Python 3 standard library only (json + sqlite3). Prints "rows seconds" on stdout.
"""
import gzip
import html
import json
import os
import sqlite3
import sys
import time


def full_text(t):
    ext = t.get("extended_tweet")
    if isinstance(ext, dict) and ext.get("full_text"):
        return ext["full_text"], ext.get("entities") or t.get("entities") or {}
    return t.get("full_text") or t.get("text") or "", t.get("entities") or {}


def row(t):
    text, ent = full_text(t)
    user = t.get("user") or {}
    return (
        t.get("id_str") or str(t.get("id", "")),
        t.get("created_at", ""),
        user.get("screen_name", ""),
        html.unescape(text),
        " ".join(m.get("screen_name", "") for m in ent.get("user_mentions") or ()),
        " ".join((u.get("expanded_url") or u.get("url") or "") for u in ent.get("urls") or ()),
        " ".join(h.get("text", "") for h in ent.get("hashtags") or ()),
    )


def rows(f):
    for line in f:
        if not line.strip():
            continue
        t = json.loads(line)
        if "delete" in t or "limit" in t or "id_str" not in t and "id" not in t:
            continue
        yield row(t)
        for k in ("retweeted_status", "quoted_status"):
            o = t.get(k)
            if isinstance(o, dict):
                yield row(o)


def main():
    args = sys.argv[1:]
    append = args[:1] == ["--append"]
    src, dst = args[1:] if append else args
    if append and not os.path.exists(dst):
        sys.exit(f"load_fts5: --append: {dst} does not exist")
    if not append and os.path.exists(dst):
        os.remove(dst)
    t0 = time.perf_counter()
    db = sqlite3.connect(dst, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    if not append:
        db.execute("CREATE VIRTUAL TABLE tweets USING fts5(id UNINDEXED, created_at UNINDEXED, author, text, "
                   "mentions, urls, hashtags, tokenize=\"unicode61 tokenchars '_'\")")
    opener = gzip.open if src.endswith(".gz") else open
    db.execute("BEGIN")
    with opener(src, "rb") as f:
        cur = db.executemany("INSERT INTO tweets VALUES (?,?,?,?,?,?,?)", rows(f))
        n = cur.rowcount
    db.execute("COMMIT")
    db.close()
    print(n, "%.3f" % (time.perf_counter() - t0))


if __name__ == "__main__":
    main()
