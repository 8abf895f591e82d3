"""tweet-index on the formats of issue 3: API v2 (twarc2), snscrape, Grailbird, more of the X
archive, stream control lines. Every input is hand-made here after the documented shapes."""
import collections
import json
import os
import re
import unittest
import zipfile

from tiharness import IndexTestCase, delete_notice, html_escape, tweet, user
from test_indexing import ACCOUNT_JS, archive_js, archive_tweet


def cp_span(text, needle):
    """Code-point [start, end) of needle in text (Python str indices are code points)."""
    i = text.index(needle)
    return i, i + len(needle)


def v2_tweet(tid, text, author_id="100", when="2021-04-01T15:52:31.000Z", mentions=(), hashtags=(), cashtags=(),
             urls=(), refs=(), **extra):
    """An API v2 tweet: text HTML-escaped, entity start/end code points of the escaped text."""
    escaped = html_escape(text)
    entities = {}
    if mentions:
        entities["mentions"] = []
        for m in mentions:
            name, uid = (m, None) if isinstance(m, str) else m
            s, e = cp_span(escaped, "@" + name)
            entity = {"start": s, "end": e, "username": name}
            if uid is not None:
                entity["id"] = uid
            entities["mentions"].append(entity)
    if hashtags:
        entities["hashtags"] = [dict(zip(("start", "end"), cp_span(escaped, "#" + h)), tag=h) for h in hashtags]
    if cashtags:
        entities["cashtags"] = [dict(zip(("start", "end"), cp_span(escaped, "$" + c)), tag=c) for c in cashtags]
    if urls:
        entities["urls"] = []
        for u in urls:
            s, e = cp_span(escaped, u["url"])
            entities["urls"].append(dict(u, start=s, end=e))
    t = {"id": str(tid), "text": escaped, "author_id": author_id, "created_at": when, "lang": "en",
         "conversation_id": str(tid), "edit_history_tweet_ids": [str(tid)],
         "public_metrics": {"retweet_count": 1, "reply_count": 2, "like_count": 3, "quote_count": 4}}
    if entities:
        t["entities"] = entities
    if refs:
        t["referenced_tweets"] = [{"type": kind, "id": str(rid)} for kind, rid in refs]
    t.update(extra)
    return t


def v2_user(uid, username, followers=10, name=None):
    return {"id": str(uid), "username": username, "name": name or username.title(),
            "created_at": "2010-01-01T00:00:00.000Z",
            "public_metrics": {"followers_count": followers, "following_count": 1, "tweet_count": 5,
                               "listed_count": 0}}


