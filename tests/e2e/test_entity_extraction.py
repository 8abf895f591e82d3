"""Entities found by extraction where the file gives none: old tweets with plain URLs, emails,
texts cut by an ellipsis, and `tweet-query entities`."""
import collections
import json
import re
import unittest

from tiharness import IndexTestCase, tweet


class ExtractionAtIndexTime(IndexTestCase):
    def test_old_tweet_url_without_entity_is_found_by_domain_and_url(self):
        old = tweet(5000, "Reading http://Entrepreneurs.Alltop.com/bootstrap and www.seesmic.com today",
                    author="guykawasaki", when="2009-03-01T10:00:00")
        self.index(self.write_jsonl("old.jsonl", [old]))
        self.assertEqual(self.ids("domain:alltop.com"), {"5000"})
        self.assertEqual(self.ids("url:entrepreneurs.alltop.com/bootstrap"), {"5000"})
        self.assertEqual(self.ids("domain:seesmic.com"), {"5000"})
        self.assertEqual(self.ids("has:links"), {"5000"})

    def test_given_entities_are_authoritative(self):
        # The file's entities list no mention: extraction does not add one (only URLs and emails).
        t = tweet(1, "cc @someone about http://t.co/x1", urls=[("http://t.co/x1", "http://example.com/a")])
        self.index(self.write_jsonl("t.jsonl", [t]))
        self.assertEqual(self.ids("@someone"), set())
        self.assertEqual(self.records("")[0]["urls"], ["http://example.com/a"])

    def test_tweet_without_entities_gets_them_all(self):
        t = tweet(2, "@Loic thanks! #LeWeb $DELL http://seesmic.com")
        del t["entities"]
        self.index(self.write_jsonl("t.jsonl", [t]))
        for q in ["@loic", "#leweb", "$dell", "domain:seesmic.com"]:
            with self.subTest(q=q):
                self.assertEqual(self.ids(q), {"2"})

    def test_email_addresses_are_searchable(self):
        spam = tweet(3, "@tech4buziness hey cutie write me at Kimmy.xo91@freemail.example", author="sweetkimmy_4u",
                     mentions=["tech4buziness"])
        self.index(self.write_jsonl("spam.jsonl", [spam, tweet(4, "no address here")]))
        self.assertEqual(self.ids("has:email"), {"3"})
        self.assertEqual(self.ids("email:kimmy.xo91@freemail.example"), {"3"})
        self.assertEqual(self.ids("@tech4buziness has:email"), {"3"})
        self.assertEqual(self.records("id:3")[0]["emails"], ["Kimmy.xo91@freemail.example"])
        self.assertEqual(self.ids("@freemail"), set())

    def test_email_domains_and_top_emails(self):
        texts = {5: "write kimmy@freemail.example", 6: "or LISA@Freemail.Example and kimmy@freemail.example",
                 7: "office: bob@work.example", 8: "nothing"}
        self.index(self.write_jsonl("emails.jsonl", [tweet(i, t) for i, t in texts.items()]))
        addresses = {i: re.findall(r"[\w.]+@[\w.]+", t) for i, t in texts.items()}
        by_domain = collections.defaultdict(set)
        by_address = collections.Counter()
        for i, found in addresses.items():
            for a in found:
                by_domain[a.split("@")[1].lower()].add(str(i))
            for a in {a.lower() for a in found}:
                by_address[a] += 1
        for domain, want in by_domain.items():
            with self.subTest(domain=domain):
                self.assertEqual(self.ids(f"email:@{domain}"), want)
                self.assertEqual(self.ids(f"email:@{domain.upper()}"), want)
        self.assertEqual(self.ids("email:@example"), set())  # a domain, not a suffix
        rows = [json.loads(l) for l in self.query("top", "emails", "--format", "jsonl").stdout.splitlines()]
        self.assertEqual({r["value"]: r["count"] for r in rows}, dict(by_address))
        rows = [json.loads(l) for l in self.query("top", "emails", "has:email -email:@work.example", "--format",
                                                  "jsonl").stdout.splitlines()]
        self.assertEqual({r["value"] for r in rows}, {a for a in by_address if not a.endswith("@work.example")})

    def test_nothing_cut_by_a_final_ellipsis(self):
        t = tweet(6, "Great chat with @loic and @Yu…")
        del t["entities"]
        cut_url = tweet(7, "RT @guy: read this http://t.co/abcd…", mentions=["guy"])
        self.index(self.write_jsonl("cut.jsonl", [t, cut_url]))
        self.assertEqual(self.ids("@loic"), {"6"})
        self.assertEqual(self.ids("@yu"), set())
        self.assertEqual(self.ids("domain:t.co"), set())


class EntitiesCommand(IndexTestCase):
    def entities(self, text):
        return json.loads(self.run_tool("tweet-query", ["entities", "--", text]).stdout)

    def test_prints_every_kind_with_code_point_indices(self):
        got = self.entities("😀 @loic see alltop.com/x #seesmic $DELL mail anna@example.com")
        self.assertEqual(got["mentions"], [{"screen_name": "loic", "indices": [2, 7]}])
        self.assertEqual(got["urls"], [{"url": "alltop.com/x", "indices": [12, 24]}])
        self.assertEqual(got["hashtags"], [{"hashtag": "seesmic", "indices": [25, 33]}])
        self.assertEqual(got["cashtags"], [{"cashtag": "DELL", "indices": [34, 39]}])
        self.assertEqual(got["emails"], [{"email": "anna@example.com", "indices": [45, 61]}])

    def test_reply_and_ellipsis(self):
        got = self.entities("@loic merci @Yu…")
        self.assertEqual(got["reply_to"], "loic")
        self.assertEqual([m["screen_name"] for m in got["mentions"]], ["loic"])


if __name__ == "__main__":
    unittest.main()
