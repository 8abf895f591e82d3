"""Promises to users who run the tool unattended: a second writer is told what is going on, a
read-only index answers, hostile queries get a bounded, clear error."""
import json
import os
import stat
import subprocess
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
