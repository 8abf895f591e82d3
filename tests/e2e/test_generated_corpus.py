"""Top lists, timelines and accounts on a generated corpus (bench/gen_tweets.py: Zipf-distributed
authors, mentions, hashtags and domains, retweets with their originals, delete notices), every
count computed here from the JSON lines with Python's json module."""
import collections
import datetime
import json
import os
import re
import unittest
import urllib.parse

from tiharness import IndexTestCase, generate_corpus

COUNT = 3000


def load(path):
    """The tweets a reader must index (top-level and embedded originals, once by id) and the
    ids delete notices remove."""
    tweets, deleted = {}, set()

    def add(t):
        tweets.setdefault(t["id_str"], t)
        for key in ("retweeted_status", "quoted_status"):
            if key in t:
                add(t[key])

    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if "delete" in record:
                deleted.add(record["delete"]["status"]["id_str"])
            else:
                add(record)
    return tweets, deleted


def entities(t):
    return (t.get("extended_tweet") or t)["entities"]


def searchable(t, kind, key):
    """Values of one entity kind a tweet is found by: its own, and a retweet's original's."""
    values = {e[key].lower() for e in entities(t).get(kind, [])}
    if "retweeted_status" in t:
        values |= {e[key].lower() for e in entities(t["retweeted_status"]).get(kind, [])}
    return values


def links(t):
    """(host, url key) of each link a tweet is found by: scheme and "www." dropped, host
    lowercased (the generator's URLs need nothing more)."""
    found = set()
    for u in entities(t).get("urls", []) + (entities(t["retweeted_status"]).get("urls", [])
                                             if "retweeted_status" in t else []):
        parsed = urllib.parse.urlsplit(u["expanded_url"])
        host = parsed.hostname.removeprefix("www.")
        found.add((host, host + parsed.path))
    return found


# Not a word of the corpus: "QUERY -NOWORD" matches what QUERY does, but is counted by Xapian's
# matcher, where @user, from:, #tag and domain: alone are counted from their posting lists.
NOWORD = "qqzzxxnoword"


