"""Containers and compression: ZIP, tar, gzip, bzip2, xz and zstd at any level, nested, read as
streams (never extracted: an entry's path is only a name in messages)."""
import bz2
import gzip
import io
import json
import lzma
import os
import shutil
import subprocess
import tarfile
import unittest
import zipfile

from tiharness import IndexTestCase, tweet


def jsonl(ids):
    return "".join(json.dumps(tweet(i, f"tweet number {i}")) + "\n" for i in ids).encode()


def zstd(data):
    return subprocess.run(["zstd", "-q", "-c"], input=data, capture_output=True, check=True).stdout


def tar_bytes(members, mode="w"):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def zip_bytes(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return buf.getvalue()


@unittest.skipUnless(shutil.which("zstd"), "the zstd command is needed (scripts/setup.sh installs it)")
class Containers(IndexTestCase):
    def write_bytes(self, name, data):
        p = self.path(name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    def test_internet_archive_tar_of_per_minute_bz2_files(self):
        members = [(f"2011/06/01/12/{m:02d}.json.bz2", bz2.compress(jsonl(range(m * 10 + 1, m * 10 + 11))))
                   for m in range(6)]
        path = self.write_bytes("archiveteam-twitter-stream-2011-06.tar", tar_bytes(members))
        proc = self.index(path)
        self.assertIn("60 tweets indexed", proc.stderr)
        self.assertEqual(self.count(""), 60)

    def test_each_compression_alone(self):
        data = jsonl([1, 2])
        for name, packed in [("a.jsonl.gz", gzip.compress(data)), ("b.jsonl.bz2", bz2.compress(data)),
                             ("c.jsonl.xz", lzma.compress(data)), ("d.jsonl.zst", zstd(data))]:
            with self.subTest(name):
                shutil.rmtree(self.db, ignore_errors=True)
                proc = self.index(self.write_bytes(name, packed))
                self.assertIn("2 tweets indexed", proc.stderr)

    def test_tar_in_every_compression_and_nesting(self):
        inner_tar = tar_bytes([("x/one.jsonl", jsonl([1])), ("x/two.json.gz", gzip.compress(jsonl([2])))])
        inputs = {
            "t.tar.gz": gzip.compress(inner_tar), "t.tar.bz2": bz2.compress(inner_tar),
            "t.tar.xz": lzma.compress(inner_tar), "t.tar.zst": zstd(inner_tar),
            # zip in a tar.gz in a zip: three levels
            "nested.zip": zip_bytes([("in/deep.tar.gz", gzip.compress(tar_bytes([
                ("z.zip", zip_bytes([("x/one.jsonl", jsonl([1])), ("x/two.jsonl.xz", lzma.compress(jsonl([2])))]))])))]),
            # gzip of bzip2 of zstd of JSON lines
            "layers.jsonl.zst.bz2.gz": gzip.compress(bz2.compress(zstd(jsonl([1, 2])))),
        }
        for name, packed in inputs.items():
            with self.subTest(name):
                shutil.rmtree(self.db, ignore_errors=True)
                proc = self.index(self.write_bytes(name, packed))
                self.assertIn("2 tweets indexed", proc.stderr)
                self.assertEqual(self.ids(""), {"1", "2"})

    def test_entry_paths_are_never_trusted(self):
        evil = zip_bytes([("../../escaped.jsonl", jsonl([1])), ("/abs/olute.jsonl", jsonl([2]))])
        tar = tar_bytes([("../../../tar-escaped.jsonl", jsonl([3]))])
        here = self.path("work/")
        os.makedirs(here, exist_ok=True)
        proc = self.index(self.write_bytes("work/evil.zip", evil), self.write_bytes("work/evil.tar", tar))
        self.assertIn("3 tweets indexed", proc.stderr)
        for root, _, files in os.walk(self.tmp):
            for f in files:
                self.assertNotIn("escaped", f)
        self.assertFalse(os.path.exists("/abs/olute.jsonl"))

    def test_a_corrupt_member_is_reported_and_the_others_read(self):
        good = bz2.compress(jsonl([1, 2]))
        bad = bz2.compress(jsonl([3, 4]))
        bad = bad[:len(bad) // 2] + b"\x00" * 16 + bad[len(bad) // 2:]
        path = self.write_bytes("mixed.tar", tar_bytes([("a.json.bz2", good), ("b.json.bz2", bad),
                                                        ("c.json.bz2", bz2.compress(jsonl([5])))]))
        proc = self.index(path, expect_rc=1)
        self.assertIn("mixed.tar!b.json.bz2", proc.stderr)
        self.assertTrue({"1", "2", "5"} <= self.ids(""))


if __name__ == "__main__":
    unittest.main()
