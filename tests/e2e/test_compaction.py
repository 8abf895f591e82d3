"""A new index is compacted at the end of the run that made it (IndexWriter::compact): smaller,
with the same answers, and whole at every moment (the compacted copy is swapped in with one
rename, and a copy a killed run left behind is removed by the next run)."""
import json
import os
import unittest

from tiharness import IndexTestCase, generate_corpus, tweet

QUERIES = ["", "lang:en", "has:links", "-is:retweet", "is:deleted"]


def term_list_table(db):
    """The term list tables of an index: its own, or each of its segments' (an index added to)."""
    tables = [os.path.join(db, "termlist.glass")]
    if os.path.exists(os.path.join(db, "XAPIANDB")):
        tables = [os.path.join(db, name, "termlist.glass") for name in sorted(os.listdir(db)) if name.startswith("seg")]
    data = b""
    for table in tables:
        with open(table, "rb") as f:
            data += f.read()
    return data


def folder_size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


class Compaction(IndexTestCase):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.folder = tempfile.mkdtemp(prefix="tweet-index-compaction-")
        cls.data = os.path.join(cls.folder, "tweets.jsonl")
        generate_corpus(cls.data, 1200, 11)
        with open(cls.data, encoding="utf-8") as f:
            lines = f.readlines()
        cls.halves = [os.path.join(cls.folder, "first.jsonl"), os.path.join(cls.folder, "second.jsonl")]
        for path, part in zip(cls.halves, (lines[:len(lines) // 2], lines[len(lines) // 2:])):
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(part)

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.folder, ignore_errors=True)

    def answers(self, db):
        """What the index answers: matching ids of a few queries (deleted ones included), top
        mentions, and the account registry with its counts."""
        def run(*args):
            return self.run_tool("tweet-query", [*args, "--db", db]).stdout
        found = {q: sorted(run("search", q, "--format", "ids", "--limit", "0", "--include-deleted").split())
                 for q in QUERIES}
        self.assertGreater(len(found[""]), 1200)
        return found, run("top", "mentions", "--limit", "0", "--format", "jsonl"), run("accounts", "--format", "jsonl")

    def plain_index(self, *inputs):
        plain = self.path("plain.xapian")
        # One writer: several writers' shards are merged by the compactor, which compacts.
        self.run_tool("tweet-index", ["--db", plain, "--jobs", "1", "--no-compact", *inputs])
        return plain

    def test_a_new_index_is_compacted_with_the_same_answers(self):
        self.index(self.data)
        plain = self.plain_index(self.data)
        self.assertLess(folder_size(self.db), 0.8 * folder_size(plain))
        self.assertEqual(self.answers(self.db), self.answers(plain))
        self.assertFalse(os.path.exists(self.db + ".compacting"))

    def test_term_lists_are_stored_as_they_are(self):
        # Glass would deflate each document's term list as it writes it and again as it compacts;
        # tweet-index asks zlib for stored blocks, so the terms are in the table as bytes. A term
        # list stores each term after the prefix it shares with the one before; the term before
        # each word, "of", shares none with it.
        words = [f"plain{i:03d}termzq" for i in range(40)]
        tweets = [tweet(9000 + i, f"{w} in a tweet of words enough to make a term list", author=f"author{i % 7}")
                  for i, w in enumerate(words)]
        first = self.write_jsonl("first.jsonl", tweets[:20])
        second = self.write_jsonl("second.jsonl", tweets[20:])

        def missing(count):
            table = term_list_table(self.db)
            return [w for w in words[:count] if w.encode() not in table]
        self.index(first)  # a new index: the writers' shards, merged by the compactor
        self.assertEqual(missing(20), [])
        self.index(second)  # added by one writer, not compacted
        self.assertEqual(missing(40), [])
        self.index(options=["--compact"])
        self.assertEqual(missing(40), [])
        self.assertEqual(len(self.ids("termzq")), 0)  # a word is a term of its own, not a part of one
        self.assertEqual(self.ids(words[7]), {"9007"})

    def test_adding_does_not_compact_unless_asked(self):
        self.index(self.halves[0])
        compacted = folder_size(self.db)
        self.index(self.halves[1])
        grown = folder_size(self.db)
        self.assertGreater(grown, compacted)
        self.index(options=["--compact"])  # no input: only compacts
        self.assertLess(folder_size(self.db), 0.8 * grown)
        self.assertEqual(self.answers(self.db), self.answers(self.plain_index(*self.halves)))
        proc = self.index(self.halves[0], expect_rc=None, options=["--compact", "--no-compact"])
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("excludes", proc.stderr)

    def test_what_a_killed_compaction_left_is_removed(self):
        # Killed before the swap, the copy is left; after it, the old index: either way, a folder
        # beside the index that the next run removes once it holds the index's lock.
        self.index(self.halves[0])
        left = self.db + ".compacting"
        os.makedirs(left)
        with open(os.path.join(left, "postlist.glass"), "wb") as f:
            f.write(b"\0" * 8192)
        self.index(self.halves[1])
        self.assertFalse(os.path.exists(left))
        self.assertEqual(self.answers(self.db), self.answers(self.plain_index(*self.halves)))

    def test_an_index_reached_through_a_symlink(self):
        real = self.path("real.xapian")
        self.run_tool("tweet-index", ["--db", real, self.halves[0]])
        os.symlink(real, self.db)
        self.index(self.halves[1], options=["--compact"])
        self.assertTrue(os.path.islink(self.db))
        self.assertTrue(os.path.isdir(real))
        self.assertEqual(os.listdir(self.tmp).count("real.xapian.compacting"), 0)
        self.assertEqual(self.answers(self.db), self.answers(self.plain_index(*self.halves)))


if __name__ == "__main__":
    unittest.main()
