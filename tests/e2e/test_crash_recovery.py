"""SIGKILL at any moment: tweet-index killed at 20 or more random points of a large run leaves an
index that opens and answers each time, and running the same command again ends with exactly the
tweets of an uninterrupted run: no loss, no duplicate."""
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from tiharness import BIN, IndexTestCase, tweet

KILLS = 20


class CrashRecovery(IndexTestCase):
    def setUp(self):
        super().setUp()
        # The indexes on tmpfs when there is one: each of the ~40 commits of a run syncs, which on
        # a slow disk makes the test minutes long. A SIGKILL leaves the page cache as it is, so
        # what is tested (the process dying) is the same; power loss is not what this tests.
        if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
            self.shm = tempfile.mkdtemp(prefix="tweet-index-crash-", dir="/dev/shm")
            self.addCleanup(shutil.rmtree, self.shm, True)
        else:
            self.shm = self.tmp

    def command(self, db):
        return [os.path.join(BIN, "tweet-index"), "--db", db, "--batch-size", "500", "-q", *self.inputs]

    def search_ids(self, db):
        proc = self.run_tool("tweet-query", ["search", "", "--format", "ids", "--limit", "0", "--db", db])
        return proc.stdout.split()

    def count(self, db):
        return int(self.run_tool("tweet-query", ["search", "", "--count", "--db", db]).stdout.strip())

    def test_killed_runs_end_with_the_tweets_of_an_uninterrupted_run(self):
        rng = random.Random(7)
        self.inputs = []
        tid = 10**15
        for f in range(4):
            records = []
            for i in range(5000):
                tid += rng.randint(1, 1000)
                records.append(tweet(tid, f"tweet {i} of file {f} #tag{i % 50} about topic{rng.randint(1, 300)}",
                                     author=f"user{rng.randint(1, 200)}"))
            self.inputs.append(self.write_jsonl(f"in/part{f}.jsonl", records))

        reference_db = os.path.join(self.shm, "reference.xapian")
        started = time.monotonic()
        subprocess.run(self.command(reference_db), check=True, env=self.env, timeout=300)
        full_run = time.monotonic() - started
        reference = self.search_ids(reference_db)
        self.assertEqual(len(reference), 20000)
        self.assertEqual(len(set(reference)), 20000)
        reference = set(reference)

        db = os.path.join(self.shm, "killed.xapian")
        kills = completed = 0
        for attempt in range(KILLS * 4):
            if kills >= KILLS:
                break
            proc = subprocess.Popen(self.command(db), env=self.env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            # A third of the run at most: a rerun goes on where the last one stopped (finished files are
            # skipped), so the kills still fall all along the run, and the test stays short.
            time.sleep(rng.uniform(0.0, full_run / 3))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                kills += 1
            else:
                self.assertEqual(proc.returncode, 0)
                completed += 1
            if not os.path.exists(db):
                continue  # killed before the index was created
            # The index opens and answers; what it holds is a part of the run, with no duplicate.
            ids = self.search_ids(db)
            self.assertEqual(len(ids), len(set(ids)), f"duplicates after kill {kills}")
            self.assertLessEqual(set(ids), reference)
            self.assertEqual(self.count(db), len(ids))
            if proc.returncode == 0:
                self.assertEqual(set(ids), reference)
                shutil.rmtree(db)  # start over, to kill at more points of a fresh run
        self.assertGreaterEqual(kills, KILLS)
        print(f"\ncrash recovery: uninterrupted run {full_run:.1f} s; {kills} kills, {completed} runs completed "
              f"in between", flush=True)

        subprocess.run(self.command(db), check=True, env=self.env, timeout=300)
        ids = self.search_ids(db)
        self.assertEqual(len(ids), len(reference))
        self.assertEqual(set(ids), reference)
        self.assertEqual(self.count(db), 20000)


if __name__ == "__main__":
    unittest.main()
