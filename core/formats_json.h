// Shared by the format readers (formats*.cpp), not by anything else: reading simdjson DOM
// fields that may be absent, null, numbers or strings, and the entity lists every format maps
// onto the tweet model.
#pragma once

#include "dates.h"
#include "formats.h"
#include "tweet.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ti::json {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// How deep originals may nest (a retweet of a quote of a ...) before a record is refused.
inline constexpr int kMaxTweetNesting = 4;
inline constexpr std::string_view kTooDeeplyNested = "tweets nested more than 4 deep (retweet of a quote of ...)";

// A field that is present and not null.
inline std::optional<element> field(object o, std::string_view key) {
    auto r = o.at_key(key);
    if (r.error()) return std::nullopt;
    element e = r.value_unsafe();
    if (e.is_null()) return std::nullopt;
    return e;
}

inline std::optional<object> object_field(object o, std::string_view key) {
    auto e = field(o, key);
    if (!e || !e->is_object()) return std::nullopt;
    return object(*e);
}

inline std::optional<array> array_field(object o, std::string_view key) {
    auto e = field(o, key);
    if (!e || !e->is_array()) return std::nullopt;
    return array(*e);
}

inline std::string_view string_field(object o, std::string_view key) {
    auto e = field(o, key);
    if (!e || !e->is_string()) return {};
    return std::string_view(*e);
}

// Numbers may be JSON numbers or strings (archives write every number as a string). A number
// beyond a signed 64-bit integer is no count or offset: it is dropped (nullopt), not wrapped.
inline std::optional<std::int64_t> as_int(element e) {
    switch (e.type()) {
        case element_type::INT64: return std::int64_t(e);
        case element_type::UINT64: {
            std::uint64_t v(e);
            if (v > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
            return static_cast<std::int64_t>(v);
        }
        case element_type::DOUBLE: {
            double v(e);
            // -2^63 and 2^63 are exact doubles; converting a value outside [-2^63, 2^63) is undefined.
            if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) return std::nullopt;
            return static_cast<std::int64_t>(v);
        }
        case element_type::STRING: {
            std::string_view s(e);
            std::int64_t v = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
            return v;
        }
        case element_type::BOOL: return bool(e) ? 1 : 0;
        default: return std::nullopt;
    }
}

inline std::optional<std::int64_t> int_field(object o, std::string_view key) {
    auto e = field(o, key);
    if (!e) return std::nullopt;
    return as_int(*e);
}

inline bool bool_field(object o, std::string_view key) {
    auto e = field(o, key);
    if (!e) return false;
    if (e->is_bool()) return bool(*e);
    if (e->is_string()) return std::string_view(*e) == "true";
    return false;
}

