"""Writes the malformed-input corpus of this folder (tests/e2e/test_malformed.py reads it).
Each line-oriented file has good tweets (ids 1xx) around its bad records, to check the rest is read.
Big cases (a zip bomb, a 200 MB line, a symlink loop) are made by the test at run time."""
import bz2
import gzip
import io
import json
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def tw(tid, text="good tweet"):
    return json.dumps({"id": tid, "id_str": str(tid), "text": text, "created_at": "Wed Jun 01 12:00:00 +0000 2011",
                       "user": {"id": 42, "id_str": "42", "screen_name": "alice", "name": "Alice"}})


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def lines(*records):
    return "".join(r + "\n" for r in records).encode("utf-8")


write("invalid-json.jsonl", lines(tw(101), '{"id": 2, "id_str": "2", "text": "cut', tw(102)))
write("wrong-types.jsonl", lines(tw(111), '{"id_str": ["2"], "id": "x", "text": 5, "user": "bob"}', tw(112)))
write("missing-id.jsonl", lines(tw(121), '{"text": "no id here", "user": {"screen_name": "bob"}}', tw(122)))
write("invalid-utf8.jsonl", lines(tw(131)) + b'{"id": 3, "id_str": "3", "text": "bad \xff\xfe bytes"}\n' + lines(tw(132)))
write("nul-bytes.jsonl", lines(tw(141)) + b'{"id": 4, "id_str": "4",\x00 "text": "nul"}\n\x00\x00\x00\n' + lines(tw(142)))
write("deep-nesting.jsonl", lines(tw(151), "[" * 10000 + "]" * 10000, '{"a":' * 10000 + "1" + "}" * 10000, tw(152)))
write("empty.jsonl", b"")
good = lines(*(tw(160 + i) for i in range(200)))
write("truncated.jsonl.gz", gzip.compress(good)[:-300])
write("truncated.jsonl.bz2", bz2.compress(good)[:-300])
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("tweets.jsonl", good)
write("truncated.zip", buf.getvalue()[: len(buf.getvalue()) // 2])

# A ZIP whose entry claims a 4 GiB - 1 size in both its local header and central directory.
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("tweets.jsonl", lines(tw(171), tw(172)))
data = bytearray(buf.getvalue())
local = data.find(b"PK\x03\x04")
struct.pack_into("<I", data, local + 22, 0xFFFFFFFE)  # uncompressed size
central = data.find(b"PK\x01\x02")
struct.pack_into("<I", data, central + 24, 0xFFFFFFFE)
write("absurd-sizes.zip", bytes(data))
