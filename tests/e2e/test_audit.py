"""tweet-query audit: checks from a TOML file, expectations and exit status, list files, bad
queries reported by line, --since-last, every output format, and the HTML report in headless
Chromium."""
import html.parser
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from tiharness import SAMPLES, IndexTestCase, tweet

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def audit_json(test, path, *options, expect_rc=None):
    proc = test.query("audit", path, "--format", "json", *options, expect_rc=expect_rc)
    return proc, json.loads(proc.stdout) if proc.stdout.strip() else None


class HandMade(IndexTestCase):
    def setUp(self):
        super().setUp()
        self.tweets = [
            tweet(1, "buy now http://t.co/s1", author="spammer1", when="2011-06-01T10:00:00",
                  urls=[("http://t.co/s1", "http://cheap-pills.example/buy")]),
            tweet(2, "buy too http://t.co/s2", author="spammer2", when="2011-06-02T10:00:00",
                  urls=[("http://t.co/s2", "http://www.cheap-pills.example/more")]),
            tweet(3, "hello @bob", author="alice", when="2011-06-03T10:00:00", mentions=["bob"]),
            tweet(4, "news http://t.co/n4", author="bob", when="2011-07-01T10:00:00",
                  urls=[("http://t.co/n4", "http://news.example.com/a")]),
        ]
        self.index(self.write_jsonl("a.jsonl", self.tweets))
        self.write_text("lists/spammers.txt", "# known spammers\n@spammer1\nspammer2  # second\n\n")
        self.write_text("lists/domains.txt", "cheap-pills.example\n")

    def audit_file(self, body, name="audit.toml"):
        return self.write_text(name, body)

    def test_expectations_and_exit_status(self):
        passing = self.audit_file('title = "ok"\n[[check]]\nname = "no spam words"\nquery = "viagra"\nexpect = "none"\n'
                                  '[[check]]\nname = "alice talks"\nquery = "from:alice"\nexpect = "at least 1"\n'
                                  '[[check]]\nname = "few links"\nquery = "has:links"\nexpect = "at most 3"\n')
        proc, report = audit_json(self, passing, expect_rc=0)
        self.assertEqual([(c["name"], c["count"], c["ok"]) for c in report["checks"]],
                         [("no spam words", 0, True), ("alice talks", 1, True), ("few links", 3, True)])
        failing = self.audit_file('[[check]]\nname = "few links"\nquery = "has:links"\nexpect = "at most 2"\n',
                                  "fail.toml")
        proc, report = audit_json(self, failing, expect_rc=1)
        self.assertEqual(report["checks"][0]["result"], "FAIL")
        self.assertEqual(report["title"], "fail")  # no title: the file's name

    def test_list_files_relative_to_the_audit(self):
        path = self.audit_file('[[check]]\nname = "watchlist"\naccounts_file = "lists/spammers.txt"\nexpect = "none"\n'
                               'report = ["tweets", "top accounts", "top hosts", "top domains"]\n'
                               '[[check]]\nname = "spam sites"\ndomains_file = "lists/domains.txt"\n'
                               'query = "buy"\nreport = ["tweets"]\n', "sub/../audit.toml")
        proc, report = audit_json(self, path, expect_rc=1)
        watch, sites = report["checks"]
        self.assertEqual(watch["count"], 2)
        self.assertEqual({t["id"] for t in watch["tweets"]}, {"1", "2"})
        self.assertEqual(watch["tops"]["accounts"], [{"value": "spammer1", "count": 1, "followers": 10},
                                                     {"value": "spammer2", "count": 1, "followers": 10}])
        self.assertEqual(watch["tops"]["hosts"], [{"value": "cheap-pills.example", "count": 2}])
        self.assertEqual(watch["tops"]["domains"], [{"value": "cheap-pills.example", "count": 2}])
        self.assertEqual(sites["count"], 2)
        self.assertIn("domain:cheap-pills.example", sites["full_query"])

    def test_bad_query_is_reported_by_name_and_line(self):
        path = self.audit_file('title = "t"\n\n[[check]]\nname = "fine"\nquery = "from:alice"\n\n'
                               '[[check]]\nname = "typo"\n# the next line is line 10\nquery = "frm:alice"\n')
        proc, report = audit_json(self, path, expect_rc=2)
        self.assertIn("audit.toml:10: check 'typo'", proc.stderr)
        self.assertIn("unknown operator 'frm:'", proc.stderr)
        typo = report["checks"][1]
        self.assertEqual((typo["result"], typo["line"]), ("ERROR", 10))
        self.assertEqual(report["checks"][0]["count"], 1)

    def test_audit_that_cannot_run(self):
        bad_toml = self.audit_file('[[check]]\nname = "x"\nquery = "unclosed\n', "bad.toml")
        self.assertIn("bad.toml:3", self.query("audit", bad_toml, expect_rc=2).stderr)
        unknown_key = self.audit_file('[[check]]\nname = "x"\nqurey = "from:a"\n', "key.toml")
        self.assertIn("key.toml:3: unknown key 'qurey'", self.query("audit", unknown_key, expect_rc=2).stderr)
        bad_expect = self.audit_file('[[check]]\nname = "x"\nexpect = "lots"\n', "expect.toml")
        self.assertIn("expect.toml:3", self.query("audit", bad_expect, expect_rc=2).stderr)
        missing_list = self.audit_file('[[check]]\nname = "x"\naccounts_file = "nope.txt"\n', "list.toml")
        self.assertIn("nope.txt", self.query("audit", missing_list, expect_rc=2).stderr)
        self.query("audit", os.path.join(self.tmp, "absent.toml"), expect_rc=2)

    def test_since_last(self):
        path = self.audit_file('[[check]]\nname = "links"\nquery = "has:links"\nreport = ["tweets", "top domains"]\n')
        proc, first = audit_json(self, path, "--since-last", expect_rc=0)
        self.assertEqual(first["checks"][0]["count"], 3)  # no previous run: everything
        self.assertIsNone(first["since_docid"])
        self.assertTrue(os.path.exists(os.path.join(self.tmp, ".audit.toml.state.json")))
        self.index(self.write_jsonl("b.jsonl", [
            tweet(5, "new link http://t.co/x5", author="carol", when="2010-01-01T00:00:00",
                  urls=[("http://t.co/x5", "http://late.example.org/x")]),
            tweet(6, "no link", author="carol", when="2012-01-01T00:00:00")]))
        proc, second = audit_json(self, path, "--since-last", expect_rc=0)
        check = second["checks"][0]
        self.assertEqual(check["count"], 1)
        self.assertEqual([t["id"] for t in check["tweets"]], ["5"])
        self.assertEqual(check["tops"]["domains"], [{"value": "example.org", "count": 1}])
        proc, third = audit_json(self, path, "--since-last", expect_rc=0)
        self.assertEqual(third["checks"][0]["count"], 0)  # nothing new since the second run
        proc, full = audit_json(self, path, expect_rc=0)
        self.assertEqual(full["checks"][0]["count"], 4)  # without --since-last: every tweet

    @unittest.skipUnless(shutil.which("xapian-delve"), "needs xapian-delve (Debian's xapian-tools)")
    def test_since_last_across_compaction(self):
        # Compaction gives the index folder a new Xapian uuid but keeps its documents and their
        # numbers: the mark still holds. A rebuilt index at the same path is another index.
        path = self.audit_file('[[check]]\nname = "links"\nquery = "has:links"\n')
        audit_json(self, path, "--since-last", expect_rc=0)
        self.index(self.write_jsonl("b.jsonl", [
            tweet(5, "new link http://t.co/x5", author="carol", when="2010-01-01T00:00:00",
                  urls=[("http://t.co/x5", "http://late.example.org/x")])]))
        uuid_before = self.xapian_uuid()
        self.index(options=("--compact",))
        self.assertNotEqual(self.xapian_uuid(), uuid_before)  # or this test proves nothing
        proc, second = audit_json(self, path, "--since-last", expect_rc=0)
        self.assertEqual(second["checks"][0]["count"], 1)
        shutil.rmtree(self.db)
        self.index(self.write_jsonl("c.jsonl", self.tweets))
        proc, rebuilt = audit_json(self, path, "--since-last", expect_rc=0)
        self.assertEqual(rebuilt["checks"][0]["count"], 3)  # everything, though docids are fewer than the mark

    def xapian_uuid(self):
        out = subprocess.run(["xapian-delve", self.db], capture_output=True, text=True, check=True).stdout
        return out.split("\n", 1)[0]  # "UUID = ..."

    def test_text_and_markdown(self):
        path = self.audit_file('title = "Weekly | audit"\n[[check]]\nname = "alice_talks"\nquery = "from:alice"\n'
                               'report = ["tweets", "timeline", "top mentions"]\n')
        text = self.query("audit", path).stdout
        self.assertIn("PASS   alice_talks", text)
        self.assertIn("@alice  hello @bob", text)
        md = self.query("audit", path, "--format", "markdown").stdout
        self.assertTrue(md.startswith("# Weekly \\| audit\n"))
        self.assertIn("| alice\\_talks | PASS | 1 | any number |", md)
        self.assertIn("| bob | 1 |", md)
        out = os.path.join(self.tmp, "report.md")
        self.query("audit", path, "--format", "markdown", "--output", out)
        with open(out, encoding="utf-8") as f:
            self.assertEqual(f.read().split("\n", 3)[3], md.split("\n", 3)[3])  # the same but for the run time
        self.query("audit", path, "--format", "pdf", expect_rc=2)


