// The X web client's GraphQL JSON, as collectors save it since the API closed: responses of its
// timelines and searches (UserTweets, UserTweetsAndReplies, SearchTimeline, TweetDetail,
// HomeTimeline, Likes, Bookmarks, list timelines), Zeeschuimer/4CAT lines (one tweet result under
// `data`) and bare tweet results. A tweet's `legacy` is v1.1-shaped and read by the v1.1 reader;
// what the web client adds around it (author, long post, retweeted and quoted results, views,
// edits) is read here.
#include "dates.h"
#include "formats_json.h"
#include "text.h"

#include <fmt/format.h>

#include <optional>

namespace ti::json {

namespace {

// Holds back the last tweet the v1.1 reader emits (the outer one: nested originals come first)
// so the web client's fields can be added to it; everything else goes straight through.
class LastTweetHolder : public RecordSink {
  public:
    explicit LastTweetHolder(RecordSink& sink) : sink_(sink) {}
    void tweet(Tweet&& tweet, const Location& where) override {
        if (held_) sink_.tweet(std::move(*held_), where);
        held_ = std::move(tweet);
    }
    void control(const ControlRecord& record, const Location& where) override { sink_.control(record, where); }
    void reject(const Location& where, std::string_view reason) override { sink_.reject(where, reason); }
    void notice(const Location& where, std::string_view message) override { sink_.notice(where, message); }
    void account_status(const std::string& user_id, const std::string& screen_name, std::string_view status,
                        const Location& where) override {
        sink_.account_status(user_id, screen_name, status, where);
    }
    std::optional<Tweet> take() { return std::move(held_); }

