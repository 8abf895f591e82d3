"""tweet-index never loses a user's file, reads only tweets (never an index) from folders,
rolls back only the file a --strict rejection is in, reports folders it cannot read, and says
what went wrong in terms a user can act on."""
import os
import re
import shutil
import stat
import subprocess
import unittest
import zipfile

from tiharness import BIN, DATA, SAMPLES, SOURCE, IndexTestCase, tweet

# "tweet-index: 12 files: 7 read, 0 unchanged and skipped, 4 without tweets, 1 could not be read; 30 tweets indexed"
SUMMARY = re.compile(r"^tweet-index: (\d+) files: (\d+) read, (\d+) unchanged and skipped, (\d+) without tweets, "
                     r"(\d+) could not be read.*; (\d+) tweets indexed", re.M)


def summary(stderr):
    m = SUMMARY.search(stderr)
    assert m, f"no summary in:\n{stderr}"
    seen, read, unchanged, ignored, failed, indexed = map(int, m.groups())
    return {"seen": seen, "read": read, "unchanged": unchanged, "ignored": ignored, "failed": failed,
            "indexed": indexed}


def tweets(first_id, n, word):
    return [tweet(first_id + i, f"{word} number {i}") for i in range(n)]


def files_in(folder):
    """Every regular file a walk of `folder` meets (symlinks to files followed, symlinked folders
    not), Xapian index folders left out."""
    found = []
    for d, dirs, files in os.walk(folder):
        dirs[:] = [x for x in dirs if not os.path.exists(os.path.join(d, x, "iamglass"))]
        found += [os.path.join(d, f) for f in files if os.path.isfile(os.path.join(d, f))]
    return found


class UserFilesAreNeverTouched(IndexTestCase):
    def test_a_folder_holding_other_files_is_refused_as_db(self):
        folder = self.path("myfolder/precious.txt")
        with open(folder, "w") as f:
            f.write("mine\n")
        data = self.write_jsonl("t.jsonl", tweets(100, 3, "hello"))
        proc = self.run_tool("tweet-index", ["--db", os.path.dirname(folder), data], expect_rc=2)
        self.assertIn(os.path.dirname(folder), proc.stderr)
        self.assertIn("precious.txt", proc.stderr)
        self.assertEqual(os.listdir(os.path.dirname(folder)), ["precious.txt"])  # nothing written into it
        proc = self.run_tool("tweet-index", ["--db", os.path.dirname(folder), "--compact"], expect_rc=2)
        self.assertEqual(os.listdir(os.path.dirname(folder)), ["precious.txt"])

    def test_an_empty_folder_is_used_as_db(self):
        os.makedirs(self.db)
        self.index(self.write_jsonl("t.jsonl", tweets(100, 3, "hello")))
        self.assertEqual(self.count(""), 3)

    def test_an_index_holding_a_file_of_the_user_is_neither_written_nor_swapped(self):
        self.index(self.write_jsonl("t.jsonl", tweets(100, 3, "hello")))
        precious = os.path.join(self.db, "precious.txt")
        with open(precious, "w") as f:
            f.write("mine\n")
        proc = self.index(options=["--compact"], expect_rc=2)
        self.assertIn(f"{self.db}: holds files that are not a tweet-index index (precious.txt)", proc.stderr)
        with open(precious) as f:
            self.assertEqual(f.read(), "mine\n")

    def test_a_compacting_folder_that_is_not_ours_is_left_alone(self):
        self.index(self.write_jsonl("t.jsonl", tweets(100, 3, "hello")))
        left = self.db + ".compacting"
        os.makedirs(left)
        with open(os.path.join(left, "mine.txt"), "w") as f:
            f.write("mine\n")
        self.index(self.write_jsonl("u.jsonl", tweets(200, 2, "more")))  # opening the index removes nothing
        self.assertTrue(os.path.exists(os.path.join(left, "mine.txt")))
        proc = self.index(options=["--compact"], expect_rc=2)
        self.assertIn(left, proc.stderr)
        self.assertTrue(os.path.exists(os.path.join(left, "mine.txt")))
        self.assertEqual(self.count(""), 5)  # the index is whole, uncompacted

    def test_jobs_leave_no_scratch_folder_and_the_folders_beside_untouched(self):
        beside = self.path("beside/keep.txt")
        with open(beside, "w") as f:
            f.write("mine\n")
        data = self.write_jsonl("t.jsonl", tweets(100, 40, "hello"))
        self.index(data, options=["--jobs", "2"])
        self.assertEqual(sorted(os.listdir(self.tmp)), sorted(["beside", "index.xapian", "t.jsonl"]))
        self.assertTrue(os.path.exists(beside))

    def test_a_jobs_scratch_folder_of_that_name_is_not_ours(self):
        # The scratch folder is named after the process id: fork, make a folder of that name
        # holding a user's file, then let the child become tweet-index.
        data = self.write_jsonl("t.jsonl", tweets(100, 40, "hello"))
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready_w)
            os.read(ready_r, 1)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.execv(os.path.join(BIN, "tweet-index"), ["tweet-index", "--db", self.db, "--jobs", "2", data])
        os.close(ready_r)
        scratch = f"{self.db}.jobs-{pid}"
        os.makedirs(scratch)
        with open(os.path.join(scratch, "precious.txt"), "w") as f:
            f.write("mine\n")
        os.write(ready_w, b"x")
        os.close(ready_w)
        _, status = os.waitpid(pid, 0)
        self.assertTrue(os.path.isdir(scratch))
        self.assertEqual(os.listdir(scratch), ["precious.txt"])
        self.assertEqual(os.waitstatus_to_exitcode(status), 2)


