"""What tweet-query writes: text, jsonl, csv and ids; limits and sorting; the accounts list."""
import csv
import io
import json
import os
import subprocess
import unittest

from tiharness import BIN, IndexTestCase, tweet, user

JSONL_KEYS = {"id", "created_at", "author", "author_id", "text", "lang", "mentions", "hashtags", "urls",
              "in_reply_to", "retweet_of", "quote_of", "counts"}


class OutputFormats(IndexTestCase):
    def setUp(self):
        super().setUp()
        self.index(self.write_jsonl("t.jsonl", [
            tweet(1, 'Comma, "quotes" and\na newline http://t.co/q1', author="alice", when="2011-06-01T10:00:00",
                  urls=[("http://t.co/q1", "http://example.com/one")]),
            tweet(2, "second seesmic seesmic seesmic", author="bob", when="2011-06-02T10:00:00"),
            tweet(3, "third seesmic", author="carol", when="2011-06-03T10:00:00", mentions=[]),
        ]))

    def test_text_shows_date_author_and_expanded_links(self):
        out = self.query("search", "from:alice").stdout
        self.assertIn("2011-06-01 10:00  @alice", out)
        self.assertIn("http://example.com/one", out)
        self.assertNotIn("t.co/q1", out)
        self.assertNotIn("\x1b[", out)  # no colour when not on a terminal

    def test_jsonl_record(self):
        records = self.records("from:alice")
        self.assertEqual(len(records), 1)
        r = records[0]
        self.assertTrue(JSONL_KEYS <= set(r), JSONL_KEYS - set(r))
        self.assertEqual(r["created_at"], "2011-06-01T10:00:00Z")
        self.assertEqual(r["urls"], ["http://example.com/one"])
        self.assertEqual(r["author"], "alice")
        self.assertFalse(r["deleted"])

    def test_csv_is_rfc4180_with_a_header(self):
        raw = subprocess.run([os.path.join(BIN, "tweet-query"), "search", "", "--db", self.db, "--format", "csv",
                              "--sort", "oldest"], capture_output=True, check=True).stdout
        self.assertTrue(raw.endswith(b"false\r\n"), raw[-20:])
        out = raw.decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        self.assertEqual([r["id"] for r in rows], ["1", "2", "3"])
        self.assertEqual(rows[0]["text"], 'Comma, "quotes" and\na newline http://t.co/q1')
        self.assertEqual(rows[0]["urls"], "http://example.com/one")
        empty = self.query("search", "from:nobody", "--format", "csv").stdout
        self.assertTrue(empty.startswith("id,created_at,author"))

    def test_ids_limit_sort_and_count(self):
        self.assertEqual(self.query("search", "", "--format", "ids").stdout.split(), ["3", "2", "1"])
        self.assertEqual(self.query("search", "", "--format", "ids", "--sort", "oldest").stdout.split(),
                         ["1", "2", "3"])
        self.assertEqual(self.query("search", "", "--format", "ids", "--limit", "2").stdout.split(), ["3", "2"])
        self.assertEqual(self.query("search", "seesmic", "--format", "ids", "--sort", "relevance").stdout.split(),
                         ["2", "3"])
        self.assertEqual(self.count("seesmic"), 2)

    def test_text_defaults_to_twenty(self):
        self.index(self.write_jsonl("many.jsonl", [tweet(100 + i, f"bulk {i}") for i in range(30)]))
        proc = self.query("search", "bulk")
        self.assertEqual(proc.stdout.count("@alice"), 20)
        self.assertIn("20 of 30 shown", proc.stderr)
        self.assertEqual(len(self.query("search", "bulk", "--format", "ids").stdout.split()), 30)
        self.assertEqual(len(self.query("search", "bulk", "--limit", "0").stdout.splitlines()), 60)


