"""A write that fails (here: over a `ulimit -f` file size bound, the same EFBIG/ENOSPC path as a
full disk) stops tweet-index with a clear message and exit status 2; the index keeps its last
committed state, opens, answers, and the same command run again completes it."""
import os
import subprocess
import unittest

from tiharness import BIN, DATA, SAMPLES, IndexTestCase, tweet


class DiskFull(IndexTestCase):
    def test_write_failure_keeps_the_last_commit(self):
        first = self.write_jsonl("first.jsonl", [tweet(i, f"first batch tweet {i}") for i in range(1, 501)])
        self.index(first)
        self.assertEqual(self.count(""), 500)
        biggest = max(os.path.getsize(os.path.join(root, f)) for root, _, files in os.walk(self.db) for f in files)
        second = self.write_jsonl(
            "second.jsonl",
            [tweet(10**6 + i, f"second batch tweet {i} with words word{i} other{i * 7} more{i * 13}",
                   author=f"user{i % 300}") for i in range(15000)])
        blocks = biggest // 1024 + 16  # a little room over the biggest file of the index
        command = f'ulimit -f {blocks}; exec "$0" "$@"'
        proc = subprocess.run(["bash", "-c", command, os.path.join(BIN, "tweet-index"), "--db", self.db, second],
                              capture_output=True, text=True, env=self.env, timeout=300)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("cannot write the index", proc.stderr)
        self.assertIn("File too large", proc.stderr)
        self.assertIn("run the same command again", proc.stderr)
        for xapian_word in ("Xapian", "DatabaseError", "DatabaseCorruptError"):
            self.assertNotIn(xapian_word, proc.stderr)
        self.assertLess(len(proc.stderr), 600)
        # The last commit is intact: the first 500 tweets, none of the second file (one commit).
        self.assertEqual(self.count(""), 500)
        self.assertEqual(self.ids("first"), {str(i) for i in range(1, 501)})
        # With room again, the same command completes the index.
        self.index(second)
        self.assertEqual(self.count(""), 15500)

    def test_no_write_failure_aborts(self):
        # At some file size bounds Xapian meets a second write error while it unwinds the first
        # inside commit() and the C++ runtime aborts the process: at 2,048 KB on these inputs.
        # Each bound must end as the others do: a message, exit 2, the last commit intact.
        for blocks in (100, 1024, 2048, 4096):
            with self.subTest(blocks=blocks):
                db = self.path(f"limited-{blocks}.xapian")
                command = f'ulimit -f {blocks}; exec "$0" "$@"'
                proc = subprocess.run(["bash", "-c", command, os.path.join(BIN, "tweet-index"), "--jobs", "1",
                                       "--db", db, SAMPLES, DATA], capture_output=True, text=True, env=self.env,
                                      timeout=300)
                if proc.returncode == 0 or proc.returncode == 1:
                    continue  # everything fitted under this bound
                self.assertEqual(proc.returncode, 2, proc.stderr[-2000:])
                self.assertIn("cannot write the index", proc.stderr)
                self.assertIn("run the same command again", proc.stderr)
                self.assertNotIn("terminate called", proc.stderr)
                if os.path.exists(os.path.join(db, "iamglass")):
                    self.run_tool("tweet-query", ["--db", db, "search", "--count", ""])


if __name__ == "__main__":
    unittest.main()
