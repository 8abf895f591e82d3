"""An X archive's long posts: note-tweet.js and deleted-note-tweet.js hold the full text of posts
whose tweets.js / deleted-tweets.js entry is cut, without the tweet's id; twitter-circle-tweet.js
and community-tweet.js hold tweets like tweets.js, marked (is:circle, is:community). The archives are built here after the documented layout
(docs/formats.md, samples/archive), and every answer is computed from them."""
import datetime
import os
import tarfile
import zipfile

from tiharness import IndexTestCase
from test_indexing import ACCOUNT_JS, archive_js, archive_tweet

ELLIPSIS = "\u2026"
OWNER = "GuyKawasaki"


def iso(when, seconds=0):
    d = datetime.datetime.strptime(when, "%Y-%m-%dT%H:%M:%S") + datetime.timedelta(seconds=seconds)
    return d.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def long_text(topic, tail_word, mention, hashtag, link):
    """A post over 280 characters whose last part holds words, a mention, a hashtag and a link."""
    head = f"Thoughts on {topic}: " + " ".join(f"{topic}{i}" for i in range(60))
    return f"{head} and at the end {tail_word} for @{mention} #{hashtag} {link}"


def cut(text, link_id):
    """The tweets.js copy of a long post: its first 270 characters, '…' and a t.co link to the note."""
    return text[:270].rstrip() + ELLIPSIS + " https://t.co/" + link_id


def note(note_id, text, when, mention, hashtag, link, expanded):
    def span(needle):
        i = text.index(needle)
        return {"fromIndex": str(i), "toIndex": str(i + len(needle))}
    return {"noteTweet": {
        "noteTweetId": note_id, "updatedAt": when, "lifecycle": {"value": "0", "name": "FirstVersion"},
        "createdAt": when,
        "core": {"styletags": [],
                 "urls": [dict(span(link), shortUrl=link, expandedUrl=expanded, displayUrl=expanded[8:])],
                 "text": text,
                 "mentions": [dict(span("@" + mention), screenName=mention)],
                 "cashtags": [],
                 "hashtags": [dict(span("#" + hashtag), hashtag=hashtag)]}}}