inline bool all_digits(std::string_view s) {
    if (s.empty() || s.size() > 20) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// An id from `<key>_str` when present, else from `<key>` as an exact integer or string. A
// 64-bit id read as a double would be wrong, so a double is refused.
inline std::string id_field(object o, std::string_view key) {
    std::string str_key = std::string(key) + "_str";
    std::string_view s = string_field(o, str_key);
    if (all_digits(s)) return std::string(s);
    auto e = field(o, key);
    if (!e) return {};
    switch (e->type()) {
        case element_type::INT64: return std::int64_t(*e) >= 0 ? std::to_string(std::int64_t(*e)) : std::string{};
        case element_type::UINT64: return std::to_string(std::uint64_t(*e));
        case element_type::STRING: {
            std::string_view v(*e);
            return all_digits(v) ? std::string(v) : std::string{};
        }
        default: return {};
    }
}

// Entity offsets count code points of the HTML-escaped text (v1.1 `indices`, v2 `start`/`end`);
// `offset_map` (from unescape_html) maps them onto the unescaped text.
inline Span map_span(std::int64_t start, std::int64_t end, const std::vector<std::uint32_t>& offset_map) {
    auto map = [&](std::int64_t cp) -> std::uint32_t {
        if (cp < 0) return 0;
        if (static_cast<std::size_t>(cp) >= offset_map.size()) return offset_map.empty() ? 0 : offset_map.back();
        return offset_map[static_cast<std::size_t>(cp)];
    };
    return Span{map(start), map(end)};
}

inline Span span_of(object entity, const std::vector<std::uint32_t>& offset_map) {
    auto indices = array_field(entity, "indices");
    if (!indices) return {};
    std::int64_t bounds[2] = {0, 0};
    std::size_t i = 0;
    for (element v : *indices) {
        if (i >= 2) break;
        bounds[i++] = as_int(v).value_or(0);
    }
    return map_span(bounds[0], bounds[1], offset_map);
}

struct EntitySets {
    std::vector<Mention> mentions;
    std::vector<Url> urls;
    std::vector<Tag> hashtags;
    std::vector<Tag> cashtags;
    bool has_media = false;
    std::vector<Media> media;
};

// The entity lists of a tweet, read the same way in every format that gives objects with
// offsets; each reader states only its field names (formats_entity_lists.cpp). `span` reads an
// entity's place: span_of (v1.1 `indices`), v2_span (`start`/`end`) or the archive notes'.
using SpanReader = Span (*)(object entity, const std::vector<std::uint32_t>& offset_map);
Span v2_span(object entity, const std::vector<std::uint32_t>& offset_map);

struct MentionFieldNames {
    std::string_view screen_name;  // an entry without one is skipped
    std::string_view name;         // empty: the format's mentions carry no name
};
// The mentions of `list` (absent: none), in order, appended to `into`; the id from `id`.
void read_mention_list(std::optional<array> list, const MentionFieldNames& names, SpanReader span,
                       const std::vector<std::uint32_t>& offset_map, std::vector<Mention>& into);

struct UrlFieldNames {
    std::string_view short_url;                   // the t.co link as typed
    std::initializer_list<std::string_view> target;  // where it leads, best first; else the short link
};
// The links of `list`, appended to `into`; one that leads nowhere (no target, no short link) is skipped.
void read_url_list(std::optional<array> list, const UrlFieldNames& names, SpanReader span,
                   const std::vector<std::uint32_t>& offset_map, std::vector<Url>& into);

// The hashtags or cashtags of `list`, their text from the first of `text_keys` a tag has; a tag
// without text is skipped.
void read_tag_list(std::optional<array> list, std::initializer_list<std::string_view> text_keys, SpanReader span,
                   const std::vector<std::uint32_t>& offset_map, std::vector<Tag>& into);

// A v1.1 `media` list (entities or extended_entities): formats_media.cpp.
std::vector<Media> read_v1_media(array list, const std::vector<std::uint32_t>& offset_map);


// What a format calls the parts every tweet must have, for the reasons a record is refused
// with ("{}" stands for the id as read).
struct TweetRules {
    std::string_view no_id;    // the id is missing or not decimal digits
    std::string_view no_text;  // the record has no text field; empty when the format needs none
};

// A tweet's date as the file wrote it.
struct RawDate {
    std::string_view field;  // its name in the format, for messages
    std::string_view text;   // empty when the file gave none
    std::optional<std::int64_t> (*parse)(std::string_view) = parse_any_date;
};

// Why a tweet nested `depth` deep in a record (0: the record's own) is refused; nullopt when it is not.
std::optional<std::string> nesting_rejection(int depth);
// The opening every reader shares once it has read the id (into t.id) and the text: the nesting,
// id, text and date checks (dates.h, implausible_date), in that order. The reason when the record
// is refused; else nullopt, with t.created_at set from the date when there is one (formats_finish.cpp).
std::optional<std::string> start_tweet(Tweet& t, const TweetRules& rules, int depth, bool has_text,
                                       const RawDate& date = {});
// The entities a file gives for the tweet's text, put on it (its media added to what it has).
void take_entities(Tweet& t, EntitySets&& entities);
// "RT @author: ...": a retweet, whether or not the file says so.
bool reads_as_retweet(std::string_view text);
// The closing every reader shares: a retweet known only by its text is marked, and the tweet goes
// to the sink.
void finish_tweet(Tweet&& t, const Location& where, RecordSink& sink);

// An account's date: one no account can have is dropped (nullopt); the account is kept.
std::optional<std::int64_t> plausible_account_date(std::optional<std::int64_t> parsed);

// The names a flat user object (API v1.1, snscrape) gives its fields; its id is `id` (or `id_str`),
// `verified` and `protected` are named alike everywhere. An empty name: the format has no such field.
struct UserFieldNames {
    std::string_view screen_name, name, followers, friends, statuses, created_at, description, location;
};
User read_flat_user(object u, const UserFieldNames& names);

// For a retweet: "RT @author: " + the original's (unescaped) text, and the original's entities
// shifted past that prefix, searched as well as the retweet's own. A format without offsets
// (`offsets_known` false) keeps the spans unknown.
void set_retweeted(Tweet& t, std::string_view original_author, std::string original_text, EntitySets&& entities,
                   bool offsets_known = true);

// Copies an owner's archive-wide facts onto an archive tweet that carries no user.
void apply_archive_owner(Tweet& t, const FormatContext& context);

// API v2 (twarc2 pages, stream lines, flattened tweets) and snscrape: formats_v2.cpp.
bool looks_like_v2_tweet(object o);
void read_v2_record(object o, const Location& where, const FormatContext& context, RecordSink& sink);
bool is_snscrape_record(object o);
void read_snscrape_record(object o, const Location& where, const FormatContext& context, RecordSink& sink);

// The v1.1 reader (formats.cpp), for formats that embed v1.1-shaped objects: the X web client's
// `legacy` tweet and user, and its long posts' `entity_set`.
void read_v1_tweet_object(object o, const Location& where, const FormatContext& context, RecordSink& sink, int depth);
User read_v1_user_object(object u);
EntitySets read_v1_entity_sets(std::optional<object> entities, const std::vector<std::uint32_t>& offset_map);

// The versions of an edited tweet, first to last, from an archive's `edit_info` (`initial.editTweetIds`,
// or `edit.editControlInitial.editTweetIds` with `edit.initialTweetId`), v1.1's `edit_history`, API v2's
// `edit_history_tweet_ids` or the web client's `edit_control`; empty when there was no edit
// (formats_edits.cpp).
std::vector<std::string> read_edit_ids(object tweet);

// X web client GraphQL captures (timelines, searches, TweetDetail, Zeeschuimer/4CAT lines, bare
// tweet results): formats_graphql.cpp.
bool is_graphql_record(object o);
void read_graphql_record(object o, const Location& where, const FormatContext& context, RecordSink& sink);

}  // namespace ti::json