  private:
    RecordSink& sink_;
    std::optional<Tweet> held_;
};

// What an unavailable account's `reason` says of it, in the registry's words; "" for others.
std::string account_status_of(std::string_view reason) {
    std::string r = fold_case(reason);
    if (r.find("suspend") != std::string::npos) return "suspended";
    if (r.find("protect") != std::string::npos) return "protected";
    if (r.find("deactivat") != std::string::npos || r.find("delet") != std::string::npos ||
        r.find("notfound") != std::string::npos)
        return "deleted";
    if (r.find("withheld") != std::string::npos) return "withheld";
    return {};
}

// A `user_results.result`: the older shape keeps the v1.1 user in `legacy`; the newer one
// (2025-) moved screen name, name and creation date to `core`, counts to `relationship_counts`.
// An unavailable account (`UserUnavailable`, with a `reason`) is reported to the registry.
User read_graphql_user(object r, const Location& where, RecordSink& sink) {
    User user;
    if (auto legacy = object_field(r, "legacy")) user = read_v1_user_object(*legacy);
    if (std::string id = id_field(r, "rest_id"); !id.empty()) user.id = id;
    if (auto core = object_field(r, "core")) {
        if (auto v = string_field(*core, "screen_name"); !v.empty()) user.screen_name = std::string(v);
        if (auto v = string_field(*core, "name"); !v.empty()) user.name = std::string(v);
        if (auto v = string_field(*core, "created_at"); !v.empty()) user.created_at = parse_any_date(v);
    }
    if (auto counts = object_field(r, "relationship_counts")) {
        if (auto v = int_field(*counts, "followers")) user.followers_count = v;
        if (auto v = int_field(*counts, "following")) user.friends_count = v;
    }
    if (auto counts = object_field(r, "tweet_counts")) {
        if (auto v = int_field(*counts, "tweets")) user.statuses_count = v;
    }
    if (auto privacy = object_field(r, "privacy"); privacy && bool_field(*privacy, "protected")) user.protected_ = true;
    if (auto verification = object_field(r, "verification"); verification && bool_field(*verification, "verified"))
        user.verified = true;
    if (auto bio = object_field(r, "profile_bio")) {
        if (auto v = string_field(*bio, "description"); !v.empty()) user.description = std::string(v);
    }
    if (auto location = object_field(r, "location")) {
        if (auto v = string_field(*location, "location"); !v.empty()) user.location = std::string(v);
    }
    if (string_field(r, "__typename") == "UserUnavailable") {
        std::string_view reason = string_field(r, "reason");
        std::string status = account_status_of(reason.empty() ? string_field(r, "message") : reason);
        if (!status.empty() && (!user.id.empty() || !user.screen_name.empty()))
            sink.account_status(user.id, user.screen_name, status, where);
        else
            sink.notice(where, fmt::format("an unavailable account ({}) that names no account: skipped",
                                           reason.empty() ? "no reason given" : reason));
    }
    return user;
}

std::optional<object> result_of(object holder) {
    return object_field(holder, "result");
}

// The tweet inside a tweet result: `Tweet`, or `TweetWithVisibilityResults` holding it under
// `tweet`. Tombstones and unavailable tweets are told as notices (`entry_id` names the entry).
std::optional<object> tweet_of(object result, std::string_view entry_id, const Location& where, RecordSink& sink) {
    std::string_view type = string_field(result, "__typename");
    if (type == "TweetWithVisibilityResults") {
        auto inner = object_field(result, "tweet");
        if (!inner) sink.reject(where, "TweetWithVisibilityResults without its `tweet`");
        return inner;
    }
    if (type == "TweetTombstone" || type == "TweetUnavailable") {
        std::string_view why = string_field(result, "reason");
        if (auto tombstone = object_field(result, "tombstone")) {
            if (auto text = object_field(*tombstone, "text")) why = string_field(*text, "text");
        }
        sink.notice(where, fmt::format("{}{}{}: {}: nothing to index", type, entry_id.empty() ? "" : " in ",
                                       entry_id, why.empty() ? "no reason given" : why));
        return std::nullopt;
    }
    if (!type.empty() && type != "Tweet") {
        sink.notice(where, fmt::format("a {} result, not a tweet: skipped", type));
        return std::nullopt;
    }
    return result;
}

// A long post's full text and its entities (`entity_set`, v1.1-shaped), when it has one.
bool read_note_tweet(object tweet, std::string& text, EntitySets& entities) {
    auto note = object_field(tweet, "note_tweet");
    if (!note) return false;
    auto results = object_field(*note, "note_tweet_results");
    if (!results) return false;
    auto result = result_of(*results);
    if (!result) return false;
    std::string_view escaped = string_field(*result, "text");
    if (escaped.empty()) return false;
    std::vector<std::uint32_t> offset_map;
    text = unescape_html(escaped, &offset_map);
    entities = read_v1_entity_sets(object_field(*result, "entity_set"), offset_map);
    return true;
}

std::string author_screen_name(object tweet) {
    auto core = object_field(tweet, "core");
    if (!core) return {};
    auto results = object_field(*core, "user_results");
    if (!results) return {};
    auto user = result_of(*results);
    if (!user) return {};
    if (auto c = object_field(*user, "core"); c && !string_field(*c, "screen_name").empty())
        return std::string(string_field(*c, "screen_name"));
    if (auto legacy = object_field(*user, "legacy")) return std::string(string_field(*legacy, "screen_name"));
    return {};
}

void read_graphql_tweet(object result, std::string_view entry_id, const Location& where, const FormatContext& context,
                        RecordSink& sink, int depth);

// A nested `*_result` ({"result": ...}): the tweet it holds, read as a tweet of its own.
std::optional<object> read_nested(std::optional<object> holder, const Location& where, const FormatContext& context,
                                  RecordSink& sink, int depth) {
    if (!holder) return std::nullopt;
    auto result = result_of(*holder);
    if (!result) return std::nullopt;
    read_graphql_tweet(*result, "", where, context, sink, depth + 1);
    if (string_field(*result, "__typename") == "TweetWithVisibilityResults") return object_field(*result, "tweet");
    return result;
}

void read_graphql_tweet(object result, std::string_view entry_id, const Location& where, const FormatContext& context,
                        RecordSink& sink, int depth) {
    if (auto why = nesting_rejection(depth)) return sink.reject(where, *why);
    auto tweet = tweet_of(result, entry_id, where, sink);
    if (!tweet) return;
    auto legacy = object_field(*tweet, "legacy");
    if (!legacy) {
        sink.reject(where, fmt::format("web client tweet {} has no `legacy`", id_field(*tweet, "rest_id")));
        return;
    }
    // Originals first, as the v1.1 reader does with retweeted_status and quoted_status.
    auto quoted = read_nested(object_field(*tweet, "quoted_status_result"), where, context, sink, depth);
    auto original = read_nested(object_field(*legacy, "retweeted_status_result"), where, context, sink, depth);

    LastTweetHolder holder(sink);
    read_v1_tweet_object(*legacy, where, context, holder, depth);
    std::optional<Tweet> got = holder.take();
    if (!got) return;  // rejected, and said why
    Tweet& t = *got;
    if (auto core = object_field(*tweet, "core")) {
        if (auto results = object_field(*core, "user_results")) {
            if (auto user = result_of(*results)) t.author = read_graphql_user(*user, where, sink);
        }
    }
    if (t.author.id.empty()) t.author.id = id_field(*legacy, "user_id");
    if (t.source.empty()) t.source = strip_tags(string_field(*tweet, "source"));

    std::string note_text;
    EntitySets note_entities;
    if (read_note_tweet(*tweet, note_text, note_entities)) {
        t.text = std::move(note_text);
        take_entities(t, std::move(note_entities));
        t.entities_given = true;
        t.text_truncated = false;
    }
    if (original) {
        t.is_retweet = true;
        if (std::string id = id_field(*original, "rest_id"); !id.empty()) t.retweet_of = id;
        std::string original_text;
        EntitySets original_entities;
        if (auto ol = object_field(*original, "legacy"); ol && !read_note_tweet(*original, original_text, original_entities)) {
            std::vector<std::uint32_t> offset_map;
            original_text = unescape_html(string_field(*ol, "full_text"), &offset_map);
            original_entities = read_v1_entity_sets(object_field(*ol, "entities"), offset_map);
            if (auto ext = object_field(*ol, "extended_entities"); ext && array_field(*ext, "media"))
                original_entities.has_media = true;
        }
        t.has_media = t.has_media || original_entities.has_media;
        set_retweeted(t, author_screen_name(*original), std::move(original_text), std::move(original_entities));
        t.is_quote = false;  // a retweet of a quote carries its original's is_quote_status
    }
    if (quoted && t.quote_of.empty()) t.quote_of = id_field(*quoted, "rest_id");
    if (quoted && !t.is_retweet) t.is_quote = true;
    if (auto views = object_field(*tweet, "views")) t.view_count = int_field(*views, "count");
    if (auto edits = read_edit_ids(*tweet); !edits.empty()) t.edit_ids = std::move(edits);
    finish_tweet(std::move(t), where, sink);
}

// A timeline entry's content: one item (`itemContent`) or a module of them (`items[].item`).
void read_item(object item, std::string_view entry_id, const Location& where, const FormatContext& context,
               RecordSink& sink, std::size_t& promoted) {
    if (field(item, "promotedMetadata")) {
        ++promoted;
        return;
    }
    if (auto results = object_field(item, "tweet_results")) {
        if (auto result = result_of(*results)) read_graphql_tweet(*result, entry_id, where, context, sink, 0);
    } else if (auto users = object_field(item, "user_results")) {
        // Who-to-follow and follower lists: an account, no tweet. Only its fate is kept.
        if (auto user = result_of(*users); user && string_field(*user, "__typename") == "UserUnavailable")
            read_graphql_user(*user, where, sink);
    }
}

void read_entry(object entry, const Location& where, const FormatContext& context, RecordSink& sink,
                std::size_t& promoted) {
    std::string_view entry_id = string_field(entry, "entryId");
    if (entry_id.rfind("promoted", 0) == 0) {
        ++promoted;
        return;
    }
    auto content = object_field(entry, "content");
    if (!content) content = object_field(entry, "item");  // module items added later: {entryId, item}
    if (!content) return;
    if (auto item = object_field(*content, "itemContent")) {
        read_item(*item, entry_id, where, context, sink, promoted);
    } else if (auto items = array_field(*content, "items")) {
        for (element e : *items) {
            if (!e.is_object()) continue;
            object module_item(e);
            std::string_view item_id = string_field(module_item, "entryId");
            if (item_id.rfind("promoted", 0) == 0) {
                ++promoted;
                continue;
            }
            if (auto inner = object_field(module_item, "item")) {
                if (auto item = object_field(*inner, "itemContent")) read_item(*item, item_id, where, context, sink, promoted);
            }
        }
    }
    // Anything else (cursors, prompts, messages) holds no tweet.
}

void read_instructions(array instructions, const Location& where, const FormatContext& context, RecordSink& sink) {
    std::size_t promoted = 0;
    for (element e : instructions) {
        if (!e.is_object()) continue;
        object instruction(e);
        if (auto entries = array_field(instruction, "entries")) {  // TimelineAddEntries
            for (element entry : *entries) {
                if (entry.is_object()) read_entry(object(entry), where, context, sink, promoted);
            }
        }
        if (auto entry = object_field(instruction, "entry")) read_entry(*entry, where, context, sink, promoted);  // TimelinePinEntry, TimelineReplaceEntry
        if (auto items = array_field(instruction, "moduleItems")) {  // TimelineAddToModule
            for (element item : *items) {
                if (item.is_object()) read_entry(object(item), where, context, sink, promoted);
            }
        }
    }
    if (promoted) sink.notice(where, fmt::format("{} promoted entries: skipped", promoted));
}

bool looks_like_tweet_result(object o) {
    std::string_view type = string_field(o, "__typename");
    if (type == "Tweet" || type == "TweetWithVisibilityResults" || type == "TweetTombstone" || type == "TweetUnavailable")
        return true;
    return field(o, "rest_id") && object_field(o, "legacy") && !field(o, "id_str");
}

// Where a response keeps its timelines: `instructions` arrays at any depth of `data`
// (data.user.result.timeline.timeline, data.search_by_raw_query.search_timeline.timeline,
// data.threaded_conversation_with_injections_v2, data.bookmark_timeline_v2.timeline ...), and the
// single tweet and single user of the lookups (data.tweetResult, data.tweet_results, data.user).
// Returns whether any was found.
bool read_response_data(object data, const Location& where, const FormatContext& context, RecordSink& sink,
                        int depth) {
    if (depth > 12) return false;
    bool found = false;
    for (auto [key, value] : data) {
        if (key == "instructions" && value.is_array()) {
            read_instructions(array(value), where, context, sink);
            found = true;
        } else if ((key == "tweetResult" || key == "tweet_results") && value.is_object()) {
            if (auto result = result_of(object(value))) read_graphql_tweet(*result, "", where, context, sink, 0);
            found = true;
        } else if (key == "user" && value.is_object() && depth == 0) {
            if (auto result = result_of(object(value)); result && string_field(*result, "__typename") == "UserUnavailable") {
                read_graphql_user(*result, where, sink);
                found = true;
            }
            found = read_response_data(object(value), where, context, sink, depth + 1) || found;
        } else if (value.is_object()) {
            found = read_response_data(object(value), where, context, sink, depth + 1) || found;
        }
    }
    return found;
}

}  // namespace

bool is_graphql_record(object o) {
    if (looks_like_tweet_result(o)) return true;  // a bare tweet result (gallery-dl, twitter-api-client)
    // A response: `data` is an object of query names; an API v2 stream line's `data` is a tweet
    // or a user with an `id`. A Zeeschuimer line's `data` is a tweet result.
    auto data = object_field(o, "data");
    if (!data) return false;
    if (looks_like_tweet_result(*data)) return true;
    return !field(*data, "id") && !field(*data, "text");
}

void read_graphql_record(object o, const Location& where, const FormatContext& context, RecordSink& sink) {
    if (looks_like_tweet_result(o)) {
        read_graphql_tweet(o, "", where, context, sink, 0);
        return;
    }
    if (auto errors = array_field(o, "errors")) {
        for (element e : *errors) {
            if (!e.is_object()) continue;
            std::string_view message = string_field(object(e), "message");
            sink.notice(where, fmt::format("web client error: {}", message.empty() ? "no message" : message));
        }
    }
    auto data = object_field(o, "data");
    if (!data) return;
    if (looks_like_tweet_result(*data)) {  // Zeeschuimer / 4CAT: one tweet per line
        read_graphql_tweet(*data, "", where, context, sink, 0);
        return;
    }
    if (!read_response_data(*data, where, context, sink, 0) && !array_field(o, "errors"))
        sink.notice(where, "a web client response with no timeline, tweet or account in it: skipped");
}

}  // namespace ti::json
