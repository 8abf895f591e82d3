"""The real X web client GraphQL responses in tests/data/graphql-twscrape/ (UserTweets,
UserTweetsAndReplies, SearchTimeline, TweetDetail, saved by twscrape's tests): they index, and the
index answers what the JSON says.

The expected answers are computed here with the json module from the documented shapes, not from
the indexer's code:
  - tweets are the `tweet_results.result` of the entries of every `instructions` list
    (TimelineAddEntries `entries`, TimelinePinEntry `entry`), of an entry's `itemContent` or of a
    module's `items[].item.itemContent`, promoted entries left out; a TweetWithVisibilityResults
    holds its tweet under `tweet`; each tweet's `quoted_status_result.result` and
    `legacy.retweeted_status_result.result` are tweets too; a tweet met twice is one tweet;
  - a tweet's id is `legacy.id_str`; its author the `core.user_results.result`'s `core.screen_name`
    (newer shape) or `legacy.screen_name`; its text `note_tweet.note_tweet_results.result.text`
    when there is one (a long post), else `legacy.full_text`; its mentions and links those of the
    note's `entity_set`, else of `legacy.entities`, and for a retweet its original's too.
"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tiharness import BIN, DATA

FIXTURES = os.path.join(DATA, "graphql-twscrape")


def unwrap(result):
    if result.get("__typename") == "TweetWithVisibilityResults":
        return result.get("tweet")
    if result.get("__typename") in ("TweetTombstone", "TweetUnavailable"):
        return None
    return result if "legacy" in result else None


def author_of(t):
    u = t.get("core", {}).get("user_results", {}).get("result", {})
    return (u.get("core") or {}).get("screen_name") or (u.get("legacy") or {}).get("screen_name")


def own_text_and_entities(t):
    note = t.get("note_tweet", {}).get("note_tweet_results", {}).get("result")
    if note and note.get("text"):
        return note["text"], note.get("entity_set") or {}
    return t["legacy"].get("full_text", ""), t["legacy"].get("entities") or {}


def items_of(instructions):
    for ins in instructions:
        entries = list(ins.get("entries", []))
        if "entry" in ins:
            entries.append(ins["entry"])
        for entry in entries:
            if entry.get("entryId", "").startswith("promoted"):
                continue
            content = entry.get("content", {})
            if "itemContent" in content:
                yield content["itemContent"]
            for item in content.get("items", []):
                if "itemContent" in item.get("item", {}):
                    yield item["item"]["itemContent"]


def find_instructions(x):
    if isinstance(x, dict):
        for k, v in x.items():
            if k == "instructions" and isinstance(v, list):
                yield v
            else:
                yield from find_instructions(v)


def expected_tweets():
    """id -> {"author", "text", "mentions" (lowercase), "urls", "retweet_of", "views", "user"}"""
    out = {}

    def add(result):
        t = unwrap(result)
        if t is None:
            return None
        for nested in (t.get("quoted_status_result", {}).get("result"),
                       t["legacy"].get("retweeted_status_result", {}).get("result")):
            if nested:
                add(nested)
        tid = t["legacy"]["id_str"]
        if tid in out:
            return t
        text, ents = own_text_and_entities(t)
        mentions = {m["screen_name"].lower() for m in ents.get("user_mentions", [])}
        urls = {u["expanded_url"] for u in ents.get("urls", [])}
        original = t["legacy"].get("retweeted_status_result", {}).get("result")
        original = unwrap(original) if original else None
        if original:
            _, oe = own_text_and_entities(original)
            mentions |= {m["screen_name"].lower() for m in oe.get("user_mentions", [])}
            urls |= {u["expanded_url"] for u in oe.get("urls", [])}
        out[tid] = {"author": author_of(t), "text": text, "legacy_text": t["legacy"].get("full_text", ""),
                    "mentions": mentions, "urls": urls,
                    "retweet_of": original["rest_id"] if original else None,
                    "views": t.get("views", {}).get("count"),
                    "user": t.get("core", {}).get("user_results", {}).get("result", {})}
        return t

    for name in sorted(os.listdir(FIXTURES)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
            response = json.load(f)
        for instructions in find_instructions(response["data"]):
            for item in items_of(instructions):
                result = item.get("tweet_results", {}).get("result")
                if result and not item.get("promotedMetadata"):
                    add(result)
    return out


class GraphqlFixtures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tweet-index-graphql-")
        cls.db = os.path.join(cls.tmp, "index.xapian")
        cls.env = dict(os.environ, NO_COLOR="1")
        cls.env.pop("TWEET_INDEX_DB", None)
        cls.proc = subprocess.run([os.path.join(BIN, "tweet-index"), "--db", cls.db, FIXTURES], capture_output=True,
                                  text=True, env=cls.env, timeout=300)
        cls.expected = expected_tweets()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def query(self, *args):
        proc = subprocess.run([os.path.join(BIN, "tweet-query"), *args, "--db", self.db], capture_output=True,
                              text=True, env=self.env, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout

    def ids(self, query):
        return set(self.query("search", query, "--format", "ids", "--limit", "0").split())

    def record(self, tid):
        lines = self.query("search", f"id:{tid}", "--format", "jsonl").splitlines()
        self.assertEqual(len(lines), 1, tid)
        return json.loads(lines[0])

    def test_indexing_summary(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertIn(f"{len(self.expected)} tweets indexed", self.proc.stderr)

    def test_every_tweet_is_indexed(self):
        self.assertEqual(self.ids(""), set(self.expected))
        self.assertGreater(len(self.expected), 100)

    def test_authors(self):
        by_author = collections.defaultdict(set)
        for tid, t in self.expected.items():
            by_author[t["author"].lower()].add(tid)
        self.assertGreater(len(by_author), 20)
        for name, want in sorted(by_author.items()):
            with self.subTest(author=name):
                self.assertEqual(self.ids(f"from:{name}"), want)

    def test_mentions(self):
        by_mention = collections.defaultdict(set)
        for tid, t in self.expected.items():
            for m in t["mentions"]:
                by_mention[m].add(tid)
        self.assertGreater(len(by_mention), 10)
        for name, want in sorted(by_mention.items()):
            with self.subTest(mention=name):
                self.assertEqual(self.ids(f"@{name}"), want)

    def test_links(self):
        with_links = {tid for tid, t in self.expected.items() if t["urls"]}
        self.assertGreater(len(with_links), 10)
        self.assertEqual(self.ids("has:links"), with_links)

    def test_media_links_are_media_not_links(self):
        # A photo's t.co link (entities.media) is neither a link nor a t.co host; the photo's
        # file is in the record and shown in the text.
        media = {}
        for name in sorted(os.listdir(FIXTURES)):
            if name.endswith(".json"):
                with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
                    for instructions in find_instructions(json.load(f)["data"]):
                        for item in items_of(instructions):
                            t = unwrap(item.get("tweet_results", {}).get("result") or {})
                            if t and (t["legacy"].get("extended_entities") or {}).get("media"):
                                media.setdefault(t["legacy"]["id_str"], t["legacy"]["extended_entities"]["media"])
        self.assertGreater(len(media), 10)
        self.assertLessEqual(set(media), self.ids("has:media"))
        self.assertEqual(self.ids("domain:t.co"), set())
        for tid, items in sorted(media.items())[:8]:
            rec = self.record(tid)
            with self.subTest(tweet=tid):
                self.assertEqual([m["media_url"] for m in rec["entities"]["media"]],
                                 [m["media_url_https"] for m in items])
                self.assertNotIn(items[0]["url"], rec["urls"])
                text = self.query("search", f"id:{tid}")
                self.assertIn(items[0]["media_url_https"], text)
                self.assertNotIn(items[0]["url"], text)

    def test_long_posts_are_found_by_their_whole_text(self):
        # A word of a note's text that its cut legacy.full_text lacks finds the tweet.
        checked = 0
        words_of = lambda s: set(re.findall(r"[A-Za-z]{9,}", s))
        everywhere = collections.Counter(w.lower() for t in self.expected.values() for w in words_of(t["text"]))
        for tid, t in sorted(self.expected.items()):
            if t["text"] == t["legacy_text"]:
                continue
            tail = sorted(w for w in words_of(t["text"]) - words_of(t["legacy_text"]) if everywhere[w.lower()] == 1)
            if not tail:
                continue
            # Its retweets are found by their original's whole text too.
            retweets = {r for r, rt in self.expected.items() if rt["retweet_of"] == tid}
            with self.subTest(tweet=tid, word=tail[0]):
                self.assertEqual(self.ids(f'"{tail[0]}"'), {tid} | retweets)
                self.assertEqual(self.record(tid)["text"], t["text"])
            checked += 1
        self.assertGreater(checked, 3)

    def test_retweets_and_views(self):
        retweets = {tid: t["retweet_of"] for tid, t in self.expected.items() if t["retweet_of"]}
        self.assertGreater(len(retweets), 5)
        self.assertLessEqual(set(retweets), self.ids("is:retweet"))
        for tid, original in sorted(retweets.items())[:10]:
            with self.subTest(retweet=tid):
                rec = self.record(tid)
                self.assertEqual(rec["retweet_of"], original)
                self.assertTrue(rec["is_retweet"])
        viewed = [(tid, t["views"]) for tid, t in sorted(self.expected.items()) if t["views"]]
        self.assertGreater(len(viewed), 10)
        for tid, views in viewed[:10]:
            with self.subTest(views=tid):
                self.assertEqual(self.record(tid)["counts"]["views"], int(views))

    def test_authors_join_the_registry_with_their_followers(self):
        # The newer shape's relationship_counts.followers, else legacy.followers_count; an account
        # seen in several captures may have several counts, the registry shows one of them.
        seen = collections.defaultdict(set)
        names = {}
        for t in self.expected.values():
            u = t["user"]
            followers = (u.get("relationship_counts") or {}).get("followers")
            if followers is None:
                followers = (u.get("legacy") or {}).get("followers_count")
            seen[u["rest_id"]].add(followers)
            names[u["rest_id"]] = t["author"]
        self.assertGreater(len(seen), 20)
        for uid in sorted(seen)[:15]:
            rec = json.loads(self.query("account", names[uid], "--format", "jsonl"))
            with self.subTest(account=names[uid]):
                self.assertEqual(rec["id"], uid)
                self.assertIn(rec["followers_count"], seen[uid])


if __name__ == "__main__":
    unittest.main()
