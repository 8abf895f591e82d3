// The tweet model: what every format reader produces and the index writer consumes.
// Readers fill it from their own shapes (API v1.1, archive tweets.js, ...); nothing
// downstream knows which format a tweet came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ti {

// Offsets are code points into Tweet::text (after HTML unescaping), end exclusive.
struct Span {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
};

struct Mention {
    std::string screen_name;  // as written, without '@'
    std::string user_id;      // empty when unknown (archive mentions have it, extracted ones do not)
    std::string name;
    Span span;

    // v2 and some tools write -1 or 0 for an unknown id.
    bool has_known_id() const { return !user_id.empty() && user_id != "-1" && user_id != "0"; }
};

struct Url {
    std::string url;           // as in the text (usually a t.co link)
    std::string expanded_url;  // what the user typed; what we search and show
    Span span;
};

// A photo, video or GIF. Its t.co link in the text is media, not a link: no URL, host or domain
// term is made of it.
struct Media {
    std::string url;           // the t.co link in the text
    std::string expanded_url;  // the tweet's page for it (https://x.com/USER/status/ID/photo/1)
    std::string media_url;     // the file itself (media_url_https)
    std::string type;          // photo, video, animated_gif
    std::vector<std::string> variants;  // a video's files (video_info.variants[].url)
    Span span;
};

struct Tag {  // hashtag or cashtag, without '#' or '$'
    std::string text;
    Span span;
};

struct User {
    std::string id;           // decimal id_str; empty when unknown
    std::string screen_name;  // without '@'
    std::string name;
    std::optional<std::int64_t> followers_count;
    std::optional<std::int64_t> friends_count;
    std::optional<std::int64_t> statuses_count;
    std::optional<std::int64_t> created_at;  // epoch seconds
    bool verified = false;
    bool protected_ = false;
    std::string description;
    std::string location;
};

struct Tweet {
    std::string id;  // decimal, from id_str: a 64-bit id does not survive a double
    std::int64_t created_at = 0;  // epoch seconds, UTC; 0 when unknown
    bool created_at_derived = false;  // the file gave no date: created_at is the snowflake id's time
    User author;
    std::string text;  // full text, HTML entities unescaped
    std::string lang;  // BCP 47 code as Twitter gives it ("en", "fr", "und")
    std::string source;  // client name, tags stripped

    std::vector<Mention> mentions;
    std::vector<Url> urls;
    std::vector<Tag> hashtags;
    std::vector<Tag> cashtags;
    std::vector<Tag> emails;  // never in a file's entities: always found by extraction
    bool has_media = false;
    std::vector<Media> media;  // the tweet's own, from extended_entities (else entities) `media`
    // The file gave entities for this tweet (even empty lists): they are authoritative, and
    // extraction only adds URLs that no given entity covers (entity_fill.h).
    bool entities_given = false;

    std::string in_reply_to_status_id;
    std::string in_reply_to_user_id;
    std::string in_reply_to_screen_name;

    std::string retweet_of;  // id of the original when this is a retweet
    std::string quote_of;    // id of the quoted tweet
    bool is_retweet = false;
    bool is_quote = false;

    // For a retweet: "RT @author: " + the original's full text, and the original's
    // entities. Searched as well as the tweet's own (a truncated RT loses its tail).
    std::string retweeted_text;
    std::vector<Mention> retweeted_mentions;
    std::vector<Url> retweeted_urls;
    std::vector<Tag> retweeted_hashtags;
    std::vector<Tag> retweeted_cashtags;

    std::int64_t retweet_count = 0;
    std::int64_t favorite_count = 0;
    std::int64_t reply_count = 0;
    std::int64_t quote_count = 0;
    std::optional<std::int64_t> view_count;  // the web client's `views.count`, when it showed one

    bool deleted = false;  // a delete notice was seen for it, or it came from an archive's deleted-tweets.js
    bool withheld = false;  // withheld in some country (withheld_in_countries, v2 `withheld`, status_withheld)
    bool liked = false;     // an archive's like.js entry: liked by the owner; author and date unknown
    bool community = false;  // from an archive's community-tweet.js: posted in a community
    bool circle = false;     // from an archive's twitter-circle-tweet.js: posted to the owner's Twitter Circle
    // The author's earlier screen names (an archive's screen-name-change.js): `from:` finds them too.
    std::vector<std::string> author_former_names;
    // Links known only as a list, without their place in the text (Grailbird tweets.csv
    // `expanded_urls`): indexed as links; `urls` stays empty.
    std::vector<std::string> extra_urls;
    // An edited tweet's versions, first to last as the file lists them (this one among them);
    // empty when the file says nothing of edits or the tweet was never edited.
    std::vector<std::string> edit_ids;
    // Only a cut copy of the text was in the file (compatibility mode without extended_tweet):
    // a full copy met later takes its place.
    bool text_truncated = false;
};

// A record of a stream dump that is not a tweet.
struct ControlRecord {
    enum class Kind { Delete, Limit, ScrubGeo, StatusWithheld, UserWithheld, Disconnect, Warning, Other };
    Kind kind = Kind::Other;
    std::string status_id;  // Delete, StatusWithheld
    std::string user_id;    // Delete, ScrubGeo, UserWithheld
    std::int64_t count = 0; // Limit: tweets the stream dropped
    std::string message;    // Disconnect, Warning
};

}  // namespace ti
