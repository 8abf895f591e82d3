"""Every tweet that can be kept is kept: a ZIP cut short on disk is read through its local
entries, an array or archive script cut short keeps its complete entries, a bad field is dropped
or repaired rather than losing its tweet, and a date no tweet can have is refused. The expected
answers are computed here from the input files (tests/data/malformed, made by make_malformed.py)."""
import datetime
import json
import math
import os
import re
import struct
import subprocess
import sys
import zlib

from tiharness import BIN, DATA, IndexTestCase

MALFORMED = os.path.join(DATA, "malformed")


def read(name):
    with open(os.path.join(MALFORMED, name), "rb") as f:
        return f.read()


def whole_local_entries(data):
    """(name, content) of each ZIP local entry whose compressed bytes are all there."""
    entries, pos = [], 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0 or pos + 30 > len(data):
            return entries
        method, _, _, _, csize, _, name_len, extra_len = struct.unpack_from("<HHHIIIHH", data, pos + 8)
        start = pos + 30 + name_len + extra_len
        name = data[pos + 30:pos + 30 + name_len].decode()
        if start + csize > len(data):
            return entries
        raw = data[start:start + csize]
        entries.append((name, zlib.decompress(raw, -15) if method == 8 else raw))
        pos = start + csize


def complete_entries(text):
    """The complete entries of a JSON array cut short, decoded, and the line the text ends on."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    entries = []
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            break
        entries.append(value)
    return entries, text.rstrip().count("\n") + 1


def tweet_id(entry):
    return (entry.get("tweet") or entry)["id_str"]


class TruncatedZip(IndexTestCase):
    def test_a_zip_cut_short_on_disk_keeps_its_whole_entries_as_stdin_does(self):
        name = "truncated-archive.zip"
        data = read(name)
        want = set()
        for entry, content in whole_local_entries(data):
            if entry.endswith(".js") and "YTD.tweets." in content.decode()[:60]:
                want |= {tweet_id(e) for e in json.loads(content.decode().split("=", 1)[1])}
        self.assertTrue(want)
        proc = self.index(os.path.join(MALFORMED, name), expect_rc=1)
        self.assertIn(f"{name}: note: warning: the ZIP's central directory is missing or damaged", proc.stderr)
        self.assertEqual(self.ids(""), want)
        # Its tweets were indexed: the summary counts it as read, though its stream ends in an error.
        counts = re.search(r"(\d+) files: (\d+) read, (\d+) unchanged and skipped, (\d+) without tweets, "
                           r"(\d+) could not be read", proc.stderr)
        self.assertIsNotNone(counts, proc.stderr)
        self.assertEqual([int(n) for n in counts.groups()], [1, 1, 0, 0, 0], proc.stderr)
        # The owner comes from data/account.js, read as it came.
        self.assertEqual({r["author"] for r in self.records("")}, {"alice"})
        # The same bytes on stdin give the same tweets.
        self.db = self.path("stdin.xapian")
        subprocess.run([os.path.join(BIN, "tweet-index"), "--db", self.db, "-"], input=data, capture_output=True,
                       env=self.env, timeout=300)
        self.assertEqual(self.ids(""), want)


class CutArrays(IndexTestCase):
    def check_cut(self, name, deleted=False):
        text = read(name).decode()
        entries, cut_line = complete_entries(text)
        self.assertGreater(len(entries), 0)
        proc = self.index(os.path.join(MALFORMED, name), expect_rc=1)
        self.assertIn(f"{name}:{cut_line}: the array is cut off at line {cut_line}", proc.stderr)
        self.assertIn(f"the {len(entries)} complete entries before the cut were read", proc.stderr)
        options = ["--include-deleted"] if deleted else []
        self.assertEqual(self.ids("", *options), {tweet_id(e) for e in entries})
        if deleted:
            self.assertEqual(self.ids(""), set())  # they are deleted tweets

    def test_a_cut_archive_script_keeps_its_complete_entries(self):
        self.check_cut("cut-deleted-tweets.js", deleted=True)

    def test_a_cut_pretty_printed_array_keeps_its_complete_entries(self):
        self.check_cut("cut-array.json")

    def test_a_cut_one_line_array_keeps_its_complete_entries(self):
        self.check_cut("cut-array-one-line.json")

    def test_a_bad_entry_in_an_array_loses_only_itself(self):
        good = [{"id": i, "id_str": str(i), "text": f"entry {i}", "user": {"id_str": "1", "screen_name": "a"}}
                for i in (1, 2, 3)]
        parts = [json.dumps(t) for t in good]
        parts.insert(1, '{"id": 9, "id_str": "9", "text": "bad", }')
        path = self.write_text("array.json", "[\n" + ",\n".join(parts) + "\n]\n")
        proc = self.index(path, expect_rc=1)
        self.assertIn("array.json:3: entry 2: invalid JSON", proc.stderr)
        self.assertEqual(self.ids(""), {str(t["id"]) for t in good})


def bad_values(value, key=""):
    """(field, kind) of each value a 64-bit integer, a double or valid UTF-8 cannot hold."""
    if isinstance(value, dict):
        return [b for k, v in value.items() for b in bad_values(v, k)]
    if isinstance(value, list):
        return [b for v in value for b in bad_values(v, key)]
    if isinstance(value, float) and math.isinf(value):
        return [(key, "number")]
    if isinstance(value, int) and not isinstance(value, bool) and not -2**63 <= value < 2**64:
        return [(key, "number")]
    if isinstance(value, str) and re.search("[\ud800-\udfff]", value):
        return [(key, "surrogate")]
    return []


class BadFields(IndexTestCase):
    def test_a_bad_field_is_dropped_or_repaired_and_its_tweet_kept(self):
        name = "bad-fields.jsonl"
        records = [json.loads(line) for line in read(name).decode().splitlines()]
        proc = self.index(os.path.join(MALFORMED, name))  # exit 0: nothing was rejected
        self.assertEqual(self.ids(""), {r["id_str"] for r in records})
        by_id = {r["id"]: r for r in self.records("")}
        expected_warnings = 0
        for line_no, record in enumerate(records, 1):
            for field, kind in bad_values(record):
                expected_warnings += 1
                self.assertRegex(proc.stderr, rf"{name}:{line_no}: note: warning: field {field}: .*"
                                              rf"{'out of range: dropped' if kind == 'number' else 'replaced by U'}")
                if kind == "surrogate":
                    want = re.sub("[\ud800-\udfff]", "\ufffd", record[field])
                    self.assertEqual(by_id[record["id_str"]]["text"], want)
                if field == "retweet_count":
                    self.assertEqual(by_id[record["id_str"]]["counts"]["retweets"], 0)
        self.assertGreater(expected_warnings, 0)
        self.assertEqual(proc.stderr.count("note: warning: field"), expected_warnings)


TWITTER_START = datetime.datetime(2006, 3, 21, tzinfo=datetime.timezone.utc)
MAX_DAYS_AHEAD = 7  # core/dates.h


def twitter_time(text):
    try:
        return datetime.datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        return None


class ImplausibleDates(IndexTestCase):
    def test_a_tweet_dated_before_twitter_or_far_ahead_is_refused_an_account_date_dropped(self):
        name = "implausible-dates.jsonl"
        records = [json.loads(line) for line in read(name).decode().splitlines()]
        latest = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=MAX_DAYS_AHEAD)
        kept, refused = set(), 0
        for line_no, r in enumerate(records, 1):
            when = twitter_time(r["created_at"])
            if when is None:
                refused += 1
                continue
            if TWITTER_START <= when <= latest:
                kept.add(r["id_str"])
            else:
                refused += 1
                reason = ("is before Twitter began (2006-03-21)" if when < TWITTER_START
                          else f"is more than {MAX_DAYS_AHEAD} days after the time of this run")
                self.assertIn(f'{name}:{line_no}: tweet {r["id_str"]}: created_at "{r["created_at"]}" {reason}',
                              self.index_once(name))
        self.assertGreater(refused, 1)
        proc = self.index_once(name)
        self.assertIn(f"{refused} records rejected", proc)
        self.assertEqual(self.ids(""), kept)
        # A tweet whose author has an impossible account date is kept, without that date.
        odd_author = [r for r in records if twitter_time(r["user"].get("created_at", "x") or "x")
                      and twitter_time(r["user"]["created_at"]) < TWITTER_START]
        self.assertTrue(odd_author)
        for r in odd_author:
            self.assertIn(r["id_str"], kept)
        self.assertNotIn("1900", self.query("account", odd_author[0]["user"]["screen_name"], "--format", "jsonl").stdout)

    def index_once(self, name):
        if not hasattr(self, "_stderr"):
            self._stderr = self.index(os.path.join(MALFORMED, name), expect_rc=1).stderr
        return self._stderr


def epoch(y, m, d):
    return int(datetime.datetime(y, m, d, tzinfo=datetime.timezone.utc).timestamp())


def periods(by, first, last):
    a, b = (datetime.datetime.fromtimestamp(t, datetime.timezone.utc) for t in (first, last))
    if by == "year":
        return b.year - a.year + 1
    if by == "month":
        return (b.year - a.year) * 12 + b.month - a.month + 1
    day_a, day_b = first // 86400, last // 86400
    if by == "week":  # weeks start on Monday; 1970-01-01 was a Thursday
        return (day_b + 3) // 7 - (day_a + 3) // 7 + 1
    if by == "day":
        return day_b - day_a + 1
    return last // 3600 - first // 3600 + 1


class TimelineBound(IndexTestCase):
    """An index written before dates were checked may hold a tweet of 1900: a timeline over it
    is bounded, and says which --by fits."""
    MAX_PERIODS = 200000  # query/aggregates.h

    def setUp(self):
        super().setUp()
        self.index(self.write_jsonl("t.jsonl", [{"id": 1, "id_str": "1", "text": "a tweet",
                                                  "created_at": "Wed Jun 01 12:00:00 +0000 2011",
                                                  "user": {"id_str": "2", "screen_name": "alice"}}]))
        self.old, self.new = epoch(1900, 1, 1), epoch(2011, 6, 1) + 12 * 3600
        # A document with only a date in the date slot (core/fields.h kSlotDate), through Xapian's
        # Python bindings (Debian's python3-xapian, for the system's Python).
        plant = ("import sys, xapian\n"
                 "db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)\n"
                 "doc = xapian.Document()\n"
                 "doc.add_value(0, xapian.sortable_serialise(int(sys.argv[2])))\n"
                 "db.add_document(doc)\n"
                 "db.commit()\n")
        python = sys.executable
        if subprocess.run([python, "-c", "import xapian"], capture_output=True).returncode != 0:
            python = "/usr/bin/python3"
        subprocess.run([python, "-c", plant, self.db, str(self.old)], check=True)
        order = ["hour", "day", "week", "month", "year"]
        self.fits = next(by for by in order if periods(by, self.old, self.new) <= self.MAX_PERIODS)
        self.too_fine = order[order.index(self.fits) - 1]

    def test_timeline_refuses_too_many_periods_and_names_the_by_that_fits(self):
        proc = self.query("timeline", "--by", self.too_fine, expect_rc=2)
        self.assertIn(f"a timeline by {self.too_fine} from 1900-01-01 to 2011-06-01 would have "
                      f"{periods(self.too_fine, self.old, self.new)} periods", proc.stderr)
        self.assertIn(f"use --by {self.fits}", proc.stderr)
        rows = self.query("timeline", "--by", self.fits, "--format", "csv").stdout.splitlines()
        self.assertEqual(len(rows) - 1, periods(self.fits, self.old, self.new))  # less the header

    def test_an_audit_timeline_is_bounded_too(self):
        spec = self.write_text("audit.toml", '[[check]]\nname = "all"\nquery = ""\nreport = ["timeline"]\n'
                                             f'timeline_by = "{self.too_fine}"\n')
        proc = self.query("audit", spec, expect_rc=None)
        out = proc.stdout + proc.stderr
        self.assertTrue(f'timeline_by = "{self.fits}" would fit' in out, out[:2000])  # not megabytes of hours
        auto = self.write_text("auto.toml", '[[check]]\nname = "all"\nquery = ""\nreport = ["timeline"]\n')
        proc = self.query("audit", auto, "--format", "json", expect_rc=None)
        self.assertNotIn("ERROR", proc.stdout)
        self.assertNotIn("error", json.loads(proc.stdout)["checks"][0])


if __name__ == "__main__":
    import unittest
    unittest.main()