class ApiV2(IndexTestCase):
    def page(self):
        original = v2_tweet(10, "the original & its #Origin tag by @carol", author_id="300", hashtags=["Origin"],
                            mentions=[("carol", "300")])
        quoted = v2_tweet(11, "quoted one", author_id="300")
        tweets = [
            v2_tweet(1, "😀 hello @bob & @ghost see https://t.co/a #Tag $ACME", author_id="100",
                     mentions=[("bob", "200"), ("ghost", "-1")], hashtags=["Tag"], cashtags=["ACME"],
                     urls=[{"url": "https://t.co/a", "expanded_url": "https://bit.ly/x",
                            "unwound_url": "https://example.com/final", "display_url": "bit.ly/x"}]),
            v2_tweet(2, "RT @carol: the original & its…", author_id="200", refs=[("retweeted", 10)]),
            v2_tweet(3, "look at this", author_id="100", refs=[("quoted", 11)]),
            v2_tweet(4, "a reply", author_id="100", refs=[("replied_to", 99)], in_reply_to_user_id="555"),
            v2_tweet(5, "cut text…", author_id="100",
                     note_tweet={"text": "the whole long post mentions @dave at the end",
                                 "entities": {"mentions": [{"start": 29, "end": 34, "username": "dave"}]}}),
            v2_tweet(6, "withheld here", author_id="100", withheld={"copyright": False, "country_codes": ["IN"]}),
        ]
        return {"data": tweets,
                "includes": {"users": [v2_user(100, "alice", 42, "Alice A"), v2_user(200, "bob", 7),
                                       v2_user(300, "carol", 99)],
                             "tweets": [original, quoted]},
                "errors": [{"parameter": "entities.mentions.username", "resource_id": "badguy", "value": "badguy",
                            "detail": "User has been suspended: [badguy].", "title": "Forbidden",
                            "resource_type": "user", "type": "https://api.twitter.com/2/problems/resource-not-found"},
                           {"value": "77", "detail": "Could not find tweet with referenced_tweets.id: [77].",
                            "title": "Not Found Error", "resource_type": "tweet", "parameter": "referenced_tweets.id",
                            "resource_id": "77", "type": "https://api.twitter.com/2/problems/resource-not-found"}],
                "meta": {"result_count": 6, "newest_id": "6", "oldest_id": "1"},
                "__twarc": {"url": "https://api.twitter.com/2/tweets/search/recent", "version": "2.0.3"}}

    def test_response_page_joins_includes_and_indexes_referenced_tweets(self):
        proc = self.index(self.write_jsonl("page.jsonl", [self.page()]))
        self.assertIn("8 tweets indexed", proc.stderr)
        self.assertIn("0 records rejected", proc.stderr)
        self.assertIn("User has been suspended: [badguy]", proc.stderr)
        self.assertIn("Could not find tweet", proc.stderr)
        self.assertEqual(self.ids("from:alice"), {"1", "3", "4", "5", "6"})
        self.assertEqual(self.ids("from:carol"), {"10", "11"})
        self.assertEqual(self.ids("@bob"), {"1"})
        self.assertEqual(self.ids("@ghost"), {"1"})
        self.assertEqual(self.ids("url:example.com/final"), {"1"})
        self.assertEqual(self.ids("url:bit.ly"), set())
        self.assertEqual(self.ids("#tag"), {"1"})
        self.assertEqual(self.ids("$acme"), {"1"})
        # The retweet: its original's text and entities from includes.tweets.
        self.assertEqual(self.ids("#origin"), {"2", "10"})
        self.assertEqual(self.ids("is:retweet"), {"2"})
        self.assertEqual(self.ids("is:quote"), {"3"})
        self.assertEqual(self.ids("is:reply"), {"4"})
        self.assertEqual(self.ids("@dave"), {"5"})
        self.assertEqual(self.ids("whole long post"), {"5"})
        self.assertEqual(self.ids("is:withheld"), {"6"})
        recs = {r["id"]: r for r in self.records("")}
        one = recs["1"]
        self.assertEqual(one["author"], "alice")
        self.assertEqual(one["author_name"], "Alice A")
        self.assertEqual(one["author_followers"], 42)
        self.assertEqual(one["text"], "😀 hello @bob & @ghost see https://t.co/a #Tag $ACME")
        ments = {m["screen_name"]: m for m in one["entities"]["mentions"]}
        self.assertEqual(ments["bob"]["indices"], [8, 12])
        self.assertEqual(ments["bob"]["id"], "200")
        self.assertEqual(ments["ghost"]["id"], "")  # id -1: unknown
        self.assertEqual(ments["ghost"]["indices"], [15, 21])  # "&amp;" counted as one "&"
        self.assertEqual(one["counts"], {"retweets": 1, "favorites": 3, "replies": 2, "quotes": 4})
        self.assertEqual(one["created_at"], "2021-04-01T15:52:31Z")
        self.assertEqual(recs["2"]["retweet_of"], "10")
        self.assertEqual(recs["3"]["quote_of"], "11")
        self.assertEqual(recs["4"]["in_reply_to"], {"status_id": "99", "user_id": "555", "screen_name": ""})
        self.assertEqual(recs["5"]["text"], "the whole long post mentions @dave at the end")
        accounts = {a["screen_name"]: a for a in map(json.loads, self.query(
            "accounts", "--format", "jsonl").stdout.splitlines())}
        self.assertEqual(accounts["badguy"]["status"], "suspended")

    def test_stream_lines_and_flattened_tweets(self):
        stream_line = {"data": v2_tweet(20, "streamed @bob", author_id="100", mentions=[("bob", "200")]),
                       "includes": {"users": [v2_user(100, "alice"), v2_user(200, "bob")]},
                       "matching_rules": [{"id": "1", "tag": "x"}]}
        flat = v2_tweet(21, "RT @carol: flat original", author_id="100", refs=[("retweeted", 22)],
                        mentions=[("carol", "300")])
        flat["author"] = v2_user(100, "alice", 5)
        original = v2_tweet(22, "flat original #deep", author_id="300", hashtags=["deep"])
        original["author"] = v2_user(300, "carol", 9)
        flat["referenced_tweets"] = [dict(original, type="retweeted")]
        flat["__twarc"] = {"url": "x"}
        self.index(self.write_jsonl("mixed.jsonl", [stream_line, flat]))
        self.assertEqual(self.ids("from:alice"), {"20", "21"})
        self.assertEqual(self.ids("from:carol"), {"22"})
        self.assertEqual(self.ids("#deep"), {"21", "22"})
        self.assertEqual(self.ids("@bob"), {"20"})

    def test_numbers_as_strings_truncated_last_line_and_empty_file(self):
        t = v2_tweet(30, "counts as strings", author_id="100")
        t["public_metrics"] = {"retweet_count": "5", "like_count": "6", "reply_count": "0", "quote_count": "0"}
        good = json.dumps({"data": [t], "includes": {"users": [v2_user(100, "alice")]}})
        path = self.write_text("cut.jsonl", good + "\n" + good.replace('"30"', '"31"')[:120] + "\n")
        proc = self.index(path, expect_rc=1)
        self.assertRegex(proc.stderr, re.escape(path) + r":2: invalid JSON.*cut off")
        self.assertEqual(self.ids(""), {"30"})
        self.assertEqual(self.ids("min_retweets:5"), {"30"})
        empty = self.write_text("empty.json", "")
        proc = self.index(empty)
        self.assertIn("empty file", proc.stderr)

    def test_compliance_and_user_records_are_skipped_with_a_note(self):
        path = self.write_jsonl("other.jsonl", [
            {"id": "1170025343920402432", "action": "delete", "created_at": "2019-09-06T17:25:54.667Z",
             "reason": "protected"},
            {"data": [v2_user(1, "someone")], "includes": {"tweets": [v2_tweet(40, "pinned", author_id="1")]}},
            {"meta": {"result_count": 0}, "__twarc": {"url": "x"}}])  # an empty page
        proc = self.index(path)
        self.assertIn("compliance record", proc.stderr)
        self.assertIn("1 API v2 user records (not tweets): into the account registry", proc.stderr)
        self.assertEqual(self.ids(""), {"40"})


