"""tweet-query serve: the pages and the JSON API give the CLI's answers (same ids, totals, top
lists, timelines, accounts, audit report); only GET and HEAD; the Host header must name the
server; the security headers; bounds and the time limit; answers while tweet-index commits;
SIGINT and SIGTERM stop it; hostile data (tests/data/hostile-html/) comes out escaped and runs
nothing in headless Chromium, driven over the DevTools protocol on a pipe (no pip package)."""
import base64
import html.parser
import http.client
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

from tiharness import BIN, DATA, SAMPLES, IndexTestCase, generate_corpus

sys.path.insert(0, os.path.join(DATA, "hostile-html"))
import make_hostile_html as make_hostile  # noqa: E402  (the payloads the hostile file carries)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
STORY_INPUTS = [os.path.join(SAMPLES, "api-v1"), os.path.join(SAMPLES, "stream"),
                os.path.join(SAMPLES, "archive", "guykawasaki-archive.zip")]
HOSTILE = os.path.join(DATA, "hostile-html", "hostile-html.jsonl")
STORY_QUERY = "@tech4buziness has:links"  # README: who mentioned him, with which links
FACETS = {"mentions": "mentions", "hashtags": "hashtags", "domains": "domains", "authors": "authors",
          "languages": "lang"}  # section of the page -> KIND of `tweet-query top`