class IndexFoldersAreNotInput(IndexTestCase):
    def test_the_default_index_inside_the_input_folder_is_not_read(self):
        folder = os.path.dirname(self.write_jsonl("in/a.jsonl", tweets(100, 4, "hello")))
        # A second index, made by tweet-index, deeper in the same folder.
        os.makedirs(os.path.join(folder, "sub"))
        self.run_tool("tweet-index", ["--db", os.path.join(folder, "sub", "other.xapian"),
                                      self.write_jsonl("elsewhere.jsonl", tweets(500, 2, "other"))])
        env = dict(self.env)
        for run in range(2):
            proc = subprocess.run([os.path.join(BIN, "tweet-index"), "."], cwd=folder, env=env, capture_output=True,
                                  text=True, timeout=120)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertNotIn("flintlock", proc.stderr)
            self.assertNotIn(".glass", proc.stderr)
            s = summary(proc.stderr)
            self.assertEqual(s["seen"], 1, proc.stderr)  # only a.jsonl
            self.assertEqual(s["read" if run == 0 else "unchanged"], 1, proc.stderr)
        self.db = os.path.join(folder, "tweets.xapian")
        self.assertEqual(self.count(""), 4)

    def test_an_index_given_as_input_is_refused(self):
        self.index(self.write_jsonl("t.jsonl", tweets(100, 3, "hello")))
        other = self.path("other.xapian")
        proc = self.run_tool("tweet-index", ["--db", other, self.db], expect_rc=1)
        self.assertIn("a Xapian index, not tweets", proc.stderr)


class StrictRollsBackOneFile(IndexTestCase):
    def test_a_rejected_record_takes_only_its_own_file_away(self):
        before = tweets(900, 4, "before")
        self.index(self.write_jsonl("before.jsonl", before))
        good_a, good_b, bad = tweets(100, 5, "first"), tweets(200, 6, "second"), tweets(300, 3, "third")
        self.write_jsonl("in/a.jsonl", good_a)
        self.write_jsonl("in/b.jsonl", good_b)
        folder = os.path.dirname(self.write_jsonl("in/c.jsonl", bad + [{"neither": "id nor text"}]))
        proc = self.index(folder, options=["--strict"], expect_rc=1)
        self.assertIn("c.jsonl: --strict: nothing of this file was indexed", proc.stderr)
        want = {t["id_str"] for t in before + good_a + good_b}
        self.assertEqual(self.ids("", "--limit", "0"), want)
        self.assertEqual(summary(proc.stderr)["indexed"], len(good_a) + len(good_b))