class ArchiveLongPosts(IndexTestCase):
    # Two long posts (one deleted), a whole tweet, circle and community tweets and a note of no tweet.
    POST = dict(id="1650000000000000001", when="2023-04-23T10:00:00", tail="zanzibarword", mention="bobsmith",
                hashtag="longreads", link="https://t.co/notelink1", expanded="https://example.org/essay")
    GONE = dict(id="1650000000000000002", when="2023-04-24T11:00:00", tail="quokkaword", mention="caroljones",
                hashtag="regrets", link="https://t.co/notelink2", expanded="https://example.net/retracted")

    def post_text(self, p):
        return long_text("note" + p["id"][-1], p["tail"], p["mention"], p["hashtag"], p["link"])

    def files(self):
        post, gone = self.POST, self.GONE
        post_text, gone_text = self.post_text(post), self.post_text(gone)
        self.orphan_id = "1650000000000009999"
        self.whole_text = "a whole tweet, no note " + ELLIPSIS + " https://t.co/ordinary"  # same time as a note
        deleted = archive_tweet(gone["id"], cut(gone_text, "cut2"), when=gone["when"])
        deleted["tweet"]["deleted_at"] = "2023-05-01T00:00:00.000Z"
        self.tweets_js = [archive_tweet(post["id"], cut(post_text, "cut1"), when=post["when"]),
                          archive_tweet("1650000000000000003", self.whole_text, when="2023-04-25T09:00:00")]
        self.circle_js = [archive_tweet("1650000000000000004", "for my circle only", when="2023-04-26T09:00:00"),
                          archive_tweet("1650000000000000005", "circle again", when="2023-04-26T10:00:00")]
        self.community_js = [archive_tweet("1650000000000000006", "to the community", when="2023-04-27T09:00:00")]
        return {
            "data/account.js": ACCOUNT_JS,
            "data/tweets.js": archive_js("YTD.tweets.part0", self.tweets_js),
            # The note is written a second after its tweet.
            "data/note-tweet.js": archive_js("YTD.note_tweet.part0", [
                note("1650000000000000101", post_text, iso(post["when"], 1), post["mention"], post["hashtag"],
                     post["link"], post["expanded"]),
                note(self.orphan_id, "a note whose tweet is not in the archive, for @nobody #orphan https://t.co/x",
                     iso("2023-04-25T09:00:00"), "nobody", "orphan", "https://t.co/x", "https://example.com/")]),
            "data/deleted-tweets.js": archive_js("YTD.deleted_tweets.part0", [deleted]),
            "data/deleted-note-tweet.js": archive_js("YTD.deleted_note_tweet.part0", [
                note("1650000000000000102", gone_text, iso(gone["when"]), gone["mention"], gone["hashtag"],
                     gone["link"], gone["expanded"])]),
            "data/twitter-circle-tweet.js": archive_js("YTD.twitter_circle_tweet.part0", self.circle_js),
            "data/community-tweet.js": archive_js("YTD.community_tweet.part0", self.community_js),
        }

    def write_folder(self):
        for name, content in self.files().items():
            self.write_text(f"x/{name}", content)
        return self.path("x")

    def check_joined(self, proc, note_file):
        post, gone = self.POST, self.GONE
        post_text, gone_text = self.post_text(post), self.post_text(gone)
        # Searched by the words, mention, hashtag and link only the note has.
        for q in (post["tail"], "@" + post["mention"], "#" + post["hashtag"], "domain:" + post["expanded"][8:]):
            self.assertEqual(self.ids(q), {post["id"]}, q)
        # Shown by its full text.
        rec = {r["id"]: r for r in self.records("from:" + OWNER)}
        self.assertEqual(rec[post["id"]]["text"], post_text)
        self.assertEqual(rec[post["id"]]["author"], OWNER)
        # A cut tweet that no note begins keeps its text.
        self.assertEqual(rec["1650000000000000003"]["text"], self.whole_text)
        # Circle and community tweets are the owner's tweets, marked by the file they came from:
        # is:circle and is:community answer exactly that file's tweets, each once; tweets.js's
        # tweets are in neither.
        for flag, entries in (("circle", self.circle_js), ("community", self.community_js)):
            ids = sorted(e["tweet"]["id_str"] for e in entries)
            listed = self.query("search", "is:" + flag, "--format", "ids").stdout.split()
            self.assertEqual(sorted(listed), ids, flag)
            for i, e in zip(ids, sorted(entries, key=lambda e: e["tweet"]["id_str"])):
                self.assertEqual(rec[i]["text"], e["tweet"]["full_text"])
                self.assertIs(rec[i].get(flag), True, i)
        plain = {e["tweet"]["id_str"] for e in self.tweets_js}
        self.assertEqual(len(plain), 2)
        self.assertFalse(plain & self.ids("is:circle OR is:community"))
        for i in plain:
            self.assertNotIn("circle", rec[i])
            self.assertNotIn("community", rec[i])
        # The deleted long post joins its deleted note.
        for q in (gone["tail"], "@" + gone["mention"], "#" + gone["hashtag"]):
            self.assertEqual(self.ids(q, "--include-deleted"), {gone["id"]}, q)
        deleted = {r["id"]: r for r in self.records("is:deleted", "--include-deleted")}
        self.assertEqual(deleted[gone["id"]]["text"], gone_text)
        # The note of no tweet is told, naming its file and id; the joined ones are not.
        told = [line for line in proc.stderr.splitlines() if "matches no cut tweet" in line]
        self.assertEqual(len(told), 1, proc.stderr)
        self.assertIn(note_file, told[0])
        self.assertIn(self.orphan_id, told[0])

    def test_unpacked_archive(self):
        root = self.write_folder()
        proc = self.index(root)
        self.assertIn("0 records rejected", proc.stderr)
        self.check_joined(proc, os.path.join("data", "note-tweet.js"))

    def test_zip_with_the_notes_after_the_tweets(self):
        z = self.path("x.zip")
        files = self.files()
        with zipfile.ZipFile(z, "w") as zf:
            for name in sorted(files, key=lambda n: "note" in n):  # the notes last in the ZIP
                zf.writestr("twitter-2023/" + name, files[name])
        proc = self.index(z)
        self.check_joined(proc, "x.zip!twitter-2023/data/note-tweet.js")

    def test_tar_gz_streamed_in_name_order(self):
        root = self.write_folder()
        path = self.path("x.tar.gz")
        with tarfile.open(path, "w:gz") as tf:
            for name in sorted(os.listdir(os.path.join(root, "data"))):  # note-tweet.js before tweets.js
                tf.add(os.path.join(root, "data", name), "archive/data/" + name)
        proc = self.index(path)
        self.check_joined(proc, "x.tar.gz!archive/data/note-tweet.js")

    def test_tweets_indexed_again_with_their_notes_keep_one_copy(self):
        root = self.write_folder()
        self.index(root)
        before = self.ids("from:" + OWNER)
        os.utime(os.path.join(root, "data", "tweets.js"), (1, 1))  # changed: read again
        proc = self.index(root)
        self.assertEqual(self.ids("from:" + OWNER), before)
        self.assertEqual(self.ids(self.POST["tail"]), {self.POST["id"]})
        # Only the orphan is told: the deleted note's tweets were not read again.
        told = [line for line in proc.stderr.splitlines() if "matches no cut tweet" in line]
        self.assertEqual(len(told), 1, proc.stderr)
        self.assertIn(self.orphan_id, told[0])