class Accounts(IndexTestCase):
    def setUp(self):
        super().setUp()
        outlet_early = user("DellOutlet", uid=501, followers=1200, name="Dell Outlet")
        outlet_late = user("DellOutlet", uid=501, followers=1516, name="Dell Outlet")
        self.index(self.write_jsonl("dell.jsonl", [
            # The later tweet comes first in the file: followers are taken by tweet time.
            tweet(2, "Outlet deals", author_user=outlet_late, when="2011-06-10T00:00:00"),
            tweet(1, "Outlet deals earlier", author_user=outlet_early, when="2011-06-01T00:00:00"),
            tweet(3, "Small biz offers", author_user=user("DellSmBizOffers", uid=502, followers=151),
                  when="2011-06-05T00:00:00"),
            tweet(4, "Channel news @DellOutlet", author_user=user("DellChannel", uid=503, followers=71),
                  when="2011-06-06T00:00:00", mentions=[("DellOutlet", 501)]),
            tweet(5, "not dell", author_user=user("someone", uid=504, followers=3), when="2011-06-07T00:00:00"),
        ]))

    def accounts(self, *args):
        out = self.query("accounts", *args, "--format", "jsonl").stdout
        return [json.loads(line) for line in out.splitlines()]

    def test_pattern_sort_by_followers(self):
        rows = self.accounts("Dell*", "--sort", "followers")
        self.assertEqual([r["screen_name"] for r in rows], ["DellOutlet", "DellSmBizOffers", "DellChannel"])
        outlet = rows[0]
        self.assertEqual(outlet["followers_count"], 1516)
        self.assertEqual(outlet["id"], "501")
        self.assertEqual(outlet["tweets"], 2)
        self.assertEqual(outlet["mentioned"], 1)
        self.assertEqual(outlet["first_seen"], "2011-06-01T00:00:00Z")
        self.assertEqual(outlet["last_seen"], "2011-06-10T00:00:00Z")
        self.assertEqual(set(outlet), {"screen_name", "id", "name", "followers_count", "tweets", "mentioned",
                                       "first_seen", "last_seen"})

    def test_every_account_and_other_formats(self):
        names = {r["screen_name"] for r in self.accounts()}
        self.assertEqual(names, {"DellOutlet", "DellSmBizOffers", "DellChannel", "someone"})
        text = self.query("accounts", "dell*").stdout
        self.assertIn("@DellOutlet", text)
        self.assertIn("1516", text)
        rows = list(csv.DictReader(io.StringIO(self.query("accounts", "Dell*", "--format", "csv",
                                                          "--sort", "tweets").stdout, newline="")))
        self.assertEqual(rows[0]["screen_name"], "DellOutlet")
        self.assertEqual(rows[0]["tweets"], "2")

    def test_deleted_tweets_are_not_counted(self):
        self.index(self.write_jsonl("del.jsonl", [{"delete": {"status": {"id_str": "2", "user_id_str": "501"}}}]))
        self.assertEqual(self.accounts("DellOutlet")[0]["tweets"], 1)


if __name__ == "__main__":
    unittest.main()


class AccountRegistry(IndexTestCase):
    def setUp(self):
        super().setUp()
        old = user("DellSmallBiz", uid=777, followers=90, name="Dell Small Business")
        new = user("DellSmBizOffers", uid=777, followers=151, name="Dell SMB Offers")
        new["description"] = "Offers for small businesses"
        new["location"] = "Round Rock, TX"
        self.index(self.write_jsonl("renamed.jsonl", [
            tweet(1, "before the rename", author_user=old, when="2010-01-01T00:00:00"),
            tweet(2, "after the rename", author_user=new, when="2011-01-01T00:00:00"),
            tweet(3, "hello @DellSmallBiz", author="fan", when="2010-06-01T00:00:00", mentions=[("DellSmallBiz", 777)]),
            # A mention without an id first, of a name later known with one.
            tweet(4, "hi @Newcomer", author="fan", when="2010-07-01T00:00:00", mentions=[("Newcomer", 0)]),
            tweet(5, "I am here", author_user=user("Newcomer", uid=888, followers=5), when="2010-08-01T00:00:00"),
        ]))

    def test_renamed_account_is_one_account_found_by_either_name(self):
        self.assertEqual(self.ids("from:DellSmallBiz"), {"1", "2"})
        self.assertEqual(self.ids("from:DellSmBizOffers"), {"1", "2"})
        self.assertEqual(self.ids("@DellSmBizOffers"), {"3"})
        rows = [json.loads(line) for line in self.query("accounts", "Dell*", "--format", "jsonl").stdout.splitlines()]
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["screen_name"], "DellSmBizOffers")
        self.assertEqual(rows[0]["tweets"], 2)
        self.assertEqual(rows[0]["mentioned"], 1)

    def test_account_in_full(self):
        detail = json.loads(self.query("account", "dellsmallbiz", "--format", "jsonl").stdout)
        self.assertEqual(detail["id"], "777")
        self.assertEqual([n["name"] for n in detail["screen_names"]], ["DellSmallBiz", "DellSmBizOffers"])
        self.assertEqual(detail["followers"]["first"], {"count": 90, "at": "2010-01-01T00:00:00Z"})
        self.assertEqual(detail["followers"]["latest"], {"count": 151, "at": "2011-01-01T00:00:00Z"})
        self.assertEqual(detail["followers"]["min"]["count"], 90)
        self.assertEqual(detail["followers"]["max"]["count"], 151)
        self.assertEqual(detail["description"], "Offers for small businesses")
        self.assertEqual(detail["location"], "Round Rock, TX")
        text = self.query("account", "DellSmBizOffers").stdout
        self.assertIn("@DellSmallBiz", text)
        self.assertIn("latest 151", text)
        self.query("account", "nobody", expect_rc=1)

    def test_name_only_record_joins_the_id_when_it_is_known(self):
        rows = [json.loads(line) for line in self.query("accounts", "newcomer", "--format", "jsonl").stdout.splitlines()]
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["id"], "888")
        self.assertEqual(rows[0]["mentioned"], 1)
        self.assertEqual(rows[0]["first_seen"], "2010-07-01T00:00:00Z")
