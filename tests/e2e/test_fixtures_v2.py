"""The real API v2 files in tests/data/v2-twarc/ (written by twarc2: response pages, stream lines,
flattened tweets, plus an empty file, a stream whose last line is cut, compliance and user
records): they index, and the index answers what the JSON files say.

The expected answers are computed here with the json module from the documented v2 shapes, not
from the indexer's code:
  - tweets are the objects of `data` that have `text`, every `includes.tweets` entry, and for a
    flattened tweet (no `data`) the tweet itself and the whole tweets in its `referenced_tweets`;
    a tweet met twice is kept as first met (files in name order, lines in order; in a line the
    flattened references before their tweet, `data` before `includes.tweets`);
  - a tweet's author is its `author` (flattened) or the `includes.users` entry of its author_id;
  - its mentions and URLs are those of `note_tweet.entities` when `note_tweet.text` is there,
    else of `entities`; a URL is its unwound_url, else expanded_url, else url;
  - a retweet (referenced_tweets type "retweeted") is also found by its original's mentions and
    URLs when the original is in the same line (includes.tweets, or inline when flattened);
  - an edited tweet (`edit_history_tweet_ids`, first version first) is answered as its version of
    highest id among those indexed; the others are found only with --include-edits.
The index is built once for the class; every test only queries it, one value per query.
"""
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tiharness import BIN, DATA

FIXTURES = os.path.join(DATA, "v2-twarc")


