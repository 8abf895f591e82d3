"""Every operator of tweet-query search, on a small corpus whose answers are known by construction."""
import re
import unittest
from pathlib import Path

from tiharness import IndexTestCase, tweet, user


def corpus():
    dell = user("DellOutlet", uid=501, followers=1516)
    return [
        tweet(1, "Hello @tech4buziness call me anna@escort.example.com http://t.co/spam1",
              author_user=user("spammer1", followers=0, created="2011-06-01T09:30:00"),
              when="2011-06-01T10:00:00", mentions=["tech4buziness"],
              urls=[("http://t.co/spam1", "http://hot-escorts.example/anna?utm_source=tw#top")]),
        tweet(2, "Great read on entrepreneurship http://t.co/a1 #startups",
              author="guykawasaki", when="2011-06-02T08:30:00", hashtags=["startups"],
              urls=[("http://t.co/a1", "http://entrepreneurs.alltop.com/top-story")]),
        tweet(3, "Another one http://t.co/a2", author="GuyKawasaki", when="2011-06-03T09:00:00",
              urls=[("http://t.co/a2", "https://www.alltop.com/")], retweet_count=25, favorite_count=3),
        tweet(4, "Deals today $DELL #Dell", author_user=dell, when="2011-06-04T00:00:00", symbols=["DELL"],
              hashtags=["Dell"]),
        tweet(5, "@loic le modèle économique de Twitter", author="bob", when="2011-06-05T12:00:00", lang="fr",
              mentions=["loic"], in_reply_to_status_id=77, in_reply_to_status_id_str="77",
              in_reply_to_screen_name="loic", in_reply_to_user_id_str="9"),
        tweet(6, "Les entreprises et le modèle de Seesmic", author="carol", when="2011-06-06T12:00:00", lang="fr"),
        tweet(7, "RT @guykawasaki: Great read on entrepreneurship http://t.co/a1 #startups", author="dave",
              when="2011-06-07T12:00:00", mentions=["guykawasaki"], hashtags=["startups"],
              urls=[("http://t.co/a1", "http://entrepreneurs.alltop.com/top-story")],
              retweeted_status=tweet(2, "Great read on entrepreneurship http://t.co/a1 #startups",
                                     author="guykawasaki", when="2011-06-02T08:30:00", hashtags=["startups"],
                                     urls=[("http://t.co/a1", "http://entrepreneurs.alltop.com/top-story")])),
        tweet(8, "Look at this", author="erin", when="2011-06-08T12:00:00", quoted_status_id=3,
              quoted_status_id_str="3", is_quote_status=True,
              entities={"user_mentions": [], "hashtags": [], "urls": [], "symbols": [],
                        "media": [{"id_str": "1", "indices": [0, 0], "type": "photo"}]}),
        tweet(9, "@tech4buziness @loic both of you", author="frank", when="2011-06-09T23:59:59",
              mentions=["tech4buziness", "loic"]),
        tweet(10, "東京で会議があります", author="hiro", when="2011-06-10T01:00:00", lang="ja"),
        tweet(11, "DellSmBiz offers", author_user=user("DellSmBizOffers", uid=502, followers=151),
              when="2011-06-11T00:00:00"),
    ]