class Samples(IndexTestCase):
    """samples/audits/story.toml on the story in samples/, against samples/expected.json."""

    def setUp(self):
        super().setUp()
        self.index(os.path.join(SAMPLES, "api-v1"), os.path.join(SAMPLES, "stream"),
                   os.path.join(SAMPLES, "archive", "guykawasaki-archive.zip"))
        # A copy, so the state file of the run stays in the test's folder.
        self.audits = os.path.join(self.tmp, "audits")
        shutil.copytree(os.path.join(SAMPLES, "audits"), self.audits)
        with open(os.path.join(SAMPLES, "expected.json"), encoding="utf-8") as f:
            self.expected = json.load(f)

    def test_story_audit(self):
        proc, report = audit_json(self, os.path.join(self.audits, "story.toml"), expect_rc=1)
        checks = {c["name"]: c for c in report["checks"]}
        spam = checks["spam mentions of @tech4buziness"]
        spam_ids = set(self.expected["tech4buziness"]["spam_tweet_ids"])
        self.assertEqual((spam["result"], spam["count"]), ("FAIL", len(spam_ids)))
        self.assertEqual({t["id"] for t in spam["tweets"]}, spam_ids)
        self.assertEqual(spam["tops"]["domains"], [{"value": "hot-escorts-dating.example", "count": 2}])
        self.assertEqual(sum(p["count"] for p in spam["timeline"]["periods"]), 2)
        # Made less than a day before they tweeted (max_account_age:1d): the two spam accounts.
        self.assertEqual({r["value"] for r in spam["tops"]["accounts"]},
                         {a.lower() for a in self.expected["tech4buziness"]["spam_accounts"]})
        watchlist = checks["tweets of known spam accounts"]
        self.assertEqual({t["id"] for t in watchlist["tweets"]}, spam_ids)
        sites = checks["links to the spam sites"]
        self.assertEqual(set(t["id"] for t in sites["tweets"]), spam_ids)
        alltop = checks["alltop links of @guykawasaki"]
        self.assertEqual((alltop["result"], alltop["count"]), ("PASS", self.expected["guykawasaki"]["alltop_link_tweet_count"]))
        self.assertEqual({t["id"] for t in alltop["tweets"]}, set(self.expected["guykawasaki"]["alltop_link_tweet_ids"]))
        dell = checks["the Dell accounts and their followers"]
        followers = {r["value"]: r.get("followers") for r in dell["tops"]["accounts"]}
        latest = {k.lower(): v["latest_followers_count"] for k, v in self.expected["dell"]["accounts"].items()}
        for name, count in followers.items():
            self.assertEqual(count, latest[name], name)
        self.assertEqual({"delloutlet", "dellsmbizoffers", "dellchannel", "dellcares"}, set(followers))
        tweets_by = {r["value"]: r["count"] for r in dell["tops"]["accounts"]}
        self.assertEqual(dell["count"], sum(tweets_by.values()))
        self.assertEqual(tweets_by, {name: len(self.ids(f"from:{name}")) for name in tweets_by})


