"""The real API v1.1 files in tests/data/v1-api/ (REST responses, a search response, single
objects and 72 streamed tweets in compatibility mode): they index without a rejected record,
and the index answers what the JSON files say.

The expected answers are computed here, with the json module, from the format as Twitter
documented it, not from the indexer's code:
  - the tweets are the top-level tweets plus their retweeted_status and quoted_status originals
    (and theirs), one per id_str;
  - a tweet's full text is extended_tweet.full_text, else full_text, else text (HTML-escaped:
    &amp; &lt; &gt;), and its entities are extended_tweet.entities when extended_tweet exists,
    else entities (a compatibility-mode tweet's `entities` describe the text cut at 140
    characters, with a twitter.com/i/web/status/... link that is not in the tweet);
  - a retweet is found by its original's mentions, hashtags and links too.
The index is built once for the class; every test only queries it.
"""
import collections
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # run from anywhere
from tiharness import BIN, DATA, IndexTestCase

FIXTURES = os.path.join(DATA, "v1-api")


# ---- reading the fixtures, independently of the indexer ----

def fixture_records():
    """Every top-level record of every fixture file, as (file name, object)."""
    out = []
    for name in sorted(os.listdir(FIXTURES)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
            content = f.read()
        try:
            values = [json.loads(content)]
        except json.JSONDecodeError:  # one JSON object a line (the streaming API)
            values = [json.loads(line) for line in content.splitlines() if line.strip()]
        for value in values:
            if isinstance(value, list):
                items = value
            elif isinstance(value, dict) and isinstance(value.get("statuses"), list):
                items = value["statuses"]
            else:
                items = [value]
            out.extend((name, item) for item in items)
    return out


def unescape(s):
    """Twitter escapes exactly &, < and > in tweet text; undo it in one pass."""
    return re.sub(r"&(amp|lt|gt);", lambda m: {"amp": "&", "lt": "<", "gt": ">"}[m.group(1)], s)


def parse_created(s):
    return datetime.datetime.strptime(s, "%a %b %d %H:%M:%S %z %Y").astimezone(datetime.timezone.utc)


def host_of(url):
    host = (urllib.parse.urlsplit(url).hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def text_and_entities(t):
    ext = t.get("extended_tweet")
    if isinstance(ext, dict):
        text = ext.get("full_text") or t.get("full_text") or t.get("text") or ""
        entities = ext.get("entities") or {}
    else:
        text = t.get("full_text") or t.get("text") or ""
        entities = t.get("entities") or {}
    return text, entities


def own_entities(t):
    """(mentions, hashtags, hosts) of a tweet's own entities, case-folded."""
    _, e = text_and_entities(t)
    mentions = {m["screen_name"].lower() for m in e.get("user_mentions") or [] if m.get("screen_name")}
    hashtags = {h["text"].lower() for h in e.get("hashtags") or [] if h.get("text")}
    hosts = {host_of(u.get("expanded_url") or u.get("url") or "") for u in e.get("urls") or []}
    hosts.discard("")
    return mentions, hashtags, hosts


def expected_tweet(t):
    """What the index should know of one tweet object."""
    text, _ = text_and_entities(t)
    mentions, hashtags, hosts = own_entities(t)
    rt = t.get("retweeted_status")
    if isinstance(rt, dict):  # a retweet is found by its original's entities as well
        m2, h2, u2 = own_entities(rt)
        mentions |= m2
        hashtags |= h2
        hosts |= u2
    is_retweet = isinstance(rt, dict) or text.startswith("RT @")
    has_quoted = isinstance(t.get("quoted_status"), dict)
    is_quote = bool(t.get("quoted_status_id_str")) or has_quoted
    if is_retweet and not has_quoted:
        is_quote = False
    user = t.get("user") or {}
    return {
        "id": t["id_str"],
        "author": (user.get("screen_name") or "").lower(),
        "text": unescape(text),
        "created": parse_created(t["created_at"]),
        "lang": t.get("lang"),
        "mentions": frozenset(mentions),
        "hashtags": frozenset(hashtags),
        "hosts": frozenset(hosts),
        "is_retweet": is_retweet,
        "is_reply": bool(t.get("in_reply_to_status_id_str") or t.get("in_reply_to_screen_name")),
        "is_quote": is_quote,
    }


def is_cut(t):
    """A copy whose text was cut at 140 characters and that does not carry the full text (a
    REST response in compatibility mode: `truncated` true and no extended_tweet)."""
    return t.get("truncated") is True and not isinstance(t.get("extended_tweet"), dict) and not t.get("full_text")


def load(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return json.load(f)


def all_tweet_objects():
    """Every tweet object: top-level ones and, recursively, their originals. (id_str, where, object)."""
    out = []

    def walk(t, where):
        out.append((t["id_str"], where, t))
        for key in ("retweeted_status", "quoted_status"):
            if isinstance(t.get(key), dict):
                walk(t[key], f"{where} > {key}")

    for i, (name, record) in enumerate(fixture_records()):
        walk(record, f"{name} #{i}")
    return out


class FixturesV1Test(IndexTestCase):
    """Indexes tests/data/v1-api/ once; each test queries that index."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tweet-index-fixtures-")
        cls.db = os.path.join(cls.tmp, "index.xapian")
        cls.env = dict(os.environ)
        cls.env.pop("TWEET_INDEX_DB", None)
        cls.env["NO_COLOR"] = "1"
        cls.index_run = subprocess.run([os.path.join(BIN, "tweet-index"), "--db", cls.db, FIXTURES],
                                       capture_output=True, text=True, env=cls.env, timeout=300)

        cls.objects = all_tweet_objects()
        cls.versions = collections.defaultdict(list)  # id -> [(where, object)]
        for tid, where, t in cls.objects:
            cls.versions[tid].append((where, t))
        # A tweet's full copy tells what it is; a cut copy only when there is no other.
        cls.tweets = {tid: expected_tweet(next((t for _, t in vs if not is_cut(t)), vs[0][1]))
                      for tid, vs in cls.versions.items()}
        # Tweets that also come as a cut copy that differs: the general tests leave them
        # out, test_cut_copy_does_not_win checks them.
        cls.cut_and_full = {tid for tid, vs in cls.versions.items()
                            if any(expected_tweet(t) != cls.tweets[tid] for _, t in vs)}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):  # the class's index, not one per test
        pass

    def tearDown(self):
        pass

    def ids_of(self, q):
        return self.ids(q, "--limit", "0")

    def check_each(self, operator, expected_by_value):
        """One query per value; every mismatch is reported at once."""
        self.assertTrue(expected_by_value, f"no values for {operator}")
        wrong = {}
        for value, expected in sorted(expected_by_value.items()):
            q = f"{operator}{value}"
            got = self.ids_of(q) - self.cut_and_full
            expected = expected - self.cut_and_full
            if got != expected:
                wrong[q] = {"missing": sorted(expected - got), "unexpected": sorted(got - expected)}
        self.assertEqual(wrong, {}, f"{len(wrong)} of {len(expected_by_value)} '{operator}' queries differ")

    def where(self, pred):
        return {tid for tid, t in self.tweets.items() if pred(t)}

    # ---- the fixtures themselves ----

    def test_fixture_shape(self):
        # 72 streamed tweets, and a corpus big enough to mean something.
        with open(os.path.join(FIXTURES, "stream-lines.json"), encoding="utf-8") as f:
            self.assertEqual(sum(1 for line in f if line.strip()), 72)
        self.assertGreater(len(self.tweets), 100)

    def test_fixture_duplicates_agree(self):
        # A tweet seen twice (a compat-mode and an extended-mode copy, a streamed tweet that
        # another one quotes) must mean the same both times, or the expectations below
        # would depend on which copy the indexer keeps.
        # A cut copy may differ from the full one (text, the i/web link); the full copies of a
        # tweet must agree with each other.
        self.maxDiff = None
        for tid, vs in self.versions.items():
            full = [(where, t) for where, t in vs if not is_cut(t)] or vs
            for where, t in full:
                self.assertEqual(expected_tweet(t), self.tweets[tid], f"tweet {tid}: {full[0][0]} vs {where}")
        self.assertEqual(self.cut_and_full, {"782737772490600448"})

    # ---- indexing ----

    def test_indexes_without_rejects(self):
        run = self.index_run
        self.assertEqual(run.returncode, 0, f"tweet-index exited {run.returncode}\nstderr:\n{run.stderr}")
        self.assertRegex(run.stderr, r"(?<!\d)0 records rejected", run.stderr)
        self.assertNotRegex(run.stderr, r"(?<!\d)[1-9]\d* records? rejected", run.stderr)

    def test_total_count(self):
        self.assertEqual(self.count(""), len(self.tweets))
        self.assertEqual(self.ids_of(""), set(self.tweets))

    # ---- operators, one query per value found in the corpus ----

    def test_from_every_author(self):
        authors = collections.defaultdict(set)
        for tid, t in self.tweets.items():
            authors[t["author"]].add(tid)
        self.check_each("from:", authors)
        # case-insensitive: the upper-cased name finds the same tweets
        self.check_each("from:", {a.upper(): ids for a, ids in authors.items()})

    def test_every_mention(self):
        mentions = collections.defaultdict(set)
        for tid, t in self.tweets.items():
            for m in t["mentions"]:
                mentions[m].add(tid)
        self.check_each("@", mentions)

    def test_every_hashtag(self):
        tags = collections.defaultdict(set)
        for tid, t in self.tweets.items():
            for h in t["hashtags"]:
                tags[h].add(tid)
        self.check_each("#", tags)
        self.check_each("#", {h.upper(): ids for h, ids in tags.items()})

    def test_every_domain(self):
        hosts = {h for t in self.tweets.values() for h in t["hosts"]}
        # each host and each of its parent domains (not the bare public suffix)
        queried = set()
        for h in hosts:
            labels = h.split(".")
            for i in range(len(labels) - 1):
                queried.add(".".join(labels[i:]))
        # and a few that must find nothing: a host inside another's name, a partial label
        queried |= {"youtube.com", "oins.com", "facebook"}
        expected = {d: self.where(lambda t, d=d: any(h == d or h.endswith("." + d) for h in t["hosts"]))
                    for d in queried}
        self.check_each("domain:", expected)
        # the compatibility-mode `entities` link to twitter.com/i/web/status/<own id> is not
        # a link of the tweet: a cut tweet with no twitter.com link in its full text has none
        web_only = {tid for tid, vs in self.versions.items() for _, t in vs
                    if isinstance(t.get("extended_tweet"), dict)
                    and "twitter.com/i/web/status/" in json.dumps((t.get("entities") or {}).get("urls"))
                    and "twitter.com" not in self.tweets[tid]["hosts"]}
        self.assertTrue(web_only)
        self.assertEqual(self.ids_of("domain:twitter.com") & web_only, set())

    def test_is_flags(self):
        for flag in ("retweet", "reply", "quote"):
            expected = self.where(lambda t: t["is_" + flag])
            self.assertTrue(expected, f"no {flag} in the fixtures")
            got = self.ids_of(f"is:{flag}")
            self.assertEqual(got, expected, f"is:{flag}: missing {sorted(expected - got)}, "
                                            f"unexpected {sorted(got - expected)}")

    def test_lang_counts(self):
        langs = collections.Counter(t["lang"] for t in self.tweets.values() if t["lang"])
        self.assertGreater(len(langs), 5)
        got = {lang: self.count(f"lang:{lang}") for lang in langs}
        self.assertEqual(got, dict(langs))

    def test_since_until_every_date(self):
        days = {t["created"].date() for t in self.tweets.values()}
        days |= {d + datetime.timedelta(days=1) for d in days}
        wrong = {}
        for day in sorted(days):
            start = datetime.datetime.combine(day, datetime.time(), datetime.timezone.utc)
            for q, expected in ((f"since:{day.isoformat()}", self.where(lambda t: t["created"] >= start)),
                                (f"until:{day.isoformat()}", self.where(lambda t: t["created"] < start))):
                got = self.ids_of(q)
                if got != expected:
                    wrong[q] = {"missing": sorted(expected - got), "unexpected": sorted(got - expected)}
        self.assertEqual(wrong, {})
        # a day boundary within the data (the day of the stream): both sides non-empty, and
        # together everything
        boundary = max(t["created"].date() for t in self.tweets.values()).isoformat()
        before, after = self.ids_of(f"until:{boundary}"), self.ids_of(f"since:{boundary}")
        self.assertTrue(before and after)
        self.assertEqual(before | after, set(self.tweets))
        self.assertFalse(before & after)

    # ---- stored records ----

    def test_records_text_and_date(self):
        records = {r["id"]: r for r in self.records("", "--limit", "0")}
        self.assertEqual(set(records), set(self.tweets))
        wrong = {}
        for tid, t in self.tweets.items():
            if tid in self.cut_and_full:
                continue
            r = records[tid]
            want = {"text": t["text"], "created_at": t["created"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "author": t["author"], "lang": t["lang"]}
            got = {"text": r.get("text"), "created_at": r.get("created_at"),
                   "author": (r.get("author") or "").lower(), "lang": r.get("lang")}
            if got != want:
                wrong[tid] = {k: (want[k], got[k]) for k in want if want[k] != got[k]}
        self.assertEqual(wrong, {})
        # the fixtures do hold escaped text, extended tweets and a compat-mode cut text
        self.assertTrue(any(re.search(r"&(amp|lt|gt);", text_and_entities(t)[0]) for _, _, t in self.objects))
        self.assertTrue(any(isinstance(t.get("extended_tweet"), dict) for _, _, t in self.objects))

    def test_records_of_a_few_tweets(self):
        # spot checks that need no helper: the extended tweet in both modes, and jack's first tweet
        # streamed tweets in compatibility mode: the full text is in extended_tweet
        streamed = [t for _, t in fixture_records() if isinstance(t.get("extended_tweet"), dict)][:5]
        self.assertEqual(len(streamed), 5)
        for t in streamed:
            [r] = self.records(f"id:{t['id_str']}")
            self.assertEqual(r["text"], unescape(t["extended_tweet"]["full_text"]))
            if t.get("truncated"):
                self.assertNotEqual(r["text"], unescape(t["text"]))
            self.assertEqual(r["created_at"], parse_created(t["created_at"]).strftime("%Y-%m-%dT%H:%M:%SZ"))
        status = load("get_status.json")
        [r] = self.records(f"id:{status['id_str']}")
        self.assertEqual(r["text"], unescape(status["text"]))
        self.assertEqual(r["created_at"], parse_created(status["created_at"]).strftime("%Y-%m-%dT%H:%M:%SZ"))

    def test_cut_copy_does_not_win(self):
        """extended_tweet_in_compat_mode.json holds tweet 782737772490600448 as a REST response in
        compatibility mode gives it: `truncated` true, `text` cut to "... pytho… https://t.co/...",
        no extended_tweet, and `entities` with only a twitter.com/i/web/status/<id> link.
        extended_tweet_in_extended_mode.json holds the same tweet in extended mode: full_text,
        no link in entities.urls, a photo in entities.media. The directory is read in name
        order, so the cut copy comes first; the index must still hold the full tweet."""
        full, compat = load("extended_tweet_in_extended_mode.json"), load("extended_tweet_in_compat_mode.json")
        tid = full["id_str"]
        self.assertEqual(compat["id_str"], tid)
        self.assertTrue(is_cut(compat))
        self.assertFalse(is_cut(full))
        [r] = self.records(f"id:{tid}")
        self.assertEqual(r["text"], unescape(full["full_text"]))
        self.assertNotIn(tid, self.ids_of("domain:twitter.com"))
        self.assertIn(tid, self.ids_of("has:media"))

    # ---- accounts ----

    def test_accounts_followers_from_latest_tweet(self):
        out = self.query("accounts", "--format", "jsonl", "--limit", "0").stdout
        accounts = {}
        for line in out.splitlines():
            if line.strip():
                a = json.loads(line)
                accounts[a["screen_name"].lower()] = a
        latest = {}  # author -> (created, {followers counts of the copies at that time})
        for _, _, t in self.objects:
            user = t.get("user") or {}
            name = (user.get("screen_name") or "").lower()
            when = parse_created(t["created_at"])
            if name not in latest or when > latest[name][0]:
                latest[name] = (when, set())
            if when == latest[name][0]:
                latest[name][1].add(user.get("followers_count"))
        tweet_counts = collections.Counter(t["author"] for t in self.tweets.values())
        missing = sorted(set(latest) - set(accounts))
        self.assertEqual(missing, [])
        wrong = {}
        for name, (when, counts) in latest.items():
            a = accounts[name]
            self.assertEqual(len(counts), 1, f"{name}: copies of its latest tweet disagree: {counts}")
            want = next(iter(counts))
            if a.get("followers_count") != want or a.get("tweets") != tweet_counts[name]:
                wrong[name] = {"followers_count": (want, a.get("followers_count")),
                               "tweets": (tweet_counts[name], a.get("tweets"))}
        self.assertEqual(wrong, {})


if __name__ == "__main__":
    unittest.main()
