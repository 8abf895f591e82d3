"""Writes the hostile-output corpus of this folder (tests/e2e/test_hostile_output.py reads it):
tweets whose every free-text field carries what must not reach a terminal or a spreadsheet as it
is. ESC[2J clears a screen, ESC]0;...BEL sets a window title, U+009B is the one-byte (C1) CSI,
U+202E reverses what follows ("photo<U+202E>gnp.exe" shows as "photoexe.png"), U+2066..U+2069
isolate; =HYPERLINK(...), =1+1, +, -, @ start a spreadsheet formula.
The test imports this file for what to look for; run it to write the files."""
import json
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

ESC_CLEAR = "\x1b[2J"
OSC_TITLE = "\x1b]0;pwned\x07"
C1_CSI = "\u009b31m"
RLO = "\u202e"
ISOLATES = "\u2066\u2069"
HOSTILE = [ESC_CLEAR, OSC_TITLE, C1_CSI, RLO, ISOLATES, "\x7f"]
FORMULA_TEXT = '=HYPERLINK("http://evil.example/x","click")'
FORMULA_NAME = "=1+1"


def date(day):
    return f"Wed Jun {day:02d} 12:00:00 +0000 2011"


def user(uid, screen_name, name, description="", location=""):
    return {"id": uid, "id_str": str(uid), "screen_name": screen_name, "name": name, "followers_count": 10,
            "friends_count": 1, "statuses_count": 5, "verified": False, "protected": False,
            "description": description, "location": location, "created_at": "Thu Jan 01 00:00:00 +0000 2009"}


def tweet(tid, text, author, day, hashtags=(), urls=(), source="web"):
    return {"id": tid, "id_str": str(tid), "text": text, "created_at": date(day), "lang": "en", "user": author,
            "source": source,
            "entities": {"user_mentions": [], "symbols": [],
                         "hashtags": [{"text": h, "indices": [text.find("#" + h), text.find("#" + h) + 1 + len(h)]}
                                      for h in hashtags],
                         "urls": [{"url": u, "expanded_url": e, "display_url": e[:20],
                                   "indices": [text.find(u), text.find(u) + len(u)]} for u, e in urls]}}


mallory = user(6660001, "mallory", FORMULA_NAME + ESC_CLEAR,
               description=f"{OSC_TITLE}desc {C1_CSI} photo{RLO}gnp.exe",
               location=f"{ISOLATES}+33 city\x1b[5m")
plus = user(6660002, "plusguy", "+SUM(A1:A9)" + RLO)
minus = user(6660003, "minusguy", "-2+3" + OSC_TITLE)
at = user(6660004, "atguy", "@SUM(1+1)" + C1_CSI)

records = [
    tweet(7001, f"{FORMULA_TEXT} {ESC_CLEAR}cleared {OSC_TITLE} csi {C1_CSI} photo{RLO}gnp.exe #evil http://t.co/h1",
          mallory, 1, hashtags=["evil"], urls=[("http://t.co/h1", "http://evil.example/\x1b[2J" + RLO + "path")],
          source=f'<a href="http://evil.example">Client{ESC_CLEAR}{RLO}</a>'),
    tweet(7002, "+cmd|' /C calc'!A0 plus \x7f del", plus, 2, source=f'<a href="x">+Client{C1_CSI}</a>'),
    tweet(7003, "-2+3 minus " + ISOLATES, minus, 3),
    tweet(7004, "@SUM(1+1) at " + OSC_TITLE, at, 4),
]
# Rejected: tweet-index's message quotes the date it could not read.
bad_date = tweet(7005, "bad date", at, 5)
bad_date["created_at"] = f"Wed Jun 05 {ESC_CLEAR}{OSC_TITLE}{RLO} 2011"
records.append(bad_date)

# API v2: an account known only from its suspension, the error's detail carrying escapes.
suspension = {"data": [], "errors": [{
    "value": "victim", "detail": f"User has been suspended: [victim].{ESC_CLEAR}{OSC_TITLE}{RLO}",
    "title": "Forbidden", "resource_type": "user", "parameter": "entities.mentions.username",
    "resource_id": "victim", "type": "https://api.twitter.com/2/problems/resource-not-found"}]}

# A ZIP entry whose name holds escapes, holding a record that is rejected: tweet-index's message
# names the entry. (ASCII only: libarchive names a non-ASCII entry "?" in the C locale.)
ENTRY_NAME = f"tweets{ESC_CLEAR}{OSC_TITLE}.jsonl"


def write_all():
    with open(os.path.join(HERE, "hostile.jsonl"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    with open(os.path.join(HERE, "suspended.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps(suspension, ensure_ascii=False) + "\n")

    with zipfile.ZipFile(os.path.join(HERE, "hostile-entry.zip"), "w") as z:
        z.writestr(zipfile.ZipInfo(ENTRY_NAME, date_time=(2011, 6, 1, 12, 0, 0)), '{"id": 1, "id_str": "1", "text": "cut\n')


if __name__ == "__main__":
    write_all()
