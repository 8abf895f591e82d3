#!/usr/bin/env python3
"""Writes the small GraphQL files of awkward cases beside this script, built from the structure of
a real tweet result of ../graphql-twscrape/raw_search.json (twscrape, MIT):
  visibility.json     a SearchTimeline response whose entries are a TweetWithVisibilityResults, a
                      TweetTombstone, a TweetUnavailable, a promoted tweet, a cursor, a tweet whose
                      author is in the older shape (`legacy` user), a who-to-follow module whose
                      account is UserUnavailable (Suspended), and a tweet by that account;
  zeeschuimer.ndjson  Zeeschuimer/4CAT lines: the tweet result under `data`, one of them a
                      TweetWithVisibilityResults;
  responses.json      an array of two responses; responses.jsonl the same two, one per line.
Run it again after changing it; the test reads the files it writes."""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "graphql-twscrape", "raw_search.json"), encoding="utf-8") as f:
    REAL = json.load(f)
TEMPLATE = next(e["content"]["itemContent"]["tweet_results"]["result"]
                for e in REAL["data"]["search_by_raw_query"]["search_timeline"]["timeline"]["instructions"][0]["entries"]
                if "itemContent" in e["content"] and "note_tweet" not in e["content"]["itemContent"]["tweet_results"]["result"])


def tweet(tid, text, screen_name, user_id, followers=12, legacy_user=False):
    t = copy.deepcopy(TEMPLATE)
    t.pop("quoted_status_result", None)
    t.pop("card", None)
    t["rest_id"] = tid
    legacy = t["legacy"]
    for key in ("retweeted_status_result", "quoted_status_id_str", "extended_entities"):
        legacy.pop(key, None)
    legacy.update({"id_str": tid, "conversation_id_str": tid, "full_text": text, "user_id_str": user_id,
                   "is_quote_status": False,
                   "entities": {"hashtags": [], "symbols": [], "urls": [], "user_mentions": []}})
    legacy["display_text_range"] = [0, len(text)]
    user = t["core"]["user_results"]["result"]
    user["rest_id"] = user_id
    if legacy_user:  # the shape before 2025: the v1.1 user under `legacy`
        user.pop("core", None)
        user.pop("relationship_counts", None)
        user["legacy"] = {"screen_name": screen_name, "name": screen_name.title(), "followers_count": followers,
                          "friends_count": 3, "statuses_count": 40, "created_at": "Mon Jan 02 10:00:00 +0000 2023"}
    else:
        user["core"] = {"screen_name": screen_name, "name": screen_name.title(),
                        "created_at": "Mon Jan 02 10:00:00 +0000 2023"}
        user["relationship_counts"] = {"followers": followers, "following": 3}
    return t


def item(entry_id, result, **extra):
    content = {"entryType": "TimelineTimelineItem", "__typename": "TimelineTimelineItem",
               "itemContent": dict({"itemType": "TimelineTweet", "__typename": "TimelineTweet",
                                    "tweet_results": {"result": result}}, **extra)}
    return {"entryId": entry_id, "sortIndex": entry_id[-6:], "content": content}


def response(entries):
    return {"data": {"search_by_raw_query": {"search_timeline": {"timeline": {
        "instructions": [{"type": "TimelineAddEntries", "entries": entries}]}}}}}


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(text)


visible = tweet("1800000000000000001", "limited visibility tweet about quokkas", "limitedsam", "9001")
legacy_shape = tweet("1800000000000000002", "older shape author tweet about wombats", "oldshape", "9002",
                     followers=77, legacy_user=True)
promoted = tweet("1800000000000000003", "buy our promoted numbats", "adsaccount", "9003")
spam = tweet("1800000000000000004", "hot singles at escort.example @victim", "spambot1", "9004")
spam["legacy"]["entities"]["user_mentions"] = [{"screen_name": "victim", "name": "Victim", "id_str": "9999",
                                                "indices": [32, 39]}]
entries = [
    item("tweet-1800000000000000001", {"__typename": "TweetWithVisibilityResults", "tweet": visible,
                                       "limitedActionResults": {"limited_actions": []}}),
    item("tweet-1800000000000000010", {"__typename": "TweetTombstone",
                                       "tombstone": {"text": {"text": "This Post was deleted by the Post author."}}}),
    item("tweet-1800000000000000011", {"__typename": "TweetUnavailable", "reason": "Suspended"}),
    item("promoted-tweet-1800000000000000003", promoted, promotedMetadata={"advertiser_results": {}}),
    item("tweet-1800000000000000002", legacy_shape),
    {"entryId": "who-to-follow-1", "content": {"entryType": "TimelineTimelineModule", "items": [
        {"entryId": "who-to-follow-1-user-9004", "item": {"itemContent": {
            "itemType": "TimelineUser", "user_results": {"result": {
                "__typename": "UserUnavailable", "rest_id": "9004", "reason": "Suspended",
                "message": "User is suspended"}}}}}]}},
    item("tweet-1800000000000000004", spam),
    {"entryId": "cursor-bottom-1", "content": {"entryType": "TimelineTimelineCursor", "value": "DAAC", "cursorType": "Bottom"}},
]
write("visibility.json", json.dumps(response(entries), indent=1, ensure_ascii=False) + "\n")

z1 = tweet("1800000000000000021", "zeeschuimer line about echidnas", "zeeuser", "9021")
z2 = tweet("1800000000000000022", "zeeschuimer line about platypuses", "zeeuser", "9021")
lines = []
for n, result in enumerate([z1, {"__typename": "TweetWithVisibilityResults", "tweet": z2}]):
    lines.append({"id": result.get("rest_id") or result["tweet"]["rest_id"], "item_id": "x", "timestamp_collected": 1780000000000 + n,
                  "source_platform": "twitter.com", "source_platform_url": "https://x.com/search",
                  "source_url": "https://x.com/i/api/graphql/SearchTimeline", "user_agent": "Mozilla/5.0", "data": result})
write("zeeschuimer.ndjson", "".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines))

r1 = response([item("tweet-1800000000000000031", tweet("1800000000000000031", "array one about kiwis", "arr", "9031"))])
r2 = response([item("tweet-1800000000000000032", tweet("1800000000000000032", "array two about kakapos", "arr", "9031"))])
write("responses.json", json.dumps([r1, r2], ensure_ascii=False) + "\n")
r3 = response([item("tweet-1800000000000000041", tweet("1800000000000000041", "line one about takahes", "lines", "9041"))])
r4 = response([item("tweet-1800000000000000042", tweet("1800000000000000042", "line two about wekas", "lines", "9041"))])
write("responses.jsonl", json.dumps(r3, ensure_ascii=False) + "\n" + json.dumps(r4, ensure_ascii=False) + "\n")
