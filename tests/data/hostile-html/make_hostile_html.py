"""Writes hostile-html.jsonl: API v1.1 tweets whose texts, names, profiles, entities and URLs carry
HTML and JavaScript payloads (<script>, "><img onerror>, javascript: and data: links, quotes that
would end an attribute) and U+202E (right-to-left override). tests/e2e/test_serve.py serves them:
nothing may run in the browser nor come out of the page unescaped. Every payload that runs sets
window.__pwned, which the browser test reads. python3 make_hostile_html.py rewrites the file."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
RLO = "\u202e"

SCRIPT = "<script>window.__pwned='script'</script>"
IMG = "\"><img src=x onerror=\"window.__pwned='img'\">"
SVG = "'><svg onload=window.__pwned='svg'>"
JS_URL = "javascript:window.__pwned='link'"
DATA_URL = "data:text/html,<script>window.__pwned='data'</script>"
HREF_BREAKOUT = "http://ok.example/\"><script>window.__pwned='href'</script>"
TAG = "tag\"><img src=x onerror=window.__pwned='tag'>"
MENTION = "bob\"onmouseover=\"window.__pwned='mention'"
EVIL_NAME = "eve\"><script>window.__pwned='name'</script>"
LANG = "en\"><img src=x onerror=window.__pwned='lang'>"

# Every string above, for the tests to look for (unescaped) in what the server sends.
PAYLOADS = [SCRIPT, IMG, SVG, JS_URL, DATA_URL, HREF_BREAKOUT, TAG, MENTION, EVIL_NAME, LANG]


def escape(s):
    """Twitter's escaping of tweet text: entity indices count code points of this."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def user(uid, screen_name, name, description="", location="", followers=5):
    return {"id": uid, "id_str": str(uid), "screen_name": screen_name, "name": name, "description": description,
            "location": location, "followers_count": followers, "friends_count": 1, "statuses_count": 3,
            "created_at": "Tue Mar 01 10:00:00 +0000 2011", "verified": False}


def tweet(tid, when, author, text, urls=(), hashtags=(), mentions=(), lang="en", **extra):
    """mentions: (screen name, user id) pairs."""
    escaped = escape(text)

    def span(needle):
        needle = escape(needle)
        i = escaped.find(needle)
        assert i >= 0, (needle, escaped)
        return [i, i + len(needle)]

    t = {"id": tid, "id_str": str(tid), "created_at": when, "text": escaped, "lang": lang, "user": author,
         "source": "<a href=\"javascript:window.__pwned='source'\">evil client</a>",
         "entities": {"urls": [{"url": u, "expanded_url": e, "display_url": e[:20], "indices": span(u)} for u, e in urls],
                      "hashtags": [{"text": h, "indices": span("#" + h)} for h in hashtags],
                      "user_mentions": [{"screen_name": m, "name": m, "id": uid, "id_str": str(uid),
                                         "indices": span("@" + m)} for m, uid in mentions],
                      "symbols": []},
         "retweet_count": 1, "favorite_count": 2}
    t.update(extra)
    return t


mallory = user(6001, "mallory", IMG + RLO + "moc.elgoog", description=SCRIPT, location=SVG, followers=66)
eve = user(6002, EVIL_NAME, RLO + "evil " + SCRIPT, description=IMG, location=JS_URL)

TWEETS = [
    tweet(9001, "Wed Jun 01 09:00:00 +0000 2011", mallory,
          f"look {SCRIPT} at http://t.co/js1 and http://t.co/js2 or http://t.co/js3 #{TAG} @{MENTION}",
          urls=[("http://t.co/js1", JS_URL), ("http://t.co/js2", HREF_BREAKOUT), ("http://t.co/js3", DATA_URL)],
          hashtags=[TAG], mentions=[(MENTION, 7000)]),
    tweet(9002, "Wed Jun 01 09:30:00 +0000 2011", eve,
          f"{RLO}esrever si txet sihT {IMG} {SVG} @mallory", mentions=[("mallory", 6001)],
          in_reply_to_status_id=9001, in_reply_to_status_id_str="9001", in_reply_to_user_id=6001,
          in_reply_to_user_id_str="6001", in_reply_to_screen_name=EVIL_NAME),
    tweet(9003, "Wed Jun 01 10:00:00 +0000 2011", mallory, f"a language of its own {SVG}", lang=LANG),
]

if __name__ == "__main__":
    with open(os.path.join(HERE, "hostile-html.jsonl"), "w", encoding="utf-8") as f:
        for t in TWEETS:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
