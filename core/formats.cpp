#include "formats.h"

#include "formats_json.h"

#include "dates.h"
#include "text.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <utility>

namespace ti {

using namespace json;

std::string Location::describe() const {
    std::string out = file;
    if (line) out += fmt::format(":{}", line);
    if (entry) out += fmt::format(": entry {}", entry);
    return out;
}

namespace {

EntitySets read_v1_entities(std::optional<object> entities, const std::vector<std::uint32_t>& offset_map) {
    EntitySets out;
    if (!entities) return out;
    read_mention_list(array_field(*entities, "user_mentions"), {"screen_name", "name"}, span_of, offset_map,
                      out.mentions);
    read_url_list(array_field(*entities, "urls"), {"url", {"expanded_url"}}, span_of, offset_map, out.urls);
    read_tag_list(array_field(*entities, "hashtags"), {"text"}, span_of, offset_map, out.hashtags);
    read_tag_list(array_field(*entities, "symbols"), {"text"}, span_of, offset_map, out.cashtags);
    if (auto media = array_field(*entities, "media")) {
        out.has_media = media->size() > 0;
        out.media = read_v1_media(*media, offset_map);
    }
    return out;
}

User read_v1_user(object u) {
    return read_flat_user(u, {"screen_name", "name", "followers_count", "friends_count", "statuses_count", "created_at",
                              "description", "location"});
}

// Converts an API v1.1 tweet (or an archive tweets.js tweet, the same shape with strings for
// numbers and no user). Nested originals (retweeted_status, quoted_status) are emitted first.
constexpr TweetRules kV1Rules{"tweet without a valid id (neither id_str nor an integer id)",
                              "tweet {} has no text, full_text or extended_tweet.full_text"};

void read_v1_tweet(object o, const Location& where, const FormatContext& context, RecordSink& sink, int depth) {
    Tweet t;
    t.id = id_field(o, "id");

    // Full text first: a compatibility-mode tweet's `text` is cut at 140 characters.
    std::string_view escaped;
    std::optional<object> entities;
    if (auto ext = object_field(o, "extended_tweet")) {
        escaped = string_field(*ext, "full_text");
        entities = object_field(*ext, "entities");
        if (auto ext_entities = object_field(*ext, "extended_entities"); ext_entities && array_field(*ext_entities, "media"))
            t.has_media = true;
    }
    if (escaped.empty()) {
        escaped = string_field(o, "full_text");
        if (escaped.empty()) {
            escaped = string_field(o, "text");
            t.text_truncated = bool_field(o, "truncated");
        }
        entities = object_field(o, "entities");
    }
    bool has_text = !escaped.empty() || field(o, "text") || field(o, "full_text");
    if (auto why = start_tweet(t, kV1Rules, depth, has_text, {"created_at", string_field(o, "created_at")}))
        return sink.reject(where, *why);
    std::vector<std::uint32_t> offset_map;
    t.text = unescape_html(escaped, &offset_map);
    t.entities_given = entities.has_value();
    take_entities(t, read_v1_entities(entities, offset_map));
    if (auto ext_entities = object_field(o, "extended_entities"); ext_entities && array_field(*ext_entities, "media")) {
        t.has_media = true;
        // Every photo and a video's files are only here; entities.media has the first photo.
        if (auto all = read_v1_media(*array_field(*ext_entities, "media"), offset_map); !all.empty()) t.media = std::move(all);
    }

    t.lang = std::string(string_field(o, "lang"));
    t.source = strip_tags(string_field(o, "source"));
    t.in_reply_to_status_id = id_field(o, "in_reply_to_status_id");
    t.in_reply_to_user_id = id_field(o, "in_reply_to_user_id");
    t.in_reply_to_screen_name = std::string(string_field(o, "in_reply_to_screen_name"));
    t.retweet_count = int_field(o, "retweet_count").value_or(0);
    t.favorite_count = int_field(o, "favorite_count").value_or(0);
    t.reply_count = int_field(o, "reply_count").value_or(0);
    t.quote_count = int_field(o, "quote_count").value_or(0);

    if (auto user = object_field(o, "user")) {
        t.author = read_v1_user(*user);
        // Grailbird's tweets carry a short user without created_at; user_details.js has it.
        if (!t.author.created_at && context.archive_owner && !t.author.id.empty() &&
            context.archive_owner->id == t.author.id)
            t.author.created_at = context.archive_owner->created_at;
    } else {
        apply_archive_owner(t, context);
    }
    // v1.1 `withheld_in_countries` (["DE", ...], or ["XX"]/["XY"] for everywhere) and copyright.
    if (auto countries = array_field(o, "withheld_in_countries"); countries && countries->size() > 0) t.withheld = true;
    if (bool_field(o, "withheld_copyright")) t.withheld = true;
    // deleted-tweets.js entries: tweets the owner deleted, with the time they did.
    if (field(o, "deleted_at")) t.deleted = true;
    // The file's own tweets, not the ones they retweet or quote.
    if (depth == 0) {
        t.community = context.community_tweets;
        t.circle = context.circle_tweets;
    }
    // An archive's long post: tweets.js has it cut, note-tweet.js has the rest.
    if (context.archive_notes && !object_field(o, "user")) context.archive_notes->join(t);
    t.edit_ids = read_edit_ids(o);

    if (auto original = object_field(o, "retweeted_status")) {
        read_v1_tweet(*original, where, context, sink, depth + 1);
        std::string original_id = id_field(*original, "id");
        t.is_retweet = true;
        t.retweet_of = original_id;
        // Search the retweet by its original's full text too, as DMI-TCAT rebuilds it.
        std::string original_text;
        std::optional<object> original_entities;
        if (auto ext = object_field(*original, "extended_tweet")) {
            original_text = std::string(string_field(*ext, "full_text"));
            original_entities = object_field(*ext, "entities");
        }
        if (original_text.empty()) {
            original_text = std::string(string_field(*original, "full_text"));
            if (original_text.empty()) original_text = std::string(string_field(*original, "text"));
            original_entities = object_field(*original, "entities");
        }
        std::string original_author;
        if (auto ou = object_field(*original, "user")) original_author = std::string(string_field(*ou, "screen_name"));
        std::vector<std::uint32_t> original_map;
        std::string unescaped = unescape_html(original_text, &original_map);
        EntitySets oes = read_v1_entities(original_entities, original_map);
        t.has_media = t.has_media || oes.has_media;
        set_retweeted(t, original_author, std::move(unescaped), std::move(oes));
    }

    if (auto quoted = object_field(o, "quoted_status")) {
        read_v1_tweet(*quoted, where, context, sink, depth + 1);
    }
    t.quote_of = id_field(o, "quoted_status_id");
    if (t.quote_of.empty()) {
        if (auto quoted = object_field(o, "quoted_status")) t.quote_of = id_field(*quoted, "id");
    }
    t.is_quote = !t.quote_of.empty() || bool_field(o, "is_quote_status");
    // A retweet of a quote carries is_quote_status for its original; it is not itself a quote.
    if ((t.is_retweet || reads_as_retweet(t.text)) && !object_field(o, "quoted_status")) t.is_quote = false;

    finish_tweet(std::move(t), where, sink);
}

// A stream's notices, each an object under its name, in the order they are looked for.
constexpr std::pair<std::string_view, ControlRecord::Kind> kStreamNotices[] = {
    {"delete", ControlRecord::Kind::Delete},
    {"limit", ControlRecord::Kind::Limit},
    {"scrub_geo", ControlRecord::Kind::ScrubGeo},
    {"status_withheld", ControlRecord::Kind::StatusWithheld},
    {"user_withheld", ControlRecord::Kind::UserWithheld},
    {"disconnect", ControlRecord::Kind::Disconnect},
    {"warning", ControlRecord::Kind::Warning},
};
// User-stream housekeeping (friends lists, events): nothing to index.
constexpr std::string_view kUserStreamKeys[] = {"friends", "friends_str", "event", "control", "for_user"};

std::optional<std::pair<ControlRecord::Kind, object>> stream_notice(object o) {
    for (const auto& [key, kind] : kStreamNotices) {
        if (auto body = object_field(o, key)) return std::make_pair(kind, *body);
    }
    return std::nullopt;
}

bool is_control_record(object o) {
    return stream_notice(o) ||
           std::any_of(std::begin(kUserStreamKeys), std::end(kUserStreamKeys), [&](auto key) { return field(o, key); });
}

void read_control(object o, const Location& where, RecordSink& sink) {
    ControlRecord c;
    auto notice = stream_notice(o);
    if (notice) c.kind = notice->first;
    switch (c.kind) {
        case ControlRecord::Kind::Delete:
            if (auto status = object_field(notice->second, "status")) {
                c.status_id = id_field(*status, "id");
                c.user_id = id_field(*status, "user_id");
            }
            if (c.status_id.empty()) return sink.reject(where, "delete notice without a status id");
            break;
        case ControlRecord::Kind::Limit: c.count = int_field(notice->second, "track").value_or(0); break;
        case ControlRecord::Kind::ScrubGeo:
            c.user_id = id_field(notice->second, "user_id");
            c.status_id = id_field(notice->second, "up_to_status_id");
            break;
        case ControlRecord::Kind::StatusWithheld:
            c.status_id = id_field(notice->second, "id");
            c.user_id = id_field(notice->second, "user_id");
            if (c.status_id.empty()) return sink.reject(where, "status_withheld notice without a status id");
            break;
        case ControlRecord::Kind::UserWithheld:
            c.user_id = id_field(notice->second, "id");
            if (c.user_id.empty()) return sink.reject(where, "user_withheld notice without a user id");
            break;
        case ControlRecord::Kind::Disconnect:
            c.message = std::string(string_field(notice->second, "reason"));
            sink.notice(where, fmt::format("the stream was disconnected: {}", c.message.empty() ? "no reason given" : c.message));
            break;
        case ControlRecord::Kind::Warning:
            c.message = std::string(string_field(notice->second, "message"));
            sink.notice(where, fmt::format("stream warning: {}", c.message.empty() ? "no message" : c.message));
            break;
        case ControlRecord::Kind::Other: break;  // user-stream housekeeping
    }
    sink.control(c, where);
}

// like.js: {"like": {"tweetId", "fullText", "expandedUrl"}}. Who wrote it and when is unknown.
void read_archive_like(object like, const Location& where, RecordSink& sink) {
    Tweet t;
    t.id = id_field(like, "tweetId");
    if (auto why = start_tweet(t, {"like without a valid tweetId", ""}, 0, true)) return sink.reject(where, *why);
    t.text = unescape_html(string_field(like, "fullText"));
    t.liked = true;
    finish_tweet(std::move(t), where, sink);
}

bool looks_like_v1_tweet(object o) {
    // id_str is v1.1's own; a bare id needs text beside it to be taken for a tweet.
    return field(o, "id_str") ||
           (field(o, "id") && (field(o, "text") || field(o, "full_text") || field(o, "extended_tweet")));
}

}  // namespace

void json::set_retweeted(Tweet& t, std::string_view original_author, std::string original_text,
                         EntitySets&& oes, bool offsets_known) {
    std::string prefix = "RT @" + std::string(original_author) + ": ";
    t.retweeted_text = prefix + original_text;
    auto shift = static_cast<std::uint32_t>(count_code_points(prefix));
    auto move = [&](auto& list) {
        for (auto& e : list) {
            if (!offsets_known) {
                e.span = {};
                continue;
            }
            e.span.start += shift;
            e.span.end += shift;
        }
    };
    move(oes.mentions);
    move(oes.urls);
    move(oes.hashtags);
    move(oes.cashtags);
    t.retweeted_mentions = std::move(oes.mentions);
    t.retweeted_urls = std::move(oes.urls);
    t.retweeted_hashtags = std::move(oes.hashtags);
    t.retweeted_cashtags = std::move(oes.cashtags);
}

std::optional<std::int64_t> json::plausible_account_date(std::optional<std::int64_t> parsed) {
    if (parsed && !implausible_date(*parsed).empty()) return std::nullopt;
    return parsed;
}

void json::read_v1_tweet_object(object o, const Location& where, const FormatContext& context, RecordSink& sink,
                                int depth) {
    read_v1_tweet(o, where, context, sink, depth);
}

User json::read_v1_user_object(object u) { return read_v1_user(u); }

EntitySets json::read_v1_entity_sets(std::optional<object> entities, const std::vector<std::uint32_t>& offset_map) {
    return read_v1_entities(entities, offset_map);
}

void json::apply_archive_owner(Tweet& t, const FormatContext& context) {
    if (!context.archive_owner) return;
    t.author = *context.archive_owner;
    // The owner's counts are as of the archive's day, not the tweet's: leave them out.
    t.author.followers_count.reset();
    t.author.friends_count.reset();
    t.author.statuses_count.reset();
    if (context.owner_former_names) t.author_former_names = *context.owner_former_names;
}

void read_json_array(array items, const Location& where, const FormatContext& context, RecordSink& sink) {
    std::size_t n = 0;
    for (element item : items) {
        Location at = where;
        at.entry = ++n;
        read_json_value(item, at, context, sink);
    }
}

namespace {

// A JSON record's format: what marks it and how it is read. The first row whose `detect` holds
// reads the record, so a row stands before any whose mark its records may carry too.
struct JsonFormat {
    std::string_view name;
    bool (*detect)(object o);
    void (*read)(object o, const Location& where, const FormatContext& context, RecordSink& sink);
};

constexpr JsonFormat kJsonFormats[] = {
    // A stream's delete, limit, scrub_geo, withheld, disconnect and warning notices and user-stream
    // housekeeping: an object under the notice's name.
    {"stream control", is_control_record,
     [](object o, const Location& where, const FormatContext&, RecordSink& sink) { read_control(o, where, sink); }},
    // X web client: a `__typename` tweet result or `rest_id` with `legacy`, or a response whose
    // `data` holds query names. Before archive entries ({"tweet": ...}, like a
    // TweetWithVisibilityResults) and API v2 (a web client response has `data` too).
    {"web client GraphQL", is_graphql_record, read_graphql_record},
    // Archive tweets.js: {"tweet": {...}}.
    {"archive tweet", [](object o) { return object_field(o, "tweet").has_value(); },
     [](object o, const Location& where, const FormatContext& context, RecordSink& sink) {
         read_v1_tweet(*object_field(o, "tweet"), where, context, sink, 0);
     }},
    // Archive like.js: {"like": {...}}.
    {"archive like", [](object o) { return object_field(o, "like").has_value(); },
     [](object o, const Location& where, const FormatContext&, RecordSink& sink) {
         read_archive_like(*object_field(o, "like"), where, sink);
     }},
    // A v1.1 search response: its tweets under `statuses`.
    {"v1.1 search response", [](object o) { return array_field(o, "statuses").has_value(); },
     [](object o, const Location& where, const FormatContext& context, RecordSink& sink) {
         read_json_array(*array_field(o, "statuses"), where, context, sink);
     }},
    // snscrape: `_type` "snscrape.modules.twitter.*".
    {"snscrape", is_snscrape_record, read_snscrape_record},
    // API v2: a response page or stream line ("data", "includes", "errors"; an empty page has only
    // "meta"), or a flattened tweet (a string id and v2's own fields).
    {"API v2",
     [](object o) {
         return field(o, "data") || field(o, "includes") || array_field(o, "errors") ||
                (object_field(o, "meta") && !field(o, "id")) || looks_like_v2_tweet(o);
     },
     read_v2_record},
    // API v1.1 (and archive tweets of old): id_str, or an id with a text.
    {"API v1.1", looks_like_v1_tweet,
     [](object o, const Location& where, const FormatContext& context, RecordSink& sink) {
         read_v1_tweet(o, where, context, sink, 0);
     }},
    // A v2 compliance record ({"id", "action": "delete", "reason"}) says a tweet or user is gone;
    // it holds nothing to index.
    {"API v2 compliance", [](object o) { return field(o, "action") && field(o, "id") && field(o, "reason"); },
     [](object o, const Location& where, const FormatContext&, RecordSink& sink) {
         sink.notice(where, fmt::format("compliance record ({} {}: {}), not a tweet: skipped",
                                        string_field(o, "action"), string_field(o, "id"), string_field(o, "reason")));
     }},
};

}  // namespace

void read_json_value(element value, const Location& where, const FormatContext& context, RecordSink& sink) {
    if (value.is_array()) {
        read_json_array(array(value), where, context, sink);
        return;
    }
    if (!value.is_object()) {
        sink.reject(where, "not a JSON object (a tweet or a record of a tweet file)");
        return;
    }
    object o(value);
    for (const JsonFormat& format : kJsonFormats) {
        if (format.detect(o)) return format.read(o, where, context, sink);
    }
    sink.reject(where, "not a tweet: an object with neither id_str/id nor text, and no known record type");
}

void read_csv_tweet(const std::function<std::string(std::string_view)>& column, const Location& where,
                    const FormatContext& context, RecordSink& sink) {
    // Columns: tweet_id, in_reply_to_status_id, in_reply_to_user_id, timestamp, source, text,
    // retweeted_status_id, retweeted_status_user_id, retweeted_status_timestamp, expanded_urls.
    Tweet t;
    t.id = column("tweet_id");
    std::string when = column("timestamp");
    if (auto why = start_tweet(t, {"tweets.csv row without a valid tweet_id (\"{}\")", ""}, 0, true, {"timestamp", when}))
        return sink.reject(where, *why);
    t.text = unescape_html(column("text"));
    t.source = strip_tags(column("source"));
    t.in_reply_to_status_id = column("in_reply_to_status_id");
    t.in_reply_to_user_id = column("in_reply_to_user_id");
    if (!all_digits(t.in_reply_to_status_id)) t.in_reply_to_status_id.clear();
    if (!all_digits(t.in_reply_to_user_id)) t.in_reply_to_user_id.clear();
    t.retweet_of = column("retweeted_status_id");
    if (!all_digits(t.retweet_of)) t.retweet_of.clear();
    t.is_retweet = !t.retweet_of.empty();
    std::string urls = column("expanded_urls");
    for (std::size_t start = 0; start < urls.size();) {
        std::size_t comma = urls.find(',', start);
        if (comma == std::string::npos) comma = urls.size();
        std::string url = urls.substr(start, comma - start);
        if (!url.empty()) t.extra_urls.push_back(std::move(url));
        start = comma + 1;
    }
    apply_archive_owner(t, context);
    finish_tweet(std::move(t), where, sink);
}

std::optional<User> read_archive_owner(element value) {
    // account.js: [{"account": {"username", "accountId", "accountDisplayName", "createdAt"}}]
    if (value.is_array()) {
        for (element item : array(value)) {
            if (!item.is_object()) continue;
            if (auto account = object_field(object(item), "account")) {
                User u;
                u.screen_name = std::string(string_field(*account, "username"));
                u.id = std::string(string_field(*account, "accountId"));
                u.name = std::string(string_field(*account, "accountDisplayName"));
                if (auto created = string_field(*account, "createdAt"); !created.empty())
                    u.created_at = plausible_account_date(parse_iso_date(created));
                if (!u.screen_name.empty()) return u;
            }
        }
        return std::nullopt;
    }
    // Grailbird user_details.js: {"screen_name", "full_name", "id", "created_at"}
    if (value.is_object() && field(object(value), "screen_name")) {
        object d(value);
        User u;
        u.screen_name = std::string(string_field(d, "screen_name"));
        u.id = id_field(d, "id");
        u.name = std::string(string_field(d, "full_name"));
        if (auto created = string_field(d, "created_at"); !created.empty())
            u.created_at = plausible_account_date(parse_any_date(created));
        if (!u.screen_name.empty()) return u;
        return std::nullopt;
    }
    // manifest.js: {"userInfo": {"accountId", "userName", "displayName"}, ...}
    if (value.is_object()) {
        if (auto info = object_field(object(value), "userInfo")) {
            User u;
            u.screen_name = std::string(string_field(*info, "userName"));
            u.id = std::string(string_field(*info, "accountId"));
            u.name = std::string(string_field(*info, "displayName"));
            if (!u.screen_name.empty()) return u;
        }
    }
    return std::nullopt;
}

std::vector<std::string> read_former_screen_names(element value) {
    // [{"screenNameChange": {"accountId", "screenNameChange": {"changedAt", "changedFrom", "changedTo"}}}]
    std::vector<std::string> names;
    if (!value.is_array()) return names;
    for (element item : array(value)) {
        if (!item.is_object()) continue;
        auto outer = object_field(object(item), "screenNameChange");
        if (!outer) continue;
        auto change = object_field(*outer, "screenNameChange");
        if (!change) continue;
        std::string from(string_field(*change, "changedFrom"));
        if (!from.empty() && std::find(names.begin(), names.end(), from) == names.end()) names.push_back(from);
    }
    return names;
}

bool read_owner_suspended(element value) {
    // [{"accountSuspension": {"timeStamp": "2022-11-02T10:00:00.000Z", "action": "Suspend"}}, ...]
    if (!value.is_array()) return false;
    std::string latest_time;  // ISO 8601 sorts as text
    bool suspended = false;
    for (element item : array(value)) {
        if (!item.is_object()) continue;
        auto s = object_field(object(item), "accountSuspension");
        if (!s) continue;
        std::string when(string_field(*s, "timeStamp"));
        if (when < latest_time) continue;
        latest_time = when;
        suspended = string_field(*s, "action") == "Suspend";
    }
    return suspended;
}

std::map<std::string, std::int64_t> read_manifest_counts(element value) {
    // {"dataTypes": {"tweets": {"files": [{"fileName": "data/tweets.js", "count": "13"}]}, ...}}
    std::map<std::string, std::int64_t> counts;
    if (!value.is_object()) return counts;
    auto types = object_field(object(value), "dataTypes");
    if (!types) return counts;
    for (const ArchiveDataType& type : kArchiveDataTypes) {
        if (type.manifest_type.empty()) continue;
        auto t = object_field(*types, type.manifest_type);
        if (!t) continue;
        auto files = array_field(*t, "files");
        if (!files) continue;
        for (element f : *files) {
            if (!f.is_object()) continue;
            std::string name(string_field(object(f), "fileName"));
            auto count = int_field(object(f), "count");
            if (!name.empty() && count) counts[name] = *count;
        }
    }
    return counts;
}

std::optional<ArchiveScript> parse_archive_script(std::string_view content) {
    std::size_t start = content.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return std::nullopt;
    content.remove_prefix(start);
    // "window.NAME =" (X archive), "Grailbird.data.NAME =", "var NAME =" (Grailbird).
    std::size_t name_start = 0;
    if (content.rfind("window.", 0) == 0) name_start = 7;
    else if (content.rfind("Grailbird.", 0) == 0) name_start = 0;
    else if (content.rfind("var ", 0) == 0) name_start = 4;
    else return std::nullopt;
    std::size_t eq = content.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    ArchiveScript script;
    std::string_view name = content.substr(name_start, eq - name_start);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    script.global_name = std::string(name);
    std::string_view json = content.substr(eq + 1);
    while (!json.empty() && (json.front() == ' ' || json.front() == '\t' || json.front() == '\r' || json.front() == '\n'))
        json.remove_prefix(1);
    while (!json.empty() && (json.back() == ';' || json.back() == ' ' || json.back() == '\n' || json.back() == '\r' ||
                             json.back() == '\t'))
        json.remove_suffix(1);
    script.json = json;
    if (name == "__THAR_CONFIG") {
        script.kind = ArchiveScript::Kind::Manifest;
    } else if (name.rfind("YTD.", 0) == 0) {
        std::string_view type = name.substr(4, name.find('.', 4) - 4);
        for (const ArchiveDataType& known : kArchiveDataTypes) {
            if (known.ytd_type != type) continue;
            script.kind = known.kind;
            script.community = known.community;
            script.circle = known.circle;
            script.deleted = known.deleted;
        }
    } else if (name.rfind("Grailbird.data.tweets_", 0) == 0) {
        script.kind = ArchiveScript::Kind::Tweets;
        script.grailbird = true;
    } else if (name == "user_details") {
        script.kind = ArchiveScript::Kind::GrailbirdUser;
    }
    return script;
}

}  // namespace ti