class GeneratedCorpus(IndexTestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.folder = tempfile.mkdtemp(prefix="tweet-index-generated-")
        cls.data = os.path.join(cls.folder, "tweets.jsonl")
        generate_corpus(cls.data, COUNT, 7)
        cls.tweets, cls.deleted = load(cls.data)
        cls.live = {i: t for i, t in cls.tweets.items() if i not in cls.deleted}

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.folder, ignore_errors=True)

    def setUp(self):
        super().setUp()
        proc = self.index(self.data)
        self.assertIn("0 records rejected", proc.stderr)

    def top(self, kind):
        out = self.query("top", kind, "--limit", "0", "--format", "jsonl").stdout
        return {r["value"]: r["count"] for r in map(json.loads, out.splitlines())}

    def expected_top(self, values_of):
        counts = collections.Counter()
        for t in self.live.values():
            counts.update(values_of(t))
        return dict(counts)

    def test_every_tweet_once_and_deletions(self):
        self.assertEqual(self.count(""), len(self.live))
        self.assertEqual(self.count("", "--include-deleted"), len(self.tweets))

    def test_top_authors(self):
        self.assertEqual(self.top("authors"), self.expected_top(lambda t: {t["user"]["screen_name"].lower()}))

    def test_top_hashtags_and_mentions(self):
        self.assertEqual(self.top("hashtags"), self.expected_top(lambda t: searchable(t, "hashtags", "text")))
        self.assertEqual(self.top("mentions"), self.expected_top(lambda t: searchable(t, "user_mentions", "screen_name")))

    def test_top_mentions_of_a_query(self):
        author = max(self.expected_top(lambda t: {t["user"]["screen_name"].lower()}).items(), key=lambda kv: kv[1])[0]
        out = self.query("top", "hashtags", f"from:{author}", "--limit", "0", "--format", "jsonl").stdout
        got = {r["value"]: r["count"] for r in map(json.loads, out.splitlines())}
        counts = collections.Counter()
        for t in self.live.values():
            if t["user"]["screen_name"].lower() == author:
                counts.update(searchable(t, "hashtags", "text"))
        self.assertEqual(got, dict(counts))

    def top_of(self, kind, query):
        out = self.query("top", kind, query, "--limit", "0", "--format", "jsonl").stdout
        return {r["value"]: r["count"] for r in map(json.loads, out.splitlines())}

    def test_top_urls_hosts_and_sources(self):
        # Links are counted in their searchable form (links()); sources by client name.
        self.assertGreater(len(self.expected_top(lambda t: {key for _, key in links(t)})), 100)
        self.assertEqual(self.top("urls"), self.expected_top(lambda t: {key for _, key in links(t)}))
        self.assertEqual(self.top("hosts"), self.expected_top(lambda t: {host for host, _ in links(t)}))
        self.assertEqual(self.top("sources"), self.expected_top(lambda t: {re.sub("<[^>]*>", "", t["source"])}))
        english = {i: t for i, t in self.live.items() if t.get("lang") == "en"}
        expected = collections.Counter()
        for t in english.values():
            expected.update(host for host, _ in links(t))
        self.assertGreater(len(expected), 5)
        self.assertEqual(self.top_of("hosts", "lang:en"), dict(expected))

    def test_top_of_a_broad_query(self):
        # A query matching thousands of tweets is counted by walking posting lists against the
        # set of matches (a narrow one reads each match's terms): both must give the same counts.
        self.assertGreater(len(self.live), 2000)
        for kind in ("hashtags", "mentions", "domains", "hosts", "urls", "authors", "lang"):
            with self.subTest(kind=kind):
                self.assertEqual(self.top_of(kind, "-from:nobody_at_all"), self.top(kind))
        english = [t for t in self.live.values() if t.get("lang") == "en"]
        self.assertGreater(len(english), 1000)
        expected = collections.Counter()
        for t in english:
            expected.update(searchable(t, "hashtags", "text"))
        self.assertEqual(self.top_of("hashtags", "lang:en"), dict(expected))

    def test_timeline_by_month(self):
        out = self.query("timeline", "--by", "month", "--format", "jsonl").stdout
        got = {r["period"]: r["count"] for r in map(json.loads, out.splitlines()) if r["count"]}
        counts = collections.Counter(
            datetime.datetime.strptime(t["created_at"], "%a %b %d %H:%M:%S %z %Y").strftime("%Y-%m")
            for t in self.live.values())
        self.assertEqual(got, dict(counts))

    def test_counts_of_accounts_tags_and_domains(self):
        def most(values_of, n=4):
            return [v for v, _ in collections.Counter(self.expected_top(values_of)).most_common(n)]

        def domain_of(t):  # hosts and their parent domains (not a bare TLD, which has no domain: term)
            return {h for host, _ in links(t) for h in [host, host.split(".", 1)[-1]] if "." in h}

        cases = [(f"from:{a}", lambda t, a=a: t["user"]["screen_name"].lower() == a)
                 for a in most(lambda t: {t["user"]["screen_name"].lower()})]
        cases += [(f"@{m}", lambda t, m=m: m in searchable(t, "user_mentions", "screen_name"))
                  for m in most(lambda t: searchable(t, "user_mentions", "screen_name"))]
        cases += [(f"#{h}", lambda t, h=h: h in searchable(t, "hashtags", "text"))
                  for h in most(lambda t: searchable(t, "hashtags", "text"))]
        cases += [(f"domain:{d}", lambda t, d=d: any(host == d or host.endswith("." + d) for host, _ in links(t)))
                  for d in most(domain_of)]
        for query, matches in cases:
            for pool, options in ((self.live, ()), (self.tweets, ("--include-deleted",))):
                with self.subTest(query=query, options=options):
                    want = sum(1 for t in pool.values() if matches(t))
                    self.assertGreater(want, 0)
                    self.assertEqual(self.count(query, *options), want)
                    self.assertEqual(self.count(f"{query} -{NOWORD}", *options), want)

    def test_accounts_counts_as_searches(self):
        # `accounts` counts an account's tweets and mentions by every name it had and its id, as
        # from: and @ search them: the same numbers as those searches counted by the matcher.
        rows = list(map(json.loads, self.query("accounts", "--format", "jsonl").stdout.splitlines()))
        self.assertGreater(len(rows), 200)
        busiest = sorted(rows, key=lambda r: (-r["tweets"], r["screen_name"]))[:15]
        mentioned = sorted(rows, key=lambda r: (-r["mentioned"], r["screen_name"]))[:15]
        for row in busiest + mentioned + rows[::40]:
            with self.subTest(account=row["screen_name"]):
                self.assertEqual(row["tweets"], self.count(f"from:{row['screen_name']} -{NOWORD}"))
                self.assertEqual(row["mentioned"], self.count(f"@{row['screen_name']} -{NOWORD}"))
        self.assertGreater(busiest[0]["tweets"], 20)
        self.assertGreater(mentioned[0]["mentioned"], 20)

    def test_accounts_latest_followers(self):
        latest = {}
        for t in sorted(self.tweets.values(), key=lambda t: datetime.datetime.strptime(
                t["created_at"], "%a %b %d %H:%M:%S %z %Y")):
            latest[t["user"]["id_str"]] = t["user"]["followers_count"]
        out = self.query("accounts", "--format", "jsonl").stdout
        got = {r["id"]: r["followers_count"] for r in map(json.loads, out.splitlines()) if r["followers_count"] is not None}
        self.assertEqual(got, latest)


if __name__ == "__main__":
    unittest.main()
