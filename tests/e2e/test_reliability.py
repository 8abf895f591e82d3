"""Promises to users who run the tool unattended: a second writer is told what is going on, a
read-only index answers, hostile queries get a bounded, clear error."""
import json
import os
import shutil
import stat
import subprocess
import tempfile
import time
import unittest

from tiharness import BIN, IndexTestCase, tweet


class Concurrency(IndexTestCase):
    def test_second_writer_is_told_the_index_is_locked(self):
        self.index(self.write_jsonl("a.jsonl", [tweet(1, "first")]))
        # The first writer holds the index while it waits for stdin.
        holder = subprocess.Popen([os.path.join(BIN, "tweet-index"), "--db", self.db, "-"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        try:
            time.sleep(0.5)
            proc = self.index(self.write_jsonl("b.jsonl", [tweet(2, "second")]), expect_rc=2)
            self.assertIn("index is locked by another tweet-index", proc.stderr)
            self.assertNotIn("DatabaseLockError", proc.stderr)
            # Searching while a writer holds the lock works.
            self.assertEqual(self.ids(""), {"1"})
        finally:
            holder.communicate(json.dumps(tweet(3, "from the holder")) + "\n", timeout=60)
        self.assertEqual(holder.returncode, 0)
        self.assertEqual(self.ids(""), {"1", "3"})

    def test_read_only_index_is_searchable(self):
        self.index(self.write_jsonl("a.jsonl", [tweet(1, "first")]))
        for root, dirs, files in os.walk(self.db):
            for name in files:
                os.chmod(os.path.join(root, name), stat.S_IRUSR)
        os.chmod(self.db, stat.S_IRUSR | stat.S_IXUSR)
        try:
            self.assertEqual(self.ids("first"), {"1"})
        finally:
            os.chmod(self.db, stat.S_IRWXU)


class SearchWhileIndexing(IndexTestCase):
    """Searches run while tweet-index commits every 1,000 tweets (20 times more often than by
    default): each answer comes from one committed state (never an error, never a tweet twice),
    and answers only grow. A read that spans two commits is retried on the reopened index."""

    def test_answers_are_consistent_while_the_indexer_commits(self):
        total = 30000
        data = self.write_jsonl("many.jsonl", [
            tweet(i, f"tweet number {i} @friend{i % 11}", author=f"user{i % 50}", mentions=[f"friend{i % 11}"])
            for i in range(1, total + 1)])
        self.index(self.write_jsonl("first.jsonl", [tweet(total + 1, "already there")]))
        writer = subprocess.Popen([os.path.join(BIN, "tweet-index"), "--db", self.db, "--batch-size", "1000", data],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        seen, rounds, grew = set(), 0, 0

        def one_round():
            nonlocal seen, rounds, grew
            out = self.query("search", "", "--format", "ids", "--limit", "0").stdout.split()
            self.assertEqual(len(out), len(set(out)), "a tweet listed twice")
            self.assertTrue(seen <= set(out), "a tweet went missing between two searches")
            grew += len(out) > len(seen)
            seen = set(out)
            # A top list from one snapshot: every tweet has one author, so the authors' counts
            # add up to at least the tweets listed before it.
            top = self.query("top", "authors", "-from:nobody", "--limit", "0", "--format", "jsonl").stdout
            self.assertGreaterEqual(sum(json.loads(line)["count"] for line in top.splitlines()), len(seen))
            rounds += 1

        try:
            while writer.poll() is None:
                one_round()
        finally:
            _, err = writer.communicate(timeout=300)
        one_round()  # after the last commit
        self.assertEqual(writer.returncode, 0, err)
        self.assertEqual(len(seen), total + 1)
        self.assertGreater(grew, 2, f"the searches saw the index grow {grew} times in {rounds} rounds: they did not "
                                    "overlap the writer")


def can_mount():
    """Whether this machine lets us make a read-only bind mount in a private mount namespace (root,
    and a container that allows it): the same steps as the test, on an empty folder."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    folder = tempfile.mkdtemp(prefix="tweet-index-mount-probe-")
    try:
        probe = subprocess.run(["unshare", "-m", "sh", "-c", 'mkdir "$0/a" "$0/b" && mount --bind "$0/a" "$0/b" && '
                                'mount -o remount,bind,ro "$0/b" && ! touch "$0/b/x" 2>/dev/null', folder],
                               capture_output=True)
        return probe.returncode == 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class ReadOnlyFilesystem(IndexTestCase):
    @unittest.skipUnless(can_mount(), "needs root and mount namespaces (unshare -m) to mount a read-only filesystem")
    def test_index_on_a_read_only_filesystem_is_searchable(self):
        self.index(self.write_jsonl("a.jsonl", [tweet(1, "first words"), tweet(2, "second words", author="bob")]))
        mnt = self.path("ro")
        os.makedirs(mnt)
        query = os.path.join(BIN, "tweet-query")
        indexer = os.path.join(BIN, "tweet-index")
        # In a private mount namespace: the index folder bound read-only onto `mnt`; files cannot
        # be written there even by root. The indexer must refuse with a clear message; searches
        # and accounts must answer.
        script = f"""set -e
mount --bind {self.db} {mnt}
mount -o remount,bind,ro {mnt}
if touch {mnt}/probe 2>/dev/null; then echo "NOT READ-ONLY"; exit 3; fi
{query} --db {mnt} search words --format ids
{query} --db {mnt} search from:bob --count
{query} --db {mnt} accounts --format csv | wc -l
{indexer} --db {mnt} {self.path("a.jsonl")} 2>&1 && echo "WRITER RAN" || echo "writer exit $?"
"""
        proc = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, env=self.env,
                              timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertEqual(set(lines[0:2]), {"1", "2"})
        self.assertEqual(lines[2], "1")
        self.assertEqual(lines[3], "3")  # header, alice, bob
        rest = "\n".join(lines[4:])
        self.assertIn("writer exit 2", rest)
        self.assertIn("cannot write the index: Read-only file system", rest)
        self.assertNotIn("locked by another", rest)
        self.assertNotIn("Xapian", rest)


class HostileQueries(IndexTestCase):
    def setUp(self):
        super().setUp()
        self.index(self.write_jsonl("a.jsonl", [tweet(i, f"tweet {i}", author=f"user{i}") for i in range(1, 50)]))

    def test_very_long_query(self):
        proc = self.query("search", "word " * 20000, expect_rc=2)
        self.assertIn("query longer than", proc.stderr)
        self.assertLess(len(proc.stderr), 500)  # the message shows a window of the query, not all of it

    def test_deep_parentheses(self):
        proc = self.query("search", "(" * 2000 + "a" + ")" * 2000, expect_rc=2)
        self.assertIn("nested more than", proc.stderr)

    def test_lone_star_and_short_wildcards_are_refused_or_bounded(self):
        proc = self.query("search", "from:*", expect_rc=2)
        self.assertIn("lone *", proc.stderr)
        self.assertEqual(len(self.ids("from:user*")), 49)


if __name__ == "__main__":
    unittest.main()