def sns_user(username, uid, followers=10):
    return {"_type": "snscrape.modules.twitter.User", "username": username, "id": uid, "displayname": username.title(),
            "followersCount": followers, "friendsCount": 1, "statusesCount": 3, "created": "2010-01-01T00:00:00+00:00",
            "verified": False, "protected": False}


class Snscrape(IndexTestCase):
    def test_tweets_with_nested_retweets_and_quotes(self):
        original = {"_type": "snscrape.modules.twitter.Tweet", "id": 50, "date": "2022-01-02T03:04:05+00:00",
                    "rawContent": "original by carol #nested", "user": sns_user("carol", 300),
                    "hashtags": ["nested"], "lang": "en", "retweetCount": 9, "likeCount": 8}
        quoted = dict(original, id=51, rawContent="quoted thing", hashtags=None)
        records = [
            {"_type": "snscrape.modules.twitter.Tweet", "id": 52, "url": "https://twitter.com/alice/status/52",
             "date": "2022-01-03T00:00:00+00:00", "rawContent": "hi @bob https://t.co/x &amp; more",
             "renderedContent": "hi @bob example.com & more", "user": sns_user("alice", 100, 77),
             "mentionedUsers": [{"_type": "snscrape.modules.twitter.User", "username": "bob", "id": 200,
                                 "displayname": "Bob"}],
             "links": [{"url": "https://example.com/page", "text": "example.com/page", "tcourl": "https://t.co/x"}],
             "hashtags": None, "cashtags": ["ACME"], "replyCount": 1, "retweetCount": "2", "likeCount": 3,
             "quoteCount": 4, "lang": "en", "inReplyToTweetId": 49,
             "inReplyToUser": {"_type": "snscrape.modules.twitter.User", "username": "dave", "id": 400},
             "quotedTweet": quoted, "retweetedTweet": None},
            {"_type": "snscrape.modules.twitter.Tweet", "id": 53, "date": "2022-01-04T00:00:00+00:00",
             "content": "RT @carol: original by carol #nested", "user": sns_user("alice", 100),
             "retweetedTweet": original, "outlinks": ["https://old.example.org/"], "lang": "en"},
            {"_type": "snscrape.modules.twitter.User", "username": "zed", "id": 9},
        ]
        proc = self.index(self.write_jsonl("sns.jsonl", records))
        self.assertIn("0 records rejected", proc.stderr)
        self.assertIn("snscrape.modules.twitter.User record, not a tweet: skipped", proc.stderr)
        self.assertEqual(self.ids(""), {"50", "51", "52", "53"})
        self.assertEqual(self.ids("from:alice"), {"52", "53"})
        self.assertEqual(self.ids("@bob"), {"52"})
        self.assertEqual(self.ids("url:example.com/page"), {"52"})
        self.assertEqual(self.ids("domain:old.example.org"), {"53"})
        self.assertEqual(self.ids("$acme"), {"52"})
        self.assertEqual(self.ids("#nested"), {"50", "53"})
        self.assertEqual(self.ids("to:dave"), {"52"})
        self.assertEqual(self.ids("is:quote"), {"52"})
        self.assertEqual(self.ids("is:retweet"), {"53"})
        rec = {r["id"]: r for r in self.records("")}["52"]
        self.assertEqual(rec["text"], "hi @bob https://t.co/x & more")
        self.assertEqual(rec["counts"]["retweets"], 2)
        self.assertEqual(rec["quote_of"], "51")
        self.assertEqual(rec["author_followers"], 77)


