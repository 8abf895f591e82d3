#!/usr/bin/env python3
"""Synthetic Twitter API v1.1 tweets as JSON lines, for benchmarks.

    python3 bench/gen_tweets.py --count 1000000 --out bench/out/tweets-1000000.jsonl
    python3 bench/gen_tweets.py --count 100000 --out /tmp/t.jsonl.gz     # .gz: gzip

Deterministic for a given --seed and --count.  Shape follows the v1.1 streaming
API of 2016: full `user` objects, `\\/`-escaped slashes and `\\uXXXX` escapes for
non-ASCII (astral characters as surrogate pairs) like Twitter's own JSON,
HTML-escaped `text` (&amp; &lt; &gt;) with entity `indices` in code points of
that escaped text.  Authors, mentions, hashtags, domains and words are drawn
from Zipf distributions.  About 0.5% of lines are `delete` notices of earlier
tweets.

Facts useful for query benchmarks (most frequent author, mention, domain,
hashtag, a phrase and a word that occur, with their tweet counts) are printed
to stderr and written to OUT.facts.json.  Counts are over top-level tweets
(not the originals embedded in retweeted_status/quoted_status), before deletes.

Measured: --count 1000000 wrote 2,813,133,505 bytes (2813 bytes/tweet) in 78.5 s
wall (12.7k tweets/s; 57.5 s user CPU, i.e. ~17k tweets/s of CPU) on a 2-core
machine shared with compiler jobs. That is below the 30k/s goal.
"""
import argparse
import bisect
import gzip
import itertools
import json
import os
import random
import subprocess
import sys
import time

TWEPOCH_MS = 1288834974657
START = 1451606400  # 2016-01-01T00:00:00Z
YEAR = 366 * 86400
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def jstr(s):
    """Body of a JSON string as Twitter wrote it: ASCII only, slashes escaped."""
    return json.dumps(s, ensure_ascii=True)[1:-1].replace("/", "\\/")


