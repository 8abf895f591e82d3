"""Nothing read from a tweet reaches a terminal as a control sequence or a spreadsheet as a formula:
the hostile corpus of tests/data/hostile/ (make_hostile.py) indexed, and every output of both
programs checked for the raw characters it holds and for their visible, escaped forms."""
import csv
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import unicodedata
import unittest

from tiharness import BIN, DATA, IndexTestCase, tweet

HOSTILE_DIR = os.path.join(DATA, "hostile")
_spec = importlib.util.spec_from_file_location("make_hostile", os.path.join(HOSTILE_DIR, "make_hostile.py"))
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)

# Every character the corpus carries that must never come out raw: C0 controls but tab and
# newline, DEL, C1, the bidi overrides and isolates.
def raw_unsafe(text, newline_ok=True):
    bad = []
    for ch in text:
        cp = ord(ch)
        if ch in "\t" or (ch == "\n" and newline_ok) or (ch == "\r" and newline_ok):
            continue  # \r: CSV's record separator, checked apart
        if cp < 0x20 or 0x7F <= cp <= 0x9F or 0x202A <= cp <= 0x202E or 0x2066 <= cp <= 0x2069:
            bad.append(hex(cp))
    return bad


def visible(s):
    """What terminal_safe shows for `s` (text.h), computed here from its rules."""
    out = ""
    for ch in s:
        cp = ord(ch)
        if ch == "\n":
            out += "\\n"
        elif ch == "\r":
            out += "\\r"
        elif ch != "\t" and (cp < 0x20 or cp == 0x7F):
            out += f"\\x{cp:02x}"
        elif 0x80 <= cp <= 0x9F or 0x202A <= cp <= 0x202E or 0x2066 <= cp <= 0x2069:
            out += f"<U+{cp:04X}>"
        else:
            out += ch
    return out