class StreamControls(IndexTestCase):
    def test_status_withheld_before_and_after_its_tweet_and_in_the_tweet(self):
        withheld = lambda tid: {"status_withheld": {"id": tid, "user_id": 1, "withheld_in_countries": ["DE"],
                                                    "timestamp_ms": "1"}}
        lines = [withheld(2), tweet(1, "plain"), tweet(2, "withheld later"), tweet(3, "withheld after"), withheld(3),
                 tweet(4, "self withheld", withheld_in_countries=["FR", "DE"]), tweet(5, "empty list",
                                                                                     withheld_in_countries=[])]
        proc = self.index(self.write_jsonl("s.jsonl", lines))
        self.assertIn("2 withheld notices", proc.stderr)
        self.assertEqual(self.ids("is:withheld"), {"2", "3", "4"})
        self.assertEqual(self.ids("-is:withheld"), {"1", "5"})

    def test_user_withheld_disconnect_warning_scrub_geo(self):
        alice = user("alice")
        lines = [json.dumps(tweet(1, "a")), "",
                 json.dumps({"user_withheld": {"id": alice["id"], "withheld_in_countries": ["DE"]}}),
                 json.dumps({"scrub_geo": {"user_id": 1, "user_id_str": "1", "up_to_status_id": 1,
                                           "up_to_status_id_str": "1"}}),
                 json.dumps({"warning": {"code": "FALLING_BEHIND", "message": "You are falling behind",
                                         "percent_full": 60}}),
                 json.dumps({"disconnect": {"code": 7, "stream_name": "x", "reason": "admin logout"}}), ""]
        proc = self.index(self.write_text("s.jsonl", "\n".join(lines)))
        self.assertIn("0 records rejected", proc.stderr)
        self.assertIn("stream warning: You are falling behind", proc.stderr)
        self.assertIn("the stream was disconnected: admin logout", proc.stderr)
        accounts = [json.loads(l) for l in self.query("accounts", "alice", "--format", "jsonl").stdout.splitlines()]
        self.assertEqual(accounts[0]["status"], "withheld")

    def test_is_deleted_needs_include_deleted_and_purge_drops_content_for_good(self):
        tweets = self.write_jsonl("t.jsonl", [delete_notice(2), tweet(1, "kept words"), tweet(2, "secret words"),
                                              tweet(3, "also secret"), delete_notice(3)])
        self.index(tweets)
        self.assertEqual(self.ids("is:deleted"), set())
        self.assertEqual(self.ids("is:deleted", "--include-deleted"), {"2", "3"})
        proc = self.index(options=["--purge-deleted"])
        self.assertIn("2 deleted tweets purged", proc.stderr)
        self.assertEqual(self.ids("secret", "--include-deleted"), set())
        self.assertEqual(self.ids("", "--include-deleted"), {"1"})
        os.utime(tweets, (0, 0))
        self.index(tweets)
        self.assertEqual(self.ids("secret", "--include-deleted"), set())
        self.assertEqual(self.ids("from:alice", "--include-deleted"), {"1"})