def unprivileged():
    """The command prefix that runs a program as nobody when the tests run as root (as root, mode
    000 does not stop reading), or None when that cannot be done here."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"]


class UnreadableFolders(IndexTestCase):
    def setUp(self):
        super().setUp()
        self.prefix = unprivileged()
        if self.prefix is None:
            self.skipTest("running as root without setpriv: mode 000 would not stop reading")
        os.chmod(self.tmp, 0o755)
        self.good = tweets(100, 3, "readable")
        self.write_jsonl("in/good.jsonl", self.good)
        self.locked = os.path.dirname(self.write_jsonl("in/locked/hidden.jsonl", tweets(200, 2, "hidden")))
        os.chmod(self.locked, 0)
        writable = self.path("out/x")
        os.chmod(os.path.dirname(writable), 0o777)
        self.db = os.path.join(os.path.dirname(writable), "index.xapian")
        probe = subprocess.run(self.prefix + ["ls", self.locked], capture_output=True)
        if probe.returncode == 0:
            self.skipTest("mode 000 does not stop this user from reading a folder here")

    def tearDown(self):
        os.chmod(self.locked, 0o755)
        super().tearDown()

    def run_unprivileged(self, *inputs):
        return subprocess.run(self.prefix + [os.path.join(BIN, "tweet-index"), "--db", self.db, *inputs],
                              capture_output=True, text=True, env=self.env, timeout=120)

    def test_met_in_a_walked_folder(self):
        proc = self.run_unprivileged(os.path.dirname(self.locked))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(f"{self.locked}: cannot read this folder: Permission denied", proc.stderr)
        self.assertIn("1 folders could not be read", proc.stderr)
        self.assertEqual(self.ids(""), {t["id_str"] for t in self.good})

    def test_given_as_input(self):
        proc = self.run_unprivileged(self.locked)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(f"{self.locked}: cannot read this folder: Permission denied", proc.stderr)


class Messages(IndexTestCase):
    def test_a_tweet_file_as_db_of_tweet_query(self):
        data = self.write_jsonl("dell.json", tweets(100, 2, "hello"))
        proc = self.run_tool("tweet-query", ["search", "hello", "--db", data], expect_rc=2)
        self.assertIn(f"{data}: a file, not an index", proc.stderr)
        self.assertIn(f"tweet-index --db INDEX {data}", proc.stderr)
        self.assertNotIn(f"tweet-index --db {data}", proc.stderr)  # advice tweet-index would refuse

    def test_a_stub_with_a_missing_shard_names_its_line(self):
        self.run_tool("tweet-index", ["--db", self.path("s1.xapian"), self.write_jsonl("t.jsonl", tweets(1, 2, "a"))])
        stub = self.write_text("stub", "auto s1.xapian\n# the second shard\nauto s2.xapian\n")
        proc = self.run_tool("tweet-query", ["search", "", "--count", "--db", stub], expect_rc=2)
        self.assertIn(f"{stub}:3: shard {os.path.join(self.tmp, 's2.xapian')}: no such index", proc.stderr)

    def test_a_symlink_loop_as_input(self):
        a, b = self.path("loop-a"), self.path("loop-b")
        os.symlink(b, a)
        os.symlink(a, b)
        proc = self.index(a, expect_rc=2)
        self.assertIn(f"{a}: a symlink loop", proc.stderr)
        dangling = self.path("dangling")
        os.symlink(self.path("nowhere"), dangling)
        proc = self.index(dangling, expect_rc=2)
        self.assertIn("which does not exist", proc.stderr)

    def test_a_zip_entry_name_outside_ascii_is_named_as_it_is(self):
        # libarchive converts names through the C library's locale, "C" unless set: "?" then.
        name = "caf\u00e9/\u65e5\u672c \u0645\u0631\u062d\u0628\u0627.jsonl"
        path = self.path("names.zip")
        with zipfile.ZipFile(path, "w") as z:
            z.writestr(name, '{"id": 5, "text": "cut\n')
        proc = self.index(path, expect_rc=1)
        self.assertIn(f"{path}!{name}:1: invalid JSON", proc.stderr)

    def test_the_file_counts_of_the_summary_add_up_to_the_files_seen(self):
        # Every kind of file: tweets, archives (a ZIP of many entries, an unpacked one with
        # account.js), media, empty, malformed and truncated ones, and stdin.
        inputs = [SAMPLES, os.path.join(DATA, "malformed")]
        expected = sum(len(files_in(i)) for i in inputs) + 1
        proc = self.run_tool("tweet-index", ["--db", self.db, *inputs, "-"], expect_rc=1,
                             stdin='{"id_str": "1", "text": "from stdin"}\n')
        s = summary(proc.stderr)
        self.assertEqual(s["seen"], expected, proc.stderr)
        self.assertEqual(s["read"] + s["unchanged"] + s["ignored"] + s["failed"], expected, proc.stderr)
        self.assertGreater(s["ignored"], 0)
        self.assertGreater(s["failed"], 0)
        # Again: every file on disk is unchanged now, stdin read again.
        proc = self.run_tool("tweet-index", ["--db", self.db, *inputs, "-"], expect_rc=None, stdin="")
        s = summary(proc.stderr)
        self.assertEqual(s["seen"], expected, proc.stderr)
        self.assertEqual(s["read"] + s["unchanged"] + s["ignored"] + s["failed"], expected, proc.stderr)


class Version(IndexTestCase):
    def test_both_programs_say_their_xapian_and_schema_versions(self):
        with open(os.path.join(SOURCE, "CMakeLists.txt")) as f:
            version = re.search(r"project\(\w+ VERSION ([0-9.]+)", f.read()).group(1)
        with open(os.path.join(SOURCE, "core", "fields.h")) as f:
            schema = re.search(r"kSchemaVersion = (\d+);", f.read()).group(1)
        xapian = subprocess.run(["pkg-config", "--modversion", "xapian-core"], capture_output=True,
                                text=True).stdout.strip()
        self.assertRegex(xapian, r"^\d+\.\d+\.\d+$")
        for program in ("tweet-index", "tweet-query"):
            out = self.run_tool(program, ["--version"]).stdout.strip()
            self.assertEqual(out, f"{program} {version} (Xapian {xapian}, index schema {schema})")


if __name__ == "__main__":
    unittest.main()
