"""tweet-index on the shapes of input it reads, and what it promises about them."""
import gzip
import json
import os
import re
import unittest
import zipfile

from tiharness import IndexTestCase, delete_notice, tweet, user


def archive_js(global_name, entries):
    """A "Download your archive" file: every number a string, as Twitter writes them."""

    def stringify(value):
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, list):
            return [stringify(v) for v in value]
        if isinstance(value, dict):
            return {k: stringify(v) for k, v in value.items()}
        return value

    return f"window.{global_name} = " + json.dumps([stringify(e) for e in entries], indent=2, ensure_ascii=False)


def archive_tweet(tid, text, **kw):
    t = tweet(tid, text, **kw)
    del t["user"]  # archive tweets carry no user
    t["full_text"] = t.pop("text")
    return {"tweet": t}


ACCOUNT_JS = archive_js("YTD.account.part0", [{"account": {
    "email": "guy@example.com", "createdVia": "web", "username": "GuyKawasaki", "accountId": "2529971",
    "createdAt": "2007-03-24T04:48:32.000Z", "accountDisplayName": "Guy Kawasaki"}}])


class Reindexing(IndexTestCase):
    def test_same_files_again_add_nothing_and_unchanged_files_are_skipped(self):
        a = self.write_jsonl("a.jsonl", [tweet(1, "one"), tweet(2, "two")])
        first = self.index(a)
        self.assertIn("2 tweets indexed", first.stderr)
        again = self.index(a)
        self.assertIn("1 unchanged and skipped", again.stderr)
        self.assertIn("0 tweets indexed", again.stderr)
        self.assertEqual(self.count(""), 2)

    def test_overlapping_files_count_each_tweet_once(self):
        a = self.write_jsonl("a.jsonl", [tweet(1, "one"), tweet(2, "two")])
        b = self.write_jsonl("b.jsonl", [tweet(2, "two"), tweet(3, "three")])
        self.index(a)
        proc = self.index(b)
        self.assertIn("1 tweets indexed, 1 duplicates", proc.stderr)
        self.assertEqual(self.ids(""), {"1", "2", "3"})

    def test_changed_file_is_read_again(self):
        a = self.write_jsonl("a.jsonl", [tweet(1, "one")])
        self.index(a)
        with open(a, "a") as f:
            f.write(json.dumps(tweet(2, "two, appended later")) + "\n")
        proc = self.index(a)
        self.assertIn("1 tweets indexed, 1 duplicates", proc.stderr)
        self.assertEqual(self.ids(""), {"1", "2"})


class DeleteNotices(IndexTestCase):
    def test_notice_after_its_tweet(self):
        self.index(self.write_jsonl("s.jsonl", [tweet(1, "keep me"), tweet(2, "delete me"), delete_notice(2)]))
        self.assertEqual(self.ids(""), {"1"})
        self.assertEqual(self.ids("", "--include-deleted"), {"1", "2"})
        deleted = {r["id"]: r["deleted"] for r in self.records("", "--include-deleted")}
        self.assertEqual(deleted, {"1": False, "2": True})

    def test_notice_before_its_tweet_and_in_another_file(self):
        notices = self.write_jsonl("notices.jsonl", [delete_notice(2), delete_notice(3)])
        self.index(notices)
        self.assertEqual(self.count(""), 0)
        tweets = self.write_jsonl("tweets.jsonl", [tweet(1, "keep"), tweet(2, "gone"), tweet(3, "gone too")])
        proc = self.index(tweets)
        self.assertIn("3 tweets indexed", proc.stderr)
        self.assertEqual(self.ids(""), {"1"})
        self.assertEqual(self.ids("gone", "--include-deleted"), {"2", "3"})
        # Indexing the tweets' file again does not bring them back.
        os.utime(tweets, (0, 0))  # changed signature: read again
        self.index(tweets)
        self.assertEqual(self.ids(""), {"1"})

    def test_notice_before_its_tweet_in_the_same_file(self):
        self.index(self.write_jsonl("s.jsonl", [delete_notice(5), tweet(5, "late tweet"), tweet(6, "stays")]))
        self.assertEqual(self.ids(""), {"6"})
        self.assertEqual(self.ids("late", "--include-deleted"), {"5"})

    def test_stream_control_lines_are_not_errors(self):
        lines = [json.dumps(tweet(1, "a")), "", json.dumps({"limit": {"track": 12, "timestamp_ms": "1"}}),
                 json.dumps({"scrub_geo": {"user_id": 1, "user_id_str": "1", "up_to_status_id": 1,
                                           "up_to_status_id_str": "1"}}),
                 json.dumps({"warning": {"code": "FALLING_BEHIND", "message": "behind", "percent_full": 60}}),
                 json.dumps(tweet(2, "b"))]
        proc = self.index(self.write_text("stream.jsonl", "\n".join(lines) + "\n"))
        self.assertIn("0 records rejected", proc.stderr)
        self.assertIn("12 tweets dropped by the stream", proc.stderr)
        self.assertEqual(self.ids(""), {"1", "2"})