OWNER = {"screen_name": "guy", "name": "Guy", "id": 2529971}


def grailbird_tweet(tid, text, when="2011-08-31 05:11:50 +0000", **kw):
    t = tweet(tid, text, **kw)
    t["created_at"] = when
    t["user"] = {"id": OWNER["id"], "id_str": str(OWNER["id"]), "screen_name": OWNER["screen_name"],
                 "name": OWNER["name"], "protected": False, "verified": False}
    return t


USER_DETAILS = 'var user_details =  {\n  "screen_name" : "guy",\n  "full_name" : "Guy",\n  "id" : "2529971"\n}'

CSV = ('"tweet_id","in_reply_to_status_id","in_reply_to_user_id","timestamp","source","text",'
       '"retweeted_status_id","retweeted_status_user_id","retweeted_status_timestamp","expanded_urls"\n'
       '"101","","","2011-08-31 05:11:50 +0000","<a href=""http://x"">web</a>","first, with a comma and ""quotes""",'
       '"","","","http://example.com/a,http://example.org/b"\n'
       '"102","101","2529971","2011-09-01 00:00:00 +0000","web","a reply spanning\ntwo lines @bob","","","",""\n'
       '"103","","","2011-09-02 00:00:00 +0000","web","RT @carol: hi","900","300","2011-09-01 00:00:00 +0000",""\n'
       '"104","","","2011-09-03 00:00:00 +0000","web","see http://t.co/AbC123 #seesmic","","","",'
       '"http://seesmic.com/desktop"\n')


