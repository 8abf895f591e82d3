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
# Invalid UTF-8 between the tokens is a rejected record; inside a string (the text, a user's
# name) it is repaired to U+FFFD and its tweet kept.
write("invalid-utf8.jsonl", lines(tw(131)) + b'{"id": 3, "id_str": "3", \xff "text": "bad byte outside a string"}\n'
      + tw(133, "bad @@ bytes").encode().replace(b"@@", b"\xff\xfe") + b"\n"
      + tw(134).encode().replace(b'"Alice"', b'"Al\xe9ce"') + b"\n" + lines(tw(132)))
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


# --- salvage: what can be kept of a cut or damaged input is kept -----------------------------

def archive_tweet(tid, text="an archived tweet"):
    return {"tweet": {"id": str(tid), "id_str": str(tid), "full_text": text, "created_at": "Wed Jun 01 12:00:00 +0000 2011",
                      "retweet_count": "0", "favorite_count": "0", "lang": "en"}}


def archive_script(name, entries):
    return "window.YTD.%s.part0 = %s" % (name, json.dumps(entries, indent=2))


# An archive as downloaded ("Download your archive"), cut short on disk: the central directory
# and the last entries are gone; the local entries before the cut are whole.
account = [{"account": {"username": "alice", "accountId": "42", "accountDisplayName": "Alice",
                        "createdAt": "2009-01-01T00:00:00.000Z"}}]
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(account))
    z.writestr("data/tweets.js", archive_script("tweets", [archive_tweet(200 + i) for i in range(40)]))
    z.writestr("data/tweets-part1.js", archive_script("tweets", [archive_tweet(300 + i) for i in range(40)]))
    z.writestr("data/like.js", "window.YTD.like.part0 = " + json.dumps([{"like": {"tweetId": "999", "fullText": "x"}}]))
whole = buf.getvalue()
# Cut inside the third entry (data/tweets-part1.js): the first two are whole.
write("truncated-archive.zip", whole[: whole.find(b"PK\x03\x04", whole.find(b"data/tweets-part1.js") + 1) - 200])

# An archive script and JSON arrays cut in the middle of an entry (an interrupted copy).
deleted = [archive_tweet(400 + i) for i in range(12)]
for d in deleted:
    d["tweet"]["deleted_at"] = "Thu Jun 02 12:00:00 +0000 2011"
script = archive_script("deleted_tweets", deleted)
write("cut-deleted-tweets.js", script[: script.find('"id": "410"') + 30])
pretty = json.dumps([json.loads(tw(500 + i)) for i in range(9)], indent=2)
write("cut-array.json", pretty[: pretty.find('"508"')])
one_line = json.dumps([json.loads(tw(600 + i)) for i in range(7)])
write("cut-array-one-line.json", one_line[: one_line.find('"606"')])

# One bad field in a tweet that is otherwise good: the field is dropped or repaired, the tweet kept.
bad_fields = [
    tw(701),
    tw(702).replace('"good tweet"', '"cut off \\ud800"'),
    tw(703)[:-1] + ', "retweet_count": 1e400}',
    tw(704).replace('"name": "Alice"', '"name": "Alice", "followers_count": 99999999999999999999999'),
    tw(705),
]
write("bad-fields.jsonl", lines(*bad_fields))

# Dates no tweet can have: before Twitter existed and far in the future.
def dated(tid, when):
    return tw(tid).replace("Wed Jun 01 12:00:00 +0000 2011", when)


write("implausible-dates.jsonl", lines(tw(801), dated(802, "Mon Jan 01 00:00:00 +0000 1900"),
                                       dated(803, "Fri Jan 01 00:00:00 +0000 9999"),
                                       dated(804, "Tue Mar 21 20:50:14 +0000 2006"),
                                       dated(806, "Fri Jan 01 00:00:00 +0000 99999"),
                                       tw(805).replace('"name": "Alice"', '"name": "Alice", "created_at": '
                                                                          '"Mon Jan 01 00:00:00 +0000 1900"')))
