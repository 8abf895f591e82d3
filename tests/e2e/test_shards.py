"""tweet-index --shard K/N: N shards of the same inputs hold exactly the tweets of one index,
each tweet in one shard, delete and withheld notices with their tweet (whichever comes first);
a Xapian stub file listing the shards answers tweet-query as the single index does."""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import unittest

from tiharness import SAMPLES, IndexTestCase, delete_notice, generate_corpus, tweet

N = 3
QUERIES = ["", "business", '"business model"', "entreprise", "@guykawasaki", "from:guykawasaki", "#news",
           "domain:youtube.com", "is:retweet", "is:reply", "has:links", "lang:es", "is:withheld",
           "since:2016-01-01", "shardword", "-shardword"]


def stream_records():
    """Notices before and after their tweets, a duplicate, a withheld tweet, a retweet."""
    records = [delete_notice(9001), tweet(9001, "shardword deleted before it came")]
    records += [tweet(9002 + i, f"shardword number {i}", author=f"sharder{i % 4}") for i in range(40)]
    records += [delete_notice(9003), delete_notice(9010), tweet(9003, "shardword duplicate of 9003")]
    records.append({"status_withheld": {"id": 9020, "id_str": "9020", "user_id": 1, "withheld_in_countries": ["DE"]}})
    records.append({"status_withheld": {"id": 9100, "id_str": "9100", "user_id": 1, "withheld_in_countries": ["FR"]}})
    records.append(tweet(9100, "shardword withheld before it came"))
    original = tweet(9200, "shardword the original", author="origin")
    records.append(tweet(9201, "RT @origin: shardword the original", author="sharder1", retweeted_status=original))
    return records