RECORDS = {r["id_str"]: r for r in hostile.records}
INDEXED = {tid: r for tid, r in RECORDS.items() if tid != "7005"}  # 7005's date is rejected
NUMERIC_COLUMNS = {"id", "author_id", "retweets", "favorites", "followers_count", "tweets", "mentioned", "count",
                   "weight", "in_reply_to_status_id", "retweet_of", "quote_of"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class HostileOutput(IndexTestCase):
    def setUp(self):
        super().setUp()
        self.indexing = self.index(HOSTILE_DIR, expect_rc=1)  # 2 records rejected

    def run_bytes(self, *args, expect_rc=0):
        proc = subprocess.run([os.path.join(BIN, "tweet-query"), *args, "--db", self.db], capture_output=True,
                              env=self.env, timeout=120)
        self.assertEqual(proc.returncode, expect_rc, (args, proc.stderr))
        return proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")  # strict: invalid UTF-8 fails here

    def assert_safe(self, text, what, newline_ok=True):
        self.assertEqual(raw_unsafe(text, newline_ok), [], f"{what}: raw control or bidi characters in {text!r}")

    def test_corpus_is_hostile(self):
        # Or every test below proves nothing.
        def strings(v):
            if isinstance(v, dict):
                return "".join(strings(x) for x in v.values())
            return "".join(strings(x) for x in v) if isinstance(v, list) else v if isinstance(v, str) else ""
        text = strings(hostile.records)
        for h in hostile.HOSTILE:
            self.assertIn(h, text)
        self.assertNotEqual(raw_unsafe(text), [])

    def test_tweet_index_messages(self):
        err = self.indexing.stderr
        self.assert_safe(err, "tweet-index stderr")
        self.assertIn(visible(hostile.ENTRY_NAME), err)  # the ZIP entry's name, made visible
        self.assertIn(visible(hostile.bad_date["created_at"]), err)  # a value quoted in a reason
        detail = hostile.suspension["errors"][0]["detail"]
        self.assertIn(visible(detail), err)

    def test_search_text_and_ids(self):
        out, err = self.run_bytes("search", "", "--limit", "0")
        self.assert_safe(out + err, "search text")
        for tid, r in INDEXED.items():
            shown = r["text"]
            for u in r["entities"]["urls"]:
                shown = shown.replace(u["url"], u["expanded_url"])
            self.assertIn(visible(shown), out)
            self.assertIn(f"status/{tid}", out)
        out, _ = self.run_bytes("search", "", "--format", "ids")
        self.assertEqual(set(out.split()), set(INDEXED))

    def test_search_jsonl_escapes_and_round_trips(self):
        out, _ = self.run_bytes("search", "", "--format", "jsonl")
        self.assert_safe(out, "jsonl", newline_ok=True)
        records = [json.loads(line) for line in out.splitlines()]
        self.assertEqual({r["id"]: r["text"] for r in records}, {tid: r["text"] for tid, r in INDEXED.items()})
        self.assertEqual({r["author_name"] for r in records}, {r["user"]["name"] for r in INDEXED.values()})

    def test_batch_jsonl_and_csv(self):
        batch = self.write_text("q.txt", "evil\nfrom:mallory\n")
        out, _ = self.run_bytes("search", "--batch", batch)
        self.assert_safe(out, "batch jsonl")
        self.assertIn(RECORDS["7001"]["text"], [json.loads(l)["text"] for l in out.splitlines()])
        out, _ = self.run_bytes("search", "--batch", batch, "--format", "csv")
        self.assert_safe(out, "batch csv")

    def csv_rows(self, out):
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        self.assertTrue(rows)
        return rows

    def assert_no_formula(self, rows, what):
        for row in rows:
            for column, cell in row.items():
                if column in NUMERIC_COLUMNS or not cell:
                    continue
                self.assertFalse(cell.startswith(FORMULA_STARTS), f"{what}: {column} = {cell!r}")

    def test_search_csv_cells_are_not_formulas(self):
        out, _ = self.run_bytes("search", "", "--format", "csv")
        self.assert_safe(out, "search csv")
        rows = self.csv_rows(out)
        self.assert_no_formula(rows, "search csv")
        by_id = {r["id"]: r for r in rows}
        for tid, r in INDEXED.items():
            expected = visible(r["text"]).replace("\\n", "\n")
            if r["text"].startswith(FORMULA_STARTS):
                expected = "'" + expected
            self.assertEqual(by_id[tid]["text"], expected)

    def test_csv_raw_keeps_cells_as_they_are(self):
        out, _ = self.run_bytes("search", "", "--format", "csv", "--csv-raw")
        by_id = {r["id"]: r for r in csv.DictReader(io.StringIO(out, newline=""))}
        self.assertEqual({tid: by_id[tid]["text"] for tid in INDEXED}, {tid: r["text"] for tid, r in INDEXED.items()})
        out, _ = self.run_bytes("accounts", "--format", "csv", "--csv-raw")
        names = {r["screen_name"]: r["name"] for r in csv.DictReader(io.StringIO(out, newline=""))}
        self.assertEqual(names["mallory"], hostile.mallory["name"])

    def test_accounts_in_every_format(self):
        for fmt in ("text", "csv", "jsonl", "ids"):
            out, err = self.run_bytes("accounts", "--format", fmt)
            self.assert_safe(out + err, f"accounts {fmt}")
        out, _ = self.run_bytes("accounts")
        for u in (hostile.mallory, hostile.plus, hostile.minus, hostile.at):
            self.assertIn(visible(u["name"]), out)
        rows = self.csv_rows(self.run_bytes("accounts", "--format", "csv")[0])
        self.assert_no_formula(rows, "accounts csv")
        self.assertEqual({r["screen_name"]: r["name"] for r in rows}["mallory"], "'" + visible(hostile.mallory["name"]))
        jsonl = [json.loads(l) for l in self.run_bytes("accounts", "--format", "jsonl")[0].splitlines()]
        self.assertEqual({r["screen_name"]: r["name"] for r in jsonl}["mallory"], hostile.mallory["name"])

    def test_account_detail_in_every_format(self):
        out, _ = self.run_bytes("account", "mallory")
        self.assert_safe(out, "account text")
        self.assertIn(visible(hostile.mallory["description"]), out)
        self.assertIn(visible(hostile.mallory["location"]), out)
        out, _ = self.run_bytes("account", "mallory", "--format", "csv")
        self.assert_safe(out, "account csv")
        rows = self.csv_rows(out)
        self.assert_no_formula(rows, "account csv")
        self.assertEqual(rows[0]["screen_name"], "mallory")
        self.assertEqual(rows[0]["verified"], "false")
        self.assertEqual(rows[0]["location"], visible(hostile.mallory["location"]))
        out, _ = self.run_bytes("account", "mallory", "--format", "jsonl")
        self.assert_safe(out, "account jsonl")
        self.assertEqual(json.loads(out)["description"], hostile.mallory["description"])
        self.assertEqual(self.run_bytes("account", "mallory", "--format", "ids")[0].split(), [hostile.mallory["id_str"]])

    def test_top_timeline_graph(self):
        for args in (("top", "sources"), ("top", "urls"), ("top", "hashtags"), ("top", "authors"), ("timeline",)):
            for fmt in ("text", "csv", "jsonl", "ids"):
                out, err = self.run_bytes(*args, "--format", fmt)
                self.assert_safe(out + err, f"{args} {fmt}")
                if fmt == "csv":
                    self.assert_no_formula(self.csv_rows(out), f"{args} csv")
        out, _ = self.run_bytes("top", "sources")
        self.assertIn(visible("Client" + hostile.ESC_CLEAR + hostile.RLO), out)
        rows = self.csv_rows(self.run_bytes("top", "sources", "--format", "csv")[0])
        self.assertIn("'" + visible("+Client" + hostile.C1_CSI), [r["value"] for r in rows])
        for fmt in ("csv", "gexf", "graphml"):
            out, err = self.run_bytes("graph", "", "--format", fmt)
            self.assert_safe(out + err, f"graph {fmt}")

    def test_audit_reports(self):
        audit = self.write_text("audit.toml", '[[check]]\nname = "all"\nquery = ""\n'
                                'report = ["tweets", "top sources", "top accounts", "top urls", "timeline"]\n')
        for fmt in ("text", "markdown", "json", "html"):
            out, err = self.run_bytes("audit", audit, "--format", fmt)
            self.assert_safe(out + err, f"audit {fmt}")
        out, _ = self.run_bytes("audit", audit, "--format", "markdown")
        # Markdown escapes [ and <; what terminal_safe shows stays readable there.
        self.assertIn("\\x1b\\[2J", out)
        self.assertIn("<U+202E>", out)
        out, _ = self.run_bytes("audit", audit)
        self.assertIn(visible(RECORDS["7002"]["text"]), out)
        report = json.loads(self.run_bytes("audit", audit, "--format", "json")[0])
        self.assertEqual({t["id"]: t["text"] for t in report["checks"][0]["tweets"]},
                         {tid: r["text"] for tid, r in INDEXED.items()})
        html, _ = self.run_bytes("audit", audit, "--format", "html")
        self.assertIn("&lt;U+202E&gt;", html)


class AccountKnownOnlyFromASuspension(IndexTestCase):
    def test_verified_and_protected_are_unknown(self):
        self.index(os.path.join(HOSTILE_DIR, "suspended.jsonl"))
        text = self.query("account", "victim").stdout
        self.assertIn("status        suspended", text)
        self.assertRegex(text, r"verified +\?")
        self.assertRegex(text, r"protected +\?")
        self.assertNotRegex(text, r"verified +no")
        record = json.loads(self.query("account", "victim", "--format", "jsonl").stdout)
        self.assertIsNone(record["verified"])
        self.assertIsNone(record["protected"])
        self.assertIsNone(record["description"])
        row = next(csv.DictReader(io.StringIO(self.query("account", "victim", "--format", "csv").stdout, newline="")))
        self.assertEqual((row["verified"], row["protected"]), ("", ""))


class OptionsThatDoNotApply(IndexTestCase):
    def setUp(self):
        super().setUp()
        self.index(os.path.join(HOSTILE_DIR, "hostile.jsonl"), expect_rc=1)

    def test_negative_limits_are_refused(self):
        for args in (("search", "evil"), ("top", "sources"), ("accounts",)):
            proc = self.query(*args, "--limit", "-1", expect_rc=2)
            self.assertIn("--limit", proc.stderr)
            self.assertEqual(proc.stdout, "")

    def test_entities_without_text(self):
        self.assertIn("entities takes a text", self.query("entities", expect_rc=2).stderr)
        self.assertIn("JSON", self.query("entities", "--format", "csv", "--", "hi", expect_rc=2).stderr)

    def test_batch_honours_count_format_limit_and_sort(self):
        queries = ["evil", "from:mallory", "at"]
        batch = self.write_text("q.txt", "\n".join(queries) + "\n")
        counts = [json.loads(l) for l in self.query("search", "--batch", batch, "--count").stdout.splitlines()]
        self.assertEqual(counts, [{"query": q, "count": self.count(q)} for q in queries])
        rows = list(csv.DictReader(io.StringIO(self.query("search", "--batch", batch, "--format", "csv").stdout,
                                               newline="")))
        self.assertEqual([(r["query"], r["id"]) for r in rows],
                         [(q, i) for q in queries for i in self.query("search", q, "--format", "ids").stdout.split()])
        limited = [json.loads(l) for l in self.query("search", "--batch", batch, "--limit", "1", "--sort", "oldest")
                   .stdout.splitlines()]
        self.assertEqual([(r["query"], r["id"]) for r in limited],
                         [(q, self.query("search", q, "--format", "ids", "--sort", "oldest").stdout.split()[0])
                          for q in queries])
        self.assertIn("jsonl or csv", self.query("search", "--batch", batch, "--format", "text", expect_rc=2).stderr)

    def test_account_csv(self):
        rows = list(csv.DictReader(io.StringIO(self.query("account", "plusguy", "--format", "csv").stdout, newline="")))
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["id"], hostile.plus["id_str"])
        self.assertEqual(rows[0]["tweets"], "1")


