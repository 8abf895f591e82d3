"""Several writer threads fed by one reading of the input (the default for a new index): the
index they make answers every query as one writer's does; a kill during the merge of their shards
leaves the index path absent (never a partial index), and the next run equals an uninterrupted
one; a dump added to an index they wrote in segments answers as one added to one writer's
index; stdin is read once for all of them; a write error in any of them ends the run as it ends
one writer's, and removes what the run made."""
import json
import os
import signal
import subprocess
import time
import unittest
from pathlib import Path

from tiharness import BIN, DATA, SAMPLES, IndexTestCase, delete_notice, generate_corpus, tweet, user

QUERIES = ["", "business", "tweet", "@guykawasaki", "from:guykawasaki", "#news", "domain:youtube.com",
           "is:retweet", "is:reply", "is:withheld", "is:edited", "is:deleted", "lang:es", "since:2016-01-01",
           "writerword", "-writerword", "fuller", "cut"]
QUERY_OPTIONS = [(), ("--include-deleted",), ("--include-edits",)]
REPORTS = [("accounts", "--format", "jsonl", "--limit", "0"), ("accounts", "writer*", "--format", "jsonl"),
           ("top", "domains", "--format", "csv"), ("top", "mentions", "--format", "csv"),
           ("top", "hashtags", "--format", "csv"), ("timeline", "--by", "day", "--format", "csv")]


def stream_records():
    """Every kind of meeting of two records of one id, and accounts seen in several shards."""
    records = [delete_notice(7001), tweet(7001, "writerword deleted before it came", author="writer0")]
    records += [tweet(7002 + i, f"writerword number {i} @writer{(i + 1) % 9}", author=f"writer{i % 9}",
                      mentions=[f"writer{(i + 1) % 9}"],
                      author_user=user(f"writer{i % 9}", followers=10 + i),
                      when=f"2012-0{1 + i % 9}-0{1 + i % 7}T10:00:00") for i in range(60)]
    records += [delete_notice(7003), delete_notice(7010), tweet(7003, "writerword duplicate of 7003", author="writer1")]
    records += [tweet(7005, "writerword number 3 @writer4", author="writer3", mentions=["writer4"])]  # duplicate
    records.append({"status_withheld": {"id": 7020, "id_str": "7020", "user_id": 1, "withheld_in_countries": ["DE"]}})
    records.append({"status_withheld": {"id": 7100, "id_str": "7100", "user_id": 1, "withheld_in_countries": ["FR"]}})
    records.append(tweet(7100, "writerword withheld before it came", author="writer2"))
    records.append({"user_withheld": {"id": 4242, "withheld_in_countries": ["DE"]}})
    # A cut copy, then the full one; and a full one, then its cut copy.
    full = "writerword fuller text of a long tweet " + "z" * 110 + " the end"
    records.append(tweet(7300, full[:100] + "…", author="writer3", truncated=True))
    fuller = tweet(7300, full[:100] + "…", author="writer3", truncated=True)
    fuller["extended_tweet"] = {"full_text": full, "entities": tweet(1, full)["entities"]}
    records.append(fuller)
    records.append(fuller | {"id": 7301, "id_str": "7301"})
    records.append(tweet(7301, full[:100] + "…", author="writer3", truncated=True))
    original = tweet(7400, "writerword cut original", author="origin")
    records.append(tweet(7401, "RT @origin: writerword cut original", author="writer1", retweeted_status=original))
    return records


def edit_records():
    """An edit chain in API v2, its versions out of order."""
    chain = ["1600000000000000001", "1600000000000000005", "1600000000000000009"]

    def v2(tid, text):
        return {"id": tid, "text": text, "created_at": "2024-05-01T10:00:00.000Z", "author_id": "77",
                "author": {"id": "77", "username": "editor", "name": "Editor"}, "edit_history_tweet_ids": chain}
    # A second chain whose first version comes last, from API v1.1, which knows nothing of edits:
    # found only by the chain term its later version carries.
    later = v2("1600000000000000102", "writerword later version") | {
        "edit_history_tweet_ids": ["1600000000000000100", "1600000000000000102"]}
    first = tweet(1600000000000000100, "writerword earlier version", author="editor", when="2024-05-01T09:00:00")
    return [v2(chain[2], "writerword third version"), v2(chain[0], "writerword first version"),
            v2(chain[1], "writerword second version"), later, first]


