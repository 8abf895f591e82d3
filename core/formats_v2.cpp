// API v2 as twarc2 writes it (response pages, stream lines, `twarc2 flatten` tweets) and
// snscrape JSON lines: their field names live here.
#include "dates.h"
#include "formats_json.h"
#include "text.h"

#include <fmt/format.h>

#include <unordered_map>

namespace ti::json {

namespace {


// includes.users and includes.tweets of one response page, by id (and users by username).
struct V2Includes {
    std::unordered_map<std::string, object> users;
    std::unordered_map<std::string, object> users_by_name;  // case-folded username
    std::unordered_map<std::string, object> tweets;
};

V2Includes read_includes(object page) {
    V2Includes inc;
    auto includes = object_field(page, "includes");
    if (!includes) return inc;
    if (auto users = array_field(*includes, "users")) {
        for (element e : *users) {
            if (!e.is_object()) continue;
            object u(e);
            std::string id = id_field(u, "id");
            if (!id.empty()) inc.users.emplace(id, u);
            if (auto name = string_field(u, "username"); !name.empty()) inc.users_by_name.emplace(fold_case(name), u);
        }
    }
    if (auto tweets = array_field(*includes, "tweets")) {
        for (element e : *tweets) {
            if (!e.is_object()) continue;
            std::string id = id_field(object(e), "id");
            if (!id.empty()) inc.tweets.emplace(id, object(e));
        }
    }
    return inc;
}

std::optional<object> find(const std::unordered_map<std::string, object>& map, const std::string& key) {
    if (key.empty()) return std::nullopt;
    auto it = map.find(key);
    if (it == map.end()) return std::nullopt;
    return it->second;
}

User read_v2_user(object u) {
    User user;
    user.id = id_field(u, "id");
    user.screen_name = std::string(string_field(u, "username"));
    user.name = std::string(string_field(u, "name"));
    if (auto metrics = object_field(u, "public_metrics")) {
        user.followers_count = int_field(*metrics, "followers_count");
        user.friends_count = int_field(*metrics, "following_count");
        user.statuses_count = int_field(*metrics, "tweet_count");
    }
    if (auto created = string_field(u, "created_at"); !created.empty())
        user.created_at = plausible_account_date(parse_iso_date(created));
    user.verified = bool_field(u, "verified");
    user.protected_ = bool_field(u, "protected");
    user.description = std::string(string_field(u, "description"));
    user.location = std::string(string_field(u, "location"));
    return user;
}

// A tweet's author: the flattened `author`, else includes.users by author_id, else the id alone.
User v2_author(object t, const V2Includes& inc) {
    if (auto author = object_field(t, "author")) return read_v2_user(*author);
    std::string id = id_field(t, "author_id");
    if (auto u = find(inc.users, id)) return read_v2_user(*u);
    User user;
    user.id = id;
    return user;
}

struct V2Text {
    std::string text;
    EntitySets entities;
};

// The full text (a long post's `note_tweet` wins over its cut `text`) and its entities, whose
// `start`/`end` count code points of the escaped text.
V2Text read_v2_text(object t, const V2Includes& inc) {
    std::string_view escaped = string_field(t, "text");
    std::optional<object> entities = object_field(t, "entities");
    if (auto note = object_field(t, "note_tweet"); note && !string_field(*note, "text").empty()) {
        escaped = string_field(*note, "text");
        entities = object_field(*note, "entities");
    }
    V2Text out;
    std::vector<std::uint32_t> offset_map;
    out.text = unescape_html(escaped, &offset_map);
    if (auto attachments = object_field(t, "attachments")) {
        if (auto media = array_field(*attachments, "media_keys")) out.entities.has_media = media->size() > 0;
    }
    if (!entities) return out;
    std::vector<Mention>& mentions = out.entities.mentions;
    read_mention_list(array_field(*entities, "mentions"), {"username", "name"}, v2_span, offset_map, mentions);
    // A mention without its user's name (only flattened mentions carry it) takes it from the includes.
    for (Mention& mention : mentions) {
        if (!mention.name.empty()) continue;
        auto u = find(inc.users, mention.user_id);
        if (!u) u = find(inc.users_by_name, fold_case(mention.screen_name));
        if (u) {
            mention.name = std::string(string_field(*u, "name"));
            if (mention.user_id.empty()) mention.user_id = id_field(*u, "id");
        }
    }
    // Where the link finally leads, else what was typed, else the t.co link.
    read_url_list(array_field(*entities, "urls"), {"url", {"unwound_url", "expanded_url"}}, v2_span, offset_map,
                  out.entities.urls);
    read_tag_list(array_field(*entities, "hashtags"), {"tag"}, v2_span, offset_map, out.entities.hashtags);
    read_tag_list(array_field(*entities, "cashtags"), {"tag"}, v2_span, offset_map, out.entities.cashtags);
    return out;
}

constexpr TweetRules kV2Rules{"API v2 tweet without a valid id", "API v2 tweet {} has no text"};

void read_v2_tweet(object o, const V2Includes& inc, const Location& where, const FormatContext& context,
                   RecordSink& sink, int depth) {
    Tweet t;
    t.id = id_field(o, "id");
    bool has_text = field(o, "text") || object_field(o, "note_tweet");
    if (auto why = start_tweet(t, kV2Rules, depth, has_text, {"created_at", string_field(o, "created_at"), parse_iso_date}))
        return sink.reject(where, *why);
    V2Text text = read_v2_text(o, inc);
    t.text = std::move(text.text);
    t.entities_given = true;  // v2 leaves `entities` out when the text has none
    take_entities(t, std::move(text.entities));
    t.lang = std::string(string_field(o, "lang"));
    t.source = strip_tags(string_field(o, "source"));
    t.edit_ids = read_edit_ids(o);
    t.author = v2_author(o, inc);
    if (auto metrics = object_field(o, "public_metrics")) {
        t.retweet_count = int_field(*metrics, "retweet_count").value_or(0);
        t.favorite_count = int_field(*metrics, "like_count").value_or(0);
        t.reply_count = int_field(*metrics, "reply_count").value_or(0);
        t.quote_count = int_field(*metrics, "quote_count").value_or(0);
    }
    if (auto withheld = object_field(o, "withheld")) {
        auto countries = array_field(*withheld, "country_codes");
        t.withheld = (countries && countries->size() > 0) || bool_field(*withheld, "copyright");
    }
    t.in_reply_to_user_id = id_field(o, "in_reply_to_user_id");
    if (auto replied = object_field(o, "in_reply_to_user")) {  // flattened
        t.in_reply_to_screen_name = std::string(string_field(*replied, "username"));
    } else if (auto u = find(inc.users, t.in_reply_to_user_id)) {
        t.in_reply_to_screen_name = std::string(string_field(*u, "username"));
    }

    if (auto refs = array_field(o, "referenced_tweets")) {
        for (element e : *refs) {
            if (!e.is_object()) continue;
            object ref(e);
            std::string_view type = string_field(ref, "type");
            std::string id = id_field(ref, "id");
            if (id.empty()) continue;
            // Flattened: the reference is the whole tweet; else it may be in includes.tweets.
            std::optional<object> original;
            if (field(ref, "text") || object_field(ref, "note_tweet")) {
                original = ref;
                read_v2_tweet(ref, inc, where, context, sink, depth + 1);
            } else {
                original = find(inc.tweets, id);
            }
            if (type == "retweeted") {
                t.is_retweet = true;
                t.retweet_of = id;
                if (original) {
                    V2Text ot = read_v2_text(*original, inc);
                    t.has_media = t.has_media || ot.entities.has_media;
                    set_retweeted(t, v2_author(*original, inc).screen_name, std::move(ot.text), std::move(ot.entities));
                }
            } else if (type == "quoted") {
                t.is_quote = true;
                t.quote_of = id;
            } else if (type == "replied_to") {
                t.in_reply_to_status_id = id;
            }
        }
    }
    finish_tweet(std::move(t), where, sink);
}

// An `errors` entry: a referenced tweet or user that could not be returned, and why.
void read_v2_error(object e, const Location& where, RecordSink& sink) {
    std::string_view detail = string_field(e, "detail");
    std::string_view title = string_field(e, "title");
    std::string_view type = string_field(e, "resource_type");
    std::string_view resource = string_field(e, "resource_id");
    if (resource.empty()) resource = string_field(e, "value");
    sink.notice(where, fmt::format("API error: {}", !detail.empty() ? detail : !title.empty() ? title : "no detail"));
    if (type != "user" || resource.empty()) return;
    std::string status;
    if (detail.find("suspended") != std::string_view::npos) status = "suspended";
    else if (title == "Not Found Error") status = "deleted";
    else if (title == "Authorization Error") status = "protected";
    if (status.empty()) return;
    // Mentions are looked up by username, authors by id.
    bool by_name = string_field(e, "parameter").find("username") != std::string_view::npos || !all_digits(resource);
    sink.account_status(by_name ? "" : std::string(resource), by_name ? std::string(resource) : "", status, where);
}

bool is_v2_user(object o) { return field(o, "username") && !field(o, "text"); }

// snscrape ------------------------------------------------------------------------------

User read_snscrape_user(object u) {
    return read_flat_user(u, {"username", "displayname", "followersCount", "friendsCount", "statusesCount", "created"});
}

// snscrape gives no entity offsets: spans stay 0.
EntitySets read_snscrape_entities(object o) {
    EntitySets out;
    if (auto list = array_field(o, "mentionedUsers")) {
        for (element e : *list) {
            if (!e.is_object()) continue;
            User u = read_snscrape_user(object(e));
            if (u.screen_name.empty()) continue;
            out.mentions.push_back(Mention{u.screen_name, u.id, u.name, {}});
        }
    }
    if (auto list = array_field(o, "links")) {  // [{"url": expanded, "tcourl", "text", "indices"}]
        for (element e : *list) {
            if (!e.is_object()) continue;
            Url url;
            url.expanded_url = std::string(string_field(object(e), "url"));
            url.url = std::string(string_field(object(e), "tcourl"));
            if (url.expanded_url.empty()) url.expanded_url = url.url;
            if (!url.expanded_url.empty()) out.urls.push_back(std::move(url));
        }
    } else if (auto list = array_field(o, "outlinks")) {  // older snscrape: plain strings
        for (element e : *list) {
            if (e.is_string() && !std::string_view(e).empty()) out.urls.push_back(Url{"", std::string(std::string_view(e)), {}});
        }
    }
    auto read_tags = [&](std::string_view key, std::vector<Tag>& into) {
        if (auto list = array_field(o, key)) {
            for (element e : *list) {
                if (e.is_string() && !std::string_view(e).empty()) into.push_back(Tag{std::string(std::string_view(e)), {}});
            }
        }
    };
    read_tags("hashtags", out.hashtags);
    read_tags("cashtags", out.cashtags);
    if (auto media = array_field(o, "media")) out.has_media = media->size() > 0;
    return out;
}

std::string snscrape_text(object o) {
    std::string_view raw = string_field(o, "rawContent");
    if (raw.empty()) raw = string_field(o, "content");
    return unescape_html(raw);
}

constexpr TweetRules kSnscrapeRules{"snscrape tweet without a valid id",
                                    "snscrape tweet {} has neither rawContent nor content"};

void read_snscrape_tweet(object o, const Location& where, RecordSink& sink, int depth) {
    Tweet t;
    t.id = id_field(o, "id");
    bool has_text = field(o, "rawContent") || field(o, "content");
    if (auto why = start_tweet(t, kSnscrapeRules, depth, has_text, {"date", string_field(o, "date")}))
        return sink.reject(where, *why);
    t.text = snscrape_text(o);
    t.entities_given = true;  // as lists without offsets; null when there are none
    take_entities(t, read_snscrape_entities(o));
    if (auto user = object_field(o, "user")) t.author = read_snscrape_user(*user);
    t.lang = std::string(string_field(o, "lang"));
    t.source = std::string(string_field(o, "sourceLabel"));
    t.retweet_count = int_field(o, "retweetCount").value_or(0);
    t.favorite_count = int_field(o, "likeCount").value_or(0);
    t.reply_count = int_field(o, "replyCount").value_or(0);
    t.quote_count = int_field(o, "quoteCount").value_or(0);
    t.in_reply_to_status_id = id_field(o, "inReplyToTweetId");
    if (auto replied = object_field(o, "inReplyToUser")) {
        t.in_reply_to_user_id = id_field(*replied, "id");
        t.in_reply_to_screen_name = std::string(string_field(*replied, "username"));
    }
    if (auto original = object_field(o, "retweetedTweet")) {
        read_snscrape_tweet(*original, where, sink, depth + 1);
        t.is_retweet = true;
        t.retweet_of = id_field(*original, "id");
        std::string author;
        if (auto ou = object_field(*original, "user")) author = std::string(string_field(*ou, "username"));
        set_retweeted(t, author, snscrape_text(*original), read_snscrape_entities(*original), /*offsets_known=*/false);
    }
    if (auto quoted = object_field(o, "quotedTweet")) {
        read_snscrape_tweet(*quoted, where, sink, depth + 1);
        t.is_quote = true;
        t.quote_of = id_field(*quoted, "id");
    }
    finish_tweet(std::move(t), where, sink);
}

}  // namespace

bool looks_like_v2_tweet(object o) {
    // v2 ids are strings and there is no id_str or user; one of v2's own fields beside the text.
    if (field(o, "id_str") || field(o, "user")) return false;
    auto id = field(o, "id");
    if (!id || !id->is_string()) return false;
    if (!field(o, "text") && !object_field(o, "note_tweet")) return false;
    for (std::string_view key : {"author_id", "author", "edit_history_tweet_ids", "public_metrics", "conversation_id",
                                 "referenced_tweets", "__twarc", "note_tweet"}) {
        if (field(o, key)) return true;
    }
    return false;
}

void read_v2_record(object o, const Location& where, const FormatContext& context, RecordSink& sink) {
    V2Includes inc = read_includes(o);
    if (auto errors = array_field(o, "errors")) {
        for (element e : *errors) {
            if (e.is_object()) read_v2_error(object(e), where, sink);
        }
    }
    std::size_t users = 0;
    // A user lookup (`twarc2 users`): its accounts go to the registry, as of when twarc fetched them.
    std::int64_t retrieved_at = 0;
    if (auto meta = object_field(o, "__twarc"))
        retrieved_at = parse_any_date(string_field(*meta, "retrieved_at")).value_or(0);
    auto data = field(o, "data");
    if (!data && looks_like_v2_tweet(o)) {  // a flattened tweet: `author` and whole referenced tweets
        read_v2_tweet(o, inc, where, context, sink, 0);
    } else if (data && data->is_array()) {  // a response page
        std::size_t n = 0;
        for (element e : array(*data)) {
            Location at = where;
            at.entry = ++n;
            if (!e.is_object()) {
                sink.reject(at, "data entry is not an object");
            } else if (is_v2_user(object(e))) {
                ++users;
                sink.account(read_v2_user(object(e)), retrieved_at, at);
            } else {
                read_v2_tweet(object(e), inc, at, context, sink, 0);
            }
        }
    } else if (data && data->is_object()) {  // a stream line
        if (is_v2_user(object(*data))) {
            ++users;
            sink.account(read_v2_user(object(*data)), retrieved_at, where);
        }
        else read_v2_tweet(object(*data), inc, where, context, sink, 0);
    } else if (data) {
        sink.reject(where, "API v2 `data` is neither a tweet nor a list of them");
    }
    if (users) sink.notice(where, fmt::format("{} API v2 user records (not tweets): into the account registry", users));
    // Referenced tweets (retweeted, quoted, replied to, pinned) are tweets of their own.
    if (auto includes = object_field(o, "includes")) {
        if (auto tweets = array_field(*includes, "tweets")) {
            for (element e : *tweets) {
                if (e.is_object()) read_v2_tweet(object(e), inc, where, context, sink, 0);
            }
        }
    }
}

bool is_snscrape_record(object o) {
    return string_field(o, "_type").rfind("snscrape.modules.twitter.", 0) == 0;
}

void read_snscrape_record(object o, const Location& where, const FormatContext&, RecordSink& sink) {
    std::string_view type = string_field(o, "_type");
    // Tweet; older versions wrote the subclasses of a tweet under their own names.
    if (type == "snscrape.modules.twitter.Tweet") {
        read_snscrape_tweet(o, where, sink, 0);
    } else {
        sink.notice(where, fmt::format("{} record, not a tweet: skipped", type));
    }
}

}  // namespace ti::json