def html(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Zipf:
    """Draws ranks 0..n-1 with P(r) ~ 1/(r+1)^s: a lookup at a random index of a table of
    2^bits entries where rank r fills its share (faster than a bisect per draw)."""

    def __init__(self, rng, n, s=1.05, bits=20):
        cum = list(itertools.accumulate(1.0 / r ** s for r in range(1, n + 1)))
        size = 1 << bits
        pool, prev = [], 0
        for r, c in enumerate(cum):
            upto = int(round(c / cum[-1] * size))
            pool += [r] * (upto - prev)
            prev = upto
        self.pool = pool
        self.gb = rng.getrandbits
        self.bits = bits

    def __call__(self):
        return self.pool[self.gb(self.bits)]


# ---------------------------------------------------------------------------
# Vocabularies.

EN = ("the to a and of in is for you on it that my this with be at me are just so have not your was all "
      "but we like get if what can out up now love new do from day one good time about will know how no "
      "when today people more see go think back got great need make want work really some happy life "
      "best thank much still world free first never way show right last night them could week video "
      "business small model company market team money customers product price deal sale offer store "
      "news tech phone app apps data cloud laptop office startup founder build launch ship learn growth "
      "marketing social media brand content blog post read share follow tips guide year years home game "
      "music watch live team school city coffee food morning weekend friends family season fans win lose "
      "election vote president debate summer winter rain sun beach trip travel photo photos & < > ! ? "
      "\U0001F602 \u2764\ufe0f \U0001F525 \U0001F44D \U0001F60D \U0001F64F \u2026").split()
FR = ("le la les de des un une et est pour pas que qui dans sur avec au du ce il elle on nous vous "
      "mais plus tout bien très fait être avoir faire comme aujourd'hui demain merci bonne journée soir "
      "entreprise entreprises modèle modèles économique marché équipe produit client clients prix offre "
      "réseau réseaux sociaux numérique startup fondateur lancement été hiver café ami amis famille "
      "élection président vidéo photo semaine année ça où déjà après ici là \u00e0 \U0001F602 \u2764\ufe0f").split()
ES = ("el la los las de del un una y es en que por para con no se lo al como más pero su sus muy "
      "hoy mañana gracias buenos días noche empresa empresas modelo negocio mercado equipo cliente "
      "precio oferta redes sociales año semana fútbol partido gol vida amigos familia música \u00e9xito "
      "también aquí así qué cómo \U0001F602 \u2764\ufe0f").split()
PT = ("o a os as de do da em um uma e é que para com não se mais mas muito hoje amanhã obrigado "
      "empresa negócio mercado equipe cliente preço oferta ano semana futebol jogo vida amigos "
      "família música também aqui \U0001F602").split()
DE = ("der die das und ist nicht ein eine zu mit auf für von den im es sich auch heute morgen danke "
      "Unternehmen Geschäftsmodell Markt Kunden Preis Angebot Woche Jahr Fußball Spiel Leben Freunde "
      "Familie Musik schön groß über für \U0001F602").split()
JA = ("今日 明日 ありがとう ビジネス モデル ビジネスモデル 会社 企業 中小企業 市場 お客様 価格 "
      "新しい 発売 東京 大阪 天気 仕事 週末 友達 家族 音楽 映画 試合 ゲーム アプリ 写真 動画 "
      "ラーメン コーヒー 本当に すごい 楽しい 嬉しい です ます でした ね よ の が を に は と も "
      "、 。 ！ ？ \U0001F602 \u2764\ufe0f").split()

LANGS = [("en", EN, " ", 0.58), ("es", ES, " ", 0.12), ("ja", JA, "", 0.09), ("pt", PT, " ", 0.07),
         ("fr", FR, " ", 0.06), ("de", DE, " ", 0.03), ("und", EN, " ", 0.03), ("tr", EN, " ", 0.02)]

SYL = ("ka ri to mo na shi ra be lo mi ta ne ko su va de le pa ro zu fa gi ho ju me ni po sa ti la no "
       "bra tre qui vel dor man sel pin gar lun mar ter fos ban cor").split()

FIRST = ("anna ben carla dan elena finn gina hugo ines jack kara leo maya nico olga paul quinn rosa sam "
         "tina uma vic wes xena yuri zoe amir bea cruz dara eli faye gus hana ivan jade kai lena milo nora "
         "omar pia raj sara tom").split()
TOPDOMAINS = ("youtube.com instagram.com facebook.com nytimes.com bit.ly medium.com theguardian.com "
              "bbc.co.uk cnn.com wordpress.com blogspot.com amazon.com linkedin.com spotify.com "
              "washingtonpost.com lemonde.fr elpais.com github.com reddit.com forbes.com").split()
TOPTAGS = ("news job jobs MTVAwards NowPlaying love Election2016 Rio2016 business startup marketing "
           "SmallBusiness tech iPhone music photography travel football GameOfThrones PokemonGO").split()
CASHTAGS = "AAPL TWTR GOOG FB AMZN MSFT TSLA DELL NFLX BTC".split()
SOURCES = [jstr(s) for s in (
    '<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>',
    '<a href="http://twitter.com/download/android" rel="nofollow">Twitter for Android</a>',
    '<a href="http://twitter.com" rel="nofollow">Twitter Web Client</a>',
    '<a href="https://about.twitter.com/products/tweetdeck" rel="nofollow">TweetDeck</a>',
    '<a href="http://www.hootsuite.com" rel="nofollow">Hootsuite</a>',
    '<a href="http://instagram.com" rel="nofollow">Instagram</a>',
    '<a href="https://ifttt.com" rel="nofollow">IFTTT</a>',
    '<a href="http://twitter.com/#!/download/ipad" rel="nofollow">Twitter for iPad</a>')]
PHRASES = {"en": ["small business", "business model", "free shipping"], "fr": ["modèle économique"],
           "es": ["buenos días"]}
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

USER_T = ('{"id":%(id)d,"id_str":"%(id)d","name":"%(name)s","screen_name":"%(sn)s","location":"%(loc)s",'
          '"url":%(url)s,"description":"%(desc)s","protected":false,"verified":%(verified)s,'
          '"followers_count":%(followers)d,"friends_count":%(friends)d,"listed_count":%(listed)d,'
          '"favourites_count":%(favs)d,"statuses_count":%(statuses)d,"created_at":"%(created)s",'
          '"utc_offset":%(utc)s,"time_zone":%(tz)s,"geo_enabled":%(geo)s,"lang":"%(lang)s",'
          '"contributors_enabled":false,"is_translator":false,"profile_background_color":"%(bg)s",'
          '"profile_background_image_url":"http:\\/\\/abs.twimg.com\\/images\\/themes\\/theme%(theme)d\\/bg.png",'
          '"profile_background_image_url_https":"https:\\/\\/abs.twimg.com\\/images\\/themes\\/theme%(theme)d\\/bg.png",'
          '"profile_background_tile":false,"profile_link_color":"1DA1F2","profile_sidebar_border_color":"C0DEED",'
          '"profile_sidebar_fill_color":"DDEEF6","profile_text_color":"333333","profile_use_background_image":true,'
          '"profile_image_url":"http:\\/\\/pbs.twimg.com\\/profile_images\\/%(img)d\\/%(imgkey)s_normal.jpg",'
          '"profile_image_url_https":"https:\\/\\/pbs.twimg.com\\/profile_images\\/%(img)d\\/%(imgkey)s_normal.jpg",'
          '"profile_banner_url":"https:\\/\\/pbs.twimg.com\\/profile_banners\\/%(id)d\\/%(banner)d",'
          '"default_profile":%(defprof)s,"default_profile_image":false,"following":null,'
          '"follow_request_sent":null,"notifications":null}')

TWEET_T = ('{"created_at":"%s","id":%d,"id_str":"%d","text":"%s","source":"%s","truncated":false,'
           '"in_reply_to_status_id":%s,"in_reply_to_status_id_str":%s,"in_reply_to_user_id":%s,'
           '"in_reply_to_user_id_str":%s,"in_reply_to_screen_name":%s,"user":%s,"geo":null,'
           '"coordinates":null,"place":null,"contributors":null,%s"is_quote_status":%s,%s'
           '"retweet_count":%d,"favorite_count":%d,"entities":{"hashtags":[%s],"symbols":[%s],'
           '"user_mentions":[%s],"urls":[%s]},"favorited":false,"retweeted":false,%s'
           '"lang":"%s","filter_level":"low","timestamp_ms":"%d"}')
MENTION_T = '{"screen_name":"%s","name":"%s","id":%d,"id_str":"%d","indices":[%d,%d]}'
TAG_T = '{"text":"%s","indices":[%d,%d]}'
URL_T = '{"url":"https:\\/\\/t.co\\/%s","expanded_url":"%s","display_url":"%s","indices":[%d,%d]}'
DELETE_T = '{"delete":{"status":{"id":%d,"id_str":"%d","user_id":%d,"user_id_str":"%d"},"timestamp_ms":"%d"}}'


def twitter_time(sec):
    t = time.gmtime(sec)
    return "%s %s %02d %02d:%02d:%02d +0000 %d" % (DAYS[t.tm_wday], MONTHS[t.tm_mon - 1], t.tm_mday,
                                                   t.tm_hour, t.tm_min, t.tm_sec, t.tm_year)


HMS = ["%02d:%02d:%02d" % (h, m, x) for h in range(24) for m in range(60) for x in range(60)]
_days = {}


def fast_time(sec):
    day, r = divmod(sec, 86400)
    d = _days.get(day)
    if d is None:
        t = time.gmtime(day * 86400)
        d = _days[day] = ("%s %s %02d " % (DAYS[t.tm_wday], MONTHS[t.tm_mon - 1], t.tm_mday), " +0000 %d" % t.tm_year)
    return d[0] + HMS[r] + d[1]


def mix(i, k):
    """A cheap deterministic 32-bit hash of (i, k), for per-user fields."""
    x = (i * 0x9E3779B97F4A7C15 + (k + 1) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 31)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return (x ^ (x >> 29)) & 0xFFFFFFFF


class Gen:
    WORD_BITS = 22

    def __init__(self, seed, n_users=100000, n_tags=20000, n_domains=5000, vocab=20000):
        rng = self.rng = random.Random(seed)
        self.rnd = rng.random
        self.gb = rng.getrandbits
        self.n_users = n_users
        self.author_z = Zipf(rng, n_users, 1.0, bits=21)
        self.mention_z = Zipf(rng, n_users, 1.1, bits=21)
        perm = list(range(n_users))
        rng.shuffle(perm)
        self.mention_perm = perm  # mentioned accounts are not the same as prolific authors
        self.tag_z = Zipf(rng, n_tags, 1.1)
        self.domain_z = Zipf(rng, n_domains, 1.1)
        self.tags = TOPTAGS + [self.pseudo(2 + i % 3).capitalize() + str(i) for i in range(n_tags - len(TOPTAGS))]
        self.domains = TOPDOMAINS + ["%s%s.%s" % (self.pseudo(2), self.pseudo(1), ("com", "net", "org", "io", "co", "fr", "es", "jp")[i % 8])
                                     for i in range(n_domains - len(TOPDOMAINS))]
        self.paths = [self.pseudo(3) for _ in range(2000)]
        self.randstr = "".join(rng.choice(B62) for _ in range(1 << 16))
        self.users = [None] * n_users
        self.words = Zipf(rng, vocab, 1.07, bits=self.WORD_BITS).pool
        filler = [self.pseudo(1 + i % 3) for i in range(vocab)]
        self.langs = []
        cum, acc = [], 0.0
        for code, words, sep, p in LANGS:
            acc += p
            cum.append(acc)
            full = list(words) + filler[len(words):]
            # each word as JSON text with the separator in front, and its length in code points
            wj = [jstr(sep + html(w)) for w in full]
            wl = [len(sep) + len(html(w)) for w in full]
            phrases = [(jstr(sep + html(p)), len(sep) + len(html(p))) for p in PHRASES.get(code, [])]
            self.langs.append((code, wj, wl, phrases))
        self.lang_cum = cum
        # facts
        self.by_author = [0] * n_users
        self.by_mention = [0] * n_users
        self.by_tag = [0] * n_tags
        self.by_domain = [0] * n_domains
        self.phrase_count = {}
        self.word_rank = EN.index("business")  # a free word to search
        self.word_count = 0
        self.seq = 0

    def pseudo(self, k):
        return "".join(self.rng.choice(SYL) for _ in range(k))

    def user(self, i):
        u = self.users[i]
        if u is None:
            h = [mix(i, k) for k in range(24)]
            first = FIRST[i % len(FIRST)]
            b36, x = "", i
            while True:
                x, d = divmod(x, 36)
                b36 = "0123456789abcdefghijklmnopqrstuvwxyz"[d] + b36
                if not x:
                    break
            sn = "%s_%s%s" % (first, (SYL[h[0] % len(SYL)] + SYL[h[1] % len(SYL)])[:5], b36)
            followers = int(2_000_000 / (i + 1) ** 0.9) + h[2] % 50
            desc = " ".join(EN[mix(i, 100 + k) % 150] for k in range(4 + h[3] % 15))
            pick = lambda lst, k: lst[h[k] % len(lst)]
            fields = dict(
                id=10_000_000 + i * 7_351 + h[4] % 7_000, sn=sn,
                name=jstr("%s %s" % (first.capitalize(), (SYL[h[5] % len(SYL)] + SYL[h[6] % len(SYL)]).capitalize())),
                loc=jstr(pick(["", "Paris, France", "New York, NY", "Madrid", "東京", "São Paulo", "London", "Berlin", "Austin, TX"], 7)),
                url="null" if h[23] & 1 else '"https:\\/\\/t.co\\/%s"' % self.randstr[i % 60000:i % 60000 + 10],
                desc=jstr(desc), verified="true" if i < 300 else "false",
                followers=followers, friends=20 + h[20] % 3000, listed=followers // 50,
                favs=h[21] % 30000, statuses=100 + h[22] % 90000,
                created=twitter_time(1230768000 + h[19] % (7 * 365 * 86400)),
                utc="null" if h[18] % 5 < 2 else str(pick([-28800, -18000, 0, 3600, 32400], 17)),
                tz="null" if h[18] % 5 < 2 else '"%s"' % pick(["Pacific Time (US & Canada)", "Paris", "Madrid", "Tokyo", "London"], 17),
                geo="true" if h[16] % 10 < 3 else "false", lang=pick(["en", "en", "es", "fr", "ja", "pt"], 15),
                bg=pick(["C0DEED", "000000", "F5F8FA", "1A1B1F"], 14), theme=1 + h[13] % 19,
                img=700000000000000000 + i * 1000003, imgkey=self.randstr[i % 65000:i % 65000 + 8],
                banner=1400000000 + i, defprof="true" if h[12] & 2 else "false")
            u = self.users[i] = (USER_T % fields, sn, fields["name"], fields["id"])
        return u

    def tco(self):
        o = self.gb(16) % 65000
        return self.randstr[o:o + 10]

    def snowflake(self, ms):
        self.seq = (self.seq + 1) & 4095
        return ((ms - TWEPOCH_MS) << 22) | ((self.seq * 37 & 1023) << 12) | self.seq

    def text(self, budget, reply_to=None, count=True):
        """Returns (JSON pieces, their lengths, length, hashtags, symbols, mentions, urls, lang)."""
        rnd = self.rnd
        li = bisect.bisect(self.lang_cum, rnd() * self.lang_cum[-1])
        code, wj, wl, phrases = self.langs[min(li, len(self.langs) - 1)]
        out, lens, n = [], [], 0
        mentions, tags, syms, urls = [], [], [], []
        if reply_to is not None:
            _, sn, name, uid = self.user(reply_to)
            out.append("@" + sn)
            lens.append(1 + len(sn))
            mentions.append(MENTION_T % (sn, name, uid, uid, 0, 1 + len(sn)))
            if count:
                self.by_mention[reply_to] += 1
            n = 1 + len(sn)
        x = rnd()
        k_urls = 1 if x < 0.35 else 0
        y = rnd()
        k_tags = 0 if y < 0.7 else (1 if y < 0.9 else 2)
        reserve = 24 * k_urls + 16 * k_tags
        o = self.gb(30)
        words, gb, bits = self.words, self.gb, self.WORD_BITS
        ranks = [words[gb(bits)] for _ in range(4 + (o & 15))]
        if count and code == "en":
            self.word_count += self.word_rank in ranks
        ws = [wj[r] for r in ranks]
        ls = [wl[r] for r in ranks]
        if phrases and x > 0.98:
            j = o % len(phrases)
            at = (o >> 4) % len(ws)
            ws.insert(at, phrases[j][0])
            ls.insert(at, phrases[j][1])
            if count:
                key = (code, j)
                self.phrase_count[key] = self.phrase_count.get(key, 0) + 1
        if n == 0 and ws[0][0] == " ":
            ws[0] = ws[0][1:]
            ls[0] -= 1
        if y > 0.85:  # an inline mention after the third word
            m = self.mention_perm[self.mention_z()]
            if m != reply_to:
                _, sn, name, uid = self.user(m)
                start = n + sum(ls[:3]) + 1
                ws.insert(3, " @" + sn)
                ls.insert(3, 2 + len(sn))
                mentions.append(MENTION_T % (sn, name, uid, uid, start, start + 1 + len(sn)))
                if count:
                    self.by_mention[m] += 1
        room = budget - reserve - n
        acc = list(itertools.accumulate(ls))
        k = bisect.bisect(acc, room)
        if k < len(ws):
            if len(mentions) > (reply_to is not None) and k <= 3:
                mentions.pop()
                if count:
                    self.by_mention[m] -= 1
            ws, ls = ws[:k], ls[:k]
        out += ws
        lens += ls
        n += acc[k - 1] if k else 0
        for _ in range(k_tags):
            t = self.tag_z()
            tag = self.tags[t]
            out.append(" #" + tag)
            lens.append(2 + len(tag))
            tags.append(TAG_T % (tag, n + 1, n + 2 + len(tag)))
            n += 2 + len(tag)
            if count:
                self.by_tag[t] += 1
        if x < 0.01:
            c = CASHTAGS[o % len(CASHTAGS)]
            out.append(" $" + c)
            lens.append(2 + len(c))
            syms.append(TAG_T % (c, n + 1, n + 2 + len(c)))
            n += 2 + len(c)
        if k_urls:
            d = self.domain_z()
            dom = self.domains[d]
            path = self.paths[o % 2000]
            code_ = self.tco()
            expanded = "https:\\/\\/%s\\/%s\\/%d" % (dom, path, o % 100000)
            disp = "%s\\/%s" % (dom, path)
            if len(dom) + 1 + len(path) > 24:
                disp = (dom + "/" + path)[:23].replace("/", "\\/") + "\\u2026"
            out.append(" https:\\/\\/t.co\\/" + code_)
            lens.append(24)
            urls.append(URL_T % (code_, expanded, disp, n + 1, n + 24))
            n += 24
            if count:
                self.by_domain[d] += 1
        return out, lens, n, tags, syms, mentions, urls, code

    def tweet(self, sec, ms, author, reply=None, retweet=None, quote=None, count=True):
        """One tweet line. retweet/quote: (json, id, author index, text pieces, entities...) of the original."""
        rnd = self.rnd
        tid = self.snowflake(ms)
        ujson, sn, name, uid = self.user(author)
        if retweet is not None:
            o_json, o_id, o_author, o_out, o_lens, o_n, o_tags, o_syms, o_mentions, o_urls, o_lang, o_rtc = retweet
            _, osn, oname, ouid = self.user(o_author)
            prefix = "RT @%s: " % osn
            sh = len(prefix)
            pieces = [prefix]
            n = sh
            cut = sh + o_n > 140
            room = 139 if cut else 140
            for w, wl in zip(o_out, o_lens):
                if n + wl > room:
                    break
                pieces.append(w)
                n += wl
            if cut:
                pieces.append("\\u2026")
                n += 1
            limit = n - (1 if cut else 0)
            shift = lambda lst: [e for e in (_shift(x, sh) for x in lst) if e[1] <= limit]
            mentions = [MENTION_T % (osn, oname, ouid, ouid, 3, 4 + len(osn))] + [e[0] for e in shift(o_mentions)]
            tags = [e[0] for e in shift(o_tags)]
            syms = [e[0] for e in shift(o_syms)]
            urls = [e[0] for e in shift(o_urls)]
            text = "".join(pieces)
            lang = o_lang
            extra = '"retweeted_status":%s,' % o_json
            if count:
                self.by_mention[o_author] += 1
            rtc, fav = o_rtc, 0
            reply_fields = ("null",) * 5
            quote_fields = ("false", "")
        else:
            reply_to = None
            if reply is not None:
                reply_to, reply_id = reply
            budget = 140 if quote is None else 116
            out, lens, n, tags, syms, mentions, urls, lang = self.text(budget, reply_to, count)
            if quote is not None:
                q_json, q_id, q_author = quote
                _, qsn, _, _ = self.user(q_author)
                c = self.tco()
                urls.append(URL_T % (c, "https:\\/\\/twitter.com\\/%s\\/status\\/%d" % (qsn, q_id),
                                     "twitter.com\\/%s\\/st\\u2026" % qsn[:12], n + 1, n + 24))
                out.append(" https:\\/\\/t.co\\/" + c)
                n += 24
                quote_fields = ("true", '"quoted_status_id":%d,"quoted_status_id_str":"%d","quoted_status":%s,' % (q_id, q_id, q_json))
            else:
                quote_fields = ("false", "")
            text = "".join(out)
            extra = ""
            if reply is not None:
                _, rsn, _, ruid = self.user(reply_to)
                reply_fields = (str(reply_id), '"%d"' % reply_id, str(ruid), '"%d"' % ruid, '"%s"' % rsn)
            else:
                reply_fields = ("null",) * 5
            rtc = int(1000 / (1 + author) ** 0.5 * rnd()) if rnd() < 0.3 else 0
            fav = int(rtc * 1.7 + (rnd() < 0.4) * rnd() * 20)
            self._last_text = (out, lens, n, tags, syms, mentions, urls, lang)
        if count:
            self.by_author[author] += 1
        sens = '"possibly_sensitive":false,' if urls else ""
        line = TWEET_T % (fast_time(sec), tid, tid, text, SOURCES[int(rnd() * rnd() * 8)],
                          reply_fields[0], reply_fields[1], reply_fields[2], reply_fields[3], reply_fields[4],
                          ujson, extra + quote_fields[1], quote_fields[0], "",
                          rtc, fav, ",".join(tags), ",".join(syms), ",".join(mentions), ",".join(urls),
                          sens, lang, ms)
        return line, tid, uid


def _shift(entity_json, by):
    """Moves an entity's "indices":[a,b] by `by`; returns (json, new end)."""
    i = entity_json.rindex('"indices":[')
    a, b = entity_json[i + 11:-2].split(",")
    a, b = int(a) + by, int(b) + by
    return entity_json[:i] + '"indices":[%d,%d]}' % (a, b), b


def generate(count, seed, write, report_every=0):
    g = Gen(seed)
    rnd = g.rnd
    span_ms = YEAR * 1000
    step = span_ms / max(count, 1)
    recent = []  # (id, user id) of recent tweets, for deletes
    deletes = 0
    kinds = {"retweet": 0, "quote": 0, "reply": 0, "plain": 0}
    buf = []
    t0 = time.time()
    for i in range(count):
        ms = START * 1000 + int(i * step + rnd() * step * 0.5)
        sec = ms // 1000
        author = g.author_z()
        x = rnd()
        if x < 0.22:  # retweet of an earlier, unseen original
            o_author = g.mention_perm[g.mention_z()]
            o_sec = sec - 60 - int(rnd() * 3 * 86400)
            o_ms = o_sec * 1000 + int(rnd() * 1000)
            o_line, o_id, _ = g.tweet(o_sec, o_ms, o_author, count=False)
            o_out, o_lens, o_n, o_tags, o_syms, o_mentions, o_urls, o_lang = g._last_text
            o_json = o_line[:o_line.rindex(',"filter_level"')] + "}"
            line, tid, uid = g.tweet(sec, ms, author, retweet=(
                o_json, o_id, o_author, o_out, o_lens, o_n, o_tags, o_syms, o_mentions, o_urls, o_lang,
                1 + int(rnd() * 400)))
            kinds["retweet"] += 1
        elif x < 0.25:
            q_author = g.mention_perm[g.mention_z()]
            q_sec = sec - 60 - int(rnd() * 86400)
            q_line, q_id, _ = g.tweet(q_sec, q_sec * 1000 + int(rnd() * 1000), q_author, count=False)
            q_json = q_line[:q_line.rindex(',"filter_level"')] + "}"
            line, tid, uid = g.tweet(sec, ms, author, quote=(q_json, q_id, q_author))
            kinds["quote"] += 1
        elif x < 0.40:
            target = g.mention_perm[g.mention_z()]
            reply_id = g.snowflake(ms - 1000 - int(rnd() * 3600000))
            line, tid, uid = g.tweet(sec, ms, author, reply=(target, reply_id))
            kinds["reply"] += 1
        else:
            line, tid, uid = g.tweet(sec, ms, author)
            kinds["plain"] += 1
        buf.append(line)
        if len(recent) < 4096:
            recent.append((tid, uid))
        else:
            recent[int(rnd() * 4096)] = (tid, uid)
        if rnd() < 0.005:
            did, duid = recent[int(rnd() * len(recent))]
            buf.append(DELETE_T % (did, did, duid, duid, ms + 1 + int(rnd() * 1000)))
            deletes += 1
        if len(buf) >= 4096:
            buf.append("")
            write("\n".join(buf).encode())
            buf = []
        if report_every and (i + 1) % report_every == 0:
            el = time.time() - t0
            print("  %d tweets, %.0f/s" % (i + 1, (i + 1) / el), file=sys.stderr)
    if buf:
        buf.append("")
        write("\n".join(buf).encode())
    return g, deletes, kinds


def main():
    ap = argparse.ArgumentParser(description="Synthetic Twitter API v1.1 tweets as JSON lines.")
    ap.add_argument("--count", type=int, default=1_000_000, help="tweets to write (default 1000000)")
    ap.add_argument("--out", default="-", help="output file; a .gz suffix gzips it; - for stdout")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--gzip-level", type=int, default=6)
    ap.add_argument("--progress", action="store_true", help="report speed every 100k tweets")
    args = ap.parse_args()

    t0 = time.time()
    proc = None
    if args.out == "-":
        f = sys.stdout.buffer
    elif args.out.endswith(".gz"):
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        out = open(args.out + ".tmp", "wb")
        try:  # compress in another process: a second core
            proc = subprocess.Popen(["gzip", "-n", "-%d" % args.gzip_level], stdin=subprocess.PIPE, stdout=out)
            f = proc.stdin
        except OSError:
            f = gzip.GzipFile(fileobj=out, mode="wb", compresslevel=args.gzip_level, mtime=0)
    else:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        f = out = open(args.out + ".tmp", "wb")
    written = [0]

    def write(b):
        written[0] += len(b)
        f.write(b)

    g, deletes, kinds = generate(args.count, args.seed, write, 100_000 if args.progress else 0)
    if args.out != "-":
        f.close()
        if proc is not None:
            if proc.wait() != 0:
                sys.exit("gzip failed")
        out.close()
        os.replace(args.out + ".tmp", args.out)
    else:
        f.flush()
    el = time.time() - t0

    def top(counts, names):
        i = max(range(len(counts)), key=counts.__getitem__)
        return {"name": names(i), "tweets": counts[i], "rank_index": i}

    phrase_key = max(g.phrase_count, key=g.phrase_count.get) if g.phrase_count else None
    word_code, word_pieces = g.langs[0][0], g.langs[0][1]
    facts = {
        "count": args.count, "seed": args.seed, "delete_lines": deletes, "kinds": kinds,
        "uncompressed_bytes": written[0], "bytes_per_tweet": round(written[0] / max(args.count, 1), 1),
        "seconds": round(el, 2), "tweets_per_second": round(args.count / el) if el else None,
        "top_author": top(g.by_author, lambda i: g.user(i)[1]),
        "top_mention": top(g.by_mention, lambda i: g.user(i)[1]),
        "top_domain": top(g.by_domain, lambda i: g.domains[i]),
        "top_hashtag": top(g.by_tag, lambda i: g.tags[i]),
        "phrase": None if phrase_key is None else {
            "text": PHRASES[phrase_key[0]][phrase_key[1]], "lang": phrase_key[0],
            "tweets_at_least": g.phrase_count[phrase_key]},
        "word": {"text": json.loads('"' + word_pieces[g.word_rank] + '"').strip(), "lang": word_code,
                 "tweets_at_least": g.word_count},
        "note": "counts are of top-level tweets (mention: tweets whose own entities mention the account, "
                "retweets included as 'RT @x'); embedded originals and deletes not considered",
    }
    if args.out != "-":
        with open(args.out + ".facts.json", "w") as fo:
            json.dump(facts, fo, ensure_ascii=False, indent=2)
            fo.write("\n")
    print(json.dumps(facts, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
