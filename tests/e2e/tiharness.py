"""Shared pieces of the end-to-end tests: run the two programs on a fresh index in a temp
folder, and build API v1.1 tweets whose entity indices are computed from their text."""
import gzip
import json
import os
import shutil
import subprocess
import tempfile
import unittest

SOURCE = os.environ.get("TWEET_INDEX_SOURCE") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("TWEET_INDEX_BIN") or os.path.join(SOURCE, "build", "bin")
DATA = os.path.join(SOURCE, "tests", "data")
SAMPLES = os.path.join(SOURCE, "samples")

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def twitter_date(iso):
    """'2011-06-01T12:00:00' -> 'Wed Jun 01 12:00:00 +0000 2011'"""
    import datetime
    d = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%S")
    return f"{DAYS[d.weekday()]} {MONTHS[d.month - 1]} {d.day:02d} {d:%H:%M:%S} +0000 {d.year}"


def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def user(screen_name, uid=None, followers=10, name=None, created="2009-01-01T00:00:00"):
    uid = uid or user_id(screen_name)
    return {"id": int(uid), "id_str": str(uid),
            "screen_name": screen_name, "name": name or screen_name.title(), "followers_count": followers,
            "friends_count": 5, "statuses_count": 100, "created_at": twitter_date(created), "verified": False}


def user_id(screen_name):
    return sum(ord(c) * 31 ** i for i, c in enumerate(screen_name.lower())) % 10**9


def mention_entity(m, span):
    """A mention given as a screen name, or as (screen name, user id)."""
    name, uid = (m, user_id(m)) if isinstance(m, str) else m
    return {"screen_name": name, "name": name, "id": int(uid), "id_str": str(uid), "indices": span("@" + name)}


def tweet(tid, text, author="alice", when="2011-06-01T12:00:00", mentions=(), hashtags=(), urls=(), symbols=(),
          lang="en", author_user=None, **extra):
    """An API v1.1 tweet. `text` is the unescaped text; entity indices are code points of the
    escaped text, found by searching for '@name', '#tag', '$SYM' and each t.co url."""
    escaped = html_escape(text)

    def span(needle, start=0):
        i = escaped.find(needle, start)
        assert i >= 0, f"{needle!r} not in {escaped!r}"
        return [i, i + len(needle)]

    t = {
        "created_at": twitter_date(when), "id": int(tid), "id_str": str(tid), "text": escaped, "lang": lang,
        "source": '<a href="http://twitter.com" rel="nofollow">Twitter Web Client</a>',
        "user": author_user or user(author),
        "entities": {
            "user_mentions": [mention_entity(m, span) for m in mentions],
            "hashtags": [{"text": h, "indices": span("#" + h)} for h in hashtags],
            "symbols": [{"text": s, "indices": span("$" + s)} for s in symbols],
            "urls": [{"url": tco, "expanded_url": exp, "display_url": exp[:20], "indices": span(tco)}
                     for tco, exp in urls],
        },
        "retweet_count": 0, "favorite_count": 0,
        "in_reply_to_status_id": None, "in_reply_to_status_id_str": None,
        "in_reply_to_user_id": None, "in_reply_to_user_id_str": None, "in_reply_to_screen_name": None,
    }
    t.update(extra)
    return t


def delete_notice(tid, uid=1):
    return {"delete": {"status": {"id": int(tid), "id_str": str(tid), "user_id": uid, "user_id_str": str(uid)},
                       "timestamp_ms": "1306929600000"}}


def generate_corpus(path, count, seed):
    """A v1.1 corpus from bench/gen_tweets.py: Zipf-distributed authors, mentions, hashtags and
    domains, retweets with their originals, delete notices."""
    import sys
    subprocess.run([sys.executable, os.path.join(SOURCE, "bench", "gen_tweets.py"), "--count", str(count),
                    "--seed", str(seed), "--out", path], check=True, capture_output=True)
    return path


class IndexTestCase(unittest.TestCase):
    """Each test gets its own folder and index."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="tweet-index-test-")
        self.db = os.path.join(self.tmp, "index.xapian")
        self.env = dict(os.environ)
        self.env.pop("TWEET_INDEX_DB", None)
        self.env["NO_COLOR"] = "1"

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        p = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p

    def write_text(self, name, content):
        p = self.path(name)
        with open(p, "w", encoding="utf-8") as f:
            f.write(content)
        return p

    def write_jsonl(self, name, records, gzipped=False):
        content = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        if gzipped:
            p = self.path(name)
            with gzip.open(p, "wt", encoding="utf-8") as f:
                f.write(content)
            return p
        return self.write_text(name, content)

    def run_tool(self, tool, args, expect_rc=0, stdin=None):
        proc = subprocess.run([os.path.join(BIN, tool)] + [str(a) for a in args], capture_output=True, text=True,
                              env=self.env, input=stdin, timeout=300)
        if expect_rc is not None:
            self.assertEqual(proc.returncode, expect_rc,
                             f"{tool} {args} exited {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
        return proc

    def index(self, *inputs, expect_rc=0, options=()):
        return self.run_tool("tweet-index", ["--db", self.db, *options, *inputs], expect_rc)

    def query(self, *args, expect_rc=0):
        return self.run_tool("tweet-query", [*args, "--db", self.db], expect_rc)

    def ids(self, q, *options):
        out = self.query("search", q, "--format", "ids", *options).stdout
        return set(out.split())

    def count(self, q, *options):
        return int(self.query("search", q, "--count", *options).stdout.strip())

    def records(self, q, *options):
        out = self.query("search", q, "--format", "jsonl", *options).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]