class ParsedReport(html.parser.HTMLParser):
    """What the HTML report holds: check names, SVG charts with bars, links, external resources."""

    def __init__(self):
        super().__init__()
        self.check_names, self.svgs, self.bars, self.links, self.external = [], 0, 0, [], []
        self._in_name = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h2" and a.get("class") == "check-name":
            self._in_name = True
            self.check_names.append("")
        elif tag == "span":
            self._in_name = False  # the result badge after the name
        elif tag == "svg":
            self.svgs += 1
        elif tag == "rect":
            self.bars += 1
        elif tag == "a":
            self.links.append(a.get("href", ""))
        if tag in ("script", "link", "img", "iframe", "object", "embed"):
            self.external.append(tag)

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_name = False

    def handle_data(self, data):
        if self._in_name:
            self.check_names[-1] += data.strip()


class HtmlReport(IndexTestCase):
    def setUp(self):
        super().setUp()
        self.index(os.path.join(SAMPLES, "api-v1"), os.path.join(SAMPLES, "stream"),
                   os.path.join(SAMPLES, "archive", "guykawasaki-archive.zip"))
        self.audits = os.path.join(self.tmp, "audits")
        shutil.copytree(os.path.join(SAMPLES, "audits"), self.audits)
        self.report = os.path.join(self.tmp, "report.html")
        self.query("audit", os.path.join(self.audits, "story.toml"), "--format", "html", "--output", self.report,
                   expect_rc=1)
        self.names = ["spam mentions of @tech4buziness", "tweets of known spam accounts",
                      "links and emails from accounts since suspended", "links to the spam sites",
                      "alltop links of @guykawasaki",
                      "the Dell accounts and their followers"]

    def test_self_contained_with_a_chart_per_timeline(self):
        with open(self.report, encoding="utf-8") as f:
            page = f.read()
        parsed = ParsedReport()
        parsed.feed(page)
        self.assertEqual(parsed.check_names, self.names)
        self.assertEqual(parsed.svgs, 3)  # three checks report a timeline
        self.assertGreater(parsed.bars, 3)
        self.assertEqual(parsed.external, [])  # nothing loaded: inline CSS and SVG only
        # t.co links expanded to where they point.
        self.assertIn("http://hot-escorts-dating.example/kimmy91?ref=tw", parsed.links)
        self.assertFalse(any("t.co/" in link for link in parsed.links))

    def chromium(self, *args):
        profile = tempfile.mkdtemp(prefix="chromium-profile-")
        try:
            return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                                   "--no-first-run", "--disable-background-networking", "--disable-component-update",
                                   "--disable-sync", f"--user-data-dir={profile}", *args],
                                  capture_output=True, text=True, timeout=180)
        finally:
            shutil.rmtree(profile, ignore_errors=True)

    @unittest.skipUnless(CHROMIUM, "chromium is not installed (apt-get install chromium): the HTML report "
                                   "was not opened in a browser")
    def test_opens_in_headless_chromium(self):
        png = os.path.join(self.tmp, "report.png")
        self.chromium(f"--screenshot={png}", "--window-size=1200,1600", "file://" + self.report)
        self.assertTrue(os.path.exists(png), "no screenshot")
        with open(png, "rb") as f:
            data = f.read()
        self.assertEqual(data[:8], b"\x89PNG\r\n\x1a\n")
        self.assertGreater(len(data), 20000)  # a blank page compresses to a few kB
        dom = self.chromium("--dump-dom", "file://" + self.report).stdout
        parsed = ParsedReport()
        parsed.feed(dom)
        self.assertEqual(parsed.check_names, self.names)
        self.assertEqual(parsed.svgs, 3)
