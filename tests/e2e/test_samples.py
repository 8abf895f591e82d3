"""The story in samples/: the facts samples/expected.json states (computed by
samples/make_samples.py from the data it writes, not by the indexer) hold in the index."""
import json
import os
import shutil
import unittest

from tiharness import SAMPLES, IndexTestCase

EXPECTED = json.load(open(os.path.join(SAMPLES, "expected.json"), encoding="utf-8"))


class Samples(IndexTestCase):
    def setUp(self):
        super().setUp()
        proc = self.index(os.path.join(SAMPLES, "api-v1"), os.path.join(SAMPLES, "stream"),
                          os.path.join(SAMPLES, "archive"))
        self.assertIn("0 records rejected", proc.stderr)
        self.deleted = set(EXPECTED["stream"]["deleted_ids"])

    def live(self, ids):
        return set(ids) - self.deleted

    def top_level(self, query):
        """Ids a query finds among the records of the files: expected.json's queries leave out
        the originals embedded in retweets and quotes, which the index holds as tweets too."""
        return self.ids(query) - set(EXPECTED["embedded_only_ids"])

    def test_every_tweet_once_and_deletions(self):
        everything = EXPECTED["unique_top_level_tweets"] + len(EXPECTED["embedded_only_ids"])
        self.assertEqual(self.count("", "--include-deleted"), everything)
        self.assertEqual(self.count(""), everything - len(self.deleted))
        self.assertEqual(self.ids("", "--include-deleted") & self.deleted, self.deleted)
        self.assertEqual(self.ids("") & self.deleted, set())

    def test_archive_folder_and_zip_are_the_same_tweets(self):
        g = EXPECTED["guykawasaki"]
        self.assertTrue(set(g["archive_tweet_ids"]) <= self.ids("from:GuyKawasaki"))

    def test_mentions_of_tech4buziness(self):
        t = EXPECTED["tech4buziness"]
        self.assertEqual(self.top_level("@tech4buziness"), self.live(t["mention_tweet_ids_including_retweeted_originals"]))
        spam = self.ids(f"@tech4buziness domain:{t['spam_domain']}")
        self.assertEqual(spam, set(t["spam_tweet_ids"]))
        authors = {r["author"] for r in self.records(f"@tech4buziness domain:{t['spam_domain']}")}
        self.assertEqual(authors, set(t["spam_accounts"]))

    def test_emoji_before_the_mention(self):
        t = EXPECTED["tech4buziness"]
        record = self.records(f"id:{t['emoji_before_mention_tweet_id']}")[0]
        mention = record["entities"]["mentions"][0]
        self.assertEqual(mention["indices"], t["emoji_before_mention_indices"])
        start, end = mention["indices"]
        self.assertEqual("".join(list(record["text"])[start:end]), "@tech4buziness")

    def test_alltop_links_of_guykawasaki(self):
        g = EXPECTED["guykawasaki"]
        self.assertEqual(self.ids("from:guykawasaki domain:alltop.com"),
                         self.live(g["alltop_link_tweet_ids_including_retweets"]))
        self.assertEqual(self.ids("from:guykawasaki domain:alltop.com -is:retweet"), self.live(g["alltop_link_tweet_ids"]))
        self.assertEqual(self.ids("from:guykawasaki is:retweet"), self.live(g["retweet_ids"]))
        self.assertEqual(self.ids("from:guykawasaki is:quote"), self.live(g["quote_ids"]))
        self.assertEqual(self.ids("from:guykawasaki is:reply"), self.live(g["reply_ids"]))
        self.assertEqual(self.ids(g["dm_text_must_not_be_indexed"]), set())

    def test_dell_accounts_and_followers_at_the_latest_sighting(self):
        rows = {r["screen_name"]: r for r in map(json.loads, self.query(
            "accounts", "--format", "jsonl").stdout.splitlines())}
        for name, facts in EXPECTED["dell"]["accounts"].items():
            with self.subTest(account=name):
                self.assertEqual(rows[name]["followers_count"], facts["latest_followers_count"])
                self.assertEqual(rows[name]["id"], facts["user_id"])

    def test_web_capture_and_the_accounts_since_suspended(self):
        # The website's GraphQL capture (web/): its tweets, the media link that is no link, and
        # the audit's check on accounts since suspended.
        web = EXPECTED["web"]
        self.index(os.path.join(SAMPLES, "web"))
        self.assertEqual(self.ids("since:2024-01-01"), set(web["tweet_ids"]))
        self.assertEqual(self.ids("@tech4buziness (has:links OR has:email) author_status:suspended"),
                         set(web["suspended_link_or_email_mention_ids"]))
        self.assertEqual(self.ids("since:2024-01-01 has:media"), set(web["media_tweet_ids"]))
        self.assertEqual(self.ids("domain:t.co"), set())
        for tid, urls in web["media_urls"].items():
            self.assertEqual([m["media_url"] for m in self.records(f"id:{tid}")[0]["entities"]["media"]], urls)
        audits = os.path.join(self.tmp, "audits")  # any state file of the run stays here
        shutil.copytree(os.path.join(SAMPLES, "audits"), audits)
        report = json.loads(self.query("audit", os.path.join(audits, "story.toml"), "--format", "json",
                                       expect_rc=1).stdout)
        check = {c["name"]: c for c in report["checks"]}["links and emails from accounts since suspended"]
        self.assertEqual((check["result"], {t["id"] for t in check["tweets"]}),
                         ("FAIL", set(web["suspended_link_or_email_mention_ids"])))

    def test_languages(self):
        for lang, ids in (("ja", EXPECTED["ja_ids"]), ("fr", EXPECTED["fr_ids"])):
            with self.subTest(lang=lang):
                self.assertEqual(self.ids(f"lang:{lang}") - set(EXPECTED["embedded_only_ids"]), self.live(ids))

    def test_listed_queries(self):
        for key, ids in EXPECTED["queries"].items():
            query = key.split(" (")[0]
            with self.subTest(query=query):
                self.assertEqual(self.top_level(query), self.live(ids))


if __name__ == "__main__":
    unittest.main()