def lines_of(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue  # the cut last line of streaming_output_with_error.jsonl


def own_entities(t):
    note = t.get("note_tweet") or {}
    return (note.get("entities") or {}) if note.get("text") else (t.get("entities") or {})


def url_of(u):
    return u.get("unwound_url") or u.get("expanded_url") or u.get("url")


def expected_tweets():
    """id -> {"author": name or None, "mentions": set (lowercase), "urls": set}"""
    out = {}
    for name in sorted(os.listdir(FIXTURES)):
        if name == "LICENSE" or name.endswith(".md"):
            continue
        for rec in lines_of(name):
            if not isinstance(rec, dict):
                continue
            users = {u["id"]: u for u in (rec.get("includes") or {}).get("users", [])}
            included = {t["id"]: t for t in (rec.get("includes") or {}).get("tweets", [])}

            def author(t):
                if isinstance(t.get("author"), dict):
                    return t["author"].get("username")
                u = users.get(t.get("author_id"))
                return u.get("username") if u else None

            def add(t):
                if t["id"] in out:
                    return
                ents = own_entities(t)
                mentions = {m["username"].lower() for m in ents.get("mentions", []) if m.get("username")}
                urls = {url_of(u) for u in ents.get("urls", []) if url_of(u)}
                for ref in t.get("referenced_tweets", []):
                    if ref.get("type") != "retweeted":
                        continue
                    original = ref if "text" in ref else included.get(ref["id"])
                    if original:
                        oe = own_entities(original)
                        mentions |= {m["username"].lower() for m in oe.get("mentions", []) if m.get("username")}
                        urls |= {url_of(u) for u in oe.get("urls", []) if url_of(u)}
                out[t["id"]] = {"author": author(t), "mentions": mentions, "urls": urls,
                                "edits": t.get("edit_history_tweet_ids") or [t["id"]]}

            def add_flat(t):
                for ref in t.get("referenced_tweets", []):
                    if "text" in ref:
                        add_flat(ref)
                add(t)

            data = rec.get("data")
            if data is None and "text" in rec:
                add_flat(rec)
            for t in (data if isinstance(data, list) else [data] if isinstance(data, dict) else []):
                if "text" in t:
                    add(t)
            for t in included.values():
                add(t)
    return out


def simple_key(url):
    """host (lowercase, no www.) + path, for URLs without port, query or fragment."""
    p = urllib.parse.urlsplit(url)
    host = (p.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return host, host + p.path


def host_and_parents(url):
    host = simple_key(url)[0]
    labels = host.split(".")
    return {".".join(labels[i:]) for i in range(len(labels) - 1)} if len(labels) >= 2 else {host}


class V2Fixtures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tweet-index-v2-")
        cls.db = os.path.join(cls.tmp, "index.xapian")
        cls.env = dict(os.environ, NO_COLOR="1")
        cls.env.pop("TWEET_INDEX_DB", None)
        cls.proc = subprocess.run([os.path.join(BIN, "tweet-index"), "--db", cls.db, FIXTURES], capture_output=True,
                                  text=True, env=cls.env, timeout=300)
        everything = expected_tweets()
        latest = {}  # first version's id -> the highest id of the chain indexed
        for tid, t in everything.items():
            first = min(t["edits"], key=int)
            latest[first] = max(latest.get(first, tid), tid, key=int)
        cls.superseded = {tid for tid, t in everything.items() if latest[min(t["edits"], key=int)] != tid}
        cls.expected = {tid: t for tid, t in everything.items() if tid not in cls.superseded}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def ids(self, query):
        proc = subprocess.run([os.path.join(BIN, "tweet-query"), "search", query, "--format", "ids", "--limit", "0",
                               "--db", self.db], capture_output=True, text=True, env=self.env, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return set(proc.stdout.split())

    def test_indexing_summary(self):
        err = self.proc.stderr
        # The only rejected record is the cut last line; compliance and user records are notes.
        self.assertEqual(self.proc.returncode, 1, err)
        self.assertIn("1 records rejected", err)
        self.assertRegex(err, r"streaming_output_with_error\.jsonl:\d+: invalid JSON.*cut off")
        self.assertIn("empty.json: note: empty file", err)
        self.assertIn("tweets_compliance.jsonl:2: note: compliance record", err)
        self.assertIn("users.jsonl:1: note: 96 API v2 user records (not tweets): into the account registry", err)
        self.assertIn("User has been suspended", err)

    def test_every_tweet_is_indexed(self):
        self.assertEqual(self.ids(""), set(self.expected))
        self.assertGreater(len(self.expected), 400)

    def test_earlier_versions_of_edited_tweets(self):
        self.assertTrue(self.superseded)
        proc = subprocess.run([os.path.join(BIN, "tweet-query"), "search", "", "--include-edits", "--format", "ids",
                               "--limit", "0", "--db", self.db], capture_output=True, text=True, env=self.env, timeout=60)
        self.assertEqual(set(proc.stdout.split()), set(self.expected) | self.superseded)

    def test_authors(self):
        by_author = collections.defaultdict(set)
        for tid, t in self.expected.items():
            if t["author"]:
                by_author[t["author"].lower()].add(tid)
        # The most prolific authors, and some of one tweet.
        names = sorted(by_author, key=lambda n: (-len(by_author[n]), n))
        chosen = names[:15] + names[-10:]
        for name in chosen:
            with self.subTest(author=name):
                self.assertEqual(self.ids(f"from:{name}"), by_author[name])

    def test_mentions(self):
        by_mention = collections.defaultdict(set)
        for tid, t in self.expected.items():
            for m in t["mentions"]:
                by_mention[m].add(tid)
        names = sorted(by_mention, key=lambda n: (-len(by_mention[n]), n))
        for name in names[:20] + names[-10:]:
            with self.subTest(mention=name):
                self.assertEqual(self.ids(f"@{name}"), by_mention[name])

    def test_url_domains(self):
        by_domain = collections.defaultdict(set)
        for tid, t in self.expected.items():
            for u in t["urls"]:
                for d in host_and_parents(u):
                    by_domain[d].add(tid)
        domains = sorted(by_domain, key=lambda d: (-len(by_domain[d]), d))
        for domain in domains[:15] + domains[-10:]:
            with self.subTest(domain=domain):
                self.assertEqual(self.ids(f"domain:{domain}"), by_domain[domain])

    def test_urls(self):
        # Plain URLs (a path of letters, digits and /._-, no port, query or fragment) and what starts with them.
        plain = set()
        for t in self.expected.values():
            for u in t["urls"]:
                p = urllib.parse.urlsplit(u)
                if (p.port is None and not p.query and not p.fragment and len(p.path) > 1 and
                        not p.path.endswith("/") and all(c.isalnum() or c in "/._-" for c in p.path)):
                    plain.add(u)
        chosen = sorted(plain)[:: max(1, len(plain) // 25)]
        self.assertGreater(len(chosen), 10)
        for url in chosen:
            prefix = simple_key(url)[1]
            want = {tid for tid, t in self.expected.items()
                    if any(simple_key(u)[1].startswith(prefix) for u in t["urls"])}
            with self.subTest(url=url):
                self.assertEqual(self.ids(f"url:{url}"), want)


if __name__ == "__main__":
    unittest.main()