class SearchOperators(IndexTestCase):
    def setUp(self):
        super().setUp()
        self.index(self.write_jsonl("corpus.jsonl", corpus()))

    def test_empty_query_matches_every_tweet(self):
        self.assertEqual(self.ids(""), {str(i) for i in range(1, 12)})

    def test_from_is_case_insensitive(self):
        self.assertEqual(self.ids("from:guykawasaki"), {"2", "3"})
        self.assertEqual(self.ids("from:GUYKAWASAKI"), {"2", "3"})

    def test_from_wildcard(self):
        self.assertEqual(self.ids("from:Dell*"), {"4", "11"})

    def test_mentions_both_spellings(self):
        self.assertEqual(self.ids("@tech4buziness"), {"1", "9"})
        self.assertEqual(self.ids("mention:Tech4Buziness"), {"1", "9"})

    def test_several_mentions_are_and(self):
        self.assertEqual(self.ids("@tech4buziness @loic"), {"9"})

    def test_to_finds_replies(self):
        self.assertEqual(self.ids("to:loic"), {"5"})

    def test_hashtag_and_cashtag(self):
        self.assertEqual(self.ids("#startups"), {"2", "7"})
        self.assertEqual(self.ids("#dell"), {"4"})
        self.assertEqual(self.ids("$dell"), {"4"})

    def test_url_prefix_ignores_scheme_and_www(self):
        self.assertEqual(self.ids("url:alltop.com"), {"3"})
        self.assertEqual(self.ids("url:https://www.alltop.com/"), {"3"})
        self.assertEqual(self.ids("url:entrepreneurs.alltop.com/top"), {"2", "7"})

    def test_url_tracking_parameters_and_fragment_are_ignored(self):
        self.assertEqual(self.ids("url:hot-escorts.example/anna"), {"1"})
        self.assertEqual(self.records("id:1")[0]["urls"], ["http://hot-escorts.example/anna?utm_source=tw#top"])

    def test_domain_matches_subdomains(self):
        self.assertEqual(self.ids("domain:alltop.com"), {"2", "3", "7"})
        self.assertEqual(self.ids("domain:entrepreneurs.alltop.com"), {"2", "7"})
        self.assertEqual(self.ids("domain:ALLTOP.COM"), {"2", "3", "7"})

    def test_lang(self):
        self.assertEqual(self.ids("lang:fr"), {"5", "6"})

    def test_free_words_phrases_and_stemming(self):
        self.assertEqual(self.ids("entrepreneurship"), {"2", "7"})
        self.assertEqual(self.ids('"modèle économique"'), {"5"})
        self.assertEqual(self.ids('"économique modèle"'), set())
        # French stemming: "entreprise" finds "entreprises".
        self.assertEqual(self.ids("entreprise"), {"6"})

    def test_cjk_text(self):
        self.assertEqual(self.ids("東京"), {"10"})
        self.assertEqual(self.ids("会議"), {"10"})

    def test_or_not_and_parentheses(self):
        self.assertEqual(self.ids("from:bob OR from:carol"), {"5", "6"})
        self.assertEqual(self.ids("lang:fr -@loic"), {"6"})
        self.assertEqual(self.ids("lang:fr NOT @loic"), {"6"})
        self.assertEqual(self.ids("(from:bob OR from:carol) seesmic"), {"6"})
        self.assertEqual(self.ids("#startups -(from:dave)"), {"2"})

    def test_since_until_and_date_forms(self):
        self.assertEqual(self.ids("since:2011-06-09"), {"9", "10", "11"})
        self.assertEqual(self.ids("until:2011-06-02"), {"1"})
        self.assertEqual(self.ids("since:2011-06-09T23:59:59Z until:2011-06-10"), {"9"})
        self.assertEqual(self.ids("since:2011-06-02_08:30:00_UTC until:2011-06-02_08:30:01_UTC"), {"2"})
        self.assertEqual(self.ids("date:2011-06-08..2011-06-09"), {"8", "9"})
        self.assertEqual(self.ids("date:2011-06-10.."), {"10", "11"})
        self.assertEqual(self.ids("date:..2011-06-01"), {"1"})

    def test_is_operators(self):
        self.assertEqual(self.ids("is:retweet"), {"7"})
        self.assertEqual(self.ids("is:reply"), {"5"})
        self.assertEqual(self.ids("is:quote"), {"8"})

    def test_has_operators(self):
        self.assertEqual(self.ids("has:links"), {"1", "2", "3", "7"})
        self.assertEqual(self.ids("has:mentions"), {"1", "5", "7", "9"})
        self.assertEqual(self.ids("has:hashtags"), {"2", "4", "7"})
        self.assertEqual(self.ids("has:media"), {"8"})

    def test_twitter_filter_spellings(self):
        self.assertEqual(self.ids("filter:links"), self.ids("has:links"))
        self.assertEqual(self.ids("#startups -filter:retweets"), {"2"})
        self.assertEqual(self.ids("filter:replies"), {"5"})

    def test_max_account_age(self):
        # spammer1 was made 30 minutes before tweeting; everyone else in 2009.
        self.assertEqual(self.ids("max_account_age:1h"), {"1"})
        self.assertEqual(self.ids("max_account_age:29m"), set())
        self.assertEqual(self.ids("@tech4buziness max_account_age:1d"), {"1"})
        proc = self.query("search", "max_account_age:soon", expect_rc=2)
        self.assertIn("needs a duration", proc.stderr)

    def test_min_counts_and_id(self):
        self.assertEqual(self.ids("min_retweets:10"), {"3"})
        self.assertEqual(self.ids("min_faves:3"), {"3"})
        self.assertEqual(self.ids("min_faves:4"), set())
        self.assertEqual(self.ids("id:4"), {"4"})

    def test_bad_queries_point_at_the_problem(self):
        for q, message in [("frm:dell", "unknown operator 'frm:'"), ("(a OR b", "missing ')'"),
                           ("a)", "')' without"), ('"open', "unclosed quote"), ("since:yesterday", "not a date"),
                           ("min_retweets:many", "whole number"), ("is:famous", "is:famous is not known"),
                           ("from:", "needs a value"), ("from:*", "lone *")]:
            with self.subTest(q=q):
                proc = self.query("search", q, expect_rc=2)
                self.assertIn(message, proc.stderr)
                self.assertIn("^", proc.stderr)

    def test_options_before_or_after_the_subcommand(self):
        before = self.run_tool("tweet-query", ["--db", self.db, "search", "from:bob", "--format", "ids"]).stdout
        after = self.run_tool("tweet-query", ["search", "from:bob", "--db", self.db, "--format", "ids"]).stdout
        self.assertEqual(before.split(), ["5"])
        self.assertEqual(before, after)

    def test_index_from_environment(self):
        self.env["TWEET_INDEX_DB"] = self.db
        out = self.run_tool("tweet-query", ["search", "from:bob", "--format", "ids"]).stdout
        self.assertEqual(out.split(), ["5"])

    def test_help_lists_operators(self):
        out = self.run_tool("tweet-query", ["search", "--help"]).stdout
        for op in ["from:", "to:", "url:", "domain:", "since:", "until:", "min_retweets:", "filter:"]:
            self.assertIn(op, out)

    def test_help_lists_every_flag_of_the_readme(self):
        # The flags the README's operator table promises, each as `is:NAME` or `has:NAME`.
        readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
        table = readme[readme.index("| operator | matches |"):]
        table = table[:table.index("\n\n")]
        flags = sorted(set(re.findall(r"`((?:is|has):[a-z]+)`", table)))
        self.assertIn("has:cashtags", flags)
        out = self.run_tool("tweet-query", ["search", "--help"]).stdout
        listed = set(re.findall(r"\b(?:is|has):[a-z]+", out))
        self.assertEqual([f for f in flags if f not in listed], [])


if __name__ == "__main__":
    unittest.main()
