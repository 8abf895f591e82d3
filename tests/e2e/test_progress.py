"""tweet-index's progress display: a line redrawn with \\r on a terminal (stderr under a
pseudo-terminal here), nothing but the summary when stderr is not a terminal or with --quiet."""
import os
import pty
import re
import subprocess
import unittest

from tiharness import BIN, IndexTestCase, tweet

SUMMARY = re.compile(r"^tweet-index: 2 files: 2 read, .* 30 tweets indexed, .*tweets/s$")


class ProgressTest(IndexTestCase):
    def setUp(self):
        super().setUp()
        self.first = self.write_jsonl("in/a.jsonl", [tweet(100 + i, f"word{i} progress") for i in range(20)])
        self.second = self.write_jsonl("in/b.jsonl", [tweet(200 + i, f"word{i} progress") for i in range(10)])
        self.total_bytes = os.path.getsize(self.first) + os.path.getsize(self.second)

    def run_on_terminal(self, *options):
        """tweet-index with stderr on a pseudo-terminal (stdout a pipe); returns (rc, what the terminal got)."""
        master, slave = pty.openpty()
        try:
            proc = subprocess.Popen([os.path.join(BIN, "tweet-index"), "--db", self.db, *options,
                                     os.path.join(self.tmp, "in")],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=self.env)
        finally:
            os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the last holder of the terminal's other side has gone
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        proc.stdout.read()
        proc.stdout.close()
        rc = proc.wait(timeout=60)
        return rc, b"".join(chunks).decode("utf-8", "replace")

    def test_progress_line_on_a_terminal(self):
        rc, out = self.run_on_terminal()
        self.assertEqual(rc, 0, out)
        # At least the first draw: bytes of the known total, files, tweets per second.
        total_mb = f"{self.total_bytes / 1e6:.1f} MB"
        self.assertRegex(out, r"\r[0-9.]+ of " + re.escape(total_mb) + r" \(\d+%\), \d+ of 2 files, \d+ tweets, "
                              r"\d+ tweets/s")
        # The line is cleared before the summary, which is still written.
        self.assertIn("\r\x1b[K", out)
        last = out.replace("\r\n", "\n").split("\x1b[K")[-1].strip()
        self.assertRegex(last, SUMMARY)
        self.assertEqual(self.count(""), 30)

    def test_quiet_on_a_terminal_draws_nothing(self):
        rc, out = self.run_on_terminal("--quiet")
        self.assertEqual(rc, 0, out)
        self.assertEqual(out, "")

    def test_not_a_terminal_only_the_summary(self):
        proc = self.index(os.path.join(self.tmp, "in"))
        self.assertNotIn("\r", proc.stderr)
        self.assertNotIn("\x1b", proc.stderr)
        lines = proc.stderr.splitlines()
        self.assertEqual(len(lines), 1, proc.stderr)
        self.assertRegex(lines[0], SUMMARY)

    def test_stdin_total_unknown(self):
        master, slave = pty.openpty()
        try:
            with open(self.first, "rb") as f:
                proc = subprocess.Popen([os.path.join(BIN, "tweet-index"), "--db", self.db, "-"], stdin=f,
                                        stdout=subprocess.DEVNULL, stderr=slave, env=self.env)
        finally:
            os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        self.assertEqual(proc.wait(timeout=60), 0)
        out = b"".join(chunks).decode()
        self.assertRegex(out, r"\r[0-9.]+ MB, \d+ of 1 files, \d+ tweets, \d+ tweets/s")
        self.assertNotIn(" of 0.", out)


if __name__ == "__main__":
    unittest.main()