class Shards(IndexTestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="tweet-index-shards-")
        cls.generated = os.path.join(cls.folder, "generated.jsonl")
        generate_corpus(cls.generated, 1500, 11)

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.folder, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.stream = self.write_jsonl("stream.jsonl", stream_records())
        self.inputs = [os.path.join(SAMPLES, "api-v1"), os.path.join(SAMPLES, "stream"),
                       os.path.join(SAMPLES, "archive", "guykawasaki-archive.zip"), self.generated, self.stream]
        self.index(*self.inputs)
        self.shards = [os.path.join(self.tmp, f"shard{k}.xapian") for k in range(1, N + 1)]
        for k, shard in enumerate(self.shards, 1):
            self.run_tool("tweet-index", ["--db", shard, "--shard", f"{k}/{N}", *self.inputs])
        self.stub = self.write_text("stub", "".join(f"auto {s}\n" for s in self.shards))

    def ids_in(self, db, q, *options):
        out = self.run_tool("tweet-query", ["search", q, "--db", db, "--format", "ids", "--limit", "0",
                                            *options]).stdout
        return out.split()

    def test_shards_partition_the_single_index(self):
        for options in [(), ("--include-deleted",)]:
            for q in QUERIES:
                with self.subTest(query=q, options=options):
                    single = self.ids_in(self.db, q, *options)
                    parts = [self.ids_in(s, q, *options) for s in self.shards]
                    union = set().union(*parts)
                    self.assertEqual(sum(len(p) for p in parts), len(union), "shards overlap")
                    self.assertEqual(union, set(single))
                    self.assertEqual(len(single), len(set(single)))
        self.assertGreater(len(self.ids_in(self.db, "")), 1500)
        # Every shard got some of the tweets.
        for s in self.shards:
            self.assertGreater(len(self.ids_in(s, "")), 300)

    def test_notices_meet_their_tweets(self):
        for options, expected in [((), set()), (("--include-deleted",), {"9001", "9003", "9010"})]:
            found = set().union(*(self.ids_in(s, "id:9001 OR id:9003 OR id:9010", *options) for s in self.shards))
            self.assertEqual(found, expected)
        withheld = set().union(*(self.ids_in(s, "is:withheld") for s in self.shards))
        self.assertEqual(withheld, {"9020", "9100"})
        self.assertEqual(withheld, set(self.ids_in(self.db, "is:withheld")))

    def test_stub_of_the_shards_answers_as_the_single_index(self):
        for q in QUERIES:
            with self.subTest(query=q):
                self.assertEqual(self.ids_in(self.stub, q), self.ids_in(self.db, q))
                count = lambda db: self.run_tool("tweet-query", ["search", q, "--count", "--db", db]).stdout
                self.assertEqual(count(self.stub), count(self.db))
        same = lambda *args: self.assertEqual(
            self.run_tool("tweet-query", [*args, "--db", self.stub]).stdout,
            self.run_tool("tweet-query", [*args, "--db", self.db]).stdout, args)
        same("search", "business", "--format", "jsonl", "--limit", "0")
        # Relevance: the same weights (Xapian merges the shards' statistics), but ties are broken
        # by document number, which a stub interleaves: same tweets, not always the same order.
        self.assertEqual(sorted(self.ids_in(self.stub, "business", "--sort", "relevance")),
                         sorted(self.ids_in(self.db, "business", "--sort", "relevance")))
        same("graph", "--edges", "mentions", "--format", "csv")
        same("top", "mentions", "--limit", "0", "--format", "csv")
        same("top", "domains", "lang:en", "--limit", "0", "--format", "csv")
        same("timeline", "--by", "month", "--format", "csv")
        # Every shard keeps the whole account registry: accounts agree too.
        same("accounts", "--format", "jsonl", "--limit", "0")
        same("account", "guykawasaki", "--format", "jsonl")

    @unittest.skipUnless(shutil.which("xapian-tcpsrv"), "needs xapian-tcpsrv (Debian's xapian-tools)")
    def test_remote_shards_answer_as_the_single_index(self):
        """Each shard served by xapian-tcpsrv on 127.0.0.1, a stub of `remote HOST:PORT` lines:
        Xapian's remote backend, as several machines would serve them (docs/scaling.md)."""
        servers = []
        try:
            lines = []
            for shard in self.shards:
                for attempt in range(5):  # a free port, unless another program takes it first
                    with socket.socket() as probe:
                        probe.bind(("127.0.0.1", 0))
                        port = probe.getsockname()[1]
                    server = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port),
                                               shard], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                              start_new_session=True)  # its SIGTERM goes to its own group
                    output = ""
                    while True:  # "Starting server on host 127.0.0.1, port N", then "Listening..."
                        line = server.stdout.readline()
                        output += line
                        if not line or line.startswith("Listening"):
                            break
                    if "Listening" in output:
                        break
                    server.wait(timeout=30)
                self.assertIn("Listening", output, "xapian-tcpsrv did not start")
                servers.append(server)
                lines.append(f"remote 127.0.0.1:{port}\n")
            remote = self.write_text("remote-stub", "".join(lines))
            run = lambda db, *args: self.run_tool("tweet-query", [*args, "--db", db]).stdout
            for q in QUERIES:
                with self.subTest(query=q):
                    self.assertEqual(run(remote, "search", q, "--count"), run(self.db, "search", q, "--count"))
                    # Newest first; a remote shard sorts by date alone, so tweets of the same second
                    # may come in another order: the same ids, compared as sets.
                    self.assertEqual(sorted(self.ids_in(remote, q)), sorted(self.ids_in(self.db, q)))
            for args in [("top", "mentions", "--limit", "0", "--format", "csv"),
                         ("top", "domains", "lang:en", "--limit", "0", "--format", "csv"),
                         ("top", "urls", "has:links", "--limit", "0", "--format", "csv"),
                         ("timeline", "--by", "month", "--format", "csv"),
                         ("timeline", "lang:en", "--by", "month", "--format", "csv"),
                         ("graph", "--edges", "mentions", "--format", "csv"),
                         ("accounts", "--format", "jsonl", "--limit", "0"),
                         ("account", "guykawasaki", "--format", "jsonl")]:
                with self.subTest(args=args):
                    self.assertEqual(run(remote, *args), run(self.db, *args))
            self.assertEqual(sorted(run(remote, "search", "business", "--format", "jsonl", "--limit", "0").splitlines()),
                             sorted(run(self.db, "search", "business", "--format", "jsonl", "--limit", "0").splitlines()))
            # The program form of a remote line, as with ssh: `remote :PROGRAM ARGS`.
            piped = self.write_text("piped-stub", "".join(f"remote :xapian-progsrv {s}\n" for s in self.shards))
            for q in QUERIES:
                with self.subTest(query=q, stub="xapian-progsrv"):
                    self.assertEqual(run(piped, "search", q, "--count"), run(self.db, "search", q, "--count"))
            self.assertEqual(run(piped, "top", "domains", "lang:en", "--format", "csv"),
                             run(self.db, "top", "domains", "lang:en", "--format", "csv"))
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)
                server.stdout.close()

    def test_jobs_make_the_same_index(self):
        """--jobs 3: three shards written in parallel and merged, the same index as one writer's."""
        merged = self.path("jobs.xapian")
        single_summary = self.run_tool("tweet-index", ["--db", self.path("again.xapian"), *self.inputs]).stderr
        proc = self.run_tool("tweet-index", ["--db", merged, "--jobs", "3", *self.inputs])
        strip = lambda summary: summary.strip().split("; ")[:2]  # without the jobs count and the time
        self.assertEqual(strip(proc.stderr.replace(", 3 jobs", "")), strip(single_summary))
        for options in [(), ("--include-deleted",)]:
            for q in QUERIES:
                with self.subTest(query=q, options=options):
                    self.assertEqual(self.ids_in(merged, q, *options), self.ids_in(self.db, q, *options))
        for args in [("accounts", "--format", "jsonl", "--limit", "0"), ("top", "domains", "--format", "csv"),
                     ("timeline", "--by", "day", "--format", "csv")]:
            self.assertEqual(self.run_tool("tweet-query", [*args, "--db", merged]).stdout,
                             self.run_tool("tweet-query", [*args, "--db", self.db]).stdout, args)
        # The files read are remembered: the same inputs again add nothing.
        again = self.run_tool("tweet-index", ["--db", merged, *self.inputs]).stderr
        self.assertIn(" 0 tweets indexed", again)
        self.assertFalse([f for f in os.listdir(self.tmp) if ".jobs-" in f], "the shards' folder is left behind")

    def test_jobs_refuse_what_they_cannot_do(self):
        self.run_tool("tweet-index", ["--db", self.db, "--jobs", "2", self.stream], expect_rc=2)  # exists
        for extra in [["--strict"], ["--shard", "1/2"]]:
            with self.subTest(extra=extra):
                proc = self.run_tool("tweet-index", ["--db", self.path("new.xapian"), "--jobs", "2", *extra,
                                                     self.stream], expect_rc=2)
                self.assertIn("--jobs 2:", proc.stderr)
        proc = self.run_tool("tweet-index", ["--db", self.path("new.xapian"), "--jobs", "0", self.stream], expect_rc=None)
        self.assertNotEqual(proc.returncode, 0)

    def test_jobs_report_a_rejected_record_once(self):
        bad = self.write_text("bad.jsonl", '{"id_str": "77", "text": "fine"}\n{not json\n')
        proc = self.run_tool("tweet-index", ["--db", self.path("j.xapian"), "--jobs", "2", bad], expect_rc=1)
        self.assertEqual(proc.stderr.count("bad.jsonl:2:"), 1, proc.stderr)
        self.assertIn("1 records rejected", proc.stderr)

    def test_a_stub_is_not_written(self):
        before = self.ids_in(self.stub, "")
        proc = self.run_tool("tweet-index", ["--db", self.stub, self.stream], expect_rc=2)
        self.assertIn("stub file of shards is only for reading", proc.stderr)
        self.assertEqual(self.ids_in(self.stub, ""), before)

    def test_bad_shard_option(self):
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/3x", ""]:
            with self.subTest(bad=bad):
                proc = self.run_tool("tweet-index", ["--db", self.path("bad.xapian"), "--shard", bad, self.stream],
                                     expect_rc=2)
                self.assertIn("--shard", proc.stderr)

    def test_summary_counts_the_other_shards(self):
        proc = self.run_tool("tweet-index", ["--db", self.path("one.xapian"), "--shard", "1/2", self.stream])
        self.assertRegex(proc.stderr, r"\d+ tweets and notices of the other shards skipped \(shard 1/2\)")


if __name__ == "__main__":
    unittest.main()
