"""Edited tweets: every version is a tweet of its own with its own id, and each version lists the
chain (API v2 `edit_history_tweet_ids`, an archive's `edit_info`, the web client's `edit_control`).
Answers show a tweet once, as its latest version in the index, whichever order the versions were
indexed in; `is:edited` finds edited tweets; `--include-edits` shows the earlier versions too;
counts, tops and timelines count an edited tweet once. The expected answers come from the chains
written here: the latest version is the one with the highest id."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tiharness import IndexTestCase

FIRST, SECOND, THIRD, OTHER = "1600000000000000001", "1600000000000000005", "1600000000000000009", "1600000000000000100"
TEXTS = {FIRST: "first version with a typo mistakke", SECOND: "second version still wrongg",
         THIRD: "third version all fixed", OTHER: "another tweet never edited"}
WHEN = {FIRST: "2024-05-01T10:00:00.000Z", SECOND: "2024-05-01T10:05:00.000Z", THIRD: "2024-05-01T10:09:00.000Z",
        OTHER: "2024-05-02T08:00:00.000Z"}


def v2(tid, chain):
    return {"id": tid, "text": TEXTS[tid], "created_at": WHEN[tid], "author_id": "77",
            "author": {"id": "77", "username": "editor", "name": "Editor"}, "edit_history_tweet_ids": chain}


def archive(tid, chain):
    t = {"id_str": tid, "full_text": TEXTS[tid], "created_at": WHEN[tid].replace(".000Z", "Z"),
         "entities": {"user_mentions": [], "urls": [], "hashtags": [], "symbols": []}}
    if tid == chain[0]:
        t["edit_info"] = {"initial": {"editTweetIds": chain, "editableUntil": "2024-05-01T11:00:00.000Z",
                                      "editsRemaining": "3", "isEditEligible": True}}
    else:
        t["edit_info"] = {"edit": {"initialTweetId": chain[0], "editControlInitial": {
            "editTweetIds": chain, "editableUntil": "2024-05-01T11:00:00.000Z", "editsRemaining": "3",
            "isEditEligible": True}}}
    return {"tweet": t}


def graphql(tid, chain):
    legacy = {"id_str": tid, "full_text": TEXTS[tid], "created_at": "Wed May 01 10:00:00 +0000 2024",
              "entities": {"user_mentions": [], "urls": [], "hashtags": [], "symbols": []}, "lang": "en"}
    control = {"edit_tweet_ids": chain, "editable_until_msecs": "1714561200000", "is_edit_eligible": True,
               "edits_remaining": "3"}
    if tid != chain[0]:
        control = {"initial_tweet_id": chain[0], "edit_control_initial": control}
    return {"__typename": "Tweet", "rest_id": tid, "legacy": legacy, "edit_control": control,
            "core": {"user_results": {"result": {"__typename": "User", "rest_id": "77",
                                                 "core": {"screen_name": "editor", "name": "Editor"}}}}}


def chains():
    """What each version knew when it was saved: the first only of itself (saved before any
    edit), the second of the first two, the third of all three."""
    return [(FIRST, [FIRST]), (SECOND, [FIRST, SECOND]), (THIRD, [FIRST, SECOND, THIRD]), (OTHER, [OTHER])]


class Edits(IndexTestCase):
    def check(self, shape):
        versions = [tid for tid, chain in chains() if tid != OTHER]
        latest = max(versions, key=int)
        edited_chain = {tid for tid, chain in chains() for c in chains() if tid in c[1] and len(c[1]) > 1}
        self.assertEqual(self.ids(""), {latest, OTHER})
        self.assertEqual(self.ids("", "--include-edits"), {tid for tid, _ in chains()})
        self.assertEqual(self.ids("is:edited"), {latest})
        self.assertEqual(self.ids("is:edited", "--include-edits"), edited_chain)
        for tid in versions:
            word = TEXTS[tid].split()[0]
            with self.subTest(shape=shape, version=tid):
                self.assertEqual(self.ids(word), {latest} if tid == latest else set())
                self.assertEqual(self.ids(word, "--include-edits"), {tid})
        self.assertEqual(self.count(""), 2)
        self.assertEqual(self.count("from:editor"), 2 if shape != "archive" else 0)
        self.assertEqual(self.count("from:editor", "--include-edits"), 4 if shape != "archive" else 0)
        if shape != "archive":
            tops = [json.loads(l) for l in self.query("top", "authors", "--format", "jsonl").stdout.splitlines()]
            self.assertEqual(tops, [{"value": "editor", "count": 2}])
        periods = [json.loads(l) for l in self.query("timeline", "--by", "year", "--format", "jsonl").stdout.splitlines()]
        self.assertEqual(sum(p["count"] for p in periods), 2)
        record = self.records(f"id:{latest}")[0]
        self.assertEqual(record["edit_ids"], [FIRST, SECOND, THIRD])

    def run_shape(self, shape, make, order):
        for n, (tid, chain) in enumerate(sorted(chains(), key=lambda c: order.index(c[0]))):
            self.index(self.write_jsonl(f"{shape}-{n}.jsonl", [make(tid, chain)]))
        self.check(shape)

    def test_v2_in_order(self):
        self.run_shape("v2", v2, [FIRST, SECOND, THIRD, OTHER])

    def test_v2_latest_first(self):
        self.run_shape("v2", v2, [THIRD, OTHER, SECOND, FIRST])

    def test_archive_edit_info(self):
        self.run_shape("archive", archive, [SECOND, FIRST, OTHER, THIRD])

    def test_graphql_edit_control(self):
        self.run_shape("graphql", graphql, [FIRST, THIRD, SECOND, OTHER])

    def test_a_fuller_copy_of_an_earlier_version_stays_superseded(self):
        # An earlier version known only cut (v1.1 `truncated`), superseded by a later one, then its
        # full copy: the full copy takes the cut one's place and is still an earlier version.
        def v1(tid, chain, text, truncated):
            return {"id_str": tid, "text": text, "truncated": truncated, "created_at": "Wed May 01 10:00:00 +0000 2024",
                    "user": {"id_str": "77", "screen_name": "editor"}, "edit_history": {"edit_tweet_ids": chain},
                    "entities": {"user_mentions": [], "urls": [], "hashtags": [], "symbols": []}}
        cut = TEXTS[FIRST][:12] + "…"
        self.index(self.write_jsonl("cut.jsonl", [v1(FIRST, [FIRST], cut, True)]))
        self.index(self.write_jsonl("second.jsonl", [v1(SECOND, [FIRST, SECOND], TEXTS[SECOND], False)]))
        self.assertEqual(self.ids(""), {SECOND})
        full = self.index(self.write_jsonl("full.jsonl", [v1(FIRST, [FIRST], TEXTS[FIRST], False)]))
        self.assertIn("1 duplicates", full.stderr)
        self.assertEqual(self.ids("", "--include-edits"), {FIRST, SECOND})
        self.assertEqual(self.ids(TEXTS[FIRST].split()[-1], "--include-edits"), {FIRST})  # the full text is kept
        self.assertEqual(self.ids(""), {SECOND})
        self.assertEqual(self.ids("is:edited"), {SECOND})
        self.assertEqual(self.count(""), 1)


if __name__ == "__main__":
    unittest.main()
