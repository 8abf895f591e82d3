"""The awkward shapes of X web client captures, in the small files tests/data/graphql-awkward/
(written by its make_awkward.py from a real tweet result): TweetWithVisibilityResults, tombstones,
unavailable tweets, promoted entries, cursors, the older `legacy` user, an unavailable (suspended)
account, Zeeschuimer/4CAT lines, an array of responses and JSON lines of them. Expected answers
are computed from the files with the json module."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tiharness import DATA, IndexTestCase

AWKWARD = os.path.join(DATA, "graphql-awkward")
FILES = ["visibility.json", "zeeschuimer.ndjson", "responses.json", "responses.jsonl"]


def records(name):
    with open(os.path.join(AWKWARD, name), encoding="utf-8") as f:
        text = f.read()
    if name.endswith((".jsonl", ".ndjson")):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    value = json.loads(text)
    return value if isinstance(value, list) else [value]


def entries(response):
    for ins in response["data"]["search_by_raw_query"]["search_timeline"]["timeline"]["instructions"]:
        yield from ins.get("entries", [])


def tweet_in(result):
    if result.get("__typename") == "TweetWithVisibilityResults":
        return result["tweet"]
    return result if result.get("__typename") == "Tweet" else None


class AwkwardGraphql(IndexTestCase):
    @classmethod
    def setUpClass(cls):
        cls.tweets, cls.promoted, cls.unavailable, cls.suspended_ids = {}, set(), [], set()
        for name in FILES:
            for rec in records(name):
                if "source_platform" in rec:  # Zeeschuimer: the result under `data`
                    t = tweet_in(rec["data"])
                    cls.tweets[t["rest_id"]] = t
                    continue
                for entry in entries(rec):
                    content = entry["content"]
                    for it in [content.get("itemContent")] + [i["item"].get("itemContent") for i in content.get("items", [])]:
                        if not it:
                            continue
                        user = it.get("user_results", {}).get("result", {})
                        if user.get("__typename") == "UserUnavailable" and user.get("reason") == "Suspended":
                            cls.suspended_ids.add(user["rest_id"])
                        result = it.get("tweet_results", {}).get("result")
                        if not result:
                            continue
                        if "promotedMetadata" in it:
                            cls.promoted.add(result["rest_id"])
                        elif tweet_in(result):
                            cls.tweets[tweet_in(result)["rest_id"]] = tweet_in(result)
                        else:
                            cls.unavailable.append((entry["entryId"], result["__typename"]))

    def setUp(self):
        super().setUp()
        self.proc = self.index(*[os.path.join(AWKWARD, n) for n in FILES])

    def test_every_tweet_and_no_promoted_one(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertEqual(self.ids(""), set(self.tweets))
        self.assertTrue(self.promoted)
        self.assertFalse(self.promoted & self.ids(""))
        self.assertIn(f"{len(self.promoted)} promoted entries: skipped", self.proc.stderr)

    def test_tombstones_and_unavailable_tweets_are_notes(self):
        self.assertEqual(len(self.unavailable), 2)
        for entry_id, kind in self.unavailable:
            self.assertRegex(self.proc.stderr, rf"visibility\.json:\d+: note: {kind} in {entry_id}: .*nothing to index")

    def test_authors_of_both_user_shapes(self):
        for tid, t in self.tweets.items():
            user = t["core"]["user_results"]["result"]
            shape = user.get("core") or user.get("legacy")
            with self.subTest(tweet=tid):
                self.assertIn(tid, self.ids(f"from:{shape['screen_name']}"))
                account = json.loads(self.query("account", shape["screen_name"], "--format", "jsonl").stdout)
                followers = (user.get("relationship_counts") or {}).get("followers", shape.get("followers_count"))
                self.assertEqual(account["followers_count"], followers)

    def test_an_unavailable_account_is_searchable_by_its_fate(self):
        self.assertTrue(self.suspended_ids)
        want = {tid for tid, t in self.tweets.items() if t["core"]["user_results"]["result"]["rest_id"] in self.suspended_ids}
        self.assertTrue(want)
        self.assertEqual(self.ids("author_status:suspended"), want)
        mentioning = {tid for tid in want
                      if any(m["screen_name"] == "victim" for m in self.tweets[tid]["legacy"]["entities"]["user_mentions"])}
        self.assertTrue(mentioning)
        self.assertEqual(self.ids("author_status:suspended @victim"), mentioning)
        self.assertEqual(self.ids("author_status:deleted"), set())
        bad = self.query("search", "author_status:gone", expect_rc=2)
        self.assertIn("author_status: takes suspended, deleted, protected or withheld", bad.stderr)


if __name__ == "__main__":
    unittest.main()
