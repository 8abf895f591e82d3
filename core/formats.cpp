#include "formats.h"

#include "dates.h"
#include "text.h"

#include <fmt/format.h>

#include <charconv>

namespace ti {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

std::string Location::describe() const {
    std::string out = file;
    if (line) out += fmt::format(":{}", line);
    if (entry) out += fmt::format("{}entry {}", line ? ": " : ": ", entry);
    return out;
}

namespace {

// A field that is present and not null.
std::optional<element> field(object o, std::string_view key) {
    auto r = o.at_key(key);
    if (r.error()) return std::nullopt;
    element e = r.value_unsafe();
    if (e.is_null()) return std::nullopt;
    return e;
}

std::optional<object> object_field(object o, std::string_view key) {
    auto e = field(o, key);
    if (!e || !e->is_object()) return std::nullopt;
    return object(*e);
}

std::optional<array> array_field(object o, std::string_view key) {
    auto e = field(o, key);
    if (!e || !e->is_array()) return std::nullopt;
    return array(*e);
}

std::string_view string_field(object o, std::string_view key) {
    auto e = field(o, key);
    if (!e || !e->is_string()) return {};
    return std::string_view(*e);
}

// Numbers may be JSON numbers or strings (archives write every number as a string).
std::optional<std::int64_t> as_int(element e) {
    switch (e.type()) {
        case element_type::INT64: return std::int64_t(e);
        case element_type::UINT64: return static_cast<std::int64_t>(std::uint64_t(e));
        case element_type::DOUBLE: return static_cast<std::int64_t>(double(e));
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

std::optional<std::int64_t> int_field(object o, std::string_view key) {
    auto e = field(o, key);
    if (!e) return std::nullopt;
    return as_int(*e);
}

bool bool_field(object o, std::string_view key) {
    auto e = field(o, key);
    if (!e) return false;
    if (e->is_bool()) return bool(*e);
    if (e->is_string()) return std::string_view(*e) == "true";
    return false;
}

bool all_digits(std::string_view s) {
    if (s.empty() || s.size() > 20) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// An id from `<key>_str` when present, else from `<key>` as an exact integer or string. A
// 64-bit id read as a double would be wrong, so a double is refused.
std::string id_field(object o, std::string_view key) {
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

// Entity `indices` count code points of the HTML-escaped text; map them to the unescaped text.
Span span_of(object entity, const std::vector<std::uint32_t>& offset_map) {
    Span span;
    auto indices = array_field(entity, "indices");
    if (!indices) return span;
    std::int64_t bounds[2] = {0, 0};
    std::size_t i = 0;
    for (element v : *indices) {
        if (i >= 2) break;
        bounds[i++] = as_int(v).value_or(0);
    }
    auto map = [&](std::int64_t cp) -> std::uint32_t {
        if (cp < 0) return 0;
        if (static_cast<std::size_t>(cp) >= offset_map.size()) return offset_map.empty() ? 0 : offset_map.back();
        return offset_map[static_cast<std::size_t>(cp)];
    };
    span.start = map(bounds[0]);
    span.end = map(bounds[1]);
    return span;
}

struct EntitySets {
    std::vector<Mention> mentions;
    std::vector<Url> urls;
    std::vector<Tag> hashtags;
    std::vector<Tag> cashtags;
    bool has_media = false;
};

EntitySets read_v1_entities(std::optional<object> entities, const std::vector<std::uint32_t>& offset_map) {
    EntitySets out;
    if (!entities) return out;
    if (auto list = array_field(*entities, "user_mentions")) {
        for (element e : *list) {
            if (!e.is_object()) continue;
            object m(e);
            Mention mention;
            mention.screen_name = std::string(string_field(m, "screen_name"));
            if (mention.screen_name.empty()) continue;
            mention.user_id = id_field(m, "id");
            mention.name = std::string(string_field(m, "name"));
            mention.span = span_of(m, offset_map);
            out.mentions.push_back(std::move(mention));
        }
    }
    if (auto list = array_field(*entities, "urls")) {
        for (element e : *list) {
            if (!e.is_object()) continue;
            object u(e);
            Url url;
            url.url = std::string(string_field(u, "url"));
            url.expanded_url = std::string(string_field(u, "expanded_url"));
            if (url.expanded_url.empty()) url.expanded_url = url.url;
            if (url.expanded_url.empty()) continue;
            url.span = span_of(u, offset_map);
            out.urls.push_back(std::move(url));
        }
    }
    auto read_tags = [&](std::string_view key, std::vector<Tag>& into) {
        if (auto list = array_field(*entities, key)) {
            for (element e : *list) {
                if (!e.is_object()) continue;
                object t(e);
                Tag tag{std::string(string_field(t, "text")), span_of(t, offset_map)};
                if (!tag.text.empty()) into.push_back(std::move(tag));
            }
        }
    };
    read_tags("hashtags", out.hashtags);
    read_tags("symbols", out.cashtags);
    if (auto media = array_field(*entities, "media")) out.has_media = media->size() > 0;
    return out;
}

User read_v1_user(object u) {
    User user;
    user.id = id_field(u, "id");
    user.screen_name = std::string(string_field(u, "screen_name"));
    user.name = std::string(string_field(u, "name"));
    user.followers_count = int_field(u, "followers_count");
    user.friends_count = int_field(u, "friends_count");
    user.statuses_count = int_field(u, "statuses_count");
    if (auto created = string_field(u, "created_at"); !created.empty()) user.created_at = parse_any_date(created);
    user.verified = bool_field(u, "verified");
    user.description = std::string(string_field(u, "description"));
    user.location = std::string(string_field(u, "location"));
    user.protected_ = bool_field(u, "protected");
    return user;
}

// Converts an API v1.1 tweet (or an archive tweets.js tweet, the same shape with strings for
// numbers and no user). Nested originals (retweeted_status, quoted_status) are emitted first.
void read_v1_tweet(object o, const Location& where, const FormatContext& context, RecordSink& sink, int depth) {
    if (depth > 4) {
        sink.reject(where, "tweets nested more than 4 deep (retweet of a quote of ...)");
        return;
    }
    Tweet t;
    t.id = id_field(o, "id");
    if (t.id.empty()) {
        sink.reject(where, "tweet without a valid id (neither id_str nor an integer id)");
        return;
    }

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
    if (escaped.empty() && !field(o, "text") && !field(o, "full_text")) {
        sink.reject(where, fmt::format("tweet {} has no text, full_text or extended_tweet.full_text", t.id));
        return;
    }
    std::vector<std::uint32_t> offset_map;
    t.text = unescape_html(escaped, &offset_map);
    EntitySets es = read_v1_entities(entities, offset_map);
    t.entities_given = entities.has_value();
    t.mentions = std::move(es.mentions);
    t.urls = std::move(es.urls);
    t.hashtags = std::move(es.hashtags);
    t.cashtags = std::move(es.cashtags);
    t.has_media = t.has_media || es.has_media;
    if (auto ext_entities = object_field(o, "extended_entities"); ext_entities && array_field(*ext_entities, "media"))
        t.has_media = true;

    if (auto created = string_field(o, "created_at"); !created.empty()) {
        auto when = parse_any_date(created);
        if (!when) {
            sink.reject(where, fmt::format("tweet {}: unreadable created_at \"{}\"", t.id, created));
            return;
        }
        t.created_at = *when;
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
    } else if (context.archive_owner) {
        t.author = *context.archive_owner;
        // The owner's counts are as of the archive's day, not the tweet's: leave them out.
        t.author.followers_count.reset();
        t.author.friends_count.reset();
        t.author.statuses_count.reset();
    }

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
        t.retweeted_text = "RT @" + original_author + ": " + unescaped;
        EntitySets oes = read_v1_entities(original_entities, original_map);
        std::uint32_t shift = static_cast<std::uint32_t>(count_code_points("RT @" + original_author + ": "));
        for (auto* list : {&oes.mentions}) for (auto& m : *list) { m.span.start += shift; m.span.end += shift; }
        for (auto& u : oes.urls) { u.span.start += shift; u.span.end += shift; }
        for (auto& h : oes.hashtags) { h.span.start += shift; h.span.end += shift; }
        for (auto& c : oes.cashtags) { c.span.start += shift; c.span.end += shift; }
        t.retweeted_mentions = std::move(oes.mentions);
        t.retweeted_urls = std::move(oes.urls);
        t.retweeted_hashtags = std::move(oes.hashtags);
        t.retweeted_cashtags = std::move(oes.cashtags);
        t.has_media = t.has_media || oes.has_media;
    } else if (t.text.rfind("RT @", 0) == 0) {
        // Archives and old clients: a retweet known only by its text.
        t.is_retweet = true;
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
    if (t.is_retweet && !object_field(o, "quoted_status")) t.is_quote = false;

    sink.tweet(std::move(t), where);
}

bool read_control(object o, const Location& where, RecordSink& sink) {
    ControlRecord c;
    if (auto d = object_field(o, "delete")) {
        c.kind = ControlRecord::Kind::Delete;
        if (auto status = object_field(*d, "status")) {
            c.status_id = id_field(*status, "id");
            c.user_id = id_field(*status, "user_id");
        }
        if (c.status_id.empty()) {
            sink.reject(where, "delete notice without a status id");
            return true;
        }
    } else if (auto l = object_field(o, "limit")) {
        c.kind = ControlRecord::Kind::Limit;
        c.count = int_field(*l, "track").value_or(0);
    } else if (auto s = object_field(o, "scrub_geo")) {
        c.kind = ControlRecord::Kind::ScrubGeo;
        c.user_id = id_field(*s, "user_id");
        c.status_id = id_field(*s, "up_to_status_id");
    } else if (auto s = object_field(o, "status_withheld")) {
        c.kind = ControlRecord::Kind::StatusWithheld;
        c.status_id = id_field(*s, "id");
        c.user_id = id_field(*s, "user_id");
    } else if (auto s = object_field(o, "user_withheld")) {
        c.kind = ControlRecord::Kind::UserWithheld;
        c.user_id = id_field(*s, "id");
    } else if (auto s = object_field(o, "disconnect")) {
        c.kind = ControlRecord::Kind::Disconnect;
        c.message = std::string(string_field(*s, "reason"));
    } else if (auto s = object_field(o, "warning")) {
        c.kind = ControlRecord::Kind::Warning;
        c.message = std::string(string_field(*s, "message"));
    } else if (field(o, "friends") || field(o, "friends_str") || field(o, "event") || field(o, "control") ||
               field(o, "for_user")) {
        c.kind = ControlRecord::Kind::Other;  // user-stream housekeeping: nothing to index
    } else {
        return false;
    }
    sink.control(c, where);
    return true;
}

bool looks_like_v1_tweet(object o) {
    // id_str is v1.1's own; a bare id needs text beside it to be taken for a tweet.
    return field(o, "id_str") ||
           (field(o, "id") && (field(o, "text") || field(o, "full_text") || field(o, "extended_tweet")));
}

}  // namespace

void read_json_array(array items, const Location& where, const FormatContext& context, RecordSink& sink) {
    std::size_t n = 0;
    for (element item : items) {
        Location at = where;
        at.entry = ++n;
        read_json_value(item, at, context, sink);
    }
}

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
    if (read_control(o, where, sink)) return;
    if (auto archived = object_field(o, "tweet")) {  // archive tweets.js: {"tweet": {...}}
        read_v1_tweet(*archived, where, context, sink, 0);
        return;
    }
    if (auto statuses = array_field(o, "statuses")) {  // v1.1 search response
        read_json_array(*statuses, where, context, sink);
        return;
    }
    if (looks_like_v1_tweet(o)) {
        read_v1_tweet(o, where, context, sink, 0);
        return;
    }
    if (field(o, "data") || field(o, "_type")) {
        sink.reject(where, "API v2 and snscrape records are not read yet (see issue 3)");
        return;
    }
    sink.reject(where, "not a tweet: an object with neither id_str/id nor text, and no known record type");
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
                    u.created_at = parse_iso_date(created);
                if (!u.screen_name.empty()) return u;
            }
        }
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

std::optional<ArchiveScript> parse_archive_script(std::string_view content) {
    std::size_t start = content.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return std::nullopt;
    content.remove_prefix(start);
    if (content.rfind("window.", 0) != 0) return std::nullopt;
    std::size_t eq = content.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    ArchiveScript script;
    std::string_view name = content.substr(7, eq - 7);
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
        if (type == "tweets" || type == "tweet") script.kind = ArchiveScript::Kind::Tweets;
        else if (type == "account") script.kind = ArchiveScript::Kind::Account;
    }
    return script;
}

}  // namespace ti
