"""twarc2 user lookups (`twarc2 users`: pages of user objects, no tweets) feed the account
registry as tweets' authors do. The fixture is a real lookup (tests/data/v2-twarc/users.jsonl);
every answer is computed from its JSON here."""
import datetime
import json
import os

from tiharness import DATA, IndexTestCase

USERS = os.path.join(DATA, "v2-twarc", "users.jsonl")


def iso_z(s):
    """'2010-03-03T12:49:24.000Z' or '2021-10-23T19:36:18+00:00' -> '2010-03-03T12:49:24Z'"""
    d = datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone(datetime.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


class TwarcUserLookups(IndexTestCase):
    def test_looked_up_accounts_reach_the_registry(self):
        looked_up = {}  # id -> (user, retrieved_at)
        with open(USERS, encoding="utf-8") as f:
            pages = [json.loads(line) for line in f if line.strip()]
        for page in pages:
            when = iso_z(page["__twarc"]["retrieved_at"])
            for u in page.get("data", []):
                looked_up[u["id"]] = (u, when)
        self.assertGreater(len(looked_up), 50)
        self.index(USERS)
        for uid, (u, when) in looked_up.items():
            with self.subTest(user=u["username"]):
                detail = json.loads(self.query("account", u["username"], "--format", "jsonl").stdout)
                self.assertEqual(detail["id"], uid)
                followers = u["public_metrics"]["followers_count"]
                self.assertEqual(detail["followers"]["latest"], {"count": followers, "at": when})
                self.assertEqual(detail["created_at"], iso_z(u["created_at"]))
                self.assertEqual(detail.get("description", ""), u["description"])

    def test_a_later_lookup_adds_to_the_followers_over_time(self):
        with open(USERS, encoding="utf-8") as f:
            page = json.loads(f.readline())
        u = page["data"][0]
        later = dict(page, data=[dict(u, public_metrics=dict(u["public_metrics"],
                                                             followers_count=u["public_metrics"]["followers_count"] + 7))])
        later["__twarc"] = dict(page["__twarc"], retrieved_at="2022-01-01T00:00:00+00:00")
        path = self.write_jsonl("later.jsonl", [later])
        self.index(USERS, path)
        detail = json.loads(self.query("account", u["username"], "--format", "jsonl").stdout)
        first = u["public_metrics"]["followers_count"]
        self.assertEqual(detail["followers"]["first"], {"count": first, "at": iso_z(page["__twarc"]["retrieved_at"])})
        self.assertEqual(detail["followers"]["latest"], {"count": first + 7, "at": "2022-01-01T00:00:00Z"})
