#!/usr/bin/env python3
"""Writes every file under samples/ (except README.md) from the story below.

Deterministic: running it twice gives the same bytes (gzip members and zip
entries carry fixed timestamps).  Python 3 standard library only.

    python3 samples/make_samples.py          # rewrite samples/
    python3 samples/make_samples.py --check  # fail if a committed file differs

Conventions of the data, as Twitter gave it:
- `text` is HTML-escaped (only & < > are escaped, as &amp; &lt; &gt;).
- entity `indices` are code-point offsets into that escaped text, end exclusive,
  so "&amp;" counts 5 and an astral emoji (U+1F618) counts 1 (2 in UTF-16).
- ids are snowflake ids made from the tweet's time (all tweets are after
  Nov 2010); `id` is the same number as `id_str` (exact, it may exceed 2^53).
"""
import argparse
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TWEPOCH_MS = 1288834974657


def parse_time(s):
    return dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.timezone.utc)


def twitter_time(t):
    return "%s %s %02d %02d:%02d:%02d +0000 %d" % (
        DAYS[t.weekday()], MONTHS[t.month - 1], t.day, t.hour, t.minute, t.second, t.year)


def epoch_ms(t):
    return int(t.timestamp()) * 1000


_seq = [0]


def snowflake(t):
    """A Twitter-like id for a tweet made at time t (second resolution)."""
    _seq[0] += 1
    n = _seq[0]
    ms = epoch_ms(t) + (n * 379) % 1000
    assert ms > TWEPOCH_MS, "snowflake ids start in Nov 2010"
    worker = (n * 7) % 32 + 32 * ((n * 3) % 8)
    return ((ms - TWEPOCH_MS) << 22) | (worker << 12) | (n % 4096)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unesc(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def tco(key, https):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    h = int(hashlib.sha1(key.encode()).hexdigest(), 16)
    code = ""
    for _ in range(10):
        h, r = divmod(h, 62)
        code += alphabet[r]
    return ("https" if https else "http") + "://t.co/" + code


def display_url(expanded):
    d = re.sub(r"^https?://", "", expanded)
    if len(d) > 26:
        d = d[:25] + "\u2026"
    return d


# ---------------------------------------------------------------------------
# Users.  Each tweet copies its author's object, with counts as of that tweet.

USERS = {}


def user(screen_name, uid, name, created, followers, friends, statuses,
         description="", location="", verified=False, lang="en", url=None):
    USERS[screen_name.lower()] = dict(
        id=uid, id_str=str(uid), name=name, screen_name=screen_name,
        location=location, description=description, url=url,
        entities={"description": {"urls": []}},
        protected=False, followers_count=followers, friends_count=friends,
        listed_count=max(0, followers // 40), created_at=twitter_time(parse_time(created)),
        favourites_count=statuses // 9, utc_offset=None, time_zone=None,
        geo_enabled=False, verified=verified, statuses_count=statuses, lang=lang,
        contributors_enabled=False, is_translator=False,
        profile_background_color="C0DEED",
        profile_image_url="http://a0.twimg.com/profile_images/%d/avatar_normal.jpg" % (uid % 99991),
        profile_image_url_https="https://si0.twimg.com/profile_images/%d/avatar_normal.jpg" % (uid % 99991),
        default_profile=True, default_profile_image=False,
        following=None, follow_request_sent=None, notifications=None)


user("tech4buziness", 38754120, "Mark Benton | Tech 4 Biz", "2009-04-21 17:02:11", 2318, 1190, 8420,
     "Small business tech: cloud, laptops, apps and tools. Reviews and tips, no fluff.", "Austin, TX")
# Two spam accounts made on the morning of the spam, an hour or two before tweeting.
user("sweetkimmy_4u", 310544718, "Kimmy \U0001F48B", "2011-06-01 08:12:40", 2, 143, 6,
     "new here, say hi :)", "")
user("lisa_meetme22", 310601377, "Lisa", "2011-06-01 10:21:09", 0, 87, 3, "", "")
user("GuyKawasaki", 9533117, "Guy Kawasaki", "2006-11-27 04:29:11", 362410, 301220, 41200,
     "Author of Enchantment, co-founder of Alltop. Former chief evangelist of Apple.",
     "Silicon Valley", verified=True)
user("loic", 9421763, "Loic Le Meur", "2006-11-02 09:15:40", 88230, 9870, 23100,
     "Seesmic founder, LeWeb co-founder. French entrepreneur in San Francisco.",
     "San Francisco", verified=True)
user("seesmic", 14512903, "Seesmic", "2008-04-11 12:00:03", 61200, 1203, 5400,
     "Seesmic: social media apps for Twitter, Facebook and more. For you and your business.",
     "San Francisco")
user("DellOutlet", 20375614, "Dell Outlet", "2009-02-08 18:44:31", 1402, 12, 880,
     "Official Dell Outlet deals: refurbished laptops and desktops, coupons.", "Round Rock, TX")
user("DellSmBizOffers", 80431187, "Dell SMB Offers", "2009-10-06 15:30:00", 142, 33, 410,
     "Offers for small and medium businesses from Dell.", "Round Rock, TX")
user("DellChannel", 89120466, "Dell Channel", "2009-12-11 14:05:27", 64, 210, 300,
     "News for Dell PartnerDirect channel partners.", "Round Rock, TX")
user("Direct2Dell", 14873222, "Direct2Dell", "2008-05-21 20:11:09", 8105, 1980, 3320,
     "The official Dell corporate blog.", "Round Rock, TX", verified=True)
user("DellCares", 74003109, "Dell Cares", "2009-09-13 13:13:13", 11240, 5600, 24100,
     "Dell support on Twitter, 7am-10pm CT.", "Round Rock, TX", verified=True)
user("spam", 64988159, "Spam Watch", "2009-07-12 08:00:00", 410000, 3, 1200,
     "Report spam accounts by following this account.", "")
user("sarahsmallbiz", 41276540, "Sarah Whitfield", "2009-05-01 11:11:11", 930, 1020, 5100,
     "Runs a bakery, writes about running a small business.", "Portland, OR")
user("yuki_tanaka_biz", 120992877, "\u7530\u4e2d\u7531\u7d00", "2010-03-24 02:40:00", 412, 380, 2900,
     "\u4e2d\u5c0f\u4f01\u696d\u306eIT\u62c5\u5f53\u3002\u30af\u30e9\u30a6\u30c9\u3068\u4f1a\u8a08\u3002",
     "\u6771\u4eac", lang="ja")
user("smallbizsally", 601234512, "Sally Ortega", "2012-06-18 16:20:00", 1840, 1500, 7200,
     "Office manager, 12 people, 1 IT budget.", "Denver, CO")
user("claire_startup", 212877410, "Claire Moreau", "2010-11-02 10:01:00", 1320, 800, 6400,
     "Fondatrice d'une start-up parisienne. Entreprises, produits, modèles économiques.", "Paris", lang="fr")
user("bizmodelwatch", 155678123, "Business Model Watch", "2010-06-14 13:00:00", 5120, 310, 2100,
     "Who pays, for what, and why. Business models of tech companies.", "New York")
user("jb_numerique", 188455321, "Jean-Baptiste Roux", "2010-08-20 07:45:00", 2210, 1730, 9900,
     "Journaliste numérique. Start-ups, Web, entreprises.", "Lyon", lang="fr")
user("marc_entrepreneur", 201336742, "Marc Lefèvre", "2010-10-05 18:30:00", 760, 690, 3100,
     "Entrepreneur, business angel. Parle de modèles d'affaires.", "Bordeaux", lang="fr")
user("josh_deals", 97331265, "Josh K", "2009-12-29 21:00:00", 212, 330, 4100,
     "Bargain hunter.", "Columbus, OH")
user("nico_paris", 176432118, "Nicolas B.", "2010-08-01 09:00:00", 301, 280, 1800,
     "Geek parisien.", "Paris", lang="fr")
user("alltop", 15434007, "Alltop", "2008-07-15 05:00:00", 48200, 12, 9000,
     "All the top stories on the Web, by topic.", "Silicon Valley")


def author(screen_name, **overrides):
    u = dict(USERS[screen_name.lower()])
    for k, v in overrides.items():
        u[k] = v
    return u


# ---------------------------------------------------------------------------
# Text with entities.

class M:  # mention
    def __init__(self, screen_name, written=None):
        self.u = USERS[screen_name.lower()]
        self.written = written or self.u["screen_name"]

    kind = "user_mentions"

    def render(self, https):
        return "@" + self.written

    def entity(self, s, e):
        return {"screen_name": self.u["screen_name"], "name": self.u["name"],
                "id": self.u["id"], "id_str": self.u["id_str"], "indices": [s, e]}


class H:  # hashtag
    kind = "hashtags"

    def __init__(self, text):
        self.text = text

    def render(self, https):
        return "#" + self.text

    def entity(self, s, e):
        return {"text": self.text, "indices": [s, e]}


class C(H):  # cashtag
    kind = "symbols"

    def render(self, https):
        return "$" + self.text


class U:  # link, shown as a t.co link
    kind = "urls"

    def __init__(self, expanded):
        self.expanded = expanded

    def render(self, https):
        self.url = tco(self.expanded, https)
        return self.url

    def entity(self, s, e):
        return {"url": self.url, "expanded_url": self.expanded,
                "display_url": display_url(self.expanded), "indices": [s, e]}


def compose(parts, https):
    text = ""
    ents = {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []}
    for p in parts:
        if isinstance(p, str):
            text += esc(p)
        else:
            s = len(text)
            text += p.render(https)
            ents[p.kind].append(p.entity(s, len(text)))
    return text, ents


def check_entities(text, ents):
    for kind, lst in ents.items():
        for e in lst:
            s, t = int(e["indices"][0]), int(e["indices"][1])
            got = text[s:t]
            if kind == "user_mentions":
                assert got.lower() == "@" + e["screen_name"].lower(), (got, e)
            elif kind == "hashtags":
                assert got == "#" + e["text"], (got, e)
            elif kind == "symbols":
                assert got == "$" + e["text"], (got, e)
            elif kind == "urls":
                assert got == e["url"], (got, e)
            elif kind == "media":
                assert got == e["url"], (got, e)


def shifted(ents, by, limit):
    out = {}
    for kind, lst in ents.items():
        out[kind] = []
        for e in lst:
            s, t = e["indices"]
            if t + by <= limit:
                e2 = dict(e)
                e2["indices"] = [s + by, t + by]
                out[kind].append(e2)
    return out


def cut_escaped(text, n):
    """First n code points of escaped text, not splitting an &entity;."""
    cut = text[:n]
    amp = cut.rfind("&")
    if amp >= 0 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut


SOURCES = {
    "web": '<a href="http://twitter.com" rel="nofollow">Twitter Web Client</a>',
    "web0": "web",
    "seesmic": '<a href="http://seesmic.com/" rel="nofollow">Seesmic Desktop</a>',
    "hootsuite": '<a href="http://www.hootsuite.com" rel="nofollow">HootSuite</a>',
    "iphone": '<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>',
    "android": '<a href="http://twitter.com/download/android" rel="nofollow">Twitter for Android</a>',
}

ALL = {}  # id_str -> tweet (v1.1 shape), every tweet made, embedded ones too


def tweet(who, when, parts, lang="en", source="web", reply_to=None, followers=None,
          statuses=None, retweets=0, favorites=0, geo=None, place=None):
    t = parse_time(when)
    tid = snowflake(t)
    https = t.year >= 2014
    text, ents = compose(parts, https)
    assert len(unesc(text)) <= 140 or t.year >= 2017, (len(unesc(text)), text)
    overrides = {}
    if followers is not None:
        overrides["followers_count"] = followers
    if statuses is not None:
        overrides["statuses_count"] = statuses
    tw = {
        "created_at": twitter_time(t), "id": tid, "id_str": str(tid), "text": text,
        "source": SOURCES[source], "truncated": False,
        "in_reply_to_status_id": None, "in_reply_to_status_id_str": None,
        "in_reply_to_user_id": None, "in_reply_to_user_id_str": None,
        "in_reply_to_screen_name": None,
        "user": author(who, **overrides),
        "geo": None, "coordinates": None, "place": place, "contributors": None,
        "is_quote_status": False,
        "retweet_count": retweets, "favorite_count": favorites,
        "entities": ents, "favorited": False, "retweeted": False, "lang": lang,
    }
    if reply_to is not None:
        if isinstance(reply_to, dict):
            rid, ruser = reply_to["id"], reply_to["user"]["screen_name"]
        else:
            rid, ruser = reply_to
        ru = USERS[ruser.lower()]
        tw["in_reply_to_status_id"] = rid
        tw["in_reply_to_status_id_str"] = str(rid)
        tw["in_reply_to_user_id"] = ru["id"]
        tw["in_reply_to_user_id_str"] = ru["id_str"]
        tw["in_reply_to_screen_name"] = ru["screen_name"]
    if geo is not None:
        lat, lon = geo
        tw["geo"] = {"type": "Point", "coordinates": [lat, lon]}
        tw["coordinates"] = {"type": "Point", "coordinates": [lon, lat]}
        tw["user"]["geo_enabled"] = True
    if ents["urls"]:
        tw["possibly_sensitive"] = False
    if len(unesc(text)) > 140:  # 2017+: write it in compatibility mode
        compat(tw)
    check_entities(tw["text"], tw["entities"])
    ALL[tw["id_str"]] = tw
    return tw


def compat(tw):
    """Rewrite a >140 tweet the way the REST API did in compatibility mode."""
    full, ents = tw["text"], tw["entities"]
    self_link = "https://twitter.com/i/web/status/" + tw["id_str"]
    link = tco(self_link, True)
    room = 140 - len(link) - 2  # "…" and a space before the link
    cut = cut_escaped(full, room)
    cut = cut[:cut.rfind(" ")] if " " in cut else cut
    text = cut + "\u2026 " + link
    top = shifted(ents, 0, len(cut))
    top["urls"].append({"url": link, "expanded_url": self_link,
                        "display_url": display_url(self_link),
                        "indices": [len(cut) + 2, len(text)]})
    tw["text"] = text
    tw["truncated"] = True
    tw["entities"] = top
    tw["extended_tweet"] = {"full_text": full, "display_text_range": [0, len(full)], "entities": ents}
    check_entities(full, ents)


def retweet(who, when, orig, source="web", followers=None):
    t = parse_time(when)
    tid = snowflake(t)
    sn = orig["user"]["screen_name"]
    prefix = "RT @" + sn + ": "
    full = prefix + orig["text"]
    ents = shifted(orig["entities"], len(prefix), 10 ** 9)
    truncated = len(full) > 140
    if truncated:
        text = cut_escaped(full, 139) + "\u2026"
        ents = shifted(orig["entities"], len(prefix), len(text) - 1)
    else:
        text = full
    ents["user_mentions"].insert(0, M(sn).entity(3, 4 + len(sn)))
    overrides = {} if followers is None else {"followers_count": followers}
    tw = {
        "created_at": twitter_time(t), "id": tid, "id_str": str(tid), "text": text,
        "source": SOURCES[source], "truncated": truncated,
        "in_reply_to_status_id": None, "in_reply_to_status_id_str": None,
        "in_reply_to_user_id": None, "in_reply_to_user_id_str": None,
        "in_reply_to_screen_name": None,
        "user": author(who, **overrides),
        "geo": None, "coordinates": None, "place": None, "contributors": None,
        "retweeted_status": orig, "is_quote_status": False,
        "retweet_count": orig["retweet_count"], "favorite_count": 0,
        "entities": ents, "favorited": False, "retweeted": False, "lang": orig["lang"],
    }
    if orig["entities"]["urls"]:
        tw["possibly_sensitive"] = False
    check_entities(text, ents)
    ALL[tw["id_str"]] = tw
    return tw


def quote(who, when, parts, quoted, lang="en", source="web"):
    permalink = "https://twitter.com/%s/status/%s" % (quoted["user"]["screen_name"], quoted["id_str"])
    tw = tweet(who, when, list(parts) + [U(permalink)], lang=lang, source=source)
    tw["quoted_status_id"] = quoted["id"]
    tw["quoted_status_id_str"] = quoted["id_str"]
    tw["quoted_status"] = quoted
    tw["is_quote_status"] = True
    # keep Twitter's key order: quoted_* right after contributors
    order = list(tw.keys())
    order.remove("quoted_status_id"); order.remove("quoted_status_id_str"); order.remove("quoted_status")
    i = order.index("is_quote_status")
    order[i:i] = ["quoted_status_id", "quoted_status_id_str", "quoted_status"]
    return {k: tw[k] for k in order}


def fake_reply_target(screen_name, when):
    """An id for a tweet we replied to that is not in the samples."""
    return (snowflake(parse_time(when)), screen_name)


# ===========================================================================
# The story.

# --- api-v1/mentions.jsonl: @tech4buziness's mentions ----------------------
mentions = []
mentions.append(tweet("DellSmBizOffers", "2011-05-12 16:04:22", [
    M("tech4buziness"), " thanks for the Vostro review! Small biz owners: 15% off Vostro 3500 laptops this week with code SMB15 ",
    U("http://del.ly/6019Vfq3")], followers=142, source="hootsuite"))
loic_sd2 = tweet("loic", "2011-05-20 07:31:05", [
    M("tech4buziness"), " merci! Seesmic Desktop 2 is out for Windows & Mac, would love your review ",
    U("http://seesmic.com/seesmic_desktop/sd2"), " ", H("seesmic")], source="seesmic", retweets=3)
mentions.append(loic_sd2)
spam1 = tweet("sweetkimmy_4u", "2011-06-01 09:47:13", [
    M("tech4buziness"), " hey cutie, bored at work? write me at kimmy.xo91@freemail.example or see my pics ",
    U("http://hot-escorts-dating.example/kimmy91?ref=tw")], source="web0")
mentions.append(spam1)
spam2 = tweet("lisa_meetme22", "2011-06-01 11:58:51", [
    "\U0001F618 ", M("tech4buziness"), " new in town & lonely tonight <3 my private pics here ",
    U("http://hot-escorts-dating.example/lisa22")], source="web0")
mentions.append(spam2)
mentions.append(tweet("sarahsmallbiz", "2011-06-01 13:15:40", [
    M("tech4buziness"), " you got those escort bots in your mentions too? Report & block, don't click! Follow ",
    M("spam"), " to report"], source="iphone"))
guy_reply = tweet("GuyKawasaki", "2011-06-02 15:22:08", [
    M("tech4buziness"), " thanks for the RT! More on bootstrapping a small business: ",
    U("http://entrepreneurs.alltop.com/bootstrapping-101")],
    reply_to=fake_reply_target("tech4buziness", "2011-06-02 14:58:40"), retweets=4, favorites=2)
mentions.append(guy_reply)
t4b_psa = tweet("tech4buziness", "2011-06-01 12:02:44", [
    "PSA: if a brand-new account with 2 followers mentions you with a link and an email address, it's spam. Block & report to ",
    M("spam")], retweets=11)
mentions.append(retweet("sarahsmallbiz", "2011-06-02 16:40:19", t4b_psa, source="iphone"))
mentions.append(tweet("DellCares", "2012-03-14 18:40:02", [
    M("tech4buziness"), " sorry to hear your XPS won't boot. Please DM us the service tag (7 chars, like <ABC1234>) and we'll help"],
    reply_to=fake_reply_target("tech4buziness", "2012-03-14 18:01:10"), followers=15230))
mentions.append(tweet("bizmodelwatch", "2011-08-09 14:30:00", [
    "Good read from ", M("tech4buziness"), " on why small shops should care about Twitter's business model ",
    U("http://tech4buziness.example/2011/08/twitter-business-model"), " ", H("twitter")]))
mentions.append(tweet("yuki_tanaka_biz", "2013-02-07 03:12:45", [
    M("tech4buziness"), " \u4e2d\u5c0f\u4f01\u696d\u5411\u3051\u306e\u30af\u30e9\u30a6\u30c9\u4f1a\u8a08\u306e\u8a18\u4e8b\u3001"
    "\u3068\u3066\u3082\u53c2\u8003\u306b\u306a\u308a\u307e\u3057\u305f\uff01\u3042\u308a\u304c\u3068\u3046\u3054\u3056\u3044\u307e\u3059\u3002 ",
    H("\u4e2d\u5c0f\u4f01\u696d")], lang="ja", source="iphone"))
sally_ext = tweet("smallbizsally", "2017-11-20 22:05:31", [
    "Huge thanks to ", M("tech4buziness"), " for the walkthrough on moving our 12-person office to cloud backups. "
    "We did it over a weekend, zero downtime, and save about $90/month. Full write-up: ",
    U("https://smallbizsally.example/blog/cloud-backup-weekend"), " ", H("smallbiz")], source="android")
mentions.append(sally_ext)
claire_ext = tweet("claire_startup", "2018-10-10 20:19:24", [
    M("tech4buziness"), " Merci pour l'article sur les outils des petites entreprises ! Chez nous, le modèle freemium "
    "a vraiment changé la donne pour notre entreprise. On en reparle avec ", M("loic"), " à ", H("LeWeb"), " ?"],
    lang="fr", source="iphone")
mentions.append(claire_ext)

# --- api-v1/business-model.jsonl.gz: Twitter's business model, Seesmic, Loic -------
bm = []
bm.append(tweet("loic", "2010-11-18 17:20:11", [
    "Twitter's business model will be about the platform, not only ads in the stream. Seesmic is betting on it ",
    H("seesmic")], source="seesmic", retweets=25))
bm.append(tweet("claire_startup", "2010-11-19 08:45:02", [
    "Quel modèle économique pour Twitter ? Les entreprises vont-elles payer pour des comptes certifiés ? ",
    H("twitter")], lang="fr"))
bm.append(tweet("loic", "2010-12-08 19:02:33", [
    H("LeWeb"), " 2010 : merci à tous ! Les entreprises françaises ont de vrais modèles économiques. Vidéos : ",
    U("http://leweb-videos.example/2010")], lang="fr", source="seesmic", retweets=40))
bm.append(tweet("jb_numerique", "2010-12-09 10:15:47", [
    "Loïc Le Meur (", M("loic"), ") sur scène au ", H("LeWeb"), " : « Seesmic est une entreprise, pas un projet »"],
    lang="fr"))
bm.append(tweet("bizmodelwatch", "2011-01-15 15:00:00", [
    "Three business models for Twitter: promoted tweets, firehose licensing, enterprise tools. Which one wins? ",
    H("twitter")]))
bm.append(tweet("marc_entrepreneur", "2011-02-02 21:33:09", [
    "Les modèles d'affaires des start-ups sociales : Twitter, Seesmic, Foursquare… aucune entreprise n'a encore la formule magique"],
    lang="fr"))
bm.append(tweet("yuki_tanaka_biz", "2011-03-03 01:20:00", [
    "Twitter\u306e\u30d3\u30b8\u30cd\u30b9\u30e2\u30c7\u30eb\u306b\u3064\u3044\u3066\u8003\u3048\u308b\u3002"
    "\u5e83\u544a\u3060\u3051\u3067\u672c\u5f53\u306b\u5927\u4e08\u592b\uff1f ", H("twitter")], lang="ja"))
bm.append(tweet("seesmic", "2011-04-11 16:00:00", [
    "Seesmic for business: manage your company's Twitter & Facebook accounts as a team ",
    U("http://seesmic.com/business"), " ", H("seesmic")], source="seesmic"))
loic_model = tweet("loic", "2011-05-05 06:40:21", [
    "Le modèle de Seesmic : gratuit pour tous, payant pour les entreprises. Ça marche ! ", H("seesmic")],
    lang="fr", source="seesmic", retweets=9)
bm.append(loic_model)
bm_deleted = tweet("bizmodelwatch", "2011-05-28 23:59:01", [
    "Hot take: Twitter will never be profitable. Ads <3 nobody. (I'll probably delete this later.)"])
bm.append(bm_deleted)
BM_SPLIT = len(bm)  # first gzip member ends here
loic_promoted = tweet("loic", "2011-06-14 18:11:52", [
    "Twitter's business model is taking shape: promoted tweets, trends, accounts. Great analysis by ",
    M("bizmodelwatch"), " ", U("http://bizmodelwatch.example/twitter-promoted")], source="seesmic", retweets=31)
guy_rt_loic = retweet("GuyKawasaki", "2011-06-15 02:03:04", loic_promoted, followers=351200)
bm.append(guy_rt_loic)
bm.append(tweet("claire_startup", "2011-09-20 09:09:09", [
    M("loic"), " D'accord, mais combien d'entreprises paieront vraiment ? Les modèles freemium ont leurs limites…"],
    lang="fr", reply_to=loic_model))
bm.append(tweet("loic", "2011-12-07 08:30:00", [
    "Opening ", H("LeWeb"), " 2011: Twitter's business is real now, ads work. Seesmic keeps building for business users ",
    H("seesmic")], source="seesmic"))
bm.append(tweet("jb_numerique", "2012-01-10 12:12:12", [
    "Modèle économique de Twitter : les tweets sponsorisés rapportent enfin. Bonne nouvelle pour l'entreprise ",
    H("twitter")], lang="fr"))
bm.append(tweet("GuyKawasaki", "2012-01-11 17:45:00", [
    "How to pitch your business model in 10 slides ", U("http://entrepreneurs.alltop.com/pitch-business-model")],
    followers=371000, source="hootsuite"))
bm.append(tweet("bizmodelwatch", "2012-09-06 19:20:00", [
    "Seesmic acquired by HootSuite. Congrats ", M("loic"), " & team! Consolidation is the business model now. ",
    H("seesmic")]))
bm.append(tweet("marc_entrepreneur", "2012-09-06 21:05:44", [
    "Seesmic racheté par HootSuite : fin d'une belle aventure d'entreprise française. Bravo ", M("loic"), " ! ",
    H("seesmic")], lang="fr"))
bm.append(tweet("yuki_tanaka_biz", "2013-06-20 10:00:00", [
    "\U0001F389", M("loic"), " \u3055\u3093\u306eLeWeb\u3067\u306e\u8b1b\u6f14\u3001"
    "\u30b7\u30fc\u30ba\u30df\u30c3\u30af\u306e\u8a71\u304c\u3068\u3066\u3082\u9762\u767d\u304b\u3063\u305f\u3002 ",
    H("LeWeb")], lang="ja", source="iphone"))
loic_2016 = tweet("loic", "2016-04-11 15:10:00", [
    "Ten years of Twitter and the business model debate is still going. Ads, data, subscriptions?"], retweets=18)
bm.append(quote("GuyKawasaki", "2016-04-12 16:22:31", [
    "The best business model is one your customers love to pay for. "], loic_2016))
bm.append(tweet("claire_startup", "2016-10-10 07:58:12", [
    "Twitter à vendre ? Sans modèle économique clair, aucune entreprise ne l'achètera \U0001F605 ", H("twitter")],
    lang="fr", source="iphone"))

# --- api-v1/dell.json: a REST response, newest first ---------------------
dell = []
dell.append(tweet("Direct2Dell", "2010-11-30 15:00:00", [
    "New Dell accounts for small business: follow ", M("DellSmBizOffers"), " for offers and ", M("DellCares"),
    " for support"], followers=7980))
dell.append(tweet("DellOutlet", "2010-12-03 14:00:00", [
    "Holiday coupon: extra 15% off any Dell Outlet XPS > $799 ", U("http://www.dell.com/outlet/xps-holiday")],
    followers=1402))
dell.append(tweet("DellChannel", "2011-02-14 17:30:00", [
    "Partners: register for the PartnerDirect webinar on Dell EqualLogic storage ", U("http://del.ly/6010Ch4n")],
    followers=64))
dell.append(tweet("DellOutlet", "2011-03-15 13:05:00", [
    "Refurbished Latitude laptops 20% off with coupon code OUTLET20 ", U("http://del.ly/6013Lat2")],
    followers=1470))
dell.append(tweet("DellCares", "2011-03-30 18:00:00", [
    "Having trouble with your Dell? We're here 7am-10pm CT. Tweet us or DM your service tag"], followers=11240))
dell.append(tweet("DellSmBizOffers", "2011-04-02 15:45:00", [
    "Vostro 3300 for your office: $100 off with coupon SAVE100 ", U("http://www.dell.com/smb/vostro-coupon"),
    " ", H("smallbiz")], followers=133))
dell.append(tweet("Direct2Dell", "2011-05-17 16:20:00", [
    "Meet the team behind ", M("DellCares"), ": how we answer 2,000+ tweets a week ",
    U("http://en.community.dell.com/dell-blogs/direct2dell/b/meet-dellcares")], followers=8105))
dell.append(tweet("DellChannel", "2011-06-20 14:10:00", [
    "New PartnerDirect training on Dell EqualLogic is live ", U("http://del.ly/6018Eql1")], followers=71))
d2d_outlet = tweet("DellOutlet", "2011-06-25 10:00:00", [
    "Dell Outlet summer sale: up to 30% off refurbished Inspiron & XPS ", U("http://del.ly/6015Sum8")],
    followers=1506, retweets=6)
dell.append(retweet("DellSmBizOffers", "2011-06-25 10:31:00", d2d_outlet, source="hootsuite", followers=148))
dell.append(tweet("DellCares", "2011-07-05 13:00:00", [
    "Tip: find your service tag on the sticker under your laptop, or run the Dell Support Center app"],
    followers=11840))
dell.append(tweet("DellOutlet", "2011-07-22 15:00:00", [
    "Weekend deal: Inspiron 15R from $449 at Dell Outlet, while supplies last ", U("http://del.ly/6011Kq8x")],
    followers=1516))
dell.append(tweet("DellSmBizOffers", "2011-07-28 14:00:00", [
    "Small Business Week: save up to 25% on PowerEdge servers ", U("http://del.ly/6016Pwr5"), " ", H("smallbiz")],
    followers=151))
dell.append(tweet("Direct2Dell", "2011-08-16 20:00:00", [
    "Dell Q2 FY12 results call at 4:30pm CT today, listen live ", C("DELL"), " ",
    U("http://www.dell.com/investors/q2fy12")], followers=8342))
dell.reverse()  # a REST timeline comes newest first

# --- stream/stream-2011-06-01.jsonl ------------------------------------------
s_guy_plan = tweet("GuyKawasaki", "2011-06-01 00:14:09", [
    "How to write a business plan in 30 minutes ", U("http://entrepreneurs.alltop.com/business-plan-30-min")],
    followers=350890, source="hootsuite")
s_outlet = tweet("DellOutlet", "2011-06-01 09:00:00", [
    "Today only: Vostro desktops from $299 at Dell Outlet ", U("http://del.ly/6012Vst0")], followers=1502)
s_geo = tweet("nico_paris", "2011-06-01 10:31:27", [
    "Au café avec mon nouveau portable Dell, vive les entreprises qui livrent vite !"], lang="fr", geo=(48.8566, 2.3522),
    source="iphone")
s_delete_after = tweet("josh_deals", "2011-06-01 10:45:02", [
    "ugh my Dell charger died again >:( third one this year"], source="android")
sarah_lessons = tweet("sarahsmallbiz", "2011-05-31 22:10:00", [
    "10 lessons from 10 years running a bakery, lesson 7 is the one nobody tells you about. Thanks for the nudge ",
    M("tech4buziness"), " ", H("smallbiz")], retweets=14)
s_guy_rt = retweet("GuyKawasaki", "2011-06-01 12:20:41", sarah_lessons, followers=350930)
s_delete_before = tweet("josh_deals", "2011-06-01 13:02:30", [
    "Dell Outlet just saved me $300 on a refurb XPS ", H("deals")], source="android")
s_loic = tweet("loic", "2011-06-01 16:45:00", [
    "Twitter's own photo service: what it means for Seesmic and for our business model ",
    U("http://blog.seesmic.example/twitter-photos"), " ", H("seesmic")], source="seesmic")
s_t4b = tweet("tech4buziness", "2011-06-01 14:31:05", [
    "\U0001F624 Blocked & reported two escort spam bots today. Twitter's business model needs a spam filter that works ",
    H("twitter")], followers=2301)
s_guy_holykaw = tweet("GuyKawasaki", "2011-06-01 19:30:12", [
    "What entrepreneurs can learn from a bakery ", U("http://holykaw.alltop.com/what-entrepreneurs-learn-bakery"),
    " (via ", M("sarahsmallbiz"), ")"], followers=350990)


def control_delete(tw, when):
    return {"delete": {"status": {"id": tw["id"], "id_str": tw["id_str"], "user_id": tw["user"]["id"],
                                  "user_id_str": tw["user"]["id_str"]},
                       "timestamp_ms": str(epoch_ms(parse_time(when)))}}


stream_lines = [
    control_delete(s_delete_before, "2011-06-01 13:05:00"),  # delete seen before its tweet
    s_guy_plan,
    "",  # keep-alive
    s_outlet,
    spam1,  # also in mentions.jsonl
    {"limit": {"track": 12, "timestamp_ms": str(epoch_ms(parse_time("2011-06-01 10:00:00")))}},
    s_geo,
    s_delete_after,
    s_guy_rt,
    {"scrub_geo": {"user_id": s_geo["user"]["id"], "user_id_str": s_geo["user"]["id_str"],
                   "up_to_status_id": s_geo["id"], "up_to_status_id_str": s_geo["id_str"],
                   "timestamp_ms": str(epoch_ms(parse_time("2011-06-01 14:00:00")))}},
    control_delete(s_delete_after, "2011-06-01 14:10:33"),  # delete seen after its tweet
    s_delete_before,
    "\r",  # keep-alive as the stream sends it, "\r\n"
    s_t4b,
    control_delete(bm_deleted, "2011-06-01 15:00:00"),  # its tweet is in business-model.jsonl.gz
    s_loic,
    s_guy_holykaw,
]

# --- archive/guykawasaki-archive: @GuyKawasaki's "Download your archive" --------
GUY = USERS["guykawasaki"]
arch0 = []
arch0.append(tweet("GuyKawasaki", "2011-01-05 18:00:00", [
    "The art of bootstrapping: ", U("http://entrepreneurs.alltop.com/the-art-of-bootstrapping")], retweets=52))
arch0.append(tweet("GuyKawasaki", "2011-02-10 19:30:00", [
    "10 questions to ask before you start a business ", U("http://entrepreneurs.alltop.com/10-questions")], retweets=40))
loic_sd1 = tweet("loic", "2011-03-22 16:00:00", [
    "Seesmic Desktop now has columns for Facebook pages & LinkedIn, and it's still free for everyone. Try it ",
    U("http://seesmic.com/desktop"), " ", H("seesmic")], retweets=60)
arch0.append(retweet("GuyKawasaki", "2011-03-22 16:44:10", loic_sd1))
arch0.append(tweet("GuyKawasaki", "2011-05-05 07:10:00", [
    M("loic"), " great model: free for people, paid for companies. ", H("seesmic")], reply_to=loic_model, retweets=3))
arch0.append(guy_reply)  # also in mentions.jsonl
arch0.append(tweet("GuyKawasaki", "2011-07-11 17:00:00", [
    "How to make a great pitch ", U("http://holykaw.alltop.com/how-to-pitch")], retweets=77))
arch0.append(tweet("GuyKawasaki", "2011-09-01 15:15:15", [
    "Entrepreneurs: ship, then test, then ship again. Don't worry, be crappy."], retweets=210, favorites=30))
arch0.append(tweet("GuyKawasaki", "2012-02-14 18:00:00", [
    "Enchantment & small business: ", U("http://smallbusiness.alltop.com/enchantment-small-business")], retweets=35))
photo_tweet = tweet("GuyKawasaki", "2012-05-03 20:40:00", ["My new favorite office "], retweets=12, favorites=40)
arch0.append(photo_tweet)
arch0.append(tweet("GuyKawasaki", "2013-10-08 16:00:00", [
    "APE: Author, Publisher, Entrepreneur. How to self-publish a book ", U("http://apethebook.example")], retweets=88))
arch0.append(tweet("GuyKawasaki", "2015-02-20 17:30:00", [
    "Social media tips for entrepreneurs ", U("https://alltop.com/social-media")], retweets=64))
arch0.append(tweet("GuyKawasaki", "2017-05-30 21:00:00", [
    M("DellSmBizOffers", "dellsmbizoffers"), " great deal for startups!"],
    reply_to=fake_reply_target("DellSmBizOffers", "2017-05-30 20:10:00"), retweets=1))
arch0.append(tweet("GuyKawasaki", "2019-03-11 16:00:00", [
    "The Art of the Start 2.0, now in 12 languages ", U("https://guykawasaki.example/art-of-the-start")], retweets=41))
arch1 = []
arch1.append(tweet("GuyKawasaki", "2019-06-01 15:00:00", [
    "New episode of Remarkable People: what makes a great entrepreneur ", U("https://guykawasaki.example/podcast/ep1")],
    retweets=22))
arch1.append(tweet("GuyKawasaki", "2019-08-15 14:20:00", [
    "Still the best place to follow entrepreneurship news ", U("https://alltop.com/entrepreneurs")], retweets=19))
alltop_orig = tweet("alltop", "2020-01-10 09:00:00", [
    "Alltop turns 12! Thanks to everyone who reads the top stories with us, and to co-founder ",
    M("GuyKawasaki"), " & the team ", U("https://alltop.com/about")], retweets=30)
arch1.append(retweet("GuyKawasaki", "2020-01-10 09:30:00", alltop_orig))
arch1.append(tweet("GuyKawasaki", "2020-04-01 18:00:00", [
    "Work from home tip: a good chair beats a good desk."], retweets=150, favorites=900))

MEDIA_KEY = "EXxQ8aXUYAE3pZo"
MEDIA_ID = snowflake(parse_time("2012-05-03 20:39:50"))


def add_photo(tw):
    text = tw["text"]
    expanded = "http://twitter.com/GuyKawasaki/status/%s/photo/1" % tw["id_str"]
    link = tco(expanded, False)
    s = len(text)
    tw["text"] = text + link
    media = {"expanded_url": expanded, "indices": [s, s + len(link)], "url": link,
             "media_url": "http://pbs.twimg.com/media/%s.jpg" % MEDIA_KEY,
             "id_str": str(MEDIA_ID), "id": MEDIA_ID,
             "media_url_https": "https://pbs.twimg.com/media/%s.jpg" % MEDIA_KEY,
             "sizes": {"thumb": {"w": 150, "h": 150, "resize": "crop"},
                       "small": {"w": 680, "h": 453, "resize": "fit"},
                       "medium": {"w": 1200, "h": 800, "resize": "fit"},
                       "large": {"w": 2048, "h": 1365, "resize": "fit"}},
             "type": "photo", "display_url": "pic.twitter.com/" + link[-10:]}
    tw["entities"]["media"] = [media]
    tw["extended_entities"] = {"media": [dict(media)]}
    check_entities(tw["text"], tw["entities"])


add_photo(photo_tweet)


def strs(o):
    """Archive style: every number as a string."""
    if isinstance(o, bool) or o is None:
        return o
    if isinstance(o, int):
        return str(o)
    if isinstance(o, list):
        return [strs(x) for x in o]
    if isinstance(o, dict):
        return {k: strs(v) for k, v in o.items()}
    return o


def display_end(tw):
    """Where the shown text ends: before a trailing media link and its space."""
    text = tw["text"]
    if "media" in tw["entities"]:
        s = tw["entities"]["media"][0]["indices"][0]
        return s - 1 if s > 0 and text[s - 1] == " " else s
    return len(text)


def archive_tweet(tw):
    """The shape of a tweet in an account archive's data/tweets.js (2019+)."""
    full = tw["text"]
    a = {"retweeted": False, "source": tw["source"], "entities": strs(tw["entities"]),
         "display_text_range": ["0", str(display_end(tw))],
         "favorite_count": str(tw["favorite_count"]), "id_str": tw["id_str"],
         "truncated": False, "retweet_count": str(tw["retweet_count"]), "id": tw["id_str"],
         "created_at": tw["created_at"], "favorited": False, "full_text": full, "lang": tw["lang"]}
    if "extended_entities" in tw:
        a["extended_entities"] = strs(tw["extended_entities"])
    if tw["in_reply_to_status_id_str"]:
        a["in_reply_to_status_id_str"] = tw["in_reply_to_status_id_str"]
        a["in_reply_to_user_id"] = tw["in_reply_to_user_id_str"]
        a["in_reply_to_status_id"] = tw["in_reply_to_status_id_str"]
        a["in_reply_to_screen_name"] = tw["in_reply_to_screen_name"]
        a["in_reply_to_user_id_str"] = tw["in_reply_to_user_id_str"]
    if "possibly_sensitive" in tw:
        a["possibly_sensitive"] = False
    return {"tweet": a}


def ytd_js(global_name, entries):
    body = json.dumps(entries, ensure_ascii=False, indent=2, separators=(",", " : "))
    return "window.%s = %s" % (global_name, body)


# ===========================================================================
# Writing.

def jsonl(tweets):
    return "".join(json.dumps(t, ensure_ascii=False, separators=(",", ":")) + "\n" for t in tweets).encode()


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


# ---------------------------------------------------------------------------
# web/search-tech4buziness.jsonl: the X website's GraphQL, as a collector saves it (twscrape,
# Zeeschuimer): two SearchTimeline responses for "@tech4buziness", one per line. In March 2024
# the spam is back: two accounts made the day before, with an email address, a link to the same
# escort site, a photo. Two weeks later the same search shows the first account's tweet as a
# tombstone and the account as UserUnavailable (Suspended). Not in ALL: the 2011 story's facts
# above are about the API files only.

user("kimmy_xo_2024", 1765000000000000001, "Kimmy \U0001F48B", "2024-03-04 08:10:00", 1, 210, 3, "", "")
user("lisa_dates24", 1765000000000000002, "Lisa", "2024-03-04 09:40:00", 0, 150, 2, "", "")

web_spam1 = tweet("kimmy_xo_2024", "2024-03-05 07:55:10", [
    M("tech4buziness"), " lonely tonight? write kimmy.xo24@freemail.example or see ",
    U("https://hot-escorts-dating.example/kimmy24")])
web_spam2 = tweet("lisa_dates24", "2024-03-05 08:31:44", [
    M("tech4buziness"), " new pics for you, write lisa.d24@freemail.example "])
web_friend = tweet("sarahsmallbiz", "2024-03-05 12:02:19", [
    M("tech4buziness"), " two more of those escort bots in my mentions this morning. Reported both."])


def add_web_photo(tw):
    expanded = "https://x.com/%s/status/%s/photo/1" % (tw["user"]["screen_name"], tw["id_str"])
    link = tco(expanded, True)
    s = len(tw["text"])
    tw["text"] += link
    tw["entities"]["media"] = [{"expanded_url": expanded, "indices": [s, s + len(link)], "url": link,
                                "media_url_https": "https://pbs.twimg.com/media/GIk%s.jpg" % tw["id_str"][-6:],
                                "id_str": str(int(tw["id_str"]) - 1), "type": "photo",
                                "display_url": "pic.x.com/" + link[-10:]}]
    tw["extended_entities"] = {"media": [dict(tw["entities"]["media"][0])]}
    check_entities(tw["text"], tw["entities"])


add_web_photo(web_spam2)
WEB_TWEETS = [web_spam1, web_spam2, web_friend]
for _t in WEB_TWEETS:
    del ALL[_t["id_str"]]
WEB_SUSPENDED = ["kimmy_xo_2024"]


def graphql_tweet(tw, views):
    """A v1.1 tweet as the web client gives it: `legacy` without `user`, the author in the newer
    (2025) user shape."""
    u = tw["user"]
    legacy = {k: v for k, v in tw.items() if k not in ("user", "text", "id", "source", "truncated", "geo",
                                                     "coordinates", "place", "contributors")}
    legacy.update({"full_text": tw["text"], "user_id_str": u["id_str"], "conversation_id_str": tw["id_str"],
                   "display_text_range": [0, len(unesc(tw["text"]))], "bookmark_count": 0, "quote_count": 0,
                   "reply_count": 0})
    user_result = {"__typename": "User", "id": "VXNlcjo=", "rest_id": u["id_str"], "is_blue_verified": False,
                   "core": {"created_at": u["created_at"], "name": u["name"], "screen_name": u["screen_name"]},
                   "relationship_counts": {"followers": u["followers_count"], "following": u["friends_count"]},
                   "tweet_counts": {"tweets": u["statuses_count"]},
                   "privacy": {"protected": False}, "verification": {"verified": False},
                   "profile_bio": {"description": u["description"]}, "location": {"location": u["location"]}}
    return {"__typename": "Tweet", "rest_id": tw["id_str"],
            "core": {"user_results": {"result": user_result}},
            "edit_control": {"edit_tweet_ids": [tw["id_str"]], "editable_until_msecs": "0", "edits_remaining": "5",
                             "is_edit_eligible": False},
            "legacy": legacy, "source": tw["source"], "views": {"count": str(views), "state": "EnabledWithCount"}}


def timeline_item(result):
    return {"entryId": "tweet-" + (result.get("rest_id") or "0"), "sortIndex": "1",
            "content": {"entryType": "TimelineTimelineItem", "__typename": "TimelineTimelineItem",
                        "itemContent": {"itemType": "TimelineTweet", "__typename": "TimelineTweet",
                                        "tweet_results": {"result": result}}}}


def search_response(entries):
    return {"data": {"search_by_raw_query": {"search_timeline": {"timeline": {
        "instructions": [{"type": "TimelineAddEntries", "entries": entries + [
            {"entryId": "cursor-bottom-0", "sortIndex": "0",
             "content": {"entryType": "TimelineTimelineCursor", "__typename": "TimelineTimelineCursor",
                         "value": "DAADDAABCgABGH", "cursorType": "Bottom"}}]}]}}}}}


def web_capture():
    first = search_response([timeline_item(graphql_tweet(t, 40 + 17 * n)) for n, t in enumerate(WEB_TWEETS)])
    tomb = timeline_item({"__typename": "TweetTombstone",
                          "tombstone": {"__typename": "TextTombstone",
                                        "text": {"text": "This Post is from a suspended account. Learn more",
                                                 "entities": []}}})
    tomb["entryId"] = "tweet-" + web_spam1["id_str"]
    suspended = {"entryId": "who-to-follow-0", "sortIndex": "2", "content": {
        "entryType": "TimelineTimelineModule", "__typename": "TimelineTimelineModule", "items": [
            {"entryId": "who-to-follow-0-user-" + USERS[n]["id_str"], "item": {"itemContent": {
                "itemType": "TimelineUser", "__typename": "TimelineUser", "user_results": {"result": {
                    "__typename": "UserUnavailable", "rest_id": USERS[n]["id_str"], "reason": "Suspended",
                    "message": "User is suspended"}}}}} for n in WEB_SUSPENDED]}}
    later = search_response([tomb, timeline_item(graphql_tweet(web_spam2, 95)),
                             timeline_item(graphql_tweet(web_friend, 120)), suspended])
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in (first, later)).encode()


def web_expected():
    def has_link_or_email(t):
        return bool(t["entities"]["urls"]) or "@freemail.example" in t["text"]
    suspended = {n.lower() for n in WEB_SUSPENDED}
    return {
        "file": "web/search-tech4buziness.jsonl",
        "tweet_ids": [t["id_str"] for t in WEB_TWEETS],
        "spam_accounts": [web_spam1["user"]["screen_name"], web_spam2["user"]["screen_name"]],
        "suspended_accounts": WEB_SUSPENDED,
        "suspended_link_or_email_mention_ids": [t["id_str"] for t in WEB_TWEETS if
                                                t["user"]["screen_name"].lower() in suspended and has_link_or_email(t)],
        "media_tweet_ids": [t["id_str"] for t in WEB_TWEETS if t["entities"].get("media")],
        "media_urls": {t["id_str"]: [m["media_url_https"] for m in t["extended_entities"]["media"]]
                       for t in WEB_TWEETS if t.get("extended_entities")},
    }


def build_files():
    files = {}
    files["api-v1/mentions.jsonl"] = jsonl(mentions)
    files["api-v1/dell.json"] = (json.dumps(dell, ensure_ascii=False, indent=2) + "\n").encode()
    files["api-v1/business-model.jsonl.gz"] = gz(jsonl(bm[:BM_SPLIT])) + gz(jsonl(bm[BM_SPLIT:]))
    lines = []
    for x in stream_lines:
        # like the streaming API: non-ASCII as \u escapes (an astral emoji as a surrogate pair)
        lines.append(x if isinstance(x, str) else json.dumps(x, ensure_ascii=True, separators=(",", ":")))
    files["stream/stream-2011-06-01.jsonl"] = ("\n".join(lines) + "\n").encode()

    root = "archive/guykawasaki-archive/"
    account = [{"account": {"email": "guy@guykawasaki.example", "createdVia": "web",
                            "username": "GuyKawasaki", "accountId": GUY["id_str"],
                            "createdAt": "2006-11-27T04:29:11.000Z", "accountDisplayName": "Guy Kawasaki"}}]
    arch = {}
    arch["data/tweets.js"] = ytd_js("YTD.tweets.part0", [archive_tweet(t) for t in reversed(arch0)])
    arch["data/tweets-part1.js"] = ytd_js("YTD.tweets.part1", [archive_tweet(t) for t in reversed(arch1)])
    arch["data/account.js"] = ytd_js("YTD.account.part0", account)
    dms = [{"dmConversation": {"conversationId": "%s-%s" % (USERS["alltop"]["id_str"], GUY["id_str"]),
                               "messages": [
        {"messageCreate": {"recipientId": GUY["id_str"], "reactions": [], "urls": [],
                           "text": "The new entrepreneurship feeds are live. Codeword for the launch party: quokka-pineapple",
                           "mediaUrls": [], "senderId": USERS["alltop"]["id_str"], "id": "1215568290417123329",
                           "createdAt": "2020-01-10T09:45:12.104Z"}},
        {"messageCreate": {"recipientId": USERS["alltop"]["id_str"], "reactions": [], "urls": [],
                           "text": "Great, see you there!", "mediaUrls": [], "senderId": GUY["id_str"],
                           "id": "1215570011233902593", "createdAt": "2020-01-10T09:52:02.331Z"}}]}}]
    arch["data/direct-messages.js"] = ytd_js("YTD.direct_messages.part0", dms)
    jpg = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
           b"\xff\xfe\x00\x1bfake photo for tweet-index\xff\xd9")
    arch["data/tweets_media/%s-%s.jpg" % (photo_tweet["id_str"], MEDIA_KEY)] = jpg
    arch["Your archive.html"] = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Your archive</title>"
                                 "<script src=\"data/manifest.js\"></script></head>\n<body><p>Open this file in a "
                                 "browser to view your archive.</p></body></html>\n")
    manifest = {
        "userInfo": {"accountId": GUY["id_str"], "userName": "GuyKawasaki", "displayName": "Guy Kawasaki"},
        "archiveInfo": {"sizeBytes": "0", "generationDate": "2020-06-01T12:00:00.000Z",
                        "isPartialArchive": False, "maxPartSizeBytes": "53687091200"},
        "readmeInfo": {"fileName": "data/README.txt", "directory": "data/", "name": "README.txt"},
        "dataTypes": {
            "account": {"files": [{"fileName": "data/account.js", "globalName": "YTD.account.part0", "count": "1"}]},
            "directMessages": {"mediaDirectory": "data/direct_messages_media",
                               "files": [{"fileName": "data/direct-messages.js",
                                          "globalName": "YTD.direct_messages.part0", "count": "1"}]},
            "tweets": {"mediaDirectory": "data/tweets_media", "files": [
                {"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": str(len(arch0))},
                {"fileName": "data/tweets-part1.js", "globalName": "YTD.tweets.part1", "count": str(len(arch1))}]},
        }}
    size = sum(len(v if isinstance(v, bytes) else v.encode()) for v in arch.values())
    manifest["archiveInfo"]["sizeBytes"] = str(size)
    arch["data/manifest.js"] = "window.__THAR_CONFIG = " + json.dumps(manifest, indent=2)
    for k, v in arch.items():
        files[root + k] = v if isinstance(v, bytes) else v.encode()

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for k in sorted(arch):
            info = zipfile.ZipInfo(k, date_time=(2020, 6, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if k.endswith(".jpg") else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, files[root + k])
    files["archive/guykawasaki-archive.zip"] = buf.getvalue()
    files["web/search-tech4buziness.jsonl"] = web_capture()
    facts = expected()
    facts["web"] = web_expected()
    files["expected.json"] = (json.dumps(facts, ensure_ascii=False, indent=2) + "\n").encode()
    return files


# ===========================================================================
# Facts for tests, computed from the data above.

def host(url):
    return re.sub(r"^https?://", "", url).split("/")[0].split("?")[0].lower()


def full_text(tw):
    if "extended_tweet" in tw:
        return tw["extended_tweet"]["full_text"], tw["extended_tweet"]["entities"]
    return tw["text"], tw["entities"]


def searchable(tw):
    """Unescaped text a search should see: the full text, and for a retweet the original's."""
    text, _ = full_text(tw)
    out = [unesc(text)]
    if "retweeted_status" in tw:
        rs = tw["retweeted_status"]
        out.append("RT @%s: %s" % (rs["user"]["screen_name"], unesc(full_text(rs)[0])))
    return "\n".join(out)


def expected():
    files = {
        "api-v1/mentions.jsonl": ("api-v1.1 JSON lines", mentions),
        "api-v1/dell.json": ("api-v1.1 JSON array", dell),
        "api-v1/business-model.jsonl.gz": ("api-v1.1 JSON lines, gzip with 2 members", bm),
        "stream/stream-2011-06-01.jsonl": ("stream dump", [x for x in stream_lines if isinstance(x, dict) and "id_str" in x]),
        "archive/guykawasaki-archive/": ("account archive folder", list(reversed(arch0)) + list(reversed(arch1))),
        "archive/guykawasaki-archive.zip": ("account archive zip", list(reversed(arch0)) + list(reversed(arch1))),
    }
    by_file = {}
    seen = {}
    for path, (fmt, tws) in files.items():
        by_file[path] = {"format": fmt, "count": len(tws), "tweet_ids": [t["id_str"] for t in tws]}
        for t in tws:
            seen.setdefault(t["id_str"], []).append(path)
    # the folder and the zip are the same archive: count it once
    dup = {i: p for i, p in seen.items()
           if len([x for x in p if x != "archive/guykawasaki-archive.zip"]) > 1}
    top_ids = set(seen)

    def as_read(i):
        # A tweet only the archive holds is known as the archive shows it: no retweeted_status
        # or quoted_status, so neither its original nor the original's entities are known.
        t = ALL[i]
        if all(p.startswith("archive/") for p in seen[i]):
            t = {k: v for k, v in t.items() if k not in ("retweeted_status", "quoted_status")}
        return t

    top = {i: as_read(i) for i in top_ids}
    embedded = sorted({t["retweeted_status"]["id_str"] for t in top.values() if "retweeted_status" in t} |
                      {t["quoted_status"]["id_str"] for t in top.values() if "quoted_status" in t})
    assert not (set(embedded) & top_ids), "embedded originals are kept out of the top level"
    deletes = [x for x in stream_lines if isinstance(x, dict) and "delete" in x]
    deleted = [d["delete"]["status"]["id_str"] for d in deletes]

    def key(t):
        return int(t["id_str"])

    def ids(pred):
        return [t["id_str"] for t in sorted(top.values(), key=key) if pred(t)]

    def mentions_of(t, sn, include_rt):
        _, ents = full_text(t)
        names = [m["screen_name"].lower() for m in ents["user_mentions"]]
        if include_rt and "retweeted_status" in t:
            names += [m["screen_name"].lower() for m in full_text(t["retweeted_status"])[1]["user_mentions"]]
        return sn.lower() in names

    def author_sn(t):
        return t["user"]["screen_name"]

    t4b_direct = ids(lambda t: mentions_of(t, "tech4buziness", False) and author_sn(t) != "tech4buziness")
    t4b_rt = ids(lambda t: mentions_of(t, "tech4buziness", True) and author_sn(t) != "tech4buziness")
    mentioners = sorted({author_sn(top[i]) for i in t4b_direct}, key=str.lower)

    def urls_of(t, include_rt=False):
        out = [u["expanded_url"] for u in full_text(t)[1]["urls"]]
        if include_rt and "retweeted_status" in t:
            out += [u["expanded_url"] for u in full_text(t["retweeted_status"])[1]["urls"]]
        return out

    def is_alltop(u):
        h = host(u)
        return h == "alltop.com" or h.endswith(".alltop.com")

    guy = lambda t: author_sn(t) == "GuyKawasaki"
    guy_alltop = ids(lambda t: guy(t) and "retweeted_status" not in t and any(is_alltop(u) for u in urls_of(t)))
    guy_alltop_rt = ids(lambda t: guy(t) and any(is_alltop(u) for u in urls_of(t, True)))
    spam_ids = [spam1["id_str"], spam2["id_str"]]
    escort_ids = ids(lambda t: any("escort" in host(u) for u in urls_of(t)))
    assert escort_ids == spam_ids

    dell_accounts = {}
    for t in sorted(top.values(), key=lambda t: parse_time_tw(t["created_at"])):
        sn = author_sn(t)
        if sn.startswith("Dell") or sn == "Direct2Dell":
            d = dell_accounts.setdefault(sn, {"user_id": t["user"]["id_str"], "tweets": 0})
            d["tweets"] += 1
            d["latest_followers_count"] = t["user"]["followers_count"]
            d["latest_tweet_id"] = t["id_str"]
    assert dell_accounts["DellOutlet"]["latest_followers_count"] == 1516
    assert dell_accounts["DellSmBizOffers"]["latest_followers_count"] == 151
    assert dell_accounts["DellChannel"]["latest_followers_count"] == 71

    def word_ids(pattern, flags=re.I):
        rx = re.compile(pattern, flags)
        return ids(lambda t: rx.search(searchable(t)) is not None)

    def tag_ids(tag, kind="hashtags"):
        return ids(lambda t: any(h["text"].lower() == tag.lower() for h in full_text(t)[1][kind]) or
                   ("retweeted_status" in t and any(h["text"].lower() == tag.lower()
                                                    for h in full_text(t["retweeted_status"])[1][kind])))

    def domain_ids(d):
        return ids(lambda t: any(host(u) == d or host(u).endswith("." + d) for u in urls_of(t, True)))

    langs = {}
    for t in top.values():
        langs[t["lang"]] = langs.get(t["lang"], 0) + 1

    archive_ids = by_file["archive/guykawasaki-archive/"]["tweet_ids"]
    compat = ids(lambda t: "extended_tweet" in t)
    # A retweet has a retweeted_status, or, in an archive, only its "RT @" text.
    def is_rt(t):
        return "retweeted_status" in t or full_text(t)[0].startswith("RT @")

    rts = ids(is_rt)
    # Judged against the original the generator made, also where the file does not carry it.
    rt_cut = [i for i in rts if top[i]["text"].endswith("\u2026") and "retweeted_status" in ALL[i] and
              len(full_text(ALL[i]["retweeted_status"])[1]["urls"]) + len(full_text(ALL[i]["retweeted_status"])[1]["user_mentions"]) + 1
              > len(top[i]["entities"]["urls"]) + len(top[i]["entities"]["user_mentions"])]
    assert rt_cut

    return {
        "about": "Facts about samples/, computed by samples/make_samples.py from the same data it writes. "
                 "Ids are decimal strings. 'Top-level' tweets are the records of a file; the originals embedded "
                 "in retweeted_status/quoted_status are listed apart. The archive folder and the zip hold the "
                 "same archive. Text queries below were checked on the unescaped full text (extended_tweet."
                 "full_text when present) plus, for a retweet, 'RT @author: ' + the original's full text.",
        "files": by_file,
        "unique_top_level_tweets": len(top_ids),
        "duplicates": [{"id": i, "files": p, "why": "same tweet in two sources; index it once"} for i, p in sorted(dup.items())],
        "embedded_only_ids": embedded,
        "retweet_ids": rts,
        "retweets_truncated_with_lost_entities": rt_cut,
        "quote_ids": ids(lambda t: "quoted_status" in t),
        "reply_ids": ids(lambda t: t["in_reply_to_status_id_str"] is not None),
        "compat_mode_extended_ids": compat,
        "stream": {
            "file": "stream/stream-2011-06-01.jsonl",
            "lines": len(stream_lines),
            "tweets": len(by_file["stream/stream-2011-06-01.jsonl"]["tweet_ids"]),
            "deleted_ids": deleted,
            "delete_before_tweet": s_delete_before["id_str"],
            "delete_after_tweet": s_delete_after["id_str"],
            "delete_of_tweet_in_other_file": {"id": bm_deleted["id_str"], "file": "api-v1/business-model.jsonl.gz"},
            "limit_track": 12,
            "scrub_geo": {"user_id": s_geo["user"]["id_str"], "up_to_status_id": s_geo["id_str"]},
            "blank_lines": 2,
            "blank_lines_note": "one empty line and one line holding just \\r (the stream's \\r\\n keep-alive)",
        },
        "unique_tweets_not_deleted": len(top_ids) - len(set(deleted) & top_ids),
        "tech4buziness": {
            "user_id": USERS["tech4buziness"]["id_str"],
            "mentioned_by": mentioners,
            "mentioned_by_count": len(mentioners),
            "mention_tweet_ids": t4b_direct,
            "mention_tweet_ids_including_retweeted_originals": t4b_rt,
            "spam_accounts": ["sweetkimmy_4u", "lisa_meetme22"],
            "spam_tweet_ids": spam_ids,
            "spam_domain": "hot-escorts-dating.example",
            "spam_email": "kimmy.xo91@freemail.example",
            "spam_email_tweet_id": spam1["id_str"],
            "spam_email_has_entity": False,
            "spam_accounts_age_at_tweet_minutes": {
                t["user"]["screen_name"]: int((parse_time_tw(t["created_at"]) -
                                               parse_time_tw(t["user"]["created_at"])).total_seconds() // 60)
                for t in (spam1, spam2)},
            "emoji_before_mention_tweet_id": spam2["id_str"],
            "emoji_before_mention_indices": spam2["entities"]["user_mentions"][0]["indices"],
        },
        "guykawasaki": {
            "user_id": GUY["id_str"],
            "archive_account_id": GUY["id_str"],
            "archive_tweet_count": len(archive_ids),
            "archive_tweet_ids": archive_ids,
            "archive_photo_tweet_id": photo_tweet["id_str"],
            "tweet_ids_all_files": ids(guy),
            "tweet_count_all_files": len(ids(guy)),
            "alltop_link_tweet_ids": guy_alltop,
            "alltop_link_tweet_count": len(guy_alltop),
            "alltop_link_tweet_ids_including_retweets": guy_alltop_rt,
            "alltop_rule": "expanded_url host is alltop.com or a subdomain; own tweets, retweets not counted",
            "retweet_ids": ids(lambda t: guy(t) and is_rt(t)),
            "quote_ids": ids(lambda t: guy(t) and "quoted_status" in t),
            "reply_ids": ids(lambda t: guy(t) and t["in_reply_to_status_id_str"] is not None),
            "dm_text_must_not_be_indexed": "quokka",
        },
        "dell": {
            "accounts": dell_accounts,
            "latest_rule": "followers_count of the account's latest tweet by created_at, over all files",
            "cashtag_DELL_ids": tag_ids("DELL", "symbols"),
            "dell_dot_com_link_ids": domain_ids("dell.com"),
            "del_ly_link_ids": domain_ids("del.ly"),
        },
        "lang_counts": dict(sorted(langs.items())),
        "ja_ids": ids(lambda t: t["lang"] == "ja"),
        "fr_ids": ids(lambda t: t["lang"] == "fr"),
        "html_entity_ids": ids(lambda t: re.search(r"&(amp|lt|gt);", full_text(t)[0]) is not None),
        "astral_emoji_ids": ids(lambda t: re.search("[\U00010000-\U0010FFFF]", full_text(t)[0]) is not None),
        "queries": {
            "#seesmic": tag_ids("seesmic"),
            "#twitter": tag_ids("twitter"),
            "#LeWeb": tag_ids("LeWeb"),
            "$DELL": tag_ids("DELL", "symbols"),
            "domain:alltop.com": domain_ids("alltop.com"),
            "domain:hot-escorts-dating.example": domain_ids("hot-escorts-dating.example"),
            "from:loic": ids(lambda t: author_sn(t).lower() == "loic"),
            "@loic": ids(lambda t: mentions_of(t, "loic", True)),
            "entreprise (fr stems: entreprise, entreprises)": word_ids(r"\bentreprises?\b"),
            "modèle (fr stems: modèle, modèles)": word_ids(r"\bmodèles?\b"),
            "\u30d3\u30b8\u30cd\u30b9\u30e2\u30c7\u30eb (ja, CJK)": word_ids("\u30d3\u30b8\u30cd\u30b9\u30e2\u30c7\u30eb"),
            "\u4e2d\u5c0f\u4f01\u696d (ja, CJK)": word_ids("\u4e2d\u5c0f\u4f01\u696d"),
            "\"business model\"": word_ids(r"\bbusiness model\b"),  # a quoted phrase matches its words as written
            "escort": word_ids(r"\bescorts?\b"),
            "quokka (only in a DM: expect none)": word_ids("quokka"),
        },
    }


def parse_time_tw(s):
    return dt.datetime.strptime(s, "%a %b %d %H:%M:%S +0000 %Y")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = ap.parse_args()
    files = build_files()
    ids = [t["id_str"] for t in ALL.values()]
    assert len(ids) == len(set(ids))
    bad = 0
    for rel, data in sorted(files.items()):
        path = os.path.join(HERE, rel)
        if args.check:
            try:
                with open(path, "rb") as f:
                    same = f.read() == data
            except OSError:
                same = False
            if not same:
                print("differs: samples/" + rel, file=sys.stderr)
                bad += 1
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    if args.check:
        print("%d files %s" % (len(files), "differ" if bad else "match"), file=sys.stderr)
        return 1 if bad else 0
    print("wrote %d files under samples/" % len(files), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
