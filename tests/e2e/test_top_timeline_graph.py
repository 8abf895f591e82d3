"""tweet-query top, timeline, graph and search --batch, on hand-made tweets and on samples/, with
every count computed here from the tweets themselves."""
import collections
import csv
import datetime
import io
import json
import os
import re
import xml.etree.ElementTree as ET

from tiharness import SAMPLES, IndexTestCase, delete_notice, tweet, user

SOURCE_WEB = '<a href="http://twitter.com" rel="nofollow">Twitter Web Client</a>'
SOURCE_PHONE = '<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>'


def corpus():
    """Tweets with known mentions, tags, links, dates and kinds; tweet 9 is deleted."""
    return [
        tweet(1, "@Bob @carol see http://t.co/a1 #Seesmic $DELL", author="alice", when="2011-06-01T10:15:00",
              mentions=["Bob", "carol"], hashtags=["Seesmic"], symbols=["DELL"],
              urls=[("http://t.co/a1", "http://www.news.example.com/x?utm_source=tw")]),
        # Two links to one host: the host counts once for this tweet.
        tweet(2, "two links http://t.co/b1 http://t.co/b2 #seesmic", author="bob", when="2011-06-01T11:05:00",
              hashtags=["seesmic"], urls=[("http://t.co/b1", "https://news.example.com/a"),
                                          ("http://t.co/b2", "https://news.example.com/b")]),
        tweet(3, "@bob hello again", author="carol", when="2011-06-03T09:00:00", mentions=["bob"],
              in_reply_to_status_id=2, in_reply_to_status_id_str="2", in_reply_to_screen_name="bob",
              in_reply_to_user_id=1, in_reply_to_user_id_str="1"),
        tweet(4, "RT @alice: @Bob @carol see it", author="dave", when="2011-06-10T08:00:00",
              mentions=["alice", "Bob", "carol"], source=SOURCE_PHONE,
              retweeted_status=tweet(1, "@Bob @carol see http://t.co/a1 #Seesmic $DELL", author="alice",
                                     when="2011-06-01T10:15:00", mentions=["Bob", "carol"], hashtags=["Seesmic"],
                                     symbols=["DELL"],
                                     urls=[("http://t.co/a1", "http://www.news.example.com/x?utm_source=tw")])),
        tweet(5, "quoting bob http://t.co/q5", author="alice", when="2011-07-02T23:59:59", lang="fr",
              is_quote_status=True, quoted_status_id=2, quoted_status_id_str="2",
              urls=[("http://t.co/q5", "https://twitter.com/bob/status/2")]),
        tweet(6, "blog http://t.co/c1 #other", author="Erin", when="2011-09-20T00:00:00", hashtags=["other"],
              urls=[("http://t.co/c1", "http://blog.other.example.org/post")], source=SOURCE_PHONE),
        tweet(7, "@carol thanks", author="bob", when="2011-09-21T12:00:00", mentions=["carol"], lang="fr"),
        tweet(8, "@carol thanks again", author="bob", when="2012-01-01T00:00:00", mentions=["carol"]),
        tweet(9, "@zed deleted http://t.co/d1 #gone", author="alice", when="2011-06-01T10:30:00", mentions=["zed"],
              hashtags=["gone"], urls=[("http://t.co/d1", "http://deleted.example.net/x")]),
    ]


def live(tweets):
    return [t for t in tweets if t["id"] != 9]


def expected_top(tweets, key):
    """Counts per value, each tweet once per value, from the v1.1 objects (a retweet also carries
    its original's entities, as tweet-index indexes it)."""
    counts = collections.Counter()
    for t in tweets:
        values = set()
        entity_sources = [t] + ([t["retweeted_status"]] if "retweeted_status" in t else [])
        for s in entity_sources:
            ents = s["entities"]
            if key == "mentions":
                values |= {m["screen_name"].lower() for m in ents["user_mentions"]}
            elif key == "hashtags":
                values |= {h["text"].lower() for h in ents["hashtags"]}
            elif key == "cashtags":
                values |= {h["text"].lower() for h in ents["symbols"]}
            elif key in ("hosts", "domains", "urls"):
                for u in ents["urls"]:
                    url = re.sub(r"^https?://(www\.)?", "", u["expanded_url"])
                    url = re.sub(r"[?&]utm_[^&]*", "", url)
                    host = url.split("/")[0]
                    if key == "hosts":
                        values.add(host)
                    elif key == "domains":
                        values.add(".".join(host.split(".")[-2:]))
                    else:
                        values.add(url)
        if key == "authors":
            values = {t["user"]["screen_name"].lower()}
        elif key == "lang":
            values = {t["lang"]}
        elif key == "sources":
            values = {re.sub(r"<[^>]*>", "", t["source"])}
        counts.update(values)
    return counts