class ManyWriters(IndexTestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.folder = tempfile.mkdtemp(prefix="tweet-index-writers-")
        cls.generated = generate_corpus(os.path.join(cls.folder, "generated.jsonl"), 3000, 5)

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.folder, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.inputs = [SAMPLES, os.path.join(DATA), self.generated,
                       self.write_jsonl("stream.jsonl", stream_records()),
                       self.write_jsonl("edits.jsonl", edit_records())]

    def answers(self, db):
        """Everything compared between two indexes: ids of every query, counts, reports."""
        out = {}
        for options in QUERY_OPTIONS:
            for q in QUERIES:
                out[("ids", q, options)] = self.run_tool(
                    "tweet-query", ["search", q, "--db", db, "--format", "ids", "--limit", "0", *options]).stdout
                out[("count", q, options)] = self.run_tool(
                    "tweet-query", ["search", q, "--db", db, "--count", *options]).stdout
        for args in REPORTS:
            out[args] = self.run_tool("tweet-query", [*args, "--db", db]).stdout
        return out

    def build(self, db, *options, expect_rc=None, inputs=None):
        return self.run_tool("tweet-index", ["--db", db, *options, *(inputs or self.inputs)], expect_rc=expect_rc)

    def assert_same_answers(self, db, reference):
        theirs, ours = self.answers(db), self.answers(reference)
        self.assertEqual(theirs.keys(), ours.keys())
        for key in ours:
            with self.subTest(key=key):
                self.assertEqual(theirs[key], ours[key])

    def test_writers_give_the_answers_of_one_writer(self):
        one = self.path("one.xapian")
        single = self.build(one, "--jobs", "1")
        self.assertGreater(len(self.answers(one)[("ids", "", ())].split()), 3000)
        for jobs in ["2", "3", "7"]:
            with self.subTest(jobs=jobs):
                many = self.path(f"many{jobs}.xapian")
                proc = self.build(many, "--jobs", jobs)
                self.assertEqual(proc.returncode, single.returncode, proc.stderr)
                strip = lambda summary: summary.strip().splitlines()[-1].split("; ")[:2]
                self.assertEqual(strip(proc.stderr), strip(single.stderr))
                self.assertEqual(proc.stderr.count("expected.json:1:"), 1, proc.stderr)  # once, not per writer
                self.assert_same_answers(many, one)
                # The files read are remembered: the same inputs again add nothing.
                again = self.build(many)
                self.assertIn(" 0 tweets indexed", again.stderr)
        self.assertFalse([f for f in os.listdir(self.tmp) if ".jobs-" in f], "a work folder is left behind")

    def test_the_writers_allocate_with_mimalloc(self):
        # The allocator is a speed choice (docs/performance.md): a build that lost it would only
        # be slower, so it is checked here. A sanitizer build keeps the sanitizer's allocator.
        indexer = os.path.join(BIN, "tweet-index")
        libraries = subprocess.run(["ldd", indexer], capture_output=True, text=True).stdout
        self.assertIn("libxapian", libraries)  # ldd read it
        if "libasan" in libraries or "libclang_rt.asan" in libraries or b"__asan_init" in Path(indexer).read_bytes():
            self.skipTest("a sanitizer build")
        env = dict(self.env, MIMALLOC_VERBOSE="1")
        proc = subprocess.run([indexer, "--quiet", "--db", self.path("mi.xapian"), os.path.join(SAMPLES, "api-v1")],
                              capture_output=True, text=True, env=env, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("mimalloc: process init", proc.stderr)

    def test_stdin_is_read_once_for_every_writer(self):
        stream = self.inputs[3]
        one, many = self.path("one.xapian"), self.path("many.xapian")
        self.build(one, "--jobs", "1", expect_rc=0, inputs=[stream, self.generated])
        with open(stream, encoding="utf-8") as f:
            proc = self.run_tool("tweet-index", ["--db", many, "--jobs", "3", "-", self.generated], stdin=f.read())
        self.assertIn("; 3 writers;", proc.stderr)
        self.assert_same_answers(many, one)

    def start_paused_at_merge(self, db, options, inputs, segment_docs):
        """Starts tweet-index making `db`, its merge slowed down, writers' segments of
        `segment_docs` documents; returns the process and the names in its work folder once the
        merge is under way."""
        env = dict(self.env, TWEET_INDEX_TEST_MERGE_PAUSE_MS="200", TWEET_INDEX_TEST_SEGMENT_DOCS=str(segment_docs))
        proc = subprocess.Popen([os.path.join(BIN, "tweet-index"), "--db", db, "-q", *options, *inputs],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        work = f"{db}.jobs-{proc.pid}"
        deadline = time.monotonic() + 240
        # The merge is under way when its folder appears (or, for a compactor writing straight into
        # the index path, when that path does).
        while not (os.path.exists(os.path.join(work, "merged")) or os.path.exists(db)) and proc.poll() is None:
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.001)
        names = os.listdir(work) if os.path.isdir(work) else []
        return proc, names

    def test_writers_in_segments_give_the_answers_of_one_database(self):
        # Every record that meets an earlier one of its id (duplicates, notices before and after,
        # fuller and cut copies, edit versions out of order) finds it in an earlier segment: a
        # writer seals its segment at each commit here.
        inputs = self.inputs[3:]
        one = self.path("one.xapian")
        self.build(one, "--jobs", "1", inputs=inputs)
        many = self.path("segments.xapian")
        proc, names = self.start_paused_at_merge(many, ["--jobs", "2", "--batch-size", "1"], inputs, segment_docs=1)
        _, stderr = proc.communicate(timeout=240)
        self.assertEqual(proc.returncode, 0, stderr)
        self.assertGreater(len([n for n in names if n.startswith("shard1.")]), 20, names)
        self.assertGreater(len([n for n in names if n.startswith("shard2.")]), 20, names)
        self.assert_same_answers(many, one)
        self.assertFalse([f for f in os.listdir(self.tmp) if ".jobs-" in f], "a work folder is left behind")

    def test_a_dump_added_to_an_index_built_in_segments_answers_as_one_database(self):
        # The generated corpus written as segments of 500 documents, merged; then a dump whose
        # notices and copies meet tweets of several of those segments, and records of every kind
        # of meeting of their own. The same two runs into one database are the reference.
        with open(self.generated, encoding="utf-8") as f:
            tweets = [r for r in map(json.loads, f) if "id_str" in r]  # not the delete notices
        self.assertGreater(len(tweets), 2800)
        met = [tweets[k]["id_str"] for k in (10, 900, 1800, 2700)]
        copies = tweets[1200:1205]  # exact duplicates
        dump = [delete_notice(int(i)) for i in met[:2]]
        dump.append({"status_withheld": {"id": int(met[2]), "id_str": met[2], "user_id": 1,
                                          "withheld_in_countries": ["DE"]}})
        dump += copies + stream_records() + edit_records()
        dump.append(tweet(int(met[3]), "writerword a later copy of a generated tweet", author="writer5"))
        dump_file = self.write_jsonl("dump.jsonl", dump)

        one = self.path("one.xapian")
        self.run_tool("tweet-index", ["--db", one, "--jobs", "1", self.generated])  # one writer: one database
        segmented = self.path("segmented.xapian")
        proc, names = self.start_paused_at_merge(segmented, ["--jobs", "2", "--batch-size", "100"], [self.generated],
                                                 segment_docs=500)
        _, stderr = proc.communicate(timeout=240)
        self.assertEqual(proc.returncode, 0, stderr)
        self.assertIn("shard1.3", names)  # the index was written as several segments a writer
        live_before = self.answers(segmented)[("ids", "", ())].split()
        for db in (one, segmented):
            self.run_tool("tweet-index", ["--db", db, dump_file])
        self.assert_same_answers(segmented, one)
        # The dump reached the tweets of the earlier segments: the deleted are no longer live.
        after = self.answers(segmented)
        for i in met[:2]:
            self.assertIn(i, live_before)
            self.assertNotIn(i, after[("ids", "", ())].split())
            self.assertIn(i, after[("ids", "", ("--include-deleted",))].split())
        self.assertIn(met[2], after[("ids", "is:withheld", ())].split())

    def test_a_kill_during_the_merge_leaves_no_partial_index(self):
        reference = self.path("reference.xapian")
        self.build(reference, "--jobs", "1", expect_rc=1)
        db = self.path("killed.xapian")
        proc, names = self.start_paused_at_merge(db, ["--jobs", "2", "--batch-size", "100"], self.inputs,
                                                 segment_docs=500)
        self.assertIn("shard1.3", names)  # the merge of several full segments of each writer
        time.sleep(0.05)
        self.assertIsNone(proc.poll(), "the run ended before the kill")
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        self.assertFalse(os.path.exists(db), "a kill during the merge left something at the index path")
        # The next run equals an uninterrupted one, and takes away what the killed one left.
        self.build(db, "--jobs", "2", expect_rc=1)
        self.assert_same_answers(db, reference)
        self.assertFalse([f for f in os.listdir(self.tmp) if ".jobs-" in f], "the killed run's work folder stays")

    def test_a_write_error_in_a_writer_ends_the_run_as_for_one_writer(self):
        data = self.write_jsonl("big.jsonl", [tweet(10**6 + i, f"big tweet {i} word{i} other{i * 7} more{i * 13}",
                                                    author=f"user{i % 300}") for i in range(15000)])
        for jobs in ["1", "3"]:
            with self.subTest(jobs=jobs):
                db = self.path(f"limited{jobs}.xapian")
                # (at some other limits, Xapian 1.4 itself aborts inside commit(), one writer or many)
                command = 'ulimit -f 100; exec "$0" "$@"'
                proc = subprocess.run(["bash", "-c", command, os.path.join(BIN, "tweet-index"), "--db", db,
                                       "--jobs", jobs, "--batch-size", "500", data],
                                      capture_output=True, text=True, env=self.env, timeout=300)
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertIn(f"{db}: cannot write the index", proc.stderr)  # the index, not a shard
                self.assertIn("File too large", proc.stderr)
                self.assertEqual(proc.stderr.count("cannot write the index"), 1, proc.stderr)
                for xapian_word in ("Xapian", "DatabaseError", "terminate"):
                    self.assertNotIn(xapian_word, proc.stderr)
                if jobs != "1":
                    self.assertFalse(os.path.exists(db))  # nothing was merged: no index
                self.assertFalse([f for f in os.listdir(self.tmp) if ".jobs-" in f], "a work folder is left behind")
                # With room again, the same command completes the index.
                self.run_tool("tweet-index", ["--db", db, "--jobs", jobs, data])
                self.assertEqual(self.run_tool("tweet-query", ["search", "", "--count", "--db", db]).stdout.strip(),
                                 "15000")


if __name__ == "__main__":
    unittest.main()