class Grailbird(IndexTestCase):
    def write_archive(self, root, with_json=True):
        self.write_text(f"{root}/data/js/user_details.js", USER_DETAILS)
        self.write_text(f"{root}/tweets.csv", CSV)
        if with_json:
            self.write_text(f"{root}/data/js/tweets/2011_08.js", "Grailbird.data.tweets_2011_08 = \n" + json.dumps(
                [grailbird_tweet(1, "hello @bob", mentions=["bob"]),
                 dict(grailbird_tweet(2, "RT @carol: orig #x"), retweeted_status=tweet(3, "orig #x", author="carol",
                                                                                        hashtags=["x"]))], indent=1))
        return self.path(root)

    def test_user_details_created_at_reaches_the_registry(self):
        created = "2007-03-16 20:21:43 +0000"
        root = self.write_archive("gb")
        details = json.loads(USER_DETAILS.split("=", 1)[1])
        details["created_at"] = created
        self.write_text("gb/data/js/user_details.js", "var user_details = " + json.dumps(details))
        self.index(root)
        account = json.loads(self.query("account", details["screen_name"], "--format", "jsonl").stdout)
        self.assertEqual(account["created_at"], created.replace(" +0000", "Z").replace(" ", "T"))

    def test_monthly_js_files_read_and_csv_left_aside(self):
        proc = self.index(self.write_archive("gb"))
        self.assertIn("data/js/tweets/*.js hold these tweets", proc.stderr)
        self.assertEqual(self.ids(""), {"1", "2", "3"})
        self.assertEqual(self.ids("from:guy"), {"1", "2"})
        self.assertEqual(self.ids("#x"), {"2", "3"})
        rec = {r["id"]: r for r in self.records("")}["1"]
        self.assertEqual(rec["created_at"], "2011-08-31T05:11:50Z")

    def test_csv_when_the_json_is_absent(self):
        proc = self.index(self.write_archive("gb", with_json=False))
        self.assertIn("0 records rejected", proc.stderr)
        self.assertEqual(self.ids("from:guy"), {"101", "102", "103", "104"})
        # A CSV row has no entities: the extractor finds them, and the file's expanded URLs
        # stand for its t.co links.
        self.assertEqual(self.ids("@bob"), {"102"})
        self.assertEqual(self.ids("#seesmic"), {"104"})
        self.assertEqual(self.ids("domain:seesmic.com"), {"104"})
        self.assertEqual(self.ids("domain:t.co"), set())
        recs = {r["id"]: r for r in self.records("")}
        self.assertEqual(recs["101"]["text"], 'first, with a comma and "quotes"')
        self.assertEqual(recs["102"]["text"], "a reply spanning\ntwo lines @bob")
        self.assertEqual(recs["102"]["in_reply_to"]["status_id"], "101")
        self.assertEqual(recs["103"]["retweet_of"], "900")
        self.assertEqual(recs["101"]["source"], "web")
        self.assertEqual(self.ids("domain:example.org"), {"101"})
        self.assertEqual(self.ids("url:example.com/a"), {"101"})

    def test_zip_of_a_grailbird_archive(self):
        root = self.write_archive("gb")
        z = self.path("gb.zip")
        with zipfile.ZipFile(z, "w") as zf:
            for dirpath, _, files in os.walk(root):
                for f in files:
                    full = os.path.join(dirpath, f)
                    zf.write(full, os.path.relpath(full, root))
        csv_only = self.path("csv.zip")
        with zipfile.ZipFile(csv_only, "w") as zf:
            zf.writestr("tweets.csv", CSV)
            zf.writestr("data/js/user_details.js", USER_DETAILS)
        self.index(z, csv_only)
        self.assertEqual(self.ids("from:guy"), {"1", "2", "101", "102", "103", "104"})