def ordered(counter):
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def day(iso):
    return datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%S")


def expected_timeline(tweets, by):
    """Periods from the first to the last tweet, empty ones included, labelled as tweet-query does."""
    def start(d):
        if by == "hour":
            return d.replace(minute=0, second=0)
        if by == "day":
            return d.replace(hour=0, minute=0, second=0)
        if by == "week":
            d = d.replace(hour=0, minute=0, second=0)
            return d - datetime.timedelta(days=d.weekday())
        if by == "month":
            return d.replace(day=1, hour=0, minute=0, second=0)
        return d.replace(month=1, day=1, hour=0, minute=0, second=0)

    def step(d):
        if by == "hour":
            return d + datetime.timedelta(hours=1)
        if by == "day":
            return d + datetime.timedelta(days=1)
        if by == "week":
            return d + datetime.timedelta(days=7)
        if by == "month":
            return d.replace(year=d.year + d.month // 12, month=d.month % 12 + 1)
        return d.replace(year=d.year + 1)

    fmt = {"hour": "%Y-%m-%dT%H:00Z", "day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[by]
    counts = collections.Counter(start(day(tweet_iso(t))) for t in tweets)
    out, d = [], min(counts)
    while d <= max(counts):
        out.append((d.strftime(fmt), counts.get(d, 0)))
        d = step(d)
    return out


def tweet_iso(t):
    return datetime.datetime.strptime(t["created_at"], "%a %b %d %H:%M:%S +0000 %Y").strftime("%Y-%m-%dT%H:%M:%S")


KINDS = ["mentions", "hashtags", "cashtags", "domains", "hosts", "authors", "urls", "lang", "sources"]


class HandMade(IndexTestCase):
    def setUp(self):
        super().setUp()
        self.tweets = corpus()
        self.index(self.write_jsonl("t.jsonl", self.tweets + [delete_notice(9)]))

    def top(self, kind, query="", limit="0"):
        out = self.query("top", kind, query, "--format", "jsonl", "--limit", limit).stdout
        return [(r["value"], r["count"]) for r in map(json.loads, out.splitlines())]

    def test_every_kind_over_the_whole_index(self):
        # The empty query takes the fast path (term frequencies less the deleted tweet's terms).
        for kind in KINDS:
            with self.subTest(kind=kind):
                self.assertEqual(self.top(kind), ordered(expected_top(live(self.tweets), kind)))

    def test_every_kind_over_a_query_agrees(self):
        # A query goes through the match spy: the same answer for the same tweets.
        for kind in KINDS:
            with self.subTest(kind=kind):
                self.assertEqual(self.top(kind, "since:2000-01-01"), self.top(kind))
        fr = [t for t in live(self.tweets) if t["lang"] == "fr"]
        for kind in KINDS:
            with self.subTest(kind=kind, query="lang:fr"):
                self.assertEqual(self.top(kind, "lang:fr"), ordered(expected_top(fr, kind)))

    def test_limit_ties_and_formats(self):
        full = ordered(expected_top(live(self.tweets), "mentions"))
        self.assertEqual(self.top("mentions", "", limit="2"), full[:2])
        default = self.query("top", "mentions", "--format", "jsonl").stdout.splitlines()
        self.assertEqual(len(default), min(10, len(full)))
        rows = list(csv.reader(io.StringIO(self.query("top", "hashtags", "--format", "csv").stdout, newline="")))
        self.assertEqual(rows[0], ["value", "count"])
        self.assertEqual([(v, int(n)) for v, n in rows[1:]], ordered(expected_top(live(self.tweets), "hashtags")))
        text = self.query("top", "mentions").stdout.splitlines()
        self.assertTrue(text[0].startswith("value"))
        first_value, first_count = full[0]
        self.assertRegex(text[1], rf"^{first_value}\s+{first_count}\s+█+$")

    def test_unknown_kind_and_bad_query(self):
        self.assertIn("mentions, hashtags", self.query("top", "colours", expect_rc=2).stderr)
        self.assertIn("bad query", self.query("top", "mentions", "frm:x", expect_rc=2).stderr)

    def test_timeline_every_period(self):
        for by in ["hour", "day", "week", "month", "year"]:
            with self.subTest(by=by):
                out = self.query("timeline", "--by", by, "--format", "jsonl").stdout
                got = [(r["period"], r["count"]) for r in map(json.loads, out.splitlines())]
                self.assertEqual(got, expected_timeline(live(self.tweets), by))

    def test_timeline_of_a_query_csv_and_text(self):
        bob = [t for t in live(self.tweets) if t["user"]["screen_name"] == "bob"]
        rows = list(csv.reader(io.StringIO(self.query("timeline", "from:bob", "--by", "month", "--format",
                                                      "csv").stdout, newline="")))
        self.assertEqual(rows[0], ["period", "count"])
        self.assertEqual([(p, int(n)) for p, n in rows[1:]], expected_timeline(bob, "month"))
        text = self.query("timeline", "from:bob", "--by", "month").stdout.splitlines()
        self.assertEqual(text[1].split()[:2], ["2011-06", "1"])
        self.assertEqual(text[1].count("█"), 50)  # every month has at most 1: the highest bar is full width
        self.assertEqual(self.query("timeline", "--by", "fortnight", expect_rc=2).returncode, 2)

    def edges(self, kind, query=""):
        out = self.query("graph", query, "--edges", kind).stdout
        rows = list(csv.reader(io.StringIO(out, newline="")))
        self.assertEqual(rows[0], ["source", "target", "weight"])
        return {(s, t): int(w) for s, t, w in rows[1:]}

    def test_graph_edges(self):
        mentions = collections.Counter()
        for t in live(self.tweets):
            for m in expected_top([t], "mentions"):
                mentions[(t["user"]["screen_name"].lower(), m)] += 1
        self.assertEqual(self.edges("mentions"), dict(mentions))
        self.assertEqual(self.edges("retweets"), {("dave", "alice"): 1})
        self.assertEqual(self.edges("replies"), {("carol", "bob"): 1})
        self.assertEqual(self.edges("quotes"), {("alice", "bob"): 1})
        self.assertEqual(self.edges("mentions", "from:bob"), {("bob", "carol"): 2})

    def test_graph_gexf_and_graphml(self):
        want = self.edges("mentions")
        gexf = ET.fromstring(self.query("graph", "--edges", "mentions", "--format", "gexf").stdout)
        ns = {"g": "http://www.gexf.net/1.2draft"}
        graph = gexf.find("g:graph", ns)
        self.assertEqual(graph.get("defaultedgetype"), "directed")
        got = {(e.get("source"), e.get("target")): int(e.get("weight")) for e in graph.iter("{%s}edge" % ns["g"])}
        self.assertEqual(got, want)
        nodes = {n.get("id") for n in graph.iter("{%s}node" % ns["g"])}
        self.assertEqual(nodes, {a for pair in want for a in pair})
        gml = ET.fromstring(self.query("graph", "--edges", "mentions", "--format", "graphml").stdout)
        ns = "{http://graphml.graphdrawing.org/xmlns}"
        self.assertEqual(gml.find(ns + "graph").get("edgedefault"), "directed")
        got = {(e.get("source"), e.get("target")): int(e.find(ns + "data").text) for e in gml.iter(ns + "edge")}
        self.assertEqual(got, want)
        self.assertEqual(self.query("graph", "--format", "dot", expect_rc=2).returncode, 2)

    def test_graph_xml_escapes_the_query(self):
        out = self.query("graph", '"<see> & it"', "--format", "graphml").stdout
        ET.fromstring(out)  # well-formed

    def test_search_batch(self):
        batch = self.write_text("queries.txt", "# one query a line\n\nfrom:bob\n#seesmic\nfrm:x\n  lang:fr  \n")
        proc = self.query("search", "--batch", batch, expect_rc=2)
        lines = [json.loads(line) for line in proc.stdout.splitlines()]
        by_query = collections.defaultdict(set)
        for r in lines:
            if "error" in r:
                by_query[r["query"]].add("error")
            else:
                by_query[r["query"]].add(r["id"])
        self.assertEqual(by_query["from:bob"], {"2", "7", "8"})
        self.assertEqual(by_query["#seesmic"], {"1", "2", "4"})
        self.assertEqual(by_query["lang:fr"], {"5", "7"})
        self.assertEqual(by_query["frm:x"], {"error"})
        self.assertEqual(set(by_query), {"from:bob", "#seesmic", "frm:x", "lang:fr"})
        self.assertIn("queries.txt:5:", proc.stderr)
        ok = self.write_text("ok.txt", "from:erin\n")
        self.assertEqual([json.loads(l)["id"] for l in self.query("search", "--batch", ok).stdout.splitlines()], ["6"])


class Samples(IndexTestCase):
    """The story in samples/: counts checked against the records the index returns (read in
    Python) and against samples/expected.json."""

    @classmethod
    def setUpClass(cls):
        with open(os.path.join(SAMPLES, "expected.json"), encoding="utf-8") as f:
            cls.expected = json.load(f)

    def setUp(self):
        super().setUp()
        self.index(os.path.join(SAMPLES, "api-v1"), os.path.join(SAMPLES, "stream"),
                   os.path.join(SAMPLES, "archive", "guykawasaki-archive.zip"))
        self.all = self.records("")

    def top(self, kind, query=""):
        out = self.query("top", kind, query, "--format", "jsonl", "--limit", "0").stdout
        return {r["value"]: r["count"] for r in map(json.loads, out.splitlines())}

    def test_tops_match_the_records(self):
        def count(values_of):
            c = collections.Counter()
            for r in self.all:
                c.update(set(values_of(r)))
            return dict(c)
        self.assertEqual(self.top("mentions"), count(lambda r: [m.lower() for m in r["mentions"]]))
        self.assertEqual(self.top("hashtags"), count(lambda r: [h.lower() for h in r["hashtags"]]))
        self.assertEqual(self.top("authors"), count(lambda r: [r["author"].lower()]))
        self.assertEqual(self.top("lang"), count(lambda r: [r["lang"]] if r["lang"] else []))
        self.assertEqual(self.top("sources"), count(lambda r: [re.sub(r"<[^>]*>", "", r["source"])]
                                                   if r["source"] else []))
        self.assertEqual(self.top("cashtags"), {"dell": 1})  # "$DELL is in 1 tweet"
        self.assertEqual(self.top("authors")["guykawasaki"], self.expected["guykawasaki"]["tweet_count_all_files"])

    def test_domains_of_guy(self):
        tops = self.top("domains", "from:guykawasaki domain:alltop.com")
        self.assertEqual(tops, {"alltop.com": self.expected["guykawasaki"]["alltop_link_tweet_count"]})
        hosts = collections.Counter()
        for r in self.records("from:guykawasaki domain:alltop.com"):
            hosts.update({re.sub(r"^https?://(www\.)?", "", u).split("/")[0].lower() for u in r["urls"]})
        self.assertEqual(self.top("hosts", "from:guykawasaki domain:alltop.com"), dict(hosts))

    def test_timeline_matches_the_records(self):
        out = self.query("timeline", "--by", "year", "--format", "jsonl").stdout
        got = {r["period"]: r["count"] for r in map(json.loads, out.splitlines())}
        want = collections.Counter(r["created_at"][:4] for r in self.all)
        self.assertEqual({k: v for k, v in got.items() if v}, dict(want))
        years = sorted(got)
        self.assertEqual(years, [str(y) for y in range(int(years[0]), int(years[-1]) + 1)])

    def test_mention_graph_matches_the_records(self):
        want = collections.Counter()
        for r in self.all:
            for m in {m.lower() for m in r["mentions"]}:
                want[(r["author"].lower(), m)] += 1
        out = self.query("graph", "--edges", "mentions").stdout
        got = {(s, t): int(w) for s, t, w in list(csv.reader(io.StringIO(out, newline="")))[1:]}
        self.assertEqual(got, dict(want))
        replies = {(r["author"].lower(), r["in_reply_to"]["screen_name"].lower())
                   for r in self.all if r["in_reply_to"] and r["in_reply_to"]["screen_name"]}
        out = self.query("graph", "--edges", "replies").stdout
        self.assertEqual({(s, t) for s, t, w in list(csv.reader(io.StringIO(out, newline="")))[1:]}, replies)