class Server:
    """`tweet-query serve --port 0` on an index: the port it picked is in the line it prints."""

    def __init__(self, db, *options, env=None):
        self.proc = subprocess.Popen([os.path.join(BIN, "tweet-query"), "serve", "--db", db, "--port", "0", *options],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = self.proc.stdout.readline()
        m = re.search(r" at (http://([^/:]+):(\d+)/) ", line)
        if not m:
            self.proc.kill()
            raise AssertionError(f"serve did not start: {line!r} {self.proc.stderr.read()}")
        self.url, self.host, self.port = m.group(1), m.group(2), int(m.group(3))

    def request(self, path, method="GET", headers=None, body=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode("utf-8")
        finally:
            conn.close()

    def get(self, path, expect=200):
        status, headers, body = self.request(path)
        if status != expect:
            raise AssertionError(f"GET {path}: {status}, expected {expect}\n{body[:2000]}")
        return body

    def json(self, path, expect=200):
        return json.loads(self.get(path, expect))

    def stop(self, sig=signal.SIGINT):
        self.proc.send_signal(sig)
        try:
            _, err = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise
        return self.proc.returncode, err


def search_path(q, **params):
    return "/?" + urllib.parse.urlencode({"q": q, **params})


def q_of(href):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(href).query).get("q", [""])[0]


class Page(html.parser.HTMLParser):
    """What a page of the server holds: every tag with its attributes, the tweets' ids, the total,
    facets, timeline bars, the error message; and text met outside a <bdi> that holds U+202E."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.ids, self.deleted_ids, self.total = [], [], [], None
        self.facets, self.bars, self.period, self.error, self.h1 = {}, [], None, None, ""
        self.unisolated_rlo = []
        self._facet = self._li = None
        self._in = {"pre": 0, "h1": 0, "svg": 0}
        self._isolating = []  # open elements, whether each isolates its text (a <bdi>, any dir=...)
        self.feed(text)
        self.close()

    VOID = {"meta", "link", "input", "br", "hr", "img", "source", "wbr"}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in self.VOID:
            self._isolating.append((tag, tag == "bdi" or "dir" in a))
        cls = a.get("class", "") or ""
        if tag in self._in:
            self._in[tag] += 1
        if tag == "article" and "data-id" in a:
            self.ids.append(a["data-id"])
            if "deleted" in cls.split():
                self.deleted_ids.append(a["data-id"])
        elif tag == "p" and "data-total" in a:
            self.total = int(a["data-total"])
        elif tag == "section" and cls == "facet":
            self._facet = self.facets.setdefault(a["data-kind"], [])
        elif tag == "li" and self._facet is not None:
            self._li = {"value": a["data-value"], "count": int(a["data-count"]), "add": None, "exclude": None,
                        "followers": a.get("data-followers")}
            self._facet.append(self._li)
        elif tag == "a" and self._li is not None and cls in ("add", "exclude"):
            self._li[cls] = a["href"]
        elif tag == "svg" and "timeline" in cls.split():
            self.period = a.get("data-period")
        elif tag == "a" and self._in["svg"] and "data-count" in a:
            self.bars.append({"period": a["data-period"], "count": int(a["data-count"]), "href": a["href"]})

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self._isolating:
            if self._isolating.pop()[0] == tag:
                break
        if tag in self._in:
            self._in[tag] -= 1
        if tag == "section":
            self._facet = None
        elif tag == "li":
            self._li = None

    def handle_data(self, data):
        if self._in["pre"]:
            self.error = (self.error or "") + data
        if self._in["h1"]:
            self.h1 += data
        if "\u202e" in data and not any(isolating for _, isolating in self._isolating):
            self.unisolated_rlo.append(data)


class ServedIndex(unittest.TestCase):
    """An index of `inputs`, served for the whole class; `cli` asks tweet-query the same."""
    inputs = STORY_INPUTS
    serve_options = ()

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tweet-index-serve-")
        cls.db = os.path.join(cls.tmp, "index.xapian")
        cls.env = dict(os.environ)
        cls.env.pop("TWEET_INDEX_DB", None)
        cls.env["NO_COLOR"] = "1"
        subprocess.run([os.path.join(BIN, "tweet-index"), "--quiet", "--db", cls.db, *cls.inputs], check=True,
                       env=cls.env, capture_output=True)
        cls.prepare()
        cls.server = Server(cls.db, *cls.options(), env=cls.env)

    @classmethod
    def prepare(cls):
        pass

    @classmethod
    def options(cls):
        return cls.serve_options

    @classmethod
    def tearDownClass(cls):
        rc, err = cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        assert rc == 0 and "stopped" in err, (rc, err)

    @classmethod
    def cli(cls, *args, expect_rc=0):
        proc = subprocess.run([os.path.join(BIN, "tweet-query"), *args, "--db", cls.db], capture_output=True,
                              text=True, env=cls.env, timeout=300)
        assert expect_rc is None or proc.returncode == expect_rc, (args, proc.returncode, proc.stderr)
        return proc

    def cli_ids(self, q, *options):
        return self.cli("search", q, "--format", "ids", *options).stdout.split()

    def cli_count(self, q, *options):
        return int(self.cli("search", q, "--count", *options).stdout)

    def cli_jsonl(self, *args):
        return [json.loads(line) for line in self.cli(*args, "--format", "jsonl").stdout.splitlines() if line.strip()]

    def page(self, path, expect=200):
        return Page(self.server.get(path, expect))


class Story(ServedIndex):
    """The story in samples/, with its audit."""

    @classmethod
    def prepare(cls):
        cls.audits = os.path.join(cls.tmp, "audits")
        shutil.copytree(os.path.join(SAMPLES, "audits"), cls.audits)

    @classmethod
    def options(cls):
        return ("--audit", os.path.join(cls.audits, "story.toml"))

    queries = ["", STORY_QUERY, "from:guykawasaki domain:alltop.com", "lang:fr", "#seesmic", "from:Dell*",
               "entreprise", "is:retweet OR is:quote"]

    def test_search_pages_give_the_cli_answers(self):
        for q in self.queries:
            for sort in ("newest", "oldest", "relevance"):
                with self.subTest(q=q, sort=sort):
                    page = self.page(search_path(q, sort=sort))
                    self.assertEqual(page.ids, self.cli_ids(q, "--limit", "20", "--sort", sort))
                    self.assertEqual(page.total, self.cli_count(q))

    def test_pages_of_results(self):
        everything = self.cli_ids("")
        self.assertGreater(len(everything), 40)  # or the pages below prove little
        first = self.page("/")
        self.assertEqual(first.total, len(everything))
        nexts = [a["href"] for t, a in first.tags if t == "a" and a.get("rel") == "next"]
        self.assertEqual(nexts, ["/?page=2"])
        for n in (2, 3, 4):
            self.assertEqual(self.page(f"/?page={n}").ids, everything[(n - 1) * 20:n * 20])
        self.assertEqual(self.page("/?page=50").ids, [])
        self.server.get("/?page=501", expect=400)
        self.server.get("/?page=two", expect=400)
        self.server.get("/?sort=random", expect=400)

    def test_facets_are_the_cli_top_lists(self):
        for q in ["", STORY_QUERY, "from:guykawasaki", "lang:fr"]:
            page = self.page(search_path(q))
            self.assertEqual(set(page.facets), set(FACETS))
            for section, kind in FACETS.items():
                with self.subTest(q=q, kind=kind):
                    cli = self.cli_jsonl("top", kind, q, "--limit", "10")
                    self.assertEqual([(f["value"], f["count"]) for f in page.facets[section]],
                                     [(r["value"], r["count"]) for r in cli])
            # Authors with their followers: the latest count the registry knows.
            for f in page.facets["authors"]:
                account = self.cli_jsonl("account", f["value"])[0]
                expected = account["followers_count"]
                self.assertEqual(f["followers"], None if expected is None else str(expected), f["value"])

    def test_facet_links_add_and_exclude_their_value(self):
        q = "@tech4buziness"
        page = self.page(search_path(q))
        for section in FACETS:
            with self.subTest(section=section):
                value = page.facets[section][0]
                added = self.page(value["add"])
                self.assertEqual(added.total, value["count"])
                self.assertEqual(added.total, self.cli_count(q_of(value["add"])))
                excluded = self.page(value["exclude"])
                self.assertEqual(excluded.total, page.total - value["count"])
                self.assertEqual(excluded.ids, self.cli_ids(q_of(value["exclude"]), "--limit", "20"))

    def test_timeline_is_the_cli_timeline_and_bars_narrow_the_dates(self):
        for q in ["", "from:guykawasaki", STORY_QUERY, "from:Dell*"]:
            with self.subTest(q=q):
                page = self.page(search_path(q))
                self.assertIn(page.period, ("hour", "day", "week", "month", "year"))
                cli = self.cli_jsonl("timeline", q, "--by", page.period)
                self.assertEqual([(b["period"], b["count"]) for b in page.bars],
                                 [(r["period"], r["count"]) for r in cli if r["count"]])
                self.assertEqual(sum(b["count"] for b in page.bars), self.cli_count(q))
                for bar in (page.bars[0], max(page.bars, key=lambda b: b["count"])):
                    narrowed = self.page(bar["href"])
                    self.assertEqual(narrowed.total, bar["count"], bar)
                    self.assertIn("since:", q_of(bar["href"]))

    def test_tweet_cards(self):
        q = "from:guykawasaki domain:alltop.com OR to:tech4buziness"
        records = self.cli_jsonl("search", q, "--limit", "20")
        page = self.server.get(search_path(q))
        parsed = Page(page)
        self.assertEqual(parsed.ids, [r["id"] for r in records])
        hrefs = [a.get("href") for t, a in parsed.tags if t == "a"]
        for r in records:
            self.assertIn(f"https://twitter.com/{r['author']}/status/{r['id']}", hrefs)
            self.assertIn("/account/" + r["author"], hrefs)
            for u in r["entities"]["urls"]:  # links expanded, never the t.co address
                self.assertIn(u["expanded_url"], hrefs)
            for m in r["entities"]["mentions"]:  # a mention refines the query
                self.assertTrue(any(h and h.startswith("/?") and q_of(h).endswith("mention:" + m["screen_name"])
                                    for h in hrefs), m)
            if r["in_reply_to"]:
                self.assertIn("reply to @" + r["in_reply_to"]["screen_name"], page)
        self.assertFalse(any(h and "//t.co/" in h for h in hrefs))
        # Counts as the records give them.
        first = records[0]
        self.assertIn(f"{first['counts']['retweets']} retweet", page)

    def test_deleted_tweets_are_marked_when_shown(self):
        page = self.page(search_path("", deleted="1"))
        self.assertEqual(page.total, self.cli_count("", "--include-deleted"))
        deleted = set(self.cli_ids("is:deleted", "--include-deleted"))
        self.assertTrue(deleted)
        everything = self.cli_ids("", "--include-deleted", "--limit", "0")
        on_page = set(everything[:20]) & deleted
        self.assertEqual(set(page.deleted_ids), on_page)
        self.assertEqual(self.page(search_path("is:deleted", deleted="1")).total, len(deleted))
        self.assertEqual(self.page(search_path("is:deleted")).total, 0)  # as the CLI: not without asking

    def test_a_bad_query_shows_the_cli_message(self):
        for q in ["frm:dell", "from:guykawasaki (alltop", "\"unclosed phrase", "from:Dell*x"]:
            with self.subTest(q=q):
                status, _, body = self.server.request(search_path(q))
                self.assertEqual(status, 400)
                message = self.cli("search", q, expect_rc=2).stderr
                self.assertTrue(message.startswith("tweet-query: bad query: "), message)
                self.assertEqual(Page(body).error, message[len("tweet-query: "):].rstrip("\n"))
                self.assertIn(f'value="{html_escape(q)}"', body)  # the box keeps the query to fix

    def test_account_page(self):
        for name in ["DellOutlet", "guykawasaki", "tech4buziness"]:
            with self.subTest(name=name):
                account = self.cli_jsonl("account", name)[0]
                body = self.server.get("/account/" + name)
                page = Page(body)
                self.assertEqual(page.h1, account["name"] or account["screen_name"])
                links = {a.get("class"): a["href"] for t, a in page.tags if t == "a" and a.get("class") in ("tweets", "mentions")}
                self.assertEqual(self.page(links["tweets"]).total, account["tweets"])
                self.assertEqual(self.page(links["mentions"]).total, account["mentioned"])
                for n in account["screen_names"]:
                    self.assertIn(html_escape(n["name"]), body)
                followers = account["followers"]
                if followers:
                    for which in ("first", "latest", "min", "max"):
                        self.assertIn(f"{followers[which]['count']:,} ({followers[which]['at'][:10]})", body)
                # Top domains and mentions of its tweets.
                tweets_query = q_of(links["tweets"])
                for section, kind in (("domains", "domains"), ("mentions", "mentions")):
                    cli = self.cli_jsonl("top", kind, tweets_query, "--limit", "10")
                    self.assertEqual([(f["value"], f["count"]) for f in page.facets[section]],
                                     [(r["value"], r["count"]) for r in cli])
                # Followers over time: a point at each of its tweets that gave the count.
                seen = {(r["created_at"][:10], r["author_followers"]) for r in self.cli_jsonl("search", tweets_query)
                        if "author_followers" in r}
                points = set(re.findall(r"<circle [^>]*><title>(\d{4}-\d\d-\d\d): ([\d,]+)</title>", body))
                self.assertEqual({(d, int(n.replace(",", ""))) for d, n in points}, seen if len(seen) >= 2 else set())
        self.server.get("/account/nobody_here", expect=404)

    def test_api(self):
        for q in ["", STORY_QUERY, "lang:fr"]:
            with self.subTest(q=q):
                records = self.cli_jsonl("search", q)
                got = self.server.json("/api/search?" + urllib.parse.urlencode({"q": q, "limit": 7, "offset": 3}))
                self.assertEqual(got, {"total": len(records), "tweets": records[3:10]})
                default = self.server.json("/api/search?" + urllib.parse.urlencode({"q": q}))
                self.assertEqual(default["tweets"], records[:20])
                for kind in ["mentions", "hashtags", "cashtags", "domains", "hosts", "authors", "urls", "lang", "sources"]:
                    got = self.server.json(f"/api/top/{kind}?" + urllib.parse.urlencode({"q": q, "limit": 5}))
                    self.assertEqual(got, {"values": self.cli_jsonl("top", kind, q, "--limit", "5")}, kind)
                for by in ["day", "week", "month", "year"]:
                    got = self.server.json("/api/timeline?" + urllib.parse.urlencode({"q": q, "by": by}))
                    self.assertEqual(got, {"by": by, "periods": self.cli_jsonl("timeline", q, "--by", by)})
                chosen = self.server.json("/api/timeline?" + urllib.parse.urlencode({"q": q}))
                self.assertEqual(chosen["periods"], self.cli_jsonl("timeline", q, "--by", chosen["by"]))
        deleted = self.server.json("/api/search?q=is:deleted&include_deleted=1&limit=100")
        self.assertEqual(deleted, {"total": self.cli_count("is:deleted", "--include-deleted"),
                                   "tweets": self.cli_jsonl("search", "is:deleted", "--include-deleted")})
        for name in ["DellOutlet", "delloutlet", "GuyKawasaki"]:
            self.assertEqual(self.server.json("/api/account/" + name), self.cli_jsonl("account", name)[0])

    def test_api_errors_are_json(self):
        for path, status in [("/api/search?q=frm:dell", 400), ("/api/search?limit=5000", 400),
                             ("/api/search?offset=x", 400), ("/api/top/nothing", 404), ("/api/timeline?by=decade", 400),
                             ("/api/account/nobody_here", 404), ("/api/nothing", 404)]:
            with self.subTest(path=path):
                got, headers, body = self.server.request(path)
                self.assertEqual(got, status)
                self.assertTrue(headers["content-type"].startswith("application/json"))
                self.assertIn("error", json.loads(body))
        message = self.cli("search", "frm:dell", expect_rc=2).stderr[len("tweet-query: "):].rstrip("\n")
        self.assertEqual(self.server.json("/api/search?q=frm:dell", 400)["error"], message)

    def test_audits(self):
        before = sorted(os.listdir(self.audits))
        listing = self.server.get("/audits")
        spec_names = ["spam mentions of @tech4buziness", "tweets of known spam accounts", "links to the spam sites",
                      "alltop links of @guykawasaki", "the Dell accounts and their followers"]
        for name in spec_names:
            self.assertIn(html_escape(name), listing)
        self.assertIn('href="/audits/1"', listing)
        served = self.server.get("/audits/1")
        cli = self.cli("audit", os.path.join(self.audits, "story.toml"), "--format", "html", expect_rc=1).stdout

        def comparable(report):
            report = re.sub(r"<style>.*?</style>", "STYLE", report, flags=re.S)
            report = re.sub(r'<link rel="stylesheet" href="/static/audit.css"/>', "STYLE", report)
            report = re.sub(r'<p><a href="/audits">.*?</p>\n', "", report)
            return re.sub(r"run \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "run TIME", report)

        self.assertEqual(comparable(served), comparable(cli))
        self.assertNotIn("<style>", served)  # the CSP allows no inline style: it is a file of the server
        self.assertIn("section.check", self.server.get("/static/audit.css"))
        # Read-only: serving an audit records no run (no state file, as the CLI without --since-last).
        self.server.get("/audits/1")
        self.assertEqual(sorted(os.listdir(self.audits)), before)
        self.server.get("/audits/2", expect=404)
        self.server.get("/audits/0", expect=404)


def html_escape(s):
    """The server's escaping (core/text.h escape_markup)."""
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#39;"))


class Safety(ServedIndex):
    """Methods, Host, headers and bounds, on the story."""

    def test_only_get_and_head(self):
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]:
            for path in ["/", "/api/search", "/account/DellOutlet"]:
                with self.subTest(method=method, path=path):
                    status, headers, _ = self.server.request(path, method, body="q=x" if method != "OPTIONS" else None)
                    self.assertEqual(status, 405)
                    self.assertEqual(headers.get("allow"), "GET, HEAD")
        status, headers, body = self.server.request("/?q=lang:fr", "HEAD")
        self.assertEqual((status, body), (200, ""))
        self.assertEqual(int(headers["content-length"]), len(self.server.get("/?q=lang:fr").encode("utf-8")))

    def test_host_must_name_this_server(self):
        port = self.server.port
        for host in ["evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", f"localhost:{port + 1}",
                     f"127.0.0.1:{port + 1}", "127.0.0.1", f"10.0.0.1:{port}", ""]:
            with self.subTest(host=host):
                status, _, body = self.server.request("/api/search", headers={"Host": host})
                self.assertEqual(status, 403, body)
        for host in [f"localhost:{port}", f"127.0.0.1:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"]:
            with self.subTest(host=host):
                self.assertEqual(self.server.request("/", headers={"Host": host})[0], 200)

    def test_security_headers_on_every_answer(self):
        for path, method in [("/", "GET"), ("/?q=frm:", "GET"), ("/api/search", "GET"), ("/static/serve.css", "GET"),
                             ("/nothing", "GET"), ("/", "POST"), ("/account/nobody_here", "GET")]:
            with self.subTest(path=path, method=method):
                _, headers, _ = self.server.request(path, method)
                csp = headers.get("content-security-policy", "")
                for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                                  "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"]:
                    self.assertIn(directive, csp)
                self.assertNotIn("unsafe", csp)
                self.assertEqual(headers.get("x-content-type-options"), "nosniff")
                self.assertEqual(headers.get("referrer-policy"), "no-referrer")
        _, headers, _ = self.server.request("/static/serve.css")
        self.assertTrue(headers["content-type"].startswith("text/css"))
        self.server.get("/static/other.css", expect=404)

    def test_pages_hold_no_inline_script_style_or_handler(self):
        for path in ["/", search_path(STORY_QUERY), "/account/DellOutlet", "/audits", "/?q=frm:", "/nothing"]:
            status, _, body = self.server.request(path)
            page = Page(body)
            for tag, attrs in page.tags:
                self.assertNotEqual(tag, "style", path)
                self.assertFalse([a for a in attrs if a.startswith("on") or a == "style"], (path, tag, attrs))
                if tag == "script":
                    self.assertEqual(attrs.get("src"), "/static/serve.js")
            self.assertNotIn("<script>", body)

    def test_bounded_requests(self):
        self.server.get(search_path("x" * 1001), expect=400)
        self.server.get(search_path("x" * 1000))
        self.server.get("/api/search?limit=1001", expect=400)
        self.server.get("/api/search?offset=100001", expect=400)
        self.server.get("/api/top/mentions?limit=1001", expect=400)
        # A wildcard that cannot be bounded is refused as the CLI refuses it.
        message = self.cli("search", "from:*", expect_rc=2).stderr
        self.assertIn(html_escape(message[len("tweet-query: "):].split("\n")[0]), self.server.get(search_path("from:*"), 400))