class XArchiveMore(IndexTestCase):
    def write_x_archive(self, manifest_count=2):
        manifest = ("window.__THAR_CONFIG = " + json.dumps({
            "userInfo": {"accountId": "2529971", "userName": "GuyKawasaki", "displayName": "Guy Kawasaki"},
            "dataTypes": {"tweets": {"files": [
                {"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": "1"},
                {"fileName": "data/tweets-part1.js", "globalName": "YTD.tweets.part1", "count": str(manifest_count)}]}}},
            indent=2))
        files = {
            "data/manifest.js": manifest,
            "data/account.js": ACCOUNT_JS,
            "data/tweets.js": archive_js("YTD.tweets.part0", [archive_tweet(1, "first part")]),
            "data/tweets-part1.js": archive_js("YTD.tweets.part1", [archive_tweet(2, "second part"),
                                                                    archive_tweet(3, "third")]),
            "data/community-tweet.js": archive_js("YTD.community_tweet.part0", [archive_tweet(4, "in a community")]),
            "data/deleted-tweets.js": archive_js("YTD.deleted_tweets.part0", [
                {"tweet": dict(archive_tweet(5, "regretted")["tweet"], deleted_at="2020-01-01T00:00:00.000Z")}]),
            "data/screen-name-change.js": archive_js("YTD.screen_name_change.part0", [{"screenNameChange": {
                "accountId": "2529971", "screenNameChange": {"changedAt": "2015-01-01T00:00:00.000Z",
                                                             "changedFrom": "OldGuy", "changedTo": "GuyKawasaki"}}}]),
            "data/like.js": archive_js("YTD.like.part0", [
                {"like": {"tweetId": "6", "fullText": "liked words &amp; more", "expandedUrl":
                          "https://twitter.com/i/web/status/6"}},
                {"like": {"tweetId": "1", "fullText": "first part"}}]),
            "data/direct-messages.js": archive_js("YTD.direct_messages.part0", []),
            "data/block.js": "window.YTD.block.part0 = [ ]",
        }
        for name, content in files.items():
            self.write_text(f"x/{name}", content)
        return self.path("x")

    def test_parts_community_deleted_likes_and_former_names(self):
        proc = self.index(self.write_x_archive())
        self.assertIn("0 records rejected", proc.stderr)
        self.assertNotIn("manifest.js says", proc.stderr)
        self.assertEqual(self.ids("from:GuyKawasaki"), {"1", "2", "3", "4"})
        self.assertEqual(self.ids("from:OldGuy"), {"1", "2", "3", "4"})
        # The registry knows the old name too.
        detail = json.loads(self.query("account", "OldGuy", "--format", "jsonl").stdout)
        self.assertEqual(detail["screen_name"], "GuyKawasaki")
        self.assertEqual({n["name"] for n in detail["screen_names"]}, {"GuyKawasaki", "OldGuy"})
        self.assertEqual(self.ids("is:deleted", "--include-deleted"), {"5"})
        self.assertEqual(self.ids("is:liked"), {"1", "6"})
        self.assertEqual(self.ids("liked words"), {"6"})
        rec = {r["id"]: r for r in self.records("is:liked")}
        self.assertEqual(rec["6"]["author"], "")
        self.assertIsNone(rec["6"]["created_at"])
        self.assertEqual(rec["6"]["text"], "liked words & more")
        self.assertEqual(rec["1"]["author"], "GuyKawasaki")  # the owner's own tweet, liked too

    def test_manifest_count_differs(self):
        proc = self.index(self.write_x_archive(manifest_count=5))
        self.assertRegex(proc.stderr, r"tweets-part1\.js: note: warning: manifest.js says data/tweets-part1.js "
                                      r"holds 5 entries, 2 were read")

    def test_same_archive_as_a_zip(self):
        root = self.write_x_archive(manifest_count=5)
        z = self.path("x.zip")
        with zipfile.ZipFile(z, "w") as zf:
            for dirpath, _, files in os.walk(root):
                for f in files:
                    full = os.path.join(dirpath, f)
                    zf.write(full, "twitter-2020/" + os.path.relpath(full, root))
        with zipfile.ZipFile(z, "a") as zf:
            zf.writestr("twitter-2020/data/manifest.js", open(os.path.join(root, "data/manifest.js")).read().replace(
                '"data/tweets.js"', '"data/tweets-part2.js"'))
        proc = self.index(z)
        self.assertIn("holds 5 entries, 2 were read", proc.stderr)
        self.assertIn("manifest.js lists data/tweets-part2.js (1 entries) but the archive has no such file",
                      proc.stderr)
        self.assertEqual(self.ids("from:OldGuy"), {"1", "2", "3", "4"})
        self.assertEqual(self.ids("is:liked"), {"1", "6"})

    def test_same_archive_as_a_tar_gz_read_in_one_pass(self):
        import tarfile
        root = self.write_x_archive()
        path = self.path("x.tar.gz")
        with tarfile.open(path, "w:gz") as tf:
            for name in sorted(os.listdir(os.path.join(root, "data"))):  # account.js before tweets.js
                tf.add(os.path.join(root, "data", name), "archive/data/" + name)
        proc = self.index(path)
        self.assertIn("0 records rejected", proc.stderr)
        self.assertNotIn("archive owner unknown", proc.stderr)
        self.assertEqual(self.ids("from:GuyKawasaki"), {"1", "2", "3", "4"})
        # One pass: community-tweet.js comes before screen-name-change.js, so tweet 4 missed the old
        # name as a term; the account registry still knows OldGuy is the owner, and from: asks it.
        self.assertEqual(self.ids("from:OldGuy"), {"1", "2", "3", "4"})

    def test_account_suspension_marks_the_owner(self):
        # The last action by timeStamp decides: an archive whose owner was suspended, then
        # unsuspended, then suspended again; and one lifted at the end.
        for actions, suspended in ((["Suspend", "Unsuspend", "Suspend"], True), (["Suspend", "Unsuspend"], False)):
            with self.subTest(actions=actions):
                self.db = self.path(f"index-{len(actions)}.xapian")  # a fresh index for each
                root = self.write_x_archive()
                entries = [{"accountSuspension": {"timeStamp": f"2022-11-0{n + 1}T10:00:00.000Z", "action": a}}
                           for n, a in reversed(list(enumerate(actions)))]  # not in time order in the file
                self.write_text("x/data/account-suspension.js",
                                archive_js("YTD.account_suspension.part0", entries))
                self.index(root)
                owner = self.ids("from:GuyKawasaki")
                self.assertEqual(self.ids("author_status:suspended"), owner if suspended else set())
                status = json.loads(self.query("account", "GuyKawasaki", "--format", "jsonl").stdout).get("status")
                self.assertEqual(status, "suspended" if suspended else None)

    def test_likes_get_the_time_of_their_snowflake_id(self):
        import datetime
        liked = {"1400000000000000000": "a liked tweet of 2021", "1600000000000000000": "another of 2022",
                 "20": "a liked tweet of 2006: its id tells no time"}
        root = self.write_x_archive()
        self.write_text("x/data/like.js", archive_js("YTD.like.part0", [
            {"like": {"tweetId": tid, "fullText": text}} for tid, text in liked.items()]))
        self.index(root)
        when = {tid: datetime.datetime.fromtimestamp(((int(tid) >> 22) + 1288834974657) // 1000, datetime.timezone.utc)
                for tid in liked if int(tid) > 30000000000}
        recs = {r["id"]: r for r in self.records("is:liked")}
        for tid in liked:
            with self.subTest(like=tid):
                if tid in when:
                    self.assertEqual(recs[tid]["created_at"], when[tid].strftime("%Y-%m-%dT%H:%M:%SZ"))
                    self.assertTrue(recs[tid]["created_at_derived"])
                else:
                    self.assertIsNone(recs[tid]["created_at"])
        periods = [json.loads(l) for l in self.query("timeline", "is:liked", "--by", "year", "--format",
                                                        "jsonl").stdout.splitlines()]
        counted = {p["period"]: p["count"] for p in periods if p["count"]}
        self.assertEqual(counted, dict(collections.Counter(str(w.year) for w in when.values())))

    def test_empty_part(self):
        path = self.write_text("t/tweets.js", "window.YTD.tweets.part0 = [ ]")
        self.write_text("t/account.js", ACCOUNT_JS)
        proc = self.index(path)
        self.assertIn("0 records rejected", proc.stderr)
        self.assertIn("0 tweets indexed", proc.stderr)


if __name__ == "__main__":
    unittest.main()