class AuditState(IndexTestCase):
    """A plain audit run writes no state file; --state PATH keeps the mark elsewhere."""

    def setUp(self):
        super().setUp()
        self.index(os.path.join(HOSTILE_DIR, "hostile.jsonl"), expect_rc=1)
        self.audit = self.write_text("audits/audit.toml", '[[check]]\nname = "all"\nquery = ""\n')
        # The state file's place is taken by a folder: writing it fails as in a read-only folder
        # (file modes do not bind root, who runs CI).
        self.folder = os.path.dirname(self.audit)
        os.makedirs(os.path.join(self.folder, ".audit.toml.state.json.tmp"))

    def test_plain_run_writes_no_state(self):
        proc = self.query("audit", self.audit, "--format", "json", expect_rc=0)
        self.assertEqual(json.loads(proc.stdout)["checks"][0]["count"], len(INDEXED))
        self.assertEqual(proc.stderr, "")
        self.assertFalse(os.path.exists(os.path.join(self.folder, ".audit.toml.state.json")))
        # Asked to keep the mark there, it says it cannot.
        self.assertIn("cannot write the state file", self.query("audit", self.audit, "--since-last", expect_rc=2).stderr)

    def test_state_elsewhere(self):
        state = os.path.join(self.tmp, "mark.json")
        first = json.loads(self.query("audit", self.audit, "--since-last", "--state", state, "--format", "json").stdout)
        self.assertEqual(first["checks"][0]["count"], len(INDEXED))
        self.assertTrue(os.path.exists(state))
        again = json.loads(self.query("audit", self.audit, "--since-last", "--state", state, "--format", "json").stdout)
        self.assertEqual(again["checks"][0]["count"], 0)


