"""An index added to is an index of segments (core/segmented_index.h): each run's new tweets in a
fresh segment, listed in the folder's XAPIANDB, merged by a log merge policy. It must answer as one
index built whole from the same files in the same order, across every meeting of a record with an
earlier one of its id in another segment, through a stub of shards, across audit --since-last, and
after a kill in the middle of a merge."""
import json
import os
import signal
import subprocess
import time
import unittest

from tiharness import BIN, IndexTestCase, delete_notice, generate_corpus, tweet

QUERIES = ["", "business", "tweet", "segword", "#news", "domain:youtube.com", "has:links", "is:deleted",
           "is:withheld", "-is:retweet", "lang:en"]
QUERY_OPTIONS = [(), ("--include-deleted",), ("--include-edits",)]
REPORTS = [("accounts", "--format", "jsonl", "--limit", "0"), ("top", "mentions", "--format", "jsonl"),
           ("top", "domains", "--format", "jsonl"), ("account", "segwriter0", "--format", "jsonl")]


def segments(db):
    """The segments XAPIANDB lists, in order."""
    with open(os.path.join(db, "XAPIANDB"), encoding="utf-8") as f:
        return [line.split()[1] for line in f if line.strip()]


class Segments(IndexTestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.folder = tempfile.mkdtemp(prefix="tweet-index-segments-")
        generated = generate_corpus(os.path.join(cls.folder, "generated.jsonl"), 2000, 23)
        with open(generated, encoding="utf-8") as f:
            cls.lines = f.readlines()
        cls.tweets = [r for r in map(json.loads, cls.lines) if "id_str" in r]

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.folder, ignore_errors=True)

    def parts(self, dumps):
        """The generated corpus as a base and `dumps` dumps, each dump also holding records that
        meet tweets of the base and of the dumps before it: delete and withheld notices, exact
        copies, a full copy of a tweet first seen cut, notices before their tweet (whose tweet
        comes in a later dump), and a new version of an edited tweet."""
        # The base is three times a dump or more: a dump's segment is of a smaller size tier.
        split = len(self.lines) * 3 // 5
        base_lines, rest = self.lines[:split], self.lines[split:]
        step = len(rest) // dumps
        files = [self.write_text("base.jsonl", "".join(base_lines))]
        seen = [t for t in map(json.loads, base_lines) if "id_str" in t]
        for k in range(dumps):
            extra = []
            early, late = seen[(7 * k) % len(seen)], seen[(13 * k + 5) % len(seen)]
            extra.append(delete_notice(int(early["id_str"])))
            extra.append({"status_withheld": {"id": int(late["id_str"]), "id_str": late["id_str"], "user_id": 1,
                                              "withheld_in_countries": ["DE"]}})
            extra.append(seen[(17 * k + 3) % len(seen)])  # an exact copy
            cut_id = 1700000000000000000 + 10 * k
            full_text = f"segword full text of tweet {k} that the first copy cut short somewhere"
            extra.append(tweet(cut_id, full_text[:30] + "\u2026", author=f"segwriter{k % 3}") | {"truncated": True})
            if k > 0:
                prev = 1700000000000000000 + 10 * (k - 1)
                extra.append(tweet(prev, f"segword full text of tweet {k - 1} that the first copy cut short somewhere",
                                   author=f"segwriter{(k - 1) % 3}"))
                extra.append(tweet(prev + 1, f"segword tweet {k - 1} whose notice came a dump before",
                                   author="segwriter1"))
            extra.append(delete_notice(cut_id + 1))  # its tweet comes in the next dump
            part = rest[k * step:(k + 1) * step] if k < dumps - 1 else rest[k * step:]
            files.append(self.write_text(f"dump{k}.jsonl", "".join(part) + "".join(json.dumps(r) + "\n" for r in extra)))
            seen += [t for t in map(json.loads, part) if "id_str" in t]
        return files

    def answers(self, db):
        out = {}
        for options in QUERY_OPTIONS:
            for q in QUERIES:
                out[("ids", q, options)] = sorted(self.run_tool(
                    "tweet-query", ["search", q, "--db", db, "--format", "ids", "--limit", "0", *options]).stdout.split())
        for args in REPORTS:
            out[args] = self.run_tool("tweet-query", [*args, "--db", db]).stdout
        return out

    def assert_same_answers(self, db, reference):
        theirs, ours = self.answers(db), self.answers(reference)
        self.assertGreater(len(ours[("ids", "", ())]), 1500)
        for key in ours:
            with self.subTest(key=key):
                self.assertEqual(theirs[key], ours[key])

    def whole(self, files):
        """The reference: the same files, in the same order, in one run."""
        whole = self.path("whole.xapian")
        self.run_tool("tweet-index", ["--db", whole, "--jobs", "1", *files])
        return whole

    def test_dumps_added_in_segments_answer_as_one_index_built_whole(self):
        files = self.parts(6)
        self.index(files[0])
        self.assertFalse(os.path.exists(os.path.join(self.db, "XAPIANDB")))  # a new index: one database
        counts = []
        for k, dump in enumerate(files[1:], start=1):
            proc = self.index(dump)
            self.assertIn(" 0 records rejected", proc.stderr)
            counts.append(len(segments(self.db)))
            with self.subTest(dumps=k):
                self.assert_same_answers(self.db, self.whole(files[: k + 1]))
        # A segment a dump, until four of one size merged into one.
        self.assertEqual(counts[:3], [2, 3, 4], counts)
        self.assertLess(counts[3], 5, counts)
        self.assertLessEqual(max(counts), 8, counts)
        # Only listed segments are left, and the files read are remembered across them.
        names = [n for n in os.listdir(self.db) if n.startswith("seg")]
        self.assertEqual(sorted(names), sorted(segments(self.db)))
        again = self.index(*files)
        self.assertIn(" 0 tweets indexed", again.stderr)
        self.assertIn(f"{len(files)} unchanged and skipped", again.stderr)
        # --compact makes one database again, with the same answers.
        self.index(options=["--compact"])
        self.assertFalse(os.path.exists(os.path.join(self.db, "XAPIANDB")))
        self.assert_same_answers(self.db, self.whole(files))

    def test_since_last_takes_each_dump_once(self):
        files = self.parts(3)
        audit = self.write_text("audit.toml", '[[check]]\nname = "words"\nquery = "segword OR business"\n')

        def since_last():
            out = self.query("audit", audit, "--since-last", "--format", "json", expect_rc=None).stdout
            return json.loads(out)["checks"][0]

        self.index(files[0])
        since_last()
        for k, dump in enumerate(files[1:], start=1):
            before = set(self.ids("segword OR business"))
            self.index(dump)
            new = set(self.ids("segword OR business")) - before
            self.assertTrue(new)
            with self.subTest(dump=k):
                self.assertEqual(since_last()["count"], len(new))

    def test_since_last_goes_on_through_merges_of_the_first_segment(self):
        # Dumps the size of the base: the fourth makes four segments of one tier, the first among
        # them, merged into a new first segment; then --compact. The dumps' paths sort before the
        # base's, so no metadata order of the compactor's can pass for the identity by chance.
        audit = self.write_text("audit.toml", '[[check]]\nname = "words"\nquery = "mergeword"\n')

        def since_last():
            out = self.query("audit", audit, "--since-last", "--format", "json", expect_rc=None).stdout
            return json.loads(out)["checks"][0]["count"]

        def batch(name, k):
            return self.write_jsonl(name, [tweet(1800000000000000000 + 100 * k + i, f"mergeword {k} {i}",
                                                 author=f"merger{i % 5}") for i in range(40)])

        self.index(batch("z-base.jsonl", 0))
        self.assertEqual(since_last(), 40)  # no mark yet: everything
        first_segments = []
        for k in range(1, 5):
            self.index(batch(f"a-dump{k}.jsonl", k))
            first_segments.append(segments(self.db)[0])
            with self.subTest(dump=k):
                self.assertEqual(since_last(), 40)
        self.assertNotEqual(first_segments[-1], "seg1", first_segments)  # the first segment was merged
        self.index(batch("a-dump5.jsonl", 5), options=["--compact"])
        self.assertFalse(os.path.exists(os.path.join(self.db, "XAPIANDB")))
        self.assertEqual(since_last(), 40)
        self.assertEqual(since_last(), 0)

    def test_a_stub_of_segmented_shards_answers_as_one_index(self):
        files = self.parts(2)
        shards = [self.path("shard1.xapian"), self.path("shard2.xapian")]
        for k, shard in enumerate(shards, start=1):
            for f in files:
                self.run_tool("tweet-index", ["--db", shard, "--shard", f"{k}/2", f])
            self.assertEqual(len(segments(shard)), 3)
        stub = self.write_text("shards.stub", "".join(f"auto {s}\n" for s in shards))
        theirs, ours = self.answers(stub), self.answers(self.whole(files))
        for key in ours:
            if key[0] == "ids":  # ties in reports are broken by document number, which a stub interleaves
                with self.subTest(key=key):
                    self.assertEqual(theirs[key], ours[key])
        # The stub is the same index to `audit --since-last` while its shards gain segments.
        audit = self.write_text("audit.toml", '[[check]]\nname = "words"\nquery = "segword"\n')
        state = os.path.join(self.tmp, ".audit.toml.state.json")

        def recorded_identity():
            self.run_tool("tweet-query", ["audit", audit, "--since-last", "--db", stub], expect_rc=None)
            with open(state, encoding="utf-8") as f:
                return json.load(f)["runs"][os.path.abspath(stub)]["uuid"]

        before = recorded_identity()
        more = self.write_jsonl("more.jsonl", [tweet(1750000000000000000 + i, f"segword more {i}") for i in range(20)])
        for k, shard in enumerate(shards, start=1):
            self.run_tool("tweet-index", ["--db", shard, "--shard", f"{k}/2", more])
            self.assertEqual(len(segments(shard)), 4)
        self.assertEqual(recorded_identity(), before)

    def test_a_run_ended_between_the_segments_commits_is_completed_by_the_next(self):
        # The fresh segment is committed first, with a journal of the batch's changes to the
        # older segments; the run ends before those are committed. The next run (its file is
        # marked read, so it adds nothing) replays the journal.
        files = self.parts(1)
        edited = self.tweets[100]
        later = tweet(int(edited["id_str"]) + 1, "segword a later version", author="segwriter0") | {
            "edit_history_tweet_ids": [edited["id_str"], str(int(edited["id_str"]) + 1)]}
        with open(files[1], "a", encoding="utf-8") as f:
            f.write(json.dumps(later) + "\n")
        self.index(files[0])
        env = dict(self.env, TWEET_INDEX_TEST_EXIT_BETWEEN_COMMITS="1")
        proc = subprocess.run([os.path.join(BIN, "tweet-index"), "--db", self.db, "-q", "--batch-size", "100000",
                               files[1]], env=env, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 9, proc.stderr)  # it ended where the test asked
        proc = self.index(files[1])
        self.assertIn(" 0 tweets indexed", proc.stderr)
        self.assertIn("1 unchanged and skipped", proc.stderr)
        self.assert_same_answers(self.db, self.whole(files))

    def test_a_kill_during_a_merge_leaves_the_index_whole(self):
        files = self.parts(4)
        for f in files[:4]:
            self.index(f)
        self.assertEqual(len(segments(self.db)), 4)  # the fourth dump makes four of one size
        env = dict(self.env, TWEET_INDEX_TEST_MERGE_PAUSE_MS="300")
        proc = subprocess.Popen([os.path.join(BIN, "tweet-index"), "--db", self.db, "-q", files[4]], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while proc.poll() is None:
            # The merge's output: a segment folder that the list does not hold.
            listed = segments(self.db)
            if len(listed) == 5 and any(n.startswith("seg") and n not in listed for n in os.listdir(self.db)):
                break
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.005)
        self.assertIsNone(proc.poll(), "the run ended before the kill")
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        whole = self.whole(files)
        self.assert_same_answers(self.db, whole)  # the dump was listed before the merge began
        # The next run removes the merge's half-written folder and merges again.
        proc = self.index(files[4])
        self.assertIn(" 0 tweets indexed", proc.stderr)
        self.assertLess(len(segments(self.db)), 5)
        self.assertEqual(sorted(n for n in os.listdir(self.db) if n.startswith("seg")), sorted(segments(self.db)))
        self.assert_same_answers(self.db, whole)


if __name__ == "__main__":
    unittest.main()