class TimeLimit(ServedIndex):
    """A request that runs past --time-limit is answered 503, with what to do; it does not hold
    the server."""
    serve_options = ("--time-limit", "0.001")

    @classmethod
    def setUpClass(cls):
        cls.tmp_corpus = tempfile.mkdtemp(prefix="tweet-index-serve-corpus-")
        cls.inputs = [generate_corpus(os.path.join(cls.tmp_corpus, "corpus.jsonl"), 5000, 3)]
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.tmp_corpus, ignore_errors=True)

    def test_past_the_time_limit(self):
        status, _, body = self.server.request(search_path("lang:en OR lang:es"))
        self.assertEqual(status, 503)
        self.assertIn("time limit", body)
        status, _, body = self.server.request("/api/search?q=lang:en")
        self.assertEqual(status, 503)
        self.assertIn("time limit", json.loads(body)["error"])
        self.assertEqual(self.server.request("/api/account/nobody_here")[0], 404)  # still answering


class WhileIndexing(IndexTestCase):
    """Pages and API calls while tweet-index commits every 100 tweets: never an error, totals only
    grow, and the last answer has every tweet."""

    def test_answers_follow_the_index(self):
        corpus = generate_corpus(self.path("corpus.jsonl"), 6000, 5)
        self.index(generate_corpus(self.path("first.jsonl"), 50, 9))
        server = Server(self.db, env=self.env)
        try:
            writer = subprocess.Popen([os.path.join(BIN, "tweet-index"), "--db", self.db, "--batch-size", "100", corpus],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
            totals, rounds = [], 0
            try:
                while writer.poll() is None or rounds < 2:
                    for path in ["/api/search?limit=0", "/?q=", "/api/search?limit=1000&q=lang:en",
                                 "/api/top/mentions?q=lang:en", "/api/timeline?by=month"]:
                        status, _, body = server.request(path)
                        self.assertEqual(status, 200, body[:500])
                        if path == "/api/search?limit=0":
                            totals.append(json.loads(body)["total"])
                    rounds += 1
            finally:
                _, err = writer.communicate(timeout=300)
            self.assertEqual(writer.returncode, 0, err)
            final = json.loads(server.get("/api/search?limit=0"))["total"]
            self.assertEqual(final, self.count(""))
            self.assertEqual(totals, sorted(totals))
            self.assertGreater(len(set(totals)), 2, f"the requests saw the index grow {len(set(totals))} times: they "
                                                    "did not overlap the writer")
        finally:
            server.stop()


class OverShards(IndexTestCase):
    """Served through a stub of two shards (README "Indexing"), the API answers as the CLI does
    over the same stub."""

    def test_a_stub_of_shards(self):
        shards = []
        for k in (1, 2):
            shard = self.path(f"shard{k}.xapian")
            self.run_tool("tweet-index", ["--quiet", "--db", shard, "--shard", f"{k}/2", *STORY_INPUTS])
            shards.append(shard)
        self.db = self.write_text("stub", "".join(f"auto {s}\n" for s in shards))
        server = Server(self.db, env=self.env)
        try:
            for q in ["", STORY_QUERY, "from:Dell*"]:
                got = server.json("/api/search?" + urllib.parse.urlencode({"q": q, "limit": 1000}))
                self.assertEqual(got["total"], self.count(q))
                self.assertEqual({t["id"] for t in got["tweets"]}, self.ids(q))
                top = server.json("/api/top/domains?" + urllib.parse.urlencode({"q": q}))["values"]
                cli = self.query("top", "domains", q, "--format", "jsonl").stdout.splitlines()
                self.assertEqual(top, [json.loads(line) for line in cli])
            self.assertEqual(Page(server.get("/?q=" + urllib.parse.quote(STORY_QUERY))).total, self.count(STORY_QUERY))
            server.get("/account/DellOutlet")
        finally:
            server.stop()


class Lifecycle(IndexTestCase):
    def setUp(self):
        super().setUp()
        self.index(*STORY_INPUTS, options=("--quiet",))

    def test_sigint_and_sigterm_stop_it(self):
        for sig in (signal.SIGINT, signal.SIGTERM):
            server = Server(self.db, env=self.env)
            self.assertTrue(server.url.startswith("http://127.0.0.1:"))  # loopback unless told otherwise
            server.get("/")
            rc, err = server.stop(sig)
            self.assertEqual(rc, 0, err)
            self.assertIn("stopped", err)
            self.assertNotIn("warning", err)

    def test_another_address_is_warned_about(self):
        server = Server(self.db, "--bind", "0.0.0.0", env=self.env)
        try:
            self.assertEqual(server.request("/", headers={"Host": f"127.0.0.1:{server.port}"})[0], 200)
            self.assertEqual(server.request("/", headers={"Host": f"192.0.2.7:{server.port}"})[0], 200)  # an address
            self.assertEqual(server.request("/", headers={"Host": f"rebound.example:{server.port}"})[0], 403)
        finally:
            rc, err = server.stop()
        self.assertIn("warning", err)
        self.assertIn("no authentication", err)

    def test_only_serve_loads_the_http_server(self):
        # The other commands start without cpp-httplib and the OpenSSL it brings: serve hands its
        # command line to tweet-query-serve beside tweet-query, in the same process.
        libraries = subprocess.run(["ldd", os.path.join(BIN, "tweet-query")], capture_output=True, text=True).stdout
        self.assertIn("libxapian", libraries)  # ldd read it
        self.assertNotIn("httplib", libraries)
        self.assertNotIn("libssl", libraries)
        server = Server(self.db, env=self.env)
        try:
            self.assertEqual(os.path.basename(os.readlink(f"/proc/{server.proc.pid}/exe")), "tweet-query-serve")
            server.get("/")
        finally:
            rc, err = server.stop()
        self.assertEqual(rc, 0, err)

    def test_serve_without_its_server_program_says_so(self):
        alone = self.path("alone")
        os.makedirs(alone)
        shutil.copy(os.path.join(BIN, "tweet-query"), alone)
        r = subprocess.run([os.path.join(alone, "tweet-query"), "serve", "--db", self.db, "--port", "0"],
                           capture_output=True, text=True, env=self.env, timeout=60)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(os.path.join(alone, "tweet-query-serve"), r.stderr)

    def test_what_cannot_run(self):
        missing = self.run_tool("tweet-query", ["serve", "--db", self.path("none.xapian"), "--port", "0"], expect_rc=2)
        self.assertIn("none.xapian", missing.stderr)
        bad_audit = self.write_text("bad.toml", "[[check]]\nqurey = 1\n")
        self.assertIn("bad.toml", self.run_tool("tweet-query", ["serve", "--db", self.db, "--port", "0", "--audit",
                                                                bad_audit], expect_rc=2).stderr)
        self.run_tool("tweet-query", ["serve", "--db", self.db, "--port", "70000"], expect_rc=2)
        self.run_tool("tweet-query", ["serve", "--db", self.db, "--bind", "192.0.2.99", "--port", "0"], expect_rc=2)


HOSTILE_QUERY = "id:9001 OR id:9002 OR id:9003"
HOSTILE_PAGES = [
    search_path(HOSTILE_QUERY),
    search_path(""),  # facets over everything hold the hostile tags, names and languages
    search_path("from:mallory"),
    "/account/mallory",
    "/account/" + urllib.parse.quote(make_hostile.EVIL_NAME, safe=""),
]


class Hostile(ServedIndex):
    """The story and tests/data/hostile-html/hostile-html.jsonl: every payload comes out escaped."""
    inputs = STORY_INPUTS + [HOSTILE]
    hostile_query = HOSTILE_QUERY

    def test_nothing_unescaped(self):
        for path in HOSTILE_PAGES:
            with self.subTest(path=path):
                body = self.server.get(path)
                for payload in make_hostile.PAYLOADS:
                    self.assertNotIn(payload, body)
                page = Page(body)
                for tag, attrs in page.tags:
                    self.assertNotIn(tag, ("img", "iframe", "object", "embed", "style"))
                    if tag == "script":
                        self.assertEqual(attrs, {"src": "/static/serve.js", "defer": "defer"})
                    if tag == "svg":
                        self.assertIn("chart", attrs.get("class", ""))
                    for name, value in attrs.items():
                        self.assertFalse(name.startswith("on"), (tag, attrs))
                        if name in ("href", "src", "action"):
                            self.assertTrue(value.startswith("/") and not value.startswith("//") or
                                            value.startswith(("http://", "https://")), (tag, attrs))
                            self.assertFalse(set(value) & set("\"'<> \u202e"), (tag, attrs))
                self.assertEqual(page.unisolated_rlo, [], "U+202E outside a <bdi>")
        shown = self.server.get(search_path(self.hostile_query))
        for payload in [make_hostile.SCRIPT, make_hostile.IMG, make_hostile.JS_URL, make_hostile.DATA_URL]:
            self.assertIn(html_escape(payload), shown)  # shown as text, not dropped
        self.assertEqual(Page(shown).ids, self.cli_ids(self.hostile_query))

    def test_links_only_http(self):
        page = Page(self.server.get(search_path("id:9001")))
        external = [a["href"] for t, a in page.tags if t == "a" and a.get("class") == "url"]
        self.assertEqual(external, ["http://ok.example/%22%3E%3Cscript%3Ewindow.__pwned=%27href%27%3C/script%3E"])

    def test_api_is_json_not_html(self):
        status, headers, body = self.server.request("/api/search?" + urllib.parse.urlencode({"q": self.hostile_query}))
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("application/json"))
        self.assertEqual(headers["x-content-type-options"], "nosniff")
        self.assertEqual(json.loads(body)["tweets"], self.cli_jsonl("search", self.hostile_query))
        account = self.server.json("/api/account/" + urllib.parse.quote(make_hostile.EVIL_NAME, safe=""))
        self.assertEqual(account["screen_name"], make_hostile.EVIL_NAME)