if __name__ == "__main__":
    unittest.main()


def display_width(s):
    """Columns a terminal gives `s`: 2 for a wide character, 0 for a combining mark, else 1."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


class PaddedColumns(IndexTestCase):
    """A text table pads each value by the columns its safe form takes on screen: a hostile value's
    escapes, a wide or a combining character do not shift its row."""
    SOURCES = ["Client" + hostile.ESC_CLEAR + hostile.RLO, "\u65e5\u672c\u8a9e\u30af\u30e9\u30a4\u30a2\u30f3\u30c8",
               "e\u0301cole app", "plain"]

    def setUp(self):
        super().setUp()
        records = []
        for n, source in enumerate(self.SOURCES):
            for k in range(n + 1):  # distinct counts
                t = tweet(8000 + 10 * n + k, f"tweet {n} {k}")
                t["source"] = f'<a href="http://example.com" rel="nofollow">{source}</a>'
                records.append(t)
        self.index(self.write_jsonl("sources.jsonl", records))

    def count_columns(self, lines, labels):
        """The column each labelled row's count ends at, as shown."""
        ends = {}
        for line in lines:
            for label in labels:
                if line.lstrip().startswith(visible(label)):
                    m = re.match(r"(.*?) +(\d+)(  |$)", line[line.index(visible(label)) + len(visible(label)):])
                    self.assertIsNotNone(m, line)
                    ends[label] = display_width(line[:line.index(visible(label)) + len(visible(label)) + m.end(2)])
        self.assertEqual(set(ends), set(labels), lines)
        return set(ends.values())

    def test_top_rows_line_up(self):
        lines = self.query("top", "sources").stdout.splitlines()
        self.assertEqual(len(self.count_columns(lines, self.SOURCES)), 1, "\n".join(lines))

    def test_audit_top_rows_line_up(self):
        audit = self.write_text("audit.toml", '[[check]]\nname = "all"\nquery = ""\nreport = ["top sources"]\n')
        lines = self.query("audit", audit).stdout.splitlines()
        self.assertEqual(len(self.count_columns(lines, self.SOURCES)), 1, "\n".join(lines))