class BadInput(IndexTestCase):
    def test_malformed_lines_are_reported_and_the_rest_indexed(self):
        lines = [json.dumps(tweet(1, "good")), '{"id_str": "2", "text": "broken', json.dumps(tweet(3, "good too")),
                 json.dumps({"id_str": "x4", "text": "bad id"}), json.dumps({"nothing": "here"}),
                 json.dumps(tweet(6, "last"))]
        path = self.write_text("mixed.jsonl", "\n".join(lines) + "\n")
        proc = self.index(path, expect_rc=1)
        self.assertRegex(proc.stderr, re.escape(path) + r":2: invalid JSON")
        self.assertRegex(proc.stderr, re.escape(path) + r":4: tweet without a valid id")
        self.assertRegex(proc.stderr, re.escape(path) + r":5: not a tweet")
        self.assertIn("3 records rejected", proc.stderr)
        self.assertEqual(self.ids(""), {"1", "3", "6"})

    def test_error_in_an_array_names_the_entry(self):
        path = self.write_text("array.json", json.dumps([tweet(1, "a"), {"id_str": "2"}, tweet(3, "c")], indent=1))
        proc = self.index(path, expect_rc=1)
        self.assertIn(f"{path}:1: entry 2: tweet 2 has no text", proc.stderr)
        self.assertEqual(self.ids(""), {"1", "3"})

    def test_strict_leaves_the_index_as_before_that_file(self):
        good = self.write_jsonl("good.jsonl", [tweet(1, "fine")])
        self.index(good)
        bad = self.write_text("bad.jsonl", json.dumps(tweet(2, "fine")) + "\n{oops\n")
        proc = self.index(bad, expect_rc=1, options=["--strict"])
        self.assertIn("nothing of this file was indexed", proc.stderr)
        self.assertEqual(self.ids(""), {"1"})
        # Not recorded as indexed: a later non-strict run reads it.
        self.index(bad, expect_rc=1)
        self.assertEqual(self.ids(""), {"1", "2"})

    def test_missing_input_exits_2_and_leaves_the_index_alone(self):
        proc = self.index(os.path.join(self.tmp, "nope.jsonl"), expect_rc=2)
        self.assertIn("nope.jsonl: no such file or folder", proc.stderr)
        self.assertFalse(os.path.exists(self.db))

    def test_asking_a_missing_index_says_how_to_make_one(self):
        proc = self.query("search", "x", expect_rc=2)
        self.assertIn("no index here", proc.stderr)
        self.assertIn("tweet-index --db", proc.stderr)

    def test_truncated_gzip_keeps_what_came_before(self):
        data = gzip.compress("".join(json.dumps(tweet(i, f"tweet {i}")) + "\n" for i in range(1, 2001)).encode())
        path = self.path("cut.jsonl.gz")
        with open(path, "wb") as f:
            f.write(data[: len(data) * 2 // 3])
        proc = self.index(path, expect_rc=1)
        self.assertIn("truncated", proc.stderr)
        n = self.count("")
        self.assertGreater(n, 100)
        self.assertLess(n, 2000)

    def test_unrecognised_file_named_by_the_user_is_rejected(self):
        proc = self.index(self.write_text("notes.txt", "just some notes\n"), expect_rc=1)
        self.assertIn("not a tweet file", proc.stderr)


class Formats(IndexTestCase):
    def test_json_array_single_object_and_search_response(self):
        arr = self.write_text("array.json", json.dumps([tweet(1, "a"), tweet(2, "b")], indent=2))
        obj = self.write_text("one.json", json.dumps(tweet(3, "c"), indent=2))
        search = self.write_text("search.json", json.dumps({"statuses": [tweet(4, "d")], "search_metadata": {}}))
        self.index(arr, obj, search)
        self.assertEqual(self.ids(""), {"1", "2", "3", "4"})

    def test_multi_member_gzip(self):
        path = self.path("two.jsonl.gz")
        with open(path, "wb") as f:
            f.write(gzip.compress((json.dumps(tweet(1, "first member")) + "\n").encode()))
            f.write(gzip.compress((json.dumps(tweet(2, "second member")) + "\n").encode()))
        self.index(path)
        self.assertEqual(self.ids(""), {"1", "2"})

    def test_stdin(self):
        proc = self.run_tool("tweet-index", ["--db", self.db, "-"], stdin=json.dumps(tweet(9, "from stdin")) + "\n")
        self.assertIn("1 tweets indexed", proc.stderr)
        self.assertEqual(self.ids("stdin"), {"9"})

    def test_numbers_as_strings_and_64_bit_ids(self):
        big = 1380242611781386245  # does not survive a double
        t = tweet(big, "big id", retweet_count="7", favorite_count="2")
        t["id"] = float(big)  # a writer that lost precision; id_str is right
        self.index(self.write_jsonl("big.jsonl", [t]))
        record = self.records("")[0]
        self.assertEqual(record["id"], str(big))
        self.assertEqual(record["counts"]["retweets"], 7)
        self.assertEqual(self.ids("min_retweets:7"), {str(big)})

    def test_extended_tweet_full_text_and_entities_win(self):
        full = "A long tweet " + "x" * 130 + " ends with @loic and http://t.co/zz"
        t = tweet(1, full[:140] + "…", truncated=True)
        ext = tweet(1, full, mentions=["loic"], urls=[("http://t.co/zz", "http://seesmic.com/")])
        t["extended_tweet"] = {"full_text": ext["text"], "entities": ext["entities"]}
        self.index(self.write_jsonl("ext.jsonl", [t]))
        self.assertEqual(self.records("")[0]["text"], full)
        self.assertEqual(self.ids("@loic"), {"1"})
        self.assertEqual(self.ids("domain:seesmic.com"), {"1"})

    def test_retweet_is_found_by_what_its_truncation_cut_off(self):
        original_text = "Long thoughts about the business model of Twitter and more " + "y" * 60 + " cc @loic http://t.co/o1"
        original = tweet(100, original_text, author="scobleizer", mentions=["loic"],
                         urls=[("http://t.co/o1", "http://seesmic.com/story")])
        rt_text = ("RT @scobleizer: " + original_text)[:139] + "…"
        rt = tweet(101, rt_text, author="someone", mentions=["scobleizer"], retweeted_status=original)
        self.index(self.write_jsonl("rt.jsonl", [rt]))
        self.assertEqual(self.ids(""), {"100", "101"})
        self.assertEqual(self.ids("@loic"), {"100", "101"})
        self.assertEqual(self.ids("domain:seesmic.com"), {"100", "101"})
        self.assertEqual(self.ids("is:retweet"), {"101"})
        self.assertEqual(self.records("id:101")[0]["retweet_of"], "100")

    def test_html_entities_unescaped_and_emoji_before_entities(self):
        text = "😀 Q&A with @loic <3 see http://t.co/e1 #LeWeb"
        t = tweet(1, text, mentions=["loic"], urls=[("http://t.co/e1", "http://leweb.net/")], hashtags=["LeWeb"])
        self.index(self.write_jsonl("emoji.jsonl", [t]))
        record = self.records("")[0]
        self.assertEqual(record["text"], text)
        # Indices are code points of the unescaped text: they slice out exactly the entity.
        cps = list(record["text"])
        for kind, key, want in [("mentions", "screen_name", "@loic"), ("hashtags", "text", "#LeWeb"),
                                ("urls", "url", "http://t.co/e1")]:
            entity = record["entities"][kind][0]
            start, end = entity["indices"]
            self.assertEqual("".join(cps[start:end]), want)
        self.assertEqual(self.ids('"Q&A"'), {"1"})
        shown = self.query("search", "@loic").stdout
        self.assertIn("😀 Q&A with @loic <3 see http://leweb.net/ #LeWeb", shown)


class Archives(IndexTestCase):
    def make_archive_folder(self, root):
        tweets = [archive_tweet(10, "Top 10 entrepreneur stories http://t.co/x1",
                                urls=[("http://t.co/x1", "http://entrepreneurs.alltop.com/")]),
                  archive_tweet(11, "@loic great meeting", mentions=["loic"])]
        more = [archive_tweet(12, "more from part 1")]
        self.write_text(f"{root}/data/tweets.js", archive_js("YTD.tweets.part0", tweets))
        self.write_text(f"{root}/data/tweets-part1.js", archive_js("YTD.tweets.part1", more))
        self.write_text(f"{root}/data/account.js", ACCOUNT_JS)
        self.write_text(f"{root}/data/direct-messages.js", archive_js("YTD.direct_messages.part0", []))
        with open(self.path(f"{root}/data/tweets_media/photo.jpg"), "wb") as f:
            f.write(b"\xff\xd8\xff\xe0 not really a jpeg")
        return self.path(root)

    def check_archive_answers(self):
        self.assertEqual(self.ids(""), {"10", "11", "12"})
        self.assertEqual(self.ids("from:guykawasaki"), {"10", "11", "12"})
        self.assertEqual(self.ids("domain:alltop.com"), {"10"})
        self.assertEqual(self.ids("@loic"), {"11"})

    def test_unpacked_folder(self):
        proc = self.index(self.make_archive_folder("archive"))
        self.assertIn("0 records rejected", proc.stderr)
        self.check_archive_answers()

    def test_zip_as_downloaded(self):
        folder = self.make_archive_folder("archive")
        zpath = self.path("twitter-2020-01-01.zip")
        with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
            for dirpath, _, files in os.walk(folder):
                for name in files:
                    full = os.path.join(dirpath, name)
                    z.write(full, os.path.relpath(full, folder))
        proc = self.index(zpath)
        self.assertIn("0 records rejected", proc.stderr)
        self.check_archive_answers()

    def test_lone_tweets_js_and_manifest_owner(self):
        manifest = ('window.__THAR_CONFIG = {"userInfo": {"accountId": "2529971", "userName": "GuyKawasaki", '
                    '"displayName": "Guy Kawasaki"}, "archiveInfo": {"sizeBytes": "1"}}')
        self.write_text("lone/manifest.js", manifest)
        js = self.write_text("lone/tweets.js", archive_js("YTD.tweets.part0", [archive_tweet(20, "alone")]))
        self.index(js)
        self.assertEqual(self.ids("from:GuyKawasaki"), {"20"})

    def test_oldest_archive_with_bare_objects(self):
        bare = archive_tweet(30, "bare object")["tweet"]
        self.write_text("old/account.js", ACCOUNT_JS)
        js = self.write_text("old/tweet.js", archive_js("YTD.tweet.part0", [bare]))
        self.index(js)
        self.assertEqual(self.ids("from:guykawasaki"), {"30"})


if __name__ == "__main__":
    unittest.main()