class DevTools:
    """Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
    JSON messages ending in NUL on fds 3 and 4), with Python's standard library only."""

    def __init__(self, width=1280, height=1000):
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def child_fds():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={self.profile}", "--remote-debugging-pipe", f"--window-size={width},{height}",
             "about:blank"],
            pass_fds=(3, 4), preexec_fn=child_fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next, self._buffer, self.events = 0, b"", []
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(domain + ".enable", session=self.session)
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                         "mobile": False}, session=self.session)

    def _read(self, timeout=60):
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_chrome], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            m = self._read()
            if m.get("id") == self._next:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def page(self, method, params=None):
        return self.send(method, params, session=self.session)

    def wait_for_load(self):
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == "Page.loadEventFired":
                    del self.events[i]
                    return
            self.events.append(self._read())

    def open(self, url):
        self.page("Page.navigate", {"url": url})
        self.wait_for_load()

    def js(self, expression):
        r = self.page("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError(r["exceptionDetails"])
        return r["result"].get("value")

    def click_and_wait(self, selector):
        self.js(f"document.querySelector({json.dumps(selector)}).click()")
        self.wait_for_load()

    def problems(self):
        """Console errors, uncaught exceptions and CSP reports seen so far (and forgets them)."""
        out = []
        for e in self.events:
            method, p = e.get("method"), e.get("params", {})
            if method == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                out.append(p["entry"]["text"])
            elif method == "Runtime.consoleAPICalled" and p["type"] in ("error", "warning", "assert"):
                out.append(str(p.get("args")))
            elif method == "Runtime.exceptionThrown":
                out.append(str(p["exceptionDetails"]))
        self.events = [e for e in self.events if e.get("method") == "Page.loadEventFired"]
        return out

    def screenshot(self, path):
        data = self.page("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=20)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        shutil.rmtree(self.profile, ignore_errors=True)


@unittest.skipUnless(CHROMIUM, "chromium is not installed (apt-get install chromium): the pages were not opened in a "
                               "browser")
class InTheBrowser(ServedIndex):
    """The story's search done in Chromium as a person does it, then hostile pages: nothing runs."""
    inputs = STORY_INPUTS + [HOSTILE]

    def setUp(self):
        self.browser = DevTools()

    def tearDown(self):
        self.browser.close()

    def ids_shown(self):
        return self.browser.js("[...document.querySelectorAll('article.tweet')].map(a => a.dataset.id)")

    def test_search_facet_and_account(self):
        b = self.browser
        b.open(self.server.url)
        self.assertEqual(b.js("document.documentElement.className"), "js")  # our script ran, under the CSP
        b.js(f"document.querySelector('form.search input[name=q]').value = {json.dumps(STORY_QUERY)}")
        b.click_and_wait("form.search button")
        self.assertEqual(q_of(b.js("location.href")), STORY_QUERY)
        self.assertEqual(self.ids_shown(), self.cli_ids(STORY_QUERY, "--limit", "20"))
        total = int(b.js("document.querySelector('p.total').dataset.total"))
        self.assertEqual(total, self.cli_count(STORY_QUERY))
        shot = os.path.join(self.tmp, "serve.png")
        b.screenshot(shot)
        with open(shot, "rb") as f:
            png = f.read()
        self.assertEqual(png[:8], b"\x89PNG\r\n\x1a\n")
        self.assertGreater(len(png), 30000)  # a blank page compresses to a few kB
        if os.environ.get("SERVE_SCREENSHOT"):  # how docs/serve.png is made (README)
            shutil.copy(shot, os.environ["SERVE_SCREENSHOT"])
        # A facet link narrows the results: the spam site's domain.
        domain = b.js("document.querySelector('section[data-kind=domains] li').dataset.value")
        count = int(b.js("document.querySelector('section[data-kind=domains] li').dataset.count"))
        b.click_and_wait("section[data-kind=domains] a.add")
        narrowed = q_of(b.js("location.href"))
        self.assertEqual(narrowed, f"{STORY_QUERY} domain:{domain}")
        self.assertEqual(self.ids_shown(), self.cli_ids(narrowed, "--limit", "20"))
        self.assertEqual(len(self.ids_shown()), count)
        self.assertLess(count, total)
        # The author of the first tweet: the account page.
        author = b.js("document.querySelector('article.tweet a.author .handle').textContent")[1:]
        b.click_and_wait("article.tweet a.author")
        account = self.cli_jsonl("account", author)[0]
        self.assertEqual(b.js("document.querySelector('h1').textContent"), account["name"])
        self.assertEqual(b.js("document.querySelectorAll('svg.chart').length"), 1 if account["tweets"] >= 2 else 0)
        self.assertEqual(b.problems(), [])

    def test_hostile_data_runs_nothing(self):
        b = self.browser
        urls = [self.server.url + p.lstrip("/") for p in HOSTILE_PAGES]
        for url in urls:
            with self.subTest(url=url):
                b.open(url)
                self.assertIsNone(b.js("window.__pwned === undefined ? null : String(window.__pwned)"))
                self.assertEqual(b.js("document.querySelectorAll('script').length"), 1)
                self.assertEqual(b.js("document.querySelectorAll('img, iframe, object, embed').length"), 0)
                self.assertEqual(b.js("[...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))"
                                      ".filter(h => !/^(\\/(?!\\/)|https?:\\/\\/)/.test(h))"), [])
                self.assertEqual(b.js("[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
                                      ".filter(a => a.name.startsWith('on')).length"), 0)
                # Hover and click what a payload could have hidden behind: every tweet's links.
                b.js("document.querySelectorAll('p.text *').forEach(e => e.dispatchEvent(new MouseEvent('mouseover')))")
                self.assertIsNone(b.js("window.__pwned === undefined ? null : String(window.__pwned)"))
                self.assertEqual(b.problems(), [])
        # The text is there, as text.
        b.open(urls[0])
        self.assertIn(make_hostile.SCRIPT, b.js("document.body.innerText"))


if __name__ == "__main__":
    unittest.main()
